from __future__ import annotations

from tests.helpers import assert_findings

CODE = "SL308"


def test_compose_refuses() -> None:
    assert_findings("OBJECT_SENTINEL=x\nMETADATA@URL=http://song:8080\n", [(2, CODE)], "--dialect compose", code=CODE)


def test_docker_accepts_any_name_without_blanks() -> None:
    assert_findings("METADATA@URL=http://song:8080\n", [], code=CODE)


def test_clean() -> None:
    assert_findings("logging.level.root=INFO\nA-B=1\nX[0]=2\n", [], "--dialect compose", code=CODE)
