"""A setting-like name in prose or a description that no settings table documents.

## What it does
Flags a name in backticks or ALL_CAPS_WITH_UNDERSCORES, in prose or in a table cell, that no settings
table of the page documents (nor an "Also binds" cell, nor the page's table of names that bind nothing)
and that score-lint's reference does not know either (a name documented on another page of the Score
docs is fine), unless the same sentence names the documented spelling it stands for. Dotted property
names are only checked on pages whose tables document properties.

## Why is this bad?
The reader is told to set a variable the docs never explain; usually it is a shortened or misspelt
form of a documented one (`CLEAN_ENABLED` for `UPLOAD_CLEAN_ENABLED`).

## Example
````markdown
## Uploads

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `UPLOAD_CLEAN_CRON` | Optional | If `CLEAN_ENABLED` is `true`, when the clean-up job runs. |
````

## Use instead
````markdown
## Uploads

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `UPLOAD_CLEAN_CRON` | Optional | If `UPLOAD_CLEAN_ENABLED` is `true`, when the clean-up job runs. |
````

## Fix
None: name the documented setting, or document the name.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.drift.context import DriftContext
from score_lint.findings import Finding, Severity, finding

CODE = "SL405"
NAME = "undocumented-mention"
SEVERITY = Severity.WARNING
FIX = "none"


def check(ctx: DriftContext) -> Iterator[Finding]:
    for section, mention in ctx.mentions:
        if ctx.documents(mention.name) or ctx.known(mention.name):
            continue
        if ctx.says_unbound(mention.line, mention.column):
            continue
        resolution = ctx.resolve(mention.name, ctx.providers(section))
        suggestion = ctx.suggestion(mention.name, resolution)
        if ctx.names_correction(mention.line, mention.column, suggestion):
            continue
        message = f"{mention.name} is mentioned, but no settings table of this page documents it"
        message += f"; did you mean {suggestion}?" if suggestion else "."
        yield finding(__name__, message, key=mention.name, line=mention.line, column=mention.column, suggestion=suggestion)
