"""The committed artefacts compiled from the docs tree: the catalogue of each Score line and the editor
schemas generated from it (``score-lint schema build`` writes them under ``schema/``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from score_lint import markdown, schemas
from score_lint.catalogue import compile as compiler
from score_lint.catalogue import tables
from score_lint.findings import InputError


@dataclass(frozen=True)
class Compiled:
    """The files to write, keyed by their path under ``schema/``, and what stops them being written."""

    files: dict[str, str]
    problems: tuple[tables.DocsError, ...]


def compile_docs(docs_dir: Path) -> Compiled:
    """Read every settings table under ``docs_dir`` into catalogues and schemas."""
    if not docs_dir.exists():
        raise InputError(f"{docs_dir}: no such docs folder (run from the project root or pass --docs)")
    try:
        docs = tables.load_docs([docs_dir], root=docs_dir)
    except (markdown.MarkdownError, OSError) as exc:
        raise InputError(str(exc)) from exc
    problems = (*docs.broken, *tables.conflicts(docs))
    catalogues = compiler.catalogues(docs)
    return Compiled({**compiler.data_files(catalogues), **schemas.build_all(catalogues)}, tuple(problems))
