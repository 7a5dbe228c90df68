"""Which findings stop Score from starting (``Finding.stops_startup``), and the verdict built from them.

An error means "Score fails to start" or "a setting does not take effect as written"; these tests pin
which is which, rule by rule, from the facts (facts/README.md and the addendum)."""

from __future__ import annotations

from pathlib import Path

import pytest
from score_lint.findings import Finding, Fix, Severity, Verdict, finding
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes, lint_path
from score_lint.lint.rules import RULES, unknown_name

from tests.helpers import lint

PROFILES = "SPRING_PROFILES_ACTIVE=collaboratory,prod\nMETADATA_URL=http://song:8080\n"


def stops(text: str, code: str, args: str = "") -> list[bool]:
    """``stops_startup`` of every finding of ``code``."""
    found = [f.stops_startup for f in lint(text, args).findings if f.code == code]
    assert found, f"{code} does not fire"
    return found


# --------------------------------------------------------------------------- what stops startup

STOPPING = [
    # No storage profile: 5.10+ refuse to start (the dms templates' list on develop, where collaboratory is gone).
    ("SPRING_PROFILES_ACTIVE=amazon,collaboratory,prod,secure,jwt\n", "SL501", "--score-version develop"),
    ("SPRING_PROFILES_ACTIVE=prod,aws\n", "SL501", ""),
    # Values Spring cannot convert while Score starts.
    (PROFILES + "S3_SIGV4ENABLED=enabled\n", "SL201", ""),
    (PROFILES + "UPLOAD_PARTSIZE=100MB\n", "SL201", ""),
    (PROFILES + "BUCKET_SIZE_POOL=3000000000\n", "SL201", ""),  # int overflow
    (PROFILES + "LOGGING_LEVEL_ROOT=verbose\n", "SL201", ""),
    # Quotes and comments docker keeps, on a value Spring converts.
    (PROFILES + 'S3_SIGV4ENABLED="true"\n', "SL202", ""),
    (PROFILES + "UPLOAD_PARTSIZE=104857600 # 100 MiB\n", "SL203", ""),
    (PROFILES + 'UPLOAD_CLEAN_CRON="0 0 3 * * ?"\n', "SL202", ""),  # the clean-up job is on by default
    # A bad cron while the clean-up job is on.
    (PROFILES + "UPLOAD_CLEAN_CRON=0 3 * * *\n", "SL211", ""),
    # A placeholder where Spring converts the value.
    (PROFILES + "S3_SIGV4ENABLED={{sigv4}}\n", "SL205", ""),
    # Required and without any default: METADATA_URL without prod on develop.
    ("SPRING_PROFILES_ACTIVE=s3\nS3_ENDPOINT=http://minio:9000\nBUCKET_NAME_OBJECT=o\nBUCKET_NAME_STATE=s\n", "SL106",
     "--score-version develop"),
    # The JWT key read at startup from a localhost URL nothing serves.
    ("SPRING_PROFILES_ACTIVE=collaboratory,prod,secure\nMETADATA_URL=http://song:8080\n", "SL504", ""),
    # develop with Azure: duplicate bean names (facts addendum 8).
    ("SPRING_PROFILES_ACTIVE=azure\n", "SL505", "--score-version develop"),
    # Azure refuses to start when its container does not exist; an invalid name cannot.
    ("SPRING_PROFILES_ACTIVE=azure,prod\nBUCKET_NAME_OBJECT=Score_Data\n", "SL207", ""),
    ("SPRING_PROFILES_ACTIVE=azure,prod\nBUCKET_NAME_OBJECT=<container>\n", "SL205", ""),
    # The loader refuses the file, so the container does not start.
    (PROFILES + "export METADATA_URL=http://song:8080\n", "SL302", ""),
    (PROFILES + "METADATA_URL = http://song:8080\n", "SL301", ""),
    (PROFILES + "Score settings for the test cluster\n", "SL303", ""),
    (PROFILES + "=http://song:8080\n", "SL306", ""),
    (PROFILES + 'METADATA_URL="http://song:8080\n', "SL307", "--dialect compose"),
    (PROFILES + "METADATA_URL=http://${SONG_HOST:8080\n", "SL311", "--dialect compose"),
    (PROFILES + "S3_SECRETKEY=${SCORE_TEST_UNSET:?set it}\n", "SL312", "--dialect compose"),
]

