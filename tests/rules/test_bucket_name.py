from __future__ import annotations

import pytest

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL207"
AZURE = "SPRING_PROFILES_ACTIVE=azure,prod\n"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("test_object_bucket", "underscore"),
        ("Score-Object", "upper-case"),
        ("ab", "2 characters long"),
        ("a" * 64, "64 characters long"),
        ("-score", "start and end"),
        ("score object", "characters other than"),
    ],
)
def test_s3_bucket_rules(name: str, reason: str) -> None:
    (found,) = rule_findings(f"BUCKET_NAME_OBJECT={name}\n", CODE)
    assert reason in found.message and "S3 bucket" in found.message
    assert name not in found.message


@pytest.mark.parametrize(
    ("name", "reason"), [("score--data", "two dashes"), ("score.data", "characters other than"), ("Data", "upper-case")]
)
def test_azure_container_rules(name: str, reason: str) -> None:
    (found,) = rule_findings(f"{AZURE}BUCKET_NAME_OBJECT={name}\n", CODE)
    assert found.line == 2 and reason in found.message and "Azure container" in found.message


def test_azure_container_name_setting() -> None:
    assert_findings(f"{AZURE}AZURE_CONTAINERNAME=score_data\n", [(2, CODE)], code=CODE)
    assert_findings("AZURE_CONTAINERNAME=score_data\n", [], code=CODE)  # not read on S3


@pytest.mark.parametrize("name", ["score-object", "oicr.icgc", "abc", "a" * 63])
def test_clean_s3(name: str) -> None:
    assert_findings(f"BUCKET_NAME_OBJECT={name}\nBUCKET_NAME_STATE={name}\n", [], code=CODE)


def test_dots_allowed_on_s3_only() -> None:
    assert_findings("BUCKET_NAME_STATE=test.icgc.test\n", [], code=CODE)
    assert_findings(f"{AZURE}BUCKET_NAME_OBJECT=test.icgc\n", [(2, CODE)], code=CODE)


@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_quoted_name_still_checked(args: str) -> None:
    text = 'BUCKET_NAME_OBJECT="test_object_bucket"\nBUCKET_NAME_STATE="score-state"\n'
    assert_findings(text, [(1, CODE)], args, code=CODE)


def test_placeholders_are_sl205s() -> None:
    assert_findings("BUCKET_NAME_OBJECT={{object_bucket}}\n", [], code=CODE)
