"""Lint the Score server services of a docker-compose file.

Which services are Score servers (``recognise``): a service whose ``image`` is the Score server
(``overture/score-server``, ``ghcr.io/overture-stack/score-server``); a service built from source
(``build:``, no ``image:``) whose name or ``container_name`` is a Score server's (``score-server``,
``score``, ``storage-server``, ``score-api``), whose build context or Dockerfile path names Score, or
that sets settings only a Score server reads (``OBJECT_SENTINEL``, ``S3_ENDPOINT``, the bucket names, the
``collaboratory`` profile); a service whose image contains an ``--image`` text; or the services named
with ``--service``. The image ``overture/score`` and services named ``score-client`` are the Score
*client*: they are never linted as a server. Every service seen keeps the reason it was taken or left.

A server's environment is what compose hands the container: the ``env_file:`` files in order (read the
compose way, or the ``docker run`` way for ``format: raw``; a missing file with ``required: false`` is
skipped), then ``environment:`` on top (map or list form), so the linter sees one environment with
compose's "last wins". Findings point at the line of the compose file, or of the env file, that sets the
variable.

Compose semantics reproduced here (compose-spec/compose-go v2 with gopkg.in/yaml.v3):

* scalars resolve the YAML 1.2 way (only ``true``/``false`` are booleans, ``yes``/``on`` stay text;
  ``0x1F``, ``0o17`` and ``1_000`` are integers), then become strings as Go's ``fmt.Sprint`` writes them;
* ``environment:`` values reach the container as written once YAML has read them: a list item is split at
  its first ``=`` and keeps any quotes (``- S3_SIGV4ENABLED="true"`` is the six characters ``"true"``);
* a name without a value (``KEY:`` or ``- KEY``) takes its value from the environment, else is unset;
* ``${VAR}`` in values, image names and ``env_file`` paths is interpolated from the ``.env`` file beside
  the compose file (the host environment is not read: lint results must not depend on the shell).
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import overload

import yaml

from score_lint import envfile, files
from score_lint.binding import Model
from score_lint.envfile.compose import TemplateError, substitute
from score_lint.envfile.yamlnodes import (
    NULL_TAG,
    PLAIN_TAG,
    STR_TAG,
    Document,
    Variable,
    YamlError,
    mark,
    read_text,
    value_mark,
)
from score_lint.envfile.yamlnodes import Loader as _Loader  # noqa: F401 (the loader compose files are read with)
from score_lint.envfile.yamlnodes import entry as _entry_of
from score_lint.findings import Finding, Result
from score_lint.images import image_role, repository_and_tag
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_env
from score_lint.lint.suppressions import Comments, comment_lines
from score_lint.records import replace

_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})?)?"
)

# Image names (the last part of the repository) of the Score server and of the Score client.
# Service or container names of a Score server built from source, and of the client.
SERVER_NAMES = ("score-server", "score", "storage-server", "score-api")
CLIENT_NAMES = ("score-client", "storage-client")
# Settings only a Score server reads: a service built from source that sets one of them is a Score server.
SERVER_SETTINGS = ("OBJECT_SENTINEL", "S3_ENDPOINT", "BUCKET_NAME_OBJECT", "BUCKET_NAME_STATE")
SERVER_PROFILES = ("collaboratory",)
# What an env_file's `format:` may say (the docker compose CLI registers `raw`).
ENV_FILE_FORMATS = ("raw",)
# Kept for callers of the old API: the built-in recognition needs no image list.
DEFAULT_IMAGES: tuple[str, ...] = ()

_KEPT_BY_MAP = "docker compose"
_KEPT_BY_LIST = "docker compose (an environment: list item keeps its quotes)"
_KEPT_BY_RAW = "docker compose (env_file format: raw)"

_Comments = Mapping[int, tuple[str, ...]]  # the suppression comments of a file: {line: code prefixes}


class ComposeError(YamlError):
    """A compose file that compose itself would refuse, or that cannot be read."""


def _go_float(value: float) -> str:
    """Go's fmt.Sprint of a float64 (strconv 'g', shortest): exponent form below 1e-4 or from 1e+06."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "0" if math.copysign(1, value) > 0 else "-0"
    number = Decimal(repr(value)).normalize()
    sign, digits, exp = number.as_tuple()
    assert isinstance(exp, int)
    exponent = len(digits) + exp - 1
    if -4 <= exponent < 6:
        return format(number, "f")
    text = "".join(map(str, digits))
    mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"


