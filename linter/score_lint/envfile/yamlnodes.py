"""YAML read with positions: the common ground of the compose and Kubernetes readers.

Both readers need the environment a YAML file gives a process, located in that file. PyYAML's
``SafeLoader`` can compose a document into nodes without building Python objects: every node keeps its
start and end marks (so each name and value keeps its line and column) and its tag, so each reader
resolves plain scalars the way its own tool does (compose: yaml.v3, YAML 1.2; Kubernetes: yaml.v2,
YAML 1.1). ``Loader`` marks untagged plain scalars with ``PLAIN_TAG`` for that purpose.

``Variable`` is one name of an environment with its positions; ``entry`` turns it into the env-file
``Entry`` the lint rules read, so a YAML environment is linted exactly like an env file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from score_lint.envfile.syntax import MAX_FILE_BYTES, Entry
from score_lint import files
from score_lint.findings import InputError, shown_name

PLAIN_TAG = "tag:score-lint,2026:plain"
STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"


class YamlError(InputError):
    """A YAML file that cannot be read, or that the tool reading it would refuse."""


class Loader(yaml.SafeLoader):
    """Composes nodes (with their marks) and tags untagged plain scalars ``PLAIN_TAG``."""

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return PLAIN_TAG
        return super().resolve(kind, value, implicit)


def mark(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def value_mark(node: yaml.ScalarNode) -> tuple[int, int]:
    """1-based (line, column) of the first character of a scalar's text (inside its quotes)."""
    line, column = mark(node)
    return line, column + (1 if node.style in ("'", '"') else 0)


def read_text(path: str | os.PathLike[str], error: type[YamlError] = YamlError) -> str:
    """The text of a YAML file (``-`` is standard input), bounded like env files; ``error`` on failure.

    Pipes, devices and files that never end are refused unread (a named pipe would hang the run)."""
    name = os.fspath(path)
    if name == "-":
        import sys  # only for standard input

        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise error(f"{name}: input is too large: score-lint reads YAML of at most {MAX_FILE_BYTES // 2**20} MiB")
    else:
        try:
            data = files.read_bounded(name, MAX_FILE_BYTES, "YAML files")
        except files.Unreadable as exc:
            raise error(f"{name}: {exc.reason}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(f"{name}:{line}: not valid UTF-8") from None


# Real compose files have hundreds of entries; merges (<<) may repeat them, within reason.
MAX_YAML_ENTRIES = 1_000_000
MAX_MERGE_DEPTH = 64

# What PyYAML quotes from the file in a message: an alias or anchor name, a tag, a character. Any of them may
# be part of a value (``S3_SECRETKEY: *secret`` reads as an alias), so only single characters are kept.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def without_quoted_text(problem: str) -> str:
    def keep_short(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        return match.group(0) if len(inner) <= 2 or (inner.startswith("\\") and len(inner) <= 6) else "…"

    return _QUOTED.sub(keep_short, problem)


class Document:
    """A YAML file being read: its name for messages, and the checks both tools make of mappings."""

    def __init__(self, path: str, text: str, error: type[YamlError] = YamlError) -> None:
        self.path = path
        self.text = text
        self.error = error
        self.visited = 0
        self._expanding: set[int] = set()

    def fail(self, node: yaml.Node | None, message: str) -> YamlError:
        if node is None:
            return self.error(f"{self.path}: {message}")
        line, column = mark(node)
        return self.error(f"{self.path}:{line}:{column}: {message}")

    def documents(self) -> Iterator[yaml.Node]:
        """Every document of the file (``---`` separated); empty documents are skipped."""
        try:
            for node in yaml.compose_all(self.text, Loader=Loader):
                if node is not None:
                    yield node
        except yaml.YAMLError as exc:
            found = getattr(exc, "problem_mark", None)
            where = f":{found.line + 1}:{found.column + 1}" if found is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise self.error(f"{self.path}{where}: not valid YAML ({without_quoted_text(problem)})") from None
        except RecursionError:
            raise self.error(f"{self.path}: not read: its mappings or lists are nested too deeply") from None

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        """Key and value nodes of a mapping, merge keys (``<<``) applied, duplicate keys refused
        (compose and kubectl both refuse a mapping that repeats a key).

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
                                         "(the file is refused)")
                own[key.value] = (key, value)
            return list({**merged, **own}.values())
        finally:
            self._expanding.discard(id(node))

    def fields(self, node: yaml.Node, what: str) -> dict[str, yaml.Node]:
        return {key.value: value for key, value in self.mapping(node, what)}


@dataclass(frozen=True)
class Variable:
    """One name of a YAML environment, where it is written and what the process receives."""

    key: str
    value: str | None  # None: no value in the file (the tool takes it from elsewhere, or leaves it unset)
    line: int
    column: int
    value_line: int
    value_column: int
    end_line: int
    kept_by: str | None = None  # who passes the value as written (see Entry.kept_by)


def entry(var: Variable, value: str | None, line_shift: int = 0) -> Entry:
    """The env-file entry of a variable (its lines moved by ``line_shift``), with the value it gets."""
    return Entry(
        key=var.key, value=value, raw_value=var.value or "", line=var.line + line_shift, column=var.column,
        value_line=var.value_line + line_shift, value_column=var.value_column, end_line=var.end_line + line_shift,
        bare=var.value is None, quoted=None, inline_comment_column=None, kept_by=var.kept_by,
    )


__all__ = [
    "NULL_TAG",
    "PLAIN_TAG",
    "STR_TAG",
    "Document",
    "Loader",
    "Variable",
    "YamlError",
    "entry",
    "mark",
    "read_text",
    "value_mark",
]
