"""The source lines the full format may show: values that may be secrets are masked, as the diff masks
them (``lint.secrets``, one policy), with ``***``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from score_lint import envfile
from score_lint.cli import main
from score_lint.lint.secrets import masked_source, value_test

SECRET = "Hh3kP9sLw2QxV7cB"


def shown(text: str, dialect: str = "docker") -> dict[int, str]:
    env = envfile.parse(text.encode("utf-8"), dialect)  # type: ignore[arg-type]
    return masked_source(env, value_test(), range(1, len(env.lines) + 1))


@pytest.mark.parametrize(("line", "expected"), [
    ('S3_SIGV4ENABLED="true"', 'S3_SIGV4ENABLED="true"'),  # not a secret: shown, quotes and all
    ("UPLOAD_PARTSIZE=104857600 # 100 MiB", "UPLOAD_PARTSIZE=104857600 # 100 MiB"),
    (f"S3_SECRETKEY={SECRET}", "S3_SECRETKEY=***"),
    (f"s3_secret_key='{SECRET}' # rotated", "s3_secret_key=***"),  # any spelling that binds to a secret
    (f"AUTH_SERVER_CLIENT_SECRET={SECRET}", "AUTH_SERVER_CLIENT_SECRET=***"),
    (f"OBJECT_STORAGE_SECRET_KEY={SECRET}", "OBJECT_STORAGE_SECRET_KEY=***"),  # binds nothing: may be a secret
    (f"# S3_SECRETKEY={SECRET}", "# S3_SECRETKEY=***"),  # a commented-out assignment
    ("# S3_ENDPOINT=http://old:9000", "# S3_ENDPOINT=http://old:9000"),
    (f"S3_SECRETKEY = {SECRET}", "S3_SECRETKEY =***"),  # docker refuses the line: the blanks stay
    (f"export S3_SECRETKEY={SECRET}", "export S3_SECRETKEY=***"),
    (f"S3_SECRETKEY {SECRET}", "S3_SECRETKEY ***"),
    (f"={SECRET}", "=***"),
    # no name to tell what follows: shown up to the first separator
    (f'"AZURE_ACCOUNTKEY={SECRET}"', '"AZURE_ACCOUNTKEY=***'),
    (f"'S3_SECRETKEY' {SECRET}", "'S3_SECRETKEY' ***"),
    # a name that runs on into other characters is one name that binds nothing: only its name part is shown
    (f"S3_SECRETKEY;={SECRET}", "S3_SECRETKEY***"),
    ("METADATA_URL;=http://song:8080", "METADATA_URL***"),
    ("# Score's settings: see the docs", "# Score's settings: see the docs"),  # prose
    ("# Object Storage Variables", "# Object Storage Variables"),
    (f"# OBJECT_STORAGE_SECRET_KEY={SECRET}", "# OBJECT_STORAGE_SECRET_KEY=***"),
    ("S3_SECRETKEY", "S3_SECRETKEY"),  # a bare name copies the shell's value: nothing to hide
    ("S3_SECRETKEY=", "S3_SECRETKEY="),
])
def test_docker_lines(line: str, expected: str) -> None:
    assert shown(line + "\n")[1] == expected


def test_compose_multi_line_secret_is_masked_on_every_line() -> None:
    text = f'S3_SECRETKEY="{SECRET[:8]}\n{SECRET[8:]}"\nMETADATA_URL="http://song:8080"\n'
    assert shown(text, "compose") == {1: "S3_SECRETKEY=***", 2: "***", 3: 'METADATA_URL="http://song:8080"'}


def test_the_later_lines_of_a_value_that_is_shown_are_shown_whole() -> None:
    text = 'METADATA_URL="http://song:8080\nsong-two:8080"\nS3_SECRETKEY="x\ny z"\n'
    assert shown(text, "compose") == {1: 'METADATA_URL="http://song:8080', 2: 'song-two:8080"',
                                      3: "S3_SECRETKEY=***", 4: "***"}


def test_a_secret_of_either_provider_is_masked_whichever_the_file_is_checked_for(tmp_path: Path) -> None:
    # AZURE_ACCOUNTKEY binds nothing on S3, S3_SECRETKEY nothing on Azure: both are masked in both runs.
    path = tmp_path / "score.env"
    path.write_text(f"AZURE_ACCOUNTKEY ={SECRET}\nS3_SECRETKEY ={SECRET}\n", encoding="utf-8")
    for provider in ("s3", "azure"):
        out = CliRunner().invoke(main, ["--isolated", "--provider", provider, "--format", "full", str(path)]).output
        assert "1 | AZURE_ACCOUNTKEY =***" in out and "2 | S3_SECRETKEY =***" in out and SECRET not in out


def test_only_the_wanted_lines_are_kept() -> None:
    env = envfile.parse(b"A=1\nB=2\nC=3\n")
    assert list(masked_source(env, value_test(), {2, 7})) == [2]
    assert masked_source(env, value_test(), ()) == {}


def test_full_format_end_to_end_on_the_seed_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    seed = "linter/score_lint/examples/seed-s3.env.score"
    result = CliRunner().invoke(main, ["--isolated", "--format", "full", seed])
    assert result.exit_code == 1
    out = result.stdout
    assert max(len(row) for row in out.splitlines()) <= 100
    assert '7 | S3_SIGV4ENABLED="true"\n  |                 ^\n' in out
    assert "6 | S3_SECRETKEY=***\n" in out  # the example's (public) secret key is still not shown
    assert out.rstrip().endswith("[*] 9 fixable with `--fix`.")
