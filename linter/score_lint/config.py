"""Project configuration and per-line suppression comments.

Configuration lives in ``[tool.score-lint]`` of a ``pyproject.toml`` or at the top level of a
``.score-lint.toml``, found by walking up from the linted file, no further than the repository root (a
folder with ``.git``) or the user's home; outside both, only the file's own folder is searched (in one
folder ``.score-lint.toml`` wins; a ``pyproject.toml`` without the table is passed over).  Unknown
options and wrong types are errors naming the file and the key.  Command-line flags win over the file.

A comment line ``# score-lint: disable=SL101,SL202`` (or ``disable-next-line=``) right before a line
suppresses those codes (or code prefixes) on that line.  It cannot be written on the line itself: under
``docker run --env-file`` an inline comment is part of the value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

# Only the codes: the drift rules themselves load the Markdown layer.
from score_lint.drift import DRIFT_CODES
from score_lint import files, paths
from score_lint.findings import InputError, Severity
from score_lint.lines import DEFAULT_LINE, LINES, PROVIDERS
from score_lint.lint.context import Options
from score_lint.lint.rules import BY_CODE
from score_lint.patterns import lazy
from score_lint.records import record, replace

TYPE_CHECKING = False  # typing's own flag, without importing typing on the lint path
if TYPE_CHECKING:
    from _typeshed import StrPath

FILENAMES = (".score-lint.toml", "pyproject.toml")
DIALECTS = ("docker", "compose")
FAIL_LEVELS = ("info", "warning", "error")
_CODE_PREFIX = lazy(r"SL[0-9]{0,3}\Z")


class ConfigError(InputError):
    """A configuration file that cannot be used (exit 2)."""


@record(frozen=True)
class Config:
    """Settings from one configuration file; ``None`` means "not set here"."""

    source: str | None = None
    score_version: str | None = None
    dialect: str | None = None
    provider: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_level: str | None = None
    docs: str | None = None  # resolved

    def merged(self, **flags: object) -> Config:
        """This config with every flag that is not ``None`` put over it (command-line flags win)."""
        return replace(self, **{k: v for k, v in flags.items() if v is not None})

    def options(self) -> Options:
        return Options(
            line=self.score_version or DEFAULT_LINE,
            dialect=self.dialect or "docker",  # type: ignore[arg-type]
            provider=self.provider,
            select=self.select or (),
            ignore=self.ignore or (),
        )

    @property
    def fail_severity(self) -> Severity:
        return Severity(self.fail_level or "warning")


def _resolved(path: StrPath) -> str:
    try:
        return paths.resolved(path)
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop (RuntimeError before 3.13), NUL, too long
        if isinstance(exc, OSError):
            reason = files.describe_error(exc)
        elif isinstance(exc, ValueError):
            reason = "the path contains a NUL character"
        else:
            reason = "too many levels of symbolic links (a symlink loop?)"
        raise ConfigError(f"{path}: {reason}") from None


def search_folders(start: StrPath) -> tuple[str, ...]:
    """The folders searched for ``start`` (a file or a folder): its own folder, then each parent up to
    the repository root (a folder with a ``.git`` folder or file) or the user's home, whichever comes
    first. Outside any repository and outside home, only its own folder.

    A configuration file above those (a shared ``/work``, ``/home`` or ``/tmp``) could silence every
    finding of a project that never asked for it, so the search does not go there.
    """
    try:
        here = paths.resolved(start)
    except (OSError, RuntimeError):
        here = paths.absolute(start)  # a file that is a symlink loop: its reader says so, its folder is searched
    folder = here if os.path.isdir(here) else _resolved(os.path.dirname(here))
    home = _home()
    out = []
    for candidate in (folder, *paths.parents(folder)):
        out.append(candidate)
        if _stops_search(candidate, home):
            return tuple(out)
    return (folder,)  # up to / no folder is the project's: a file planted in /tmp must not apply


def stops_search(folder: str) -> bool:
    """Whether the search ends at ``folder``: a repository root or the user's home."""
    return _stops_search(folder, _home())


def _stops_search(folder: str, home: str | None) -> bool:
    return folder == home or os.path.lexists(os.path.join(folder, ".git"))


def _home() -> str | None:
    home = os.path.expanduser("~")
    if home.startswith("~"):  # no HOME and no password entry: pathlib's Path.home() gives up too
        return None
    try:
        return paths.resolved(home)
    except (OSError, RuntimeError, ValueError):
        return None


def find(start: StrPath) -> str | None:
    """The configuration file that applies to ``start`` (a file or a folder), walking up (``search_folders``)."""
    for candidate in search_folders(start):
        dotfile = os.path.join(candidate, FILENAMES[0])
        if os.path.isfile(dotfile):
            return dotfile
        pyproject = os.path.join(candidate, FILENAMES[1])
        if os.path.isfile(pyproject) and _has_table(pyproject):
            return pyproject
    return None


# Configuration files are a few hundred bytes.
MAX_CONFIG_BYTES = files.MIB


