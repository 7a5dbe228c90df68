"""The drift rule registry: every docs drift rule module (4xx), in code order. Tests guard its shape."""

from __future__ import annotations

from types import ModuleType

from score_lint.drift.rules import (
    bad_requirement,
    broken_table,
    conflicting_requirement,
    doc_name_binds_nothing,
    duplicate_in_example,
    example_not_docker_safe,
    example_profiles,
    placeholder_description,
    table_example_mismatch,
    undocumented_mention,
    wrong_default,
)

DRIFT_RULES: tuple[ModuleType, ...] = (
    table_example_mismatch,
    doc_name_binds_nothing,
    duplicate_in_example,
    conflicting_requirement,
    undocumented_mention,
    bad_requirement,
    placeholder_description,
    wrong_default,
    example_not_docker_safe,
    broken_table,
    example_profiles,
)

BY_CODE = {rule.CODE: rule for rule in DRIFT_RULES}
