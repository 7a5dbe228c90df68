"""A value that Score cannot convert to the setting's type.

## What it does
Checks the value that reaches Score against the setting's type: booleans, whole numbers (Java `int`
and `long`), decimals, URLs, endpoints, log levels, the documented choices of an enum, and profile
lists. On Azure it also checks that `AZURE_ACCOUNTKEY` is Base64, up to its first `;` (text after
it, such as `;BlobEndpoint=...`, is more of the connection string and is honoured). Bucket and container names (SL207) and cron expressions (SL211) have rules of their own.

A value that is only wrong because `docker run` keeps its quotes, an inline comment or trailing
blanks is left to SL202, SL203 and SL204, and a template placeholder to SL205, so one mistake gives
one finding.

## Why is this bad?
Spring converts the text when Score starts. A boolean other than `true`/`false`/`on`/`off`/`yes`/`no`/
`1`/`0`, a number with a unit, or a number above 2147483647 for an `int` setting stops startup; a
malformed URL makes every call to that service fail. An account key that is not Base64 makes Azure's
connection-string parser fail, and Score does not start.

## Example
```env
S3_SIGV4ENABLED=enabled
UPLOAD_PARTSIZE=100MB
BUCKET_SIZE_POOL=3000000000
```

```env
SPRING_PROFILES_ACTIVE=azure,prod
AZURE_ACCOUNTKEY=my-storage-key
```

## Use instead
```env
S3_SIGV4ENABLED=true
UPLOAD_PARTSIZE=104857600
BUCKET_SIZE_POOL=0
```

```env
SPRING_PROFILES_ACTIVE=azure,prod
AZURE_ACCOUNTKEY=c2NvcmUtbGludC1leGFtcGxlLWtleQ==;BlobEndpoint=http://azurite:10000/devstoreaccount1
```

## Fix
None: only you know the value meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.binding import Setting
from score_lint.envfile import Entry
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    intended_value,
    read_at_startup,
    value_unknown,
)

CODE = "SL201"
NAME = "invalid-value"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False  # True for a value Score converts while it starts (a boolean, number or log level)
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score

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
        low, high = (values.INT_MIN, values.INT_MAX) if kind == "int" else (values.LONG_MIN, values.LONG_MAX)
        if number is not None and not low <= number <= high:
            bound = f"at least {low}" if number < 0 else f"at most {high}"
            return f"{key} overflows Java {kind} ({bound}): Score fails to start."
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


def _not_base64(text: str) -> bool:
    # Imported here for start-up time: only a file that sets an Azure account key needs them.
    import base64
    import binascii

    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return True
    return False


def _account_key_problem(ctx: Context, entry: Entry) -> str | None:
    """Azure's connection-string parser decodes the key: it must be Base64. Text after the first ';'
    (such as ;BlobEndpoint=...) is more of the connection string, which the parser honours."""
    key = intended_value(ctx, entry).split(";", 1)[0]
    if not key or value_unknown(ctx, entry) or not _not_base64(key):
        return None
    return f"{entry.key} is not valid Base64: Azure's connection-string parser refuses it, so Score does not start."


def wants(setting: Setting | None, canonical: str) -> bool:
    """Whether check_entry can fire for an entry of this setting (the engine asks once per setting)."""
    if canonical == "AZURE_ACCOUNTKEY":
        return True
    return setting is not None and setting.type not in _ELSEWHERE and bool(setting.pattern)


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry, canonical = item.entry, item.canonical
    if canonical == "AZURE_ACCOUNTKEY":
        problem = _account_key_problem(ctx, entry)
        if problem:
            yield finding(__name__, problem, entry=entry, at_value=True)
        return
    setting = item.setting
    if setting is None or setting.type in _ELSEWHERE or not setting.pattern or entry.value is None:
        return
    accepts = values.accepts(setting.pattern)
    intended = intended_value(ctx, entry)
    if accepts(entry.value) or accepts(intended) or value_unknown(ctx, entry):
        return
    # An empty value is left out: whether Spring refuses it or keeps the default depends on how the
    # setting is bound, so score-lint does not claim it stops startup.
    stops = read_at_startup(ctx, setting) and bool(intended.strip())
    yield finding(__name__, _problem(setting, entry.key, intended), entry=entry, at_value=True, stops_startup=stops)
