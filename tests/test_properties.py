"""Properties over arbitrary input: the env reader, the Markdown extractor and the lint command never
raise, put every finding on a line of the file, answer the same twice, and never print a secret."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from score_lint import envfile, markdown
from score_lint.cli import main
from score_lint.reporters import REPORTERS
from tests.helpers import fuzz

FAST = fuzz(300)
CLI = fuzz(80)

# --------------------------------------------------------------------------------------------------
# strategies

NAMES = ["S3_ENDPOINT", "S3_SECRETKEY", "S3_ACCESS_KEY", "SPRING_PROFILES_ACTIVE", "UPLOAD_PARTSIZE",
         "METADATA_URL", "BUCKET_NAME_OBJECT", "UPLOAD_CLEAN_CRON", "S3_SIGV4_ENABLED", "LOGGING_LEVEL_ROOT",
         "AZURE_ACCOUNTKEY", "x", "export", "_", "a.b-c[0]", "ÄÖ", "FOO BAR", ""]
PIECES = ["=", "'", '"', "#", " # ", " ", "\t", "\\", "$", "${", "}", "${A:-b}", "${A:?}", "$$", ":", "\r",
          "\n", "\r\n", "\ufeff", "\x00", "é", "\udcff", "prod,collaboratory", "azure", "0 0 0 * * ?", "true",
          "1048576", "http://minio:9000", "export ", "`", "$(id)", "{{x}}"]

env_text = st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)
env_bytes = st.one_of(
    st.binary(max_size=400),
    env_text.map(lambda t: t.encode("utf-8", "surrogateescape")),
    st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(PIECES), st.text(max_size=8)), max_size=15).map(
        lambda rows: "".join(f"{k}={p}{v}\n" for k, p, v in rows).encode("utf-8", "surrogateescape")
    ),
)

MD_LINES = ["# Title", "## S3", "### Azure", "", "| Setting | Requirement | Description |", "|---|---|---|",
            "|---|---|", "| `S3_ENDPOINT` | Required | Where. |", "| `S3_ACCESS_KEY` | Optional |",
            "| a | b | c | d |", "```env", "```", "~~~", "````markdown", "S3_SECRETKEY=abc", "UPLOAD_CLEAN_ENABLED",
            "---", "title: x", "!!! note", "    | `A_B` | Required | x |", "> quote `S3_ENDPOINT`", "- item",
            "<div>", "</div>", "<!-- c -->", "text with `s3.endpoint` and CLEAN_CRON", "\t`X_Y`"]
md_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(MD_LINES), st.text(max_size=10)), max_size=30).map("\n".join),
)


def line_count(data: bytes) -> int:
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


# --------------------------------------------------------------------------------------------------
# the env reader


@FAST
@given(data=env_bytes, dialect=st.sampled_from(["docker", "compose"]))
def test_envfile_never_raises_and_stays_inside_the_file(data: bytes, dialect: str) -> None:
    env = envfile.parse(data, dialect, path="p.env")
    n = max(1, len(env.lines))
    for e in env.entries:
        assert 1 <= e.line <= e.value_line <= e.end_line <= n, e
        assert e.column >= 1 and e.value_column >= 1
    for p in env.problems:
        assert 1 <= p.line <= n, p
    assert envfile.parse(data, dialect, path="p.env") == env


@FAST
@given(text=env_text, dialect=st.sampled_from(["docker", "compose"]))
def test_envfile_text_and_bytes_agree(text: str, dialect: str) -> None:
    assert envfile.parse(text, dialect) == envfile.parse(text.encode("utf-8", "surrogateescape"), dialect)


# --------------------------------------------------------------------------------------------------
# the Markdown extractor


@FAST
@given(text=md_text)
def test_markdown_never_raises_and_stays_inside_the_page(text: str) -> None:
    try:
        doc = markdown.parse(text, "page.md")
    except markdown.MarkdownError as exc:  # the one documented failure, with the page named
        assert exc.path == "page.md"
        return
    n = max(1, len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    for section in doc.sections:
        # The preamble (level 0) of a page that ends with its front matter starts just past the end.
        empty_preamble = section.level == 0 and not (section.tables or section.blocks or section.mentions)
        assert 1 <= section.line <= n or section.line == 0 or (empty_preamble and section.line == n + 1), section
        for table in section.tables:
            assert 1 <= table.line <= n
            assert all(1 <= row.line <= n for row in table.rows)
        for block in section.blocks:
            assert 1 <= block.line <= n and 1 <= block.first_line <= n + 1
        for mention in section.mentions:
            assert 1 <= mention.line <= n, mention
    assert all(1 <= line <= n for line in markdown.broken_tables(doc))
    assert markdown.parse(text, "page.md") == doc


# --------------------------------------------------------------------------------------------------
# the lint command


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("props")


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@CLI
@given(data=env_bytes, dialect=st.sampled_from(["docker", "compose"]), fmt=st.sampled_from(["text", "json"]))
def test_cli_on_arbitrary_bytes(workdir: Path, data: bytes, dialect: str, fmt: str) -> None:
    path = workdir / "any.env"
    path.write_bytes(data)
    args = ["--dialect", dialect, "--format", fmt, str(path)]
    code, output = invoke(args)
    assert invoke(args) == (code, output)  # deterministic
    if code == 2:
        assert output.startswith(f"score-lint: {path}") and output.count("\n") == 1, output
        return
    assert code in (0, 1), output
    n = line_count(data)
    if fmt == "json":
        findings = json.loads(output)["files"][0]["findings"]
        for f in findings:
            if f["line"] is None:
                assert f["key"], f  # only a setting that is not in the file has no line
            else:
                assert 1 <= f["line"] <= n, f
    else:
        rows = output.split("\n")
        assert rows[-1] == "", output
        rows = rows[:-1]
        if rows[-1].startswith("[*] ") and rows[-1].endswith(" fixable with `--fix`."):
            rows.pop()
        # One line a finding, the file's verdict, then the summary.
        assert re.fullmatch(r"1 file checked: \d+ errors?, \d+ warnings?, \d+ infos?", rows[-1]), output
        assert rows[-2].startswith(f"{path}: Score ") and " will " in rows[-2], output
        for row in rows[:-2]:
            assert row.startswith(f"{path}"), row
            rest = row[len(str(path)):]
            if rest.startswith(": "):  # about the file as a whole: a setting it does not give
                assert rest.split()[1] in ("error", "warning", "info"), row
                continue
            line = int(rest[1:].split(":", 1)[0])
            assert 1 <= line <= n, row


# --------------------------------------------------------------------------------------------------
# secrets

SECRET_NAMES = ["S3_SECRETKEY", "S3_ACCESSKEY", "AZURE_ACCOUNTKEY", "AUTH_SERVER_CLIENTSECRET",
                "SERVER_SSL_KEYSTOREPASSWORD"]
secret_values = st.text(
    alphabet="abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789+/=_-.!@%^&*", min_size=8, max_size=40
).filter(lambda s: any(c.islower() for c in s) and any(c.isupper() for c in s) and any(c.isdigit() for c in s))
SHAPES = ["{k}={v}", '{k}="{v}"', "{k}='{v}'", "{k}={v} # rotated monthly", "{k}={v}   ", "  {k}={v}",
          "export {k}={v}", "{k}={v}\t# ops", '{k}="{v}" # quoted', "# {k}={v}", "{k}={v}\r"]
OTHER_LINES = ["", "# comment", "SPRING_PROFILES_ACTIVE=prod,collaboratory", "SPRING_PROFILES_ACTIVE=azure,prod",
               "S3_ENDPOINT=http://minio:9000", "METADATA_URL=http://song:8080", "UPLOAD_PARTSIZE=1048576",
               "S3_SIGV4ENABLED=\"true\"", "BUCKET_NAME_OBJECT=object", "   ", "UNKNOWN_THING=1"]
secret_lines = st.tuples(st.sampled_from(SHAPES), st.sampled_from(SECRET_NAMES), secret_values).map(
    lambda t: (t[0].format(k=t[1], v=t[2]), t[2])
)
secret_files = st.lists(st.one_of(secret_lines, st.sampled_from(OTHER_LINES).map(lambda x: (x, None))),
                        min_size=1, max_size=14).filter(lambda rows: any(s for _, s in rows))


@CLI
@given(rows=secret_files, dialect=st.sampled_from(["docker", "compose"]),
       provider=st.sampled_from(["", "s3", "azure"]), line=st.sampled_from(["5.10", "5.11", "develop"]))
def test_no_secret_value_in_any_output_format(workdir: Path, rows: list[tuple[str, str | None]], dialect: str,
                                              provider: str, line: str) -> None:
    path = workdir / "secrets.env.score"
    path.write_text("\n".join(text for text, _ in rows) + "\n", encoding="utf-8")
    secrets = {s for _, s in rows if s}
    for fmt in sorted(REPORTERS):
        args = ["--dialect", dialect, "--score-version", line, "--format", fmt, str(path)]
        if provider:
            args[:0] = ["--provider", provider]
        code, output = invoke(args)
        assert code in (0, 1, 2), output
        for secret in secrets:
            assert secret not in output, f"{fmt} output shows a secret value"


# --------------------------------------------------------------------------------------------------
# secrets, in every shape a line may take (malformed ones too), never in any output: the four report
# formats, --diff, and the language server's diagnostics

# (Not an unquoted value broken over two lines: docker reads the second line as a name, and a name is
# always shown: it may be a variable the host passes on.)
MALFORMED_SHAPES = ["{k}:{v}", "{k} {v}", "{k}\t{v}", "{k} = {v}", "{k}:{v} # c", "export {k} {v}", '{k}="{v}\n{w}"',
                    "{k}='{v}\n{w}'", "  # {k}={v}", "{k}={v}=={w}", "{k}={v} {w}"]
any_secret_line = st.tuples(st.sampled_from(SHAPES + MALFORMED_SHAPES), st.sampled_from(SECRET_NAMES), secret_values,
                            secret_values).map(lambda t: (t[0].format(k=t[1], v=t[2], w=t[3]), (t[2], t[3])))
any_secret_file = st.lists(st.one_of(any_secret_line, st.sampled_from(OTHER_LINES).map(lambda x: (x, ()))),
                           min_size=1, max_size=10).filter(lambda rows: any(s for _, s in rows))


def _leaks(output: str, secrets: set[str]) -> list[str]:
    """Pieces of six characters or more of any secret that show in ``output``."""
    return sorted({s[i:i + 6] for s in secrets for i in range(len(s) - 5) if s[i:i + 6] in output})


@CLI
@given(rows=any_secret_file, dialect=st.sampled_from(["docker", "compose"]), line=st.sampled_from(["5.10", "5.11", "develop"]))
def test_no_secret_in_any_output_the_diff_or_the_language_server(workdir: Path, rows: list[tuple[str, tuple[str, ...]]],
                                                                 dialect: str, line: str) -> None:
    text = "\n".join(t for t, _ in rows) + "\n"
    path = workdir / "any-secrets.env.score"
    path.write_text(text, encoding="utf-8")
    secrets = {s for _, values in rows for s in values if s}
    outputs = []
    for fmt in sorted(REPORTERS):
        outputs.append(invoke(["--dialect", dialect, "--score-version", line, "--format", fmt, str(path)])[1])
    outputs.append(invoke(["--diff", "--dialect", dialect, "--score-version", line, str(path)])[1])
    outputs.append(_lsp_messages(text, str(path), dialect, line))
    for output in outputs:
        assert not _leaks(output, secrets), output


def _lsp_messages(text: str, path: str, dialect: str, line: str) -> str:
    try:
        from score_lint import lsp
    except ImportError:  # the language server is an extra
        return ""
    doc = lsp.lint_text(text, path, lsp.Settings(line=line, dialect=dialect, isolated=True))
    return json.dumps([d.message for d in lsp.diagnostics(doc)])


compose_items = st.tuples(st.sampled_from(["- {k}={v}", "- {k} {v}", "- {k}:{v}", '- "{k}: {v}"', "{k}: {v}",
                                           "{k}: '{v}'", "- {k}=${{X}}"]),
                          st.sampled_from(SECRET_NAMES), secret_values).map(
    lambda t: ("      " + t[0].format(k=t[1], v=t[2]), t[2]))


@CLI
@given(items=st.lists(compose_items, min_size=1, max_size=6), dotenv_secret=secret_values)
def test_no_secret_from_a_compose_file_in_any_output(workdir: Path, items: list[tuple[str, str]],
                                                     dotenv_secret: str) -> None:
    folder = workdir / "compose-secrets"
    folder.mkdir(exist_ok=True)
    (folder / ".env").write_text(f"X={dotenv_secret}\n")
    as_list = [i for i in items if i[0].lstrip().startswith("-")]
    as_map = [i for i in items if not i[0].lstrip().startswith("-")]
    body = [t for t, _ in (as_list or as_map)]
    path = folder / "docker-compose.yml"
    path.write_text("services:\n  score:\n    image: overture/score-server\n    environment:\n" + "\n".join(body) + "\n")
    secrets = {s for _, s in (as_list or as_map)} | {dotenv_secret}
    for fmt in sorted(REPORTERS):
        code, output = invoke(["compose", "--format", fmt, str(path)])
        assert code in (0, 1, 2), output
        assert not _leaks(output, secrets), output
