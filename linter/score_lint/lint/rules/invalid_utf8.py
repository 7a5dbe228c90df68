"""A line that is not valid UTF-8.

## What it does
Flags a line with bytes that are not valid UTF-8, such as a value pasted from a Latin-1 document
(`passw\\xf6rd` written as the single byte 0xF6).

## Why is this bad?
`docker run --env-file` refuses the whole file, so the container does not start. Compose reads the
file but hands the container U+FFFD replacement characters instead of those bytes, so the value is not
the one written (a warning there).

## Severity
Error under `docker run`, which refuses the file. Warning under compose, which reads it but passes
replacement characters.

## Example
A line `OBJECT_SENTINEL=heliograph` followed by the byte 0xFF (an env block cannot show it; the test
`tests/rules/test_invalid_utf8.py` lints those bytes).

## Use instead
```env
OBJECT_SENTINEL=heliograph
```

## Fix
None: save the file as UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL304"
NAME = "invalid-utf8"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING)
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "invalid-utf8"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
