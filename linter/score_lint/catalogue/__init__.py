"""The settings catalogue: what Score reads on one release line, as typed, frozen data.

Modelled on Spring Boot's ``spring-configuration-metadata.json``: every ``Setting`` is one environment
name with its Spring properties (each read by a ``Reader`` with its own case rules), its other
spellings, type, defaults per profile document, providers and whether it holds a secret. Profiles,
the profile documents of Score's ``application.yml`` in file order, overrides, names that bind nothing
and names read outside Spring complete it.

The catalogue is compiled from the settings tables of ``docs/configuration/*.md``
(``score_lint.catalogue.compile``) into one committed data file per Score line,
``schema/<line>/catalogue.json``, which is all the linter reads (the same data also as a Python literal,
``schema/catalogue_<line>.py``, which loads from its .pyc without the json module, as the linter loads
it). Binding, the effective
configuration, the rules, the reference pages, the language server and the editor schemas are built
from it; nothing reads the editor schemas back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import cache, cached_property

from score_lint.findings import InputError
from score_lint.lines import LINES, PROVIDERS
from score_lint.records import record
from score_lint.values import value_pattern

TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

DATA_VERSION = 1
FILENAME = "catalogue.json"


def name_pattern(name: str) -> str:
    """``LOGGING_LEVEL_<LOGGER>`` -> ``^LOGGING_LEVEL_[A-Za-z0-9_]+$`` (the names of an open family)."""
    parts = re.split(r"<([A-Za-z]+)>", name)
    regex = "".join(re.escape(p) if i % 2 == 0 else "[A-Za-z0-9_]+" for i, p in enumerate(parts))
    return f"^{regex}$"


class CatalogueNotFound(InputError):
    """No catalogue for the asked Score line (or the data file cannot be read)."""


class Reader(Enum):
    """How Score reads a property, which decides the environment spellings that reach it."""

    # A @ConfigurationProperties field or a lower-case @Value key: Spring's configuration-property
    # machinery does the lookup, so the canonical and legacy spellings bind, ignoring case.
    RELAXED = "relaxed"
    # A camelCase @Value key is no valid property name: only the raw environment lookup applies, which
    # tries the exact name and then the upper-cased one, never a lower-cased one.
    EXACT = "exact"

    __hash__ = object.__hash__  # as binding.Kind's: members are equal only to themselves

    @staticmethod
    def of(prop: str) -> Reader:
        return Reader.EXACT if any(ch.isupper() for ch in prop) else Reader.RELAXED


@record(frozen=True, slots=True)
class Default:
    """A value a Score process uses when nothing else sets the property.

    ``source`` is ``application`` (the common document of ``application.yml``), ``profile`` (the
    document of each profile in ``profiles``) or ``code`` (a default in Score's or Spring's code).
    """

    value: str
    profiles: tuple[str, ...] = ()
    source: str = "application"


@record(frozen=True, slots=True)
class Spelling:
    """Another environment name that binds to the setting; ``partial`` when only some readers see it."""

    name: str
    partial: bool = False


@record(frozen=True)
class Setting:
    """One environment name Score reads on this line, as the docs tables describe it."""

    name: str
    properties: tuple[str, ...]
    type: str
    requirement: str
    description: str
    description_md: str
    source: str
    line: str
    providers: tuple[str, ...] = PROVIDERS
    lines: tuple[str, ...] = LINES
    enum: tuple[str, ...] = ()
    default_values: tuple[Default, ...] = ()
    aliases: tuple[Spelling, ...] = ()
    profiles: tuple[str, ...] = ()
    example: str | None = None
    family: bool = False  # an open family of names such as LOGGING_LEVEL_<LOGGER>

    @property
    def spring_property(self) -> str:
        """The Spring property it binds to (the first, when several readers read the setting)."""
        return self.properties[0] if self.properties else ""

    @property
    def readers(self) -> tuple[Reader, ...]:
        return tuple(Reader.of(p) for p in self.properties)

    @property
    def required(self) -> bool:
        return self.requirement == "required"

    @property
    def secret(self) -> bool:
        return self.type == "secret"

    @cached_property
    def _value_pattern(self) -> tuple[str, str] | None:
        return value_pattern(self.type, self.line, self.enum)

    @property
    def pattern(self) -> str | None:
        """The regular expression a valid value matches (the very one the editor schemas carry)."""
        found = self._value_pattern
        return found[0] if found else None

    @property
    def pattern_message(self) -> str:
        found = self._value_pattern
        return found[1] if found else ""

    def defaults(self, active: Iterable[str] = ()) -> tuple[str, ...]:
        """Default values that apply with the active profiles, most specific first."""
        chosen = set(active)
        by_profile = [d.value for d in self.default_values if d.profiles and chosen.intersection(d.profiles)]
        plain = [d.value for d in self.default_values if not d.profiles]
        return tuple(by_profile + plain)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"name": self.name, "properties": list(self.properties), "type": self.type}
        out["requirement"] = self.requirement
        if self.enum:
            out["enum"] = list(self.enum)
        if self.default_values:
            out["defaults"] = [_default_json(d) for d in self.default_values]
        if self.aliases:
            out["aliases"] = [{"name": a.name, "partial": True} if a.partial else {"name": a.name} for a in self.aliases]
        if self.profiles:
            out["profiles"] = list(self.profiles)
        out["providers"] = list(self.providers)
        out["lines"] = list(self.lines)
        if self.example is not None:
            out["example"] = self.example
        if self.family:
            out["family"] = True
        out["description"] = self.description
        out["description_md"] = self.description_md
        out["source"] = self.source
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any], line: str) -> Setting:
        return cls(
            name=data["name"],
            properties=tuple(data["properties"]),
            type=data["type"],
            requirement=data["requirement"],
            description=data["description"],
            description_md=data["description_md"],
            source=data["source"],
            line=line,
            providers=tuple(data["providers"]),
            lines=tuple(data["lines"]),
            enum=tuple(data.get("enum", ())),
            default_values=tuple(
                Default(d["value"], tuple(d.get("profiles", ())), d.get("source", "application"))
                for d in data.get("defaults", ())
            ),
            aliases=tuple(Spelling(a["name"], bool(a.get("partial"))) for a in data.get("aliases", ())),
            profiles=tuple(data.get("profiles", ())),
            example=data.get("example"),
            family=bool(data.get("family")),
        )


def _default_json(d: Default) -> dict[str, object]:
    out: dict[str, object] = {"value": d.value}
    if d.profiles:
        out["profiles"] = list(d.profiles)
    if d.source != "application":
        out["source"] = d.source
    return out


@record(frozen=True, slots=True)
class Profile:
    """A Spring profile name on this line and what activating it does."""

    name: str
    role: str  # storage, controllers, security, tls, development, benchmark, defaults, none
    provider: str | None = None
    effect: str = ""
    caveat: str = ""


@record(frozen=True, slots=True)
class Override:
    """``by`` replaces what ``setting`` gave when one of ``profiles`` is active (or always)."""

    setting: str
    by: str
    profiles: tuple[str, ...] = ()
    providers: tuple[str, ...] = PROVIDERS


@record(frozen=True, slots=True)
class Unbound:
    """A name that binds nothing on this line, and what to write instead."""

    name: str
    use_instead: tuple[str, ...] = ()
    why: str = ""
    respelling: bool = False  # renaming to the single replacement keeps the meaning
    family: bool = False


@record(frozen=True, slots=True)
class Foreign:
    """A name read by something other than Spring (the JVM, the image's shell)."""

    name: str
    read_by: str


@record(frozen=True, slots=True)
class Elsewhere:
    """A setting name this line does not read with some provider: who does."""

    name: str
    lines: tuple[str, ...]
    providers: tuple[str, ...]


@record(frozen=True)
class Catalogue:
    """Everything score-lint knows about one Score line."""

    line: str
    settings: tuple[Setting, ...]
    profiles: tuple[Profile, ...] = ()
    documents: tuple[str, ...] = ()  # the profile documents of application.yml, in file order
    # Which value wins when several active profiles set a property: the profile listed last
    # (Spring Boot 2.1) or the document that comes last in the file (Boot 2.6).
    precedence: str = "last-document"
    overrides: tuple[Override, ...] = ()
    unbound: tuple[Unbound, ...] = ()
    foreign: tuple[Foreign, ...] = ()
    elsewhere: tuple[Elsewhere, ...] = ()

    def for_provider(self, provider: str) -> tuple[Setting, ...]:
        return tuple(s for s in self.settings if provider in s.providers)

    def to_json(self) -> dict[str, object]:
        return {
            "version": DATA_VERSION,
            "line": self.line,
            "documents": list(self.documents),
            "precedence": self.precedence,
            "profiles": [
                {"name": p.name, "role": p.role, "provider": p.provider, "effect": p.effect}
                | ({"caveat": p.caveat} if p.caveat else {})
                for p in self.profiles
            ],
            "settings": [s.to_json() for s in self.settings],
            "overrides": [
                {"setting": o.setting, "by": o.by, "profiles": list(o.profiles), "providers": list(o.providers)}
                for o in self.overrides
            ],
            "unbound": [
                {"name": u.name, "use_instead": list(u.use_instead), "why": u.why}
                | ({"respelling": True} if u.respelling else {})
                | ({"family": True} if u.family else {})
                for u in self.unbound
            ],
            "foreign": [{"name": f.name, "read_by": f.read_by} for f in self.foreign],
            "elsewhere": [{"name": e.name, "lines": list(e.lines), "providers": list(e.providers)} for e in self.elsewhere],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Catalogue:
        line = data["line"]
        return cls(
            line=line,
            settings=tuple(Setting.from_json(s, line) for s in data["settings"]),
            profiles=tuple(
                Profile(p["name"], p["role"], p.get("provider"), p.get("effect", ""), p.get("caveat", ""))
                for p in data.get("profiles", ())
            ),
            documents=tuple(data.get("documents", ())),
            precedence=data.get("precedence", "last-document"),
            overrides=tuple(
                Override(o["setting"], o["by"], tuple(o.get("profiles", ())), tuple(o.get("providers", PROVIDERS)))
                for o in data.get("overrides", ())
            ),
            unbound=tuple(
                Unbound(u["name"], tuple(u.get("use_instead", ())), u.get("why", ""), bool(u.get("respelling")),
                        bool(u.get("family")))
                for u in data.get("unbound", ())
            ),
            foreign=tuple(Foreign(f["name"], f["read_by"]) for f in data.get("foreign", ())),
            elsewhere=tuple(
                Elsewhere(e["name"], tuple(e["lines"]), tuple(e["providers"])) for e in data.get("elsewhere", ())
            ),
        )

    def dumps(self) -> str:
        """Deterministic bytes for the committed data file."""
        import json  # the build and the tests write and read the JSON; a lint loads the module

        return json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n"

    def module_source(self) -> str:
        """The text of ``schema/catalogue_<line>.py``: ``to_json()`` as one Python literal, a setting a
        line. ``repr`` of dicts, lists, strings, numbers, booleans and None is the same on every Python."""
        data = self.to_json()
        rows = []
        for key, value in data.items():
            if isinstance(value, list) and value:
                items = "".join(f"        {item!r},\n" for item in value)
                rows.append(f"    {key!r}: [\n{items}    ],\n")
            else:
                rows.append(f"    {key!r}: {value!r},\n")
        return (
            f'"""The catalogue of Score {self.line}: the data of {self.line}/{FILENAME} as a Python literal, written by\n'
            '``score-lint schema build``. The linter loads it from its .pyc, without the json module."""\n\n'
            "DATA = {\n" + "".join(rows) + "}\n"
        )


def module_name(line: str) -> str:
    """``5.11`` -> ``catalogue_5_11``: the generated module of a line's catalogue, in ``score_lint.schema``."""
    return "catalogue_" + "".join(c if c.isascii() and c.isalnum() else "_" for c in line)


@cache
def load(line: str) -> Catalogue:
    """The bundled catalogue of one Score line, from its generated module (the same data as its JSON)."""
    if line not in LINES:
        raise CatalogueNotFound(f"unknown Score line {line!r} (known: {', '.join(LINES)})")
    name = f"score_lint.schema.{module_name(line)}"
    try:
        data = __import__(name, fromlist=["DATA"]).DATA
    except (ImportError, AttributeError) as exc:
        raise CatalogueNotFound(f"{name}: {exc}") from None
    return _checked(data, name)


def read(path: Path) -> Catalogue:
    import json  # the JSON file is read by the build, the docs and the tests; a lint loads the module

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueNotFound(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise CatalogueNotFound(f"{path}: not a catalogue ({exc})") from None
    return _checked(data, str(path))


def _checked(data: object, where: str) -> Catalogue:
    if not isinstance(data, dict) or data.get("version") != DATA_VERSION:
        raise CatalogueNotFound(f"{where}: not a catalogue of version {DATA_VERSION}")
    return Catalogue.from_json(data)
