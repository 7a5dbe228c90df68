"""The one-pass engine against a run that asks every rule about every entry.

The engine hands an entry rule only the entries it can fire on: ``KINDS`` narrows an "all" rule to
names of some resolution kinds and ``ONLY_WITH`` to entries with a field set, ``wants`` an "effective"
rule to some settings, ``SKIP_PLAIN`` keeps it from plain values, and a loader-problem rule runs only
when its problem is there. These tests run each rule the slow way (every entry, every setting, every
value) and expect exactly the engine's findings, on the docstring examples, the corpus's env files and
random env text, so a filter that drops a finding fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from score_lint import envfile
from score_lint.lint.context import Context, Options
from score_lint.lint.engine import lint_env, lint_stream
from score_lint.lint.rules import RULES
from score_lint.lint.rules._common import items
from tests.corpus_runs import env_files
from tests.helpers import docstring_examples, fuzz, options_from

EXAMPLES = Path(__file__).resolve().parents[1] / "linter" / "score_lint" / "examples"


def _every_rule_everywhere(env: envfile.EnvFile, options: Options) -> list[tuple[int, int, str, str]]:
    """The engine's findings (before suppressions) worked out without any dispatch."""
    reference = lint_env(env, options)  # for the provider it chose
    from score_lint.binding import line_models  # the models the engine uses: only this helper needs them

    ctx = Context(env, options, line_models(options.line), reference.provider, options.provider is None)
    out = []
    for rule in RULES:
        if hasattr(rule, "check_entry"):
            for item in items(ctx):
                if rule.ENTRIES == "effective" and not item.effective:
                    continue
                out.extend(rule.check_entry(ctx, item))
        else:
            out.extend(rule.check(ctx))
    return sorted((f.line or 0, f.column or 0, f.code, f.message) for f in out)


def _engine(env: envfile.EnvFile, options: Options) -> list[tuple[int, int, str, str]]:
    return sorted((f.line or 0, f.column or 0, f.code, f.message) for f in lint_env(env, options).findings)


def _same(data: bytes, options: Options) -> None:
    env = envfile.as_env_file(envfile.parse(data, options.dialect, path="t.env"))
    if not env.entries and any(p.code == "not-an-env-file" for p in env.problems):
        return  # a file that is no env file gets its one finding, by design
    expected = [f for f in _every_rule_everywhere(env, options) if not _filtered_after(env, f)]
    assert _engine(env, options) == expected
    # Streamed, the entry findings are not sorted as a whole: they must come in order as they are made.
    held = lint_env(env, options)
    streamed = lint_stream(env, options)
    assert list(streamed.findings) == list(held.findings)
    assert streamed.verdict == held.verdict


def _filtered_after(env: envfile.EnvFile, f: tuple[int, int, str, str]) -> bool:
    """Whether the engine drops ``f`` after the rules ran: a suppression comment, or a later line of a
    multi-line quoted value (``engine._unsuppressed`` and ``engine._not_on_continued_lines``)."""
    from score_lint.lint.suppressions import Suppressions  # only this helper needs it

    line, _, code, _ = f
    if any(code.startswith(p) for p in Suppressions(env).codes(line)):
        return True
    return line in envfile.continued_lines(env)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.NAME)
def test_docstring_examples(rule) -> None:
    for title in ("Example", "Use instead"):
        for args, text in docstring_examples(rule).get(title, []):
            _same(text.encode(), options_from(args))


def test_bundled_example() -> None:
    for path in EXAMPLES.glob("*.env.score"):
        for dialect in ("docker", "compose"):
            _same(path.read_bytes(), Options(dialect=dialect))  # type: ignore[arg-type]


def test_corpus_env_files(corpus: Path) -> None:
    files = env_files(corpus)
    assert files
    for path in files:
        for line in ("5.10", "5.11", "develop"):
            for dialect in ("docker", "compose"):
                _same(path.read_bytes(), Options(line=line, dialect=dialect))  # type: ignore[arg-type]


_NAMES = st.sampled_from([
    "S3_ENDPOINT", "S3_ACCESSKEY", "S3_SECRETKEY", "s3_secretkey", "S3_SECRET_KEY", "S3_SIGV4ENABLED",
    "UPLOAD_PARTSIZE", "UPLOAD_CLEAN_ENABLED", "UPLOAD_CLEAN_CRON", "BUCKET_NAME_OBJECT", "BUCKET_NAME_STATE",
    "SPRING_PROFILES_ACTIVE", "AZURE_ACCOUNTKEY", "AZURE_CONTAINERNAME", "OBJECT_SENTINEL", "SERVER_PORT",
    "AUTH_SERVER_SCOPE_UPLOAD_SYSTEM", "LOGGING_LEVEL_ROOT", "LOGGING_LEVEL_BIO_OVERTURE", "DOWNLOAD_PARTSIZE",
    "SERVER_SSL_ENABLED", "S3_PRESIGNEDURL_OVERRIDE_HOST", "COLLABORATORY_DATA_UPLOAD_EXPIRATION", "FOO",
    "s3.endpoint", "export S3_ENDPOINT", "S3_ENDPOINT ", "METADATA_URL", "SPRING_PROFILES_INCLUDE",
])
_VALUES = st.sampled_from([
    "true", '"true"', "'false'", "false # off", "0 0 0 * * ?", '"0 0 0 * * ?"', "1048576", "20971520",
    "http://minio:9000", "minio:9000", "${S3_HOST}", "{{ .Values.key }}", "<bucket>", "Bad_Bucket",
    "prod,collaboratory", "aws", "azure,prod", "amazon", "abc ", "", "score.download", "x" * 70, "=", "#",
])


@given(st.lists(st.tuples(_NAMES, _VALUES), max_size=12), st.sampled_from(["docker", "compose"]),
       st.sampled_from(["5.10", "5.11", "develop"]), st.sampled_from([None, "s3", "azure"]))
@fuzz(150)
def test_random_files(pairs: list[tuple[str, str]], dialect: str, line: str, provider: str | None) -> None:
    data = "".join(f"{name}={value}\n" for name, value in pairs).encode()
    _same(data, Options(line=line, dialect=dialect, provider=provider))  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.NAME)
def test_every_rule_has_one_shape(rule) -> None:
    entry_rule = hasattr(rule, "check_entry")
    assert entry_rule != hasattr(rule, "check"), "a rule is an entry rule or a file rule, not both"
    if entry_rule:
        assert rule.ENTRIES in ("all", "effective")
        assert not hasattr(rule, "PROBLEM")
        if rule.ENTRIES == "all":
            assert not hasattr(rule, "wants") and not hasattr(rule, "SKIP_PLAIN")
            assert getattr(rule, "ONLY_WITH", "bare") in envfile.Entry.__slots__
        else:
            assert not hasattr(rule, "KINDS") and not hasattr(rule, "ONLY_WITH")
    else:
        assert not any(hasattr(rule, name) for name in ("ENTRIES", "KINDS", "ONLY_WITH", "wants", "SKIP_PLAIN"))