STARTING = [
    # Names Score ignores: the setting keeps its default, Score starts.
    (PROFILES + "S3_SIGV4_ENABLED=true\n", "SL101", ""),
    ("SPRING_PROFILES_ACTIVE=s3\nCOLLABORATORY_DATA_DIRECTORY=data\n", "SL102", "--score-version develop"),
    (PROFILES + "AUTH_SERVER_CLIENT_ID=dms\n", "SL103", ""),
    (PROFILES + "UPLOAD_PARTSIZE=104857600\nUPLOAD_PARTSIZE=209715200\n", "SL105", ""),
    # The prelude main compose file's timeout on develop: the s3 profile replaces it.
    ("SPRING_PROFILES_ACTIVE=noSecurityDev, s3\nUPLOAD_CONNECTION_TIMEOUT=1200000\n", "SL107", "--score-version develop"),
    # A required setting with a profile's default: Score starts with somebody else's endpoint.
    ("SPRING_PROFILES_ACTIVE=collaboratory,prod\n", "SL106", ""),
    # Values Score starts with and uses wrongly.
    (PROFILES + 'S3_ENDPOINT="http://minio:9000"\n', "SL202", ""),
    ("SPRING_PROFILES_ACTIVE=collaboratory,prod\nMETADATA_URL=song:8080/\n", "SL201", ""),
    (PROFILES + "BUCKET_NAME_OBJECT=$dmsConfig.score.api.objectBucket\n", "SL205", ""),  # the dms templates, on S3
    (PROFILES + "COLLABORATORY_DOWNLOAD_EXPIRATION=30\n", "SL209", ""),
    (PROFILES + "UPLOAD_CLEAN_ENABLED=no\n", "SL212", ""),
    ("SPRING_PROFILES_ACTIVE=collaboratory,secure\n", "SL502", ""),  # starts without its endpoints
    # A quoted cron with the clean-up job off: the schedule is never parsed (facts addendum 6).
    (PROFILES + 'UPLOAD_CLEAN_ENABLED=false\nUPLOAD_CLEAN_CRON="0 0 3 * * ?"\n', "SL202", ""),
    # Several storage profiles, or a --provider that disagrees: Score starts.
    ("SPRING_PROFILES_ACTIVE=collaboratory,azure,prod\n", "SL501", ""),
]


@pytest.mark.parametrize(("text", "code", "args"), STOPPING, ids=[f"{c}-{i}" for i, (_, c, _) in enumerate(STOPPING)])
def test_findings_that_stop_startup(text: str, code: str, args: str) -> None:
    assert all(stops(text, code, args))


@pytest.mark.parametrize(("text", "code", "args"), STARTING, ids=[f"{c}-{i}" for i, (_, c, _) in enumerate(STARTING)])
def test_findings_score_starts_with(text: str, code: str, args: str) -> None:
    assert not any(stops(text, code, args))


def test_a_quoted_cron_with_the_job_off_is_not_said_to_stop_startup() -> None:
    text = PROFILES + 'UPLOAD_CLEAN_ENABLED=false\nUPLOAD_CLEAN_CRON="0 0 3 * * ?"\n'
    (finding,) = [f for f in lint(text).findings if f.code == "SL202" and f.key == "UPLOAD_CLEAN_CRON"]
    assert "harmless while UPLOAD_CLEAN_ENABLED is false" in finding.message
    assert not finding.stops_startup and finding.severity.value == "info"


