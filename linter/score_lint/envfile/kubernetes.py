"""Read the containers of Kubernetes manifests and the environment each one receives.

A manifest file holds one or more YAML documents (``---``), as ``helm template`` prints them or a GitOps
repository keeps them. The workloads read here are ``Pod``, ``Deployment``, ``StatefulSet``,
``DaemonSet``, ``ReplicaSet``, ``Job`` and ``CronJob`` (and the items of a ``List``); each of their
containers and init containers is a ``Container`` with its ``env:`` and ``envFrom:``.

What the container's process receives, as the kubelet builds it:

* ``value:`` is passed verbatim: no quote stripping, no comments (a ``#`` in YAML is YAML's), no
  trimming. The manifest's YAML is read as ``kubectl`` reads it (YAML 1.1 via sigs.k8s.io/yaml):
  ``value: 8080`` or ``value: yes`` is a number or a boolean, not text, and the API server refuses the
  object, so score-lint refuses the file (``ManifestError``) naming the line. No ``value:`` (or
  ``null``) is an empty value.
* ``$(VAR)`` in a value is replaced by the value of ``VAR`` if an earlier entry of the same container
  (or an ``envFrom`` source) defines it; ``$$`` is a literal ``$`` (so ``$$(VAR)`` is the text
  ``$(VAR)``); a reference to a name defined nowhere stays as written.
* ``valueFrom:`` (a secret, a config map, a field of the pod) and ``envFrom:`` are filled in when the
  pod starts: score-lint never fetches them. Such an entry gets ``Entry.elsewhere`` (where its value
  comes from) and a stand-in value that no rule mistakes for a real one; ``envFrom`` sources are listed
  on the container.
* When a name is given twice the last entry wins, and ``env:`` wins over ``envFrom:``.

``env_file`` turns a container into an ``EnvFile`` of dialect ``kubernetes`` whose lines are the
manifest's, so findings point at the manifest: a name at its ``name:`` line, a value at its ``value:``
line. The containers of one manifest share its lines through a ``Manifest``, split once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import yaml

from score_lint.envfile.syntax import Entry, EnvFile, _split_lines
from score_lint.envfile.yamlnodes import (
    NULL_TAG,
    PLAIN_TAG,
    STR_TAG,
    Document,
    Variable,
    YamlError,
    entry,
    mark,
    read_text,
    value_mark,
)
from score_lint.records import replace

# Where each kind keeps its pod spec.
POD_SPEC_PATHS: Mapping[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}

# yaml.v2 (what kubectl's sigs.k8s.io/yaml reads with) resolves these plain scalars to non-strings.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = frozenset(
    ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"]
)
_SPECIAL_FLOATS = frozenset(
    [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"]
)
_GO_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


class ManifestError(YamlError):
    """A manifest that cannot be read, or that the Kubernetes API server would refuse."""


@dataclass(frozen=True)
class Source:
    """An ``envFrom`` source: every key of a config map or secret becomes a variable."""

    kind: str  # "config map" or "secret"
    name: str
    prefix: str
    line: int
    column: int
    optional: bool

    def describe(self) -> str:
        return f"{self.kind} {self.name}" + (f" (prefix {self.prefix})" if self.prefix else "")


@dataclass(frozen=True)
class EnvVar:
    """One ``env:`` item: where it is written, what the process receives, or where it comes from."""

    variable: Variable
    elsewhere: str | None = None  # the value is filled in when the pod starts, from there


@dataclass(frozen=True)
class Container:
    kind: str  # of the workload: Deployment, CronJob...
    workload: str  # its metadata.name
    name: str
    line: int
    column: int
    image: str
    image_line: int
    init: bool
    env: tuple[EnvVar, ...]
    env_from: tuple[Source, ...]

    @property
    def where(self) -> str:
        return f"{self.kind}/{self.workload}"


def _plain_kind(text: str) -> str:
    """What yaml.v2 makes of a plain scalar: ``null``, ``bool``, ``number`` or ``string``."""
    if text in _NULLS:
        return "null"
    if text in _BOOLS:
        return "bool"
    if text in _SPECIAL_FLOATS:
        return "number"
    plain = text.replace("_", "")
    if _GO_INT.match(plain) or _YAML_FLOAT.match(plain):
        return "number"
    return "string"


def _scalar_kind(node: yaml.ScalarNode) -> str:
    if node.tag == STR_TAG:
        return "string"
    if node.tag == NULL_TAG:
        return "null"
    if node.tag == PLAIN_TAG:
        return _plain_kind(node.value)
    if node.tag.startswith("tag:yaml.org,2002:"):
        return {"tag:yaml.org,2002:bool": "bool", "tag:yaml.org,2002:int": "number",
                "tag:yaml.org,2002:float": "number"}.get(node.tag, "string")
    return "string"


def expand(text: str, lookup: Mapping[str, str | None]) -> tuple[str, tuple[str, ...]]:
    """Kubernetes' ``$(VAR)`` expansion of ``text`` (third_party/forked/golang/expansion), and the names
    whose value is unknown here (``lookup`` maps them to None): the result holds them unexpanded."""
    out: list[str] = []
    unknown: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char != "$" or i + 1 >= n:
            out.append(char)
            i += 1
            continue
        following = text[i + 1]
        if following == "$":
            out.append("$")  # an escaped '$'
            i += 2
            continue
        if following == "(":
            close = text.find(")", i + 2)
            if close < 0:
                out.append("$(")  # an unclosed reference is kept as written
                i += 2
                continue
            name = text[i + 2 : close]
            if name in lookup:
                value = lookup[name]
                if value is None:
                    unknown.append(name)
                    out.append(f"$({name})")
                else:
                    out.append(value)
            else:
                out.append(f"$({name})")  # defined nowhere: Kubernetes leaves the reference
            i = close + 1
            continue
        out.append("$" + following)
        i += 2
    return "".join(out), tuple(unknown)


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def text(self, node: yaml.Node | None, what: str) -> str:
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode) or _scalar_kind(node) not in ("string", "null"):
            raise self.doc.fail(node, f"{what} must be text")
        return "" if _scalar_kind(node) == "null" else node.value

    def at(self, node: yaml.Node, path: Sequence[str]) -> yaml.Node | None:
        for step in path:
            if not isinstance(node, yaml.MappingNode):
                return None
            found = self.doc.fields(node, "the manifest").get(step)
            if found is None:
                return None
            node = found
        return node

    def objects(self, root: yaml.Node) -> Iterator[yaml.MappingNode]:
        if not isinstance(root, yaml.MappingNode):
            return
        fields = self.doc.fields(root, "the manifest")
        kind = fields.get("kind")
        if isinstance(kind, yaml.ScalarNode) and kind.value == "List" and isinstance(fields.get("items"), yaml.SequenceNode):
            for item in fields["items"].value:
                yield from self.objects(item)
            return
        yield root

    def containers(self, obj: yaml.MappingNode) -> Iterator[Container]:
        fields = self.doc.fields(obj, "the manifest")
        kind_node = fields.get("kind")
        kind = kind_node.value if isinstance(kind_node, yaml.ScalarNode) else ""
        path = POD_SPEC_PATHS.get(kind)
        if path is None:
            return
        metadata = fields.get("metadata")
        name = ""
        if isinstance(metadata, yaml.MappingNode):
            name = self.text(self.doc.fields(metadata, "metadata").get("name"), "metadata.name")
        spec = self.at(obj, path)
        if not isinstance(spec, yaml.MappingNode):
            return
        spec_fields = self.doc.fields(spec, "the pod spec")
        for key, init in (("initContainers", True), ("containers", False)):
            listed = spec_fields.get(key)
            if listed is None or (isinstance(listed, yaml.ScalarNode) and _scalar_kind(listed) == "null"):
                continue
            if not isinstance(listed, yaml.SequenceNode):
                raise self.doc.fail(listed, f"{key} must be a list")
            for item in listed.value:
                yield self.container(kind, name, item, init)

    def container(self, kind: str, workload: str, node: yaml.Node, init: bool) -> Container:
        fields = self.doc.fields(node, "a container")
        name_node = fields.get("name")
        name = self.text(name_node, "a container's name")
        line, column = mark(name_node if name_node is not None else node)
        image_node = fields.get("image")
        image = self.text(image_node, f"the image of container {name}")
        image_line = mark(image_node)[0] if image_node is not None else line
        sources = self.sources(fields.get("envFrom"))
        env = self.env(fields.get("env"), sources)
        return Container(kind, workload, name, line, column, image, image_line, init, env, sources)

    def sources(self, node: yaml.Node | None) -> tuple[Source, ...]:
        if node is None or (isinstance(node, yaml.ScalarNode) and _scalar_kind(node) == "null"):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.doc.fail(node, "envFrom must be a list")
        out = []
        for item in node.value:
            fields = self.doc.fields(item, "an envFrom item")
            prefix = self.text(fields.get("prefix"), "envFrom prefix")
            for key, kind in (("configMapRef", "config map"), ("secretRef", "secret")):
                ref = fields.get(key)
                if ref is None:
                    continue
                ref_fields = self.doc.fields(ref, key)
                optional = ref_fields.get("optional")
                line, column = mark(item)
                out.append(Source(kind, self.text(ref_fields.get("name"), f"{key}.name"), prefix, line, column,
                                  isinstance(optional, yaml.ScalarNode) and optional.value == "true"))
        return tuple(out)

    def env(self, node: yaml.Node | None, sources: Sequence[Source]) -> tuple[EnvVar, ...]:
        if node is None or (isinstance(node, yaml.ScalarNode) and _scalar_kind(node) == "null"):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.doc.fail(node, "env must be a list of name/value items")
        # Names defined so far, with their values (None: unknown here). envFrom is read first.
        defined: dict[str, str | None] = {}
        out: list[EnvVar] = []
        for item in node.value:
            keys = {k.value: k for k, _ in self.doc.mapping(item, "an env item")}
            fields = self.doc.fields(item, "an env item")
            name_node = fields.get("name")
            if name_node is None:
                raise self.doc.fail(item, "an env item has no name (the API server refuses it)")
            key = self.text(name_node, "an env item's name")
            line, column = mark(name_node)
            value_node = fields.get("value")
            from_node = fields.get("valueFrom")
            if from_node is not None and value_node is not None:
                raise self.doc.fail(item, f"env {key} has both value and valueFrom (the API server refuses it)")
            if from_node is not None:
                elsewhere = self.value_from(from_node, key)
                vline, vcolumn = mark(keys["valueFrom"])
                var = Variable(key, f"<{elsewhere}>", line, column, vline, vcolumn, from_node.end_mark.line + 1)
                out.append(EnvVar(var, elsewhere))
                defined[key] = None
                continue
            if value_node is None:
                text = ""
                vline, vcolumn = line, column + len(key)
                end = line
            else:
                if not isinstance(value_node, yaml.ScalarNode):
                    raise self.doc.fail(value_node, f"env {key}: value must be text")
                kind = _scalar_kind(value_node)
                if kind in ("bool", "number"):
                    raise self.doc.fail(
                        value_node,
                        f"env {key}: value {value_node.value} is a {'boolean' if kind == 'bool' else 'number'} "
                        f"in YAML and Kubernetes accepts only text there (the API server refuses the manifest); "
                        f"quote it: \"{value_node.value}\"",
                    )
                text = "" if kind == "null" else value_node.value
                vline, vcolumn = value_mark(value_node)
                end = value_node.end_mark.line + 1
            lookup: dict[str, str | None] = dict(defined)
            if sources:
                # A name no env item defines may come from an envFrom source: unknown here.
                names = set(re.findall(r"\$\(([^)]*)\)", text))
                lookup.update({n: None for n in names if n not in lookup})
            value, unknown = expand(text, lookup) if "$" in text else (text, ())
            if unknown:
                origins = ", ".join(dict.fromkeys(self.origin(u, out, sources) for u in unknown))
                elsewhere = f"$({unknown[0]}) in its value ({origins})" if len(unknown) == 1 else (
                    f"{', '.join(f'$({u})' for u in unknown)} in its value ({origins})")
                var = Variable(key, f"<{elsewhere}>", line, column, vline, vcolumn, end)
                out.append(EnvVar(var, elsewhere))
                defined[key] = None
                continue
            out.append(EnvVar(Variable(key, value, line, column, vline, vcolumn, end)))
            defined[key] = value
        return tuple(out)

    @staticmethod
    def origin(name: str, earlier: Sequence[EnvVar], sources: Sequence[Source]) -> str:
        for var in reversed(earlier):
            if var.variable.key == name and var.elsewhere is not None:
                return f"{name} is set from {var.elsewhere}"
        return f"{name} may come from {', '.join(s.describe() for s in sources)}"

    def value_from(self, node: yaml.Node, key: str) -> str:
        fields = self.doc.fields(node, f"valueFrom of {key}")
        for ref, what in (("secretKeyRef", "secret"), ("configMapKeyRef", "config map")):
            if ref in fields:
                ref_fields = self.doc.fields(fields[ref], ref)
                name = self.text(ref_fields.get("name"), f"{ref}.name")
                item = self.text(ref_fields.get("key"), f"{ref}.key")
                return f"{what} {name}, key {item}"
        if "fieldRef" in fields:
            path = self.text(self.doc.fields(fields["fieldRef"], "fieldRef").get("fieldPath"), "fieldRef.fieldPath")
            return f"the pod's field {path}"
        if "resourceFieldRef" in fields:
            resource = self.text(self.doc.fields(fields["resourceFieldRef"], "resourceFieldRef").get("resource"),
                                 "resourceFieldRef.resource")
            return f"the container's {resource}"
        raise self.doc.fail(node, f"valueFrom of {key} names no source Kubernetes knows")


def read(path: str | os.PathLike[str], name: str | None = None) -> tuple[str, list[Container]]:
    """The text of a manifest file (``-``: standard input) and its containers, in file order."""
    text = read_text(path, ManifestError)
    return text, containers(text, name or os.fspath(path))


def containers(text: str, path: str = "<string>") -> list[Container]:
    """Every container of every workload in the manifest text, in file order."""
    reader = _Reader(Document(path, text, ManifestError))
    return [
        container
        for root in reader.doc.documents()
        for obj in reader.objects(root)
        for container in reader.containers(obj)
    ]


class Manifest:
    """A manifest's text as the environments of all its containers share it: split into lines and encoded
    once, when first asked.

    Each container's env file split and encoded the whole manifest again: 2,000 Deployments took 6 s.
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    @cached_property
    def lines(self) -> tuple[str, ...]:
        return _split_lines(self.text)

    @cached_property
    def data(self) -> bytes:
        return self.text.encode("utf-8", "surrogateescape")


def env_file(container: Container, manifest: Manifest) -> EnvFile:
    """The environment of ``container`` as an env file whose lines (shared, not copied) are the manifest's."""
    entries: list[Entry] = []
    for var in container.env:
        entries.append(replace(entry(var.variable, var.variable.value), bare=False, elsewhere=var.elsewhere))
    return EnvFile(path=manifest.path, dialect="kubernetes", text=manifest.text,
                   lines=manifest.lines, entries=tuple(entries), problems=(), raw=manifest.data)


__all__ = ["POD_SPEC_PATHS", "Container", "EnvVar", "Manifest", "ManifestError", "Source", "containers", "env_file",
           "expand", "read"]
