"""The object and state buckets are the same bucket.

## What it does
On the S3 provider, flags `BUCKET_NAME_STATE` when the file gives it the same name as
`BUCKET_NAME_OBJECT`. With a bucket pool (`BUCKET_SIZE_POOL` above 0) objects go to the numbered
buckets `<name>.0`, `<name>.1`, ..., so the names may match and it stays quiet.

## Why is this bad?
Score works, but the part lists and `.meta` state files of uploads in progress then live beside the
data, under `upload/`. A bucket-wide lifecycle rule (expiring old objects, or aborting incomplete
uploads) written for one of them hits both, and a listing of the data shows Score's bookkeeping.

## Example
```env
BUCKET_NAME_OBJECT=oicr.icgc.test
BUCKET_NAME_STATE=oicr.icgc.test
```

## Use instead
```env
BUCKET_NAME_OBJECT=score-object
BUCKET_NAME_STATE=score-state
```

## Fix
None: the state bucket has to exist before Score uses it.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import (
    finding,
    intended_value,
    setting_int,
    value_unknown,
)

CODE = "SL213"
NAME = "same-bucket"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3":
        return
    data = ctx.entry_for_setting("BUCKET_NAME_OBJECT")
    state = ctx.entry_for_setting("BUCKET_NAME_STATE")
    if data is None or state is None or value_unknown(ctx, data) or value_unknown(ctx, state):
        return
    name = intended_value(ctx, state)
    if not name or name != intended_value(ctx, data) or (setting_int(ctx, "BUCKET_SIZE_POOL") or 0) > 0:
        return
    message = (
        f"{state.key} names the same bucket as {data.key}: Score works, but upload state files then live "
        "beside the data, and a bucket-wide lifecycle rule hits both. Give the state a bucket of its own."
    )
    yield finding(__name__, message, entry=state, at_value=True)
