"""Conformance table: what docker's and compose's own loaders make of each input.

Every row gives the input, the variable looked at, and the outcome under
``docker run --env-file`` and under compose ``env_file:``.  An outcome is the
value the process gets, ``ABSENT`` (no such variable, file accepted),
``NOTHING`` (no entry at all, e.g. a comment), ``Err(code)`` (the loader
refuses the file) or ``Keyed(key, value)`` when the loader stores the value
under another name.  Rows end with "\\n" unless ``eol=False``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from score_lint.envfile import DOCKER_MAX_LINE_BYTES, parse


@dataclass(frozen=True)
class Err:
    code: str


@dataclass(frozen=True)
class Keyed:
    key: str
    value: str


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


ABSENT = _Marker("ABSENT")
NOTHING = _Marker("NOTHING")

Outcome = str | Err | Keyed | _Marker


@dataclass(frozen=True)
class Case:
    data: str | bytes
    key: str
    docker: Outcome
    compose: Outcome
    env: tuple[tuple[str, str], ...] = ()
    eol: bool = True

    def payload(self) -> str | bytes:
        if isinstance(self.data, bytes):
            return self.data + (b"\n" if self.eol else b"")
        return self.data + ("\n" if self.eol else "")


def C(data: str | bytes, key: str, docker: Outcome, compose: Outcome,
      env: dict[str, str] | None = None, eol: bool = True) -> Case:
    return Case(data, key, docker, compose, tuple((env or {}).items()), eol)


CASES: list[Case] = [
    # --- docker/cli pkg/kvfile/kvfile_test.go: TestParseFromReaderGoodFile
    C("foo=bar", "foo", "bar", "bar"),
    C("    baz=quux", "baz", "quux", "quux"),
    C("# comment", "#", NOTHING, NOTHING),
    C("_foobar=foobaz", "_foobar", "foobaz", "foobaz"),
    C("with.dots=working", "with.dots", "working", "working"),
    C("and_underscore=working too", "and_underscore", "working too", "working too"),
    C("    \t  ", "", NOTHING, NOTHING, eol=False),
    # TestParseFromReaderBadlyFormattedFile: docker keeps "f   " as the name
    C("    f   =quux", "f", Err("key-with-blanks"), "quux"),
    # TestParseFromReaderLineTooLongFile: bufio.MaxScanTokenSize + 42
    C("foo=" + "a" * (DOCKER_MAX_LINE_BYTES + 42), "foo", Err("line-too-long"),
      "a" * (DOCKER_MAX_LINE_BYTES + 42)),
    # TestParseFromReaderRandomFile
    C("first line", "first line", Err("missing-equals"), Err("missing-equals")),
    C("another invalid line", "x", Err("missing-equals"), Err("missing-equals")),
    # TestParseFromReaderWithLookup / TestParseWithLookup
    C("# comment=", "#", NOTHING, NOTHING),
    C("VAR=VAR_VALUE", "VAR", "VAR_VALUE", "VAR_VALUE"),
    C("EMPTY_VAR=", "EMPTY_VAR", "", ""),
    C("UNDEFINED_VAR", "UNDEFINED_VAR", ABSENT, ABSENT, env={"DEFINED_VAR": "defined-value"}),
    C("DEFINED_VAR", "DEFINED_VAR", "defined-value", "defined-value", env={"DEFINED_VAR": "defined-value"}),
    # TestParseFromReaderWithNoName (compose-go accepts an empty name: TestParsing `="value"`)
    C("=blank variable names are an error case", "", Err("empty-key"),
      Keyed("", "blank variable names are an error case")),
    # --- compose-go dotenv/godotenv_test.go: TestParsing
    C("FOO=bar", "FOO", "bar", "bar"),
    C("FOO =bar", "FOO", Err("key-with-blanks"), "bar"),
    C("FOO= bar", "FOO", " bar", "bar"),
    C('FOO="bar"', "FOO", '"bar"', "bar"),
    C("FOO='bar'", "FOO", "'bar'", "bar"),
    C(r'FOO="escaped\"bar"', "FOO", r'"escaped\"bar"', 'escaped"bar'),
    C(r'FOO="\"quoted\""', "FOO", r'"\"quoted\""', '"quoted"'),
    C("FOO=\"'d'\"", "FOO", "\"'d'\"", "'d'"),
    C("OPTION_A: 1", "OPTION_A", Err("missing-equals"), "1"),
    C("OPTION_A: Foo=bar", "OPTION_A", Err("key-with-blanks"), "Foo=bar"),
    C("OPTION_A=1:B", "OPTION_A", "1:B", "1:B"),
    C("export OPTION_A=2", "OPTION_A", Err("export-prefix"), "2"),
    C(r"export OPTION_B='\n'", "OPTION_B", Err("export-prefix"), r"\n"),
    C("export exportFoo=2", "exportFoo", Err("export-prefix"), "2"),
    C("exportFOO=2", "exportFOO", "2", "2"),
    C("export_FOO =2", "export_FOO", Err("key-with-blanks"), "2"),
    C("export.FOO= 2", "export.FOO", " 2", "2"),
    C("export\tOPTION_A=2", "OPTION_A", Err("export-prefix"), "2"),
    C("  export OPTION_A=2", "OPTION_A", Err("export-prefix"), "2"),
    C("\texport OPTION_A=2", "OPTION_A", Err("export-prefix"), "2"),
    C('export OPTION_A="export A"', "OPTION_A", Err("export-prefix"), "export A"),
    C(r'FOO="bar\nbaz"', "FOO", r'"bar\nbaz"', "bar\nbaz"),
    C(r"FOO=a\tb", "FOO", r"a\tb", r"a\tb"),
    C(r'FOO="a\tb"', "FOO", r'"a\tb"', "a\tb"),
    C(r'KEY="Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\Z\0123Z"', "KEY", r'"Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\Z\0123Z"',
      "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ"),
    C("FOO.BAR=foobar", "FOO.BAR", "foobar", "foobar"),
    C("FOO=foobar=", "FOO", "foobar=", "foobar="),
    C("FOO=bar ", "FOO", "bar ", "bar"),
    C("FOO=bar # this is foo", "FOO", "bar # this is foo", "bar"),
    C("FOO=bar #this is foo", "FOO", "bar #this is foo", "bar"),
    C("FOO=bar #", "FOO", "bar #", "bar"),
    C("FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment", "123#not-an-inline-comment"),
    C('FOO="bar#baz"', "FOO", '"bar#baz"', "bar#baz"),
    C('FOO="bar#baz"#', "FOO", '"bar#baz"#', "bar#baz"),
    C('FOO="bar#baz" # comment', "FOO", '"bar#baz" # comment', "bar#baz"),
    C("FOO='bar#baz' # comment", "FOO", "'bar#baz' # comment", "bar#baz"),
    C('FOO="bar#baz#bang" # comment', "FOO", '"bar#baz#bang" # comment', "bar#baz#bang"),
    C('FOO="ba#r"', "FOO", '"ba#r"', "ba#r"),
    C("FOO='ba#r'", "FOO", "'ba#r'", "ba#r"),
    C(r'FOO="bar\n\ b\az"', "FOO", r'"bar\n\ b\az"', "bar\n\\ b\az"),
    C(r'FOO="bar\\\n\ b\az"', "FOO", r'"bar\\\n\ b\az"', "bar\\\n\\ b\az"),
    C(r'FOO="bar\\r\ b\az"', "FOO", r'"bar\\r\ b\az"', "bar\\r\\ b\az"),
    C(r'FOO="bar\nbaz\\"', "FOO", r'"bar\nbaz\\"', "bar\nbaz\\"),
    C('="value"', "", Err("empty-key"), Keyed("", "value")),
    C(" KEY =value", "KEY", Err("key-with-blanks"), "value"),
    C("   KEY=value", "KEY", "value", "value"),
    C("\tKEY=value", "KEY", "value", "value"),
    C(r'KEY="\0123"', "KEY", r'"\0123"', "S"),
    C(r'KEY="\x07"', "KEY", r'"\x07"', r"\x07"),
    C(r'KEY="\u12e4"', "KEY", r'"\u12e4"', r"\u12e4"),
    C(r'KEY="\U00101234"', "KEY", r'"\U00101234"', r"\U00101234"),
    C("lol$wut", "lol$wut", ABSENT, Err("invalid-key")),
    # TestUnterminatedQuotes
    C('KEY="', "KEY", '"', Err("unterminated-quote")),
    C('KEY="value', "KEY", '"value', Err("unterminated-quote")),
    C(r'KEY="value\"', "KEY", r'"value\"', Err("unterminated-quote")),
    C("KEY=\"value'", "KEY", "\"value'", Err("unterminated-quote")),
    C("KEY='", "KEY", "'", Err("unterminated-quote")),
    C("KEY='value", "KEY", "'value", Err("unterminated-quote")),
    C(r"KEY='value\'", "KEY", r"'value\'", Err("unterminated-quote")),
    C("KEY='value\"", "KEY", "'value\"", Err("unterminated-quote")),
    # TestLinesToIgnore
    C("\r", "", NOTHING, NOTHING),
    C("\t # comment", "", NOTHING, NOTHING),
    # TestParse: "THREE = \"3\""
    C('ONE=1\nTWO=\'2\'\nTHREE = "3"', "THREE", Err("key-with-blanks"), "3"),
    C("ONE=1\nTWO='2'", "TWO", "'2'", "2"),
    # TestExpanding
    C("FOO=test\nBAR=$FOO", "BAR", "$FOO", "test"),
    C("FOO=test\nBAR=${FOO}bar", "BAR", "${FOO}bar", "testbar"),
    C("BAR=$FOO", "BAR", "$FOO", ""),
    C('FOO=test\nBAR="quote $FOO"', "BAR", '"quote $FOO"', "quote test"),
    C("BAR='quote $FOO'", "BAR", "'quote $FOO'", "quote $FOO"),
    C(r'FOO="foo\$BAR"', "FOO", r'"foo\$BAR"', "foo$BAR"),
    C(r'FOO="foo\${BAR}"', "FOO", r'"foo\${BAR}"', "foo${BAR}"),
    C('FOO=test\nBAR="foo\\${FOO} ${FOO}"', "BAR", '"foo\\${FOO} ${FOO}"', "foo${FOO} test"),
    # TestExpandingEnvironmentWithLookup
    C("TEST=$ME", "TEST", "$ME", "YES", env={"ME": "YES"}),
    # TestSubstitutionsWithEnvFilePrecedence (fixtures/substitutions.env): the
    # host value wins over the file's own earlier value inside ${...}
    C("OPTION_A=1\nOPTION_B=${OPTION_A}", "OPTION_A", "1", "1", env={"OPTION_A": "5"}),
    C("OPTION_A=1\nOPTION_B=${OPTION_A}", "OPTION_B", "${OPTION_A}", "5", env={"OPTION_A": "5"}),
    C("OPTION_A=1\nOPTION_D=${OPTION_A}_${OPTION_A}", "OPTION_D", "${OPTION_A}_${OPTION_A}", "1_1"),
    # TestVariableStringValueSeparator: a double-quoted value spanning lines
    C('TEST_URLS="stratum+tcp://a:3333\nstratum+tcp://b:443"', "TEST_URLS", '"stratum+tcp://a:3333',
      "stratum+tcp://a:3333\nstratum+tcp://b:443"),
    # --- compose-go dotenv/parser_test.go: TestParseBytes, TestParseVariable
    C("a=b", "a", "b", "b"),
    C("a[1]=c", "a[1]", "c", "c"),
    C("a.propertyKey=d", "a.propertyKey", "d", "d"),
    C("árvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép", "árvíztűrő-TÜKÖRFÚRÓGÉP",
      "ÁRVÍZTŰRŐ-tükörfúrógép", "ÁRVÍZTŰRŐ-tükörfúrógép"),
    C("%!(EXTRA string)=foo", "x", Err("key-with-blanks"), Err("invalid-key")),
    # TestDash (fixtures/special.env)
    C("VAR-WITH-DASHES=dashes", "VAR-WITH-DASHES", "dashes", "dashes"),
    C("VAR.WITH.DOTS=dots", "VAR.WITH.DOTS", "dots", "dots"),
    C("VAR_WITH_UNDERSCORES=underscores", "VAR_WITH_UNDERSCORES", "underscores", "underscores"),
    # TestUTF8BOM (fixtures/utf8-bom.env); docker: kvfile.go TrimPrefix(utf8bom) on line 1
    C("\ufeffOPTION_A=1", "OPTION_A", "1", "1"),
    C(b"\xef\xbb\xbfOPTION_A=1\r\nOPTION_B=2", "OPTION_B", "2", "2"),
    # --- compose-go template/template.go: ${VAR} forms (docker never expands)
    C("A=${UNSET:-def}", "A", "${UNSET:-def}", "def"),
    C("A=${EMPTY:-def}", "A", "${EMPTY:-def}", "def", env={"EMPTY": ""}),
    C("A=${EMPTY-def}", "A", "${EMPTY-def}", "", env={"EMPTY": ""}),
    C("A=${UNSET-def}", "A", "${UNSET-def}", "def"),
    C("A=${SET:+alt}", "A", "${SET:+alt}", "alt", env={"SET": "x"}),
    C("A=${UNSET:+alt}", "A", "${UNSET:+alt}", ""),
    C("A=${SET+alt}", "A", "${SET+alt}", "alt", env={"SET": ""}),
    C("A=${UNSET:?must be set}", "A", "${UNSET:?must be set}", Err("required-variable")),
    C("A=${EMPTY:?must be set}", "A", "${EMPTY:?must be set}", Err("required-variable"), env={"EMPTY": ""}),
    C("A=${EMPTY?must be set}", "A", "${EMPTY?must be set}", "", env={"EMPTY": ""}),
    C("A=${SET:?must}", "A", "${SET:?must}", "x", env={"SET": "x"}),
    C("A=${UNSET:-${SET}}", "A", "${UNSET:-${SET}}", "x", env={"SET": "x"}),
    C("A=${UNSET:-x}-${SET}", "A", "${UNSET:-x}-${SET}", "x-y", env={"SET": "y"}),
    C("A=$$SET", "A", "$$SET", "$SET", env={"SET": "x"}),
    C("A=pa$5word", "A", "pa$5word", "pa$5word"),
    C("A=cost$", "A", "cost$", "cost$"),
    C("A=abc${", "A", "abc${", Err("invalid-interpolation")),
    C("A=${1}", "A", "${1}", Err("invalid-interpolation")),
    C("A='${SET}'", "A", "'${SET}'", "${SET}", env={"SET": "x"}),
    C("A=1\nB=${A}", "B", "${A}", "1"),
    C("A=1\nB=${A}", "B", "${A}", "host", env={"A": "host"}),
    # --- docker/cli kvfile.go doc comment ("used as-is", "quotes are part of
    # the value", "whitespace in values is preserved") vs compose-go parser.go
    C("KEY=value   ", "KEY", "value   ", "value"),
    C('KEY="unbalanced', "KEY", '"unbalanced', Err("unterminated-quote")),
    C("KEY='mixed\"", "KEY", "'mixed\"", Err("unterminated-quote")),
    C("KEY=\"it's\"", "KEY", "\"it's\"", "it's"),
    C("KEY='say \"hi\"'", "KEY", "'say \"hi\"'", 'say "hi"'),
    C("KEY=a=b=c", "KEY", "a=b=c", "a=b=c"),
    C("KEY=''", "KEY", "''", ""),
    C('KEY=""', "KEY", '""', ""),
    C("KEY=value\r", "KEY", "value", "value"),
    C('KEY="a b"\r', "KEY", '"a b"', "a b"),
    C("KEY=x\r\r", "KEY", "x\r", "x"),
    C("KEY=value\t# comment", "KEY", "value\t# comment", "value\t# comment"),
    C("KEY= #comment", "KEY", " #comment", "#comment"),
    C("KEY=#hash", "KEY", "#hash", "#hash"),
    C("#KEY=value", "KEY", NOTHING, NOTHING),
    C("  # KEY=value", "KEY", NOTHING, NOTHING),
    C("KEY", "KEY", "", "", env={"KEY": ""}),
    C("KEY", "KEY", "with space", "with space", env={"KEY": "with space"}),
    C("export FOO", "FOO", Err("export-prefix"), "1", env={"FOO": "1"}),
    C("KEY:value", "KEY", ABSENT, "value"),
    C("ÜBER=1", "ÜBER", "1", "1"),
    C("KEY=日本語 ✓", "KEY", "日本語 ✓", "日本語 ✓"),
    C("KEY=\u00a0x\u00a0", "KEY", "\u00a0x\u00a0", "x"),
    C("\u00a0KEY=x", "KEY", "x", "x"),
    C("LONG=" + "y" * 65000, "LONG", "y" * 65000, "y" * 65000),
    C("LONG=" + "z" * 1_000_000, "LONG", Err("line-too-long"), "z" * 1_000_000),
    C("KEY=a\x00b", "KEY", Err("nul-byte"), Err("nul-byte")),
    C(b"KEY=\xff", "KEY", Err("invalid-utf8"), "\ufffd"),
    C(b"# caf\xe9\nKEY=1", "KEY", Err("invalid-utf8"), "1"),
    C("DUP=first\nDUP=second", "DUP", "first", "second"),
    C('KEY="multi\nline"', "KEY", '"multi', "multi\nline"),
    C('A="x" B=2', "A", '"x" B=2', "x"),
    C('A="x" B=2', "B", ABSENT, "2"),
    C("FOO", "FOO", "1", ABSENT, env={"FOO": "1"}, eol=False),
    C("FOO", "", ABSENT, Keyed("", "FOO"), env={"FOO": "1"}, eol=False),
]


def _check(payload: str | bytes, dialect: str, case: Case, expect: Outcome) -> None:
    f = parse(payload, dialect, environ=dict(case.env))  # type: ignore[arg-type]
    fatal = [p.code for p in f.problems if p.fatal]
    if isinstance(expect, Err):
        assert expect.code in fatal, (dialect, f.problems)
        return
    assert not fatal, (dialect, f.problems)
    env = f.environment()
    if expect is NOTHING:
        assert f.entries == ()
    elif expect is ABSENT:
        assert case.key not in env
    elif isinstance(expect, Keyed):
        assert env[expect.key] == expect.value
    else:
        assert env[case.key] == expect


def _ids() -> list[str]:
    out = []
    for i, case in enumerate(CASES):
        text = case.data.decode("utf-8", "backslashreplace") if isinstance(case.data, bytes) else case.data
        out.append(f"{i:03d}-{text[:30]!r}")
    return out


@pytest.mark.parametrize("case", CASES, ids=_ids())
def test_docker(case: Case) -> None:
    _check(case.payload(), "docker", case, case.docker)


@pytest.mark.parametrize("case", CASES, ids=_ids())
def test_compose(case: Case) -> None:
    _check(case.payload(), "compose", case, case.compose)


def test_table_is_large_enough() -> None:
    lines = sum(
        len(c.data.split(b"\n" if isinstance(c.data, bytes) else "\n")) for c in CASES  # type: ignore[arg-type]
    )
    assert len(CASES) >= 100
    assert lines >= 100
