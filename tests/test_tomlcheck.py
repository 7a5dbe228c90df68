"""``tomlcheck.plainly_without_table`` never says "valid TOML without [tool.score-lint]" where tomllib disagrees,
and says it for the pyproject.toml files projects really have."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score_lint import config
from score_lint.tomlcheck import plainly_without_table
from tests.conftest import ROOT


def _tomllib_says_without_table(text: str) -> bool:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    tool = data.get("tool")
    return not (isinstance(tool, dict) and "score-lint" in tool)


def _agrees(text: str) -> None:
    if plainly_without_table(text):
        assert _tomllib_says_without_table(text), repr(text)


REAL = [
    (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
    '[build-system]\nrequires = ["setuptools>=61", "wheel"]\nbuild-backend = "setuptools.build_meta"\n\n'
    '[project]\nname = "x"\nversion = "1.0"\ndependencies = [\n  "a>=1",  # why\n  \'b\',\n]\n'
    'authors = [{ name = "A B", email = "a@b.c" }]\n\n[project.urls]\nHome = "https://x"\n\n'
    '[project.optional-dependencies]\ntest = ["pytest"]\n\n[tool.black]\nline-length = 100\n'
    'exclude = \'\\.venv\'\n\n[[tool.mypy.overrides]]\nmodule = "a.*"\nignore_errors = true\n\n'
    '[[tool.mypy.overrides]]\nmodule = "b"\n\n[tool.ruff.lint]\nselect = ["E", "F"]\n',
    "\r\n".join(['[tool.pytest.ini_options]', 'addopts = "-ra -q"', 'testpaths = [', '    "tests",', ']', '']),
    "# only a comment\n",
    "",
]


@pytest.mark.parametrize("text", REAL)
def test_real_pyproject_files_need_no_tomllib(text: str) -> None:
    assert plainly_without_table(text)
    assert _tomllib_says_without_table(text)


@pytest.mark.parametrize("text", [
    '[tool.score-lint]\nselect = ["SL1"]\n',
    '[tool]\n"score-lint" = { select = ["SL1"] }\n',
    "[tool.'score-lint']\n",
    'tool = { "score-lint" = {} }\n',
    '[tool."score\\u002dlint"]\n',
    '[project]\nname = "x"\n[project]\n',  # not valid TOML: tomllib must say so
    '[project]\nname = "x"\nname = "y"\n',
    'a = 01\n', 'a = 1.5\n', 'a = 1979-05-27\n', 'a = """x"""\n', 'a.b = 1\n', 'a = "\\q"\n', "a = 'x\n",
    'a = [1,\n2\n', 'a = {b = 1,}\n', 'a = {b = 1, b = 2}\n', '[a]\nb = 1\n[a.b]\n', '[[a]]\n[a]\n', '[a]\n[[a]]\n',
    'a = [1]\n[[a]]\n', 'a = {}\n[a.b]\n', 'a = 1 # \x01\n', 'a = "\x7f"\n', 'a = 1\rb = 2\n', 'a = "\\ud800"\n',
])
def test_the_table_or_anything_unusual_goes_to_tomllib(text: str) -> None:
    assert not plainly_without_table(text)


KEYS = st.sampled_from(["a", "b", "tool", "score-lint", "x-y_1", '"a"', "'b'", '"a b"', '""', '"tool"', "a.b", "1",
                        "", " a", "a ", "\ta", "é", '"\\u0061"', "[a]"])
HEADER_KEYS = st.lists(st.sampled_from(["a", "b", "tool", "score-lint", '"tool"', "'score-lint'", " a ", "c"]),
                       min_size=1, max_size=3).map(".".join)
INTEGERS = st.sampled_from(["0", "1", "-1", "+0", "01", "1_000", "1__0", "_1", "1_", "12abc", "0x1F", "1e3", "1.5",
                            "inf", "-", "+", "9" * 30])
STRING_CHARS = st.sampled_from(["a", " ", "\t", "\\", '"', "'", "#", "\n", "\x00", "\x7f", "\x1f", "é", "\\n", "\\t",
                                "\\u0041", "\\U0001F600", "\\ud800", "\\x41", "\\e", "\\", "]", "}", ",", "="])
STRINGS = st.tuples(st.sampled_from(['"', "'", '"""', "'''", '"']),
                    st.lists(STRING_CHARS, max_size=6).map("".join),
                    st.sampled_from(['"', "'", "", '"""'])).map(lambda t: t[0] + t[1] + t[2])
