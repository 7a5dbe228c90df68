"""Bad input through the CLI: every case ends with a one-line message naming the file, or a finding
on the right line; never a traceback, and memory stays bounded."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from score_lint.cli import main

PROFILES = b"SPRING_PROFILES_ACTIVE=prod,collaboratory\n"
BROKEN_TABLE_PAGE = """\
# Object storage

## S3

| Setting | Requirement | Type | Description | Property | Lines | Profiles |
|---------|-------------|------|-------------|----------|-------|
| `S3_ENDPOINT` | Required | url | Where the object store listens. | `s3.endpoint` | all | any |
| `S3_SECRETKEY` | Required | secret | The secret key. | `s3.secret-key` | all | any |

```env
S3_ENDPOINT=http://minio:9000
```
"""


def lint(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_input_error(result: Result, path: Path, words: str) -> None:
    """Exit 2 with ``score-lint: PATH: message`` and nothing else."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"score-lint: {path}: "), result.output
    assert words in lines[0], result.output


def assert_finding(result: Result, path: Path, line: int, rule: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    hits = [row for row in result.output.splitlines() if row.startswith(f"{path}:{line}:") and f"[{rule}]" in row]
    assert hits, result.output


def score_lint_command() -> list[str]:
    """The installed console script, or the same entry point through this interpreter."""
    script = Path(sys.executable).with_name("score-lint")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from score_lint.cli import main; main()"]


# The child's peak RSS is read in a small intermediate interpreter: a child forked from pytest
# itself would count pytest's own memory, which it shares until exec.
_MEASURE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_process(args: list[str], cwd: Path) -> tuple[int, str, int]:
    """Run the real CLI; exit code, stdout+stderr, and its peak RSS in KiB."""
    rss = cwd / "rss.txt"
    with open(cwd / "out.txt", "wb") as out:
        code = subprocess.call([sys.executable, "-c", _MEASURE, str(rss), *score_lint_command(), *args],
                               cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    return code, (cwd / "out.txt").read_text(errors="replace"), int(rss.read_text())


# --------------------------------------------------------------------------------------------------
# files that cannot be read


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.env"
    assert_input_error(lint(str(path)), path, "no such file")


def test_folder(tmp_path: Path) -> None:
    assert_input_error(lint(str(tmp_path)), tmp_path, "directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file (see the monkeypatched case)")
def test_no_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.env"
    path.write_bytes(PROFILES)
    path.chmod(0)
    try:
        assert_input_error(lint(str(path)), path, "permission denied")
    finally:
        path.chmod(0o600)


def test_no_read_permission_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.env"
    path.write_bytes(PROFILES)
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    assert_input_error(lint(str(path)), path, "permission denied")


def test_other_os_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.env"
    path.write_bytes(PROFILES)
    real_open = builtins.open

    def failing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == str(path):
            raise OSError(5, "Input/output error", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    assert_input_error(lint(str(path)), path, "Input/output error")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a.env", tmp_path / "b.env"
    a.symlink_to(b)
    b.symlink_to(a)
    assert_input_error(lint(str(a)), a, "symbolic links")


def test_second_file_missing_names_that_file_and_the_first_is_still_linted(tmp_path: Path) -> None:
    good = tmp_path / "good.env"
    good.write_bytes(PROFILES)
    missing = tmp_path / "missing.env"
    result = CliRunner().invoke(main, [str(good), str(missing)])
    assert result.exit_code == 2, result.output  # an input error wins over findings, after the report
    assert result.stderr == f"score-lint: {missing}: no such file\n"
    assert f"{good}: Score 5.11 will " in result.stdout and "1 file checked" in result.stdout


# --------------------------------------------------------------------------------------------------
# files that are read


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.env"
    path.write_bytes(b"")
    for fmt in ("text", "json"):
        result = lint("--format", fmt, str(path))
        assert result.exit_code == 1, result.output  # nothing is set: required settings are missing
        assert "Traceback" not in result.output
        assert str(path) in result.output


@pytest.mark.parametrize("data", [bytes(range(256)) * 40, b"\x7fELF\x02\x01\x01\x00" + bytes(4000), "A=1\n".encode("utf-16")],
                         ids=["all-bytes", "elf", "utf-16"])
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "binary.env"
    path.write_bytes(data)
    result = lint(str(path))
    assert_input_error(result, path, "")
    assert "binary" in result.output or "UTF-16" in result.output


@pytest.mark.parametrize("dialect", ["docker", "compose"])
def test_nul_byte_is_a_finding_on_its_line(tmp_path: Path, dialect: str) -> None:
    path = tmp_path / "nul.env"
    path.write_bytes(PROFILES + b"OBJECT_SENTINEL=helio\x00graph\n")
    assert_finding(lint("--dialect", dialect, str(path)), path, 2, "nul-byte")


@pytest.mark.parametrize("dialect", ["docker", "compose"])
def test_invalid_utf8_is_a_finding_on_its_line(tmp_path: Path, dialect: str) -> None:
    path = tmp_path / "latin1.env"
    path.write_bytes(PROFILES + b"# caf\xe9\nS3_ENDPOINT=http://minio:9000\nBUCKET_NAME_OBJECT=caf\xe9\n")
    result = lint("--dialect", dialect, str(path))
    assert_finding(result, path, 4, "invalid-utf8")
    json_result = lint("--dialect", dialect, "--format", "json", str(path))
    assert "Traceback" not in json_result.output
    import json

    json.loads(json_result.output)  # still one valid JSON document


def test_invalid_utf8_in_a_name_keeps_the_json_valid(tmp_path: Path) -> None:
    import json

    path = tmp_path / "name.env"
    path.write_bytes(PROFILES + b"S3_\xffKEY=abc\n")
    result = lint("--format", "json", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    findings = json.loads(result.output)["files"][0]["findings"]
    assert any(f["line"] == 2 for f in findings)


def test_ten_megabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "long.env"
    path.write_bytes(PROFILES + b"OBJECT_SENTINEL=" + b"x" * 10_000_000 + b"\n")
    # docker reads at most 64 KiB per line and refuses the file: a finding on line 2.
    assert_finding(lint(str(path)), path, 2, "line-too-long")
    # compose reads any length: no crash, the file is linted.
    result = lint("--dialect", "compose", str(path))
    assert result.exit_code in (0, 1) and "Traceback" not in result.output


def test_ten_megabyte_single_line_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "long.env"
    path.write_bytes(b"S3_ENDPOINT=" + b"y" * 10_000_000)
    assert_finding(lint(str(path)), path, 1, "line-too-long")


def test_hundred_megabyte_file_real_process(tmp_path: Path) -> None:
    path = tmp_path / "huge.env"
    block = (PROFILES + b"S3_ENDPOINT=http://minio:9000\n# a comment line of the kind real files have\n") * 1000
    with path.open("wb") as fh:
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(block)
    code, output, peak_kib = run_process([str(path)], tmp_path)
    print(f"100 MB file: exit {code}, peak RSS {peak_kib / 1024:.1f} MiB")
    assert code == 2, output[:2000]
    assert "Traceback" not in output
    assert output.startswith(f"score-lint: {path}: "), output[:2000]
    assert peak_kib < 200 * 1024, f"peak RSS {peak_kib / 1024:.0f} MiB"


def test_missing_file_real_process(tmp_path: Path) -> None:
    code, output, _ = run_process(["absent.env"], tmp_path)
    assert (code, output) == (2, "score-lint: absent.env: no such file\n")


def test_binary_file_real_process(tmp_path: Path) -> None:
    (tmp_path / "binary.env").write_bytes(bytes(range(256)) * 64)
    code, output, _ = run_process(["binary.env", "--format", "json"], tmp_path)
    assert code == 2 and "Traceback" not in output
    assert output.startswith("score-lint: binary.env: "), output


# --------------------------------------------------------------------------------------------------
# Markdown pages


def test_broken_table_schema_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "storage.md"
    page.write_text(BROKEN_TABLE_PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "build", "--docs", str(docs), "--out", str(tmp_path / "out")])
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert f"{page}:5" in result.output, result.output


def test_broken_table_drift(tmp_path: Path) -> None:
    page = tmp_path / "storage.md"
    page.write_text(BROKEN_TABLE_PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["drift", str(page)])
    assert "Traceback" not in result.output
    assert result.exit_code in (1, 2), result.output
    assert f"{page}:5" in result.output, result.output


def test_markdown_page_not_utf8(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "latin1.md"
    page.write_bytes(BROKEN_TABLE_PAGE.encode() + b"\ncaf\xe9\n")
    result = CliRunner().invoke(main, ["schema", "build", "--docs", str(docs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{page}:" in result.output
