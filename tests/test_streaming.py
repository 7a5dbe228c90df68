"""Findings made while the report is written (``lint_stream``, ``plan.Streaming``) against findings held.

A streamed lint must give the same findings in the same order, the same verdict and the same report, byte
for byte, as the lint that holds them; these tests compare both on the bundled examples and the corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from score_lint import envfile, plan, reporters
from score_lint.binding import Kind, line_models
from score_lint.inputs import Input
from score_lint.envfile import syntax
from score_lint.envfile.syntax import TextLines
from score_lint.findings import Finding, Result, Severity, Streamed, Tally, Verdict, _distinct
from score_lint.lint.context import Context, Options
from score_lint.lint.engine import lint_env, lint_stream
from score_lint.lint.rules import RULES
from score_lint.lint.rules._common import effective_entries, items

from tests.corpus_runs import env_files

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "linter" / "score_lint" / "examples").glob("*.env.score"))
FORMATS = ("text", "json", "sarif", "github")


def _pairs(paths: list[Path]) -> tuple[list[Result], plan.Streaming]:
    planner = plan.Planner(plan.Request())
    held = [plan.lint_input(planner, Input(p, str(p))).result for p in paths]
    return held, plan.Streaming([plan.ready_input(planner, Input(p, str(p))) for p in paths])


def _report(fmt: str, results: object) -> str:
    extra: dict[str, object] = {"drift": False} if fmt == "sarif" else {}
    return "".join(reporters.STREAMS[fmt](results, False, **extra))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_report_of_streamed_findings_is_the_same(fmt: str) -> None:
    held, streaming = _pairs(EXAMPLES)
    assert _report(fmt, streaming.results()) == reporters.REPORTERS[fmt](held)


def test_the_corpus_streams_the_same_findings(corpus: Path) -> None:
    for path in env_files(corpus):
        data = path.read_bytes()
        for dialect in ("docker", "compose"):
            options = Options(dialect=dialect)  # type: ignore[arg-type]
            env = envfile.parse(data, dialect, path=str(path))
            held = lint_env(env, options)
            streamed = lint_stream(env, options)
            assert list(streamed.findings) == list(held.findings), path  # the same order: nothing re-sorted
            assert streamed.verdict == held.verdict


def test_failing_is_told_per_file_once_reported(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.env").write_text("S3_SIGV4_ENABLED=true\n")
    planner = plan.Planner(plan.Request(fail_level="error"))
    ready = [plan.ready_input(planner, Input(tmp_path / "a.env", "a.env"))]
    streaming = plan.Streaming(ready)
    assert not streaming.failing
    _report("text", streaming.results())
    assert streaming.failing
    assert ready == []  # the list is taken over: a file once reported is not held by the caller either


def test_streamed_findings_are_read_once_and_the_verdict_after() -> None:
    env = envfile.parse(b"S3_SIGV4_ENABLED=true\n", "docker", path="a.env")
    streamed = lint_stream(env, Options())
    with pytest.raises(RuntimeError, match="verdict"):
        streamed.verdict
    found = list(streamed.findings)
    assert "SL101" in [f.code for f in found]
    assert streamed.verdict == Verdict.of(found)
    with pytest.raises(RuntimeError, match="already been read"):
        streamed.findings


def test_a_tally_counts_as_verdict_of_does() -> None:
    def f(code: str, severity: Severity, stops: bool, key: str | None, line: int = 1) -> Finding:
        return Finding(code, "x", severity, line, 1, key, "m", stops_startup=stops)

    findings = [f("SL105", Severity.ERROR, False, "A"), f("SL501", Severity.ERROR, True, "B"),
                f("SL105", Severity.ERROR, False, "A"), f("SL301", Severity.ERROR, False, None, 2),
                f("SL206", Severity.WARNING, False, "C"), f("SL501", Severity.ERROR, True, None)]
    tally = Tally()
    for one in findings:
        tally.add(one)
    assert tally.verdict() == Verdict(False, ("SL501",), 2, ("SL105", "SL301"), 2)
    assert tally.worst == Severity.ERROR.rank


def test_no_lint_rule_has_a_drift_code() -> None:
    # SARIF is told a lint's findings hold no drift code (SL4xx) instead of looking first.
    assert not [rule.CODE for rule in RULES if rule.CODE.startswith("SL4")]


def test_a_streamed_result_held_is_a_result() -> None:
    env = envfile.parse(b"S3_SIGV4_ENABLED=true\nS3_ENDPOINT=minio:9000\n", "docker", path="a.env")
    assert lint_stream(env, Options()).result() == lint_env(env, Options())
    assert isinstance(lint_stream(env, Options()), Streamed)


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\n\nb", "\r\n", "x=1\r\ny=2\n", "\n\n", "é=ü\n#c"])
def test_lines_cut_when_asked_are_the_lines_split(text: str) -> None:
    lines, split = TextLines(text), envfile.split_lines(text)
    assert len(lines) == len(split) and tuple(lines) == split and lines == split
    assert [lines[i] for i in range(-len(split), len(split))] == [split[i] for i in range(-len(split), len(split))]
    assert lines[1:] == split[1:] and hash(lines) == hash(split)
    with pytest.raises(IndexError):
        lines[len(split)]


def test_names_and_values_are_shared_up_to_a_bound() -> None:
    table: dict[str, str] = {}
    first = syntax._shared(table, "".join(["S3_", "ENDPOINT"]))
    assert syntax._shared(table, "".join(["S3_", "ENDPOINT"])) is first
    for n in range(syntax._MAX_SHARED + 10):
        assert syntax._shared(table, f"NEW_NAME_{n}") == f"NEW_NAME_{n}"
    assert len(table) == syntax._MAX_SHARED
    env = envfile.parse(b"A=x\nB=x\nA=y\n", "docker", path="a.env")
    a, b, again = env.entries
    assert a.key is again.key and a.raw_value is b.raw_value and a.value is a.raw_value
    assert [(e.key, e.value) for e in env.entries] == [("A", "x"), ("B", "x"), ("A", "y")]


def _effective_the_old_way(ctx) -> list[bool]:
    """Which entries reach Score, worked out as the held items once did: by each entry's full resolution."""
    chosen: dict[str, int] = {}
    for index, entry in enumerate(ctx.env.entries):
        resolution = ctx.resolve(entry.key)
        if entry.elsewhere is None and entry.value is not None and resolution.binds and resolution.canonical:
            # its setting, or itself (ignoring case) for a member of a family
            slot = resolution.canonical if resolution.kind is not Kind.PATTERN else entry.key.upper()
            if ctx.last_wins or slot not in chosen:
                chosen[slot] = index
    return [index in chosen.values() for index in range(len(ctx.env.entries))]


