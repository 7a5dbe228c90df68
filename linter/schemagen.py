"""Compile the configuration docs' tables into one JSON Schema per Score line and provider.

The docs under ``docs/configuration/`` are the source of truth. Three kinds of tables are read:

* settings tables (``| Setting | Requirement | Description | ...``): one row per environment name;
* the profile matrix (``| Profile | Lines | Provider | Role | ...``);
* tables of names that bind nothing (``| Name | Lines | Use instead | Why |``), overrides
  (``| Setting | Overridden by | When |``) and names read outside Spring (``| Name | Read by | ...``).

A page in the original three-column Score format compiles too: missing columns fall back to a string
type, every line, any profile.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from score_lint import markdown
from score_lint.values import LINES, PROVIDERS, TYPES, value_schema

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"

_CODE = re.compile(r"`([^`]*)`(?:\s*\(([^)]*)\))?")
_DEFAULT_IN_TEXT = re.compile(r"[Dd]efault(?: value)? is `([^`]*)`")
_PATTERN_NAME = re.compile(r"<([A-Za-z]+)>")
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


def name_pattern(name: str) -> str:
    """``LOGGING_LEVEL_<LOGGER>`` -> ``^LOGGING_LEVEL_[A-Za-z0-9_]+$``."""
    parts = _PATTERN_NAME.split(name)
    regex = "".join(re.escape(p) if i % 2 == 0 else "[A-Za-z0-9_]+" for i, p in enumerate(parts))
    return f"^{regex}$"


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


@dataclass(frozen=True)
class UnboundRow:
    name: str
    lines: tuple[str, ...]
    use_instead: tuple[str, ...]
    why: str
    path: str
    line: int

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


def _providers(path: Sequence[str]) -> tuple[str, ...]:
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
    description_md = _text(row, "description").strip()
    kind, enum = parse_type(_text(row, "type"))
    defaults = parse_qualified(_text(row, "default"))
    if not _cell(row, "default"):
        found = _DEFAULT_IN_TEXT.search(description_md)
        defaults = (Qualified(found.group(1)),) if found else ()
    provider_cell = _plain(row, "provider", "providers").lower()
    providers = tuple(p for p in PROVIDERS if p in provider_cell) or _providers(section.path)
    return SettingRow(
        name=name,
        requirement=_plain(row, "requirement") or "Optional",
        type=kind,
        enum=enum,
        defaults=defaults,
        description=_plain(row, "description"),
        description_md=description_md,
        aliases=parse_qualified(_text(row, "also binds")),
        properties=parse_qualified(_text(row, "property", "spring property")),
        lines=parse_lines(_plain(row, "lines", "score lines")),
        profiles=parse_profiles(_text(row, "profiles")),
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
        for section in doc.sections:
            for table in section.tables:
                header = set(table.header)
                for row in table.rows:
                    if table.is_settings and "overridden by" not in header:
                        setting = _setting_row(doc, section, row)
                        if setting:
                            docs.settings.append(setting)
                    elif {"profile", "role"} <= header:
                        provider = _plain(row, "provider").strip().lower()
                        docs.profiles.append(
                            ProfileRow(
                                name=_first_code(_text(row, "profile")),
                                lines=parse_lines(_plain(row, "lines")),
                                provider=provider if provider in PROVIDERS else None,
                                role=_plain(row, "role").strip().lower(),
                                effect=_plain(row, "what it does"),
                                path=doc.path,
                                line=row.line,
                            )
                        )
                    elif {"name", "use instead"} <= header:
                        docs.unbound.append(
                            UnboundRow(
                                name=_first_code(_text(row, "name")),
                                lines=parse_lines(_plain(row, "lines")),
                                use_instead=tuple(q.value for q in parse_qualified(_text(row, "use instead"))),
                                why=_plain(row, "why"),
                                path=doc.path,
                                line=row.line,
                            )
                        )
                    elif {"setting", "overridden by"} <= header:
                        docs.overrides.append(
                            OverrideRow(
                                setting=_first_code(_text(row, "setting")),
                                by=_first_code(_text(row, "overridden by")),
                                when=parse_qualified(_text(row, "when")),
                                providers=_providers(section.path),
                                path=doc.path,
                                line=row.line,
                            )
                        )
                    elif {"name", "read by"} <= header:
                        docs.foreign.append(
                            ForeignRow(
                                name=_first_code(_text(row, "name")),
                                read_by=_plain(row, "read by"),
                                path=doc.path,
                                line=row.line,
                            )
                        )
    return docs


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


def _markdown_description(row: SettingRow, line: str) -> str:
    parts = [row.description_md]
    facts = [f"**Type:** {row.type}" + (" (" + ", ".join(f"`{v}`" for v in row.enum) + ")" if row.enum else "")]
    facts.append(f"**{row.requirement.capitalize()}**")
    defaults = row.defaults_for(line)
    if defaults:
        facts.append(
            "**Default:** "
            + "; ".join(f"`{d.value}`" + (f" ({', '.join(d.profiles)})" if d.profiles else "") for d in defaults)
        )
    prop = row.property_for(line)
    if prop:
        facts.append(f"**Property:** `{prop}`")
    aliases = [a for a in row.aliases if a.applies(line)]
    if aliases:
        facts.append("**Also binds:** " + ", ".join(f"`{a.value}`" + (" (partial)" if a.partial else "") for a in aliases))
    if row.profiles:
        facts.append("**Profiles:** " + ", ".join(f"`{p}`" for p in row.profiles))
    facts.append("**Score lines:** " + ", ".join(row.lines))
    return parts[0] + "\n\n" + " · ".join(facts)


def _setting_schema(row: SettingRow, line: str) -> dict[str, object]:
    schema: dict[str, object] = {"title": row.name}
    schema.update(value_schema(row.type, line, row.enum))
    schema["description"] = row.description
    schema["markdownDescription"] = _markdown_description(row, line)
    defaults = row.defaults_for(line)
    unconditional = [d for d in defaults if not d.profiles]
    if unconditional:
        schema["default"] = unconditional[0].value
    if row.type == "secret":
        schema["writeOnly"] = True
    score: dict[str, object] = {
        "type": row.type,
        "requirement": "required" if row.required else "optional",
        "property": row.property_for(line),
        "lines": list(row.lines),
        "source": f"{row.path}:{row.line}",
    }
    if row.enum:
        score["enum"] = list(row.enum)
    if row.profiles:
        score["profiles"] = list(row.profiles)
    if defaults:
        score["defaults"] = [d.as_json() for d in defaults]
    aliases = [a.value for a in row.aliases if a.applies(line)]
    if aliases:
        score["aliases"] = aliases
    schema["x-score"] = score
    return schema


def _alias_schema(row: SettingRow, alias: Qualified, base: Mapping[str, object]) -> dict[str, object]:
    schema = {k: v for k, v in base.items() if k not in ("title", "x-score", "default")}
    schema["title"] = alias.value
    if alias.partial:
        message = (
            f"{alias.value} binds only partly: some of Score's uses of `{row.property_for(LINES[-1])}` keep "
            f"their default. Use {row.name}."
        )
    else:
        message = f"{alias.value} binds, but {row.name} is the canonical spelling."
    schema["deprecationMessage"] = message
    schema["doNotSuggest"] = True
    schema["x-score"] = {"canonical": row.name, "partial": alias.partial}
    return schema


def build_schema(docs: Docs, line: str, provider: str) -> dict[str, object]:
    """The JSON Schema of the environment a Score ``line`` process with ``provider`` storage receives."""
    rows = _select(docs, line, provider)
    properties: dict[str, object] = {}
    patterns: dict[str, object] = {}
    required = []
    for row in rows:
        schema = _setting_schema(row, line)
        if row.is_pattern:
            patterns[row.pattern()] = schema
            continue
        properties[row.name] = schema
        if row.required and not row.profiles and not any(d.applies(line) for d in row.defaults):
            required.append(row.name)
    for row in rows:
        for alias in row.aliases:
            if alias.applies(line) and alias.value not in properties:
                properties[alias.value] = _alias_schema(row, alias, properties.get(row.name, {}))
    read_here = {name.upper() for name in properties}
    elsewhere: dict[str, dict[str, list[str]]] = {}
    for row in docs.settings:
        if row.is_pattern or row.name.upper() in read_here:
            continue
        entry = elsewhere.setdefault(row.name, {"lines": [], "providers": []})
        for other in row.lines:
            if other not in entry["lines"]:
                entry["lines"].append(other)
        for other in row.providers:
            if other not in entry["providers"]:
                entry["providers"].append(other)
    for entry in elsewhere.values():
        entry["lines"] = [x for x in LINES if x in entry["lines"]]
        entry["providers"] = [x for x in PROVIDERS if x in entry["providers"]]
    provider_title = "S3-compatible storage (AWS, Ceph, MinIO)" if provider == "s3" else "Azure Blob Storage"
    schema: dict[str, object] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"https://overture-stack.github.io/score-lint/schema/{line}/score-{provider}.schema.json",
        "title": f"Score {line} server environment, {provider_title}",
        "description": (
            f"Environment variables a Score {line} server with {provider_title} reads. Generated by "
            "`score-lint schema build` from docs/configuration; do not edit."
        ),
        "type": "object",
        "properties": properties,
        "patternProperties": patterns,
        "additionalProperties": False,
        "required": required,
        "x-score": {
            "line": line,
            "provider": provider,
            "profiles": [
                {
                    "name": p.name,
                    "provider": p.provider,
                    "role": p.role,
                    "effect": p.effect,
                }
                for p in docs.profiles
                if line in p.lines
            ],
            "overrides": [
                {"setting": o.setting, "by": o.by, "profiles": [w.value for w in o.when if w.applies(line)]}
                for o in docs.overrides
                if provider in o.providers
            ],
            "unbound": [
                {"name": u.name, "use_instead": list(u.use_instead), "why": u.why}
                | ({"pattern": name_pattern(u.name)} if u.is_pattern else {})
                for u in docs.unbound
                if line in u.lines
            ],
            "foreign": [{"name": f.name, "read_by": f.read_by} for f in docs.foreign],
            "elsewhere": elsewhere,
        },
    }
    return schema


def dump(schema: Mapping[str, object]) -> str:
    """Deterministic bytes: insertion order (doc order), two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def build_all(docs: Docs) -> dict[str, str]:
    """``{"5.11/score-s3.schema.json": text, ...}`` for every line and provider."""
    out = {}
    for line in LINES:
        for provider in PROVIDERS:
            out[f"{line}/score-{provider}.schema.json"] = dump(build_schema(docs, line, provider))
    return out


@dataclass(frozen=True)
class BuildResult:
    written: tuple[str, ...]
    stale: tuple[str, ...]
    extra: tuple[str, ...]


def write_or_check(files: Mapping[str, str], out: Path, check: bool) -> BuildResult:
    """Write the files under ``out`` (only those that changed), or in check mode report the stale ones."""
    stale, written = [], []
    for rel, text in files.items():
        target = out / rel
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        stale.append(rel)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
            written.append(rel)
    known = set(files)
    extra = sorted(
        p.relative_to(out).as_posix()
        for p in out.glob("*/score-*.schema.json")
        if p.relative_to(out).as_posix() not in known
    ) if out.is_dir() else []
    return BuildResult(tuple(written), tuple(stale), tuple(extra))
