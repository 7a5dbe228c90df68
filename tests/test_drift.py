"""`score-lint drift`: docs pages against themselves and against Score."""

from __future__ import annotations

from score_lint.drift.engine import check_paths, drift_path, drift_paths, drift_text, pages
from tests.helpers import assert_linear

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from score_lint.cli import main
from score_lint.findings import InputError, Result, Severity
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "drift"
CONFIGURATION = ROOT / "docs" / "configuration"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def findings(text: str, line: str = "5.11", code: str | None = None) -> list[tuple[int | None, str]]:
    result = drift_text(text, "page.md", line)
    return [(f.line, f.code) for f in result.findings if code is None or f.code == code]


def _table(*rows: str, header: str = "| Setting | Requirement | Description |") -> str:
    dashes = "|" + "|".join("---" for _ in header.strip("|").split("|")) + "|"
    return "\n".join([header, dashes, *rows]) + "\n"


# --------------------------------------------------------------------------- the seed page


@pytest.fixture
def seed(corpus: Path) -> tuple[Path, Result]:
    page = corpus / "docs" / "seed-object-storage.md"
    return page, drift_path(page)


SEED_DRIFT = [
    (12, 24, "SL411", "SPRING_PROFILES_ACTIVE"),  # prod,aws: the page's most harmful line
    (14, 13, "SL409", "S3_ENDPOINT"),
    (15, 15, "SL409", "S3_ACCESS_KEY"),
    (16, 14, "SL409", "S3_SECRETKEY"),
    (17, 17, "SL409", "S3_SIGV4ENABLED"),
    (19, 20, "SL409", "BUCKET_NAME_OBJECT"),
    (20, 19, "SL409", "BUCKET_NAME_STATE"),
    (21, 1, "SL401", "BUCKET_SIZE_POOL"),
    (22, 1, "SL401", "BUCKET_SIZE_KEY"),
    (27, 19, "SL409", "UPLOAD_CLEAN_CRON"),
    (28, 22, "SL409", "UPLOAD_CLEAN_ENABLED"),
    (37, 4, "SL401", "S3_ACCESSKEY"),
    (44, 4, "SL401", "UPLOAD_CONNECTIONTIMEOUT"),
    (44, 4, "SL402", "UPLOAD_CONNECTIONTIMEOUT"),
    (45, 40, "SL402", "CLEAN_ENABLED"),
    (45, 40, "SL405", "CLEAN_ENABLED"),
    (46, 203, "SL402", "CLEAN_CRON"),
    (46, 203, "SL405", "CLEAN_CRON"),
    (47, 4, "SL401", "OBJECT_SENTINEL"),
    (47, 156, "SL408", "OBJECT_SENTINEL"),
    (57, 25, "SL409", "AZURE_ENDPOINT_PROTOCOL"),
    (58, 20, "SL409", "AZURE_ACCOUNT_NAME"),
    (59, 19, "SL409", "AZURE_ACCOUNT_KEY"),
    (61, 20, "SL409", "BUCKET_NAME_OBJECT"),
    (61, 40, "SL409", "BUCKET_NAME_OBJECT"),
    (62, 22, "SL409", "BUCKET_POLICY_UPLOAD"),
    (62, 41, "SL409", "BUCKET_POLICY_UPLOAD"),
    (63, 24, "SL409", "BUCKET_POLICY_DOWNLOAD"),
    (63, 42, "SL409", "BUCKET_POLICY_DOWNLOAD"),
    (66, 1, "SL402", "DOWNLOAD_PARTSIZE"),
    (66, 29, "SL409", "DOWNLOAD_PARTSIZE"),
    (68, 17, "SL409", "OBJECT_SENTINEL"),
    (68, 30, "SL409", "OBJECT_SENTINEL"),
    (75, 4, "SL401", "AZURE_ENDPOINTPROTOCOL"),
    (76, 4, "SL401", "AZURE_ACCOUNTNAME"),
    (77, 4, "SL401", "AZURE_ACCOUNTKEY"),
    (82, 4, "SL402", "DOWNLOAD_PARTSIZE"),
    (83, 155, "SL408", "OBJECT_SENTINEL"),
]


def test_seed_page_drift_is_pinned(seed) -> None:
    _, result = seed
    assert [(f.line, f.column, f.code, f.key) for f in result.findings] == SEED_DRIFT


def _by(result, code: str, key: str):
    found = [f for f in result.findings if f.code == code and f.key == key]
    assert len(found) == 1, (code, key, found)
    return found[0]


