"""An S3 endpoint without `http://` or `https://`.

## What it does
On the S3 provider, flags an `S3_ENDPOINT` given without a scheme (`minio:9000`) while `S3_SECURED`
is true, which it is unless the file or the `dev` or `benchmark` profile sets it to false.

## Why is this bad?
The S3 client takes the scheme of a bare endpoint from `S3_SECURED`: true means HTTPS, so
`minio:9000` becomes `https://minio:9000`, which a plain-HTTP MinIO or Ceph refuses. A host with a
port other than 443, or a single-label host name such as a compose service, is most likely such a
server (a warning); for any other host the result is probably meant, and writing the scheme only
says so (info).

## Severity
Warning for a host with a port other than 443 or without a dot (`minio:9000`, `object-storage`).
Info otherwise (`s3.amazonaws.com`).

## Example
```env
S3_ENDPOINT=minio:9000
```

## Use instead
```env
S3_ENDPOINT=http://minio:9000
```

## Fix
None: only you know whether the store speaks HTTP or HTTPS.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import (
    finding,
    intended_value,
    setting_text,
    value_unknown,
)

CODE = "SL215"
NAME = "endpoint-without-scheme"
SEVERITY = Severity.WARNING
SEVERITIES = (Severity.WARNING, Severity.INFO)
FIX = "none"
STOPS_STARTUP = False


def plain_http_likely(endpoint: str) -> bool:
    """A port other than 443, or a host name without a dot (a compose service, localhost)."""
    authority = endpoint.split("/", 1)[0]
    host, colon, port = authority.rpartition(":")
    if not colon:
        host, port = authority, ""
    return (bool(port) and port != "443") or "." not in host


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3":
        return
    entry = ctx.entry_for_setting("S3_ENDPOINT")
    if entry is None or value_unknown(ctx, entry):
        return
    endpoint = intended_value(ctx, entry).strip()
    if not endpoint or "://" in endpoint:
        return
    secured = setting_text(ctx, "S3_SECURED")
    if values.spring_boolean(secured if secured is not None else "true") is not True:
        return
    likely = plain_http_likely(endpoint)
    message = (
        f"{entry.key} has no scheme, and with S3_SECURED true the S3 client uses https://{endpoint}"
        + (", which a plain-HTTP store refuses" if likely else "")
        + ". Write the scheme: http:// or https://."
    )
    yield finding(__name__, message, entry=entry, at_value=True, severity=None if likely else Severity.INFO)
