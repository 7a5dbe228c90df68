from score_lint.findings import Severity
from score_lint.lint.rules import missing_required
from tests.helpers import lint

CODE = missing_required.CODE


def keyed(text: str, args: str = "") -> dict[str, Severity]:
    return {f.key: f.severity for f in lint(text, args).findings if f.code == CODE}


def test_metadata_url_without_a_profile_default_is_an_error_on_develop() -> None:
    assert keyed("SPRING_PROFILES_ACTIVE=s3\n", "--score-version develop")["METADATA_URL"] is Severity.ERROR


def test_profile_default_is_a_warning() -> None:
    found = keyed("SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    assert found["METADATA_URL"] is Severity.WARNING
    assert found["S3_ENDPOINT"] is Severity.WARNING


def test_profile_scoped_requirements() -> None:
    assert "SERVER_SSL_KEYSTOREPASSWORD" not in keyed("SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    found = keyed("SPRING_PROFILES_ACTIVE=collaboratory,prod,ssl\n")
    assert found["SERVER_SSL_KEYSTOREPASSWORD"] is Severity.ERROR


def test_finding_has_no_line() -> None:
    finding = next(f for f in lint("SPRING_PROFILES_ACTIVE=s3\n", "--score-version develop").findings if f.code == CODE)
    assert finding.line is None and finding.key