@pytest.mark.parametrize(
    ("table", "example", "example_line", "binds"),
    [
        ("S3_ACCESSKEY", "S3_ACCESS_KEY", 15, "S3_ACCESSKEY"),
        ("UPLOAD_CONNECTIONTIMEOUT", "UPLOAD_CONNECTION_TIMEOUT", 26, "UPLOAD_CONNECTION_TIMEOUT"),
        ("AZURE_ENDPOINTPROTOCOL", "AZURE_ENDPOINT_PROTOCOL", 57, "AZURE_ENDPOINTPROTOCOL"),
        ("AZURE_ACCOUNTNAME", "AZURE_ACCOUNT_NAME", 58, "AZURE_ACCOUNTNAME"),
        ("AZURE_ACCOUNTKEY", "AZURE_ACCOUNT_KEY", 59, "AZURE_ACCOUNTKEY"),
    ],
)
def test_seed_spelling_pairs_are_one_finding_naming_the_binding_spelling(seed, table, example, example_line, binds) -> None:
    _, result = seed
    pair = _by(result, "SL401", table)
    assert example in pair.message and f"line {example_line}" in pair.message
    assert pair.suggestion == binds
    # The example's spelling is not reported again as "in no table".
    assert not [f for f in result.findings if f.code == "SL401" and f.key == example]


def test_seed_unbound_table_name_and_prose_mentions(seed) -> None:
    _, result = seed
    assert _by(result, "SL402", "UPLOAD_CONNECTIONTIMEOUT").suggestion == "UPLOAD_CONNECTION_TIMEOUT"
    assert "no example" in _by(result, "SL401", "OBJECT_SENTINEL").message
    for name, documented in (("CLEAN_ENABLED", "UPLOAD_CLEAN_ENABLED"), ("CLEAN_CRON", "UPLOAD_CLEAN_CRON")):
        mention = _by(result, "SL405", name)
        assert mention.suggestion == documented and mention.severity is Severity.WARNING
        assert _by(result, "SL402", name).severity is Severity.ERROR
    wrong = [f for f in result.findings if f.code == "SL408"]
    assert [f.suggestion for f in wrong] == ["heliograph", "heliograph"]


def test_seed_every_quote_and_inline_comment_in_the_examples(seed) -> None:
    page, result = seed
    lines = page.read_text(encoding="utf-8").split("\n")
    in_block = False
    quoted, commented = set(), set()
    for number, text in enumerate(lines, start=1):
        if text.startswith("```"):
            in_block = not in_block
            continue
        if in_block and re.match(r"[A-Z0-9_]+=", text):
            value = text.split("=", 1)[1]
            if value.startswith('"'):
                quoted.add(number)
            if " #" in value:
                commented.add(number)
    assert quoted == {14, 15, 16, 17, 19, 20, 27, 28, 57, 58, 59, 61, 62, 63, 68}
    assert commented == {61, 62, 63, 66, 68}
    sl409 = [(f.line, f.column) for f in result.findings if f.code == "SL409"]
    for number in quoted:
        column = lines[number - 1].index("=") + 2
        assert (number, column) in sl409, number
    for number in commented:
        column = lines[number - 1].index(" #") + 2
        assert (number, column) in sl409, number
    assert len(sl409) == len(quoted) + len(commented)
    assert all("abc123" not in f.message and "heliograph" not in f.message for f in result.findings)


# --------------------------------------------------------------------------- the whole corpus


# The 21 pages of the corpus that are Score's (object storage, profiles; the seed page), and the 114 Song
# installation pages, which configure Song and must report nothing.
CORPUS_SUMMARY = {
    "pages": 135,
    "song pages": 114,
    "findings on song pages": 0,
    "codes on score pages": {"SL401": 64, "SL402": 78, "SL405": 16, "SL407": 2, "SL408": 14, "SL409": 357, "SL411": 18},
}
BEFORE = FIXTURES / "corpus-score-pages-before.json"
# Findings of the recorded run (before service scoping, YAML examples and profile checks) shown false:
# none. Every Score finding of that run is still reported.
KNOWN_FALSE: frozenset[tuple[str, str, int, int, str, str]] = frozenset()


def test_corpus_summary(corpus: Path) -> None:
    results = drift_paths([corpus / "docs"])
    song = [r for r in results if "-song-" in Path(r.path).name]
    score = [r for r in results if "-song-" not in Path(r.path).name]
    codes = Counter(f.code for r in score for f in r.findings)
    assert {
        "pages": len(results), "song pages": len(song), "findings on song pages": sum(len(r.findings) for r in song),
        "codes on score pages": dict(sorted(codes.items())),
    } == CORPUS_SUMMARY


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
def test_corpus_score_findings_are_a_superset_of_the_recorded_ones(corpus: Path, line: str) -> None:
    before = json.loads(BEFORE.read_text(encoding="utf-8"))[line]
    pages = [corpus / "docs" / name for name in sorted(before)]
    now = {Path(r.path).name: {(f.line, f.column, f.code, f.key) for f in r.findings} for r in drift_paths(pages, line)}
    lost = sorted(
        (line, name, *finding)
        for name, findings in before.items()
        for finding in map(tuple, findings)
        if finding not in now[name] and (line, name, *finding) not in KNOWN_FALSE
    )
    assert lost == []
    assert sum(len(v) for v in now.values()) > sum(len(v) for v in before.values())


