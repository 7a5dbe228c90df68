from __future__ import annotations

from score_lint.findings import Finding
from score_lint.lint.engine import lint_bytes

from score_lint.findings import Severity
from score_lint.envfile import DOCKER_MAX_LINE_BYTES
from score_lint.lint.rules import line_too_long
from tests.helpers import options_from

CODE = line_too_long.CODE


def _found(data: bytes, args: str = "") -> list[Finding]:
    return [f for f in lint_bytes(data, "t.env", options_from(args)).findings if f.code == CODE]


def test_a_line_docker_cannot_read() -> None:
    value = b"v" * DOCKER_MAX_LINE_BYTES
    (found,) = _found(b"METADATA_URL=http://song:8080\nOBJECT_SENTINEL=" + value + b"\n")
    assert found.line == 2 and found.severity is Severity.ERROR
    assert "vvvv" not in found.message


def test_the_longest_line_docker_reads() -> None:
    line = b"OBJECT_SENTINEL=" + b"v" * (DOCKER_MAX_LINE_BYTES - 1 - len(b"OBJECT_SENTINEL="))
    assert len(line) == DOCKER_MAX_LINE_BYTES - 1
    assert _found(line + b"\n") == []


def test_compose_reads_any_length() -> None:
    assert _found(b"OBJECT_SENTINEL=" + b"v" * 200_000 + b"\n", "--dialect compose") == []
