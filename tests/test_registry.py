"""Guards over the rule registry: unique sorted codes, documentation, and self-checking examples."""

from __future__ import annotations

import re

import pytest

from score_lint.engine import Severity
from score_lint.rules import RULES
from tests.helpers import docstring_examples, lint

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix")


def test_codes_are_unique_and_sorted() -> None:
    codes = [rule.CODE for rule in RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"SL[1-5][0-9]{2}", code) for code in codes)


def test_names_are_unique_kebab_case() -> None:
    names = [rule.NAME for rule in RULES]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.NAME)
def test_rule_is_documented(rule) -> None:
    doc = rule.__doc__ or ""
    for section in SECTIONS:
        assert f"## {section}" in doc, f"{rule.NAME} lacks '## {section}'"
    assert isinstance(rule.SEVERITY, Severity)
    assert rule.FIX in ("safe", "unsafe", "none")
    assert rule.__name__.rsplit(".", 1)[1] == rule.NAME.replace("-", "_")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.NAME)
def test_example_fires_and_use_instead_is_clean(rule) -> None:
    examples = docstring_examples(rule)
    assert examples.get("Example"), f"{rule.NAME} has no env example"
    assert examples.get("Use instead"), f"{rule.NAME} has no 'use instead' env example"
    for options, text in examples["Example"]:
        codes = [f.code for f in lint(text, options).findings]
        assert rule.CODE in codes, f"{rule.NAME}: example does not fire ({codes})"
    for options, text in examples["Use instead"]:
        codes = [f.code for f in lint(text, options).findings]
        assert rule.CODE not in codes, f"{rule.NAME}: 'use instead' still fires"
