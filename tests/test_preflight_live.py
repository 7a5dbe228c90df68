"""score-lint preflight end to end against local servers (moto, Azurite, stubs), all on 127.0.0.1.

Every run goes through the CLI (Click's CliRunner), is checked against the committed JSON Schema when
it prints JSON, and is searched for the secrets of its file: none may appear on stdout or stderr.
"""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from score_lint.cli import main
from tests.conftest import ROOT
from tests.preflight_servers import (  # noqa: F401  (fixtures)
    AZURITE_ACCOUNT,
    AZURITE_KEY,
    AuthS3Server,
    Azurite,
    S3Server,
    azurite,
    dead_port,
    hanging_server,
    loopback_only,
    moto_s3,
    moto_s3_auth,
    services_stub,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("loopback_only")]

SECRET = "Wq9/preflight+Secret=Never"  # the S3 secret of every no-auth file (moto accepts any)
CLIENT_SECRET = "client-secret-never-shown"
SCHEMA = json.loads((ROOT / "schema" / "preflight-output.schema.json").read_text(encoding="utf-8"))
_names = itertools.count()


def unique(prefix: str) -> str:
    """Bucket names of their own for each test: the session's server keeps what earlier tests made."""
    return f"{prefix}-{next(_names)}"


def write(tmp_path: Path, lines: list[str], name: str = ".env.score") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def s3_file(tmp_path: Path, server: S3Server, obj: str, state: str, *extra: str, secret: str = SECRET,
            access: str = "AKIAPREFLIGHT") -> Path:
    return write(tmp_path, [
        "SPRING_PROFILES_ACTIVE=collaboratory,prod",
        f"S3_ENDPOINT={server.url}",
        f"S3_ACCESSKEY={access}",
        f"S3_SECRETKEY={secret}",
        f"BUCKET_NAME_OBJECT={obj}",
        f"BUCKET_NAME_STATE={state}",
        *extra,
    ])


def preflight(path: Path, *args: str, secrets: tuple[str, ...] = (SECRET, CLIENT_SECRET), input: str | None = None) -> Result:
    """Run the command; assert no secret reaches stdout or stderr and JSON output matches the schema."""
    result = CliRunner().invoke(main, ["preflight", "--timeout", "5", *args, str(path)], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    for secret in secrets:
        assert secret not in result.stdout and secret not in result.stderr, f"secret leaked: {result.output}"
    if "--format" in args and args[args.index("--format") + 1] == "json":
        jsonschema.validate(json.loads(result.stdout), SCHEMA)
    return result


def statuses(result: Result) -> dict[str, str]:
    data = json.loads(result.stdout)
    return {c["id"]: c["status"] for c in data["checks"]}


def check(result: Result, check_id: str) -> dict[str, str]:
    return next(c for c in json.loads(result.stdout)["checks"] if c["id"] == check_id)


# --- S3 without authentication ------------------------------------------------------------------


def test_s3_everything_passes(tmp_path: Path, moto_s3: S3Server, services_stub: str) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj, state)
    path = s3_file(tmp_path, moto_s3, obj, state,
                   "SPRING_PROFILES_ACTIVE=collaboratory,prod,secure",
                   f"METADATA_URL={services_stub}",
                   f"AUTH_SERVER_URL={services_stub}/oauth/check_token",
                   f"AUTH_SERVER_CLIENTSECRET={CLIENT_SECRET}",
                   f"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION={services_stub}/oauth/token/public_key")
    # The first SPRING_PROFILES_ACTIVE wins under docker run: rewrite the file with one.
    text = path.read_text().replace("SPRING_PROFILES_ACTIVE=collaboratory,prod\n", "", 1)
    path.write_text(text)
    result = preflight(path, "--write-probes", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert set(statuses(result).values()) == {"pass"}, result.stdout
    assert "path-style" in check(result, "signature")["message"]
    text_run = preflight(path)
    assert text_run.exit_code == 0 and "result: 10 passed, 2 skipped" in text_run.stdout  # no --write-probes


def test_s3_missing_object_bucket(tmp_path: Path, moto_s3: S3Server) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(state, sentinel=None)
    result = preflight(s3_file(tmp_path, moto_s3, obj, state), "--format", "json")
    assert result.exit_code == 1
    found = statuses(result)
    assert (found["bucket-object"], found["bucket-state"], found["sentinel"]) == ("fail", "pass", "skip")
    failure = check(result, "bucket-object")
    assert obj in failure["message"] and f"create-bucket --bucket {obj}" in failure["remedy"]
    assert "bucket-object failed" in check(result, "sentinel")["message"]


def test_s3_missing_state_bucket(tmp_path: Path, moto_s3: S3Server) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj)
    result = preflight(s3_file(tmp_path, moto_s3, obj, state), "--format", "json")
    assert result.exit_code == 1
    assert statuses(result)["bucket-state"] == "fail" and statuses(result)["sentinel"] == "pass"
    assert state in check(result, "bucket-state")["remedy"]


