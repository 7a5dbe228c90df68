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
