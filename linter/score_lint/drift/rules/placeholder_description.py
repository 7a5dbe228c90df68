"""A settings-table description that is a placeholder.

## What it does
Flags a Description cell that is empty or only a placeholder word: `DESCRIPTION`, `TODO`, `TBD`.

## Why is this bad?
The page was published before it was written: the reader learns nothing about the setting.

## Example
````markdown
| Setting | Requirement | Description |
|---------|-------------|-------------|
| `BUCKET_SIZE_POOL` | Optional | DESCRIPTION |
````

## Use instead
````markdown
| Setting | Requirement | Description |
|---------|-------------|-------------|
| `BUCKET_SIZE_POOL` | Optional | Number of numbered object buckets to spread objects over. |
````

## Fix
None: write the description.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.drift.context import DriftContext
from score_lint.findings import Finding, Severity, finding

CODE = "SL407"
NAME = "placeholder-description"
SEVERITY = Severity.WARNING
FIX = "none"

_PLACEHOLDERS = frozenset({"", "description", "todo", "tbd", "tba", "fixme", "xxx", "-", "—", "..."})


def check(ctx: DriftContext) -> Iterator[Finding]:
    for row in ctx.rows:
        cell = row.cell("description")
        if cell is None:
            continue
        text = cell.plain.strip()
        if text.strip(" .:!").lower() not in _PLACEHOLDERS and text not in _PLACEHOLDERS:
            continue
        said = "is empty" if not text else "is only a placeholder"
        yield finding(
            __name__,
            f"The description of {row.name} {said}.",
            key=row.name,
            line=row.line,
            column=ctx.cell_column(row, "description"),
        )
