"""Lint the Score server services of a docker-compose file.

A service is a Score server when its ``image`` names one (``score-server`` or ``overture/score`` by
default; ``images`` overrides).  Its environment is what compose hands the container: the
``env_file:`` files in order (read the compose way), then ``environment:`` on top (map or list form),
so the linter sees one environment with compose's "last wins".  Findings point at the line of the
compose file, or of the env file, that sets the variable.

Compose semantics reproduced here (compose-spec/compose-go v2 with gopkg.in/yaml.v3):

* scalars resolve the YAML 1.2 way (only ``true``/``false`` are booleans, ``yes``/``on`` stay text;
  ``0x1F``, ``0o17`` and ``1_000`` are integers), then become strings as Go's ``fmt.Sprint`` writes them;
* a name without a value (``KEY:`` or ``- KEY``) takes its value from the environment, else is unset;
* ``${VAR}`` in values, image names and ``env_file`` paths is interpolated from the ``.env`` file beside
  the compose file (the host environment is not read: lint results must not depend on the shell).
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import yaml

from score_lint import envfile, files
from score_lint.binding import Model
from score_lint.findings import Finding, InputError, Result, shown_name
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_env

DEFAULT_IMAGES = ("score-server", "overture/score")
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_PLAIN = "tag:score-lint,2026:plain"
_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})?)?"
)


class ComposeError(InputError):
    """A compose file that compose itself would refuse, or that cannot be read."""


class _Loader(yaml.SafeLoader):
    """Composes nodes (with their start marks) and marks untagged plain scalars for ``resolve_scalar``."""

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Variable:
    key: str
    value: str | None  # None: the name has no value in the file (taken from the environment)
    line: int
    column: int
    value_line: int
    value_column: int
    end_line: int


@dataclass(frozen=True)
class Service:
    name: str
    line: int
    column: int
    image: str
    environment: tuple[Variable, ...]
    env_files: tuple[tuple[Path, bool, int], ...]  # (path, required, line in the compose file)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


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
    if node.tag == _STR:
        return text, True
    if node.tag == _NULL:
        return None, False
    if node.tag != _PLAIN and not node.tag.startswith("tag:yaml.org,2002:"):
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
    # More than 64 digits overflows int64 and uint64 whatever the base (and int() refuses 4,300 digits).
    if _INT.match(plain) and len(plain) <= 70:
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
        real = float(plain)
        if not math.isinf(real):
            return _go_float(real), False
        # strconv.ParseFloat fails with ErrRange past float64: yaml.v3 then keeps the text.
    return text, True


# Real compose files have hundreds of entries; merges (<<) may repeat them, within reason.
MAX_YAML_ENTRIES = 1_000_000
MAX_MERGE_DEPTH = 64


class _Document:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.visited = 0
        self._expanding: set[int] = set()

    def fail(self, node: yaml.Node | None, message: str) -> ComposeError:
        if node is None:
            return ComposeError(f"{self.path}: {message}")
        line, column = _mark(node)
        return ComposeError(f"{self.path}:{line}:{column}: {message}")

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        """Key and value nodes of a mapping, merge keys (``<<``) applied, duplicate keys refused.

        Merges are bounded: a mapping that merges itself, merges nested too deeply, or more than
        ``MAX_YAML_ENTRIES`` entries visited in all (nine levels of ``<<: [*m, *m, ...]`` are billions)
        refuse the file instead of recursing or running forever.
        """
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        self.visited += len(node.value)
        if self.visited > MAX_YAML_ENTRIES:
            raise self.fail(node, f"refused: its merge keys (<<) expand to more than {MAX_YAML_ENTRIES:,} entries "
                                  "(an alias bomb?); compose's YAML reader refuses such a file too "
                                  "(\"excessive aliasing\")")
        if len(self._expanding) > MAX_MERGE_DEPTH:
            raise self.fail(node, f"refused: merge keys (<<) nested more than {MAX_MERGE_DEPTH} levels deep")
        self._expanding.add(id(node))
        try:
            own: dict[str, tuple[yaml.ScalarNode, yaml.Node]] = {}
            merged: dict[str, tuple[yaml.ScalarNode, yaml.Node]] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise self.fail(key, f"{what}: keys must be text")
                if key.value == "<<" and key.style is None:
                    sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
                    for source in sources:
                        if id(source) in self._expanding:
                            raise self.fail(key, "merge key (<<) merges a mapping into itself; compose refuses the "
                                                 "file (anchor value contains itself)")
                        for k, v in self.mapping(source, what):
                            merged.setdefault(k.value, (k, v))
                    continue
                if key.value in own:
                    raise self.fail(key, f"{what}: key {shown_name(key.value)!r} is already defined "
                                         "(compose refuses the file)")
                own[key.value] = (key, value)
            return list({**merged, **own}.values())
        finally:
            self._expanding.discard(id(node))


def _read(path: Path) -> str:
    try:
        return files.read_text(path, files.DEFAULT_LIMIT, "compose files")
    except files.Unreadable as exc:
        raise ComposeError(f"{path}: {exc.reason}") from None


# What PyYAML quotes from the file in a message: an alias or anchor name, a tag, a character. Any of them may
# be part of a value (``S3_SECRETKEY: *secret`` reads as an alias), so only single characters are kept.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _without_quoted_text(problem: str) -> str:
    def keep_short(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        return match.group(0) if len(inner) <= 2 or (inner.startswith("\\") and len(inner) <= 6) else "…"

    return _QUOTED.sub(keep_short, problem)


def _interpolate(doc: _Document, node: yaml.Node, text: str, lookup: Mapping[str, str]) -> str:
    # compose-go runs the same template engine over the YAML strings as over env files.
    try:
        return envfile.substitute(text, lookup.get)
    except envfile.TemplateError as exc:
        raise doc.fail(node, f"invalid interpolation: {exc.message}") from None


def project_environment(folder: Path) -> dict[str, str]:
    """The variables of the ``.env`` file beside the compose file (compose reads it for interpolation)."""
    dotenv = folder / ".env"
    try:
        if not stat.S_ISREG(os.stat(dotenv).st_mode):
            return {}  # a folder or a pipe named .env is not read, as before
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as exc:
        raise ComposeError(f"{dotenv}: {files.describe_error(exc)}") from None
    try:
        return envfile.read(dotenv, "compose").environment()
    except envfile.EnvFileError as exc:
        raise ComposeError(str(exc)) from None


def services(path: Path, images: Sequence[str] = DEFAULT_IMAGES, lookup: Mapping[str, str] | None = None) -> list[Service]:
    """The Score server services of a compose file, in file order."""
    text = _read(path)
    doc = _Document(path, text)
    lookup = project_environment(path.parent) if lookup is None else lookup
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ComposeError(f"{path}{where}: not valid YAML ({_without_quoted_text(problem)})") from None
    except RecursionError:
        raise ComposeError(f"{path}: not read: its mappings or lists are nested too deeply") from None
    if root is None:
        return []
    top = dict((k.value, v) for k, v in doc.mapping(root, "the compose file"))
    if "services" not in top:
        return []
    found = []
    for name_node, body in doc.mapping(top["services"], "services"):
        if not isinstance(body, yaml.MappingNode):
            continue
        fields = {k.value: (k, v) for k, v in doc.mapping(body, f"service {name_node.value}")}
        image_node = fields.get("image", (None, None))[1]
        if not isinstance(image_node, yaml.ScalarNode):
            continue
        image = _interpolate(doc, image_node, image_node.value, lookup)
        if not any(pattern in image for pattern in images):
            continue
        line, column = _mark(name_node)
        environment = _environment(doc, fields.get("environment", (None, None))[1], lookup)
        env_files = _env_files(doc, fields.get("env_file", (None, None))[1], lookup)
        found.append(Service(name_node.value, line, column, image, environment, env_files))
    return found


def _environment(doc: _Document, node: yaml.Node | None, lookup: Mapping[str, str]) -> tuple[Variable, ...]:
    if node is None or (isinstance(node, yaml.ScalarNode) and resolve_scalar(node)[0] is None):
        return ()
    out: list[Variable] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in doc.mapping(node, "environment"):
            line, column = _mark(key)
            if isinstance(value, yaml.ScalarNode):
                text, is_string = resolve_scalar(value)
                if text is not None and is_string:
                    text = _interpolate(doc, value, text, lookup)
                vline, vcolumn = _mark(value)
                vcolumn += 1 if value.style in ("'", '"') else 0
                out.append(Variable(key.value, text, line, column, vline, vcolumn, value.end_mark.line + 1))
            else:
                raise doc.fail(value, f"environment: the value of {key.value} must be text, a number or a boolean")
        return tuple(out)
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                raise doc.fail(item, "environment: list items must be KEY=VALUE text")
            raw, is_string = resolve_scalar(item)
            raw = "" if raw is None else _interpolate(doc, item, raw, lookup) if is_string else raw
            name, sep, assigned = raw.partition("=")
            line, column = _mark(item)
            column += 1 if item.style in ("'", '"') else 0
            out.append(Variable(name, assigned if sep else None, line, column, line, column + len(name) + 1,
                                item.end_mark.line + 1))
        return tuple(out)
    raise doc.fail(node, "environment must be a mapping or a list")


def _env_files(doc: _Document, node: yaml.Node | None, lookup: Mapping[str, str]) -> tuple[tuple[Path, bool, int], ...]:
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        required = True
        path_node: yaml.Node | None = item
        if isinstance(item, yaml.MappingNode):
            fields = {k.value: v for k, v in doc.mapping(item, "env_file")}
            path_node = fields.get("path")
            flag = fields.get("required")
            if isinstance(flag, yaml.ScalarNode):
                required = resolve_scalar(flag)[0] != "false"
        if not isinstance(path_node, yaml.ScalarNode) or not path_node.value:
            raise doc.fail(item, "env_file entries must be a path or a mapping with a path")
        rel = _interpolate(doc, path_node, path_node.value, lookup)
        out.append((doc.path.parent / os.path.expanduser(rel), required, _mark(path_node)[0]))
    return tuple(out)


# --------------------------------------------------------------------------- linting


@dataclass(frozen=True)
class _Segment:
    path: str
    first: int  # first line of the segment in the combined file
    count: int


def _shift_entry(entry: envfile.Entry, by: int) -> envfile.Entry:
    return replace(entry, line=entry.line + by, value_line=entry.value_line + by, end_line=entry.end_line + by)


@dataclass(frozen=True)
class _File:
    """A compose file's lines, read and split once for all its services."""

    path: str
    lines: tuple[str, ...]


