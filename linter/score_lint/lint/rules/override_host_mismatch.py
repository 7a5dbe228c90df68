"""A presigned-URL host override that cannot replace the endpoint.

## What it does
On the S3 provider, flags `S3_PRESIGNEDURL_OVERRIDE_HOST` when the `S3_ENDPOINT` Score uses (the
file's, or the default of the active profiles) ends with `/`, or has no scheme while the override has
one.

## Why is this bad?
Score applies the override as a literal text replacement: it looks for the text of `S3_ENDPOINT`
inside each presigned URL and puts the override in its place. The S3 client writes URLs as
`scheme://host:port/bucket/...`: an endpoint with a trailing `/` no longer matches as meant, so the
override silently misses or runs into the path, and a bare `minio:9000` matches after the `https://`
the client added, so an override with its own scheme gives `https://http://...`. Clients receive
URLs that do not work.

## Example
```env
S3_ENDPOINT=http://minio:9000/
S3_PRESIGNEDURL_OVERRIDE_HOST=https://objects.example.org
```

## Use instead
```env
S3_ENDPOINT=http://minio:9000
S3_PRESIGNEDURL_OVERRIDE_HOST=https://objects.example.org
```

## Fix
None: write `S3_ENDPOINT` as `scheme://host:port` with nothing after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import (
    finding,
    intended_value,
    setting_text,
    value_unknown,
)

CODE = "SL216"
NAME = "override-host-mismatch"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3":
        return
    entry = ctx.entry_for_setting("S3_PRESIGNEDURL_OVERRIDE_HOST")
    if entry is None or value_unknown(ctx, entry):
        return
    override = intended_value(ctx, entry).strip()
    endpoint_entry = ctx.entry_for_setting("S3_ENDPOINT")
    if not override or (endpoint_entry is not None and value_unknown(ctx, endpoint_entry)):
        return
    endpoint = (setting_text(ctx, "S3_ENDPOINT") or "").strip()
    if not endpoint:
        return
    where = "S3_ENDPOINT" if endpoint_entry is not None else "the default S3_ENDPOINT"
    if endpoint.endswith("/"):
        problem = f"{where} ends with /, so the text Score replaces does not match the URLs as meant"
    elif "://" not in endpoint and "://" in override:
        problem = (
            f"{where} has no scheme, so the client's https:// stays in front of the replacement and the URLs "
            "start https://http:// or https://https://"
        )
    else:
        return
    message = (
        f"{entry.key} does not apply as written: Score replaces the text of S3_ENDPOINT inside each presigned "
        f"URL, and {problem}. Write S3_ENDPOINT as scheme://host:port."
    )
    yield finding(__name__, message, entry=entry, at_value=True)
