from score_lint.lint.rules import inert_profile
from tests.helpers import assert_findings

CODE = inert_profile.CODE


def test_jwt_is_inert_from_511() -> None:
    text = "SPRING_PROFILES_ACTIVE=collaboratory,prod,secure,jwt\n"
    assert_findings(text, [(1, CODE)], "--score-version 5.11", code=CODE)
    assert_findings(text, [], "--score-version 5.10", code=CODE)


def test_unknown_profile_name() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prdo\n", [(1, CODE)], code=CODE)
