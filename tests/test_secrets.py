"""No output format ever shows a secret value, however the file spells it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from score_lint.cli import main
from score_lint.reporters import REPORTERS

SECRETS = ("Zq4vT8rW2mXk9LpN", "Hh3kP9sLw2QxV7cB", "Jm5nB8vC1xZ4aS7d", "Pw9eR2tY6uI3oK8l")

FILES = {
    "plain": f"S3_ACCESSKEY={SECRETS[0]}\nS3_SECRETKEY={SECRETS[1]}\n",
    "quoted": f'S3_ACCESSKEY="{SECRETS[0]}"\nS3_SECRETKEY=\'{SECRETS[1]}\'\nAUTH_SERVER_CLIENTSECRET="{SECRETS[2]}"\n',
    "comments": (
        f"S3_SECRETKEY={SECRETS[1]} # rotated\nAUTH_SERVER_CLIENT_SECRET={SECRETS[2]}\t# keycloak\n"
        f'SERVER_SSL_KEYSTOREPASSWORD="{SECRETS[3]}" # jks\n'
    ),
    "partial": (
        # secrets in odd places: trailing blanks, non-canonical spellings, unknown names, duplicates,
        # a secret where a boolean belongs, broken lines, a bare key and a placeholder-looking secret.
        # (Names are always shown: a secret pasted alone on a line is a name to docker.)
        f"S3_SECRET_KEY={SECRETS[1]}  \nS3_SECRETKEY={SECRETS[0]}\nS3_SECRETKEY_X={SECRETS[2]}\n"
        f"S3_SIGV4ENABLED={SECRETS[3]}\nS3_ACCESSKEY = {SECRETS[0]}\nexport AZURE_ACCOUNTKEY={SECRETS[2]}\n"
        f"S3_SECRETKEY {SECRETS[3]}\n=\"{SECRETS[1]}\"\nS3_SECRETKEY\nSERVER_SSL_KEY_STORE_PASSWORD=<{SECRETS[3]}>\n"
        f"UPLOAD_PARTSIZE={SECRETS[0]}\nBUCKET_NAME_OBJECT={SECRETS[1]}\nUPLOAD_CLEAN_CRON={SECRETS[2]} * * *\n"
    ),
    "azure": (
        f"SPRING_PROFILES_ACTIVE=azure,prod\nAZURE_ACCOUNT_KEY='{SECRETS[2]}' # key1\n"
        f"AZURE_CONTAINERNAME={SECRETS[3]}\n"
    ),
}


def _fragments(secret: str) -> set[str]:
    return {secret[i:j] for i in range(len(secret)) for j in range(i + 4, len(secret) + 1)}


# The full format shows source lines: the value of a setting score-lint knows is not a secret is shown
# there on purpose (the quotes of S3_SIGV4ENABLED="true" are the point). These lines put secrets where
# such a setting belongs, so for the full format they are left out of the files.
NOT_SECRET_SETTINGS = ("S3_SIGV4ENABLED=", "UPLOAD_PARTSIZE=", "BUCKET_NAME_OBJECT=", "UPLOAD_CLEAN_CRON=", "AZURE_CONTAINERNAME=")


def _file_for(name: str, fmt: str) -> str:
    if fmt != "full":
        return FILES[name]
    return "".join(line for line in FILES[name].splitlines(keepends=True) if not line.startswith(NOT_SECRET_SETTINGS))


# text and json at least; every other registered reporter too.
@pytest.mark.parametrize("fmt", sorted(set(REPORTERS) | {"text", "json"}))
@pytest.mark.parametrize("dialect", ["docker", "compose"])
@pytest.mark.parametrize("name", sorted(FILES))
def test_no_secret_in_output(tmp_path: Path, name: str, dialect: str, fmt: str) -> None:
    path = tmp_path / "score.env"
    path.write_text(_file_for(name, fmt), encoding="utf-8")
    result = CliRunner().invoke(main, [str(path), "--format", fmt, "--dialect", dialect])
    assert result.exit_code in (0, 1), result.output
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    if fmt == "json":
        json.loads(result.output)
    assert "score.env" in output  # the run really reported on the file
    for secret in SECRETS:
        for form in (secret, f'"{secret}"', f"'{secret}'"):
            assert form not in output
        leaked = sorted(f for f in _fragments(secret) if f in output)
        assert not leaked, f"{name}/{dialect}/{fmt} shows part of a secret: {leaked[:5]}"


def test_fixture_really_triggers_value_rules(tmp_path: Path) -> None:
    path = tmp_path / "score.env"
    path.write_text(FILES["partial"], encoding="utf-8")
    result = CliRunner().invoke(main, [str(path), "--format", "json"])
    codes = {f["code"] for f in json.loads(result.output)["files"][0]["findings"]}
    assert {"SL105", "SL201", "SL204", "SL205", "SL207", "SL211", "SL301", "SL302", "SL303", "SL306", "SL309"} <= codes


def test_full_format_shows_what_is_not_secret_and_masks_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "score.env"
    path.write_text(FILES["partial"], encoding="utf-8")
    output = CliRunner().invoke(main, [str(path), "--format", "full"]).output
    assert f"4 | S3_SIGV4ENABLED={SECRETS[3]}" in output  # a boolean setting: its value is shown
    assert "2 | S3_SECRETKEY=***" in output and "3 | S3_SECRETKEY_X=***" in output  # a secret, an unknown name
    assert "5 | S3_ACCESSKEY ***" in output  # a line docker refuses: cut at its first blank
