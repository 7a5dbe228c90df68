"""Extract sections, settings tables, example env blocks and setting mentions from a Markdown page.

This is the only module of score-lint that talks to markdown_it: everything else works on the
frozen dataclasses defined here.  All line numbers are 1-based page lines (front matter counted)
and all columns are 1-based character (code point) offsets into the original page line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.token import Token

from score_lint import files

__all__ = [
    "Cell",
    "CodeBlock",
    "Document",
    "MarkdownError",
    "Mention",
    "Row",
    "Section",
    "Table",
    "parse",
    "read",
]


class MarkdownError(Exception):
    """A page that cannot be read as text at all (a broken table or odd markup is never an error)."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Cell:
    """One table cell: `text` is its inline Markdown source, `plain` the readable text."""

    text: str
    plain: str
    code: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    line: int
    cells: Mapping[str, Cell]
    setting: str | None
    setting_column: int | None
    # Cells written in the page line; fewer than the header's when Markdown padded the row with empty ones.
    written: int | None = None


@dataclass(frozen=True)
class Table:
    line: int
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    is_settings: bool


@dataclass(frozen=True)
class CodeBlock:
    """A fenced block; content line i (0-based) of `text` is page line `first_line + i`."""

    line: int
    info: str
    text: str
    first_line: int
    is_env: bool
    language: str = ""
    closed: bool = True


@dataclass(frozen=True)
class Mention:
    """A setting-like name outside code blocks; `kind` is "env" or "property"."""

    name: str
    line: int
    column: int | None
    where: str
    setting: str | None
    kind: str = "env"


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    path: tuple[str, ...]
    line: int
    tables: tuple[Table, ...]
    blocks: tuple[CodeBlock, ...]
    mentions: tuple[Mention, ...]

    @property
    def settings_tables(self) -> tuple[Table, ...]:
        return tuple(t for t in self.tables if t.is_settings)

    @property
    def env_blocks(self) -> tuple[CodeBlock, ...]:
        return tuple(b for b in self.blocks if b.is_env)


@dataclass(frozen=True)
class Document:
    path: str
    front_matter: Mapping[str, str]
    sections: tuple[Section, ...]
    text: str
    front_matter_text: str | None = None
    front_matter_line: int | None = None

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    @property
    def settings_tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.settings_tables)

    @property
    def blocks(self) -> tuple[CodeBlock, ...]:
        return tuple(b for s in self.sections for b in s.blocks)

    @property
    def env_blocks(self) -> tuple[CodeBlock, ...]:
        return tuple(b for s in self.sections for b in s.env_blocks)

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(m for s in self.sections for m in s.mentions)


# --------------------------------------------------------------------------- vocabulary

SETTING_SYNONYMS: Final = frozenset(
    {"setting", "settings", "variable", "variables", "name", "env", "env var",
     "environment variable", "environment variables"}
)
DETAIL_COLUMNS: Final = frozenset({"requirement", "required", "description"})
ENV_LANGUAGES: Final = frozenset(
    {"", "none", "bash", "shell", "sh", "zsh", "env", "dotenv", "properties", "text", "txt",
     "plaintext", "ini"}
)

