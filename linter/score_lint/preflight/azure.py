"""The Azure Blob checks, made the way Score's Azure storage SDK (v8) is set up.

Score builds ``DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…`` (anything appended to the key is
honoured by the parser), refuses to start without the container, and signs SAS URLs with the stored
access policy's name only (``si=``), a start 15 minutes back, an expiry from the download expiration,
and no permissions. azure-storage-blob is imported here, and this module only when preflight runs.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from azure.core.exceptions import AzureError, HttpResponseError
from azure.storage.blob import (
    AccessPolicy,
    BlobServiceClient,
    ContainerClient,
    generate_blob_sas,
)

from score_lint.preflight import net
from score_lint.preflight.context import (
    CheckFn,
    Context,
    Outcome,
    errored,
    failed,
    passed,
    unreachable,
)
from score_lint.preflight.settings import StorageSettings

T = TypeVar("T")
SAS_START_BACK = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Failure:
    """An Azure call that did not succeed: an HTTP answer with an error code, or no answer."""

    status: int = 0
    code: str = ""
    net_error: net.NetError | None = None
    detail: str = ""

    def words(self) -> str:
        if self.net_error is not None:
            return self.net_error.message
        return f"HTTP {self.status} {self.code}".strip() + (f": {self.detail}" if self.detail else "")


class AzureCallFailed(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.words())
        self.failure = failure


def account_key_part(settings: StorageSettings) -> str:
    """The key itself: ``AZURE_ACCOUNTKEY`` up to a ``;`` (what follows belongs to the connection string)."""
    text = settings.account_key.text if settings.account_key else ""
    return text.split(";", 1)[0]


def key_problem(settings: StorageSettings) -> str | None:
    key = account_key_part(settings)
    if not key:
        return "AZURE_ACCOUNTKEY is not set: Score cannot parse its connection string and does not start."
    try:
        base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        quoted = key[:1] in ("'", '"') or key[-1:] in ("'", '"')
        why = " (it has quotes, which docker run keeps)" if quoted else ""
        return f"AZURE_ACCOUNTKEY is not valid Base64{why}: Score's connection string parser fails and Score does not start."
    return None


class Azure:
    def __init__(self, settings: StorageSettings) -> None:
        self.settings = settings
        # Retries are preflight's own (one, within the budget); a redirect is reported, not followed.
        self.service = BlobServiceClient.from_connection_string(
            settings.azure_connection_string, retry_total=0, permit_redirects=False)

    @property
    def where(self) -> str:
        """host:port of the blob endpoint, for messages."""
        parts = urlsplit(self.service.url)
        return parts.netloc or self.service.url

    @property
    def container(self) -> ContainerClient:
        return self.service.get_container_client(self.settings.container)

    def call(self, ctx: Context, fn: Callable[[dict[str, Any]], T]) -> T:
        """``fn(timeouts)`` within the budget, retried once after a quick failure; raises AzureCallFailed."""

        def attempt(seconds: float) -> T:
            timeouts = {"connection_timeout": seconds / 2, "read_timeout": seconds / 2}
            try:
                return fn(timeouts)
            except HttpResponseError as exc:
                code = getattr(exc, "error_code", None) or exc.reason or ""
                failure = Failure(int(exc.status_code or 0), str(code), None, _first_line(exc))
                raise AzureCallFailed(failure) from None
            except (AzureError, OSError) as exc:
                raise AzureCallFailed(Failure(net_error=net.describe(exc, self.where, ctx.timeout))) from None

        def retry_if(exc: BaseException) -> bool:
            if not isinstance(exc, AzureCallFailed):
                return False
            f = exc.failure
            return (f.net_error is not None and f.net_error.transient) or f.status >= 500

        return net.with_retry(attempt, ctx.timeout, retry_if)


def _first_line(exc: HttpResponseError) -> str:
    text = str(exc.message or "").strip().splitlines()
    return text[0] if text else ""


def _azure(ctx: Context) -> Azure:
    found = ctx.cache.get("azure")
    if not isinstance(found, Azure):
        found = Azure(ctx.settings)
        ctx.cache["azure"] = found
    return found


def _failure_outcome(failure: Failure, what: str) -> Outcome:
    if failure.net_error is not None:
        return unreachable(failure.net_error, f"{what}: ")
    if 300 <= failure.status < 400:
        return failed(f"{what}: the endpoint redirects (HTTP {failure.status}); the SDK does not follow it.")
    if failure.status >= 500 or not failure.status:
        return errored(f"{what}: {failure.words()}.")
    return failed(f"{what}: {failure.words()}.")


def _az(settings: StorageSettings, *words: str) -> str:
    parts = ["az", "storage", *words, "--account-name", settings.account_name]
    return " ".join(shlex.quote(p) for p in parts)


def create_container_command(settings: StorageSettings) -> str:
    return _az(settings, "container", "create", "--name", settings.container)


def create_policy_command(settings: StorageSettings, name: str, permission: str) -> str:
    return _az(settings, "container", "policy", "create", "--container-name", settings.container, "--name", name,
               "--permissions", permission)


def upload_sentinel_command(settings: StorageSettings) -> str:
    return _az(settings, "blob", "upload", "--container-name", settings.container, "--name", settings.sentinel,
               "--data", settings.sentinel)


# ---------------------------------------------------------------------------------------------- checks


def check_account_key(ctx: Context) -> Outcome:
    s = ctx.settings
    problem = key_problem(s)
    if problem:
        return failed(problem, "Copy the account key again from the storage account's access keys, without quotes.")
    if not s.account_name:
        return failed("AZURE_ACCOUNTNAME is empty.", "Set AZURE_ACCOUNTNAME to the storage account's name.")
    try:
        client = _azure(ctx)
    except ValueError as exc:
        return failed(f"Score's connection string cannot be parsed: {exc}.")
    try:
        client.call(ctx, lambda t: next(iter(client.service.list_containers(results_per_page=1, **t).by_page()), None))
    except AzureCallFailed as exc:
        f = exc.failure
        if f.status == 403:
            quoted = " AZURE_ACCOUNTKEY is wrapped in quotes, which docker run keeps." if s.account_key and s.account_key.quoted else ""
            return failed(f"the account {s.account_name} at {client.service.url} does not accept the key "
                          f"({f.code or 'HTTP 403'}).{quoted}", "Copy the key again from the storage account's access keys.")
        return _failure_outcome(f, f"the blob endpoint {client.service.url}")
    return passed(f"the account {s.account_name} at {client.service.url} accepts the key.")


def check_container(ctx: Context) -> Outcome:
    s = ctx.settings
    blocked = ctx.blocked("account-key")
    if blocked:
        return blocked
    if not s.container:
        return failed("no container is named (BUCKET_NAME_OBJECT is empty): Score does not start.", "Set BUCKET_NAME_OBJECT.")
    client = _azure(ctx)
    try:
        client.call(ctx, lambda t: client.container.get_container_properties(**t))
    except AzureCallFailed as exc:
        if exc.failure.status == 404:
            return failed(f"the container {s.container} does not exist: Score refuses to start without it.",
                          create_container_command(s))
        return _failure_outcome(exc.failure, f"reading the container {s.container}")
    return passed(f"the container {s.container} exists.")


def _acl(ctx: Context) -> dict[str, Any]:
    found = ctx.cache.get("azure-acl")
    if isinstance(found, dict):
        return found
    client = _azure(ctx)
    acl: dict[str, Any] = client.call(ctx, lambda t: client.container.get_container_access_policy(**t))
    ctx.cache["azure-acl"] = acl
    return acl


def policies(ctx: Context) -> dict[str, AccessPolicy]:
    identifiers = _acl(ctx).get("signed_identifiers") or []
    return {i.id: i.access_policy for i in identifiers}


def _policy_check(ctx: Context, name: str, setting: str, letter: str, verb: str) -> Outcome:
    s = ctx.settings
    blocked = ctx.blocked("container")
    if blocked:
        return blocked
    try:
        found = policies(ctx)
    except AzureCallFailed as exc:
        return _failure_outcome(exc.failure, f"reading the access policies of {s.container}")
    policy = found.get(name)
    if policy is None:
        others = f" (it has {', '.join(sorted(found))})" if found else ""
        return failed(f"the container {s.container} has no stored access policy {name} ({setting}){others}: every "
                      f"{verb} URL Score signs is refused.", create_policy_command(s, name, letter))
    permission = str(getattr(policy, "permission", "") or "")
    problems = []
    if letter not in permission:
        problems.append(f"grants {permission or 'nothing'}, not {verb} ({letter})")
    for field_name, label in (("start", "a start"), ("expiry", "an expiry")):
        if getattr(policy, field_name, None):
            problems.append(f"sets {label} of its own, which Azure rejects beside the one in Score's SAS")
    if problems:
        return failed(f"the access policy {name} ({setting}) of {s.container} " + " and ".join(problems) + ".",
                      f"az storage container policy delete --container-name {shlex.quote(s.container)} --name "
                      f"{shlex.quote(name)} --account-name {shlex.quote(s.account_name)}\n"
                      + create_policy_command(s, name, letter))
    return passed(f"the access policy {name} ({setting}) of {s.container} grants {verb} and leaves start and expiry to "
                  "Score.")


def check_policy_upload(ctx: Context) -> Outcome:
    return _policy_check(ctx, ctx.settings.policy_upload, "BUCKET_POLICY_UPLOAD", "w", "upload")


def check_policy_download(ctx: Context) -> Outcome:
    return _policy_check(ctx, ctx.settings.policy_download, "BUCKET_POLICY_DOWNLOAD", "r", "download")


def sas_url(ctx: Context, blob: str, policy: str) -> str:
    """A SAS URL signed as Score signs it: the policy's name, start 15 minutes back, expiry in days, no permissions."""
    s = ctx.settings
    now = dt.datetime.now(dt.timezone.utc)
    days = s.download_expiration_days if s.download_expiration_days is not None else 1
    token = generate_blob_sas(
        account_name=s.account_name,
        container_name=s.container,
        blob_name=blob,
        account_key=account_key_part(s),
        policy_id=policy,
        start=now - SAS_START_BACK,
        expiry=now + dt.timedelta(days=days),
    )
    return f"{_azure(ctx).container.get_blob_client(blob).url}?{token}"


