"""No output format ever shows a secret value, however the file spells it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from score_lint import envfile
from score_lint.cli import main
from score_lint.findings import without_password
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
    "malformed": (
        # lines that start with no name, or whose name runs on into other characters: docker reads one
        # name that binds nothing, and what follows may be its value
        f'"AZURE_ACCOUNTKEY={SECRETS[0]}"\nS3_SECRETKEY;={SECRETS[1]}\n\'S3_SECRETKEY\'=\'{SECRETS[2]}\'\n'
        f"METADATA_URL;={SECRETS[3]}\n"
    ),
    "urls": (
        # passwords in the URLs of settings that are no secrets: SL215 quotes the endpoint in its message
        f"S3_ENDPOINT=admin:{SECRETS[0]}@minio:9000\nMETADATA_URL=http://song:{SECRETS[1]}@song:8080\n"
        f"AUTH_SERVER_URL='https://score:{SECRETS[2]}@ego:8081/oauth/check_token'\n"
        f"SERVER_SSL_ENABLED=true # see https://ops:{SECRETS[3]}@wiki/score\n"
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


# The diff shows the lines around each fix: the value of a setting score-lint knows is not a secret is
# shown there too, so those lines are left out as for the full format. A lower-case name follows every
# line of the file, most of them settings that a rename fix writes in capitals, so that the diff shows
# every line of the file (its hunk headers tell).
_RENAMED = ("server_port=8087", "metadata_url=http://song:8080", "server_ssl_enabled=false",
            "object_sentinel=heliograph", "upload_clean_enabled=true", "bucket_name_state=state",
            "upload_retry_limit=5", "s3_sigv4_enabled=true", "upload_connection_timeout=60000",
            "logging_level_root=info", "upload_clean_cron=0 0 0 * * ?", "server_ssl_keystoretype=PKCS12",
            "collaboratory_upload_partsize=1", "upload_max_size=1", "server_ssl_keyalias=a")


def _hunk_lines(diff: str) -> set[int]:
    """The lines of the file before the fixes that the diff's hunks show."""
    shown: set[int] = set()
    for start, length in re.findall(r"^@@ -(\d+)(?:,(\d+))? ", diff, re.MULTILINE):
        first = int(start)
        shown.update(range(first, first + (int(length) if length else 1)))
    return shown


@pytest.mark.parametrize("dialect", ["docker", "compose"])
@pytest.mark.parametrize("name", sorted(FILES))
def test_no_secret_in_a_diff(tmp_path: Path, name: str, dialect: str) -> None:
    path = tmp_path / "score.env"

    def diff(lines: list[str]) -> tuple[int, str]:
        assert len(lines) <= len(_RENAMED)
        path.write_text("".join(f"{line}\n{renamed}\n" for line, renamed in zip(lines, _RENAMED)), encoding="utf-8")
        result = CliRunner().invoke(main, ["--diff", "--dialect", dialect, str(path)])
        output = result.output + (result.stderr if result.stderr_bytes is not None else "")
        assert "Traceback" not in output, output
        for secret in SECRETS:
            leaked = sorted(f for f in _fragments(secret) if f in output)
            assert not leaked, f"{name}/{dialect}: the diff shows part of a secret: {leaked[:5]}\n{output}"
        return result.exit_code, output

    lines = _file_for(name, "full").splitlines()
    code, output = diff(lines)  # a file the loader refuses is not fixed: its message shows no secret either
    if code == 2:
        refused = {p.line for p in envfile.parse(path.read_bytes(), dialect).problems if p.fatal}
        lines = [line for number, line in enumerate(lines, 1) if 2 * number - 1 not in refused]
        if not lines:
            return  # compose refuses every line ("malformed"): its refusal, checked above, is all there is
        code, output = diff(lines)
    assert code == 1, output
    assert _hunk_lines(output) >= set(range(1, 2 * len(lines), 2)), output  # every line of the file is shown


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
    assert "5 | S3_ACCESSKEY =***" in output  # a line docker refuses: its blanks stay, the value is masked


# --------------------------------------------------------------------------------------------------
# a malformed line reads as one long name that runs on into the value: only the name part is shown

KEY = "Zq4vT8rW2mXk9LpNHh3kP9sLw2QxV7cBJm5nB8vC1xZ4aS7dPw9eR2tY6uI3oK8lAbCdEf=="  # an Azure-like key
KEY_PARTS = ("Zq4vT8rW2mXk9LpNHh3k", "P9sLw2QxV7cBJm5nB8vC", "1xZ4aS7dPw9eR2tY6uI3", "oK8lAbCdEf")


def _all_formats(args: list[str]) -> str:
    out = []
    for fmt in sorted(REPORTERS):
        result = CliRunner().invoke(main, [*args, "--format", fmt])
        assert result.exit_code in (1, 2) and "Traceback" not in result.output, result.output
        out.append(result.output)
    return "\n".join(out)


def _assert_hidden(output: str) -> None:
    for part in KEY_PARTS:
        assert part not in output, f"part of the key is shown: {part}"
    for fragment in _fragments(KEY[:-2]):
        if len(fragment) >= 8:
            assert fragment not in output, fragment


