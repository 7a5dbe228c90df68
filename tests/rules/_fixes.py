"""Apply one rule's fixes to env text, for the rule tests."""

from __future__ import annotations

from score_lint import fixer
from score_lint.findings import Finding
from tests.helpers import lint


def rule_findings(text: str, code: str, args: str = "") -> list[Finding]:
    return [f for f in lint(text, args).findings if f.code == code]


def fixed(text: str, code: str, args: str = "", safe_only: bool = True) -> str:
    """``text`` after the fixes of ``code``'s findings (only safe ones unless told otherwise)."""
    fixes = [f.fix for f in rule_findings(text, code, args) if f.fix is not None and (f.fix.safe or not safe_only)]
    lines = text.splitlines(keepends=True)
    return "".join(fixer.apply(lines, fixer.choose(fixes, lines)))
