"""A line that starts with `=`.

## What it does
Flags a line with a value but no variable name, such as `=http://song:8080`.

## Why is this bad?
`docker run --env-file` refuses the whole file, so the container does not start. Compose accepts the
line, but the value reaches no variable at all (a warning there).

## Severity
Error under `docker run`, which refuses the file. Warning under compose, which reads it but gives the
value to no variable.

## Example
```env
=http://song:8080
```

## Use instead
```env
METADATA_URL=http://song:8080
```

## Fix
None: only you know the name meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL306"
NAME = "empty-key"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING)
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "empty-key"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
