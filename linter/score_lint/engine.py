"""Run the rules over one env file and collect findings; never prints.

The engine builds a ``Context`` (the parsed file, the binding model of the chosen Score line and
provider, the active profiles), asks every registered rule for findings, and filters and sorts them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache
from pathlib import Path

from score_lint import envfile
from score_lint.binding import Model, Resolution, SchemaNotFound, infer_provider, parse_profiles
from score_lint.values import PROVIDERS


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``line``'s text from ``start`` to ``end`` (1-based columns, end exclusive).

    ``end == -1`` removes the whole line together with its line ending.
    """

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    line: int | None
    column: int | None
    key: str | None
    message: str
    suggestion: str | None = None
    fix: Fix | None = None


class InputError(Exception):
    """A file that cannot be linted at all (exit 2)."""


@dataclass(frozen=True)
class Options:
    line: str = "5.11"
    dialect: envfile.Dialect = "docker"
    provider: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass
class Context:
    """What a rule may look at. Built once per file."""

    env: envfile.EnvFile
    options: Options
    models: Mapping[str, Model]
    provider: str
    provider_inferred: bool
    # Work shared between rules (computed once per file); it dies with the context, not after the run.
    cache: dict[str, object] = field(default_factory=dict)

    @property
    def line(self) -> str:
        return self.options.line

    @property
    def dialect(self) -> str:
        return self.options.dialect

    @cached_property
    def model(self) -> Model:
        # Cached: rules ask for it hundreds of times per file.
        return self.models[self.provider]

    @cached_property
    def environment(self) -> dict[str, str]:
        return self.env.environment()

    @cached_property
    def upper_environment(self) -> dict[str, str]:
        """The final environment keyed by upper-case name (Spring matches names ignoring case)."""
        out: dict[str, str] = {}
        for key, value in self.environment.items():
            out.setdefault(key.upper(), value)
        return out

    @cached_property
    def profiles(self) -> tuple[str, ...]:
        entry = self.entry_for_setting("SPRING_PROFILES_ACTIVE")
        if entry is None or entry.value is None:
            return ()
        return parse_profiles(entry.value)

    @cached_property
    def active(self) -> frozenset[str]:
        return frozenset(self.profiles)

    def resolve(self, key: str) -> Resolution:
        return self.model.resolve(key)  # memoised by the model, across files

    def entries(self) -> Iterator[envfile.Entry]:
        return iter(self.env.entries)

    @cached_property
    def _entry_by_setting(self) -> dict[str, envfile.Entry]:
        # Built once: rules ask per setting, and a scan per question is quadratic on big files.
        found: dict[str, envfile.Entry] = {}
        last_wins = self.dialect == "compose"
        for e in self.env.entries:
            if e.value is None:
                continue
            res = self.resolve(e.key)
            if res.canonical is not None and res.binds and (last_wins or res.canonical not in found):
                found[res.canonical] = e
        return found

    def entry_for_setting(self, canonical: str) -> envfile.Entry | None:
        """The entry whose value reaches ``canonical`` (first wins for docker, last for compose)."""
        return self._entry_by_setting.get(canonical)

    def is_set(self, canonical: str) -> bool:
        return self.entry_for_setting(canonical) is not None


@dataclass(frozen=True)
class Result:
    path: str
    line: str
    dialect: str
    provider: str
    findings: tuple[Finding, ...]

    @property
    def failing(self) -> bool:
        return any(f.severity is not Severity.INFO for f in self.findings)


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


@lru_cache(maxsize=None)
def _load_models(line: str) -> Mapping[str, Model]:
    # Cached: one call lints many files against the same line.
    return _LineModels(line)


def models_from_docs(docs_dir: Path) -> dict[str, dict[str, Model]]:
    """Binding models compiled in memory from another docs tree (imports the Markdown layer)."""
    from score_lint import markdown, schemagen
    from score_lint.values import LINES

    if not docs_dir.exists():
        raise InputError(f"{docs_dir}: no such docs folder")
    try:
        docs = schemagen.load_docs([docs_dir], root=docs_dir)
    except markdown.MarkdownError as exc:
        raise InputError(str(exc)) from exc
    return {
        line: {provider: Model(schemagen.build_schema(docs, line, provider)) for provider in PROVIDERS}
        for line in LINES
    }


def _selected(code: str, options: Options) -> bool:
    """Longest matching prefix of select/ignore wins; select wins a tie."""
    return _selected_by(code, options.select, options.ignore)


@lru_cache(maxsize=4096)
def _selected_by(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    # Cached: asked once per rule and file, with the same answer for every file of a run.
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return best_select >= best_ignore and best_select >= 0


def lint_env(env: envfile.EnvFile, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Result:
    from score_lint.rules import RULES

    line_models = models[options.line] if models else _load_models(options.line)
    provider, inferred = options.provider, False
    probe = None
    if provider is None:
        probe = Context(env, options, line_models, "s3", False)
        provider = _provider_from(probe) or "s3"
        inferred = True
    if probe is not None and provider == probe.provider:
        probe.provider_inferred = True
        ctx = probe  # keep what the probe already resolved
    else:
        ctx = Context(env, options, line_models, provider, inferred)
    findings = [finding for rule in RULES if _selected(rule.CODE, options) for finding in rule.check(ctx)]
    findings = _unsuppressed(findings, env)
    # By line, column, code: three stable passes build no key tuples (a huge file has one finding a line).
    findings.sort(key=_code_of)
    findings.sort(key=_column_of)
    findings.sort(key=_line_of)
    return Result(env.path, options.line, options.dialect, provider, tuple(findings))


def _unsuppressed(findings: list[Finding], env: envfile.EnvFile) -> list[Finding]:
    """Drop findings silenced by a ``# score-lint: disable=...`` comment on the line before."""
    from score_lint.config import suppressions

    silenced = suppressions(env)
    if not silenced:
        return findings
    return [
        f for f in findings
        if f.line is None or not any(f.code.startswith(p) for p in silenced.get(f.line, ()))
    ]


def _code_of(f: Finding) -> str:
    return f.code


def _column_of(f: Finding) -> int:
    return f.column or 0


def _line_of(f: Finding) -> int:
    return f.line or 0


def _provider_from(ctx: Context) -> str | None:
    storage = ctx.model.storage_profiles()
    for name in ctx.profiles:
        if name in storage:
            return storage[name]
    return None


def lint_bytes(data: bytes, path: str, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Result:
    return lint_env(envfile.parse(data, options.dialect, path=path), options, models)


def lint_path(path: Path, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Result:
    env = envfile.read(path, options.dialect)
    return lint_env(env, options, models)


__all__ = [
    "Context",
    "Edit",
    "Finding",
    "Fix",
    "InputError",
    "Options",
    "Result",
    "Severity",
    "infer_provider",
    "lint_bytes",
    "lint_env",
    "lint_path",
    "models_from_docs",
]
