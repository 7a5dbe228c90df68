"""The same setting twice in one example env block.

## What it does
Flags a name set again in the same example block, or a second spelling of a setting the block already
sets (`S3_ACCESSKEY` and `S3_ACCESS_KEY`).

## Why is this bad?
`docker run --env-file` passes both lines and the JVM keeps the first; `docker compose` keeps the last.
The same example configures two different servers depending on how it is loaded.

## Example
````markdown
```bash
UPLOAD_PARTSIZE=104857600
UPLOAD_PARTSIZE=209715200
```
````

## Use instead
````markdown
```bash
UPLOAD_PARTSIZE=104857600
```
````

## Fix
None: keep one of the lines on the page.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Kind
from score_lint.drift.context import DriftContext, ExampleEntry, name_key
from score_lint.findings import Finding, Severity, finding

CODE = "SL403"
NAME = "duplicate-in-example"
SEVERITY = Severity.ERROR
FIX = "none"


def check(ctx: DriftContext) -> Iterator[Finding]:
    for example in ctx.examples:
        providers = ctx.providers(example.section)
        first: dict[str, ExampleEntry] = {}
        for entry in example.entries:
            resolution = ctx.resolve(entry.name, providers)
            # Members of a family such as LOGGING_LEVEL_<LOGGER> are different settings.
            same = resolution.binds and resolution.canonical and resolution.kind is not Kind.PATTERN
            target = name_key(resolution.canonical) if same and resolution.canonical else entry.key
            earlier = first.setdefault(target, entry)
            if earlier is entry:
                continue
            if earlier.key == entry.key:
                message = f"{entry.name} is set again in this example (also line {earlier.line})."
            else:
                message = (
                    f"{entry.name} sets the same setting as {earlier.name} (line {earlier.line}) in this example."
                )
            yield finding(__name__, message, key=entry.name, line=entry.line, column=entry.column)