ENV_NAME_RE: Final = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
# Dotted Spring-style keys; the first segment must be lower case, later ones may be camelCase.
PROPERTY_RE: Final = re.compile(r"[a-z][a-z0-9-]*(?:\.[a-zA-Z0-9][a-zA-Z0-9-]*)+")
# Code spans such as `application.properties` or `example.com` look like properties but are not.
_NOT_PROPERTY_SUFFIXES: Final = frozenset(
    {"properties", "yml", "yaml", "json", "xml", "md", "txt", "sh", "env", "jar", "conf",
     "cfg", "ini", "toml", "py", "js", "ts", "html", "png", "jpg", "svg", "gz", "zip", "tar",
     "com", "org", "net", "io", "ca", "dev"}
)
_BARE_NAME_RE: Final = re.compile(r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])")
_ASSIGNMENT_RE: Final = re.compile(r"[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.\-]*[ \t]*=")
_COMMENT_RE: Final = re.compile(r"[ \t]*#")
_NEWLINE_RE: Final = re.compile(r"\r\n?")
_WS_RE: Final = re.compile(r"\s+")
_FENCE_OPEN_RE: Final = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)$")
_ADMONITION_RE: Final = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[A-Za-z][\w-]*(?:[ \t].*)?$")
# A line holding nothing but one JSX component tag (capitalised name), e.g. `<Note title="x">`.
_JSX_LINE_RE: Final = re.compile(
    r"[ \t]*<(?:/[ \t]*[A-Z][\w.]*[ \t]*|[A-Z][\w.]*(?:[ \t/][^<>]*)?)>[ \t]*$"
)
_TAG_RE: Final = re.compile(r"<[^<>\n]*>")
_RAW_HTML_START_RE: Final = re.compile(r"[ \t]*<(?:!|\?|script|style|pre|textarea)", re.IGNORECASE)
_FM_OPEN_RE: Final = re.compile(r"---[ \t]*$")
_FM_CLOSE_RE: Final = re.compile(r"(?:---|\.\.\.)[ \t]*$")
_FM_KEY_RE: Final = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*))?$")

_SEARCH_LINES: Final = 3
# Real pages are tens of kilobytes; markdown_it's tokens cost many times the bytes of a page.
MAX_PAGE_BYTES: Final = 16 * files.MIB


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


# --------------------------------------------------------------------------- public API


def read(path: str | os.PathLike[str]) -> Document:
    """Read a UTF-8 page (a BOM is tolerated) and extract it; pipes, devices and huge files are refused."""
    name = os.fspath(path)
    try:
        data = files.read_bounded(name, MAX_PAGE_BYTES, "Markdown pages")
    except files.Unreadable as exc:
        raise MarkdownError(name, None, exc.reason) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise MarkdownError(name, line, f"not UTF-8: {exc.reason} at byte {exc.start}") from None
    return parse(text, name)


