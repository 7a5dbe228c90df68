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


def _corpus_compose_files(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "envs").iterdir() if p.suffix in (".yml", ".yaml"))


def test_corpus_compose_files_lint_like_their_derived_env_files(corpus: Path) -> None:
    # The corpus derives `<compose file>.<service>.env` for the Score server of each setup: the service
    # score-lint takes must be that one (and only that one), and its findings those of the derived file.
    files = _corpus_compose_files(corpus)
    assert len(files) == 23
    for path in files:
        derived = sorted(path.parent.glob(f"{path.name}.*.env"))
        expected = [p.name[len(path.name) + 1 : -len(".env")] for p in derived]
        inspection = compose.inspect(path)
        assert [s.name for s in inspection.servers] == expected, path.name
        if not expected:
            assert inspection.services_text() != "none"  # reported as "no Score server", naming its services
            continue
        for line in ("5.10", "5.11", "develop"):
            results = compose.lint_compose(path, Options(line=line))
            assert [r.path for r in results] == [str(path)]
            env = lint_path(derived[0], Options(line=line, dialect="compose"))
            got = sorted((f.code, f.key, f.severity) for r in results for f in r.findings)
            want = sorted((f.code, f.key, f.severity) for f in env.findings)
            assert got == want, f"{path.name} on {line}"


def test_corpus_score_clients_are_never_linted_as_servers(corpus: Path) -> None:
    # 7 setups run `score-client: image: overture/score:...` (SONG 3.0.0: line 81) beside the server,
    # 6 older ones build a `storage-client`: 13 files with a Score client, none of them linted.
    clients = []
    for path in _corpus_compose_files(corpus):
        inspection = compose.inspect(path)
        clients += [(path.name, s.name, s.reason.split(":")[0]) for s in inspection.seen if s.role == "client"]
        assert all(s.role == "client" for s in inspection.seen if s.name in ("score-client", "storage-client"))
    assert len(clients) == 13
    assert sum(reason.startswith("Score client image") for _, _, reason in clients) == 7
    path = corpus / "envs" / "overture-stack__SONG__3.0.0__docker-compose.yml"
    results = compose.lint_compose(path, Options())
    assert [dict(r.source) for r in results] == [{"service": "score-server", "recognised_by": "image overture/score-server"}]
    lines = path.read_text().splitlines()
    client = next(i for i, text in enumerate(lines, 1) if text.startswith("  score-client:"))
    assert client == 81
    assert not [f for r in results for f in r.findings if f.line is not None and f.line > client]
    assert not [f for r in results for f in r.findings if f.key in ("ACCESSTOKEN", "STORAGE_URL")]


@pytest.mark.parametrize(("name", "service", "reason"), [
    # `score-server:\n    build: ./score_bootstrap` (demo master, line 219)
    ("overture-stack__demo__master__docker-compose.yaml", "score-server", "service name score-server, built from ./score_bootstrap"),
    # `storage-server:\n    build: ./song-docker-demo/storage-server` (SONG 2.0.0, line 126), the DCC storage server
    ("overture-stack__SONG__2.0.0__docker-compose.yml", "storage-server",
     "service name storage-server, built from ./song-docker-demo/storage-server"),
    ("overture-stack__prelude__quickstart__docker-compose.yml", "score", "image ghcr.io/overture-stack/score-server"),
])
def test_corpus_servers_built_from_source_are_recognised(corpus: Path, name: str, service: str, reason: str) -> None:
    inspection = compose.inspect(corpus / "envs" / name)
    assert [(s.name, s.recognised_by) for s in inspection.servers] == [(service, reason)]


def test_corpus_build_from_source_counts(corpus: Path) -> None:
    built = [p.name for p in _corpus_compose_files(corpus) if any(s.image == "" for s in compose.inspect(p).servers)]
    assert len(built) == 15


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
    files = [str(p) for p in _corpus_compose_files(corpus)]
    result = CliRunner().invoke(main, ["compose", "--format", "json", *files])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert [f["path"] for f in payload["files"]] == files
    assert all(f["dialect"] == "compose" for f in payload["files"])
    assert {f["service"] for f in payload["files"]} == {"score", "score-server", "storage-server"}
    assert all(f["recognised_by"] for f in payload["files"])


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


