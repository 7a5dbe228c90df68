"""Which text of an env file may be a secret value, so that what score-lint prints can leave it out.

A value is shown only when its name binds, on some Score line with some provider, to a setting that the
catalogue types ``secret`` (``binding.Setting.secret``) on none: a file written for Azure may still hold
an S3 key, and a value does not stop being a credential because another line reads it under another
name. A name that binds nothing may hold anything (``OBJECT_STORAGE_SECRET_KEY``, ``S3_SECERTKEY``, a
variable of another service), so its value is masked too, as the source lines of a report mask it
(``score_lint.excerpt``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from score_lint import binding, envfile
from score_lint.binding import Model
from score_lint.findings import shown_name
from score_lint.lines import LINES, PROVIDERS

MASK = "****"
_SEPARATORS = "=: \t"

Models = Mapping[str, Mapping[str, Model]]

# What a name's value is to the masking: shown (a setting that is no secret anywhere), secret (a secret
# setting somewhere) or unknown (a name that binds to no setting anywhere).
SHOWN, SECRET, UNKNOWN = "shown", "secret", "unknown"


def value_test(models: Models | None = None) -> Callable[[str], str]:
    """A test ``name -> SHOWN | SECRET | UNKNOWN`` over every line and provider of ``models`` (the
    bundled schemas when None)."""
    if models is None:
        return _bundled_test
    every = tuple(model for per_line in models.values() for model in per_line.values())

    @lru_cache(maxsize=4096)
    def test(name: str) -> str:
        return _verdict(every, name)

    return test


@lru_cache(maxsize=4096)
def _bundled_test(name: str) -> str:
    return _verdict(tuple(binding.line_models(line)[provider] for line in LINES for provider in PROVIDERS), name)


def _verdict(models: Sequence[Model], name: str) -> str:
    found = [setting for setting in (model.setting(name) for model in models) if setting is not None]
    if not found:
        return UNKNOWN
    return SECRET if any(setting.secret for setting in found) else SHOWN


def masked_lines(env: envfile.EnvFile, test: Callable[[str], str], lines: Sequence[str] | None = None) -> list[str]:
    """The file's lines (endings kept) with every value that may be a secret replaced by ``MASK``;
    ``test`` is a ``value_test``.

    A line is masked after the separator that follows a name whose value is not shown (``S3_SECRETKEY=``,
    ``S3_SECERTKEY=``, also the malformed ``S3_SECRETKEY:`` and ``AZURE_ACCOUNTKEY <key>``); the later
    lines of such a multi-line value (compose) and the lines docker reads on their own inside such a
    quoted value are masked whole. A comment is masked as the line it comments out would be, but after
    a name that binds nothing only as ``# NAME=value``: ``# Object Storage Variables`` is prose. Names
    are shown: a line docker reads as a name is one to it. ``lines`` are the same lines decoded another
    way (a diff's), masked instead of ``env.lines``.
    """
    lines = list(env.lines if lines is None else lines)
    whole: set[int] = set()
    for entry in env.entries:
        if entry.end_line > entry.value_line and test(shown_name(entry.key)) != SHOWN:
            whole.update(range(entry.value_line + 1, entry.end_line + 1))
    for line, entry in envfile.continued_lines(env).items():
        if test(shown_name(entry.key)) != SHOWN:
            whole.add(line)
    for index, text in enumerate(lines):
        body, ending = _split_ending(text)
        if index + 1 in whole:
            lines[index] = (MASK if body.strip() else body) + ending
            continue
        cut = _value_start(body, test)
        if cut is not None and body[cut:].strip():
            lines[index] = body[:cut] + MASK + ending
    return lines


def _value_start(body: str, test: Callable[[str], str]) -> int | None:
    """Index where a value that is not shown starts on a line that begins with its name, else None."""
    start = len(body) - len(body.lstrip(" \t\ufeff#"))  # a commented-out credential is one all the same
    comment = "#" in body[:start]
    if body.startswith(("export ", "export\t"), start):
        start = len(body) - len(body[start + 7:].lstrip(" \t"))
    name = shown_name(body[start:])
    end = start + len(name)
    if not name:
        # No name before the separator (``="..."``): nothing tells what the value is.
        return start + 1 if body[start:start + 1] in ("=", ":") else None
    if end >= len(body) or body[end] not in _SEPARATORS:
        return None
    verdict = test(name)
    if verdict == SHOWN:
        return None
    if verdict == UNKNOWN and comment and body[end:].lstrip(" \t")[:1] != "=":
        return None  # prose, not a name set to a value
    # Blanks around the separator stay visible: they are what a fix may change.
    while end < len(body) and body[end] in " \t":
        end += 1
    if end < len(body) and body[end] in "=:":
        end += 1
    return end


def _split_ending(text: str) -> tuple[str, str]:
    if text.endswith("\r\n"):
        return text[:-2], "\r\n"
    if text.endswith("\n"):
        return text[:-1], "\n"
    return text, ""


__all__ = ["MASK", "SECRET", "SHOWN", "UNKNOWN", "masked_lines", "value_test"]
