"""The run plan: from what the user asked to what each file is checked against.

The command line and the language server both describe a run as a ``Request`` (the flags, nothing of
Click or LSP in it). A ``Planner`` turns it into one ``Plan`` per file: the configuration file that
applies (searched once per folder), the lint ``Options``, the binding models (the bundled ones, or
those compiled from a ``docs`` tree, once per tree) and the severity that fails the run. The lint, fix
and compose runs below are what the commands call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from score_lint import config
from score_lint.binding import Model, line_models
from score_lint.findings import InputError, Result, Severity
from score_lint.lines import LINES, PROVIDERS
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes, lint_path

if TYPE_CHECKING:  # only for annotations: the fixer is imported when a fix is asked for
    from score_lint.fixer import Outcome

Models = Mapping[str, Mapping[str, Model]]


@dataclass(frozen=True)
class Request:
    """What the user asked for; ``None`` means "the configuration file or the default decides"."""

    line: str | None = None
    dialect: str | None = None
    provider: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_level: str | None = None
    docs: Path | None = None
    config_file: Path | None = None
    isolated: bool = False

    def flags(self) -> dict[str, object]:
        return {
            "score_version": self.line, "dialect": self.dialect, "provider": self.provider,
            "select": self.select, "ignore": self.ignore, "fail_level": self.fail_level, "docs": self.docs,
        }


@dataclass(frozen=True)
class Plan:
    """How one file is checked."""

    path: Path
    config: config.Config
    options: Options
    models: Models | None
    fail_severity: Severity


@dataclass
class Planner:
    """Plans for the files of one run (or one language-server session); caches what files share."""

    request: Request = field(default_factory=Request)
    _by_folder: dict[Path, config.Config] = field(default_factory=dict)
    _models: dict[Path, Models] = field(default_factory=dict)

    def config_for(self, path: Path | None) -> config.Config:
        """The configuration of ``path`` merged with the request; one search per folder."""
        request = self.request
        if path is None:
            return config.Config().merged(**request.flags())
        # One configuration search per folder, not per file: a call may name thousands of files.
        try:
            folder = path.resolve().parent
        except (OSError, RuntimeError):  # a symlink loop or a name too long: the file's reader says so
            folder = path.absolute().parent
        if path.is_dir() or folder not in self._by_folder:
            self._by_folder[folder] = config.resolve(path, request.flags(), request.config_file, request.isolated)
        return self._by_folder[folder]

    def describe_config(self, path: Path) -> str:
        """Which configuration file applies to ``path``, and why (for ``--verbose``)."""
        request = self.request
        if request.isolated:
            return "no configuration file (--isolated)"
        source = self.config_for(path).source
        if request.config_file is not None:
            return f"configuration {source} (--config)"
        if source is not None:
            return f"configuration {source}"
        searched = config.search_folders(path)
        return f"no configuration file (searched {searched[0]} up to {searched[-1]})"

    def models_for(self, cfg: config.Config) -> Models | None:
        if cfg.docs is None:
            return None
        if cfg.docs not in self._models:
            self._models[cfg.docs] = models_from_docs(cfg.docs)
        return self._models[cfg.docs]

    def plan(self, path: Path | None) -> Plan:
        cfg = self.config_for(path)
        return Plan(path or Path("<buffer>"), cfg, cfg.options(), self.models_for(cfg), cfg.fail_severity)


def lint_files(planner: Planner, paths: Sequence[Path]) -> list[tuple[Result, Severity]]:
    """Each file's result and the severity that fails it."""
    out = []
    for path in paths:
        plan = planner.plan(path)
        out.append((lint_path(path, plan.options, plan.models), plan.fail_severity))
    return out


def lint_text(planner: Planner, data: bytes, path: str | None) -> tuple[Result, Model]:
    """Lint a buffer (the language server's documents); also returns the model it was judged by."""
    plan = planner.plan(Path(path) if path is not None else None)
    result = lint_bytes(data, path or "<buffer>", plan.options, plan.models)
    if plan.models is not None:
        return result, plan.models[plan.options.line][result.provider]
    return result, line_models(plan.options.line)[result.provider]


def fix_files(planner: Planner, paths: Sequence[Path], write: bool) -> list[tuple[Path, Outcome | InputError]]:
    """The safe fixes of every file, applied in place when ``write``, else only computed (``--diff``).

    A file that cannot be fixed (unreadable, refused, read-only, changed meanwhile) does not stop the
    others: its place in the list holds the error instead of an outcome.
    """
    # Imported here for start-up time: it pulls in difflib and tempfile, which plain linting never needs.
    from score_lint import envfile, fixer

    out: list[tuple[Path, Outcome | InputError]] = []
    for path in paths:
        try:
            plan = planner.plan(path)
            out.append((path, fixer.fix_path(path, plan.options, plan.models, write=write)))
        except envfile.EnvFileError as exc:
            out.append((path, InputError(str(exc))))
        except InputError as exc:
            out.append((path, exc))
        except OSError as exc:
            out.append((path, InputError(f"{exc.filename or path}: {exc.strerror or exc}")))
    return out


def lint_compose_files(
    planner: Planner, paths: Sequence[Path], images: Sequence[str]
) -> tuple[list[tuple[Result, Severity]], list[Path]]:
    """The Score services of each compose file; also the files in which none was found."""
    # Imported here for start-up time: PyYAML is only needed for compose files.
    from score_lint import compose

    results: list[tuple[Result, Severity]] = []
    empty: list[Path] = []
    for path in paths:
        plan = planner.plan(path)
        found = compose.lint_compose(path, plan.options, plan.models, images or compose.DEFAULT_IMAGES)
        if not found:
            empty.append(path)
        results.extend((r, plan.fail_severity) for r in found)
    return results, empty


def models_from_docs(docs_dir: Path) -> dict[str, dict[str, Model]]:
    """Binding models compiled in memory from another docs tree (imports the Markdown layer)."""
    # Imported here for start-up time: only --docs needs the Markdown layer and the compiler.
    from score_lint import markdown, schemagen

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
