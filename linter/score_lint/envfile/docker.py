"""``docker run --env-file`` (docker/cli ``pkg/kvfile/kvfile.go``): one ``KEY=VALUE`` a line, verbatim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from score_lint.envfile.entries import QUOTED, EntryStore, opening_quotes
from score_lint.envfile.syntax import (
    _BOM,
    _ESCAPED_BYTE,
    _GO_SPACE,
    _LEADING_GO_SPACE,
    DOCKER_MAX_LINE_BYTES,
    Entry,
    Problem,
    TextLines,
    WithoutNewline,
    _blank_in_key,
    _describe_key,
    _MAX_SHARED,
)
from score_lint.patterns import lazy

# --------------------------------------------------------------------------
# docker


def parse_docker(text: str, bom: bool, environ: Mapping[str, str]) -> tuple[EntryStore, list[Problem]]:
    entries = EntryStore(text)
    problems: list[Problem] = []
    # Each entry as six numbers into the text (``entries.EntryStore``): its strings are cut again when it is made.
    put = entries.fields.extend
    names: dict[str, int] = {}  # the place in entries.names of each name kept there
    add_name = entries.names.append
    bare, open_quotes = entries.bare, entries.open_quotes
    count = 0
    check_utf8 = not text.isascii() and _ESCAPED_BYTE.search(text) is not None
    check_nul = "\x00" in text
    long_line = DOCKER_MAX_LINE_BYTES // 4 - 4
    spaces = _GO_SPACE
    # The lines as text.split("\n") gives them (a last empty one left out), cut one at a time: held
    # together they were, for a moment, twice the text again.
    find, size, start = text.find, len(text), 0
    lineno = 0
    while start < size:
        end = find("\n", start)
        if end < 0:
            end = size
        content = text[start:end]
        line_start = start
        start = end + 1
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
        # _shared(names, key), written out as a place in entries.names: this loop runs for every line
        name = names.get(key, -1)
        if name < 0 and len(names) < _MAX_SHARED:
            name = names[key] = len(names)
            add_name(key)
        if sep:
            extra = 0
            if raw:
                q = raw[0]
                if q == '"' or q == "'":
                    if len(raw) >= 2 and raw[-1] == q:
                        extra = QUOTED[q]
                    if q not in raw[1:]:
                        open_quotes.append(count)  # what quoted_continuations looks at
                if not extra and "#" in raw:
                    comment = _inline_comment(raw, " \t")
                    if comment is not None:
                        extra = comment + column + len(key) + 1
            key_start = line_start + lead
            put((lineno, column, key_start, key_start + len(key), key_start + len(key) + 1 + len(raw), extra, name))
        else:
            value = environ.get(key)
            if value is not None:
                bare[count] = value
            key_start = line_start + lead
            put((lineno, column, key_start, key_start + len(key), -1, 0, name))
        count += 1
    for entry, last in quoted_continuations(WithoutNewline(TextLines(text)), opening_quotes(entries)):
        after = entry.line + 1
        span = f"line {after}" if after == last else f"lines {after}-{last}"
        problems.append(Problem(
            entry.value_line, entry.value_column, "unterminated-quote",
            f"the quoted value of {_describe_key(entry.key)} goes on to line {last}, but docker run reads one line "
            f"per variable: Score gets the first line only, opening quote included, and {span} "
            f"{'is read as a line of its own' if after == last else 'are read as lines of their own'}; "
            "write the value on one line, without quotes", False))
    problems.sort(key=lambda p: (p.line, p.column))
    return entries, problems


# A line that is a quoted assignment of its own (``B="x"``) closes no quote of the line before; one that
# only ends with the quote (``rest=="`` of a base64 key) does.
_ASSIGNMENT = lazy(r"[ \t]*[A-Za-z_][A-Za-z0-9_.\-]*=[ \t]*(?P<quote>[\"'])")


def quoted_continuations(lines: Sequence[str], entries: Sequence[Entry]) -> list[tuple[Entry, int]]:
    """(entry, last line) for every value that opens a quote and closes it on a later line.

    Compose reads such a value across lines; docker run does not, so the lines up to the closing quote
    are read as lines of their own (a secret split over two lines becomes a variable *name*). ``lines``
    are the file's lines without their line endings. Each search stops at the next line with the quote
    character, so all of them together read the file once.
    """
    found = []
    for entry in entries:
        raw = entry.raw_value
        if entry.bare or not raw or raw[0] not in "\"'" or raw[0] in raw[1:]:
            continue
        quote = raw[0]
        for index in range(entry.line, len(lines)):
            text = lines[index].rstrip("\r")
            if quote not in text:
                continue
            body = text.rstrip(" \t")
            own = _ASSIGNMENT.match(body)
            quoted_own = own is not None and own.group("quote") == quote and body.count(quote, own.end()) >= 1
            if body.endswith(quote) and not quoted_own:
                found.append((entry, index + 1))
            break
    return found


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
    return Problem(lineno, column, "key-with-blanks", _blank_in_key(key, "docker"), True)


def _inline_comment(raw: str, blanks: str) -> int | None:
    """Offset of the '#' of the first blank+'#' in raw, or None."""
    best: int | None = None
    for blank in blanks:
        i = raw.find(blank + "#")
        if i >= 0 and (best is None or i + 1 < best):
            best = i + 1
    return best


