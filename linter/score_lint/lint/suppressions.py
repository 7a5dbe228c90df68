"""``# score-lint: disable=CODE`` comments: the findings an env file silences on the line after."""

from __future__ import annotations

import re

from score_lint.envfile import EnvFile

_SUPPRESS = re.compile(r"#\s*score-lint:\s*disable(?:-next-line)?\s*=\s*(?P<codes>[A-Za-z0-9_, \t]*?)\s*\Z")


def suppressions(env: EnvFile) -> dict[int, tuple[str, ...]]:
    """{line: code prefixes} from ``# score-lint: disable=...`` comment lines, keyed by the line they guard."""
    if "score-lint" not in env.text:
        return {}
    inside: set[int] = set()
    for entry in env.entries:
        if entry.end_line > entry.line:
            inside.update(range(entry.line + 1, entry.end_line + 1))
    out: dict[int, tuple[str, ...]] = {}
    for number, text in enumerate(env.lines, 1):
        stripped = text.strip()
        if "score-lint" not in stripped or not stripped.startswith("#") or number in inside:
            continue
        m = _SUPPRESS.match(stripped)
        if m is None:
            continue
        codes = tuple(c.strip().upper() for c in m.group("codes").split(",") if c.strip())
        if codes:
            out[number + 1] = out.get(number + 1, ()) + codes
    return out
