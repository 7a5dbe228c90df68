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
    # The subsections compared with one section's tables share its rows: they are read once for all.
    shared: dict[int, _Rows] = {}
    for group in ctx.groups:
        rows = shared.get(id(group.rows))
        if rows is None or rows.rows is not group.rows:
            rows = shared[id(group.rows)] = _Rows(ctx, group.rows)
        yield from _check_group(ctx, group, rows)


def _check_group(ctx: DriftContext, group: Group, table: _Rows) -> Iterator[Finding]:
    entries = [(example, entry) for example in group.examples for entry in example.entries]
    names = [entry.name for _, entry in entries]
    # Through the context's index of the rows: comparing every name with every row was quadratic.
    set_somewhere = {id(row) for name in set(names) for row in ctx.rows_documenting(name, group.rows)}
    only_example: list[tuple[Example, ExampleEntry]] = []
    seen: set[str] = set()
    for example, entry in entries:
        if entry.key in seen or entry.key in _CONTEXT_NAMES:
            continue
        seen.add(entry.key)
        if not ctx.rows_documenting(entry.name, group.rows):
            only_example.append((example, entry))
    where = "this section" if group.own_tables else f"section '{group.section.title}'"
    partners = _Partners(ctx, only_example)
    if group.own_tables:
        only_table = [row for row in table.first if id(row) not in set_somewhere]
    else:
        # A row of the enclosing section is only reported with an entry it pairs with: only the rows
        # some entry can pair with are tried, not every row of that section for every subsection.
        only_table = [row for row in table.pairable(only_example) if id(row) not in set_somewhere]
    for row in only_table:
        partner = partners.take(row)
        if partner is not None:
            yield _pair(ctx, row, partner[1])
        elif group.own_tables:
            yield finding(
                __name__,
                f"{row.name} is documented in the table but set in no example of this section.",
                key=row.name,
                line=row.line,
                column=row.column,
            )
    for _, entry in partners.left():
        yield finding(
            __name__,
            f"{entry.name} is set in the example but documented in no table of {where}.",
            key=entry.name,
            line=entry.line,
            column=entry.column,
        )


class _Rows:
    """A group's rows as the pairing reads them: the first row of each key, in page order, and (built
    when first asked) those rows by what an example entry can pair them by: the squashed name, and the
    keys ``_keys`` gives the row for its own providers."""

    def __init__(self, ctx: DriftContext, rows: tuple[TableRow, ...]) -> None:
        self.ctx = ctx
        self.rows = rows
        first: dict[str, TableRow] = {}
        for row in rows:
            first.setdefault(row.key, row)
        self.first = list(first.values())
        self._by_squash: dict[str, list[int]] | None = None
        self._by_key: dict[tuple[tuple[str, ...], str], list[int]] = {}
        self._providers: list[tuple[str, ...]] = []

    def _index(self) -> dict[str, list[int]]:
        if self._by_squash is None:
            self._by_squash = {}
            for position, row in enumerate(self.first):
                self._by_squash.setdefault(_squashed(row.name), []).append(position)
                providers = tuple(self.ctx.providers(row.section, row))
                if providers not in self._providers:
                    self._providers.append(providers)
                for key in _keys(self.ctx, row.name, providers)[1]:
                    self._by_key.setdefault((providers, key), []).append(position)
        return self._by_squash

    def pairable(self, items: list[tuple[Example, ExampleEntry]]) -> list[TableRow]:
        """The first rows, in their order, that ``_Partners.take`` finds a candidate among ``items`` for
        (a row without one is never paired)."""
        if not items:
            return []
        by_squash = self._index()
        positions: set[int] = set()
        for _, entry in items:
            positions.update(by_squash.get(_squashed(entry.name), ()))
            for providers in self._providers:
                for key in _keys(self.ctx, entry.name, providers)[1]:
                    positions.update(self._by_key.get((providers, key), ()))
        return [self.first[position] for position in sorted(positions)]


def _keys(ctx: DriftContext, name: str, providers: tuple[str, ...]) -> tuple[bool, set[str]]:
    """(whether ``name`` binds, the keys ``_same_setting`` compares for it)."""
    resolution = ctx.resolve(name, providers)
    other = resolution.canonical if resolution.binds else ctx.suggestion(name, resolution)
    if other is None:
        return resolution.binds, set()
    return resolution.binds, {name_key(other), _canonical_key(ctx, other, providers)}


class _Partners:
    """The example entries still unpaired, and for a table row the first of them that is its setting.

    ``_same_setting`` holds only when the names squash alike or share a (canonical or suggested) key, so
    the entries are indexed by those: trying every entry for every row was quadratic on a table and
    an example that share nothing.
    """

    def __init__(self, ctx: DriftContext, items: list[tuple[Example, ExampleEntry]]) -> None:
        self.ctx = ctx
        self.items = items
        self.taken: set[int] = set()
        self.by_squash: dict[str, list[int]] = {}
        for position, (_, entry) in enumerate(items):
            self.by_squash.setdefault(_squashed(entry.name), []).append(position)
        self._by_key: dict[tuple[str, ...], dict[str, list[int]]] = {}

    def _index(self, providers: tuple[str, ...]) -> dict[str, list[int]]:
        found = self._by_key.get(providers)
        if found is None:
            found = self._by_key[providers] = {}
            for position, (_, entry) in enumerate(self.items):
                for key in _keys(self.ctx, entry.name, providers)[1]:
                    found.setdefault(key, []).append(position)
        return found

    def take(self, row: TableRow) -> tuple[Example, ExampleEntry] | None:
        providers = tuple(self.ctx.providers(row.section, row))
        candidates = set(self.by_squash.get(_squashed(row.name), ()))
        index = self._index(providers)
        for key in _keys(self.ctx, row.name, providers)[1]:
            candidates.update(index.get(key, ()))
        for position in sorted(candidates - self.taken):
            if _same_setting(self.ctx, row, self.items[position][1]):
                self.taken.add(position)
                return self.items[position]
        return None

    def left(self) -> list[tuple[Example, ExampleEntry]]:
        return [item for position, item in enumerate(self.items) if position not in self.taken]


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
