"""``# score-lint: disable=CODE`` comments: the findings an env file silences on the line after."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from score_lint.envfile import EnvFile
from score_lint.patterns import lazy

_SUPPRESS = lazy(r"#\s*score-lint:\s*disable(?:-next-line)?\s*=\s*(?P<codes>[A-Za-z0-9_, \t]*?)\s*\Z")


def _codes_of(text: str) -> tuple[str, ...]:
    """The code prefixes a line silences on the next one, if it is a suppression comment."""
    stripped = text.strip()
    if not stripped.startswith("#"):
        return ()
    m = _SUPPRESS.match(stripped)
    if m is None:
        return ()
    return tuple(c.strip().upper() for c in m.group("codes").split(",") if c.strip())


def comment_lines(lines: Sequence[str]) -> dict[int, tuple[str, ...]]:
    """{line: code prefixes} of every suppression comment of one file's lines, found in one pass.

    Whether a line lies inside a multi-line value (and is no comment) depends on the entries of the
    environment the lines end up in; ``Suppressions`` asks that when a finding needs the line.
    """
    return {number: codes for number, text in enumerate(lines, 1) if "score-lint" in text and (codes := _codes_of(text))}


class Comments:
    """The suppression comments of several files whose lines are numbered one after another (a compose
    service's env files, then the compose file), each file's found once and shared.

    ``parts`` are (number of the file's first line, its ``comment_lines``), in line order. The services of
    one compose file share its lines: finding their comments again for each service was quadratic.
    """

    def __init__(self, parts: Sequence[tuple[int, Mapping[int, tuple[str, ...]]]]) -> None:
        self._firsts = [first for first, _ in parts]
        self._found = [found for _, found in parts]
        self.any = any(self._found)

    def at(self, number: int) -> tuple[str, ...]:
        """The code prefixes of a suppression comment on line ``number``, or ()."""
        part = bisect_right(self._firsts, number) - 1
        if part < 0:
            return ()
        return self._found[part].get(number - self._firsts[part] + 1, ())


class Suppressions:
    """The code prefixes silenced on each line, read from the comment line before it when asked.

    The comments come from ``comments`` when the lines are shared (the services of one compose file share
    its text, and reading every comment of it for each of them was quadratic), else from the file's own
    lines, found once.
    """

    def __init__(self, env: EnvFile, comments: Comments | None = None) -> None:
        self.env = env
        if comments is None:
            # A file of its own: its comments are found in one pass, only when it has any.
            comments = Comments([(1, comment_lines(env.lines) if "score-lint" in env.text else {})])
        self._comments = comments
        self.any = comments.any
        self._inside: set[int] | None = None
        self._memo: dict[int, tuple[str, ...]] = {}

    def codes(self, line: int) -> tuple[str, ...]:
        """The code prefixes a comment on the line before ``line`` silences there."""
        if not self.any or line < 2:
            return ()
        found = self._memo.get(line)
        if found is None:
            found = self._read(line - 1)
            if found and self.env.origin(line - 1)[0] != self.env.origin(line)[0]:
                found = ()  # the last line of one env file of a compose service guards nothing in the next
            self._memo[line] = found
        return found

    def _read(self, number: int) -> tuple[str, ...]:
        codes = self._comments.at(number)
        if not codes or number in self._lines_inside_values():
            return ()
        return codes

    def _lines_inside_values(self) -> set[int]:
        """Lines inside a multi-line value: a '#' there is part of the value, not a comment."""
        if self._inside is None:
            self._inside = set()
            for entry in self.env.entries:
                if entry.end_line > entry.line:
                    self._inside.update(range(entry.line + 1, entry.end_line + 1))
        return self._inside

