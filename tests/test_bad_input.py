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


# --------------------------------------------------------------------------------------------------
# what is not a regular file, for every command that reads files: a named pipe (a plain open blocks
# until a writer comes), a character device (/dev/zero never ends), a symlink loop and a name too
# long for the file system. Each is one line naming the file, exit 2, at once.

BAD_KINDS = ["fifo", "device", "loop", "long-name"]


@pytest.fixture
def deadline() -> object:
    """Fail, instead of hanging the suite, when a command blocks (SIGALRM interrupts a blocking open)."""
    import signal

    if not hasattr(signal, "setitimer"):
        yield None
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("the command blocked: a pipe or a device was read")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        yield None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def make_bad(folder: Path, kind: str, name: str) -> Path:
    """A path in ``folder`` named like ``name`` that is a pipe, a device, a loop or too long a name."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        path = folder / name
        os.mkfifo(path)
    elif kind == "device":
        path = folder / name
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path = folder / name
        other = folder / f"other-{name}"
        path.symlink_to(other)
        other.symlink_to(path)
    else:
        path = folder / ("x" * 300 + name)
    return path


WORDS = {"fifo": "named pipe", "device": "character device", "loop": "symbolic links", "long-name": "name too long"}
needs_posix = pytest.mark.skipif(os.name != "posix" or not os.path.exists("/dev/zero"), reason="FIFOs, /dev/zero, symlinks")


def assert_refused(result: Result, words: str, *names: str) -> None:
    """Exit 2, one line ``score-lint: ...`` that names the file (by one of ``names``) and says why."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("score-lint: "), result.output
    assert any(name in lines[0] for name in names), result.output
    assert words in lines[0], result.output


@needs_posix
@pytest.mark.parametrize("kind", BAD_KINDS)
def test_lint_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str, deadline: object) -> None:
    bad = make_bad(tmp_path, kind, "score.env")
    assert_refused(lint(str(bad)), WORDS[kind], str(bad))
    assert_refused(lint("--fix", str(bad)), WORDS[kind], str(bad))
    assert_refused(lint("--diff", str(bad)), WORDS[kind], str(bad))
    assert_refused(lint("--dialect", "compose", str(bad)), WORDS[kind], str(bad))


@needs_posix
@pytest.mark.parametrize("kind", BAD_KINDS)
def test_compose_refuses_a_compose_file_that_is_not_a_regular_file(tmp_path: Path, kind: str, deadline: object) -> None:
    bad = make_bad(tmp_path, kind, "docker-compose.yml")
    assert_refused(lint("compose", str(bad)), WORDS[kind], str(bad))


@needs_posix
@pytest.mark.parametrize("kind", BAD_KINDS)
def test_compose_refuses_an_env_file_that_is_not_a_regular_file(tmp_path: Path, kind: str, deadline: object) -> None:
    bad = make_bad(tmp_path, kind, "score.env")
    compose_file = tmp_path / "docker-compose.yml"
    compose_file.write_text(f"services:\n  score:\n    image: overture/score-server\n    env_file: {bad.name}\n")
    assert_refused(lint("compose", str(compose_file)), WORDS[kind], bad.name)


@needs_posix
@pytest.mark.parametrize("kind", BAD_KINDS)
def test_drift_refuses_a_page_that_is_not_a_regular_file(tmp_path: Path, kind: str, deadline: object) -> None:
    bad = make_bad(tmp_path, kind, "storage.md")
    assert_refused(lint("drift", str(bad)), WORDS[kind], str(bad))


@needs_posix
@pytest.mark.parametrize("kind", ["fifo", "device", "loop"])
def test_drift_passes_over_a_pipe_in_a_folder(tmp_path: Path, kind: str, deadline: object) -> None:
    make_bad(tmp_path / "docs", kind, "pipe.md")
    (tmp_path / "docs" / "page.md").write_text(BROKEN_TABLE_PAGE, encoding="utf-8")
    result = lint("drift", str(tmp_path / "docs"))
    assert result.exit_code in (0, 1), result.output  # the pipe is no page; the real page is checked
    assert "page.md" in result.output and "pipe.md" not in result.output


@needs_posix
@pytest.mark.parametrize("kind", BAD_KINDS)
def test_schema_build_refuses_docs_that_are_not_regular_files(tmp_path: Path, kind: str, deadline: object) -> None:
    bad = make_bad(tmp_path, kind, "docs.md")
    result = lint("schema", "build", "--docs", str(bad), "--out", str(tmp_path / "out"), "--check")
    assert_refused(result, WORDS[kind], str(bad))