def parse(text: str, path: str = "<string>") -> Document:
    """Extract a page; never fails on odd Markdown, only on text markdown_it itself cannot take."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # markdown_it counts lines after this same normalisation, so our line list matches token.map.
    lines = _NEWLINE_RE.sub("\n", text).split("\n")
    fm_text, fm_end = _front_matter(lines)
    front = _front_matter_fields(fm_text) if fm_text is not None else {}
    parse_lines = [""] * fm_end + lines[fm_end:]
    _prepare_for_markdown_it(parse_lines, fm_end)
    try:
        tokens = _parser().parse("\n".join(parse_lines))
    except Exception as exc:  # noqa: BLE001
        # A markdown_it internal failure is reported as an unreadable page, not a crash.
        raise MarkdownError(path, None, f"markdown parser failed: {type(exc).__name__}") from None
    sections = _Extractor(lines, fm_end + 1).run(tokens)
    return Document(
        path=path,
        front_matter=MappingProxyType(front),
        sections=sections,
        text=text,
        front_matter_text=fm_text,
        front_matter_line=1 if fm_text is not None else None,
    )


# --------------------------------------------------------------------------- front matter


def _front_matter(lines: Sequence[str]) -> tuple[str | None, int]:
    """Return (raw YAML text, number of page lines it occupies including both fences)."""
    if not lines or not _FM_OPEN_RE.match(lines[0]):
        return None, 0
    for index in range(1, len(lines)):
        if _FM_CLOSE_RE.match(lines[index]):
            return "\n".join(lines[1:index]), index + 1
    return None, 0


def _front_matter_fields(raw: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in raw.split("\n"):
        match = _FM_KEY_RE.match(line)
        if match is None:
            continue
        value = _yaml_scalar(match.group(2) or "")
        if value is not None:
            fields[match.group(1)] = value
    return fields


def _yaml_scalar(value: str) -> str | None:
    value = value.strip()
    if not value or value[0] in "[{|>&*!":
        # Nested mappings, flow collections, block scalars, anchors and tags are not simple scalars.
        return None
    if value[0] == '"':
        end = value.find('"', 1)
        while end > 0 and value[end - 1] == "\\":
            end = value.find('"', end + 1)
        if end < 0:
            return value
        inner = value[1:end]
        return inner.replace('\\"', '"').replace("\\\\", "\\")
    if value[0] == "'":
        index = 1
        out: list[str] = []
        while index < len(value):
            char = value[index]
            if char == "'":
                if value[index + 1 : index + 2] == "'":
                    out.append("'")
                    index += 2
                    continue
                return "".join(out)
            out.append(char)
            index += 1
        return value
    comment = re.search(r"[ \t]#", value)
    return value[: comment.start()].rstrip() if comment else value


# --------------------------------------------------------------------------- pre-processing


def _indent_width(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _dedent(line: str, columns: int) -> str:
    width = 0
    index = 0
    while index < len(line) and width < columns and line[index] in " \t":
        width += 1 if line[index] == " " else 4 - width % 4
        index += 1
    return " " * max(0, width - columns) + line[index:]


def _prepare_for_markdown_it(lines: list[str], start: int) -> None:
    """Rewrite, in place and without adding or removing lines, what CommonMark would misread.

    mkdocs admonition bodies are indented by four spaces, which CommonMark reads as an indented
    code block; they are dedented so their tables and fences are seen.  A line that is only a JSX
    component tag would open an HTML block swallowing the Markdown after it, so it is blanked,
    as MDX does.  Fenced code content is left alone.
    """
    fence: tuple[str, int] | None = None
    admonitions: list[int] = []
    for index in range(start, len(lines)):
        line = original = lines[index]
        if line.strip() and admonitions:
            width = _indent_width(original)
            while admonitions and width < admonitions[-1]:
                admonitions.pop()
            if admonitions:
                line = _dedent(line, 4 * len(admonitions))
                lines[index] = line
        if fence is not None:
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= fence[1]:
                fence = None
            continue
        opened = _FENCE_OPEN_RE.match(line)
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = (opened.group(1)[0], len(opened.group(1)))
            continue
        if _ADMONITION_RE.match(line):
            admonitions.append(_indent_width(original) + 4)
        elif _JSX_LINE_RE.match(line):
            lines[index] = ""


# --------------------------------------------------------------------------- extraction


def _plain(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return _WS_RE.sub(" ", "".join(parts)).strip()


def _setting_name(plain: str) -> str | None:
    name = plain.replace("\\_", "_").replace("`", "").strip()
    return name or None


def _is_env_block(content: str) -> bool:
    assignments = 0
    for line in content.split("\n"):
        if not line.strip() or _COMMENT_RE.match(line):
            continue
        if not _ASSIGNMENT_RE.match(line):
            return False
        assignments += 1
    return assignments > 0


def _code_kind(content: str) -> str | None:
    if ENV_NAME_RE.fullmatch(content):
        return "env"
    if PROPERTY_RE.fullmatch(content) and content.rsplit(".", 1)[1].lower() not in _NOT_PROPERTY_SUFFIXES:
        return "property"
    return None


def _bounded(text: str, start: int, end: int) -> bool:
    # A name must not be found inside a longer one (CLEAN_CRON inside UPLOAD_CLEAN_CRON).
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before in "_\\.":
        return False
    after = text[end : end + 2]
    if not after:
        return True
    return not (after[0].isalnum() or after[0] == "_" or (after[0] == "." and after[1:].isalnum()))


def _match_at(text: str, position: int, name: str) -> int:
    """End of `name` matched at `position`, allowing `\\` before any underscore; -1 if no match."""
    index = position
    for char in name:
        if char == "_" and text.startswith("\\_", index):
            index += 1
        if index >= len(text) or text[index] != char:
            return -1
        index += 1
    return index


def _find_name(text: str, name: str, start: int, limit: int) -> int:
    """First bounded occurrence of `name` in text[start:limit]; prose may escape its underscores."""
    # Scanning for the part before the first underscore, which both spellings share, stops at
    # the real occurrence instead of running to the end of the line for an absent spelling.
    anchor = name.split("_", 1)[0] or name
    position = text.find(anchor, start, limit)
    while position >= 0:
        end = _match_at(text, position, name)
        if end >= 0 and _bounded(text, position, end):
            return position
        position = text.find(anchor, position + 1, limit)
    return -1


@dataclass
class _Pending:
    name: str
    kind: str
    line: int  # 0-based estimate


@dataclass
class _SectionBuilder:
    title: str
    level: int
    path: tuple[str, ...]
    line: int
    tables: list[Table] = field(default_factory=list)
    blocks: list[CodeBlock] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def build(self) -> Section:
        return Section(
            title=self.title,
            level=self.level,
            path=self.path,
            line=self.line,
            tables=tuple(self.tables),
            blocks=tuple(self.blocks),
            mentions=tuple(self.mentions),
        )


class _Locator:
    """Finds names in the original page lines.

    Each line has a scanning budget proportional to its length, so a page full of names that
    cannot be found (spelled with entities, say) costs linear time; such names get no column.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._failed: dict[tuple[int, str], int] = {}
        self._budget: dict[int, int] = {}

    def line_text(self, index: int) -> str:
        return self._lines[index] if 0 <= index < len(self._lines) else ""

    def find(self, name: str, line: int, column: int, last_line: int) -> tuple[int, int] | None:
        """Search lines line..last_line (0-based), starting at `column` on the first one."""
        stop = min(last_line, line + _SEARCH_LINES - 1, len(self._lines) - 1)
        for index in range(line, stop + 1):
            start = column if index == line else 0
            failed_from = self._failed.get((index, name))
            if failed_from is not None and start >= failed_from:
                continue
            text = self._lines[index]
            budget = self._budget.get(index, 4 * len(text) + 4096)
            limit = min(len(text), start + budget)
            found = _find_name(text, name, start, limit)
            self._budget[index] = budget - max(0, (found if found >= 0 else limit) - start)
            if found >= 0:
                return index, found
            if limit == len(text):
                self._failed[(index, name)] = start
        return None


