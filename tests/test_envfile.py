from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from score_lint.envfile import (
    DOCKER_MAX_LINE_BYTES,
    Entry,
    EnvFile,
    EnvFileError,
    Problem,
    parse,
    read,
)

DIALECTS = ("docker", "compose")


def only(f: EnvFile, key: str) -> Entry:
    found = [e for e in f.entries if e.key == key]
    assert len(found) == 1, f.entries
    return found[0]


def codes(f: EnvFile) -> list[str]:
    return [p.code for p in f.problems]


# --- data model ------------------------------------------------------------


def test_results_are_frozen() -> None:
    f = parse("A=1\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.entries[0].key = "B"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.path = "x"  # type: ignore[misc]
    assert f.entries[0] == Entry("A", "1", "1", 1, 1, 1, 3, 1, False, None, None)
    assert hash(f.entries[0]) == hash(Entry("A", "1", "1", 1, 1, 1, 3, 1, False, None, None))


def test_defaults() -> None:
    f = parse("A=1\n")
    assert f.dialect == "docker"
    assert f.path == "<string>"
    assert f.data == b"A=1\n"


def test_unknown_dialect() -> None:
    with pytest.raises(ValueError):
        parse("A=1", "bash")  # type: ignore[arg-type]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("data", [
    b"", b"A=1", b"A=1\n", b"A=1\r\nB=2\r\n", b"\n\n", b"A=\xff\xfe\nB=2", b"X=\"a\nb\"\nC", b"\r",
])
def test_round_trip(dialect: str, data: bytes) -> None:
    f = parse(data, dialect)  # type: ignore[arg-type]
    assert f.data == data
    assert "".join(f.lines) == f.text
    assert f.text.encode("utf-8", "surrogateescape") == data
    assert all(line.endswith("\n") for line in f.lines[:-1])


@pytest.mark.parametrize("dialect", DIALECTS)
def test_bom_is_dropped_and_recorded(dialect: str) -> None:
    data = b"\xef\xbb\xbfA=1\nB=2\n"
    f = parse(data, dialect)  # type: ignore[arg-type]
    assert f.bom
    assert f.data == data
    assert f.text == "A=1\nB=2\n"
    a = only(f, "A")
    assert (a.line, a.column, a.value_column) == (1, 1, 3)
    assert f.environment() == {"A": "1", "B": "2"}


def test_bom_only_at_file_start() -> None:
    f = parse("A=1\n\ufeffB=2\n", "docker")
    assert "\ufeffB" in f.environment()


@pytest.mark.parametrize(("data", "expected"), [
    (b"\xef\xbb\xbfA=\xff\n", b"\xef\xbb\xbfA=\xff\n"), (b"A=\xed\xa0\x80\n", b"A=\xed\xa0\x80\n"),
    (b"\xef\xbb\xbf", b"\xef\xbb\xbf"), ("A=\ud800\n", b"A=\xed\xa0\x80\n"), ("B=\udcff", b"B=\xff"),
])
def test_a_parse_holds_no_second_copy_of_the_bytes(data: bytes | str, expected: bytes) -> None:
    # The text is the file for the whole lint; its bytes are encoded again when asked for (a plain lint
    # never asks), to the same bytes: BOM, invalid UTF-8 and lone surrogates included.
    f = parse(data, "docker")
    assert f.raw is None
    assert f.data == expected


def test_str_input() -> None:
    f = parse("K=\u00e9\n", "docker")
    assert f.data == "K=\u00e9\n".encode()
    assert f.environment() == {"K": "\u00e9"}


# --- positions ---------------------------------------------------------------


def test_docker_positions() -> None:
    f = parse("# c\n\n  KEY=val # note\nBARE\n", "docker", environ={"BARE": "b"})
    key = only(f, "KEY")
    assert (key.line, key.column, key.value_line, key.value_column, key.end_line) == (3, 3, 3, 7, 3)
    assert key.raw_value == "val # note"
    assert key.value == "val # note"
    assert key.inline_comment_column == 11
    assert f.lines[2][key.inline_comment_column - 1] == "#"
    bare = only(f, "BARE")
    assert bare.bare and bare.value == "b" and bare.raw_value == "" and bare.line == 4


def test_compose_positions() -> None:
    f = parse('# c\n  export KEY =  "v1\nv2" # trailing\nNEXT=n #cut\n', "compose")
    key = only(f, "KEY")
    assert (key.line, key.column) == (2, 10)
    assert (key.value_line, key.value_column, key.end_line) == (2, 17, 3)
    assert key.raw_value == '"v1\nv2"'
    assert key.quoted == '"'
    assert key.value == "v1\nv2"
    assert key.inline_comment_column is None
    nxt = only(f, "NEXT")
    assert (nxt.line, nxt.column, nxt.value_column) == (4, 1, 6)
    assert nxt.raw_value == "n #cut"
    assert nxt.inline_comment_column == 8
    assert f.lines[3][nxt.inline_comment_column - 1] == "#"


def test_compose_tab_hash_is_not_a_comment() -> None:
    f = parse("K=a\t#b\n", "compose")
    assert only(f, "K").value == "a\t#b"
    assert only(f, "K").inline_comment_column is None
    d = parse("K=a\t#b\n", "docker")
    assert only(d, "K").inline_comment_column == 5


