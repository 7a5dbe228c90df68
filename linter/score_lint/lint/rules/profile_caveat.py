"""An active profile with a documented caveat on this Score line.

## What it does
Reports a profile in `SPRING_PROFILES_ACTIVE` whose row in the profile matrix of the docs carries a
caveat for the chosen Score line: `azure` on develop (Score does not start: two configurations declare
beans with the same names), `dev` anywhere (development defaults for everything left out, TLS
certificate validation off) and `test` (Score cannot tell score-client which storage it uses).

## Why is this bad?
Score fails to start, or starts with behaviour the operator did not ask for; the caveat says which.

## Severity
Error for a caveat the docs start with `Fails to start:`. Warning for any other caveat. Info for a
caveat the docs start with `Unverified:` (read from Score's code, never seen on a running server).

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,dev
```

Options: --score-version develop
```env
SPRING_PROFILES_ACTIVE=azure,prod
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

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL505"
NAME = "profile-caveat"
SEVERITY = Severity.WARNING
SEVERITIES = (Severity.WARNING, Severity.ERROR, Severity.INFO)
FIX = "none"
STOPS_STARTUP = False  # True for a caveat the docs mark "Fails to start:"

# The profile matrix marks how sure a caveat is by its first words.
_PREFIXES = (("fails to start:", Severity.ERROR), ("unverified:", Severity.INFO))


def _severity(caveat: str) -> Severity:
    lowered = caveat.lower()
    return next((severity for prefix, severity in _PREFIXES if lowered.startswith(prefix)), SEVERITY)


def check(ctx: Context) -> Iterator[Finding]:
    entry = ctx.entry_for_setting("SPRING_PROFILES_ACTIVE")
    if entry is None:
        return
    for name in dict.fromkeys(ctx.profiles):
        for row in ctx.model.profile_rows(name):
            caveat = row.caveat
            if caveat:
                yield finding(
                    __name__,
                    f"the profile {name} on Score {ctx.line}: {caveat}",
                    entry=entry,
                    at_value=True,
                    severity=_severity(caveat),
                    stops_startup=_severity(caveat) is Severity.ERROR,
                )
