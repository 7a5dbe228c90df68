"""Compile the configuration docs' tables into one JSON Schema per Score line and provider.

The docs under ``docs/configuration/`` are the source of truth. Three kinds of tables are read:

* settings tables (``| Setting | Requirement | Description | ...``): one row per environment name;
* the profile matrix (``| Profile | Lines | Provider | Role | ...``);
* tables of names that bind nothing (``| Name | Lines | Use instead | Why |``), overrides
  (``| Setting | Overridden by | When |``) and names read outside Spring (``| Name | Read by | ...``).

A page in the original three-column Score format compiles too: missing columns fall back to a string
type, every line, any profile.

Each line and provider gets three schemas for editors (draft-07, the draft VS Code's JSON service,
yaml-language-server and JetBrains agree on): the env map (``score-<provider>.schema.json``, also the
linter's binding model), the ``environment:`` of the Score service in a compose file
(``.compose.schema.json``) and Spring's ``application.yml`` property tree (``.application.schema.json``);
``catalog.json`` lists them in SchemaStore's catalog format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from score_lint import markdown
from score_lint.generated import BuildResult, sync
from score_lint.values import LINES, PROVIDERS, TYPES, matches, value_schema

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
BASE_URL = "https://overture-stack.github.io/score-lint/schema"  # where the site publishes schema/

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
    description_md = _text(row, "description").strip()
    kind, enum = parse_type(_text(row, "type"))
    defaults = parse_qualified(_text(row, "default"))
    if not _cell(row, "default"):
        found = _DEFAULT_IN_TEXT.search(description_md)
        defaults = (Qualified(found.group(1)),) if found else ()
    provider_cell = _plain(row, "provider", "providers").lower()
    providers = tuple(p for p in PROVIDERS if p in provider_cell) or providers_for_path(section.path)
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
                                caveat=_plain(row, "caveat").strip().strip("—").strip(),
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
                                respelling=_plain(row, "autofix").strip().lower() == "rename",
                            )
                        )
                    elif {"setting", "overridden by"} <= header:
                        docs.overrides.append(
                            OverrideRow(
                                setting=_first_code(_text(row, "setting")),
                                by=_first_code(_text(row, "overridden by")),
                                when=parse_qualified(_text(row, "when")),
                                providers=providers_for_path(section.path),
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


def _collect_examples(text: str, into: dict[str, str]) -> None:
    """Remember the first example value of each name; templated and empty values are skipped."""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.partition("=")
        name = name.strip()
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) and value and "{{" not in value:
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


_LEVEL_WORDS = {
    "TRACE": "Everything, including the finest detail.",
    "DEBUG": "Diagnostic detail.",
    "INFO": "Normal operation (Spring's default).",
    "WARN": "Problems Score works around.",
    "ERROR": "Failures only.",
    "FATAL": "Read as ERROR by Logback.",
    "OFF": "Nothing.",
}


def _value_choices(row: SettingRow) -> list[tuple[str, str]]:
    """The values an editor offers for an enum-like setting, each with one line of help."""
    if row.type == "boolean":
        return [("true", "Spring reads it as true (so do on, yes and 1)."), ("false", "Spring reads it as false (so do off, no and 0).")]
    if row.type == "on-unless-false":
        return [("true", "On (any value other than false leaves it on)."), ("false", "Off: the only value that switches it off.")]
    if row.type == "enum":
        return [(v, "Documented default; matched ignoring case." if _is_default(row, v) else "Matched ignoring case.") for v in row.enum]
    if row.type == "log-level":
        return list(_LEVEL_WORDS.items())
    return []


def _is_default(row: SettingRow, value: str) -> bool:
    return any(d.value == value and not d.profiles for d in row.defaults)


def _editor_keywords(schema: dict[str, object], row: SettingRow, line: str, example: str | None) -> None:
    """Completion help the editors' engines read; none of it changes what validates.

    ``enum`` is deliberately absent (Spring matches values ignoring case, an ``enum`` would not), so the
    choices are ``defaultSnippets`` with a description each rather than ``enumDescriptions``, which the
    engines only read beside an ``enum``; ``examples`` would duplicate those proposals.
    """
    choices = _value_choices(row)
    if choices:
        schema["defaultSnippets"] = [{"label": v, "description": d, "body": v} for v, d in choices]
    elif example is not None and row.type != "secret" and matches(row.type, line, example, row.enum):
        if not any(d.value == example for d in row.defaults_for(line)):
            schema["examples"] = [example]


def _setting_schema(row: SettingRow, line: str, example: str | None = None) -> dict[str, object]:
    schema: dict[str, object] = {"title": row.name}
    schema.update(value_schema(row.type, line, row.enum))
    _editor_keywords(schema, row, line, example)
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


def minimal_environment(docs: Docs, line: str, provider: str) -> dict[str, str | None]:
    """The smallest environment that starts Score: storage and controller profiles, every setting the
    docs require under any profile and the storage credentials, valued with the docs' example (None for
    a secret: Score falls back to other credentials without them)."""
    storage = [p.name for p in docs.profiles if line in p.lines and p.provider == provider and p.role == "storage"]
    controllers = [p.name for p in docs.profiles if line in p.lines and p.role == "controllers"]
    env: dict[str, str | None] = {"SPRING_PROFILES_ACTIVE": ",".join(storage[:1] + controllers[:1])}
    for row in _select(docs, line, provider):
        credential = row.type == "secret" and row.providers == (provider,)
        if (row.required or credential) and not row.profiles and not row.is_pattern and row.name.upper() not in env:
            example = docs.examples.get(row.name.upper())
            if row.type == "secret" or example is None or not matches(row.type, line, example, row.enum):
                env[row.name] = None
            else:
                env[row.name] = example
    return env


def _snippet_text(value: str | None, stop: int) -> str:
    if value is None:
        return f"${{{stop}}}"
    escaped = value.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
    return f"${{{stop}:{escaped}}}"


def _document_snippet(docs: Docs, line: str, provider: str, shape: str) -> dict[str, object]:
    """A ``defaultSnippets`` entry with the minimal environment, as an env map or a property tree."""
    env = minimal_environment(docs, line, provider)
    label = f"Score {line} on {'S3' if provider == 's3' else 'Azure'}: minimal settings"
    description = "Profiles and required settings; fill in the empty values."
    if shape == "env":
        body: dict[str, object] = {name: _snippet_text(value, i) for i, (name, value) in enumerate(env.items(), 1)}
        return {"label": label, "description": description, "body": body}
    props = {row.name.upper(): row.property_for(line) for row in _select(docs, line, provider)}
    tree: dict[str, object] = {}
    for i, (name, value) in enumerate(env.items(), 1):
        prop = props.get(name.upper())
        if not prop:
            continue
        node = tree
        *parents, leaf = prop.split(".")
        for part in parents:
            child = node.setdefault(part, {})
            assert isinstance(child, dict)
            node = child
        node[leaf] = _snippet_text(value, i)
    return {"label": label, "description": description, "body": tree}


def build_schema(docs: Docs, line: str, provider: str) -> dict[str, object]:
    """The JSON Schema of the environment a Score ``line`` process with ``provider`` storage receives."""
    rows = _select(docs, line, provider)
    properties: dict[str, dict[str, object]] = {}
    patterns: dict[str, dict[str, object]] = {}
    required = []
    for row in rows:
        sub = _setting_schema(row, line, docs.examples.get(row.name.upper()))
        if row.is_pattern:
            patterns[row.pattern()] = sub
            continue
        properties[row.name] = sub
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
    provider_title = _provider_title(provider)
    schema: dict[str, object] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{BASE_URL}/{line}/score-{provider}.schema.json",
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
        "defaultSnippets": [_document_snippet(docs, line, provider, "env")],
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
                | ({"caveat": p.caveat} if p.caveat else {})
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
                | ({"respelling": True} if u.respelling else {})
                | ({"pattern": name_pattern(u.name)} if u.is_pattern else {})
                for u in docs.unbound
                if line in u.lines
            ],
            "foreign": [{"name": f.name, "read_by": f.read_by} for f in docs.foreign],
            "elsewhere": elsewhere,
        },
    }
    return schema


# --- YAML homes of the same settings: compose `environment:` maps and Spring application.yml ------

SPRING_NAMESPACES = ("spring", "server", "management", "logging")
_SCORE_IMAGE = r"(?:^|/)score-server(?:[:@]|$)"
_SCORE_SERVICE_NAME = "^score(?:-server)?$"
# YAML scalars Spring converts from text as compose or Spring stringify them: YAML `true` reaches Score
# as "true", 8087 as "8087". Types whose text is checked by a pattern take only strings (and null).
_YAML_TYPES = {
    "boolean": ("boolean",),
    "on-unless-false": ("boolean", "number"),
    "int": ("integer",),
    "long": ("integer",),
    "double": ("number",),
    "string": ("number", "boolean"),
    "secret": ("number", "boolean"),
    "list": ("number", "boolean"),
    "profiles": (),
}
_RANGES = {"int": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
# A value that interpolates another variable is only known at run time, so it is not checked.
_PLACEHOLDER = {"compose": "\\$(?:\\{|[A-Za-z_])", "application": "\\$\\{"}
_VALUE_KEYS = ("pattern", "patternErrorMessage", "type")
_DROP_FROM_VALUES = ("x-score", "$schema")


def _provider_title(provider: str) -> str:
    return "S3-compatible storage (AWS, Ceph, MinIO)" if provider == "s3" else "Azure Blob Storage"


def yaml_value_schema(env_schema: Mapping[str, object], shape: str) -> dict[str, object]:
    """An env-map value schema rewritten for YAML: the scalar types Score can receive, placeholders allowed.

    ``shape`` is "compose" or "application"; ``pattern`` and ``minimum``/``maximum`` only apply to strings
    and numbers respectively, so a type list needs no ``anyOf`` (whose errors the engines report badly).
    """
    meta = env_schema.get("x-score", {})
    assert isinstance(meta, Mapping)
    kind = str(meta.get("type", "string"))
    out: dict[str, object] = {}
    for key, value in env_schema.items():
        if key in _DROP_FROM_VALUES:
            continue
        if key == "type":
            types = ["string", *_YAML_TYPES.get(kind, ())]
            if shape == "application" and kind in ("list", "profiles"):
                types.append("array")
            out["type"] = [*types, "null"]
            if kind in _RANGES:
                out["minimum"], out["maximum"] = _RANGES[kind]
            if shape == "application" and kind in ("list", "profiles"):
                out["items"] = {"type": ["string", "number", "boolean"]}
        elif key == "pattern":
            out["pattern"] = f"{value}|{_PLACEHOLDER[shape]}"
        elif key == "default":
            # yaml-language-server fills every `default` into the skeleton it inserts for a parent key,
            # which would copy Score's defaults into the file; offer the default as a value instead.
            if "defaultSnippets" not in env_schema:
                examples = env_schema.get("examples", [])
                assert isinstance(examples, list)
                out["examples"] = [_typed(kind, e) for e in [value, *(e for e in examples if e != value)]]
        elif key == "examples" and isinstance(value, list):
            if "default" not in env_schema:
                out["examples"] = [_typed(kind, e) for e in value]
        elif key == "defaultSnippets" and isinstance(value, list):
            out[key] = [{**snippet, "body": _typed(kind, snippet["body"])} for snippet in value]
        else:
            out[key] = value
    return out


def _typed(kind: str, value: object) -> object:
    """A documented value as a YAML author writes it: `true` and `8087` rather than strings."""
    if isinstance(value, str) and kind in ("boolean", "on-unless-false") and value in ("true", "false"):
        return value == "true"
    if isinstance(value, str) and kind in ("int", "long") and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    return value


def _env_map_for_yaml(env: Mapping[str, object], line: str, provider: str) -> dict[str, object]:
    props = env["properties"]
    patterns = env["patternProperties"]
    assert isinstance(props, Mapping) and isinstance(patterns, Mapping)
    names = [re.escape(n) for n in props] + [p.strip("^$") for p in patterns]
    return {
        "title": f"Score {line} environment ({_provider_title(provider)})",
        "description": (
            "The variables compose passes to Score: a map (values may be YAML strings, numbers, booleans "
            "or null) or a list of NAME=value strings (only the names are checked)."
        ),
        "type": ["object", "array"],
        "properties": {name: yaml_value_schema(sub, "compose") for name, sub in props.items()},
        "patternProperties": {pattern: yaml_value_schema(sub, "compose") for pattern, sub in patterns.items()},
        "additionalProperties": False,
        "items": {
            "type": "string",
            "pattern": "^(?:" + "|".join(names) + ")(?:=|$)",
            "patternErrorMessage": f"Score {line} with {_provider_title(provider)} reads no variable of this name.",
        },
        "defaultSnippets": env["defaultSnippets"],
    }


def build_compose_schema(docs: Docs, line: str, provider: str) -> dict[str, object]:
    """A compose file schema that checks the ``environment:`` of the Score service and nothing else.

    The Score service is the one named ``score``/``score-server`` or whose image is ``score-server``;
    other services and keys are left to the compose specification's own schema.
    """
    env = build_schema(docs, line, provider)
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{BASE_URL}/{line}/score-{provider}.compose.schema.json",
        "title": f"Score {line} service in a compose file, {_provider_title(provider)}",
        "description": (
            f"Checks the environment: map of the Score {line} service (named score or score-server, or "
            "running a score-server image) of a docker compose file. Generated by `score-lint schema build` "
            "from docs/configuration; do not edit."
        ),
        "type": "object",
        "properties": {
            "services": {
                "type": "object",
                "patternProperties": {_SCORE_SERVICE_NAME: {"$ref": "#/definitions/scoreService"}},
                "additionalProperties": {
                    "if": {
                        "type": "object",
                        "required": ["image"],
                        "properties": {"image": {"type": "string", "pattern": _SCORE_IMAGE}},
                    },
                    "then": {"$ref": "#/definitions/scoreService"},
                },
            }
        },
        "definitions": {
            "scoreService": {
                "type": "object",
                "properties": {"environment": {"$ref": "#/definitions/environment"}},
            },
            "environment": _env_map_for_yaml(env, line, provider),
        },
        "x-score": {"line": line, "provider": provider, "shape": "compose"},
    }


def spellings(element: str, exact: bool) -> tuple[str, ...]:
    """The YAML keys Spring binds for one element of a property name, canonical (kebab) first.

    A camelCase ``@Value`` placeholder is looked up by its exact name; a ``@ConfigurationProperties``
    element binds in kebab, camelCase and underscore notation alike.
    """
    if exact or "-" not in element:
        return (element,)
    words = element.split("-")
    camel = words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    return (element, camel, "_".join(words))


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    exact: dict[str, bool] = field(default_factory=dict)
    leaf: dict[str, object] | None = None
    family: dict[str, object] | None = None  # value schema of an open family such as logging.level.<logger>


def _leaf_schema(row: SettingRow, line: str, env_schema: Mapping[str, object]) -> dict[str, object]:
    value = yaml_value_schema(env_schema, "application")
    prop = row.property_for(line)
    value["title"] = prop
    md = value.get("markdownDescription")
    if isinstance(md, str):
        value["markdownDescription"] = md + f" · **Environment:** `{row.name}`"
    value["x-score"] = {"property": prop, "env": row.name}
    return value


def _emit(node: _Node, path: tuple[str, ...]) -> dict[str, object]:
    if node.leaf is not None and not node.children:
        return node.leaf
    open_namespace = bool(path) and path[0] in SPRING_NAMESPACES
    properties: dict[str, object] = {}
    # Other spellings are accepted through exact-match patterns: the engines neither complete them nor
    # put them in the skeleton they insert for a parent key, as they would from `properties`.
    others: dict[str, object] = {}
    for element, child in node.children.items():
        sub = _emit(child, (*path, element))
        names = spellings(element, node.exact[element])
        properties[names[0]] = sub
        for other in names[1:]:
            others.setdefault(_exactly(other), sub)
    for dotted, sub in _dotted_leaves(node, ()):
        others.setdefault(_exactly(dotted), sub)
    schema: dict[str, object] = {}
    if path and not open_namespace:
        schema["type"] = "object"
    if path:
        schema["title"] = ".".join(path)
    schema["properties"] = properties
    if others:
        schema["patternProperties"] = others
    if node.family is not None:
        family = dict(node.family)
        family["type"] = [*family.get("type", ["string"]), "object"]  # type: ignore[misc]
        schema["additionalProperties"] = family
    elif not open_namespace:
        schema["additionalProperties"] = False
    return schema


def _exactly(key: str) -> str:
    """A pattern that matches only ``key`` (keys hold letters, digits, ``_``, ``-`` and ``.``)."""
    return "^" + key.replace(".", "\\.") + "$"


def _dotted_leaves(node: _Node, prefix: tuple[str, ...]) -> Iterator[tuple[str, dict[str, object]]]:
    """``bucket.name.object: x`` written flat: Spring reads a dotted YAML key like the nested one."""
    for element, child in node.children.items():
        here = (*prefix, element)
        if child.leaf is not None and len(here) > 1:
            yield ".".join(here), child.leaf
        yield from _dotted_leaves(child, here)


def build_application_schema(docs: Docs, line: str, provider: str) -> dict[str, object]:
    """Spring ``application.yml``/``application-<profile>.yml`` for Score: the nested property tree."""
    env = build_schema(docs, line, provider)
    env_props = env["properties"]
    env_patterns = env["patternProperties"]
    assert isinstance(env_props, Mapping) and isinstance(env_patterns, Mapping)
    root = _Node()
    for row in _select(docs, line, provider):
        prop = row.property_for(line)
        if not prop:
            continue
        exact = any(ch.isupper() for ch in prop)
        *parents, last = prop.split(".")
        node = root
        for part in parents:
            node.exact.setdefault(part, exact)
            node = node.children.setdefault(part, _Node())
        if row.is_pattern:
            sub = env_patterns[row.pattern()]
            assert isinstance(sub, Mapping)
            node.family = _leaf_schema(row, line, sub)
            continue
        sub = env_props[row.name]
        assert isinstance(sub, Mapping)
        node.exact.setdefault(last, exact)
        node.children.setdefault(last, _Node()).leaf = _leaf_schema(row, line, sub)
    schema: dict[str, object] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{BASE_URL}/{line}/score-{provider}.application.schema.json",
        "title": f"Score {line} application.yml, {_provider_title(provider)}",
        "description": (
            f"Spring application.yml (or application-<profile>.yml) of a Score {line} server with "
            f"{_provider_title(provider)}. Generated by `score-lint schema build` from docs/configuration; "
            "do not edit."
        ),
    }
    schema.update(_emit(root, ()))
    schema["type"] = "object"
    schema["defaultSnippets"] = [_document_snippet(docs, line, provider, "tree")]
    schema["x-score"] = {"line": line, "provider": provider, "shape": "application"}
    return schema


# (file suffix, name, description, fileMatch per provider). A pattern claims only files that can hold nothing
# but Score's settings: the env-map files the docs name, and Spring's application.yml under a score-server
# folder, where Score keeps it (application-azure.yml is what Spring reads with the azure profile). No name
# singles out a compose file that runs Score (they are docker-compose.yml beside every other service), so
# the compose schemas claim none: claiming docker-compose.yml would apply the S3 and the Azure schema,
# which contradict each other, to every compose file; editors map them in their settings.
_KINDS: tuple[tuple[str, str, str, dict[str, tuple[str, ...]]], ...] = (
    (
        "schema",
        "Score server environment ({label})",
        "Environment variables of an Overture Score server with {title}, as a JSON or YAML map.",
        {
            "s3": tuple(f"{stem}.{ext}" for ext in ("json", "yaml", "yml") for stem in ("score-env", "*.score-env")),
            "azure": tuple(f"{stem}.{ext}" for ext in ("json", "yaml", "yml") for stem in ("score-azure-env", "*.score-azure-env")),
        },
    ),
    (
        "compose.schema",
        "Score service in docker compose ({label})",
        "The environment: map of the Overture Score service (score-server image) in a compose file, {title}.",
        {"s3": (), "azure": ()},
    ),
    (
        "application.schema",
        "Score application.yml ({label})",
        "Spring application.yml of an Overture Score server with {title}.",
        {
            "s3": (
                "**/score-server/**/application.yml",
                "**/score-server/**/application-*.yml",
                "!**/score-server/**/application-azure.yml",
            ),
            "azure": ("**/score-server/**/application-azure.yml",),
        },
    ),
)
CATALOG_LINE = "5.11"  # the newest release: what `url` points at; `versions` lists every line


def build_catalog() -> dict[str, object]:
    """The schemas in SchemaStore's catalog format, one entry per kind and provider."""
    schemas = []
    for suffix, name, description, file_match in _KINDS:
        for provider in PROVIDERS:
            label = "S3" if provider == "s3" else "Azure"
            versions = {line: f"{BASE_URL}/{line}/score-{provider}.{suffix}.json" for line in LINES}
            entry: dict[str, object] = {
                "name": name.format(label=label),
                "description": description.format(title=_provider_title(provider)),
            }
            if file_match[provider]:
                entry["fileMatch"] = list(file_match[provider])
            entry["url"] = versions[CATALOG_LINE]
            entry["versions"] = versions
            schemas.append(entry)
    return {"$schema": "https://json.schemastore.org/schema-catalog.json", "version": 1, "schemas": schemas}


def dump(schema: Mapping[str, object]) -> str:
    """Deterministic bytes: insertion order (doc order), two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def build_all(docs: Docs) -> dict[str, str]:
    """``{"5.11/score-s3.schema.json": text, ...}`` for every line and provider and shape, plus the catalog."""
    out = {}
    for line in LINES:
        for provider in PROVIDERS:
            out[f"{line}/score-{provider}.schema.json"] = dump(build_schema(docs, line, provider))
            out[f"{line}/score-{provider}.compose.schema.json"] = dump(build_compose_schema(docs, line, provider))
            out[f"{line}/score-{provider}.application.schema.json"] = dump(build_application_schema(docs, line, provider))
    out["catalog.json"] = dump(build_catalog())
    return out


def write_or_check(files: Mapping[str, str], out: Path, check: bool) -> BuildResult:
    """Write the schemas under ``out``, or in check mode report the stale ones."""
    previous = [p.relative_to(out).as_posix() for p in sorted(out.glob("*/score-*.json"))] if out.is_dir() else []
    return sync(files, out, check, previous)
