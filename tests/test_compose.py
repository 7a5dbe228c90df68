"""`score-lint compose`: Score services in docker-compose files, read with compose's semantics."""

from __future__ import annotations

from score_lint.findings import Result
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_path
from tests.helpers import assert_linear

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from score_lint import compose
from score_lint.cli import main


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def _found(results: list[Result]) -> list[tuple[str, int | None, str, str | None]]:
    return [(Path(r.path).name, f.line, f.code, f.key) for r in results for f in r.findings if f.line is not None]


# --------------------------------------------------------------------------- the corpus


def test_corpus_compose_files_lint_like_their_derived_env_files(corpus: Path) -> None:
    files = sorted((corpus / "envs").glob("*.yml"))
    assert files
    for path in files:
        for line in ("5.10", "5.11", "develop"):
            options = Options(line=line)
            results = compose.lint_compose(path, options)
            assert [r.path for r in results] == [str(path)]
            derived = lint_path(Path(f"{path}.score.env"), Options(line=line, dialect="compose"))
            got = sorted((f.code, f.key, f.severity) for r in results for f in r.findings)
            want = sorted((f.code, f.key, f.severity) for f in derived.findings)
            assert got == want, f"{path.name} on {line}"


def test_corpus_findings_point_at_compose_lines(corpus: Path) -> None:
    path = corpus / "envs" / "overture-stack__prelude__quickstart__docker-compose.yml"
    lines = path.read_text().splitlines()
    found = [f for result in compose.lint_compose(path, Options()) for f in result.findings]
    assert found, "the quickstart compose file has known findings; none were reported"
    for f in found:
        assert f.key is not None and f.line is not None
        text = lines[f.line - 1]
        assert f.key in text or text.strip().startswith("score:")


def test_cli_over_the_corpus(corpus: Path) -> None:
    files = [str(p) for p in sorted((corpus / "envs").glob("*.yml"))]
    result = CliRunner().invoke(main, ["compose", "--format", "json", *files])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert [f["path"] for f in payload["files"]] == files
    assert all(f["dialect"] == "compose" for f in payload["files"])


# --------------------------------------------------------------------------- compose semantics


@pytest.mark.parametrize(("text", "expected"), [
    ("true", "true"), ("True", "true"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("no", "no"),
    ("8087", "8087"), ("0x1F", "31"), ("0o17", "15"), ("017", "15"), ("08", "8"), ("1_000", "1000"),
    ("+12", "12"), ("-0x10", "-16"), ("1.0", "1"), ("1.50", "1.5"), ("1e3", "1000"), ("1e6", "1e+06"),
    ("0.00001", "1e-05"), (".5", "0.5"), (".inf", "+Inf"), ("-.inf", "-Inf"), (".nan", "NaN"),
    ("18446744073709551616", "1.8446744073709552e+19"), ("12:30", "12:30"), ("1.2.3", "1.2.3"),
    ("'8087'", "8087"), ('"true"', "true"), ("!!str 0x1F", "0x1F"), ("''", ""),
    ("~", None), ("null", None), ("", None), ("!!null x", None),
])
def test_scalars_become_strings_as_compose_writes_them(text: str, expected: str | None) -> None:
    node = yaml.compose(f"k: {text}\n", Loader=compose._Loader)  # noqa: SLF001
    assert compose.resolve_scalar(node.value[0][1])[0] == expected


def test_map_and_list_forms_and_interpolation(tmp_path: Path) -> None:
    _write(tmp_path, ".env", "SONG=http://song:8080\nTAG=5.11.0\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: ghcr.io/overture-stack/score-server:${TAG}
            environment:
              METADATA_URL: ${SONG}
              S3_SIGV4_ENABLED: yes
              SERVER_PORT: 8087
              PRICE: $$5
          other:
            image: ghcr.io/overture-stack/score-server:latest
            environment:
              - METADATA_URL=${SONG}
              - "S3_ACCESS_KEY=admin"
              - BUCKET_NAME_OBJECT
    """)
    found = compose.services(path, lookup=compose.project_environment(tmp_path))
    assert [s.name for s in found] == ["score", "other"]
    assert found[0].image == "ghcr.io/overture-stack/score-server:5.11.0"
    first = {v.key: v.value for v in found[0].environment}
    assert first == {"METADATA_URL": "http://song:8080", "S3_SIGV4_ENABLED": "yes", "SERVER_PORT": "8087", "PRICE": "$5"}
    second = found[1].environment
    assert [(v.key, v.value, v.line, v.column) for v in second] == [
        ("METADATA_URL", "http://song:8080", 12, 9), ("S3_ACCESS_KEY", "admin", 13, 10), ("BUCKET_NAME_OBJECT", None, 14, 9),
    ]
    results = compose.lint_compose(path, Options())
    assert ("docker-compose.yml", 6, "SL101", "S3_SIGV4_ENABLED") in _found(results)
    assert ("docker-compose.yml", 13, "SL104", "S3_ACCESS_KEY") in _found(results)


def test_env_files_then_environment_with_lines_in_each_file(tmp_path: Path) -> None:
    _write(tmp_path, "conf/score.env", """
        # comment
        export S3_ACCESS_KEY="admin"
        METADATA_URL=http://old
    """)
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11
            env_file:
              - conf/score.env
              - path: conf/missing.env
                required: false
            environment:
              METADATA_URL: http://song:8080
    """)
    results = compose.lint_compose(path, Options())
    assert [Path(r.path).name for r in results] == ["score.env", "docker-compose.yml"]
    found = _found(results)
    assert ("score.env", 2, "SL104", "S3_ACCESS_KEY") in found
    # environment: wins over the env file (compose: the last wins), and the repeat is reported
    assert ("score.env", 3, "SL105", "METADATA_URL") in found
    assert not any(code == "SL302" for _, _, code, _ in found)  # compose understands `export`


def test_file_level_findings_point_at_the_service(tmp_path: Path) -> None:
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          db:
            image: postgres:15
          score:
            image: overture/score:5.11
            environment: {}
    """)
    results = compose.lint_compose(path, Options())
    assert {f.line for r in results for f in r.findings} == {4}
    assert {f.code for r in results for f in r.findings} >= {"SL106", "SL501"}


def test_suppression_comment_in_yaml(tmp_path: Path) -> None:
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11
            environment:
              # score-lint: disable=SL101
              S3_SIGV4_ENABLED: "true"
              S3_SIG_V4_ENABLE: "true"
    """)
    assert [(line, code) for _, line, code, _ in _found(compose.lint_compose(path, Options())) if code == "SL101"] == [(7, "SL101")]