def _compose_file(path: Path) -> _File:
    return _File(os.fspath(path), envfile.split_lines(_read(path)))


def combined(
    path: Path, service: Service, lookup: Mapping[str, str], compose_file: _File | None = None,
    env_files: dict[Path, envfile.EnvFile] | None = None,
) -> tuple[envfile.EnvFile, list[_Segment]]:
    """One environment for the service: its env files, then ``environment:`` (compose: the last wins).

    ``compose_file`` and ``env_files`` (a cache) let the services of one file share their reads: a
    compose file with 2,000 services was read and split 2,000 times.
    """
    compose_file = compose_file or _compose_file(path)
    env_files = {} if env_files is None else env_files
    pieces: list[envfile.EnvFile] = []
    for env_path, required, line in service.env_files:
        env = env_files.get(env_path)
        if env is None:
            env = _env_file(path, env_path, required, line, lookup)
            if env is None:
                continue
            env_files[env_path] = env
        pieces.append(env)
    # The compose file comes first, so that its lines keep their own numbers (messages quote them), but
    # only the service's part of it (up to its last variable; the lines before are blank): each of
    # 2,000 services copying and scanning the whole file was quadratic.
    last = max([service.line, *(var.end_line for var in service.environment)])
    first = max(1, service.line - 1)  # the line before the service's name may hold a comment
    lines: list[str] = ["\n"] * (first - 1)
    lines.extend(compose_file.lines[first - 1:last])
    segments = [_Segment(compose_file.path, 1, len(lines))]
    own: list[envfile.Entry] = []
    for var in service.environment:
        value = var.value if var.value is not None else lookup.get(var.key)
        own.append(envfile.Entry(
            key=var.key, value=value, raw_value=var.value or "", line=var.line, column=var.column,
            value_line=var.value_line, value_column=var.value_column, end_line=var.end_line,
            bare=var.value is None, quoted=None, inline_comment_column=None,
        ))
    entries: list[envfile.Entry] = []
    problems: list[envfile.Problem] = []
    for env in pieces:
        base = len(lines)
        segments.append(_Segment(env.path, base + 1, len(env.lines)))
        lines.extend(env.lines)
        entries.extend(_shift_entry(e, base) for e in env.entries)
        problems.extend(replace(p, line=p.line + base) for p in env.problems)
    entries.extend(own)  # env files first, environment: last, as compose merges them
    text = "".join(lines)
    env = envfile.EnvFile(path=compose_file.path, dialect="compose", data=text.encode("utf-8", "surrogateescape"),
                          text=text, lines=tuple(lines), entries=tuple(entries), problems=tuple(problems))
    return env, segments


