"""The run plan: from what the user asked to what each file is checked against.

The command line and the language server both describe a run as a ``Request`` (the flags, nothing of
Click or LSP in it). A ``Planner`` turns it into one ``Plan`` per file: the configuration file that
applies (searched once per folder), the lint ``Options``, the binding models (the bundled ones, or
those compiled from a ``docs`` tree, once per tree) and the severity that fails the run. The lint, fix
and compose runs below are what the commands call.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence

TYPE_CHECKING = False  # typing's own flag, without importing typing on the lint path

from score_lint import config, effective, envfile
from score_lint.binding import Model, line_models
from score_lint.inputs import Input, yaml_kind
from score_lint.effective import Effective
from score_lint.findings import InputError, Result, Severity, Streamed
from score_lint.lines import LINES, PROVIDERS
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes, lint_env, lint_path, lint_stream
from score_lint.lint.secrets import masked_source, value_test
from score_lint.paths import absolute, resolved
from score_lint.records import field, record

if TYPE_CHECKING:  # only for annotations: the fixer and the YAML readers are imported when needed
    from pathlib import Path

    from _typeshed import StrPath

    from score_lint.compose import Inspection
    from score_lint.fixer import Outcome
    from score_lint.kubernetes import Inspection as KubernetesInspection

Models = Mapping[str, Mapping[str, Model]]


@record(frozen=True)
class Request:
    """What the user asked for; ``None`` means "the configuration file or the default decides"."""

    line: str | None = None
    dialect: str | None = None
    provider: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_level: str | None = None
    docs: StrPath | None = None
    config_file: StrPath | None = None
    isolated: bool = False

    def flags(self) -> dict[str, object]:
        return {
            "score_version": self.line, "dialect": self.dialect, "provider": self.provider,
            "select": self.select, "ignore": self.ignore, "fail_level": self.fail_level, "docs": self.docs,
        }


@record(frozen=True)
class Plan:
    """How one file is checked."""

    path: StrPath
    config: config.Config
    options: Options
    models: Models | None
    fail_severity: Severity


@record
class Planner:
    """Plans for the files of one run (or one language-server session); caches what files share."""

    request: Request = field(default_factory=Request)
    _by_folder: dict[str, config.Config] = field(default_factory=dict)
    _models: dict[str, Models] = field(default_factory=dict)
    _parents: dict[str, str] = field(default_factory=dict)  # a folder as named -> resolved

    def config_for(self, path: StrPath | None) -> config.Config:
        """The configuration of ``path`` merged with the request; one search per folder."""
        request = self.request
        if path is None:
            return config.Config().merged(**request.flags())
        # One configuration search per folder, not per file: a call may name thousands of files.
        folder = self._folder_of(path)
        if os.path.isdir(path) or folder not in self._by_folder:
            self._by_folder[folder] = config.resolve(path, request.flags(), request.config_file, request.isolated)
        return self._by_folder[folder]

    def _folder_of(self, path: StrPath) -> str:
        """The resolved folder of ``path`` (the folder of what a symlink points to), resolved once per
        folder named: resolving walks every component of the path, for each of a thousand files."""
        name = os.fspath(path)
        try:
            head, tail = os.path.split(name)
            if tail in ("", ".", "..") or os.path.islink(name):
                return os.path.dirname(resolved(name))
            head = head or "."
            folder = self._parents.get(head)
            if folder is None:
                folder = self._parents[head] = resolved(head)
            return folder
        except (OSError, RuntimeError, ValueError):  # a loop or a name too long: the file's reader says so
            return os.path.dirname(absolute(name))

    def describe_config(self, path: StrPath) -> str:
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
        if not config.stops_search(searched[-1]):
            return f"no configuration file (searched {searched[0]} only: it is in no repository and not under your home)"
        return f"no configuration file (searched {searched[0]} up to {searched[-1]})"

    def models_for(self, cfg: config.Config) -> Models | None:
        if cfg.docs is None:
            return None
        if cfg.docs not in self._models:
            self._models[cfg.docs] = models_from_docs(cfg.docs)
        return self._models[cfg.docs]

    def plan(self, path: StrPath | None) -> Plan:
        cfg = self.config_for(path)
        return Plan(path or "<buffer>", cfg, cfg.options(), self.models_for(cfg), cfg.fail_severity)


def lint_files(planner: Planner, paths: Sequence[Path]) -> list[tuple[Result, Severity]]:
    """Each file's result and the severity that fails it."""
    out = []
    for path in paths:
        plan = planner.plan(path)
        out.append((lint_path(path, plan.options, plan.models), plan.fail_severity))
    return out


