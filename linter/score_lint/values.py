"""How Score converts a value of each documented type, as JSON Schema fragments and Python checks.

One place for value semantics: the schema compiler turns a type into a ``pattern`` (ECMA-262 syntax that
Python's ``re`` reads the same way), and the lint rules check values against the very same pattern
(``accepts``). Three patterns are also checked by hand, to the same answer, because compiling them cost
more than the rest of a small file's lint; tests hold each to its pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

TYPES: tuple[str, ...] = (
    "string",
    "secret",
    "url",
    "endpoint",
    "boolean",
    "int",
    "long",
    "double",
    "cron",
    "log-level",
    "list",
    "profiles",
    "bucket-name",
    "container-name",
    "enum",
    "on-unless-false",
)

# Java reads one more number below zero than above it: -2147483648 is an int.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1
BOOLEAN_WORDS = ("true", "false", "on", "off", "yes", "no", "1", "0")
LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF")
CRON_MACROS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
# Spring trims boolean and number text before converting it.
_BLANKS = "[ \\t]*"


def ci(word: str) -> str:
    """A case-insensitive regex for ``word`` without inline flags (editors' engines lack them)."""
    out = []
    for ch in word:
        if ch.isalpha():
            out.append(f"[{ch.upper()}{ch.lower()}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def digits_up_to(limit: int) -> str:
    """A regex for the decimal numbers 0..limit (leading zeros allowed by the caller)."""
    n = str(limit)
    alts = [f"[0-9]{{1,{len(n) - 1}}}"]
    for i, ch in enumerate(n):
        d = int(ch)
        low = 1 if i == 0 else 0
        if d - 1 < low:
            continue
        rest = len(n) - i - 1
        alts.append(n[:i] + f"[{low}-{d - 1}]" + (f"[0-9]{{{rest}}}" if rest else ""))
    alts.append(n)
    return "(?:" + "|".join(alts) + ")"


_CRON_FIELD = "[0-9A-Za-z*?/,#-]+"


def _cron_pattern(line: str) -> str:
    six = f"{_CRON_FIELD}(?:[ \\t]+{_CRON_FIELD}){{5}}"
    if line == "5.10":
        return f"^[ \\t]*{six}[ \\t]*$"
    macros = "|".join(re.escape(m) for m in CRON_MACROS)
    return f"^[ \\t]*(?:{six}|{macros})[ \\t]*$"


def _choice(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(ci(w) for w in words) + ")"


_BOOLEAN = f"^{_BLANKS}{_choice(BOOLEAN_WORDS)}{_BLANKS}$"
_INT = f"^{_BLANKS}(?:[+]?0*{digits_up_to(INT_MAX)}|-0*{digits_up_to(-INT_MIN)}){_BLANKS}$"
_LONG = f"^{_BLANKS}(?:[+]?0*{digits_up_to(LONG_MAX)}|-0*{digits_up_to(-LONG_MIN)}){_BLANKS}$"


@cache
def _patterns(line: str) -> dict[str, tuple[str, str]]:
    """type -> (pattern, message that says what a valid value looks like)."""
    return {
        "boolean": (
            _BOOLEAN,
            "Spring accepts only true, false, on, off, yes, no, 1 or 0 (any case), without quotes.",
        ),
        "int": (
            _INT,
            f"A whole number from {INT_MIN} to {INT_MAX} (Java int), without quotes or units.",
        ),
        "long": (
            _LONG,
            f"A whole number from {LONG_MIN} to {LONG_MAX} (Java long), without quotes or units.",
        ),
        "double": (
            f"^{_BLANKS}[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?{_BLANKS}$",
            "A decimal number such as 2.0, without quotes.",
        ),
        "url": (
            "^[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'{}#]+$",
            "An absolute URL such as http://song:8080, without quotes or blanks.",
        ),
        "endpoint": (
            "^(?:[A-Za-z][A-Za-z0-9+.-]*://)?[^\\s\"'{}#/]+(?:/[^\\s\"'{}#]*)?$",
            "A URL such as http://minio:9000 or a host[:port], without quotes or blanks.",
        ),
        "cron": (
            _cron_pattern(line),
            "A Spring cron expression with six fields (second minute hour day month weekday), e.g. 0 0 0 * * ?"
            + ("" if line == "5.10" else ", or a macro such as @daily")
            + ".",
        ),
        "log-level": (
            f"^{_BLANKS}{_choice(LOG_LEVELS)}{_BLANKS}$",
            "One of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF.",
        ),
        "profiles": (
            "^[^\"'#]*$",
            "Profile names separated by commas, without quotes.",
        ),
        "bucket-name": (
            "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
            "3 to 63 lower-case letters, digits, dots and dashes, starting and ending with a letter or digit.",
        ),
        "container-name": (
            "^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
            "3 to 63 lower-case letters, digits and dashes, starting and ending with a letter or digit, "
            "no two dashes in a row.",
        ),
    }


def value_pattern(kind: str, line: str, enum: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The (pattern, explanation) for a type on a Score line, or None when any text is accepted."""
    if kind == "enum" and enum:
        # Spring's lenient enum binding ignores case and the difference between '-' and '_'.
        alts = "|".join(ci(v).replace("_", "[-_]") for v in enum)
        return f"^{_BLANKS}(?:{alts}){_BLANKS}$", "One of " + ", ".join(enum) + " (any case)."
    return _patterns(line).get(kind)


def value_schema(kind: str, line: str, enum: tuple[str, ...] = ()) -> dict[str, object]:
    """The JSON Schema fragment that decides validity for a value of ``kind`` (env values are always
    strings). Completion help for editors is the editor schemas' business."""
    schema: dict[str, object] = {"type": "string"}
    found = value_pattern(kind, line, enum)
    if found:
        schema["pattern"], schema["patternErrorMessage"] = found
    return schema


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _between_blanks(value: str) -> str:
    """What ``^[ \\t]*(...)[ \\t]*$`` leaves for the group: ``$`` also matches before a final newline."""
    return (value[:-1] if value.endswith("\n") else value).strip(" \t")


def _boolean(value: str) -> bool:
    word = _between_blanks(value)
    return word.isascii() and word.lower() in BOOLEAN_WORDS  # ci() spells ASCII letters only


def _whole_number(low: int, high: int) -> Callable[[str], bool]:
    """``[+-]?0*`` and a decimal from ``low`` to ``high`` between blanks: the int and long patterns' reading."""
    most = len(str(-low))

    def check(value: str) -> bool:
        text = _between_blanks(value)
        sign = text[:1]
        digits = text[1:] if sign in ("+", "-") else text
        # [0-9] is ASCII only; a number longer than the limit (zeros aside) is over it, and not converted.
        if not (digits.isascii() and digits.isdigit()):
            return False
        digits = digits.lstrip("0")
        return len(digits) <= most and int(digits or "0") <= (-low if sign == "-" else high)

    return check


# pattern -> the same test by hand, for the patterns whose compiling cost the most.
BY_HAND: dict[str, Callable[[str], bool]] = {
    _BOOLEAN: _boolean,
    _INT: _whole_number(INT_MIN, INT_MAX),
    _LONG: _whole_number(LONG_MIN, LONG_MAX),
}


@cache
def accepts(pattern: str) -> Callable[[str], bool]:
    """Whether ``re.search(pattern, value)`` finds something, as a test of ``value``."""
    by_hand = BY_HAND.get(pattern)
    if by_hand is not None:
        return by_hand
    search = compiled(pattern).search
    return lambda value: search(value) is not None


def matches(kind: str, line: str, value: str, enum: tuple[str, ...] = ()) -> bool:
    found = value_pattern(kind, line, enum)
    return found is None or accepts(found[0])(value)


def spring_boolean(value: str) -> bool | None:
    """Spring's StringToBooleanConverter: True/False, or None when conversion fails."""
    word = value.strip().lower()
    if word in ("true", "on", "yes", "1"):
        return True
    if word in ("false", "off", "no", "0"):
        return False
    return None


# More digits than this (leading zeros aside) overflow every Java integer type: the exact value does not
# matter, and Python refuses to convert more than 4,300 digits at all.
_MAX_DIGITS = 40


def java_int(value: str) -> int | None:
    """The integer Spring would parse (blanks trimmed), or None when it is not a number at all.

    A number too long for any Java type comes back as ``±10**40``, which is out of range for all of them.
    """
    text = "".join(value.split())
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    digits = text.lstrip("+-").lstrip("0")
    negative = text.startswith("-")
    if len(digits) > _MAX_DIGITS:
        return -(10**_MAX_DIGITS) if negative else 10**_MAX_DIGITS
    number = int(digits or "0")
    return -number if negative else number


_CRON_RANGES = ((0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_CRON_NAMES = (
    (),
    (),
    (),
    (),
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
    ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"),
)
_CRON_FIELDS = ("second", "minute", "hour", "day of month", "month", "day of week")


def cron_problem(value: str, line: str) -> str | None:
    """Why Spring's cron parser for ``line`` refuses ``value``, or None when it accepts it."""
    text = value.strip()
    if text.startswith("@"):
        if line == "5.10":
            return "Score 5.10 (Spring 5.1) does not know cron macros such as @daily: use six fields."
        return None if text.lower() in CRON_MACROS else f"{text.split()[0]} is not a Spring cron macro."
    fields = text.split()
    if len(fields) == 5:
        return "five fields is Unix cron; Spring needs six (a leading seconds field), e.g. 0 " + text + "."
    if len(fields) != 6:
        return f"Spring cron needs six fields, not {len(fields)}."
    for index, field in enumerate(fields):
        low, high = _CRON_RANGES[index]
        names = _CRON_NAMES[index]
        for part in field.split(","):
            if part in ("*", "?") and (part == "*" or index in (3, 5)):
                continue
            base, _, step = part.partition("/")
            if step and not _ascii_digits(step):
                return f"the {_CRON_FIELDS[index]} field has an invalid step {step!r}."
            if base in ("*", "?"):
                continue
            if index in (3, 5) and re.fullmatch(r"L|LW|[0-9]{1,2}W|L-[0-9]{1,2}|[0-9A-Za-z]{1,3}L|[0-9A-Za-z]{1,3}#[1-5]", base):
                continue
            for bound in base.split("-", 1):
                number = bound
                if bound.upper() in names:
                    continue
                if not _ascii_digits(number):
                    return f"the {_CRON_FIELDS[index]} field has an invalid value {bound!r}."
                significant = number.lstrip("0") or "0"  # int() refuses 4,300 digits, leading zeros too
                if len(significant) > 6 or not low <= int(significant) <= high:
                    return f"the {_CRON_FIELDS[index]} field must be within {low}-{high}, not {number}."
    return None


def _ascii_digits(text: str) -> bool:
    """Only 0-9: ``str.isdigit`` also accepts superscripts such as ``²``, which ``int`` then refuses."""
    return text.isascii() and text.isdigit()