def check_sentinel(ctx: Context) -> Outcome:
    s = ctx.settings
    blocked = ctx.blocked("container", "policy-download")
    if blocked:
        return blocked
    if not s.sentinel:
        return failed("OBJECT_SENTINEL is empty: Score's /download/ping throws and every score-client command aborts.",
                      "Remove OBJECT_SENTINEL (default heliograph) or give it a name.")
    client = _azure(ctx)
    try:
        client.call(ctx, lambda t: client.container.get_blob_client(s.sentinel).get_blob_properties(**t))
    except AzureCallFailed as exc:
        if exc.failure.status == 404:
            return failed(f"the sentinel blob {s.sentinel} does not exist in {s.container}: score-client aborts every "
                          "command at 'Validating repository connection'.", upload_sentinel_command(s))
        return _failure_outcome(exc.failure, f"reading the blob {s.sentinel}")
    url = sas_url(ctx, s.sentinel, s.policy_download)
    try:
        with httpx.Client(follow_redirects=False, trust_env=False) as http:
            response = net.with_retry(lambda left: http.get(url, timeout=left / 2), ctx.timeout,
                                      lambda exc: isinstance(exc, httpx.ConnectError))
    except httpx.HTTPError as exc:
        return unreachable(net.describe(exc, client.where, ctx.timeout), "the SAS GET Score's ping hands out: ")
    if response.status_code == 200:
        return passed(f"the blob {s.sentinel} in {s.container} answers 200 through a SAS signed as Score signs it "
                      f"(si={s.policy_download}).")
    code = _xml_code(response.text)
    return failed(f"the blob {s.sentinel} exists, but the SAS signed as Score signs it (si={s.policy_download}) answers "
                  f"HTTP {response.status_code}{f' ({code})' if code else ''}: score-client aborts every command.")