def test_a_service_s_verdict_is_given_once_with_its_compose_file(tmp_path: Path) -> None:
    # The SL501 is in a.env; b.env holds only an unknown name. Under each env file the verdict read as
    # that file's own ("b.env (service score): will not start (SL501)"), so only the compose file has it.
    _write(tmp_path, "a.env", "SPRING_PROFILES_ACTIVE=prod,s3\n")
    _write(tmp_path, "b.env", "S3_ACESSKEY=minio\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11
            env_file: [a.env, b.env]
    """)
    results = compose.lint_compose(path, Options())
    assert [(Path(r.path).name, r.verdict is not None) for r in results] == [
        ("a.env", False), ("b.env", False), ("docker-compose.yml", True)]
    verdict = results[-1].verdict
    assert verdict is not None and verdict.subject == "service score" and verdict.stopped_by == ("SL501",)
    # and the reports say so once: the text after the compose file's findings, JSON on its entry only
    run = CliRunner().invoke(main, ["compose", "--isolated", str(path)])
    verdicts = [row for row in run.output.splitlines() if "(service score)" in row]
    assert verdicts == [f"{path} (service score): Score 5.11 will not start: 1 error stops it (SL501)."]
    assert run.output.splitlines()[-2] == verdicts[0]  # after every finding, before the summary
    report = json.loads(CliRunner().invoke(main, ["compose", "--isolated", "--format", "json", str(path)]).output)
    assert [("verdict" in entry) for entry in report["files"]] == [False, False, True]


def test_file_level_findings_point_at_the_service(tmp_path: Path) -> None:
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          db:
            image: postgres:15
          score:
            image: overture/score-server:5.11
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
    assert none.exit_code == 2
    assert none.stderr == f"score-lint: no Score server service in {path} (services: storage); use --service NAME\n"
    some = CliRunner().invoke(main, ["compose", "--image", "my-score", "--select", "SL101", str(path)])
    assert some.exit_code == 1
    assert f"{path}:5:7: error SL101" in some.output
    named = CliRunner().invoke(main, ["compose", "--service", "storage", "--format", "json", "--select", "SL101", str(path)])
    assert named.exit_code == 1
    assert json.loads(named.stdout)["files"][0]["recognised_by"] == "--service storage"


def test_a_run_without_any_score_server_exits_2_naming_the_services(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.yml", """
        services:
          song:
            image: ghcr.io/overture-stack/song-server:5.2.0
          kafka:
            image: confluentinc/cp-kafka:7.6.1
          score-client:
            image: overture/score:5.0.0
            command: bin/score-client
    """)
    result = CliRunner().invoke(main, ["compose", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"score-lint: no Score server service in {path} (services: song, kafka, score-client (Score client image "
        "overture/score)); use --service NAME\n"
    )
    missing = CliRunner().invoke(main, ["compose", "--service", "score", str(path)])
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"score-lint: {path}: no service score (services: song, kafka, score-client")


def test_one_file_without_a_server_is_named_but_the_run_goes_on(tmp_path: Path) -> None:
    empty = _write(tmp_path, "a/docker-compose.yml", "services:\n  db:\n    image: postgres:15\n")
    full = _write(tmp_path, "b/docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11.0
            environment:
              S3_SIGV4_ENABLED: "true"
    """)
    result = CliRunner().invoke(main, ["compose", "--select", "SL101", str(empty), str(full)])
    assert result.exit_code == 1
    assert result.stderr == f"score-lint: no Score server service in {empty} (services: db); use --service NAME\n"


