"""A table that Markdown does not read as a table.

## What it does
Flags lines that start with `|` like table rows but are not part of any table: the delimiter row has
another number of cells than the header, is missing, or a blank line cuts the rows off the table. Also
flags a row of a settings table with fewer cells than the header: Markdown fills the missing cells at
the end, so the row's cells sit under the wrong headings; when its first cell is then no setting name
(`| Required | The endpoint. |`), the row documents nothing and no setting named `Required` is read
from it.

## Why is this bad?
The page shows a jumble of pipes instead of a table, and `score-lint schema build` reads no setting
from it: every row documents nothing (the build refuses such a page).

## Example
````markdown
## S3

| Setting | Requirement | Description |
|---------|-------------|
| `S3_ENDPOINT` | Required | Where the object store listens. |
````

## Use instead
````markdown
## S3

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `S3_ENDPOINT` | Required | Where the object store listens. |
````

## Fix
None: give the delimiter row one cell per header cell, and keep the rows together.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import markdown
from score_lint.drift.context import DriftContext
from score_lint.findings import Finding, Severity, finding

CODE = "SL410"
NAME = "broken-table"
SEVERITY = Severity.ERROR
FIX = "none"


def check(ctx: DriftContext) -> Iterator[Finding]:
    for line in markdown.broken_tables(ctx.document):
        yield finding(
            __name__,
            "These lines look like a table but Markdown does not read them as one: "
            "no setting in them is documented.",
            line=line,
            column=1,
        )
    for table in ctx.document.settings_tables:
        width = len(table.header)
        for row in table.rows:
            if row.written is None or row.written >= width:
                continue
            if ctx.short_row_without_name(table, row) or not row.setting:
                documents = "it documents nothing"
            else:
                documents = f"the cells of {row.setting} sit under the wrong headings"
            yield finding(
                __name__,
                f"This row has {row.written} cell{'s' if row.written != 1 else ''} but the table's header has "
                f"{width}: Markdown fills the missing ones at the end, so {documents}.",
                key=None,
                line=row.line,
                column=1,
            )
