"""Should preflight run at all? Lint the file first and find the errors that stop Score from starting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from score_lint.binding import Model
from score_lint.envfile import Dialect
from score_lint.findings import Finding, Severity
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_path
from score_lint.preflight.checks import BLOCKING_CODES, STARTUP_TYPES, VALUE_CODES


@dataclass(frozen=True)
class Verdict:
    provider: str  # the provider given, or the one the profiles start (s3 when none does)
    blocking: tuple[Finding, ...]


def lint_gate(path: Path, line: str, dialect: Dialect, provider: str | None) -> Verdict:
    """Lint ``path`` as ``score-lint`` would and keep the error findings that mean Score will not start.

    The set of codes is ``checks.BLOCKING_CODES``; a value finding (SL201-SL203) only counts for a
    setting Spring converts while it starts (a boolean, a number, a log level).
    """
    result = lint_path(path, Options(line=line, dialect=dialect, provider=provider))
    model = Model.load(line, result.provider)
    blocking = tuple(f for f in result.findings if _blocks(f, model))
    return Verdict(result.provider, blocking)


def _blocks(finding: Finding, model: Model) -> bool:
    if finding.severity is not Severity.ERROR or finding.code not in BLOCKING_CODES:
        return False
    if finding.code not in VALUE_CODES:
        return True
    setting = model.setting(finding.key) if finding.key else None
    return setting is not None and setting.type in STARTUP_TYPES
