"""Every link to a rule's page that score-lint's outputs carry leads to a page of the built site.

The links are collected from what the installed command prints, not from the code that makes them:
SARIF's `helpUri` (lint and drift rules), any site link in the JSON, text and GitHub reports, the page
that `score-lint rule CODE` names for every rule, and the language server's `codeDescription.href`.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.test_output_formats import score_lint

SITE_URL = "https://overture-stack.github.io/score-lint/"
_LINK = re.compile(re.escape(SITE_URL) + r"[^\s\"'<>)\]]*")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = Path(__file__).resolve().parents[1] / "linter" / "score_lint" / "examples" / "seed-s3.env.score"
DRIFT_PAGE = (
    "# Object storage\n\n| Setting | Requirement | Description |\n|---|---|---|\n"
    "| `DOWNLOAD_PARTSIZE` | Optional | Part size of downloads. |\n"
)


def missing_pages(site: Path, links: set[str]) -> list[str]:
    """The links whose page the built site does not have."""
    missing = []
    for link in sorted(links):
        rel = link.removeprefix(SITE_URL).split("#")[0]
        target = site / rel / "index.html" if rel.endswith("/") or not rel else site / rel
        if not target.is_file():
            missing.append(link)
    return missing


def rule_codes() -> list[str]:
    return [line.split()[0] for line in score_lint("rule", "--all").stdout.splitlines()]


def _walk(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _walk(v)]
    if isinstance(value, list):
        return [s for v in value for s in _walk(v)]
    return [value] if isinstance(value, str) else []


def test_sarif_help_uris_lead_to_pages(site: Path, tmp_path: Path) -> None:
    (tmp_path / "storage.md").write_text(DRIFT_PAGE)
    links = set()
    for args in (["--format", "sarif", str(SEED)], ["drift", "--format", "sarif", str(tmp_path / "storage.md")]):
        report = json.loads(score_lint(*args).stdout)
        rules = report["runs"][0]["tool"]["driver"]["rules"]
        links |= {rule["helpUri"] for rule in rules}
        links |= {s for s in _walk(report) if s.startswith(SITE_URL)} - {SITE_URL}
    assert {link.split("/")[-2].split("-")[0] for link in links if "/rules/" in link} == set(rule_codes())
    assert not missing_pages(site, links)


def test_site_links_in_json_text_and_github_reports_lead_to_pages(site: Path, tmp_path: Path) -> None:
    (tmp_path / "storage.md").write_text(DRIFT_PAGE)
    links = set()
    for fmt in ("json", "text", "github"):
        for args in (["--format", fmt, str(SEED)], ["drift", "--format", fmt, str(tmp_path / "storage.md")]):
            links |= set(_LINK.findall(score_lint(*args).stdout))
    assert not missing_pages(site, links)


def test_the_rule_command_names_each_rules_page(site: Path) -> None:
    # The `score-lint` command in this process (one run per rule would start 47 interpreters): the script
    # is the plain path, which hands `rule CODE` to Click's group.
    (command,) = entry_points(group="console_scripts", name="score-lint")
    assert command.value == "score_lint.fastpath:script"
    from score_lint.cli import main  # the group the script hands every command to
    links = {}
    for code in rule_codes():
        found = _LINK.findall(CliRunner().invoke(main, ["rule", code]).output)
        assert found, f"score-lint rule {code} names no page"
        links[code] = found[0]
    assert not missing_pages(site, set(links.values()))


@pytest.mark.slow
def test_language_server_links_lead_to_pages(site: Path, tmp_path: Path) -> None:
    pytest.importorskip("pygls")
    from tests.test_lsp import Client, open_doc

    client = Client()
    try:
        client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        path = tmp_path / "seed.env.score"
        shutil.copyfile(SEED, path)
        diagnostics = client.diagnostics(open_doc(client, path))
        assert client.close() == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
            client.proc.wait()
    links = {d["codeDescription"]["href"] for d in diagnostics}
    assert links and all(link.startswith(SITE_URL) for link in links)
    assert not missing_pages(site, links)
