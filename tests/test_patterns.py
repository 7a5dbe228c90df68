"""``patterns.lazy`` answers as the compiled pattern does, compiling it only when first used; and the
questions answered without a pattern (for start-up time) answer as the pattern they stand for."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from score_lint.catalogue import module_name
from score_lint.findings import shown_name
from score_lint.inputs import yaml_key
from score_lint.patterns import lazy, shell_name
from tests.helpers import fuzz

# Text made of the characters the patterns care about, and of those that look like them: non-ASCII
# letters and digits (é, ſ, the Kelvin sign, Arabic-Indic digits), blanks, separators and controls.
_CHARS = st.sampled_from(list("aZ_09.-[]:= \t\r#{}$\"'") + ["é", "\u017f", "\u212a", "\u0663", "\xa0", "\x00", "\u2028"])
TEXT = st.lists(_CHARS, max_size=12).map("".join) | st.text(max_size=12)


def test_a_lazy_pattern_is_compiled_on_first_use_and_answers_as_re_does() -> None:
    pattern = lazy(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    assert "match" not in vars(pattern)  # nothing compiled yet
    compiled = re.compile(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    text = "Ab-1 cd-22 x"
    assert pattern.match(text).groups() == compiled.match(text).groups()  # type: ignore[union-attr]
    assert "match" in vars(pattern)  # bound once: later calls go straight to the compiled pattern
    assert pattern.search(text, 3).span() == compiled.search(text, 3).span()  # type: ignore[union-attr]
    assert pattern.fullmatch("ab-1") is not None and pattern.fullmatch("ab-1 ") is None
    assert pattern.sub(r"\2", text) == compiled.sub(r"\2", text)
    assert pattern.sub(r"\2", text, count=1) == compiled.sub(r"\2", text, count=1)
    assert pattern.split(text) == compiled.split(text)
    assert pattern.findall(text) == compiled.findall(text)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert pattern.groupindex == compiled.groupindex and pattern.groups == compiled.groups
    assert pattern.flags == compiled.flags and pattern.pattern == compiled.pattern
    with pytest.raises(AttributeError):
        pattern.no_such_method  # type: ignore[attr-defined]  # noqa: B018


def test_a_bad_pattern_fails_when_first_used() -> None:
    pattern = lazy("(")
    with pytest.raises(re.error):
        pattern.match("x")


@given(TEXT)
@fuzz(100)
@example("")
@example("_")
@example("9a")
@example("a\u0663")
@example("\u212a")
@example("if")
def test_a_shell_name_is_what_the_pattern_matches(text: str) -> None:
    assert shell_name(text) is (re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) is not None)


@given(TEXT)
@fuzz(100)
@example("services:")
@example("services: x")
@example("a.b-c:\tx")
@example("S3_ENDPOINT=http://x:9000")
@example(":")
@example("9a: x")
@example("a:b")
@example("a :")
@example("é: x")
def test_a_yaml_key_is_what_the_pattern_matches(line: str) -> None:
    assert yaml_key(line) is (re.match(r"[A-Za-z_][A-Za-z0-9_.-]*:(?:[ \t]|$)", line) is not None)


def _shown_by_pattern(key: str) -> str:
    import unicodedata

    run = re.compile(r"[A-Za-z0-9_.\-\[\]]*")
    end = run.match(key).end()  # type: ignore[union-attr]
    while end < len(key) and not key[end].isascii() and unicodedata.category(key[end])[0] in "LN":
        end = run.match(key, end + 1).end()  # type: ignore[union-attr]
    return key if end == len(key) else key[:end]


@given(TEXT)
@fuzz(100)
@example("S3_SECRETKEY:value")
@example("AZURE_ACCOUNTKEY <key>")
@example("caf\u00e9_NAME")
@example("a[0].b-c")
def test_a_shown_name_is_cut_where_the_pattern_cuts_it(key: str) -> None:
    assert shown_name(key) == _shown_by_pattern(key)


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop", "6.0-rc.1", "x/y é"])
def test_a_catalogue_module_is_named_as_the_pattern_named_it(line: str) -> None:
    assert module_name(line) == "catalogue_" + re.sub(r"[^A-Za-z0-9]", "_", line)