@needs_posix
@pytest.mark.parametrize("kind", ["fifo", "device", "loop"])
def test_docs_build_refuses_a_schema_that_is_not_a_regular_file(tmp_path: Path, kind: str, deadline: object) -> None:
    import shutil

    from score_lint import schema as bundled

    schemas = tmp_path / "schemas"
    shutil.copytree(Path(bundled.__file__).parent, schemas)
    target = schemas / "5.11" / "score-s3.schema.json"
    target.unlink()
    bad = make_bad(target.parent, kind, target.name)
    result = lint("docs", "build", "--schemas", str(schemas), "--docs-out", str(tmp_path / "out"), "--check")
    assert_refused(result, WORDS[kind], str(bad))


@needs_posix
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_docs_build_refuses_a_page_in_the_output_folder_that_is_not_a_regular_file(
    tmp_path: Path, kind: str, deadline: object
) -> None:
    bad = make_bad(tmp_path / "out", kind, "index.md")
    result = lint("docs", "build", "--docs-out", str(tmp_path / "out"), "--check")
    assert_refused(result, WORDS[kind], str(bad))


@needs_posix
@pytest.mark.parametrize("kind", BAD_KINDS)
def test_an_explicit_configuration_that_is_not_a_regular_file(tmp_path: Path, kind: str, deadline: object) -> None:
    env = tmp_path / "score.env"
    env.write_bytes(PROFILES)
    bad = make_bad(tmp_path / "conf", kind, ".score-lint.toml")
    assert_refused(lint("--config", str(bad), str(env)), WORDS[kind], str(bad))
    assert_refused(lint("compose", "--config", str(bad), str(env)), WORDS[kind], str(bad))


@needs_posix
@pytest.mark.parametrize("kind", ["fifo", "device", "loop"])
def test_a_found_configuration_that_is_not_a_regular_file_is_passed_over(tmp_path: Path, kind: str, deadline: object) -> None:
    env = tmp_path / "score.env"
    env.write_bytes(PROFILES)
    make_bad(tmp_path, kind, ".score-lint.toml")
    result = lint(str(env))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert f"{env}:" in result.output


# --------------------------------------------------------------------------------------------------
# inputs that used to crash with a traceback (exit 1, which CI reads as findings)

HUGE_NUMBER = "9" * 5000  # Python's int() refuses more than 4,300 digits


@pytest.mark.parametrize("args", [[], ["--fix"], ["--diff"], ["--dialect", "compose"], ["--format", "sarif"]],
                         ids=["lint", "fix", "diff", "compose-dialect", "sarif"])
