from score_lint.lint.rules import partial_binding
from tests.helpers import assert_findings

CODE = partial_binding.CODE


def test_partial_on_511_and_develop_only() -> None:
    assert_findings("AUTH_SERVER_CLIENT_ID=dms\n", [(1, CODE)], "--score-version 5.11", code=CODE)
    assert_findings("AUTH_SERVER_CLIENT_ID=dms\n", [(1, CODE)], "--score-version develop", code=CODE)
    # On 5.10 it binds nothing at all: that is unknown-name's finding.
    assert_findings("AUTH_SERVER_CLIENT_ID=dms\n", [], "--score-version 5.10", code=CODE)
    assert_findings("AUTH_SERVER_CLIENT_ID=dms\n", [(1, "SL101")], "--score-version 5.10", code="SL101")
