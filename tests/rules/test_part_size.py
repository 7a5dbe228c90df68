from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL208"


@pytest.mark.parametrize("args", ["", "--dialect compose", "--score-version 5.10", "--score-version develop"])
def test_fires_on_s3(args: str) -> None:
    (found,) = rule_findings("UPLOAD_PARTSIZE=1048576\n", CODE, args)
    assert found.severity is Severity.WARNING
    assert "Score raises it to 20 MiB (20971520)" in found.message


@pytest.mark.parametrize("value", ["20971520", "104857600", "2147483647", "2147483648", "big", "{{size}}"])
def test_clean(value: str) -> None:
    assert_findings(f"UPLOAD_PARTSIZE={value}\n", [], code=CODE)


def test_overflow_is_sl201s() -> None:
    assert_findings("UPLOAD_PARTSIZE=99999999999\n", [(1, "SL201")], code="SL201")


def test_no_floor_on_azure() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=azure,prod\nUPLOAD_PARTSIZE=1048576\n", [], code=CODE)
    assert_findings("UPLOAD_PARTSIZE=20000000\n", [], "--provider azure", code=CODE)


def test_the_seed_pages_tiny_azure_part_size() -> None:
    # docs/seed-object-storage.md, lines 55 and 65: the Azure block of the seed page.
    (found,) = rule_findings("SPRING_PROFILES_ACTIVE=prod,azure\nUPLOAD_PARTSIZE=104587\n", CODE)
    assert found.severity is Severity.WARNING and found.line == 2
    assert "about 10,266 requests" in found.message and "download part size" in found.message


@pytest.mark.parametrize("value", ["0", "-1"])
def test_azure_part_size_zero_or_less_hangs_every_download(value: str) -> None:
    (found,) = rule_findings(f"UPLOAD_PARTSIZE={value}\n", CODE, "--provider azure")
    assert found.severity is Severity.ERROR and "loops forever" in found.message


def test_quoted_value_is_judged_as_meant() -> None:
    assert_findings('UPLOAD_PARTSIZE="1048576"\n', [(1, CODE)], code=CODE)
