"""A presigned-URL expiration longer than Signature Version 4 allows.

## What it does
Flags an upload or download expiration above 7 days on the S3 provider while Score signs with
Signature Version 4: `COLLABORATORY_UPLOAD_EXPIRATION` and `COLLABORATORY_DOWNLOAD_EXPIRATION` on 5.10
and 5.11, `S3_UPLOAD_EXPIRATION` and `S3_DOWNLOAD_EXPIRATION` on develop. SigV4 is on when
`S3_SIGV4ENABLED` is absent (its default is `true`) or true, and whenever `S3_MASTERENCRYPTIONKEYID` is
set.

## Why is this bad?
The expirations are in days. AWS and MinIO refuse a SigV4 presigned URL that claims to live longer than
7 days (604800 seconds). Score starts normally, but every presigned URL it hands out fails.

## Example
```env
COLLABORATORY_DOWNLOAD_EXPIRATION=30
```

## Use instead
```env
COLLABORATORY_DOWNLOAD_EXPIRATION=7
```

## Fix
None: choose 7 days or fewer.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import effective_entries, finding, intended_value

CODE = "SL209"
NAME = "presigned-expiration"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False

EXPIRATIONS = frozenset(
    {
        "COLLABORATORY_UPLOAD_EXPIRATION",
        "COLLABORATORY_DOWNLOAD_EXPIRATION",
        "S3_UPLOAD_EXPIRATION",
        "S3_DOWNLOAD_EXPIRATION",
    }
)
MAX_DAYS = 7


def _setting_text(ctx: Context, canonical: str) -> str | None:
    """The text Score reads for ``canonical``: the file's value as meant, else the default."""
    entry = ctx.entry_for_setting(canonical)
    if entry is not None:
        return intended_value(ctx, entry)
    setting = ctx.model.setting(canonical)
    defaults = setting.defaults(ctx.active) if setting is not None else ()
    return str(defaults[0]) if defaults else None


def sig_v4(ctx: Context) -> bool:
    key_id = _setting_text(ctx, "S3_MASTERENCRYPTIONKEYID")
    if key_id:
        return True  # S3Config signs with SigV4 whenever server-side encryption is on
    enabled = _setting_text(ctx, "S3_SIGV4ENABLED")
    return values.spring_boolean(enabled if enabled is not None else "true") is True


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3":
        return
    found = [(e, c) for e, c in effective_entries(ctx) if c in EXPIRATIONS]
    if not found or not sig_v4(ctx):
        return
    for entry, _ in found:
        days = values.java_int(intended_value(ctx, entry))
        if days is None or not MAX_DAYS < days <= values.INT_MAX:
            continue
        message = (
            f"{entry.key} is more than {MAX_DAYS} days: Score starts, but every presigned URL fails: "
            f"SigV4 URLs live at most {MAX_DAYS} days."
        )
        yield finding(__name__, message, entry=entry, at_value=True, suggestion=str(MAX_DAYS))
