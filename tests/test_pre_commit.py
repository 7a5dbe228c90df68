"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself against temporary repositories.

The hook repository is a copy of this checkout's package tree committed into a temporary git
repository, so the test runs the hooks exactly as a user's pre-commit would install them (a fresh
virtualenv with `pip install` of that commit), before the lead has committed anything here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

PACKAGE_TREE = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "linter", "schema")
GIT = ("git", "-c", "user.name=score-lint tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="git is needed to run pre-commit")]


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    repo = tmp_path_factory.mktemp("hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in PACKAGE_TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "score-lint under test")
    return repo, _git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _user_repo(root: Path, hook_repo: tuple[Path, str], hooks: list[str], files: dict[str, str]) -> Path:
    repo_path, rev = hook_repo
    root.mkdir()
    config = {"repos": [{"repo": str(repo_path), "rev": rev, "hooks": [{"id": h} for h in hooks]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    return root


def _run(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "SKIP": ""}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def test_hooks_file_declares_both_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"score-lint", "score-lint-drift"}
    assert hooks["score-lint"]["files"] == r"\.env\.score$|\.score\.env$"
    assert hooks["score-lint-drift"]["types"] == ["markdown"]


GOOD = ROOT / "tests" / "fixtures" / "envs" / "good-5.11-s3.env"


def test_env_hook_fails_on_findings_and_passes_clean_files(tmp_path: Path, hook_repo, pre_commit_home: Path) -> None:
    bad = _user_repo(tmp_path / "bad", hook_repo, ["score-lint"], {
        "deploy/.env.score": "S3_SIGV4_ENABLED=true\n",
        "notes.env": "S3_SIGV4_ENABLED=true\n",  # not matched by the hook's files pattern
    })
    result = _run(bad, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "deploy/.env.score:1:1: error SL101" in result.stdout
    assert "notes.env" not in result.stdout

    good = _user_repo(tmp_path / "good", hook_repo, ["score-lint"], {"prod.score.env": GOOD.read_text()})
    result = _run(good, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "score-lint" in result.stdout and "Passed" in result.stdout


def test_drift_hook_runs_on_markdown(tmp_path: Path, hook_repo, pre_commit_home: Path) -> None:
    page = (
        "# Object storage\n\n| Setting | Requirement | Description |\n|---|---|---|\n"
        "| `DOWNLOAD_PARTSIZE` | Optional | Part size of downloads. |\n"
    )
    repo = _user_repo(tmp_path / "docs", hook_repo, ["score-lint-drift"], {"docs/storage.md": page, "x.env.score": ""})
    result = _run(repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/storage.md:" in result.stdout and "SL402" in result.stdout
    assert "x.env.score" not in result.stdout
