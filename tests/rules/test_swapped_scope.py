from __future__ import annotations

import pytest

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL214"

# overture-stack__SONG__master__docker-compose.yml.score-server.env, lines 21-26: the scopes as they
# should be (no finding); the tests below swap them.
CORRECT = (
    "AUTH_SERVER_SCOPE_DOWNLOAD_SYSTEM=score.READ\n"
    "AUTH_SERVER_SCOPE_DOWNLOAD_STUDY_PREFIX=score.\n"
    "AUTH_SERVER_SCOPE_DOWNLOAD_STUDY_SUFFIX=.READ\n"
    "AUTH_SERVER_SCOPE_UPLOAD_SYSTEM=score.WRITE\n"
    "AUTH_SERVER_SCOPE_UPLOAD_STUDY_PREFIX=score.\n"
    "AUTH_SERVER_SCOPE_UPLOAD_STUDY_SUFFIX=.WRITE\n"
)


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
def test_correct_scopes_are_clean(line: str) -> None:
    assert_findings(CORRECT, [], f"--score-version {line}", code=CODE)
    assert_findings("AUTH_SERVER_SCOPE_UPLOAD_SYSTEM=aws.upload\nAUTH_SERVER_SCOPE_DOWNLOAD_SYSTEM=aws.download\n", [],
                    f"--score-version {line}", code=CODE)


def test_swapped_scopes() -> None:
    swapped = CORRECT.replace("READ", "@").replace("WRITE", "READ").replace("@", "WRITE")
    found = rule_findings(swapped, CODE)
    assert [f.line for f in found] == [1, 3, 4, 6]
    assert "AUTH_SERVER_SCOPE_DOWNLOAD_SYSTEM is a download scope but names writing (WRITE)" in found[0].message


@pytest.mark.parametrize("value", ["collab.download", "DOWNLOAD", "score-read"])
def test_words_ignoring_case(value: str) -> None:
    assert_findings(f"AUTH_SERVER_SCOPE_UPLOAD_SYSTEM={value}\n", [(1, CODE)], code=CODE)


@pytest.mark.parametrize("value", ["score.READER", "THREAD", "uploads.WRITE"])
def test_not_part_of_a_word(value: str) -> None:
    assert_findings(f"AUTH_SERVER_SCOPE_UPLOAD_SYSTEM={value}\n", [], code=CODE)