def test_s3_missing_pool_bucket(tmp_path: Path, moto_s3: S3Server) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj, f"{obj}.0", state, f"{state}.0", f"{state}.1")
    result = preflight(s3_file(tmp_path, moto_s3, obj, state, "BUCKET_SIZE_POOL=2"), "--format", "json")
    assert result.exit_code == 1
    failure = check(result, "bucket-object")
    assert failure["status"] == "fail" and f"{obj}.1" in failure["message"] and f"{obj}.0," not in failure["message"]
    assert f"--bucket {obj}.1" in failure["remedy"]
    assert statuses(result)["bucket-state"] == "pass"


def test_s3_missing_sentinel(tmp_path: Path, moto_s3: S3Server) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj, state, sentinel=None)
    result = preflight(s3_file(tmp_path, moto_s3, obj, state, "OBJECT_SENTINEL=ping"), "--format", "json")
    assert result.exit_code == 1
    failure = check(result, "sentinel")
    assert failure["status"] == "fail" and "data/ping" in failure["message"]
    assert f"put-object --bucket {obj} --key data/ping" in failure["remedy"]


def test_s3_override_host_is_a_literal_replacement(tmp_path: Path, moto_s3: S3Server, dead_port: int) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj, state)
    applied = preflight(s3_file(tmp_path, moto_s3, obj, state, f"S3_PRESIGNEDURL_OVERRIDE_HOST=http://127.0.0.1:{dead_port}"),
                        "--format", "json")
    sentinel = check(applied, "sentinel")
    assert sentinel["status"] == "fail" and "refused" in sentinel["message"]
    assert "S3_PRESIGNEDURL_OVERRIDE_HOST" in sentinel["message"]
    # Score replaces S3_ENDPOINT's text; a trailing slash in the endpoint is part of that text.
    skipped = preflight(write(tmp_path, [
        "SPRING_PROFILES_ACTIVE=collaboratory,prod", f"S3_ENDPOINT=127.0.0.1:{moto_s3.port}", "S3_SECURED=false",
        f"S3_ACCESSKEY=a", f"S3_SECRETKEY={SECRET}", f"BUCKET_NAME_OBJECT={obj}", f"BUCKET_NAME_STATE={state}",
        f"S3_PRESIGNEDURL_OVERRIDE_HOST=127.0.0.1:{moto_s3.port}"]), "--format", "json")
    assert check(skipped, "endpoint")["message"].startswith(f"http://127.0.0.1:{moto_s3.port} (no scheme")
    assert check(skipped, "sentinel")["status"] == "pass"


def test_s3_sigv2_exactly_when_score_uses_it(tmp_path: Path, moto_s3: S3Server) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj, state)
    v2 = preflight(s3_file(tmp_path, moto_s3, obj, state, "S3_SIGV4ENABLED=false"), "--format", "json")
    assert v2.exit_code == 0, v2.stdout
    assert "legacy SigV2" in check(v2, "signature")["message"]
    forced = preflight(s3_file(tmp_path, moto_s3, obj, state, "S3_SIGV4ENABLED=false", "S3_MASTERENCRYPTIONKEYID=kms-1"),
                       "--write-probes", "--format", "json")
    assert "turns SigV4 on" in check(forced, "signature")["message"]
    assert "SSE-KMS" in check(forced, "write-object")["message"] and check(forced, "write-object")["status"] == "pass"


def test_s3_endpoint_without_scheme_gets_https_from_s3_secured(tmp_path: Path, moto_s3: S3Server) -> None:
    result = preflight(write(tmp_path, ["SPRING_PROFILES_ACTIVE=collaboratory,prod", f"S3_ENDPOINT=127.0.0.1:{moto_s3.port}",
                                        "S3_ACCESSKEY=a", f"S3_SECRETKEY={SECRET}"]), "--format", "json")
    endpoint = check(result, "endpoint")
    assert endpoint["status"] == "fail" and "TLS" in endpoint["message"] and "S3_SECURED=true" in endpoint["message"]
    assert statuses(result)["credentials"] == "skip"


