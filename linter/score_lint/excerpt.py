"""The source lines a report may show next to its findings, with every value that may be a secret masked.

A value is shown only when its name binds to a setting that score-lint knows is not a secret; the value
of a secret setting, of a name that binds nothing (``OBJECT_STORAGE_SECRET_KEY`` may well hold one) and
of a commented-out assignment is replaced by ``***``. A line the loader cannot read as ``NAME=value``
shows only its text up to the first separator (``=``, ``:`` or a blank): without a name there is no
telling what the rest is.
"""

from __future__ import annotations

from collections.abc import Collection

from score_lint.binding import Model
from score_lint.envfile import Entry, EnvFile
from score_lint.findings import shown_name
from score_lint.patterns import lazy

MASK = "***"
_SEPARATOR = lazy(r"[=: \t]")
_EXPORT = lazy(r"export[ \t]+")


def _shown_value(model: Model, key: str) -> bool:
    setting = model.setting(key)
    return setting is not None and not setting.secret


def _cut(text: str) -> str:
    """The text up to and including its first separator, the rest masked."""
    found = _SEPARATOR.search(text)
    if found is None:
        return text
    head = text[: found.end()]
    return head + MASK if text[found.end():].strip() else head


def _comment(text: str, model: Model) -> str:
    """A comment that reads ``# NAME=value`` keeps the value only for a setting that is not a secret."""
    body = text.lstrip()[1:]
    name, equals, value = body.partition("=")
    if not equals or not value.strip():
        return text
    key = _EXPORT.sub("", name.strip(), count=1)
    if key and _shown_value(model, key):
        return text
    return text[: len(text) - len(value)] + MASK


def masked_lines(env: EnvFile, model: Model, wanted: Collection[int]) -> dict[int, str]:
    """Line number -> the line as a report may show it (line ending removed), for the ``wanted`` lines."""
    if not wanted:
        return {}
    wanted = frozenset(wanted)
    refused = {p.line for p in env.problems if p.fatal}
    starts: dict[int, Entry] = {}
    inside: dict[int, Entry] = {}  # continuation lines of a multi-line value
    for entry in env.entries:
        if entry.line in wanted:
            starts.setdefault(entry.line, entry)
        for number in range(entry.line + 1, entry.end_line + 1):
            if number in wanted:
                inside.setdefault(number, entry)
    out: dict[int, str] = {}
    for number in wanted:
        if not 1 <= number <= len(env.lines):
            continue
        text = env.lines[number - 1].rstrip("\r\n")
        start = starts.get(number)
        if not text.strip():
            out[number] = text
        elif number in refused:
            out[number] = _cut(text)
        elif start is not None:
            out[number] = _entry_line(text, start, model)
        elif number in inside:
            out[number] = text if _shown_value(model, inside[number].key) else MASK
        elif text.lstrip().startswith("#"):
            out[number] = _comment(text, model)
        else:
            out[number] = _cut(text)
    return out


def _entry_line(text: str, entry: Entry, model: Model) -> str:
    shown = shown_name(entry.key)
    if shown != entry.key:
        # A malformed name (S3_SECRETKEY:value=...) runs on into its value: show the name part only.
        head = entry.column - 1 + len(shown)
        return text[:head] + MASK
    if entry.bare or entry.value_line != entry.line or _shown_value(model, entry.key):
        return text
    start = entry.value_column - 1
    return text[:start] + MASK if text[start:].strip() else text
