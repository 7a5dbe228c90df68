"""A Spring Boot-looking name that Score's docs do not cover.

## What it does
Flags a name under a Spring Boot namespace (`SPRING_`, `SERVER_`, `MANAGEMENT_`, `LOGGING_`) that is
not one of Score's documented settings and not a near miss of one.

## Why is this bad?
It may be a genuine Spring Boot property (such as `SERVER_SERVLET_CONTEXT_PATH`) that works, or a typo
that Score silently ignores. score-lint cannot tell which, so it asks you to check.

## Example
```env
SERVER_SERVLET_CONTEXTPATH=/score
```

## Use instead
```env
SERVER_PORT=8087
```

## Fix
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Kind
from score_lint.effective import shell_passes
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item

CODE = "SL108"
NAME = "unknown-spring-name"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False
ENTRIES = "all"  # check_entry is handed every entry
KINDS = frozenset({Kind.SPRING})  # ...whose name resolves to one of these here


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    # Names that are not shell identifiers never reach Score: SL101 says why.
    if shell_passes(entry.key) and item.here.kind is Kind.SPRING:
        message = (
            f"{entry.key} is not a Score setting; if it is not a Spring Boot {entry.key.split('_')[0].lower()} "
            "property, Score ignores it."
        )
        yield finding(__name__, message, entry=entry)
