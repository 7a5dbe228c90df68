from score_lint.lint.rules import controller_profile
from tests.helpers import assert_findings

CODE = controller_profile.CODE


def test_prod_needed_up_to_511_only() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,secure\n", [(1, CODE)], "--score-version 5.10", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,secure\n", [(1, CODE)], "--score-version 5.11", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=s3,secure\n", [], "--score-version develop", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,debug\n", [], code=CODE)
