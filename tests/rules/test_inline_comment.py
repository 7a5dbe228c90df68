from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import fixed, rule_findings

CODE = "SL203"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("UPLOAD_PARTSIZE=104857600 # 100 MiB", "Score fails to start"),
        ("UPLOAD_PARTSIZE=104857600\t# 100 MiB", "Score fails to start"),
        ("OBJECT_SENTINEL=heliograph # ping object", "Score uses a value with the comment text"),
        ("S3_SECRETKEY=Zq4vT8rW2mXk9LpN # rotated in May", "the credential includes the comment text"),
    ],
)
def test_fires_under_docker(line: str, expected: str) -> None:
    (found,) = rule_findings(line + "\n", CODE)
    assert found.severity is Severity.ERROR and expected in found.message
    assert found.column == line.index("#") + 1


@pytest.mark.parametrize(
    "line",
    [
        "UPLOAD_PARTSIZE=104857600",
        "UPLOAD_PARTSIZE=104857600#no blank before",
        "# UPLOAD_PARTSIZE=104857600 # commented out",
        'OBJECT_SENTINEL="helio # graph"',
    ],
)
def test_clean(line: str) -> None:
    assert_findings(line + "\n", [], code=CODE)


def test_never_under_compose() -> None:
    assert_findings("UPLOAD_PARTSIZE=104857600 # 100 MiB\n", [], "--dialect compose", code=CODE)


def test_fix_moves_the_comment_above() -> None:
    text = "UPLOAD_PARTSIZE=104857600   # 100 MiB\nOBJECT_SENTINEL=heliograph\n"
    assert fixed(text, CODE) == "# 100 MiB\nUPLOAD_PARTSIZE=104857600\nOBJECT_SENTINEL=heliograph\n"


def test_fix_keeps_crlf_and_indentation() -> None:
    text = "  UPLOAD_PARTSIZE=104857600 # 100 MiB\r\nX=1\r\n"
    assert fixed(text, CODE) == "  # 100 MiB\r\nUPLOAD_PARTSIZE=104857600\r\nX=1\r\n"


def test_fix_is_unsafe_for_secrets() -> None:
    (found,) = rule_findings("S3_SECRETKEY=Zq4v #T8rW\n", CODE)
    assert found.fix is not None and not found.fix.safe


def test_quoted_value_with_a_comment_gets_both() -> None:
    text = 'S3_ENDPOINT="http://minio:9000" # local\n'
    assert [f.code for f in rule_findings(text, CODE)] == [CODE]
    assert [f.code for f in rule_findings(text, "SL202")] == ["SL202"]
    assert fixed(text, CODE) == '# local\nS3_ENDPOINT="http://minio:9000"\n'


def test_clean_enabled() -> None:
    (found,) = rule_findings("UPLOAD_CLEAN_ENABLED=true # nightly\n", CODE)
    assert found.severity is Severity.WARNING
    assert_findings("UPLOAD_CLEAN_ENABLED=false # off\n", [], code=CODE)


def test_azure_only_settings_on_azure() -> None:
    text = "SPRING_PROFILES_ACTIVE=azure,prod\nBUCKET_POLICY_UPLOAD=UploadPolicy # write\n"
    assert_findings(text, [(2, CODE)], code=CODE)
    assert_findings(text, [], "--dialect compose", code=CODE)
