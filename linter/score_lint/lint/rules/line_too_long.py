"""A line longer than docker reads.

## What it does
Flags a line of 64 KiB or more (counted in bytes, a final carriage return included) when the file is
read as `docker run --env-file`.

## Why is this bad?
docker reads an env file line by line with a 64 KiB buffer: a longer line stops the read with
`bufio.Scanner: token too long`, docker refuses the whole file and the container does not start.
Compose reads lines of any length.

## Example
A line `OBJECT_SENTINEL=` followed by 70,000 characters (an env block cannot show it; the test
`tests/rules/test_line_too_long.py` lints such a line).

## Use instead
```env
OBJECT_SENTINEL=heliograph
```

## Fix
None: shorten the value, or hand a long value (a certificate, a key) to Score in a file.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL310"
NAME = "line-too-long"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "line-too-long"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
