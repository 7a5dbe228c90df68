"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself against temporary repositories.

The hook repository is a copy of this checkout's package tree committed into a temporary git
repository, so the test runs the hooks exactly as a user's pre-commit would install them (a fresh
virtualenv with `pip install` of that commit), before the lead has committed anything here.

The `.pre-commit-config.yaml` that README.md and docs/ci.md tell users to write is run as written, with
only its `repo:` and `rev:` pointed at that temporary repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _user_repo(root: Path, hook_repo: tuple[Path, str], hooks: list[str], files: dict[str, str],
               config: dict[str, Any] | None = None) -> Path:
    repo_path, rev = hook_repo
    root.mkdir()
    if config is None:
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


@pytest.mark.slow
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


@pytest.mark.slow
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


# --- the configuration the docs show ------------------------------------------------------------------

UPSTREAM = "https://github.com/overture-stack/score-lint"
PAGES = (ROOT / "README.md", ROOT / "docs" / "ci.md")
_YAML_BLOCK = re.compile(r"^```yaml[^\n]*\n(.*?)^```", re.M | re.S)


def documented_config(page: Path) -> dict[str, Any]:
    """The one YAML block of ``page`` that adds this repository to a `.pre-commit-config.yaml`."""
    blocks = [yaml.safe_load(body) for body in _YAML_BLOCK.findall(page.read_text(encoding="utf-8"))]
    found = [b for b in blocks if isinstance(b, dict) and any(r.get("repo") == UPSTREAM for r in b.get("repos", []))]
    assert len(found) == 1, f"{page.name}: {len(found)} pre-commit snippets name {UPSTREAM}"
    return found[0]


def test_readme_and_ci_page_show_the_same_snippet() -> None:
    readme, ci_page = (documented_config(page) for page in PAGES)
    assert readme == ci_page


def test_documented_rev_is_a_commit_that_has_these_hooks() -> None:
    entry = documented_config(PAGES[0])["repos"][0]
    rev = entry["rev"]
    # pre-commit wants a rev that never moves: a commit until there is a release, then a tag.
    assert re.fullmatch(r"[0-9a-f]{40}", rev) or re.fullmatch(r"v\d+\.\d+\.\d+", rev), rev
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    if _git(ROOT, "rev-parse", "--is-shallow-repository") == "true":
        pytest.skip("a shallow clone may not hold the documented commit")
    hooks = yaml.safe_load(_git(ROOT, "show", f"{rev}:.pre-commit-hooks.yaml"))
    assert {h["id"] for h in entry["hooks"]} <= {h["id"] for h in hooks}
    _git(ROOT, "merge-base", "--is-ancestor", rev, "HEAD")  # fails unless the commit is in this history


@pytest.mark.slow
def test_the_documented_snippet_runs_as_written(tmp_path: Path, hook_repo, pre_commit_home: Path) -> None:
    config = documented_config(PAGES[0])
    repo_path, rev = hook_repo
    entry = next(r for r in config["repos"] if r["repo"] == UPSTREAM)
    entry.update(repo=str(repo_path), rev=rev)
    page = (
        "# Object storage\n\n| Setting | Requirement | Description |\n|---|---|---|\n"
        "| `DOWNLOAD_PARTSIZE` | Optional | Part size of downloads. |\n"
    )
    repo = _user_repo(tmp_path / "user", hook_repo, [], {
        "deploy/.env.score": GOOD.read_text() + "S3_SIGV4_ENABLED=true\n",
        "prod.score.env": GOOD.read_text(),
        "docs/storage.md": page,
        "notes/storage.md": page,  # outside docs/: the snippet's drift hook leaves it alone
    }, config=config)
    result = _run(repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "deploy/.env.score:" in result.stdout and "SL101" in result.stdout
    # The clean file gets its verdict and no finding.
    assert "prod.score.env: Score 5.11 will start." in result.stdout
    assert not re.search(r"^prod\.score\.env:\d", result.stdout, re.M)
    assert "docs/storage.md:" in result.stdout and "SL402" in result.stdout
    assert "notes/storage.md" not in result.stdout
