"""A quoted value that is never closed (compose).

## What it does
With `--dialect compose`, flags a value that opens a quote and never closes it. Compose reads
double-quoted values across lines, so the missing quote swallows the rest of the file.

## Why is this bad?
Compose refuses the file and the service does not start. `docker run --env-file` has no quoting and
passes the opening quote on (SL202 does not apply, since there is no matching pair).

## Example
Options: --dialect compose
```env
METADATA_URL="http://song:8080
```

## Use instead
Options: --dialect compose
```env
METADATA_URL=http://song:8080
```

## Fix
None: close the quote, or better, drop it.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL307"
NAME = "unterminated-quote"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, "unterminated-quote")
