"""The editor-facing schemas: keywords the engines read, the compose and application.yml shapes, the catalog."""

from __future__ import annotations

from score_lint.findings import Severity
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from score_lint import schemagen
from score_lint.lines import LINES, PROVIDERS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema"
SHAPES = ("schema", "compose.schema", "application.schema")
ALL = [(line, provider, shape) for line in LINES for provider in PROVIDERS for shape in SHAPES]
# Keywords some engine ignores: relying on them would make editors disagree with score-lint.
UNSAFE = ("dependentRequired", "unevaluatedProperties", "format", "$defs", "const", "dependentSchemas")


def load(line: str, provider: str, shape: str = "schema") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA / line / f"score-{provider}.{shape}.json").read_text(encoding="utf-8"))
    return data


def walk(node: object, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema (dicts below schema keywords, not inside x-score or snippet bodies)."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("x-score", "defaultSnippets", "default", "examples"):
                continue
            if key in ("properties", "patternProperties", "definitions"):
                for name, sub in value.items():
                    yield from walk(sub, f"{path}/{key}/{name}")
            elif isinstance(value, (dict, list)):
                yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from walk(item, f"{path}/{i}")


def unsnippet(text: str) -> str:
    """``${2:http://minio:9000}`` -> ``http://minio:9000``."""
    return re.sub(r"^\$\{[0-9]+:?(.*)\}$", r"\1", text)


def validator(line: str, provider: str, shape: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(load(line, provider, shape))


def errors(line: str, provider: str, shape: str, instance: object) -> list[str]:
    """The JSON paths (dotted) of the values the schema rejects."""
    found = validator(line, provider, shape).iter_errors(instance)
    out = []
    for error in found:
        if error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
            names = [k for k in error.instance if k not in known and not any(p.search(k) for p in patterns)]
            out.extend(".".join([*map(str, error.absolute_path), n]) for n in names)
        else:
            out.append(".".join(map(str, error.absolute_path)))
    return sorted(out)


@pytest.mark.parametrize(("line", "provider", "shape"), ALL)
def test_every_schema_is_draft7_with_editor_keywords_in_place(line: str, provider: str, shape: str) -> None:
    schema = load(line, provider, shape)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == f"{schemagen.BASE_URL}/{line}/score-{provider}.{shape}.json"
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema.get("defaultSnippets") or shape == "compose.schema"
    for path, sub in walk(schema):
        for keyword in UNSAFE:
            assert keyword not in sub, f"{path} uses {keyword}"
        assert "enum" not in sub, f"{path}: an enum would be case-sensitive, Spring is not"
        assert "enumDescriptions" not in sub, f"{path}: enumDescriptions without enum is ignored"
        if "deprecationMessage" in sub:
            assert sub.get("doNotSuggest") is True, path
        if "pattern" in sub and "/if/" not in path:
            assert sub.get("patternErrorMessage"), f"{path}: pattern without patternErrorMessage"
            re.compile(sub["pattern"])
        if "x-score" in sub and "description" in sub and path != "#":
            assert sub.get("markdownDescription"), path
        for snippet in sub.get("defaultSnippets", ()):
            assert {"label", "body"} <= set(snippet), path


def test_choices_of_enum_like_settings_are_snippets_with_help() -> None:
    env = load("5.11", "s3")["properties"]
    labels = {s["label"]: s["description"] for s in env["S3_SECURED"]["defaultSnippets"]}
    assert set(labels) == {"true", "false"} and all(labels.values())
    assert [s["label"] for s in env["AUTH_SERVER_PROVIDER"]["defaultSnippets"]] == ["ego", "keycloak"]
    assert "examples" not in env["S3_SECURED"]
    assert env["S3_ENDPOINT"]["examples"] == ["http://minio:9000"]
    assert "examples" not in env["S3_ACCESSKEY"], "never suggest a secret"
    app = load("5.11", "s3", "application.schema")["properties"]["s3"]["properties"]["secured"]
    assert [s["body"] for s in app["defaultSnippets"]] == [True, False]
    # yaml-language-server would copy every `default` into the skeleton of a parent key: offered as a value.
    assert "default" not in app
    timeout = load("5.11", "s3", "application.schema")["properties"]["upload"]["properties"]["connection"]
    assert timeout["properties"]["timeout"]["examples"] == [15000, 60000]
    s3 = load("5.11", "s3", "application.schema")["properties"]["s3"]
    assert "accessKey" not in s3["properties"] and "^accessKey$" in s3["patternProperties"]


@pytest.mark.parametrize(("line", "provider"), [(x, p) for x in LINES for p in PROVIDERS])
def test_document_snippet_is_a_working_minimal_environment(line: str, provider: str) -> None:
    snippet = load(line, provider)["defaultSnippets"][0]
    text = "".join(f"{name}={unsnippet(value) or 'placeholder-value'}\n" for name, value in snippet["body"].items())
    result = lint_bytes(text.encode(), "snippet.env", Options(line=line, provider=provider))
    # develop with Azure does not start whatever the file says (SL505, facts addendum 8): no snippet can help.
    wrong = [(f.code, f.key) for f in result.findings if f.severity is not Severity.INFO]
    assert [w for w in wrong if not (w[0] == "SL505" and (line, provider) == ("develop", "azure"))] == []
    app = load(line, provider, "application.schema")["defaultSnippets"][0]["body"]
    assert app["spring"]["profiles"]["active"] == snippet["body"]["SPRING_PROFILES_ACTIVE"]


# --- compose -------------------------------------------------------------------------------------


def compose(environment: object, service: str = "score", image: str = "ghcr.io/overture-stack/score-server:5.11.0") -> dict[str, Any]:
    return {"services": {service: {"image": image, "environment": environment}, "song": {"environment": {"ANY": 1}}}}


GOOD_COMPOSE = {
    "SPRING_PROFILES_ACTIVE": "collaboratory,prod",
    "SERVER_PORT": 8087,
    "S3_ENDPOINT": "http://minio:9000",
    "S3_ACCESS_KEY": "${MINIO_USER}",
    "S3_SECURED": False,
    "S3_SIGV4ENABLED": "true",
    "UPLOAD_CLEAN_ENABLED": True,
    "UPLOAD_CONNECTION_TIMEOUT": 1200000,
    "UPLOAD_CLEAN_CRON": "0 0 0 * * ?",
    "BUCKET_NAME_OBJECT": "score-object",
    "METADATA_URL": None,
    "LOGGING_LEVEL_ROOT": "debug",
}


def test_compose_accepts_yaml_scalars_as_compose_stringifies_them() -> None:
    assert errors("5.11", "s3", "compose.schema", compose(GOOD_COMPOSE)) == []
    listed = [f"{k}={v}" for k, v in GOOD_COMPOSE.items()]
    assert errors("5.11", "s3", "compose.schema", compose(listed)) == []


def test_compose_flags_names_and_values_of_the_score_service_only() -> None:
    bad = {
        **GOOD_COMPOSE,
        "S3_SIGV4_ENABLED": "true",
        "S3_SECURED": "maybe",
        "SERVER_PORT": 99999999999,
        "UPLOAD_PARTSIZE": True,
        "UPLOAD_CLEAN_CRON": "0 0 * * *",
    }
    env = "services.score.environment"
    assert errors("5.11", "s3", "compose.schema", compose(bad)) == sorted(
        f"{env}.{k}" for k in ("S3_SIGV4_ENABLED", "S3_SECURED", "SERVER_PORT", "UPLOAD_PARTSIZE", "UPLOAD_CLEAN_CRON")
    )
    by_image = compose(bad, service="storage", image="overture/score-server@sha256:abc")
    assert len(errors("5.11", "s3", "compose.schema", by_image)) == 5
    other = compose(bad, service="storage", image="overture/score:5.11.0")
    assert errors("5.11", "s3", "compose.schema", other) == []
    assert errors("5.11", "s3", "compose.schema", compose(["S3_SIGV4_ENABLED=true"])) == [f"{env}.0"]


def test_compose_follows_the_line(corpus: Path) -> None:
    text = (corpus / "envs" / "overture-stack__prelude__main__docker-compose.yml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    flagged = errors("develop", "s3", "compose.schema", document)
    assert flagged == ["services.score.environment.S3_PRESIGNEDURL_BASEURL"]
    env = (corpus / "envs" / "overture-stack__prelude__main__docker-compose.yml.score.env").read_bytes()
    result = lint_bytes(env, "score.env", Options(line="develop", dialect="compose", provider="s3"))
    assert "S3_PRESIGNEDURL_BASEURL" in {f.key for f in result.findings}


# --- application.yml -----------------------------------------------------------------------------

GOOD_APPLICATION = """
spring:
  profiles:
    active: collaboratory,prod
  datasource:
    url: jdbc:h2:mem:anything-spring-knows
server:
  port: 8087
  ssl:
    key-store-password: ${KEYSTORE_PASSWORD}
s3:
  endpoint: http://minio:9000
  access-key: admin
  secretKey: admin123
  sig_v4_enabled: true
  secured: "false"
  preSignedUrl:
    override:
      host: https://objects.example.org
bucket.name.object: score-object
bucket:
  name:
    state: score-state
upload:
  connection:
    timeout: 60000
  clean:
    cron: 0 0 0 * * ?
logging:
  level:
    root: INFO
    bio.overture.score: debug
    org:
      springframework: WARN
metadata:
  url: http://song:8080
"""


def test_application_accepts_the_spellings_spring_binds_in_yaml() -> None:
    assert errors("5.11", "s3", "application.schema", yaml.safe_load(GOOD_APPLICATION)) == []


def test_application_flags_what_spring_would_not_bind_or_convert() -> None:
    bad = yaml.safe_load(GOOD_APPLICATION)
    bad["s3"]["pre-signed-url"] = {"override": {"host": "https://x.example.org"}}
    bad["s3"]["sig-v4_enabled"] = True  # kebab and underscore mixed: not one of the spellings offered
    bad["s3"]["secured"] = "maybe"
    bad["server"]["port"] = "eighty"
    bad["upload"]["clean"]["cron"] = "0 0 * * *"
    bad["amazon"] = {"endpoint": "x"}
    got = errors("5.11", "s3", "application.schema", bad)
    assert got == sorted(
        ["s3.pre-signed-url", "s3.sig-v4_enabled", "s3.secured", "server.port", "upload.clean.cron", "amazon"]
    )


def test_application_camel_case_value_placeholders_bind_only_exactly() -> None:
    on_510 = {"auth": {"server": {"clientId": "score", "tokenName": "token"}}}
    assert errors("5.10", "s3", "application.schema", on_510) == []
    assert errors("5.10", "s3", "application.schema", {"auth": {"server": {"client-id": "score"}}}) == ["auth.server.client-id"]
    assert errors("5.11", "s3", "application.schema", {"auth": {"server": {"client-id": "score", "clientId": "x"}}}) == []


# --- catalog -------------------------------------------------------------------------------------


def test_catalog_is_schemastore_shaped_and_points_at_every_schema() -> None:
    catalog = json.loads((SCHEMA / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["$schema"] == "https://json.schemastore.org/schema-catalog.json"
    assert catalog["version"] == 1
    seen = set()
    for entry in catalog["schemas"]:
        assert set(entry) <= {"name", "description", "fileMatch", "url", "versions"}
        assert entry["name"] and entry["description"]
        assert entry["url"] == entry["versions"]["5.11"]
        assert list(entry["versions"]) == list(LINES)
        for url in entry["versions"].values():
            rel = url.removeprefix(schemagen.BASE_URL + "/")
            assert json.loads((SCHEMA / rel).read_text(encoding="utf-8"))["$id"] == url
            seen.add(rel)
    assert seen == {f"{line}/score-{provider}.{shape}.json" for line, provider, shape in ALL}
    globs = [g for entry in catalog["schemas"] for g in entry.get("fileMatch", ())]
    assert len(globs) == len(set(globs)), "two entries claim the same files"
