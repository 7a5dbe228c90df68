"""The lint command never touches the network, never runs a program and never evaluates a value.

Every door out is replaced by a trap that records the call and raises; the lint must finish with its
usual exit code and the trap must stay untouched (a broad ``except`` in the product cannot hide a call).
"""

from __future__ import annotations

import builtins
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from score_lint.cli import main
from tests.conftest import ROOT

SEED = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"

HOSTILE = """\
SPRING_PROFILES_ACTIVE=prod,collaboratory,$(touch CANARY-profiles)
METADATA_URL=$(curl -s http://169.254.169.254/latest/meta-data/ > CANARY-metadata)
S3_ENDPOINT=`touch CANARY-backtick`
S3_ACCESSKEY=${HOME}
S3_SECRETKEY="$(cat /etc/shadow > CANARY-secret)"
S3_SIGV4ENABLED=${S3_SIGV4ENABLED:-$(touch CANARY-default)}
BUCKET_NAME_OBJECT=${UNSET_VARIABLE:?$(touch CANARY-required)}
BUCKET_NAME_STATE='`touch CANARY-single`'
UPLOAD_PARTSIZE=__import__('os').system('touch CANARY-python')
UPLOAD_CLEAN_CRON=#{T(java.lang.Runtime).getRuntime().exec('touch CANARY-spel')}
OBJECT_SENTINEL=${jndi:ldap://127.0.0.1:1389/a}
SERVER_PORT={{7*7}}
LOGGING_LEVEL_ROOT=$((6*7))
AUTH_SERVER_URL=http://localhost:1/$(touch CANARY-url)
export JAVA_TOOL_OPTIONS="-javaagent:$(touch CANARY-agent)"
$(touch CANARY-key)=1
`touch CANARY-key2`
"""


class Trap:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, name: str):  # type: ignore[no-untyped-def]
        def trapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls.append(name)
            raise AssertionError(f"score-lint called {name}")

        return trapped


DOORS = [
    (socket.socket, "connect"),
    (socket.socket, "connect_ex"),
    (socket, "create_connection"),
    (socket, "getaddrinfo"),
    (subprocess, "Popen"),
    (os, "system"),
    (os, "popen"),
    (builtins, "eval"),
    (builtins, "exec"),
    *((os, name) for name in ("execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
                              "fork", "forkpty", "posix_spawn", "posix_spawnp", "spawnv", "spawnve", "spawnl",
                              "spawnle", "spawnlp", "spawnlpe", "spawnvp", "spawnvpe") if hasattr(os, name)),
]


def lint(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


@pytest.fixture
def trapped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Trap]:
    # Warm up first: the first run imports modules, and importing legitimately uses exec.
    lint([str(SEED)])
    lint(["--format", "json", "--dialect", "compose", str(SEED)])
    lint(["--diff", str(SEED)])  # the fixer is imported on first use
    import tomllib  # noqa: F401  (read lazily when a configuration file exists)
    monkeypatch.chdir(tmp_path)
    trap = Trap()
    for owner, name in DOORS:
        monkeypatch.setattr(owner, name, trap(f"{getattr(owner, '__name__', owner)}.{name}"))
    yield trap
    monkeypatch.undo()
    assert trap.calls == [], f"score-lint reached for {trap.calls}"
    assert list(tmp_path.glob("CANARY*")) == []


@pytest.mark.parametrize("dialect", ["docker", "compose"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_seed_example(trapped: Trap, dialect: str, fmt: str) -> None:
    code, output = lint(["--dialect", dialect, "--format", fmt, str(SEED)])
    assert code == 1, output
    assert "Traceback" not in output


@pytest.mark.parametrize("dialect", ["docker", "compose"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_values_that_look_like_code(trapped: Trap, tmp_path: Path, dialect: str, fmt: str) -> None:
    path = tmp_path / "hostile.env.score"
    path.write_text(HOSTILE, encoding="utf-8")
    code, output = lint(["--dialect", dialect, "--format", fmt, str(path)])
    assert code == 1, output
    assert "Traceback" not in output
    assert "/etc/shadow" not in output  # a secret's value is never echoed either
    assert "49" not in output.replace(str(path), "")  # {{7*7}} was not evaluated


def test_fix_and_diff_stay_inside_too(trapped: Trap, tmp_path: Path) -> None:
    path = tmp_path / "hostile.env.score"
    path.write_text(HOSTILE, encoding="utf-8")
    # The fixer refuses a file docker cannot parse (exit 2); what matters is that nothing ran.
    for flag in ("--diff", "--fix"):
        code, output = lint([flag, str(path)])
        assert code in (0, 1, 2) and "Traceback" not in output
    path.write_text(HOSTILE.split("export ")[0], encoding="utf-8")
    code, output = lint(["--fix", str(path)])
    assert code in (0, 1) and "Traceback" not in output
