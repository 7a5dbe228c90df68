"""Which text of an env file is a secret value, so that what score-lint prints can leave it out.

A setting is secret when the catalogue types it ``secret`` (``binding.Setting.secret``) on any Score line
with either provider: a file written for Azure may still hold an S3 key, and a value does not stop being
a credential because another line reads it under another name. Spellings that bind to a secret setting
(``S3_SECRET_KEY``, ``s3_secretkey``) are secret too.
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


def secret_test(models: Models | None = None) -> Callable[[str], bool]:
    """A test ``name -> bool``: does the name bind to a secret setting on some line and provider."""
    if models is None:
        return _bundled_test
    every = [model for per_line in models.values() for model in per_line.values()]

    @lru_cache(maxsize=4096)
    def test(name: str) -> bool:
        return any(_secret_in(model, name) for model in every)

    return test


@lru_cache(maxsize=4096)
def _bundled_test(name: str) -> bool:
    return any(_secret_in(binding.line_models(line)[provider], name) for line in LINES for provider in PROVIDERS)


def _secret_in(model: Model, name: str) -> bool:
    setting = model.setting(name)
    return setting is not None and setting.secret


def masked_lines(
    env: envfile.EnvFile, is_secret: Callable[[str], bool], lines: Sequence[str] | None = None
) -> list[str]:
    """The file's lines (endings kept) with every secret value replaced by ``MASK``.

    A line is masked after the separator that follows a secret name (``S3_SECRETKEY=``, also the
    malformed ``S3_SECRETKEY:`` and ``AZURE_ACCOUNTKEY <key>``); the later lines of a multi-line
    value (compose) and the lines docker reads on their own inside a quoted secret are masked whole.
    ``lines`` are the same lines decoded another way (a diff's), masked instead of ``env.lines``.
    """
    lines = list(env.lines if lines is None else lines)
    whole: set[int] = set()
    for entry in env.entries:
        if entry.end_line > entry.value_line and is_secret(shown_name(entry.key)):
            whole.update(range(entry.value_line + 1, entry.end_line + 1))
    for line, entry in envfile.continued_lines(env).items():
        if is_secret(shown_name(entry.key)):
            whole.add(line)
    for index, text in enumerate(lines):
        body, ending = _split_ending(text)
        if index + 1 in whole:
            lines[index] = (MASK if body.strip() else body) + ending
            continue
        cut = _value_start(body, is_secret)
        if cut is not None and body[cut:].strip():
            lines[index] = body[:cut] + MASK + ending
    return lines


def _value_start(body: str, is_secret: Callable[[str], bool]) -> int | None:
    """Index where a secret's value starts on a line that begins with a secret name, else None."""
    start = len(body) - len(body.lstrip(" \t\ufeff#"))  # a commented-out credential is one all the same
    if body.startswith(("export ", "export\t"), start):
        start = len(body) - len(body[start + 7:].lstrip(" \t"))
    name = shown_name(body[start:])
    end = start + len(name)
    if not name or end >= len(body) or body[end] not in _SEPARATORS or not is_secret(name):
        return None
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


__all__ = ["MASK", "masked_lines", "secret_test"]
