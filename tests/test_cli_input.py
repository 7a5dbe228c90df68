"""What the lint command reads: standard input, folders (with .gitignore and --exclude), several files
of which some cannot be read, and YAML files that belong to another command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from score_lint.cli import main
from score_lint.discover import find_env_files
from score_lint.inputs import yaml_kind

GOOD = "SPRING_PROFILES_ACTIVE=collaboratory,prod\nMETADATA_URL=http://song:8080\nS3_ENDPOINT=http://minio:9000\n"
QUOTED = 'SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_SIGV4ENABLED="true"\n'


def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env)


def files_of(result: Result) -> list[str]:
    return [f["path"] for f in json.loads(result.stdout)["files"]]


def write(path: Path, text: str = GOOD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# --------------------------------------------------------------------------- standard input


def test_dash_reads_standard_input() -> None:
    result = run("--isolated", "-", input=QUOTED.encode())
    assert result.exit_code == 1, result.output
    assert "\n-:2:17: error SL202 [*] S3_SIGV4ENABLED is quoted" in result.stdout
    assert "-: Score 5.11 will not start: 1 error stops it (SL202)." in result.stdout


def test_stdin_filename_names_it_and_finds_its_configuration(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository root: the search goes up to it
    (tmp_path / "deploy").mkdir()
    (tmp_path / ".score-lint.toml").write_text('score-version = "develop"\n')
    name = str(tmp_path / "deploy" / ".env.score")  # need not exist
    result = run("--format", "json", "--stdin-filename", name, "-", input=b"SPRING_PROFILES_ACTIVE=s3\n")
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == name and file["score_version"] == "develop"


def test_stdin_filename_without_dash_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--stdin-filename", "x.env.score", str(write(tmp_path / "a.env.score")))
    assert result.exit_code == 2 and "pass - among the files" in result.output


def test_fix_on_standard_input_prints_the_fixed_text_and_reports_on_stderr() -> None:
    result = run("--isolated", "--fix", "-", input=QUOTED.encode())
    assert result.stdout == QUOTED.replace('"true"', "true")
    assert "-: Score 5.11 will start" in result.stderr  # what is left, judged on the fixed text
    assert result.exit_code == 1  # METADATA_URL and friends are still missing


def test_diff_on_standard_input() -> None:
    result = run("--isolated", "--diff", "--stdin-filename", "conf/.env.score", "-", input=QUOTED.encode())
    assert result.exit_code == 1
    assert "--- a/conf/.env.score\n+++ b/conf/.env.score\n" in result.stdout
    assert '-S3_SIGV4ENABLED="true"\n+S3_SIGV4ENABLED=true\n' in result.stdout


def test_binary_standard_input_is_an_input_error() -> None:
    result = run("-", input=bytes(range(256)) * 40)
    assert result.exit_code == 2 and result.stderr.startswith("score-lint: -: file is binary")


def test_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("score-lint")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from score_lint.cli import main; main()"]
    proc = subprocess.run([*command, "--isolated", "--format", "json", "-"], input=QUOTED.encode(), capture_output=True,
                          cwd=tmp_path, check=False)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["verdict"]["stopped_by"] == ["SL202"]


# --------------------------------------------------------------------------- folders


def test_a_folder_is_searched_for_env_file_names(tmp_path: Path) -> None:
    for name in (".env.score", "prod.env.score", "staging.score.env", "deep/er/.env.score", "notes.env", "x.env.scorex"):
        write(tmp_path / name)
    result = run("--isolated", "--format", "json", str(tmp_path))
    assert result.exit_code == 1, result.output  # the files lack bucket settings: warnings
    assert files_of(result) == [str(tmp_path / n) for n in (".env.score", "deep/er/.env.score", "prod.env.score",
                                                              "staging.score.env")]


def test_exclude_globs_match_names_and_paths(tmp_path: Path) -> None:
    for name in ("a/.env.score", "legacy/.env.score", "b/legacy/.env.score", "c/old.env.score", "envs/old1/.env.score"):
        write(tmp_path / name)
    result = run("--isolated", "--format", "json", "--exclude", "legacy", "--exclude", "old*.env.score",
                 "--exclude", "envs/old*", str(tmp_path))
    assert files_of(result) == [str(tmp_path / "a" / ".env.score")]


def test_gitignore_is_respected_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("generated/\n*.local.env.score\n")
    (repo / "deploy" / ".gitignore").parent.mkdir()
    (repo / "deploy" / ".gitignore").write_text("!keep.local.env.score\nsecret.env.score\n")
    for name in ("prod.env.score", "keep.local.env.score", "dev.local.env.score", "secret.env.score",
                 "generated/.env.score", "sub/.env.score"):
        write(repo / "deploy" / name)
    (tmp_path / ".gitignore").write_text("*\n")  # above the repository: not git's business
    result = run("--isolated", "--format", "json", str(repo / "deploy"))
    assert files_of(result) == [str(repo / "deploy" / n) for n in ("keep.local.env.score", "prod.env.score",
                                                                   "sub/.env.score")]


def test_a_file_named_on_the_command_line_is_linted_even_if_ignored(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.env.score\n")
    path = write(tmp_path / "prod.env.score")
    assert files_of(run("--isolated", "--format", "json", "--exclude", "prod*", str(path))) == [str(path)]


def test_a_folder_without_env_files_is_an_input_error_saying_what_was_skipped(tmp_path: Path) -> None:
    write(tmp_path / "old" / ".env.score")
    result = run("--exclude", "old", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"score-lint: {tmp_path}: no env file (.env.score, *.env.score, *.score.env) in this directory "
        "(1 skipped by --exclude or .gitignore)\n"
    )


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "real" / ".env.score")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")
    found, _ = find_env_files(tmp_path)
    assert found == [tmp_path / "real" / ".env.score"]


def test_pathspec_is_imported_only_for_a_folder(tmp_path: Path) -> None:
    path = write(tmp_path / "a.env.score")
    code = (
        "import sys\nfrom score_lint.cli import main\n"
        "for args in ([{f!r}], [{d!r}]):\n"
        "    try:\n        main(['--isolated', *args])\n    except SystemExit:\n        pass\n"
        "    print('PATHSPEC', 'pathspec' in sys.modules)\n"
    ).format(f=str(path), d=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert [line for line in out.splitlines() if line.startswith("PATHSPEC")] == ["PATHSPEC False", "PATHSPEC True"]


# --------------------------------------------------------------------------- some inputs fail


def test_missing_and_unreadable_inputs_are_reported_and_the_rest_is_linted(tmp_path: Path) -> None:
    good = write(tmp_path / "good.env.score")
    binary = tmp_path / "binary.env.score"
    binary.write_bytes(bytes(range(256)) * 40)
    missing = tmp_path / "missing.env.score"
    result = run("--isolated", str(missing), str(good), str(binary))
    assert result.exit_code == 2  # after the report
    assert result.stderr.splitlines() == [
        f"score-lint: {missing}: no such file",
        f"score-lint: {binary}: file is binary, not text",
    ]
    assert f"{good}: Score 5.11 will start" in result.stdout and "1 file checked" in result.stdout


def test_exit_2_wins_over_exit_zero(tmp_path: Path) -> None:
    write(tmp_path / "a.env.score", QUOTED)
    result = run("--isolated", "--exit-zero", str(tmp_path / "a.env.score"), str(tmp_path / "nope.env.score"))
    assert result.exit_code == 2


# --------------------------------------------------------------------------- YAML belongs elsewhere

COMPOSE = "services:\n  score:\n    image: overture/score-server:5.11.0\n    environment:\n      - S3_ENDPOINT=x\n"
K8S = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: score\ndata:\n  S3_ENDPOINT: http://minio:9000\n"


@pytest.mark.parametrize(("name", "text", "command"), [
    ("docker-compose.yml", COMPOSE, "compose"),
    ("score.env.score", "# the stack\nversion: '3.8'\n" + COMPOSE, "compose"),  # a YAML file by content
    ("score-config.yaml", K8S, "k8s"),
    ("configmap.env.score", "---\n" + K8S, "k8s"),
])
def test_yaml_is_refused_with_the_command_made_for_it(tmp_path: Path, name: str, text: str, command: str) -> None:
    path = write(tmp_path / name, text)
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr == f"score-lint: {path}: this is {'a docker compose file' if command == 'compose' else 'a Kubernetes manifest'}, not an env file; lint it with `score-lint {command} {path}`\n"
    assert result.stdout == ""


def test_env_files_are_not_mistaken_for_yaml() -> None:
    assert yaml_kind(".env.score", b"SPRING_PROFILES_ACTIVE=collaboratory,prod\nservices=1\n") is None
    assert yaml_kind(".env.score", b"# services:\nS3_ENDPOINT=http://minio:9000\n") is None
    assert yaml_kind(".env.score", b"") is None
    # The real corpus files, which are env files whatever their compose-file names say.
    assert yaml_kind("overture-stack__SONG__develop__docker-compose.yml.score-server.env",
                     b"SPRING_PROFILES_ACTIVE=amazon,collaboratory,prod,secure\n") is None


def test_corpus_compose_files_are_sent_to_compose(corpus: Path) -> None:
    compose_files = sorted((corpus / "envs").glob("*docker-compose.y*ml"))
    assert compose_files
    for path in compose_files:
        assert yaml_kind(path.name, path.read_bytes()) == "compose", path.name
    for path in sorted((corpus / "envs").glob("*.env")):
        assert yaml_kind(path.name, path.read_bytes()) is None, path.name
