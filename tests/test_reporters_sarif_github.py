"""The SARIF and GitHub reporters: fixed strings, no values, and a real SARIF consumer."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from score_lint import __version__, reporters
from score_lint.cli import main
from score_lint.drift.engine import drift_paths
from score_lint.findings import Edit, Finding, Fix, Result, Severity
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_path
from score_lint.lint.rules import RULES

from tests import sarif_tool
from tests.conftest import ROOT
from tests.helpers import fuzz

SEED = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"
SECRET = "t016kqXfI648ORoIP5gepqCzqtsRjlcc"


def _result(*findings: Finding, path: str = "conf/.env.score") -> Result:
    return Result(path, "5.11", "docker", "s3", tuple(findings))


def _finding(code: str = "SL101", severity: Severity = Severity.ERROR, line: int | None = 3, column: int | None = 1,
             message: str = "S3_X binds to nothing.") -> Finding:
    return Finding(code, "unknown-name", severity, line, column, "S3_X", message)


@pytest.fixture(scope="session")
def multitool() -> Path:
    found = sarif_tool.install()
    if isinstance(found, str):
        pytest.skip(found)
    return found


# --------------------------------------------------------------------------- github


def test_github_one_command_per_finding() -> None:
    out = reporters.github([
        _result(
            _finding(),
            _finding("SL104", Severity.INFO, 5, 2, "S3_ACCESS_KEY binds, but the canonical spelling is S3_ACCESSKEY."),
            _finding("SL106", Severity.WARNING, None, None, "METADATA_URL is not set."),
        )
    ])
    assert out == (
        "::error file=conf/.env.score,line=3,col=1,title=SL101 unknown-name::S3_X binds to nothing.\n"
        "::notice file=conf/.env.score,line=5,col=2,title=SL104 unknown-name::"
        "S3_ACCESS_KEY binds, but the canonical spelling is S3_ACCESSKEY.\n"
        "::warning file=conf/.env.score,line=1,title=SL106 unknown-name::METADATA_URL is not set.\n"
    )


def test_github_escapes_workflow_command_syntax() -> None:
    out = reporters.github([_result(_finding(message="50% done\r\nnext: a, b"), path="a:b,c%.env")])
    assert out == (
        "::error file=a%3Ab%2Cc%25.env,line=3,col=1,title=SL101 unknown-name::50%25 done%0D%0Anext: a, b\n"
    )


def test_github_prints_nothing_for_a_clean_run() -> None:
    assert reporters.github([_result()]) == ""


# --------------------------------------------------------------------------- sarif


def test_sarif_shape(tmp_path: Path) -> None:
    log = json.loads(reporters.sarif([
        _result(_finding(), _finding("SL106", Severity.WARNING, None, None)),
    ], root=tmp_path))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("score-lint", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == [rule.CODE for rule in RULES]
    first = driver["rules"][0]
    assert first["helpUri"] == f"https://overture-stack.github.io/score-lint/reference/rules/{RULES[0].CODE}-{RULES[0].NAME}/"
    assert first["fullDescription"]["text"] and "## Why is this bad?" in first["help"]["markdown"]
    assert first["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert results[0]["ruleId"] == "SL101" and results[0]["level"] == "error"
    assert results[0]["ruleIndex"] == [rule.CODE for rule in RULES].index("SL101")
    location = results[0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "conf/.env.score"}, "region": {"startLine": 3, "startColumn": 1}}
    assert results[1]["level"] == "warning"
    # A finding about the whole file (a missing setting) is not pinned to line 1: no region at all.
    assert results[1]["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "conf/.env.score"}}


def test_sarif_uri_relative_to_root_or_absolute(tmp_path: Path) -> None:
    inside = str(tmp_path / "deploy" / "my env.score")
    outside = "/elsewhere/.env.score"
    log = json.loads(reporters.sarif([_result(_finding(), path=inside), _result(_finding(), path=outside)], root=tmp_path))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris == ["deploy/my%20env.score", "file:///elsewhere/.env.score"]


def test_sarif_and_github_never_contain_a_value(tmp_path: Path) -> None:
    env = tmp_path / ".env.score"
    env.write_text(
        f"SPRING_PROFILES_ACTIVE=default,prod,aws\nAUTH_SERVER_CLIENTSECRET='{SECRET}'\n"
        f"AUTH_SERVER_CLIENT_SECRET={SECRET}\nS3_SECRET_KEY={SECRET} # the key\n"
    )
    for fmt in ("sarif", "github"):
        result = CliRunner().invoke(main, ["--format", fmt, str(env)])
        assert result.exit_code == 1, result.output
        assert SECRET not in result.output


def _corpus_results(corpus: Path) -> list[Result]:
    files = sorted((corpus / "envs").glob("*.score.env")) + [SEED]
    return [
        lint_path(path, Options(line=line, dialect=dialect))
        for path in files for line in ("5.10", "5.11", "develop") for dialect in ("docker", "compose")
    ]


@pytest.mark.slow  # Microsoft's SARIF multitool, from npm
def test_sarif_over_the_corpus_validates(corpus: Path, tmp_path: Path, multitool: Path) -> None:

    docs = drift_paths(sorted((corpus / "docs").glob("*.md")), "5.11")
    assert any(f.code.startswith("SL4") for r in docs for f in r.findings)
    results = _corpus_results(corpus) + list(docs)
    assert any(r.findings for r in results)
    text = reporters.sarif(results, root=ROOT.parent)
    log = json.loads(text)
    validator = jsonschema.Draft202012Validator(sarif_tool.schema(multitool))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    driver = log["runs"][0]["tool"]["driver"]
    assert all(r["ruleId"] == driver["rules"][r["ruleIndex"]]["id"] for r in log["runs"][0]["results"])
    path = tmp_path / "corpus.sarif"
    path.write_text(text, encoding="utf-8")
    # The multitool recommends a region everywhere; a result about the whole file has none on purpose
    # (SARIF 2.1.0 makes region optional), and that is the only thing it may say.
    problems = sarif_tool.validate(multitool, path)
    regionless = sum(1 for r in log["runs"][0]["results"] if "region" not in r["locations"][0]["physicalLocation"])
    assert regionless and [p for p in problems if "MissingRegion" not in p[2]] == []
    assert len(problems) == regionless


@pytest.mark.slow  # Microsoft's SARIF multitool, from npm
def test_schema_catches_a_broken_log(multitool: Path) -> None:
    """The schema check is not vacuous."""
    log = json.loads(reporters.sarif([_result(_finding())]))
    del log["runs"][0]["results"][0]["message"]
    validator = jsonschema.Draft202012Validator(sarif_tool.schema(multitool))
    assert list(validator.iter_errors(log))


def test_github_over_the_corpus_prints_one_annotation_per_finding(corpus: Path) -> None:
    results = _corpus_results(corpus)
    lines = reporters.github(results).splitlines()
    assert len(lines) == sum(len(r.findings) for r in results)
    assert all(line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines)


def test_cli_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    sarif_run = runner.invoke(main, ["--format", "sarif", str(SEED)])
    assert sarif_run.exit_code == 1
    assert json.loads(sarif_run.output)["runs"][0]["results"]
    github_run = runner.invoke(main, ["--format", "github", str(SEED)])
    assert github_run.exit_code == 1
    assert github_run.output.startswith("::")


# --------------------------------------------------------------------------------------------------
# big reports: written in pieces, linear, and the same documents as a whole json.dumps would write

def _many(n: int) -> list[Result]:
    findings = tuple(_finding(line=i + 1, message=f"S3_X binds nothing \u2028\x9b\u202e {i} \"q\"") for i in range(n))
    return [_result(*findings), _result(path="b.env"), _result(*findings[:3], path="c\x1b.env")]


def test_json_report_is_byte_for_byte_what_json_dumps_writes() -> None:
    import re

    results = _many(5)
    payload = {
        "version": reporters.JSON_VERSION,
        "files": [{"path": r.path, "score_version": r.line, "dialect": r.dialect, "provider": r.provider,
                   "findings": [reporters.finding_json(f) for f in r.findings]} for r in results],
        "summary": reporters._summary(results),
    }
    expected = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    expected = re.sub("[\u0080-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]",
                      lambda m: f"\\u{ord(m.group()):04x}", expected)
    assert reporters.json_report(results) == expected
    assert "".join(reporters.json_lines(results)) == expected
    assert "\x9b" not in expected and "\u202e" not in expected


def test_sarif_puts_one_result_a_line_and_means_the_same() -> None:
    results = _many(4)
    text = reporters.sarif(results)
    log = json.loads(text)
    assert len(log["runs"][0]["results"]) == 7
    assert log["runs"][0]["results"][0]["message"]["text"].startswith("S3_X binds nothing \u2028\x9b\u202e 0")
    lines = [line for line in text.splitlines() if '"ruleId"' in line and '"level"' in line]
    assert len(lines) == 7  # one line each
    for char in ("\x9b", "\u2028", "\u202e", "\x1b"):
        assert char not in text
    assert reporters.sarif([_result()]).count('"results": []') == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_reports_of_many_findings_are_linear(fmt: str) -> None:
    """A 16 MiB file's SARIF took 43 s and 3 GB: now each finding is written as it comes."""
    from tests.helpers import assert_linear

    def run(n: int) -> None:
        for _ in reporters.STREAMS[fmt](_many(n)):
            pass

    assert_linear(run, 2000)


