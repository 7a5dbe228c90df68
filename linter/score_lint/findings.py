"""The ground floor: the plain values every layer passes around (findings, fixes, edits, results).

Nothing here imports anything of the project, so every module may import it.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    # Set by the rule: Score (or the loader before it) refuses to start over this finding. An error
    # without it means a setting that does not take effect as written; the verdict tells them apart.
    stops_startup: bool = False


class InputError(Exception):
    """A file that cannot be linted at all (exit 2)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Will Score start with this file, and what stops it.

    ``stopped_by`` and ``not_as_written`` are codes in the order of their first finding: the findings
    that stop startup, and the errors that let Score start with a setting that does not take effect as
    written. ``all_rules`` is False when select/ignore left rules out, so "starts" is only as good as
    the rules that ran.
    """

    starts: bool
    stopped_by: tuple[str, ...]
    stopping: int
    not_as_written: tuple[str, ...]
    settings_not_as_written: int
    all_rules: bool = True
    # What is judged when it is not simply the file: "service score" for a compose service.
    subject: str | None = None

    @classmethod
    def of(cls, findings: Sequence[Finding], all_rules: bool = True) -> Verdict:
        stopping = [f for f in findings if f.stops_startup]
        ineffective = [f for f in findings if not f.stops_startup and f.severity is Severity.ERROR]
        # One setting can be behind several findings (a duplicate repeated three times): count settings.
        settings = {f.key if f.key is not None else (f.line, f.code) for f in ineffective}
        return cls(
            starts=not stopping,
            stopped_by=tuple(dict.fromkeys(f.code for f in stopping)),
            stopping=len(stopping),
            not_as_written=tuple(dict.fromkeys(f.code for f in ineffective)),
            settings_not_as_written=len(settings),
            all_rules=all_rules,
        )


@dataclass(frozen=True)
class Result:
    path: str
    line: str
    dialect: str
    provider: str
    findings: tuple[Finding, ...]
    # Whether Score starts with the file; None where the question does not apply (a docs page).
    verdict: Verdict | None = None

    @property
    def failing(self) -> bool:
        return any(f.severity is not Severity.INFO for f in self.findings)