def test_verbose_says_why_each_service_was_taken_or_left(tmp_path: Path) -> None:
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score-server:
            build: ./score_bootstrap
            environment:
              OBJECT_SENTINEL: heliograph
          storage:
            build:
              context: ./images/score
          song:
            build: ./song
            environment:
              SCORE_URL: http://score:8087
          client:
            build: ./client
            command: bin/score-client upload
    """)
    result = CliRunner().invoke(main, ["compose", "-v", "--select", "SL101", str(path)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "is built from source" in line]
    assert [n.split(": service ")[1].split(" ")[0] for n in notes] == ["score-server", "storage"]
    # --verbose also names the configuration file that applies (here none).
    assert f"score-lint: {path}: no configuration file (searched" in result.stderr
    services = [line for line in result.stderr.splitlines() if line not in notes and ": service " in line]
    assert services == [
        f"score-lint: {path}:2: service score-server: Score server (service name score-server, built from ./score_bootstrap)",
        f"score-lint: {path}:6: service storage: Score server (build context ./images/score)",
        f"score-lint: {path}:9: service song: left out (built from ./song)",
        f"score-lint: {path}:13: service client: left out (Score client: command bin/score-client upload)",
    ]


def test_settings_recognise_a_server_built_from_source(tmp_path: Path) -> None:
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          storage:
            build: .
            environment:
              SPRING_PROFILES_ACTIVE: collaboratory,prod
              S3_ENDPOINT: http://minio:9000
    """)
    (service,) = compose.inspect(path).servers
    assert service.recognised_by == "settings S3_ENDPOINT, SPRING_PROFILES_ACTIVE=collaboratory,prod, built from ."


def test_list_items_keep_their_quotes(tmp_path: Path) -> None:
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11.0
            environment:
              - S3_SIGV4ENABLED="true"
              - S3_ENDPOINT=http://minio:9000
              - "BUCKET_NAME_OBJECT=data"
    """)
    (service,) = compose.services(path)
    assert [(v.key, v.value) for v in service.environment] == [
        ("S3_SIGV4ENABLED", '"true"'), ("S3_ENDPOINT", "http://minio:9000"), ("BUCKET_NAME_OBJECT", "data"),
    ]
    found = [(f.line, f.column, f.code) for r in compose.lint_compose(path, Options()) for f in r.findings if f.line != 2]
    # compose passes `"true"` with its quotes: Spring refuses it, the quoted-value rule says why.
    assert found == [(5, 25, "SL202")]
    (quoted,) = [f for r in compose.lint_compose(path, Options()) for f in r.findings if f.code == "SL202"]
    assert "docker compose (an environment: list item keeps its quotes) passes the quotes" in quoted.message


def test_env_file_long_syntax_required_and_format(tmp_path: Path) -> None:
    _write(tmp_path, "raw.env", 'S3_ENDPOINT="http://minio:9000"\n')
    _write(tmp_path, "plain.env", 'BUCKET_NAME_OBJECT="data"\n')
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11.0
            env_file:
              - path: ./optional.env
                required: false
              - path: ./plain.env
              - path: ./raw.env
                format: raw
    """)
    results = compose.lint_compose(path, Options())
    assert [Path(r.path).name for r in results] == ["plain.env", "raw.env", "docker-compose.yml"]
    quoted = [(Path(r.path).name, f.line, f.code) for r in results for f in r.findings if f.code == "SL202"]
    # compose strips the quotes of its own env files, not of a raw one (read the docker run way).
    assert quoted == [("raw.env", 1, "SL202")]
    path.write_text(path.read_text().replace("format: raw", "format: dotenv"))
    result = CliRunner().invoke(main, ["compose", str(path)])
    assert result.exit_code == 2 and "env_file format 'dotenv' is not one compose knows" in result.stderr
    path.write_text(path.read_text().replace("format: dotenv", "format: raw").replace("required: false", "required: true"))
    result = CliRunner().invoke(main, ["compose", str(path)])
    assert result.exit_code == 2 and "optional.env not found" in result.stderr


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


