from score_lint.lint.rules import overridden_setting
from tests.helpers import assert_findings, lint

CODE = overridden_setting.CODE


def test_develop_s3_profile_overrides_upload_settings() -> None:
    text = "SPRING_PROFILES_ACTIVE=s3\nUPLOAD_RETRY_LIMIT=10\nUPLOAD_CONNECTION_TIMEOUT=1200000\n"
    assert_findings(text, [(2, CODE), (3, CODE)], "--score-version develop", code=CODE)
    suggestions = [f.suggestion for f in lint(text, "--score-version develop").findings if f.code == CODE]
    assert suggestions == ["S3_RETRYLIMIT", "S3_CONNECTIONTIMEOUT"]


def test_no_override_on_511_unless_set() -> None:
    text = "SPRING_PROFILES_ACTIVE=collaboratory,prod\nUPLOAD_CONNECTION_TIMEOUT=1200000\n"
    assert_findings(text, [], code=CODE)
    assert_findings(text + "S3_CONNECTIONTIMEOUT=5000\n", [(2, CODE)], code=CODE)


def test_azure_container_name_overrides_bucket() -> None:
    text = "SPRING_PROFILES_ACTIVE=azure,prod\nBUCKET_NAME_OBJECT=data\nAZURE_CONTAINERNAME=score\n"
    assert_findings(text, [(2, CODE)], code=CODE)
