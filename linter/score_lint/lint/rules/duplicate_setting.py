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

from score_lint.envfile import Entry
from score_lint.findings import Edit, Finding, Fix, Severity, finding, shown_name
from score_lint.lint.context import Context
from score_lint.lint.rules._common import line_named, setting_slot

CODE = "SL105"
NAME = "duplicate-setting"
SEVERITY = Severity.ERROR
FIX = "safe"
STOPS_STARTUP = False

_WHO_WINS = {"compose": "docker compose keeps the last", "kubernetes": "Kubernetes keeps the last"}


def check(ctx: Context) -> Iterator[Finding]:
    # A list only for a slot that is set twice: a file of 80,000 different names made 80,000 lists.
    first: dict[str, Entry] = {}
    groups: dict[str, list[Entry]] = {}
    for entry in ctx.entries():
        # LOGGING_LEVEL_ORG_APACHE and LOGGING_LEVEL_BIO_OVERTURE are two settings of one family.
        slot = setting_slot(ctx, entry.key)
        earlier = first.setdefault(slot, entry)
        if earlier is not entry:
            groups.setdefault(slot, [earlier]).append(entry)
    for target, entries in groups.items():
        if len({entry.key for entry in entries}) > 1:
            if ctx.resolve(entries[0].key).binds:
                yield from _spellings(ctx, target, entries)
            continue  # spellings of a name this line does not read: SL101 and SL102 report each
        winner = entries[-1] if ctx.last_wins else entries[0]
        who = _WHO_WINS.get(ctx.dialect, "docker run passes both and the JVM keeps the first")
        # One message per group and file: a generated file can repeat a setting tens of thousands of times.
        # A name that binds nothing is the file's own text, cut like any name shown (it may run into a value).
        name = target if ctx.resolve(winner.key).binds else shown_name(target)
        messages: dict[str, str] = {}  # by the file of the entry: the winner's line is named from there
        for entry in entries:
            if entry is winner:
                continue
            here = ctx.env.origin(entry.line)[0]
            message = messages.get(here)
            if message is None:
                where = line_named(ctx, winner.line, entry.line)
                message = messages[here] = (
                    f"{name} is set again (also {where}); {who}, so the value on {where} reaches Score."
                )
            same = entry.key == winner.key and entry.raw_value == winner.raw_value
            fix = None
            if same and entry.end_line == entry.line:
                fix = Fix(f"remove the repeated line {entry.line}", (Edit(entry.line, 1, -1, ""),))
            yield finding(__name__, message, entry=entry, key=entry.key, fix=fix)


def _spellings(ctx: Context, target: str, entries: list[Entry]) -> Iterator[Finding]:
    """Different spellings of one setting: both variables reach Score, and Spring picks one by its
    spelling, not by its line, so neither loader's order decides."""
    first = entries[0]
    for entry in entries[1:]:
        message = (
            f"{entry.key} sets {target} again (also {first.key} on {line_named(ctx, first.line, entry.line)}): "
            "both reach Score and Spring reads one of the spellings, whatever their order. Keep one."
        )
        yield finding(__name__, message, entry=entry, key=entry.key)
