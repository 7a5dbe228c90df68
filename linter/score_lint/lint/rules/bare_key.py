"""A name without `=` that copies its value from the shell.

## What it does
Flags a line with only a variable name, such as `S3_SECRETKEY`, when the file is read the
`docker run --env-file` way (the default dialect).

## Why is this bad?
Docker copies the value from the environment of the shell that runs `docker run`, and leaves the
variable out when that shell has none. The file no longer says what Score gets: the same file starts a
different server on another machine or in CI.

## Example
```env
S3_SECRETKEY
```

## Use instead
```env
S3_SECRETKEY=n4Bq9xTf2LwZ7pRv
```

## Fix
None: write the value, or pass it with `-e NAME` on the `docker run` command line where it is
visible.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding, shown_name
from score_lint.lint.context import Context, Item

CODE = "SL309"
NAME = "bare-key"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False
ENTRIES = "all"  # check_entry is handed every entry...
ONLY_WITH = "bare"  # ...that has no '='


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    if ctx.dialect != "docker":
        return
    entry = item.entry
    if not entry.bare or shown_name(entry.key) != entry.key:
        return  # a line read as one long name (S3_SECRETKEY:value) is SL101's: one finding a line
    message = (
        f"{entry.key} has no '=': docker run copies its value from the shell that runs it, so the file "
        "does not say what Score gets."
    )
    yield finding(__name__, message, entry=entry)
