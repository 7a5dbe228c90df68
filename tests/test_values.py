"""Value semantics: Java integers and Spring cron expressions, on inputs Python's own parsers refuse; the
patterns checked by hand answer as the patterns do."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from score_lint import values
from score_lint.lines import LINES


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


@pytest.mark.parametrize("line", LINES)
def test_int_and_long_take_javas_whole_range_and_no_more(line: str) -> None:
    # Integer.parseInt and Long.parseLong read one more number below zero than above it.
    for kind, limit in (("int", values.INT_MAX), ("long", values.LONG_MAX)):
        for value in (f"-{limit + 1}", f"{limit}", f"+{limit}", f"-00{limit + 1}", f" -{limit + 1}\t"):
            assert values.matches(kind, line, value), (kind, value)
        for value in (f"-{limit + 2}", f"{limit + 1}", f"+{limit + 1}"):
            assert not values.matches(kind, line, value), (kind, value)


# --- the patterns checked by hand answer as the patterns do ------------------------------------------

_NUMBER_TEXT = st.text(alphabet="0123456789+- \t\n\r\u0663\uff11x", max_size=24)
_BORDERS = [str(n) for limit in (values.INT_MAX, values.LONG_MAX) for n in (limit - 1, limit, limit + 1, limit + 2)]


@pytest.mark.parametrize("pattern", list(values.BY_HAND))
def test_each_check_by_hand_answers_as_its_pattern_on_borders(pattern: str) -> None:
    search = re.compile(pattern).search
    check = values.BY_HAND[pattern]
    words = [w for word in values.BOOLEAN_WORDS for w in (word, word.upper(), word.title())]
    for core in [*_BORDERS, "0", "00", "0" * 30 + "7", "9" * 30, "1" * 5000, "", "+", "-", "+-1", *words, "tru", "yess",
                 "TRUE\u212a", "\u0130", "tr\u00fce"]:
        for sign in ("", "+", "-", "--"):
            for around in ("", " ", "\t", " \t ", "\n", " \n", "\n\n", "\r", "\u00a0", "\u3000"):
                for value in (sign + core, around + sign + core + around, sign + core + around, around + sign + core):
                    assert check(value) == (search(value) is not None), (pattern[:30], value)


@pytest.mark.parametrize("pattern", list(values.BY_HAND))
@given(value=_NUMBER_TEXT | st.text(alphabet="truefalsonyTRUEFALSONY01 \t\n", max_size=12) | st.text(max_size=12))
def test_each_check_by_hand_answers_as_its_pattern(pattern: str, value: str) -> None:
    assert values.BY_HAND[pattern](value) == (re.search(pattern, value) is not None)


def test_the_checks_by_hand_stand_for_the_int_long_and_boolean_patterns_of_every_line() -> None:
    for line in LINES:
        for kind in ("int", "long", "boolean"):
            found = values.value_pattern(kind, line)
            assert found is not None and found[0] in values.BY_HAND
