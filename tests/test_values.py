"""Value semantics: Java integers and Spring cron expressions, on inputs Python's own parsers refuse."""

from __future__ import annotations

import pytest

from score_lint import values


def test_java_int_reads_ordinary_numbers() -> None:
    assert values.java_int(" 42 ") == 42
    assert values.java_int("-007") == -7
    assert values.java_int("4x") is None


def test_java_int_of_thousands_of_digits_is_out_of_range_not_a_crash() -> None:
    number = values.java_int("9" * 5000)  # int() refuses more than 4,300 digits
    assert number is not None and number > values.LONG_MAX
    negative = values.java_int("-" + "9" * 5000)
    assert negative is not None and negative < -values.LONG_MAX
    assert values.java_int("0" * 5000 + "12") == 12  # leading zeros are no digits of the number


@pytest.mark.parametrize("digit", ["²", "٣", "１"])
def test_cron_refuses_non_ascii_digits(digit: str) -> None:
    # str.isdigit() accepts these; Spring's Integer.parseInt does not, and neither does Python's int().
    assert "invalid value" in (values.cron_problem(f"{digit} 0 0 * * ?", "5.11") or "")
    assert "invalid step" in (values.cron_problem(f"0 0 0 * * */{digit}", "5.11") or "")


def test_cron_number_with_thousands_of_digits() -> None:
    assert "within 1-31" in (values.cron_problem("0 0 0 " + "9" * 5000 + " * ?", "5.11") or "")
    assert values.cron_problem("0 0 0 " + "0" * 5000 + "1 * ?", "5.11") is None