def test_integer_setting_with_five_thousand_digits(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "score.env"
    path.write_bytes(PROFILES + f"UPLOAD_PARTSIZE={HUGE_NUMBER}\nCOLLABORATORY_UPLOAD_EXPIRATION={HUGE_NUMBER}\n".encode())
    result = lint(*args, str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == (0 if args == ["--diff"] else 1), result.output  # --diff: nothing to fix
    if not args or args == ["--fix"]:
        assert_finding(result, path, 2, "invalid-value")  # overflows Java int: Score fails to start
        assert HUGE_NUMBER[:50] not in result.output


def test_integer_setting_with_five_thousand_digits_in_a_compose_file(tmp_path: Path) -> None:
    compose_file = tmp_path / "docker-compose.yml"
    compose_file.write_text(
        "services:\n  score:\n    image: overture/score-server\n    environment:\n"
        f"      SPRING_PROFILES_ACTIVE: prod,collaboratory\n      UPLOAD_PARTSIZE: {HUGE_NUMBER}\n"
        f"      UPLOAD_RETRY_LIMIT: -{HUGE_NUMBER}\n"
    )
    result = lint("compose", str(compose_file))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert_finding(result, compose_file, 6, "invalid-value")


@pytest.mark.parametrize("cron", ["² 0 0 * * ?", "0 0 0 * * ?/³", "0 ٣ 0 * * ?", "0 0 0 1-" + HUGE_NUMBER + " * ?"])
def test_cron_with_digits_int_cannot_read(tmp_path: Path, cron: str) -> None:
    path = tmp_path / "score.env"
    path.write_bytes(PROFILES + f"UPLOAD_CLEAN_CRON={cron}\n".encode())
    for args in ([], ["--fix"], ["--dialect", "compose"]):
        assert_finding(lint(*args, str(path)), path, 2, "invalid-cron")


def _compose(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "docker-compose.yml"
    path.write_text("services:\n  score:\n    image: overture/score-server\n" + body)
    return path


def test_compose_recursive_merge_key(tmp_path: Path) -> None:
    path = _compose(tmp_path, "    environment: &env\n      METADATA_URL: http://song:8080\n      <<: *env\n")
    assert_input_error(lint("compose", str(path)), Path(f"{path}:6:7"), "merges a mapping into itself")


def test_compose_deep_nesting(tmp_path: Path) -> None:
    path = _compose(tmp_path, "    labels: " + "[" * 5000 + "]" * 5000 + "\n")
    assert_input_error(lint("compose", str(path)), path, "nested too deeply")


def test_compose_merge_key_fan_out_is_refused_quickly(tmp_path: Path) -> None:
    """Nine levels of ``<<: [*m x 9]`` expand to 387 million entries; the expansion is bounded instead."""
    levels = "x0: &a0 {METADATA_URL: http://song:8080}\n" + "".join(
        f"x{i}: &a{i}\n  <<: [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
    )
    path = tmp_path / "docker-compose.yml"
    path.write_text(levels + "services:\n  score:\n    image: overture/score-server\n    environment:\n      <<: *a9\n")
    result = lint("compose", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "alias bomb" in result.output and "1,000,000 entries" in result.output


def test_configuration_not_utf8(tmp_path: Path) -> None:
    env = tmp_path / "score.env"
    env.write_bytes(PROFILES)
    conf = tmp_path / ".score-lint.toml"
    conf.write_bytes(b'select = ["SL1"]\n# caf\xe9\n')
    assert_input_error(lint(str(env)), conf, "line 2: not valid UTF-8")
    assert_input_error(lint("compose", str(env)), conf, "line 2: not valid UTF-8")


def test_configuration_nested_too_deeply(tmp_path: Path) -> None:
    env = tmp_path / "score.env"
    env.write_bytes(PROFILES)
    conf = tmp_path / ".score-lint.toml"
    conf.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert_input_error(lint(str(env)), conf, "nested too deeply")


@needs_posix
def test_configuration_docs_pointing_at_a_symlink_loop(tmp_path: Path) -> None:
    env = tmp_path / "score.env"
    env.write_bytes(PROFILES)
    (tmp_path / "dl1").symlink_to(tmp_path / "dl2")
    (tmp_path / "dl2").symlink_to(tmp_path / "dl1")
    conf = tmp_path / ".score-lint.toml"
    conf.write_text('docs = "dl1"\n')
    assert_input_error(lint(str(env)), conf, "symbolic links")
    assert_input_error(lint("--docs", str(tmp_path / "dl1"), "--isolated", str(env)), tmp_path / "dl1", "symbolic links")


# --------------------------------------------------------------------------------------------------
# terminal escape sequences in names and values reach the terminal escaped, on every message path

ESC_NAME = "evil\x1b]0;pwned\x07\x1b[2J\x9b31m\u202escore.env"


def assert_no_raw_escapes(result: Result) -> None:
    for text in (result.stdout, result.stderr if result.stderr_bytes is not None else ""):
        for char in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert char not in text, repr(text[:400])
    assert "\\x1b" in result.output or "\\u202e" in result.output, result.output


@needs_posix
@pytest.mark.parametrize("args", [[], ["--format", "github"], ["--format", "json"], ["--format", "sarif"],
                                  ["--fix"], ["--diff", "--show-secrets"], ["--verbose"], ["--dialect", "compose"]])
def test_escape_sequences_in_a_file_name_are_shown_escaped(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / ESC_NAME
    path.write_bytes(PROFILES + b"S3_ACCESS_KEY=abc\nMETADATA_URL=http://song:8080\x1b[31m\n")
    result = CliRunner().invoke(main, [*args, str(path)])
    assert result.exit_code in (0, 1), result.output
    for text in (result.stdout, result.stderr):
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text, repr(text[:400])


@needs_posix
def test_escape_sequences_in_error_messages(tmp_path: Path) -> None:
    missing = tmp_path / ESC_NAME
    assert_no_raw_escapes(lint(str(missing)))
    assert_no_raw_escapes(lint("compose", str(missing)))
    assert_no_raw_escapes(lint("drift", str(missing)))
    assert_no_raw_escapes(lint("rule", "\x1b[31mSL999"))
    assert_no_raw_escapes(lint("--score-version", "\x1b[31m5.11", str(missing)))
    compose_file = tmp_path / "docker-compose.yml"
    compose_file.write_text(f"services:\n  score:\n    image: overture/score-server\n    env_file: {missing.name!r}\n"
                            .replace("\\x1b", "\\u001b"))
    result = lint("compose", str(compose_file))
    assert result.exit_code == 2 and "\x1b" not in result.output, repr(result.output)
    fifo = tmp_path / ("pipe" + ESC_NAME)
    os.mkfifo(fifo)
    assert_no_raw_escapes(lint("--fix", str(fifo)))
    assert_no_raw_escapes(lint("schema", "build", "--docs", str(fifo), "--out", str(tmp_path / "o"), "--check"))