def test_the_compose_file_and_a_shared_env_file_are_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the spelling that names it (a symlink included), an env file is read once per run, and
    the compose file once, by the API and by the command."""
    (tmp_path / "shared.env").write_text("S3_ENDPOINT=http://minio:9000\nFOO=1\n")
    (tmp_path / "link.env").symlink_to("shared.env")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          a:
            image: overture/score-server
            env_file: [shared.env, ./shared.env]
          b:
            image: overture/score-server
            env_file: link.env
          c:
            image: overture/score-server
            env_file: [{path: shared.env, format: raw}, shared.env]
    """)
    reads: list[str] = []
    read_env, read_yaml = compose.envfile.read, compose.read_text

    def counting_env(name: Path, *args: object, **kwargs: object) -> object:
        reads.append(Path(name).name)
        return read_env(name, *args, **kwargs)  # type: ignore[arg-type]

    def counting_yaml(name: Path, *args: object) -> str:
        reads.append(Path(name).name)
        return read_yaml(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(compose.envfile, "read", counting_env)
    monkeypatch.setattr(compose, "read_text", counting_yaml)
    results = compose.lint_compose(path, Options())
    assert {Path(r.path).name for r in results} == {"shared.env", "link.env", "docker-compose.yml"}
    # shared.env twice: once the compose way, once the docker way (format: raw) for service c.
    assert sorted(reads) == ["docker-compose.yml", "shared.env", "shared.env"]
    reads.clear()
    result = CliRunner().invoke(main, ["compose", "--isolated", str(path)])
    assert result.exit_code == 1, result.output
    assert sorted(reads) == ["docker-compose.yml", "shared.env", "shared.env"]


def test_a_comment_ending_one_env_file_guards_nothing_in_the_next(tmp_path: Path) -> None:
    """A service's env files are numbered one after another, but a comment on the last line of one is
    not "the line before" the first line of the next: that finding stays."""
    (tmp_path / "first.env").write_text("S3_ENDPOINT=http://minio:9000\n# score-lint: disable=SL101\n")
    (tmp_path / "second.env").write_text("FOO_FIRST=1\n# score-lint: disable=SL101\nFOO_SILENCED=1\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server
            env_file: [first.env, second.env]
    """)
    found = [(Path(r.path).name, f.line, f.key)
             for r in compose.lint_compose(path, Options()) for f in r.findings if f.code == "SL101"]
    assert found == [("second.env", 1, "FOO_FIRST")]


def test_suppression_comments_of_a_shared_compose_file_stay_with_their_lines(tmp_path: Path) -> None:
    """Found once for the whole file, a comment still silences only the line after it, and not when it is
    part of a multi-line value."""
    (tmp_path / "shared.env").write_text("S3_ENDPOINT=http://minio:9000\n# score-lint: disable=SL101\nFOO_ENV=1\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          a:
            image: overture/score-server
            env_file: shared.env
            environment:
              BLOCK_TEXT: |
                text
                # score-lint: disable=SL101
              FOO_ONE: 1
              # score-lint: disable=SL101
              FOO_TWO: 2
          b:
            image: overture/score-server
            env_file: shared.env
            environment:
              FOO_TWO: 2
    """)
    found = [(r.source[0][1], Path(r.path).name, f.line, f.key)
             for r in compose.lint_compose(path, Options()) for f in r.findings if f.code == "SL101"]
    assert found == [
        # FOO_ONE: the comment above it is the last line of BLOCK_TEXT's value; FOO_ENV is silenced in both.
        ("a", "docker-compose.yml", 6, "BLOCK_TEXT"), ("a", "docker-compose.yml", 9, "FOO_ONE"),
        ("b", "docker-compose.yml", 16, "FOO_TWO"),
    ]


def test_a_service_environment_shares_the_lines_of_its_files(tmp_path: Path) -> None:
    """The combined environment numbers the env file's lines, then the compose file's, as one file."""
    (tmp_path / "shared.env").write_text("S3_ENDPOINT=http://minio:9000\nFOO=1\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          a:
            image: overture/score-server
            env_file: shared.env
            environment:
              BAR: x
    """)
    lookup = compose.project_environment(tmp_path)
    inspection = compose.inspect(path, lookup=lookup)
    (service,) = inspection.servers
    env, _ = compose.combined(path, service, lookup, inspection.source)
    expected = ["S3_ENDPOINT=http://minio:9000\n", "FOO=1\n", *path.read_text().splitlines(keepends=True)]
    assert list(env.lines) == expected and len(env.lines) == 8
    assert (env.lines[0], env.lines[2], env.lines[-1], env.lines[1:3]) == (expected[0], expected[2], expected[-1],
                                                                           tuple(expected[1:3]))
    with pytest.raises(IndexError):
        env.lines[8]
    assert env.text == "".join(expected) and env.data == env.text.encode()
    assert [(e.key, e.line) for e in env.entries] == [("S3_ENDPOINT", 1), ("FOO", 2), ("BAR", 8)]


# --------------------------------------------------------------------------- SL105 names each file's own lines


def _duplicates(path: Path) -> list[tuple[str, int | None, str]]:
    return [(Path(r.path).name, f.line, f.message) for r in compose.lint_compose(path, Options())
            for f in r.findings if f.code == "SL105"]


def test_a_duplicate_in_the_compose_file_quotes_its_line_there(tmp_path: Path) -> None:
    """The combined environment numbers the env file's lines first; the message quotes the compose file's."""
    (tmp_path / "shared.env").write_text("S3_ENDPOINT=http://minio:9000\nFOO=1\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11.0
            env_file: shared.env
            environment:
              - METADATA_URL=http://song
              - METADATA_URL=http://song:8080
    """)
    assert _duplicates(path) == [
        ("docker-compose.yml", 6, "METADATA_URL is set again (also line 7); docker compose keeps the last, so the "
                                  "value on line 7 reaches Score."),
    ]


def test_a_duplicate_in_one_env_file_quotes_its_line_there(tmp_path: Path) -> None:
    """An env file after another one: its lines come after the first file's in the combined environment."""
    (tmp_path / "first.env").write_text("S3_ENDPOINT=http://minio:9000\nFOO=1\n")
    (tmp_path / "second.env").write_text("BAR=1\nUPLOAD_PARTSIZE=104857600\nUPLOAD_PARTSIZE=209715200\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11.0
            env_file: [first.env, second.env]
    """)
    assert _duplicates(path) == [
        ("second.env", 2, "UPLOAD_PARTSIZE is set again (also line 3); docker compose keeps the last, so the value "
                          "on line 3 reaches Score."),
    ]


def test_a_duplicate_across_an_env_file_and_environment_names_the_other_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The other entry is in another file: the message names it, as the output names that file."""
    (tmp_path / "shared.env").write_text("S3_ENDPOINT=http://minio:9000\nUPLOAD_PARTSIZE=1\nS3_ACCESSKEY=a\n")
    (tmp_path / "other.env").write_text("METADATA_URL=http://song\n")
    path = _write(tmp_path, "docker-compose.yml", """
        services:
          score:
            image: overture/score-server:5.11.0
            env_file: [shared.env, other.env]
            environment:
              METADATA_URL: http://song:8080
              UPLOAD_PARTSIZE: 104857600
              S3_ACCESS_KEY: b
    """)
    found = {(name, line): message for name, line, message in _duplicates(path)}
    compose_file = str(path)
    assert found == {
        ("shared.env", 2): f"UPLOAD_PARTSIZE is set again (also line 7 of {compose_file}); docker compose keeps the "
                           f"last, so the value on line 7 of {compose_file} reaches Score.",
        ("other.env", 1): f"METADATA_URL is set again (also line 6 of {compose_file}); docker compose keeps the "
                          f"last, so the value on line 6 of {compose_file} reaches Score.",
        ("docker-compose.yml", 8): "S3_ACCESS_KEY sets S3_ACCESSKEY again (also S3_ACCESSKEY on line 3 of "
                                   f"{tmp_path / 'shared.env'}): both reach Score and Spring reads one of the "
                                   "spellings, whatever their order. Keep one.",
    }
    # The command names the files as it shows them, here relative to the working folder.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["compose", "--isolated", "--select", "SL105", "docker-compose.yml"])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[:1] == [
        "shared.env:2:1: error SL105 UPLOAD_PARTSIZE is set again (also line 7 of docker-compose.yml); docker "
        "compose keeps the last, so the value on line 7 of docker-compose.yml reaches Score. [duplicate-setting]",
    ]
    assert "docker-compose.yml:8:7: error SL105 S3_ACCESS_KEY sets S3_ACCESSKEY again (also S3_ACCESSKEY on line 3 " \
           "of shared.env)" in result.stdout


def test_the_docker_reading_of_a_duplicate_is_unchanged(tmp_path: Path) -> None:
    """score-lint FILE reads one file: its lines are its own, and no file is named."""
    path = tmp_path / "score.env"
    path.write_text("S3_ENDPOINT=http://minio:9000\nUPLOAD_PARTSIZE=1\nUPLOAD_PARTSIZE=2\n")
    (found,) = [f for f in lint_path(path, Options()).findings if f.code == "SL105"]
    assert (found.line, found.message) == (3, "UPLOAD_PARTSIZE is set again (also line 2); docker run passes both "
                                              "and the JVM keeps the first, so the value on line 2 reaches Score.")
