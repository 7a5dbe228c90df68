"""Helpers shared by the rules: building findings and fixes. Rules import from here, never copy."""

from __future__ import annotations

import sys

from score_lint.engine import Context, Edit, Finding, Fix, Severity
from score_lint.envfile import Entry


def finding(
    rule_name: str,
    message: str,
    *,
    entry: Entry | None = None,
    key: str | None = None,
    line: int | None = None,
    column: int | None = None,
    severity: Severity | None = None,
    suggestion: str | None = None,
    fix: Fix | None = None,
    at_value: bool = False,
) -> Finding:
    """A finding of the rule module ``rule_name`` (pass ``__name__``), at the entry's key or value."""
    rule = sys.modules[rule_name]
    if entry is not None and line is None:
        line = entry.value_line if at_value else entry.line
        column = entry.value_column if at_value else entry.column
    return Finding(
        code=rule.CODE,
        rule=rule.NAME,
        severity=severity or rule.SEVERITY,
        line=line,
        column=column,
        key=key if key is not None else (entry.key if entry is not None else None),
        message=message,
        suggestion=suggestion,
        fix=fix,
    )


def rename_fix(entry: Entry, new_key: str) -> Fix:
    return Fix(
        f"rename {entry.key} to {new_key}",
        (Edit(entry.line, entry.column, entry.column + len(entry.key), new_key),),
    )


def replace_value_fix(entry: Entry, new_raw: str, description: str) -> Fix | None:
    """Replace the whole raw value (single-line values only)."""
    if entry.end_line != entry.value_line:
        return None
    return Fix(
        description,
        (Edit(entry.value_line, entry.value_column, entry.value_column + len(entry.raw_value), new_raw),),
    )


def setting_entries(ctx: Context) -> list[tuple[Entry, str]]:
    """(entry, canonical setting) for every entry that binds on this line and has a value."""
    out = []
    for entry in ctx.entries():
        resolution = ctx.resolve(entry.key)
        if resolution.binds and resolution.canonical and entry.value is not None:
            out.append((entry, resolution.canonical))
    return out


def effective_entries(ctx: Context) -> list[tuple[Entry, str]]:
    """Like ``setting_entries`` but only the entry whose value reaches Score for each setting."""
    chosen: dict[str, tuple[Entry, str]] = {}
    for entry, canonical in setting_entries(ctx):
        if ctx.dialect == "compose" or canonical not in chosen:
            chosen[canonical] = (entry, canonical)
    return list(chosen.values())


def is_placeholder(value: str) -> bool:
    text = value.strip().strip("\"'")
    return ("{{" in text and "}}" in text) or (text.startswith("<") and text.endswith(">") and len(text) > 2)


def unquoted(value: str) -> str:
    """The value without one matching pair of outer quotes (what compose would pass)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def quotes_kept(ctx: Context, entry: Entry) -> bool:
    return ctx.dialect == "docker" and entry.quoted is not None


def comment_kept(ctx: Context, entry: Entry) -> bool:
    return ctx.dialect == "docker" and entry.inline_comment_column is not None and entry.quoted is None


def intended_value(ctx: Context, entry: Entry) -> str:
    """What the author meant: the value without docker-kept quotes, inline comment and trailing blanks."""
    value = entry.value or ""
    if ctx.dialect == "docker":
        if entry.inline_comment_column is not None and entry.quoted is None:
            value = entry.raw_value[: entry.inline_comment_column - entry.value_column]
        value = unquoted(value.rstrip(" \t"))
    return value


def lines_text(lines: tuple[str, ...]) -> str:
    names = list(lines)
    if len(names) == 1:
        return f"Score {names[0]}"
    return "Score " + ", ".join(names[:-1]) + " and " + names[-1]
