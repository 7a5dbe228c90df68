"""compose ``env_file:`` (compose-go v2 ``dotenv/parser.go`` and ``template/template.go``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from score_lint.envfile.syntax import (
    _BRACE,
    _COMPOSE_BLANK,
    _COMPOSE_BLANK_RUN,
    _ESCAPE_SEQ,
    _ESCAPED_BYTE,
    _GO_RE_SPACE,
    _GO_SPACE,
    _GO_SPACE_CHARS,
    _KEY_RUN,
    _LEADING_GO_SPACE,
    _MAX_NESTING,
    _NAME_CHARS,
    _NAME_START,
    _NON_ASCII,
    _QUOTE_OR_BACKSLASH,
    Entry,
    Problem,
    _blank_in_key,
    _describe_key,
    _entry,
    _is_key_char,
    _Positions,
    _shared,
)
from score_lint.findings import NAME_RUN

# --------------------------------------------------------------------------
# compose: interpolation (compose-go template.Substitute)


class TemplateError(Exception):
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


def substitute(t: str, lookup: _Lookup, depth: int = 0) -> str:
    if depth > _MAX_NESTING:
        raise TemplateError("invalid-interpolation", "interpolation nested too deeply to evaluate")
    if "$" not in t:
        return t
    out: list[str] = []
    first_error: TemplateError | None = None
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
                    except TemplateError as exc:
                        first_error = first_error or exc
                    # The text after the first balanced '}' is interpolated on
                    # its own, which equals scanning on from there.
                    i = close + 1 if close >= 0 else match_end
                    continue
            if k < n and t[k] == "}":
                out.append(lookup(name) or "")
                i = k + 1
                continue
        first_error = first_error or TemplateError(
            "invalid-interpolation", "invalid '${' interpolation; compose refuses the file")
        i = j + 2
    if first_error is not None:
        raise first_error
    return "".join(out)


def _apply_operator(op: str, name: str, arg: str, lookup: _Lookup, depth: int) -> str:
    value = lookup(name)
    if op == ":-":
        return substitute(arg, lookup, depth + 1) if not value else value
    if op == "-":
        return substitute(arg, lookup, depth + 1) if value is None else value
    if op == ":+":
        return substitute(arg, lookup, depth + 1) if value else (value or "")
    if op == "+":
        return substitute(arg, lookup, depth + 1) if value is not None else ""
    if value is None or (op == ":?" and value == ""):
        substitute(arg, lookup, depth + 1)  # an error in the message wins, as in Go
        raise TemplateError("required-variable",
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


def parse_compose(text: str, environ: Mapping[str, str]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    out: dict[str, str] = {}
    names: dict[str, str] = {}  # one string for each name the file repeats

    def lookup(name: str) -> str | None:
        # compose-go expandVariables: the lookup function (host) first, then
        # the values already read from this file.
        if name in environ:
            return environ[name]
        return out.get(name)

    has_bad_bytes = not text.isascii() and _ESCAPED_BYTE.search(text) is not None
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
        m = NAME_RUN.match(text, key_start)
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
                problems.append(Problem(line, col, "key-with-blanks", _blank_in_key(key, "compose"), True))
        elif not key and term:
            problems.append(Problem(line, col, "empty-key",
                                    "entry has no variable name; compose accepts it but the variable has no name",
                                    False))
        if term == "\n":
            if not bad_key:
                value = environ.get(key)
                if value is not None:
                    out[key] = value
                entries.append(_entry(_shared(names, key), value, "", line, col, line, col + len(key), line, True,
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
                value = substitute(value, lookup)
            except TemplateError as exc:
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
        entries.append(_entry(_shared(names, key), value, raw, line, col, line, value_col, end_line, False,
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


