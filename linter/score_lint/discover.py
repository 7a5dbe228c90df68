"""From the paths on the command line to the inputs to lint.

A file is linted as named (whatever its name; ``--exclude`` and ``.gitignore`` do not apply to it), ``-``
is standard input, and a folder is searched recursively for env files named ``.env.score``,
``*.env.score`` or ``*.score.env``. While searching, a file or folder is skipped when an ``--exclude``
glob matches its name or its path below the searched folder (``fnmatch`` on each part, ``legacy`` or
``envs/old*``), or when a ``.gitignore`` says so: those of the folders searched, and those of the
folders above it up to the root of its git repository, with git's precedence (the deepest file
decides, the last matching line of a file wins). The ``.git`` folder is never searched, and symbolic
links to folders are not followed."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from score_lint.inputs import STDIN, Input
from score_lint.records import field, record

TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from typing import Any

ENV_PATTERNS = (".env.score", "*.env.score", "*.score.env")


@record
class Expansion:
    inputs: list[Input] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "PATH: what is wrong", one per input that failed


def is_env_name(name: str) -> bool:
    return name == ".env.score" or name.endswith((".env.score", ".score.env"))


def expand(
    paths: Sequence[Path],
    exclude: Sequence[str] = (),
    stdin_filename: str | None = None,
    read_stdin: Callable[[], bytes] | None = None,
) -> Expansion:
    """The inputs named by ``paths`` in order, each folder's env files sorted; what cannot be used is
    an error of its own, and the rest is still linted."""
    out = Expansion()
    for path in paths:
        if str(path) == STDIN:
            if read_stdin is None:
                out.errors.append("-: standard input cannot be read here")
                continue
            name = stdin_filename or STDIN
            out.inputs.append(Input(Path(stdin_filename or STDIN), name, read_stdin()))
        elif path.is_dir():
            found, skipped = find_env_files(path, exclude)
            if not found:
                names = ", ".join(ENV_PATTERNS)
                why = f" ({skipped} skipped by --exclude or .gitignore)" if skipped else ""
                out.errors.append(f"{path}: no env file ({names}) in this directory{why}")
            out.inputs.extend(Input(p, str(p)) for p in found)
        else:
            out.inputs.append(Input(path, str(path)))
    return out


def _excluded(rel: PurePosixPath, patterns: Sequence[str]) -> bool:
    parts = rel.parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        pattern = pattern.strip("/")
        if not pattern:
            continue
        if "/" in pattern:
            if any(fnmatch.fnmatchcase(p, pattern) for p in prefixes):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class _GitIgnores:
    """The ``.gitignore`` files that apply below one searched folder, read as the search goes down."""

    def __init__(self, root: Path) -> None:
        # Imported here for start-up time: only a folder on the command line needs gitignore matching.
        import pathspec

        self._pathspec: Any = pathspec
        self.specs: dict[Path, Any] = {}
        repo = _repository_root(root)
        if repo is not None:
            for folder in reversed(root.parents):  # outermost first
                if folder == repo or repo in folder.parents:
                    self.read(folder)

    def read(self, folder: Path) -> None:
        try:
            text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        self.specs[folder] = self._pathspec.GitIgnoreSpec.from_lines(text.splitlines())

    def ignored(self, path: Path, is_dir: bool) -> bool:
        decision = False
        # Outermost first: a deeper .gitignore overrides, and in one file the last matching line wins.
        for folder in sorted(self.specs, key=lambda f: len(f.parts)):
            if folder != path and folder not in path.parents:
                continue
            rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            for pattern in self.specs[folder].patterns:
                if pattern.include is not None and pattern.match_file(rel) is not None:
                    decision = pattern.include
        return decision


def find_env_files(root: Path, exclude: Sequence[str] = ()) -> tuple[list[Path], int]:
    """The env files under ``root`` (sorted) and how many files and folders were skipped."""
    found: list[Path] = []
    skipped = 0
    top = Path(os.path.abspath(root))
    ignores = _GitIgnores(top)
    for folder, dirnames, filenames in _walk(top):
        ignores.read(folder)
        keep = []
        for name in sorted(dirnames):
            path = folder / name
            if name == ".git":
                continue
            if _excluded(PurePosixPath(path.relative_to(top).as_posix()), exclude) or ignores.ignored(path, True):
                skipped += 1
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if not is_env_name(name):
                continue
            path = folder / name
            if _excluded(PurePosixPath(path.relative_to(top).as_posix()), exclude) or ignores.ignored(path, False):
                skipped += 1
                continue
            found.append(root / path.relative_to(top))
    found.sort(key=lambda p: p.parts)
    return found, skipped


def _walk(top: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    for folder, dirnames, filenames in os.walk(top, followlinks=False):
        yield Path(folder), dirnames, filenames


__all__ = ["ENV_PATTERNS", "Expansion", "expand", "find_env_files", "is_env_name"]
