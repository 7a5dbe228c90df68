from __future__ import annotations

from tests.helpers import assert_findings


def test_amazon_listed_after_collaboratory_on_5_10() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,amazon,prod\n", [(1, "SL506")], "--score-version 5.10", code="SL506")


def test_the_most_common_production_list_is_harmless() -> None:
    """`amazon,collaboratory,prod,secure` (SONG's compose files): collaboratory comes last."""
    assert_findings("SPRING_PROFILES_ACTIVE=amazon,collaboratory,prod,secure\n", [], "--score-version 5.10", code="SL506")


def test_5_11_takes_the_last_document() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,amazon,prod\n", [], "--score-version 5.11", code="SL506")


def test_an_explicit_empty_key_wins() -> None:
    text = "SPRING_PROFILES_ACTIVE=collaboratory,amazon,prod\nS3_MASTERENCRYPTIONKEYID=\n"
    assert_findings(text, [], "--score-version 5.10", code="SL506")