@record(frozen=True)
class Linted:
    """One input's result, the severity that fails it, and (when asked) the lines a report may show."""

    result: Result
    fail_severity: Severity
    source: dict[int, str] | None = None


_OTHER_COMMAND = {
    "compose": ("a docker compose file", "compose"),
    "k8s": ("a Kubernetes manifest", "k8s"),
}


def refuse_yaml(name: str, data: bytes) -> None:
    """A compose or Kubernetes YAML file is not an env file: say which command reads it."""
    kind = yaml_kind(name, data)
    if kind is not None:
        what, command = _OTHER_COMMAND[kind]
        raise InputError(f"{name}: this is {what}, not an env file; lint it with `score-lint {command} {name}`")


def _model(plan: Plan, result: Result) -> Model:
    if plan.models is not None:
        return plan.models[plan.options.line][result.provider]
    return line_models(plan.options.line)[result.provider]


def lint_input(planner: Planner, item: Input, source: bool = False) -> Linted:
    """Lint one file or standard input; ``source`` keeps the lines of its findings, secrets masked."""
    ready = ready_input(planner, item)
    plan = ready.plan
    env = envfile.parse(ready.data, plan.options.dialect, path=_name(item))
    del ready
    result = lint_env(env, plan.options, plan.models)
    lines = None
    if source:
        lines = masked_source(env, value_test(plan.models), {f.line for f in result.findings if f.line is not None})
    return Linted(result, plan.fail_severity, lines)


@record(frozen=True)
class Ready:
    """An input read and checked, not linted yet: whatever can stop it from being linted (a configuration
    file refused, the file unreadable, too large, binary or YAML) has been found out already."""

    item: Input
    plan: Plan
    data: bytes


def ready_input(planner: Planner, item: Input) -> Ready:
    """Plan, read and check one input: an ``InputError`` names what stops it from being linted."""
    plan = planner.plan(item.path)
    return Ready(item, plan, _checked_data(item))


def _checked_data(item: Input) -> bytes:
    """The input's bytes, once they are known to be an env file's (not missing, too large, binary or YAML)."""
    try:
        data = envfile.read_data(item.path) if item.data is None else item.data
        envfile.check(data, _name(item))
    except envfile.EnvFileError as exc:
        raise InputError(str(exc)) from None
    refuse_yaml(item.name, data)
    return data


def _name(item: Input) -> str:
    """The name an input's messages and findings carry: standard input's own, a file's path."""
    return item.name if item.data is not None else os.fspath(item.path)


class Streaming:
    """The lint of inputs made ready beforehand, a file at a time while the report reads it: a file's
    findings are made as they are written and are not held, and a file's text is let go once it has been
    reported. ``failing`` is known once the report is complete."""

    def __init__(self, ready: list[Ready]) -> None:
        # The list is taken over (reversed, then popped from the end), so that a caller who still holds it
        # holds no file once it has been linted.
        ready.reverse()
        self._ready = ready
        self._done: list[tuple[Streamed, Severity]] = []

    def results(self) -> Iterator[Streamed]:
        while self._ready:
            ready = self._ready.pop()
            item, plan = ready.item, ready.plan
            env = envfile.parse(ready.data, plan.options.dialect, path=_name(item))
            del ready
            streamed = lint_stream(env, plan.options, plan.models)
            del env
            self._done.append((streamed, plan.fail_severity))
            yield streamed

    @property
    def failing(self) -> bool:
        """Whether a finding fails the run (each file by its own fail level)."""
        return any(streamed.worst >= severity.rank for streamed, severity in self._done)


