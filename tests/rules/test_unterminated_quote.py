from __future__ import annotations

from score_lint.findings import Severity
from tests.helpers import assert_findings, lint
from tests.rules._fixes import rule_findings

CODE = "SL307"


def test_compose_refuses() -> None:
    assert_findings('OBJECT_SENTINEL=heliograph\nMETADATA_URL="http://song:8080\nS3_SECURED=true\n', [(2, CODE)],
                    "--dialect compose", code=CODE)
    assert_findings("METADATA_URL='http://song:8080\n", [(1, CODE)], "--dialect compose", code=CODE)


def test_docker_has_no_quoting() -> None:
    assert_findings('METADATA_URL="http://song:8080\n', [], code=CODE)


def test_clean() -> None:
    assert_findings('METADATA_URL="http://song:8080"\nA="multi\nline"\n', [], "--dialect compose", code=CODE)


def test_docker_value_closed_on_a_later_line() -> None:
    """docker reads one line per variable: the second line of a quoted secret becomes a name of its own."""
    (found,) = rule_findings('S3_SECRETKEY="n4Bq9xTf\n2LwZ7pRv"\nMETADATA_URL=http://song:8080\n', CODE)
    assert (found.line, found.column, found.severity) == (1, 14, Severity.ERROR)
    assert "goes on to line 2" in found.message and "2LwZ" not in found.message
    # ... and nothing reports the second line as a name (its text is the rest of the secret).
    assert [f for f in lint('S3_SECRETKEY="n4Bq9xTf\n2LwZ7pRv"\n').findings if f.line == 2] == []


def test_docker_a_quote_closed_by_an_assignment_of_its_own_is_no_multi_line_value() -> None:
    assert_findings('METADATA_URL="http://song:8080\nS3_ENDPOINT="http://minio:9000"\n', [], code=CODE)


def test_docker_the_last_line_of_a_base64_secret_ends_in_equals_and_the_quote() -> None:
    """``rest=="`` looks like an assignment, but one without a closing quote of its own: it closes ours."""
    text = 'S3_SECRETKEY="n4Bq9xTf\n2LwZ7pRv=="\nMETADATA_URL="http://song:8080"\n'
    assert_findings(text, [(1, CODE)], code=CODE)
    assert [f.code for f in lint(text).findings if f.line == 2] == []
