"""``patterns.lazy`` answers as the compiled pattern does, compiling it only when first used."""

from __future__ import annotations

import re

import pytest

from score_lint.patterns import lazy


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
