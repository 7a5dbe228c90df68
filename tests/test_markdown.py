from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score_lint.markdown import (
    Cell,
    CodeBlock,
    Document,
    MarkdownError,
    Mention,
    Section,
    Table,
    parse,
    read,
)
from tests.helpers import assert_linear

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
CORPUS = Path(__file__).parents[2] / "shared" / "corpus" / "docs"
SEED = CORPUS / "seed-object-storage.md"


def corpus_pages() -> list[Path]:
    return sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []


def section(doc: Document, *path: str) -> Section:
    matches = [s for s in doc.sections if s.path == path]
    assert len(matches) == 1, [s.path for s in doc.sections]
    return matches[0]


def page_line(doc: Document, line: int) -> str:
    return doc.text.splitlines()[line - 1]


def mention(doc: Document, name: str) -> Mention:
    found = [m for m in doc.mentions if m.name == name]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- corpus


def require_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"documentation corpus not present at {CORPUS}")


def test_every_corpus_page_extracts() -> None:
    require_corpus()
    pages = corpus_pages()
    assert pages, f"no pages in {CORPUS}"
    for page in pages:
        doc = read(page)
        assert doc.sections, page.name
        lines = doc.text.splitlines()
        for table in doc.settings_tables:
            for row in table.rows:
                if row.setting is not None and row.setting_column is not None:
                    text = lines[row.line - 1]
                    start = row.setting_column - 1
                    assert text[start : start + len(row.setting)] == row.setting, page.name
        for block in doc.env_blocks:
            content = block.text.split("\n")
            for offset, text in enumerate(content[:-1]):
                assert lines[block.first_line - 1 + offset] == text, page.name


def test_seed_front_matter() -> None:
    require_corpus()
    doc = read(SEED)
    assert doc.front_matter["title"] == "Object Storage Integration"
    assert doc.front_matter_text == "title: Object Storage Integration"


def test_seed_s3_settings_table() -> None:
    require_corpus()
    doc = read(SEED)
    aws = section(doc, "AWS, Ceph, or Minio")
    assert aws.level == 2 and aws.line == 6
    (table,) = aws.settings_tables
    assert table.line == 34
    assert table.header == ("setting", "requirement", "description")
    rows = {row.setting: row for row in table.rows}
    access = rows["S3_ACCESSKEY"]
    assert access.line == 37
    assert access.setting_column == 4
    assert page_line(doc, 37).startswith("| `S3_ACCESSKEY` |")
    assert access.cells["requirement"].plain == "Required"
    assert access.cells["setting"].code == ("S3_ACCESSKEY",)
    sig = rows["S3_SIGV4ENABLED"].cells["description"]
    assert "<a href=" in sig.text
    assert "Signature Version 4 signing process" in sig.plain
    assert "<a" not in sig.plain
    assert sig.code == ("true", "false")


def test_seed_bash_example_block() -> None:
    require_corpus()
    doc = read(SEED)
    aws = section(doc, "AWS, Ceph, or Minio")
    (block,) = aws.env_blocks
    assert (block.line, block.info, block.first_line) == (10, "bash", 11)
    content = block.text.split("\n")
    index = next(i for i, text in enumerate(content) if text.startswith("S3_ACCESS_KEY="))
    assert block.first_line + index == 15
    assert page_line(doc, 15) == 'S3_ACCESS_KEY="abc123"'
    azure = section(doc, "Azure")
    assert [b.info for b in azure.env_blocks] == ["shell"]


def test_seed_clean_enabled_mention_in_description() -> None:
    require_corpus()
    doc = read(SEED)
    found = mention(doc, "CLEAN_ENABLED")
    assert (found.line, found.where, found.setting, found.kind) == (45, "table", "UPLOAD_CLEAN_CRON", "env")
    assert found.column is not None
    assert page_line(doc, 45)[found.column - 1 :].startswith("CLEAN_ENABLED`")
    settings_cells = {m.name for m in doc.mentions} & {"S3_ENDPOINT", "UPLOAD_CLEAN_CRON"}
    assert not settings_cells, "a settings table's own setting cell is not a mention"


