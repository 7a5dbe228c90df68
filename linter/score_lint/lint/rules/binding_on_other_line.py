"""A setting the chosen Score line does not read (another line or provider does).

## What it does
Flags a name that binds on another Score line but not on the one being checked, such as
`COLLABORATORY_DATA_DIRECTORY` on develop (renamed `S3_DATA_DIRECTORY`) or the Keycloak settings on
5.10, and a name that only the other storage provider reads. Every spelling of such a setting gets
the same verdict: `S3_SECRETKEY` and `S3_SECRET_KEY` on Azure alike.

## Why is this bad?
Guides for one Score release are copied into deployments of another. Score ignores the name silently
and runs with its default.

## Severity
Error for a name only another Score line reads: what it sets does not take effect. Warning for a
name only the other storage provider reads: harmless to this server, but a leftover that misleads
whoever reads the file.

## Example
Options: --score-version develop
```env
COLLABORATORY_DATA_DIRECTORY=data
```

## Use instead
Options: --score-version develop
```env
S3_DATA_DIRECTORY=data
```

## Fix
None: the replacement, if any, is suggested.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Kind
from score_lint.effective import shell_passes
from score_lint.findings import Finding, Severity, finding
from score_lint.lines import lines_text
from score_lint.lint.context import Context, Item

CODE = "SL102"
NAME = "binding-on-other-line"
SEVERITY = Severity.ERROR
SEVERITIES = (Severity.ERROR, Severity.WARNING)
FIX = "none"
STOPS_STARTUP = False
ENTRIES = "all"  # check_entry is handed every entry
KINDS = frozenset({Kind.OTHER_LINE, Kind.OTHER_PROVIDER})  # ...whose name resolves to one of these here

_PROVIDER_NAMES = {"s3": "S3-compatible storage", "azure": "Azure storage"}


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    if not shell_passes(entry.key):
        return  # the image's shell drops it: SL101's business
    res = item.here
    if res.kind is Kind.OTHER_LINE:
        message = f"{entry.key} is read by {lines_text(res.lines)}, not by Score {ctx.line}; Score ignores it."
        suggestion = res.suggestions[0] if res.suggestions else None
        if suggestion:
            message += f" Use {suggestion}."
        yield finding(__name__, message, entry=entry, suggestion=suggestion)
    elif res.kind is Kind.OTHER_PROVIDER:
        wanted = ", ".join(_PROVIDER_NAMES.get(p, p) for p in res.providers)
        how = "inferred from the profiles" if ctx.provider_inferred else "chosen with --provider"
        message = (
            f"{entry.key} is read only with {wanted}; this file runs {_PROVIDER_NAMES[ctx.provider]} "
            f"({how}), so Score ignores it."
        )
        yield finding(__name__, message, entry=entry, severity=Severity.WARNING)
