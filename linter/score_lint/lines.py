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
