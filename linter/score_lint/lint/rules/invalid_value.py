"""A value that Score cannot convert to the setting's type.

## What it does
Checks the value that reaches Score against the setting's type: booleans, whole numbers (Java `int`
and `long`), decimals, URLs, endpoints, log levels, the documented choices of an enum, and profile
lists. Bucket and container names (SL207) and cron expressions (SL211) have rules of their own.

A value that is only wrong because `docker run` keeps its quotes, an inline comment or trailing
blanks is left to SL202, SL203 and SL204, and a template placeholder to SL205, so one mistake gives
one finding.

## Why is this bad?
Spring converts the text when Score starts. A boolean other than `true`/`false`/`on`/`off`/`yes`/`no`/
`1`/`0`, a number with a unit, or a number above 2147483647 for an `int` setting stops startup; a
malformed URL makes every call to that service fail.

## Example
```env
S3_SIGV4ENABLED=enabled
UPLOAD_PARTSIZE=100MB
BUCKET_SIZE_POOL=3000000000
```

## Use instead
```env
S3_SIGV4ENABLED=true
UPLOAD_PARTSIZE=104857600
BUCKET_SIZE_POOL=0
```

## Fix
None: only you know the value meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.binding import Setting
from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import (
    effective_entries,
    finding,
    intended_value,
    is_placeholder,
    read_at_startup,
)

CODE = "SL201"
NAME = "invalid-value"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False  # True for a value Score converts while it starts (a boolean, number or log level)

# Checked by their own rules: SL207 (bucket-name, container-name) and SL211 (cron).
_ELSEWHERE = frozenset({"bucket-name", "container-name", "cron"})


def _problem(setting: Setting, key: str, value: str) -> str:
    kind = setting.type
    if not value.strip():
        return f"{key} is empty, which Score cannot use as a {kind}: {setting.pattern_message}"
    if kind == "boolean":
        return f"{key} is not a boolean: Spring accepts only true, false, on, off, yes, no, 1 or 0: Score fails to start."
    if kind in ("int", "long"):
        number = values.java_int(value)
        limit, java = (values.INT_MAX, "int") if kind == "int" else (values.LONG_MAX, "long")
        if number is not None and not -limit - 1 <= number <= limit:
            return f"{key} overflows Java {java} (at most {limit}): Score fails to start."
        return f"{key} is not a whole number: Score fails to start. {setting.pattern_message}"
    if kind == "double":
        return f"{key} is not a number: Score fails to start. {setting.pattern_message}"
    if kind == "log-level":
        return f"{key} is not a log level: Score fails to start. {setting.pattern_message}"
    if kind in ("url", "endpoint"):
        return f"{key} is not a valid {kind}: Score cannot reach the server it names. {setting.pattern_message}"
    if kind == "profiles":
        return f"{key} has quote or # characters: Spring keeps them in the profile names, so those profiles do not match."
    return f"{key} is not an accepted value: Score does not use it as written. {setting.pattern_message}"


def check(ctx: Context) -> Iterator[Finding]:
    for entry, _ in effective_entries(ctx):
        setting = ctx.model.setting(entry.key)
        if setting is None or setting.type in _ELSEWHERE or not setting.pattern or entry.value is None:
            continue
        pattern = values.compiled(setting.pattern)
        intended = intended_value(ctx, entry)
        if pattern.search(entry.value) or pattern.search(intended) or is_placeholder(intended):
            continue
        # An empty value is left out: whether Spring refuses it or keeps the default depends on how the
        # setting is bound, so score-lint does not claim it stops startup.
        stops = read_at_startup(ctx, setting) and bool(intended.strip())
        yield finding(__name__, _problem(setting, entry.key, intended), entry=entry, at_value=True, stops_startup=stops)
