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

import bisect
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Dialect",
    "Entry",
    "EnvFile",
    "EnvFileError",
    "Problem",
    "DOCKER_MAX_LINE_BYTES",
    "parse",
    "read",
]

Dialect = Literal["docker", "compose"]

# bufio.MaxScanTokenSize: docker's line scanner fails with "token too long"
# once a line (without its "\n") reaches this many bytes.
DOCKER_MAX_LINE_BYTES = 64 * 1024

_BOM = b"\xef\xbb\xbf"

# Go's unicode.IsSpace (Latin-1 part plus the White_Space property); Python's
# str.isspace also accepts U+001C..U+001F, which Go does not.
_GO_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# compose-go's isSpace: blanks that are not a line break.
_COMPOSE_BLANK = frozenset("\t\v\f\r \x85\xa0")
# Go regexp \s (used by compose-go's `^export\s+`): ASCII only, no \v.
_GO_RE_SPACE = frozenset("\t\n\f\r ")

_GO_SPACE_CLASS = "".join(re.escape(c) for c in sorted(_GO_SPACE))
_GO_SPACE_CHARS = "".join(sorted(_GO_SPACE))
_LEADING_GO_SPACE = re.compile(f"[{_GO_SPACE_CLASS}]*")
# Fast skip over plausible key characters; non-ASCII ones are re-checked.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_KEY = re.compile(r"[A-Za-z0-9_.\-\[\]]*")
_KEY_RUN = re.compile(r"[\w.\-\[\]\t\v\f\r \x85\xa0]*")
_COMPOSE_BLANK_RUN = re.compile("[" + "".join(re.escape(c) for c in sorted(_COMPOSE_BLANK)) + "]*")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_ESCAPE_SEQ = re.compile(r'\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})')
_QUOTE_OR_BACKSLASH = {"'": re.compile(r"['\\]"), '"': re.compile(r'["\\]')}
_BRACE = re.compile(r"[{}]")