def _xml_code(text: str) -> str:
    try:
        found = ET.fromstring(text).find("Code")
    except ET.ParseError:
        return ""
    return (found.text or "") if found is not None else ""


CHECKS: dict[str, CheckFn] = {
    "account-key": check_account_key,
    "container": check_container,
    "policy-upload": check_policy_upload,
    "policy-download": check_policy_download,
    "sentinel": check_sentinel,
}


# ---------------------------------------------------------------------------------------------- bootstrap


def container_missing(ctx: Context) -> bool:
    client = _azure(ctx)
    try:
        client.call(ctx, lambda t: client.container.get_container_properties(**t))
    except AzureCallFailed as exc:
        return exc.failure.status == 404
    return False


def missing_policies(ctx: Context) -> list[tuple[str, str]]:
    """(name, permission) of the two policies Score names that the container lacks."""
    s = ctx.settings
    have = policies(ctx)
    wanted = [(s.policy_upload, "w"), (s.policy_download, "r")]
    return [(name, letter) for name, letter in dict.fromkeys(wanted) if name not in have]


def sentinel_missing(ctx: Context) -> bool:
    client = _azure(ctx)
    try:
        client.call(ctx, lambda t: client.container.get_blob_client(ctx.settings.sentinel).get_blob_properties(**t))
    except AzureCallFailed as exc:
        return exc.failure.status == 404
    return False


def create_container(ctx: Context) -> None:
    client = _azure(ctx)
    client.call(ctx, lambda t: client.container.create_container(**t))


def add_policy(ctx: Context, name: str, permission: str) -> None:
    """Add one stored access policy, keeping the container's others and its public access level."""
    client = _azure(ctx)
    acl = client.call(ctx, lambda t: client.container.get_container_access_policy(**t))
    current = {i.id: i.access_policy for i in acl.get("signed_identifiers") or []}
    if len(current) >= 5 and name not in current:
        raise AzureCallFailed(Failure(detail="the container already has the 5 stored access policies Azure allows"))
    current[name] = AccessPolicy(permission=permission)
    public = acl.get("public_access")
    client.call(ctx, lambda t: client.container.set_container_access_policy(
        signed_identifiers=current, public_access=public, **t))
    ctx.cache.pop("azure-acl", None)


def upload_sentinel(ctx: Context) -> None:
    client = _azure(ctx)
    s = ctx.settings
    client.call(ctx, lambda t: client.container.get_blob_client(s.sentinel).upload_blob(b"", overwrite=False, **t))

