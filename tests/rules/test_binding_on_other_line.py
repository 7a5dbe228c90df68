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
