"""Guards over the rule registry: unique sorted codes, documentation, and self-checking examples."""

from __future__ import annotations

from score_lint.drift.engine import drift_text

import re

import pytest

from score_lint.findings import Severity, rule_severities
from score_lint.drift.rules import DRIFT_RULES
from score_lint.lint.rules import BY_CODE, RULES
from tests.corpus_runs import corpus_runs
from tests.helpers import docstring_examples, lint

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix")
# Their examples need bytes (invalid UTF-8, NUL) that an ```env block in a docstring cannot hold: the
# docstrings describe them in prose and tests/rules/test_<name>.py lints the bytes.
BINARY_EXAMPLES = {"invalid-utf8", "nul-byte", "line-too-long"}
# Their examples are Kubernetes manifests, which an env file cannot express: tests/rules/test_<name>.py
# reads the docstring's ```yaml example with `score-lint k8s`.
MANIFEST_EXAMPLES = {"set-elsewhere"}


def test_codes_are_unique_and_sorted() -> None:
    codes = [rule.CODE for rule in RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"SL[1-5][0-9]{2}", code) for code in codes)


def test_drift_codes_are_unique_sorted_and_their_own_group() -> None:
    codes = [rule.CODE for rule in DRIFT_RULES]
    assert codes == sorted(codes)
    assert all(re.fullmatch(r"SL4[0-9]{2}", code) for code in codes)
    every = codes + [rule.CODE for rule in RULES]
    assert len(set(every)) == len(every)
    names = [rule.NAME for rule in (*RULES, *DRIFT_RULES)]
    assert len(set(names)) == len(names)


def test_names_are_unique_kebab_case() -> None:
    names = [rule.NAME for rule in RULES]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


@pytest.mark.parametrize("rule", (*RULES, *DRIFT_RULES), ids=lambda r: r.NAME)
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
    if rule.NAME in BINARY_EXAMPLES | MANIFEST_EXAMPLES:
        examples["Example"] = []
    else:
        assert examples.get("Example"), f"{rule.NAME} has no env example"
    assert examples.get("Use instead"), f"{rule.NAME} has no 'use instead' env example"
    for options, text in examples["Example"]:
        codes = [f.code for f in lint(text, options).findings]
        assert rule.CODE in codes, f"{rule.NAME}: example does not fire ({codes})"
    for options, text in examples["Use instead"]:
        codes = [f.code for f in lint(text, options).findings]
        assert rule.CODE not in codes, f"{rule.NAME}: 'use instead' still fires"


_MARKDOWN_BLOCK = re.compile(r"^(?P<fence>`{3,}|~{3,})markdown\n(?P<body>.*?)^(?P=fence)$", re.M | re.S)


@pytest.mark.parametrize("rule", DRIFT_RULES, ids=lambda r: r.NAME)
def test_drift_example_fires_and_use_instead_is_clean(rule) -> None:

    # Only the docstring's own headings: the Markdown examples have "## ..." headings of their own.
    titles = "|".join(re.escape(title) for title in SECTIONS)
    parts = re.split(rf"^## ({titles})$", rule.__doc__ or "", flags=re.M)
    sections = {title.strip(): body for title, body in zip(parts[1::2], parts[2::2])}
    examples = [m.group("body") for m in _MARKDOWN_BLOCK.finditer(sections.get("Example", ""))]
    clean = [m.group("body") for m in _MARKDOWN_BLOCK.finditer(sections.get("Use instead", ""))]
    assert examples and clean, f"{rule.NAME} needs ```markdown examples under Example and Use instead"
    for page in examples:
        codes = [f.code for f in drift_text(page, "example.md").findings]
        assert rule.CODE in codes, f"{rule.NAME}: example does not fire ({codes})"
    for page in clean:
        codes = [f.code for f in drift_text(page, "clean.md").findings]
        assert rule.CODE not in codes, f"{rule.NAME}: 'use instead' still fires"


@pytest.mark.parametrize("rule", (*RULES, *DRIFT_RULES), ids=lambda r: r.NAME)
def test_declared_severities_are_consistent(rule) -> None:
    severities = rule_severities(rule)
    assert severities[0] is rule.SEVERITY, f"{rule.NAME}: SEVERITY must be the first of SEVERITIES"
    assert len(set(severities)) == len(severities) and all(isinstance(s, Severity) for s in severities)
    several = len(severities) > 1
    assert ("## Severity" in (rule.__doc__ or "")) == several, (
        f"{rule.NAME}: a rule that emits several severities says when in a '## Severity' section (and only then)"
    )
    if hasattr(rule, "SEVERITIES"):
        assert several, f"{rule.NAME}: SEVERITIES with one member; declare SEVERITY alone"


def _undeclared(findings) -> list[str]:
    return [
        f"{f.code} emitted {f.severity.value}, declares {', '.join(s.value for s in rule_severities(BY_CODE[f.code]))}"
        for f in findings
        if f.severity not in rule_severities(BY_CODE[f.code])
    ]


def test_docstring_examples_emit_only_declared_severities() -> None:
    bad = []
    for rule in RULES:
        for examples in docstring_examples(rule).values():
            for options, text in examples:
                bad += _undeclared(lint(text, options).findings)
    assert not bad, sorted(set(bad))


def test_corpus_emits_only_declared_severities(corpus) -> None:
    bad = _undeclared(run.finding for run in corpus_runs(corpus))
    assert not bad, sorted(set(bad))