# Go's (?i)[_a-z] also matches U+017F and U+212A through simple case folding.
_NAME_START = frozenset("_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u017f\u212a")
_NAME_CHARS = _NAME_START | frozenset("0123456789")
_ASCII_KEY_CHARS = frozenset(
    "_.-[]abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

# Guards Python's recursion limit; Go has no such limit, so deeper nesting is
# reported instead of evaluated.
_MAX_NESTING = 64

_BINARY_SNIFF_BYTES = 8192
_BINARY_INVALID_RATIO = 0.10
_BINARY_NUL_RATIO = 0.30
# Real env files are kilobytes; past this a file is refused up front so that memory stays bounded
# (a parsed line costs far more than its bytes).
MAX_FILE_BYTES = 16 * 1024 * 1024


class EnvFileError(Exception):
    """The file cannot be read as an env file at all."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    value: str | None
    raw_value: str
    line: int
    column: int
    value_line: int
    value_column: int
    end_line: int
    bare: bool
    quoted: str | None
    inline_comment_column: int | None


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    code: str
    message: str
    fatal: bool


@dataclass(frozen=True)
class EnvFile:
    path: str
    dialect: Dialect
    data: bytes
    text: str
    lines: tuple[str, ...]
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    bom: bool = False

    @property
    def refused(self) -> bool:
        """True when the real loader rejects the whole file."""
        return any(p.fatal for p in self.problems)

    def environment(self) -> dict[str, str]:
        result: dict[str, str] = {}
        if self.dialect == "docker":
            # docker passes every line on; the JVM keeps the first duplicate.
            for entry in self.entries:
                if entry.value is not None and entry.key not in result:
                    result[entry.key] = entry.value
        else:
            for entry in self.entries:
                if entry.value is not None:
                    result[entry.key] = entry.value
        return result


# --------------------------------------------------------------------------
# shared helpers

_new = object.__new__
_intern = sys.intern
_set = object.__setattr__


def _entry(
    key: str, value: str | None, raw_value: str, line: int, column: int, value_line: int,
    value_column: int, end_line: int, bare: bool, quoted: str | None, comment: int | None,
) -> Entry:
    # The generated frozen __init__ costs a guarded setattr per field, which
    # alone ate half the time budget on 80,000-line files; slots instead of a
    # __dict__ take a third of the memory (bench/run.py measures both).
    entry = _new(Entry)
    _set(entry, "key", _intern(key))  # big files repeat a few dozen names
    _set(entry, "value", value)
    _set(entry, "raw_value", raw_value)
    _set(entry, "line", line)
    _set(entry, "column", column)
    _set(entry, "value_line", value_line)
    _set(entry, "value_column", value_column)
    _set(entry, "end_line", end_line)
    _set(entry, "bare", bare)
    _set(entry, "quoted", quoted)
    _set(entry, "inline_comment_column", comment)
    return entry


class _Positions:
    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def at(self, pos: int) -> tuple[int, int]:
        idx = bisect.bisect_right(self.starts, pos) - 1
        return idx + 1, pos - self.starts[idx] + 1


def _split_lines(text: str) -> tuple[str, ...]:
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return tuple(lines)


def _to_bytes(data: bytes | str) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return data.encode("utf-8", "surrogatepass")


def _is_key_char(c: str) -> bool:
    if c in _ASCII_KEY_CHARS:
        return True
    if c < "\x80":
        return False
    return unicodedata.category(c)[0] in "LN"


def _describe_key(key: str) -> str:
    return repr(key) if len(key) <= 80 else repr(key[:77] + "...")


# --------------------------------------------------------------------------
# docker


def _parse_docker(text: str, bom: bool, environ: Mapping[str, str]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    add = entries.append
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    check_utf8 = _ESCAPED_BYTE.search(text) is not None
    check_nul = "\x00" in text
    long_line = DOCKER_MAX_LINE_BYTES // 4 - 4
    spaces = _GO_SPACE
    lineno = 0
    for content in lines:
        lineno += 1
        if len(content) > long_line:
            _docker_line_length(content, lineno, bom and lineno == 1, problems)
        if content[-1:] == "\r":
            content = content[:-1]
        if check_utf8:
            bad = _ESCAPED_BYTE.search(content)
            if bad is not None:
                problems.append(Problem(lineno, bad.start() + 1, "invalid-utf8",
                                        "line is not valid UTF-8; docker refuses the file", True))
        if not content:
            continue
        first = content[0]
        if first == "#":
            continue
        if first in spaces:
            lead = _LEADING_GO_SPACE.match(content).end()  # type: ignore[union-attr]
            if lead == len(content) or content[lead] == "#":
                continue
            rest = content[lead:]
        else:
            lead = 0
            rest = content
        column = lead + 1
        key, sep, raw = rest.partition("=")
        if " " in key or "\t" in key or not key:
            if key:
                problems.append(_docker_blank_problem(key, bool(sep), lineno, column))
            else:
                problems.append(Problem(lineno, column, "empty-key",
                                        "line starts with '=' and has no variable name; docker refuses the file",
                                        True))
            continue
        if check_nul and "\x00" in rest:
            problems.append(Problem(lineno, lead + rest.index("\x00") + 1, "nul-byte",
                                    f"variable {_describe_key(key)} contains a NUL byte; the container cannot start",
                                    True))
        if sep:
            value_column = column + len(key) + 1
            quoted = None
            comment = None
            if raw:
                q = raw[0]
                if (q == '"' or q == "'") and len(raw) >= 2 and raw[-1] == q:
                    quoted = q
                elif "#" in raw:
                    comment = _inline_comment(raw, " \t")
                    if comment is not None:
                        comment += value_column
            add(_entry(key, raw, raw, lineno, column, lineno, value_column, lineno, False, quoted, comment))
        else:
            add(_entry(key, environ.get(key), "", lineno, column, lineno, column + len(key), lineno, True,
                       None, None))
    problems.sort(key=lambda p: (p.line, p.column))
    return entries, problems


def _docker_line_length(content: str, lineno: int, has_bom: bool, problems: list[Problem]) -> None:
    # bufio counts every byte before the "\n" (a final "\r" and the BOM of
    # line 1 included); the token must fit in a 64 KiB buffer with its "\n".
    if len(content) * 4 + 3 < DOCKER_MAX_LINE_BYTES:
        return
    size = len(content.encode("utf-8", "surrogateescape")) + (len(_BOM) if has_bom else 0)
    if size >= DOCKER_MAX_LINE_BYTES:
        problems.append(Problem(lineno, 1, "line-too-long",
                                f"line is {size} bytes; docker reads at most "
                                f"{DOCKER_MAX_LINE_BYTES - 1} bytes per line and refuses the file", True))


def _docker_blank_problem(key: str, has_value: bool, lineno: int, column: int) -> Problem:
    if key.startswith(("export ", "export\t")):
        return Problem(lineno, column, "export-prefix",
                       "'export' prefix is not understood by docker: the name would contain a blank "
                       "and docker refuses the file", True)
    if not has_value:
        return Problem(lineno, column, "missing-equals",
                       "line has no '=' and contains blanks; docker refuses the file", True)
    return Problem(lineno, column, "key-with-blanks",
                   f"variable name {_describe_key(key)} contains blanks (docker does not trim "
                   "around '='); docker refuses the file", True)


def _inline_comment(raw: str, blanks: str) -> int | None:
    """Offset of the '#' of the first blank+'#' in raw, or None."""
    best: int | None = None
    for blank in blanks:
        i = raw.find(blank + "#")
        if i >= 0 and (best is None or i + 1 < best):
            best = i + 1
    return best


# --------------------------------------------------------------------------
# compose: interpolation (compose-go template.Substitute)


class _TemplateError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_Lookup = Callable[[str], "str | None"]


def _first_closing_brace(t: str, start: int, end: int) -> int:
    # getFirstBraceClosingIndex: a '{' also swallows the character after it.
    depth = 0
    i = start
    search = _BRACE.search
    while i < end:
        m = search(t, i, end)
        if m is None:
            return -1
        i = m.start()
        if t[i] == "}":
            depth -= 1
            if depth == 0:
                return i
            i += 1
        else:
            depth += 1
            i += 2
    return -1


def _substitute(t: str, lookup: _Lookup, depth: int = 0) -> str:
    if depth > _MAX_NESTING:
        raise _TemplateError("invalid-interpolation", "interpolation nested too deeply to evaluate")
    if "$" not in t:
        return t
    out: list[str] = []
    first_error: _TemplateError | None = None
    n = len(t)
    i = 0
    cache_from = -1
    cache_line_end = -1
    cache_last = -1
    while True:
        j = t.find("$", i)
        if j < 0:
            out.append(t[i:])
            break
        out.append(t[i:j])
        c = t[j + 1] if j + 1 < n else ""
        if c == "$":
            out.append("$")
            i = j + 2
            continue
        if c and c in _NAME_START:
            k = j + 2
            while k < n and t[k] in _NAME_CHARS:
                k += 1
            out.append(lookup(t[j + 1:k]) or "")
            i = k
            continue
        if c != "{":
            out.append("$")
            i = j + 1
            continue
        k = j + 2
        if k < n and t[k] in _NAME_START:
            k += 1
            while k < n and t[k] in _NAME_CHARS:
                k += 1
            name = t[j + 2:k]
            op = ""
            if k + 1 < n and t[k] == ":" and t[k + 1] in "-+?":
                op = t[k:k + 2]
            elif k < n and t[k] in "-+?":
                op = t[k]
            if op:
                op_end = k + len(op)
                # `(.*)}` is greedy up to the last '}' of the same line.
                if not (cache_from <= op_end <= cache_line_end):
                    line_end = t.find("\n", op_end)
                    cache_line_end = n if line_end < 0 else line_end
                    cache_from = op_end
                    cache_last = t.rfind("}", op_end, cache_line_end)
                if cache_last >= op_end:
                    match_end = cache_last + 1
                    close = _first_closing_brace(t, j, match_end)
                    body_end = close if close >= 0 else cache_last
                    try:
                        out.append(_apply_operator(op, name, t[op_end:body_end], lookup, depth))
                    except _TemplateError as exc:
                        first_error = first_error or exc
                    # The text after the first balanced '}' is interpolated on
                    # its own, which equals scanning on from there.
                    i = close + 1 if close >= 0 else match_end
                    continue
            if k < n and t[k] == "}":
                out.append(lookup(name) or "")
                i = k + 1
                continue
        first_error = first_error or _TemplateError(
            "invalid-interpolation", "invalid '${' interpolation; compose refuses the file")
        i = j + 2
    if first_error is not None:
        raise first_error
    return "".join(out)


def _apply_operator(op: str, name: str, arg: str, lookup: _Lookup, depth: int) -> str:
    value = lookup(name)
    if op == ":-":
        return _substitute(arg, lookup, depth + 1) if not value else value
    if op == "-":
        return _substitute(arg, lookup, depth + 1) if value is None else value
    if op == ":+":
        return _substitute(arg, lookup, depth + 1) if value else (value or "")
    if op == "+":
        return _substitute(arg, lookup, depth + 1) if value is not None else ""
    if value is None or (op == ":?" and value == ""):
        _substitute(arg, lookup, depth + 1)  # an error in the message wins, as in Go
        raise _TemplateError("required-variable",
                             f"required variable {name!r} is not set; compose refuses the file")
    return value


def _expand_escapes(s: str) -> str:
    def repl(m: re.Match[str]) -> str:
        match = m.group(0)
        c = match[1]
        if c == "$":
            return "$$"
        if c == "0":
            digits = match[2:]
            # strconv.UnquoteChar on `\ddd`: exactly three octal digits <= 255.
            if len(digits) == 3 and all(d in "01234567" for d in digits):
                v = int(digits, 8)
                if v <= 255:
                    return chr(v)
            return match
        return {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                "v": "\v", "\\": "\\", '"': '"'}.get(c, match)

    return _ESCAPE_SEQ.sub(repl, s)


# --------------------------------------------------------------------------
# compose: statements (compose-go dotenv parser)


def _parse_compose(text: str, environ: Mapping[str, str]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    out: dict[str, str] = {}

    def lookup(name: str) -> str | None:
        # compose-go expandVariables: the lookup function (host) first, then
        # the values already read from this file.
        if name in environ:
            return environ[name]
        return out.get(name)

    has_bad_bytes = _ESCAPED_BYTE.search(text) is not None
    has_nul = "\x00" in text
    count = text.count
    rfind = text.rfind
    find = text.find
    n = len(text)
    pos = 0
    # Line bookkeeping advances with the cursor, which only moves forward.
    line_no = 1
    line_start = 0
    counted = 0
    while True:
        if pos < n and (text[pos] in _GO_SPACE or text[pos] == "#"):
            pos = _statement_start(text, pos)
        if pos >= n:
            break
        if pos != counted:
            k = count("\n", counted, pos)
            if k:
                line_no += k
                line_start = rfind("\n", 0, pos) + 1
            counted = pos
        line = line_no
        key_start = pos
        if text[pos] == "e" and text.startswith("export", pos) and pos + 6 < n and text[pos + 6] in _GO_RE_SPACE:
            key_start = _COMPOSE_BLANK_RUN.match(text, pos + 6).end()  # type: ignore[union-attr]
            if key_start >= n:
                problems.append(Problem(line, pos - line_start + 1, "missing-equals",
                                        "'export' is followed by nothing; compose refuses the file", True))
                break
        col = key_start - line_start + 1
        m = _ASCII_KEY.match(text, key_start)
        p = m.end()  # type: ignore[union-attr]
        if p < n and text[p] == "=":
            term = "="
            bad_at = -1
        else:
            p, term, bad_at = _scan_key(text, key_start)
        if bad_at >= 0:
            bad_line = line + count("\n", key_start, bad_at)
            bad_col = bad_at - rfind("\n", 0, bad_at)
            problems.append(_compose_bad_char(text[bad_at], bad_line, bad_col))
            nl = find("\n", bad_at)
            pos = n if nl < 0 else nl
            continue
        if not term:
            # No '=', ':' or line break before the end of the file: compose
            # reads the whole rest as the value of an empty name.
            problems.append(Problem(line, col, "missing-equals",
                                    "last line has no '=' and no line break: compose reads it as a value "
                                    "with an empty name, not as a variable from the host", False))
            key = ""
            value_start = key_start
        else:
            key = text[key_start:p]
            if term != "=" or key[-1:] in _GO_SPACE:
                key = key.rstrip(_GO_SPACE_CHARS)
            value_start = p + 1
        bad_key = " " in key
        if bad_key:
            if term == "\n":
                problems.append(Problem(line, col, "missing-equals",
                                        "line has no '=' and contains blanks; compose refuses the file", True))
            else:
                problems.append(Problem(line, col, "key-with-blanks",
                                        f"variable name {_describe_key(key)} contains a space; "
                                        "compose refuses the file", True))
        elif not key and term:
            problems.append(Problem(line, col, "empty-key",
                                    "entry has no variable name; compose accepts it but the variable has no name",
                                    False))
        if term == "\n":
            if not bad_key:
                value = environ.get(key)
                if value is not None:
                    out[key] = value
                entries.append(_entry(key, value, "", line, col, line, col + len(key), line, True,
                                      None, None))
            pos = p + 1
            continue
        v = value_start
        if v < n and text[v] in _COMPOSE_BLANK:
            v = _COMPOSE_BLANK_RUN.match(text, v).end()  # type: ignore[union-attr]
        value_col = v - line_start + 1
        quote = text[v] if v < n and text[v] in "\"'" else ""
        if quote:
            close, inner = _scan_quoted(text, v, quote)
            if close < 0:
                problems.append(Problem(line, value_col, "unterminated-quote",
                                        f"quoted value of {_describe_key(key)} is never closed; "
                                        "compose refuses the file", True))
                break
            raw = text[v:close + 1]
            end_line = line + count("\n", v, close)
            comment_col = None
            pos = close + 1
        else:
            nl = find("\n", v)
            raw = text[v:] if nl < 0 else text[v:nl]
            if raw[-1:] == "\r":
                raw = raw[:-1]
            inner = raw
            comment_col = None
            cut = inner.find(" #")
            if cut >= 0:
                inner = inner[:cut]
                comment_col = value_col + cut + 1
            if inner[-1:] in _GO_SPACE:
                inner = inner.rstrip(_GO_SPACE_CHARS)
            end_line = line
            if nl < 0:
                pos = n
            else:
                pos = counted = line_start = nl + 1
                line_no = line + 1
        if bad_key:
            continue
        value = inner
        if quote == '"' and "\\" in value:
            value = _expand_escapes(value)
        if quote != "'" and "$" in value:
            try:
                value = _substitute(value, lookup)
            except _TemplateError as exc:
                value = inner
                problems.append(Problem(line, value_col, exc.code,
                                        f"value of {_describe_key(key)}: {exc.message}", True))
        if has_bad_bytes:
            value = _ESCAPED_BYTE.sub("\ufffd", value)
        if has_nul and "\x00" in value:
            problems.append(Problem(line, value_col, "nul-byte",
                                    f"value of {_describe_key(key)} contains a NUL byte; "
                                    "the container cannot start", True))
        out[key] = value
        entries.append(_entry(key, value, raw, line, col, line, value_col, end_line, False,
                              quote or None, comment_col))
    if has_bad_bytes:
        pos_of = _Positions(text)
        seen_lines: set[int] = set()
        for m in _ESCAPED_BYTE.finditer(text):
            bad_line, bad_col = pos_of.at(m.start())
            if bad_line not in seen_lines:
                seen_lines.add(bad_line)
                problems.append(Problem(bad_line, bad_col, "invalid-utf8",
                                        "line is not valid UTF-8; compose passes the bytes on and the "
                                        "container sees U+FFFD instead", False))
    problems.sort(key=lambda p: (p.line, p.column))
    return entries, problems


def _scan_key(text: str, start: int) -> tuple[int, str, int]:
    """compose-go key scan: (end index, terminator or "", index of a bad char or -1)."""
    n = len(text)
    p = start
    while True:
        end = _KEY_RUN.match(text, p).end()  # type: ignore[union-attr]
        for m in _NON_ASCII.finditer(text, p, end):
            q = m.start()
            if text[q] not in _COMPOSE_BLANK and not _is_key_char(text[q]):
                return q, "", q
        p = end
        if p >= n:
            return p, "", -1
        c = text[p]
        if c in "=:\n":
            return p, c, -1
        if c in _COMPOSE_BLANK or _is_key_char(c):
            p += 1
            continue
        return p, "", p


def _statement_start(text: str, pos: int) -> int:
    n = len(text)
    while True:
        pos = _LEADING_GO_SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= n or text[pos] != "#":
            return pos
        nl = text.find("\n", pos)
        if nl < 0:
            return n
        pos = nl


def _scan_quoted(text: str, start: int, quote: str) -> tuple[int, str]:
    """Index of the closing quote and the text between, escaped quotes unescaped."""
    pieces: list[str] = []
    seg = start + 1
    i = seg
    n = len(text)
    search = _QUOTE_OR_BACKSLASH[quote].search
    while True:
        m = search(text, i)
        if m is None:
            return -1, ""
        i = m.start()
        if text[i] == quote:
            pieces.append(text[seg:i])
            return i, "".join(pieces)
        if i + 1 >= n:
            return -1, ""
        if text[i + 1] == quote:
            pieces.append(text[seg:i])
            seg = i + 1
        i += 2


def _compose_bad_char(c: str, line: int, col: int) -> Problem:
    if c == "\x00":
        return Problem(line, col, "nul-byte", "variable name contains a NUL byte; compose refuses the file", True)
    if "\udc80" <= c <= "\udcff":
        return Problem(line, col, "invalid-key",
                       "variable name contains bytes that are not valid UTF-8; compose refuses the file", True)
    shown = c if c.isprintable() else f"U+{ord(c):04X}"
    return Problem(line, col, "invalid-key",
                   f"character {shown!r} is not allowed in a variable name (letters, digits, "
                   "'_', '.', '-', '[', ']'); compose refuses the file", True)


# --------------------------------------------------------------------------
# public entry points


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
    if dialect == "docker":
        entries, problems = _parse_docker(text, bom, env)
    else:
        entries, problems = _parse_compose(text, env)
    return EnvFile(
        path=path, dialect=dialect, data=raw, text=text, lines=_split_lines(text),
        entries=tuple(entries), problems=tuple(problems), bom=bom,
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
    if os.path.isdir(name):
        raise EnvFileError(name, "is a directory")
    try:
        with open(name, "rb") as fh:
            # Bounded even for a file that grows or never ends (/dev/zero, a pipe).
            too_big = os.fstat(fh.fileno()).st_size > MAX_FILE_BYTES
            data = b"" if too_big else fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise EnvFileError(name, "no such file") from None
    except IsADirectoryError:
        raise EnvFileError(name, "is a directory") from None
    except PermissionError:
        raise EnvFileError(name, "permission denied") from None
    except OSError as exc:
        raise EnvFileError(name, exc.strerror or "cannot be read") from None
    if too_big or len(data) > MAX_FILE_BYTES:
        try:
            size = os.path.getsize(name)
        except OSError:
            size = 0
        shown = f" ({size / 2**20:.1f} MiB)" if size > MAX_FILE_BYTES else ""
        raise EnvFileError(name, f"file is too large{shown}: score-lint reads env files of at most "
                                 f"{MAX_FILE_BYTES // 2**20} MiB")
    reason = _looks_binary(data)
    if reason is not None:
        raise EnvFileError(name, reason)
    return parse(data, dialect=dialect, path=name, environ=environ)
