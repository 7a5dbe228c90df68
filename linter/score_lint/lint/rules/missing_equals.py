"""A line with blanks but no `=`.

## What it does
Flags a line that is neither a comment nor `NAME=value` nor a bare `NAME`: text with blanks and no
`=`, such as a note that lost its `#`. With `--dialect compose` it also flags a last line without `=`
and without a line break, which compose reads as a value with an empty name.

## Why is this bad?
Docker and compose both refuse the whole file over such a line, so the container does not start.

## Severity
Error when the loader refuses the file. Warning for compose's reading of a last line without a line
break: compose reads the file, but not as written.

## Example
```env
Score settings for the test cluster
METADATA_URL=http://song:8080
```

## Use instead
```env
# Score settings for the test cluster
METADATA_URL=http://song:8080
```

## Fix
None: make it a comment or a setting by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import (
    names_setting,
    problem_findings,
    separator_slip,
)
from score_lint.records import replace

CODE = "SL303"
NAME = "missing-equals"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING)
FIX = "none"
STOPS_STARTUP = True  # when the loader refuses the file; a problem it reads past is a warning
PROBLEM = "missing-equals"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    loader = "docker" if ctx.dialect == "docker" else "compose"
    for found in problem_findings(ctx, __name__, PROBLEM):
        text = ctx.env.lines[found.line - 1].strip() if found.line and found.line <= len(ctx.env.lines) else ""
        slip = separator_slip(text)
        if slip is not None and names_setting(ctx, slip[0]):
            # `AZURE_ACCOUNTKEY <key>`: say which setting lost its '=', never what follows it.
            message = f"{slip[0]} is followed by {slip[1]} instead of '=': {loader} refuses the file; write {slip[0]}=<value>."
            found = replace(found, message=message)
        yield found
