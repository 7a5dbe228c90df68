"""The S3 checks, made the way Score's AWS SDK (Java v1) talks to the server.

Path-style addressing always; SigV4 when ``S3_SIGV4ENABLED`` is true or an encryption key id is set,
the legacy SigV2 otherwise; the signing region derived from the endpoint's host name. botocore is
imported here, and this module is imported only when preflight runs.
"""

from __future__ import annotations

import shlex
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import botocore.session  # type: ignore[import-untyped]
import httpx
from botocore.config import Config  # type: ignore[import-untyped]
from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError  # type: ignore[import-untyped]

from score_lint.preflight import net
from score_lint.preflight.context import (
    CheckFn,
    Context,
    Outcome,
    errored,
    failed,
    passed,
    skipped,
    unreachable,
)
from score_lint.preflight.settings import StorageSettings, Value

SIGV4_MAX_SECONDS = 604_800
PING_SECONDS = 300  # Score's /download/ping URL lives five minutes
_MISSING_BUCKET = ("NoSuchBucket",)
_MISSING_KEY = ("NoSuchKey", "NotFound", "404")
_REDIRECTS = ("PermanentRedirect", "TemporaryRedirect", "Redirect", "301", "302", "307")
_RETRY_CODES = ("SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "ServiceUnavailable", "InternalError")


@dataclass(frozen=True)
class Answer:
    """One S3 call's outcome: the parsed response, or an error code with the HTTP status, or no answer."""

    data: Mapping[str, Any] | None = None
    code: str = ""
    status: int = 0
    message: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    net_error: net.NetError | None = None

    @property
    def ok(self) -> bool:
        return self.data is not None


class _Retry(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.code)
        self.answer = answer


class S3:
    """A botocore client configured as Score configures its S3 client, one per time budget."""

    def __init__(self, settings: StorageSettings) -> None:
        self.settings = settings
        self._session = botocore.session.Session()
        self._clients: dict[float, Any] = {}

    def client(self, seconds: float) -> Any:
        key = round(max(seconds, 0.1), 1)
        found = self._clients.get(key)
        if found is None:
            s = self.settings
            config = Config(
                signature_version="s3v4" if s.sigv4 else "s3",
                s3={"addressing_style": "path"},
                region_name=s.signing_region,
                # The budget covers connecting and reading together; preflight retries itself, once.
                connect_timeout=key / 2,
                read_timeout=key / 2,
                retries={"total_max_attempts": 1},
                # Score's SDK sends no checksums of the newer kinds; some S3 servers refuse them.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                user_agent_extra="score-lint-preflight",
            )
            found = self._session.create_client(
                "s3",
                endpoint_url=s.endpoint_url,
                aws_access_key_id=s.access_key.text if s.access_key else "",
                aws_secret_access_key=s.secret_key.text if s.secret_key else "",
                config=config,
            )
            self._clients[key] = found
        return found

    def call(self, ctx: Context, operation: str, **params: Any) -> Answer:
        """``operation`` (botocore's snake_case name) within the budget, retried once after a quick failure."""
        key = (operation, tuple(sorted(params.items())))
        cached = ctx.cache.get(key)
        if isinstance(cached, Answer):
            return cached
        where = self.settings.endpoint_url

        def attempt(seconds: float) -> Answer:
            try:
                response = getattr(self.client(seconds), operation)(**params)
            except ClientError as exc:
                answer = _client_error(exc)
                if answer.status >= 500 or answer.code in _RETRY_CODES:
                    raise _Retry(answer) from None
                return answer
            except ParamValidationError as exc:
                return Answer(code="InvalidParameter", message=str(exc).split("\n")[0])
            except (BotoCoreError, OSError) as exc:
                error = net.describe(exc, where, ctx.timeout)
                if error.transient:
                    raise _Retry(Answer(net_error=error)) from None
                return Answer(net_error=error)
            return Answer(data=response, headers=dict(response.get("ResponseMetadata", {}).get("HTTPHeaders", {})))

        try:
            answer = net.with_retry(attempt, ctx.timeout, lambda exc: isinstance(exc, _Retry))
        except _Retry as exc:
            answer = exc.answer
        ctx.cache[key] = answer
        return answer

    def presign(self, bucket: str, key: str, seconds: int) -> str:
        url: str = self.client(10).generate_presigned_url(
            "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=seconds
        )
        return url


def _client_error(exc: ClientError) -> Answer:
    error = exc.response.get("Error", {})
    meta = exc.response.get("ResponseMetadata", {})
    status = int(meta.get("HTTPStatusCode") or 0)
    code = str(error.get("Code") or status or "")
    return Answer(
        code=code,
        status=status,
        message=str(error.get("Message") or ""),
        headers=dict(meta.get("HTTPHeaders", {})),
        data=None,
    )


def _s3(ctx: Context) -> S3:
    found = ctx.cache.get("s3")
    if not isinstance(found, S3):
        found = S3(ctx.settings)
        ctx.cache["s3"] = found
    return found


# ---------------------------------------------------------------------------------------------- words


def _value_hints(name: str, value: Value | None) -> str:
    """Why a credential the server refused may not be what the author meant."""
    if value is None:
        return ""
    hints = []
    if value.quoted:
        hints.append(f"{value.source or name} is wrapped in quotes, and docker run passes them on as part of the value")
    elif value.text != value.text.strip():
        hints.append(f"{value.source or name} has blanks around it, which docker run keeps")
    return (" " + "; ".join(hints) + ".") if hints else ""


def _is_aws(settings: StorageSettings) -> bool:
    host = settings.host
    return host.endswith(".amazonaws.com") or host.endswith(".amazonaws.com.cn")


def _aws_cli(settings: StorageSettings, *words: str) -> str:
    parts = ["aws", "s3api", *words]
    if not _is_aws(settings):
        parts += ["--endpoint-url", settings.endpoint_url]
    return " ".join(shlex.quote(p) for p in parts)


def create_bucket_command(settings: StorageSettings, bucket: str) -> str:
    words = ["create-bucket", "--bucket", bucket]
    region = settings.signing_region
    if _is_aws(settings) and region != "us-east-1":
        words += ["--create-bucket-configuration", f"LocationConstraint={region}"]
    return _aws_cli(settings, *words)


def put_sentinel_command(settings: StorageSettings) -> str:
    return _aws_cli(settings, "put-object", "--bucket", settings.object_bucket, "--key", settings.sentinel_key,
                    "--body", "/dev/null")


def _signing_words(settings: StorageSettings) -> str:
    if settings.sigv4_enabled:
        scheme = "SigV4 (S3_SIGV4ENABLED is true)"
    elif settings.encryption_key_id:
        scheme = "SigV4 (S3_SIGV4ENABLED is false, but S3_MASTERENCRYPTIONKEYID is set, which turns SigV4 on)"
    else:
        scheme = "legacy SigV2 (S3_SIGV4ENABLED is false)"
    region = f", region {settings.signing_region} (from the host name {settings.host})" if settings.sigv4 else ""
    return f"{scheme}{region}, path-style addressing"


def _error_words(answer: Answer) -> str:
    if answer.net_error is not None:
        return answer.net_error.message
    shown = f"{answer.code}" + (f" (HTTP {answer.status})" if answer.status and str(answer.status) != answer.code else "")
    return f"{shown}: {answer.message}" if answer.message else shown


def _answer_outcome(answer: Answer, what: str) -> Outcome:
    """The outcome of an unexpected answer: a redirect, no answer, or an error code."""
    if answer.net_error is not None:
        return unreachable(answer.net_error, f"{what}: ")
    if answer.code in _REDIRECTS or 300 <= answer.status < 400:
        where = answer.headers.get("location") or answer.headers.get("x-amz-bucket-region") or ""
        hint = f" ({where})" if where else ""
        return failed(f"{what}: the server redirects{hint}; Score does not follow redirects: point S3_ENDPOINT at the "
                      "server (and region) that holds the bucket.")
    if answer.code in ("AccessDenied", "AllAccessDisabled", "403"):
        return failed(f"{what}: access denied ({_error_words(answer)}).")
    if answer.status >= 500:
        return errored(f"{what}: the server answered {_error_words(answer)}.")
    return errored(f"{what}: unexpected answer {_error_words(answer)}.")


# ---------------------------------------------------------------------------------------------- checks


def check_endpoint(ctx: Context) -> Outcome:
    s = ctx.settings
    if not s.endpoint_text.strip():
        return failed("S3_ENDPOINT is empty: Score's S3 client has nowhere to go.", "Set S3_ENDPOINT to the storage URL, e.g. http://minio:9000.")
    url = s.endpoint_url
    origin = ""
    if s.endpoint is not None and not s.endpoint.explicit:
        origin = f" (S3_ENDPOINT is not set: Score uses its default {s.endpoint_text})"
    if s.scheme_from_secured:
        origin += f" (no scheme in S3_ENDPOINT: {url.split('://')[0]} from S3_SECURED={'true' if s.secured else 'false'})"
    if not s.host:
        return failed(f"{url}{origin} has no host name Score could connect to.")
    try:
        reached = net.with_retry(lambda left: net.connect(url, left), ctx.timeout,
                                 lambda exc: isinstance(exc, net.Unreachable) and exc.error.transient)
    except net.Unreachable as exc:
        return unreachable(exc.error, f"{url}{origin}: ")
    try:
        with httpx.Client(timeout=ctx.timeout / 2, follow_redirects=False, trust_env=False) as client:
            response = net.with_retry(lambda left: client.get(url, timeout=left / 2), ctx.timeout,
                                      lambda exc: isinstance(exc, (httpx.ConnectError, httpx.RemoteProtocolError)))
    except httpx.HTTPError as exc:
        return unreachable(net.describe(exc, url, ctx.timeout), f"{url}{origin}: ")
    tls = f", {reached.tls}" if reached.tls else ""
    addresses = ", ".join(reached.addresses[:3])
    if response.is_redirect:
        location = response.headers.get("location", "")
        return failed(f"{url}{origin} redirects (HTTP {response.status_code}) to {location or 'another URL'}: Score's S3 "
                      "client does not follow redirects.", "Set S3_ENDPOINT to the URL the server redirects to.")
    return passed(f"{url}{origin} answers HTTP {response.status_code} (resolves to {addresses}{tls}).")


def check_signature(ctx: Context) -> Outcome:
    s = ctx.settings
    blocked = ctx.blocked("endpoint")
    if blocked:
        return blocked
    if s.access_key is None or s.secret_key is None:
        return skipped(f"not run: there are no keys to sign with; Score would sign with {_signing_words(s)}.")
    answer = _s3(ctx).call(ctx, "list_buckets")
    words = _signing_words(s)
    if answer.ok or answer.code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
                                    "RequestTimeTooSkewed", "InvalidToken", "AllAccessDisabled"):
        return passed(f"the server understands requests signed as Score signs them: {words}.")
    if answer.code == "AuthorizationHeaderMalformed" or ("region" in answer.message.lower() and answer.status == 400):
        return failed(f"the server refuses Score's signing region: {_error_words(answer)}. Score signs with {words}; "
                      "it derives the region from the host name and has no setting for it.",
                      "Use an endpoint whose host name names the region (s3.REGION.amazonaws.com), or configure the "
                      "server's region as us-east-1.")
    if not s.sigv4 and (answer.status >= 500 or answer.code in ("InvalidRequest", "InvalidArgument", "NotImplemented")):
        return failed(f"the server does not accept legacy SigV2, which Score uses with S3_SIGV4ENABLED=false: it "
                      f"answered {_error_words(answer)}.", "Set S3_SIGV4ENABLED=true.")
    return _answer_outcome(answer, "a signed request")


