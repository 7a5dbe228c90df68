from __future__ import annotations

from tests.helpers import assert_findings

CODE = "SL307"


def test_compose_refuses() -> None:
    assert_findings('OBJECT_SENTINEL=heliograph\nMETADATA_URL="http://song:8080\nS3_SECURED=true\n', [(2, CODE)],
                    "--dialect compose", code=CODE)
    assert_findings("METADATA_URL='http://song:8080\n", [(1, CODE)], "--dialect compose", code=CODE)


def test_docker_has_no_quoting() -> None:
    assert_findings('METADATA_URL="http://song:8080\n', [], code=CODE)


def test_clean() -> None:
    assert_findings('METADATA_URL="http://song:8080"\nA="multi\nline"\n', [], "--dialect compose", code=CODE)