def test_quoted_flag_both_dialects() -> None:
    for dialect in DIALECTS:
        f = parse("A=\"x\"\nB='y'\nD=w\n", dialect)  # type: ignore[arg-type]
        got = {e.key: e.quoted for e in f.entries}
        assert got["A"] == '"' and got["B"] == "'" and got["D"] is None
    assert only(parse("C=\"z'\n", "docker"), "C").quoted is None


@pytest.mark.parametrize("dialect", DIALECTS)
def test_crlf(dialect: str) -> None:
    f = parse(b"A=1\r\nB = 2\r\nC\r\n", dialect, environ={"C": "c"})  # type: ignore[arg-type]
    a = only(f, "A")
    assert a.raw_value == "1" and a.value == "1"
    assert f.lines[0] == "A=1\r\n"
    assert only(f, "C").value == "c"


def test_compose_statements_after_a_quote_share_the_line() -> None:
    f = parse('A="x" B=2 \n', "compose")
    assert [(e.key, e.line, e.column) for e in f.entries] == [("A", 1, 1), ("B", 1, 7)]


def test_docker_unicode_space_trimmed_but_not_blank_key() -> None:
    f = parse("\u2003KEY\u00a0=x\n", "docker")
    assert not f.problems
    assert only(f, "KEY\u00a0").column == 2


# --- problems ---------------------------------------------------------------


def test_docker_problems() -> None:
    data = "KEY =x\nexport FOO=bar\nthis is text\n=value\nOK=1\n"
    f = parse(data, "docker")
    assert [(p.line, p.column, p.code, p.fatal) for p in f.problems] == [
        (1, 1, "key-with-blanks", True),
        (2, 1, "export-prefix", True),
        (3, 1, "missing-equals", True),
        (4, 1, "empty-key", True),
    ]
    assert f.refused
    assert only(f, "OK").value == "1"
    assert "'KEY' is followed by blanks before '='" in f.problems[0].message


def test_docker_bare_name_is_not_a_problem() -> None:
    f = parse("JAVA_OPTS\n", "docker")
    assert f.problems == ()
    assert only(f, "JAVA_OPTS").bare
    assert only(f, "JAVA_OPTS").value is None
    assert f.environment() == {}


def test_invalid_utf8_docker_is_fatal_at_the_byte() -> None:
    f = parse(b"A=1\nB=ab\xffc\n", "docker")
    assert [(p.line, p.column, p.code, p.fatal) for p in f.problems] == [(2, 5, "invalid-utf8", True)]


def test_invalid_utf8_in_comment_still_fatal_for_docker() -> None:
    assert codes(parse(b"# \xff\nA=1\n", "docker")) == ["invalid-utf8"]


def test_invalid_utf8_compose_is_a_warning() -> None:
    f = parse(b"A=1\nB=ab\xffc\n", "compose")
    assert [(p.line, p.column, p.code, p.fatal) for p in f.problems] == [(2, 5, "invalid-utf8", False)]
    assert only(f, "B").value == "ab\ufffdc"


def test_invalid_utf8_in_compose_key() -> None:
    f = parse(b"A\xff=1\n", "compose")
    assert [(p.code, p.fatal) for p in f.problems if p.fatal] == [("invalid-key", True)]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_nul_byte(dialect: str) -> None:
    f = parse(b"A=1\nB=x\x00y\n", dialect)  # type: ignore[arg-type]
    nul = [p for p in f.problems if p.code == "nul-byte"]
    assert len(nul) == 1 and nul[0].line == 2 and nul[0].fatal


def test_nul_in_docker_comment_is_ignored() -> None:
    assert parse(b"# a\x00b\nA=1\n", "docker").problems == ()


def test_compose_invalid_key_position_and_recovery() -> None:
    f = parse("A=1\n  B$C=2\nD=4\n", "compose")
    assert [(p.line, p.column, p.code) for p in f.problems] == [(2, 4, "invalid-key")]
    assert f.environment() == {"A": "1", "D": "4"}


def test_compose_unterminated_quote_position() -> None:
    f = parse('A=1\nB = "open\nC=3\n', "compose")
    assert [(p.line, p.column, p.code, p.fatal) for p in f.problems] == [(2, 5, "unterminated-quote", True)]
    assert f.environment() == {"A": "1"}


def test_compose_space_in_name() -> None:
    f = parse("MY KEY=1\nother words\n", "compose")
    assert [(p.line, p.code) for p in f.problems] == [(1, "key-with-blanks"), (2, "missing-equals")]


def test_compose_bare_last_line_without_newline() -> None:
    f = parse("A=1\nFOO", "compose", environ={"FOO": "host"})
    problem = [p for p in f.problems if p.code == "missing-equals"]
    assert problem and not problem[0].fatal
    assert "FOO" not in f.environment()


def test_compose_interpolation_errors() -> None:
    f = parse("A=${NOPE:?set it}\nB=x${\n", "compose")
    assert [(p.line, p.code, p.fatal) for p in f.problems] == [
        (1, "required-variable", True), (2, "invalid-interpolation", True),
    ]


