"""The rule registry: every rule module, in code order. Tests guard its shape."""

from __future__ import annotations

from types import ModuleType

from score_lint.rules import (
    bare_key,
    binding_on_other_line,
    bucket_name,
    clean_enabled_not_false,
    controller_profile,
    duplicate_setting,
    empty_key,
    example_credential,
    export_prefix,
    inert_profile,
    inline_comment,
    invalid_cron,
    invalid_interpolation,
    invalid_key,
    invalid_utf8,
    invalid_value,
    jwt_key_source,
    key_with_blanks,
    line_too_long,
    missing_equals,
    missing_required,
    non_canonical_name,
    nul_byte,
    overridden_setting,
    part_size,
    partial_binding,
    presigned_expiration,
    profile_caveat,
    quoted_value,
    required_variable,
    s3_credentials_missing,
    storage_profile,
    trailing_whitespace,
    unfilled_placeholder,
    unknown_name,
    unknown_spring_name,
    unterminated_quote,
)

RULES: tuple[ModuleType, ...] = (
    unknown_name,
    binding_on_other_line,
    partial_binding,
    non_canonical_name,
    duplicate_setting,
    missing_required,
    overridden_setting,
    unknown_spring_name,
    invalid_value,
    quoted_value,
    inline_comment,
    trailing_whitespace,
    unfilled_placeholder,
    example_credential,
    bucket_name,
    part_size,
    presigned_expiration,
    s3_credentials_missing,
    invalid_cron,
    clean_enabled_not_false,
    key_with_blanks,
    export_prefix,
    missing_equals,
    invalid_utf8,
    nul_byte,
    empty_key,
    unterminated_quote,
    invalid_key,
    bare_key,
    line_too_long,
    invalid_interpolation,
    required_variable,
    storage_profile,
    controller_profile,
    inert_profile,
    jwt_key_source,
    profile_caveat,
)

BY_CODE = {rule.CODE: rule for rule in RULES}
BY_NAME = {rule.NAME: rule for rule in RULES}

# The docs drift rules (4xx) read a Markdown page through drift.DriftContext, not an env file. They are
# imported on first use of DRIFT_RULES, so that linting an env file never loads the Markdown layer.
_DRIFT_RULE_MODULES = (
    "table_example_mismatch",
    "doc_name_binds_nothing",
    "duplicate_in_example",
    "conflicting_requirement",
    "undocumented_mention",
    "bad_requirement",
    "placeholder_description",
    "wrong_default",
    "example_not_docker_safe",
    "broken_table",
)


def __getattr__(name: str) -> tuple[ModuleType, ...]:
    """``DRIFT_RULES``: the drift rule modules in code order, imported on first access."""
    if name != "DRIFT_RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    rules = tuple(import_module(f"{__name__}.{module}") for module in _DRIFT_RULE_MODULES)
    globals()["DRIFT_RULES"] = rules
    return rules
