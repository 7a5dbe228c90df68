"""A documented default that is not Score's default, or is written wrongly.

## What it does
Compares the default a page documents for a setting (its Default column, or "Default is `x`" in the
description) with the defaults score-lint knows for that setting on the chosen Score line (any of the
profile-specific defaults matching is fine). Also flags a default whose code span swallowed the
sentence's full stop (`heliograph.` for `heliograph`). Values used in examples are not defaults: an
example may use any valid value.

## Why is this bad?
Operators leave a setting out because the docs say the default is what they want; Score then runs with
another value.

## Example
````markdown
| Setting | Requirement | Description |
|---------|-------------|-------------|
| `OBJECT_SENTINEL` | Optional | Object the health check reads. Default is `heliograph.` |
````

## Use instead
````markdown
| Setting | Requirement | Description |
|---------|-------------|-------------|
| `OBJECT_SENTINEL` | Optional | Object the health check reads. Default is `heliograph`. |
````

## Fix
None: correct the documented default.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from score_lint.binding import Setting
from score_lint.catalogue import tables
from score_lint.drift.context import DriftContext, TableRow
from score_lint.findings import Finding, Severity, finding

CODE = "SL408"
NAME = "wrong-default"
SEVERITY = Severity.WARNING
FIX = "none"

_DEFAULT_IN_TEXT = re.compile(r"[Dd]efault(?: value)? is `([^`]*)`")


def check(ctx: DriftContext) -> Iterator[Finding]:
    for row in ctx.rows:
        if not row.applies(ctx.line):
            continue
        setting = _setting(ctx, row)
        if setting is None:
            continue
        known = [d.value for d in setting.default_values]
        if not known:
            continue
        for value, column in _documented(ctx, row):
            if value.casefold() in (k.casefold() for k in known):
                continue
            if value.endswith(".") and value[:-1].casefold() in (k.casefold() for k in known):
                yield finding(
                    __name__,
                    f"The documented default of {row.name} ends with the sentence's full stop inside the "
                    "code span; Score's default has no full stop.",
                    key=row.name,
                    line=row.line,
                    column=column,
                    suggestion=value[:-1],
                )
                continue
            shown = "" if setting.secret else " (" + ", ".join(f"`{k}`" for k in known) + ")"
            yield finding(
                __name__,
                f"The documented default of {row.name} is not Score {ctx.line}'s default{shown}.",
                key=row.name,
                line=row.line,
                column=column,
                suggestion=None if setting.secret else known[0],
            )


def _setting(ctx: DriftContext, row: TableRow) -> Setting | None:
    found = ctx.setting_for(row.name, ctx.providers(row.section, row))
    if found is None:
        return None
    model, name = found
    for _, setting in model.patterns:
        if setting.name == name:
            return setting
    return model.setting(name)


def _documented(ctx: DriftContext, row: TableRow) -> Iterator[tuple[str, int | None]]:
    cell = row.cell("default")
    if cell is not None:
        start = ctx.cell_column(row, "default")
        for item in tables.parse_qualified(cell.text):
            if item.applies(ctx.line):
                yield item.value, ctx.find_in_row(row, f"`{item.value}`", start) or start
    description = row.cell("description")
    if description is not None:
        start = ctx.cell_column(row, "description")
        for match in _DEFAULT_IN_TEXT.finditer(description.text):
            found = ctx.find_in_row(row, match.group(0), start)
            column = found + match.start(1) - match.start(0) if found else start
            yield match.group(1), column