def check_credentials(ctx: Context) -> Outcome:
    s = ctx.settings
    if s.access_key is None or s.secret_key is None or not s.access_key.text or not s.secret_key.text:
        missing = " and ".join(n for n, v in (("S3_ACCESSKEY", s.access_key), ("S3_SECRETKEY", s.secret_key)) if v is None or not v.text)
        return failed(f"{missing} not set: Score then reads ~/.aws/credentials inside its container (and nothing else "
                      "of the AWS credential chain), which preflight cannot check.",
                      "Set both S3_ACCESSKEY and S3_SECRETKEY.")
    blocked = ctx.blocked("signature")
    if blocked:
        return blocked
    answer = _s3(ctx).call(ctx, "list_buckets")
    if answer.ok:
        return passed("the server accepts the access key and secret (a signed request listing the buckets succeeded).")
    code = answer.code
    if code == "InvalidAccessKeyId":
        return failed("unknown access key: the server has no access key like the one in "
                      f"{s.access_key.source or 'S3_ACCESSKEY'}.{_value_hints('S3_ACCESSKEY', s.access_key)}",
                      "Copy the access key again (without quotes) from the storage's user or service account.")
    if code == "SignatureDoesNotMatch":
        region = f" (or the server expects another region than {s.signing_region}, the one Score signs for)" if s.sigv4 else ""
        return failed("wrong secret: the server knows the access key, but the signature made with "
                      f"{s.secret_key.source or 'S3_SECRETKEY'} does not match{region}."
                      f"{_value_hints('S3_SECRETKEY', s.secret_key)}",
                      "Copy the secret key again (without quotes) for this access key.")
    if code == "RequestTimeTooSkewed":
        return failed(f"clock skew: the server refuses the request time{_skew(answer)}; S3 allows 15 minutes.",
                      "Synchronise this machine's and the Score host's clocks (NTP).")
    if code in ("AccessDenied", "AllAccessDisabled"):
        # The key may be allowed the buckets but not the account-wide listing: try what Score needs.
        probe = _s3(ctx).call(ctx, "list_objects_v2", Bucket=s.object_bucket, MaxKeys=1)
        if probe.ok or probe.code in _MISSING_BUCKET:
            return passed("the server accepts the access key and secret (listing all buckets is denied, which Score "
                          "does not need).")
        return failed(f"access denied: the key and secret are valid, but the key may not list {s.object_bucket} "
                      f"({_error_words(probe)}).",
                      "Allow the key s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject and the multipart "
                      "actions on Score's buckets.")
    return _answer_outcome(answer, "a signed request")


