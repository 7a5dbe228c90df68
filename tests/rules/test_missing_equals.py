from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL303"


@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_text_without_equals(args: str) -> None:
    (found,) = rule_findings("Score settings for test\nMETADATA_URL=http://song:8080\n", CODE, args)
    assert found.line == 1 and found.severity is Severity.ERROR


def test_compose_last_line_without_break_is_a_warning() -> None:
    (found,) = rule_findings("METADATA_URL=http://song:8080\nS3_SECRETKEY", CODE, "--dialect compose")
    assert found.line == 2 and found.severity is Severity.WARNING


def test_clean() -> None:
    assert_findings("# Score settings for test\nMETADATA_URL=http://song:8080\nS3_SECRETKEY\n", [], code=CODE)


def test_a_setting_followed_by_a_blank_names_the_setting_not_the_value() -> None:
    for args in ("", "--dialect compose"):
        (found,) = rule_findings("AZURE_ACCOUNTKEY n4Bq9xTf2LwZ7pRv\n", CODE, args)
        assert found.message.startswith("AZURE_ACCOUNTKEY is followed by a blank instead of '='")
        assert "n4Bq" not in found.message
    (found,) = rule_findings("Score settings for the test cluster\n", CODE)  # not a setting: the plain message
    assert found.message == "line has no '=' and contains blanks; docker refuses the file."
