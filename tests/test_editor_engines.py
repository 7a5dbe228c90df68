"""The generated schemas inside the real editor engines: vscode-json-languageservice and yaml-language-server.

`tests/editors/` pins both in a lockfile; `npm ci` installs them once into `tests/editors/node_modules`
and `engines.js` prints what they report. The tests hold the engines to score-lint's verdict: the same
names and values flagged for the same content, nothing flagged on correct documents, and the docs'
descriptions in hover and completion. Skipped when Node.js is not installed.
"""

from __future__ import annotations

from score_lint.findings import Severity
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from score_lint.lines import LINES, PROVIDERS

ROOT = Path(__file__).resolve().parent.parent
EDITORS = ROOT / "tests" / "editors"
SCHEMA = ROOT / "schema"
SHAPES = ("schema", "compose.schema", "application.schema")

pytestmark = pytest.mark.skipif(shutil.which("node") is None or shutil.which("npm") is None, reason="Node.js is not installed")


@pytest.fixture(scope="module")
def engines() -> Iterator[None]:
    """`npm ci` once: reinstall only when the lockfile changed since the last install."""
    installed = EDITORS / "node_modules" / ".package-lock.json"
    lock = EDITORS / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=EDITORS,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"
    yield


def run(jobs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    done = subprocess.run(
        ["node", str(EDITORS / "engines.js")],
        input=json.dumps({"schemaDir": str(SCHEMA), "jobs": jobs}),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {out["id"]: out for out in json.loads(done.stdout)}


def load(line: str, provider: str, shape: str = "schema") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA / line / f"score-{provider}.{shape}.json").read_text(encoding="utf-8"))
    return data


def unsnippet(value: Any) -> Any:
    """Snippet text with its placeholders filled: ``${2:http://minio:9000}`` -> ``http://minio:9000``."""
    if isinstance(value, dict):
        return {k: unsnippet(v) for k, v in value.items()}
    text = re.sub(r"\$\{[0-9]+:?([^}]*)\}", r"\1", value)
    return text or "placeholder-value"


def yaml_scalar(value: Any) -> str:
    return json.dumps(value) if isinstance(value, str) and (not value or ":" in value or "," in value or "*" in value) else str(value).lower() if isinstance(value, bool) else str(value)


def yaml_lines(tree: dict[str, Any], indent: int = 0) -> list[str]:
    out = []
    for key, value in tree.items():
        if isinstance(value, dict):
            out.append(" " * indent + f"{key}:")
            out.extend(yaml_lines(value, indent + 2))
        else:
            out.append(" " * indent + f"{key}: {yaml_scalar(value)}")
    return out


def key_of(text: str, line: int) -> str:
    """The key written on a line of a JSON or YAML document."""
    found = re.match(r'\s*"?([A-Za-z0-9_.-]+)"?\s*:', text.split("\n")[line])
    assert found, text.split("\n")[line]
    return found.group(1)


def flagged(text: str, result: dict[str, Any]) -> set[str]:
    return {key_of(text, d["line"]) for d in result["diagnostics"]}


def linted_keys(env_text: str, line: str = "5.11", provider: str = "s3", dialect: str = "docker") -> set[str]:
    options = Options(line=line, provider=provider, dialect=dialect)  # type: ignore[arg-type]
    result = lint_bytes(env_text.encode(), "test.env", options)
    # A profile caveat (SL505) is about how Score behaves at run time; no schema can say it.
    return {f.key for f in result.findings if f.key and f.code != "SL505"}


# --- correct documents: nothing flagged, in every schema --------------------------------------------

EXTRA_ENV = {"SERVER_PORT": "8087", "LOGGING_LEVEL_ROOT": "debug", "UPLOAD_CLEAN_CRON": "0 0 0 * * ?"}


