"""Env-file syntax shared by the loaders: entry and file values, character classes, positions."""


from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence

from score_lint.findings import NAME_CHARS, NAME_RUN, shown_name
from score_lint.patterns import lazy
from score_lint.records import record

# "kubernetes": values from a manifest's env: items (verbatim, the last of a name wins); only
# envfile.kubernetes builds such files, ``parse`` reads the other two.
TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from typing import Literal, overload

    Dialect = Literal["docker", "compose", "kubernetes"]
else:
    Dialect = str  # the name stays importable at run time; only type checkers read the Literal

    def overload(function):  # typing.overload's run-time effect: none, the last definition is the method
        return function

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
_LEADING_GO_SPACE = lazy(f"[{_GO_SPACE_CLASS}]*")
# Fast skip over plausible key characters; non-ASCII ones are re-checked.
_NON_ASCII = lazy(r"[^\x00-\x7f]")
_KEY_RUN = lazy(r"[\w.\-\[\]\t\v\f\r \x85\xa0]*")
_COMPOSE_BLANK_RUN = lazy("[" + "".join(re.escape(c) for c in sorted(_COMPOSE_BLANK)) + "]*")
_ESCAPED_BYTE = lazy("[\udc80-\udcff]")  # a byte that is not UTF-8: never in ASCII text (test isascii() first)
_ESCAPE_SEQ = lazy(r'\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})')
_QUOTE_OR_BACKSLASH = {"'": lazy(r"['\\]"), '"': lazy(r'["\\]')}
_BRACE = lazy(r"[{}]")

# Go's (?i)[_a-z] also matches U+017F and U+212A through simple case folding.
_NAME_START = frozenset("_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u017f\u212a")
_NAME_CHARS = _NAME_START | frozenset("0123456789")
_ASCII_KEY_CHARS = frozenset(NAME_CHARS)

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


@record(frozen=True, slots=True)
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
    # Who hands this value to the process exactly as written when the file's dialect would not (an
    # `environment:` list item or a `format: raw` env file under compose): quotes stay in the value.
    kept_by: str | None = None
    # Where the value comes from when the file does not hold it (a Kubernetes secret or config map): the
    # value is then a stand-in, unknown to score-lint.
    elsewhere: str | None = None


@record(frozen=True)
class Problem:
    line: int
    column: int
    code: str
    message: str
    fatal: bool


@record(frozen=True)
class EnvFile:
    path: str
    dialect: Dialect
    text: str
    # A tuple for a file read; a compose service's environment shares the lines of its files instead.
    lines: Sequence[str]
    # A tuple, or for a file ``docker run`` reads an ``entries.EntryStore`` that reads as the same tuple.
    entries: Sequence[Entry]
    problems: tuple[Problem, ...]
    bom: bool = False
    # The bytes when the file shares them with something that holds them anyway (a Kubernetes manifest's);
    # None for a file read: ``data`` encodes the text again when asked (a plain lint never asks), instead
    # of holding a second copy of a file beside its text for the whole lint.
    raw: bytes | None = None

    @property
    def data(self) -> bytes:
        """The file's bytes: the BOM, if any, and ``text`` encoded as it was decoded (``surrogateescape``
        gives every byte back)."""
        if self.raw is not None:
            return self.raw
        encoded = self.text.encode("utf-8", "surrogateescape")
        return _BOM + encoded if self.bom else encoded

    def origin(self, line: int) -> tuple[str, int]:
        """The file that line ``line`` of this environment was read from, and its line there: this file's
        own line, unless the environment joins several files (a compose service's env files and its
        compose file), whose own numbering a message must then not quote."""
        return self.path, line

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
# Big files repeat a few dozen names and values: a parse keeps one string of each, up to a bound, in a
# table of its own (sys.intern's table grew by 4 MiB for a file with a new name on every line).
_MAX_SHARED = 4096


def _shared(table: dict[str, str], text: str) -> str:
    found = table.get(text)
    if found is not None:
        return found
    if len(table) < _MAX_SHARED:
        table[text] = text
    return text


