"""One setting documented Required in one table and Optional in another.

## What it does
Compares the Requirement cells of every row of a page that documents the same setting for the same
storage provider on the chosen Score line, and flags the rows that disagree with the first one.

## Why is this bad?
The reader cannot tell whether Score starts without the setting.

## Example
````markdown
## Connection

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `OBJECT_SENTINEL` | Required | Key of an object that must exist in the bucket. |

## Health check

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `OBJECT_SENTINEL` | Optional | Object the health check reads. |
````

## Use instead
````markdown
## Connection

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `OBJECT_SENTINEL` | Optional | Key of an object that must exist in the bucket. |

## Health check

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `OBJECT_SENTINEL` | Optional | Object the health check reads. |
````

## Fix
None: make the tables agree.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.drift.context import DriftContext, TableRow, name_key
from score_lint.findings import Finding, Severity, finding

CODE = "SL404"
NAME = "conflicting-requirement"
SEVERITY = Severity.WARNING
FIX = "none"

_VALUES = ("required", "optional")


def check(ctx: DriftContext) -> Iterator[Finding]:
    first: dict[tuple[str, str], tuple[TableRow, str]] = {}
    for row in ctx.rows:
        cell = row.cell("requirement", "required")
        value = cell.plain.strip().lower() if cell is not None else ""
        if value not in _VALUES or not row.applies(ctx.line):
            continue
        providers = ctx.providers(row.section, row)
        resolution = ctx.resolve(row.name, providers)
        target = name_key(resolution.canonical) if resolution.binds and resolution.canonical else row.key
        for provider in providers:
            earlier, earlier_value = first.setdefault((target, provider), (row, value))
            if earlier is row or earlier_value == value:
                continue
            message = (
                f"{row.name} is {value.capitalize()} here but {earlier_value.capitalize()} in the table at line "
                f"{earlier.line} (Score {ctx.line}, {provider})."
            )
            yield finding(
                __name__,
                message,
                key=row.name,
                line=row.line,
                column=ctx.cell_column(row, "requirement" if "requirement" in row.table.header else "required"),
            )
            break