def test_seed_note_tag_is_harmless() -> None:
    require_corpus()
    doc = read(SEED)
    last = doc.sections[-1]
    assert last.path == ("Azure", "Access Policy Configuration")
    assert last.line == 85
    assert not last.tables and not last.blocks
    assert [s.level for s in doc.sections] == [0, 2, 2, 3]


# --------------------------------------------------------------------------- fixtures


def test_front_matter_fixture() -> None:
    doc = read(FIXTURES / "front_matter.md")
    assert dict(doc.front_matter) == {
        "title": "Score: Object Storage",
        "sidebar_position": "3",
        "description": "It's the storage page",
        "slug": "storage",
    }
    assert doc.front_matter_text is not None and "nested:" in doc.front_matter_text
    preamble = doc.sections[0]
    assert (preamble.level, preamble.title, preamble.path, preamble.line) == (0, "", (), 10)
    assert mention(doc, "SPRING_PROFILES_ACTIVE").line == 11
    assert section(doc, "Storage").line == 13


def test_no_front_matter_when_unclosed() -> None:
    doc = parse("---\ntitle: x\n\n# Heading\n")
    assert doc.front_matter_text is None and dict(doc.front_matter) == {}
    assert section(doc, "Heading").line == 4


def test_jsx_and_admonitions_fixture() -> None:
    doc = read(FIXTURES / "jsx_admonitions.md")
    top = section(doc, "Tags and admonitions")
    names = [(m.name, m.line) for m in top.mentions]
    assert ("S3_ENDPOINT", 3) in names
    assert all(name != "MINIO_ACCESS_KEY" for name, _ in names)
    # The fence between JSX tags with no blank line is still seen.
    tab_block = next(b for b in top.blocks if b.line == 7)
    assert tab_block.is_env and tab_block.text == "S3_ENDPOINT=http://localhost:9000\n"
    (table,) = top.settings_tables
    (row,) = table.rows
    assert row.setting == "S3_SIGV4ENABLED"
    assert row.cells["description"].plain == "Uses Signature Version 4, see S3_ENDPOINT."
    assert ("S3_ENDPOINT", 15) in names
    # mkdocs admonition body (indented four spaces) is Markdown, not an indented code block.
    assert ("AZURE_ACCOUNT_NAME", 19) in names
    admonition_block = next(b for b in top.blocks if b.line == 21)
    assert admonition_block.is_env and admonition_block.info == "env"
    assert admonition_block.first_line == 22
    # docusaurus admonition, HTML <details>/<summary> block.
    assert ("UPLOAD_CLEAN_ENABLED", 26) in names
    summary = next(m for m in top.mentions if m.name == "BUCKET_NAME_OBJECT")
    assert (summary.line, summary.column) == (30, 21)
    assert ("BUCKET_NAME_STATE", 32) in names
    assert "OBJECT_SENTINEL" not in {m.name for m in top.mentions}


def test_command_blocks_fixture() -> None:
    doc = read(FIXTURES / "commands.md")
    blocks = {b.line: b for b in doc.blocks}
    assert len(blocks) == 6
    docker = blocks[5]
    assert docker.info == "bash" and not docker.is_env
    assert docker.text.startswith("docker run --env-file .env.score")
    assert not blocks[9].is_env
    plain = blocks[14]
    assert plain.is_env and plain.info == "" and plain.first_line == 15
    assert plain.text.split("\n")[1] == "export UPLOAD_PARTSIZE=1048576"
    assert not blocks[20].is_env, "yaml is not an env info string"
    assert not blocks[24].is_env, "comments alone are not an example"
    assert not blocks[28].is_env
    assert [b.line for b in doc.env_blocks] == [14]
    assert not doc.mentions, "names inside fenced blocks are not mentions"


