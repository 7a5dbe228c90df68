"""A clean-up schedule that Spring's cron parser refuses.

## What it does
Checks `UPLOAD_CLEAN_CRON` with the cron rules of the chosen Score line: six fields (second, minute,
hour, day of month, month, day of week) with values in range, and macros such as `@daily` only from
5.11 on. It says what is wrong without repeating the expression. Quotes or a comment that `docker run`
keeps are SL202's and SL203's business, and it stays quiet while the clean-up job is switched off
(`UPLOAD_CLEAN_ENABLED=false`), because Score then never reads the schedule.

## Why is this bad?
Score parses the schedule at startup and refuses to start when Spring cannot. Five-field Unix cron
(`0 3 * * *`) is the usual mistake: Spring needs a leading seconds field.

## Example
```env
UPLOAD_CLEAN_CRON=0 3 * * *
```

Options: --score-version 5.10
```env
UPLOAD_CLEAN_CRON=@daily
```

## Use instead
```env
UPLOAD_CLEAN_CRON=0 0 3 * * ?
```

## Fix
None: only you know the schedule meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.binding import Setting
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    clean_job_off,
    intended_value,
    value_unknown,
)
from score_lint.patterns import lazy

CODE = "SL211"
NAME = "invalid-cron"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # quiet while the clean-up job is off, when Score never parses the schedule
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score

# cron_problem quotes parts of the expression; findings never show values.
_VALUE_PARTS = (
    (lazy(r", e\.g\. .*$"), "."),
    (lazy(r" (?:'[^']*'|\"[^\"]*\")\.$"), "."),
    (lazy(r", not [0-9]+\.$"), "."),
    (lazy(r"^\S+ is not a Spring cron macro"), "it is not a Spring cron macro"),
)


def without_value(problem: str) -> str:
    for pattern, replacement in _VALUE_PARTS:
        problem = pattern.sub(replacement, problem)
    return problem.rstrip(".")


def wants(setting: Setting | None, canonical: str) -> bool:
    """Whether check_entry can fire for an entry of this setting (the engine asks once per setting)."""
    return setting is not None and setting.type == "cron"


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    setting = item.setting
    if setting is None or setting.type != "cron":
        return
    expression = intended_value(ctx, entry)
    if value_unknown(ctx, entry):
        return
    problem = values.cron_problem(expression, ctx.line)
    if problem is None or clean_job_off(ctx):
        return
    message = f"{entry.key} is not a Spring cron expression ({without_value(problem)}): Score fails to start."
    yield finding(__name__, message, entry=entry, at_value=True)
