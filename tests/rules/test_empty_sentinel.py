from __future__ import annotations

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL218"


def test_empty() -> None:
    (found,) = rule_findings("OBJECT_SENTINEL=\n", CODE)
    assert "Validating repository connection" in found.message
    assert_findings("OBJECT_SENTINEL=\n", [(1, CODE)], "--provider azure", code=CODE)


def test_clean() -> None:
    # overture-stack__SONG__master__docker-compose.yml.score-server.env, line 3
    assert_findings("OBJECT_SENTINEL=heliograph\n", [], code=CODE)
    assert_findings("S3_ENDPOINT=http://minio:9000\n", [], code=CODE)
    assert_findings("OBJECT_SENTINEL\n", [], code=CODE)  # a bare key takes the host's value