def test_s3_nothing_listening(tmp_path: Path, moto_s3: S3Server, dead_port: int) -> None:
    path = write(tmp_path, ["SPRING_PROFILES_ACTIVE=collaboratory,prod", f"S3_ENDPOINT=http://127.0.0.1:{dead_port}",
                            "S3_ACCESSKEY=a", f"S3_SECRETKEY={SECRET}", "BUCKET_NAME_OBJECT=obj", "BUCKET_NAME_STATE=st"])
    start = time.monotonic()
    result = preflight(path, "--format", "json")
    assert time.monotonic() - start < 10
    assert result.exit_code == 1
    endpoint = check(result, "endpoint")
    assert endpoint["status"] == "fail" and "refused" in endpoint["message"] and f":{dead_port}" in endpoint["message"]
    found = statuses(result)
    assert all(found[i] == "skip" for i in ("signature", "credentials", "bucket-object", "bucket-state", "sentinel"))
    assert found["presign-expiry"] == "pass"  # offline: it needs no server


def test_s3_hanging_server_times_out(tmp_path: Path, hanging_server: int) -> None:
    path = write(tmp_path, ["SPRING_PROFILES_ACTIVE=collaboratory,prod", f"S3_ENDPOINT=http://127.0.0.1:{hanging_server}",
                            "S3_ACCESSKEY=a", f"S3_SECRETKEY={SECRET}", f"METADATA_URL=http://127.0.0.1:{hanging_server}"])
    start = time.monotonic()
    result = CliRunner().invoke(main, ["preflight", "--timeout", "1", "--format", "json", str(path)])
    elapsed = time.monotonic() - start
    assert elapsed < 6, f"the 1 s budget did not hold: {elapsed:.1f} s"
    assert result.exit_code == 1 and SECRET not in result.output
    endpoint = check(result, "endpoint")
    assert endpoint["status"] == "error" and "no answer" in endpoint["message"] and "1 s" in endpoint["message"]
    assert check(result, "metadata")["status"] == "error"
    assert statuses(result)["credentials"] == "skip"


def test_s3_debug_logs_of_the_sdks_are_masked(tmp_path: Path, moto_s3: S3Server, caplog: pytest.LogCaptureFixture) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj, state)
    with caplog.at_level("DEBUG"):
        result = preflight(s3_file(tmp_path, moto_s3, obj, state))
    assert result.exit_code == 0
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "botocore" in " ".join(r.name for r in caplog.records)
    assert SECRET not in logged and "X-Amz-Signature=" + "0" not in logged
    assert "Signature=****" in logged or "X-Amz-Signature=****" in logged


def test_s3_bootstrap_turns_failing_into_passing(tmp_path: Path, moto_s3: S3Server) -> None:
    obj, state = unique("obj"), unique("state")
    path = s3_file(tmp_path, moto_s3, obj, state, "BUCKET_SIZE_POOL=2")
    before = preflight(path, "--format", "json")
    assert before.exit_code == 1
    result = preflight(path, "--bootstrap", "--yes", "--format", "json")
    assert result.exit_code == 0, result.output
    assert set(statuses(result).values()) <= {"pass", "skip"}
    for bucket in (obj, f"{obj}.0", f"{obj}.1", state, f"{state}.0", f"{state}.1"):
        assert f"create the bucket {bucket} " in result.stderr
    assert "put the empty sentinel object data/heliograph" in result.stderr
    again = preflight(path, "--bootstrap", "--yes")
    assert again.exit_code == 0 and "nothing to create" in again.stderr


def test_s3_bootstrap_asks_for_each_action(tmp_path: Path, moto_s3: S3Server, monkeypatch: pytest.MonkeyPatch) -> None:
    import score_lint.cli

    monkeypatch.setattr(score_lint.cli, "_interactive", lambda: True)
    obj, state = unique("obj"), unique("state")
    path = s3_file(tmp_path, moto_s3, obj, state)
    # create obj: yes; create state: no; the sentinel: yes.
    result = preflight(path, "--bootstrap", "--format", "json", input="y\nn\ny\n")
    assert result.exit_code == 1
    found = statuses(result)
    assert (found["bucket-object"], found["bucket-state"], found["sentinel"]) == ("pass", "fail", "pass")


