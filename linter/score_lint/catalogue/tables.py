"""The settings tables of the configuration docs, read into rows (the catalogue compiler's input).

The docs under ``docs/configuration/`` are the source of truth. These tables are read:

* settings tables (``| Setting | Requirement | Description | ...``): one row per environment name;
* the profile matrix (``| Profile | Lines | Provider | Role | ...``) and the profile documents of
  ``application.yml`` in file order (``| Line | Documents |``);
* tables of names that bind nothing (``| Name | Lines | Use instead | Why |``), overrides
  (``| Setting | Overridden by | When |``) and names read outside Spring (``| Name | Read by | ...``).

A page in the original three-column Score format reads too: missing columns fall back to a string
type, every line, any profile. The column names are those of ``score_lint.catalogue.columns``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from score_lint import markdown
from score_lint.catalogue import name_pattern
from score_lint.catalogue.columns import (
    ALSO_BINDS,
    AUTOFIX,
    CAVEAT,
    DEFAULT,
    DESCRIPTION,
    DOCUMENTS,
    EFFECT,
    LINE,
    LINES_COLUMN,
    NAME,
    OVERRIDDEN_BY,
    PRECEDENCE,
    PROFILE,
    PROFILES_COLUMN,
    PROPERTY,
    PROVIDER,
    READ_BY,
    REQUIREMENT,
    ROLE,
    SETTING,
    TYPE,
    USE_INSTEAD,
    WHEN,
    WHY,
)
from score_lint.lines import LINES, PROVIDERS
from score_lint.patterns import shell_name
from score_lint.values import TYPES

_CODE = re.compile(r"`([^`]*)`(?:\s*\(([^)]*)\))?")
_DEFAULT_IN_TEXT = re.compile(r"[Dd]efault(?: value)? is `([^`]*)`")
_PROVIDER_WORDS = {"azure": ("azure",), "s3": ("s3", "aws", "ceph", "minio", "amazon")}


class DocsError(Exception):
    """The docs tree cannot be compiled; carries the file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line or 0}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Qualified:
    """A code-span value with the profiles, lines and flags written in brackets after it."""

    value: str
    profiles: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    partial: bool = False

    def applies(self, line: str) -> bool:
        return not self.lines or line in self.lines

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"value": self.value}
        if self.profiles:
            out["profiles"] = list(self.profiles)
        if self.lines:
            out["lines"] = list(self.lines)
        return out


def parse_qualified(text: str) -> tuple[Qualified, ...]:
    """Read ``\u0060a\u0060 (prod, 5.11); \u0060b\u0060`` into qualified values."""
    items = []
    for match in _CODE.finditer(text):
        value, qualifier = match.group(1), match.group(2) or ""
        if value in ('""', "''"):
            value = ""
        words = [w.strip().strip("`") for w in qualifier.split(",") if w.strip()]
        items.append(
            Qualified(
                value=value,
                profiles=tuple(w for w in words if w not in LINES and w.lower() != "partial"),
                lines=tuple(w for w in words if w in LINES),
                partial=any(w.lower() == "partial" for w in words),
            )
        )
    return tuple(items)


def parse_lines(text: str) -> tuple[str, ...]:
    words = [w.strip().strip("`") for w in text.replace(";", ",").split(",") if w.strip()]
    if not words or any(w.lower() in ("all", "any", "—", "-") for w in words):
        return LINES
    return tuple(line for line in LINES if line in words)


def parse_profiles(text: str) -> tuple[str, ...]:
    words = [w.strip().strip("`") for w in text.split(",") if w.strip()]
    if not words or any(w.lower() in ("any", "all", "—", "-") for w in words):
        return ()
    return tuple(words)


def parse_type(text: str) -> tuple[str, tuple[str, ...]]:
    """``enum `a`, `b``` -> ("enum", ("a", "b")); unknown words fall back to string."""
    word = text.strip().split(" ")[0].strip("`").lower() if text.strip() else "string"
    if word not in TYPES:
        word = "string"
    args = tuple(q.value for q in parse_qualified(text)) if word == "enum" else ()
    return word, args


@dataclass(frozen=True)
class SettingRow:
    """One row of a settings table, read with the column conventions of docs/configuration/index.md."""

    name: str
    requirement: str
    type: str
    enum: tuple[str, ...]
    defaults: tuple[Qualified, ...]
    description: str
    description_md: str
    aliases: tuple[Qualified, ...]
    properties: tuple[Qualified, ...]
    lines: tuple[str, ...]
    profiles: tuple[str, ...]
    providers: tuple[str, ...]
    path: str
    line: int
    section: str

    @property
    def is_pattern(self) -> bool:
        return "<" in self.name

    @property
    def required(self) -> bool:
        return self.requirement.strip().lower() == "required"

    def property_for(self, line: str) -> str:
        for prop in self.properties:
            if prop.applies(line):
                return prop.value
        return ""

    def defaults_for(self, line: str) -> tuple[Qualified, ...]:
        return tuple(d for d in self.defaults if d.applies(line))

    def pattern(self) -> str:
        return name_pattern(self.name)


