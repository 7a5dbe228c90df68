"""The same setting given more than once.

## What it does
Flags every repeated assignment of one setting, whether the exact name repeats or two spellings of one
setting meet (`S3_ACCESSKEY` and `S3_ACCESS_KEY`), and says which value reaches Score under the chosen
dialect. Members of a family such as `LOGGING_LEVEL_<LOGGER>` are duplicates only when they are the
same name (ignoring case, as Spring does): each logger is a setting of its own.

## Why is this bad?
The two loaders disagree: `docker run --env-file` passes both lines and the JVM keeps the **first**;
`docker compose` keeps the **last**. The same file configures two different servers. Two different
spellings are two variables to both loaders: Spring then reads one of them by its spelling, whatever
the order of the lines.

## Example
```env
UPLOAD_PARTSIZE=104857600
UPLOAD_PARTSIZE=209715200
```

## Use instead
```env
UPLOAD_PARTSIZE=104857600
```

## Fix
Safe only for an exact duplicate line (same key, same value): the repeated line is removed.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.envfile import Entry, keys
from score_lint.findings import Edit, Finding, Fix, Severity, finding, shown_name
from score_lint.lint.context import Context
from score_lint.lint.rules._common import line_named, setting_slots

CODE = "SL105"
NAME = "duplicate-setting"
SEVERITY = Severity.ERROR
FIX = "safe"
STOPS_STARTUP = False

_WHO_WINS = {"compose": "docker compose keeps the last", "kubernetes": "Kubernetes keeps the last"}


# check yields its findings in the order of the lines (one per entry, at the entry): the engine reads
# them as it goes instead of holding them (a generated file can repeat its settings tens of thousands of times).
IN_LINE_ORDER = True


def check(ctx: Context) -> Iterator[Finding]:
    # Entries by their places in the file, and only the names read: a docker file's entries are made when
    # they are asked for, and only those a finding is about are. A slot set twice keeps only where it was
    # last set (a file of 80,000 different names made 80,000 lists, a generated one repeats a setting
    # tens of thousands of times).
    all_entries = ctx.env.entries
    first: dict[str, int] = {}
    last: dict[str, int] = {}  # the slots set more than once
    first_keys: dict[str, str] = {}  # their first entry's name
    spelled: set[str] = set()  # those of them set under more than one name
    for index, (key, slot) in enumerate(zip(keys(all_entries), setting_slots(ctx, keys(all_entries)))):
        # LOGGING_LEVEL_ORG_APACHE and LOGGING_LEVEL_BIO_OVERTURE are two settings of one family.
        earlier = first.setdefault(slot, index)
        if earlier != index:
            if slot not in last:
                first_keys[slot] = all_entries[earlier].key
            last[slot] = index
            if key != first_keys[slot]:
                spelled.add(slot)
    if not last:
        return
    # Each repeated entry's finding, made in a second pass over the entries in their order.
    reported: dict[str, _Group] = {}
    for target, final in last.items():
        if target in spelled:
            if ctx.resolve(first_keys[target]).binds:
                reported[target] = _Spellings(ctx, target, all_entries[first[target]], first[target])
            continue  # spellings of a name this line does not read: SL101 and SL102 report each
        kept_at = final if ctx.last_wins else first[target]
        reported[target] = _Repeats(ctx, target, all_entries[kept_at], kept_at)
    del first, last, first_keys, spelled  # not asked again: the second pass reads the groups
    for index, slot in enumerate(setting_slots(ctx, keys(all_entries))):
        group = reported.get(slot)
        if group is not None and index != group.kept_at:
            yield group.finding(all_entries[index])


class _Group:
    """The entries of one setting: ``kept`` gets no finding, each other one gets ``finding(entry)``
    (asked only of the entries of the group, kept excepted)."""

    kept: Entry
    kept_at: int  # the place of ``kept`` among the file's entries

    def finding(self, entry: Entry) -> Finding:
        raise NotImplementedError


class _Repeats(_Group):
    """One name set several times: each entry but the one that reaches Score is reported."""

    def __init__(self, ctx: Context, target: str, winner: Entry, place: int) -> None:
        self.ctx = ctx
        self.kept, self.kept_at = winner, place
        self.who = _WHO_WINS.get(ctx.dialect, "docker run passes both and the JVM keeps the first")
        # A name that binds nothing is the file's own text, cut like any name shown (it may run into a value).
        self.name = target if ctx.resolve(winner.key).binds else shown_name(target)
        # One message per group and file: a generated file can repeat a setting tens of thousands of times.
        self.messages: dict[str, str] = {}  # by the file of the entry: the winner's line is named from there

    def finding(self, entry: Entry) -> Finding:
        ctx, winner = self.ctx, self.kept
        here = ctx.env.origin(entry.line)[0]
        message = self.messages.get(here)
        if message is None:
            where = line_named(ctx, winner.line, entry.line)
            message = self.messages[here] = (
                f"{self.name} is set again (also {where}); {self.who}, so the value on {where} reaches Score."
            )
        same = entry.key == winner.key and entry.raw_value == winner.raw_value
        fix = None
        if same and entry.end_line == entry.line:
            fix = Fix(f"remove the repeated line {entry.line}", (Edit(entry.line, 1, -1, ""),))
        return finding(__name__, message, entry=entry, key=entry.key, fix=fix)


class _Spellings(_Group):
    """Different spellings of one setting: both variables reach Score, and Spring picks one by its
    spelling, not by its line, so neither loader's order decides. Each after the first is reported."""

    def __init__(self, ctx: Context, target: str, first: Entry, place: int) -> None:
        self.ctx, self.target, self.kept, self.kept_at = ctx, target, first, place

    def finding(self, entry: Entry) -> Finding:
        first = self.kept
        message = (
            f"{entry.key} sets {self.target} again (also {first.key} on {line_named(self.ctx, first.line, entry.line)}): "
            "both reach Score and Spring reads one of the spellings, whatever their order. Keep one."
        )
        return finding(__name__, message, entry=entry, key=entry.key)
