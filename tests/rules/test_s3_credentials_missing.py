from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL210"


def test_both_missing() -> None:
    found = rule_findings("SPRING_PROFILES_ACTIVE=collaboratory,prod\n", CODE)
    assert [(f.line, f.key) for f in found] == [(None, "S3_ACCESSKEY"), (None, "S3_SECRETKEY")]
    assert all(f.severity is Severity.WARNING for f in found)
    assert "Score silently falls back to the AWS credential chain of the host" in found[0].message


@pytest.mark.parametrize("given", ["S3_ACCESSKEY=k", "S3_ACCESS_KEY=k", "s3_accesskey=k"])
def test_one_missing(given: str) -> None:
    found = rule_findings(f"{given}\n", CODE)
    assert [f.key for f in found] == ["S3_SECRETKEY"]


@pytest.mark.parametrize("args", ["", "--dialect compose", "--score-version develop", "--score-version 5.10"])
def test_clean_with_any_spelling(args: str) -> None:
    assert_findings("S3_ACCESS_KEY=k\nS3_SECRET_KEY=s\n", [], args, code=CODE)


def test_bare_key_without_host_value_is_not_set() -> None:
    assert [f.key for f in rule_findings("S3_ACCESSKEY=k\nS3_SECRETKEY\n", CODE)] == ["S3_SECRETKEY"]


def test_not_on_azure() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=azure,prod\n", [], code=CODE)