# --- S3 with authentication (credentials) -------------------------------------------------------


def auth_file(tmp_path: Path, server: AuthS3Server, access: str, secret: str, *extra: str) -> Path:
    return write(tmp_path, ["SPRING_PROFILES_ACTIVE=collaboratory,prod", f"S3_ENDPOINT={server.url}",
                            f"S3_ACCESSKEY={access}", f"S3_SECRETKEY={secret}", "BUCKET_NAME_OBJECT=auth-object",
                            "BUCKET_NAME_STATE=auth-state", *extra])


def test_credentials_accepted(tmp_path: Path, moto_s3_auth: AuthS3Server) -> None:
    s = moto_s3_auth
    result = preflight(auth_file(tmp_path, s, s.access_key, s.secret_key), "--format", "json",
                       secrets=(s.secret_key, s.denied_secret))
    found = statuses(result)
    assert (found["signature"], found["credentials"], found["bucket-object"], found["bucket-state"]) == (
        "pass", "pass", "pass", "pass"), result.stdout


def test_credentials_wrong_secret(tmp_path: Path, moto_s3_auth: AuthS3Server) -> None:
    s = moto_s3_auth
    wrong = "Wrong/Secret+Value=" + s.secret_key[:4]
    result = preflight(auth_file(tmp_path, s, s.access_key, wrong), "--format", "json", secrets=(s.secret_key, wrong))
    credentials = check(result, "credentials")
    assert result.exit_code == 1 and credentials["status"] == "fail"
    assert credentials["message"].startswith("wrong secret")
    assert statuses(result)["bucket-object"] == "skip"


def test_credentials_unknown_key(tmp_path: Path, moto_s3_auth: AuthS3Server) -> None:
    s = moto_s3_auth
    result = preflight(auth_file(tmp_path, s, "AKIANOSUCHKEY0000000", s.secret_key), "--format", "json",
                       secrets=(s.secret_key,))
    credentials = check(result, "credentials")
    assert credentials["status"] == "fail" and credentials["message"].startswith("unknown access key")


def test_credentials_quotes_kept_by_docker_run(tmp_path: Path, moto_s3_auth: AuthS3Server) -> None:
    s = moto_s3_auth
    quoted_key = preflight(auth_file(tmp_path, s, f'"{s.access_key}"', s.secret_key), "--format", "json",
                           secrets=(s.secret_key,))
    message = check(quoted_key, "credentials")["message"]
    assert message.startswith("unknown access key") and "wrapped in quotes" in message
    quoted_secret = preflight(auth_file(tmp_path, s, s.access_key, f'"{s.secret_key}"'), "--format", "json",
                              secrets=(s.secret_key,))
    message = check(quoted_secret, "credentials")["message"]
    assert message.startswith("wrong secret") and "wrapped in quotes" in message
    # The same file read as compose loses its quotes, and the keys work.
    compose = preflight(auth_file(tmp_path, s, f'"{s.access_key}"', f'"{s.secret_key}"'), "--dialect", "compose",
                        "--format", "json", secrets=(s.secret_key,))
    assert check(compose, "credentials")["status"] == "pass"


def test_credentials_access_denied(tmp_path: Path, moto_s3_auth: AuthS3Server) -> None:
    s = moto_s3_auth
    result = preflight(auth_file(tmp_path, s, s.denied_key, s.denied_secret), "--format", "json",
                       secrets=(s.denied_secret, s.secret_key))
    credentials = check(result, "credentials")
    assert credentials["status"] == "fail" and credentials["message"].startswith("access denied")


def test_signature_sigv2_refused_by_a_sigv4_only_server(tmp_path: Path, moto_s3_auth: AuthS3Server) -> None:
    s = moto_s3_auth
    result = preflight(auth_file(tmp_path, s, s.access_key, s.secret_key, "S3_SIGV4ENABLED=false"), "--format", "json",
                       secrets=(s.secret_key,))
    signature = check(result, "signature")
    assert signature["status"] == "fail" and "SigV2" in signature["message"]
    assert signature["remedy"] == "Set S3_SIGV4ENABLED=true."
    assert statuses(result)["credentials"] == "skip"


# --- Azure ----------------------------------------------------------------------------------------


