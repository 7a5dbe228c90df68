from __future__ import annotations

from score_lint.findings import Finding
from score_lint.lint.engine import lint_bytes

from score_lint.findings import Severity
from score_lint.lint.rules import invalid_utf8
from tests.helpers import options_from

CODE = invalid_utf8.CODE
DATA = b"METADATA_URL=http://song:8080\nOBJECT_SENTINEL=helio\xffgraph\n"


def _found(data: bytes, args: str = "") -> list[Finding]:
    return [f for f in lint_bytes(data, "t.env", options_from(args)).findings if f.code == CODE]


def test_docker_refuses_the_file() -> None:
    (found,) = _found(DATA)
    assert (found.line, found.column, found.severity) == (2, 22, Severity.ERROR)


def test_compose_replaces_the_bytes() -> None:
    (found,) = _found(DATA, "--dialect compose")
    assert found.line == 2 and found.severity is Severity.WARNING


def test_clean_utf8() -> None:
    assert _found("OBJECT_SENTINEL=héliograph\n".encode()) == []
    assert _found(b"\xef\xbb\xbfOBJECT_SENTINEL=heliograph\n") == []


def test_message_does_not_show_the_bytes() -> None:
    (found,) = _found(DATA)
    assert "helio" not in found.message and "\udcff" not in found.message
