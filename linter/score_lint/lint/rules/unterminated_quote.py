"""A quoted value that is never closed (compose), or closed only on a later line (docker).

## What it does
With `--dialect compose`, flags a value that opens a quote and never closes it. Compose reads
double-quoted values across lines, so the missing quote swallows the rest of the file. Under
`docker run --env-file` it flags a quoted value that closes on a later line: a value meant to span
lines.

## Why is this bad?
Compose refuses the file and the service does not start. `docker run --env-file` has no quoting and
passes the opening quote on (SL202 does not apply, since there is no matching pair); it reads one line
per variable, so a multi-line value stops at the first line break and the rest of it becomes lines of
their own, a secret's second half read as a variable name.

## Example
```env
S3_SECRETKEY="n4Bq9xTf
2LwZ7pRv"
```

Options: --dialect compose
```env
METADATA_URL="http://song:8080
```

## Use instead
```env
S3_SECRETKEY=n4Bq9xTf2LwZ7pRv
```

Options: --dialect compose
```env
METADATA_URL=http://song:8080
```

## Fix
None: close the quote, or better, drop it; write a value on one line.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings
from score_lint.records import replace

CODE = "SL307"
NAME = "unterminated-quote"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "unterminated-quote"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    for found in problem_findings(ctx, __name__, PROBLEM):
        # docker reads the file, but the value does not take effect as written: an error all the same.
        yield replace(found, severity=SEVERITY)
