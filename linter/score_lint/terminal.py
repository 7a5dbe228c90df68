"""What the terminal gets: colour or not, and text its encoding can take. No Click here: the plain
lint path (``fastpath``) writes its report without it, the same way the CLI does."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from score_lint.patterns import lazy

TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from typing import IO

_SURROGATE = lazy("[\ud800-\udfff]")  # bytes of a name that were not UTF-8; ASCII text has none


def use_color(choice: str, stream: IO[str]) -> bool:
    """``always``/``never`` as asked; ``auto``: FORCE_COLOR forces colour, NO_COLOR forbids it, else a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def writable(text: str, stream: IO[str]) -> str:
    """``text`` as ``stream`` can take it: what its encoding cannot hold, and the bytes of a name that were
    not UTF-8 (``\\udcff``), are written as backslash escapes, never a crash."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if encoding.lower().replace("-", "") != "utf8" or (not text.isascii() and _SURROGATE.search(text)):
        return text.encode(encoding, "backslashreplace").decode(encoding)
    return text


BATCH = 1 << 16  # characters of a report written at a time


def batches(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces of a report joined into writes of about ``BATCH`` characters: a report of a huge file
    is written as it is made and never sits in memory whole."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= BATCH:
            yield "".join(batch)
            batch.clear()
            size = 0
    yield "".join(batch)
