"""Configuration files, command-line precedence, and suppression comments."""

from __future__ import annotations

from score_lint.findings import Severity
from score_lint.lint.context import Options

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from score_lint import config
from score_lint.cli import main
from tests.helpers import assert_findings, findings

ENV = "S3_ACCESS_KEY=abc\n"  # SL104 (info) plus file-level findings


_FINDING = re.compile(r"^\S+?(?::\d+:\d+)?: (?:error|warning|info) (SL\d{3}) ")


def _codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.group(1) for m in map(_FINDING.match, result.output.splitlines()) if m]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository (the search goes up to its root) with an env file two folders down."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy" / "prod").mkdir(parents=True)
    (tmp_path / "deploy" / "prod" / ".env.score").write_text(ENV)
    return tmp_path


def test_pyproject_found_walking_up(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.score-lint]\nselect = ["SL104"]\n')
    env = project / "deploy" / "prod" / ".env.score"
    assert config.find(env) == str(project / "pyproject.toml")
    result = CliRunner().invoke(main, [str(env)])
    assert _codes(result) == ["SL104"]
    assert result.exit_code == 0  # info only


def test_dotfile_wins_in_one_folder_and_pyproject_without_table_is_passed_over(project: Path) -> None:
    (project / ".score-lint.toml").write_text('select = ["SL1"]\n')
    (project / "deploy" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    env = project / "deploy" / "prod" / ".env.score"
    assert config.find(env) == str(project / ".score-lint.toml")
    (project / "deploy" / "prod" / ".score-lint.toml").write_text('ignore = ["SL104"]\n')
    (project / "deploy" / "prod" / "pyproject.toml").write_text('[tool.score-lint]\nselect = ["SL104"]\n')
    assert config.find(env) == str(project / "deploy" / "prod" / ".score-lint.toml")


@pytest.mark.parametrize(("text", "configures"), [
    ('[project]\nname = "x"\ndependencies = ["score-lint[lsp]>=1"]\n', False),  # named, but not as a key
    ('[tool.score-lint]\nselect = ["SL104"]\n', True),
    ('[tool."score-lint"]\nselect = ["SL104"]\n', True),
    ("[tool]\n'score-lint' = { select = ['SL104'] }\n", True),
    ('tool.score-lint.select = ["SL104"]\n', True),
    ('[tool."score\\u002Dlint"]\nselect = ["SL104"]\n', True),  # spelt with an escape
    ('[tool."\\U00000073core-lint"]\nselect = ["SL104"]\n', True),
])
def test_a_pyproject_table_is_found_however_its_key_is_written(project: Path, text: str, configures: bool) -> None:
    (project / "deploy" / "pyproject.toml").write_text(text)
    found = config.find(project / "deploy" / "prod" / ".env.score")
    assert (found == str(project / "deploy" / "pyproject.toml")) is configures
    if configures:
        assert config.load(found).options().select == ("SL104",)


def test_a_broken_pyproject_is_passed_over_unless_it_can_configure_score_lint(project: Path) -> None:
    env = str(project / "deploy" / "prod" / ".env.score")
    path = project / "deploy" / "pyproject.toml"
    path.write_text('[tool.ruff\nline-length = 100\n')  # not TOML, and not about score-lint
    result = CliRunner().invoke(main, [env])
    assert result.exit_code in (0, 1) and "not valid TOML" not in result.output
    path.write_text('[tool.score-lint\nselect = ["SL104"]\n')  # meant for score-lint: an error naming it
    result = CliRunner().invoke(main, [env])
    assert result.exit_code == 2
    assert str(path) in result.output and "not valid TOML" in result.output


def test_every_option(project: Path) -> None:
    path = project / ".score-lint.toml"
    path.write_text(
        'score-version = "develop"\ndialect = "compose"\nprovider = "azure"\nselect = ["SL1", "SL2"]\n'
        'ignore = ["SL104"]\nfail-level = "error"\ndocs = "docs/configuration"\n'
    )
    cfg = config.load(path)
    assert cfg.options() == Options(line="develop", dialect="compose", provider="azure",
                                           select=("SL1", "SL2"), ignore=("SL104",))
    assert cfg.fail_severity is Severity.ERROR
    assert cfg.docs == str((project / "docs" / "configuration").resolve())


@pytest.mark.parametrize(("text", "expected"), [
    ("colour = true\n", "unknown option 'colour' in top level"),
    ("dialect = 'podman'\n", "dialect must be one of docker, compose"),
    ("select = 'SL1'\n", "select must be a list"),
    ("ignore = ['E501']\n", "'E501' is not a code prefix"),
    ("fail-level = 'fatal'\n", "fail-level must be one of info, warning, error"),
    ("score-version = 5.11\n", "score-version must be one of"),
    ("select = [\n", "not valid TOML"),
])
def test_bad_files_are_errors_naming_file_and_key(project: Path, text: str, expected: str) -> None:
    path = project / ".score-lint.toml"
    path.write_text(text)
    result = CliRunner().invoke(main, [str(project / "deploy" / "prod" / ".env.score")])
    assert result.exit_code == 2
    assert str(path) in result.output and expected in result.output
    assert "Traceback" not in result.output


def test_unknown_key_in_pyproject_names_the_table(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.score-lint]\nline = '5.11'\n")
    result = CliRunner().invoke(main, [str(project / "deploy" / "prod" / ".env.score")])
    assert result.exit_code == 2
    assert "pyproject.toml: unknown option 'line' in [tool.score-lint]" in result.output


def test_command_line_flags_win(project: Path) -> None:
    (project / ".score-lint.toml").write_text('select = ["SL104"]\nfail-level = "info"\n')
    env = str(project / "deploy" / "prod" / ".env.score")
    runner = CliRunner()
    assert runner.invoke(main, [env]).exit_code == 1  # info fails at fail-level info
    assert runner.invoke(main, ["--fail-level", "warning", env]).exit_code == 0
    assert _codes(runner.invoke(main, ["--select", "SL5", env])) == ["SL501"]
    assert "SL104" in _codes(runner.invoke(main, ["--isolated", env]))


def test_explicit_config_file(project: Path, tmp_path: Path) -> None:
    other = project / "ci.toml"
    other.write_text('[tool.score-lint]\nselect = ["SL104"]\n')
    env = str(project / "deploy" / "prod" / ".env.score")
    # Any file name: read as a plain .score-lint.toml (top-level keys) unless it is a pyproject.toml.
    result = CliRunner().invoke(main, ["--config", str(other), env])
    assert result.exit_code == 2 and "unknown option 'tool'" in result.output
    other.write_text('select = ["SL104"]\n')
    assert _codes(CliRunner().invoke(main, ["--config", str(other), env])) == ["SL104"]
    missing = CliRunner().invoke(main, ["--config", str(project / "nope.toml"), env])
    assert missing.exit_code == 2


def test_bad_code_flag_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["--select", "E501", str(project / "deploy" / "prod" / ".env.score")])
    assert result.exit_code == 2 and "--select" in result.output