def resolve_scalar(node: yaml.ScalarNode) -> tuple[str | None, bool]:
    """(the string compose makes of a scalar or None for null, whether YAML read it as a string).

    Plain scalars resolve as yaml.v3 does; the result is written as Go's fmt.Sprint writes it.
    """
    text = node.value
    if node.tag == STR_TAG:
        return text, True
    if node.tag == NULL_TAG:
        return None, False
    if node.tag != PLAIN_TAG and not node.tag.startswith("tag:yaml.org,2002:"):
        return text, True  # a custom tag: compose keeps the text
    if text in ("", "~", "null", "Null", "NULL"):
        return None, False
    if text in ("true", "True", "TRUE"):
        return "true", False
    if text in ("false", "False", "FALSE"):
        return "false", False
    if text in (".nan", ".NaN", ".NAN"):
        return "NaN", False
    if text in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
        return "+Inf", False
    if text in ("-.inf", "-.Inf", "-.INF"):
        return "-Inf", False
    if text[0] not in "+-.0123456789":
        return text, True
    if _TIMESTAMP.fullmatch(text):
        return text, True  # yaml.v3 reads a time.Time here; too rare in env values to model
    plain = text.replace("_", "")
    # More digits than any 64-bit number has (and than int() converts): not an integer to YAML either.
    if _INT.match(plain) and len(plain) <= 80:
        body = plain.lstrip("+-")
        base = {"0x": 16, "0X": 16, "0o": 8, "0O": 8, "0b": 2, "0B": 2}.get(body[:2])
        if base is not None:
            number = int(body[2:], base)
        elif len(body) > 1 and body.startswith("0"):
            number = int(body, 8)  # Go's ParseInt with base 0: a leading 0 means octal
        else:
            number = int(body)
        number = -number if plain.startswith("-") else number
        if -(2**63) <= number < 2**64:
            return str(number), False
    if _FLOAT.match(plain):
        return _go_float(float(plain)), False
    return text, True




@dataclass(frozen=True)
class EnvFileRef:
    path: Path
    required: bool
    line: int  # in the compose file
    format: str | None  # None: compose's own env-file syntax; "raw": the docker run --env-file way


@dataclass(frozen=True)
class Service:
    name: str
    line: int
    column: int
    image: str
    environment: tuple[Variable, ...]
    env_files: tuple[EnvFileRef, ...]
    recognised_by: str = ""


@dataclass(frozen=True)
class Seen:
    """A service of the file and what score-lint made of it: ``server``, ``client`` or ``other``."""

    name: str
    line: int
    role: str
    reason: str

    def describe(self) -> str:
        """How the service is named in a message listing a file's services."""
        return f"{self.name} ({self.reason})" if self.role == "client" or self.reason.startswith("sets ") else self.name


@dataclass(frozen=True)
class Inspection:
    """The services of one compose file: every one seen, the Score servers taken, the ``--service``
    names the file does not have."""

    path: Path
    seen: tuple[Seen, ...]
    servers: tuple[Service, ...]
    missing: tuple[str, ...] = ()
    # The file as read for this inspection, so that linting its servers does not read it again.
    source: Source | None = field(default=None, repr=False, compare=False)

    def services_text(self) -> str:
        return ", ".join(s.describe() for s in self.seen) or "none"


def _interpolate(doc: Document, node: yaml.Node, text: str, lookup: Mapping[str, str]) -> str:
    # compose-go runs the same template engine over the YAML strings as over env files.
    try:
        return substitute(text, lookup.get)
    except TemplateError as exc:
        raise doc.fail(node, f"invalid interpolation: {exc.message}") from None


def project_environment(folder: Path) -> dict[str, str]:
    """The variables of the ``.env`` file beside the compose file (compose reads it for interpolation)."""
    dotenv = folder / ".env"
    if not dotenv.is_file():
        return {}
    try:
        return envfile.read(dotenv, "compose").environment()
    except envfile.EnvFileError as exc:
        raise ComposeError(str(exc)) from None