def test_corpus_song_pages_are_skipped_whole_and_say_why(corpus: Path) -> None:
    checks = check_paths([corpus / "docs"])
    song = [c for c in checks if "-song-" in Path(c.result.path).name]
    assert len(song) == 114
    for check in song:
        assert check.result.findings == ()
        assert [(s.kind, s.decision.service) for s in check.skipped] == [("page", "song")], check.result.path
        assert check.skipped[0].describe() == "page skipped: it configures Song, not the Score server (its path names Song)"
    # Song's own `SCORE_URL` (its setting for reaching Score) was reported as binding nothing on Score.
    installation = corpus / "docs" / "overture-stack__website__main__markdown-documentation-song-installation-installation.md"
    assert "SCORE_URL=http://host.docker.internal:8082" in installation.read_text().splitlines()[60]
    assert drift_path(installation).findings == ()


def test_corpus_runs_through_the_cli_without_error(corpus: Path) -> None:
    result = run("drift", "--format", "json", "-v", str(corpus / "docs"))
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    assert len(payload["files"]) == 135
    first = payload["files"][0]["findings"][0]
    assert set(first) >= {"code", "rule", "severity", "line", "column", "key", "message", "suggestion"}
    assert all(f["code"].startswith("SL4") for file in payload["files"] for f in file["findings"])
    assert len(result.stderr.splitlines()) == 114  # one line per Song page


# --------------------------------------------------------------------------- the project's own docs


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
def test_project_configuration_docs_have_no_drift(line: str) -> None:
    results = drift_paths([CONFIGURATION], line)
    assert len(results) >= 7
    assert [(r.path, f.line, f.code, f.message) for r in results for f in r.findings] == []


def test_cli_on_configuration_docs_exits_0() -> None:
    result = run("drift", str(CONFIGURATION))
    assert result.exit_code == 0, result.output


def test_generated_pages_are_left_out_of_folders(tmp_path: Path) -> None:
    (tmp_path / "made.md").write_text(
        "<!-- Generated by `score-lint docs build`; do not edit. -->\n\n```env\nS3_SIGV4_ENABLED=true\n```\n",
        encoding="utf-8",
    )
    (tmp_path / "hand.md").write_text("# Hand written\n", encoding="utf-8")
    assert [Path(p).name for p in pages([tmp_path])] == ["hand.md"]
    # Named explicitly, a generated page is checked like any other.
    assert run("drift", str(tmp_path / "made.md")).exit_code == 1


# --------------------------------------------------------------------------- a page without drift


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
def test_clean_fixture_has_nothing_above_info(line: str) -> None:
    result = drift_path(FIXTURES / "clean.md", line)
    assert [f for f in result.findings if f.severity is not Severity.INFO] == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("S3_ENDPOINT=http", "S3_END_POINT=http", [(23, "SL401"), (35, "SL402")]),
        ("AZURE_ACCOUNTKEY={{", "AZURE_ACCOUNT_KEY={{", [(59, "SL401")]),
        ("| Optional | Size", "| Maybe | Size", [(48, "SL406")]),
        ("UPLOAD_PARTSIZE=104857600", "UPLOAD_PARTSIZE=1 # x", [(51, "SL409")]),
    ],
)
def test_clean_fixture_is_really_checked(before: str, after: str, expected) -> None:
    text = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    assert before in text
    assert findings(text.replace(before, after)) == expected


def test_cli_clean_page_exits_0() -> None:
    result = run("drift", str(FIXTURES / "clean.md"))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 file checked: 0 errors, 0 warnings, 0 infos\n")


# --------------------------------------------------------------------------- single rules


def test_table_without_example_and_example_borrowing_the_parent_table() -> None:
    page = "## Uploads\n\n" + _table("| `UPLOAD_PARTSIZE` | Optional | Part size. |", "| `UPLOAD_RETRY_LIMIT` | Optional | Retries. |")
    assert findings(page) == []
    page += "\n### Example\n\n```bash\nUPLOAD_PARTSIZE=1\nBUCKET_SIZE_KEY=2\n```\n"
    # The parent's table names missing from the sub-section's example are not reported; its extra name is.
    assert findings(page) == [(12, "SL401")]


def test_pattern_rows_document_their_family() -> None:
    page = _table("| `LOGGING_LEVEL_<LOGGER>` | Optional | Log level of one logger. |") + (
        "\n```bash\nLOGGING_LEVEL_ROOT=INFO\nLOGGING_LEVEL_BIO_OVERTURE_SCORE=DEBUG\n```\n"
    )
    assert findings(page) == []


def test_names_restricted_to_other_lines_by_their_row() -> None:
    page = "## Directories on develop\n\n" + _table(
        "| `S3_DATA_DIRECTORY` | Optional | Prefix; see also `S3_UPLOAD_DIRECTORY`. | develop |",
        "| `S3_UPLOAD_DIRECTORY` | Optional | Prefix. | develop |",
        header="| Setting | Requirement | Description | Lines |",
    ) + "\nSet `S3_DATA_DIRECTORY` only on develop.\n\n```bash\nS3_DATA_DIRECTORY=data\nS3_UPLOAD_DIRECTORY=upload\n```\n"
    assert findings(page, "develop") == []
    assert findings(page, "5.11") == []
    unrestricted = page.replace("| develop |", "| all |")
    assert findings(unrestricted, "5.11", "SL402") == [(5, "SL402"), (5, "SL402"), (6, "SL402"), (8, "SL402"), (11, "SL402"), (12, "SL402")]


