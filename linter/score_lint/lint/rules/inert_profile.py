"""A profile that does nothing on the Score line.

## What it does
Flags a name in `SPRING_PROFILES_ACTIVE` that the chosen Score line does not define (a typo such as
`prdo`, or a profile of another service such as Song's `kafka`), and, when a storage profile is
active, a profile the docs mark as doing nothing on that line (`jwt` since 5.11, `aws` beside
`collaboratory`, `collaboratory` beside `s3` on develop). Without a storage profile, `storage-profile`
reports the list instead.

## Why is this bad?
A profile that does not exist is ignored silently: the security, TLS or storage you meant to turn on
stays off. A documented profile that does nothing is harmless, but it misleads whoever reads the list.

## Severity
Warning for a name the Score line does not define at all. Info for a documented profile that does
nothing on this line.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prdo,secure
```

```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,secure,jwt
SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION=http://ego:8080/oauth/token/public_key
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,secure
SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION=http://ego:8080/oauth/token/public_key
```

## Fix
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL503"
NAME = "inert-profile"
SEVERITY = Severity.WARNING
SEVERITIES = (Severity.WARNING, Severity.INFO)
FIX = "none"
STOPS_STARTUP = False


def check(ctx: Context) -> Iterator[Finding]:
    entry = ctx.entry_for_setting("SPRING_PROFILES_ACTIVE")
    if entry is None:
        return
    known = ctx.model.known_profiles()
    has_storage = any(p in ctx.model.storage_profiles() for p in ctx.profiles)
    for name in dict.fromkeys(ctx.profiles):
        rows = ctx.model.profile_rows(name)
        if any(row.role != "none" for row in rows):
            continue
        if rows:
            if not has_storage:
                continue  # storage-profile already explains it
            effect = rows[0].effect.rstrip(".")
            message = f"the profile {name} does nothing on Score {ctx.line}: {effect}. You can remove it."
            yield finding(__name__, message, entry=entry, at_value=True, severity=Severity.INFO)
        elif name not in known:
            message = f"Score {ctx.line} defines no profile named {name}; it activates nothing Score ships."
            yield finding(__name__, message, entry=entry, at_value=True)