# --------------------------------------------------------------------------- suppression


def test_disable_comment_suppresses_the_next_line_only() -> None:
    text = "# score-lint: disable=SL104\nS3_ACCESS_KEY=abc\nS3_SECRET_KEY=def\n"
    assert_findings(text, [(3, "SL104")], code="SL104")


def test_disable_next_line_and_prefixes_and_lists() -> None:
    text = (
        "#score-lint: disable-next-line=SL2, SL104\nS3_ACCESS_KEY=abc\n"
        "# score-lint: disable=SL1\nFOO=1\nBAR=2\n"
    )
    assert [(n, c) for n, c in findings(text) if n is not None and c.startswith("SL1")] == [(5, "SL101")]


def test_an_inline_comment_does_not_suppress() -> None:
    # Under docker the comment would be part of the value, so it must not count.
    assert_findings("S3_ACCESS_KEY=abc # score-lint: disable=SL104\n", [(1, "SL104")], code="SL104")


def test_a_comment_with_a_blank_line_between_does_not_suppress() -> None:
    assert_findings("# score-lint: disable=SL104\n\nS3_ACCESS_KEY=abc\n", [(3, "SL104")], code="SL104")


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    text = "# score-lint: disable=SL104\nS3_ACCESS_KEY=abc\nS3_SECRET_KEY=def\n"
    path.write_text(text)
    CliRunner().invoke(main, ["--fix", "--isolated", str(path)])
    assert path.read_text() == text.replace("S3_SECRET_KEY", "S3_SECRETKEY")