def test_names_the_page_says_bind_nothing() -> None:
    listed = "## Known names\n\n" + _table(
        "| `UPLOAD_PART_SIZE` | all | `UPLOAD_PARTSIZE` | Two elements. |",
        header="| Name | Lines | Use instead | Why |",
    ) + "\nNever write `UPLOAD_PART_SIZE`.\n"
    assert findings(listed) == []
    said = "Only `UPLOAD_PARTSIZE` binds. `UPLOAD_PART_SIZE` binds\nnothing, and `S3_SIGV4_ENABLED` does not bind either.\n"
    assert findings(said) == []
    assert findings("Set `UPLOAD_PART_SIZE` to the part size.\n") == [(1, "SL402")]
    # A sentence that also names the spelling that binds is a correction, not a documented name...
    assert findings("Quick fixes rename `S3_SIGV4_ENABLED` to `S3_SIGV4ENABLED`.\n") == []
    # ... but list items are separate sentences.
    bullets = "* `UPLOAD_PARTSIZE`: part size of uploads\n* `DOWNLOAD_PARTSIZE`: part size of downloads\n"
    assert findings(bullets) == [(2, "SL402")]


def test_duplicate_in_example() -> None:
    page = "```bash\nUPLOAD_PARTSIZE=1\nS3_ACCESSKEY=a\nUPLOAD_PARTSIZE=2\nS3_ACCESS_KEY=b\n```\n"
    assert findings(page, code="SL403") == [(4, "SL403"), (5, "SL403")]
    assert findings("```bash\nUPLOAD_PARTSIZE=1\n```\n\n```bash\nUPLOAD_PARTSIZE=2\n```\n", code="SL403") == []


def test_conflicting_requirement_per_provider_and_line() -> None:
    s3 = "## AWS\n\n" + _table("| `OBJECT_SENTINEL` | Required | Sentinel. |")
    azure = "## Azure\n\n" + _table("| `OBJECT_SENTINEL` | Optional | Sentinel. |")
    assert findings(s3 + "\n" + azure, code="SL404") == []
    neutral = "## Health\n\n" + _table("| `OBJECT_SENTINEL` | optional | Sentinel. |")
    assert findings(s3 + "\n" + neutral, code="SL404") == [(11, "SL404")]
    other_line = neutral.replace("| Setting | Requirement | Description |", "| Setting | Requirement | Description | Lines |")
    other_line = other_line.replace("|---|---|---|", "|---|---|---|---|").replace("Sentinel. |", "Sentinel. | develop |")
    assert findings(s3 + "\n" + other_line, code="SL404") == []


@pytest.mark.parametrize(
    ("cell", "fires"),
    [("Required", False), ("optional", False), ("REQUIRED", False), ("Yes", True), ("", True), ("Required if secure", True)],
)
def test_bad_requirement(cell: str, fires: bool) -> None:
    page = _table(f"| `METADATA_URL` | {cell} | Base URL of Song. |")
    got = findings(page, code="SL406")
    assert got == ([(3, "SL406")] if fires else [])
    if fires and cell:
        found = [f for f in drift_text(page, "page.md").findings if f.code == "SL406"]
        assert found[0].column == page.split("\n")[2].index("| " + cell) + 3


def test_required_column_may_say_yes_or_no() -> None:
    page = _table("| `METADATA_URL` | Yes | Base URL of Song. |", header="| Setting | Required | Description |")
    assert findings(page) == []
    assert findings(page.replace("| Yes |", "| Maybe |")) == [(3, "SL406")]


@pytest.mark.parametrize(("cell", "fires"), [("DESCRIPTION", True), ("TODO", True), ("tbd.", True), ("", True), ("Song URL.", False)])
def test_placeholder_description(cell: str, fires: bool) -> None:
    assert findings(_table(f"| `METADATA_URL` | Required | {cell} |"), code="SL407") == ([(3, "SL407")] if fires else [])


def test_wrong_default_column_and_description() -> None:
    header = "| Setting | Requirement | Default | Description |"
    assert findings(_table("| `UPLOAD_PARTSIZE` | Optional | `20000000` | Part size. |", header=header), code="SL408") == []
    wrong = drift_text(_table("| `UPLOAD_PARTSIZE` | Optional | `1024` | Part size. |", header=header), "p.md")
    assert [(f.line, f.code, f.suggestion) for f in wrong.findings] == [(3, "SL408", "20000000")]
    assert "`20000000`" in wrong.findings[0].message
    # Any of the profile-specific defaults is fine; a default for another line is not compared.
    assert findings(_table("| `SERVER_PORT` | Optional | `8087` (dev) | Port. |", header=header), code="SL408") == []
    # A secret's default is never printed.
    secret = drift_text(_table("| `AZURE_ACCOUNTKEY` | Required | Key. Default is `x`. |"), "p.md")
    assert [f.suggestion for f in secret.findings if f.code == "SL408"] == [None]
    # Examples may use any value.
    assert findings(_table("| `UPLOAD_PARTSIZE` | Optional | Part size. |") + "\n```bash\nUPLOAD_PARTSIZE=1\n```\n", code="SL408") == []


