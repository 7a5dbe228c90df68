"""`score-lint explain`: the effective configuration, in text and in JSON that follows its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from score_lint.cli import main

from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "schema" / "explain.schema.json").read_text(encoding="utf-8"))
SEED = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"


def explain(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["explain", *args])
    return result.exit_code, result.output


def payload(*args: str) -> dict:  # type: ignore[type-arg]
    code, out = explain("--format", "json", *args)
    assert code == 0, out
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    return data  # type: ignore[no-any-return]


def test_seed_example_rows_name_line_spelling_and_source() -> None:
    data = payload(str(SEED))
    assert (data["score_line"], data["provider"], data["profiles"]) == ("5.11", "s3", ["prod", "aws"])
    by_env = {s["env"]: s for s in data["settings"]}
    assert by_env["S3_ACCESSKEY"] | {"value": None} == {
        "property": "s3.access-key", "env": "S3_ACCESSKEY", "value": None, "source": "env", "profile": None,
        "line": 5, "spelling": "S3_ACCESS_KEY", "secret": True, "replaced_by": None,
    }
    assert by_env["S3_ACCESSKEY"]["value"] == "***"
    assert by_env["S3_SIGV4ENABLED"]["value"] == '"true"'  # docker run keeps the quotes: Score gets them
    assert by_env["METADATA_URL"]["source"] == "profile" and by_env["METADATA_URL"]["profile"] == "prod"
    assert not [s for s in data["settings"] if s["source"] in ("application", "default")]


def test_all_adds_every_default() -> None:
    data = payload("--all", str(SEED))
    sources = {s["source"] for s in data["settings"]}
    assert {"env", "profile", "application", "default"} <= sources
    sentinel = next(s for s in data["settings"] if s["env"] == "OBJECT_SENTINEL")
    assert (sentinel["value"], sentinel["source"]) == ("heliograph", "application")


def test_keys_pick_settings_by_env_name_or_property(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_text("SPRING_PROFILES_ACTIVE=collaboratory,amazon,prod\n", encoding="utf-8")
    data = payload("--score-version", "5.10", str(path), "s3_masterencryptionkeyid", "object.sentinel")
    assert [(s["env"], s["source"], s["profile"]) for s in data["settings"]] == [
        ("OBJECT_SENTINEL", "application", None),
        ("S3_MASTERENCRYPTIONKEYID", "profile", "amazon"),
    ]
    code, out = explain(str(path), "NO_SUCH_SETTING")
    assert code == 2 and "NO_SUCH_SETTING: no such setting" in out


def test_text_output_lists_ignored_lines(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_text(
        "SPRING_PROFILES_ACTIVE=collaboratory,prod\ns3.endpoint=http://x\nOBJECT_STORAGE_URL=http://y\n"
        "S3_SECRETKEY=hunter2-secret\n",
        encoding="utf-8",
    )
    code, out = explain(str(path))
    assert code == 0
    assert "ignored: s3.endpoint (line 2): the image's shell drops" in out
    assert "ignored: OBJECT_STORAGE_URL (line 3): binds nothing" in out
    assert "S3_SECRETKEY" in out and "***" in out and "hunter2" not in out


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    code, out = explain(str(tmp_path / "nope.env"))
    assert code == 2 and "nope.env" in out and "Traceback" not in out


def _secret_values(text: str) -> list[str]:
    names = ("SECRET", "ACCOUNTKEY", "PASSWORD", "ACCESSKEY", "ACCESS_KEY")
    out = []
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and any(n in key.upper() for n in names) and len(value.strip().strip("\"'")) >= 4:
            out.append(value.strip().strip("\"'"))
    return out


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
def test_every_corpus_env_file_explains_within_the_schema_and_shows_no_secret(corpus: Path, line: str) -> None:
    files = sorted(p for p in (corpus / "envs").iterdir() if p.name.endswith(".env"))
    assert files
    for path in files:
        for dialect in ("docker", "compose"):
            data = payload("--score-version", line, "--dialect", dialect, "--all", str(path))
            text = json.dumps(data)
            for secret in _secret_values(path.read_text(encoding="utf-8", errors="replace")):
                if "$" in secret or "{" in secret:
                    continue  # a placeholder, not a value
                assert secret not in text, (path.name, line, dialect)


@pytest.mark.parametrize("page", ["README.md", "docs/explain.md"])
def test_the_documented_example_is_what_explain_prints(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    block = text.split("$ score-lint explain --score-version 5.10 .env.score\n", 1)[1].split("```", 1)[0]
    # The input of the example: docs/examples/explain/.env.score (tests/docs_output.py checks it too).
    assert "S3_SECRETKEY=not-shown-anywhere" in (ROOT / "docs" / "examples" / "explain" / ".env.score").read_text()
    monkeypatch.chdir(ROOT / "docs" / "examples" / "explain")
    code, out = explain("--score-version", "5.10", ".env.score")
    assert code == 0
    assert out == block