@dataclass(frozen=True)
class ProfileRow:
    name: str
    lines: tuple[str, ...]
    provider: str | None
    role: str
    effect: str
    path: str
    line: int
    caveat: str = ""  # the "Caveat" column: what goes wrong when the profile is active on these lines


@dataclass(frozen=True)
class UnboundRow:
    name: str
    lines: tuple[str, ...]
    use_instead: tuple[str, ...]
    why: str
    path: str
    line: int
    respelling: bool = False  # the "Autofix" column says renaming keeps the meaning

    @property
    def is_pattern(self) -> bool:
        return "<" in self.name


@dataclass(frozen=True)
class OverrideRow:
    setting: str
    by: str
    when: tuple[Qualified, ...]
    providers: tuple[str, ...]
    path: str
    line: int


@dataclass(frozen=True)
class ForeignRow:
    name: str
    read_by: str
    path: str
    line: int


@dataclass
class Docs:
    """Everything the tables of one docs tree say."""

    settings: list[SettingRow] = field(default_factory=list)
    profiles: list[ProfileRow] = field(default_factory=list)
    unbound: list[UnboundRow] = field(default_factory=list)
    overrides: list[OverrideRow] = field(default_factory=list)
    foreign: list[ForeignRow] = field(default_factory=list)
    documents: dict[str, tuple[str, ...]] = field(default_factory=dict)  # line -> profile documents in file order
    precedence: dict[str, str] = field(default_factory=dict)  # line -> last-listed or last-document
    examples: dict[str, str] = field(default_factory=dict)  # NAME -> first value shown in an env block
    broken: list[DocsError] = field(default_factory=list)  # tables Markdown does not read as tables


def providers_for_path(path: Sequence[str]) -> tuple[str, ...]:
    """The providers a section heading path is about ("Azure" -> azure, "AWS, Ceph, or Minio" -> s3), else both."""
    text = " ".join(path).lower()
    words = set(re.findall(r"[a-z0-9]+", text))
    for provider in ("azure", "s3"):
        if words & set(_PROVIDER_WORDS[provider]):
            return (provider,)
    return PROVIDERS


def _cell(row: markdown.Row, *names: str) -> markdown.Cell | None:
    for name in names:
        cell = row.cells.get(name)
        if cell is not None:
            return cell
    return None


def _text(row: markdown.Row, *names: str) -> str:
    cell = _cell(row, *names)
    return cell.text if cell else ""


def _plain(row: markdown.Row, *names: str) -> str:
    cell = _cell(row, *names)
    return cell.plain if cell else ""


def _setting_row(doc: markdown.Document, section: markdown.Section, row: markdown.Row) -> SettingRow | None:
    if not row.setting:
        return None
    name = row.setting.strip()
    description_md = _text(row, *DESCRIPTION).strip()
    kind, enum = parse_type(_text(row, *TYPE))
    defaults = parse_qualified(_text(row, *DEFAULT))
    if not _cell(row, *DEFAULT):
        found = _DEFAULT_IN_TEXT.search(description_md)
        defaults = (Qualified(found.group(1)),) if found else ()
    provider_cell = _plain(row, *PROVIDER).lower()
    providers = tuple(p for p in PROVIDERS if p in provider_cell) or providers_for_path(section.path)
    return SettingRow(
        name=name,
        requirement=_plain(row, *REQUIREMENT) or "Optional",
        type=kind,
        enum=enum,
        defaults=defaults,
        description=_plain(row, *DESCRIPTION),
        description_md=description_md,
        aliases=parse_qualified(_text(row, *ALSO_BINDS)),
        properties=parse_qualified(_text(row, *PROPERTY)),
        lines=parse_lines(_plain(row, *LINES_COLUMN)),
        profiles=parse_profiles(_text(row, *PROFILES_COLUMN)),
        providers=providers,
        path=doc.path,
        line=row.line,
        section=" > ".join(section.path),
    )


def _first_code(cell_text: str) -> str:
    values = parse_qualified(cell_text)
    return values[0].value if values else cell_text.strip().strip("`")


