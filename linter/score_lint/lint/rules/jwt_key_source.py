"""No source for the JWT public key on Score 5.11 and develop.

## What it does
With the `secure` profile on Score 5.11 and develop, checks that one of
`SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION`,
`SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI` or
`SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI` is set.

## Why is this bad?
Score's `application.yml` points the public key location at `https://localhost:8443/oauth/token/public_key`,
and Spring Boot reads that key while it starts. Inside a container nothing serves it, so Score fails
to start. Guides written for 5.10 set `AUTH_JWT_PUBLIC_KEY_URL` instead, which 5.11 no longer reads.

## Example
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,secure
```

## Use instead
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod,secure
SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION=http://ego:8080/oauth/token/public_key
```

## Fix
None: only you know where your key is served.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL504"
NAME = "jwt-key-source"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = True

_LOCATION = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION"
_SOURCES = (_LOCATION, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI")


def check(ctx: Context) -> Iterator[Finding]:
    location = ctx.model.setting(_LOCATION)
    if location is None or "secure" not in ctx.active:
        return
    if any(ctx.is_set(name) for name in _SOURCES):
        return
    default = next(iter(location.defaults(ctx.active)), "its default")
    message = (
        f"no JWT key source is set: with the secure profile Score {ctx.line} reads the public key from "
        f"{default} while it starts, and fails to start when nothing serves it there. Set {_LOCATION} "
        "(Ego) or SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI (Keycloak)."
    )
    yield finding(__name__, message, key=_LOCATION, suggestion=_LOCATION)
