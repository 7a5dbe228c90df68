"""A shell `export` prefix under `docker run --env-file`.

## What it does
Flags `export NAME=value` when the file is read the `docker run --env-file` way (the default dialect).
Compose understands the prefix, so with `--dialect compose` it never fires.

## Why is this bad?
An env file is not a shell script. Docker takes `export METADATA_URL` as the variable name, finds a
blank in it, and refuses the whole file: the container does not start.

## Example
```env
export METADATA_URL=http://song:8080
```

## Use instead
```env
METADATA_URL=http://song:8080
```

## Fix
Safe: the `export` prefix and the blanks after it are removed.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.envfile import Problem
from score_lint.findings import Edit, Finding, Fix, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings
from score_lint.patterns import lazy

CODE = "SL302"
NAME = "export-prefix"
SEVERITY = Severity.ERROR
FIX = "safe"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "export-prefix"  # the loader's problem this rule reports: check runs only when it is there

_PREFIX = lazy(r"export[ \t]+")


def _remove_prefix(ctx: Context, problem: Problem) -> Fix | None:
    text = ctx.env.lines[problem.line - 1]
    found = _PREFIX.match(text, problem.column - 1)
    if found is None:
        return None
    return Fix("remove the export prefix", (Edit(problem.line, problem.column, found.end() + 1, ""),))


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM, fix=_remove_prefix)
