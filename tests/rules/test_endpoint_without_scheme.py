from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL215"


@pytest.mark.parametrize("endpoint", ["minio:9000", "object-storage", "localhost:8085", "10.0.0.5:9000"])
def test_plain_http_likely(endpoint: str) -> None:
    (found,) = rule_findings(f"S3_ENDPOINT={endpoint}\n", CODE)
    assert found.severity is Severity.WARNING
    assert f"https://{endpoint}" in found.message and "plain-HTTP" in found.message


def test_https_host_is_only_a_note() -> None:
    (found,) = rule_findings("S3_ENDPOINT=s3.us-east-1.amazonaws.com\n", CODE)
    assert found.severity is Severity.INFO


def test_clean() -> None:
    # overture-stack__prelude__quickstart__docker-compose.yml.score.env, line 9: the scheme is written.
    assert_findings("S3_ENDPOINT=http://host.docker.internal:9000\n", [], code=CODE)
    assert_findings("S3_ENDPOINT=minio:9000\nS3_SECURED=false\n", [], code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prod,dev\nS3_ENDPOINT=minio:9000\n", [], code=CODE)
    assert_findings("S3_ENDPOINT=minio:9000\n", [], "--provider azure", code=CODE)