def good_documents(line: str, provider: str) -> list[dict[str, Any]]:
    env = {**unsnippet(load(line, provider)["defaultSnippets"][0]["body"]), **EXTRA_ENV}
    compose_env = {**env, "SERVER_PORT": 8087, "UPLOAD_CLEAN_ENABLED": True, "METADATA_URL": "http://song:8080"}
    compose = {
        "services": {
            "score": {"image": "ghcr.io/overture-stack/score-server:5.11.0", "environment": compose_env},
            "song": {"image": "ghcr.io/overture-stack/song-server:5.2.0", "environment": {"ANYTHING": "goes"}},
        }
    }
    app = unsnippet(load(line, provider, "application.schema")["defaultSnippets"][0]["body"])
    app.setdefault("server", {})["port"] = 8087
    app["logging"] = {"level": {"root": "debug", "bio.overture.score": "INFO"}}
    app["upload"] = {"clean": {"enabled": False, "cron": "0 0 0 * * ?"}}
    base = f"{line}-{provider}"
    return [
        {"id": f"{base}-env", "engine": "json", "schema": f"{line}/score-{provider}.schema.json", "file": "score-env.json", "text": json.dumps(env, indent=2), "env": env},
        {"id": f"{base}-env-yaml", "engine": "yaml", "schema": f"{line}/score-{provider}.schema.json", "file": "score-env.yaml", "text": "".join(f"{k}: {json.dumps(v)}\n" for k, v in env.items())},
        {"id": f"{base}-compose", "engine": "yaml", "schema": f"{line}/score-{provider}.compose.schema.json", "file": "docker-compose.yml", "text": "\n".join(yaml_lines(compose)) + "\n"},
        {"id": f"{base}-application", "engine": "yaml", "schema": f"{line}/score-{provider}.application.schema.json", "file": "application.yml", "text": "\n".join(yaml_lines(app)) + "\n"},
    ]


def test_every_schema_has_a_correct_document_both_engines_and_score_lint_accept(engines: None) -> None:
    jobs = [job for line in LINES for provider in PROVIDERS for job in good_documents(line, provider)]
    covered = {job["schema"] for job in jobs}
    assert covered == {f"{x}/score-{p}.{s}.json" for x in LINES for p in PROVIDERS for s in SHAPES}
    results = run([{k: v for k, v in job.items() if k != "env"} for job in jobs])
    for job in jobs:
        assert results[job["id"]]["diagnostics"] == [], (job["id"], job["text"], results[job["id"]]["diagnostics"])
        if "env" in job:
            line, provider = job["schema"].split("/")[0], job["schema"].split("-")[1].split(".")[0]
            text = "".join(f"{k}={v}\n" for k, v in job["env"].items())
            options = Options(line=line, provider=provider)
            findings = lint_bytes(text.encode(), "good.env", options).findings
            # develop with Azure does not start whatever the file says (SL505, facts addendum 8).
            wrong = [f.code for f in findings if f.severity is not Severity.INFO]
            assert [c for c in wrong if not (c == "SL505" and job["schema"].startswith("develop/score-azure"))] == [], job["id"]


# --- wrong documents: the same names and values as score-lint ----------------------------------------

BAD_ENV = """\
SPRING_PROFILES_ACTIVE=collaboratory,prod
S3_ENDPOINT=http://minio:9000
S3_ACCESS_KEY=score-uploader
S3_SECRETKEY=n4Bq9xTf2LwZ7pRv
S3_SIGV4_ENABLED=true
S3_SECURED=maybe
SERVER_PORT=80a
UPLOAD_CLEAN_CRON=0 0 * * *
BUCKET_NAME_OBJECT=score-object
BUCKET_NAME_STATE=Score_State
BUCKET_NAMEOBJECT=x
METADATA_URL=http://song:8080
UPLOAD_PARTSIZE=104857600
AZURE_ACCOUNTNAME=abc
"""
# The same content in application.yml: each env name that score-lint flags, and the key that says it there.
APPLICATION_KEYS = {
    "S3_SIGV4_ENABLED": "sig-v4",  # s3.sig-v4.enabled: a three-element property that binds nothing
    "S3_SECURED": "secured",
    "SERVER_PORT": "port",
    "UPLOAD_CLEAN_CRON": "cron",
    "BUCKET_NAME_STATE": "state",
    "BUCKET_NAMEOBJECT": "nameobject",
    "AZURE_ACCOUNTNAME": "azure",  # azure.account-name: read with Azure storage only
}
BAD_APPLICATION = """\
spring:
  profiles:
    active: collaboratory,prod
s3:
  endpoint: http://minio:9000
  accessKey: score-uploader
  secret-key: n4Bq9xTf2LwZ7pRv
  sig-v4:
    enabled: true
  secured: maybe
server:
  port: 80a
upload:
  clean:
    cron: 0 0 * * *
  partsize: 104857600
bucket:
  name:
    object: score-object
    state: Score_State
  nameobject: x
metadata:
  url: http://song:8080
azure:
  account-name: abc
"""


