from score_lint.lint.rules import unknown_spring_name
from tests.helpers import assert_findings

CODE = unknown_spring_name.CODE


def test_spring_namespace_names() -> None:
    assert_findings("SERVER_SERVLET_CONTEXT_PATH=/score\nMANAGEMENT_SERVER_PORT=9000\n", [(1, CODE), (2, CODE)], code=CODE)


def test_near_misses_are_unknown_name_instead() -> None:
    assert_findings("SERVER_SSL_KEY_STOREPASSWORD=x\n", [], code=CODE)
