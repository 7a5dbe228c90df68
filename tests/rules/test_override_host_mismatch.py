from __future__ import annotations

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL216"
OVERRIDE = "S3_PRESIGNEDURL_OVERRIDE_HOST=http://localhost:8080/minio-api\n"


def test_trailing_slash() -> None:
    (found,) = rule_findings("S3_ENDPOINT=http://minio:9000/\n" + OVERRIDE, CODE)
    assert found.line == 2 and "ends with /" in found.message and "literal" not in found.message


def test_endpoint_without_scheme_and_override_with_one() -> None:
    (found,) = rule_findings("S3_ENDPOINT=minio:9000\n" + OVERRIDE, CODE)
    assert "https://http://" in found.message
    # The built-in default endpoint has no scheme either.
    (default,) = rule_findings(OVERRIDE, CODE)
    assert "the default S3_ENDPOINT has no scheme" in default.message


def test_clean() -> None:
    assert_findings("S3_ENDPOINT=http://minio:9000\n" + OVERRIDE, [], code=CODE)
    assert_findings("S3_ENDPOINT=minio:9000\nS3_PRESIGNEDURL_OVERRIDE_HOST=objects.example.org\n", [], code=CODE)
    # overture-stack__dms__3019b35cbb2c__src-main-resources-templates-servicespec-score-api.yaml.vm.score-api.env,
    # lines 13 and 15: the endpoint is a template, which SL205 reports; nothing to compare.
    assert_findings("S3_ENDPOINT=$dmsConfig.score.s3.url\n" + OVERRIDE, [], code=CODE)