def env_pairs(text: str) -> list[tuple[str, str]]:
    return [tuple(line.split("=", 1)) for line in text.splitlines()]  # type: ignore[misc]


def compose_text(pairs: list[tuple[str, str]]) -> str:
    typed = {"true": "true", "104857600": "104857600"}
    body = "".join(f"      {k}: {typed.get(v, json.dumps(v) if '*' in v else v)}\n" for k, v in pairs)
    return "services:\n  score:\n    image: overture/score-server:5.11.0\n    environment:\n" + body


def test_engines_flag_what_score_lint_flags(engines: None) -> None:
    pairs = env_pairs(BAD_ENV)
    env_json = json.dumps(dict(pairs), indent=2)
    compose = compose_text(pairs)
    results = run(
        [
            {"id": "env", "engine": "json", "schema": "5.11/score-s3.schema.json", "file": "score-env.json", "text": env_json},
            {"id": "env-yaml", "engine": "yaml", "schema": "5.11/score-s3.schema.json", "file": "score-env.yaml", "text": "".join(f"{k}: {json.dumps(v)}\n" for k, v in pairs)},
            {"id": "compose", "engine": "yaml", "schema": "5.11/score-s3.compose.schema.json", "file": "docker-compose.yml", "text": compose},
            {"id": "application", "engine": "yaml", "schema": "5.11/score-s3.application.schema.json", "file": "application.yml", "text": BAD_APPLICATION},
        ]
    )
    expected = linted_keys(BAD_ENV)
    assert expected == {"S3_ACCESS_KEY", *APPLICATION_KEYS}
    assert flagged(env_json, results["env"]) == expected
    assert flagged("".join(f"{k}: {json.dumps(v)}\n" for k, v in pairs), results["env-yaml"]) == expected
    assert flagged(compose, results["compose"]) == linted_keys(BAD_ENV, dialect="compose") == expected
    assert flagged(BAD_APPLICATION, results["application"]) == {APPLICATION_KEYS[k] for k in expected if k in APPLICATION_KEYS}
    # A value is flagged with the message that says what a valid value looks like, as score-lint's does.
    secured = [d for d in results["env"]["diagnostics"] if key_of(env_json, d["line"]) == "S3_SECURED"]
    assert "true, false, on, off, yes, no, 1 or 0" in secured[0]["message"]
    alias = [d for d in results["compose"]["diagnostics"] if key_of(compose, d["line"]) == "S3_ACCESS_KEY"]
    assert "S3_ACCESSKEY is the canonical spelling" in alias[0]["message"]


def test_camel_case_value_placeholders_bind_only_exactly_in_the_engine(engines: None) -> None:
    text = "s3:\n  preSignedUrl:\n    override:\n      host: https://objects.example.org\n  pre-signed-url:\n    override:\n      host: https://x.example.org\n"
    results = run([{"id": "a", "engine": "yaml", "schema": "develop/score-s3.application.schema.json", "file": "application.yml", "text": text}])
    assert flagged(text, results["a"]) == {"pre-signed-url"}


# --- hover and completion show the docs -----------------------------------------------------------


