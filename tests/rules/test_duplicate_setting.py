from score_lint.lint.rules import duplicate_setting
from tests.helpers import assert_findings, lint

CODE = duplicate_setting.CODE
TEXT = "UPLOAD_PARTSIZE=1\nUPLOAD_PARTSIZE=2\n"


def test_docker_first_wins_compose_last_wins() -> None:
    (docker,) = [f for f in lint(TEXT).findings if f.code == CODE]
    assert docker.line == 2 and "line 1 reaches Score" in docker.message
    (compose,) = [f for f in lint(TEXT, "--dialect compose").findings if f.code == CODE]
    assert compose.line == 1 and "line 2 reaches Score" in compose.message


def test_two_spellings_of_one_setting() -> None:
    assert_findings("S3_ACCESSKEY=a\nS3_ACCESS_KEY=b\n", [(2, CODE)], code=CODE)


def test_exact_duplicate_has_a_fix_and_values_never_leak() -> None:
    (finding,) = [f for f in lint("S3_SECRETKEY=hunter22\nS3_SECRETKEY=hunter22\n").findings if f.code == CODE]
    assert finding.fix is not None and "hunter22" not in finding.message


def test_loggers_of_the_logging_level_family_are_separate_settings() -> None:
    # SONG 3.0.0's docker-compose.yml sets three loggers; none repeats another.
    loggers = "LOGGING_LEVEL_BIO_OVERTURE_SCORE_SERVER=DEBUG\nLOGGING_LEVEL_ORG_APACHE_HTTP_WIRE=DEBUG\n"
    assert_findings(loggers, [], code=CODE)
    assert_findings(loggers + "logging_level_org_apache_http_wire=INFO\n", [(3, CODE)], code=CODE)
