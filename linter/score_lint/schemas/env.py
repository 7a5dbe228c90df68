"""The editor schema of the environment a Score process receives, one per Score line and provider."""

from __future__ import annotations

from collections.abc import Mapping

from score_lint.catalogue import Catalogue, Setting, Spelling, name_pattern
from score_lint.catalogue.describe import (
    editor_example,
    markdown_description,
    value_choices,
)
from score_lint.schemas.common import BASE_URL, SCHEMA_DRAFT, provider_title_of
from score_lint.values import matches, value_schema


def _editor_keywords(schema: dict[str, object], row: Setting) -> None:
    """Completion help the editors' engines read; none of it changes what validates.

    ``enum`` is deliberately absent (Spring matches values ignoring case, an ``enum`` would not), so the
    choices are ``defaultSnippets`` with a description each rather than ``enumDescriptions``, which the
    engines only read beside an ``enum``; ``examples`` would duplicate those proposals.
    """
    choices = value_choices(row)
    if choices:
        schema["defaultSnippets"] = [{"label": v, "description": d, "body": v} for v, d in choices]
    else:
        example = editor_example(row)
        if example is not None:
            schema["examples"] = [example]


def _setting_schema(row: Setting, line: str) -> dict[str, object]:
    schema: dict[str, object] = {"title": row.name}
    schema.update(value_schema(row.type, line, row.enum))
    _editor_keywords(schema, row)
    schema["description"] = row.description
    schema["markdownDescription"] = markdown_description(row)
    defaults = row.default_values
    unconditional = [d for d in defaults if not d.profiles]
    if unconditional:
        schema["default"] = unconditional[0].value
    if row.type == "secret":
        schema["writeOnly"] = True
    return schema


def _alias_schema(row: Setting, alias: Spelling, base: Mapping[str, object]) -> dict[str, object]:
    schema = {k: v for k, v in base.items() if k not in ("title", "default")}
    schema["title"] = alias.name
    if alias.partial:
        message = (
            f"{alias.name} binds only partly: some of Score's uses of `{row.spring_property}` keep "
            f"their default. Use {row.name}."
        )
    else:
        message = f"{alias.name} binds, but {row.name} is the canonical spelling."
    schema["deprecationMessage"] = message
    schema["doNotSuggest"] = True
    return schema


def minimal_environment(cat: Catalogue, provider: str) -> dict[str, str | None]:
    """The smallest environment that starts Score: storage and controller profiles, every setting the
    docs require under any profile and the storage credentials, valued with the docs' example (None for
    a secret: Score falls back to other credentials without them)."""
    line = cat.line
    storage = [p.name for p in cat.profiles if p.provider == provider and p.role == "storage"]
    controllers = [p.name for p in cat.profiles if p.role == "controllers"]
    env: dict[str, str | None] = {"SPRING_PROFILES_ACTIVE": ",".join(storage[:1] + controllers[:1])}
    for row in cat.for_provider(provider):
        credential = row.type == "secret" and row.providers == (provider,)
        if (row.required or credential) and not row.profiles and not row.family and row.name.upper() not in env:
            example = row.example
            if row.type == "secret" or example is None or not matches(row.type, line, example, row.enum):
                env[row.name] = None
            else:
                env[row.name] = example
    return env


def _snippet_text(value: str | None, stop: int) -> str:
    if value is None:
        return f"${{{stop}}}"
    escaped = value.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
    return f"${{{stop}:{escaped}}}"


def document_snippet(cat: Catalogue, provider: str, shape: str) -> dict[str, object]:
    """A ``defaultSnippets`` entry with the minimal environment, as an env map or a property tree."""
    line = cat.line
    env = minimal_environment(cat, provider)
    label = f"Score {line} on {'S3' if provider == 's3' else 'Azure'}: minimal settings"
    description = "Profiles and required settings; fill in the empty values."
    if shape == "env":
        body: dict[str, object] = {name: _snippet_text(value, i) for i, (name, value) in enumerate(env.items(), 1)}
        return {"label": label, "description": description, "body": body}
    props = {row.name.upper(): row.spring_property for row in cat.for_provider(provider)}
    tree: dict[str, object] = {}
    for i, (name, value) in enumerate(env.items(), 1):
        prop = props.get(name.upper())
        if not prop:
            continue
        node = tree
        *parents, leaf = prop.split(".")
        for part in parents:
            child = node.setdefault(part, {})
            assert isinstance(child, dict)
            node = child
        node[leaf] = _snippet_text(value, i)
    return {"label": label, "description": description, "body": tree}


def build_schema(cat: Catalogue, provider: str) -> dict[str, object]:
    """The JSON Schema of the environment a Score process of ``cat.line`` with ``provider`` storage receives."""
    line = cat.line
    rows = cat.for_provider(provider)
    properties: dict[str, dict[str, object]] = {}
    patterns: dict[str, dict[str, object]] = {}
    required = []
    for row in rows:
        sub = _setting_schema(row, line)
        if row.family:
            patterns[name_pattern(row.name)] = sub
            continue
        properties[row.name] = sub
        if row.required and not row.profiles and not row.default_values:
            required.append(row.name)
    for row in rows:
        for alias in row.aliases:
            if alias.name not in properties:
                properties[alias.name] = _alias_schema(row, alias, properties.get(row.name, {}))
    provider_title = provider_title_of(provider)
    schema: dict[str, object] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{BASE_URL}/{line}/score-{provider}.schema.json",
        "title": f"Score {line} server environment, {provider_title}",
        "description": (
            f"Environment variables a Score {line} server with {provider_title} reads. Generated by "
            "`score-lint schema build` from docs/configuration; do not edit."
        ),
        "type": "object",
        "properties": properties,
        "patternProperties": patterns,
        "additionalProperties": False,
        "required": required,
        "defaultSnippets": [document_snippet(cat, provider, "env")],
    }
    return schema
