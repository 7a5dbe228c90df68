"""A bucket or container name that the storage refuses.

## What it does
Checks `BUCKET_NAME_OBJECT` and `BUCKET_NAME_STATE` against S3's bucket naming rules on the S3
provider, and `BUCKET_NAME_OBJECT` and `AZURE_CONTAINERNAME` against Azure's container naming rules on
Azure, and says which rule the name breaks: an underscore, upper-case letters, the length, a character
outside the allowed set, the first or last character, or (Azure) two dashes in a row. The name is
checked as meant: quotes that `docker run` keeps are SL202's business.

## Why is this bad?
S3 and MinIO bucket names are 3 to 63 lower-case letters, digits, dots and dashes; Azure container
names are 3 to 63 lower-case letters, digits and dashes with no `--`. Score starts with any name, but
the storage refuses the invalid one, so every upload and download fails.

## Example
```env
BUCKET_NAME_OBJECT=test_object_bucket
```

## Use instead
```env
BUCKET_NAME_OBJECT=test-object-bucket
```

## Fix
None: the bucket has to exist under its new name first.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.binding import Setting
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    checked_container,
    intended_value,
    value_unknown,
)

CODE = "SL207"
NAME = "bucket-name"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False  # True for the Azure container Score checks while it starts
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score

_KINDS = {
    "bucket-name": ("S3 bucket", "lower-case letters, digits, dots and dashes"),
    "container-name": ("Azure container", "lower-case letters, digits and dashes"),
}


def broken_rules(name: str, kind: str) -> list[str]:
    """The naming rules ``name`` breaks, in plain words (no part of the name itself)."""
    allowed = "abcdefghijklmnopqrstuvwxyz0123456789-" + ("." if kind == "bucket-name" else "")
    out = []
    if "_" in name:
        out.append("it contains an underscore")
    if any(ch.isupper() for ch in name):
        out.append("it contains upper-case letters")
    others = {ch for ch in name if ch not in allowed and ch != "_" and not ch.isupper()}
    if others:
        out.append(f"it contains characters other than {_KINDS[kind][1]}")
    if not 3 <= len(name) <= 63:
        out.append(f"it is {len(name)} characters long, not 3 to 63")
    if name and (not name[0].isalnum() or not name[-1].isalnum()):
        out.append("it does not start and end with a letter or digit")
    if kind == "container-name" and "--" in name:
        out.append("it has two dashes in a row")
    return out


def wants(setting: Setting | None, canonical: str) -> bool:
    """Whether check_entry can fire for an entry of this setting (the engine asks once per setting)."""
    return setting is not None and setting.type in _KINDS and bool(setting.pattern)


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    setting = item.setting
    if setting is None or setting.type not in _KINDS or not setting.pattern:
        return
    name = intended_value(ctx, entry)
    if value_unknown(ctx, entry) or values.compiled(setting.pattern).search(name):
        return
    what = _KINDS[setting.type][0]
    reasons = broken_rules(name, setting.type) or ["it breaks the naming rules"]
    stops = checked_container(ctx, entry)
    effect = (
        "no container can have it, and Score refuses to start without its container"
        if stops else "the storage refuses it, so uploads and downloads fail"
    )
    message = f"{entry.key} is not a valid {what} name ({'; '.join(reasons)}): {effect}. {setting.pattern_message}"
    yield finding(__name__, message, entry=entry, at_value=True, stops_startup=stops)