class _Extractor:
    def __init__(self, lines: Sequence[str], first_line: int) -> None:
        self._locator = _Locator(lines)
        self._sections: list[_SectionBuilder] = [_SectionBuilder("", 0, (), first_line)]
        self._stack: list[tuple[int, str]] = []
        self._preamble_has_content = False

    @property
    def _current(self) -> _SectionBuilder:
        return self._sections[-1]

    def run(self, tokens: Sequence[Token]) -> tuple[Section, ...]:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open":
                index = self._heading(tokens, index)
                continue
            if len(self._sections) == 1:
                self._preamble_has_content = True
            if token.type == "table_open":
                index = self._table(tokens, index)
                continue
            if token.type == "fence":
                self._fence(token)
            elif token.type == "inline":
                self._current.mentions.extend(self._inline_mentions(token, "prose", None))
            elif token.type == "html_block":
                self._html_block(token)
            index += 1
        sections = [s.build() for s in self._sections]
        if len(sections) > 1 and not self._preamble_has_content:
            # A page that opens with a heading has no level-0 section.
            sections = sections[1:]
        return tuple(sections)

    # ---- headings

    def _heading(self, tokens: Sequence[Token], index: int) -> int:
        token = tokens[index]
        level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        line = token.map[0] if token.map else 0
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        title = ""
        if inline is not None and inline.type == "inline":
            title = _plain(inline.children or [])
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, title))
        path = tuple(t for _, t in self._stack)
        self._sections.append(_SectionBuilder(title, level, path, line + 1))
        if inline is not None and inline.type == "inline":
            self._current.mentions.extend(self._inline_mentions(inline, "heading", None))
        index += 1
        while index < len(tokens) and tokens[index].type != "heading_close":
            index += 1
        return index + 1

    # ---- fences and html

    def _fence(self, token: Token) -> None:
        line = token.map[0] if token.map else 0
        end = token.map[1] if token.map else line + 1
        info = token.info.strip()
        language = info.split(None, 1)[0].lower() if info else ""
        content = token.content
        content_lines = content.count("\n")
        # An unclosed fence runs to the end of its container, so its last line is content.
        closed = end - line >= content_lines + 2
        self._current.blocks.append(
            CodeBlock(
                line=line + 1,
                info=info,
                text=content,
                first_line=line + 2,
                is_env=language in ENV_LANGUAGES and _is_env_block(content),
                language=language,
                closed=closed,
            )
        )

    def _html_block(self, token: Token) -> None:
        if token.map is None or _RAW_HTML_START_RE.match(token.content):
            return
        for index in range(token.map[0], token.map[1]):
            raw = self._locator.line_text(index)
            # Tags are blanked out (keeping columns) so attribute values are not taken as prose.
            text = _TAG_RE.sub(lambda m: " " * len(m.group(0)), raw)
            for match in re.finditer(r"`([^`\n]+)`", text):
                kind = _code_kind(match.group(1))
                if kind is not None:
                    self._current.mentions.append(
                        Mention(match.group(1), index + 1, match.start(1) + 1, "prose", None, kind)
                    )
            text = re.sub(r"`[^`\n]+`", lambda m: " " * len(m.group(0)), text)
            for match in _BARE_NAME_RE.finditer(text):
                self._current.mentions.append(
                    Mention(match.group(0), index + 1, match.start() + 1, "prose", None, "env")
                )

    # ---- inline mentions

    def _pending(self, inline: Token) -> list[_Pending]:
        base = inline.map[0] if inline.map else 0
        offset = 0
        found: list[_Pending] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                for match in _BARE_NAME_RE.finditer("".join(run)):
                    found.append(_Pending(match.group(0), "env", base + offset))
                run.clear()

        for child in inline.children or []:
            if child.type in ("text", "text_special"):
                run.append(child.content)
                continue
            flush()
            if child.type in ("softbreak", "hardbreak"):
                offset += 1
            elif child.type == "code_inline":
                kind = _code_kind(child.content)
                if kind is not None:
                    found.append(_Pending(child.content, kind, base + offset))
            elif child.type == "html_inline":
                offset += child.content.count("\n")
        flush()
        return found

    def _inline_mentions(
        self,
        inline: Token,
        where: str,
        setting: str | None,
        column: int = 0,
    ) -> list[Mention]:
        if inline.map is None:
            return []
        last_line = max(inline.map[0], inline.map[1] - 1)
        cursor = (inline.map[0], column)
        mentions: list[Mention] = []
        for item in self._pending(inline):
            start = max(cursor, (item.line, 0))
            hit = self._locator.find(item.name, start[0], start[1], last_line)
            if hit is None:
                mentions.append(Mention(item.name, item.line + 1, None, where, setting, item.kind))
                continue
            cursor = (hit[0], hit[1] + len(item.name))
            mentions.append(Mention(item.name, hit[0] + 1, hit[1] + 1, where, setting, item.kind))
        return mentions

    # ---- tables

    def _table(self, tokens: Sequence[Token], index: int) -> int:
        table_map = tokens[index].map
        table_line = table_map[0] if table_map else 0
        rows: list[tuple[int, list[Token]]] = []
        depth = 0
        index += 1
        while index < len(tokens):
            token = tokens[index]
            if token.type == "table_close" and depth == 0:
                break
            if token.type == "table_open":
                depth += 1
            elif token.type == "table_close":
                depth -= 1
            elif token.type == "tr_open":
                rows.append((token.map[0] if token.map else table_line, []))
            elif token.type == "inline" and rows:
                rows[-1][1].append(token)
            index += 1
        if rows:
            self._current.tables.append(self._build_table(table_line, rows))
        return index + 1

    def _cell_starts(self, line: int, cells: Sequence[Token]) -> list[int | None]:
        text = self._locator.line_text(line)
        starts: list[int | None] = []
        position = 0
        for cell in cells:
            found = text.find(cell.content, position) if cell.content else -1
            if found < 0:
                starts.append(None)
                continue
            starts.append(found)
            position = found + len(cell.content)
        return starts

    def _build_table(self, table_line: int, rows: list[tuple[int, list[Token]]]) -> Table:
        header_line, header_cells = rows[0]
        header = _unique_header([_plain(c.children or []).lower() for c in header_cells])
        setting_index = _setting_column(header)
        is_settings = setting_index is not None and any(h in DETAIL_COLUMNS for h in header)
        if is_settings and setting_index is not None:
            header[setting_index] = "setting"
        else:
            setting_index = None

        for token, start in zip(header_cells, self._cell_starts(header_line, header_cells)):
            self._current.mentions.extend(self._inline_mentions(token, "table", None, start or 0))

        built: list[Row] = []
        for line, cells in rows[1:]:
            starts = self._cell_starts(line, cells)
            values: dict[str, Cell] = {}
            for name, token in zip(header, cells):
                children = token.children or []
                values[name] = Cell(
                    text=token.content,
                    plain=_plain(children),
                    code=tuple(c.content for c in children if c.type == "code_inline"),
                )
            setting: str | None = None
            setting_col: int | None = None
            if setting_index is not None and setting_index < len(cells):
                setting = _setting_name(values[header[setting_index]].plain)
                if setting is not None:
                    hit = self._locator.find(setting, line, starts[setting_index] or 0, line)
                    setting_col = hit[1] + 1 if hit else None
            for position, (token, start) in enumerate(zip(cells, starts)):
                if position == setting_index:
                    continue
                self._current.mentions.extend(
                    self._inline_mentions(token, "table", setting, start or 0)
                )
            written = _count_cells(self._locator.line_text(line))
            built.append(Row(line + 1, MappingProxyType(values), setting, setting_col, written))
        return Table(table_line + 1, tuple(header), tuple(built), is_settings)


