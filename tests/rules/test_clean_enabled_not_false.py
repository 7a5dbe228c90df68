from __future__ import annotations

import pytest

from tests.helpers import assert_findings
from tests.rules._fixes import fixed, rule_findings

CODE = "SL212"


@pytest.mark.parametrize("value", ["no", "off", "0", "NO", "Off"])
@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_fires_for_words_that_mean_off(value: str, args: str) -> None:
    (found,) = rule_findings(f"UPLOAD_CLEAN_ENABLED={value}\n", CODE, args)
    assert "any value but false leaves the clean-up job on" in found.message
    assert found.fix is not None and not found.fix.safe


@pytest.mark.parametrize("value", ['"false"', "'false'", "false ", "false # off"])
def test_docker_keeps_what_surrounds_false(value: str) -> None:
    assert_findings(f"UPLOAD_CLEAN_ENABLED={value}\n", [(1, CODE)], code=CODE)
    assert_findings(f"UPLOAD_CLEAN_ENABLED={value}\n", [], "--dialect compose", code=CODE)


@pytest.mark.parametrize("value", ["false", "FALSE", "False", "true", "yes", "1", '"true"', "anything"])
def test_clean(value: str) -> None:
    assert_findings(f"UPLOAD_CLEAN_ENABLED={value}\n", [], code=CODE)


def test_safe_fix_for_false_in_disguise() -> None:
    assert fixed('UPLOAD_CLEAN_ENABLED="false"\n', CODE) == "UPLOAD_CLEAN_ENABLED=false\n"
    assert fixed("UPLOAD_CLEAN_ENABLED=false  \n", CODE) == "UPLOAD_CLEAN_ENABLED=false\n"
    assert fixed("UPLOAD_CLEAN_ENABLED=false # off\n", CODE) == "# off\nUPLOAD_CLEAN_ENABLED=false\n"


def test_unsafe_fix_for_no() -> None:
    assert fixed("UPLOAD_CLEAN_ENABLED=no\n", CODE) == "UPLOAD_CLEAN_ENABLED=no\n"
    assert fixed("UPLOAD_CLEAN_ENABLED=no\n", CODE, safe_only=False) == "UPLOAD_CLEAN_ENABLED=false\n"


def test_no_double_report_with_quote_comment_and_blank_rules() -> None:
    for value in ('"false"', "false # off", "false "):
        text = f"UPLOAD_CLEAN_ENABLED={value}\n"
        assert [f.code for f in rule_findings(text, "SL202") + rule_findings(text, "SL203") + rule_findings(text, "SL204")] == []
