"""A spelling that binds but is not the canonical one.

## What it does
Flags a name that Spring Boot binds, but not in the spelling the Score docs and Spring Boot's own
documentation use: the legacy `_` form of a dashed property (`S3_ACCESS_KEY` for `S3_ACCESSKEY`) or a
name in lower or mixed case.

## Why is this bad?
It works, but the same setting then appears under two names across files and docs, which is how
duplicates and drift start. One spelling everywhere makes search and review reliable.

## Example
```env
S3_ACCESS_KEY=AKIA0000000000000000
```

## Use instead
```env
S3_ACCESSKEY=AKIA0000000000000000
```

## Fix
Safe: the key is renamed to the canonical spelling.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Kind
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import rename_fix

CODE = "SL104"
NAME = "non-canonical-name"
SEVERITY = Severity.INFO
FIX = "safe"
STOPS_STARTUP = False
ENTRIES = "all"  # check_entry is handed every entry
KINDS = frozenset({Kind.CANONICAL, Kind.ALIAS})  # ...whose name resolves to one of these here


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    res = ctx.resolve(entry.key)
    if res.kind not in KINDS or not res.canonical or entry.key == res.canonical:
        return
    message = f"{entry.key} binds, but the canonical spelling is {res.canonical}."
    yield finding(__name__, message, entry=entry, suggestion=res.canonical, fix=rename_fix(entry, res.canonical))
