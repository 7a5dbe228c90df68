"""A name that binds to nothing Score reads.

## What it does
Flags an environment name that no Score setting binds to on the chosen Score line, and suggests the
spelling that binds when there is one. A name that is not a shell identifier (`s3.endpoint`,
`S3_SIG-V4-ENABLED`) is flagged whatever it would mean to Spring: Score's image starts Java through
`/bin/sh`, which drops such variables, so Score never sees them. Spelled like a setting that binds
only with the other storage provider, a name is SL102's business.

## Why is this bad?
Spring Boot ignores an unknown environment variable without a word. The setting keeps its default and
the operator finds out in production: `S3_SIGV4_ENABLED` has three `_`-separated parts, while the
property `s3.sig-v4-enabled` only binds as `S3_SIGV4ENABLED` or `S3_SIG_V4_ENABLED`.

## Example
```env
S3_SIGV4_ENABLED=true
```

```env
s3.sigV4Enabled=true
```

## Use instead
```env
S3_SIGV4ENABLED=true
```

## Fix
Safe when the name is a misspelling of one setting (the docs' `Autofix` column says `rename`, or the
names differ only in `_`, or it is a dotted or dashed spelling Spring would bind to that setting) and
that setting is not set elsewhere in the file: the key is renamed.
A near miss found by similarity is an unsafe fix (shown, never applied by `--fix`). Names that are
read by nothing at all (such as `DOWNLOAD_PARTSIZE`) have no fix: remove them.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import Kind
from score_lint.effective import shell_passes
from score_lint.envfile import Entry
from score_lint.findings import Finding, Severity, finding, shown_name
from score_lint.lint.context import Context, Item
from score_lint.lint.rules._common import (
    names_setting,
    referenced_names,
    rename_fix,
    separator_slip,
    spring_reading,
)

CODE = "SL101"
NAME = "unknown-name"
SEVERITY = Severity.ERROR
FIX = "safe"
STOPS_STARTUP = False
ENTRIES = "all"  # check_entry is handed every entry
# check_entry is handed the names that resolve to one of these here; a name that is not a shell
# identifier can only have these kinds.
KINDS = frozenset({Kind.UNKNOWN, Kind.UNBOUND, Kind.SPRING})
# Looked up once (an enum member costs a tenth of a microsecond to fetch): a file of new names asks for each.
_UNKNOWN, _UNBOUND, _SPRING = Kind.UNKNOWN, Kind.UNBOUND, Kind.SPRING


def _malformed(ctx: Context, entry: Entry) -> str | None:
    """The message for a line read as one long name (``S3_SECRETKEY:value``), or None for a real name.

    Only the name part is shown: what follows it is most often the value, maybe a secret.
    """
    name = shown_name(entry.key)
    if name == entry.key:
        return None
    # Under compose only a list item of `environment:` without '=' is read as one name.
    loader, unit = ("docker run", "line") if ctx.dialect == "docker" else ("compose", "list item")
    slip = separator_slip(entry.key)
    if slip is not None and names_setting(ctx, slip[0]):
        return (f"{name} is followed by {slip[1]} instead of '=': {loader} reads the whole {unit} as the name of a "
                f"variable to copy from the shell, so {name} is not set: write {name}=<value>.")
    char = entry.key[len(name)]
    shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
    if not name:
        return (f"the variable name on this line starts with {shown}, which no variable name contains: it binds "
                f"nothing on Score {ctx.line}; Score ignores it silently.")
    return (f"{name} is followed by {shown}, which no variable name contains: {loader} reads the whole {unit} as one "
            f"name, which binds nothing on Score {ctx.line}; Score ignores it silently.")


def check_entry(ctx: Context, item: Item) -> Iterator[Finding]:
    entry = item.entry
    res = item.here
    if res.kind not in KINDS:
        return  # binds, or is another rule's business; such names are all shell identifiers
    if not shell_passes(entry.key):
        # A wrong separator first: `S3_SECRETKEY:value` is no shell name either, but says more as itself.
        malformed = _malformed(ctx, entry)
        yield finding(__name__, malformed, entry=entry) if malformed is not None else _not_a_shell_name(ctx, entry)
        return
    if res.kind is _SPRING:
        return  # SL108's business
    if res.kind is _UNKNOWN and entry.key.upper() in referenced_names(ctx):
        return  # another value's ${...} refers to it, and Spring resolves that reference
    suggestions = res.suggestions
    if res.kind is _UNBOUND:
        why = f" {res.reason.rstrip('.')}." if res.reason else ""
        message = f"{entry.key} binds nothing on Score {ctx.line}; Score ignores it.{why}"
    else:
        message = f"{entry.key} binds nothing on Score {ctx.line}; Score ignores it silently."
    if suggestions:
        message += " Use " + " or ".join(suggestions) + "."
    single = suggestions[0] if len(suggestions) == 1 else None
    fix = None
    documented_other = res.kind is _UNBOUND and not res.respelling
    if single and not documented_other and ctx.model.setting(single) is not None and not ctx.is_set(single):
        fix = rename_fix(entry, single, safe=res.respelling)
    yield finding(__name__, message, entry=entry, suggestion=single, fix=fix)


def _not_a_shell_name(ctx: Context, entry: Entry) -> Finding:
    """A name with dots, dashes or other characters: the image's shell drops it before Java starts."""
    target = spring_reading(ctx, entry.key)
    message = (
        f"{entry.key} is not a shell variable name: Score's image starts Java through /bin/sh, which drops "
        "every variable whose name is not a shell identifier, so Score never sees it."
    )
    fix = None
    if target:
        message += (
            f" (Started with an exec-form entrypoint or a Kubernetes command:, Spring would bind it as "
            f"{target}.) Use {target}."
        )
        if not ctx.is_set(target):
            fix = rename_fix(entry, target)
    else:
        message += " No Score setting of this line has that name either."
    return finding(__name__, message, entry=entry, suggestion=target, fix=fix)