def test_reports_are_written_as_they_are_made() -> None:
    """The first piece comes before the last finding is even turned into text (JSON and SARIF count
    the findings first, for the summary and the rules, but keep none of their text)."""
    class Exploding(tuple):  # type: ignore[type-arg]
        def __iter__(self):  # type: ignore[no-untyped-def]
            yield _finding()
            raise RuntimeError("the whole list was read before anything was written")

    for fmt in ("github", "text"):
        stream = reporters.STREAMS[fmt]([Result("a.env", "5.11", "docker", "s3", Exploding())])
        first = next(stream)
        assert first


def test_a_finding_with_a_fix_is_indented_as_json_dumps_would() -> None:
    """Nested objects and lists in an item (a fix and its edits) keep the indent=2 layout."""
    item = {
        **reporters.finding_json(_finding()),
        "fix": {"description": "rename S3_X", "safe": True, "edits": [{"line": 3, "start": 1, "end": 5, "text": "S3_Y"}],
                "none": [], "empty": {}},
        "ratio": 0.5,
    }
    expected = json.dumps({"findings": [item, item]}, indent=2, ensure_ascii=False)
    streamed = {"findings": reporters._Items(iter([item, item]), reporters._indented)}
    assert "".join(reporters._pieces(streamed)) == expected
    assert reporters._indented({"findings": [item, item]}, "") == expected