def test_an_invalid_azure_container_says_score_refuses_to_start() -> None:
    text = "SPRING_PROFILES_ACTIVE=azure,prod\nBUCKET_NAME_OBJECT=Score_Data\n"
    (finding,) = [f for f in lint(text).findings if f.code == "SL207"]
    assert "Score refuses to start without its container" in finding.message
    on_s3 = [f for f in lint(PROFILES + "BUCKET_NAME_OBJECT=Score_Data\n").findings if f.code == "SL207"]
    assert "uploads and downloads fail" in on_s3[0].message


def test_invalid_utf8_stops_docker_but_not_compose() -> None:
    data = (PROFILES + "OBJECT_SENTINEL=caf").encode() + b"\xe9\n"
    docker = [f for f in lint_bytes(data, "x.env", Options()).findings if f.code == "SL304"]
    compose = [f for f in lint_bytes(data, "x.env", Options(dialect="compose")).findings if f.code == "SL304"]
    assert [f.stops_startup for f in docker] == [True] and [f.stops_startup for f in compose] == [False]


def test_an_overridden_container_name_does_not_stop_startup() -> None:
    # AZURE_CONTAINERNAME replaces BUCKET_NAME_OBJECT (SL107): the invalid name is never the container.
    text = "SPRING_PROFILES_ACTIVE=azure,prod\nBUCKET_NAME_OBJECT=Score_Data\nAZURE_CONTAINERNAME=score-data\n"
    assert not any(stops(text, "SL207"))


def test_every_rule_declares_whether_it_stops_startup() -> None:
    for rule in RULES:
        assert isinstance(getattr(rule, "STOPS_STARTUP", None), bool), rule.NAME


def test_only_errors_stop_startup_over_the_corpus(corpus: Path) -> None:
    files = sorted((corpus / "envs").glob("*.env"))
    seen = set()
    for path in files:
        for line in ("5.10", "5.11", "develop"):
            for dialect in ("docker", "compose"):
                result = lint_path(path, Options(line=line, dialect=dialect))  # type: ignore[arg-type]
                for f in result.findings:
                    if f.stops_startup:
                        seen.add(f.code)
                        assert f.severity is Severity.ERROR, (path.name, line, f)
                assert result.verdict is not None
                assert result.verdict.starts == (not any(f.stops_startup for f in result.findings))
    assert {"SL501", "SL504", "SL106"} <= seen


# --------------------------------------------------------------------------- the verdict


def _f(code: str, stops: bool = False, severity: Severity = Severity.ERROR, key: str | None = "K", line: int | None = 1) -> Finding:
    return Finding(code, "rule", severity, line, 1, key, "m", stops_startup=stops)


def test_verdict_of_findings() -> None:
    v = Verdict.of([_f("SL501", True), _f("SL101", key="A"), _f("SL202", True), _f("SL501", True), _f("SL105", key="A"),
                    _f("SL206", severity=Severity.WARNING)])
    assert (v.starts, v.stopped_by, v.stopping) == (False, ("SL501", "SL202"), 3)
    assert v.not_as_written == ("SL101", "SL105") and v.settings_not_as_written == 1  # one setting, two findings
    assert Verdict.of([_f("SL206", severity=Severity.WARNING)]) == Verdict(True, (), 0, (), 0)


def test_a_partial_rule_set_says_so() -> None:
    result = lint("SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    assert result.verdict is not None and result.verdict.all_rules
    partial = lint_bytes(b"SPRING_PROFILES_ACTIVE=prod\n", "x.env", Options(ignore=("SL5",)))
    assert partial.verdict is not None and not partial.verdict.all_rules and partial.verdict.starts


def test_finding_sets_each_field_by_its_name() -> None:
    # findings.finding builds a Finding by position: each value must land in the field of its name.
    fix = Fix("rename", ())
    made = finding(unknown_name.__name__, "the message", key="THE_KEY", line=3, column=5, severity=Severity.WARNING,
                   suggestion="S3_ENDPOINT", fix=fix, stops_startup=True)
    assert made == Finding(code="SL101", rule="unknown-name", severity=Severity.WARNING, line=3, column=5, key="THE_KEY",
                           message="the message", suggestion="S3_ENDPOINT", fix=fix, stops_startup=True)