def _skew(answer: Answer) -> str:
    date = answer.headers.get("date")
    if not date:
        return ""
    try:
        server = parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError):
        return ""
    minutes = (time.time() - server) / 60
    return f" (this machine is {abs(minutes):.0f} min {'ahead of' if minutes > 0 else 'behind'} the server)"


def check_presign_expiry(ctx: Context) -> Outcome:
    s = ctx.settings
    problems, shown = [], []
    for kind, name, days in (("upload", s.upload_expiration_name, s.upload_expiration_days),
                             ("download", s.download_expiration_name, s.download_expiration_days)):
        if days is None:
            continue
        seconds = days * 86_400
        shown.append(f"{kind} {days} d ({seconds} s)")
        if days <= 0:
            problems.append(f"{name}={days}: every {kind} URL is born expired")
        elif s.sigv4 and seconds > SIGV4_MAX_SECONDS:
            problems.append(f"{name}={days}: {seconds} s is more than the {SIGV4_MAX_SECONDS} s (7 days) a SigV4 URL may "
                            f"live; Score's SDK refuses to sign every {kind} URL")
    if problems:
        return failed("; ".join(problems) + ".", "Set the expirations to 1 to 7 days.")
    limit = "within SigV4's 7 days" if s.sigv4 else "SigV2 sets no limit"
    return passed(f"{', '.join(shown)}: {limit}.")


