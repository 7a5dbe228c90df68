from __future__ import annotations

import pytest

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL211"


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
@pytest.mark.parametrize("cron", ["0 3 * * *", "0 0 25 * * ?", "0 0 0 * * ? 2026", "every night", "@nightly"])
def test_fires_on_every_line(line: str, cron: str) -> None:
    assert_findings(f"UPLOAD_CLEAN_CRON={cron}\n", [(1, CODE)], f"--score-version {line}", code=CODE)


def test_macros_from_5_11_on() -> None:
    assert_findings("UPLOAD_CLEAN_CRON=@daily\n", [(1, CODE)], "--score-version 5.10", code=CODE)
    assert_findings("UPLOAD_CLEAN_CRON=@daily\n", [], "--score-version 5.11", code=CODE)
    assert_findings("UPLOAD_CLEAN_CRON=@daily\n", [], "--score-version develop", code=CODE)


@pytest.mark.parametrize("cron", ["0 0 0 * * ?", "0 */15 * * * MON-FRI", "0 0 3 ? * SUN"])
def test_clean(cron: str) -> None:
    assert_findings(f"UPLOAD_CLEAN_CRON={cron}\n", [], code=CODE)


@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_quotes_and_comments_are_judged_as_meant(args: str) -> None:
    text = 'UPLOAD_CLEAN_CRON="0 0 0 * * ?"\n'
    assert_findings(text, [], args, code=CODE)
    assert_findings('UPLOAD_CLEAN_CRON="0 3 * * *"\n', [(1, CODE)], args, code=CODE)


def test_quiet_when_the_job_is_off() -> None:
    assert_findings("UPLOAD_CLEAN_ENABLED=false\nUPLOAD_CLEAN_CRON=0 3 * * *\n", [], code=CODE)
    assert_findings("UPLOAD_CLEAN_ENABLED=FALSE\nUPLOAD_CLEAN_CRON=0 3 * * *\n", [], code=CODE)
    assert_findings("UPLOAD_CLEAN_ENABLED=no\nUPLOAD_CLEAN_CRON=0 3 * * *\n", [(2, CODE)], code=CODE)
    # The dev profile switches the job off by default.
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,dev\nUPLOAD_CLEAN_CRON=0 3 * * *\n", [], code=CODE)


@pytest.mark.parametrize("cron", ["0 3 * * *", "0 0 25 * * ?", "0 0 0 * * ? 2026", "@nightly", "0 0 0 * * X/Y"])
def test_message_never_repeats_the_expression(cron: str) -> None:
    (found,) = rule_findings(f"UPLOAD_CLEAN_CRON={cron}\n", CODE)
    assert "Score fails to start" in found.message
    for part in cron.split():
        if part not in ("*", "?", "0"):
            assert part not in found.message, found.message


def test_five_fields_message() -> None:
    (found,) = rule_findings("UPLOAD_CLEAN_CRON=0 3 * * *\n", CODE)
    assert "five fields" in found.message and "six" in found.message
