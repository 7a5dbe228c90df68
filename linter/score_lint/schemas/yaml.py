"""The YAML homes of the same settings: a compose service's ``environment:`` and Spring's application.yml."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from score_lint.catalogue import Catalogue, Setting, name_pattern
from score_lint.schemas.common import BASE_URL, SCHEMA_DRAFT, provider_title_of
from score_lint.schemas.env import build_schema, document_snippet

SPRING_NAMESPACES = ("spring", "server", "management", "logging")
_SCORE_IMAGE = r"(?:^|/)score-server(?:[:@]|$)"
_SCORE_SERVICE_NAME = "^score(?:-server)?$"
# YAML scalars Spring converts from text as compose or Spring stringify them: YAML `true` reaches Score
# as "true", 8087 as "8087". Types whose text is checked by a pattern take only strings (and null).
_YAML_TYPES = {
    "boolean": ("boolean",),
    "on-unless-false": ("boolean", "number"),
    "int": ("integer",),
    "long": ("integer",),
    "double": ("number",),
    "string": ("number", "boolean"),
    "secret": ("number", "boolean"),
    "list": ("number", "boolean"),
    "profiles": (),
}
_RANGES = {"int": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
# A value that interpolates another variable is only known at run time, so it is not checked.
_PLACEHOLDER = {"compose": "\\$(?:\\{|[A-Za-z_])", "application": "\\$\\{"}
_VALUE_KEYS = ("pattern", "patternErrorMessage", "type")
_DROP_FROM_VALUES = ("$schema",)


def yaml_value_schema(env_schema: Mapping[str, object], shape: str, kind: str) -> dict[str, object]:
    """An env-map value schema rewritten for YAML: the scalar types Score can receive, placeholders allowed.

    ``shape`` is "compose" or "application"; ``pattern`` and ``minimum``/``maximum`` only apply to strings
    and numbers respectively, so a type list needs no ``anyOf`` (whose errors the engines report badly).
    """
    out: dict[str, object] = {}
    for key, value in env_schema.items():
        if key in _DROP_FROM_VALUES:
            continue
        if key == "type":
            types = ["string", *_YAML_TYPES.get(kind, ())]
            if shape == "application" and kind in ("list", "profiles"):
                types.append("array")
            out["type"] = [*types, "null"]
            if kind in _RANGES:
                out["minimum"], out["maximum"] = _RANGES[kind]
            if shape == "application" and kind in ("list", "profiles"):
                out["items"] = {"type": ["string", "number", "boolean"]}
        elif key == "pattern":
            out["pattern"] = f"{value}|{_PLACEHOLDER[shape]}"
        elif key == "default":
            # yaml-language-server fills every `default` into the skeleton it inserts for a parent key,
            # which would copy Score's defaults into the file; offer the default as a value instead.
            if "defaultSnippets" not in env_schema:
                examples = env_schema.get("examples", [])
                assert isinstance(examples, list)
                out["examples"] = [_typed(kind, e) for e in [value, *(e for e in examples if e != value)]]
        elif key == "examples" and isinstance(value, list):
            if "default" not in env_schema:
                out["examples"] = [_typed(kind, e) for e in value]
        elif key == "defaultSnippets" and isinstance(value, list):
            out[key] = [{**snippet, "body": _typed(kind, snippet["body"])} for snippet in value]
        else:
            out[key] = value
    return out


def _typed(kind: str, value: object) -> object:
    """A documented value as a YAML author writes it: `true` and `8087` rather than strings."""
    if isinstance(value, str) and kind in ("boolean", "on-unless-false") and value in ("true", "false"):
        return value == "true"
    if isinstance(value, str) and kind in ("int", "long") and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    return value


def _env_map_for_yaml(env: Mapping[str, object], cat: Catalogue, provider: str) -> dict[str, object]:
    line = cat.line
    kinds = _kinds(cat, provider)
    props = env["properties"]
    patterns = env["patternProperties"]
    assert isinstance(props, Mapping) and isinstance(patterns, Mapping)
    names = [re.escape(n) for n in props] + [p.strip("^$") for p in patterns]
    return {
        "title": f"Score {line} environment ({provider_title_of(provider)})",
        "description": (
            "The variables compose passes to Score: a map (values may be YAML strings, numbers, booleans "
            "or null) or a list of NAME=value strings (only the names are checked)."
        ),
        "type": ["object", "array"],
        "properties": {name: yaml_value_schema(sub, "compose", kinds[name.upper()]) for name, sub in props.items()},
        "patternProperties": {pattern: yaml_value_schema(sub, "compose", kinds[pattern]) for pattern, sub in patterns.items()},
        "additionalProperties": False,
        "items": {
            "type": "string",
            "pattern": "^(?:" + "|".join(names) + ")(?:=|$)",
            "patternErrorMessage": f"Score {line} with {provider_title_of(provider)} reads no variable of this name.",
        },
        "defaultSnippets": env["defaultSnippets"],
    }


def build_compose_schema(cat: Catalogue, provider: str) -> dict[str, object]:
    """A compose file schema that checks the ``environment:`` of the Score service and nothing else.

    The Score service is the one named ``score``/``score-server`` or whose image is ``score-server``;
    other services and keys are left to the compose specification's own schema.
    """
    line = cat.line
    env = build_schema(cat, provider)
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{BASE_URL}/{line}/score-{provider}.compose.schema.json",
        "title": f"Score {line} service in a compose file, {provider_title_of(provider)}",
        "description": (
            f"Checks the environment: map of the Score {line} service (named score or score-server, or "
            "running a score-server image) of a docker compose file. Generated by `score-lint schema build` "
            "from docs/configuration; do not edit."
        ),
        "type": "object",
        "properties": {
            "services": {
                "type": "object",
                "patternProperties": {_SCORE_SERVICE_NAME: {"$ref": "#/definitions/scoreService"}},
                "additionalProperties": {
                    "if": {
                        "type": "object",
                        "required": ["image"],
                        "properties": {"image": {"type": "string", "pattern": _SCORE_IMAGE}},
                    },
                    "then": {"$ref": "#/definitions/scoreService"},
                },
            }
        },
        "definitions": {
            "scoreService": {
                "type": "object",
                "properties": {"environment": {"$ref": "#/definitions/environment"}},
            },
            "environment": _env_map_for_yaml(env, cat, provider),
        },
    }


def spellings(element: str, exact: bool) -> tuple[str, ...]:
    """The YAML keys Spring binds for one element of a property name, canonical (kebab) first.

    A camelCase ``@Value`` placeholder is looked up by its exact name; a ``@ConfigurationProperties``
    element binds in kebab, camelCase and underscore notation alike.
    """
    if exact or "-" not in element:
        return (element,)
    words = element.split("-")
    camel = words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    return (element, camel, "_".join(words))


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    exact: dict[str, bool] = field(default_factory=dict)
    leaf: dict[str, object] | None = None
    family: dict[str, object] | None = None  # value schema of an open family such as logging.level.<logger>


def _leaf_schema(row: Setting, env_schema: Mapping[str, object]) -> dict[str, object]:
    value = yaml_value_schema(env_schema, "application", row.type)
    prop = row.spring_property
    value["title"] = prop
    md = value.get("markdownDescription")
    if isinstance(md, str):
        value["markdownDescription"] = md + f" · **Environment:** `{row.name}`"
    return value


def _emit(node: _Node, path: tuple[str, ...]) -> dict[str, object]:
    if node.leaf is not None and not node.children:
        return node.leaf
    open_namespace = bool(path) and path[0] in SPRING_NAMESPACES
    properties: dict[str, object] = {}
    # Other spellings are accepted through exact-match patterns: the engines neither complete them nor
    # put them in the skeleton they insert for a parent key, as they would from `properties`.
    others: dict[str, object] = {}
    for element, child in node.children.items():
        sub = _emit(child, (*path, element))
        names = spellings(element, node.exact[element])
        properties[names[0]] = sub
        for other in names[1:]:
            others.setdefault(_exactly(other), sub)
    for dotted, sub in _dotted_leaves(node, ()):
        others.setdefault(_exactly(dotted), sub)
    schema: dict[str, object] = {}
    if path and not open_namespace:
        schema["type"] = "object"
    if path:
        schema["title"] = ".".join(path)
    schema["properties"] = properties
    if others:
        schema["patternProperties"] = others
    if node.family is not None:
        family = dict(node.family)
        family["type"] = [*family.get("type", ["string"]), "object"]  # type: ignore[misc]
        schema["additionalProperties"] = family
    elif not open_namespace:
        schema["additionalProperties"] = False
    return schema


def _exactly(key: str) -> str:
    """A pattern that matches only ``key`` (keys hold letters, digits, ``_``, ``-`` and ``.``)."""
    return "^" + key.replace(".", "\\.") + "$"


def _dotted_leaves(node: _Node, prefix: tuple[str, ...]) -> Iterator[tuple[str, dict[str, object]]]:
    """``bucket.name.object: x`` written flat: Spring reads a dotted YAML key like the nested one."""
    for element, child in node.children.items():
        here = (*prefix, element)
        if child.leaf is not None and len(here) > 1:
            yield ".".join(here), child.leaf
        yield from _dotted_leaves(child, here)


def build_application_schema(cat: Catalogue, provider: str) -> dict[str, object]:
    """Spring ``application.yml``/``application-<profile>.yml`` for Score: the nested property tree."""
    line = cat.line
    env = build_schema(cat, provider)
    env_props = env["properties"]
    env_patterns = env["patternProperties"]
    assert isinstance(env_props, Mapping) and isinstance(env_patterns, Mapping)
    root = _Node()
    for row in cat.for_provider(provider):
        prop = row.spring_property
        if not prop:
            continue
        exact = any(ch.isupper() for ch in prop)
        *parents, last = prop.split(".")
        node = root
        for part in parents:
            node.exact.setdefault(part, exact)
            node = node.children.setdefault(part, _Node())
        if row.family:
            sub = env_patterns[name_pattern(row.name)]
            assert isinstance(sub, Mapping)
            node.family = _leaf_schema(row, sub)
            continue
        sub = env_props[row.name]
        assert isinstance(sub, Mapping)
        node.exact.setdefault(last, exact)
        node.children.setdefault(last, _Node()).leaf = _leaf_schema(row, sub)
    schema: dict[str, object] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{BASE_URL}/{line}/score-{provider}.application.schema.json",
        "title": f"Score {line} application.yml, {provider_title_of(provider)}",
        "description": (
            f"Spring application.yml (or application-<profile>.yml) of a Score {line} server with "
            f"{provider_title_of(provider)}. Generated by `score-lint schema build` from docs/configuration; "
            "do not edit."
        ),
    }
    schema.update(_emit(root, ()))
    schema["type"] = "object"
    schema["defaultSnippets"] = [document_snippet(cat, provider, "tree")]
    return schema




def _kinds(cat: Catalogue, provider: str) -> dict[str, str]:
    """The value type of every name and family pattern the env schema lists (aliases share theirs)."""
    kinds: dict[str, str] = {}
    for row in cat.for_provider(provider):
        if row.family:
            kinds[name_pattern(row.name)] = row.type
            continue
        kinds[row.name.upper()] = row.type
        for alias in row.aliases:
            kinds.setdefault(alias.name.upper(), row.type)
    return kinds
