"""A name in a section's settings table but in none of its examples, or the other way round.

## What it does
Compares, section by section, the names of the settings tables with the names set in the section's
example env blocks. A name documented but never set in the example, or set in the example but
documented in no table, is reported. When the two are spellings of one setting (`S3_ACCESSKEY` in the
table, `S3_ACCESS_KEY` in the example; or `UPLOAD_CONNECTIONTIMEOUT` and `UPLOAD_CONNECTION_TIMEOUT`),
one finding at the table row says so and names the spelling that binds on the Score line.

A section without any example is not compared (a table needs no example). A section with examples but
no table is compared with the tables of its enclosing section, reporting only the example's names.
`SPRING_PROFILES_ACTIVE` in an example needs no row: it selects the profile the example is for.

## Why is this bad?
Readers copy the example and trust the table. When they disagree, one of them is wrong, and a
misspelt name is silently ignored by Score.

## Example
````markdown
## Uploads

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `UPLOAD_CONNECTIONTIMEOUT` | Optional | Milliseconds before an idle connection times out. |
| `UPLOAD_PARTSIZE` | Optional | Size in bytes of each upload part. |

```bash
UPLOAD_CONNECTION_TIMEOUT=60000
```
````

## Use instead
````markdown
## Uploads

| Setting | Requirement | Description |
|---------|-------------|-------------|
| `UPLOAD_CONNECTION_TIMEOUT` | Optional | Milliseconds before an idle connection times out. |
| `UPLOAD_PARTSIZE` | Optional | Size in bytes of each upload part. |

```bash
UPLOAD_CONNECTION_TIMEOUT=60000
UPLOAD_PARTSIZE=104857600
```
````

## Fix
None: decide which of the two is right and edit the page.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.drift.context import (
    DriftContext,
    Example,
    ExampleEntry,
    Group,
    TableRow,
    name_key,
)
from score_lint.findings import Finding, Severity, finding

CODE = "SL401"
NAME = "table-example-mismatch"
SEVERITY = Severity.WARNING
FIX = "none"

# The profile list decides which settings apply; it is documented with the profiles, not in every table.
_CONTEXT_NAMES = frozenset({"SPRING_PROFILES_ACTIVE"})


def _squashed(name: str) -> str:
    return name.replace("_", "").replace(".", "").replace("-", "").upper()


def check(ctx: DriftContext) -> Iterator[Finding]:
    for group in ctx.groups:
        yield from _check_group(ctx, group)


def _check_group(ctx: DriftContext, group: Group) -> Iterator[Finding]:
    entries = [(example, entry) for example in group.examples for entry in example.entries]
    names = [entry.name for _, entry in entries]
    rows: dict[str, TableRow] = {}
    for row in group.rows:
        rows.setdefault(row.key, row)
    only_table = [row for row in rows.values() if not any(row.matches(name) for name in names)]
    only_example: list[tuple[Example, ExampleEntry]] = []
    seen: set[str] = set()
    for example, entry in entries:
        if entry.key in seen or entry.key in _CONTEXT_NAMES:
            continue
        seen.add(entry.key)
        if not any(row.matches(entry.name) for row in group.rows):
            only_example.append((example, entry))
    where = "this section" if group.own_tables else f"section '{group.section.title}'"
    for row in only_table:
        partner = next((item for item in only_example if _same_setting(ctx, row, item[1])), None)
        if partner is not None:
            only_example.remove(partner)
            yield _pair(ctx, row, partner[1])
        elif group.own_tables:
            yield finding(
                __name__,
                f"{row.name} is documented in the table but set in no example of this section.",
                key=row.name,
                line=row.line,
                column=row.column,
            )
    for _, entry in only_example:
        yield finding(
            __name__,
            f"{entry.name} is set in the example but documented in no table of {where}.",
            key=entry.name,
            line=entry.line,
            column=entry.column,
        )


def _same_setting(ctx: DriftContext, row: TableRow, entry: ExampleEntry) -> bool:
    if _squashed(row.name) == _squashed(entry.name):
        return True
    providers = ctx.providers(row.section, row)
    ours, theirs = ctx.resolve(row.name, providers), ctx.resolve(entry.name, providers)
    if not (ours.binds or theirs.binds):
        return False
    # A misspelt table name whose suggested spelling is the setting the example sets is the same row.
    mine = ours.canonical if ours.binds else ctx.suggestion(row.name, ours)
    other = theirs.canonical if theirs.binds else ctx.suggestion(entry.name, theirs)
    return mine is not None and other is not None and {name_key(mine), _canonical_key(ctx, mine, providers)} & {
        name_key(other),
        _canonical_key(ctx, other, providers),
    } != set()


def _canonical_key(ctx: DriftContext, name: str, providers: tuple[str, ...]) -> str:
    resolution = ctx.resolve(name, providers)
    return name_key(resolution.canonical) if resolution.binds and resolution.canonical else name_key(name)


def _pair(ctx: DriftContext, row: TableRow, entry: ExampleEntry) -> Finding:
    providers = ctx.providers(row.section, row)
    ours, theirs = ctx.resolve(row.name, providers), ctx.resolve(entry.name, providers)
    head = f"{row.name} in the table is spelt {entry.name} in the example (line {entry.line})"
    score = f"Score {ctx.line}"
    if ours.binds and theirs.binds:
        canonical = ours.canonical or row.name
        message = f"{head}: two spellings of one setting; both bind on {score}, {canonical} is the canonical one."
        suggestion: str | None = canonical
    elif ours.binds:
        message = f"{head}; only the table's {row.name} binds on {score}."
        suggestion = row.name
    elif theirs.binds:
        message = f"{head}; only the example's {entry.name} binds on {score}."
        suggestion = entry.name
    else:
        suggestion = ctx.suggestion(row.name, ours)
        message = f"{head}; neither spelling binds on {score}" + (f": use {suggestion}." if suggestion else ".")
    return finding(__name__, message, key=row.name, line=row.line, column=row.column, suggestion=suggestion)
