"""Network plumbing shared by the checks: a time budget per call, one retry, and plain words for failures.

Every network call preflight makes goes through ``with_retry``: the call gets the budget (the
``--timeout`` seconds) for all its attempts together, and is tried a second time only after a quick,
transient failure (a refused or reset connection, a 5xx or throttling answer) when time is left.
"""

from __future__ import annotations

import errno
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")

# The kinds of network failure, each with the words a reader needs.
DNS, REFUSED, TIMEOUT, TLS, RESET, UNREACHABLE, OTHER = "dns", "refused", "timeout", "tls", "reset", "unreachable", "other"


@dataclass(frozen=True)
class NetError:
    kind: str
    message: str

    @property
    def transient(self) -> bool:
        return self.kind in (REFUSED, RESET)


class Unreachable(Exception):
    """A network failure already put into words (``error``)."""

    def __init__(self, error: NetError) -> None:
        super().__init__(error.message)
        self.error = error


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and everything it wraps: causes, contexts, and the SDKs' own wrapped errors."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 32:
        cur = todo.pop(0)
        if any(cur is s for s in seen):
            continue
        seen.append(cur)
        for attr in ("__cause__", "__context__", "error", "inner_exception", "reason", "original_error"):
            nxt = getattr(cur, attr, None)
            if isinstance(nxt, BaseException):
                todo.append(nxt)
        kwargs = getattr(cur, "kwargs", None)
        if isinstance(kwargs, dict) and isinstance(kwargs.get("error"), BaseException):
            todo.append(kwargs["error"])
        todo.extend(a for a in getattr(cur, "args", ()) if isinstance(a, BaseException))
    return seen


def describe(exc: BaseException, where: str, timeout: float) -> NetError:
    """Put a connection failure of any library (socket, ssl, urllib3, botocore, httpx, azure-core) into words."""
    chain = _chain(exc)
    text = " ".join(f"{type(e).__name__}: {e}" for e in chain).lower()
    for e in chain:
        if isinstance(e, socket.gaierror):
            return NetError(DNS, f"the host name of {where} does not resolve (DNS: {e.strerror or e})")
        if isinstance(e, ssl.SSLCertVerificationError):
            return NetError(TLS, f"TLS: the certificate of {where} is not trusted ({getattr(e, 'verify_message', None) or e}); "
                                 "Score's JVM checks it against its own trust store")
        if isinstance(e, ssl.SSLError):
            return NetError(TLS, f"TLS handshake with {where} failed ({getattr(e, 'reason', None) or e}); is it an http:// port?")
        if isinstance(e, ConnectionRefusedError):
            return NetError(REFUSED, f"connection to {where} refused: nothing listens there")
        if isinstance(e, ConnectionResetError):
            return NetError(RESET, f"{where} closed the connection without answering")
        if isinstance(e, (TimeoutError, socket.timeout)):
            return NetError(TIMEOUT, f"no answer from {where} within {timeout:g} s")
        if isinstance(e, OSError) and e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return NetError(UNREACHABLE, f"{where} is unreachable from here ({e.strerror})")
    if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text or "temporary failure in name resolution" in text:
        return NetError(DNS, f"the host name of {where} does not resolve")
    if "certificate verify failed" in text:
        return NetError(TLS, f"TLS: the certificate of {where} is not trusted")
    if "ssl" in text or "tls" in text or "wrong version number" in text:
        return NetError(TLS, f"TLS handshake with {where} failed; is it an http:// port?")
    if "refused" in text:
        return NetError(REFUSED, f"connection to {where} refused: nothing listens there")
    if "timed out" in text or "timeout" in text:
        return NetError(TIMEOUT, f"no answer from {where} within {timeout:g} s")
    if "reset" in text or "remote end closed" in text or "connection aborted" in text or "disconnected" in text:
        return NetError(RESET, f"{where} closed the connection without answering")
    return NetError(OTHER, f"cannot reach {where}: {type(exc).__name__}: {exc}")


def with_retry(
    attempt: Callable[[float], T], budget: float, retry_if: Callable[[BaseException], bool]
) -> T:
    """Run ``attempt(seconds_left)``; once more after a quick transient failure, within ``budget``."""
    start = time.monotonic()
    try:
        return attempt(budget)
    except Exception as exc:
        left = budget - (time.monotonic() - start)
        # Only a failure that left at least half the budget is retried: a slow one would not fit twice.
        if not retry_if(exc) or left < budget / 2:
            raise
        time.sleep(min(0.2, left / 10))
        return attempt(budget - (time.monotonic() - start))


def resolve(host: str, port: int, timeout: float) -> list[str]:
    """The addresses of ``host`` (getaddrinfo has no timeout of its own: it runs in a daemon thread)."""
    result: list[object] = []

    def work() -> None:
        try:
            result.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller
            result.append(exc)

    thread = threading.Thread(target=work, name="preflight-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if not result:
        raise Unreachable(NetError(DNS, f"the host name {host} did not resolve within {timeout:g} s"))
    found = result[0]
    if isinstance(found, socket.gaierror):
        raise Unreachable(NetError(DNS, f"the host name {host} does not resolve (DNS: {found.strerror or found})"))
    if isinstance(found, BaseException):
        raise Unreachable(describe(found, host, timeout))
    assert isinstance(found, list)
    return list(dict.fromkeys(str(info[4][0]) for info in found))


@dataclass(frozen=True)
class Reached:
    addresses: tuple[str, ...]
    tls: str | None  # the TLS version agreed, for https


def connect(url: str, timeout: float) -> Reached:
    """DNS, TCP and (for https) TLS to the host of ``url``, each step within what is left of ``timeout``."""
    deadline = time.monotonic() + timeout
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise Unreachable(NetError(OTHER, f"{url} has no valid port ({exc})")) from None
    where = f"{host}:{port}"
    addresses = resolve(host, port, timeout)

    def left() -> float:
        return max(0.05, deadline - time.monotonic())

    try:
        sock = socket.create_connection((host, port), timeout=left())
    except OSError as exc:
        raise Unreachable(describe(exc, where, timeout)) from None
    try:
        if parts.scheme != "https":
            return Reached(tuple(addresses), None)
        context = ssl.create_default_context()
        sock.settimeout(left())
        try:
            with context.wrap_socket(sock, server_hostname=host) as tls:
                return Reached(tuple(addresses), tls.version())
        except (OSError, ssl.SSLError) as exc:
            raise Unreachable(describe(exc, where, timeout)) from None
    finally:
        sock.close()
