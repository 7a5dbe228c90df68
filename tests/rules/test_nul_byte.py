from __future__ import annotations

from score_lint.findings import Finding
from score_lint.lint.engine import lint_bytes

import pytest

from score_lint.findings import Severity
from score_lint.lint.rules import nul_byte
from tests.helpers import options_from

CODE = nul_byte.CODE


def _found(data: bytes, args: str = "") -> list[Finding]:
    return [f for f in lint_bytes(data, "t.env", options_from(args)).findings if f.code == CODE]


@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_nul_in_a_value(args: str) -> None:
    (found,) = _found(b"METADATA_URL=http://song:8080\nOBJECT_SENTINEL=helio\x00graph\n", args)
    assert found.line == 2 and found.severity is Severity.ERROR
    assert "helio" not in found.message


def test_clean() -> None:
    assert _found(b"OBJECT_SENTINEL=heliograph\n") == []