def fix_input(planner: Planner, item: Input, write: bool) -> Outcome:
    """The safe fixes of one input, written in place when ``write`` (never for standard input)."""
    # Imported here for start-up time: it pulls in difflib and tempfile, which plain linting never needs.
    from score_lint import fixer

    plan = planner.plan(item.path)
    _checked_data(item)  # the same input errors as linting (missing, binary, YAML, ...)
    if item.data is not None:
        return fixer.fix_bytes(item.data, item.name, plan.options, plan.models)
    return fixer.fix_path(item.path, plan.options, plan.models, write=write)


def lint_text(planner: Planner, data: bytes, path: str | None) -> tuple[Result, Model]:
    """Lint a buffer (the language server's documents); also returns the model it was judged by."""
    plan = planner.plan(path)
    result = lint_bytes(data, path or "<buffer>", plan.options, plan.models)
    return result, _model(plan, result)


def explain_file(planner: Planner, path: Path) -> Effective:
    """The effective configuration of one file, read as its plan says (line, dialect, provider)."""
    plan = planner.plan(path)
    env = envfile.read(path, plan.options.dialect)
    models = plan.models[plan.options.line] if plan.models is not None else line_models(plan.options.line)
    return effective.resolve(env, models, plan.options.provider)


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
    planner: Planner, paths: Sequence[Path], images: Sequence[str] = (), services: Sequence[str] = ()
) -> tuple[list[tuple[Result, Severity]], list[Inspection]]:
    """The Score server services of each compose file; also what was made of every service of each file."""
    # Imported here for start-up time: PyYAML is only needed for compose files.
    from score_lint import compose

    results: list[tuple[Result, Severity]] = []
    inspections: list[Inspection] = []
    for path in paths:
        plan = planner.plan(path)
        lookup = compose.project_environment(path.parent)
        inspection = compose.inspect(path, images, lookup, services)
        inspections.append(inspection)
        for service in inspection.servers:
            found = compose.lint_service(path, service, plan.options, plan.models, lookup, inspection.source)
            results.extend((r, plan.fail_severity) for r in found)
    return results, inspections


def lint_manifests(
    planner: Planner, paths: Sequence[Path], images: Sequence[str] = (), containers: Sequence[str] = ()
) -> tuple[list[tuple[Result, Severity]], list[KubernetesInspection]]:
    """The Score server containers of each Kubernetes manifest (``-``: standard input), each judged by the
    Score line its image tag names unless the request gives one."""
    # Imported here for start-up time: PyYAML is only needed for manifests.
    from score_lint import kubernetes
    from score_lint.envfile import kubernetes as manifest
    from score_lint.envfile.yamlnodes import read_text

    results: list[tuple[Result, Severity]] = []
    inspections: list[KubernetesInspection] = []
    for path in paths:
        stdin = str(path) == "-"
        # Standard input is configured like a file of the working folder.
        plan = planner.plan(os.path.join(os.getcwd(), kubernetes.STDIN_NAME) if stdin else path)
        text = read_text(path, manifest.ManifestError)
        name = kubernetes.STDIN_NAME if stdin else str(path)
        inspection = kubernetes.inspect(name, text, images, containers, planner.request.line, plan.options.line)
        inspections.append(inspection)
        for judged in inspection.servers:
            results.append((kubernetes.lint_container(inspection, judged, plan.options, plan.models), plan.fail_severity))
    return results, inspections


def models_from_docs(folder: StrPath) -> dict[str, dict[str, Model]]:
    """Binding models compiled in memory from another docs tree (imports the Markdown layer)."""
    # Imported here for start-up time: only --docs needs pathlib, the Markdown layer and the compiler.
    from pathlib import Path
    from score_lint import markdown
    from score_lint.catalogue import compile as compiler
    from score_lint.catalogue import tables

    docs_dir = Path(folder)
    if not docs_dir.exists():
        raise InputError(f"{docs_dir}: no such docs folder")
    try:
        docs = tables.load_docs([docs_dir], root=docs_dir)
    except markdown.MarkdownError as exc:
        raise InputError(str(exc)) from exc
    catalogues = compiler.catalogues(docs)
    return {line: {provider: Model(catalogues[line], provider) for provider in PROVIDERS} for line in LINES}
