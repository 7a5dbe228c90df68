"""The chain: a description changed in a docs table reaches the schema, the reference page and the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from score_lint.cli import main

from .conftest import ROOT
from .site_tools import build_site

NEW = "Access key id of the storage account (changed by the chain test)."


def _change_description(doc: Path, setting: str, text: str) -> str:
    """Replace the Description cell of ``setting``'s row; return the old description."""
    lines = doc.read_text(encoding="utf-8").splitlines(keepends=True)
    header: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("| Setting "):
            header = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith(f"| `{setting}` |"):
            cells = line.rstrip("\n").strip().strip("|").split(" | ")
            column = header.index("Description")
            old = cells[column].strip()
            cells[column] = text
            lines[i] = "| " + " | ".join(c.strip() for c in cells) + " |\n"
            doc.write_text("".join(lines), encoding="utf-8")
            return old
    raise AssertionError(f"no row for {setting} in {doc}")


def test_description_change_flows_to_schema_page_and_site(tmp_path: Path) -> None:
    work = tmp_path / "project"
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    runner = CliRunner()

    def rebuild(schema_dir: Path) -> str:
        built = runner.invoke(main, ["schema", "build", "--docs", str(work / "docs" / "configuration"), "--out", str(schema_dir)])
        assert built.exit_code == 0, built.output
        pages = runner.invoke(main, ["docs", "build", "--schemas", str(schema_dir), "--docs-out", str(work / "docs" / "reference")])
        assert pages.exit_code == 0, pages.output
        return pages.output

    rebuild(tmp_path / "schema-before")  # the baseline: pages from the unchanged docs
    before = (work / "docs" / "reference" / "5.11-s3.md").read_text(encoding="utf-8")
    old = _change_description(work / "docs" / "configuration" / "object-storage.md", "S3_ACCESSKEY", NEW)
    assert old and old != NEW
    schema_dir = tmp_path / "schema"
    output = rebuild(schema_dir)

    # The schema: the new description, for every line and provider that reads S3_ACCESSKEY.
    for line in ("5.10", "5.11", "develop"):
        schema = json.loads((schema_dir / line / "score-s3.schema.json").read_text(encoding="utf-8"))
        assert schema["properties"]["S3_ACCESSKEY"]["description"] == NEW
    baseline = json.loads((tmp_path / "schema-before" / "5.11" / "score-s3.schema.json").read_text(encoding="utf-8"))
    assert baseline["properties"]["S3_ACCESSKEY"]["description"] != NEW

    # The reference page: only the S3_ACCESSKEY row changed.
    page = (work / "docs" / "reference" / "5.11-s3.md").read_text(encoding="utf-8")
    assert NEW in page and NEW not in before
    changed = set(page.splitlines()) ^ set(before.splitlines())
    assert changed and all(line.startswith("| `S3_ACCESSKEY` |") for line in changed), changed
    assert f"wrote {work / 'docs' / 'reference' / '5.11-s3.md'}" in output

    # The site: the rendered page carries the new text.
    site = build_site(tmp_path / "site", work / "mkdocs.yml")
    html = (site / "reference" / "5.11-s3" / "index.html").read_text(encoding="utf-8")
    assert NEW in html
    assert old.split("`")[0].strip() not in html.split("S3_ACCESSKEY</code></td>", 1)[1].split("</tr>", 1)[0]
