"""Write generated files (schemas, reference pages) or check that the committed ones are current."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildResult:
    written: tuple[str, ...]
    stale: tuple[str, ...]  # what check mode finds out of date (written or removed otherwise)
    removed: tuple[str, ...]


def sync(files: Mapping[str, str], out: Path, check: bool, previous: Iterable[str] = ()) -> BuildResult:
    """Bring ``out`` in line with ``files`` (relative path -> text).

    Only changed files are written, each atomically (a temporary file beside it, then a rename).
    ``previous`` names files an earlier build generated; those no longer produced are removed. In check
    mode nothing is touched and every difference is reported as stale.
    """
    stale, written, removed = [], [], []
    for rel, text in files.items():
        target = out / rel
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        stale.append(rel)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
            written.append(rel)
    for rel in sorted(set(previous) - set(files)):
        stale.append(rel)
        if not check:
            (out / rel).unlink()
            removed.append(rel)
    return BuildResult(tuple(written), tuple(stale), tuple(removed))
