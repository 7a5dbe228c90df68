"""A quoted value under `docker run --env-file`.

## What it does
Flags a value wrapped in a matching pair of quotes when the file is read the `docker run --env-file`
way (the default dialect). Compose's `env_file` parser strips the quotes, so with `--dialect compose` it
fires only where compose passes a value as written: an `environment:` list item (`- KEY="v"`) or a
`format: raw` env file (`score-lint compose`). Kubernetes passes every `value:` as written
(`score-lint k8s`).

## Why is this bad?
`docker run --env-file` has no quoting: the quotes are part of the value. `S3_SIGV4ENABLED="true"` is
the seven characters `"true"`, which Spring refuses, so Score does not start. A quoted endpoint or
bucket name makes Score use a value with quote characters; a quoted secret makes the credential include
the quotes.

## Severity
Error when the quotes change what Score does. Warning for `UPLOAD_CLEAN_ENABLED`, where any value
but `false` means on, so quotes only matter around `false` (that case is SL212's). Info for a quoted
`UPLOAD_CLEAN_CRON` while `UPLOAD_CLEAN_ENABLED=false`: Score never reads the schedule then.

## Example
```env
S3_SIGV4ENABLED="true"
S3_ENDPOINT="http://minio:9000"
```

## Use instead
```env
S3_SIGV4ENABLED=true
S3_ENDPOINT=http://minio:9000
```

## Fix
Safe: the outer quotes are removed, unless the text inside has a quote of the same kind, starts or
ends with a blank, or holds ` #` (which would then read as a comment), or the value is followed by
blanks or a comment (SL203 and SL204 fix those first).
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    UNREAD_SCHEDULE,
    clean_job_left_on,
    docker_layers,
    kept_consequence,
    passer,
    quote_of,
    replace_value_fix,
    unread_schedule,
    verbatim,
)

CODE = "SL202"
NAME = "quoted-value"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
FIX = "safe"
STOPS_STARTUP = False  # True for a value Score converts while it starts (a boolean, number, log level, live cron)
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score
SKIP_PLAIN = True  # never fires on a plain value (``Item.plain``): the engine does not call it there


def _safe_inner(inner: str, quote: str) -> bool:
    return (
        quote not in inner
        and inner == inner.strip(" \t")
        and " #" not in inner
        and "\t#" not in inner
    )


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    if not verbatim(ctx, entry):
        return  # compose's env_file parser strips the quotes
    who = passer(ctx, entry)
    core, blanks, comment = docker_layers(ctx, entry)
    quote = quote_of(core)
    if quote is None:
        return
    setting = item.setting
    if clean_job_left_on(ctx, entry, setting):
        return  # SL212 says it in the words that matter
    severity, stops = None, False
    if setting is not None and setting.type == "on-unless-false":
        # Any value but false means on; only a quoted "false" changes what Score does.
        severity = Severity.WARNING
        message = (
            f"{entry.key} is quoted and {who} passes the quotes to Score; it works for this "
            "value, but a quoted false would leave the clean-up job on."
        )
    elif unread_schedule(ctx, setting):
        severity = Severity.INFO
        message = f"{entry.key} is quoted and docker run passes the quotes to Score: {UNREAD_SCHEDULE}."
    else:
        consequence, stops = kept_consequence(ctx, setting, entry, "the quote characters")
        message = f"{entry.key} is quoted and {who} passes the quotes to Score: {consequence}."
    inner = core[1:-1]
    fix = None
    if not blanks and not comment and _safe_inner(inner, quote):
        fix = replace_value_fix(entry, inner, f"remove the quotes around the value of {entry.key}")
    yield finding(__name__, message, entry=entry, at_value=True, severity=severity, fix=fix, stops_startup=stops)
