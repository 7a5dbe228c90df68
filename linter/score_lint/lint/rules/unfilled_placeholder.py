"""A template placeholder or template variable left in a value.

## What it does
Flags a value that still holds a template placeholder or variable: `{{storage_account_name}}` or
Helm's `{{ .Values.bucket }}`, a whole-value `<your-bucket>`, and, when the file is read the
`docker run --env-file` way, shell variables (`$S3_HOST`, `${S3_ENDPOINT}`) and Velocity references
(`$dmsConfig.score.s3.url`, `${composeServiceResources.SONG_API.toString()}`) anywhere in the value.
Under `--dialect compose` `$VAR` and `${VAR}` are compose's to expand and are not flagged. The value's
other problems (a bad URL, an invalid bucket name) are not reported on top: they follow from this one.

Spring itself resolves `${NAME}` when NAME is another variable the file sets, or when the reference
has a Spring default (`${NAME:value}`); those are not flagged. In a secret only a value that is
nothing but a template counts, and the finding never shows it.

## Why is this bad?
Nothing replaces them at run time: `docker run --env-file` expands no variables and renders no
templates, so Score receives the text as written and uses it as the URL, account name, key or bucket.
It fails only when it first talks to the storage, Song or the auth server.

## Example
```env
AZURE_ACCOUNTNAME={{storage_account_name}}
BUCKET_NAME_OBJECT=<your-bucket>
```

```env
BUCKET_NAME_STATE=$dmsConfig.score.api.stateBucket
S3_ENDPOINT=${S3_HOST}
```

## Use instead
```env
AZURE_ACCOUNTNAME=scorestorage
BUCKET_NAME_OBJECT=score-object
```

Options: --dialect compose
```env
S3_HOST=http://minio:9000
S3_ENDPOINT=${S3_HOST}
```

## Fix
None: only you know the value.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    checked_container,
    read_at_startup,
    template_in,
)

CODE = "SL205"
NAME = "unfilled-placeholder"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False  # True for a value Score converts while it starts, or the Azure container it checks
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score
SKIP_PLAIN = True  # never fires on a plain value (``Item.plain``): the engine does not call it there


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    template = template_in(ctx, entry)
    if template is None:
        return
    setting = item.setting
    secret = setting is not None and setting.secret
    loader = "docker run" if ctx.dialect == "docker" else "compose"
    shown = ("a template variable" if template.shell else "a template placeholder") if secret else f"the text {template.text}"
    message = (
        f"{entry.key}: {loader} passes {shown} unexpanded, so Score receives it literally as the "
        f"{'credential' if secret else 'value'}"
    )
    stops = False
    if read_at_startup(ctx, setting) and setting is not None:
        message += f", cannot read it as a {setting.type} and fails to start"
        stops = True
    elif checked_container(ctx, entry):
        message += ": no Azure container has that name, and Score refuses to start without its container"
        stops = True
    message += ". Fill in the value"
    message += ", or use compose, which expands ${VAR}." if template.shell else "."
    yield finding(__name__, message, entry=entry, at_value=True, stops_startup=stops)