def test_settings_table_fixture() -> None:
    doc = read(FIXTURES / "settings_table.md")
    main = section(doc, "Settings")
    (table,) = main.tables
    assert table.is_settings and table.line == 3
    assert table.header == ("description", "setting", "type", "requirement")
    settings = [(r.line, r.setting, r.setting_column) for r in table.rows]
    assert settings == [
        (5, "S3_ENDPOINT", 45),
        (6, "S3_SECRETKEY", 17),
        (7, "UPLOAD_PARTSIZE", 25),
        (8, None, None),
    ]
    first = table.rows[0]
    assert first.cells["type"] == Cell(text="url", plain="url", code=())
    assert first.cells["setting"].text == "`S3_ENDPOINT`"
    assert table.rows[1].cells["setting"].text == "S3\\_SECRETKEY"
    described = mention(doc, "S3_ACCESSKEY")
    assert (described.line, described.column, described.where, described.setting) == (5, 27, "table", "S3_ENDPOINT")

    variables = section(doc, "Settings", "Variables")
    (vtable,) = variables.settings_tables
    assert vtable.header == ("setting", "description")
    assert vtable.rows[0].setting == "BUCKET_NAME_STATE"
    bare = mention(doc, "BUCKET_NAME_OBJECT")
    assert (bare.where, bare.setting, bare.line) == ("table", "BUCKET_NAME_STATE", 14)

    other = section(doc, "Settings", "Not settings")
    (otable,) = other.tables
    assert not otable.is_settings
    assert otable.header == ("storage provider", "data sub-folder required")
    assert otable.rows[0].setting is None

    broken = section(doc, "Settings", "Broken")
    assert broken.tables == ()
    assert mention(doc, "BROKEN_SETTING").where == "prose"


def test_headings_fixture() -> None:
    doc = read(FIXTURES / "headings.md")
    got = [(s.level, s.path, s.line) for s in doc.sections]
    assert got == [
        (0, (), 1),
        (1, ("Top",), 3),
        (2, ("Top", "Middle MIDDLE_NAME"), 5),
        (3, ("Top", "Middle MIDDLE_NAME", "Deep"), 7),
        (4, ("Top", "Middle MIDDLE_NAME", "Deep", "Deeper"), 9),
        (2, ("Top", "Sibling"), 11),
        (2, ("Top", "Setext Title"), 13),
        (1, ("Second top",), 16),
    ]
    heading = mention(doc, "MIDDLE_NAME")
    assert (heading.where, heading.line, heading.column) == ("heading", 5, 12)


def test_page_starting_with_heading_has_no_preamble() -> None:
    doc = parse("# Only\n\ntext\n")
    assert [s.path for s in doc.sections] == [("Only",)]
    empty = parse("")
    assert [(s.level, s.path) for s in empty.sections] == [(0, ())]


# --------------------------------------------------------------------------- details


def test_property_mentions_and_file_names() -> None:
    doc = parse("Set `upload.partsize` in `application.properties`, or `s3.sigV4Enabled`.\n")
    assert [(m.name, m.kind, m.column) for m in doc.mentions] == [
        ("upload.partsize", "property", 6),
        ("s3.sigV4Enabled", "property", 56),
    ]


def test_line_endings_bom_and_columns() -> None:
    doc = parse("\ufeff---\r\ntitle: t\r\n---\r\n# H\r\n\r\nUse\rthe `A_B` key.\n")
    assert doc.front_matter["title"] == "t"
    assert section(doc, "H").line == 4
    assert [(m.name, m.line, m.column) for m in doc.mentions] == [("A_B", 7, 6)]


def test_escaped_underscores_are_located() -> None:
    doc = parse("Prose S3\\_ENDPOINT here.\n")
    assert [(m.name, m.line, m.column) for m in doc.mentions] == [("S3_ENDPOINT", 1, 7)]


def test_longer_name_does_not_hide_shorter_one() -> None:
    doc = parse("| Setting | Description |\n|-|-|\n| UPLOAD_CLEAN_CRON | see CLEAN_CRON |\n")
    (found,) = doc.mentions
    assert (found.name, found.column) == ("CLEAN_CRON", 27)
    assert doc.settings_tables[0].rows[0].setting_column == 3


def test_fence_in_list_and_blockquote() -> None:
    doc = parse("- item\n\n  ```bash\n  export A_B=1\n  ```\n\n> ```env\n> C_D=2\n> ```\n")
    assert [(b.line, b.first_line, b.text, b.is_env) for b in doc.blocks] == [
        (3, 4, "export A_B=1\n", True),
        (7, 8, "C_D=2\n", True),
    ]


def test_unclosed_fence() -> None:
    doc = parse("```env\nA_B=1\n")
    (block,) = doc.blocks
    assert block.is_env and not block.closed and block.first_line == 2


