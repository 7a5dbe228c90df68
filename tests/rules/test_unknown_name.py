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


def test_aws_sdk_names_are_read_by_nothing() -> None:
    # overture-stack__SONG__master__dev-docker-compose.yml.score-server.env, lines 6-7
    text = "aws_access_key_id=minio\naws_secret_access_key=minio123\n"
    found = [f for f in lint(text).findings if f.code == CODE]
    assert [(f.line, f.suggestion) for f in found] == [(1, "S3_ACCESSKEY"), (2, "S3_SECRETKEY")]
    assert all("~/.aws/credentials file inside the container" in f.message for f in found)
    assert all("minio123" not in f.message for f in found)


def test_dotted_names_are_dropped_by_the_shell() -> None:
    # overture-stack__SONG__4339e642049f__docker-storage-server-config-application.properties, lines 3 and 18,
    # handed to docker run as an env file: Spring would bind them, but the image's /bin/sh drops them first.
    text = "s3.endpoint=http://localhost:9000\nupload.partsize=1073741824\n"
    found = [f for f in lint(text).findings if f.code == CODE]
    assert [(f.line, f.suggestion) for f in found] == [(1, "S3_ENDPOINT"), (2, "UPLOAD_PARTSIZE")]
    for f in found:
        assert "/bin/sh" in f.message and "not a shell identifier" in f.message
        assert "exec-form entrypoint or a Kubernetes command:" in f.message
        assert "silently" not in f.message
    assert not [f for f in lint(text).findings if f.code in ("SL102", "SL108")]


def test_dashed_names_are_dropped_by_the_shell_and_renamed() -> None:
    (finding,) = [f for f in lint("S3_SIG-V4-ENABLED=true\n").findings if f.code == CODE]
    assert finding.suggestion == "S3_SIGV4ENABLED" and finding.fix is not None and finding.fix.safe
    (other,) = [f for f in lint("foo.bar=1\n").findings if f.code == CODE]
    assert other.suggestion is None and "No Score setting" in other.message


def test_historic_names_name_their_replacement() -> None:
    # overture-stack__SONG__1.5.0.1__docker-compose.yml.storage-server.env, lines 1, 7, 12 and 14.
    text = (
        "OBJECT_STORAGE_URL=http://localhost:8085\n"
        "AUTH_SERVER_UPLOADSCOPE=score.WRITE\n"
        "STORAGE_SERVER_DATA_BUCKET=oicr.icgc.test\n"
        "STORAGE_SERVER_DATA_DIR=data\n"
    )
    for line, data_directory in (("5.11", "COLLABORATORY_DATA_DIRECTORY"), ("develop", "S3_DATA_DIRECTORY")):
        found = [f for f in lint(text, f"--score-version {line}").findings if f.code == CODE]
        assert [f.suggestion for f in found] == [
            "S3_ENDPOINT", "AUTH_SERVER_SCOPE_UPLOAD_SYSTEM", "BUCKET_NAME_OBJECT", data_directory
        ]
        assert all(f.fix is not None and f.fix.safe for f in found)  # the values mean the same thing


def test_historic_parts_of_a_url_have_no_autofix() -> None:
    # overture-stack__SONG__4767823f904b__docker-docker-compose.yml.storage-server.env, lines 3-7.
    text = "MINIO_PORT=8085\nMINIO_HOST=localhost\nAUTH_HOST=localhost\nAUTH_PORT=8084\nAUTH_ENDPOINT=/check_token/\n"
    found = [f for f in lint(text).findings if f.code == CODE]
    assert [f.suggestion for f in found] == ["S3_ENDPOINT", "S3_ENDPOINT", "AUTH_SERVER_URL", "AUTH_SERVER_URL", "AUTH_SERVER_URL"]
    assert all(f.fix is None for f in found)


def test_no_longer_read_without_a_replacement() -> None:
    # overture-stack__demo__master__docker-compose.yaml.score-server.env, line 15: SERVER_URL means the Song
    # URL in one old template and Score's own address in the demo repository, so nothing is renamed.
    (finding,) = [f for f in lint("SERVER_URL=http://localhost:8087\n").findings if f.code == CODE]
    assert finding.suggestion is None and finding.fix is None and "METADATA_URL" in finding.message


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