def _bucket_check(ctx: Context, buckets: tuple[str, ...], setting: str) -> Outcome:
    s = ctx.settings
    blocked = ctx.blocked("credentials")
    if blocked:
        return blocked
    if not buckets[0]:
        return failed(f"{setting} is empty.", f"Set {setting}.")
    if s.pool_size > 0 and not 0 < s.key_size < 8:
        return failed(f"BUCKET_SIZE_POOL={s.pool_size} needs BUCKET_SIZE_KEY from 1 to 7 (it is {s.key_size}): Score "
                      "cannot compute the pool bucket of an object.", "Set BUCKET_SIZE_KEY=2.")
    client = _s3(ctx)
    missing, denied = [], []
    for bucket in buckets:
        answer = client.call(ctx, "list_objects_v2", Bucket=bucket, MaxKeys=1)
        if answer.ok:
            continue
        if answer.code in _MISSING_BUCKET:
            missing.append(bucket)
        elif answer.code in ("AccessDenied", "AllAccessDisabled"):
            denied.append(bucket)
        else:
            return _answer_outcome(answer, f"listing {bucket}")
    pool = f" (base bucket and pool {buckets[1]} … {buckets[-1]})" if len(buckets) > 1 else ""
    if missing:
        names = ", ".join(missing)
        return failed(f"{'bucket' if len(missing) == 1 else 'buckets'} {names} of {setting}{pool} "
                      f"{'does' if len(missing) == 1 else 'do'} not exist.",
                      "\n".join(create_bucket_command(s, b) for b in missing))
    if denied:
        return failed(f"the key may not list {', '.join(denied)} ({setting}).",
                      "Allow the key s3:ListBucket on the bucket.")
    count = f"{len(buckets)} buckets" if len(buckets) > 1 else f"bucket {buckets[0]}"
    return passed(f"{count} of {setting}{pool} can be listed.")


