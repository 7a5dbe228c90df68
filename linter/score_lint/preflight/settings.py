"""The handful of values the live checks need, read from the environment Score receives.

``from_effective`` is the one seam between preflight and the rest of score-lint: it reads the effective
configuration (``score_lint.effective``), so spellings, case rules, the names the image's shell drops,
profile precedence per Score line and defaults count exactly as in linting. ``from_environment`` does
the same for a plain mapping of names to values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from score_lint import envfile
from score_lint.binding import Model
from score_lint.effective import Effective
from score_lint.values import java_int, spring_boolean

# The expirations moved from collaboratory.* to s3.* on develop (days, in every line).
_EXPIRATIONS = {
    "5.10": ("COLLABORATORY_UPLOAD_EXPIRATION", "COLLABORATORY_DOWNLOAD_EXPIRATION"),
    "5.11": ("COLLABORATORY_UPLOAD_EXPIRATION", "COLLABORATORY_DOWNLOAD_EXPIRATION"),
    "develop": ("S3_UPLOAD_EXPIRATION", "S3_DOWNLOAD_EXPIRATION"),
}
_DIRECTORIES = {
    "5.10": ("COLLABORATORY_DATA_DIRECTORY", "COLLABORATORY_UPLOAD_DIRECTORY"),
    "5.11": ("COLLABORATORY_DATA_DIRECTORY", "COLLABORATORY_UPLOAD_DIRECTORY"),
    "develop": ("S3_DATA_DIRECTORY", "S3_UPLOAD_DIRECTORY"),
}
# Where Score 5.11+ reads the JWT public key from (first set wins, as Spring Boot decides), and 5.10's.
JWT_SOURCES = (
    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI",
    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI",
    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION",
)
JWT_SOURCE_510 = "AUTH_JWT_PUBLICKEYURL"


@dataclass(frozen=True)
class Value:
    """A setting's value and where it came from: the env name that set it, or ``None`` for a default."""

    text: str
    source: str | None

    @property
    def explicit(self) -> bool:
        return self.source is not None

    @property
    def quoted(self) -> bool:
        """True when the value is wrapped in a matching pair of quotes (``docker run`` keeps them)."""
        t = self.text
        return len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'"


@dataclass(frozen=True)
class StorageSettings:
    """What Score will use to reach its storage and the services it calls, on one line and provider."""

    line: str
    provider: str
    profiles: tuple[str, ...]
    # S3
    endpoint: Value | None = None
    secured: bool = True
    access_key: Value | None = None
    secret_key: Value | None = None
    object_bucket: str = ""
    state_bucket: str = ""
    pool_size: int = 0
    key_size: int = 2
    data_directory: str = "data"
    upload_directory: str = "upload"
    sentinel: str = "heliograph"
    sigv4_enabled: bool = True
    encryption_key_id: str = ""
    override_host: str = ""
    upload_expiration_days: int | None = None
    download_expiration_days: int | None = None
    upload_expiration_name: str = ""
    download_expiration_name: str = ""
    # Azure
    account_name: str = ""
    account_key: Value | None = None
    protocol: str = "https"
    container: str = ""
    policy_upload: str = "UploadPolicy"
    policy_download: str = "DownloadPolicy"
    # Services
    metadata_url: Value | None = None
    auth_server_url: Value | None = None
    jwt_source: tuple[str, Value] | None = None
    # Every value of a secret setting in the file (any spelling), for masking.
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def __repr__(self) -> str:
        # Never show a credential, even in a debugger or a failed assertion.
        return f"StorageSettings(line={self.line!r}, provider={self.provider!r}, profiles={self.profiles!r})"

    @property
    def secure(self) -> bool:
        return "secure" in self.profiles

    @property
    def sigv4(self) -> bool:
        """Score's S3 client signs with SigV4 when enabled or when an encryption key id is set."""
        return self.sigv4_enabled or bool(self.encryption_key_id)

    @property
    def endpoint_text(self) -> str:
        return self.endpoint.text if self.endpoint else ""

    @property
    def endpoint_url(self) -> str:
        """The URL the AWS SDK builds: the endpoint as given, or with the scheme ``S3_SECURED`` picks."""
        text = self.endpoint_text
        if "://" in text:
            return text
        return ("https://" if self.secured else "http://") + text

    @property
    def scheme_from_secured(self) -> bool:
        return "://" not in self.endpoint_text

    @property
    def host(self) -> str:
        try:
            return urlsplit(self.endpoint_url).hostname or ""
        except ValueError:
            return ""

    @property
    def signing_region(self) -> str:
        return signing_region(self.host)

    @property
    def object_buckets(self) -> tuple[str, ...]:
        """The object bucket and, with a pool, ``<name>.0`` … ``<name>.N-1``."""
        return _with_pool(self.object_bucket, self.pool_size)

    @property
    def state_buckets(self) -> tuple[str, ...]:
        return _with_pool(self.state_bucket, self.pool_size)

    @property
    def sentinel_key(self) -> str:
        return f"{self.data_directory}/{self.sentinel}"

    @property
    def azure_connection_string(self) -> str:
        """The connection string exactly as Score builds it (anything after the key is honoured)."""
        key = self.account_key.text if self.account_key else ""
        return f"DefaultEndpointsProtocol={self.protocol};AccountName={self.account_name};AccountKey={key}"