# --------------------------------------------------------------------------------------------------
# where the search stops: a configuration planted in a shared parent folder must not silence a project


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".score-lint.toml").write_text('ignore = ["SL"]\n')  # planted above the repository
    repo = tmp_path / "work" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "deploy").mkdir()
    env = repo / "deploy" / ".env.score"
    env.write_text(ENV)
    assert config.find(env) is None
    assert config.search_folders(env) == (str(repo / "deploy"), str(repo))
    result = CliRunner().invoke(main, [str(env)])
    assert "SL104" in _codes(result)  # not silenced
    (repo / ".score-lint.toml").write_text('select = ["SL104"]\n')
    assert config.find(env) == str(repo / ".score-lint.toml")  # the repository's own file still applies


def test_a_git_file_marks_a_root_too(tmp_path: Path) -> None:
    """Worktrees and submodules have a ``.git`` file, not a folder."""
    (tmp_path / ".score-lint.toml").write_text('ignore = ["SL"]\n')
    repo = tmp_path / "wt"
    repo.mkdir()
    (repo / ".git").write_text("gitdir: /elsewhere\n")
    (repo / ".env.score").write_text(ENV)
    assert config.find(repo / ".env.score") is None


def test_search_stops_at_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".score-lint.toml").write_text('ignore = ["SL"]\n')  # above the home folder
    home = tmp_path / "home" / "ana"
    (home / "deploy").mkdir(parents=True)
    env = home / "deploy" / ".env.score"
    env.write_text(ENV)
    monkeypatch.setenv("HOME", str(home))
    assert config.find(env) is None
    assert config.search_folders(env)[-1] == str(home)
    (home / ".score-lint.toml").write_text('select = ["SL104"]\n')
    assert config.find(env) == str(home / ".score-lint.toml")


def _outside_any_repository(folder: Path) -> None:
    if any((parent / ".git").exists() for parent in (folder, *folder.parents)):
        pytest.skip(f"{folder} is inside a git repository")


def test_outside_any_repository_and_home_only_the_own_folder_is_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in /tmp, say: a configuration in a parent folder up to / is anybody's, not the project's."""
    _outside_any_repository(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home" / "ana"))
    (tmp_path / ".score-lint.toml").write_text('ignore = ["SL"]\n')  # planted in the shared parent
    folder = tmp_path / "shared" / "deploy"
    folder.mkdir(parents=True)
    env = folder / ".env.score"
    env.write_text(ENV)
    assert config.search_folders(env) == (str(folder),)
    assert config.search_folders(folder) == (str(folder),)
    assert config.find(env) is None
    assert "SL104" in _codes(CliRunner().invoke(main, [str(env)]))  # not silenced
    (folder / ".score-lint.toml").write_text('select = ["SL104"]\n')
    assert config.find(env) == str(folder / ".score-lint.toml")  # the file's own folder still counts
    assert _codes(CliRunner().invoke(main, [str(env)])) == ["SL104"]


def test_above_home_outside_a_repository_only_the_own_folder_is_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder that holds the home folders (/home) is above home, not in it."""
    _outside_any_repository(tmp_path)
    home = tmp_path / "home" / "ana"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / ".score-lint.toml").write_text('ignore = ["SL"]\n')
    env = tmp_path / "home" / ".env.score"
    env.write_text(ENV)
    assert config.search_folders(env) == (str(tmp_path / "home"),)
    assert config.find(env) is None


