"""A spelling that reaches only some of the places that read a setting.

## What it does
Flags a spelling that binds for one reader of a property but not for another. On Score 5.11 and
develop, `AUTH_SERVER_CLIENT_ID` sets the client id of the API-key check but not the one Keycloak's
permission check reads (`auth.server.clientID`), which keeps its default.

## Why is this bad?
Half the server uses your value and half uses the default: API keys work, Keycloak permissions fail.

## Example
```env
AUTH_SERVER_CLIENT_ID=dms
```

## Use instead
```env
AUTH_SERVER_CLIENTID=dms
```

## Fix
Safe: the key is renamed to the spelling that binds everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Kind
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import rename_fix

CODE = "SL103"
NAME = "partial-binding"
SEVERITY = Severity.ERROR
FIX = "safe"
STOPS_STARTUP = False
ENTRIES = "all"  # check_entry is handed every entry
KINDS = frozenset({Kind.PARTIAL})  # ...whose name resolves to one of these here


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    res = ctx.resolve(entry.key)
    if res.kind is Kind.PARTIAL and res.canonical:
        message = (
            f"{entry.key} binds only partly on Score {ctx.line}: some parts of Score keep the default. "
            f"Use {res.canonical}."
        )
        yield finding(__name__, message, entry=entry, suggestion=res.canonical, fix=rename_fix(entry, res.canonical))
