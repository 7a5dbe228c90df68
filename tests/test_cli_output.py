"""How the lint command reports: exit codes, quiet, statistics, the output file, colour, fixes, verdicts."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from score_lint.cli import main

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "envs"
QUOTED = 'SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_SIGV4ENABLED="true"\nS3_ACCESS_KEY=score\n'
ANSI = "\x1b["


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--isolated", *args], env=env)


@pytest.fixture
def quoted(tmp_path: Path) -> Path:
    path = tmp_path / ".env.score"
    path.write_text(QUOTED)
    return path


def score_lint_command() -> list[str]:
    script = Path(sys.executable).with_name("score-lint")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from score_lint.cli import main; main()"]


# --------------------------------------------------------------------------- exit codes and quiet


def test_exit_zero_keeps_the_report(quoted: Path) -> None:
    result = run("--exit-zero", str(quoted))
    assert result.exit_code == 0
    assert "error SL202" in result.stdout and "will not start" in result.stdout


def test_quiet_prints_the_findings_only(quoted: Path) -> None:
    result = run("-q", str(quoted))
    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    assert rows and all(row.startswith(str(quoted)) and " SL" in row for row in rows)
    assert " will start" not in result.stdout and " will not start" not in result.stdout
    assert "checked" not in result.stdout and "fixable with" not in result.stdout


def test_quiet_fix_says_nothing_about_what_it_fixed(quoted: Path) -> None:
    result = run("-q", "--fix", str(quoted))
    assert result.stderr == "" and 'S3_SIGV4ENABLED="true"' not in quoted.read_text()


# --------------------------------------------------------------------------- statistics


def test_statistics_text_and_json(quoted: Path) -> None:
    result = run("--statistics", str(quoted))
    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    assert "1  SL202  [*] quoted-value" in rows and "1  SL104  [*] non-canonical-name" in rows
    assert rows[-1] == "[*] 2 fixable with `--fix`."
    assert not any(row.startswith(str(quoted)) for row in rows)  # counts instead of the findings
    data = json.loads(run("--statistics", "--format", "json", str(quoted)).stdout)
    assert {"code": "SL202", "name": "quoted-value", "count": 1, "fixable_count": 1} in data


@pytest.mark.parametrize(("args", "words"), [
    (["--statistics", "--format", "sarif"], "--statistics works with --format text or json"),
    (["--show-fixes", "--format", "json"], "--show-fixes works with --format text or full"),
    (["--show-fixes", "--statistics"], "--show-fixes works with --format text or full, without --statistics"),
])
def test_flags_that_would_do_nothing_are_usage_errors(quoted: Path, args: list[str], words: str) -> None:
    result = run(*args, str(quoted))
    assert result.exit_code == 2 and words in result.output


# --------------------------------------------------------------------------- --output-file


def test_output_file_gets_the_report_and_stdout_stays_empty(quoted: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "score-lint.json"
    target.parent.mkdir()
    result = run("--format", "json", "--output-file", str(target), str(quoted))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text())["files"][0]["verdict"]["stopped_by"] == ["SL202"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["score-lint.json"]  # no temporary left behind


def test_output_file_is_replaced_whole_and_keeps_its_mode(quoted: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old report\n" * 1000)
    target.chmod(0o640)
    run("--output-file", str(target), str(quoted))
    text = target.read_text()
    assert "old report" not in text and text.endswith("[*] 2 fixable with `--fix`.\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_report_that_fails_part_way_leaves_the_output_file_as_it_was(
    quoted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Reports are written in pieces as they are made: the old file is replaced only by a whole report."""
    from score_lint import reporters

    def broken(*args: object, **kwargs: object) -> object:
        yield "x" * 200_000  # more than one batch: some of it reaches the temporary file
        raise RuntimeError("the report broke half-way")

    monkeypatch.setitem(reporters.STREAMS, fmt, broken)
    target = tmp_path / "reports" / "score-lint.out"
    target.parent.mkdir()
    target.write_text("old report\n")
    result = run("--format", fmt, "--output-file", str(target), str(quoted))
    assert isinstance(result.exception, RuntimeError)
    assert target.read_text() == "old report\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["score-lint.out"]  # no temporary left behind


def test_output_file_never_overwrites_an_input(quoted: Path) -> None:
    result = run("--output-file", str(quoted), str(quoted))
    assert result.exit_code == 2 and "never overwrites the files it lints" in result.output
    assert quoted.read_text() == QUOTED
    folder_run = run("--output-file", str(quoted), str(quoted.parent))  # found by searching the folder
    assert folder_run.exit_code == 2 and quoted.read_text() == QUOTED


def test_output_file_in_a_missing_folder_is_an_input_error(quoted: Path, tmp_path: Path) -> None:
    result = run("--output-file", str(tmp_path / "nope" / "r.txt"), str(quoted))
    assert result.exit_code == 2 and "Traceback" not in result.output and "nope" in result.output


# --------------------------------------------------------------------------- colour


