"""The output formats, as the installed `score-lint` command prints them.

- The JSON report of every command (`lint`, `compose`, `drift`) validates against its published schema,
  `schema/output.schema.json`, and that schema rejects what is not the contract.
- The examples on docs/output.md are what the command prints today for the page's own example file,
  and so are the findings the home page and Getting started quote. After a change to the output,
  rewrite them with

      python -m tests.test_output_formats --update

  and commit the page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT

PAGE = ROOT / "docs" / "output.md"
OUTPUT_SCHEMA = ROOT / "schema" / "output.schema.json"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"
FORMATS = ("text", "json", "sarif", "github")
# A marker comment, maybe other comments, then the fenced block it names: <!-- output: json -->\n```json ...```
_BLOCK = re.compile(r"(<!-- output: (\w+) -->\n(?:<!--[^\n]*-->\n)*```[^\n]*\n)(.*?)(^```)", re.M | re.S)


def score_lint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The installed command, as users run it."""
    command = shutil.which("score-lint", path=str(Path(sys.executable).parent)) or shutil.which("score-lint")
    assert command, "score-lint is not installed"
    return subprocess.run([command, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8")))


def valid_report(text: str) -> dict[str, Any]:
    """The report, after checking it against the schema and its summary against its findings."""
    report: dict[str, Any] = json.loads(text)
    errors = sorted(_validator().iter_errors(report), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    findings = [f for file in report["files"] for f in file["findings"]]
    assert report["summary"] == {
        "files": len(report["files"]),
        **{f"{s}s": sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")},
    }
    for f in findings:
        assert (f["line"] is None) == (f["column"] is None), f
    return report


# --- the schema -----------------------------------------------------------------------------------------


def test_output_schema_is_a_draft_07_schema_published_with_the_others() -> None:
    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    catalog_base = json.loads((ROOT / "schema" / "catalog.json").read_text())["schemas"][0]["url"].split("/schema/")[0]
    assert schema["$id"] == f"{catalog_base}/schema/output.schema.json"  # docs/hooks.py copies schema/ to the site
    assert schema["properties"]["version"] == {"description": "The version of this contract.", "const": 1}


@pytest.fixture(scope="module")
def seed_report() -> str:
    return score_lint("--format", "json", str(SEED)).stdout


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.update(version=2),
        lambda r: r["files"][0]["findings"][0].pop("fixable"),
        lambda r: r["files"][0]["findings"][0].update(severity="fatal"),
        lambda r: r["files"][0]["findings"][0].update(line=0),
        lambda r: r["files"][0].update(score_version="5.9"),
        lambda r: r["summary"].update(errors=-1),
        lambda r: r["files"][0]["findings"][0].update(extra="x"),
    ],
    ids=["version", "missing-field", "severity", "line-0", "score-line", "negative-count", "unknown-field"],
)
def test_output_schema_rejects_what_is_not_the_contract(change: Any, seed_report: str) -> None:
    report = json.loads(seed_report)
    assert _validator().is_valid(report)
    change(report)
    assert not _validator().is_valid(report)


# --- every command's JSON validates -----------------------------------------------------------------


def test_lint_json_validates(tmp_path: Path) -> None:
    (tmp_path / "empty.env.score").write_text("")
    (tmp_path / "broken.env.score").write_bytes(b"export S3_ENDPOINT='http://minio:9000\n\x00KEY WITH BLANKS=1\n=x\n")
    runs = [
        ["--format", "json", str(SEED)],
        ["--format", "json", *map(str, sorted((FIXTURES / "envs").glob("good-*.env")))],
        ["--format", "json", "--dialect", "compose", "--provider", "azure", str(SEED)],
        ["--format", "json", "--score-version", "develop", str(tmp_path / "empty.env.score"), str(tmp_path / "broken.env.score")],
    ]
    seen = set()
    for args in runs:
        done = score_lint(*args)
        assert done.returncode in (0, 1), done.stderr
        report = valid_report(done.stdout)
        seen |= {(f["dialect"], f["provider"], f["score_version"]) for f in report["files"]}
    assert {("docker", "s3", "5.11"), ("compose", "azure", "5.11"), ("docker", "s3", "develop")} <= seen


COMPOSE = """\
services:
  score:
    image: ghcr.io/overture-stack/score-server:5.11.0
    env_file: [score.env]
    environment:
      SPRING_PROFILES_ACTIVE: collaboratory,prod
      S3_SIGV4_ENABLED: "true"
      METADATA_URL: ${SONG_URL:-http://song:8080}
"""


def test_compose_json_validates(tmp_path: Path) -> None:
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    (tmp_path / "score.env").write_text("S3_ENDPOINT=http://minio:9000\nS3_ACCESS_KEY=score\n")
    done = score_lint("compose", "--format", "json", "docker-compose.yml", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    report = valid_report(done.stdout)
    assert {f["dialect"] for f in report["files"]} == {"compose"}
    assert report["summary"]["errors"] + report["summary"]["warnings"] > 0


def test_compose_json_over_the_corpus_validates(corpus: Path) -> None:
    files = sorted(str(p) for p in (corpus / "envs").iterdir() if p.name.endswith(("docker-compose.yml", "docker-compose.yaml")))
    done = score_lint("compose", "--format", "json", *files)
    assert done.returncode in (0, 1), done.stderr
    report = valid_report(done.stdout)  # a compose file without a Score service has no entry
    assert report["summary"]["files"] > 0 and report["summary"]["errors"] + report["summary"]["warnings"] > 0


def test_drift_json_validates(tmp_path: Path) -> None:
    page = (
        "# Object storage\n\n| Setting | Requirement | Description |\n|---|---|---|\n"
        "| `DOWNLOAD_PARTSIZE` | Optional | Part size. |\n"
    )
    (tmp_path / "storage.md").write_text(page)
    clean = valid_report(score_lint("drift", "--format", "json", "docs/").stdout)
    assert clean["files"] and {f["provider"] for f in clean["files"]} == {"any"}
    done = score_lint("drift", "--format", "json", str(tmp_path / "storage.md"))
    assert done.returncode == 1 and "SL402" in {f["code"] for f in valid_report(done.stdout)["files"][0]["findings"]}


# --- the examples on docs/output.md ----------------------------------------------------------------------


def _example_input(page: str) -> str:
    blocks = {name: body for _, name, body, _ in _BLOCK.findall(page)}
    return blocks["input"]


def _sarif_example(text: str) -> str:
    """The SARIF report with `tool.driver.rules` cut to the first rule, the one the example's result names."""
    report = json.loads(text)
    run = report["runs"][0]
    assert {r["ruleIndex"] for r in run["results"]} == {0}, "the example must only refer to the first rule"
    run["tool"]["driver"]["rules"] = run["tool"]["driver"]["rules"][:1]
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def current_examples(page: str) -> dict[str, str]:
    """What the command prints for each format, for the page's example file, run in its folder."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / ".env.score").write_text(_example_input(page), encoding="utf-8")
        out = {}
        for fmt in FORMATS:
            done = score_lint("--format", fmt, ".env.score", cwd=Path(folder))
            assert done.returncode == 1, done.stderr
            out[fmt] = _sarif_example(done.stdout) if fmt == "sarif" else done.stdout
    return out


def test_the_examples_on_the_page_are_what_score_lint_prints() -> None:
    page = PAGE.read_text(encoding="utf-8")
    shown = {name: body for _, name, body, _ in _BLOCK.findall(page) if name in FORMATS}
    assert set(shown) == set(FORMATS)
    stale = [fmt for fmt, text in current_examples(page).items() if shown[fmt] != text]
    assert not stale, f"docs/output.md shows old {', '.join(stale)} output: run python -m tests.test_output_formats --update"
    assert valid_report(shown["json"])


def update() -> None:
    page = PAGE.read_text(encoding="utf-8")
    current = current_examples(page)
    PAGE.write_text(
        _BLOCK.sub(lambda m: m.group(0) if m.group(2) not in current else m.group(1) + current[m.group(2)] + m.group(4), page),
        encoding="utf-8",
    )
    print(f"wrote {PAGE.relative_to(ROOT)}")


# --- findings quoted on other pages ------------------------------------------------------------------------
# The home page and Getting started quote a few lines of text output (shortened on purpose): each quoted
# line must be a line the command prints today. `--update` rewrites them too.

QUOTED = (
    # (page, the file the lines come from, the fence that quotes them)
    (ROOT / "docs" / "index.md", ".env.score", "console"),
    (ROOT / "docs" / "getting-started.md", "linter/score_lint/examples/seed-s3.env.score", "console"),
)
_FINDING_LINE = re.compile(r"^(\S+:\d+:\d+: (?:error|warning|info) SL\d{3}) .*$", re.M)


def _printed_lines(page: Path, source: str) -> list[str]:
    if source == ".env.score":  # the page's own example file, run in its folder
        block = re.search(r'^```env title="\.env\.score"\n(.*?)^```', page.read_text(encoding="utf-8"), re.M | re.S)
        assert block, page
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / ".env.score").write_text(block.group(1), encoding="utf-8")
            return score_lint(".env.score", cwd=Path(folder)).stdout.splitlines()
    return score_lint(source).stdout.splitlines()


def _quoted_lines(page: Path, source: str, fence: str) -> list[str]:
    blocks = re.findall(rf"^```{fence}\n(.*?)^```", page.read_text(encoding="utf-8"), re.M | re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith(source + ":")]


@pytest.mark.parametrize(("page", "source", "fence"), QUOTED, ids=[p.name for p, _, _ in QUOTED])
def test_findings_quoted_on_the_page_are_what_score_lint_prints(page: Path, source: str, fence: str) -> None:
    quoted = _quoted_lines(page, source, fence)
    assert quoted, f"{page.name} quotes no finding of {source}"
    printed = set(_printed_lines(page, source))
    stale = [line for line in quoted if line not in printed]
    assert not stale, f"{page.name} quotes old output: run python -m tests.test_output_formats --update"


def update_quotes() -> None:
    for page, source, fence in QUOTED:
        by_place = {}
        for line in _printed_lines(page, source):
            found = _FINDING_LINE.match(line)
            if found:
                by_place[found.group(1)] = line
        text = page.read_text(encoding="utf-8")
        for line in _quoted_lines(page, source, fence):
            found = _FINDING_LINE.match(line)
            if found and found.group(1) in by_place:
                text = text.replace(line, by_place[found.group(1)])
        page.write_text(text, encoding="utf-8")
        print(f"wrote {page.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.test_output_formats --update")
    update()
    update_quotes()
