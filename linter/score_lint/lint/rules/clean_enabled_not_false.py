"""A clean-up switch that reads as off but leaves the job on.

## What it does
Flags `UPLOAD_CLEAN_ENABLED` when its value means "off" to a person (`no`, `off`, `0`, or `false` with
quotes, a comment or blanks that `docker run` keeps) but is not exactly `false` as Score receives it.
The comparison ignores case, so `FALSE` does switch the job off.

## Why is this bad?
Score decides with a Spring condition that has no expected value: it creates the clean-up job for any
value but `false`. `no`, `0`, `off` and, under `docker run`, `"false"` with its quotes all leave the
job on, and it deletes abandoned uploads on schedule.

## Example
```env
UPLOAD_CLEAN_ENABLED=no
```

```env
UPLOAD_CLEAN_ENABLED="false"
```

## Use instead
```env
UPLOAD_CLEAN_ENABLED=false
```

## Fix
The value becomes `false`. Safe when the value was `false` with quotes or blanks around it (a comment
moves to its own line); unsafe for `no`, `off` and `0`, because it changes what Score does today.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Setting
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    clean_job_left_on,
    comment_kept,
    intended_value,
    move_comment_fix,
    replace_value_fix,
)
from score_lint.records import replace

CODE = "SL212"
NAME = "clean-enabled-not-false"
SEVERITY = Severity.ERROR
FIX = "safe"
STOPS_STARTUP = False
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score


def wants(setting: Setting | None, canonical: str) -> bool:
    """Whether check_entry can fire for an entry of this setting (the engine asks once per setting)."""
    return setting is not None and setting.type == "on-unless-false"


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    setting = item.setting
    if not clean_job_left_on(ctx, entry, setting):
        return
    message = (
        f"{entry.key} does not switch the clean-up job off: any value but false leaves the clean-up job on."
    )
    description = f"set {entry.key} to false"
    if comment_kept(ctx, entry):
        fix = move_comment_fix(ctx, entry, "false", description)
    else:
        fix = replace_value_fix(entry, "false", description)
    if fix is not None and intended_value(ctx, entry).lower() != "false":
        fix = replace(fix, safe=False)
    yield finding(__name__, message, entry=entry, at_value=True, fix=fix)
