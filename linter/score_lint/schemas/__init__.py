"""The editor JSON Schemas, generated from the catalogue: env maps, compose services, application.yml.

Each line and provider gets three schemas (draft-07, the draft VS Code's JSON service,
yaml-language-server and JetBrains agree on): the env map (``score-<provider>.schema.json``), the
``environment:`` of the Score service in a compose file (``.compose.schema.json``) and Spring's
``application.yml`` property tree (``.application.schema.json``); ``catalog.json`` lists them in
SchemaStore's catalog format. Nothing in score-lint reads them back: they are for editors.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from score_lint.catalogue import Catalogue
from score_lint.generated import BuildResult, sync
from score_lint.lines import DEFAULT_LINE, LINES, PROVIDERS
from score_lint.schemas.common import BASE_URL, provider_title_of
from score_lint.schemas.env import build_schema
from score_lint.schemas.yaml import build_application_schema, build_compose_schema

# (file suffix, name, description, fileMatch per provider). A pattern claims only files that can hold nothing
# but Score's settings: the env-map files the docs name, and Spring's application.yml under a score-server
# folder, where Score keeps it (application-azure.yml is what Spring reads with the azure profile). No name
# singles out a compose file that runs Score (they are docker-compose.yml beside every other service), so
# the compose schemas claim none: claiming docker-compose.yml would apply the S3 and the Azure schema,
# which contradict each other, to every compose file; editors map them in their settings.
_KINDS: tuple[tuple[str, str, str, dict[str, tuple[str, ...]]], ...] = (
    (
        "schema",
        "Score server environment ({label})",
        "Environment variables of an Overture Score server with {title}, as a JSON or YAML map.",
        {
            "s3": tuple(f"{stem}.{ext}" for ext in ("json", "yaml", "yml") for stem in ("score-env", "*.score-env")),
            "azure": tuple(f"{stem}.{ext}" for ext in ("json", "yaml", "yml") for stem in ("score-azure-env", "*.score-azure-env")),
        },
    ),
    (
        "compose.schema",
        "Score service in docker compose ({label})",
        "The environment: map of the Overture Score service (score-server image) in a compose file, {title}.",
        {"s3": (), "azure": ()},
    ),
    (
        "application.schema",
        "Score application.yml ({label})",
        "Spring application.yml of an Overture Score server with {title}.",
        {
            "s3": (
                "**/score-server/**/application.yml",
                "**/score-server/**/application-*.yml",
                "!**/score-server/**/application-azure.yml",
            ),
            "azure": ("**/score-server/**/application-azure.yml",),
        },
    ),
)
CATALOG_LINE = DEFAULT_LINE  # what `url` points at; `versions` lists every line


def build_catalog() -> dict[str, object]:
    """The schemas in SchemaStore's catalog format, one entry per kind and provider."""
    schemas = []
    for suffix, name, description, file_match in _KINDS:
        for provider in PROVIDERS:
            label = "S3" if provider == "s3" else "Azure"
            versions = {line: f"{BASE_URL}/{line}/score-{provider}.{suffix}.json" for line in LINES}
            entry: dict[str, object] = {
                "name": name.format(label=label),
                "description": description.format(title=provider_title_of(provider)),
            }
            if file_match[provider]:
                entry["fileMatch"] = list(file_match[provider])
            entry["url"] = versions[CATALOG_LINE]
            entry["versions"] = versions
            schemas.append(entry)
    return {"$schema": "https://json.schemastore.org/schema-catalog.json", "version": 1, "schemas": schemas}


def dump(schema: Mapping[str, object]) -> str:
    """Deterministic bytes: insertion order (doc order), two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def build_all(catalogues: Mapping[str, Catalogue]) -> dict[str, str]:
    """``{"5.11/score-s3.schema.json": text, ...}`` for every line and provider and shape, plus the catalog."""
    out = {}
    for line, cat in catalogues.items():
        for provider in PROVIDERS:
            out[f"{line}/score-{provider}.schema.json"] = dump(build_schema(cat, provider))
            out[f"{line}/score-{provider}.compose.schema.json"] = dump(build_compose_schema(cat, provider))
            out[f"{line}/score-{provider}.application.schema.json"] = dump(build_application_schema(cat, provider))
    out["catalog.json"] = dump(build_catalog())
    return out


def write_or_check(files: Mapping[str, str], out: Path, check: bool) -> BuildResult:
    """Write the catalogues and schemas under ``out``, or in check mode report the stale ones."""
    previous = (
        [p.relative_to(out).as_posix()
         for p in sorted([*out.glob("*/score-*.json"), *out.glob("*/catalogue.json"), *out.glob("catalogue_*.py")])]
        if out.is_dir()
        else []
    )
    return sync(files, out, check, previous)
