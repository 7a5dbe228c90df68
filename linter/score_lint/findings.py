"""The ground floor: the plain values every layer passes around (findings, fixes, edits, results).

Nothing here imports anything of the project, so every module may import it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

# The documentation site; every rule has a page there named after its code and name.
SITE_URL = "https://overture-stack.github.io/score-lint/"


def rule_url(code: str, name: str) -> str:
    """The page of rule ``code`` (``SL101``) named ``name`` (``unknown-name``) in the generated reference."""
    return f"{SITE_URL}reference/rules/{code}-{name}/"


_NAME_RUN = re.compile(r"[A-Za-z0-9_.\-\[\]]*")


def shown_name(key: str) -> str:
    """A variable name as a message may show it: cut at the first character that cannot be in a name.

    A malformed line (``S3_SECRETKEY:value``, ``AZURE_ACCOUNTKEY <key>``, the second line of a quoted
    value) is read as one long name; what follows the name part is most often a value, and maybe a
    secret one, so it is never shown. Name characters are letters, digits, ``_ . - [ ]`` (compose's).
    """
    end = _NAME_RUN.match(key).end()  # type: ignore[union-attr]
    while end < len(key) and not key[end].isascii() and unicodedata.category(key[end])[0] in "LN":
        end = _NAME_RUN.match(key, end + 1).end()  # type: ignore[union-attr]
    return key if end == len(key) else key[:end]


# C0 and C1 controls (ESC starts every terminal escape sequence; U+009B is a one-character CSI), the line
# and paragraph separators, and the bidirectional overrides that reorder what a terminal shows.
_UNSAFE = (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
           *range(0x2066, 0x206A))
_ESCAPED = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (from a file name, a key, a value) are
    shown escaped (``\\x1b``), so they can neither move the cursor, recolour the screen, reorder what is
    shown nor split a report line."""
    return text if text.isprintable() else text.translate(_ESCAPED)


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``line``'s text from ``start`` to ``end`` (1-based columns, end exclusive).

    ``end == -1`` removes the whole line together with its line ending.
    """

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    line: int | None
    column: int | None
    key: str | None
    message: str
    suggestion: str | None = None
    fix: Fix | None = None


class InputError(Exception):
    """A file that cannot be linted at all (exit 2)."""


@dataclass(frozen=True)
class Result:
    path: str
    line: str
    dialect: str
    provider: str
    findings: tuple[Finding, ...]

    @property
    def failing(self) -> bool:
        return any(f.severity is not Severity.INFO for f in self.findings)
