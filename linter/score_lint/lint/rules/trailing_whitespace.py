"""Blanks after a value under `docker run --env-file`.

## What it does
Flags a value that ends with spaces or tabs when the file is read the `docker run --env-file` way (the
default dialect). Blanks before an inline comment are part of SL203's finding. Compose trims the end
of an unquoted value, and blanks inside quotes are deliberate there, so with `--dialect compose` it
never fires.

## Why is this bad?
The blanks are invisible in an editor, and docker passes them to Score. Spring trims booleans, numbers,
log levels and cron expressions, so those still work; a URL, bucket name or policy name keeps the
blanks, and a secret with a trailing blank is a different credential.

## Example
```env
OBJECT_SENTINEL=heliograph  
```

## Use instead
```env
OBJECT_SENTINEL=heliograph
```

## Fix
Safe: the trailing blanks are removed.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    clean_job_left_on,
    docker_layers,
    kept_consequence,
    passer,
    replace_value_fix,
    verbatim,
)

CODE = "SL204"
NAME = "trailing-whitespace"
SEVERITY = Severity.WARNING
FIX = "safe"
STOPS_STARTUP = False  # True only for the name of the Azure container Score checks while it starts
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score
SKIP_PLAIN = True  # never fires on a plain value (``Item.plain``): the engine does not call it there

# Spring trims the text before converting these types.
_TRIMMED = frozenset({"boolean", "int", "long", "double", "log-level", "cron"})


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    if not verbatim(ctx, entry):
        return  # compose trims an unquoted value; blanks inside its quotes are deliberate
    core, blanks, comment = docker_layers(ctx, entry)
    if not blanks or comment:
        return
    setting = item.setting
    if clean_job_left_on(ctx, entry, setting):
        return  # SL212 reports it
    kind = setting.type if setting is not None else "string"
    stops = False
    if kind in _TRIMMED:
        consequence = f"Spring trims them before reading the {kind}, so it works, but they are easy to miss"
    elif kind == "on-unless-false":
        consequence = "it works for this value, but after false they would leave the clean-up job on"
    else:
        consequence, stops = kept_consequence(ctx, setting, entry, "the trailing blanks")
    message = f"{entry.key} ends with blanks, and {passer(ctx, entry)} passes them to Score: {consequence}."
    fix = replace_value_fix(entry, core, f"remove the blanks after the value of {entry.key}")
    severity = Severity.ERROR if stops else None
    yield finding(__name__, message, entry=entry, at_value=True, fix=fix, severity=severity, stops_startup=stops)
