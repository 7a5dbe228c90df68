"""preflight without servers: the settings seam, masking, the signing region, the lint gate, the
reporters against fixed strings, the registry, the generated page and schema, and the lazy imports."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from score_lint import envfile
from score_lint.binding import Model
from score_lint.cli import main
from score_lint.effective import Effective
from score_lint.preflight import (
    CHECKS,
    Check,
    Options,
    Report,
    Status,
    check_ids,
    docpage,
    prepare,
)
from score_lint.preflight.checks import checks_for
from score_lint.preflight.context import Context, run_checks
from score_lint.preflight.masking import MASK, Masker, guarded_logging
from score_lint.preflight.report import REPORTERS, as_dict
from score_lint.preflight.settings import (
    from_effective,
    signing_region,
)

from tests.conftest import ROOT
from tests.preflight_servers import loopback_only  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("loopback_only")

SECRET = "s3cr3t/K1SZ+never-shown=="


def settings_of(text: str, line: str = "5.11", provider: str = "s3", dialect: envfile.Dialect = "docker"):  # type: ignore[no-untyped-def]
    env = envfile.parse(text, dialect)
    return from_effective(Effective(env, Model.load(line, provider)), dialect)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".env.score"
    path.write_text(text, encoding="utf-8")
    return path


# --- settings ---------------------------------------------------------------------------------


def test_settings_defaults_per_profile() -> None:
    s = settings_of("SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ENDPOINT=minio:9000\n")
    assert s.endpoint_url == "https://minio:9000"  # no scheme: S3_SECURED, true by default
    assert s.scheme_from_secured
    assert (s.sentinel, s.data_directory, s.sentinel_key) == ("heliograph", "data", "data/heliograph")
    assert (s.upload_expiration_days, s.download_expiration_days) == (6, 1)
    assert s.upload_expiration_name == "COLLABORATORY_UPLOAD_EXPIRATION"
    dev = settings_of("SPRING_PROFILES_ACTIVE=collaboratory,dev\nS3_ENDPOINT=minio:9000\n")
    assert dev.endpoint_url == "http://minio:9000"  # dev sets S3_SECURED false


def test_settings_develop_names_and_aliases() -> None:
    s = settings_of("SPRING_PROFILES_ACTIVE=s3,prod\nS3_ACCESS_KEY=ak\nS3_SECRET_KEY=sk\nS3_DOWNLOAD_EXPIRATION=3\n"
                    "S3_DATA_DIRECTORY=objects\n", line="develop")
    assert s.access_key is not None and s.access_key.text == "ak" and s.access_key.source == "S3_ACCESS_KEY"
    assert (s.download_expiration_name, s.download_expiration_days, s.sentinel_key) == (
        "S3_DOWNLOAD_EXPIRATION", 3, "objects/heliograph")
    # A 5.11 name on develop binds nothing.
    old = settings_of("SPRING_PROFILES_ACTIVE=s3,prod\nCOLLABORATORY_DOWNLOAD_EXPIRATION=9\n", line="develop")
    assert old.download_expiration_days == 1


def test_settings_docker_keeps_quotes_compose_strips_them() -> None:
    text = 'SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_SECRETKEY="abc"\n'
    docker = settings_of(text)
    assert docker.secret_key is not None and docker.secret_key.text == '"abc"' and docker.secret_key.quoted
    compose = settings_of(text, dialect="compose")
    assert compose.secret_key is not None and compose.secret_key.text == "abc"


def test_settings_first_spelling_wins_under_docker() -> None:
    s = settings_of("S3_ACCESSKEY=first\nS3_ACCESS_KEY=second\n")
    assert s.access_key is not None and s.access_key.text == "first"
    assert settings_of("S3_ACCESSKEY=first\nS3_ACCESS_KEY=second\n", dialect="compose").access_key.text == "second"  # type: ignore[union-attr]


def test_camel_case_value_binds_only_upper_case() -> None:
    assert settings_of("S3_PRESIGNEDURL_OVERRIDE_HOST=http://proxy\n").override_host == "http://proxy"
    assert settings_of("s3_presignedurl_override_host=http://proxy\n").override_host == ""


def test_pool_buckets_and_sigv4_from_encryption_key() -> None:
    s = settings_of("BUCKET_NAME_OBJECT=obj\nBUCKET_NAME_STATE=state\nBUCKET_SIZE_POOL=3\n"
                    "S3_SIGV4ENABLED=false\nS3_MASTERENCRYPTIONKEYID=kms-key\n")
    assert s.object_buckets == ("obj", "obj.0", "obj.1", "obj.2")
    assert s.state_buckets == ("state", "state.0", "state.1", "state.2")
    assert s.sigv4  # an encryption key id turns SigV4 on


def test_azure_settings() -> None:
    s = settings_of("SPRING_PROFILES_ACTIVE=azure,prod\nAZURE_ACCOUNTNAME=acct\nAZURE_ACCOUNTKEY=a2V5;BlobEndpoint=http://x\n"
                    "BUCKET_NAME_OBJECT=data\nAZURE_CONTAINERNAME=other\n", provider="azure")
    assert s.container == "other"  # azure.container-name wins over bucket.name.object
    assert s.azure_connection_string == (
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;BlobEndpoint=http://x")
    assert (s.policy_upload, s.policy_download, s.download_expiration_days) == ("UploadPolicy", "DownloadPolicy", 1)
    assert "a2V5;BlobEndpoint=http://x" in s.secrets


def test_settings_repr_shows_no_secret() -> None:
    s = settings_of(f"S3_SECRETKEY={SECRET}\n")
    assert SECRET not in repr(s) and SECRET not in str(s)


@pytest.mark.parametrize(("host", "region"), [
    ("s3.amazonaws.com", "us-east-1"),
    ("s3-external-1.amazonaws.com", "us-east-1"),
    ("s3.eu-west-1.amazonaws.com", "eu-west-1"),
    ("s3-eu-west-2.amazonaws.com", "eu-west-2"),
    ("bucket.s3.ap-south-1.amazonaws.com", "ap-south-1"),
    ("s3.dualstack.us-west-2.amazonaws.com", "us-west-2"),
    ("sts.amazonaws.com", "us-east-1"),
    ("s3.example.org", "example"),
    ("minio.s3-lab.example.org", "lab"),
    ("minio", "us-east-1"),
    ("127.0.0.1", "us-east-1"),
])
def test_signing_region_as_the_java_sdk(host: str, region: str) -> None:
    assert signing_region(host) == region


# --- masking ----------------------------------------------------------------------------------


def test_masking_secrets_and_signatures() -> None:
    masker = Masker(['"' + SECRET + '"', "Eby8key==;BlobEndpoint=http://127.0.0.1:1/acct"])
    text = (f"secret {SECRET} quoted \"{SECRET}\" encoded s3cr3t%2FK1SZ%2Bnever-shown%3D%3D "
            "url http://h/b/k?X-Amz-Signature=abcdef&X-Amz-Date=1 sas ?sv=1&sig=Zm9v%3D&si=Up "
            "conn AccountKey=Eby8key==;BlobEndpoint=x header Authorization: AWS4-HMAC-SHA256 Credential=a, Signature=ff "
            "user http://alice:pw@host/ key Eby8key==")
    out = masker.mask(text)
    for leaked in (SECRET, "s3cr3t%2F", "abcdef", "Zm9v", "Eby8key", "pw@", "Signature=ff"):
        assert leaked not in out, leaked
    assert "X-Amz-Date=1" in out and "si=Up" in out and MASK in out


def test_short_secret_masked_only_as_a_token() -> None:
    assert Masker(["pw"]).mask("pw is the password; pwd stays") == f"{MASK} is the password; pwd stays"


def test_sdk_log_records_are_masked() -> None:
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    logger = logging.getLogger("botocore.endpoint")
    handler = Keep()
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        with guarded_logging(Masker([SECRET])):
            logger.debug("sending %s", f"secret={SECRET}&Signature=deadbeef")
            try:
                raise ValueError(SECRET)
            except ValueError:
                logger.exception("failed")
        logger.debug("after %s", "plain")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    assert records[0] == f"sending secret={MASK}&Signature={MASK}"
    assert SECRET not in "\n".join(records)
    assert records[-1] == "after plain"  # only while preflight runs


def test_run_checks_masks_and_catches() -> None:
    s = settings_of(f"S3_SECRETKEY={SECRET}\n")
    ctx = Context(s, Masker(s.secrets))

    def boom(_: Context) -> object:
        raise RuntimeError(f"the SDK says {SECRET}")

    (check,) = run_checks(checks_for("s3")[1:2], {"endpoint": boom}, ctx)  # type: ignore[dict-item]
    assert check.status is Status.ERROR and SECRET not in check.message and MASK in check.message


# --- the lint gate ----------------------------------------------------------------------------


def test_refuses_when_score_would_not_start(tmp_path: Path) -> None:
    path = write(tmp_path, "SPRING_PROFILES_ACTIVE=prod\nS3_ENDPOINT=http://127.0.0.1:1\n")
    report = prepare(path, Options(timeout=1)).run()
    lint = report.checks[0]
    assert (lint.id, lint.status) == ("lint", Status.FAIL)
    assert "SL501" in lint.message and "--force" in (lint.message + "".join(c.message for c in report.checks))
    assert all(c.status is Status.SKIP for c in report.checks[1:])


def test_a_quoted_boolean_stops_score_a_quoted_key_does_not(tmp_path: Path) -> None:
    boolean = prepare(write(tmp_path, 'SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_SIGV4ENABLED="true"\n'), Options())
    assert [f.code for f in boolean.blocking] == ["SL202"]
    key = prepare(write(tmp_path, 'SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ACCESSKEY="AKIA"\n'), Options())
    assert key.blocking == ()


def test_force_runs_anyway(tmp_path: Path) -> None:
    path = write(tmp_path, "SPRING_PROFILES_ACTIVE=prod\nS3_ENDPOINT=http://127.0.0.1:1\n")
    report = prepare(path, Options(timeout=1, force=True)).run()
    assert report.checks[0].status is Status.FAIL and "--force" in report.checks[0].message
    assert report.get("presign-expiry") is not None and report.get("presign-expiry").status is Status.PASS  # type: ignore[union-attr]


def test_cli_refusal_and_force(tmp_path: Path) -> None:
    path = write(tmp_path, f"SPRING_PROFILES_ACTIVE=prod\nS3_ENDPOINT=http://127.0.0.1:1\nS3_SECRETKEY={SECRET}\n")
    refused = CliRunner().invoke(main, ["preflight", "--timeout", "1", str(path)])
    assert refused.exit_code == 1
    assert "fail   lint" in refused.stdout and "Score would not start with this file: SL501" in refused.stdout
    assert "not run: Score would not start" in refused.stdout and SECRET not in refused.output
    forced = CliRunner().invoke(main, ["preflight", "--timeout", "1", "--force", "--format", "json", str(path)])
    data = json.loads(forced.stdout)
    assert forced.exit_code == 1 and data["checks"][1]["id"] == "endpoint"
    assert data["checks"][1]["status"] == "fail" and "refused" in data["checks"][1]["message"]
    jsonschema.validate(data, json.loads((ROOT / docpage.SCHEMA).read_text(encoding="utf-8")))


def test_input_errors_exit_2_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.env"
    result = CliRunner().invoke(main, ["preflight", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.stderr and "Traceback" not in result.output
    (tmp_path / "dir.env").mkdir()
    result = CliRunner().invoke(main, ["preflight", str(tmp_path / "dir.env")])
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_bootstrap_without_a_terminal_refuses_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    result = CliRunner().invoke(main, ["preflight", "--bootstrap", str(path)], input="")
    assert result.exit_code == 2 and "--yes" in result.stderr


def test_missing_libraries_say_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "botocore" else real(name, *a))
    path = write(tmp_path, "SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    result = CliRunner().invoke(main, ["preflight", str(path)])
    assert result.exit_code == 2
    assert "pip install 'score-lint[preflight]'" in result.stderr and "botocore" in result.stderr


def test_presign_expiry_caps_sigv4_at_seven_days(tmp_path: Path) -> None:
    base = "SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ENDPOINT=http://127.0.0.1:1\n"
    long = prepare(write(tmp_path, base + "COLLABORATORY_DOWNLOAD_EXPIRATION=8\n"), Options(timeout=1)).run()
    check = long.get("presign-expiry")
    assert check is not None and check.status is Status.FAIL and "691200 s" in check.message
    v2 = prepare(write(tmp_path, base + "COLLABORATORY_DOWNLOAD_EXPIRATION=8\nS3_SIGV4ENABLED=false\n"), Options(timeout=1)).run()
    assert v2.get("presign-expiry").status is Status.PASS  # type: ignore[union-attr]
    zero = prepare(write(tmp_path, base + "COLLABORATORY_UPLOAD_EXPIRATION=0\n"), Options(timeout=1)).run()
    assert "born expired" in zero.get("presign-expiry").message  # type: ignore[union-attr]


# --- reporters, registry, generated files -----------------------------------------------------


REPORT = Report(".env.score", "5.11", "s3", (
    Check("lint", Status.PASS, "no lint error stops Score 5.11 from starting.", 3),
    Check("bucket-object", Status.FAIL, "bucket obj does not exist.", 12, "aws s3api create-bucket --bucket obj\nsecond step"),
    Check("sentinel", Status.SKIP, "not run: bucket-object failed.", 0),
))


def test_text_report() -> None:
    assert REPORTERS["text"](REPORT, False) == (
        "preflight .env.score: Score 5.11, S3-compatible storage\n"
        "  pass   lint           no lint error stops Score 5.11 from starting.\n"
        "  fail   bucket-object  bucket obj does not exist.\n"
        "                        -> aws s3api create-bucket --bucket obj\n"
        "                        -> second step\n"
        "  skip   sentinel       not run: bucket-object failed.\n"
        "result: 1 failed, 1 passed, 1 skipped\n"
    )


def test_json_report_matches_the_committed_schema() -> None:
    schema = json.loads((ROOT / docpage.SCHEMA).read_text(encoding="utf-8"))
    data = json.loads(REPORTERS["json"](REPORT, False))
    jsonschema.validate(data, schema)
    assert data == as_dict(REPORT)
    assert data["checks"][1] == {"id": "bucket-object", "status": "fail", "message": "bucket obj does not exist.",
                                 "duration_ms": 12, "remedy": "aws s3api create-bucket --bucket obj\nsecond step"}


def test_registry_is_complete_and_unique() -> None:
    from score_lint.preflight import azure, s3, services

    for provider, impls in (("s3", {**s3.CHECKS, **services.CHECKS}), ("azure", {**azure.CHECKS, **services.CHECKS})):
        ids = [spec.id for spec in checks_for(provider)]
        assert len(ids) == len(set(ids)), provider
        assert set(ids) - {"lint"} == set(impls), provider
    for spec in CHECKS:
        assert spec.title and spec.verifies and spec.remedy and spec.provider in ("s3", "azure", "any")
    assert set(check_ids()) >= {"endpoint", "credentials", "signature", "bucket-object", "bucket-state", "sentinel",
                                "presign-expiry", "write-state", "write-object", "account-key", "container",
                                "policy-upload", "policy-download", "metadata", "auth-server"}


def test_generated_page_and_schema_are_in_step() -> None:
    result = docpage.build(ROOT, check=True)
    assert not result.stale, f"run `python -m score_lint.preflight.docpage` and commit: {result.stale}"
    page = (ROOT / docpage.PAGE).read_text(encoding="utf-8")
    for spec in CHECKS:
        assert f"`{spec.id}`" in page and spec.remedy in page
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "preflight.md" in mkdocs


def test_linting_never_imports_the_storage_libraries(tmp_path: Path) -> None:
    path = write(tmp_path, "SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    code = (
        "import sys\n"
        "from score_lint.cli import main\n"
        "import score_lint.preflight\n"
        f"try:\n    main(['lint', {str(path)!r}])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'botocore', 'boto3', 'azure', 'httpx', 'moto'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


# --- how answers are put into words (no server can produce these here) --------------------------


def _s3_ctx(extra: str = "") -> Context:
    s = settings_of(f"SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ENDPOINT=http://127.0.0.1:1\nS3_ACCESSKEY=a\n"
                    f"S3_SECRETKEY={SECRET}\nBUCKET_NAME_OBJECT=obj\n{extra}")
    ctx = Context(s, Masker(s.secrets))
    ctx.results["endpoint"] = Check("endpoint", Status.PASS, "ok")
    return ctx


def _answer(ctx: Context, answer: object, operation: str = "list_buckets", **params: object) -> None:
    ctx.cache[(operation, tuple(sorted(params.items())))] = answer


def test_clock_skew_is_named() -> None:
    from email.utils import formatdate

    from score_lint.preflight import s3

    ctx = _s3_ctx()
    _answer(ctx, s3.Answer(code="RequestTimeTooSkewed", status=403, headers={"date": formatdate(time_now() - 3600, usegmt=True)}))
    ctx.results["signature"] = Check("signature", Status.PASS, "ok")
    outcome = s3.check_credentials(ctx)
    assert outcome.status is Status.FAIL and outcome.message.startswith("clock skew")
    assert "60 min ahead of the server" in outcome.message and outcome.remedy and "NTP" in outcome.remedy


def test_wrong_region_and_redirect_are_named() -> None:
    from score_lint.preflight import s3

    ctx = _s3_ctx()
    _answer(ctx, s3.Answer(code="AuthorizationHeaderMalformed", status=400,
                           message="the region 'us-east-1' is wrong; expecting 'eu-west-1'"))
    outcome = s3.check_signature(ctx)
    assert outcome.status is Status.FAIL and "expecting 'eu-west-1'" in outcome.message
    assert "region us-east-1 (from the host name 127.0.0.1)" in outcome.message
    ctx = _s3_ctx()
    _answer(ctx, s3.Answer(code="PermanentRedirect", status=301, headers={"x-amz-bucket-region": "eu-west-1"}))
    outcome = s3.check_signature(ctx)
    assert outcome.status is Status.FAIL and "redirects (eu-west-1)" in outcome.message


def test_access_denied_on_the_account_but_not_on_the_bucket_passes() -> None:
    from score_lint.preflight import s3

    ctx = _s3_ctx()
    ctx.results["signature"] = Check("signature", Status.PASS, "ok")
    _answer(ctx, s3.Answer(code="AccessDenied", status=403))
    _answer(ctx, s3.Answer(data={}), "list_objects_v2", Bucket="obj", MaxKeys=1)
    outcome = s3.check_credentials(ctx)
    assert outcome.status is Status.PASS and "listing all buckets is denied" in outcome.message


def test_missing_keys_fall_back_to_a_file_preflight_cannot_see() -> None:
    from score_lint.preflight import s3

    s = settings_of("SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    outcome = s3.check_credentials(Context(s, Masker()))
    assert outcome.status is Status.FAIL and "~/.aws/credentials" in outcome.message


def test_network_failures_in_words() -> None:
    import socket
    import ssl

    from score_lint.preflight import net

    assert net.describe(socket.gaierror(-2, "Name or service not known"), "h:1", 1).kind == net.DNS
    assert net.describe(ConnectionRefusedError(111, "refused"), "h:1", 1).message == "connection to h:1 refused: nothing listens there"
    assert net.describe(TimeoutError(), "h:1", 2.5).message == "no answer from h:1 within 2.5 s"
    wrapped = RuntimeError("outer")
    wrapped.__cause__ = ssl.SSLCertVerificationError(1, "certificate verify failed")
    assert net.describe(wrapped, "h:443", 1).kind == net.TLS


def time_now() -> float:
    import time

    return time.time()


def test_settings_follow_the_profile_precedence_of_each_line() -> None:
    """5.10 takes the profile listed last: amazon's KMS key id reaches the S3 client (and SigV4 with it)."""
    text = "SPRING_PROFILES_ACTIVE=collaboratory,amazon,prod\n"
    on_510 = settings_of(text, line="5.10")
    assert on_510.encryption_key_id == "af628f04-ac12-4b11-bf83-6545fd44ad18" and on_510.sigv4
    assert settings_of(text, line="5.11").encryption_key_id == ""
