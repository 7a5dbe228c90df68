"""An inline comment after a value under `docker run --env-file`.

## What it does
Flags an unquoted value followed by ` #` or a tab and `#` when the file is read the
`docker run --env-file` way (the default dialect). Compose cuts such comments off, so with
`--dialect compose` it never fires.

## Why is this bad?
`docker run --env-file` only knows whole-line comments. After a value, ` # text` is part of the value,
so `UPLOAD_PARTSIZE=104857600 # 100 MiB` hands Score a part size with words in it and Score does not
start; a bucket name or policy name with the comment attached names something that does not exist.

## Severity
Error when the comment text changes what Score does. Warning for `UPLOAD_CLEAN_ENABLED`, where any
value but `false` means on (a comment after `false` is SL212's). Info for `UPLOAD_CLEAN_CRON` while
`UPLOAD_CLEAN_ENABLED=false`: Score never reads the schedule then.

## Example
```env
UPLOAD_PARTSIZE=104857600 # 100 MiB
```

## Use instead
```env
# 100 MiB
UPLOAD_PARTSIZE=104857600
```

## Fix
Safe: the comment moves to its own line above the setting, and the value ends where the comment began
(blanks before the comment dropped). Unsafe for secrets, where ` #` might really be part of the value.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    UNREAD_SCHEDULE,
    clean_job_left_on,
    comment_kept,
    docker_layers,
    kept_consequence,
    move_comment_fix,
    passer,
    unread_schedule,
)
from score_lint.records import replace

CODE = "SL203"
NAME = "inline-comment"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
FIX = "safe"
STOPS_STARTUP = False  # True for a value Score converts while it starts (a boolean, number, log level, live cron)
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score
SKIP_PLAIN = True  # never fires on a plain value (``Item.plain``): the engine does not call it there


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    if not comment_kept(ctx, entry):
        return
    setting = item.setting
    if clean_job_left_on(ctx, entry, setting):
        return  # SL212 reports it
    core, _, _ = docker_layers(ctx, entry)
    severity, stops = None, False
    if setting is not None and setting.type == "on-unless-false":
        severity = Severity.WARNING
        consequence = "it works for this value, but after false it would leave the clean-up job on"
    elif unread_schedule(ctx, setting):
        severity = Severity.INFO
        consequence = UNREAD_SCHEDULE
    else:
        consequence, stops = kept_consequence(ctx, setting, entry, "the comment text")
    message = (
        f"{entry.key} has an inline comment, and {passer(ctx, entry)} passes the comment text to Score as part "
        f"of the value: {consequence}."
    )
    fix = move_comment_fix(ctx, entry, core, f"move the comment after {entry.key} to its own line")
    if fix is not None and setting is not None and setting.secret:
        fix = replace(fix, safe=False)  # a secret may really contain " #"
    yield finding(__name__, message, line=entry.line, column=entry.inline_comment_column, key=entry.key,
                  severity=severity, fix=fix, stops_startup=stops)
