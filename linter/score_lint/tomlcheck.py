"""Whether a ``pyproject.toml`` plainly has no ``[tool.score-lint]`` table, without importing ``tomllib``.

The configuration search reads every ``pyproject.toml`` on its way up, to pass over those without the
table and to stop, naming the file, at one that is not valid TOML. Importing ``tomllib`` (it loads
``typing``, ``datetime``, ``string``...) cost about a fifth of a ``score-lint FILE`` run in a project
whose ``pyproject.toml`` does not configure score-lint, the common case.

``plainly_without_table(text)`` is True only when ``text`` is valid TOML, as ``tomllib`` reads it, and
has no ``tool.score-lint``. It checks a strict subset of TOML, the one ``pyproject.toml`` files are
written in: ``[table]`` and ``[[array]]`` headers (dotted, bare or quoted keys), ``key = value`` with one
key, basic and literal one-line strings, decimal integers, booleans, arrays (over several lines, with
comments) and one-line inline tables, with TOML's rules on defining a table or a key twice. Anything
else (dotted keys in a key/value, escapes in a key, floats, dates, multi-line strings, hexadecimal...)
answers False, and the caller parses with ``tomllib``: an answer of False is never wrong, an answer of
True must never be, and ``tests/test_tomlcheck.py`` holds it to ``tomllib`` on generated documents.
"""

from __future__ import annotations

_WS = " \t"
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
# ASCII control characters but tab: not allowed in comments or strings.
_CONTROL = frozenset(chr(c) for c in (*range(0x20), 0x7F)) - {"\t"}
_SIMPLE_ESCAPES = frozenset('btnfr"\\')
_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")
_VALUE_END = frozenset(" \t\n#,]}")
_MAX_DEPTH = 32  # arrays in arrays: deeper ones go to tomllib, which knows its own limit


class _Unsure(Exception):
    """Outside the subset, or not valid TOML: let tomllib read it."""


class _Table:
    __slots__ = ("children", "explicit")

    def __init__(self, explicit: bool) -> None:
        self.children: dict[str, object] = {}  # _Table, _Tables (an array of tables) or _VALUE
        self.explicit = explicit


class _Tables:
    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items = [_Table(True)]


_VALUE = object()  # a key/value: a scalar, an array or an inline table (which no header may extend)


def plainly_without_table(text: str) -> bool:
    """True when ``text`` is valid TOML without a ``tool.score-lint`` table (False: parse it to know)."""
    try:
        root = _Scanner(text.replace("\r\n", "\n")).document()
    except _Unsure:
        return False
    tool = root.children.get("tool")
    if isinstance(tool, _Table):
        return "score-lint" not in tool.children
    return tool is None or isinstance(tool, _Tables)  # a value named tool: an inline table might hold it


