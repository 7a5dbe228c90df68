"""The generated reference pages: committed and current, complete, deterministic, and only derived."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from score_lint.lines import PROVIDERS
from score_lint import docsgen
from score_lint.cli import command_help, main
from score_lint.lines import LINES
from score_lint.values import compiled

from .conftest import ROOT

REFERENCE = ROOT / "docs" / "reference"


def _pages() -> dict[str, str]:
    commands = [docsgen.CommandHelp(path, text) for path, text in command_help()]
    return docsgen.build_pages(docsgen.load_catalogues(), docsgen.all_rules(), commands)


def test_committed_pages_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["docs", "build", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_every_setting_of_every_schema_is_on_its_page() -> None:
    pages = _pages()
    everything = "\n".join(pages.values())
    for line, cat in docsgen.load_catalogues().items():
      for provider in PROVIDERS:
        page = pages[docsgen.page_name(line, provider)]
        names = docsgen.setting_names(cat, provider)
        assert names, (line, provider)
        missing = [name for name in names if f"`{name}`" not in page]
        assert not missing, f"{line}-{provider}.md lacks {missing}"
        assert all(name in everything for name in names)


def test_settings_page_has_one_row_per_setting_with_all_facts() -> None:
    cat = docsgen.load_catalogues()["5.11"]
    page = docsgen.settings_page(cat, "s3")
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    settings_rows = [r for r in rows if r.count(" | ") == 8]
    assert len(settings_rows) >= len(cat.for_provider("s3"))
    row = next(r for r in settings_rows if r.startswith("| `S3_ACCESSKEY` |"))
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[1] == "`S3_ACCESS_KEY`"  # other spelling that binds
    assert cells[2] == "`s3.access-key`"  # Spring property
    assert cells[3].startswith("`secret`")
    assert cells[4] == "Optional"
    assert cells[7] == "*your own secret*"  # a secret's example is never a value
    assert cells[8] == "5.10, 5.11, develop"
    partial = next(r for r in settings_rows if r.startswith("| `AUTH_SERVER_CLIENTID` |"))
    assert "`AUTH_SERVER_CLIENT_ID` (partial)" in partial
    assert "Required when `secure` is active" in partial


def test_examples_satisfy_the_schema_patterns() -> None:
    for line, cat in docsgen.load_catalogues().items():
      for provider in PROVIDERS:
        storage, controllers = docsgen.required_profiles(cat, provider)
        profiles = ",".join(storage[:1] + controllers[:1])
        for setting in cat.for_provider(provider):
            value = docsgen.example_value(setting, profiles)
            if setting.secret:
                assert value is None
                continue
            if value is None:  # only free text without a documented value has no example
                assert setting.type == "string", (line, provider, setting.name)
                continue
            if setting.pattern:
                assert compiled(setting.pattern).search(value), (line, provider, setting.name, value)


def test_profile_matrix_names_what_each_line_needs() -> None:
    page = docsgen.profiles_page(docsgen.load_catalogues())
    assert "| `5.11` | `collaboratory` and one of `prod`, `default`, `debug`" in page
    assert "| `develop` | `s3`; for example `SPRING_PROFILES_ACTIVE=s3` | `azure`;" in page


def test_rule_pages_come_from_the_docstrings() -> None:
    pages = _pages()
    rules = docsgen.all_rules()
    assert [r.CODE for r in rules] == sorted(r.CODE for r in rules)
    index = pages["rules/index.md"]
    for rule in rules:
        page = pages[docsgen.rule_page_name(rule)]
        assert page.startswith(docsgen.MARKER)
        assert f"# {rule.CODE} {rule.NAME}" in page
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix"):
            assert section in page, (rule.CODE, section)
        assert "Options:" not in page
        assert f"({rule.CODE}-{rule.NAME}.md)" in index


def test_cli_page_lists_every_command() -> None:
    page = _pages()["cli.md"]
    for path, text in command_help():
        assert f"## `{path}`" in page
        assert text.strip().splitlines()[0] in page
    assert "## `score-lint docs build`" in page


def test_output_is_deterministic() -> None:
    assert _pages() == _pages()


def test_check_names_stale_and_leftover_pages(tmp_path: Path) -> None:
    out = tmp_path / "reference"
    runner = CliRunner()
    first = runner.invoke(main, ["docs", "build", "--docs-out", str(out)])
    assert first.exit_code == 0, first.output
    assert (out / "5.11-s3.md").is_file()
    (out / "5.11-s3.md").write_text("edited by hand\n", encoding="utf-8")
    (out / "rules" / "SL999-retired.md").write_text(docsgen.MARKER + "\n\n# gone\n", encoding="utf-8")
    (out / "notes.md").write_text("hand-written, not generated\n", encoding="utf-8")
    check = runner.invoke(main, ["docs", "build", "--check", "--docs-out", str(out)])
    assert check.exit_code == 1
    assert f"stale: {out / '5.11-s3.md'}" in check.output
    assert f"stale: {out / 'rules' / 'SL999-retired.md'}" in check.output
    assert "notes.md" not in check.output
    again = runner.invoke(main, ["docs", "build", "--docs-out", str(out)])
    assert again.exit_code == 0
    assert not (out / "rules" / "SL999-retired.md").exists()
    assert (out / "notes.md").exists()
    assert runner.invoke(main, ["docs", "build", "--check", "--docs-out", str(out)]).exit_code == 0


def test_missing_schema_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["docs", "build", "--schemas", str(tmp_path / "nope"), "--docs-out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(tmp_path / "nope") in result.output


def test_docsgen_does_not_import_click() -> None:
    tree = ast.parse(inspect.getsource(docsgen))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(re.match(r"click\b", name) for name in imported)


def test_every_line_and_provider_has_a_page_in_the_nav() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for line in LINES:
        for provider in PROVIDERS:
            assert f"reference/{docsgen.page_name(line, provider)}" in config
