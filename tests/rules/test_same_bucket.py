from __future__ import annotations

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL213"


def test_one_bucket_for_data_and_state() -> None:
    # overture-stack__SONG__master__docker-compose.yml.score-server.env, lines 4-5
    text = "BUCKET_NAME_OBJECT=oicr.icgc.test\nBUCKET_NAME_STATE=oicr.icgc.test\n"
    (found,) = rule_findings(text, CODE)
    assert (found.line, found.key, found.severity) == (2, "BUCKET_NAME_STATE", Severity.WARNING)
    assert "lifecycle rule" in found.message and "Score works" in found.message


def test_clean() -> None:
    assert_findings("BUCKET_NAME_OBJECT=score-object\nBUCKET_NAME_STATE=score-state\n", [], code=CODE)
    assert_findings("BUCKET_NAME_OBJECT=score\n", [], code=CODE)  # the state bucket's default is SL106's business
    # With a pool the objects live in score.0, score.1, ...
    assert_findings("BUCKET_SIZE_POOL=2\nBUCKET_NAME_OBJECT=score\nBUCKET_NAME_STATE=score\n", [], code=CODE)
    # Azure has no state bucket.
    assert_findings("BUCKET_NAME_OBJECT=score\nBUCKET_NAME_STATE=score\n", [], "--provider azure", code=CODE)
    # Template values are SL205's.
    assert_findings("BUCKET_NAME_OBJECT=$b\nBUCKET_NAME_STATE=$b\n", [], code=CODE)
