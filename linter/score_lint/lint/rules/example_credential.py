"""A publicly known example credential.

## What it does
Flags a credential setting (`S3_ACCESSKEY`, `S3_SECRETKEY`, `AZURE_ACCOUNTKEY`,
`AUTH_SERVER_CLIENTSECRET`, `SERVER_SSL_KEYSTOREPASSWORD`, under any spelling that binds to them)
whose value is one of the example or default credentials printed in Score's, Overture's or AWS's
material, such as the MinIO defaults, AWS's documentation keys, or the client secrets of the demo Ego
and Keycloak set-ups in Overture's compose files (`systemsecret`). Quotes that `docker run` would keep
are ignored for the comparison. The finding never shows the value.

## Why is this bad?
Everybody who has read the same guide knows these credentials. A server that keeps them is open to
anyone who can reach the storage or the auth server.

## Example
```env
S3_ACCESSKEY=minio
S3_SECRETKEY=minio123
```

## Use instead
```env
S3_ACCESSKEY=score-uploader
S3_SECRETKEY=n4Bq9xTf2LwZ7pRv
```

## Fix
None: create a new credential in the storage or auth server and put it here.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Setting
from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import intended_value

CODE = "SL206"
NAME = "example-credential"
SEVERITY = Severity.WARNING
FIX = "none"
STOPS_STARTUP = False
ENTRIES = "effective"  # check_entry is handed each entry whose value reaches Score

CREDENTIAL_SETTINGS = frozenset(
    {"S3_ACCESSKEY", "S3_SECRETKEY", "AZURE_ACCOUNTKEY", "AUTH_SERVER_CLIENTSECRET", "SERVER_SSL_KEYSTOREPASSWORD"}
)
# Seen in Overture guides, Score's application.yml profiles, MinIO defaults and AWS's documentation,
# and the client secrets of the demo Ego and Keycloak set-ups in Overture's own compose files.
_KNOWN = frozenset(
    word.casefold()
    for word in (
        "abc123",
        "minio",
        "minio123",
        "minioadmin",
        "admin",
        "admin123",
        "scoresecret",
        "pass",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        # Keycloak demo clients: SONG and demo compose files (system), prelude's quickstart (dms).
        "systemsecret",
        "t016kqXfI648ORoIP5gepqCzqtsRjlcc",
        # Ego demo clients of SONG's compose files and Overture's guides.
        "songsecret",
        "dccidsecret",
        "songToScoreSecret",
        "authClientSecret",
        "oauthsecret",
        "v9mjRtuEVwpt7cgqnsq6mxtCa5FbUOpKLGh7WX8a1dWbBKfrM3iV3VYMtE60jr3W7GLWtNeYIaJ8EUxPkaInclWVXf64qKdR3IKwyfpDU7JhvWEwIYQYdwV1YAUZjB2e",
    )
)


def wants(setting: Setting | None, canonical: str) -> bool:
    """Whether check_entry can fire for an entry of this setting (the engine asks once per setting)."""
    return canonical in CREDENTIAL_SETTINGS or (setting is not None and setting.secret)


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry, canonical = item.entry, item.canonical
    setting = item.setting
    if canonical not in CREDENTIAL_SETTINGS and not (setting is not None and setting.secret):
        return
    if intended_value(ctx, entry).strip().casefold() not in _KNOWN:
        return
    message = (
        f"{entry.key} holds a publicly known example credential: anyone who has read the same guide "
        "can use it. Create a credential of your own."
    )
    yield finding(__name__, message, entry=entry, at_value=True)
