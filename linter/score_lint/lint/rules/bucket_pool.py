"""A bucket pool whose key size Score cannot use.

## What it does
On the S3 provider, when `BUCKET_SIZE_POOL` is above 0, checks `BUCKET_SIZE_KEY` (2 by default): it
must be at least 1 and at most 7.

## Why is this bad?
With a pool, Score picks an object's bucket from the first `BUCKET_SIZE_KEY` characters of its id,
read as a hexadecimal number. A key size of 0 or less fails the precondition of Score's bucket naming,
so no object can be stored or read; 8 or more overflows that number for about half of the object ids,
so half of the uploads and downloads fail. (A pool of N also needs the buckets `<name>.0` to
`<name>.N-1` to exist.)

## Example
```env
BUCKET_SIZE_POOL=4
BUCKET_SIZE_KEY=0
```

## Use instead
```env
BUCKET_SIZE_POOL=4
BUCKET_SIZE_KEY=2
```

## Fix
None: choose a key size from 1 to 7.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import finding, setting_int

CODE = "SL217"
NAME = "bucket-pool"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False

MAX_KEY = 7


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3":
        return
    pool, key = setting_int(ctx, "BUCKET_SIZE_POOL"), setting_int(ctx, "BUCKET_SIZE_KEY")
    if pool is None or pool <= 0 or key is None or 1 <= key <= MAX_KEY:
        return
    entry = ctx.entry_for_setting("BUCKET_SIZE_KEY") or ctx.entry_for_setting("BUCKET_SIZE_POOL")
    if key <= 0:
        message = (
            "BUCKET_SIZE_KEY must be at least 1 when BUCKET_SIZE_POOL is above 0: Score's bucket naming fails "
            "its precondition, so no object can be stored or read."
        )
    else:
        message = (
            f"BUCKET_SIZE_KEY is more than {MAX_KEY}: Score reads that many hexadecimal characters of each object "
            "id as a number, which overflows for about half of the ids, so half of the uploads and downloads fail."
        )
    yield finding(__name__, message, entry=entry, key="BUCKET_SIZE_KEY", at_value=True, suggestion="2")
