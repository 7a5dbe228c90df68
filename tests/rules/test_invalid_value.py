from __future__ import annotations

import pytest

from tests.helpers import assert_findings, lint

CODE = "SL201"


@pytest.mark.parametrize(
    "line",
    [
        "S3_SIGV4ENABLED=enabled",
        "S3_SECURED=tru",
        "UPLOAD_PARTSIZE=100MB",
        "UPLOAD_PARTSIZE=2147483648",
        "AUTH_CONNECTION_INITIALBACKOFF=9223372036854775808",
        "AUTH_CONNECTION_MULTIPLIER=two",
        "METADATA_URL=song:8080",
        "S3_ENDPOINT=http://minio :9000",
        "LOGGING_LEVEL_ROOT=VERBOSE",
        "AUTH_SERVER_PROVIDER=okta",
        "S3_SIGV4ENABLED=",
    ],
)
def test_fires(line: str) -> None:
    assert_findings(line + "\n", [(1, CODE)], code=CODE)


@pytest.mark.parametrize(
    "line",
    [
        "S3_SIGV4ENABLED=true",
        "S3_SIGV4ENABLED=OFF",
        "S3_SIG_V4_ENABLED=yes",
        "UPLOAD_PARTSIZE=2147483647",
        "UPLOAD_PARTSIZE=104857600",
        "AUTH_CONNECTION_INITIALBACKOFF=9223372036854775807",
        "AUTH_CONNECTION_MULTIPLIER=2.0",
        "METADATA_URL=http://song:8080",
        "S3_ENDPOINT=minio:9000",
        "LOGGING_LEVEL_BIO_OVERTURE=debug",
        "AUTH_SERVER_PROVIDER=Keycloak",
        "S3_SECRETKEY=anything goes here",
        "OBJECT_SENTINEL=heliograph",
    ],
)
def test_clean(line: str) -> None:
    assert_findings(line + "\n", [], code=CODE)


@pytest.mark.parametrize(
    "line",
    [
        'S3_SIGV4ENABLED="true"',
        "S3_SIGV4ENABLED='false'",
        "UPLOAD_PARTSIZE=104857600 # 100 MiB",
        "METADATA_URL=http://song:8080  ",
        'S3_ENDPOINT="http://minio:9000" # local',
    ],
)
def test_leaves_docker_quotes_comments_and_blanks_to_their_rules(line: str) -> None:
    codes = [f.code for f in lint(line + "\n").findings]
    assert CODE not in codes
    assert {"SL202", "SL203", "SL204"} & set(codes)


def test_quoted_and_still_invalid_reports_both() -> None:
    codes = [f.code for f in lint('S3_SIGV4ENABLED="maybe"\n').findings]
    assert "SL201" in codes and "SL202" in codes


def test_compose_reads_the_quotes_away() -> None:
    assert_findings('S3_SIGV4ENABLED="true"\n', [], "--dialect compose", code=CODE)
    assert_findings("UPLOAD_PARTSIZE=104857600 # 100 MiB\n", [], "--dialect compose", code=CODE)
    assert_findings('S3_SIGV4ENABLED="yes please"\n', [(1, CODE)], "--dialect compose", code=CODE)


def test_placeholders_are_sl205s() -> None:
    assert_findings("S3_ENDPOINT={{endpoint}}\nS3_SECURED=<true-or-false>\n", [], code=CODE)


def test_only_the_value_that_reaches_score() -> None:
    text = "S3_SIGV4ENABLED=true\nS3_SIGV4ENABLED=nope\n"
    assert_findings(text, [], code=CODE)  # docker: the JVM keeps the first
    assert_findings(text, [(2, CODE)], "--dialect compose", code=CODE)


def test_bucket_names_and_cron_have_their_own_rules() -> None:
    assert_findings("BUCKET_NAME_OBJECT=Bad_Name\nUPLOAD_CLEAN_CRON=0 3 * * *\n", [], code=CODE)


def test_messages() -> None:
    def message(text: str) -> str:
        (found,) = [f for f in lint(text).findings if f.code == CODE]
        return found.message

    assert "Spring accepts only" in message("S3_SIGV4ENABLED=enabled\n")
    assert "Score fails to start" in message("S3_SIGV4ENABLED=enabled\n")
    assert "overflows Java int" in message("UPLOAD_PARTSIZE=2147483648\n")
    assert "overflows Java long" in message("AUTH_CONNECTION_INITIALBACKOFF=9223372036854775808\n")
    assert "2147483648" not in message("UPLOAD_PARTSIZE=2147483648\n")
    assert "at least -2147483648" in message("UPLOAD_PARTSIZE=-2147483649\n")
    assert "at least -9223372036854775808" in message("AUTH_CONNECTION_INITIALBACKOFF=-9223372036854775809\n")


def test_javas_minimum_values_are_accepted() -> None:
    # Integer.parseInt("-2147483648") and Long.parseLong("-9223372036854775808") succeed.
    assert_findings("UPLOAD_PARTSIZE=-2147483648\nAUTH_CONNECTION_INITIALBACKOFF=-9223372036854775808\n", [], code=CODE)


def test_by_line() -> None:
    # AUTH_SERVER_PROVIDER exists from 5.11 on; on 5.10 it binds nothing (SL102's business).
    assert_findings("AUTH_SERVER_PROVIDER=okta\n", [], "--score-version 5.10", code=CODE)
    assert_findings("S3_UPLOAD_EXPIRATION=six\n", [(1, CODE)], "--score-version develop", code=CODE)


def test_every_logger_of_a_family_is_checked() -> None:
    text = "LOGGING_LEVEL_ROOT=INFO\nLOGGING_LEVEL_BIO_OVERTURE=LOUD\n"
    assert_findings(text, [(2, CODE)], code=CODE)


def test_azure_account_key_must_be_base64() -> None:
    from tests.helpers import lint

    azure = "SPRING_PROFILES_ACTIVE=azure,prod\n"
    (finding,) = [f for f in lint(azure + "AZURE_ACCOUNTKEY=not a key!\n").findings if f.code == "SL201"]
    assert "not valid Base64" in finding.message and "does not start" in finding.message
    assert "not a key" not in finding.message
    # Text after the first ';' is more of the connection string (the way to reach a local emulator).
    emulator = "AZURE_ACCOUNTKEY=c2NvcmUtbGludA==;BlobEndpoint=http://azurite:10000/devstoreaccount1\n"
    assert not [f for f in lint(azure + emulator).findings if f.code == "SL201"]


def test_single_brace_placeholder_of_a_guide_is_a_placeholder_not_a_bad_key() -> None:
    # docs/overture-stack__score__d627636d784f__docs-Setup-02-object-storage.md: the Azure block of Score's own docs.
    from tests.helpers import lint

    found = lint("SPRING_PROFILES_ACTIVE=azure,prod\nAZURE_ACCOUNT_KEY={storage_account_secret_key}\n").findings
    assert [f.code for f in found if f.line == 2 and f.code in ("SL201", "SL205")] == ["SL205"]
