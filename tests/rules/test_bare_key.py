from __future__ import annotations

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL309"


def test_fires_under_docker() -> None:
    (found,) = rule_findings("METADATA_URL=http://song:8080\nS3_SECRETKEY\n", CODE)
    assert (found.line, found.key, found.severity) == (2, "S3_SECRETKEY", Severity.WARNING)
    assert "shell" in found.message


def test_only_docker() -> None:
    assert_findings("S3_SECRETKEY\n", [], "--dialect compose", code=CODE)


def test_clean() -> None:
    assert_findings("S3_SECRETKEY=\n# S3_SECRETKEY\n", [], code=CODE)


def test_a_line_read_as_one_long_name_is_left_to_sl101() -> None:
    assert_findings("S3_SECRETKEY:n4Bq9xTf2LwZ7pRv\n", [], code=CODE)
    assert_findings("S3_SECRETKEY:n4Bq9xTf2LwZ7pRv\n", [(1, "SL101")], code="SL101")
