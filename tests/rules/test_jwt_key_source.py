from score_lint.lint.rules import jwt_key_source
from tests.helpers import assert_findings

CODE = jwt_key_source.CODE
SECURE = "SPRING_PROFILES_ACTIVE=collaboratory,prod,secure\n"


def test_secure_without_a_key_source_on_511_and_develop() -> None:
    assert_findings(SECURE, [(None, CODE)], code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=s3,secure\n", [(None, CODE)], "--score-version develop", code=CODE)


def test_any_source_or_any_spelling_is_enough() -> None:
    for name in (
        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION",
        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI",
    ):
        assert_findings(SECURE + f"{name}=http://idp:8080/x\n", [], code=CODE)


def test_510_reads_no_spring_security_key_and_insecure_runs_need_none() -> None:
    assert_findings(SECURE, [], "--score-version 5.10", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prod\n", [], code=CODE)


def test_old_spelling_alone_is_not_enough() -> None:
    assert_findings(SECURE + "AUTH_JWT_PUBLIC_KEY_URL=http://ego/key\n", [(None, CODE)], code=CODE)
