"""An example whose Spring profiles do not start Score on a Score line.

## What it does
Reads the profile list of each example (`SPRING_PROFILES_ACTIVE=…`, or `spring.profiles.active` in a
YAML or `key: value` example) and judges it on every Score line the example is for (the lines its
heading or the sentence before it names, else all of them; `--score-version` picks one), the way the
lint rules `storage-profile` and `controller-profile` judge an env file. One finding per example says
on which lines it fails and what to use: no storage profile (`aws` and `amazon` start none; neither
does `collaboratory` on develop), several storage profiles, and, for a list of several profiles up to
5.11, no profile that starts the upload and download endpoints. An example that shows a single
non-storage profile with no storage settings (`SPRING_PROFILES_ACTIVE=secure` beside the `AUTH_*`
settings it explains) illustrates that profile, not a whole server, and is left alone.

## Why is this bad?
The profile list decides whether Score starts at all. Since 5.10.0 Score refuses to start without a
storage profile, and the page a reader copies from is the last place they expect that.

## Example
````markdown
## AWS, Ceph, or Minio

```bash
SPRING_PROFILES_ACTIVE=prod,aws
S3_ENDPOINT=http://localhost:9000
```
````

## Use instead
````markdown
## AWS, Ceph, or Minio on 5.11

```bash
SPRING_PROFILES_ACTIVE=collaboratory,prod
S3_ENDPOINT=http://localhost:9000
```
````

## Fix
None: name the storage profile of the Score line the page is for, and say which line that is.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.binding import parse_profiles
from score_lint.drift import examples as formats
from score_lint.drift.context import DriftContext, Example, ExampleEntry
from score_lint.findings import Finding, Severity, finding
from score_lint.lines import LINES, lines_text
from score_lint.profiles import STORAGE_KINDS, Judgement, judge

CODE = "SL411"
NAME = "example-profiles"
SEVERITY = Severity.ERROR
FIX = "none"

_PROFILE_NAMES = frozenset({"SPRING_PROFILES_ACTIVE", "spring.profiles.active"})
# Names that look like a storage choice even alone: an example naming only one of them means it as the storage.
_STORAGE_WORDS = frozenset({"aws", "amazon", "collaboratory", "s3", "azure", "default"})
# Settings that configure the storage: an example that sets them is a whole server's configuration.
_STORAGE_PREFIXES = ("S3_", "AZURE_", "BUCKET_", "COLLABORATORY_", "s3.", "azure.", "bucket.", "collaboratory.")


def _profiles_entry(example: Example) -> ExampleEntry | None:
    found = [e for e in example.entries if e.name in _PROFILE_NAMES or e.name.upper() == "SPRING_PROFILES_ACTIVE"]
    return found[-1] if found else None


def _profile_list(example: Example, entry: ExampleEntry) -> tuple[str, ...]:
    value = entry.entry.value or ""
    if example.format == formats.ENV:
        # The quotes and comment docker keeps are example-not-docker-safe's finding; judge what was meant.
        comment = entry.entry.inline_comment_column
        if comment is not None:
            value = entry.entry.raw_value[: comment - entry.entry.value_column]
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
    return parse_profiles(value)


def _whole_server(example: Example, profiles: tuple[str, ...]) -> bool:
    if len(profiles) > 1:
        return True
    if any(p.lower() in _STORAGE_WORDS for p in profiles):
        return True
    return any(e.name.startswith(_STORAGE_PREFIXES) for e in example.entries)


def _problem(verdict: Judgement) -> tuple[str, str] | None:
    """(what goes wrong, how to say the cure) on one line, or None when the profiles start Score."""
    if not verdict.starts_storage:
        lookalikes = [p for p in dict.fromkeys(verdict.profiles) if p.lower() in _STORAGE_WORDS]
        detail = f" ({', '.join(lookalikes)} start{'s' if len(lookalikes) == 1 else ''} none)" if lookalikes else ""
        return f"no storage profile{detail}, so Score refuses to start", "storage"
    if len(set(verdict.storage)) > 1:
        return f"several storage profiles ({', '.join(verdict.storage)}), of which Score uses only one", "one"
    if len(verdict.profiles) > 1 and not verdict.starts_endpoints:
        return f"none of {', '.join(verdict.controllers)}, so Score starts without its upload and download endpoints", "prod"
    return None


def _on(lines: list[str]) -> str:
    return lines_text(tuple(lines)).removeprefix("Score ")


def _storage_advice(verdicts: dict[str, Judgement], failing: list[str]) -> str:
    """"For S3-compatible storage add collaboratory (5.10 and 5.11) or s3 (develop); for Azure add azure"."""
    by_provider: dict[str, dict[str, list[str]]] = {}
    for line in failing:
        for name, provider in verdicts[line].storage_profiles:
            by_provider.setdefault(provider, {}).setdefault(name, []).append(line)
    parts = []
    for provider in sorted(by_provider, key=lambda p: p != "s3"):
        names = [name if on == failing else f"{name} ({_on(on)})" for name, on in by_provider[provider].items()]
        parts.append(f"for {STORAGE_KINDS.get(provider, provider)} add {' or '.join(names)}")
    return "; ".join(parts)


def check(ctx: DriftContext) -> Iterator[Finding]:
    for example in ctx.examples:
        entry = _profiles_entry(example)
        if entry is None:
            continue
        profiles = _profile_list(example, entry)
        if not profiles or not _whole_server(example, profiles):
            continue
        lines = [line for line in LINES if line in ctx.profile_models and line in example.lines]
        verdicts = {line: judge(ctx.profile_models[line]["s3"], profiles) for line in lines}
        problems: dict[tuple[str, str], list[str]] = {}
        for line, verdict in verdicts.items():
            found = _problem(verdict)
            if found is not None:
                problems.setdefault(found, []).append(line)
        if not problems:
            continue
        clauses = [f"on {_on(on)}: {what}" for (what, _), on in problems.items()]
        advice = []
        for (_, cure), on in problems.items():
            if cure == "storage":
                advice.append(_storage_advice(verdicts, on))
            elif cure == "one":
                advice.append(f"on {_on(on)} keep one storage profile")
            else:
                advice.append(f"on {_on(on)} add prod")
        said = "; ".join(advice)
        message = f"The example's profiles {','.join(profiles)}: {'; '.join(clauses)}. {said[0].upper()}{said[1:]}."
        yield finding(__name__, message, key=entry.name, line=entry.line, column=entry.page_column(entry.entry.value_column))