def test_line_too_long_docker_boundary() -> None:
    ok = "A=" + "x" * (DOCKER_MAX_LINE_BYTES - 3)  # 65535 bytes before the newline
    assert parse(ok + "\n", "docker").problems == ()
    assert parse(ok, "docker").problems == ()
    too_long = ok + "x"
    assert codes(parse(too_long + "\n", "docker")) == ["line-too-long"]
    # The final "\r" is counted by bufio even though it is dropped afterwards.
    assert codes(parse(ok + "\r\n", "docker")) == ["line-too-long"]
    assert parse(too_long + "\n", "compose").problems == ()


def test_messages_never_leak_values() -> None:
    secret = "s3cr3t-P4ss"
    data = (
        f"KEY ={secret}\nexport A={secret}\n=b{secret}\nC=\"{secret}\nD=x\x00{secret}\n"
        f"E=${{NOPE:?{secret}}}\nF={secret}${{\nG {secret}\n"
    ).encode() + b"H=\xff" + secret.encode() + b"\n"
    for dialect in DIALECTS:
        f = parse(data, dialect)  # type: ignore[arg-type]
        assert f.problems
        for p in f.problems:
            assert secret not in p.message, p


# --- environment() -------------------------------------------------------------


def test_environment_docker_first_wins() -> None:
    f = parse("A=1\nA=2\nB\n", "docker", environ={"B": "host"})
    assert f.environment() == {"A": "1", "B": "host"}
    assert [e.value for e in f.entries if e.key == "A"] == ["1", "2"]


def test_environment_compose_last_wins() -> None:
    f = parse("A=1\nA=2\nA\nB\n", "compose")
    assert f.environment() == {"A": "2"}
    assert len([e for e in f.entries if e.key == "A"]) == 3


def test_compose_bare_from_host_overrides_earlier() -> None:
    f = parse("A=1\nA\n", "compose", environ={"A": "host"})
    assert f.environment() == {"A": "host"}


def test_compose_expansion_uses_latest_file_value() -> None:
    f = parse("A=1\nA=2\nB=$A\n", "compose")
    assert f.environment()["B"] == "2"


# --- large inputs (speed is measured in bench/, never asserted here) ----------------


@pytest.mark.parametrize("dialect", DIALECTS)
def test_80000_lines(dialect: str) -> None:
    data = "".join(f"KEY_{i}=value_{i} # note\n" for i in range(80_000)).encode()
    f = parse(data, dialect)  # type: ignore[arg-type]
    assert len(f.entries) == 80_000
    assert f.entries[-1].line == 80_000


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("line", [
    "K=" + "a" * 10_000_000,
    "K=" + " " * 10_000_000 + "x",
    'K="' + "a b \\\" " * 1_500_000 + '"',
    "K " * 5_000_000,
    "K=" + "${a:-" * 200_000,
    "K=" + "${a:-1}" * 200_000,
])
def test_10mb_line_parses(dialect: str, line: str) -> None:
    f = parse(line + "\n", dialect)  # type: ignore[arg-type]
    assert "".join(f.lines) == f.text


# --- read() ----------------------------------------------------------------------


def test_read_ok(tmp_path: Path) -> None:
    p = tmp_path / "app.env"
    p.write_bytes(b"A=1\n")
    f = read(p, "compose", environ={})
    assert f.path == str(p) and f.environment() == {"A": "1"}
    assert read(str(p)).dialect == "docker"


def test_read_missing(tmp_path: Path) -> None:
    with pytest.raises(EnvFileError) as info:
        read(tmp_path / "nope.env")
    assert info.value.path == str(tmp_path / "nope.env")
    assert "no such file" in info.value.message


def test_read_directory(tmp_path: Path) -> None:
    with pytest.raises(EnvFileError) as info:
        read(tmp_path)
    assert "directory" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_read_permission(tmp_path: Path) -> None:
    p = tmp_path / "secret.env"
    p.write_bytes(b"A=1\n")
    p.chmod(0)
    try:
        with pytest.raises(EnvFileError) as info:
            read(p)
        assert "permission" in info.value.message
    finally:
        p.chmod(0o600)


def test_read_binary(tmp_path: Path) -> None:
    p = tmp_path / "image.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(128, 256)) * 20)
    with pytest.raises(EnvFileError) as info:
        read(p)
    assert "binary" in info.value.message


def test_read_utf16(tmp_path: Path) -> None:
    p = tmp_path / "win.env"
    p.write_bytes("A=1\r\n".encode("utf-16"))
    with pytest.raises(EnvFileError) as info:
        read(p)
    assert "UTF-16" in info.value.message


def test_read_text_with_stray_nul_is_parsed(tmp_path: Path) -> None:
    p = tmp_path / "almost.env"
    p.write_bytes(b"A=1\nB=x\x00y\n")
    assert "nul-byte" in codes(read(p))


def test_error_is_exception() -> None:
    err = EnvFileError("p", "m")
    assert isinstance(err, Exception) and str(err) == "p: m"
    assert isinstance(Problem(1, 1, "nul-byte", "m", True), Problem)
