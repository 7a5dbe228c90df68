"""The compiled schemas: valid draft-07, in step with the docs, and saying what Score really does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator

from score_lint import schemas
from score_lint.catalogue import compile as compiler
from score_lint.catalogue import tables
from score_lint.binding import env_spellings
from score_lint.cli import main
from score_lint.lines import LINES, PROVIDERS
from tests.conftest import ROOT

SCHEMAS = [(line, provider) for line in LINES for provider in PROVIDERS]


def schema(line: str, provider: str) -> dict:
    return json.loads((ROOT / "schema" / line / f"score-{provider}.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs() -> tables.Docs:
    return tables.load_docs([ROOT / "docs" / "configuration"], root=ROOT / "docs" / "configuration")


def test_committed_schemas_are_in_step_with_docs(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["schema", "build", "--check"])
    assert result.exit_code == 0, result.output


def test_check_names_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "schema"
    runner = CliRunner()
    docs_dir = str(ROOT / "docs" / "configuration")
    assert runner.invoke(main, ["schema", "build", "--docs", docs_dir, "--out", str(out)]).exit_code == 0
    target = out / "5.11" / "score-s3.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace("Access key", "Key"), encoding="utf-8")
    result = runner.invoke(main, ["schema", "build", "--docs", docs_dir, "--out", str(out), "--check"])
    assert result.exit_code == 1
    assert "5.11/score-s3.schema.json" in result.output


def test_build_is_deterministic(docs: tables.Docs) -> None:
    assert schemas.build_all(compiler.catalogues(docs)) == schemas.build_all(compiler.catalogues(docs))


def test_no_conflicting_rows(docs: tables.Docs) -> None:
    assert tables.conflicts(docs) == []


@pytest.mark.parametrize(("line", "provider"), SCHEMAS)
def test_schema_is_valid_draft7(line: str, provider: str) -> None:
    data = schema(line, provider)
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(data)
    assert data["additionalProperties"] is False


GOOD_511_S3 = {
    "SPRING_PROFILES_ACTIVE": "collaboratory,prod,secure",
    "METADATA_URL": "http://song:8080",
    "S3_ENDPOINT": "http://minio:9000",
    "S3_ACCESSKEY": "score",
    "S3_SECRETKEY": "not-a-real-secret",
    "S3_SIGV4ENABLED": "true",
    "BUCKET_NAME_OBJECT": "score-object",
    "BUCKET_NAME_STATE": "score-state",
    "UPLOAD_PARTSIZE": "104857600",
    "UPLOAD_CLEAN_CRON": "0 0 0 * * ?",
    "LOGGING_LEVEL_ROOT": "INFO",
}


def errors(data: dict, env: dict) -> list[str]:
    return sorted(e.message for e in Draft7Validator(data).iter_errors(env))


def test_511_s3_accepts_a_correct_env() -> None:
    assert errors(schema("5.11", "s3"), GOOD_511_S3) == []


def test_511_s3_accepts_legacy_spelling() -> None:
    env = dict(GOOD_511_S3)
    env["S3_ACCESS_KEY"] = env.pop("S3_ACCESSKEY")
    assert errors(schema("5.11", "s3"), env) == []


@pytest.mark.parametrize(
    "change",
    [
        {"S3_SIGV4_ENABLED": "true"},
        {"S3_SIGV4ENABLED": "maybe"},
        {"S3_SIGV4ENABLED": '"true"'},
        {"UPLOAD_PARTSIZE": "lots"},
        {"UPLOAD_PARTSIZE": "2147483648"},
        {"BUCKET_NAME_OBJECT": "test_object_bucket"},
        {"UPLOAD_CLEAN_CRON": "0 0 * * *"},
        {"LOGGING_LEVEL_ROOT": "LOUD"},
        {"DOWNLOAD_PARTSIZE": "250000000"},
        {"METADATA_URL": "song:8080"},
    ],
)
def test_511_s3_rejects(change: dict) -> None:
    assert errors(schema("5.11", "s3"), {**GOOD_511_S3, **change})


@pytest.mark.parametrize("value", ["true", "FALSE", "On", "no", "1", "0", " yes "])
def test_spring_booleans(value: str) -> None:
    assert errors(schema("5.11", "s3"), {**GOOD_511_S3, "S3_SIGV4ENABLED": value}) == []


@pytest.mark.parametrize("value", ["0", "2147483647", "+5", "007"])
def test_int_range_accepts(value: str) -> None:
    assert errors(schema("5.11", "s3"), {**GOOD_511_S3, "UPLOAD_PARTSIZE": value}) == []


def test_cron_macros_depend_on_line() -> None:
    env_510 = {**GOOD_511_S3, "UPLOAD_CLEAN_CRON": "@daily"}
    assert errors(schema("5.11", "s3"), env_510) == []
    assert errors(schema("5.10", "s3"), env_510)


def test_line_specific_names() -> None:
    assert "COLLABORATORY_DATA_DIRECTORY" in schema("5.11", "s3")["properties"]
    assert "COLLABORATORY_DATA_DIRECTORY" not in schema("develop", "s3")["properties"]
    assert "S3_DATA_DIRECTORY" in schema("develop", "s3")["properties"]
    assert "AUTH_SERVER_KEYCLOAK_HOST" not in schema("5.10", "s3")["properties"]
    assert "AUTH_SERVER_CLIENT_ID" not in schema("5.10", "s3")["properties"]
    partial = schema("5.11", "s3")["properties"]["AUTH_SERVER_CLIENT_ID"]
    assert partial["deprecationMessage"].startswith("AUTH_SERVER_CLIENT_ID binds only partly")
    assert partial["doNotSuggest"] is True


def test_secrets_are_write_only() -> None:
    props = schema("5.11", "azure")["properties"]
    assert props["AZURE_ACCOUNTKEY"]["writeOnly"] is True
    assert props["AZURE_ACCOUNT_KEY"]["writeOnly"] is True
    assert props["AUTH_SERVER_CLIENTSECRET"]["writeOnly"] is True


def test_documented_spellings_follow_spring_binding(docs: tables.Docs) -> None:
    """The docs' Setting + Also binds columns equal what Spring's relaxed binding derives."""
    for row in docs.settings:
        if row.is_pattern:
            continue
        for line in row.lines:
            prop = row.property_for(line)
            full = {row.name} | {a.value for a in row.aliases if a.applies(line)}
            assert set(env_spellings(prop)) == full, f"{row.path}:{row.line} ({line})"


def test_old_three_column_page_compiles(corpus: Path, tmp_path: Path) -> None:
    seed = corpus / "docs" / "seed-object-storage.md"
    result = CliRunner().invoke(main, ["schema", "build", "--docs", str(seed), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    s3 = json.loads((tmp_path / "5.11" / "score-s3.schema.json").read_text())
    azure = json.loads((tmp_path / "5.11" / "score-azure.schema.json").read_text())
    Draft7Validator.check_schema(s3)
    assert "S3_ACCESSKEY" in s3["properties"] and "AZURE_ACCOUNTNAME" not in s3["properties"]
    assert "AZURE_ACCOUNTNAME" in azure["properties"]
    assert s3["properties"]["OBJECT_SENTINEL"]["default"] == "heliograph."
    assert s3["properties"]["S3_ENDPOINT"]["type"] == "string"


def test_every_corpus_page_compiles(corpus: Path, tmp_path: Path) -> None:
    for page in sorted((corpus / "docs").glob("*.md")):
        out = tmp_path / page.stem
        result = CliRunner().invoke(main, ["schema", "build", "--docs", str(page), "--out", str(out)])
        assert result.exit_code == 0, (page.name, result.output)
        for line, provider in SCHEMAS:
            Draft7Validator.check_schema(json.loads((out / line / f"score-{provider}.schema.json").read_text()))


def test_missing_docs_dir_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "build", "--docs", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "nope" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("line", LINES)
def test_the_catalogue_module_holds_the_data_of_the_catalogue_json(line: str) -> None:
    # The linter loads the module (no json at run time); everything else reads the JSON: both are one data.
    from score_lint import catalogue

    module = __import__(f"score_lint.schema.{catalogue.module_name(line)}", fromlist=["DATA"])
    path = ROOT / "schema" / line / catalogue.FILENAME
    assert module.DATA == json.loads(path.read_text(encoding="utf-8"))
    assert catalogue.load(line) == catalogue.read(path)


def test_a_missing_catalogue_module_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from score_lint import catalogue

    monkeypatch.setattr(catalogue, "module_name", lambda line: "catalogue_of_no_line")
    catalogue.load.cache_clear()
    try:
        with pytest.raises(catalogue.CatalogueNotFound, match="catalogue_of_no_line"):
            catalogue.load("5.11")
    finally:
        catalogue.load.cache_clear()