def test_docker_safety_of_examples() -> None:
    page = (
        "```bash\n"
        "A_B={{placeholder}}\n"
        "METADATA_URL=http://song \n"
        "METADATA_URL = http://song\n"
        "export METADATA_USELEGACYMODE=false\n"
        "METADATA_URL='http://song' # quoted and commented\n"
        "```\n"
    )
    got = [(f.line, f.column) for f in drift_text(page, "p.md").findings if f.code == "SL409"]
    assert got == [(3, 25), (4, 1), (5, 1), (6, 14), (6, 28)]


def test_properties_blocks_are_not_docker_env_files() -> None:
    page = "```properties\nmetadata.url = http://song # the server\n```\n"
    assert findings(page, code="SL409") == []
    assert findings(page.replace("properties", "bash"), code="SL409") == [(2, "SL409")]


def test_indented_example_columns_are_page_columns() -> None:
    page = "1. Set:\n\n   ```bash\n   S3_ENDPOINT=\"http://minio:9000\"\n   ```\n"
    result = drift_text(page, "p.md")
    assert [(f.line, f.column, f.code) for f in result.findings] == [(4, 16, "SL409")]


def test_property_pages_resolve_properties() -> None:
    page = _table(
        "| `s3.accessKey` | Required | Access key. |",
        "| `upload.connection.timeout` | Required | Timeout; see `clean.enabled`. |",
        "| `azure -> accountName` | Required | Account. |",
    )
    assert findings(page) == [(4, "SL402"), (4, "SL405")]


def test_ignore_comment_silences_one_block() -> None:
    page = (
        "<!-- score-lint drift: ignore SL402 -->\n```env\nS3_SIGV4_ENABLED=\"true\"\n```\n\n"
        "<!-- score-lint drift: ignore -->\n```env\nS3_SIGV4_ENABLED=\"true\"\n```\n\n"
        "```env\nS3_SIGV4_ENABLED=true\n```\n"
    )
    assert findings(page) == [(3, "SL409"), (12, "SL402")]


# --------------------------------------------------------------------------- the command line


def test_cli_input_errors_exit_2_naming_the_path(tmp_path: Path) -> None:
    result = run("drift", str(tmp_path / "missing.md"))
    assert result.exit_code == 2
    assert result.output.strip() == f"score-lint: {tmp_path / 'missing.md'}: no such file or folder"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("drift", str(empty))
    assert result.exit_code == 2 and str(empty) in result.output
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Title\n\xff\xfe\n")
    result = run("drift", str(bad))
    assert result.exit_code == 2 and "bad.md" in result.output and "Traceback" not in result.output


def test_cli_score_version_changes_the_answer(tmp_path: Path) -> None:
    page = tmp_path / "expiry.md"
    page.write_text(
        _table("| `S3_DOWNLOAD_EXPIRATION` | Optional | Days. |") + "\n```bash\nS3_DOWNLOAD_EXPIRATION=1\n```\n",
        encoding="utf-8",
    )
    assert run("drift", "--score-version", "develop", str(page)).exit_code == 0
    result = run("drift", "--score-version", "5.11", "--format", "json", str(page))
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["files"][0]["score_version"] == "5.11"
    assert [(f["line"], f["code"]) for f in payload["files"][0]["findings"]] == [(3, "SL402"), (6, "SL402")]


def test_unknown_line_is_an_input_error() -> None:
    with pytest.raises(InputError):
        drift_text("# x\n", "p.md", "6.0")


# --------------------------------------------------------------------------- examples in other formats


def test_corpus_yaml_examples_are_read_as_application_yml(corpus: Path) -> None:
    # 2021 page: `upload:` / `connection.timeout: 60000` (line 50) under a table row `upload -> connectionltimeout`.
    page = corpus / "docs" / "overture-stack__website__c98aa6ad2bfb__markdown-documentation-score-installation-configuration-object-storage.md"
    result = drift_path(page)
    pair = _by(result, "SL401", "upload.connectionltimeout")
    assert "spelt upload.connection.timeout in the example (line 50)" in pair.message
    assert [(f.line, f.code, f.key) for f in result.findings if f.line and 34 < f.line < 54] == [
        (44, "SL401", "bucket.size.pool"), (45, "SL401", "bucket.size.key"), (51, "SL409", "upload.clean.cron"),
    ]
    # `endpoint: "http://localhost:9000"`: YAML's quotes, which Score never sees.
    assert "typographic quotes" in _by(result, "SL409", "upload.clean.cron").message


