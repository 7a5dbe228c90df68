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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import yaml

from score_lint import envfile
from score_lint.binding import Model
from score_lint.findings import Finding, InputError, Result
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
    if _INT.match(plain):
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


class _Document:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, node: yaml.Node | None, message: str) -> ComposeError:
        if node is None:
            return ComposeError(f"{self.path}: {message}")
        line, column = _mark(node)
        return ComposeError(f"{self.path}:{line}:{column}: {message}")

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        """Key and value nodes of a mapping, merge keys (``<<``) applied, duplicate keys refused."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        own: dict[str, tuple[yaml.ScalarNode, yaml.Node]] = {}
        merged: dict[str, tuple[yaml.ScalarNode, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, f"{what}: keys must be text")
            if key.value == "<<" and key.style is None:
                sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
                for source in sources:
                    for k, v in self.mapping(source, what):
                        merged.setdefault(k.value, (k, v))
                continue
            if key.value in own:
                raise self.fail(key, f"{what}: key {key.value!r} is already defined (compose refuses the file)")
            own[key.value] = (key, value)
        return list({**merged, **own}.values())


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ComposeError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ComposeError(f"{path}: is a directory") from None
    except OSError as exc:
        raise ComposeError(f"{path}: {exc.strerror or 'cannot be read'}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ComposeError(f"{path}: not valid UTF-8") from None


def _interpolate(doc: _Document, node: yaml.Node, text: str, lookup: Mapping[str, str]) -> str:
    # compose-go runs the same template engine over the YAML strings as over env files.
    try:
        return envfile.substitute(text, lookup.get)
    except envfile.TemplateError as exc:
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
        raise ComposeError(f"{path}{where}: not valid YAML ({problem})") from None
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


def combined(path: Path, service: Service, lookup: Mapping[str, str]) -> tuple[envfile.EnvFile, list[_Segment]]:
    """One environment for the service: its env files, then ``environment:`` (compose: the last wins)."""
    lines: list[str] = []
    entries: list[envfile.Entry] = []
    problems: list[envfile.Problem] = []
    segments: list[_Segment] = []
    for env_path, required, line in service.env_files:
        if not env_path.is_file():
            if required:
                raise ComposeError(f"{path}:{line}: env_file {env_path} not found (compose refuses to start the service)")
            continue
        try:
            env = envfile.read(env_path, "compose", environ=lookup)
        except envfile.EnvFileError as exc:
            raise ComposeError(str(exc)) from None
        base = len(lines)
        segments.append(_Segment(os.fspath(env_path), base + 1, len(env.lines)))
        lines.extend(env.lines)
        entries.extend(_shift_entry(e, base) for e in env.entries)
        problems.extend(replace(p, line=p.line + base) for p in env.problems)
    base = len(lines)
    compose_text = _read(path)
    compose_lines = envfile.parse(compose_text.encode("utf-8"), "compose").lines
    segments.append(_Segment(os.fspath(path), base + 1, len(compose_lines)))
    lines.extend(compose_lines)
    for var in service.environment:
        value = var.value if var.value is not None else lookup.get(var.key)
        entries.append(envfile.Entry(
            key=var.key, value=value, raw_value=var.value or "", line=var.line + base, column=var.column,
            value_line=var.value_line + base, value_column=var.value_column, end_line=var.end_line + base,
            bare=var.value is None, quoted=None, inline_comment_column=None,
        ))
    text = "".join(lines)
    env = envfile.EnvFile(path=os.fspath(path), dialect="compose", data=text.encode("utf-8", "surrogateescape"),
                          text=text, lines=tuple(lines), entries=tuple(entries), problems=tuple(problems))
    return env, segments


def _place(finding: Finding, segments: Sequence[_Segment], service: Service) -> tuple[str, Finding]:
    # Fixes are dropped: their edits are in env-file syntax, which the YAML lines do not have.
    if finding.line is None:
        return segments[-1].path, replace(finding, line=service.line, column=service.column, fix=None)
    for seg in segments:
        if seg.first <= finding.line < seg.first + seg.count:
            return seg.path, replace(finding, line=finding.line - seg.first + 1, fix=None)
    return segments[-1].path, replace(finding, line=service.line, column=service.column, fix=None)


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
    for service in services(path, images, lookup):
        env, segments = combined(path, service, lookup)
        result = lint_env(env, options, models)
        by_path: dict[str, list[Finding]] = {seg.path: [] for seg in segments}
        for finding in result.findings:
            where, placed = _place(finding, segments, service)
            by_path[where].append(placed)
        # Each file of the service carries the service's verdict: together they decide whether it starts.
        verdict = replace(result.verdict, subject=f"service {service.name}") if result.verdict else None
        for seg in segments:
            found = sorted(by_path[seg.path], key=lambda f: (f.line or 0, f.column or 0, f.code))
            results.append(Result(seg.path, result.line, "compose", result.provider, tuple(found), verdict))
    return results


__all__ = ["ComposeError", "DEFAULT_IMAGES", "Service", "Variable", "combined", "lint_compose", "project_environment",
           "resolve_scalar", "services"]
