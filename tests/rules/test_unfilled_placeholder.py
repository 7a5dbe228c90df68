from __future__ import annotations

import pytest

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL205"


@pytest.mark.parametrize(
    "line",
    [
        "S3_ENDPOINT={{endpoint}}",
        'S3_ACCESSKEY="{{access_key}}"',
        "BUCKET_NAME_OBJECT=<your-bucket>",
        "BUCKET_NAME_OBJECT='<your-bucket>'",
        'BUCKET_NAME_STATE="{{state_bucket}}" # the state bucket',
    ],
)
def test_fires(line: str) -> None:
    assert_findings(line + "\n", [(1, CODE)], code=CODE)
    assert_findings(line + "\n", [(1, CODE)], "--dialect compose", code=CODE)


@pytest.mark.parametrize(
    "line",
    ["S3_ENDPOINT=http://minio:9000", "OBJECT_SENTINEL=<>", "OBJECT_SENTINEL=a{{b", "UNKNOWN_NAME={{x}}"],
)
def test_clean(line: str) -> None:
    assert_findings(line + "\n", [], code=CODE)


def test_azure_seed_placeholders() -> None:
    text = 'SPRING_PROFILES_ACTIVE=prod,azure\nAZURE_ACCOUNT_NAME="{{storage_account_name}}"\nAZURE_ACCOUNT_KEY="{{key}}"\n'
    assert_findings(text, [(2, CODE), (3, CODE)], code=CODE)
    found = rule_findings(text, CODE)
    assert "credential" in found[1].message and "{{" not in found[1].message


def test_no_double_report_with_value_rules() -> None:
    text = "S3_SIGV4ENABLED={{sigv4}}\nBUCKET_NAME_OBJECT={{Bucket_Name}}\nUPLOAD_CLEAN_CRON=<cron>\n"
    codes = {f.code for f in rule_findings(text, "SL201") + rule_findings(text, "SL207") + rule_findings(text, "SL211")}
    assert codes == set()
