from score_lint.lint.rules import inert_profile
from tests.helpers import assert_findings

CODE = inert_profile.CODE


def test_jwt_is_inert_from_511() -> None:
    text = "SPRING_PROFILES_ACTIVE=collaboratory,prod,secure,jwt\n"
    assert_findings(text, [(1, CODE)], "--score-version 5.11", code=CODE)
    assert_findings(text, [], "--score-version 5.10", code=CODE)


def test_unknown_profile_name() -> None:
    assert_findings("SPRING_PROFILES_ACTIVE=collaboratory,prdo\n", [(1, CODE)], code=CODE)


def test_amazon_beside_collaboratory_does_not_stop_score() -> None:
    # `SPRING_PROFILES_ACTIVE: amazon,collaboratory,prod,secure`: SONG 3.0.0-4.10.0 compose files (line 49)
    # and the Score Helm chart's default. Score starts (facts addendum, correction 3): never say otherwise.
    from tests.helpers import lint

    for line in ("5.10", "5.11"):
        (found,) = [f for f in lint("SPRING_PROFILES_ACTIVE=amazon,collaboratory,prod,secure\n", f"--score-version {line}").findings
                    if f.code == CODE]
        assert "refuses to start" not in found.message
        assert found.message == (
            f"the profile amazon starts nothing on Score {line}: no storage bean listens to it, and collaboratory "
            "starts the storage, so Score does start. Remove amazon from the list."
        )


def test_storage_profile_names_only_the_storage_lookalikes() -> None:
    from tests.helpers import lint

    (found,) = [f for f in lint("SPRING_PROFILES_ACTIVE=jwt,aws,prod\n").findings if f.code == "SL501"]
    assert found.message.startswith("no storage profile is active (aws starts no storage)")
