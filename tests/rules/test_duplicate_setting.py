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


def test_loggers_are_settings_of_their_own() -> None:
    # overture-stack__SONG__master__docker-compose.yml.score-server.env, lines 30-32: three loggers,
    # once reported as duplicates of each other under the internal pattern of the family.
    text = (
        "LOGGING_LEVEL_BIO_OVERTURE_SCORE_SERVER=DEBUG\n"
        "LOGGING_LEVEL_ORG_APACHE_HTTP_WIRE=DEBUG\n"
        "LOGGING_LEVEL_ORG_APACHE_HTTP_HEADERS=DEBUG\n"
    )
    assert_findings(text, [], code=CODE)


def test_one_logger_twice_is_a_duplicate_ignoring_case() -> None:
    found = [f for f in lint("LOGGING_LEVEL_ORG_APACHE=DEBUG\nlogging_level_org_apache=INFO\n").findings if f.code == CODE]
    assert [f.line for f in found] == [2]
    assert "^" not in found[0].message and "[A-Za-z" not in found[0].message
    assert "LOGGING_LEVEL_ORG_APACHE" in found[0].message


def test_different_spellings_do_not_claim_an_order() -> None:
    (finding,) = [f for f in lint("S3_ACCESSKEY=a\nS3_ACCESS_KEY=b\n").findings if f.code == CODE]
    assert "whatever their order" in finding.message and "reaches Score" not in finding.message