def check_bucket_object(ctx: Context) -> Outcome:
    return _bucket_check(ctx, ctx.settings.object_buckets, "BUCKET_NAME_OBJECT")


def check_bucket_state(ctx: Context) -> Outcome:
    s = ctx.settings
    outcome = _bucket_check(ctx, s.state_buckets, "BUCKET_NAME_STATE")
    if s.state_bucket == s.object_bucket and outcome.status.value == "pass":
        return passed(outcome.message.rstrip(".") + "; it is also the object bucket, so upload state lives beside the "
                      "data and a bucket-wide lifecycle rule reaches both.")
    return outcome


def sentinel_url(ctx: Context) -> tuple[str, str]:
    """The URL Score's ping hands out, and a note on the override (empty when nothing to say)."""
    s = ctx.settings
    url = _s3(ctx).presign(s.object_bucket, s.sentinel_key, PING_SECONDS)
    if not s.override_host:
        return url, ""
    if s.endpoint_text and s.endpoint_text in url:
        # Score: url.replace(s3Endpoint, preSignedUrlHostOverride), a literal text replacement.
        return url.replace(s.endpoint_text, s.override_host), f" through S3_PRESIGNEDURL_OVERRIDE_HOST ({s.override_host})"
    return url, (f"; S3_PRESIGNEDURL_OVERRIDE_HOST is not applied: Score's URLs do not contain S3_ENDPOINT's text "
                 f"{s.endpoint_text!r} verbatim")


def check_sentinel(ctx: Context) -> Outcome:
    s = ctx.settings
    blocked = ctx.blocked("bucket-object")
    if blocked:
        return blocked
    if not s.sentinel:
        return failed("OBJECT_SENTINEL is empty: Score's /download/ping throws and every score-client command aborts at "
                      "'Validating repository connection'.", "Remove OBJECT_SENTINEL (default heliograph) or give it a name.")
    head = _s3(ctx).call(ctx, "head_object", Bucket=s.object_bucket, Key=s.sentinel_key)
    if not head.ok:
        if head.code in _MISSING_KEY or head.status == 404:
            return failed(f"the sentinel object {s.sentinel_key} does not exist in {s.object_bucket}: score-client aborts "
                          "every command at 'Validating repository connection'.", put_sentinel_command(s))
        return _answer_outcome(head, f"reading {s.sentinel_key}")
    url, note = sentinel_url(ctx)
    try:
        with httpx.Client(follow_redirects=False, trust_env=False) as client:
            response = net.with_retry(lambda left: client.get(url, timeout=left / 2), ctx.timeout,
                                      lambda exc: isinstance(exc, httpx.ConnectError))
    except httpx.HTTPError as exc:
        host = httpx.URL(url).host
        return unreachable(net.describe(exc, host, ctx.timeout), f"the presigned GET Score's ping hands out{note}: ")
    if response.status_code == 200:
        return passed(f"{s.sentinel_key} exists in {s.object_bucket}, and a presigned GET made like Score's ping{note} "
                      "answers 200.")
    code = _xml_code(response.text)
    return failed(f"{s.sentinel_key} exists, but the presigned GET made like Score's ping{note} answers HTTP "
                  f"{response.status_code}{f' ({code})' if code else ''}: score-client aborts every command.",
                  "Check S3_PRESIGNEDURL_OVERRIDE_HOST and the proxy in front of the storage (SigV4 signs the Host "
                  "header: the proxy must pass the original one on)." if s.override_host else None)


