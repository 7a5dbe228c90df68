"""A template placeholder left in place of a value.

## What it does
Flags a value that is still a template placeholder, such as `{{storage_account_name}}` or
`<your-bucket>`, with or without quotes around it.

## Why is this bad?
Guides ship env files with placeholders to fill in. Nothing replaces them at run time: Score uses the
placeholder text itself as the account name, key or bucket, and fails only when it first talks to the
storage or the auth server.

## Example
```env
AZURE_ACCOUNTNAME={{storage_account_name}}
BUCKET_NAME_OBJECT=<your-bucket>
```

## Use instead
```env
AZURE_ACCOUNTNAME=scorestorage
BUCKET_NAME_OBJECT=score-object
```

## Fix
None: only you know the value.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import (
    checked_container,
    effective_entries,
    finding,
    intended_value,
    is_placeholder,
    read_at_startup,
)

CODE = "SL205"
NAME = "unfilled-placeholder"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False  # True for a value Score converts while it starts, or the Azure container it checks


def check(ctx: Context) -> Iterator[Finding]:
    for entry, _ in effective_entries(ctx):
        if not is_placeholder(intended_value(ctx, entry)):
            continue
        setting = ctx.model.setting(entry.key)
        what = "credential" if setting is not None and setting.secret else "value"
        message = f"{entry.key} is still a template placeholder: Score uses the placeholder text as the {what}."
        stops = True
        if read_at_startup(ctx, setting) and setting is not None:
            message = (
                f"{entry.key} is still a template placeholder: Score cannot read the placeholder text as a "
                f"{setting.type} and fails to start."
            )
        elif checked_container(ctx, entry):
            message = (
                f"{entry.key} is still a template placeholder: no Azure container has that name, and Score "
                "refuses to start without its container."
            )
        else:
            stops = False
        yield finding(__name__, message, entry=entry, at_value=True, stops_startup=stops)
