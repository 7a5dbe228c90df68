"""A file that is plainly not an env file (a private key, /etc/shadow).

## What it does
Flags, once for the whole file, a file that holds a PEM key or certificate (`-----BEGIN ...`) or
colon-separated records like `/etc/passwd` or `/etc/shadow`: most often a compose `env_file:` that
names the wrong file.

## Why is this bad?
Compose refuses a key file (its lines have blanks and no `=`), and reads `/etc/shadow` as one variable
per user: either way Score does not get the settings meant for it. Read line by line, each line of a
private key or each user name would also turn up in a finding as a "name"; score-lint reads none of it.

## Example
```env
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
-----END OPENSSH PRIVATE KEY-----
```

## Use instead
```env
METADATA_URL=http://song:8080
```

## Fix
None: name the env file meant (in `env_file:` or on the command line).
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import problem_findings

CODE = "SL314"
NAME = "not-an-env-file"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False
PROBLEM = "not-an-env-file"  # the loader's problem this rule reports: check runs only when it is there


def check(ctx: Context) -> Iterator[Finding]:
    yield from problem_findings(ctx, __name__, PROBLEM)
