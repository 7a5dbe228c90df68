"""--select/--ignore and the configuration's select/ignore accept only prefixes of real rule codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from score_lint import config
from score_lint.cli import main
from score_lint.drift import DRIFT_CODES
from score_lint.drift.rules import DRIFT_RULES

ENV = "SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ACCESS_KEY=abc\n"


@pytest.fixture
def env(tmp_path: Path) -> Path:
    path = tmp_path / ".env.score"
    path.write_text(ENV)
    return path


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
@pytest.mark.parametrize("code", ["SL999", "SL6", "SL42"])
def test_unknown_code_on_the_command_line_is_exit_2_naming_it(env: Path, flag: str, code: str) -> None:
    result = CliRunner().invoke(main, [flag, f"SL1,{code}", "--isolated", str(env)])
    assert result.exit_code == 2, result.output
    assert flag in result.output and f"'{code}' matches no rule" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("code", ["SL", "SL1", "SL10", "SL101", "SL4", "SL401", "sl104"])
def test_prefixes_of_lint_and_drift_codes_are_accepted(env: Path, code: str) -> None:
    result = CliRunner().invoke(main, ["--select", code, "--isolated", str(env)])
    assert result.exit_code in (0, 1), result.output


def test_unknown_code_in_the_configuration_names_file_key_and_code(env: Path) -> None:
    conf = env.parent / ".score-lint.toml"
    conf.write_text('select = ["SL1", "SL999"]\n')
    result = CliRunner().invoke(main, [str(env)])
    assert result.exit_code == 2, result.output
    assert f"{conf}: select: 'SL999' matches no rule" in result.output


def test_a_drift_code_selected_on_the_lint_path_does_not_load_the_markdown_layer(env: Path) -> None:
    code = (
        "import sys\nfrom score_lint.cli import main\n"
        f"try:\n    main(['--select', 'SL401', '--isolated', {str(env)!r}])\nexcept SystemExit:\n    pass\n"
        "print('IMPORTED', [m for m in ('markdown_it', 'score_lint.markdown') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "IMPORTED []" in out


def test_the_light_drift_code_list_is_the_registry() -> None:
    assert DRIFT_CODES == tuple(rule.CODE for rule in DRIFT_RULES)
    assert set(DRIFT_CODES) <= set(config.known_codes())