def _xml_code(text: str) -> str:
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return ""
    found = root.find("Code")
    return found.text or "" if found is not None else ""


def check_write_state(ctx: Context) -> Outcome:
    s = ctx.settings
    if not ctx.write_probes:
        return skipped("not run: writes only with --write-probes.")
    blocked = ctx.blocked("bucket-state")
    if blocked:
        return blocked
    key = f"{s.upload_directory}/score-lint-preflight-{uuid.uuid4().hex}.probe"
    client = _s3(ctx)
    put = client.call(ctx, "put_object", Bucket=s.state_bucket, Key=key, Body=b"score-lint preflight probe\n")
    if not put.ok:
        return _answer_outcome(put, f"writing {key} to {s.state_bucket}")
    gone = client.call(ctx, "delete_object", Bucket=s.state_bucket, Key=key)
    if not gone.ok:
        return _answer_outcome(gone, f"{key} was written to {s.state_bucket}, but deleting it")
    return passed(f"a probe object under {s.upload_directory}/ of {s.state_bucket} was written and deleted.")


def check_write_object(ctx: Context) -> Outcome:
    s = ctx.settings
    if not ctx.write_probes:
        return skipped("not run: writes only with --write-probes.")
    blocked = ctx.blocked("bucket-object")
    if blocked:
        return blocked
    key = f"{s.data_directory}/score-lint-preflight-{uuid.uuid4().hex}"
    params: dict[str, Any] = {"Bucket": s.object_bucket, "Key": key}
    if s.encryption_key_id:
        params.update(ServerSideEncryption="aws:kms", SSEKMSKeyId=s.encryption_key_id)
    client = _s3(ctx)
    started = client.call(ctx, "create_multipart_upload", **params)
    sse = " with SSE-KMS (S3_MASTERENCRYPTIONKEYID)" if s.encryption_key_id else ""
    if not started.ok or started.data is None:
        return _answer_outcome(started, f"starting a multipart upload{sse} in {s.object_bucket}")
    upload_id = str(started.data.get("UploadId", ""))
    aborted = client.call(ctx, "abort_multipart_upload", Bucket=s.object_bucket, Key=key, UploadId=upload_id)
    if not aborted.ok:
        return _answer_outcome(aborted, f"a multipart upload was started in {s.object_bucket}, but aborting it")
    return passed(f"a multipart upload{sse} under {s.data_directory}/ of {s.object_bucket} was started and aborted.")


CHECKS: dict[str, CheckFn] = {
    "endpoint": check_endpoint,
    "signature": check_signature,
    "credentials": check_credentials,
    "presign-expiry": check_presign_expiry,
    "bucket-object": check_bucket_object,
    "bucket-state": check_bucket_state,
    "sentinel": check_sentinel,
    "write-state": check_write_state,
    "write-object": check_write_object,
}


# ---------------------------------------------------------------------------------------------- bootstrap


def missing_buckets(ctx: Context) -> list[str]:
    s = ctx.settings
    found = []
    for bucket in dict.fromkeys((*s.object_buckets, *s.state_buckets)):
        if bucket and _s3(ctx).call(ctx, "list_objects_v2", Bucket=bucket, MaxKeys=1).code in _MISSING_BUCKET:
            found.append(bucket)
    return found


def sentinel_missing(ctx: Context) -> bool:
    s = ctx.settings
    head = _s3(ctx).call(ctx, "head_object", Bucket=s.object_bucket, Key=s.sentinel_key)
    return not head.ok and (head.code in _MISSING_KEY or head.status == 404)


def create_bucket(ctx: Context, bucket: str) -> Answer:
    s = ctx.settings
    params: dict[str, Any] = {"Bucket": bucket}
    if _is_aws(s) and s.signing_region != "us-east-1":
        params["CreateBucketConfiguration"] = {"LocationConstraint": s.signing_region}
    return _s3(ctx).call(ctx, "create_bucket", **params)


def put_sentinel(ctx: Context) -> Answer:
    s = ctx.settings
    return _s3(ctx).call(ctx, "put_object", Bucket=s.object_bucket, Key=s.sentinel_key, Body=b"")


def describe_answer(answer: Answer) -> str:
    return "done" if answer.ok else _error_words(answer)