def pipe_positions(line: str) -> list[int]:
    """0-based indexes of the pipes that separate the cells of a pipe-table row: unescaped and outside
    code spans."""
    pipes = []
    in_code = False
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        elif char == "|" and not in_code:
            pipes.append(index)
        index += 1
    return pipes


def _count_cells(line: str) -> int:
    """The cells of a pipe-table row as written: unescaped pipes outside code spans separate them, and the
    outer pipes are optional."""
    pipes = pipe_positions(line)
    count = len(pipes) + 1
    if pipes and not line[: pipes[0]].strip():
        count -= 1
    if pipes and not line[pipes[-1] + 1 :].strip():
        count -= 1
    return max(count, 1)


def _unique_header(names: Sequence[str]) -> list[str]:
    header: list[str] = []
    seen: set[str] = set()
    # Per heading, the suffix to try next: the ones below it are taken (``seen`` only grows), and trying
    # them all again for every repeat of a heading was quadratic in a header of one heading repeated.
    next_suffix: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        candidate = name or f"column{position}"
        unique = candidate
        if unique in seen:
            suffix = next_suffix.get(candidate, 2)
            unique = f"{candidate}#{suffix}"
            while unique in seen:
                suffix += 1
                unique = f"{candidate}#{suffix}"
            next_suffix[candidate] = suffix + 1
        seen.add(unique)
        header.append(unique)
    return header


def _setting_column(header: Sequence[str]) -> int | None:
    if "setting" in header:
        return header.index("setting")
    for position, name in enumerate(header):
        if name in SETTING_SYNONYMS:
            return position
    return None



# --------------------------------------------------------------------------- broken tables


def broken_tables(doc: Document) -> tuple[int, ...]:
    """First page line of every run of ``|``-led lines that is neither a table nor inside a code block.

    A table whose delimiter row does not match its header (or has none) is plain text to Markdown: its
    rows would silently document nothing, so callers report it.
    """
    covered: set[int] = set()
    if doc.front_matter_text is not None:
        covered.update(range(1, doc.front_matter_text.count("\n") + 4))
    for section in doc.sections:
        for table in section.tables:
            last = max([table.line + 1, *(row.line for row in table.rows)])
            covered.update(range(table.line, last + 1))
        for block in section.blocks:
            covered.update(range(block.line, block.first_line + block.text.count("\n") + 2))
    starts = []
    previous = False
    for number, line in enumerate(_NEWLINE_RE.sub("\n", doc.text).split("\n"), start=1):
        piped = number not in covered and line.lstrip().startswith("|") and line.count("|") >= 2
        if piped and not previous:
            starts.append(number)
        previous = piped
    return tuple(starts)
