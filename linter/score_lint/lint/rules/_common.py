"""Helpers shared by the rules: building findings and fixes. Rules import from here, never copy."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

from score_lint.binding import Kind, Setting
from score_lint.envfile import Entry, Problem
from score_lint.findings import Edit, Finding, Fix, Severity, shown_name
from score_lint.lint.context import Context


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
    key = key if key is not None else (entry.key if entry is not None else None)
    if key is not None:
        shown = shown_name(key)
        if shown != key:
            # A malformed line's "name" runs on into its value (S3_SECRETKEY:value): show the name part only,
            # however the message spells it.
            for spelling in (key, key.upper(), key.lower()):
                message = message.replace(spelling, shown)
            key = shown
    return Finding(
        code=rule.CODE,
        rule=rule.NAME,
        severity=severity or rule.SEVERITY,
        line=line,
        column=column,
        key=key,
        message=message,
        suggestion=suggestion,
        fix=fix,
    )


def rename_fix(entry: Entry, new_key: str, safe: bool = True) -> Fix:
    return Fix(
        f"rename {entry.key} to {new_key}",
        (Edit(entry.line, entry.column, entry.column + len(entry.key), new_key),),
        safe=safe,
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
    """Like ``setting_entries`` but only the entry whose value reaches Score for each setting.

    Members of a family such as ``LOGGING_LEVEL_<LOGGER>`` are settings of their own. Computed once per
    context: every value rule asks, and files can have tens of thousands of lines.
    """
    cached = ctx.cache.get("effective_entries")
    if cached is not None:
        return cached  # type: ignore[return-value]
    chosen: dict[str, tuple[Entry, str]] = {}
    for entry, canonical in setting_entries(ctx):
        slot = entry.key.upper() if ctx.resolve(entry.key).kind is Kind.PATTERN else canonical
        if ctx.dialect == "compose" or slot not in chosen:
            chosen[slot] = (entry, canonical)
    result = list(chosen.values())
    ctx.cache["effective_entries"] = result
    return result


def is_placeholder(value: str) -> bool:
    text = value.strip().strip("\"'")
    return ("{{" in text and "}}" in text) or (text.startswith("<") and text.endswith(">") and len(text) > 2)


def unquoted(value: str) -> str:
    """The value without one matching pair of outer quotes (what compose would pass)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


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


def problem_findings(
    ctx: Context, rule_name: str, code: str, fix: Callable[[Context, Problem], Fix | None] | None = None
) -> Iterator[Finding]:
    """One finding per env-file problem of ``code``: the rule's severity when the loader refuses the
    file, a warning when it reads the file but not as written."""
    for problem in ctx.env.problems:
        if problem.code != code:
            continue
        yield finding(
            rule_name,
            problem.message.rstrip(".") + ".",
            line=problem.line,
            column=problem.column,
            severity=None if problem.fatal else Severity.WARNING,
            fix=fix(ctx, problem) if fix else None,
        )


def docker_layers(ctx: Context, entry: Entry) -> tuple[str, str, str]:
    """(core, blanks, comment): what docker keeps, split into the value as meant (quotes still on),
    the blanks after it and an inline comment from its '#'. Under compose: (value, "", "")."""
    if ctx.dialect != "docker":
        return entry.value or "", "", ""
    body, comment = entry.raw_value, ""
    if comment_kept(ctx, entry) and entry.inline_comment_column is not None:
        cut = entry.inline_comment_column - entry.value_column
        body, comment = body[:cut], body[cut:]
    core = body.rstrip(" \t")
    return core, body[len(core):], comment


def quote_of(text: str) -> str | None:
    """The quote character of a matching outer pair around ``text``."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[0]
    return None


def kept_consequence(setting: Setting | None, kept: str) -> str:
    """What Score does when docker passes ``kept`` ("the quote characters"...) along with the value."""
    kind = setting.type if setting else "string"
    if setting is not None and setting.secret:
        return f"the credential includes {kept}, so authentication fails"
    if kind in ("boolean", "int", "long", "double", "log-level", "cron"):
        return "Score fails to start"
    if kind == "on-unless-false":
        return "any value but false leaves the clean-up job on"
    if kind == "profiles":
        return f"Spring keeps {kept} in the profile names, so those profiles do not match"
    return f"Score uses a value with {kept}"


def clean_job_left_on(ctx: Context, entry: Entry, setting: Setting | None) -> bool:
    """True when an on-unless-false setting reads as "off" to a person but Score sees no exact ``false``."""
    from score_lint.values import spring_boolean

    if setting is None or setting.type != "on-unless-false" or entry.value is None:
        return False
    return entry.value.lower() != "false" and spring_boolean(intended_value(ctx, entry)) is False


def line_ending(ctx: Context, line: int) -> str:
    text = ctx.env.lines[line - 1] if line <= len(ctx.env.lines) else ""
    return "\r\n" if text.endswith("\r\n") else "\n"


def move_comment_fix(ctx: Context, entry: Entry, new_raw: str, description: str) -> Fix | None:
    """Put a docker-kept inline comment on its own line above and give the key ``new_raw``."""
    if not comment_kept(ctx, entry) or entry.end_line != entry.value_line:
        return None
    _, _, comment = docker_layers(ctx, entry)
    end = entry.value_column + len(entry.raw_value)
    text = f"{comment}{line_ending(ctx, entry.line)}{entry.key}={new_raw}"
    return Fix(description, (Edit(entry.line, entry.column, end, text),))


# What people put between a name and its value instead of '=': YAML's ':' and blanks.
_SEPARATORS = {":": "':'", " ": "a blank", "\t": "a tab"}


def separator_slip(key: str) -> tuple[str, str] | None:
    """(name, what follows it) when ``key`` is a name followed by ':' or a blank and more text: a line
    such as ``S3_SECRETKEY:value`` or ``AZURE_ACCOUNTKEY <key>`` that the loader reads as one name."""
    name = shown_name(key)
    if not name or name == key:
        return None
    separator = _SEPARATORS.get(key[len(name)])
    return (name, separator) if separator is not None else None


def names_setting(ctx: Context, name: str) -> bool:
    """Whether ``name`` is something Score reads (on this line or another, with either provider)."""
    return ctx.resolve(name).kind not in (Kind.UNKNOWN, Kind.SPRING)
