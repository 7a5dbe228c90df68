from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL209"


@pytest.mark.parametrize("line", ["5.10", "5.11"])
@pytest.mark.parametrize("key", ["COLLABORATORY_UPLOAD_EXPIRATION", "COLLABORATORY_DOWNLOAD_EXPIRATION"])
def test_fires_on_5_10_and_5_11(line: str, key: str) -> None:
    (found,) = rule_findings(f"{key}=8\n", CODE, f"--score-version {line}")
    assert found.severity is Severity.ERROR
    assert "every presigned URL fails" in found.message and "7 days" in found.message


@pytest.mark.parametrize("key", ["S3_UPLOAD_EXPIRATION", "S3_DOWNLOAD_EXPIRATION"])
def test_fires_on_develop(key: str) -> None:
    assert_findings(f"{key}=30\n", [(1, CODE)], "--score-version develop", code=CODE)
    # Those names are read by develop only (SL102 reports them elsewhere).
    assert_findings(f"{key}=30\n", [], "--score-version 5.11", code=CODE)


@pytest.mark.parametrize(
    "sigv4", ["S3_SIGV4ENABLED=true\n", "S3_SIG_V4_ENABLED=YES\n", 'S3_SIGV4ENABLED="true"\n', ""]
)
def test_sigv4_on_or_absent(sigv4: str) -> None:
    assert_findings(f"{sigv4}COLLABORATORY_DOWNLOAD_EXPIRATION=14\n", [(2 if sigv4 else 1, CODE)], code=CODE)


def test_sigv4_off() -> None:
    assert_findings("S3_SIGV4ENABLED=false\nCOLLABORATORY_DOWNLOAD_EXPIRATION=14\n", [], code=CODE)


def test_encryption_key_forces_sigv4() -> None:
    text = "S3_SIGV4ENABLED=false\nS3_MASTERENCRYPTIONKEYID=af628f04\nCOLLABORATORY_DOWNLOAD_EXPIRATION=14\n"
    assert_findings(text, [(3, CODE)], code=CODE)


@pytest.mark.parametrize("days", ["7", "1", "2147483648", "week"])
def test_clean(days: str) -> None:
    assert_findings(f"COLLABORATORY_UPLOAD_EXPIRATION={days}\n", [], code=CODE)


def test_not_on_azure() -> None:
    text = "SPRING_PROFILES_ACTIVE=azure,prod\nCOLLABORATORY_DOWNLOAD_EXPIRATION=30\n"
    assert_findings(text, [], code=CODE)


def test_compose() -> None:
    assert_findings('COLLABORATORY_UPLOAD_EXPIRATION="10"\n', [(1, CODE)], "--dialect compose", code=CODE)


@pytest.mark.parametrize("args", ["", "--provider azure", "--score-version 5.10"])
@pytest.mark.parametrize("days", ["0", "-1"])
def test_zero_or_less_is_born_expired(args: str, days: str) -> None:
    (found,) = rule_findings(f"COLLABORATORY_DOWNLOAD_EXPIRATION={days}\n", CODE, args)
    assert found.severity is Severity.ERROR and "born expired" in found.message


def test_upload_expiration_zero_also_aborts_uploads_in_the_clean_up() -> None:
    (found,) = rule_findings("S3_UPLOAD_EXPIRATION=0\n", CODE, "--score-version develop")
    assert "aborts every upload in progress" in found.message
    (off,) = rule_findings("S3_UPLOAD_EXPIRATION=0\nUPLOAD_CLEAN_ENABLED=false\n", CODE, "--score-version develop")
    assert "aborts" not in off.message