def _with_pool(name: str, pool: int) -> tuple[str, ...]:
    if pool <= 0:
        return (name,)
    # Bounded: a pool of thousands is a typo, and checking each bucket costs a request.
    return (name, *(f"{name}.{i}" for i in range(min(pool, 256))))


_AWS_HOST_REGIONS = (
    (re.compile(r"(.+\.)?s3\.amazonaws\.com"), "us-east-1"),
    (re.compile(r"(.+\.)?s3-external-1\.amazonaws\.com"), "us-east-1"),
    (re.compile(r"(.+\.)?s3-fips-us-gov-west-1\.amazonaws\.com"), "us-gov-west-1"),
)
_S3_FRAGMENT = re.compile(r"^(?:.+\.)?s3[.-]([a-z0-9-]+)$")
_S3_HINT = re.compile(r"^(?:.+\.)?s3[.-]([a-z0-9-]+)\.")


def signing_region(host: str) -> str:
    """The region the AWS SDK for Java v1 signs for, derived from the endpoint's host name.

    Mirrors ``AwsHostNameUtils.parseRegionName(host, "s3")``: the SDK's host-to-region table, then the
    ``*.amazonaws.com`` rules, then ``s3.<region>.`` / ``s3-<region>.`` anywhere in the name, else
    ``us-east-1``. Score offers no setting for the region.
    """
    for regex, region in _AWS_HOST_REGIONS:
        if regex.fullmatch(host):
            return region
    for suffix in (".amazonaws.com", ".amazonaws.com.cn"):
        if host.endswith(suffix):
            fragment = host[: -len(suffix)]
            match = _S3_FRAGMENT.match(fragment)
            if match:
                return match.group(1)
            if "." not in fragment:
                return "us-east-1"
            region = fragment.rsplit(".", 1)[1]
            return "us-gov-west-1" if region == "us-gov" else region
    match = _S3_HINT.search(host)
    if match:
        return match.group(1)
    return "us-east-1"


def from_environment(
    environment: Mapping[str, str], line: str, provider: str, dialect: str = "docker", model: Model | None = None
) -> StorageSettings:
    """The storage settings Score uses, from the final environment of the container (a mapping)."""
    # Each value is handed over verbatim, one line each, as docker run passes it on.
    text = "".join(f"{name}={raw}\n" for name, raw in environment.items() if "\n" not in raw and "\r" not in raw)
    env = envfile.parse(text, "docker")
    return from_effective(Effective(env, model or Model.load(line, provider)), dialect)


