"""The plain path of the ``score-lint`` script (no Click) against Click's ``lint`` command.

Both are run as the user runs them, as processes, on the same files from the same folder; the output
and the exit code must be the same byte for byte. The command lines the plain path must leave to Click
(options, commands, folders, standard input, files it cannot lint) are checked to reach Click.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from score_lint import cli, fastpath

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "linter" / "score_lint" / "examples").glob("*.env.score"))
ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}


def _run(entry: str, args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    call = "script" if entry == "fastpath" else "main"  # the installed script's function, and Click's group
    code = f"import sys; from score_lint.{entry} import {call}; sys.argv[0] = 'score-lint'; {call}()"
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                          env=env or ENV, check=False)
    return proc.returncode, proc.stdout, proc.stderr


def _same(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    fast = _run("fastpath", args, cwd, env)
    slow = _run("cli", args, cwd, env)
    assert fast == slow
    return fast[0], fast[1]


@pytest.mark.parametrize("entry", ["fastpath", "cli"])
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path, entry: str) -> None:
    """``score-lint FILE | head -1``: exit 1, as Click exits on a broken pipe, and no traceback."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "big.env").write_text("".join(f"NOT_A_SETTING_{i}=x\n" for i in range(20_000)))
    call = "script" if entry == "fastpath" else "main"
    code = f"import sys; from score_lint.{entry} import {call}; sys.argv[0] = 'score-lint'; {call}()"
    proc = subprocess.Popen([sys.executable, "-c", code, "big.env"], cwd=tmp_path, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"big.env:")
    proc.stdout.close()
    errors = proc.stderr.read()
    assert proc.wait(timeout=120) == 1
    assert errors == b""


def test_the_bundled_examples() -> None:
    names = [str(p.relative_to(ROOT)) for p in EXAMPLES]
    code, out = _same(names, ROOT)
    assert code == 1 and "checked" in out


def test_colour_is_decided_alike() -> None:
    names = [str(p.relative_to(ROOT)) for p in EXAMPLES]
    code, out = _same(names, ROOT, {**ENV, "FORCE_COLOR": "1"})
    assert "\x1b[" in out


def test_the_corpus_env_files(corpus: Path) -> None:
    envs = corpus / "envs"
    names = sorted(p.name for p in envs.iterdir() if p.name.endswith(".env"))
    assert names
    _same(names, envs)


def test_a_configuration_file_applies_alike(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".score-lint.toml").write_text('score-version = "5.10"\nignore = ["SL203"]\nfail-level = "error"\n')
    (tmp_path / "a.env.score").write_text("S3_ENDPOINT=http://minio:9000 # local\nS3_SIGV4_ENABLED=true\nUPLOAD_PARTSIZE=1\n")
    (tmp_path / "b.env.score").write_text("SPRING_PROFILES_ACTIVE=prod,collaboratory\n")
    code, out = _same(["a.env.score", "./b.env.score"], tmp_path)
    assert code == 1 and "Score 5.10" in out and "SL203" not in out and "\nb.env.score: " in out


def test_files_that_cannot_be_linted_are_reported_by_click(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "good.env").write_text("S3_ENDPOINT=http://minio:9000\n")
    (tmp_path / "bad.env").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / ".score-lint.toml").write_text("score-version = 7\n")  # refused: names the file
    code, _ = _same(["good.env", "bad.env"], tmp_path)
    assert code == 2


@pytest.mark.parametrize("args", [[], ["--version"], ["--help"], ["missing.env"], ["."], ["-"], ["lint", "a.env"],
                                  ["a.env", "--format", "json"], ["a.env", "-q"]])
def test_other_command_lines_reach_click(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.env").write_text("S3_ENDPOINT=http://minio:9000\n")
    assert not fastpath._plain(args)
    _same(args, tmp_path)


def test_a_file_named_like_a_command_is_left_to_click(tmp_path: Path) -> None:
    assert fastpath._NOT_FILES == set(cli.main.commands)
    (tmp_path / "drift").write_text("S3_ENDPOINT=http://minio:9000\n")
    os.chdir(tmp_path)
    assert not fastpath._plain(["drift"])
