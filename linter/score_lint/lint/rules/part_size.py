"""An S3 part size below Score's 20 MiB floor.

## What it does
Flags `UPLOAD_PARTSIZE` below 20971520 bytes (20 MiB) on the S3 provider. On Azure, where the
setting is the download part size and has no floor, it never fires. A value too large for a Java
`int` is SL201's business.

## Why is this bad?
On S3, Score raises any smaller part size to 20 MiB (and grows parts so a file never needs more than
10,000 of them). The value in the file has no effect, and whoever tunes it is misled.

## Example
```env
UPLOAD_PARTSIZE=1048576
```

## Use instead
```env
UPLOAD_PARTSIZE=20971520
```

## Fix
None: choose 20971520 or more.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import effective_entries, finding, intended_value

CODE = "SL208"
NAME = "part-size"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False

FLOOR = 20 * 1024 * 1024


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3":
        return
    for entry, canonical in effective_entries(ctx):
        if canonical != "UPLOAD_PARTSIZE":
            continue
        size = values.java_int(intended_value(ctx, entry))
        if size is None or size >= FLOOR or size < -values.INT_MAX - 1:
            continue
        message = (
            f"{entry.key} is below 20 MiB: on S3 Score raises it to 20 MiB ({FLOOR}), so the value has no effect."
        )
        yield finding(__name__, message, entry=entry, at_value=True, suggestion=str(FLOOR))
