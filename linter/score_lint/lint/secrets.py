"""Which text of an env file may be a secret value, so that what score-lint prints can leave it out: the
one masking policy of the diff (``fixer.unified_diff``) and of the source lines of the full format.

A value is shown only when its name binds, on some Score line with some provider, to a setting that the
catalogue types ``secret`` (``binding.Setting.secret``) on none: a file written for Azure may still hold
an S3 key, and a value does not stop being a credential because another line reads it under another
name. A name that binds nothing may hold anything (``OBJECT_STORAGE_SECRET_KEY``, ``S3_SECERTKEY``, a
variable of another service), so its value is masked too; so is whatever follows a name that runs on
into other characters (``S3_SECRETKEY;=...``, one name that binds nothing to docker), and whatever
follows the first separator of a line that starts with no name at all (``"AZURE_ACCOUNTKEY=..."``,
``="..."``). A value that is shown still has the password of any URL in it masked
(``findings.without_password``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from score_lint import binding, envfile
from score_lint.binding import Model
from score_lint.findings import shown_name, without_password
from score_lint.lines import LINES, PROVIDERS
from score_lint.patterns import lazy

# The diff's mask, and the full format's (its source lines show ``***``, as ``explain`` does).
MASK, SOURCE_MASK = "****", "***"
_SEPARATORS = "=: \t"
_FIRST_SEPARATOR = lazy(r"[=: \t]")

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


def masked_lines(env: envfile.EnvFile, test: Callable[[str], str], lines: Sequence[str] | None = None,
                 mask: str = MASK) -> list[str]:
    """The file's lines (endings kept) with every value that may be a secret replaced by ``mask``;
    ``test`` is a ``value_test``.

    A line is masked after the separator that follows a name whose value is not shown (``S3_SECRETKEY=``,
    ``S3_SECERTKEY=``, also the malformed ``S3_SECRETKEY:`` and ``AZURE_ACCOUNTKEY <key>``), after the
    name part of a name that runs on into other characters, and after the first separator of a line
    that starts with no name. The later lines of a multi-line value (compose) and the lines docker reads
    on their own inside a quoted value are masked whole when that value is not shown, and shown as they
    are when it is. A comment is masked as the line it comments out would be, but after a name that
    binds nothing only as ``# NAME=value``: ``# Object Storage Variables`` is prose. Names are shown.
    ``lines`` are the same lines decoded another way (a diff's), masked instead of ``env.lines``.
    """
    lines = list(env.lines if lines is None else lines)
    inside = _inside_values(env, test)
    for index, text in enumerate(lines):
        lines[index] = _masked(text, inside.get(index + 1), test, mask)
    return lines


def masked_source(env: envfile.EnvFile, test: Callable[[str], str], wanted: Iterable[int],
                  mask: str = SOURCE_MASK) -> dict[int, str]:
    """Line number -> the line masked as ``masked_lines`` masks it, ending removed, for the ``wanted`` lines
    of the file (the full format shows the lines of its findings)."""
    wanted = frozenset(number for number in wanted if 1 <= number <= len(env.lines))
    if not wanted:
        return {}
    inside = _inside_values(env, test)
    return {number: _split_ending(_masked(env.lines[number - 1], inside.get(number), test, mask))[0]
            for number in sorted(wanted)}


def _inside_values(env: envfile.EnvFile, test: Callable[[str], str]) -> dict[int, bool]:
    """The lines inside a value, each with whether it is masked whole: the later lines of a multi-line
    value (compose) and the lines docker reads on their own inside a quoted value, masked when their
    name's value is not shown, shown as they are when it is (they are that value, not names)."""
    inside: dict[int, bool] = {}
    for entry in env.entries:
        if entry.end_line > entry.value_line:
            masked = test(shown_name(entry.key)) != SHOWN
            inside.update(dict.fromkeys(range(entry.value_line + 1, entry.end_line + 1), masked))
    for line, entry in envfile.continued_lines(env).items():
        inside[line] = test(shown_name(entry.key)) != SHOWN
    return inside


def _masked(text: str, inside: bool | None, test: Callable[[str], str], mask: str) -> str:
    """``text`` masked; ``inside``: whether a line inside a value is masked whole, None for any other."""
    body, ending = _split_ending(text)
    if inside is not None:
        return (mask if inside and body.strip() else without_password(body, mask)) + ending
    cut = _value_start(body, test)
    if cut is not None and body[cut:].strip():
        return without_password(body[:cut], mask) + mask + ending
    return without_password(body, mask) + ending


def _value_start(body: str, test: Callable[[str], str]) -> int | None:
    """Index where text that may be a secret starts on a line, else None."""
    start = len(body) - len(body.lstrip(" \t\ufeff#"))  # a commented-out credential is one all the same
    comment = "#" in body[:start]
    if body.startswith(("export ", "export\t"), start):
        start = len(body) - len(body[start + 7:].lstrip(" \t"))
    name = shown_name(body[start:])
    end = start + len(name)
    if end >= len(body):
        return None  # a name alone (docker copies the shell's value), or nothing at all
    if not name:
        # No name before the text (``="..."``, ``"S3_SECRETKEY=..."``): nothing tells what follows the
        # first separator, which is shown. A comment is prose ("# (see the docs)") unless it is ``# =...``.
        if comment:
            return start + 1 if body[start] in "=:" else None
        found = _FIRST_SEPARATOR.search(body, start)
        return found.end() if found is not None else None
    if body[end] not in _SEPARATORS:
        # The name runs on (``S3_SECRETKEY;=...``): one name that binds nothing, and maybe its value; in a
        # comment, prose ("# Score's settings").
        return None if comment else end
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


__all__ = ["MASK", "SECRET", "SHOWN", "SOURCE_MASK", "UNKNOWN", "masked_lines", "masked_source", "value_test"]
