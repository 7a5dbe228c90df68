"""Env-file reader that reproduces two real loaders exactly.

Dialects
--------
``docker``
    ``docker run --env-file`` (docker/cli ``pkg/kvfile/kvfile.go``): one
    ``KEY=VALUE`` per line, split at the first ``=``, value taken verbatim
    (quotes, trailing blanks and ``# text`` included).
``compose``
    ``env_file:`` in ``docker compose`` (compose-spec/compose-go v2
    ``dotenv/parser.go`` + ``template/template.go``): ``export`` prefix,
    quotes, escapes, multi-line double-quoted values, inline comments and
    ``${VAR}`` interpolation.

Positions
---------
``line`` and ``column`` are 1-based.  Columns count code points of
``EnvFile.lines[line - 1]``.  A UTF-8 byte order mark at the start of the
file is not part of ``EnvFile.text`` (``EnvFile.bom`` records it), so the
first visible character of line 1 is column 1, as editors show it.

Decoding
--------
``text`` is the UTF-8 decoding with ``surrogateescape``: every byte that is
not valid UTF-8 becomes one code point U+DC80..U+DCFF, so
``text.encode("utf-8", "surrogateescape")`` gives back the bytes after the BOM.
Under compose such bytes reach the container as U+FFFD (the Docker API is
JSON), and ``Entry.value`` shows them that way.

Entry fields per dialect
------------------------
``raw_value``
    docker: everything after the first ``=`` (a final ``\\r`` excluded).
    compose: starts at the first non-blank after ``=``/``:`` (what compose
    reads); unquoted it runs to the end of the line, quoted it runs to the
    closing quote and may span lines.
``inline_comment_column``
    Column of the ``#``.  docker: first `` #`` or ``\\t#`` in a value that is
    not wrapped in matching quotes (docker keeps the text).  compose: the
    `` #`` where compose cuts the value (only a space counts, not a tab).
``value``
    The value the process receives; ``None`` for a bare name that is not set
    in ``environ``.  When the loader refuses the file (a fatal problem) the
    values are the best reading of what was meant, not something any
    container receives.

Problem codes
-------------
``invalid-utf8``, ``nul-byte``, ``key-with-blanks``, ``export-prefix``,
``missing-equals``, ``empty-key``, ``unterminated-quote``, ``invalid-key``,
and, because the loaders also refuse files for these, ``line-too-long``
(docker, 64 KiB line limit), ``invalid-interpolation`` and
``required-variable`` (compose, ``${`` syntax and ``${VAR:?msg}``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

from score_lint import files
from score_lint.envfile.docker import parse_docker, quoted_continuations
from score_lint.envfile.entries import EntryStore, in_line_order, keys, keys_values, opening_quotes, valued_keys, values_with
from score_lint.envfile.syntax import (
    _BINARY_INVALID_RATIO,
    _BINARY_NUL_RATIO,
    _BINARY_SNIFF_BYTES,
    _BOM,
    _ESCAPED_BYTE,
    DOCKER_MAX_LINE_BYTES,
    MAX_FILE_BYTES,
    Dialect,
    Entry,
    EnvFile,
    EnvFileError,
    Problem,
    TextLines,
    WithoutNewline,
    _split_lines,
    _to_bytes,
)
from score_lint.patterns import lazy

__all__ = [
    "DOCKER_MAX_LINE_BYTES",
    "MAX_FILE_BYTES",
    "Dialect",
    "Entry",
    "EnvFile",
    "EnvFileError",
    "EntryStore",
    "in_line_order",
    "keys",
    "keys_values",
    "valued_keys",
    "values_with",
    "Problem",
    "load",
    "as_env_file",
    "check",
    "continued_lines",
    "not_an_env_file",
    "parse",
    "read",
    "read_data",
    "split_lines",
]


# Up to this many entries a docker file's entries are held as objects; past it, as an ``EntryStore``.
HELD_ENTRIES = 4096


def parse(
    data: bytes | str,
    dialect: Dialect = "docker",
    path: str = "<string>",
    environ: Mapping[str, str] | None = None,
) -> EnvFile:
    if dialect not in ("docker", "compose"):
        raise ValueError(f"unknown dialect {dialect!r}")
    raw = _to_bytes(data)
    bom = raw.startswith(_BOM)
    text = raw[len(_BOM):].decode("utf-8", "surrogateescape") if bom else raw.decode("utf-8", "surrogateescape")
    env: Mapping[str, str] = environ if environ is not None else {}
    entries: Sequence[Entry]
    if dialect == "docker":
        store, problems = parse_docker(text, bom, env)  # an EntryStore: the entries held as numbers
        # A file of a few thousand lines (any written by hand) holds its entries as objects, made once: the
        # store saves memory only where entries are many, and making them again as rules ask costs time.
        entries = store if len(store) > HELD_ENTRIES else tuple(store)
    else:
        # Imported here for start-up time: the plain `docker run` path never reads the compose way.
        from score_lint.envfile.compose import parse_compose

        found, problems = parse_compose(text, env)
        entries = tuple(found)
    return EnvFile(
        path=path, dialect=dialect, text=text, lines=TextLines(text),
        entries=entries, problems=tuple(problems), bom=bom,
    )


def _looks_binary(data: bytes) -> str | None:
    """Why the data is not a text file, or None.

    Rule: a UTF-16/UTF-32 byte order mark, or NUL bytes in the first 8 KiB
    together with at least 10% of those bytes not being valid UTF-8 or at least
    30% of them being NUL.  A stray NUL in an otherwise textual file stays a
    per-line problem instead.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "file is UTF-16/UTF-32 encoded; docker and compose read UTF-8 only"
    head = data[:_BINARY_SNIFF_BYTES]
    if b"\x00" not in head:
        return None
    if len(data) > _BINARY_SNIFF_BYTES:
        # Do not count a multi-byte character cut by the sniff window.
        head = head[:-3]
    decoded = head.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED_BYTE.findall(decoded))
    if head and (invalid / len(head) >= _BINARY_INVALID_RATIO or head.count(0) / len(head) >= _BINARY_NUL_RATIO):
        return "file is binary, not text"
    return None


