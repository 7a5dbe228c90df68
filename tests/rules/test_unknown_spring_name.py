from score_lint.lint.rules import unknown_spring_name
from tests.helpers import assert_findings, lint

CODE = unknown_spring_name.CODE


def test_spring_namespace_names() -> None:
    assert_findings("SERVER_SERVLET_CONTEXT_PATH=/score\nMANAGEMENT_SERVER_PORT=9000\n", [(1, CODE), (2, CODE)], code=CODE)


def test_near_misses_are_unknown_name_instead() -> None:
    assert_findings("SERVER_SSL_KEY_STOREPASSWORD=x\n", [], code=CODE)


def test_jws_algorithm_binds() -> None:
    # OAuth2ResourceServerProperties.Jwt.jwsAlgorithm: a real Spring Boot setting of the resource server
    # that Score 5.11 and develop start with the secure profile.
    for name in ("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWSALGORITHM", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWS_ALGORITHM"):
        for line in ("5.11", "develop"):
            codes = [f.code for f in lint(f"{name}=RS256\n", f"--score-version {line}").findings if f.key == name]
            assert not set(codes) & {"SL101", "SL102", "SL108"}, (name, line, codes)
