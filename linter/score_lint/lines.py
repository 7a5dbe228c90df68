"""The Score release lines score-lint knows, the storage providers, and the default line: one place each."""

from __future__ import annotations

# 5.10: tags 5.0-5.10.x (Spring Boot 2.1.6); 5.11: tag 5.11.0 (Boot 2.6.6); develop: 5.12.0-SNAPSHOT.
LINES: tuple[str, ...] = ("5.10", "5.11", "develop")
# The newest release: what a run checks against unless told otherwise.
DEFAULT_LINE = "5.11"
PROVIDERS: tuple[str, ...] = ("s3", "azure")


def lines_text(lines: tuple[str, ...]) -> str:
    """``("5.10", "5.11")`` -> ``Score 5.10 and 5.11``."""
    names = list(lines)
    if len(names) == 1:
        return f"Score {names[0]}"
    return "Score " + ", ".join(names[:-1]) + " and " + names[-1]


# The release lines in order, and the first release of each (a newer minor version is still develop).
_RELEASES: tuple[tuple[tuple[int, int], str], ...] = (((5, 10), "5.10"), ((5, 11), "5.11"))


def line_of_release(version: str) -> tuple[str | None, str]:
    """The Score line an image tag such as ``5.10.1`` or ``v5.11.0`` belongs to, and how:

    ``("5.10", "release")``, ``("5.10", "older")`` for a release before 5.10 (none of the lines score-lint
    knows reads it the same way: 5.10 is the nearest), ``("develop", "newer")`` after 5.11, and
    ``(None, "no release")`` for a tag that names no release (``latest``, ``edge``, a commit).
    """
    parts = version.lstrip("vV").split("-", 1)[0].split(".")
    if len(parts) < 2 or not all(p.isdigit() for p in parts[:3]):
        return None, "no release"
    found = (int(parts[0]), int(parts[1]))
    for release, line in _RELEASES:
        if found == release:
            return line, "release"
    if found < _RELEASES[0][0]:
        return _RELEASES[0][1], "older"
    return "develop", "newer"