def azure_file(tmp_path: Path, server: Azurite, container: str, *extra: str, key: str = AZURITE_KEY) -> Path:
    return write(tmp_path, ["SPRING_PROFILES_ACTIVE=azure,prod", "AZURE_ENDPOINTPROTOCOL=http",
                            f"AZURE_ACCOUNTNAME={AZURITE_ACCOUNT}", f"AZURE_ACCOUNTKEY={server.account_key(key)}",
                            f"BUCKET_NAME_OBJECT={container}", *extra])


def make_container(server: Azurite, name: str, upload: str = "w", download: str = "r", sentinel: bool = True,
                   **policy_extra: object) -> None:
    from azure.storage.blob import AccessPolicy

    container = server.service().create_container(name)
    identifiers = {}
    if upload:
        identifiers["UploadPolicy"] = AccessPolicy(permission=upload, **policy_extra)  # type: ignore[arg-type]
    if download:
        identifiers["DownloadPolicy"] = AccessPolicy(permission=download)
    container.set_container_access_policy(signed_identifiers=identifiers)
    if sentinel:
        container.upload_blob("heliograph", b"")


AZ_SECRETS = (AZURITE_KEY,)


def test_azure_everything_passes(tmp_path: Path, azurite: Azurite) -> None:
    name = unique("data")
    make_container(azurite, name)
    result = preflight(azure_file(tmp_path, azurite, name), "--format", "json", secrets=AZ_SECRETS)
    assert result.exit_code == 0, result.stdout
    found = statuses(result)
    assert all(found[i] == "pass" for i in ("lint", "account-key", "container", "policy-upload", "policy-download", "sentinel"))
    assert "si=DownloadPolicy" in check(result, "sentinel")["message"]


def test_azure_wrong_key(tmp_path: Path, azurite: Azurite) -> None:
    wrong = "A" * 86 + "=="
    result = preflight(azure_file(tmp_path, azurite, "data", key=wrong), "--format", "json", secrets=(*AZ_SECRETS, wrong))
    key = check(result, "account-key")
    assert key["status"] == "fail" and "does not accept the key" in key["message"]
    assert statuses(result)["container"] == "skip"


def test_azure_quoted_key_is_not_base64(tmp_path: Path, azurite: Azurite) -> None:
    result = preflight(azure_file(tmp_path, azurite, "data", key=f'"{AZURITE_KEY}"'), "--format", "json", secrets=AZ_SECRETS)
    key = check(result, "account-key")
    assert key["status"] == "fail" and "not valid Base64" in key["message"] and "quotes" in key["message"]


def test_azure_missing_container(tmp_path: Path, azurite: Azurite) -> None:
    name = unique("absent")
    result = preflight(azure_file(tmp_path, azurite, name), "--format", "json", secrets=AZ_SECRETS)
    container = check(result, "container")
    assert container["status"] == "fail" and "refuses to start" in container["message"]
    assert container["remedy"] == f"az storage container create --name {name} --account-name {AZURITE_ACCOUNT}"
    assert statuses(result)["policy-upload"] == "skip"


def test_azure_missing_policy(tmp_path: Path, azurite: Azurite) -> None:
    name = unique("data")
    make_container(azurite, name, download="")
    result = preflight(azure_file(tmp_path, azurite, name), "--format", "json", secrets=AZ_SECRETS)
    found = statuses(result)
    assert (found["policy-upload"], found["policy-download"], found["sentinel"]) == ("pass", "fail", "skip")
    assert "--name DownloadPolicy --permissions r" in check(result, "policy-download")["remedy"]


def test_azure_upload_policy_with_read_only(tmp_path: Path, azurite: Azurite) -> None:
    name = unique("data")
    make_container(azurite, name, upload="r")
    result = preflight(azure_file(tmp_path, azurite, name), "--format", "json", secrets=AZ_SECRETS)
    upload = check(result, "policy-upload")
    assert upload["status"] == "fail" and "grants r, not upload (w)" in upload["message"]


def test_azure_policy_with_its_own_expiry(tmp_path: Path, azurite: Azurite) -> None:
    import datetime as dt

    name = unique("data")
    make_container(azurite, name, expiry=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30))
    result = preflight(azure_file(tmp_path, azurite, name), "--format", "json", secrets=AZ_SECRETS)
    upload = check(result, "policy-upload")
    assert upload["status"] == "fail" and "an expiry of its own" in upload["message"]


