"""The lint command end to end: exit codes, output formats, options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from score_lint import __version__
from score_lint.cli import main
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "envs"
EXAMPLE = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"score-lint {__version__}"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("good-*.env")), ids=lambda p: p.name)
def test_correct_files_exit_0(path: Path) -> None:
    line = path.stem.split("-")[1]
    result = run("--score-version", line, str(path))
    assert result.exit_code == 0, result.output


def test_azure_on_develop_cannot_start() -> None:
    # The same file starts Score 5.11 (good-5.11-azure.env); develop declares duplicate beans with Azure.
    result = run("--score-version", "develop", str(FIXTURES / "develop-azure.env"))
    assert result.exit_code == 1
    assert " error SL505 the profile azure on Score develop: Fails to start:" in result.output


def test_findings_exit_1_and_text_format() -> None:
    result = run(str(EXAMPLE))
    assert result.exit_code == 1
    rows = result.output.splitlines()
    placed = next(row for row in rows if row.startswith(f"{EXAMPLE}:2:"))
    path, line, col, rest = placed.split(":", 3)
    assert path == str(EXAMPLE) and line.isdigit() and col.isdigit()
    assert rest.split()[0] in ("error", "warning", "info")
    # METADATA_URL is missing: the finding is about the file, not about its line 1.
    assert rows[0].startswith(f"{EXAMPLE}: warning SL106 METADATA_URL ")
    assert "\x1b[" not in result.output  # not a tty: no colour


def test_json_contract() -> None:
    result = run("--format", "json", str(EXAMPLE))
    data = json.loads(result.output)
    assert data["version"] == 1
    (file,) = data["files"]
    assert file["path"] == str(EXAMPLE)
    assert (file["score_version"], file["dialect"], file["provider"]) == ("5.11", "docker", "s3")
    keys = {"code", "rule", "severity", "line", "column", "key", "message", "suggestion"}
    for finding in file["findings"]:
        assert keys <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
    assert set(data["summary"]) >= {"files", "errors", "warnings", "infos"}
    missing = [f for f in file["findings"] if f["line"] is None]
    assert all(f["key"] for f in missing)
    canonical = [f for f in file["findings"] if f["key"] == "S3_ACCESS_KEY" and f["code"] == "SL104"]
    assert canonical and canonical[0]["suggestion"] == "S3_ACCESSKEY" and canonical[0]["severity"] == "info"


def test_missing_file_is_exit_2_without_traceback(tmp_path: Path) -> None:
    result = run(str(tmp_path / "absent.env"))
    assert result.exit_code == 2
    assert "absent.env" in result.output and "Traceback" not in result.output


def test_directory_is_exit_2(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert str(tmp_path) in result.output


def test_provider_option_overrides_inference(tmp_path: Path) -> None:
    path = tmp_path / "a.env"
    path.write_text("SPRING_PROFILES_ACTIVE=collaboratory,prod\nAZURE_ACCOUNTNAME=x\n")
    data = json.loads(run("--format", "json", str(path)).output)
    assert data["files"][0]["provider"] == "s3"
    data = json.loads(run("--format", "json", "--provider", "azure", str(path)).output)
    assert data["files"][0]["provider"] == "azure"


def test_docs_option_lints_against_another_docs_tree(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.env"
    path.write_text("SPRING_PROFILES_ACTIVE=collaboratory,prod\nUPLOAD_CONNECTIONTIMEOUT=5\n")
    bundled = json.loads(run("--format", "json", str(path)).output)
    assert any(f["key"] == "UPLOAD_CONNECTIONTIMEOUT" and f["code"] == "SL101" for f in bundled["files"][0]["findings"])
    seed_docs = corpus / "docs" / "seed-object-storage.md"
    other = json.loads(run("--format", "json", "--docs", str(seed_docs), str(path)).output)
    # The seed page documents the non-binding spelling, so against it the name "binds".
    assert not any(f["key"] == "UPLOAD_CONNECTIONTIMEOUT" and f["code"] == "SL101" for f in other["files"][0]["findings"])


def test_lint_path_does_not_import_markdown_or_jsonschema() -> None:
    code = (
        "import sys\n"
        "from score_lint.cli import main\n"
        f"try:\n    main([{str(EXAMPLE)!r}])\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in ('markdown_it', 'jsonschema', 'score_lint.markdown') if m in sys.modules]\n"
        "print('IMPORTED', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "IMPORTED []" in out


def test_quickstart_env_flags_scope_names_that_bind_nothing(corpus: Path) -> None:
    env = corpus / "envs" / "overture-stack__prelude__quickstart__docker-compose.yml.score.env"
    data = json.loads(run("--format", "json", "--dialect", "compose", str(env)).output)
    findings = data["files"][0]["findings"]
    unbound = {f["key"] for f in findings if f["code"] == "SL101"}
    assert {
        "AUTH_SERVER_SCOPE_STUDY_PREFIX",
        "AUTH_SERVER_SCOPE_DOWNLOAD_SUFFIX",
        "AUTH_SERVER_SCOPE_UPLOAD_SUFFIX",
    } <= unbound
    flagged = {f["key"] for f in findings if f["code"] in ("SL101", "SL102", "SL103")}
    for name in ("AUTH_SERVER_SCOPE_DOWNLOAD_SYSTEM", "AUTH_SERVER_SCOPE_UPLOAD_SYSTEM", "AUTH_SERVER_CLIENTID", "S3_ACCESSKEY"):
        assert name not in flagged


def test_a_command_after_options_gets_a_hint(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--score-version", "develop", "compose", "docker-compose.yml")
    assert result.exit_code == 2
    assert "score-lint compose [OPTIONS]" in result.output
