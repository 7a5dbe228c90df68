from __future__ import annotations

from score_lint.findings import Severity
from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL306"


def test_docker_refuses() -> None:
    (found,) = rule_findings("METADATA_URL=http://song:8080\n=http://minio:9000\n", CODE)
    assert found.line == 2 and found.severity is Severity.ERROR


def test_compose_accepts_but_loses_the_value() -> None:
    (found,) = rule_findings("=http://minio:9000\n", CODE, "--dialect compose")
    assert found.severity is Severity.WARNING


def test_clean() -> None:
    assert_findings("METADATA_URL=a=b\n# =x\n", [], code=CODE)