def test_info_string_words_and_case() -> None:
    doc = parse('```ENV title=".env.score"\nA_B=1\n```\n\n```Properties\na.b=1\n```\n')
    assert [(b.info, b.language, b.is_env) for b in doc.blocks] == [
        ('ENV title=".env.score"', "env", True),
        ("Properties", "properties", True),
    ]


def test_duplicate_and_empty_headers() -> None:
    doc = parse("| Name | | Description | description |\n|-|-|-|-|\n| `A_B` | x | y | z |\n")
    (table,) = doc.tables
    assert table.is_settings
    assert table.header == ("setting", "column2", "description", "description#2")
    assert table.rows[0].cells["description#2"].plain == "z"


def test_headings_repeated_and_written_with_a_suffix_stay_unique() -> None:
    doc = parse("| Setting | x | x#2 | x | x | Description |\n|-|-|-|-|-|-|\n| `A_B` | 1 | 2 | 3 | 4 | d |\n")
    assert doc.tables[0].header == ("setting", "x", "x#2", "x#3", "x#4", "description")


def test_a_header_of_one_heading_repeated_is_linear() -> None:
    """Each repeat of a heading tried every suffix taken before it (quadratic in the header's width)."""
    def run(n: int) -> None:
        parse("| Setting | Description |" + " a |" * n + "\n|" + "-|" * (n + 2) + "\n| `A_B` | x |\n")

    # markdown-it's own parse of such a header grows a little faster than linearly (5x for 4x at 16,000
    # headings here), which a loaded machine can push past the bound: 2,000 to 8,000 still tells the
    # quadratic repeat (16x) apart.
    assert_linear(run, 2000)


def test_read_rejects_undecodable(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_bytes(b"# ok\n\nline two \xff\xfe\n")
    with pytest.raises(MarkdownError) as info:
        read(page)
    assert info.value.line == 3 and info.value.path == str(page)
    assert str(info.value).startswith(f"{page}:3:")


def test_read_tolerates_bom(tmp_path: Path) -> None:
    page = tmp_path / "bom.md"
    page.write_bytes("\ufeff# Title\n".encode())
    assert read(page).sections[0].title == "Title"


def test_results_are_frozen() -> None:
    doc = parse("| Setting | Description |\n|-|-|\n| A_B | x |\n")
    table = doc.tables[0]
    with pytest.raises(AttributeError):
        table.line = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        table.rows[0].cells["x"] = table.rows[0].cells["setting"]  # type: ignore[index]
    assert isinstance(table, Table) and isinstance(doc.sections[0], Section)


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "> " * 5000 + "x",
        "".join("  " * i + "- x\n" for i in range(2000)),
        "- " * 20000 + "`A_B`",
        "[" * 20000,
        "|" * 5000 + "\n" + "|-" * 5000 + "\n",
        "!!! note\n" * 3000 + "    " * 50 + "x",
        "<Note>\n" * 5000,
        "```\n" * 3001,
        "\x00\ud800\u2028\x0b\x0c\r\r\n",
        "---\n" * 1000,
    ],
)
def test_pathological_inputs(text: str) -> None:
    assert isinstance(parse(text), Document)


def test_large_page_is_fast() -> None:
    unit = (
        "## Section `S3_ENDPOINT`\n\nProse CLEAN_ENABLED and `upload.partsize`.\n\n"
        "| Setting | Description |\n|-|-|\n| `A_B` | uses `C_D` and E_F |\n\n"
        "```bash\nA_B=1\n```\n\n"
    )
    text = unit * 5000
    started = time.perf_counter()
    doc = parse(text)
    elapsed = time.perf_counter() - started
    assert len(doc.sections) == 5000
    assert len(doc.mentions) == 5 * 5000
    assert elapsed < 60


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("#|-`*_[]()<>!:=\n \t>\\AZ_az.\"'~")), max_size=400))
def test_markdown_like_noise_never_crashes(text: str) -> None:
    doc = parse(text)
    for item in doc.mentions:
        assert item.line >= 1
    for block in doc.blocks:
        assert isinstance(block, CodeBlock) and block.first_line == block.line + 1


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    assert isinstance(parse(data.decode("utf-8", "replace")), Document)
    assert isinstance(parse(data.decode("latin-1")), Document)
