"""Fuzzing the readers: env files, compose files, Markdown pages and configuration files.

Every input ends in a result or in the reader's one documented error (which names the file); never
another exception, never a hang (each example has a deadline enforced by SIGALRM, which interrupts a
blocking read too) and never a leaked file descriptor. The budget is small in CI; ``SCORE_LINT_FUZZ=long``
runs fifty times as many examples (README, "Reliability", gives the figures of such a run).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from score_lint import compose, config, envfile, files, markdown
from score_lint.drift.engine import drift_text
from score_lint.findings import InputError
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes, lint_path
from tests.helpers import fuzz

EXAMPLE_SECONDS = 20


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """No hang (an example past EXAMPLE_SECONDS fails) and no file descriptor left open."""
    fds = _open_fds()
    use_alarm = hasattr(signal, "setitimer")
    if use_alarm:
        def expired(signum: int, frame: object) -> None:
            raise TimeoutError(f"an example ran for more than {EXAMPLE_SECONDS} s")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, EXAMPLE_SECONDS)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    after = _open_fds()
    assert after is None or fds is None or after <= fds, f"file descriptors leaked: {fds} -> {after}"


def _open_fds() -> int | None:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# --------------------------------------------------------------------------------------------------
# env files: the reader (bytes on disk, both dialects) and the engine over what it read

ENV_PIECES = ["S3_SECRETKEY", "AZURE_ACCOUNTKEY", "UPLOAD_PARTSIZE", "UPLOAD_CLEAN_CRON", "SPRING_PROFILES_ACTIVE",
              "=", ":", " ", "\t", "\n", "\r\n", "'", '"', "#", " #", "\\", "$", "${", "}", "${A:-x}", "${A:?e}", "$$",
              "export ", "\x00", "\ufeff", "\udcff", "\x1b[31m", "\u202e", "9" * 5000, "²", "0 0 0 * * ?",
              "-----BEGIN PRIVATE KEY-----", "root:x:0:0:root:/root:/bin/bash", "prod,collaboratory", "azure"]
env_data = st.one_of(
    st.binary(max_size=600),
    st.lists(st.one_of(st.sampled_from(ENV_PIECES), st.text(max_size=8)), max_size=50).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogateescape")),
)


@fuzz(300)
@given(data=env_data, dialect=st.sampled_from(["docker", "compose"]))
def test_env_reader_and_engine(folder: Path, data: bytes, dialect: str) -> None:
    path = folder / "fuzz.env"
    path.write_bytes(data)
    with bounded():
        try:
            env = envfile.read(path, dialect)  # type: ignore[arg-type]
        except envfile.EnvFileError as exc:
            assert exc.path == str(path) and exc.message
            return
        n = max(1, len(env.lines))
        assert all(1 <= p.line <= n for p in env.problems)
        envfile.continued_lines(env)
        envfile.as_env_file(env)
        result = lint_path(path, Options(dialect=dialect))  # type: ignore[arg-type]
        assert all(f.line is None or 1 <= f.line <= n for f in result.findings)
        lint_bytes(data, "fuzz.env", Options(dialect=dialect, line="5.10"))  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# compose files: YAML built from the pieces compose files are made of, anchors and merges included

YAML_LINES = ["services:", "  score:", "    image: overture/score-server", "    image: ${IMAGE}", "    environment:",
              "      S3_ENDPOINT: http://minio:9000", "      - S3_SECRETKEY=abc", "      - S3_SECRETKEY abc",
              "      SPRING_PROFILES_ACTIVE: prod,collaboratory", "      UPLOAD_PARTSIZE: " + "9" * 5000,
              "      <<: *base", "x: &base {METADATA_URL: http://song}", "y: &m\n  <<: [*base, *base]",
              "    env_file: missing.env", "    env_file:\n      - path: other.env\n        required: false",
              "      A: !!binary aGk=", "      B: [", "      C: {", "      D: 0x1F", "      E: 1e400", "      F: ~",
              "  other:", "    image: nginx", "\t", "- ", "? ", "&a", "*a", "---", "...", "%YAML 1.1", '"\\xff"',
              "      G: '" + "x" * 200 + "'", "[" * 300 + "]" * 300, '    env_file: "a\\0b"', "    env_file: /dev/zero"]
yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(YAML_LINES), st.text(max_size=12)), max_size=25).map("\n".join),
)


@fuzz(200)
@given(text=yaml_text)
def test_compose_reader(folder: Path, text: str) -> None:
    path = folder / "docker-compose.yml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    (folder / "other.env").write_text("S3_ACCESS_KEY=abc\n")
    with bounded():
        try:
            results = compose.lint_compose(path, Options())
        except InputError as exc:
            assert str(exc).startswith((str(path), str(folder))), exc
            return
        for result in results:
            assert all(f.line is None or f.line >= 1 for f in result.findings)


# --------------------------------------------------------------------------------------------------
# Markdown pages: the extractor and the drift rules over what it extracted

MD_LINES = ["# Object storage", "## S3", "| Setting | Requirement | Type | Description | Lines |", "|---|---|---|---|---|",
            "| `S3_ENDPOINT` | Required | url | Where. | all |", "| `S3_X` | Optional |", "```env", "```", "~~~",
            "S3_SECRETKEY=abc", "UPLOAD_CLEAN_ENABLED", "<!-- score-lint drift: ignore SL402 -->", "    | `A_B` | x |",
            "> `S3_ENDPOINT`", "- `CLEAN_CRON` binds nothing.", "---", "title: x", "!!! note", "<div>", "\t`X_Y`",
            " ".join(f"`S3_N{i}`" for i in range(200)), "\x00", "\u2028", "\udcff"]
md_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(MD_LINES), st.text(max_size=10)), max_size=40).map("\n".join),
)


@fuzz(200)
@given(text=md_text)
def test_markdown_reader_and_drift(folder: Path, text: str) -> None:
    path = folder / "page.md"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with bounded():
        try:
            document = markdown.read(path)
        except markdown.MarkdownError as exc:
            assert exc.path == str(path)
            return
        drift_text(document.text, "page.md")


# --------------------------------------------------------------------------------------------------
# configuration files: arbitrary bytes, and TOML with the real keys and odd values

KEYS = ["score-version", "dialect", "provider", "select", "ignore", "fail-level", "docs", "tool", "x"]
VALUES = ['"5.11"', '"develop"', '"compose"', '"s3"', '["SL1", "SL203"]', '["sl1"]', "[1]", '"warning"', "1", "true",
          '"docs/configuration"', '"/dev/zero"', '"."', '""', "{a = 1}", "[" * 200 + "]" * 200, '"\\u0000"']
toml_text = st.one_of(
    st.binary(max_size=200),
    st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)), max_size=6).map(
        lambda pairs: "".join(f"{k} = {v}\n" for k, v in pairs).encode()),
    st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)), max_size=6).map(
        lambda pairs: ("[tool.score-lint]\n" + "".join(f"{k} = {v}\n" for k, v in pairs)).encode()),
)


@fuzz(300)
@given(data=toml_text, name=st.sampled_from([".score-lint.toml", "pyproject.toml"]))
def test_configuration_loader(folder: Path, data: bytes, name: str) -> None:
    sub = folder / "conf"
    sub.mkdir(exist_ok=True)
    path = sub / name
    path.write_bytes(data)
    with bounded():
        try:
            loaded = config.load(path)
        except config.ConfigError as exc:
            assert str(exc).startswith(str(path)), exc
            return
        loaded.options()
        assert loaded.fail_severity is not None


# --------------------------------------------------------------------------------------------------
# the bounded reader itself, over what a path may be

@fuzz(100)
@given(kind=st.sampled_from(["file", "fifo", "dir", "loop", "long", "missing", "device"]),
       size=st.integers(0, 5000), limit=st.integers(0, 6000))
def test_bounded_reader(folder: Path, kind: str, size: int, limit: int) -> None:
    if os.name != "posix":
        pytest.skip("FIFOs and devices")
    base = folder / "reader"
    base.mkdir(exist_ok=True)
    path = base / f"{kind}-{size}-{limit}"
    if kind == "file":
        path.write_bytes(b"x" * size)
    elif kind == "fifo" and not path.exists():
        os.mkfifo(path)
    elif kind == "dir":
        path.mkdir(exist_ok=True)
    elif kind == "loop" and not path.is_symlink():
        path.symlink_to(path)
    elif kind == "long":
        path = base / ("y" * 1000)
    elif kind == "device" and not path.is_symlink():
        path.symlink_to("/dev/zero")
    with bounded():
        try:
            data = files.read_bounded(path, limit)
        except files.Unreadable as exc:
            assert exc.reason and exc.path == str(path)
            assert kind != "file" or size > limit
            return
        assert kind == "file" and len(data) == size <= limit