def test_the_entries_that_reach_score_are_those_of_full_resolutions(corpus: Path) -> None:
    for path in [*env_files(corpus), *EXAMPLES]:
        for dialect in ("docker", "compose"):
            env = envfile.parse(path.read_bytes(), dialect, path=str(path))
            for provider in ("s3", "azure"):
                ctx = Context(env, Options(dialect=dialect), line_models("5.11"), provider, False)  # type: ignore[arg-type]
                expected = _effective_the_old_way(ctx)
                held = items(ctx)
                assert [item.effective for item in held] == expected
                assert effective_entries(ctx) == [(i.entry, i.canonical) for i in held if i.effective]


def test_file_rules_said_to_yield_in_line_order_do(corpus: Path) -> None:
    ordered = [rule for rule in RULES if getattr(rule, "IN_LINE_ORDER", False)]
    assert ordered
    repeated = b"S3_ENDPOINT=a\nUPLOAD_PARTSIZE=1\nS3_ENDPOINT=b\nS3_ACCESS_KEY=x\nS3_ACCESSKEY=y\nUPLOAD_PARTSIZE=1\nS3_ENDPOINT=a\n"
    texts = [repeated, *(p.read_bytes() for p in env_files(corpus)), *(p.read_bytes() for p in EXAMPLES)]
    for data in texts:
        for dialect in ("docker", "compose"):
            env = envfile.parse(data, dialect, path="t.env")
            ctx = Context(env, Options(dialect=dialect), line_models("5.11"), "s3", False)  # type: ignore[arg-type]
            for rule in ordered:
                found = [(f.line or 0, f.column or 0, f.code) for f in rule.check(ctx)]
                assert found == sorted(found), rule.NAME


def test_a_tally_counts_each_setting_once() -> None:
    rng = random.Random(14)
    for size in (0, 1, 2, 3, 50, 1000):
        keys = [rng.choice(["A", "B", "a", "S3_X", "", "Ü"]) + str(rng.randrange(size or 1)) for _ in range(size)]
        assert _distinct(list(keys)) == len(set(keys))
    tally = Tally()
    for key in ["B", "A", "B", None, None, "A", "C"]:
        tally.add(Finding("SL105", "x", Severity.ERROR, 3 if key is None else 1, 1, key, "m"))
    assert tally.verdict().settings_not_as_written == 4  # A, B, C and the one finding about no key on line 3