def test_hover_and_completion_show_the_docs_descriptions(engines: None) -> None:
    props = load("5.11", "s3")["properties"]
    access = props["S3_ACCESSKEY"]["markdownDescription"].split("\n\n")[0]  # the docs' Description cell
    env_json = '{\n  "S3_ACCESSKEY": "x",\n  "S3_SECURED": "",\n  \n}\n'
    compose = "services:\n  score:\n    image: overture/score-server:5.11.0\n    environment:\n      S3_ACCESSKEY: x\n      S3_SECURED: \n"
    app = "s3:\n  access-key: x\n  secured: \n"
    results = run(
        [
            {"id": "json", "engine": "json", "schema": "5.11/score-s3.schema.json", "file": "score-env.json", "text": env_json, "hover": [[1, 5]], "complete": [[2, 17], [3, 2]]},
            {"id": "empty", "engine": "json", "schema": "5.11/score-s3.schema.json", "file": "score-env.json", "text": "", "complete": [[0, 0]]},
            {"id": "compose", "engine": "yaml", "schema": "5.11/score-s3.compose.schema.json", "file": "docker-compose.yml", "text": compose, "hover": [[4, 8]], "complete": [[5, 18]]},
            {"id": "app", "engine": "yaml", "schema": "5.11/score-s3.application.schema.json", "file": "application.yml", "text": app, "hover": [[1, 4]], "complete": [[2, 11]]},
        ]
    )
    for name in ("json", "compose", "app"):
        assert access in results[name]["hover"][0], name
    values = {i["label"]: i["documentation"] for i in results["json"]["complete"][0]}
    assert values["true"] and values["false"], values
    names = {i["label"].strip('"'): i for i in results["json"]["complete"][1]}
    assert props["S3_ENDPOINT"]["markdownDescription"].split("\n\n")[0] in (names["S3_ENDPOINT"]["documentation"] or "")
    assert "S3_ACCESS_KEY" not in names, "non-canonical spellings are not offered"
    snippets = [i["label"] for i in results["empty"]["complete"][0]]
    assert "Score 5.11 on S3: minimal settings" in snippets
    for name in ("compose", "app"):
        labels = {i["label"]: i["documentation"] for i in results[name]["complete"][0]}
        assert labels.get("true") and labels.get("false"), (name, labels)


# Wrong in the same way on every line and provider: values, names that bind nothing, a legacy spelling.
BAD_EVERYWHERE = {
    "SERVER_PORT": "80a",
    "UPLOAD_CLEAN_CRON": "0 0 * * *",
    "LOGGING_LEVEL_ROOT": "loud",
    "S3_SIGV4_ENABLED": "true",
    "BUCKET_NAMEOBJECT": "x",
    "SERVER_SSL_KEY_STORE": "/keystore.p12",
}


def test_engines_agree_with_score_lint_on_every_line_and_provider(engines: None) -> None:
    jobs, expected = [], {}
    for line in LINES:
        for provider in PROVIDERS:
            env = {**unsnippet(load(line, provider)["defaultSnippets"][0]["body"]), **BAD_EVERYWHERE}
            env_text = "".join(f"{k}={v}\n" for k, v in env.items())
            keys = linted_keys(env_text, line, provider)
            assert keys >= set(BAD_EVERYWHERE), (line, provider, keys)
            as_json = json.dumps(env, indent=2)
            compose = compose_text(list(env.items()))
            jobs.append({"id": f"{line}-{provider}-env", "engine": "json", "schema": f"{line}/score-{provider}.schema.json", "file": "score-env.json", "text": as_json})
            jobs.append({"id": f"{line}-{provider}-compose", "engine": "yaml", "schema": f"{line}/score-{provider}.compose.schema.json", "file": "docker-compose.yml", "text": compose})
            expected[f"{line}-{provider}-env"] = (as_json, keys)
            expected[f"{line}-{provider}-compose"] = (compose, linted_keys(env_text, line, provider, "compose"))
    results = run(jobs)
    for job_id, (text, keys) in expected.items():
        assert flagged(text, results[job_id]) == keys, job_id
