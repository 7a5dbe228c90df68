"""``score-lint explain``: the effective configuration of a file, as a person or a program reads it.

One row per setting the file sets or the active profiles change (every setting with ``all``), with
the value Score uses, where it comes from (``env``, ``profile``, ``application`` or ``default``), the
profile document or env line that gave it, and what replaces it. A secret value is always ``***``,
and so is the password of a URL in any other value.
The JSON document follows ``schema/explain.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from score_lint.effective import Effective, Value
from score_lint.findings import without_password

JSON_VERSION = 1
MASK = "***"


@dataclass(frozen=True, slots=True)
class Row:
    property: str
    env: str
    value: str | None
    source: str
    profile: str | None
    line: int | None
    spelling: str | None  # the name as written in the file, when an env line gave the value
    secret: bool
    replaced_by: str | None


def _row(v: Value) -> Row:
    shown = v.value
    if shown is not None:
        shown = MASK if v.secret else without_password(shown, MASK)
    entry = v.entry
    return Row(
        property=v.spring_property,
        env=v.env,
        value=shown,
        source=v.source,
        profile=v.profile,
        line=entry.line if entry is not None else None,
        spelling=entry.key if entry is not None else None,
        secret=v.secret,
        replaced_by=v.replaced_by,
    )


def _wanted(v: Value, keys: Sequence[str]) -> bool:
    if not keys:
        return True
    wanted = {k.upper() for k in keys}
    return v.env.upper() in wanted or v.spring_property.upper() in wanted


def rows(effective: Effective, keys: Sequence[str] = (), show_all: bool = False) -> list[Row]:
    """The rows to show: what the file and its profiles change, every setting with ``show_all``, and
    the settings named in ``keys`` (env names or Spring properties, any case) whatever their source."""
    chosen = []
    for v in effective.values():
        if keys:
            if _wanted(v, keys):
                chosen.append(_row(v))
        elif show_all or v.source in ("env", "profile"):
            chosen.append(_row(v))
    chosen.sort(key=lambda r: (r.line is None, r.line or 0, r.env))
    return chosen


def unknown_keys(effective: Effective, keys: Sequence[str]) -> list[str]:
    """The asked keys that name no setting of this line and provider."""
    names = {v.env.upper() for v in effective.values()} | {v.spring_property.upper() for v in effective.values()}
    return [k for k in keys if k.upper() not in names]


def as_json(path: str, effective: Effective, chosen: Iterable[Row]) -> str:
    document = {
        "version": JSON_VERSION,
        "file": path,
        "score_line": effective.line,
        "provider": effective.provider,
        "profiles": list(effective.profiles),
        "ignored": [{"name": _name(e.key), "line": e.line, "reason": why} for e, why in effective.ignored],
        "settings": [
            {
                "property": r.property,
                "env": r.env,
                "value": r.value,
                "source": r.source,
                "profile": r.profile,
                "line": r.line,
                "spelling": r.spelling,
                "secret": r.secret,
                "replaced_by": r.replaced_by,
            }
            for r in chosen
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _printable(text: str) -> str:
    """A value as it can be shown on one terminal line: control characters escaped."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text)


def _source_text(r: Row) -> str:
    if r.source == "env":
        spelled = f" as {r.spelling}" if r.spelling and r.spelling != r.env else ""
        return f"line {r.line}{spelled}"
    if r.source == "profile":
        return f"profile {r.profile}"
    return {"application": "application.yml", "default": "code default"}[r.source]


def as_text(path: str, effective: Effective, chosen: Sequence[Row]) -> str:
    profiles = ", ".join(effective.profiles) or "none"
    head = f"{path}: Score {effective.line}, {'S3-compatible storage' if effective.provider == 's3' else 'Azure'}; profiles: {profiles}\n"
    if not chosen and not effective.ignored:
        return head + "  nothing set by the file or its profiles (--all shows every default)\n"
    table = [
        (r.env, "(unset)" if r.value is None else (_printable(r.value) if r.value != "" else '""'), _source_text(r), r)
        for r in chosen
    ]
    width_env = max((len(t[0]) for t in table), default=0)
    width_value = min(max((len(t[1]) for t in table), default=0), 48)
    out = [head]
    for env, value, source, r in table:
        note = f"; Score uses {r.replaced_by} instead" if r.replaced_by else ""
        out.append(f"  {env:<{width_env}}  {value:<{width_value}}  {source}{note}\n")
    for entry, why in effective.ignored:
        out.append(f"  ignored: {_printable(_name(entry.key))} (line {entry.line}): {why}\n")
    return "".join(out)


def _name(key: str) -> str:
    """A key as it may be shown: cut where it stops looking like a name, so no value leaks through it."""
    for i, c in enumerate(key):
        if not (c.isalnum() or c in "_.-"):
            return key[:i] + "…"
    return key
