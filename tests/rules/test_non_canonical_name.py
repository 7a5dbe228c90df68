from score_lint.findings import Severity
from score_lint.lint.rules import non_canonical_name
from tests.helpers import assert_findings, lint

CODE = non_canonical_name.CODE


def test_legacy_and_lower_case_spellings() -> None:
    assert_findings("S3_ACCESS_KEY=a\ns3_accesskey=b\nS3_ACCESSKEY=c\n", [(1, CODE), (2, CODE)], code=CODE)
    assert all(f.severity is Severity.INFO for f in lint("S3_ACCESS_KEY=a\n").findings if f.code == CODE)


def test_canonical_is_clean() -> None:
    assert_findings("S3_ACCESSKEY=a\nUPLOAD_PARTSIZE=104857600\n", [], code=CODE)
