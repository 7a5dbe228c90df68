"""The rule registry: every rule module, in code order. Tests guard its shape."""

from __future__ import annotations

from types import ModuleType

from score_lint.rules import (
    binding_on_other_line,
    controller_profile,
    duplicate_setting,
    inert_profile,
    missing_required,
    non_canonical_name,
    overridden_setting,
    partial_binding,
    storage_profile,
    unknown_name,
    unknown_spring_name,
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
    storage_profile,
    controller_profile,
    inert_profile,
)

BY_CODE = {rule.CODE: rule for rule in RULES}
BY_NAME = {rule.NAME: rule for rule in RULES}
