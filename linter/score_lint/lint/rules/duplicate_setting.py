"""The same setting given more than once.

## What it does
Flags every repeated assignment of one setting, whether the exact name repeats or two spellings of one
setting meet (`S3_ACCESSKEY` and `S3_ACCESS_KEY`), and says which value reaches Score under the chosen
dialect.

## Why is this bad?
The two loaders disagree: `docker run --env-file` passes both lines and the JVM keeps the **first**;
`docker compose` keeps the **last**. The same file configures two different servers.

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

from score_lint.findings import Edit, Finding, Fix, Severity, shown_name
from score_lint.lint.context import Context
from score_lint.lint.rules._common import finding

CODE = "SL105"
NAME = "duplicate-setting"
SEVERITY = Severity.ERROR
FIX = "safe"


def check(ctx: Context) -> Iterator[Finding]:
    groups: dict[str, list] = {}
    for entry in ctx.entries():
        res = ctx.resolve(entry.key)
        target = res.canonical if res.binds and res.canonical else entry.key.upper()
        groups.setdefault(target, []).append(entry)
    for target, entries in groups.items():
        if len(entries) < 2:
            continue
        winner = entries[-1] if ctx.dialect == "compose" else entries[0]
        who = "docker compose keeps the last" if ctx.dialect == "compose" else "docker run passes both and the JVM keeps the first"
        # One message per group: a generated file can repeat a setting tens of thousands of times.
        # A name that binds nothing is the file's own text, cut like any name shown (it may run into a value).
        name = target if ctx.resolve(winner.key).binds else shown_name(target)
        message = (
            f"{name} is set again (also line {winner.line}); {who}, so the value on line {winner.line} "
            "reaches Score."
        )
        for entry in entries:
            if entry is winner:
                continue
            same = entry.key == winner.key and entry.raw_value == winner.raw_value
            fix = None
            if same and entry.end_line == entry.line:
                fix = Fix(f"remove the repeated line {entry.line}", (Edit(entry.line, 1, -1, ""),))
            yield finding(__name__, message, entry=entry, key=entry.key, fix=fix)