def test_azure_missing_sentinel(tmp_path: Path, azurite: Azurite) -> None:
    name = unique("data")
    make_container(azurite, name, sentinel=False)
    result = preflight(azure_file(tmp_path, azurite, name), "--format", "json", secrets=AZ_SECRETS)
    sentinel = check(result, "sentinel")
    assert sentinel["status"] == "fail" and "heliograph" in sentinel["message"]
    assert "az storage blob upload" in sentinel["remedy"]


def test_azure_bootstrap_turns_failing_into_passing(tmp_path: Path, azurite: Azurite) -> None:
    name = unique("fresh")
    path = azure_file(tmp_path, azurite, name)
    assert preflight(path, secrets=AZ_SECRETS).exit_code == 1
    result = preflight(path, "--bootstrap", "--yes", "--format", "json", secrets=AZ_SECRETS)
    assert result.exit_code == 0, result.output
    assert f"create the container {name}" in result.stderr and "UploadPolicy" in result.stderr
    # A container that lost one policy gets it back; the other and its public access level stay.
    from azure.storage.blob import AccessPolicy

    container = azurite.service().get_container_client(name)
    container.set_container_access_policy(signed_identifiers={"UploadPolicy": AccessPolicy(permission="w")},
                                          public_access="blob")
    repaired = preflight(path, "--bootstrap", "--yes", "--format", "json", secrets=AZ_SECRETS)
    assert repaired.exit_code == 0 and "DownloadPolicy" in repaired.stderr and "UploadPolicy" not in repaired.stderr
    acl = container.get_container_access_policy()
    assert acl["public_access"] == "blob"
    assert sorted(i.id for i in acl["signed_identifiers"]) == ["DownloadPolicy", "UploadPolicy"]


def test_azure_nothing_listening(tmp_path: Path, dead_port: int) -> None:
    path = write(tmp_path, ["SPRING_PROFILES_ACTIVE=azure,prod", "AZURE_ENDPOINTPROTOCOL=http",
                            f"AZURE_ACCOUNTNAME={AZURITE_ACCOUNT}",
                            f"AZURE_ACCOUNTKEY={AZURITE_KEY};BlobEndpoint=http://127.0.0.1:{dead_port}/{AZURITE_ACCOUNT}",
                            "BUCKET_NAME_OBJECT=data"])
    result = preflight(path, "--format", "json", secrets=AZ_SECRETS)
    key = check(result, "account-key")
    assert key["status"] == "fail" and "refused" in key["message"]


# --- services ------------------------------------------------------------------------------------


def test_services_redirect_and_wrong_key_source(tmp_path: Path, moto_s3: S3Server, services_stub: str) -> None:
    obj, state = unique("obj"), unique("state")
    moto_s3.make_buckets(obj, state)
    path = write(tmp_path, [
        "SPRING_PROFILES_ACTIVE=collaboratory,prod,secure", f"S3_ENDPOINT={moto_s3.url}", "S3_ACCESSKEY=a",
        f"S3_SECRETKEY={SECRET}", f"BUCKET_NAME_OBJECT={obj}", f"BUCKET_NAME_STATE={state}",
        f"METADATA_URL={services_stub}/redirect",
        f"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI={services_stub}/isAlive",
    ])
    result = preflight(path, "--format", "json")
    metadata = check(result, "metadata")
    assert metadata["status"] == "fail" and "redirects (HTTP 302) to http://127.0.0.1:1/elsewhere" in metadata["message"]
    auth = check(result, "auth-server")
    assert auth["status"] == "fail" and "JWK set" in auth["message"]
    song_404 = preflight(write(tmp_path, ["SPRING_PROFILES_ACTIVE=collaboratory,prod", f"S3_ENDPOINT={moto_s3.url}",
                                          f"METADATA_URL={services_stub}/song"]), "--format", "json")
    assert check(song_404, "metadata")["status"] == "fail" and "HTTP 404" in check(song_404, "metadata")["message"]


def test_s3_endpoint_that_redirects(tmp_path: Path, services_stub: str) -> None:
    path = write(tmp_path, ["SPRING_PROFILES_ACTIVE=collaboratory,prod", f"S3_ENDPOINT={services_stub}/redirect",
                            "S3_ACCESSKEY=a", f"S3_SECRETKEY={SECRET}"])
    result = preflight(path, "--format", "json")
    endpoint = check(result, "endpoint")
    assert endpoint["status"] == "fail" and "redirects (HTTP 302)" in endpoint["message"]
    assert "does not follow redirects" in endpoint["message"] and statuses(result)["signature"] == "skip"
