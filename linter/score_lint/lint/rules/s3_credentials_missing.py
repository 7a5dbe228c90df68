"""S3 credentials missing or empty on the S3 provider.

## What it does
On the S3 provider, flags `S3_ACCESSKEY` or `S3_SECRETKEY` when it is not set under any spelling that
binds to it (the finding names the missing setting and points at no line), or when it is set but
empty. Both empty counts as both missing; one empty beside the other set is a key pair with a hole.

## Why is this bad?
Score only uses the keys from its configuration when both are present. Otherwise it does not fail: it
silently reads credentials from a `~/.aws/credentials` file inside the container (the AWS SDK's
`ProfileCredentialsProvider`, nothing else of the SDK's default chain), which the official image does
not have, so every request to the storage fails. `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are
read by nothing. An access key without its secret (or the reverse) cannot sign a request.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
S3_ACCESSKEY=score-uploader
```

```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
S3_ACCESSKEY=score-uploader
S3_SECRETKEY=
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

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context
from score_lint.lint.rules._common import intended_value

CODE = "SL210"
NAME = "s3-credentials-missing"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False

KEYS = ("S3_ACCESSKEY", "S3_SECRETKEY")


_FALLBACK = (
    "Score does not complain but reads credentials only from a ~/.aws/credentials file inside the container "
    "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are read by nothing), and without one every request to "
    "the storage fails"
)


def _state(ctx: Context, name: str) -> str:
    """"set", "empty" or "missing": how the file (or an active profile's default) gives ``name``."""
    entry = ctx.entry_for_setting(name)
    if entry is not None:
        return "set" if intended_value(ctx, entry).strip() else "empty"
    setting = ctx.model.setting(name)
    return "set" if setting is not None and any(setting.defaults(ctx.active)) else "missing"


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.provider != "s3" or any(ctx.model.setting(name) is None for name in KEYS):
        return
    states = {name: _state(ctx, name) for name in KEYS}
    for name in KEYS:
        other = next(k for k in KEYS if k != name)
        state, other_state = states[name], states[other]
        if state == "set":
            continue
        entry = ctx.entry_for_setting(name)
        if state == "empty" and other_state == "set":
            message = (
                f"{name} is empty but {other} is set: one key of a pair cannot sign a request, so requests "
                f"to the storage fail. Fill in {name}."
            )
        elif state == "empty":
            both = "and so is" if other_state == "empty" else "and"
            tail = f"{both} {other}" + ("" if other_state == "empty" else " is not set")
            message = f"{name} is empty ({tail}): {_FALLBACK}."
        else:
            both = "neither is set" if other_state == "missing" else f"{other} alone is not enough"
            message = f"{name} is not set ({both}): {_FALLBACK}."
        if entry is not None:
            yield finding(__name__, message, entry=entry, at_value=True)
        else:
            yield finding(__name__, message, key=name)
