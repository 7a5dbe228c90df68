"""The live checks as data: one registry (id, provider, title, what it verifies, what to do), and the
value types of their results. Imports nothing that talks to the network.

Ids are permanent: reports, scripts and the documentation page refer to them. The registry's order is
the order checks run and are reported in; a check listed after another may depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"  # the storage or service is not as Score needs it
    SKIP = "skip"  # not run: it does not apply, or an earlier check it needs did not pass
    ERROR = "error"  # could not tell: no answer in time, or an answer preflight does not understand


@dataclass(frozen=True)
class Check:
    """The result of one check. ``message`` and ``remedy`` are already masked."""

    id: str
    status: Status
    message: str
    duration_ms: int = 0
    remedy: str | None = None

    @property
    def failed(self) -> bool:
        return self.status in (Status.FAIL, Status.ERROR)


@dataclass(frozen=True)
class CheckSpec:
    id: str
    provider: str  # "s3", "azure", or "any"
    title: str
    verifies: str
    remedy: str
    write_probe: bool = False


@dataclass(frozen=True)
class Report:
    file: str
    line: str
    provider: str
    checks: tuple[Check, ...]

    @property
    def failed(self) -> bool:
        return any(c.failed for c in self.checks)

    def get(self, check_id: str) -> Check | None:
        return next((c for c in self.checks if c.id == check_id), None)


# Lint codes whose error findings mean Score will not start (or docker/compose will not even read the
# file); with one of them preflight refuses to run unless --force is given. SL201/SL202/SL203 only
# count for settings Spring converts while it starts (booleans, numbers, log levels): a quoted URL or
# key is something the live checks show better.
BLOCKING_CODES: tuple[str, ...] = (
    "SL201",  # invalid-value (converted at start-up)
    "SL202",  # quoted-value (converted at start-up)
    "SL203",  # inline-comment (converted at start-up)
    "SL211",  # invalid-cron: the clean-up job's cron is parsed at start-up
    "SL301", "SL302", "SL303", "SL304", "SL305", "SL306", "SL307", "SL308", "SL310", "SL311", "SL312",
    "SL501",  # storage-profile: no storage profile, Score refuses to start
    "SL504",  # jwt-key-source: the JWT key is read at start-up
)
STARTUP_TYPES: frozenset[str] = frozenset({"boolean", "int", "long", "double", "log-level"})
VALUE_CODES: frozenset[str] = frozenset({"SL201", "SL202", "SL203"})


CHECKS: tuple[CheckSpec, ...] = (
    CheckSpec(
        "lint", "any", "Score can start with this file",
        "The file is linted first, exactly as `score-lint` does. An error that stops Score from starting "
        "(no storage profile, a boolean or number Spring cannot convert, a file docker refuses, a missing "
        "JWT key source, …) stops preflight too: checking storage Score will never reach tells you nothing.",
        "Fix what `score-lint FILE` reports, or run with `--force` to check the storage anyway.",
    ),
    # S3-compatible storage
    CheckSpec(
        "endpoint", "s3", "The S3 endpoint answers",
        "Builds the URL Score's S3 client uses: `S3_ENDPOINT` as given, or with `https://` or `http://` in "
        "front when it has no scheme (from `S3_SECURED`, true unless the `dev` or `benchmark` profile is "
        "active). Then "
        "resolves the host name, opens a TCP connection, completes the TLS handshake for `https`, and checks "
        "that the server answers HTTP without redirecting.",
        "Give `S3_ENDPOINT` with its scheme (`http://minio:9000`); check the host name, the port, and that "
        "the certificate is trusted. A redirect means the URL is not the one the server wants: use the one "
        "it redirects to.",
    ),
    CheckSpec(
        "signature", "s3", "The server accepts Score's way of signing",
        "Score's AWS SDK signs with SigV4 when `S3_SIGV4ENABLED` is true or `S3_MASTERENCRYPTIONKEYID` is "
        "set, and with the legacy SigV2 otherwise; it always uses path-style addressing, and signs for the "
        "region it derives from the endpoint's host name (`s3.eu-west-1.amazonaws.com` gives `eu-west-1`, "
        "`s3.example.org` gives `example`, anything else `us-east-1`). One request signed exactly so tells "
        "whether the server understands it.",
        "Set `S3_SIGV4ENABLED=true` for a server that accepts only SigV4. When the region is wrong, use an "
        "endpoint host name that names the bucket's region.",
    ),
    CheckSpec(
        "credentials", "s3", "The access key and secret are accepted",
        "Sends a signed request with `S3_ACCESSKEY` and `S3_SECRETKEY` and tells apart an unknown access "
        "key, a wrong secret, a key that is valid but denied, and a clock too far from the server's. Without "
        "both keys Score reads `~/.aws/credentials` inside its container, which preflight cannot see.",
        "Copy the keys again without quotes (`docker run --env-file` keeps them), check the key's policy "
        "allows listing the buckets, and synchronise the clock (NTP) when the server reports a skew.",
    ),
    CheckSpec(
        "presign-expiry", "s3", "Presigned URLs can be signed for the configured time",
        "Score signs upload URLs for the upload expiration and download URLs for the download expiration, "
        "both in days (`COLLABORATORY_UPLOAD_EXPIRATION`/`COLLABORATORY_DOWNLOAD_EXPIRATION` up to 5.11, "
        "`S3_UPLOAD_EXPIRATION`/`S3_DOWNLOAD_EXPIRATION` on develop). A SigV4 URL is valid for at most "
        "7 days (604800 s); 0 or less makes every URL born expired.",
        "Set the expirations to a whole number of days from 1 to 7 when SigV4 is in use.",
    ),
    CheckSpec(
        "bucket-object", "s3", "The object bucket exists and can be listed",
        "Lists `BUCKET_NAME_OBJECT` (one key). With `BUCKET_SIZE_POOL` > 0 Score spreads objects over "
        "`<name>.0` … `<name>.N-1` besides the base bucket, so each of those is listed too.",
        "Create the bucket: `aws s3api create-bucket --bucket NAME --endpoint-url URL` (MinIO: "
        "`mc mb ALIAS/NAME`), or let `score-lint preflight --bootstrap` do it.",
    ),
    CheckSpec(
        "bucket-state", "s3", "The state bucket exists and can be listed",
        "Lists `BUCKET_NAME_STATE` (and its pool buckets), where Score keeps the state of uploads in "
        "progress and the `.meta` file of every object.",
        "Create the bucket as for the object bucket, or let `--bootstrap` do it.",
    ),
    CheckSpec(
        "sentinel", "s3", "The sentinel object answers a presigned GET",
        "`score-client` starts every command by asking Score's `/download/ping`, which hands out a 5-minute "
        "presigned GET for `<data directory>/<OBJECT_SENTINEL>` (`data/heliograph` by default) in the "
        "object bucket; the client aborts when that GET fails. Checks that the object exists, then signs "
        "the same URL as Score, applies `S3_PRESIGNEDURL_OVERRIDE_HOST` as Score does (a literal text "
        "replacement of `S3_ENDPOINT` in the URL) and expects 200.",
        "Upload the sentinel: `aws s3api put-object --bucket NAME --key data/heliograph --body FILE "
        "--endpoint-url URL`, or let `--bootstrap` do it. When only the presigned GET fails, fix "
        "`S3_PRESIGNEDURL_OVERRIDE_HOST` (it must start with the scheme, and `S3_ENDPOINT` must appear "
        "verbatim in Score's URLs) or the proxy in front of the storage.",
    ),
    CheckSpec(
        "write-state", "s3", "Score can write upload state",
        "With `--write-probes` only: puts a small probe object under the upload directory (`upload/`) of "
        "the state bucket and deletes it again, as Score writes its part and `.meta` state objects.",
        "Grant the key `s3:PutObject` and `s3:DeleteObject` on the state bucket.",
        write_probe=True,
    ),
    CheckSpec(
        "write-object", "s3", "Score can start a multipart upload",
        "With `--write-probes` only: starts a multipart upload under the data directory of the object "
        "bucket and aborts it, with the SSE-KMS headers Score sends when `S3_MASTERENCRYPTIONKEYID` is set.",
        "Grant the key `s3:PutObject` and `s3:AbortMultipartUpload` on the object bucket; with an "
        "encryption key id, check that the key exists and the server supports SSE-KMS, or unset it.",
        write_probe=True,
    ),
    # Azure Blob storage
    CheckSpec(
        "account-key", "azure", "The account key is valid and accepted",
        "Score builds the connection string `DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…` from "
        "`AZURE_ENDPOINTPROTOCOL`, `AZURE_ACCOUNTNAME` and `AZURE_ACCOUNTKEY` (anything after the key, "
        "such as `;BlobEndpoint=…`, is honoured). The key must be valid Base64, or Score does not start; "
        "then one signed request tells whether the account accepts it.",
        "Copy the key again from the storage account's access keys, without quotes.",
    ),
    CheckSpec(
        "container", "azure", "The container exists",
        "Score refuses to start when the container named by `BUCKET_NAME_OBJECT` (or `AZURE_CONTAINERNAME`) "
        "does not exist.",
        "Create it: `az storage container create --name NAME --account-name ACCOUNT`, or let `--bootstrap` "
        "do it.",
    ),
    CheckSpec(
        "policy-upload", "azure", "The upload access policy exists and grants write",
        "Score signs upload URLs with `si=<BUCKET_POLICY_UPLOAD>` and no permissions of their own, so the "
        "stored access policy of that name must exist on the container, grant write (`w`), and set no start "
        "or expiry (Azure rejects a field given both in the policy and in the URL).",
        "Create it: `az storage container policy create --container-name NAME --name UploadPolicy "
        "--permissions w --account-name ACCOUNT`, or let `--bootstrap` do it.",
    ),
    CheckSpec(
        "policy-download", "azure", "The download access policy exists and grants read",
        "As for uploads, with `BUCKET_POLICY_DOWNLOAD` and read (`r`).",
        "Create it: `az storage container policy create --container-name NAME --name DownloadPolicy "
        "--permissions r --account-name ACCOUNT`, or let `--bootstrap` do it.",
    ),
    CheckSpec(
        "sentinel", "azure", "The sentinel blob is readable through Score's SAS",
        "`/download/ping` hands out a SAS URL for the blob `<OBJECT_SENTINEL>` at the container's root. "
        "Checks that the blob exists and that a SAS signed as Score signs it (`si=<download policy>`, start "
        "15 minutes in the past, expiry from the download expiration, no permissions) answers 200.",
        "Upload it: `az storage blob upload --container-name NAME --name heliograph --data heliograph "
        "--account-name ACCOUNT`, or let `--bootstrap` do it.",
    ),
    # Services Score calls
    CheckSpec(
        "metadata", "any", "Song answers",
        "When `METADATA_URL` is set: Score asks Song for every object it serves (`<METADATA_URL>/entities/…`); "
        "checks that `<METADATA_URL>/isAlive` answers 200.",
        "Point `METADATA_URL` at Song's base URL as Score's container reaches it (no trailing path).",
    ),
    CheckSpec(
        "auth-server", "any", "The auth server and the JWT key source answer",
        "With the `secure` profile: checks that `AUTH_SERVER_URL` answers HTTP, and that the JWT key "
        "source, when one is set (`SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION`, "
        "`…_JWKSETURI`, `…_ISSUERURI`; `AUTH_JWT_PUBLICKEYURL` on 5.10), can be read.",
        "Point the URLs at the auth server as Score's container reaches it.",
    ),
)


def checks_for(provider: str, write_probes: bool = True) -> tuple[CheckSpec, ...]:
    """The checks of one provider in run order (the shared ones included)."""
    return tuple(
        spec for spec in CHECKS if spec.provider in (provider, "any") and (write_probes or not spec.write_probe)
    )


def check_ids() -> tuple[str, ...]:
    return tuple(dict.fromkeys(spec.id for spec in CHECKS))