def _text(doc: Document, node: yaml.Node | None, lookup: Mapping[str, str]) -> str:
    """A scalar's text as compose reads it (interpolated), "" for anything else."""
    if not isinstance(node, yaml.ScalarNode):
        return ""
    text, is_string = resolve_scalar(node)
    if text is None:
        return ""
    return _interpolate(doc, node, text, lookup) if is_string else text


def _build_paths(doc: Document, node: yaml.Node | None, lookup: Mapping[str, str]) -> tuple[str, str]:
    """(build context, dockerfile) of a ``build:`` (the short form is the context)."""
    if isinstance(node, yaml.MappingNode):
        fields = doc.fields(node, "build")
        return _text(doc, fields.get("context"), lookup), _text(doc, fields.get("dockerfile"), lookup)
    return _text(doc, node, lookup), ""


def _names_score(path: str) -> bool:
    parts = [p for p in re.split(r"[/\\._-]+", path.lower()) if p]
    return "score" in parts and "client" not in parts


def recognise(
    doc: Document, name: str, fields: Mapping[str, yaml.Node], environment: Sequence[Variable],
    lookup: Mapping[str, str], images: Sequence[str] = (),
) -> tuple[str, str]:
    """(role, reason) of one service: ``server``, ``client`` or ``other``, and why."""
    image = _text(doc, fields.get("image"), lookup)
    keys = {v.key.upper(): v for v in environment}
    marks = [k for k in SERVER_SETTINGS if k in keys]
    profiles = keys.get("SPRING_PROFILES_ACTIVE")
    if profiles is not None and profiles.value and any(
        p.strip() in SERVER_PROFILES for p in profiles.value.split(",")
    ):
        marks.append(f"SPRING_PROFILES_ACTIVE={profiles.value}")
    if image:
        repository, _ = repository_and_tag(image)
        decided = image_role(image, images)
        if decided is not None:
            return decided
        if marks:
            return "other", f"sets {', '.join(marks[:3])} but runs image {repository}"
        return "other", f"image {repository}"
    container = _text(doc, fields.get("container_name"), lookup)
    command = _text(doc, fields.get("command"), lookup) if isinstance(fields.get("command"), yaml.ScalarNode) else " ".join(
        _text(doc, item, lookup) for item in getattr(fields.get("command"), "value", ()) if isinstance(item, yaml.ScalarNode)
    )
    if "build" not in fields:
        return "other", "no image and no build"
    context, dockerfile = _build_paths(doc, fields.get("build"), lookup)
    built = f"built from {context or '.'}" + (f" with {dockerfile}" if dockerfile else "")
    for label, value in (("service name", name), ("container_name", container)):
        if value.lower() in CLIENT_NAMES:
            return "client", f"Score client: {label} {value}"
    if "score-client" in command or "storage-client" in command:
        return "client", f"Score client: command {command.strip()}"
    for label, value in (("service name", name), ("container_name", container)):
        if value.lower() in SERVER_NAMES:
            return "server", f"{label} {value}, {built}"
    for label, value in (("build context", context), ("dockerfile", dockerfile)):
        if value and _names_score(value):
            return "server", f"{label} {value}"
    if marks:
        return "server", f"settings {', '.join(marks[:3])}, {built}"
    return "other", built


def inspect(
    path: Path, images: Sequence[str] = (), lookup: Mapping[str, str] | None = None, chosen: Sequence[str] = (),
) -> Inspection:
    """Every service of a compose file, and the Score servers among them (those named in ``chosen``
    when it is given)."""
    source = Source(path, read_text(path, ComposeError))
    doc = Document(os.fspath(path), source.text, ComposeError)
    lookup = project_environment(path.parent) if lookup is None else lookup
    roots = list(doc.documents())
    if not roots:
        return Inspection(path, (), (), tuple(chosen), source)
    top = doc.fields(roots[0], "the compose file")
    if "services" not in top:
        return Inspection(path, (), (), tuple(chosen), source)
    seen: list[Seen] = []
    servers: list[Service] = []
    names: set[str] = set()
    for name_node, body in doc.mapping(top["services"], "services"):
        names.add(name_node.value)
        line, column = mark(name_node)
        if not isinstance(body, yaml.MappingNode):
            seen.append(Seen(name_node.value, line, "other", "no settings"))
            continue
        fields = doc.fields(body, f"service {name_node.value}")
        environment = _environment(doc, fields.get("environment"), lookup)
        if chosen:
            role, reason = ("server", f"--service {name_node.value}") if name_node.value in chosen else ("other", "not named by --service")
        else:
            role, reason = recognise(doc, name_node.value, fields, environment, lookup, images)
        seen.append(Seen(name_node.value, line, role, reason))
        if role != "server":
            continue
        image = _text(doc, fields.get("image"), lookup)
        env_files = _env_files(doc, fields.get("env_file"), lookup)
        servers.append(Service(name_node.value, line, column, image, environment, env_files, reason))
    missing = tuple(n for n in chosen if n not in names)
    return Inspection(path, tuple(seen), tuple(servers), missing, source)


