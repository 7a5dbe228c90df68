"""A `${` that compose cannot expand.

## What it does
With `--dialect compose`, flags a value whose `${...}` expression compose cannot read, such as an
unclosed `${VAR` or a `${}` with no name.

## Why is this bad?
Compose refuses the whole file, so the Score service does not start. (`docker run --env-file` does no
expansion at all and passes the text through unchanged.)

## Example
Options: --dialect compose
```env
METADATA_URL=http://${SONG_HOST:8080
```

## Use instead
Options: --dialect compose
```env
METADATA_URL=http://${SONG_HOST}:8080
```

## Fix
None: only you know what the expression should say.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL311"
NAME = "invalid-interpolation"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "invalid-interpolation"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
