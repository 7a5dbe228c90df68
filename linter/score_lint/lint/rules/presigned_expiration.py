"""A presigned-URL expiration that no URL can honour.

## What it does
Checks the upload and download expirations (days): `COLLABORATORY_UPLOAD_EXPIRATION` and
`COLLABORATORY_DOWNLOAD_EXPIRATION` on 5.10 and 5.11, `S3_UPLOAD_EXPIRATION` and
`S3_DOWNLOAD_EXPIRATION` on develop. It flags 0 or less on either provider, and above 7 days on the S3
provider while Score signs with Signature Version 4: SigV4 is on when `S3_SIGV4ENABLED` is absent (its
default is `true`) or true, and whenever `S3_MASTERENCRYPTIONKEYID` is set.

## Why is this bad?
Score starts normally, but every presigned URL it hands out fails. With 0 or less every URL is born
expired, and an upload expiration of 0 or less also makes the nightly clean-up abort every upload in
progress. AWS and MinIO refuse a SigV4 presigned URL that claims to live longer than 7 days (604800
seconds).

## Example
```env
COLLABORATORY_DOWNLOAD_EXPIRATION=30
```

```env
COLLABORATORY_UPLOAD_EXPIRATION=0
```

## Use instead
```env
COLLABORATORY_DOWNLOAD_EXPIRATION=7
```

## Fix
None: choose 1 to 7 days.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context
from score_lint.lint.rules._common import (
    clean_job_off,
    effective_entries,
    intended_value,
    setting_text,
)

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


def sig_v4(ctx: Context) -> bool:
    key_id = setting_text(ctx, "S3_MASTERENCRYPTIONKEYID")
    if key_id:
        return True  # S3Config signs with SigV4 whenever server-side encryption is on
    enabled = setting_text(ctx, "S3_SIGV4ENABLED")
    return values.spring_boolean(enabled if enabled is not None else "true") is True


def check(ctx: Context) -> Iterator[Finding]:
    found = effective_entries(ctx, EXPIRATIONS)
    if not found:
        return
    too_long_fails = ctx.provider == "s3" and sig_v4(ctx)
    for entry, canonical in found:
        days = values.java_int(intended_value(ctx, entry))
        if days is None or not values.INT_MIN <= days <= values.INT_MAX:
            continue
        if days <= 0:
            message = f"{entry.key} is {'0' if days == 0 else 'negative'}: every presigned URL Score hands out is born expired"
            if "UPLOAD" in canonical and not clean_job_off(ctx):
                message += ", and the nightly clean-up aborts every upload in progress"
            yield finding(__name__, message + ". Use 1 to 7 days.", entry=entry, at_value=True, suggestion="1")
        elif days > MAX_DAYS and too_long_fails:
            message = (
                f"{entry.key} is more than {MAX_DAYS} days: Score starts, but every presigned URL fails: "
                f"SigV4 URLs live at most {MAX_DAYS} days."
            )
            yield finding(__name__, message, entry=entry, at_value=True, suggestion=str(MAX_DAYS))
