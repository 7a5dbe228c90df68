"""A setting whose value is replaced by another setting or by an active profile.

## What it does
Flags a key whose value never takes effect because another property wins: on develop the `s3` profile
sets `s3.retryLimit` and `s3.connectionTimeout` itself, which replace `UPLOAD_RETRY_LIMIT` and
`UPLOAD_CONNECTION_TIMEOUT`; anywhere, setting `S3_RETRYLIMIT` or `S3_CONNECTIONTIMEOUT` replaces them;
on Azure `AZURE_CONTAINERNAME` replaces `BUCKET_NAME_OBJECT`. The finding sits on the overridden key
and names the setting that takes effect.

## Why is this bad?
The file says 1200000 ms, Score uses 15000 ms, and nothing tells you.

## Example
Options: --score-version develop
```env
SPRING_PROFILES_ACTIVE=s3
UPLOAD_CONNECTION_TIMEOUT=60000
```

## Use instead
Options: --score-version develop
```env
SPRING_PROFILES_ACTIVE=s3
S3_CONNECTIONTIMEOUT=60000
```

## Fix
None: renaming would change which property is set; do it by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL107"
NAME = "overridden-setting"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False


def check(ctx: Context) -> Iterator[Finding]:
    for override in ctx.model.overrides:
        entry = ctx.entry_for_setting(override.setting)
        if entry is None:
            continue
        by = override.by
        profiles = [p for p in override.profiles if p in ctx.active]
        if ctx.is_set(by):
            message = f"{entry.key} does not take effect: {by} is also set and replaces it. Keep only {by}."
        elif profiles:
            message = (
                f"{entry.key} does not take effect on Score {ctx.line}: the {profiles[0]} profile sets {by} "
                f"itself, which replaces it. Set {by} instead."
            )
        else:
            continue
        yield finding(__name__, message, entry=entry, suggestion=by)
