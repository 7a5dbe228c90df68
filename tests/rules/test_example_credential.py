from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings, lint
from tests.rules._fixes import rule_findings

CODE = "SL206"
KNOWN = ("abc123", "minio", "minio123", "admin", "admin123", "scoresecret", "pass",
         "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


@pytest.mark.parametrize("value", KNOWN)
@pytest.mark.parametrize(
    "key", ["S3_ACCESSKEY", "S3_ACCESS_KEY", "S3_SECRETKEY", "s3_secret_key", "AUTH_SERVER_CLIENTSECRET",
            "SERVER_SSL_KEY_STORE_PASSWORD"],
)
def test_fires_for_every_known_credential_and_spelling(key: str, value: str) -> None:
    (found,) = rule_findings(f"{key}={value}\n", CODE)
    assert found.severity is Severity.WARNING
    assert value not in found.message and "publicly known example credential" in found.message


@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_quotes_do_not_hide_it(args: str) -> None:
    assert_findings('S3_SECRETKEY="abc123"\nS3_ACCESSKEY=\'minio\'\n', [(1, CODE), (2, CODE)], args, code=CODE)


def test_azure_account_key() -> None:
    text = "SPRING_PROFILES_ACTIVE=azure,prod\nAZURE_ACCOUNT_KEY=admin123\n"
    assert_findings(text, [(2, CODE)], code=CODE)


@pytest.mark.parametrize(
    "line",
    ["S3_SECRETKEY=Zq4vT8rW2mXk9LpN", "S3_SECRETKEY=abc1234", "OBJECT_SENTINEL=admin", "AUTH_SERVER_CLIENTID=admin",
     "FOO_PASSWORD=admin"],
)
def test_clean(line: str) -> None:
    assert_findings(line + "\n", [], code=CODE)


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("overture-stack__SONG__master__docker-compose.yml.score-server.env:16", "AUTH_SERVER_CLIENTSECRET=systemsecret"),
        ("overture-stack__prelude__quickstart__docker-compose.yml.score.env:22", "AUTH_SERVER_CLIENTSECRET=t016kqXfI648ORoIP5gepqCzqtsRjlcc"),
        ("overture-stack__SONG__2.0.0__docker-compose.yml.storage-server.env:6", "AUTH_SERVER_CLIENTSECRET=" + "v9mjRtuEVwpt7cgqnsq6mxtCa5FbUOpKLGh7WX8a1dWbBKfrM3iV3VYMtE60jr3W7GLWtNeYIaJ8EUxPkaInclWVXf64qKdR3IKwyfpDU7JhvWEwIYQYdwV1YAUZjB2e"),
    ],
)
def test_demo_client_secrets_of_overture_compose_files(source: str, line: str) -> None:
    (finding,) = [f for f in lint(line + "\n").findings if f.code == CODE]
    assert line.partition("=")[2] not in finding.message, source