def services(path: Path, images: Sequence[str] = (), lookup: Mapping[str, str] | None = None) -> list[Service]:
    """The Score server services of a compose file, in file order."""
    return list(inspect(path, images, lookup).servers)


def _environment(doc: Document, node: yaml.Node | None, lookup: Mapping[str, str]) -> tuple[Variable, ...]:
    if node is None or (isinstance(node, yaml.ScalarNode) and resolve_scalar(node)[0] is None):
        return ()
    out: list[Variable] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in doc.mapping(node, "environment"):
            line, column = mark(key)
            if isinstance(value, yaml.ScalarNode):
                text, is_string = resolve_scalar(value)
                if text is not None and is_string:
                    text = _interpolate(doc, value, text, lookup)
                vline, vcolumn = value_mark(value)
                out.append(Variable(key.value, text, line, column, vline, vcolumn, value.end_mark.line + 1, _KEPT_BY_MAP))
            else:
                raise doc.fail(value, f"environment: the value of {key.value} must be text, a number or a boolean")
        return tuple(out)
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                raise doc.fail(item, "environment: list items must be KEY=VALUE text")
            raw, is_string = resolve_scalar(item)
            raw = "" if raw is None else _interpolate(doc, item, raw, lookup) if is_string else raw
            # compose-go splits a list item at its first '=' and keeps the rest as it is, quotes and all.
            name, sep, assigned = raw.partition("=")
            line, column = value_mark(item)
            out.append(Variable(name, assigned if sep else None, line, column, line, column + len(name) + 1,
                                item.end_mark.line + 1, _KEPT_BY_LIST))
        return tuple(out)
    raise doc.fail(node, "environment must be a mapping or a list")


def _env_files(doc: Document, node: yaml.Node | None, lookup: Mapping[str, str]) -> tuple[EnvFileRef, ...]:
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        required = True
        file_format: str | None = None
        path_node: yaml.Node | None = item
        if isinstance(item, yaml.MappingNode):
            fields = doc.fields(item, "env_file")
            path_node = fields.get("path")
            flag = fields.get("required")
            if isinstance(flag, yaml.ScalarNode):
                required = resolve_scalar(flag)[0] != "false"
            given = fields.get("format")
            if given is not None:
                file_format = _text(doc, given, lookup) or None
                if file_format is not None and file_format not in ENV_FILE_FORMATS:
                    raise doc.fail(given, f"env_file format {file_format!r} is not one compose knows "
                                          f"({', '.join(ENV_FILE_FORMATS)}); compose refuses the file")
        if not isinstance(path_node, yaml.ScalarNode) or not path_node.value:
            raise doc.fail(item, "env_file entries must be a path or a mapping with a path")
        rel = _interpolate(doc, path_node, path_node.value, lookup)
        target = Path(doc.path).parent / os.path.expanduser(rel)
        out.append(EnvFileRef(target, required, mark(path_node)[0], file_format))
    return tuple(out)


# --------------------------------------------------------------------------- linting


