from __future__ import annotations

import pytest

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL217"


@pytest.mark.parametrize("key", ["0", "-1"])
def test_key_size_too_small(key: str) -> None:
    (found,) = rule_findings(f"BUCKET_SIZE_POOL=4\nBUCKET_SIZE_KEY={key}\n", CODE)
    assert found.line == 2 and "precondition" in found.message


def test_key_size_too_large() -> None:
    (found,) = rule_findings("BUCKET_SIZE_POOL=4\nBUCKET_SIZE_KEY=8\n", CODE)
    assert "about half" in found.message


def test_clean() -> None:
    # docs/overture-stack__website__main__markdown-documentation-score-docker-install-configuration-object-storage.md:
    # BUCKET_SIZE_POOL=0 and BUCKET_SIZE_KEY=2; SONG's old properties files had bucket.size.key=0 with no pool.
    assert_findings("BUCKET_SIZE_POOL=0\nBUCKET_SIZE_KEY=2\n", [], code=CODE)
    assert_findings("BUCKET_SIZE_POOL=0\nBUCKET_SIZE_KEY=0\n", [], code=CODE)
    assert_findings("BUCKET_SIZE_POOL=4\n", [], code=CODE)  # the default key size, 2
    assert_findings("BUCKET_SIZE_POOL=4\nBUCKET_SIZE_KEY=7\n", [], code=CODE)
