"""`score-lint rule`, `--version` and shell completion."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from score_lint import __version__
from score_lint.cli import main
from score_lint.drift.rules import DRIFT_RULES
from score_lint.lint.rules import RULES

EVERY = sorted(RULES + DRIFT_RULES, key=lambda r: r.CODE)


@pytest.mark.parametrize("rule", EVERY, ids=lambda r: r.CODE)
def test_rule_prints_its_documentation(rule) -> None:
    result = CliRunner().invoke(main, ["rule", rule.CODE])
    assert result.exit_code == 0
    assert result.output.startswith(f"# {rule.CODE} {rule.NAME}\n")
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix"):
        assert section in result.output
    assert f"reference/rules/{rule.CODE}-{rule.NAME}/" in result.output


def test_rule_by_name_and_lower_case_code() -> None:
    first = RULES[0]
    by_name = CliRunner().invoke(main, ["rule", first.NAME])
    by_code = CliRunner().invoke(main, ["rule", first.CODE.lower()])
    assert by_name.output == by_code.output and by_name.exit_code == 0


def test_rule_index_lists_every_rule() -> None:
    result = CliRunner().invoke(main, ["rule", "--all"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == [r.CODE for r in EVERY]


def test_unknown_rule_is_an_input_error() -> None:
    result = CliRunner().invoke(main, ["rule", "SL999"])
    assert result.exit_code == 2
    assert result.output == "score-lint: SL999: no such rule (`score-lint rule --all` lists them)\n"


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert (result.exit_code, result.output) == (0, f"score-lint {__version__}\n")


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete --no-files")])
def test_completion_script_as_documented(shell: str, marker: str) -> None:
    result = CliRunner().invoke(main, [], prog_name="score-lint", env={"_SCORE_LINT_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0
    assert marker in result.output and "_SCORE_LINT_COMPLETE" in result.output


def test_completion_offers_commands_and_rule_flags() -> None:
    env = {"_SCORE_LINT_COMPLETE": "bash_complete", "COMP_WORDS": "score-lint r", "COMP_CWORD": "1"}
    result = CliRunner().invoke(main, [], prog_name="score-lint", env=env)
    assert "plain,rule" in result.output.split()
