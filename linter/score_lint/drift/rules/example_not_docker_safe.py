"""An example env line that does not work under `docker run --env-file`.

## What it does
Reads each example env block of a page the way `docker run --env-file` does and flags, at the page
line: a value in quotes, a comment after the value, blanks at the end of the value, and a line docker
refuses (blanks in the name, an `export` prefix). Placeholders such as `{{account_name}}` are fine:
the reader replaces them. Blocks whose language is `properties` or `ini` are not env files and are
left alone. In other formats only what really reaches Score is flagged: a quoted item of a compose
`environment:` list (compose passes its quotes), and a value wrapped in typographic quotes (`“…”`) in
a YAML or `key: value` example, which no format reads as quotes. A YAML value's own quotes are YAML's
and fine.

## Why is this bad?
`docker run --env-file` keeps quotes, trailing blanks and ` # comment` text as part of the value, and
refuses a name with blanks. The Score docs tell operators to use exactly that command, so a copied
example breaks their server (`S3_SIGV4ENABLED="true"` stops Score at startup).

## Example
````markdown
```bash
S3_SIGV4ENABLED="true"
DOWNLOAD_PARTSIZE=250000000 # default part size
```
````

## Use instead
````markdown
```bash
# default part size
S3_SIGV4ENABLED=true
```
````

## Fix
None: remove the quotes, move the comment to a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.drift import examples as formats
from score_lint.drift.context import DriftContext, Example
from score_lint.findings import Finding, Severity, finding

CODE = "SL409"
NAME = "example-not-docker-safe"
SEVERITY = Severity.ERROR
FIX = "none"

_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_BLANKS = " \t"


# Blocks that say they are properties or INI files are not meant for `docker run --env-file`.
_OTHER_FORMATS = frozenset({"properties", "ini"})


def check(ctx: DriftContext) -> Iterator[Finding]:
    for example in ctx.examples:
        if example.block.language in _OTHER_FORMATS:
            continue
        if example.format == formats.ENV:
            yield from _env(ctx, example)
        else:
            yield from _written(example)


def _written(example: Example) -> Iterator[Finding]:
    """YAML, compose and `key: value` examples: only quotes the format does not remove."""
    for item in example.entries:
        entry = item.entry
        value = entry.value or ""
        if entry.kept_by is not None and len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            yield finding(
                __name__,
                f"The value of {entry.key} is quoted inside an environment: list item; docker compose keeps the "
                "quotes, so Score receives them as part of the value.",
                key=entry.key, line=item.line, column=item.page_column(entry.value_column),
            )
        elif formats.typographic_quotes(value):
            yield finding(
                __name__,
                f"The value of {entry.key} is wrapped in typographic quotes, which are not quotes to YAML or to a "
                ".properties file: Score receives them as part of the value.",
                key=entry.key, line=item.line, column=item.page_column(entry.value_column),
            )


def _env(ctx: DriftContext, example: Example) -> Iterator[Finding]:
    for item in example.entries:
        entry = item.entry
        if entry.bare:
            continue
        raw = entry.raw_value
        comment = entry.inline_comment_column
        value = raw[: comment - entry.value_column] if comment is not None else raw
        kept = value.rstrip(_BLANKS)
        if kept and (kept[0] in _QUOTES or kept[-1] in _QUOTES):
            yield finding(
                __name__,
                f"The value of {entry.key} is quoted; docker run --env-file keeps the quotes, so Score "
                "receives them as part of the value.",
                key=entry.key,
                line=item.line,
                column=item.page_column(entry.value_column),
            )
        if comment is not None:
            yield finding(
                __name__,
                f"{entry.key} has a comment after its value; docker run --env-file keeps the comment as "
                "part of the value. Put it on a line of its own.",
                key=entry.key,
                line=item.line,
                column=item.page_column(comment),
            )
        elif kept != value:
            yield finding(
                __name__,
                f"The value of {entry.key} ends with blanks; docker run --env-file keeps them as part of "
                "the value.",
                key=entry.key,
                line=item.line,
                column=item.page_column(entry.value_column + len(kept)),
            )
    problems = example.env.problems if example.env is not None else ()
    # Split once: a block with a problem on every line split itself again for each of them.
    block_lines = example.block.text.split("\n") if problems else []
    for problem in problems:
        line = example.page_line(problem.line)
        content = block_lines[problem.line - 1]
        found = ctx.text_of(line).find(content) if content else -1
        yield finding(
            __name__,
            f"docker run --env-file cannot read this example line: {problem.message}.",
            line=line,
            column=problem.column + (found if found > 0 else 0),
        )
