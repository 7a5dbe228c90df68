"""Render a preflight report: pure functions from a ``Report`` to text, one registry by format name."""

from __future__ import annotations

import json
from collections.abc import Callable

from score_lint.preflight.checks import Check, Report, Status

JSON_VERSION = 1
_PROVIDER_WORDS = {"s3": "S3-compatible storage", "azure": "Azure Blob storage"}
_COLORS = {Status.PASS: "32", Status.FAIL: "31", Status.ERROR: "31", Status.SKIP: "33"}


def _paint(text: str, status: Status, color: bool) -> str:
    return f"\x1b[{_COLORS[status]}m{text}\x1b[0m" if color else text


def text(report: Report, color: bool = False) -> str:
    """One line per check (status, id, message), the remedy indented under a failure, then a tally."""
    width = max((len(c.id) for c in report.checks), default=0)
    lines = [f"preflight {report.file}: Score {report.line}, {_PROVIDER_WORDS.get(report.provider, report.provider)}"]
    for check in report.checks:
        status = _paint(f"{check.status.value:<5}", check.status, color)
        lines.append(f"  {status}  {check.id:<{width}}  {check.message}")
        if check.remedy and check.status in (Status.FAIL, Status.ERROR):
            pad = " " * (2 + 5 + 2 + width + 2)
            lines.extend(f"{pad}-> {step}" for step in check.remedy.splitlines())
    lines.append(_tally(report.checks))
    return "\n".join(lines) + "\n"


def _tally(checks: tuple[Check, ...]) -> str:
    counts = {status: sum(1 for c in checks if c.status is status) for status in Status}
    parts = [f"{counts[s]} {word}" for s, word in ((Status.FAIL, "failed"), (Status.ERROR, "could not tell"),
                                                    (Status.PASS, "passed"), (Status.SKIP, "skipped")) if counts[s]]
    return "result: " + (", ".join(parts) if parts else "no checks")


def as_dict(report: Report) -> dict[str, object]:
    checks: list[dict[str, object]] = []
    for check in report.checks:
        item: dict[str, object] = {
            "id": check.id,
            "status": check.status.value,
            "message": check.message,
            "duration_ms": check.duration_ms,
        }
        if check.remedy:
            item["remedy"] = check.remedy
        checks.append(item)
    return {"version": JSON_VERSION, "file": report.file, "provider": report.provider, "checks": checks}


def json_text(report: Report, color: bool = False) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[[Report, bool], str]] = {"text": text, "json": json_text}
