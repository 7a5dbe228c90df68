"""A `${VAR:?message}` whose variable is not set.

## What it does
With `--dialect compose`, flags a `${VAR:?message}` or `${VAR?message}` expression whose variable is
not set earlier in the file. score-lint does not read the shell it runs in, so the verdict does not
depend on the machine.

## Why is this bad?
Compose stops with the message instead of starting the service. When the variable will be set where
compose really runs (a CI secret, a shell export), the finding tells you that this file alone is not
enough to start Score.

## Example
Options: --dialect compose
```env
S3_SECRETKEY=${SCORE_TEST_UNSET_SECRET:?set the S3 secret key}
```

## Use instead
Options: --dialect compose
```env
S3_ENDPOINT=http://minio:9000
S3_SECRETKEY=${S3_ENDPOINT:?set the S3 secret key}
```

## Fix
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL312"
NAME = "required-variable"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "required-variable"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
