"""A value that the manifest does not hold: a Kubernetes secret, config map or pod field fills it in.

## What it does
Reports, as information, each `env:` item of a Kubernetes container whose value comes from
`valueFrom:` (a secret, a config map, a field of the pod) or uses `$(VAR)` of such a variable, and
each `envFrom:` source. Only `score-lint k8s` meets them: an env file always holds its values.

## Why is this bad?
It is not: keeping credentials in a secret is right. But score-lint never fetches secrets or config
maps, so it cannot check those values (a quoted boolean, a wrong bucket name, a placeholder left in a
config map). The finding says which settings were not checked and where their values live.

## Example
````yaml
env:
  - name: S3_SECRETKEY
    valueFrom:
      secretKeyRef:
        name: score
        key: s3-secretKey
````

## Use instead
To have the value checked, lint the file the secret or config map is made from:
```env
S3_SECRETKEY=n4Bq9xTf2LwZ7pRv
```

## Fix
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item

CODE = "SL313"
NAME = "set-elsewhere"
SEVERITY = Severity.INFO
FIX = "none"
STOPS_STARTUP = False
ENTRIES = "all"  # check_entry is handed every entry...
ONLY_WITH = "elsewhere"  # ...whose value a Kubernetes secret, config map or pod field fills in


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    if not entry.elsewhere:  # the engine's ONLY_WITH test, for a caller that hands every entry
        return
    message = (
        f"{entry.key} is set from {entry.elsewhere}: Kubernetes fills it in when the pod starts, so "
        "score-lint cannot check its value."
    )
    yield finding(__name__, message, entry=entry, at_value=True)


def source_message(source: str) -> str:
    """The message for an ``envFrom`` source (reported by ``score-lint k8s`` at the source's line)."""
    return (
        f"envFrom {source}: each of its keys becomes a variable when the pod starts; score-lint cannot see "
        "them, so settings reported as not set may be set there."
    )