@pytest.mark.parametrize("dialect", ["docker", "compose"])
@pytest.mark.parametrize(("line", "message"), [
    # a YAML habit: docker reads the whole line as the name of a host variable
    (f"S3_SECRETKEY:{KEY}", {"docker": "S3_SECRETKEY is followed by ':' instead of '='"}),
    # a blank for '=': a base64 key ends in '=', so docker sees a name with blanks before it
    (f"AZURE_ACCOUNTKEY {KEY}", {"docker": "'AZURE_ACCOUNTKEY' is followed by a blank instead of '='",
                                 "compose": "'AZURE_ACCOUNTKEY' is followed by a blank instead of '='"}),
    (f"AZURE_ACCOUNTKEY {KEY[:-2]}", {"docker": "AZURE_ACCOUNTKEY is followed by a blank instead of '='",
                                      "compose": "AZURE_ACCOUNTKEY is followed by a blank instead of '='"}),
    (f"S3_SECRETKEY\t{KEY[:-2]}", {"docker": "S3_SECRETKEY is followed by a tab instead of '='"}),
], ids=["colon", "blank-with-equals", "blank", "tab"])
def test_a_secret_after_a_wrong_separator_is_never_shown(tmp_path: Path, dialect: str, line: str,
                                                        message: dict[str, str]) -> None:
    path = tmp_path / "score.env"
    path.write_text(f"SPRING_PROFILES_ACTIVE=azure,prod\n{line}\n", encoding="utf-8")
    output = _all_formats([str(path), "--dialect", dialect])
    _assert_hidden(output)
    if dialect in message:
        assert message[dialect] in output, output


def test_the_second_line_of_a_multi_line_quoted_secret(tmp_path: Path) -> None:
    """Compose reads a quoted value across lines; docker reads the second line as a name of its own."""
    path = tmp_path / "score.env"
    path.write_text(f'SPRING_PROFILES_ACTIVE=azure,prod\nAZURE_ACCOUNTKEY="{KEY[:30]}\n{KEY[30:-2]}"\nX=1\n', encoding="utf-8")
    output = _all_formats([str(path)])
    _assert_hidden(output)
    assert "the quoted value of 'AZURE_ACCOUNTKEY' goes on to line 3" in output
    compose_output = _all_formats([str(path), "--dialect", "compose"])
    _assert_hidden(compose_output)


def _compose_project(tmp_path: Path, environment: str, dotenv: str = "") -> Path:
    if dotenv:
        (tmp_path / ".env").write_text(dotenv, encoding="utf-8")
    path = tmp_path / "docker-compose.yml"
    path.write_text("services:\n  score:\n    image: overture/score-server\n    environment:\n" + environment,
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("item", [f"- S3_SECRETKEY {KEY}", f'- "S3_SECRETKEY: {KEY}"', f"- S3_SECRETKEY:{KEY}"],
                         ids=["blank", "quoted-colon", "colon"])
def test_a_compose_list_item_without_equals(tmp_path: Path, item: str) -> None:
    path = _compose_project(tmp_path, f"      - SPRING_PROFILES_ACTIVE=prod,collaboratory\n      {item}\n")
    output = _all_formats(["compose", str(path)])
    _assert_hidden(output)
    assert "S3_SECRETKEY is followed by" in output and "compose reads the whole list item" in output


def test_a_secret_interpolated_from_dotenv_into_a_list_item(tmp_path: Path) -> None:
    path = _compose_project(tmp_path, "      - SPRING_PROFILES_ACTIVE=prod,collaboratory\n      - S3_SECRETKEY ${SECRET}\n",
                            dotenv=f"SECRET={KEY}\n")
    output = _all_formats(["compose", str(path)])
    _assert_hidden(output)
    assert "S3_SECRETKEY is followed by a blank instead of '='" in output


def test_an_undefined_alias_error_does_not_quote_the_value(tmp_path: Path) -> None:
    path = _compose_project(tmp_path, f"      S3_SECRETKEY: *{KEY[:40]}\n")
    output = _all_formats(["compose", str(path)])
    _assert_hidden(output)
    assert "found undefined alias" in output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_never_shows_a_secret(tmp_path: Path, fmt: str) -> None:
    # explain shows the value of a setting that is no secret, as the full format does: those lines are out.
    for name in FILES:
        path = tmp_path / f"{name}.env"
        path.write_text(_file_for(name, "full"), encoding="utf-8")
        result = CliRunner().invoke(main, ["explain", "--all", "--format", fmt, str(path)])
        assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output, result.output
        for secret in SECRETS:
            leaked = sorted(f for f in _fragments(secret) if f in result.output)
            assert not leaked, f"explain {name} ({fmt}) shows part of a secret: {leaked[:5]}"


@pytest.mark.parametrize(("text", "shown"), [
    ("http://song:pw@song:8080", "http://song:***@song:8080"),
    ("admin:pw@minio:9000", "admin:***@minio:9000"),  # an S3 endpoint written without its scheme
    ("https://u:p@ss@host/x", "https://u:***@host/x"),  # an '@' left unencoded in the password
    ("uses https://a:b@c, and d:e@f.", "uses https://a:***@c, and d:***@f."),
    ("user@host:8080", "user@host:8080"),  # no password
    ("http://song:8080", "http://song:8080"),
    ("mail ops@example.org", "mail ops@example.org"),
])
def test_without_password(text: str, shown: str) -> None:
    assert without_password(text) == shown


@given(user=st.text("abcdefgh", max_size=8), password=st.text("ABCDEFGH0123456789@:%#?", min_size=1, max_size=12),
       scheme=st.sampled_from(["", "http://", "https://", "s3+https://"]), host=st.text("ijklmnop.", min_size=1, max_size=8))
def test_no_password_of_a_url_is_shown(user: str, password: str, scheme: str, host: str) -> None:
    shown = without_password(f"the endpoint {scheme}{user}:{password}@{host}:9000/bucket is refused")
    assert shown == f"the endpoint {scheme}{user}:***@{host}:9000/bucket is refused"
