"""Keep credentials out of everything preflight says: one masking function, and a guard for the SDKs' logs.

Every message, remedy and error text that leaves the preflight package goes through ``Masker.mask``.
It removes the secret values themselves (as written, without their quotes, URL-encoded, and the
``AccountKey=`` part of an Azure connection string) and anything that carries a signature: query
parameters of presigned and SAS URLs, ``Authorization`` headers, ``AccountKey=`` in connection strings
and passwords in URLs (``findings.without_password``, as the lint's own output masks them).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, quote_plus

from score_lint.findings import without_password

MASK = "****"
_SHORT = 4

_SIGNED_PARAMS = re.compile(r"(?i)\b(X-Amz-Signature|X-Amz-Security-Token|Signature|sig)=[^&\s\"'<>]*")
_AUTHORIZATION = re.compile(r"(?i)\b(authorization|x-amz-security-token)(['\"]?\s*[:=]\s*['\"]?)[^'\"\r\n]*")
_ACCOUNT_KEY = re.compile(r"(?i)\b(AccountKey|SharedAccessSignature)=[^;\s\"']*")


class Masker:
    """Replaces the given secrets, and signatures of any kind, with ``****``."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        variants: set[str] = set()
        for secret in secrets:
            for form in _forms(secret):
                if form:
                    variants.add(form)
        # Longest first, so a secret that contains another is replaced whole.
        ordered = sorted(variants, key=len, reverse=True)
        self._secrets = tuple(s for s in ordered if len(s) >= _SHORT)
        # A secret of a few characters would also match inside ordinary words: only whole tokens go.
        self._short = tuple(
            re.compile(r"(?<![A-Za-z0-9])" + re.escape(s) + r"(?![A-Za-z0-9])") for s in ordered if len(s) < _SHORT
        )

    def mask(self, text: str) -> str:
        """``text`` with every secret and signature replaced; the one function all output goes through."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        for pattern in self._short:
            text = pattern.sub(MASK, text)
        text = _SIGNED_PARAMS.sub(lambda m: f"{m.group(1)}={MASK}", text)
        text = _AUTHORIZATION.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
        text = _ACCOUNT_KEY.sub(lambda m: f"{m.group(1)}={MASK}", text)
        text = without_password(text, MASK)
        return text

    def __call__(self, text: str) -> str:
        return self.mask(text)


def _forms(secret: str) -> Iterator[str]:
    yield secret
    stripped = secret.strip()
    yield stripped
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "\"'":
        stripped = stripped[1:-1]
        yield stripped
    # An Azure key may carry ';BlobEndpoint=...' after it: the key itself is the part before.
    for part in re.split(r";", stripped):
        if part.lower().startswith("accountkey="):
            part = part.split("=", 1)[1]
        if part and "=" not in part.rstrip("="):
            yield part
    yield quote(stripped, safe="")
    yield quote_plus(stripped)


@contextmanager
def guarded_logging(masker: Masker) -> Iterator[None]:
    """While preflight runs, mask every log record made, whichever library logs it and whoever handles it.

    A record factory rather than logger filters: the SDKs log on child loggers (``botocore.endpoint``,
    ``azure.core.pipeline...``), and a parent logger's filters never see those records.
    """
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            record.msg = masker.mask(record.getMessage())
            record.args = ()
            if record.exc_info:
                record.exc_text = masker.mask(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        except Exception:  # a record that cannot be formatted is not shown at all
            record.msg, record.args = MASK, ()
        return record

    logging.setLogRecordFactory(factory)
    try:
        yield
    finally:
        logging.setLogRecordFactory(previous)