def from_effective(eff: Effective, dialect: str = "docker") -> StorageSettings:
    """The storage settings Score uses, read from the effective configuration of the file: spellings,
    case rules, names the shell drops, profile precedence per Score line and defaults count exactly as
    in linting."""
    line, provider, model = eff.line, eff.provider, eff.model
    secrets: list[str] = []
    for entry in eff.env.entries:
        resolution = model.resolve(entry.key)
        setting = model.setting(resolution.canonical) if resolution.canonical else None
        if setting is not None and setting.secret and entry.value:
            secrets.append(entry.value)  # whatever its spelling, it is a credential: never shown
    found: dict[str, Value] = {}
    for setting_value in eff.values():
        if setting_value.source == "env" and setting_value.entry is not None and setting_value.value is not None:
            found[setting_value.env] = Value(setting_value.value, setting_value.entry.key)
    profiles = eff.profiles
    active = eff.active

    def value(name: str) -> Value | None:
        if name in found:
            return found[name]
        got = eff.value(name)
        if got is None or got.value is None:
            return None
        return Value(got.value, None)

    def text(name: str, fallback: str = "") -> str:
        got = value(name)
        return got.text if got is not None else fallback

    def number(name: str, fallback: int | None) -> int | None:
        got = value(name)
        parsed = java_int(got.text) if got is not None else None
        return parsed if parsed is not None else fallback

    def boolean(name: str, fallback: bool) -> bool:
        got = value(name)
        parsed = spring_boolean(got.text) if got is not None else None
        return parsed if parsed is not None else fallback

    upload_name, download_name = _EXPIRATIONS.get(line, _EXPIRATIONS["5.11"])
    data_name, upload_dir_name = _DIRECTORIES.get(line, _DIRECTORIES["5.11"])
    jwt: tuple[str, Value] | None = None
    for name in (*JWT_SOURCES, JWT_SOURCE_510):
        if name in found and (name != JWT_SOURCE_510 or "jwt" in active):
            jwt = (name, found[name])
            break
    # The undocumented azure.container-name overrides bucket.name.object on Azure.
    container = text("AZURE_CONTAINERNAME") or text("BUCKET_NAME_OBJECT")
    return StorageSettings(
        line=line,
        provider=provider,
        profiles=profiles,
        endpoint=value("S3_ENDPOINT"),
        secured=boolean("S3_SECURED", True),
        access_key=found.get("S3_ACCESSKEY"),
        secret_key=found.get("S3_SECRETKEY"),
        object_bucket=text("BUCKET_NAME_OBJECT"),
        state_bucket=text("BUCKET_NAME_STATE"),
        pool_size=number("BUCKET_SIZE_POOL", 0) or 0,
        key_size=number("BUCKET_SIZE_KEY", 2) or 0,
        data_directory=text(data_name, "data"),
        upload_directory=text(upload_dir_name, "upload"),
        sentinel=text("OBJECT_SENTINEL"),
        sigv4_enabled=boolean("S3_SIGV4ENABLED", True),
        encryption_key_id=text("S3_MASTERENCRYPTIONKEYID"),
        override_host=text("S3_PRESIGNEDURL_OVERRIDE_HOST"),
        upload_expiration_days=number(upload_name, None) if provider == "s3" else None,
        download_expiration_days=number(download_name, None),
        upload_expiration_name=upload_name if provider == "s3" else "",
        download_expiration_name=download_name,
        account_name=text("AZURE_ACCOUNTNAME"),
        account_key=found.get("AZURE_ACCOUNTKEY"),
        protocol=text("AZURE_ENDPOINTPROTOCOL", "https"),
        container=container,
        policy_upload=text("BUCKET_POLICY_UPLOAD", "UploadPolicy"),
        policy_download=text("BUCKET_POLICY_DOWNLOAD", "DownloadPolicy"),
        metadata_url=found.get("METADATA_URL"),
        auth_server_url=found.get("AUTH_SERVER_URL"),
        jwt_source=jwt,
        secrets=tuple(s for s in dict.fromkeys(secrets) if s),
    )
