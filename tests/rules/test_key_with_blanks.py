from __future__ import annotations

import pytest

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL301"


def test_docker_blanks_around_equals() -> None:
    (found,) = rule_findings("METADATA_URL=http://song:8080\nS3_ENDPOINT = http://minio:9000\n", CODE)
    assert (found.line, found.column, found.severity) == (2, 1, Severity.ERROR)
    assert "refuses the file" in found.message


def test_compose_trims_before_equals_but_refuses_a_blank_inside() -> None:
    assert_findings("S3_ENDPOINT = http://minio:9000\n", [], "--dialect compose", code=CODE)
    assert_findings("S3 ENDPOINT=http://minio:9000\n", [(1, CODE)], "--dialect compose", code=CODE)


@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_clean(args: str) -> None:
    assert_findings("S3_ENDPOINT=http://minio:9000\nOBJECT_SENTINEL=a b\n", [], args, code=CODE)
