"""Render lint results: pure functions from results to text, in one registry."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence

from score_lint.engine import Finding, Result, Severity

JSON_VERSION = 1

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET, _BOLD = "\x1b[0m", "\x1b[1m"


def _location(result: Result, finding: Finding) -> str:
    if finding.line is None:
        return f"{result.path}:1:1"
    return f"{result.path}:{finding.line}:{finding.column or 1}"


def _summary(results: Sequence[Result]) -> dict[str, int]:
    counts = Counter(f.severity.value for r in results for f in r.findings)
    return {
        "files": len(results),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }


def text(results: Sequence[Result], color: bool = False) -> str:
    """``path:line:col: severity code message`` per finding, then a one-line summary."""
    out = []
    for result in results:
        for f in result.findings:
            severity = f.severity.value
            if color:
                severity = f"{_COLORS[f.severity]}{severity}{_RESET}"
            suffix = f" [{f.rule}]"
            out.append(f"{_location(result, f)}: {severity} {f.code} {f.message}{suffix}")
    s = _summary(results)
    line = f"{s['files']} file{'s' if s['files'] != 1 else ''} checked: {s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos"
    out.append(f"{_BOLD}{line}{_RESET}" if color else line)
    return "\n".join(out) + "\n"


def finding_json(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "line": f.line,
        "column": f.column,
        "key": f.key,
        "message": f.message,
        "suggestion": f.suggestion,
        "fixable": f.fix is not None and f.fix.safe,
    }


def json_report(results: Sequence[Result], color: bool = False) -> str:
    """The versioned JSON contract documented in docs/cli.md."""
    payload = {
        "version": JSON_VERSION,
        "files": [
            {
                "path": r.path,
                "score_version": r.line,
                "dialect": r.dialect,
                "provider": r.provider,
                "findings": [finding_json(f) for f in r.findings],
            }
            for r in results
        ],
        "summary": _summary(results),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[..., str]] = {"text": text, "json": json_report}
