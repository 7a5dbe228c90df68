"""An active profile with a documented caveat on this Score line.

## What it does
Reports a profile in `SPRING_PROFILES_ACTIVE` whose row in the profile matrix of the docs carries a
caveat for the chosen Score line: `azure` on develop (Score fails at startup because two bean
definitions share names) and `dev` anywhere (development defaults for everything left out).

## Why is this bad?
Score starts with behaviour the operator did not ask for, or does not start at all; the caveat says
which. A caveat the docs mark `Fails at startup:` is an error that stops Score from starting; one
marked `Unverified:` (read from Score's code, never seen on a running server) is reported as info.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,dev
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
```

## Fix
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import finding

CODE = "SL505"
NAME = "profile-caveat"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False  # True for a caveat the docs mark "Fails at startup:"

# The docs' mark of a caveat that stops Score from starting.
FAILS_AT_STARTUP = "Fails at startup:"


def check(ctx: Context) -> Iterator[Finding]:
    entry = ctx.entry_for_setting("SPRING_PROFILES_ACTIVE")
    if entry is None:
        return
    for name in dict.fromkeys(ctx.profiles):
        for row in ctx.model.profile_rows(name):
            caveat = row.get("caveat")
            if caveat:
                fails = caveat.lower().startswith(FAILS_AT_STARTUP.lower())
                severity = Severity.ERROR if fails else None
                if caveat.lower().startswith("unverified:"):
                    severity = Severity.INFO
                yield finding(
                    __name__,
                    f"the profile {name} on Score {ctx.line}: {caveat}",
                    entry=entry,
                    at_value=True,
                    severity=severity,
                    stops_startup=fails,
                )