# Each field's slot, set through its descriptor: a fifth faster than object.__setattr__ by name (a docker
# file's entries are made again each time a pass asks for them, envfile.entries).
(_set_key, _set_value, _set_raw_value, _set_line, _set_column, _set_value_line, _set_value_column, _set_end_line,
 _set_bare, _set_quoted, _set_comment, _set_kept_by, _set_elsewhere) = (
    vars(Entry)[name].__set__ for name in (
        "key", "value", "raw_value", "line", "column", "value_line", "value_column", "end_line", "bare", "quoted",
        "inline_comment_column", "kept_by", "elsewhere",
    )
)


def _entry(
    key: str, value: str | None, raw_value: str, line: int, column: int, value_line: int,
    value_column: int, end_line: int, bare: bool, quoted: str | None, comment: int | None,
) -> Entry:
    # The generated frozen __init__ costs a guarded setattr per field, which
    # alone ate half the time budget on 80,000-line files; slots instead of a
    # __dict__ take a third of the memory (bench/run.py measures both).
    entry = _new(Entry)
    _set_key(entry, key)
    _set_value(entry, value)
    _set_raw_value(entry, raw_value)
    _set_line(entry, line)
    _set_column(entry, column)
    _set_value_line(entry, value_line)
    _set_value_column(entry, value_column)
    _set_end_line(entry, end_line)
    _set_bare(entry, bare)
    _set_quoted(entry, quoted)
    _set_comment(entry, comment)
    _set_kept_by(entry, None)
    _set_elsewhere(entry, None)
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


class TextLines(Sequence[str]):
    """``_split_lines(text)`` cut out of the text when a line is asked for: a file's lines are rarely
    read whole (a suppression comment, a quoted value, a fix), and held as strings they take more than
    twice the text. Where each line starts is found on the first question, and kept in 4 bytes a line (a
    file has at most MAX_FILE_BYTES characters)."""

    __slots__ = ("_text", "_bounds")

    def __init__(self, text: str) -> None:
        self._text = text
        self._bounds: array[int] | None = None

    def _index(self) -> array[int]:
        bounds = self._bounds
        if bounds is None:
            text = self._text
            bounds = array("i", [0])
            add, find = bounds.append, text.find
            i = find("\n")
            while i >= 0:
                add(i + 1)
                i = find("\n", i + 1)
            if bounds[-1] != len(text):
                add(len(text))  # the last line has no "\n"
            self._bounds = bounds
        return bounds

    def __len__(self) -> int:
        return len(self._index()) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        bounds = self._index()
        n = len(bounds) - 1
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("line index out of range")
        return self._text[bounds[index]:bounds[index + 1]]

    def __iter__(self) -> Iterator[str]:
        return iter(_split_lines(self._text))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextLines):
            return self._text == other._text
        return isinstance(other, (tuple, list)) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"TextLines({tuple(self)!r})"


class WithoutNewline(Sequence[str]):
    """Lines without their ``\n``, each cut when it is asked for (``quoted_continuations`` reads few)."""

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [line.removesuffix("\n") for line in self._lines[index]]
        return self._lines[index].removesuffix("\n")


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
    """A name quoted for a message: only its name part (what follows may be a value), at most 80 characters."""
    key = shown_name(key)
    return repr(key) if len(key) <= 80 else repr(key[:77] + "...")


def _blank_in_key(key: str, loader: str) -> str:
    """Why a name with blanks is refused, without showing what follows the blank (often the value)."""
    name = shown_name(key)
    rest = key[len(name):]
    if name and not rest.strip(" \t"):
        return (f"variable name {_describe_key(name)} is followed by blanks before '=' ({loader} does not trim "
                f"around '='); {loader} refuses the file")
    if name and rest[:1] in (" ", "\t"):
        return (f"{_describe_key(name)} is followed by a blank instead of '=': {loader} reads a name with blanks "
                f"in it and refuses the file")
    return f"a variable name contains blanks; {loader} refuses the file"


