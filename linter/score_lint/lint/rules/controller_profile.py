"""No profile that starts the upload and download endpoints (Score 5.10 and 5.11).

## What it does
On Score 5.10 and 5.11 the upload and download controllers only start with `prod`, `default` or
`debug`. This rule flags a profile list with a storage profile but none of those.

## Why is this bad?
Score starts, answers health checks, and every upload or download fails with 404.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,secure
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

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL502"
NAME = "controller-profile"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False


def check(ctx: Context) -> Iterator[Finding]:
    controllers = ctx.model.controller_profiles()
    entry = ctx.entry_for_setting("SPRING_PROFILES_ACTIVE")
    if not controllers or entry is None:
        return
    if ctx.active.intersection(controllers):
        return
    message = (
        f"none of {', '.join(controllers)} is active: Score {ctx.line} starts without its upload and download "
        "endpoints. Add prod."
    )
    yield finding(__name__, message, entry=entry, at_value=True, suggestion="prod")
