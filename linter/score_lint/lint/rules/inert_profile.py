"""A profile that does nothing on the Score line.

## What it does
Flags a name in `SPRING_PROFILES_ACTIVE` that the chosen Score line does not define (`jwt` since 5.11,
`collaboratory` on develop, a typo such as `prdo`), and a profile the docs mark as one that starts
nothing. Storage profiles that start nothing are reported by `storage-profile` instead.

## Why is this bad?
A profile that does not exist is ignored silently: the security, TLS or storage you meant to turn on
stays off.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,secure,jwt
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,secure
```

## Fix
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import finding

CODE = "SL503"
NAME = "inert-profile"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False


def check(ctx: Context) -> Iterator[Finding]:
    entry = ctx.entry_for_setting("SPRING_PROFILES_ACTIVE")
    if entry is None:
        return
    known = ctx.model.known_profiles()
    has_storage = any(p in ctx.model.storage_profiles() for p in ctx.profiles)
    for name in ctx.profiles:
        rows = ctx.model.profile_rows(name)
        if any(row["role"] != "none" for row in rows):
            continue
        if rows:
            if not has_storage:
                continue  # storage-profile already explains it
            effect = rows[0]["effect"]
            message = f"the profile {name} does nothing useful on Score {ctx.line}: {effect}"
        elif name in known:
            continue
        else:
            message = f"Score {ctx.line} defines no profile named {name}; it activates nothing Score ships."
        yield finding(__name__, message, entry=entry, at_value=True)
