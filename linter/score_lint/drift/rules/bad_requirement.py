"""A Requirement cell that is neither Required nor Optional.

## What it does
Flags a settings-table row whose Requirement cell says anything but `Required` or `Optional` (any case),
including an empty cell. A column headed "Required" may also say yes or no.

## Why is this bad?
score-lint compiles the tables into schemas: an unreadable requirement is treated as Optional, and the
reader cannot tell either.

## Example
````markdown
| Setting | Requirement | Description |
|---------|-------------|-------------|
| `METADATA_URL` | Yes | Base URL of your Song server. |
````

## Use instead
````markdown
| Setting | Requirement | Description |
|---------|-------------|-------------|
| `METADATA_URL` | Required | Base URL of your Song server. |
````

## Fix
None: write Required or Optional.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.drift.context import DriftContext
from score_lint.findings import Finding, Severity, finding

CODE = "SL406"
NAME = "bad-requirement"
SEVERITY = Severity.WARNING
FIX = "none"


# A "Required" column may also answer yes or no.
_REQUIRED_COLUMN = ("required", "optional", "yes", "no", "true", "false")


def check(ctx: DriftContext) -> Iterator[Finding]:
    for row in ctx.rows:
        column = "requirement" if "requirement" in row.table.header else "required"
        cell = row.cell(column)
        allowed = _REQUIRED_COLUMN if column == "required" else ("required", "optional")
        if cell is None or cell.plain.strip().lower() in allowed:
            continue
        said = f"says '{cell.plain.strip()}'" if cell.plain.strip() else "is empty"
        yield finding(
            __name__,
            f"The Requirement of {row.name} {said}; write Required or Optional.",
            key=row.name,
            line=row.line,
            column=ctx.cell_column(row, column),
        )