def collect(documents: Iterable[markdown.Document]) -> Docs:
    """Read every table of interest out of the documents."""
    docs = Docs()
    for doc in documents:
        for line in markdown.broken_tables(doc):
            docs.broken.append(DocsError(doc.path, line, "this table is not read as a table (its header and "
                                         "delimiter rows do not match, or a row is cut off by a blank line), "
                                         "so its rows document nothing"))
        for section in doc.sections:
            for block in section.env_blocks:
                _collect_examples(block.text, docs.examples)
            for table in section.tables:
                header = set(table.header)
                for row in table.rows:
                    if table.is_settings and "overridden by" not in header:
                        setting = _setting_row(doc, section, row)
                        if setting:
                            docs.settings.append(setting)
                    elif {"profile", "role"} <= header:
                        provider = _plain(row, *PROVIDER).strip().lower()
                        docs.profiles.append(
                            ProfileRow(
                                name=_first_code(_text(row, *PROFILE)),
                                lines=parse_lines(_plain(row, *LINES_COLUMN)),
                                provider=provider if provider in PROVIDERS else None,
                                role=_plain(row, *ROLE).strip().lower(),
                                effect=_plain(row, *EFFECT),
                                path=doc.path,
                                line=row.line,
                                caveat=_plain(row, *CAVEAT).strip().strip("—").strip(),
                            )
                        )
                    elif {"name", "use instead"} <= header:
                        docs.unbound.append(
                            UnboundRow(
                                name=_first_code(_text(row, *NAME)),
                                lines=parse_lines(_plain(row, *LINES_COLUMN)),
                                use_instead=tuple(q.value for q in parse_qualified(_text(row, *USE_INSTEAD))),
                                why=_plain(row, *WHY),
                                path=doc.path,
                                line=row.line,
                                respelling=_plain(row, *AUTOFIX).strip().lower() == "rename",
                            )
                        )
                    elif {"setting", "overridden by"} <= header:
                        docs.overrides.append(
                            OverrideRow(
                                setting=_first_code(_text(row, *SETTING)),
                                by=_first_code(_text(row, *OVERRIDDEN_BY)),
                                when=parse_qualified(_text(row, *WHEN)),
                                providers=providers_for_path(section.path),
                                path=doc.path,
                                line=row.line,
                            )
                        )
                    elif {"line", "documents"} <= header:
                        line_name = _first_code(_text(row, *LINE))
                        if line_name in LINES:
                            docs.documents[line_name] = tuple(q.value for q in parse_qualified(_text(row, *DOCUMENTS)))
                            docs.precedence[line_name] = _first_code(_text(row, *PRECEDENCE))
                    elif {"name", "read by"} <= header:
                        docs.foreign.append(
                            ForeignRow(
                                name=_first_code(_text(row, *NAME)),
                                read_by=_plain(row, *READ_BY),
                                path=doc.path,
                                line=row.line,
                            )
                        )
    return docs


def _collect_examples(text: str, into: dict[str, str]) -> None:
    """Remember the first example value of each name; templated and empty values are skipped."""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.partition("=")
        name = name.strip()
        if shell_name(name) and value and "{{" not in value:
            into.setdefault(name.upper(), value)


def load_docs(paths: Iterable[Path], root: Path | None = None) -> Docs:
    """Parse Markdown files (folders are searched recursively, in sorted order)."""
    documents = []
    for path in iter_markdown(paths):
        doc = markdown.read(path)
        if root is not None:
            try:
                display = path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                display = path.as_posix()
            doc = markdown.Document(display, doc.front_matter, doc.sections, doc.text)
        documents.append(doc)
    return collect(documents)


def iter_markdown(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.md") if p.is_file())
        else:
            yield path


# --- schema assembly -------------------------------------------------------------------------


def _applies(row: SettingRow, line: str, provider: str) -> bool:
    return line in row.lines and provider in row.providers


def _select(docs: Docs, line: str, provider: str) -> list[SettingRow]:
    """The rows for one line and provider; the first row of a name wins (later ones are reported)."""
    chosen: dict[str, SettingRow] = {}
    for row in docs.settings:
        if _applies(row, line, provider) and row.name.upper() not in chosen:
            chosen[row.name.upper()] = row
    return list(chosen.values())


def conflicts(docs: Docs) -> list[DocsError]:
    """Rows that claim the same name for the same line and provider with different content."""
    errors = []
    for line in LINES:
        for provider in PROVIDERS:
            seen: dict[str, SettingRow] = {}
            for row in docs.settings:
                if not _applies(row, line, provider):
                    continue
                first = seen.setdefault(row.name.upper(), row)
                if first is not row and (first.type, first.property_for(line), first.requirement) != (
                    row.type,
                    row.property_for(line),
                    row.requirement,
                ):
                    errors.append(
                        DocsError(
                            row.path,
                            row.line,
                            f"{row.name} is documented again for Score {line} ({provider}) and differs from "
                            f"{first.path}:{first.line}",
                        )
                    )
    return errors