def _env_file(path: Path, env_path: Path, required: bool, line: int, lookup: Mapping[str, str]) -> envfile.EnvFile | None:
    """An ``env_file:`` file read the compose way; None when it is optional and absent."""
    try:
        os.stat(env_path)
    except (FileNotFoundError, NotADirectoryError):
        if required:
            raise ComposeError(f"{path}:{line}: env_file {env_path} not found (compose refuses to start the service)") from None
        return None
    except OSError as exc:  # a symlink loop, a name too long for the file system
        raise ComposeError(f"{path}:{line}: env_file {env_path}: {files.describe_error(exc)}") from None
    except ValueError:
        raise ComposeError(f"{path}:{line}: env_file {env_path!r}: the path contains a NUL character") from None
    try:
        # A private key or /etc/shadow named here is one finding, not one "name" a line.
        env = envfile.as_env_file(envfile.read(env_path, "compose", environ=lookup))
    except envfile.EnvFileError as exc:
        raise ComposeError(str(exc)) from None
    return replace(env, path=os.fspath(env_path))


def _place(finding: Finding, segments: Sequence[_Segment], service: Service) -> tuple[str, Finding]:
    # Fixes are dropped: their edits are in env-file syntax, which the YAML lines do not have.
    # segments[0] is the compose file.
    if finding.line is None:
        return segments[0].path, replace(finding, line=service.line, column=service.column, fix=None)
    for seg in segments:
        if seg.first <= finding.line < seg.first + seg.count:
            return seg.path, replace(finding, line=finding.line - seg.first + 1, fix=None)
    return segments[0].path, replace(finding, line=service.line, column=service.column, fix=None)


def lint_compose(
    path: Path,
    options: Options,
    models: Mapping[str, Mapping[str, Model]] | None = None,
    images: Sequence[str] = DEFAULT_IMAGES,
) -> list[Result]:
    """One result per file that a Score service's environment comes from (the compose file last)."""
    options = replace(options, dialect="compose")
    lookup = project_environment(path.parent)
    results: list[Result] = []
    compose_file = _compose_file(path)
    env_files: dict[Path, envfile.EnvFile] = {}
    for service in services(path, images, lookup):
        env, segments = combined(path, service, lookup, compose_file, env_files)
        result = lint_env(env, options, models)
        by_path: dict[str, list[Finding]] = {seg.path: [] for seg in segments}
        for finding in result.findings:
            where, placed = _place(finding, segments, service)
            by_path[where].append(placed)
        for seg in (*segments[1:], segments[0]):  # the env files, then the compose file
            found = sorted(by_path[seg.path], key=lambda f: (f.line or 0, f.column or 0, f.code))
            results.append(Result(seg.path, result.line, "compose", result.provider, tuple(found)))
    return results


__all__ = ["ComposeError", "DEFAULT_IMAGES", "Service", "Variable", "combined", "lint_compose", "project_environment",
           "resolve_scalar", "services"]
