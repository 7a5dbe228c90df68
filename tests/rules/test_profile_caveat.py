from score_lint.lint.rules import profile_caveat
from tests.helpers import assert_findings, lint

CODE = profile_caveat.CODE


def test_azure_on_develop_only() -> None:
    text = "SPRING_PROFILES_ACTIVE=azure\n"
    assert_findings(text, [(1, CODE)], "--score-version develop", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=azure,prod\n", [], "--score-version 5.11", code=CODE)
    (finding,) = [f for f in lint(text, "--score-version develop").findings if f.code == CODE]
    assert "Use 5.11 for Azure" in finding.message
    assert finding.severity.value == "error"  # duplicate bean names: Score develop does not start
    assert finding.stops_startup  # facts addendum 8


def test_azure_guide_line_on_develop_is_an_error() -> None:
    # docs/overture-stack__score__d627636d784f__docs-Setup-02-object-storage.md, line 98 (Score's own docs).
    text = "SPRING_PROFILES_ACTIVE=prod,azure\n"
    (finding,) = [f for f in lint(text, "--score-version develop").findings if f.code == CODE]
    assert finding.severity.value == "error" and "does not start" in finding.message
    assert_findings(text, [], "--score-version 5.11", code=CODE)


def test_dev_names_its_port_and_tls_effects() -> None:
    (finding,) = [f for f in lint("SPRING_PROFILES_ACTIVE=collaboratory,prod,dev\n", "--score-version 5.11").findings if f.code == CODE]
    assert "8087" in finding.message and "TLS certificate validation" in finding.message


def test_test_profile_is_not_inert() -> None:
    for line in ("5.10", "5.11", "develop"):
        storage = "s3" if line == "develop" else "collaboratory"
        found = [f for f in lint(f"SPRING_PROFILES_ACTIVE={storage},prod,test\n", f"--score-version {line}").findings]
        (caveat,) = [f for f in found if f.code == CODE]
        assert caveat.severity.value == "warning" and "/profile" in caveat.message and "S3 mode" in caveat.message
        assert not [f for f in found if f.code == "SL503"], "test is a real profile, not a name Score ignores"


def test_dev_profile_everywhere() -> None:
    (finding,) = [f for f in lint("SPRING_PROFILES_ACTIVE=collaboratory,prod,dev\n").findings if f.code == CODE]
    assert finding.severity.value == "warning" and not finding.stops_startup
    for line in ("5.10", "5.11", "develop"):
        assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,s3,prod,dev\n", [(1, CODE)], f"--score-version {line}", code=CODE)
