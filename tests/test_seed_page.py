"""The seed page's example env files (Score's object-storage doc) through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from score_lint.cli import main

_BLOCK = re.compile(r"```(?:bash|shell)\n(.*?)```", re.S)


@pytest.fixture
def seed(corpus: Path, tmp_path: Path) -> dict[str, Path]:
    blocks = _BLOCK.findall((corpus / "docs" / "seed-object-storage.md").read_text(encoding="utf-8"))
    assert len(blocks) == 2, "the seed page should hold an S3 and an Azure example"
    paths = {}
    for name, text in zip(("s3", "azure"), blocks):
        paths[name] = tmp_path / f"{name}.env.score"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _lint(path: Path, *args: str) -> list[tuple[int | None, str, str, str]]:
    result = CliRunner().invoke(main, [str(path), "--format", "json", *args])
    assert result.exit_code == 1, result.output
    (report,) = json.loads(result.output)["files"]
    return [(f["line"], f["code"], f["severity"], f["key"]) for f in report["findings"]]


def _keys(findings: list[tuple[int | None, str, str, str]], code: str, severity: str) -> set[str]:
    return {key for _, c, s, key in findings if c == code and s == severity}


def test_s3_example_docker(seed: dict[str, Path]) -> None:
    found = _lint(seed["s3"])
    assert {"S3_ENDPOINT", "S3_SIGV4ENABLED", "UPLOAD_CLEAN_CRON", "S3_ACCESS_KEY", "S3_SECRETKEY",
            "BUCKET_NAME_OBJECT", "BUCKET_NAME_STATE"} <= _keys(found, "SL202", "error")
    assert _keys(found, "SL208", "warning") == {"UPLOAD_PARTSIZE"}
    assert _keys(found, "SL207", "error") == {"BUCKET_NAME_OBJECT", "BUCKET_NAME_STATE"}
    assert _keys(found, "SL206", "warning") == {"S3_ACCESS_KEY", "S3_SECRETKEY"}
    # The quoted values are the quote rule's: no second finding on the same mistake.
    assert not {c for _, c, _, _ in found} & {"SL201", "SL211"}


def test_s3_example_compose(seed: dict[str, Path]) -> None:
    found = _lint(seed["s3"], "--dialect", "compose")
    codes = {c for _, c, _, _ in found}
    assert "SL202" not in codes
    assert _keys(found, "SL207", "error") == {"BUCKET_NAME_OBJECT", "BUCKET_NAME_STATE"}
    assert _keys(found, "SL208", "warning") == {"UPLOAD_PARTSIZE"}
    assert _keys(found, "SL206", "warning") == {"S3_ACCESS_KEY", "S3_SECRETKEY"}


def test_azure_example_docker(seed: dict[str, Path]) -> None:
    found = _lint(seed["azure"])
    assert _keys(found, "SL205", "error") == {
        "AZURE_ACCOUNT_NAME", "AZURE_ACCOUNT_KEY", "BUCKET_NAME_OBJECT", "BUCKET_POLICY_UPLOAD", "BUCKET_POLICY_DOWNLOAD",
    }
    assert _keys(found, "SL203", "error") == {
        "BUCKET_NAME_OBJECT", "BUCKET_POLICY_UPLOAD", "BUCKET_POLICY_DOWNLOAD", "OBJECT_SENTINEL",
    }
    assert "DOWNLOAD_PARTSIZE" in _keys(found, "SL101", "error")
    # No S3 floor on Azure, but 104587 is a download part size of about 10,000 requests per GiB.
    assert _keys(found, "SL208", "warning") == {"UPLOAD_PARTSIZE"}
    # No bucket-name error for a placeholder, no S3 credentials on Azure.
    assert not {c for _, c, _, _ in found} & {"SL207", "SL210"}


def test_azure_example_compose(seed: dict[str, Path]) -> None:
    found = _lint(seed["azure"], "--dialect", "compose")
    codes = {c for _, c, _, _ in found}
    assert not codes & {"SL202", "SL203"}
    assert len(_keys(found, "SL205", "error")) == 5
