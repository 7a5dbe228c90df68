from score_lint.lint.rules import unknown_name
from tests.rules._fixes import rule_findings
from tests.helpers import assert_findings, lint

CODE = unknown_name.CODE


def test_fires_with_the_spelling_that_binds() -> None:
    result = lint("S3_SIGV4_ENABLED=true\nAUTH_SERVER_SCOPE_UPLOAD_SUFFIX=.WRITE\n")
    found = [(f.line, f.suggestion) for f in result.findings if f.code == CODE]
    assert found == [(1, "S3_SIGV4ENABLED"), (2, "AUTH_SERVER_SCOPE_UPLOAD_STUDY_SUFFIX")]


def test_jwt_key_url_per_line() -> None:
    for args, suggestion in (
        ("--score-version 5.10", "AUTH_JWT_PUBLICKEYURL"),
        ("--score-version 5.11", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION"),
    ):
        (finding,) = [f for f in lint("AUTH_JWT_PUBLIC_KEY_URL=http://ego/key\n", args).findings if f.code == CODE]
        assert finding.suggestion == suggestion


def test_read_by_nothing() -> None:
    assert_findings("DOWNLOAD_PARTSIZE=1\nMETADATA_SSL_ENABLED=true\n", [(1, CODE), (2, CODE)], code=CODE)


def test_clean_for_names_that_bind_and_foreign_names() -> None:
    assert_findings("S3_SIGV4ENABLED=true\nS3_ACCESS_KEY=x\nJAVA_TOOL_OPTIONS=-Xmx2g\nLOGGING_LEVEL_ROOT=INFO\n", [], code=CODE)


def test_fix_renames_the_key() -> None:
    (finding,) = [f for f in lint("S3_SIGV4_ENABLED=true\n").findings if f.code == CODE]
    assert finding.fix is not None
    (edit,) = finding.fix.edits
    assert (edit.line, edit.start, edit.end, edit.text) == (1, 1, 17, "S3_SIGV4ENABLED")


def test_no_fix_when_the_suggestion_means_something_else_or_is_set() -> None:
    (download,) = [f for f in lint("DOWNLOAD_PARTSIZE=1\n").findings if f.code == CODE]
    assert download.fix is None
    both = "S3_SIGV4_ENABLED=true\nS3_SIGV4ENABLED=false\n"
    (finding,) = [f for f in lint(both).findings if f.code == CODE]
    assert finding.fix is None


def test_similarity_guess_is_an_unsafe_fix() -> None:
    (finding,) = [f for f in lint("UPLOAD_PARTSIZ=104857600\n").findings if f.code == CODE]
    assert finding.suggestion == "UPLOAD_PARTSIZE"
    assert finding.fix is not None and finding.fix.safe is False


def test_a_setting_followed_by_a_colon_is_reported_as_exactly_that() -> None:
    """``S3_SECRETKEY:value`` is one long host-variable name to docker; the value is never shown."""
    (found,) = rule_findings("S3_SECRETKEY:n4Bq9xTf2LwZ7pRv\n", "SL101")
    assert found.key == "S3_SECRETKEY" and found.fix is None
    assert found.message == ("S3_SECRETKEY is followed by ':' instead of '=': docker run reads the whole line as the "
                             "name of a variable to copy from the shell, so S3_SECRETKEY is not set: write "
                             "S3_SECRETKEY=<value>.")


def test_a_long_name_is_cut_at_the_first_character_no_name_contains() -> None:
    (found,) = rule_findings('DEBUG_X"n4Bq9xTf2LwZ7pRv\n', "SL101")
    assert found.key == "DEBUG_X" and "n4Bq" not in found.message
    assert found.message.startswith("DEBUG_X is followed by '\"', which no variable name contains")
    (found,) = rule_findings('"n4Bq9xTf2LwZ7pRv\n', "SL101")
    assert found.key == "" and "n4Bq" not in found.message
