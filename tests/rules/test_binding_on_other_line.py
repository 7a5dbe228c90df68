from score_lint.lint.rules import binding_on_other_line
from tests.helpers import assert_findings, lint

CODE = binding_on_other_line.CODE


def test_collaboratory_names_on_develop() -> None:
    assert_findings("COLLABORATORY_DATA_DIRECTORY=data\n", [(1, CODE)], "--score-version develop", code=CODE)
    assert_findings("COLLABORATORY_DATA_DIRECTORY=data\n", [], "--score-version 5.11", code=CODE)


def test_keycloak_on_510() -> None:
    text = "AUTH_SERVER_KEYCLOAK_HOST=http://kc\nAUTH_SERVER_PROVIDER=keycloak\n"
    assert_findings(text, [(1, CODE), (2, CODE)], "--score-version 5.10", code=CODE)
    assert_findings(text, [], "--score-version 5.11", code=CODE)


def test_other_provider_is_a_warning() -> None:
    text = "SPRING_PROFILES_ACTIVE=collaboratory,prod\nAZURE_ACCOUNTNAME=acct\n"
    (finding,) = [f for f in lint(text).findings if f.code == CODE]
    assert finding.severity.value == "warning" and finding.line == 2


def test_every_spelling_of_a_setting_gets_one_verdict_on_the_other_provider() -> None:
    # overture-stack__SONG__3.0.0__docker-compose.yml.score-server.env, line 10, and
    # docs/overture-stack__website__7666983ebfb6__markdown-documentation-score-installation-configuration-object-storage.md,
    # line 16, read as the env file of an Azure server.
    text = 'S3_SECRETKEY=minio123\nS3_SECRET_KEY="abc123"\ns3_secretkey=x\n'
    for line in ("5.10", "5.11", "develop"):
        found = [(f.line, f.code, f.severity.value) for f in lint(text, f"--provider azure --score-version {line}").findings
                 if f.line is not None and f.code.startswith("SL1")]
        assert found == [(1, CODE, "warning"), (2, CODE, "warning"), (3, CODE, "warning")], (line, found)


def test_every_spelling_of_a_setting_gets_one_verdict_on_another_line() -> None:
    # overture-stack__prelude__quickstart__docker-compose.yml.score.env, line 33 (the legacy spelling),
    # on Score 5.10, which has no JWT resource server: the same verdict as the canonical spelling.
    text = (
        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI=http://keycloak:8080/realms/myrealm/protocol/openid-connect/certs\n"
        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI=http://keycloak:8080/realms/myrealm/protocol/openid-connect/certs\n"
    )
    found = [(f.line, f.code, f.severity.value) for f in lint(text, "--score-version 5.10").findings if f.line]
    assert found == [(1, CODE, "error"), (2, CODE, "error")]
