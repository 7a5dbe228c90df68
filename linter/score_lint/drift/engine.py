"""Run the drift rules over Markdown pages; never prints."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from score_lint import markdown, schemagen
from score_lint.binding import Model, SchemaNotFound
from score_lint.drift.context import _GENERATED, _IGNORE, DriftContext, Skipped
from score_lint.drift.rules import DRIFT_RULES
from score_lint.findings import InputError, Result
from score_lint.lines import DEFAULT_LINE, LINES, PROVIDERS


@cache
def _bundled_models(line: str) -> dict[str, Model]:
    try:
        return {provider: Model.load(line, provider) for provider in PROVIDERS}
    except SchemaNotFound as exc:
        raise InputError(str(exc)) from exc


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
    silenced = _silenced(ctx)
    findings = [
        finding
        for rule in DRIFT_RULES
        for finding in rule.check(ctx)
        if ctx.judged_at(finding.line)
        and not any(first <= (finding.line or 0) <= last and (not codes or finding.code in codes) for first, last, codes in silenced)
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
    for number, text in enumerate(ctx.page_lines, start=1):
        match = _IGNORE.search(text)
        if match is None:
            continue
        codes = frozenset(code.upper() for code in re.findall(r"SL\d{3}", match.group(1), re.I))
        start = number + 1
        while start <= len(ctx.page_lines) and not ctx.text_of(start).strip():
            start += 1
        end = start
        for block in ctx.document.blocks:
            if block.line == start:
                end = block.first_line + block.text.count("\n")
        for table in ctx.document.tables:
            if table.line == start and table.rows:
                end = table.rows[-1].line
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
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            inside = list(schemagen.iter_markdown([path]))
            if not inside:
                raise InputError(f"{path}: no Markdown pages (*.md) in this folder")
            found.extend(page for page in inside if not _generated_file(page))
        else:
            found.append(path)
    return found


def _generated_file(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return is_generated(handle.read(2000))
    except OSError:
        return False


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
