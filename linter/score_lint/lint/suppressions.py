"""``# score-lint: disable=CODE`` comments: the findings an env file silences on the line after."""

from __future__ import annotations

import re

from score_lint.envfile import EnvFile

_SUPPRESS = re.compile(r"#\s*score-lint:\s*disable(?:-next-line)?\s*=\s*(?P<codes>[A-Za-z0-9_, \t]*?)\s*\Z")


class Suppressions:
    """The code prefixes silenced on each line, read from the comment line before it when asked.

    Only the lines of findings are looked at: the services of one compose file share its text, and
    reading every comment of it for each of them was quadratic.
    """

    def __init__(self, env: EnvFile) -> None:
        self.env = env
        self.any = "score-lint" in env.text
        self._inside: set[int] | None = None
        self._memo: dict[int, tuple[str, ...]] = {}

    def codes(self, line: int) -> tuple[str, ...]:
        """The code prefixes a comment on the line before ``line`` silences there."""
        if not self.any or line < 2:
            return ()
        found = self._memo.get(line)
        if found is None:
            found = self._memo[line] = self._read(line - 1)
        return found

    def _read(self, number: int) -> tuple[str, ...]:
        lines = self.env.lines
        if number > len(lines) or "score-lint" not in lines[number - 1]:
            return ()
        stripped = lines[number - 1].strip()
        if not stripped.startswith("#") or number in self._lines_inside_values():
            return ()
        m = _SUPPRESS.match(stripped)
        if m is None:
            return ()
        return tuple(c.strip().upper() for c in m.group("codes").split(",") if c.strip())

    def _lines_inside_values(self) -> set[int]:
        """Lines inside a multi-line value: a '#' there is part of the value, not a comment."""
        if self._inside is None:
            self._inside = set()
            for entry in self.env.entries:
                if entry.end_line > entry.line:
                    self._inside.update(range(entry.line + 1, entry.end_line + 1))
        return self._inside


def suppressions(env: EnvFile) -> dict[int, tuple[str, ...]]:
    """{line: code prefixes} from ``# score-lint: disable=...`` comment lines, keyed by the line they guard."""
    found = Suppressions(env)
    if not found.any:
        return {}
    out: dict[int, tuple[str, ...]] = {}
    for number, text in enumerate(env.lines, 1):
        if "score-lint" in text:
            codes = found.codes(number + 1)
            if codes:
                out[number + 1] = codes
    return out
