"""The ground floor: the plain values every layer passes around (findings, fixes, edits, results).

Nothing here imports anything of the project, so every module may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# The documentation site; every rule has a page there named after its code and name.
SITE_URL = "https://overture-stack.github.io/score-lint/"


def rule_url(code: str, name: str) -> str:
    """The page of rule ``code`` (``SL101``) named ``name`` (``unknown-name``) in the generated reference."""
    return f"{SITE_URL}reference/rules/{code}-{name}/"


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
    # Where the environment came from when it is not a file of its own (a compose service, a Kubernetes
    # container), as (field, text) pairs: the JSON report adds them to the file's entry.
    source: tuple[tuple[str, str], ...] = ()

    @property
    def failing(self) -> bool:
        return any(f.severity is not Severity.INFO for f in self.findings)