def test_below_home_outside_a_repository_the_search_goes_up_to_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _outside_any_repository(tmp_path)
    home = tmp_path / "home" / "ana"
    folder = home / "deployments" / "prod"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / ".score-lint.toml").write_text('ignore = ["SL"]\n')  # above home: never read
    env = folder / ".env.score"
    env.write_text(ENV)
    assert config.search_folders(env) == (str(folder), str(home / "deployments"), str(home))
    (home / "deployments" / ".score-lint.toml").write_text('select = ["SL104"]\n')  # above the file, below home
    assert config.find(env) == str(home / "deployments" / ".score-lint.toml")
    assert _codes(CliRunner().invoke(main, [str(env)])) == ["SL104"]


def test_a_repository_in_home_stops_the_search_before_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home" / "ana"
    repo = home / "src" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "deploy").mkdir()
    monkeypatch.setenv("HOME", str(home))
    (home / ".score-lint.toml").write_text('ignore = ["SL"]\n')  # home's own file: above the repository root
    env = repo / "deploy" / ".env.score"
    env.write_text(ENV)
    assert config.search_folders(env) == (str(repo / "deploy"), str(repo))
    assert config.find(env) is None
    assert "SL104" in _codes(CliRunner().invoke(main, [str(env)]))


@pytest.mark.parametrize("command", [[], ["compose"]])
def test_verbose_says_when_only_the_own_folder_was_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    _outside_any_repository(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / ".score-lint.toml").write_text('ignore = ["SL"]\n')
    (tmp_path / "deploy").mkdir()
    env = tmp_path / "deploy" / ".env.score"
    env.write_text(ENV)
    result = CliRunner().invoke(main, [*command, "--verbose", str(env)])
    assert (f"score-lint: {env}: no configuration file (searched {tmp_path / 'deploy'} only: it is in no "
            "repository and not under your home)\n") in result.stderr
    (tmp_path / "deploy" / ".score-lint.toml").write_text('select = ["SL104"]\n')
    result = CliRunner().invoke(main, [*command, "-v", str(env)])
    assert f"score-lint: {env}: configuration {tmp_path / 'deploy' / '.score-lint.toml'}\n" in result.stderr


@pytest.mark.parametrize("command", [[], ["compose"]])
def test_verbose_names_the_configuration_in_use(tmp_path: Path, command: list[str]) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    env = repo / ".env.score"
    env.write_text(ENV)
    result = CliRunner().invoke(main, [*command, "--verbose", str(env)])
    assert f"score-lint: {env}: no configuration file (searched {repo} up to {repo})" in result.stderr
    (repo / ".score-lint.toml").write_text('select = ["SL104"]\n')
    result = CliRunner().invoke(main, [*command, "-v", str(env)])
    assert f"score-lint: {env}: configuration {repo / '.score-lint.toml'}\n" in result.stderr
    result = CliRunner().invoke(main, [*command, "-v", "--isolated", str(env)])
    assert f"score-lint: {env}: no configuration file (--isolated)\n" in result.stderr
    result = CliRunner().invoke(main, [*command, str(env)])
    assert "configuration" not in result.stderr  # quiet without the flag


def test_the_configuration_of_a_symlinked_file_is_that_of_where_it_points(tmp_path: Path) -> None:
    """The planner resolves a folder once for all its files, but a file that is a link is resolved
    itself: its configuration is the one beside what it points to, as for any file."""
    from score_lint import plan  # only this test needs the run plan

    (tmp_path / ".git").mkdir()
    real = tmp_path / "configured"
    real.mkdir()
    (real / ".score-lint.toml").write_text('score-version = "5.10"\n')
    (real / "a.env.score").write_text("S3_ENDPOINT=http://minio:9000\n")
    (real / "b.env.score").write_text("S3_ENDPOINT=http://minio:9000\n")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "c.env.score").write_text("S3_ENDPOINT=http://minio:9000\n")
    (plain / "link.env.score").symlink_to(real / "a.env.score")
    (tmp_path / "linked").symlink_to(real)
    planner = plan.Planner(plan.Request())
    lines = {name: planner.plan(path).options.line for name, path in {
        "c": plain / "c.env.score", "link": plain / "link.env.score", "a": real / "a.env.score",
        "via linked folder": tmp_path / "linked" / "b.env.score",
    }.items()}
    assert lines == {"c": "5.11", "link": "5.10", "a": "5.10", "via linked folder": "5.10"}