class Source:
    """A compose file read once for all of its services: its lines, split once, with their suppression
    comments found once, and the env files the services name, each read once.

    Each of 2,000 services read, split and scanned the whole compose file (81 s), and read its shared
    env file again.
    """

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        # By resolved path and format, with the interpolation variables each was read with.
        self._env_files: dict[tuple[str, str | None], tuple[Mapping[str, str], envfile.EnvFile, _Comments]] = {}

    @classmethod
    def read(cls, path: Path) -> Source:
        return cls(path, read_text(path, ComposeError))

    @cached_property
    def lines(self) -> tuple[str, ...]:
        # Split as the env-file reader splits (it drops a second byte order mark, which the YAML reader keeps).
        return envfile.split_lines(self.text.removeprefix("\ufeff"))

    @cached_property
    def comments(self) -> _Comments:
        return comment_lines(self.lines)

    def env_file(self, ref: EnvFileRef, lookup: Mapping[str, str]) -> tuple[envfile.EnvFile, _Comments]:
        """The env file ``ref`` names, read the compose way (the docker way for ``format: raw``), and its
        suppression comments."""
        key = (os.path.realpath(ref.path), ref.format)
        cached = self._env_files.get(key)
        if cached is not None and cached[0] is lookup:
            return cached[1], cached[2]
        try:
            # A private key or /etc/shadow named here is one finding, not one "name" a line.
            env = envfile.as_env_file(envfile.read(ref.path, "docker" if ref.format == "raw" else "compose",
                                                   environ=lookup))
        except envfile.EnvFileError as exc:
            raise ComposeError(str(exc)) from None
        comments = comment_lines(env.lines)
        self._env_files[key] = (lookup, env, comments)
        return env, comments


@dataclass(frozen=True)
class _Segment:
    path: str
    first: int  # first line of the segment in the combined file
    comments: _Comments = field(compare=False)  # line in the segment's file: codes


class _Lines(Sequence[str]):
    """The lines of several files numbered one after another, shared with those files, not copied."""

    def __init__(self, parts: Sequence[Sequence[str]]) -> None:
        self._parts = tuple(parts)
        self._firsts: list[int] = []
        count = 0
        for part in self._parts:
            self._firsts.append(count)
            count += len(part)
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("line index out of range")
        part, offset = self.locate(index)
        return self._parts[part][offset]

    def locate(self, index: int) -> tuple[int, int]:
        """(part, index in that part) of line ``index`` (0-based); past the end, the last part's."""
        # The last part starting at or before the index: an empty part starts where the next one does.
        part = max(bisect_right(self._firsts, index) - 1, 0)
        return part, index - self._firsts[part]

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self._parts)


class _ServiceEnv(envfile.EnvFile):
    """A service's environment as one env file: its env files, then the compose file, line after line.

    The lines are shared with those files; the text and bytes are joined only when asked (no lint rule
    reads them): joining the compose file again for each of its services was quadratic. ``origin`` maps
    its lines back to the files they come from.
    """

    _segments: tuple[_Segment, ...]  # one for each part of the lines, in their order
    _joined: _Lines  # the lines, as the type that knows their parts

    def __init__(self, path: str, lines: _Lines, entries: tuple[envfile.Entry, ...],
                 problems: tuple[envfile.Problem, ...], segments: Sequence[_Segment]) -> None:
        values = {"path": path, "dialect": "compose", "lines": lines, "entries": entries, "problems": problems,
                  "bom": False}
        for name, value in values.items():
            object.__setattr__(self, name, value)  # a frozen dataclass's own __init__ sets its fields so
        object.__setattr__(self, "_segments", tuple(segments))
        object.__setattr__(self, "_joined", lines)

    def origin(self, line: int) -> tuple[str, int]:
        part, offset = self._joined.locate(line - 1)
        return self._segments[part].path, offset + 1

    @cached_property
    def text(self) -> str:
        return "".join(self.lines)

    @cached_property
    def data(self) -> bytes:
        return self.text.encode("utf-8", "surrogateescape")


def _shift_entry(entry: envfile.Entry, by: int, kept_by: str | None) -> envfile.Entry:
    return replace(entry, line=entry.line + by, value_line=entry.value_line + by, end_line=entry.end_line + by,
                   kept_by=kept_by)


