from score_lint.lint.rules import invalid_interpolation
from tests.helpers import assert_findings

CODE = invalid_interpolation.CODE


def test_compose_refuses_a_broken_expression() -> None:
    assert_findings("METADATA_URL=http://${SONG_HOST:8080\n", [(1, CODE)], "--dialect compose", code=CODE)


def test_docker_does_not_expand() -> None:
    assert_findings("METADATA_URL=http://${SONG_HOST:8080\n", [], code=CODE)


def test_single_quotes_are_literal_in_compose() -> None:
    assert_findings("METADATA_URL='http://${SONG_HOST:8080'\n", [], "--dialect compose", code=CODE)
