"""No storage profile for the Score line (or one that starts nothing).

## What it does
Checks that `SPRING_PROFILES_ACTIVE` names a storage profile of the chosen Score line: `collaboratory`
or `azure` on 5.10 and 5.11, `s3` or `azure` on develop. It names the profiles that look like storage
but start nothing (`aws`, `amazon`, and `collaboratory` on develop) and the one to use instead.

## Why is this bad?
Since 5.10.0 Score refuses to start when no storage profile is active. The `aws` profile of older
guides, and `amazon` from Score's own `application.yml`, start no storage at all.

## Example
```env
SPRING_PROFILES_ACTIVE=prod,aws
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
```

## Fix
None: the profile list is yours to choose.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import finding

CODE = "SL501"
NAME = "storage-profile"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # not for the --provider mismatch or several storage profiles: Score starts then


def check(ctx: Context) -> Iterator[Finding]:
    storage = ctx.model.storage_profiles()
    entry = ctx.entry_for_setting("SPRING_PROFILES_ACTIVE")
    active_storage = [p for p in ctx.profiles if p in storage]
    kinds = {"s3": "S3-compatible storage", "azure": "Azure"}
    wanted = " or ".join(f"{name} ({kinds.get(provider, provider)})" for name, provider in sorted(storage.items(), key=lambda i: i[1] != "s3"))
    s3_name = next((name for name, provider in storage.items() if provider == "s3"), "s3")
    if not active_storage:
        inert = [
            p
            for p in ctx.profiles
            if any(row.get("role") == "none" for row in ctx.model.profile_rows(p)) or p.lower() in ("aws", "amazon")
        ]
        if entry is None:
            message = f"SPRING_PROFILES_ACTIVE is not set: Score {ctx.line} refuses to start without a storage profile ({wanted})."
            yield finding(__name__, message, key="SPRING_PROFILES_ACTIVE", suggestion=f"{s3_name},prod" if "prod" in ctx.model.controller_profiles() else s3_name)
            return
        detail = f" ({', '.join(inert)} start{'s' if len(inert) == 1 else ''} no storage)" if inert else ""
        message = f"no storage profile is active{detail}: Score {ctx.line} refuses to start. Add {wanted}."
        yield finding(__name__, message, entry=entry, at_value=True, suggestion=s3_name)
        return
    if ctx.options.provider and storage[active_storage[0]] != ctx.options.provider:
        message = (
            f"the profile {active_storage[0]} starts {storage[active_storage[0]]} storage, but --provider "
            f"{ctx.options.provider} was given."
        )
        yield finding(__name__, message, entry=entry, at_value=True, stops_startup=False)
    if len(set(active_storage)) > 1:
        message = (
            f"several storage profiles are active ({', '.join(active_storage)}): Score {ctx.line} uses only one; "
            "keep the one you mean."
        )
        yield finding(__name__, message, entry=entry, at_value=True, severity=Severity.WARNING, stops_startup=False)
