"""File paths as strings, named, split and resolved as ``pathlib`` does it, for the lint path.

``pathlib`` imports ``urllib.parse``, ``ipaddress`` and ``fnmatch``: about a tenth of a plain lint of one
file. The lint path only names a file as ``str(Path(name))`` would, finds its folder and the folders
above it, and resolves symbolic links, which ``os.path`` does with the same answers (the tests hold
each function to its ``pathlib`` counterpart). Code off the lint path keeps using ``pathlib``.

This module is on the ground floor: it imports nothing of the project.
"""

from __future__ import annotations

import errno
import os

TYPE_CHECKING = False  # typing's own flag, without importing typing on the lint path
if TYPE_CHECKING:
    from _typeshed import StrPath


def normal(name: str) -> str:
    """``str(PurePath(name))``: empty and ``.`` parts and trailing separators dropped, ``..`` kept."""
    if os.name != "posix":
        from pathlib import PurePath  # drives and both separators: pathlib's own rules, not restated here

        return str(PurePath(name))
    # POSIX keeps exactly two leading slashes as they are (they may mean something else); one, or three
    # and more, are the root.
    root = "//" if name.startswith("//") and not name.startswith("///") else "/" if name.startswith("/") else ""
    parts = [part for part in name.split("/") if part and part != "."]
    return root + "/".join(parts) or "."


def parents(path: str) -> list[str]:
    """``Path(path).parents`` of an absolute path: each folder above it, up to the root."""
    out = []
    up = os.path.dirname(path)
    while up != path:
        out.append(up)
        path, up = up, os.path.dirname(up)
    return out


def absolute(path: StrPath) -> str:
    """``Path(path).absolute()``: joined to the working folder, symbolic links and ``..`` left as they are."""
    name = os.fspath(path)
    return normal(name if os.path.isabs(name) else os.path.join(os.getcwd(), name))


def resolved(path: StrPath) -> str:
    """``Path(path).resolve()``: absolute, with every symbolic link followed and ``..`` applied.

    As pathlib does, a path that does not exist is resolved as far as it goes, a symbolic link loop
    raises ``RuntimeError`` and a NUL character ``ValueError``.
    """
    real = os.path.realpath(path)
    try:
        os.stat(real)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RuntimeError(f"Symlink loop from {exc.filename!r}") from None
    return real


__all__ = ["absolute", "normal", "parents", "resolved"]
