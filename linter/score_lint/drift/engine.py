"""Run the drift rules over Markdown pages; never prints."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from score_lint import files, markdown
from score_lint.binding import Model
from score_lint.catalogue import tables
from score_lint.drift.context import _GENERATED, _IGNORE, DriftContext, Skipped
from score_lint.drift.rules import DRIFT_RULES
from score_lint.findings import InputError, Result
from score_lint.lines import DEFAULT_LINE, LINES, PROVIDERS


@cache
def _bundled_models(line: str) -> dict[str, Model]:
    return {provider: Model.load(line, provider) for provider in PROVIDERS}


@dataclass(frozen=True)
class PageCheck:
    """One page's result and the parts of it that were not judged (they configure another service)."""

    result: Result
    skipped: tuple[Skipped, ...]


def profile_models(lines: Sequence[str]) -> dict[str, Mapping[str, Model]]:
    """The bundled models of the lines the profiles of examples are judged on."""
    return {line: _bundled_models(line) for line in lines}


def check_document(
    document: markdown.Document,
    line: str = DEFAULT_LINE,
    models: Mapping[str, Model] | None = None,
    profile_lines: Sequence[str] | None = None,
) -> PageCheck:
    """Every drift finding of one page, sorted by place in the page, and what was skipped.

    ``profile_lines``: the Score lines the profile lists of examples are judged on (default: ``line``).
    """
    if line not in LINES or any(other not in LINES for other in profile_lines or ()):
        raise InputError(f"unknown Score line {line!r}")
    models = models if models is not None else _bundled_models(line)
    by_line = profile_models(profile_lines) if profile_lines else {line: models}
    ctx = DriftContext(document, line, models, by_line)
    # Line -> the code sets silenced there (an empty set silences every code): one lookup a finding.
    silenced: dict[int, list[frozenset[str]]] = {}
    for first, last, codes in _silenced(ctx):
        for number in range(first, last + 1):
            silenced.setdefault(number, []).append(codes)
    findings = [
        finding
        for rule in DRIFT_RULES
        for finding in rule.check(ctx)
        if ctx.judged_at(finding.line)
        and not any(not codes or finding.code in codes for codes in silenced.get(finding.line or 0, ()))
    ]
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, f.code))
    return PageCheck(Result(document.path, line, "docker", "any", tuple(findings)), ctx.skipped)


def drift_document(
    document: markdown.Document, line: str = DEFAULT_LINE, models: Mapping[str, Model] | None = None,
    profile_lines: Sequence[str] | None = None,
) -> Result:
    """Every drift finding of one page, sorted by place in the page."""
    return check_document(document, line, models, profile_lines).result


def _silenced(ctx: DriftContext) -> list[tuple[int, int, frozenset[str]]]:
    """(first line, last line, codes or all) of each block or table an ignore comment stands before."""
    out = []
    # The last block and the last table starting on each line, as the scan of all of them found.
    block_end = {block.line: block.first_line + block.text.count("\n") for block in ctx.document.blocks}
    table_end = {table.line: table.rows[-1].line for table in ctx.document.tables if table.rows}
    for number, text in enumerate(ctx.page_lines, start=1):
        match = _IGNORE.search(text)
        if match is None:
            continue
        codes = frozenset(code.upper() for code in re.findall(r"SL\d{3}", match.group(1), re.I))
        start = number + 1
        while start <= len(ctx.page_lines) and not ctx.text_of(start).strip():
            start += 1
        end = table_end.get(start, block_end.get(start, start))
        out.append((start, end, codes))
    return out


def is_generated(text: str) -> bool:
    """Whether the page says it is generated (by `score-lint docs build`): such pages are not drift-checked."""
    return _GENERATED.search(text[:2000]) is not None


def drift_text(
    text: str, path: str = "<string>", line: str = DEFAULT_LINE, models: Mapping[str, Model] | None = None,
    profile_lines: Sequence[str] | None = None,
) -> Result:
    return drift_document(markdown.parse(text, path), line, models, profile_lines)


def check_path(
    path: Path, line: str = DEFAULT_LINE, models: Mapping[str, Model] | None = None,
    profile_lines: Sequence[str] | None = None,
) -> PageCheck:
    try:
        document = markdown.read(path)
    except markdown.MarkdownError as exc:
        raise InputError(str(exc)) from exc
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc
    return check_document(document, line, models, profile_lines)


def drift_path(
    path: Path, line: str = DEFAULT_LINE, models: Mapping[str, Model] | None = None,
    profile_lines: Sequence[str] | None = None,
) -> Result:
    return check_path(path, line, models, profile_lines).result


def pages(paths: Iterable[Path]) -> list[Path]:
    """The Markdown pages named by ``paths``; missing ones fail.

    Folders are searched recursively in sorted order, leaving out pages generated by
    ``score-lint docs build`` (checked by ``docs build --check`` instead); a page named explicitly is
    always checked.
    """
    found: list[Path] = []
    for path in paths:
        try:
            os.stat(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file or folder") from None
        except OSError as exc:
            raise InputError(f"{path}: {files.describe_error(exc)}") from None
        if path.is_dir():
            inside = list(tables.iter_markdown([path]))
            if not inside:
                raise InputError(f"{path}: no Markdown pages (*.md) in this folder")
            found.extend(page for page in inside if not _generated_file(page))
        else:
            found.append(path)
    return found


def _generated_file(path: Path) -> bool:
    try:
        head = files.read_bounded(path, markdown.MAX_PAGE_BYTES, "Markdown pages")[:8000]
    except files.Unreadable:
        return False  # drift_path says why in its own words
    return is_generated(head.decode("utf-8", "replace"))


def check_paths(paths: Iterable[Path], line: str | None = None) -> list[PageCheck]:
    """One check per page, in the order the pages were named. ``line`` None: the names are judged on the
    default line and the profiles of examples on every line."""
    chosen = line or DEFAULT_LINE
    models = _bundled_models(chosen)
    profile_lines = (line,) if line else LINES
    return [check_path(page, chosen, models, profile_lines) for page in pages(paths)]


def drift_paths(paths: Iterable[Path], line: str | None = DEFAULT_LINE) -> list[Result]:
    """One result per page, in the order the pages were named."""
    return [check.result for check in check_paths(paths, line)]
