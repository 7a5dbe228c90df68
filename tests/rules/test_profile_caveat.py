from score_lint.lint.rules import profile_caveat
from tests.helpers import assert_findings, lint

CODE = profile_caveat.CODE


def test_azure_on_develop_only() -> None:
    text = "SPRING_PROFILES_ACTIVE=azure\n"
    assert_findings(text, [(1, CODE)], "--score-version develop", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=azure,prod\n", [], "--score-version 5.11", code=CODE)
    (finding,) = [f for f in lint(text, "--score-version develop").findings if f.code == CODE]
    assert "Use 5.11 for Azure" in finding.message
    # Duplicate bean names and two candidate services: develop with Azure does not start (facts addendum 8).
    assert finding.severity.value == "error" and finding.stops_startup


def test_dev_profile_everywhere() -> None:
    (finding,) = [f for f in lint("SPRING_PROFILES_ACTIVE=collaboratory,prod,dev\n").findings if f.code == CODE]
    assert finding.severity.value == "warning" and not finding.stops_startup
    for line in ("5.10", "5.11", "develop"):
        assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,s3,prod,dev\n", [(1, CODE)], f"--score-version {line}", code=CODE)
