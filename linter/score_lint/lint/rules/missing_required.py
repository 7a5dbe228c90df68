"""A required setting that the file does not give.

## What it does
Flags a setting the docs mark Required for the chosen Score line, provider and active profiles when no
spelling of it is set. When an active profile supplies a default, the finding is a warning that names
the default Score will use instead.

## Why is this bad?
Without the setting Score refuses to start (`METADATA_URL` on develop without `prod`, the key store
password with `ssl`, `SPRING_PROFILES_ACTIVE` everywhere), or it starts pointing at somebody else's
server: the `collaboratory` profile's `S3_ENDPOINT` is the retired Cancer Collaboratory store.

## Severity
Error when Score has no value at all for the setting. Warning when an active profile supplies a
default: Score starts, with a value that is not yours.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
METADATA_URL=http://song:8080
S3_ENDPOINT=http://minio:9000
BUCKET_NAME_OBJECT=score-object
BUCKET_NAME_STATE=score-state
```

## Fix
None: only you know the value.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL106"
NAME = "missing-required"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING)
FIX = "none"
STOPS_STARTUP = True  # a required setting without any default; with a profile's default Score starts


def check(ctx: Context) -> Iterator[Finding]:
    entry_for = ctx.entry_for_setting
    for setting in ctx.model.required:
        if entry_for(setting.name) is not None:
            continue
        if setting.profiles and not ctx.active.intersection(setting.profiles):
            continue
        defaults = setting.defaults(ctx.active)
        if defaults and defaults[0]:
            shown = "a default" if setting.secret else defaults[0]
            message = (
                f"{setting.name} is not set: Score {ctx.line} falls back to {shown}, which is not meant for "
                "your deployment."
            )
            yield finding(__name__, message, key=setting.name, severity=Severity.WARNING, stops_startup=False)
        else:
            scope = f" with profile {', '.join(setting.profiles)}" if setting.profiles else ""
            message = f"{setting.name} is required{scope} on Score {ctx.line} and is not set: Score cannot work without it."
            # Without any default Spring cannot fill the placeholder that reads it; an empty default
            # (AZURE_ACCOUNTKEY) lets Score start and fail later.
            yield finding(__name__, message, key=setting.name, stops_startup=not defaults)
