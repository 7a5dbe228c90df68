"""The effective configuration: the value Score uses for each setting, and where it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from score_lint import envfile
from score_lint.binding import Kind, Model, line_models
from score_lint.effective import Effective, resolve, shell_passes


def effective(text: str, line: str = "5.11", dialect: str = "docker", provider: str | None = None) -> Effective:
    env = envfile.parse(text, dialect)  # type: ignore[arg-type]
    return resolve(env, line_models(line), provider)


def test_an_env_line_wins_and_says_which_line_and_spelling() -> None:
    eff = effective("SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ACCESS_KEY=abc\n")
    value = eff.value("S3_ACCESSKEY")
    assert value is not None
    assert (value.value, value.source, value.entry and value.entry.line, value.entry and value.entry.key) == (
        "abc", "env", 2, "S3_ACCESS_KEY"
    )


def test_docker_keeps_the_first_duplicate_compose_the_last() -> None:
    text = "S3_ENDPOINT=http://a\nS3_ENDPOINT=http://b\n"
    assert effective(text).value("S3_ENDPOINT").value == "http://a"  # type: ignore[union-attr]
    assert effective(text, dialect="compose").value("S3_ENDPOINT").value == "http://b"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "profiles", "profile", "key"),
    [
        # Boot 2.1: the profile listed last wins (addendum, correction 4).
        ("5.10", "collaboratory,amazon,prod", "amazon", "af628f04-ac12-4b11-bf83-6545fd44ad18"),
        ("5.10", "amazon,collaboratory,prod,secure", "collaboratory", ""),
        # Boot 2.6: the document last in application.yml wins, whatever the order of the list.
        ("5.11", "collaboratory,amazon,prod", "collaboratory", ""),
        ("5.11", "amazon,collaboratory,prod,secure", "collaboratory", ""),
    ],
)
def test_profile_precedence_differs_by_boot_line(line: str, profiles: str, profile: str, key: str) -> None:
    value = effective(f"SPRING_PROFILES_ACTIVE={profiles}\n", line).value("S3_MASTERENCRYPTIONKEYID")
    assert value is not None
    assert (value.source, value.profile, value.value) == ("profile", profile, key)


def test_common_document_and_code_defaults_have_their_own_sources() -> None:
    eff = effective("SPRING_PROFILES_ACTIVE=collaboratory,prod\n")
    assert eff.value("OBJECT_SENTINEL").source == "application"  # type: ignore[union-attr]
    assert eff.value("SWAGGER_ALTERNATEURL").source == "default"  # type: ignore[union-attr]
    assert eff.value("S3_ENDPOINT").source == "profile"  # type: ignore[union-attr]


def test_spring_profiles_include_activates_profiles_first() -> None:
    eff = effective("SPRING_PROFILES_INCLUDE=secure\nSPRING_PROFILES_ACTIVE=s3\n", "develop")
    assert eff.profiles == ("secure", "s3")
    assert eff.provider == "s3"


def test_a_storage_profile_given_only_in_include_picks_the_provider() -> None:
    assert effective("SPRING_PROFILES_INCLUDE=azure\nSPRING_PROFILES_ACTIVE=prod\n").provider == "azure"


def test_names_the_shell_drops_never_reach_spring() -> None:
    eff = effective("s3.endpoint=http://x\nS3_SIG-V4-ENABLED=false\nS3_ENDPOINT=http://y\n")
    assert [e.key for e in eff.dropped] == ["s3.endpoint", "S3_SIG-V4-ENABLED"]
    assert eff.value("S3_ENDPOINT").value == "http://y"  # type: ignore[union-attr]
    assert not shell_passes("a.b") and shell_passes("_A1")
    reasons = {e.key: why for e, why in eff.ignored}
    assert "shell" in reasons["s3.endpoint"]


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
@pytest.mark.parametrize(
    "name",
    ["s3_presignedurl_override_host", "metadata_uselegacymode", "server_cors_allowedorigins", "swagger_alternateurl",
     "swagger_basepath", "auth_connection_maxretries", "auth_connection_initialbackoff"],
)
def test_lower_case_camel_value_names_bind_nothing(line: str, name: str) -> None:
    """Addendum, correction 1: a camelCase @Value key matches only its exact or upper-cased name."""
    model = Model.load(line, "s3")
    res = model.resolve(name)
    assert res.kind is Kind.UNBOUND and res.canonical == name.upper(), (line, name, res)
    assert model.resolve(name.upper()).kind is Kind.CANONICAL
    eff = effective(f"{name}=x\n", line)
    assert eff.value(name.upper()).source != "env"  # type: ignore[union-attr]


def test_the_exact_camel_spelling_binds() -> None:
    assert Model.load("5.11", "s3").resolve("s3_preSignedUrl_override_host").kind is Kind.CANONICAL


@pytest.mark.parametrize("name", ["auth_server_clientid", "auth_server_tokenname", "auth_server_clientsecret", "auth_jwt_publickeyurl"])
def test_lower_case_auth_names_bind_nothing_on_5_10(name: str) -> None:
    assert Model.load("5.10", "s3").resolve(name).kind is Kind.UNBOUND


def test_lower_case_client_id_binds_partly_on_5_11() -> None:
    """SecurityConfig reads auth.server.client-id (any case); KeycloakConfig the camel auth.server.clientID."""
    assert Model.load("5.11", "s3").resolve("auth_server_clientid").kind is Kind.PARTIAL
    assert Model.load("5.11", "s3").resolve("AUTH_SERVER_CLIENTID").kind is Kind.CANONICAL


def test_a_profile_that_sets_a_replacement_is_recorded() -> None:
    """develop's s3 profile sets s3.retryLimit itself, which replaces what UPLOAD_RETRY_LIMIT gave."""
    eff = effective("SPRING_PROFILES_ACTIVE=s3\nUPLOAD_RETRY_LIMIT=3\n", "develop")
    value = eff.value("UPLOAD_RETRY_LIMIT")
    assert value is not None and value.source == "env" and value.replaced_by == "S3_RETRYLIMIT"
    retry = eff.value("S3_RETRYLIMIT")
    assert retry is not None and (retry.source, retry.profile, retry.value) == ("profile", "s3", "5")


def test_corpus_production_profiles_keep_the_key_off(corpus: Path) -> None:
    """`amazon,collaboratory,prod,secure` (SONG 4.10.0's compose env) on 5.10: collaboratory is last."""
    path = corpus / "envs" / "overture-stack__SONG__4.10.0__docker-compose.yml.score-server.env"
    env = envfile.read(path, "compose")
    eff = resolve(env, line_models("5.10"))
    assert "amazon" in eff.profiles and eff.profiles.index("collaboratory") > eff.profiles.index("amazon")
    assert eff.value("S3_MASTERENCRYPTIONKEYID").value == ""  # type: ignore[union-attr]
