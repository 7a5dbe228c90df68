"""An empty `OBJECT_SENTINEL`.

## What it does
Flags `OBJECT_SENTINEL` set to an empty value.

## Why is this bad?
score-client starts every command by asking Score's `/download/ping` for a URL of the sentinel object.
With an empty sentinel that endpoint fails, and every score-client command aborts at "Validating
repository connection", although Score itself starts.

## Example
```env
OBJECT_SENTINEL=
```

## Use instead
```env
OBJECT_SENTINEL=heliograph
```

## Fix
None: name an object that exists in the object bucket (`heliograph` by default), or remove the line.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import finding, intended_value

CODE = "SL218"
NAME = "empty-sentinel"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False


def check(ctx: Context) -> Iterator[Finding]:
    entry = ctx.entry_for_setting("OBJECT_SENTINEL")
    if entry is None or intended_value(ctx, entry):
        return
    message = (
        f"{entry.key} is empty: Score's /download/ping fails, so every score-client command aborts at "
        "\"Validating repository connection\". Name an object that exists, or remove the line (the default "
        "is heliograph)."
    )
    yield finding(__name__, message, entry=entry, at_value=True, suggestion="heliograph")
