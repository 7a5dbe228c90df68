"""Spring Boot's relaxed binding of environment variables, and what a name means to one Score line.

Two halves: ``env_spellings`` derives from a Spring property the environment names that bind to it
(used to cross-check the docs' "Also binds" column), and ``Model`` answers, from a compiled schema,
what a given environment name does on one Score line with one storage provider.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from score_lint.findings import InputError
from score_lint.lines import LINES, PROVIDERS


def env_spellings(prop: str) -> tuple[str, ...]:
    """The environment names that bind to ``prop`` as Score declares it.

    A camelCase ``@Value`` placeholder is not a valid configuration property name, so only the raw
    system-environment lookup applies: the exact name upper-cased with ``.`` and ``-`` as ``_``. A
    kebab-case name has a canonical form (dashes removed) and a legacy one (dashes as ``_``).
    """
    if any(ch.isupper() for ch in prop):
        return (prop.replace(".", "_").replace("-", "_").upper(),)
    elements = prop.split(".")
    canonical = "_".join(e.replace("-", "") for e in elements).upper()
    legacy = "_".join(e.replace("-", "_") for e in elements).upper()
    return (canonical,) if canonical == legacy else (canonical, legacy)


class Kind(Enum):
    CANONICAL = "canonical"  # the documented spelling
    ALIAS = "alias"  # another spelling that binds fully
    PARTIAL = "partial"  # binds for some readers of the property only
    PATTERN = "pattern"  # a member of an open family such as LOGGING_LEVEL_<LOGGER>
    OTHER_LINE = "other-line"  # read by another Score line, not this one
    OTHER_PROVIDER = "other-provider"  # read with the other storage provider only
    UNBOUND = "unbound"  # documented as binding nothing (with what to use instead)
    FOREIGN = "foreign"  # read by something other than Spring (the JVM)
    SPRING = "spring"  # looks like a Spring Boot setting score-lint does not document
    UNKNOWN = "unknown"  # binds nothing Score reads


_SPRING_PREFIXES = ("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_")


@dataclass(frozen=True)
class Resolution:
    """What one environment name does on one Score line."""

    name: str
    kind: Kind
    canonical: str | None = None  # the setting it binds to (or the one to use instead)
    suggestions: tuple[str, ...] = ()
    reason: str = ""
    lines: tuple[str, ...] = ()  # for OTHER_LINE: the lines that read it
    providers: tuple[str, ...] = ()
    respelling: bool = False  # renaming to ``canonical`` keeps the meaning (safe to autofix)

    @property
    def binds(self) -> bool:
        return self.kind in (Kind.CANONICAL, Kind.ALIAS, Kind.PARTIAL, Kind.PATTERN)


class SchemaNotFound(Exception):
    pass


@cache
def _bundled(line: str, provider: str) -> dict[str, Any]:
    name = f"score-{provider}.schema.json"
    # The package folder itself, not importlib.resources: that import alone costs a tenth of a lint.
    import score_lint.schema

    folder = Path(score_lint.schema.__file__).parent
    try:
        text = (folder / line / name).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise SchemaNotFound(f"no bundled schema {line}/{name}") from exc
    data: dict[str, Any] = json.loads(text)
    return data


def load_schema(line: str, provider: str, schema_dir: Path | None = None) -> dict[str, Any]:
    if line not in LINES or provider not in PROVIDERS:
        raise SchemaNotFound(f"unknown Score line or provider: {line} {provider}")
    if schema_dir is None:
        return _bundled(line, provider)
    path = schema_dir / line / f"score-{provider}.schema.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaNotFound(f"{path}: {exc.strerror or exc}") from exc
    return data


@dataclass(frozen=True)
class Setting:
    """A setting as one compiled schema describes it."""

    name: str
    schema: Mapping[str, Any]

    # Cached: rules ask for these once per entry, and a run asks for the same few settings again and again.
    @cached_property
    def meta(self) -> Mapping[str, Any]:
        value: Mapping[str, Any] = self.schema.get("x-score", {})
        return value

    @cached_property
    def type(self) -> str:
        return str(self.meta.get("type", "string"))

    @property
    def enum(self) -> tuple[str, ...]:
        return tuple(self.meta.get("enum", ()))

    @cached_property
    def required(self) -> bool:
        return self.meta.get("requirement") == "required"

    @property
    def profiles(self) -> tuple[str, ...]:
        return tuple(self.meta.get("profiles", ()))

    @property
    def spring_property(self) -> str:
        return str(self.meta.get("property", ""))

    @property
    def secret(self) -> bool:
        return bool(self.schema.get("writeOnly"))

    @property
    def description(self) -> str:
        return str(self.schema.get("description", ""))

    @property
    def pattern(self) -> str | None:
        value = self.schema.get("pattern")
        return str(value) if value else None

    @property
    def pattern_message(self) -> str:
        return str(self.schema.get("patternErrorMessage", ""))

    def defaults(self, active: frozenset[str]) -> tuple[str, ...]:
        """Default values that apply with the active profiles, most specific first."""
        found_profile, found_plain = [], []
        for item in self.meta.get("defaults", ()):
            profiles = item.get("profiles", ())
            if not profiles:
                found_plain.append(item["value"])
            elif active.intersection(profiles):
                found_profile.append(item["value"])
        return tuple(found_profile + found_plain)


class Model:
    """The binding knowledge of one Score line and storage provider, read from its schema."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema
        meta = schema.get("x-score", {})
        self.line: str = meta.get("line", "")
        self.provider: str = meta.get("provider", "")
        self.settings: dict[str, Setting] = {}
        self.aliases: dict[str, tuple[str, bool]] = {}
        for name, sub in schema.get("properties", {}).items():
            extra = sub.get("x-score", {})
            if "canonical" in extra:
                self.aliases[name.upper()] = (extra["canonical"], bool(extra.get("partial")))
            else:
                self.settings[name.upper()] = Setting(name, sub)
        self.patterns = [
            (re.compile(pattern, re.IGNORECASE), Setting(pattern, sub))
            for pattern, sub in schema.get("patternProperties", {}).items()
        ]
        self.unbound: dict[str, Mapping[str, Any]] = {}
        self.unbound_patterns: list[tuple[re.Pattern[str], Mapping[str, Any]]] = []
        for item in meta.get("unbound", ()):
            if "pattern" in item:
                self.unbound_patterns.append((re.compile(item["pattern"], re.IGNORECASE), item))
            else:
                self.unbound.setdefault(item["name"].upper(), item)
        self.foreign = {item["name"].upper(): item for item in meta.get("foreign", ())}
        self.elsewhere = {name.upper(): (name, info) for name, info in meta.get("elsewhere", {}).items()}
        self.profiles: list[Mapping[str, Any]] = list(meta.get("profiles", ()))
        self.overrides: list[Mapping[str, Any]] = list(meta.get("overrides", ()))
        self._squashed = {name.replace("_", ""): s.name for name, s in self.settings.items()}
        self._memo: dict[str, Resolution] = {}

    @classmethod
    def load(cls, line: str, provider: str, schema_dir: Path | None = None) -> Model:
        return cls(load_schema(line, provider, schema_dir))

    def setting(self, name: str) -> Setting | None:
        upper = name.upper()
        found = self.settings.get(upper)
        if found is not None:
            return found
        if upper in self.aliases:
            return self.settings.get(self.aliases[upper][0].upper())
        for regex, setting in self.patterns:
            if regex.match(upper):
                return setting
        return None

    def suggest(self, name: str) -> tuple[str, ...]:
        """Settings this line reads that ``name`` was probably meant to be."""
        upper = name.upper()
        squashed = self._squashed.get(upper.replace("_", ""))
        if squashed:
            return (squashed,)
        import difflib  # only for a name that binds nothing

        close = difflib.get_close_matches(upper, list(self.settings), n=1, cutoff=0.85)
        return tuple(self.settings[c].name for c in close)

    def resolve(self, name: str) -> Resolution:
        # Memoised per model: one run lints many files (and big files) with the same few dozen names.
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = self._resolve(name)
        return found

    def _resolve(self, name: str) -> Resolution:
        upper = name.upper()
        if upper in self.settings:
            return Resolution(name, Kind.CANONICAL, self.settings[upper].name)
        if upper in self.aliases:
            canonical, partial = self.aliases[upper]
            return Resolution(name, Kind.PARTIAL if partial else Kind.ALIAS, canonical)
        for regex, setting in self.patterns:
            if regex.match(upper):
                return Resolution(name, Kind.PATTERN, setting.name)
        if upper in self.unbound or any(r.match(upper) for r, _ in self.unbound_patterns):
            item = self.unbound.get(upper) or next(i for r, i in self.unbound_patterns if r.match(upper))
            use = tuple(item.get("use_instead", ()))
            single = use[0] if len(use) == 1 else None
            return Resolution(
                name, Kind.UNBOUND, single, use, item.get("why", ""), respelling=bool(item.get("respelling"))
            )
        if upper in self.elsewhere:
            canonical, info = self.elsewhere[upper]
            lines = tuple(info.get("lines", ()))
            providers = tuple(info.get("providers", ()))
            if self.line not in lines:
                return Resolution(name, Kind.OTHER_LINE, canonical, self.suggest(name), lines=lines, providers=providers)
            return Resolution(name, Kind.OTHER_PROVIDER, canonical, lines=lines, providers=providers)
        if upper in self.foreign:
            return Resolution(name, Kind.FOREIGN, reason=self.foreign[upper].get("read_by", ""))
        suggestions = self.suggest(name)
        if not suggestions and upper.startswith(_SPRING_PREFIXES):
            return Resolution(name, Kind.SPRING)
        # Only a name equal to the suggestion but for '_' is surely the same setting misspelt.
        same = bool(suggestions) and suggestions[0].replace("_", "") == upper.replace("_", "")
        return Resolution(name, Kind.UNKNOWN, suggestions=suggestions, respelling=same)

    # --- profiles -----------------------------------------------------------------------------

    def profile_rows(self, name: str) -> list[Mapping[str, Any]]:
        return [p for p in self.profiles if p["name"] == name]

    def storage_profiles(self) -> dict[str, str]:
        """Storage profile name -> provider, for this line."""
        return {p["name"]: p["provider"] for p in self.profiles if p["role"] == "storage"}

    def controller_profiles(self) -> tuple[str, ...]:
        return tuple(p["name"] for p in self.profiles if p["role"] == "controllers")

    def known_profiles(self) -> set[str]:
        return {p["name"] for p in self.profiles}


def parse_profiles(value: str) -> tuple[str, ...]:
    """Spring splits the list on commas and trims each element; empty elements are dropped."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


class _LineModels(Mapping[str, Model]):
    """The bundled models of one Score line, each read on first use: most files need one provider."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._loaded: dict[str, Model] = {}

    def __getitem__(self, provider: str) -> Model:
        found = self._loaded.get(provider)
        if found is None:
            if provider not in PROVIDERS:
                raise KeyError(provider)
            try:
                found = self._loaded[provider] = Model.load(self.line, provider)
            except SchemaNotFound as exc:
                raise InputError(str(exc)) from exc
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(PROVIDERS)

    def __len__(self) -> int:
        return len(PROVIDERS)


@cache
def line_models(line: str) -> Mapping[str, Model]:
    # Cached: one call lints many files against the same line.
    return _LineModels(line)