SCALARS = st.one_of(INTEGERS, STRINGS, st.sampled_from(["true", "false", "truex", "True", "1979-05-27", "12:30:00",
                                                        "nan", ""]))
GAPS = st.sampled_from(["", " ", "\n", " # c\n", "\t", "\n\n", "#\x01\n", "\r\n", "\r"])


def _values() -> st.SearchStrategy[str]:
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.tuples(GAPS, st.lists(st.tuples(inner, GAPS, st.sampled_from([",", ",", "", ";"]), GAPS), max_size=4),
                      st.sampled_from(["]", "]", ""])).map(
                lambda t: "[" + t[0] + "".join(v + g1 + sep + g2 for v, g1, sep, g2 in t[1]) + t[2]),
            st.tuples(st.lists(st.tuples(KEYS, st.sampled_from([" = ", "=", " "]), inner), max_size=3),
                      st.sampled_from([", ", ","]), st.sampled_from(["}", ", }", ""])).map(
                lambda t: "{" + t[1].join(k + eq + v for k, eq, v in t[0]) + t[2]),
        ),
        max_leaves=6,
    )


STATEMENTS = st.one_of(
    st.tuples(st.sampled_from(["[", "[[", "[ ", "[ ["]), HEADER_KEYS, st.sampled_from(["]", "]]", " ]", "", "] x"])).map(
        "".join),
    st.tuples(KEYS, st.sampled_from([" = ", "=", " ", " == "]), _values(), st.sampled_from(["", " # note", " x", "#\x00"])).map(
        "".join),
    st.sampled_from(["# comment", "", "   ", "#\x7f"]),
)
DOCUMENTS = st.lists(st.tuples(st.sampled_from(["", " ", "\t"]), STATEMENTS, st.sampled_from(["\n", "\r\n", "\r", ""])),
                     max_size=8).map(lambda lines: "".join(a + b + c for a, b, c in lines))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_it_never_accepts_what_tomllib_rejects_or_reads_as_the_table(text: str) -> None:
    _agrees(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab[]{}="\'#.,-_ \t\n\r0123456789\\')), max_size=60))
def test_it_never_accepts_what_tomllib_rejects_on_noise(text: str) -> None:
    _agrees(text)


def test_the_generated_documents_are_not_all_refused() -> None:
    """The property above is not vacuous: plenty of generated documents are accepted, and agree."""
    accepted = 0

    @settings(max_examples=400, deadline=None, database=None)
    @given(DOCUMENTS)
    def count(text: str) -> None:
        nonlocal accepted
        accepted += plainly_without_table(text)

    count()
    assert accepted > 40


def test_a_broken_pyproject_toml_is_still_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nname = "y"\n', encoding="utf-8")
    env = tmp_path / ".env.score"
    env.write_text("S3_ENDPOINT=http://minio:9000\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="pyproject.toml: not valid TOML"):
        config.for_file(env)


def test_a_pyproject_toml_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(REAL[1], encoding="utf-8")
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.score-lint]\nselect = ["SL1"]\n')
    env = tmp_path / "deploy" / ".env.score"
    env.write_text("S3_ENDPOINT=http://minio:9000\n", encoding="utf-8")
    assert config.find(tmp_path / ".env.score") is None
    assert config.find(env) == tmp_path / "deploy" / "pyproject.toml"
    assert config.for_file(env).select == ("SL1",)


def test_it_never_accepts_what_tomllib_rejects_near_real_files() -> None:
    """Real files with a few characters inserted, deleted or replaced: the edits a scanner gets wrong."""
    import random

    rng = random.Random(14)
    alphabet = [*'ab[]{}="\'#.,-_ \t\n\r0123456789\\u+:xXeE\x00\x7f', "\\u0041", "score-lint", "tool", "[[", "]]",
                '"""', "\r\n"]
    accepted = 0
    for _ in range(3000):
        text = rng.choice(REAL[:3])
        for _ in range(rng.randint(1, 3)):
            at, op = rng.randrange(len(text) + 1), rng.random()
            if op < 0.4:
                text = text[:at] + rng.choice(alphabet) + text[at:]
            elif op < 0.7:
                text = text[:at] + text[at + rng.randint(1, 3):]
            else:
                text = text[:at] + rng.choice(alphabet) + text[at + 1:]
        if plainly_without_table(text):
            accepted += 1
            assert _tomllib_says_without_table(text), repr(text)
    assert accepted > 500
