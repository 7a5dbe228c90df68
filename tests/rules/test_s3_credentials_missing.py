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
    assert "~/.aws/credentials file inside the container" in found[0].message
    assert "credential chain of the host" not in found[0].message


def test_old_names_leave_score_without_keys() -> None:
    # overture-stack__SONG__1.5.0.1__docker-compose.yml.storage-server.env, lines 1-3: the old names
    # bind nothing, so Score has no keys and reads only a credentials file in the container.
    text = (
        "OBJECT_STORAGE_URL=http://localhost:8085\n"
        "OBJECT_STORAGE_ACCESS_KEY=minio\n"
        "OBJECT_STORAGE_SECRET_KEY=minio123\n"
    )
    found = rule_findings(text, CODE)
    assert [f.key for f in found] == ["S3_ACCESSKEY", "S3_SECRETKEY"]
    assert all("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are read by nothing" in f.message for f in found)


def test_both_empty_is_the_fallback() -> None:
    found = rule_findings("S3_ACCESSKEY=\nS3_SECRETKEY=\n", CODE)
    assert [(f.line, f.key) for f in found] == [(1, "S3_ACCESSKEY"), (2, "S3_SECRETKEY")]
    assert all("~/.aws/credentials" in f.message for f in found)


def test_one_empty_is_a_mistake() -> None:
    (finding,) = rule_findings("S3_ACCESSKEY=score-uploader\nS3_SECRETKEY=\n", CODE)
    assert (finding.line, finding.key) == (2, "S3_SECRETKEY")
    assert "cannot sign" in finding.message and "score-uploader" not in finding.message


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