_EDITS = st.lists(st.builds(Edit, st.integers(1, 9), st.integers(1, 9), st.integers(1, 9), st.text(max_size=3)), max_size=2)
_FINDINGS = st.builds(
    Finding, st.text(max_size=6), st.text(max_size=6), st.sampled_from(list(Severity)),
    st.none() | st.integers(0, 10**6), st.none() | st.integers(0, 10**6), st.none() | st.text(max_size=8),
    st.text(max_size=20), st.none() | st.text(max_size=8),
    st.none() | st.builds(Fix, st.text(max_size=5), _EDITS.map(tuple), st.booleans()), st.booleans(),
)


@fuzz(300)
@given(_FINDINGS, st.sampled_from(["", "  ", "      "]))
def test_a_finding_is_written_as_its_dict_would_be(f: Finding, indent: str) -> None:
    """The JSON report writes a finding's fields straight from it (``_finding_text``): the same text as
    laying out ``finding_json`` (held to ``json.dumps`` above), whatever the fields hold."""
    reporters._encoders()
    assert reporters._finding_text(f, indent) == reporters._indented(reporters.finding_json(f), indent)


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5) | st.integers() | st.booleans() | st.none(), inner, max_size=4),
    max_leaves=20,
)


def _streamed(value: object, nested: bool) -> object:
    """``value`` with every list made an ``_Items`` (written in pieces, or each item whole)."""
    if isinstance(value, list) and nested:
        return reporters._Items(iter([_streamed(v, nested) for v in value]), None)
    if isinstance(value, list):
        return reporters._Items(iter(value), reporters._indented)
    if isinstance(value, dict):
        return {k: _streamed(v, nested) for k, v in value.items()}
    return value


@fuzz(300)
@given(_VALUES, st.booleans())
def test_the_json_writer_lays_out_any_value_as_json_dumps_indent_2(value: object, nested: bool) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert reporters._indented(value, "") == expected
    assert "".join(reporters._pieces(value)) == expected
    assert "".join(reporters._pieces(_streamed(value, nested))) == expected