# --------------------------------------------------------------------------- the command


def test_image_option_and_no_service(tmp_path: Path) -> None:
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          storage:
            image: registry.example/my-score:1
            environment:
              S3_SIGV4_ENABLED: "true"
    """)
    none = CliRunner().invoke(main, ["compose", str(path)])
    assert none.exit_code == 0 and "no Score server service found" in none.output
    some = CliRunner().invoke(main, ["compose", "--image", "my-score", "--select", "SL101", str(path)])
    assert some.exit_code == 1
    assert f"{path}:5:7: error SL101" in some.output


@pytest.mark.parametrize(("text", "message"), [
    ("services:\n  score:\n    image: overture/score-server\n    environment:\n      A: 1\n      A: 2\n",
     ":6:7: environment: key 'A' is already defined"),
    ("services:\n  score: [\n", "not valid YAML"),
    ("services:\n  score:\n    image: overture/score-server\n    env_file: nope.env\n", ":4: env_file"),
    ("services:\n  score:\n    image: overture/score-server\n    environment:\n      A: ${X\n", "invalid interpolation"),
])
def test_broken_compose_files_are_input_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "docker-compose.yml"
    path.write_text(text)
    result = CliRunner().invoke(main, ["compose", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and message in result.output
    assert "Traceback" not in result.output


def test_missing_compose_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compose", str(tmp_path / "nope.yml")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_compose_sarif_never_contains_a_value(tmp_path: Path) -> None:
    secret = "t016kqXfI648ORoIP5gepqCzqtsRjlcc"
    path = _write(tmp_path, "docker-compose.yml", f"""
        services:
          score:
            image: overture/score-server:5.11
            environment:
              AUTH_SERVER_CLIENT_SECRET: {secret}
              S3_SIGV4ENABLED: "{secret}"
    """)
    for fmt in ("sarif", "github", "json", "text"):
        result = CliRunner().invoke(main, ["compose", "--format", fmt, str(path)])
        assert result.exit_code == 1 and secret not in result.output


def test_two_thousand_services_are_linear(tmp_path: Path) -> None:
    """The compose file was read and split once per service, then scanned whole for each (81 s)."""
    (tmp_path / "shared.env").write_text("S3_ENDPOINT=http://minio:9000\n# score-lint: disable=SL101\nFOO=1\n")

    def run(n: int) -> None:
        path = tmp_path / f"many{n}.yml"
        if not path.exists():
            path.write_text("services:\n" + "".join(
                f"  s{i}:\n    image: overture/score-server\n    env_file: shared.env\n    environment:\n"
                f"      # score-lint: disable=SL101\n      BAR: x\n      SPRING_PROFILES_ACTIVE: prod,collaboratory\n"
                for i in range(n)))
        results = compose.lint_compose(path, Options())
        assert len(results) == 2 * n

    assert_linear(run, 100)


def test_each_service_reports_at_its_own_lines_with_a_comment_before_its_name(tmp_path: Path) -> None:
    path = tmp_path / "docker-compose.yml"
    path.write_text(
        "services:\n  other:\n    image: overture/score-server\n    environment:\n      DOWNLOAD_PARTSIZE: 1\n"
        "  score:\n    image: overture/score-server\n    environment:\n      # score-lint: disable=SL101\n"
        "      DOWNLOAD_PARTSIZE: 1\n      S3_SIGV4_ENABLED: 'true'\n"
    )
    found = [(f.line, f.code) for r in compose.lint_compose(path, Options()) for f in r.findings if f.code == "SL101"]
    assert found == [(5, "SL101"), (11, "SL101")]  # line 10 is silenced by the comment on line 9