def combined(
    path: Path, service: Service, lookup: Mapping[str, str], source: Source | None = None,
) -> tuple[envfile.EnvFile, list[_Segment]]:
    """One environment for the service: its env files, then ``environment:`` (compose: the last wins).

    ``source`` is the compose file as read once for all its services (read here when not given).
    """
    source = Source.read(path) if source is None else source
    parts: list[Sequence[str]] = []
    count = 0
    entries: list[envfile.Entry] = []
    problems: list[envfile.Problem] = []
    segments: list[_Segment] = []
    for ref in service.env_files:
        try:
            os.stat(ref.path)
            missing = False
        except FileNotFoundError:
            missing = True
        except (OSError, ValueError) as exc:  # a symlink loop, a name too long, a NUL byte
            reason = files.describe_error(exc) if isinstance(exc, OSError) else str(exc)
            raise ComposeError(f"{path}:{ref.line}: env_file {ref.path}: {reason}") from None
        if missing:
            if ref.required:
                raise ComposeError(f"{path}:{ref.line}: env_file {ref.path} not found (compose refuses to start the service)")
            continue  # compose skips a missing optional env file without a word
        env, comments = source.env_file(ref, lookup)
        base = count
        segments.append(_Segment(os.fspath(ref.path), base + 1, comments))
        parts.append(env.lines)
        count += len(env.lines)
        kept_by = _KEPT_BY_RAW if ref.format == "raw" else None
        entries.extend(_shift_entry(e, base, kept_by) for e in env.entries)
        problems.extend(replace(p, line=p.line + base) for p in env.problems)
    base = count
    segments.append(_Segment(os.fspath(path), base + 1, source.comments))
    parts.append(source.lines)
    for var in service.environment:
        entries.append(_entry_of(var, var.value if var.value is not None else lookup.get(var.key), base))
    env = _ServiceEnv(os.fspath(path), _Lines(parts), tuple(entries), tuple(problems), segments)
    return env, segments


def _place(finding: Finding, env: envfile.EnvFile, service: Service) -> tuple[str, Finding]:
    """The file and line of a finding of the service's combined environment (``EnvFile.origin``); a
    finding about no line is placed at the service in the compose file."""
    # Fixes are dropped: their edits are in env-file syntax, which the YAML lines do not have.
    if finding.line is None or not 1 <= finding.line <= len(env.lines):
        return env.path, replace(finding, line=service.line, column=service.column, fix=None)
    where, line = env.origin(finding.line)
    return where, replace(finding, line=line, fix=None)


def lint_service(
    path: Path, service: Service, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None,
    lookup: Mapping[str, str] | None = None, source: Source | None = None,
) -> list[Result]:
    """One result per file that the service's environment comes from (the compose file last).

    ``source``: the compose file as its inspection read it (``Inspection.source``), shared by its services.
    """
    options = replace(options, dialect="compose")
    lookup = project_environment(path.parent) if lookup is None else lookup
    env, segments = combined(path, service, lookup, source)
    result = lint_env(env, options, models, Comments([(seg.first, seg.comments) for seg in segments]))
    by_path: dict[str, list[Finding]] = {seg.path: [] for seg in segments}
    for finding in result.findings:
        where, placed = _place(finding, env, service)
        by_path[where].append(placed)
    origin = (("service", service.name), ("recognised_by", service.recognised_by))
    # The service's verdict goes with the compose file, which defines the service and is reported after
    # every file it reads: the files together decide whether it starts, and the same verdict under each
    # env file read as that file's own (SL501 "in" a file that holds no storage setting).
    verdict = replace(result.verdict, subject=f"service {service.name}") if result.verdict else None
    last = len(segments) - 1
    return [
        Result(seg.path, result.line, "compose", result.provider,
               tuple(sorted(by_path[seg.path], key=lambda f: (f.line or 0, f.column or 0, f.code))),
               verdict=verdict if i == last else None, source=origin)
        for i, seg in enumerate(segments)
    ]


def lint_compose(
    path: Path,
    options: Options,
    models: Mapping[str, Mapping[str, Model]] | None = None,
    images: Sequence[str] = (),
    chosen: Sequence[str] = (),
) -> list[Result]:
    """For each Score server service, one result per file its environment comes from (the compose file last)."""
    lookup = project_environment(path.parent)
    inspection = inspect(path, images, lookup, chosen)
    return [r for service in inspection.servers
            for r in lint_service(path, service, options, models, lookup, inspection.source)]


__all__ = [
    "DEFAULT_IMAGES",
    "ComposeError",
    "EnvFileRef",
    "Inspection",
    "Seen",
    "Service",
    "Source",
    "Variable",
    "combined",
    "inspect",
    "lint_compose",
    "lint_service",
    "project_environment",
    "recognise",
    "resolve_scalar",
    "services",
]