def _tty_run(args: list[str], env: dict[str, str]) -> str:
    """The CLI's output on a pseudo-terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*score_lint_command(), *args], stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def _env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**base, **extra}


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_auto_colours_a_terminal_unless_no_color(quoted: Path) -> None:
    assert ANSI in _tty_run(["--isolated", str(quoted)], _env())
    assert ANSI not in _tty_run(["--isolated", str(quoted)], _env(NO_COLOR="1"))
    assert ANSI in _tty_run(["--isolated", "--color", "always", str(quoted)], _env(NO_COLOR="1"))
    assert ANSI not in _tty_run(["--isolated", "--color", "never", str(quoted)], _env(FORCE_COLOR="1"))


def test_a_pipe_gets_no_colour_unless_forced(quoted: Path) -> None:
    def piped(*args: str, **env: str) -> str:
        return subprocess.run([*score_lint_command(), "--isolated", *args, str(quoted)], capture_output=True,
                              text=True, env=_env(**env), check=False).stdout

    assert ANSI not in piped()
    assert ANSI in piped(FORCE_COLOR="1")
    assert ANSI in piped(FORCE_COLOR="1", NO_COLOR="1")  # FORCE_COLOR forces
    assert ANSI not in piped(FORCE_COLOR="0")
    assert ANSI in piped("--color", "always")
    assert ANSI not in piped("--format", "json", "--color", "always")  # machine formats never


# --------------------------------------------------------------------------- fixes


def test_show_fixes_lists_what_fix_would_do(quoted: Path) -> None:
    result = run("--show-fixes", str(quoted))
    assert "Fixes `--fix` would apply:\n" in result.stdout
    assert f"  {quoted}:2:17: SL202 remove the quotes around the value of S3_SIGV4ENABLED\n" in result.stdout
    assert f"  {quoted}:3:1: SL104 rename S3_ACCESS_KEY to S3_ACCESSKEY\n" in result.stdout


def test_show_fixes_with_fix_names_what_was_fixed(quoted: Path) -> None:
    result = run("--show-fixes", "--fix", str(quoted))
    assert result.stderr.splitlines() == [
        f"{quoted}: fixed 2 problems",
        "  remove the quotes around the value of S3_SIGV4ENABLED",
        "  rename S3_ACCESS_KEY to S3_ACCESSKEY",
    ]
    assert "No fixes available." in result.stdout


# --------------------------------------------------------------------------- verdicts on real files


def test_develop_with_azure_will_not_start() -> None:
    result = run("--score-version", "develop", str(FIXTURES / "develop-azure.env"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-2] == (
        f"{FIXTURES / 'develop-azure.env'}: Score develop will not start: 1 error stops it (SL505)."
    )


def test_the_prelude_quickstart_on_develop(corpus: Path) -> None:
    # SPRING_PROFILES_ACTIVE=default,collaboratory,prod,secure,jwt: collaboratory is gone on develop.
    path = corpus / "envs" / "overture-stack__prelude__quickstart__docker-compose.yml.score.env"
    result = run("--score-version", "develop", "--dialect", "compose", str(path))
    verdict = next(row for row in result.stdout.splitlines() if row.startswith(f"{path}: Score "))
    assert verdict.startswith(f"{path}: Score develop will not start: ") and "(SL501" in verdict


def test_the_prelude_main_compose_env_on_develop_starts_with_settings_not_as_written(corpus: Path) -> None:
    # SPRING_PROFILES_ACTIVE=noSecurityDev, s3 starts; UPLOAD_CONNECTION_TIMEOUT is replaced by the s3 profile.
    path = corpus / "envs" / "overture-stack__prelude__main__docker-compose.yml.score.env"
    result = run("--score-version", "develop", "--dialect", "compose", str(path))
    verdict = next(row for row in result.stdout.splitlines() if row.startswith(f"{path}: Score "))
    assert verdict.startswith(f"{path}: Score develop will start; ") and "SL107" in verdict


def test_amazon_beside_collaboratory_starts_on_5_11(corpus: Path) -> None:
    # The most common production list in Overture's repositories (facts addendum 3): never "refuses to start".
    path = corpus / "envs" / "overture-stack__SONG__develop__docker-compose.yml.score-server.env"
    data = json.loads(run("--format", "json", "--score-version", "5.11", str(path)).stdout)
    assert data["files"][0]["verdict"]["starts"] is True


def test_compose_and_drift_take_the_output_flags(corpus: Path, tmp_path: Path) -> None:
    compose = corpus / "envs" / "overture-stack__SONG__develop__docker-compose.yml"
    out = tmp_path / "compose.txt"
    result = CliRunner().invoke(main, ["compose", "--isolated", "--exit-zero", "--output-file", str(out), str(compose)])
    assert result.exit_code == 0 and "Score 5.11 will start" in out.read_text()
    page = corpus / "docs" / "seed-object-storage.md"
    drift = CliRunner().invoke(main, ["drift", "--statistics", str(page)])
    assert drift.exit_code == 1 and "SL402" in drift.stdout and "Score" not in drift.stdout


def test_a_hundred_files_in_one_call_each_get_a_verdict(tmp_path: Path) -> None:
    for i in range(100):
        shutil.copy(FIXTURES / "develop-azure.env", tmp_path / f"{i:03}.env.score")
    result = run("--score-version", "develop", str(tmp_path))
    verdicts = [row for row in result.stdout.splitlines() if ": Score develop will not start: " in row]
    assert len(verdicts) == 100 and result.stdout.splitlines()[-1] == "100 files checked: 100 errors, 0 warnings, 0 infos"


def test_a_compose_verdict_names_its_service_and_the_client_gets_none(corpus: Path) -> None:
    # SONG develop's compose file runs overture/score-server and overture/score (the client image): only
    # the server is Score, and its verdict says which service it is about.
    compose = corpus / "envs" / "overture-stack__SONG__develop__docker-compose.yml"
    result = CliRunner().invoke(main, ["compose", "--isolated", str(compose)])
    verdicts = [row for row in result.stdout.splitlines() if ": Score 5.11 will " in row]
    assert [row.split(": Score")[0] for row in verdicts] == [f"{compose} (service score-server)"]
