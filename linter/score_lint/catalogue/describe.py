"""How a setting is described to a person: the Markdown an editor shows and the values it offers.

Shared by the editor schemas (``markdownDescription``, ``defaultSnippets``) and the language server
(hover, completion), so both say the same.
"""

from __future__ import annotations

from score_lint.catalogue import Setting
from score_lint.values import matches


def markdown_description(row: Setting) -> str:
    """The setting's description with its facts (type, requirement, default, property, spellings, lines)."""
    parts = [row.description_md]
    facts = [f"**Type:** {row.type}" + (" (" + ", ".join(f"`{v}`" for v in row.enum) + ")" if row.enum else "")]
    facts.append(f"**{row.requirement.capitalize()}**")
    defaults = row.default_values
    if defaults:
        facts.append(
            "**Default:** "
            + "; ".join(f"`{d.value}`" + (f" ({', '.join(d.profiles)})" if d.profiles else "") for d in defaults)
        )
    prop = row.spring_property
    if prop:
        facts.append(f"**Property:** `{prop}`")
    aliases = row.aliases
    if aliases:
        facts.append("**Also binds:** " + ", ".join(f"`{a.name}`" + (" (partial)" if a.partial else "") for a in aliases))
    if row.profiles:
        facts.append("**Profiles:** " + ", ".join(f"`{p}`" for p in row.profiles))
    facts.append("**Score lines:** " + ", ".join(row.lines))
    return parts[0] + "\n\n" + " · ".join(facts)


_LEVEL_WORDS = {
    "TRACE": "Everything, including the finest detail.",
    "DEBUG": "Diagnostic detail.",
    "INFO": "Normal operation (Spring's default).",
    "WARN": "Problems Score works around.",
    "ERROR": "Failures only.",
    "FATAL": "Read as ERROR by Logback.",
    "OFF": "Nothing.",
}


def value_choices(row: Setting) -> list[tuple[str, str]]:
    """The values an editor offers for an enum-like setting, each with one line of help."""
    if row.type == "boolean":
        return [("true", "Spring reads it as true (so do on, yes and 1)."), ("false", "Spring reads it as false (so do off, no and 0).")]
    if row.type == "on-unless-false":
        return [("true", "On (any value other than false leaves it on)."), ("false", "Off: the only value that switches it off.")]
    if row.type == "enum":
        return [(v, "Documented default; matched ignoring case." if _is_default(row, v) else "Matched ignoring case.") for v in row.enum]
    if row.type == "log-level":
        return list(_LEVEL_WORDS.items())
    return []


def _is_default(row: Setting, value: str) -> bool:
    return any(d.value == value and not d.profiles for d in row.default_values)


def editor_example(setting: Setting) -> str | None:
    """The docs' example value worth offering beside the defaults, if any.

    None for a secret, for a setting whose values are offered as choices, and when the example is not a
    valid value of the type or is one of the defaults already.
    """
    example = setting.example
    if example is None or setting.secret or value_choices(setting):
        return None
    if not matches(setting.type, setting.line, example, setting.enum):
        return None
    if any(d.value == example for d in setting.default_values):
        return None
    return example