def test_corpus_key_value_lines_are_read_for_their_names_only(corpus: Path) -> None:
    # `bucket.policy.downolad: "<read_policy>" # …` in a ```shell block (line 81).
    page = corpus / "docs" / "overture-stack__website__88b35bdee1d7__markdown-documentation-score-installation-configuration-object-storage.md"
    result = drift_path(page)
    assert _by(result, "SL402", "bucket.policy.downolad").line == 81
    assert "bucket.policy.downolad" in page.read_text().splitlines()[80]
    # Whether `"https"` keeps its quotes depends on the file it is copied into: not judged.
    assert not [f for f in result.findings if f.code == "SL409" and f.key != "upload.clean.cron"]


def test_yaml_tree_names_and_values() -> None:
    page = _table("| `s3.endpoint` | Required | Endpoint. |", "| `bucket.name.object` | Required | Bucket. |") + (
        "\n```yaml\ns3:\n  endpoint: \"http://minio:9000\"\n  sigV4Enabled: true\nbucket:\n  name.object: data\n"
        "spring:\n  profiles: secure\n```\n"
    )
    # sigV4Enabled is set but not documented; `spring.profiles` selects a document and sets nothing.
    assert findings(page) == [(9, "SL401")]


def test_yaml_that_is_no_score_configuration_is_no_example() -> None:
    workflow = "```yaml\njobs:\n  lint:\n    runs-on: ubuntu-latest\n```\n"
    assert findings(workflow) == []


def test_compose_blocks_read_the_score_service_only() -> None:
    page = (
        "```yaml\nservices:\n  score:\n    image: ghcr.io/overture-stack/score-server:5.11.0\n    environment:\n"
        "      - S3_SIGV4ENABLED=\"true\"\n      - S3_SIGV4_ENABLED=true\n  score-client:\n    image: overture/score:5.11.0\n"
        "    environment:\n      ACCESSTOKEN: x\n      STORAGE_URL: http://score:8087\n```\n"
    )
    assert findings(page) == [(6, "SL409"), (7, "SL402")]
    (check,) = check_paths_text(page)
    assert [(s.kind, s.line, s.describe()) for s in check.skipped] == [
        ("service", 8, "compose service score-client skipped: it is not a Score server (image overture/score:5.11.0)"),
    ]


def check_paths_text(text: str):
    from score_lint import markdown
    from score_lint.drift.engine import check_document

    return [check_document(markdown.parse(text, "page.md"), "5.11")]


# --------------------------------------------------------------------------- profiles


def test_profiles_are_judged_on_every_line_with_one_finding() -> None:
    page = "## S3\n\n```bash\nSPRING_PROFILES_ACTIVE=prod,aws\nS3_ENDPOINT=http://minio:9000\n```\n"
    (found,) = [f for f in drift_text(page, "p.md", profile_lines=("5.10", "5.11", "develop")).findings]
    assert (found.line, found.column, found.code) == (4, 24, "SL411")
    assert found.message == (
        "The example's profiles prod,aws: on 5.10, 5.11 and develop: no storage profile (aws starts none), so Score "
        "refuses to start. For S3-compatible storage add collaboratory (5.10 and 5.11) or s3 (develop); for Azure add azure."
    )


def test_profiles_per_line_and_the_lines_a_page_names() -> None:
    page = "```bash\nSPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ENDPOINT=http://minio:9000\n```\n"
    every = ("5.10", "5.11", "develop")
    (found,) = drift_text(page, "p.md", profile_lines=every).findings
    assert found.message.startswith("The example's profiles collaboratory,prod: on develop: no storage profile "
                                    "(collaboratory starts none)")
    assert drift_text("A Score 5.11 server:\n\n" + page, "p.md", profile_lines=every).findings == ()
    assert drift_text("## On 5.10 and 5.11\n\n" + page, "p.md", profile_lines=every).findings == ()
    assert drift_text(page, "p.md", "5.11").findings == ()  # --score-version 5.11


def test_profiles_controllers_and_several_storage_profiles() -> None:
    page = "```bash\nSPRING_PROFILES_ACTIVE=collaboratory,azure,secure\n```\n"
    (found,) = drift_text(page, "p.md", "5.11").findings
    assert found.message == (
        "The example's profiles collaboratory,azure,secure: on 5.11: several storage profiles (collaboratory, azure), "
        "of which Score uses only one. On 5.11 keep one storage profile."
    )
    (found,) = drift_text(page.replace("azure,", ""), "p.md", "5.11").findings
    assert "none of prod, default, debug, so Score starts without its upload and download endpoints" in found.message


def test_a_single_profile_that_explains_its_own_settings_is_not_judged(corpus: Path) -> None:
    # 9b24f9b8cba7 profiles page: `SPRING_PROFILES_ACTIVE=prod` beside METADATA_URL only (line 74), but
    # `SPRING_PROFILES_ACTIVE=default` beside the S3 settings (line 26) is a whole server's list.
    page = corpus / "docs" / "overture-stack__website__9b24f9b8cba7__markdown-documentation-score-installation-configuration-profiles.md"
    assert [f.line for f in drift_path(page).findings if f.code == "SL411"] == [26]


# --------------------------------------------------------------------------- what configures Score


SONG_BLOCK = (
    "```bash\nSPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/song\nSCORE_URL=http://score:8087\n"
    "SCORE_CLIENTCREDENTIALS_ID=song\nAUTH_SERVER_URL=http://ego/o/check_api_key/\nID_USELOCAL=true\n```\n"
)


