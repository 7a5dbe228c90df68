"""A variable name with a character compose does not allow.

## What it does
With `--dialect compose`, flags a variable name with a character other than letters, digits, `_`,
`.`, `-`, `[` and `]`.

## Why is this bad?
Compose refuses the whole file, so the service does not start. (Such a name binds no Score setting
anyway.)

## Example
Options: --dialect compose
```env
METADATA@URL=http://song:8080
```

## Use instead
Options: --dialect compose
```env
METADATA_URL=http://song:8080
```

## Fix
None: rename the variable by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL308"
NAME = "invalid-key"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "invalid-key"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
