"""The services Score calls besides its storage: Song (``METADATA_URL``) and the auth server.

Only what the file sets is contacted: a default such as ``https://meta.icgc.org`` is somebody else's
server, and preflight says so instead of calling it.
"""

from __future__ import annotations

import json

import httpx

from score_lint.preflight import net
from score_lint.preflight.context import (
    CheckFn,
    Context,
    Outcome,
    failed,
    passed,
    skipped,
    unreachable,
)
from score_lint.preflight.settings import JWT_SOURCES


def _get(ctx: Context, url: str) -> httpx.Response:
    """One GET within the budget, no redirects followed; raises net.Unreachable with words."""
    try:
        with httpx.Client(follow_redirects=False, trust_env=False) as client:
            return net.with_retry(lambda left: client.get(url, timeout=left / 2), ctx.timeout,
                                  lambda exc: isinstance(exc, httpx.ConnectError))
    except httpx.InvalidURL as exc:
        raise net.Unreachable(net.NetError(net.OTHER, f"{url} is not a URL ({exc})")) from None
    except httpx.UnsupportedProtocol:
        raise net.Unreachable(net.NetError(net.OTHER, f"{url} is not an http:// or https:// URL")) from None
    except httpx.HTTPError as exc:
        raise net.Unreachable(net.describe(exc, _where(url), ctx.timeout)) from None


def _where(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return url
    return f"{parsed.host}:{parsed.port}" if parsed.port else parsed.host


def _redirect(response: httpx.Response, url: str, name: str) -> Outcome | None:
    if not response.is_redirect:
        return None
    location = response.headers.get("location", "another URL")
    return failed(f"{url} redirects (HTTP {response.status_code}) to {location}; Score does not follow redirects.",
                  f"Set {name} to the URL it redirects to.")


def check_metadata(ctx: Context) -> Outcome:
    value = ctx.settings.metadata_url
    if value is None or not value.text.strip():
        return skipped("not run: METADATA_URL is not set in the file (a profile default is somebody else's server).")
    # Score appends its paths to the text as given (`<METADATA_URL>/entities/<id>`); so does this check.
    url = f"{value.text}/isAlive"
    try:
        response = _get(ctx, url)
    except net.Unreachable as exc:
        return unreachable(exc.error, f"Song at {value.text} ({value.source}): ")
    redirect = _redirect(response, url, value.source or "METADATA_URL")
    if redirect:
        return redirect
    if response.status_code == 200:
        return passed(f"Song answers at {url} (200).")
    return failed(f"{url} answers HTTP {response.status_code}, not 200: is {value.source} Song's base URL?",
                  "Point METADATA_URL at Song's base URL (the one whose /isAlive answers 200).")


def _key_source_problem(name: str, response: httpx.Response) -> str | None:
    """Why the answer of a JWT key source is not what Spring Security reads there, or None."""
    if response.status_code != 200:
        return f"answers HTTP {response.status_code}"
    body = response.text
    if name.endswith("PUBLICKEYLOCATION") or name == "AUTH_JWT_PUBLICKEYURL":
        # Spring reads an X.509 PEM public key there.
        return None if "-----BEGIN PUBLIC KEY-----" in body else "answers 200 but not with a PEM public key"
    try:
        data = json.loads(body)
    except ValueError:
        return "does not answer JSON"
    if name.endswith("JWKSETURI") and not (isinstance(data, dict) and isinstance(data.get("keys"), list)):
        return 'answers JSON without a "keys" list, not a JWK set'
    if name.endswith("ISSUERURI") and not (isinstance(data, dict) and "jwks_uri" in data):
        return "answers JSON without jwks_uri, not an OpenID configuration"
    return None


def check_auth_server(ctx: Context) -> Outcome:
    s = ctx.settings
    if not s.secure:
        return skipped("not run: the secure profile is not active, so Score calls no auth server.")
    targets: list[tuple[str, str]] = []
    if s.auth_server_url is not None and s.auth_server_url.text.strip():
        targets.append((s.auth_server_url.source or "AUTH_SERVER_URL", s.auth_server_url.text))
    if s.jwt_source is not None:
        name, value = s.jwt_source
        url = value.text
        if name.endswith("ISSUERURI"):
            url = url.rstrip("/") + "/.well-known/openid-configuration"
        targets.append((name, url))
    if not targets:
        return skipped("not run: neither AUTH_SERVER_URL nor a JWT key source is set in the file.")
    said = []
    for name, url in targets:
        if not url.startswith(("http://", "https://")):
            said.append(f"{name} is {url.split(':', 1)[0]}:, read inside Score's container, not checked")
            continue
        try:
            response = _get(ctx, url)
        except net.Unreachable as exc:
            return unreachable(exc.error, f"{name} ({url}): ")
        redirect = _redirect(response, url, name)
        if redirect:
            return redirect
        if name in JWT_SOURCES or name == "AUTH_JWT_PUBLICKEYURL":
            problem = _key_source_problem(name, response)
            if problem:
                return failed(f"the JWT key source {name} ({url}) {problem}: Score cannot check tokens.",
                              f"Point {name} at the auth server's key endpoint.")
            said.append(f"{name} can be read")
        elif response.status_code >= 500:
            return failed(f"{name} ({url}) answers HTTP {response.status_code}.")
        else:
            said.append(f"{name} answers (HTTP {response.status_code})")
    return passed("; ".join(said) + ".")


CHECKS: dict[str, CheckFn] = {
    "metadata": check_metadata,
    "auth-server": check_auth_server,
}
