"""S3 credentials missing on the S3 provider.

## What it does
On the S3 provider, flags `S3_ACCESSKEY` or `S3_SECRETKEY` when it is not set under any spelling that
binds to it. The finding names the missing setting and points at no line.

## Why is this bad?
Score only uses the keys from its configuration when both are present. Otherwise it does not fail: it
silently falls back to the AWS credential chain of the host (a `~/.aws/credentials` profile), which in a
container usually means no credentials at all, or somebody else's.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
S3_ACCESSKEY=score-uploader
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
S3_ACCESSKEY=score-uploader
S3_SECRETKEY=n4Bq9xTf2LwZ7pRv
```

## Fix
None: only you know the credentials.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity
from score_lint.lint.context import Context
from score_lint.lint.rules._common import finding

CODE = "SL210"
NAME = "s3-credentials-missing"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False

KEYS = ("S3_ACCESSKEY", "S3_SECRETKEY")


def _given(ctx: Context, name: str) -> bool:
    if ctx.is_set(name):
        return True
    setting = ctx.model.setting(name)
    return bool(setting is not None and any(setting.defaults(ctx.active)))


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3" or any(ctx.model.setting(name) is None for name in KEYS):
        return
    missing = [name for name in KEYS if not _given(ctx, name)]
    for name in missing:
        other = next(k for k in KEYS if k != name)
        both = "neither is set" if len(missing) == 2 else f"{other} alone is not enough"
        message = (
            f"{name} is not set ({both}): Score silently falls back to the AWS credential chain of the host."
        )
        yield finding(__name__, message, key=name)
