"""An upload scope that reads like a download scope, or the reverse.

## What it does
Flags an `AUTH_SERVER_SCOPE_UPLOAD_*` setting whose value names reading (`READ`, `download`) and an
`AUTH_SERVER_SCOPE_DOWNLOAD_*` setting whose value names writing (`WRITE`, `upload`), compared as
words and ignoring case: `score.READ` as the upload system scope, `.WRITE` as the download suffix.

## Why is this bad?
Score grants an upload to whoever holds the upload scope and a download to whoever holds the download
scope. Swapped, the users who may only read can upload, and the ones meant to upload are refused,
while everything looks configured.

## Example
```env
AUTH_SERVER_SCOPE_UPLOAD_SYSTEM=score.READ
AUTH_SERVER_SCOPE_DOWNLOAD_SYSTEM=score.WRITE
```

## Use instead
```env
AUTH_SERVER_SCOPE_UPLOAD_SYSTEM=score.WRITE
AUTH_SERVER_SCOPE_DOWNLOAD_SYSTEM=score.READ
```

## Fix
None: only you know which permission your users hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from score_lint.binding import Setting
from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    finding,
    intended_value,
    value_unknown,
)
from score_lint.patterns import lazy

CODE = "SL214"
NAME = "swapped-scope"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score

_READS = lazy(r"(?:^|[^a-z])(read|download)(?:[^a-z]|$)", re.IGNORECASE)
_WRITES = lazy(r"(?:^|[^a-z])(write|upload)(?:[^a-z]|$)", re.IGNORECASE)
_PREFIXES = {
    "AUTH_SERVER_SCOPE_UPLOAD_": ("upload", _READS, "reading"),
    "AUTH_SERVER_SCOPE_DOWNLOAD_": ("download", _WRITES, "writing"),
}


def wants(setting: Setting | None, canonical: str) -> bool:
    """Whether check_entry can fire for an entry of this setting (the engine asks once per setting)."""
    return canonical.startswith(tuple(_PREFIXES))


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry, canonical = item.entry, item.canonical or ""  # an effective entry always has its setting
    for prefix, (action, wrong, meaning) in _PREFIXES.items():
        if not canonical.startswith(prefix) or value_unknown(ctx, entry):
            continue
        found = wrong.search(intended_value(ctx, entry))
        if found is None:
            continue
        message = (
            f"{entry.key} is {'an upload' if action == 'upload' else 'a download'} scope but names {meaning} "
            f"({found.group(1)}): whoever holds that "
            f"permission may {action}, and the users meant to {action} are refused. Check that the upload "
            "and download scopes are not swapped."
        )
        yield finding(__name__, message, entry=entry, at_value=True)
