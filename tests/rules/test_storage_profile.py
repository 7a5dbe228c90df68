from score_lint.lint.rules import storage_profile
from tests.helpers import assert_findings, lint

CODE = storage_profile.CODE


def test_aws_and_amazon_never_work() -> None:
    for line in ("5.10", "5.11", "develop"):
        for profiles in ("prod,aws", "amazon,prod"):
            assert_findings(f"SPRING_PROFILES_ACTIVE={profiles}\n", [(1, CODE)], f"--score-version {line}", code=CODE)


def test_storage_profile_per_line() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prod\n", [], "--score-version 5.10", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prod\n", [], "--score-version 5.11", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prod\n", [(1, CODE)], "--score-version develop", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=s3\n", [], "--score-version develop", code=CODE)
    assert_findings("SPRING_PROFILES_ACTIVE=s3,prod\n", [(1, CODE)], "--score-version 5.11", code=CODE)


def test_blanks_are_trimmed_and_missing_setting() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE= collaboratory , prod\n", [], code=CODE)
    assert_findings("S3_ENDPOINT=http://minio:9000\n", [(None, CODE)], code=CODE)


def test_provider_mismatch() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=azure,prod\n", [(1, CODE)], "--provider s3", code=CODE)
    assert lint("SPRING_PROFILES_ACTIVE=azure,prod\n").provider == "azure"


def test_amazon_beside_collaboratory_starts() -> None:
    # overture-stack__SONG__master__docker-compose.yml.score-server.env, line 1: the most common
    # production list in Overture's repositories. Score 5.10 and 5.11 start with it.
    text = "SPRING_PROFILES_ACTIVE=amazon,collaboratory,prod,secure\n"
    for line in ("5.10", "5.11"):
        found = lint(text, f"--score-version {line}").findings
        assert not [f for f in found if f.code == CODE]
        assert not [f for f in found if "refuses to start" in f.message]
    (develop,) = [f for f in lint(text, "--score-version develop").findings if f.code == CODE]
    assert "amazon and collaboratory are not storage profiles" in develop.message


def test_aws_alone_is_not_a_storage_profile() -> None:
    # docs/overture-stack__score__d627636d784f__docs-Setup-02-object-storage.md: SPRING_PROFILES_ACTIVE=prod,aws
    (finding,) = [f for f in lint("SPRING_PROFILES_ACTIVE=prod,aws\n").findings if f.code == CODE]
    assert finding.severity.value == "error"
    assert "aws is not a storage profile" in finding.message and "refuses to start" in finding.message


def test_test_profile_switches_the_check_off() -> None:
    (finding,) = [f for f in lint("SPRING_PROFILES_ACTIVE=aws,prod,test\n").findings if f.code == CODE]
    assert finding.severity.value == "warning" and "refuses to start" not in finding.message
