from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
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
