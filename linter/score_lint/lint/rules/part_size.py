"""A part size that Score overrides (S3) or that makes downloads crawl or hang (Azure).

## What it does
On the S3 provider, flags `UPLOAD_PARTSIZE` below 20971520 bytes (20 MiB). On Azure, where the
setting is the download part size and has no floor, flags 0 or less, and a size below 1 MiB
(1048576 bytes). A value too large for a Java `int` is SL201's business.

## Why is this bad?
On S3, Score raises any smaller part size to 20 MiB (and grows parts so a file never needs more than
10,000 of them): the value in the file has no effect, and whoever tunes it is misled. On Azure, Score
downloads in parts of exactly this size: with 0 or less every download loops forever, and a tiny size
such as 104587 (from an old guide) means about 10,000 requests per GiB.

## Severity
Warning for a size Score raises (S3) or a tiny size (Azure). Error for 0 or less on Azure: every
download hangs.

## Example
```env
UPLOAD_PARTSIZE=1048576
```

```env
SPRING_PROFILES_ACTIVE=azure,prod
UPLOAD_PARTSIZE=104587
```

## Use instead
```env
UPLOAD_PARTSIZE=20971520
```

```env
SPRING_PROFILES_ACTIVE=azure,prod
UPLOAD_PARTSIZE=250000000
```

## Fix
None: choose 20971520 or more on S3, a few MiB or more on Azure.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint import values
from score_lint.binding import Setting
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import intended_value

CODE = "SL208"
NAME = "part-size"
SEVERITY = Severity.WARNING
SEVERITIES = (Severity.WARNING, Severity.ERROR)
FIX = "none"
STOPS_STARTUP = False
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score

FLOOR = 20 * 1024 * 1024
MIB = 1024 * 1024
GIB = 1024 * MIB


def wants(setting: Setting | None, canonical: str) -> bool:
    """Whether check_entry can fire for an entry of this setting (the engine asks once per setting)."""
    return canonical == "UPLOAD_PARTSIZE"


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry, canonical = item.entry, item.canonical
    if canonical != "UPLOAD_PARTSIZE":
        return
    size = values.java_int(intended_value(ctx, entry))
    if size is None or not values.INT_MIN <= size <= values.INT_MAX:
        return
    if ctx.provider == "s3" and size < FLOOR:
        message = (
            f"{entry.key} is below 20 MiB: on S3 Score raises it to 20 MiB ({FLOOR}), so the value has no effect."
        )
        yield finding(__name__, message, entry=entry, at_value=True, suggestion=str(FLOOR))
    elif ctx.provider == "azure" and size <= 0:
        message = (
            f"{entry.key} is {'0' if size == 0 else 'negative'}: on Azure it is the download part size, and "
            "every download loops forever. Use a size of a few MiB or more."
        )
        yield finding(__name__, message, entry=entry, at_value=True, severity=Severity.ERROR)
    elif ctx.provider == "azure" and size < MIB:
        requests = round(GIB / size)
        message = (
            f"{entry.key} is below 1 MiB: on Azure it is the download part size, so every GiB takes about "
            f"{requests:,} requests. Use a size of a few MiB or more."
        )
        yield finding(__name__, message, entry=entry, at_value=True)
