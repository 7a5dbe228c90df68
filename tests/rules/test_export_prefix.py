from __future__ import annotations

from tests.helpers import assert_findings
from tests.rules._fixes import fixed

CODE = "SL302"


def test_fires_under_docker() -> None:
    assert_findings("export METADATA_URL=http://song:8080\n", [(1, CODE)], code=CODE)
    assert_findings("  export\tMETADATA_URL=x\n", [(1, CODE)], code=CODE)


def test_compose_understands_export() -> None:
    assert_findings("export METADATA_URL=http://song:8080\n", [], "--dialect compose", code=CODE)


def test_clean() -> None:
    assert_findings("EXPORT_DIR=/data\nexporter=1\n", [], code=CODE)


def test_fix_removes_the_prefix() -> None:
    assert fixed("export METADATA_URL=http://song:8080\n", CODE) == "METADATA_URL=http://song:8080\n"
    assert fixed("  export \t S3_SECURED=true\r\n", CODE) == "  S3_SECURED=true\r\n"