def _read_toml(path: StrPath) -> dict[str, object]:
    try:
        stat = os.stat(path)
    except (OSError, ValueError) as exc:
        reason = files.describe_error(exc) if isinstance(exc, OSError) else str(exc)
        raise ConfigError(f"{path}: {reason}") from None
    return _parsed_toml(os.fspath(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _config_text(path: str, mtime_ns: int, size: int) -> str:
    # Keyed like _parsed_toml: a pyproject.toml that the substring test cannot pass over is read once.
    return files.read_text(path, MAX_CONFIG_BYTES, "configuration files")


@lru_cache(maxsize=64)
def _parsed_toml(path: str, mtime_ns: int, size: int) -> dict[str, object]:
    # Keyed by mtime and size too: linting 1,000 files of one project reads its pyproject.toml once.
    import tomllib  # only when there is a configuration file to read

    try:
        text = _config_text(path, mtime_ns, size)
    except files.Unreadable as exc:
        raise ConfigError(f"{path}: {exc.reason}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not read: its tables or arrays are nested too deeply") from None


def _has_table(pyproject: str) -> bool:
    try:
        stat = os.stat(pyproject)
    except (OSError, ValueError):
        stat = None  # _read_toml names the problem
    if stat is not None and _cannot_have_table(pyproject, stat.st_mtime_ns, stat.st_size):
        return False
    tool = _read_toml(pyproject).get("tool")
    return isinstance(tool, dict) and "score-lint" in tool


@lru_cache(maxsize=64)
def _cannot_have_table(path: str, mtime_ns: int, size: int) -> bool:
    """True when no reading of the file as TOML has a ``score-lint`` key, so tomllib need not be loaded
    (its import was a fifth of a plain run) for the many pyproject.toml files that configure other tools.

    A TOML key is written as it is (bare, or in a literal or basic string, alone or dotted), except that a
    basic string may spell a character with a ``\\u`` or ``\\U`` escape: a text with neither "score-lint" nor
    such an escape in it has no key ``score-lint``. Such a file is passed over even when it is not valid
    TOML: it is not score-lint's configuration, whatever it was meant to be.
    """
    try:
        text = _config_text(path, mtime_ns, size)
    except files.Unreadable:
        return False  # _read_toml reports it
    return "score-lint" not in text and "\\u" not in text and "\\U" not in text


def load(path: StrPath) -> Config:
    """Read one configuration file strictly."""
    data = _read_toml(path)
    where = "top level"
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("score-lint") if isinstance(tool, dict) else None
        if table is None:
            return Config(source=os.fspath(path))
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.score-lint must be a table")
        data, where = table, "[tool.score-lint]"
    return parse(data, path, where)


def _choice(path: StrPath, key: str, value: object, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ConfigError(f"{path}: {key} must be one of {', '.join(choices)}")
    return value


def known_codes() -> tuple[str, ...]:
    """Every registered rule code: the lint rules and the docs drift rules."""
    return (*BY_CODE, *DRIFT_CODES)


def code_problem(code: str) -> str | None:
    """Why ``code`` cannot be used in select/ignore, or None: it must be a prefix of a rule's code."""
    if not _CODE_PREFIX.match(code):
        return f"{code!r} is not a code prefix (SL, SL1, SL20, SL203)"
    if not any(known.startswith(code) for known in known_codes()):
        return f"{code!r} matches no rule (`score-lint rule --all` lists them)"
    return None


def _codes(path: StrPath, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of code prefixes such as [\"SL1\", \"SL203\"]")
    for code in value:
        problem = code_problem(code)
        if problem is not None:
            raise ConfigError(f"{path}: {key}: {problem}")
    return tuple(value)


def parse(data: Mapping[str, object], path: StrPath, where: str = "top level") -> Config:
    values: dict[str, object] = {"source": os.fspath(path)}
    for key, value in data.items():
        if key == "score-version":
            values["score_version"] = _choice(path, key, value, LINES)
        elif key == "dialect":
            values["dialect"] = _choice(path, key, value, DIALECTS)
        elif key == "provider":
            values["provider"] = _choice(path, key, value, PROVIDERS)
        elif key in ("select", "ignore"):
            values[key] = _codes(path, key, value)
        elif key == "fail-level":
            values["fail_level"] = _choice(path, key, value, FAIL_LEVELS)
        elif key == "docs":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{path}: docs must be a folder path (relative to {os.path.basename(path)})")
            try:
                values["docs"] = _resolved(os.path.join(os.path.dirname(path), value))
            except ConfigError as exc:
                raise ConfigError(f"{path}: docs: {exc}") from None
        else:
            known = ", ".join(("score-version", "dialect", "provider", "select", "ignore", "fail-level", "docs"))
            raise ConfigError(f"{path}: unknown option {key!r} in {where} (known: {known})")
    return Config(**values)  # type: ignore[arg-type]


def for_file(path: StrPath) -> Config:
    """The configuration that applies to one linted file (empty when there is none)."""
    found = find(path)
    return load(found) if found is not None else Config()


def resolve(
    path: StrPath, flags: Mapping[str, object], explicit: StrPath | None = None, isolated: bool = False
) -> Config:
    """The settings for one linted file: its configuration file (or ``explicit``), then the flags."""
    if isolated:
        base = Config()
    elif explicit is not None:
        try:
            files.check_regular(explicit, MAX_CONFIG_BYTES, "configuration files")
        except files.Unreadable as exc:
            reason = "no such configuration file" if exc.reason == "no such file" else exc.reason
            raise ConfigError(f"{explicit}: {reason}") from None
        base = load(explicit)
    else:
        base = for_file(path)
    docs = flags.get("docs")
    if isinstance(docs, (str, os.PathLike)):
        flags = {**flags, "docs": _resolved(docs)}
    return base.merged(**flags)


__all__ = [
    "FILENAMES", "Config", "ConfigError", "code_problem", "find", "for_file", "known_codes", "load", "parse", "resolve",
    "search_folders", "stops_search",
]
