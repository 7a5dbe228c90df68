from score_lint.lint.rules import inert_profile
from tests.helpers import assert_findings, lint

CODE = inert_profile.CODE


def test_jwt_is_inert_from_511() -> None:
    text = "SPRING_PROFILES_ACTIVE=collaboratory,prod,secure,jwt\n"
    assert_findings(text, [(1, CODE)], "--score-version 5.11", code=CODE)
    assert_findings(text, [], "--score-version 5.10", code=CODE)
    (finding,) = [f for f in lint(text, "--score-version 5.11").findings if f.code == CODE]
    assert finding.severity.value == "info"  # harmless: secure does the JWT work since 5.11


def test_the_common_production_list_has_no_inert_amazon() -> None:
    # overture-stack__dms__main__src-main-resources-templates-servicespec-score-api.yaml.vm.score-api.env, line 2
    text = "SPRING_PROFILES_ACTIVE=amazon,collaboratory,prod,secure,jwt\n"
    for line in ("5.10", "5.11"):
        found = [f for f in lint(text, f"--score-version {line}").findings if f.code == CODE]
        assert all("amazon" not in f.message for f in found)
        assert all("refuses to start" not in f.message for f in found)


def test_aws_beside_a_storage_profile_is_a_note() -> None:
    (finding,) = [f for f in lint("SPRING_PROFILES_ACTIVE=aws,collaboratory,prod\n").findings if f.code == CODE]
    assert finding.severity.value == "info" and "refuses to start" not in finding.message


def test_unknown_profile_name() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prdo\n", [(1, CODE)], code=CODE)
    (finding,) = [f for f in lint("SPRING_PROFILES_ACTIVE=collaboratory,prdo\n").findings if f.code == CODE]
    assert finding.severity.value == "warning"
