"""The entry store of a ``docker run`` file (``envfile.entries.EntryStore``): a tuple of entries to every
reader, and the lint of a file the same whether its entries are held as objects or made when asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from score_lint import envfile
from score_lint.envfile.entries import (
    EntryStore,
    in_line_order,
    keys,
    keys_values,
    opening_quotes,
    valued_keys,
    values_with,
)
from score_lint.lines import LINES
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_env, lint_stream
from score_lint.records import replace

from tests.corpus_runs import env_files

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "linter" / "score_lint" / "examples").glob("*.env.score"))

# Every kind of line the docker loader reads: bare names (set in the environment or not), quotes that close,
# quotes that stay open over later lines, inline comments, CRLF, blanks before a name, repeated and new
# names, an empty value, a '${' reference, a line docker refuses.
TEXT = (
    "# comment\n"
    "S3_ENDPOINT=http://minio:9000\n"
    "  S3_ACCESSKEY='abc'\r\n"
    "BARE\n"
    "SET_BARE\n"
    "S3_SECRETKEY=\"open\n"
    "rest of it\"\n"
    "UPLOAD_PARTSIZE=104857600 # bytes\n"
    "S3_ENDPOINT=http://other\n"
    "EMPTY=\n"
    "REF=${S3_ENDPOINT}/x\n"
    "bad key=1\n"
    "\tS3_ENDPOINT=\"quoted\" # c\n"
    "LAST=1"
)
ENVIRON = {"SET_BARE": "from ${ENV}"}


@pytest.fixture(autouse=True)
def _stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every docker file parsed here holds a store, however few its entries (a file of up to
    ``HELD_ENTRIES`` entries holds them as objects otherwise)."""
    monkeypatch.setattr(envfile, "HELD_ENTRIES", 0)


def test_a_file_holds_its_entries_as_objects_up_to_the_bound_and_as_a_store_past_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envfile, "HELD_ENTRIES", 3)
    assert isinstance(envfile.parse("A=1\nB=2\nC=3\n", "docker").entries, tuple)
    assert isinstance(envfile.parse("A=1\nB=2\nC=3\nD=4\n", "docker").entries, EntryStore)


def _store(text: str = TEXT) -> envfile.EnvFile:
    env = envfile.parse(text, "docker", environ=ENVIRON)
    assert isinstance(env.entries, EntryStore)
    return env


def test_a_store_reads_as_the_tuple_of_its_entries() -> None:
    env = _store()
    store = env.entries
    held = tuple(store)
    assert len(store) == len(held) == 11
    assert [store[i] for i in range(len(store))] == list(held)
    assert [store[i - len(store)] for i in range(len(store))] == list(held)
    assert store[1:4] == held[1:4] and store[::-1] == held[::-1]
    assert store == held and held == store and store == tuple(_store().entries)
    assert store != list(held)  # as a tuple is not equal to a list
    assert hash(store) == hash(held) and repr(store) == repr(held)
    assert store.index(held[3]) == 3 and held[3] in store and store.count(held[0]) == 1
    for index in (len(store), -len(store) - 1):
        with pytest.raises(IndexError):
            store[index]
    bare = [entry for entry in held if entry.bare]
    assert [(e.key, e.value, e.raw_value) for e in bare] == [("BARE", None, ""), ("SET_BARE", "from ${ENV}", "")]
    quoted = {entry.key: (entry.quoted, entry.inline_comment_column) for entry in held if not entry.bare}
    assert quoted["S3_ACCESSKEY"] == ("'", None) and quoted["UPLOAD_PARTSIZE"] == (None, 27)
    assert held[1].column == 3 and held[1].raw_value == "'abc'" and held[-2].column == 2


def test_the_fields_a_pass_reads_are_those_of_the_entries() -> None:
    env = _store()
    store, held = env.entries, tuple(env.entries)
    assert list(keys(store)) == list(keys(held)) == [e.key for e in held]
    assert list(keys_values(store)) == list(keys_values(held)) == [(e.key, e.value, e.elsewhere) for e in held]
    assert list(valued_keys(store)) == list(valued_keys(held))
    assert list(valued_keys(store)) == [(i, e.key) for i, e in enumerate(held) if e.value is not None]
    assert list(values_with(store, "${")) == list(values_with(held, "${")) == ["from ${ENV}", "${S3_ENDPOINT}/x"]
    assert list(values_with(_store("A=1\nB\n").entries, "${")) == []
    assert in_line_order(store) and in_line_order(held)
    assert [e.key for e in opening_quotes(store)] == ["S3_SECRETKEY"]
    assert envfile.continued_lines(env) == envfile.continued_lines(replace(env, entries=held))


def test_names_past_the_shared_bound_are_cut_from_the_text() -> None:
    text = "".join(f"NAME_{n}={n}\n" for n in range(5000)) + "NAME_1=again\n"
    store = _store(text).entries
    assert isinstance(store, EntryStore) and len(store.names) < 5000
    assert list(keys(store)) == [e.key for e in store] == [f"NAME_{n}" for n in range(5000)] + ["NAME_1"]


def _same_lint(env: envfile.EnvFile) -> None:
    held = replace(env, entries=tuple(env.entries))
    for line in LINES:
        for provider in (None, "s3", "azure"):
            options = Options(line=line, provider=provider)
            expected = lint_env(held, options)
            assert lint_env(env, options) == expected
            assert list(lint_stream(env, options).findings) == list(expected.findings)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_example_lints_the_same_from_a_store_and_from_a_tuple(path: Path) -> None:
    _same_lint(envfile.read(path))


def test_the_store_text_lints_the_same_from_a_store_and_from_a_tuple() -> None:
    _same_lint(_store())
    # duplicates of one setting, repeated and respelled, under both orders of the loaders
    _same_lint(_store("S3_ENDPOINT=a\nS3_ENDPOINT=a\nS3_ENDPOINT=b\ns3.endpoint=c\nAZURE_CONTAINERNAME=x\n"
                      "SPRING_PROFILES_ACTIVE=azure\nAZURE_CONTAINERNAME=y\nBUCKET_NAME_OBJECT='z'\n"))


def test_the_corpus_lints_the_same_from_a_store_and_from_a_tuple(corpus: Path) -> None:
    for path in env_files(corpus):
        try:
            env = envfile.read(path)
        except envfile.EnvFileError:
            continue
        _same_lint(envfile.as_env_file(env))
