"""Read an input file with bounds: regular files only, never more than a limit, never blocking.

Every reader of the project (env files, compose files, Markdown pages, configuration, schemas) goes
through ``read_bounded``. A named pipe would block a plain ``open`` until a writer comes, and a
character device such as ``/dev/zero`` never ends; both are refused by what ``fstat`` says about the
opened file, before a byte is read. The file is read in chunks sized from ``fstat``, so a small file
costs a small buffer, and reading stops one byte past the limit, so a file that grows while it is read
(or lies about its size, as ``/proc`` files do) cannot exhaust memory.

This module is on the ground floor: it imports nothing of the project.
"""

from __future__ import annotations

import errno
import os
import stat

MIB = 2**20
# Real env files, compose files, pages and schemas are kilobytes; a parsed line costs far more than its bytes.
DEFAULT_LIMIT = 16 * MIB
_CHUNK = 1 * MIB
# Open flags: O_NONBLOCK so that opening a FIFO without a writer returns at once (then fstat refuses it),
# O_NOCTTY so that a terminal device never becomes the controlling terminal.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    """A file that is not read at all; ``reason`` says why without naming the file (callers do)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def describe_error(exc: OSError) -> str:
    """A short reason for an ``OSError`` raised while opening or reading a file."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return exc.strerror or "cannot be read"


def kind_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file: score-lint reads regular files only"
    if stat.S_ISCHR(mode):
        return "is a character device (such as /dev/zero), not a regular file: score-lint reads regular files only"
    if stat.S_ISBLK(mode):
        return "is a block device, not a regular file: score-lint reads regular files only"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file: score-lint reads regular files only"
    return "is not a regular file: score-lint reads regular files only"


def too_large(size: int | None, limit: int, what: str) -> str:
    shown = f" ({size / MIB:.1f} MiB)" if size is not None and size > limit else ""
    return f"file is too large{shown}: score-lint reads {what} of at most {limit // MIB} MiB"


def check_regular(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT, what: str = "files") -> None:
    """Refuse, with ``Unreadable``, a path that ``read_bounded`` would refuse, without reading it."""
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except (OSError, ValueError) as exc:
        raise Unreadable(name, describe_error(exc) if isinstance(exc, OSError) else str(exc)) from None
    problem = kind_problem(st.st_mode)
    if problem is not None:
        raise Unreadable(name, problem)
    if st.st_size > limit:
        raise Unreadable(name, too_large(st.st_size, limit, what))


def read_bounded(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT, what: str = "files") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``Unreadable`` for anything else.

    ``what`` names the kind of file in the message about the limit ("env files").
    """
    name = os.fspath(path)
    try:
        # Through the built-in open (with our flags): tests and embedders may wrap it.
        handle = open(name, "rb", buffering=0, opener=_open)  # noqa: SIM115
    except (OSError, ValueError) as exc:
        raise Unreadable(name, describe_error(exc) if isinstance(exc, OSError) else str(exc)) from None
    with handle:
        try:
            st = os.fstat(handle.fileno())
            problem = kind_problem(st.st_mode)
            if problem is not None:
                raise Unreadable(name, problem)
            if st.st_size > limit:
                raise Unreadable(name, too_large(st.st_size, limit, what))
            return _read_at_most(handle, st.st_size, limit, name, what)
        except OSError as exc:
            raise Unreadable(name, describe_error(exc)) from None


def _open(name: str, flags: int) -> int:
    return os.open(name, flags | _FLAGS)


def _read_at_most(handle: object, expected: int, limit: int, name: str, what: str) -> bytes:
    read = handle.read  # type: ignore[attr-defined]
    # One read of the size fstat gave (plus one byte to see the end) covers every ordinary file.
    first: bytes = read(min(expected, limit) + 1) or b""
    if len(first) <= expected:
        rest = read(1) or b""
        if not rest:
            return first
        first += rest
    parts = [first]
    total = len(first)
    while total <= limit:
        chunk: bytes = read(min(_CHUNK, limit + 1 - total)) or b""
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
    raise Unreadable(name, too_large(None, limit, what))


def read_text(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT, what: str = "files") -> str:
    """``read_bounded`` decoded as UTF-8 (a BOM is dropped); ``Unreadable`` when it is not UTF-8."""
    data = read_bounded(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Unreadable(os.fspath(path), f"line {line}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None


__all__ = ["DEFAULT_LIMIT", "MIB", "Unreadable", "check_regular", "describe_error", "kind_problem", "read_bounded",
           "read_text", "too_large"]