def read(
    path: str | os.PathLike[str],
    dialect: Dialect = "docker",
    environ: Mapping[str, str] | None = None,
) -> EnvFile:
    name = os.fspath(path)
    return load(read_data(name), name, dialect, environ)


def read_data(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an env file, as ``read`` reads them (not checked yet: see ``check``)."""
    name = os.fspath(path)
    try:
        # Bounded even for a file that grows or never ends; a pipe or a device is refused unread.
        return files.read_bounded(name, MAX_FILE_BYTES, "env files")
    except files.Unreadable as exc:
        raise EnvFileError(name, exc.reason) from None


def _too_large(size: int) -> str:
    shown = f" ({size / 2**20:.1f} MiB)" if size > MAX_FILE_BYTES else ""
    return f"file is too large{shown}: score-lint reads env files of at most {MAX_FILE_BYTES // 2**20} MiB"


def load(
    data: bytes,
    path: str = "<string>",
    dialect: Dialect = "docker",
    environ: Mapping[str, str] | None = None,
) -> EnvFile:
    """Bytes read from somewhere (a file, standard input), with the checks a real file gets: not more
    than ``MAX_FILE_BYTES`` (pass at most one byte more to be told), not binary."""
    check(data, path)
    return parse(data, dialect=dialect, path=path, environ=environ)


def check(data: bytes, path: str = "<string>") -> None:
    """The checks ``load`` makes before parsing: an ``EnvFileError`` for data too large or binary."""
    if len(data) > MAX_FILE_BYTES:
        raise EnvFileError(path, _too_large(0))
    reason = _looks_binary(data)
    if reason is not None:
        raise EnvFileError(path, reason)


def continued_lines(env: EnvFile) -> dict[int, Entry]:
    """Lines that docker reads on their own although they continue the quoted value of an earlier line.

    ``{line: the entry whose value they continue}``; empty under compose, which reads such a value whole.
    Their text is part of that value (maybe a secret), never a name to show.
    """
    if env.dialect != "docker":
        return {}
    opening = opening_quotes(env.entries)
    if not opening:
        return {}
    return {line: entry for entry, last in quoted_continuations(WithoutNewline(env.lines), opening)
            for line in range(entry.line + 1, last + 1)}



# Colon-separated records (/etc/passwd: 7 fields, /etc/shadow: 9): a name, then five or more ':' fields and
# no URL (a compose-style `S3_ENDPOINT:http://minio:9000` has three).
_RECORD = lazy(r"(?!.*://)[^:=\s]+(?::[^:\n]*){5,}\Z")
_ARMOUR = lazy(r"^-----BEGIN [A-Z0-9 ]+-----", re.M)


def not_an_env_file(env: EnvFile) -> str | None:
    """What the file plainly is instead of an env file (a PEM key, /etc/shadow-like records), or None.

    ``env_file:`` may name any file; read as an env file, each line of a private key or each user of
    /etc/shadow would become a "name" quoted in a finding. Such a file is reported once, as a whole.
    """
    text = env.text
    if "-----BEGIN " in text and _ARMOUR.search(text):
        return "it holds a PEM key or certificate (-----BEGIN ...)"
    # Two records at least (four in five lines of two or more), each with five ':' or more.
    if text.count(":") < 2 * 5:
        return None
    content = [line.strip() for line in env.lines if line.strip() and not line.lstrip().startswith("#")]
    records = sum(1 for line in content if line.count(":") >= 5 and _RECORD.match(line))
    if len(content) >= 2 and records * 10 >= len(content) * 8:
        return "it holds colon-separated records, like /etc/passwd or /etc/shadow"
    return None


def as_env_file(env: EnvFile) -> EnvFile:
    """``env`` itself, or, when it is plainly not an env file, the same file with no entries and one
    fatal ``not-an-env-file`` problem on line 1 (nothing of its text is read as names or values)."""
    reason = not_an_env_file(env)
    if reason is None:
        return env
    problem = Problem(1, 1, "not-an-env-file",
                      f"this is not an env file: {reason}; Score gets none of its settings from it. Name the env "
                      "file meant here instead", True)
    return EnvFile(path=env.path, dialect=env.dialect, text=env.text, lines=env.lines,
                   entries=(), problems=(problem,), bom=env.bom, raw=env.raw)


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as ``EnvFile.lines`` numbers them: split at ``\\n`` only, each with its ``\\n``."""
    return _split_lines(text)
