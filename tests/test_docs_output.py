"""Every block of CLI output in docs/ and the README is what the CLI prints (tests/docs_output.py)."""

from __future__ import annotations

from tests import docs_output


def test_cli_output_in_the_docs_is_current() -> None:
    problems = docs_output.problems()
    assert problems == [], "run `python tests/docs_output.py --update`: " + "; ".join(problems)


def test_the_marked_blocks_exist() -> None:
    marked = [b for page in docs_output.pages() for b in docs_output.blocks(page) if b.command]
    assert {b.path.name for b in marked} >= {"index.md", "getting-started.md", "deployments.md", "drift.md"}


def test_an_unmarked_block_of_output_is_found(tmp_path, monkeypatch) -> None:
    page = tmp_path / "page.md"
    page.write_text("```text\nx.env:1:1: error SL101 A binds nothing.\n```\n", encoding="utf-8")
    monkeypatch.setattr(docs_output, "pages", lambda: [page])
    monkeypatch.setattr(docs_output, "ROOT", tmp_path)
    assert docs_output.problems() == ["page.md:1: CLI output without a `<!-- score-lint output: ... -->` marker"]