class _Scanner:
    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0

    def char(self) -> str:
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def skip_ws(self) -> None:
        src, pos = self.src, self.pos
        while pos < len(src) and src[pos] in _WS:
            pos += 1
        self.pos = pos

    def skip_comment(self) -> None:
        if self.char() == "#":
            end = self.src.find("\n", self.pos)
            end = len(self.src) if end < 0 else end
            if any(c in _CONTROL for c in self.src[self.pos:end]):
                raise _Unsure
            self.pos = end

    def end_of_statement(self) -> None:
        self.skip_ws()
        self.skip_comment()
        char = self.char()
        if char == "\n":
            self.pos += 1
        elif char:
            raise _Unsure

    def document(self) -> _Table:
        root = _Table(True)
        table = root
        while True:
            self.skip_ws()
            char = self.char()
            if not char:
                return root
            if char == "\n":
                self.pos += 1
                continue
            if char == "#":
                self.skip_comment()
            elif char == "[":
                table = self.header(root)
            else:
                key = self.simple_key()
                self.skip_ws()
                if self.char() != "=":
                    raise _Unsure
                self.pos += 1
                self.skip_ws()
                self.value(0)
                if key in table.children:
                    raise _Unsure  # a key defined twice, or a key that is already a table
                table.children[key] = _VALUE
            self.end_of_statement()

    def header(self, root: _Table) -> _Table:
        many = self.src.startswith("[[", self.pos)
        self.pos += 2 if many else 1
        self.skip_ws()
        path = [self.simple_key()]
        self.skip_ws()
        while self.char() == ".":
            self.pos += 1
            self.skip_ws()
            path.append(self.simple_key())
            self.skip_ws()
        close = "]]" if many else "]"
        if not self.src.startswith(close, self.pos):
            raise _Unsure
        self.pos += len(close)
        parent = root
        for key in path[:-1]:
            found = parent.children.get(key)
            if found is None:
                found = parent.children[key] = _Table(False)
            elif isinstance(found, _Tables):
                found = found.items[-1]
            elif not isinstance(found, _Table):
                raise _Unsure  # a header inside a value
            parent = found
        last = parent.children.get(path[-1])
        if many:
            if last is None:
                made = _Tables()
                parent.children[path[-1]] = made
                return made.items[-1]
            if not isinstance(last, _Tables):
                raise _Unsure
            last.items.append(_Table(True))
            return last.items[-1]
        if last is None:
            table = _Table(True)
            parent.children[path[-1]] = table
            return table
        if not isinstance(last, _Table) or last.explicit:
            raise _Unsure  # a table declared twice, or over an array of tables or a value
        last.explicit = True
        return last

    def simple_key(self) -> str:
        src, start = self.src, self.pos
        char = self.char()
        if char in ('"', "'"):
            end = src.find(char, start + 1)
            newline = src.find("\n", start + 1)
            if end < 0 or 0 <= newline < end:
                raise _Unsure
            key = src[start + 1:end]
            if (char == '"' and "\\" in key) or any(c in _CONTROL for c in key):
                raise _Unsure  # an escape in a key: its meaning is tomllib's to work out
            self.pos = end + 1
            return key
        pos = start
        while pos < len(src) and src[pos] in _BARE:
            pos += 1
        if pos == start:
            raise _Unsure
        self.pos = pos
        return src[start:pos]

    def value(self, depth: int) -> None:
        char = self.char()
        if char == '"':
            self.basic_string()
        elif char == "'":
            self.literal_string()
        elif char == "[":
            self.array(depth + 1)
        elif char == "{":
            self.inline_table(depth + 1)
        elif self.src.startswith(("true", "false"), self.pos):
            self.pos += 4 if char == "t" else 5
        else:
            self.integer()
        if self.char() and self.char() not in _VALUE_END:
            raise _Unsure  # 12abc, 1979-05-27, 1.5, true2...

    def basic_string(self) -> None:
        src = self.src
        if src.startswith('"""', self.pos):
            raise _Unsure
        pos = self.pos + 1
        while True:
            if pos >= len(src):
                raise _Unsure
            char = src[pos]
            if char == '"':
                self.pos = pos + 1
                return
            if char == "\\":
                escape = src[pos + 1:pos + 2]
                if escape in _SIMPLE_ESCAPES and escape:
                    pos += 2
                    continue
                size = 4 if escape == "u" else 8 if escape == "U" else 0
                digits = src[pos + 2:pos + 2 + size]
                if not size or len(digits) != size or not all(c in _HEX for c in digits):
                    raise _Unsure
                code = int(digits, 16)
                if not (0 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF):
                    raise _Unsure
                pos += 2 + size
                continue
            if char in _CONTROL:  # a newline too: no one-line string ends there
                raise _Unsure
            pos += 1

    def literal_string(self) -> None:
        src = self.src
        if src.startswith("'''", self.pos):
            raise _Unsure
        end = src.find("'", self.pos + 1)
        if end < 0 or any(c in _CONTROL for c in src[self.pos + 1:end]):
            raise _Unsure
        self.pos = end + 1

    def integer(self) -> None:
        src, pos = self.src, self.pos
        if pos < len(src) and src[pos] in "+-":
            pos += 1
        start = pos
        if src[pos:pos + 1] == "0":
            pos += 1
        else:
            if pos >= len(src) or src[pos] not in _DIGITS or src[pos] == "0":
                raise _Unsure
            pos += 1
            while pos < len(src):
                if src[pos] in _DIGITS:
                    pos += 1
                elif src[pos] == "_" and src[pos + 1:pos + 2] in _DIGITS and src[pos + 1:pos + 2]:
                    pos += 2
                else:
                    break
        if pos == start:
            raise _Unsure
        self.pos = pos

    def array_space(self) -> None:
        while True:
            self.skip_ws()
            self.skip_comment()
            if self.char() != "\n":
                return
            self.pos += 1

    def array(self, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _Unsure
        self.pos += 1
        self.array_space()
        if self.char() == "]":
            self.pos += 1
            return
        while True:
            self.value(depth)
            self.array_space()
            char = self.char()
            if char == "]":
                self.pos += 1
                return
            if char != ",":
                raise _Unsure
            self.pos += 1
            self.array_space()
            if self.char() == "]":
                self.pos += 1
                return

    def inline_table(self, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _Unsure
        self.pos += 1
        self.skip_ws()
        if self.char() == "}":
            self.pos += 1
            return
        keys = set()
        while True:
            key = self.simple_key()
            self.skip_ws()
            if self.char() != "=" or key in keys:
                raise _Unsure
            keys.add(key)
            self.pos += 1
            self.skip_ws()
            self.value(depth)
            self.skip_ws()
            char = self.char()
            if char == "}":
                self.pos += 1
                return
            if char != ",":
                raise _Unsure
            self.pos += 1
            self.skip_ws()
