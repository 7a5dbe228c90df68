"""A NUL byte in a line.

## What it does
Flags a line that contains a NUL byte (0x00), usually left by a file saved as UTF-16 and converted
badly, or by a binary paste.

## Why is this bad?
An environment variable cannot hold a NUL byte: the container does not start, and compose refuses a
name with one.

## Example
A line `OBJECT_SENTINEL=helio`, the byte 0x00, then `graph` (an env block cannot show it; the test
`tests/rules/test_nul_byte.py` lints those bytes).

## Use instead
```env
OBJECT_SENTINEL=heliograph
```

## Fix
None: remove the byte in an editor that shows it.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL305"
NAME = "nul-byte"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "nul-byte"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