def test_a_block_of_song_names_is_skipped_on_a_score_page() -> None:
    assert findings(SONG_BLOCK) == []
    (check,) = check_paths_text(SONG_BLOCK)
    assert [s.describe() for s in check.skipped] == [
        "example block skipped: it configures Song, not the Score server (its names are Song's "
        "(SPRING_DATASOURCE_URL, SCORE_URL, SCORE_CLIENTCREDENTIALS_ID, …))",
    ]


def test_a_score_client_block_is_skipped() -> None:
    client = "```bash\nACCESSTOKEN=f69b726d\nMETADATA_URL=http://song:8080\nSTORAGE_URL=http://score:8087\n```\n"
    assert findings(client) == []
    score = "```bash\nMETADATA_URL=http://song:8080\nS3_SIGV4_ENABLED=true\n```\n"
    assert findings(score) == [(3, "SL402")]


def test_service_comments_decide_blocks_tables_sections_and_pages() -> None:
    bad = "```bash\nS3_SIGV4_ENABLED=true\n```\n"
    assert findings("<!-- score-lint drift: service=song -->\n" + bad) == []
    assert findings("<!-- score-lint drift: service=score -->\n" + SONG_BLOCK) != []
    section = "<!-- score-lint drift: service=maestro -->\n## Indexing\n\n" + bad + "\n## Storage\n\n" + bad
    assert findings(section) == [(11, "SL402")]
    page = "<!-- score-lint drift: service=song -->\n\nSong's settings.\n\n## Storage\n\n" + bad
    assert findings(page) == []


def test_headings_of_services_score_never_talks_to() -> None:
    bad = "```bash\nS3_SIGV4_ENABLED=true\n```\n"
    assert findings("## Kafka\n\n" + bad) == []
    assert findings("### Score client\n\n" + bad) == []
    assert findings("## AWS, Ceph, or Minio\n\n" + bad) == [(4, "SL402")]
    assert findings("## Song integration\n\n" + bad) == [(4, "SL402")]


def test_song_page_paths(tmp_path: Path) -> None:
    folder = tmp_path / "documentation" / "song" / "installation"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("```bash\nS3_SIGV4_ENABLED=true\n```\n", encoding="utf-8")
    own = tmp_path / "configuration"
    own.mkdir()
    (own / "song.md").write_text("```bash\nS3_SIGV4_ENABLED=true\n```\n", encoding="utf-8")
    results = {Path(r.path).parent.name: [f.code for f in r.findings] for r in drift_paths([tmp_path])}
    # documentation/song/... is Song's page; configuration/song.md is (in Score's docs) Score's Song settings.
    assert results == {"installation": [], "configuration": ["SL402"]}
    result = run("drift", "-v", str(folder / "index.md"))
    assert result.exit_code == 0
    assert result.stderr == f"score-lint: {folder / 'index.md'}: page skipped: it configures Song, not the Score server (its path names Song)\n"


# --------------------------------------------------------------------------- malformed tables


def test_a_row_shorter_than_its_header_documents_no_setting_named_required() -> None:
    page = _table("| Required | URL of the storage. |", "| `S3_ENDPOINT` | Required |")
    found = drift_text(page, "p.md").findings
    # The second row keeps its name; its description is missing (SL407) because a cell is.
    assert [(f.line, f.code) for f in found] == [(3, "SL410"), (4, "SL407"), (4, "SL410")]
    assert found[0].message == ("This row has 2 cells but the table's header has 3: Markdown fills the missing ones at "
                                "the end, so it documents nothing.")
    assert "the cells of S3_ENDPOINT sit under the wrong headings" in found[2].message
    assert not [f for f in found if f.key == "Required"]


def test_seed_page_profiles_are_its_most_harmful_line(seed) -> None:
    page, result = seed
    assert page.read_text(encoding="utf-8").splitlines()[11] == "SPRING_PROFILES_ACTIVE=prod,aws"
    found = _by(result, "SL411", "SPRING_PROFILES_ACTIVE")
    assert found.severity is Severity.ERROR
    assert "on 5.11: no storage profile (aws starts none), so Score refuses to start" in found.message


def test_cli_judges_profiles_on_every_line_unless_one_is_given() -> None:
    page = str(FIXTURES / "aws-profile.md")
    every = run("drift", page)
    assert every.exit_code == 1 and "prod,aws: on 5.10, 5.11 and develop: no storage profile" in every.stdout
    one = run("drift", "--score-version", "develop", "--format", "json", page)
    (finding,) = json.loads(one.stdout)["files"][0]["findings"]
    assert finding["message"].startswith("The example's profiles prod,aws: on develop: no storage profile")


# --------------------------------------------------------------------------------------------------
# big pages stay linear


def test_a_paragraph_of_thousands_of_mentions_is_linear() -> None:
    """Each mention looked for its sentence to the end of a 5,000-mention line (43 s)."""
    def run(n: int) -> None:
        drift_text("# S3\n\n" + " ".join(f"`S3_NAME_{i}`" for i in range(n)) + "\n", "t.md")

    assert_linear(run, 400)


