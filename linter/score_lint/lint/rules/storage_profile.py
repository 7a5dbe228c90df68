"""No storage profile for the Score line.

## What it does
Checks that `SPRING_PROFILES_ACTIVE` names a storage profile of the chosen Score line: `collaboratory`
or `azure` on 5.10 and 5.11, `s3` or `azure` on develop. It names the profiles in the list that look
like storage but are not storage profiles (`aws`, `amazon`, and `collaboratory` on develop) and the
one to use instead. `aws` or `amazon` beside a storage profile is fine: Score starts
(`amazon,collaboratory,prod,secure`).

## Why is this bad?
Since 5.10.0 Score refuses to start when no storage profile is active. The `aws` profile of older
guides, and `amazon` from Score's own `application.yml`, are not storage profiles: alone they fail
that check. The `test` profile removes the check (and the `/profile` endpoint that answers which
storage Score uses), so with `test` Score may start without a storage profile.

## Severity
Error when no storage profile is active (Score refuses to start) or when the profile contradicts
`--provider`. Warning when several storage profiles are active (Score starts with one of them), or
when `test` is active, which switches the check off.

## Example
```env
SPRING_PROFILES_ACTIVE=prod,aws
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
```

```env
SPRING_PROFILES_ACTIVE=amazon,collaboratory,prod,secure
SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION=http://ego:8080/oauth/token/public_key
```

## Fix
None: the profile list is yours to choose.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL501"
NAME = "storage-profile"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING)
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
        if entry is None:
            message = f"SPRING_PROFILES_ACTIVE is not set: Score {ctx.line} refuses to start without a storage profile ({wanted})."
            yield finding(__name__, message, key="SPRING_PROFILES_ACTIVE", suggestion=f"{s3_name},prod" if "prod" in ctx.model.controller_profiles() else s3_name)
            return
        look_alike = [p for p in dict.fromkeys(ctx.profiles) if _looks_like_storage(ctx, p)]
        detail = ""
        if look_alike:
            names = " and ".join(look_alike)
            detail = f" ({names} {'is not a storage profile' if len(look_alike) == 1 else 'are not storage profiles'})"
        if "test" in ctx.active:
            message = (
                f"no storage profile is active{detail}: the test profile switches off Score {ctx.line}'s "
                "storage-profile check, so Score may start, but /profile answers 500 and score-client "
                f"assumes S3. Add {wanted}."
            )
            yield finding(__name__, message, entry=entry, at_value=True, suggestion=s3_name, severity=Severity.WARNING)
            return
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


def _looks_like_storage(ctx: Context, profile: str) -> bool:
    """A name guides use for storage that is not a storage profile on this line (``s3`` before develop,
    ``collaboratory`` on develop, ``aws`` and ``amazon`` everywhere)."""
    return profile.lower() in ("aws", "amazon", "s3", "collaboratory")
