from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import fixed, rule_findings

CODE = "SL202"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('S3_SIGV4ENABLED="true"', "Score fails to start"),
        ("UPLOAD_PARTSIZE='104857600'", "Score fails to start"),
        ('UPLOAD_CLEAN_CRON="0 0 0 * * ?"', "Score fails to start"),
        ('S3_ENDPOINT="http://minio:9000"', "Score uses a value with the quote characters"),
        ('BUCKET_NAME_OBJECT="score-object"', "Score uses a value with the quote characters"),
        ('S3_SECRETKEY="Zq4vT8rW2mXk9LpN"', "the credential includes the quote characters"),
        ('SPRING_PROFILES_ACTIVE="collaboratory,prod"', "profile names"),
    ],
)
def test_fires_under_docker_with_the_consequence(line: str, expected: str) -> None:
    (found,) = rule_findings(line + "\n", CODE)
    assert found.line == 1 and found.severity is Severity.ERROR
    assert expected in found.message


@pytest.mark.parametrize(
    "line",
    ['S3_SIGV4ENABLED="true"', 'S3_ENDPOINT="http://minio:9000" # local', "S3_SECRETKEY='x y'"],
)
def test_never_fires_under_compose(line: str) -> None:
    assert_findings(line + "\n", [], "--dialect compose", code=CODE)


@pytest.mark.parametrize(
    "line",
    ["S3_SIGV4ENABLED=true", 'OBJECT_SENTINEL=a"b"', 'OBJECT_SENTINEL="half', "OBJECT_SENTINEL=\"x'", "FOO=\"bar\""],
)
def test_clean(line: str) -> None:
    assert_findings(line + "\n", [], code=CODE)


def test_quotes_before_a_comment_or_blanks_still_count() -> None:
    text = 'S3_ENDPOINT="http://minio:9000" # local\nS3_SIGV4ENABLED="true"  \n'
    assert_findings(text, [(1, CODE), (2, CODE)], code=CODE)
    # ...but their quotes are only stripped once the comment and blanks are gone.
    assert fixed(text, CODE) == text


def test_safe_fix_strips_the_outer_quotes() -> None:
    assert fixed('S3_SIGV4ENABLED="true"\nS3_ACCESSKEY=\'k\'\n', CODE) == "S3_SIGV4ENABLED=true\nS3_ACCESSKEY=k\n"


@pytest.mark.parametrize(
    "line",
    ['OBJECT_SENTINEL="a"b"', 'OBJECT_SENTINEL=" padded"', 'OBJECT_SENTINEL="padded "', 'OBJECT_SENTINEL="a #b"'],
)
def test_no_fix_when_the_inside_would_change_meaning(line: str) -> None:
    (found,) = rule_findings(line + "\n", CODE)
    assert found.fix is None


def test_clean_enabled_true_is_only_a_warning_and_false_is_sl212s() -> None:
    (found,) = rule_findings('UPLOAD_CLEAN_ENABLED="true"\n', CODE)
    assert found.severity is Severity.WARNING
    assert_findings('UPLOAD_CLEAN_ENABLED="false"\n', [], code=CODE)
    assert_findings('UPLOAD_CLEAN_ENABLED="false"\n', [(1, "SL212")], code="SL212")


def test_message_never_shows_the_value() -> None:
    (found,) = rule_findings('S3_SECRETKEY="Zq4vT8rW2mXk9LpN"\n', CODE)
    assert "Zq4v" not in found.message and "Zq4v" not in (found.fix.description if found.fix else "")


def test_only_the_entry_that_reaches_score() -> None:
    text = 'S3_SIGV4ENABLED=true\nS3_SIGV4ENABLED="true"\n'
    assert_findings(text, [], code=CODE)


def test_quoted_cron_is_harmless_while_the_clean_up_is_off() -> None:
    # docs/overture-stack__website__main__markdown-documentation-score-docker-install-configuration-object-storage.md,
    # line 61, in a file that switches the clean-up job off: Score never parses the schedule.
    text = 'UPLOAD_CLEAN_CRON="0 0 0 * * ?"\nUPLOAD_CLEAN_ENABLED=false\n'
    (finding,) = rule_findings(text, CODE)
    assert finding.severity is Severity.INFO
    assert "harmless" in finding.message and "fails to start" in finding.message  # says when it would matter
    (on,) = rule_findings('UPLOAD_CLEAN_CRON="0 0 0 * * ?"\nUPLOAD_CLEAN_ENABLED=true\n', CODE)
    assert on.severity is Severity.ERROR


def test_cron_comment_is_harmless_while_the_clean_up_is_off() -> None:
    (finding,) = rule_findings("UPLOAD_CLEAN_CRON=0 0 3 * * ? # nightly\nUPLOAD_CLEAN_ENABLED=false\n", "SL203")
    assert finding.severity is Severity.INFO