def test_a_settings_table_of_thousands_of_rows_is_linear() -> None:
    """Every name was compared with every row (4,000 rows: 27 s)."""
    names = ["S3_ENDPOINT", "S3_ACCESSKEY", "UPLOAD_PARTSIZE", "METADATA_URL", "BUCKET_NAME_OBJECT", "CLEAN_X"]

    def run(n: int) -> None:
        rows = "".join(f"| `{names[i % 6]}_{i}` | Optional | string | see `{names[(i * 7) % 6]}` | 5.11 |\n"
                       for i in range(n))
        env = "".join(f"{names[i % 6]}_{i}=v\n" for i in range(n))
        drift_text("# S3\n\n## Storage\n\n| Setting | Requirement | Type | Description | Lines |\n"
                   "|---|---|---|---|---|\n" + rows + "\n```env\n" + env + "```\n", "t.md")

    assert_linear(run, 150)


def test_many_ignore_comments_are_linear() -> None:
    def run(n: int) -> None:
        drift_text("# S3\n\n" + "".join(f"<!-- score-lint drift: ignore -->\n```env\nFOO_{i}=1\n```\n\n"
                                        for i in range(n)), "t.md")

    assert_linear(run, 300)


def test_a_table_and_an_example_that_share_nothing_are_linear() -> None:
    """Each table row was tried against every example entry for a misspelt pair."""
    def run(n: int) -> None:
        rows = "".join(f"| `S3_ROW_{i}` | Optional | string | x | 5.11 |\n" for i in range(n))
        env = "".join(f"UPLOAD_EX_{i}=v\n" for i in range(n))
        drift_text("# S3\n\n## Storage\n\n| Setting | Requirement | Type | Description | Lines |\n"
                   "|---|---|---|---|---|\n" + rows + "\n```env\n" + env + "```\n", "t.md")

    assert_linear(run, 200)


def test_many_families_and_skipped_sections_are_linear() -> None:
    """Every name was matched against every pattern row, and every line against every skipped part."""
    def run(n: int) -> None:
        drift_text("".join(
            f"## Logs {i}\n\n| Setting | Requirement | Description |\n|---|---|---|\n"
            f"| `LOG{i}_LEVEL_<LOGGER>` | Optional | Level, see `LOG{i}_LEVEL_ROOT`. |\n\n"
            f"```env\nLOG{i}_LEVEL_WEB=DEBUG\n```\n\n## Kafka {i}\n\n```env\nKAFKA_TOPIC_{i}=song\n```\n\n"
            for i in range(n)), "t.md")

    assert_linear(run, 150)


def test_subsections_under_one_big_table_are_linear() -> None:
    """Each subsection's example was compared with every row of the enclosing section's table."""
    def run(n: int) -> None:
        rows = "".join(f"| `S3_ROW_{i}` | Optional | x |\n" for i in range(n))
        examples = "".join(f"\n### Example {i}\n\n```env\nS3_ROW_{i}=v\nUPLOAD_EX_{i}=v\n```\n" for i in range(n))
        drift_text("## Storage\n\n| Setting | Requirement | Description |\n|---|---|---|\n" + rows + examples, "t.md")

    assert_linear(run, 150)


def test_an_example_with_a_problem_on_every_line_is_linear() -> None:
    """The block was split again for each line docker cannot read."""
    def run(n: int) -> None:
        drift_text("```env\n" + "".join(f"S3_X{i} = 1\n" for i in range(n)) + "```\n", "t.md")

    assert_linear(run, 1000)



def _page_of_real_pages(copies: int) -> str:
    """The configuration pages, the deployment guide (a Song block, a Kafka section, a compose file with
    a client) and a page with a wrong profile list under numbered headings, ``copies`` times: the page
    the benchmark times drift on (5 MB of the docs and the corpus's pages repeated) in small."""
    paths = [*sorted(CONFIGURATION.glob("*.md")), ROOT / "docs" / "examples" / "deployment-guide.md", FIXTURES / "aws-profile.md"]
    texts = [path.read_text(encoding="utf-8").strip("\n") for path in paths]
    return "".join(f"# Copy {copy}, page {i + 1}\n\n{text}\n\n" for copy in range(copies) for i, text in enumerate(texts))


def test_a_page_of_real_pages_repeated_is_linear() -> None:
    """Every name, row, family, section and line of a page is looked up through indexes of the page, not
    by a scan of it: the page repeated 4 times costs about 4 times as much."""
    (one,), (two,) = check_paths_text(_page_of_real_pages(1)), check_paths_text(_page_of_real_pages(2))
    assert one.result.findings and one.skipped  # every copy is judged, and its Song and Kafka parts skipped
    assert (len(two.result.findings), len(two.skipped)) == (2 * len(one.result.findings), 2 * len(one.skipped))

    def run(n: int) -> None:
        drift_text(_page_of_real_pages(n), "docs.md")

    assert_linear(run, 2)
