"""No false alarm of a known class on real Overture configurations.

Every env-like file of ``../shared/corpus/envs/`` (the ``*.env`` files: env files from Overture's
repositories and the environments derived from their compose files and DMS templates) is linted on
every Score line, with the provider inferred and forced, under both dialects; the compose files go
through the compose linter on every line. Each test names one class of false alarm that was once
reported on those files and fails on any finding of that class. Skips without the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from score_lint import binding
from score_lint.binding import Kind, parse_profiles
from score_lint.findings import Severity
from score_lint.lines import LINES, PROVIDERS

from tests.corpus_runs import Run, corpus_runs

# Text of an internal pattern: ^NAME, [A-Za-z0-9_], ]+$ or a (?:...) group.
_PATTERN_TEXT = re.compile(r"\^[A-Z_]{3,}|\[A-Za-z|\]\+\$|\(\?:")
_SHELL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _show(runs: Iterable[Run]) -> list[str]:
    out = sorted(
        {f"{r.path}:{r.finding.line} [{r.line} {r.dialect} {r.provider or 'inferred'}] {r.finding.code} "
         f"{r.finding.severity.value}: {r.finding.message}" for r in runs}
    )
    return out[:20] + ([f"... and {len(out) - 20} more"] if len(out) > 20 else [])


def _runs(corpus: Path) -> tuple[Run, ...]:
    runs = corpus_runs(corpus)
    assert runs, "the corpus gave no findings at all: is it the corpus?"
    return runs


def _key_of(text: str) -> str:
    """The variable name of an env line or of a compose ``environment:`` line."""
    line = text.strip().removeprefix("- ")
    for separator in ("=", ":"):
        if separator in line:
            return line.split(separator, 1)[0].strip().strip("\"'")
    return line


def test_no_message_shows_an_internal_pattern(corpus) -> None:
    bad = [r for r in _runs(corpus) if _PATTERN_TEXT.search(r.finding.message)]
    assert not bad, _show(bad)


def test_no_duplicate_of_two_different_loggers(corpus) -> None:
    # overture-stack__SONG__master__docker-compose.yml.score-server.env: three different loggers.
    bad = []
    for run in _runs(corpus):
        key = run.finding.key or ""
        if run.finding.code != "SL105" or not key.upper().startswith("LOGGING_LEVEL_"):
            continue
        same = [t for t in run.text if _key_of(t).upper() == key.upper()]
        if len(same) < 2:
            bad.append(run)
    assert not bad, _show(bad)


def _storage_profiles(line: str) -> set[str]:
    return {name for provider in PROVIDERS for name in binding.line_models(line)[provider].storage_profiles()}


def test_a_list_with_a_storage_profile_is_never_told_score_refuses_to_start(corpus) -> None:
    # amazon,collaboratory,prod,secure: the most common production list in Overture's repositories.
    bad = []
    for run in _runs(corpus):
        profiles = set(parse_profiles(run.value("SPRING_PROFILES_ACTIVE") or ""))
        # A profile finding only: an Azure container name no container can have does stop Score (SL207).
        if profiles & _storage_profiles(run.line) and run.finding.code.startswith("SL5") and "refuses to start" in run.finding.message:
            bad.append(run)
    assert not bad, _show(bad)


def test_aws_and_amazon_beside_a_storage_profile_are_no_warning(corpus) -> None:
    bad = []
    for run in _runs(corpus):
        profiles = set(parse_profiles(run.value("SPRING_PROFILES_ACTIVE") or ""))
        if not profiles & _storage_profiles(run.line) or run.finding.code not in ("SL501", "SL503"):
            continue
        if run.finding.severity is not Severity.INFO and re.search(r"\b(aws|amazon)\b", run.finding.message):
            bad.append(run)
    assert not bad, _show(bad)


def test_the_credentials_fallback_is_a_file_in_the_container(corpus) -> None:
    bad = [r for r in _runs(corpus) if "credential chain of the host" in r.finding.message]
    assert not bad, _show(bad)
    fallback = [r for r in _runs(corpus) if r.finding.code == "SL210" and "not set" in r.finding.message]
    assert fallback and all("~/.aws/credentials file inside the container" in r.finding.message for r in fallback)


def test_jws_algorithm_is_never_called_unknown(corpus) -> None:
    bad = [
        r for r in _runs(corpus)
        if r.finding.code in ("SL101", "SL108") and "JWS" in (r.finding.key or "").upper().replace("_", "")
    ]
    assert not bad, _show(bad)


def test_no_fatal_cron_finding_while_the_clean_up_is_off(corpus) -> None:
    bad = [
        r for r in _runs(corpus)
        if (r.finding.key or "").upper() == "UPLOAD_CLEAN_CRON"
        and r.finding.severity is Severity.ERROR
        and (r.value("UPLOAD_CLEAN_ENABLED") or "").lower() == "false"
    ]
    assert not bad, _show(bad)


def test_test_and_dev_are_never_called_inert(corpus) -> None:
    bad = [
        r for r in _runs(corpus)
        if r.finding.code == "SL503" and re.search(r"profile (named )?(test|dev)\b", r.finding.message)
    ]
    assert not bad, _show(bad)


def test_develop_with_azure_is_an_error(corpus) -> None:
    bad = [
        r for r in _runs(corpus)
        if r.finding.code == "SL505" and r.line == "develop" and "profile azure" in r.finding.message
        and r.finding.severity is not Severity.ERROR
    ]
    assert not bad, _show(bad)


def test_names_the_shell_drops_are_explained_as_such(corpus) -> None:
    bad = [
        r for r in _runs(corpus)
        if r.finding.key and not _SHELL_NAME.match(r.finding.key) and r.finding.code.startswith("SL1")
        and "/bin/sh" not in r.finding.message
    ]
    assert not bad, _show(bad)


def test_one_verdict_per_setting_on_the_other_provider_and_line(corpus) -> None:
    # A name SL101 calls unknown must bind under no other provider of the line and no other line.
    bad = []
    for run in _runs(corpus):
        key = run.finding.key
        if run.finding.code != "SL101" or not key or not _SHELL_NAME.match(key):
            continue
        if any(binding.line_models(run.line)[p].resolve(key).kind is Kind.UNBOUND for p in PROVIDERS):
            continue  # documented as binding nothing here, with its own reason
        for line in LINES:
            for provider in PROVIDERS:
                resolution = binding.line_models(line)[provider].resolve(key)
                if resolution.binds and resolution.kind is not Kind.PATTERN:
                    bad.append(run)
    assert not bad, _show(bad)


def test_template_variables_are_not_judged_as_values(corpus) -> None:
    # DMS templates: BUCKET_NAME_STATE=$dmsConfig.score.api.stateBucket was "an invalid bucket name".
    bad = [
        r for r in _runs(corpus)
        if r.dialect == "docker" and r.finding.code in ("SL201", "SL207", "SL211", "SL213", "SL215", "SL216")
        and re.search(r"\$|\{\{", r.source_line().partition("=")[2])
    ]
    assert not bad, _show(bad)
    templates = [r for r in _runs(corpus) if r.finding.code == "SL205" and r.dialect == "docker"]
    assert any("docker run passes the text $dmsConfig." in r.finding.message for r in templates)


def test_no_message_quotes_a_secret(corpus) -> None:
    secrets = ("SECRET", "ACCOUNTKEY", "ACCOUNT_KEY", "PASSWORD", "ACCESSKEY", "ACCESS_KEY")
    bad = []
    for run in _runs(corpus):
        key = (run.finding.key or "").upper()
        value = (run.value(run.finding.key or "") or "").strip("\"'")
        if any(word in key for word in secrets) and len(value) >= 6 and value in run.finding.message:
            bad.append(run)
    assert not bad, _show(bad)
