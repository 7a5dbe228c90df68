"""A variable name with blanks in it.

## What it does
Flags a line whose name contains a space or tab, most often blanks around the `=`.

## Why is this bad?
`docker run --env-file` does not trim around `=`: `METADATA_URL = http://song:8080` declares a name
with a blank in it, and docker refuses the whole file, so the container does not start. Compose trims
blanks before `=` but refuses a name with a space inside.

## Example
```env
METADATA_URL = http://song:8080
```

## Use instead
```env
METADATA_URL=http://song:8080
```

## Fix
None: remove the blanks around `=` by hand (docker would keep a blank after `=` in the value).
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL301"
NAME = "key-with-blanks"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "key-with-blanks"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
