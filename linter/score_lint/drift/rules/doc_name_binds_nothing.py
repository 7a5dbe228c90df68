"""A name on a docs page that binds nothing on the Score line.

## What it does
Resolves every name a page documents in a settings table, sets in an example env block or mentions in
prose and descriptions, with Score's binding rules for the chosen line and the provider of its section
(either provider for a provider-neutral section), and reports the names Score does not read, with the
spelling that binds.

Not reported: a table row whose Lines column restricts it to other Score lines, and any other
occurrence of a name the page documents for other lines only (the page says so itself); names listed by
the page's own table of names that bind nothing; names in a sentence that itself says they bind nothing, or that also names the spelling that binds
("rename `S3_SIGV4_ENABLED` to `S3_SIGV4ENABLED`").

## Why is this bad?
Score ignores an environment variable it does not read, without a word: whoever follows the page runs
Score with the default instead of their value.

## Example
````markdown
## Uploads

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `UPLOAD_CONNECTIONTIMEOUT` | Optional | Milliseconds before an idle connection times out. |
````

## Use instead
````markdown
## Uploads

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `UPLOAD_CONNECTION_TIMEOUT` | Optional | Milliseconds before an idle connection times out. |
````

## Fix
None: rename the name on the page to the suggested spelling.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Kind, Resolution
from score_lint.drift.context import NOT_BINDING, DriftContext, name_key, name_kind
from score_lint.findings import Finding, Severity, finding
from score_lint.lines import lines_text

CODE = "SL402"
NAME = "doc-name-binds-nothing"
SEVERITY = Severity.ERROR
FIX = "none"

_CHECKED = ("env", "property")


def check(ctx: DriftContext) -> Iterator[Finding]:
    for row in ctx.rows:
        if name_kind(row.name) not in _CHECKED or not row.applies(ctx.line):
            continue
        resolution = ctx.resolve(row.name, ctx.providers(row.section, row))
        if resolution.kind in NOT_BINDING:
            yield _finding(ctx, row.name, resolution, row.line, row.column)
    for example in ctx.examples:
        group = ctx.group_of(example.section)
        rows = group.rows if group is not None else ()
        for entry in example.entries:
            if name_kind(entry.name) not in _CHECKED:
                continue
            if ctx.only_for_other_lines(entry.name, rows):
                continue
            resolution = ctx.resolve(entry.name, ctx.providers(example.section))
            if resolution.kind in NOT_BINDING:
                yield _finding(ctx, entry.name, resolution, entry.line, entry.column)
    for section, mention in ctx.mentions:
        if name_key(mention.name) in ctx.unbound_names:
            continue
        lines = ctx.row_lines_at(mention.line) if mention.where == "table" else None
        if lines is not None and ctx.line not in lines:
            continue
        if ctx.says_unbound(mention.line, mention.column) or ctx.only_for_other_lines(mention.name):
            continue
        resolution = ctx.resolve(mention.name, ctx.providers(section))
        if resolution.kind not in NOT_BINDING:
            continue
        if ctx.names_correction(mention.line, mention.column, ctx.suggestion(mention.name, resolution)):
            continue
        yield _finding(ctx, mention.name, resolution, mention.line, mention.column)


def _finding(ctx: DriftContext, name: str, resolution: Resolution, line: int, column: int | None) -> Finding:
    suggestion = ctx.suggestion(name, resolution)
    if resolution.kind is Kind.OTHER_LINE:
        message = f"{name} is read by {lines_text(resolution.lines)} only; Score {ctx.line} ignores it"
    else:
        message = f"{name} binds nothing on Score {ctx.line}: Score ignores it without a word"
    message += f"; use {suggestion}." if suggestion and name_key(suggestion) != name_key(name) else "."
    return finding(__name__, message, key=name, line=line, column=column, suggestion=suggestion)
