from score_lint.lint.rules import required_variable
from tests.helpers import assert_findings

CODE = required_variable.CODE


def test_unset_required_variable() -> None:
    text = "S3_SECRETKEY=${SCORE_TEST_UNSET_SECRET:?set it}\n"
    assert_findings(text, [(1, CODE)], "--dialect compose", code=CODE)
    assert_findings(text, [], code=CODE)


def test_set_earlier_in_the_file() -> None:
    text = "SECRET_SOURCE=abc\nS3_SECRETKEY=${SECRET_SOURCE:?set it}\n"
    assert_findings(text, [], "--dialect compose", code=CODE)


def test_message_does_not_leak_values() -> None:
    from tests.helpers import lint

    (finding,) = [f for f in lint("S3_SECRETKEY=${NOPE_NOT_SET:?hunter22-secret}\n", "--dialect compose").findings if f.code == CODE]
    assert "hunter22" not in finding.message
