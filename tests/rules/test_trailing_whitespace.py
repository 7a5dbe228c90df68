from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import fixed, rule_findings

CODE = "SL204"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("OBJECT_SENTINEL=heliograph  ", "Score uses a value with the trailing blanks"),
        ("S3_ENDPOINT=http://minio:9000\t", "Score uses a value with the trailing blanks"),
        ("S3_SECRETKEY=Zq4vT8rW2mXk9LpN ", "the credential includes the trailing blanks"),
        ("S3_SIGV4ENABLED=true ", "Spring trims them before reading the boolean"),
        ("UPLOAD_PARTSIZE=104857600 ", "Spring trims them before reading the int"),
        ('S3_ENDPOINT="http://minio:9000" ', "Score uses a value with the trailing blanks"),
    ],
)
def test_fires_under_docker_as_a_warning(line: str, expected: str) -> None:
    (found,) = rule_findings(line + "\n", CODE)
    assert found.severity is Severity.WARNING and expected in found.message


@pytest.mark.parametrize(
    "line",
    [
        "OBJECT_SENTINEL=heliograph",
        "UPLOAD_PARTSIZE=104857600 # blanks before a comment are SL203's",
        'OBJECT_SENTINEL="heliograph "',
        "UNKNOWN_THING=x  ",
    ],
)
def test_clean(line: str) -> None:
    assert_findings(line + "\n", [], code=CODE)


def test_never_under_compose() -> None:
    assert_findings('OBJECT_SENTINEL=heliograph  \nS3_ENDPOINT="http://minio:9000 "\n', [], "--dialect compose", code=CODE)


def test_fix_strips_the_blanks() -> None:
    text = "OBJECT_SENTINEL=heliograph \t \r\nS3_SIGV4ENABLED=true \n"
    assert fixed(text, CODE) == "OBJECT_SENTINEL=heliograph\r\nS3_SIGV4ENABLED=true\n"


def test_a_false_with_blanks_is_sl212s() -> None:
    assert_findings("UPLOAD_CLEAN_ENABLED=false \n", [], code=CODE)
    assert_findings("UPLOAD_CLEAN_ENABLED=false \n", [(1, "SL212")], code="SL212")
    assert_findings("UPLOAD_CLEAN_ENABLED=true \n", [(1, CODE)], code=CODE)
