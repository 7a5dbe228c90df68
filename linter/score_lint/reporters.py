"""Render lint results: pure functions from results to text, in one registry."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import ModuleType

from score_lint import __version__
from score_lint.findings import SITE_URL, Finding, Severity, rule_severities, visible
from score_lint.findings import rule_url as rule_url_of
from score_lint.lint.secrets import SOURCE_MASK as MASK
from score_lint.patterns import lazy
from score_lint.records import record

TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from pathlib import Path

    from score_lint.findings import Reported

JSON_VERSION = 1

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET, _BOLD, _GREEN = "\x1b[0m", "\x1b[1m", "\x1b[32m"
# How each severity is written, plain and painted: an enum's .value is a property call, for every line.
_SEVERITY_WORDS = {(s, False): s.value for s in Severity} | {(s, True): f"{_COLORS[s]}{s.value}{_RESET}" for s in Severity}


def _location(result: Reported, finding: Finding) -> str:
    """``path:line:col``; a finding about the file as a whole (a missing setting) is at the path alone."""
    if finding.line is None:
        return result.path
    return f"{result.path}:{finding.line}:{finding.column or 1}"


def fixable(f: Finding) -> bool:
    """True when ``--fix`` would apply the finding's fix (a safe fix with edits)."""
    return f.fix is not None and f.fix.safe and bool(f.fix.edits)


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


class _Count:
    """What the closing lines of a report say, counted while the findings are written (a report reads
    each file's findings once: they may be made as they are read)."""

    __slots__ = ("files", "by_severity", "fixable")

    def __init__(self) -> None:
        self.files = 0
        self.by_severity = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
        self.fixable = 0

    def findings(self, result: Reported) -> Iterator[Finding]:
        """``result.findings``, counted as they pass."""
        self.files += 1
        by_severity = self.by_severity
        fixes = 0
        for f in result.findings:
            by_severity[f.severity] += 1
            if f.fix is not None and f.fix.safe and f.fix.edits:  # fixable(f)
                fixes += 1
            yield f
        self.fixable += fixes

    def summary(self) -> dict[str, int]:
        counts = self.by_severity
        return {
            "files": self.files,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        }


def _counted(results: Iterable[Reported]) -> _Count:
    count = _Count()
    for result in results:
        for _ in count.findings(result):
            pass
    return count


def _summary(results: Iterable[Reported]) -> dict[str, int]:
    return _counted(results).summary()


def summary_line(results: Iterable[Reported]) -> str:
    """``3 files checked: 1 error, 2 warnings, 0 infos``."""
    return _summary_of(_counted(results))


def _summary_of(count: _Count) -> str:
    s = count.summary()
    return (
        f"{plural(s['files'], 'file')} checked: {plural(s['errors'], 'error')}, "
        f"{plural(s['warnings'], 'warning')}, {plural(s['infos'], 'info')}"
    )


FIX_MARK = "[*]"
_ELLIPSIS = ", ..."
_MAX_CODES = 4


def _codes(codes: Sequence[str]) -> str:
    shown = ", ".join(codes[:_MAX_CODES])
    return shown + (_ELLIPSIS if len(codes) > _MAX_CODES else "")


def verdict_line(result: Reported) -> str | None:
    """Whether Score starts with this file, and what stops it; None for a result without a verdict."""
    v = result.verdict
    if v is None:
        return None
    score = f"Score {result.line}"
    if not v.starts:
        verb = "stops" if v.stopping == 1 else "stop"
        return f"{score} will not start: {plural(v.stopping, 'error')} {verb} it ({_codes(v.stopped_by)})."
    judged = "" if v.all_rules else " as far as the selected rules tell"
    if v.not_as_written:
        n = v.settings_not_as_written
        what = "1 setting does" if n == 1 else f"{n} settings do"
        return f"{score} will start{judged}; {what} not take effect as written ({_codes(v.not_as_written)})."
    return f"{score} will start{judged}."


def fixable_line(results: Iterable[Reported]) -> str | None:
    """``[*] 3 fixable with `--fix`.`` when there is anything to fix."""
    return _fixable_of(sum(1 for r in results for f in r.findings if fixable(f)))


def _fixable_of(n: int) -> str | None:
    return f"{FIX_MARK} {n} fixable with `--fix`." if n else None


def text(results: Iterable[Reported], color: bool = False, quiet: bool = False, show_fixes: bool = False) -> str:
    """``path:line:col: severity code [*] message [rule]`` per finding, a verdict per file, a summary."""
    return "".join(text_lines(results, color, quiet=quiet, show_fixes=show_fixes))





def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def finding_line(result: Reported, f: Finding, color: bool = False) -> str:
    """One finding on one line (without the newline)."""
    severity = _SEVERITY_WORDS[f.severity, bool(color)]
    mark = f" {FIX_MARK}" if fixable(f) else ""
    return f"{visible(_location(result, f))}: {severity} {f.code}{mark} {visible(f.message)} [{f.rule}]"


def _verdict_painted(result: Reported, color: bool) -> str | None:
    line = verdict_line(result)
    if line is None or not color or result.verdict is None:
        return line
    v = result.verdict
    tone = _COLORS[Severity.ERROR] if not v.starts else (_COLORS[Severity.WARNING] if v.not_as_written else _GREEN)
    return f"{_BOLD}{tone}{line}{_RESET}"


def _closing(count: _Count, fixes: _FixRows | None, color: bool, quiet: bool) -> Iterator[str]:
    """What follows the findings: the fixes (``--show-fixes``), the summary and the fixable count."""
    if fixes is not None:
        yield from fixes.lines()
    if quiet:
        return
    summary = _summary_of(count)
    yield (f"{_BOLD}{summary}{_RESET}" if color else summary) + "\n"
    fixable_count = _fixable_of(count.fixable)
    if fixable_count:
        yield fixable_count + "\n"


def text_lines(results: Iterable[Reported], color: bool = False, quiet: bool = False,
               show_fixes: bool = False) -> Iterator[str]:
    """The text report one line at a time (each with its newline), so the CLI can write it as it goes.
    Each file's findings are read once, as they are written.

    ``quiet`` leaves only the findings: no verdicts, no summary."""
    count = _Count()
    fixes = _FixRows() if show_fixes else None
    for result in results:
        for f in count.findings(result):
            if fixes is not None:
                fixes.add(result, f)
            yield finding_line(result, f, color) + "\n"
        verdict = None if quiet else _verdict_painted(result, color)
        if verdict is not None:
            yield f"{_judged(result)}: {verdict}\n"
    yield from _closing(count, fixes, color, quiet)


def _judged(result: Reported) -> str:
    """The path, and what in it the verdict is about when that is not the whole file (a compose service)."""
    subject = result.verdict.subject if result.verdict is not None else None
    return visible(result.path) + (f" ({visible(subject)})" if subject else "")


# The full format: each finding with its source line and a caret, wrapped for a terminal this wide.
WIDTH = 100
Sources = Mapping[str, Mapping[int, str]]


def _cells(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters take two, combining marks none."""
    # Imported here for start-up time: only the full format measures text.
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _shown(text: str) -> str:
    return visible(text.rstrip("\r\n").expandtabs(4))


def _snippet(f: Finding, source: str, room: int) -> tuple[str, str]:
    """The source line as shown (cut to ``room`` columns around the finding) and the caret line under it."""
    raw = source.rstrip("\r\n")
    column = min(max((f.column or 1) - 1, 0), len(raw))
    if raw.endswith(MASK) and column > len(raw) - len(MASK):
        column = len(raw) - len(MASK)  # a place inside a masked value: point at the mask
    before, rest = _shown(raw[:column]), _shown(raw[column:])
    span = len(f.key) if f.key and raw.startswith(f.key, column) else 1
    half = max(room // 2, 8)
    if _cells(before) > half:  # a long line: keep only the end of what precedes the finding
        before = "..." + before[-(half - 3):]
    line = before + rest
    if _cells(line) > room:
        line = line[: max(room - 3, len(before) + 1)] + "..."
    caret = " " * _cells(before) + "^" * max(1, min(span, room - _cells(before)))
    return line, caret


def _wrapped(text: str, width: int) -> list[str]:
    # Imported here for start-up time: only the full format wraps.
    import textwrap

    return textwrap.wrap(text, width=width, subsequent_indent="    ", break_long_words=False,
                         break_on_hyphens=False) or [text]


def full_lines(results: Iterable[Reported], color: bool = False, quiet: bool = False, show_fixes: bool = False,
               sources: Sources | None = None, width: int = WIDTH) -> Iterator[str]:
    """Each finding wrapped to ``width`` with its source line and a caret under the column, then the
    verdict per file and the summary. ``sources`` holds the lines a report may show (secret values
    masked); a finding without a line, or whose line is not there, shows none."""
    count = _Count()
    fixes = _FixRows() if show_fixes else None
    for result in results:
        lines = (sources or {}).get(result.path, {})
        for f in count.findings(result):
            if fixes is not None:
                fixes.add(result, f)
            rows = _wrapped(finding_line(result, f), width)
            if color:
                plain = f.severity.value
                rows[0] = rows[0].replace(f": {plain} ", f": {_paint(plain, _COLORS[f.severity], True)} ", 1)
            yield from (row + "\n" for row in rows)
            source = lines.get(f.line) if f.line is not None else None
            if source is not None:
                gutter = len(str(f.line))
                shown, caret = _snippet(f, source, width - gutter - 3)
                pad = " " * gutter
                yield f"{pad} |\n"
                yield f"{f.line} | {shown}\n"
                yield f"{pad} | {_paint(caret, _COLORS[f.severity], color)}\n"
            yield "\n"
        verdict = None if quiet else _verdict_painted(result, color)
        if verdict is not None:
            yield from (row + "\n" for row in _wrapped(f"{_judged(result)}: {verdict}", width))
    yield from _closing(count, fixes, color, quiet)


def full(results: Iterable[Reported], color: bool = False, quiet: bool = False, show_fixes: bool = False,
         sources: Sources | None = None, width: int = WIDTH) -> str:
    return "".join(full_lines(results, color, quiet, show_fixes, sources, width))


def fix_lines(results: Iterable[Reported]) -> Iterator[str]:
    """The fix each finding would get: the safe ones ``--fix`` applies, then the unsafe ones it leaves.

    Descriptions name keys and lines, never values (replacement text is not shown)."""
    rows = _FixRows()
    for r in results:
        for f in r.findings:
            rows.add(r, f)
    return rows.lines()


class _FixRows:
    """``fix_lines`` gathered while the findings are written."""

    def __init__(self) -> None:
        self.safe: list[str] = []
        self.unsafe: list[str] = []

    def add(self, r: Reported, f: Finding) -> None:
        if f.fix is None or not f.fix.edits:
            return
        row = f"  {visible(_location(r, f))}: {f.code} {visible(f.fix.description)}\n"
        (self.safe if f.fix.safe else self.unsafe).append(row)

    def lines(self) -> Iterator[str]:
        safe, unsafe = self.safe, self.unsafe
        if safe:
            yield "Fixes `--fix` would apply:\n"
            yield from safe
        if unsafe:
            yield "Unsafe fixes (`--fix` leaves them; apply by hand if they are right):\n"
            yield from unsafe
        if not safe and not unsafe:
            yield "No fixes available.\n"


def finding_json(f: Finding) -> dict[str, object]:
    """A finding as the JSON report has it: the one statement of its fields and their order. The report
    writes them with ``_finding_text``, which a test holds to laying out this dict."""
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "line": f.line,
        "column": f.column,
        "key": f.key,
        "message": f.message,
        "suggestion": f.suggestion,
        "fixable": fixable(f),
        "stops_startup": f.stops_startup,
    }


def _finding_text(item: object, indent: str) -> str:
    """``_indented(finding_json(f), indent)``, written out for the fields a finding has: laying out each
    finding's dict field by field was most of what JSON added to a lint of 20,000 findings (3 µs of
    4.5 a finding; a writer for flat dicts in general saved only 1). A field added to ``finding_json``
    must be added here: ``tests/test_reporters_sarif_github.py`` holds the two to the same text."""
    f: Finding = item  # type: ignore[assignment]
    inner = ",\n" + indent + "  "
    quote = _quote
    return "".join((
        "{\n", indent, '  "code": ', quote(f.code),
        inner, '"rule": ', quote(f.rule),
        inner, '"severity": ', quote(f.severity.value),
        inner, '"line": ', "null" if f.line is None else int.__repr__(f.line),
        inner, '"column": ', "null" if f.column is None else int.__repr__(f.column),
        inner, '"key": ', "null" if f.key is None else quote(f.key),
        inner, '"message": ', quote(f.message),
        inner, '"suggestion": ', "null" if f.suggestion is None else quote(f.suggestion),
        inner, '"fixable": ', "true" if fixable(f) else "false",
        inner, '"stops_startup": ', "true" if f.stops_startup else "false",
        "\n", indent, "}",
    ))


def _file_json(r: Reported, count: _Count | None = None) -> dict[str, object]:
    """A file's entry; its verdict is looked at only once its findings are written (``_Later``)."""
    findings = count.findings(r) if count is not None else r.findings
    return {
        "path": r.path,
        "score_version": r.line,
        "dialect": r.dialect,
        "provider": r.provider,
        **dict(r.source),
        "findings": _Items(findings, _finding_text),
        "verdict": _Later(lambda: _verdict_json(r)),
    }


def _verdict_json(r: Reported) -> dict[str, object] | None:
    if r.verdict is None:
        return None  # no "verdict" key at all
    verdict: dict[str, object] = {
        "starts": r.verdict.starts,
        "stopped_by": list(r.verdict.stopped_by),
        "not_as_written": list(r.verdict.not_as_written),
        "all_rules": r.verdict.all_rules,
    }
    if r.verdict.subject is not None:
        verdict["subject"] = r.verdict.subject
    return verdict


# json.dumps(ensure_ascii=False) leaves C1 controls, U+2028/U+2029 and bidirectional overrides as they are;
# written as \\u escapes the document means the same and cannot drive a terminal that shows it.
_JSON_UNSAFE = lazy("[\u0080-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _json_safe(text: str) -> str:
    if text.isascii():  # every character the pattern escapes is beyond ASCII: most pieces are spared it
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# The reports are json.dumps(indent=2) layouts written in pieces. json.dumps(indent=2) is the pure-Python
# encoder, and the whole text sits in memory: a 16 MiB file's SARIF took 43 s and 3 GB. Here the strings
# are quoted by the C encoder and a long list (a file's findings, SARIF's results) is written an item at
# a time, as it is made.
# The C encoder's functions, bound when the first JSON document is written (``_encoders``): the text
# report needs no json module, whose import was a twentieth of a plain run.
_quote: Callable[[str], str]  # the C quoting json.dumps(ensure_ascii=False) uses
_one_line: Callable[[object], str]  # the C encoder: no indent


def _encoders() -> None:
    global _quote, _one_line
    # Imported here: only JSON and SARIF reports need json (see above).
    import json
    from json.encoder import encode_basestring

    _quote, _one_line = encode_basestring, json.JSONEncoder(ensure_ascii=False).encode


@record(frozen=True)
class _Items:
    """A JSON list made and written one item at a time. ``write(item, indent)`` is the text of a whole
    item (None: the item holds lists of its own, written in pieces in turn)."""

    items: Iterable[object]
    write: Callable[[object, str], str] | None


@record(frozen=True)
class _Later:
    """An object field known only once what comes before it is written (a file's verdict, the summary):
    ``value()`` is asked when the field's turn comes; None leaves the field out."""

    value: Callable[[], object]


def _key(key: object) -> str:
    """A JSON object key, converted as json.dumps converts one."""
    if isinstance(key, str):
        return _quote(key)
    if isinstance(key, (bool, int, float)) or key is None:
        return _quote(_indented(key, ""))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _indented(value: object, indent: str) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` for a value placed on a line indented by ``indent``."""
    if isinstance(value, str):
        return _quote(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _one_line(value)  # NaN, Infinity and the shortest repr, as json writes them
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        fields = ",\n".join(f"{inner}{_key(k)}: {_indented(v, inner)}" for k, v in value.items())
        return f"{{\n{fields}\n{indent}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = ",\n".join(inner + _indented(v, inner) for v in value)
        return f"[\n{items}\n{indent}]"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _pieces(value: object, indent: str = "") -> Iterator[str]:
    """``_indented(value, indent)`` in pieces: each ``_Items`` list is written an item at a time."""
    inner = indent + "  "
    if isinstance(value, _Items):
        opening = "[\n" + inner
        for item in value.items:
            if value.write is None:
                yield opening
                yield from _pieces(item, inner)
            else:
                yield opening + value.write(item, inner)
            opening = ",\n" + inner
        yield "[]" if opening.startswith("[") else f"\n{indent}]"
    elif isinstance(value, dict) and value:
        opening = "{\n"
        for k, v in value.items():
            if isinstance(v, _Later):
                v = v.value()
                if v is None:
                    continue
            yield f"{opening}{inner}{_key(k)}: "
            yield from _pieces(v, inner)
            opening = ",\n"
        yield f"\n{indent}}}"
    elif isinstance(value, (list, tuple)) and value:
        opening = "[\n"
        for v in value:
            yield opening + inner
            yield from _pieces(v, inner)
            opening = ",\n"
        yield f"\n{indent}]"
    else:
        yield _indented(value, indent)


def _document(payload: object) -> Iterator[str]:
    """``json.dumps(payload, indent=2, ensure_ascii=False)`` and a newline, in pieces, the dangerous
    characters escaped in each."""
    _encoders()
    for piece in _pieces(payload):
        yield _json_safe(piece)
    yield "\n"


def json_lines(results: Iterable[Reported], color: bool = False) -> Iterator[str]:
    """The JSON report in pieces as it is made, a finding at a time (the summary is counted on the way)."""
    count = _Count()
    files = _Items((_file_json(r, count) for r in results), None)
    yield from _document({"version": JSON_VERSION, "files": files, "summary": _Later(count.summary)})


def json_report(results: Iterable[Reported], color: bool = False) -> str:
    """The versioned JSON contract documented in docs/cli.md."""
    return "".join(json_lines(results, color))


@record(frozen=True)
class Statistic:
    code: str
    name: str
    count: int
    fixable_count: int

    @property
    def mark(self) -> str:
        """``[*]`` all fixable, ``[~]`` some, ``[ ]`` none (as ruff's ``--statistics``)."""
        if self.fixable_count == self.count:
            return FIX_MARK
        return "[~]" if self.fixable_count else "[ ]"


def statistics(results: Iterable[Reported]) -> list[Statistic]:
    """Findings counted per code, most frequent first."""
    counts: Counter[str] = Counter()
    fixes: Counter[str] = Counter()
    names: dict[str, str] = {}
    for r in results:
        for f in r.findings:
            counts[f.code] += 1
            fixes[f.code] += fixable(f)
            names.setdefault(f.code, f.rule)
    return [Statistic(code, names[code], n, fixes[code]) for code, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def statistics_text(results: Iterable[Reported], color: bool = False) -> str:
    """``  12  SL101  [*] unknown-name`` per code, then the fixable count."""
    rows = statistics(results)
    width = max((len(str(r.count)) for r in rows), default=1)
    out = [f"{r.count:>{width}}  {r.code}  {r.mark} {r.name}\n" for r in rows]
    fixes = _fixable_of(sum(r.fixable_count for r in rows))  # read the findings once
    if fixes:
        out.append(fixes + "\n")
    return "".join(out)


def statistics_json(results: Iterable[Reported], color: bool = False) -> str:
    rows = [{"code": r.code, "name": r.name, "count": r.count, "fixable_count": r.fixable_count} for r in statistics(results)]
    return "".join(_document(rows))


STATISTICS: dict[str, Callable[..., str]] = {"text": statistics_text, "json": statistics_json}


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = SITE_URL
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DOC_SECTION = lazy(r"^## (.+)$", re.M)


def rule_url(rule: ModuleType) -> str:
    """The rule's page in the generated reference."""
    return rule_url_of(rule.CODE, rule.NAME)


def _doc_sections(rule: ModuleType) -> tuple[str, dict[str, str]]:
    """(first line, {section title: text}) of a rule docstring."""
    doc = (rule.__doc__ or "").strip()
    parts = _DOC_SECTION.split(doc)
    summary = parts[0].strip().splitlines()[0] if parts[0].strip() else rule.NAME
    return summary, {t.strip(): b.strip() for t, b in zip(parts[1::2], parts[2::2])}


def _sarif_rule(rule: ModuleType) -> dict[str, object]:
    summary, sections = _doc_sections(rule)
    what = " ".join(sections.get("What it does", summary).split())
    return {
        "id": rule.CODE,
        "name": rule.NAME,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": what},
        "help": {"text": what, "markdown": (rule.__doc__ or "").strip()},
        "helpUri": rule_url(rule),
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.SEVERITY]},
        "properties": {"fix": rule.FIX},
    }


def _artifact_uri(path: str, root: Path) -> str:
    """A URI relative to ``root`` when the file lies under it, else an absolute ``file://`` URI."""
    # Imported here, as SARIF's other needs are: pathlib and urllib.parse are a tenth of a plain lint's start-up.
    from pathlib import Path, PurePosixPath
    from urllib.parse import quote

    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(root)
        except ValueError:
            return p.as_uri()
    return quote(PurePosixPath(*p.parts).as_posix() if p.parts else ".", safe="/")


def sarif(results: Sequence[Reported], color: bool = False, root: Path | None = None) -> str:
    """SARIF 2.1.0: every rule with its help and page, and each finding at its file, line and column.

    Only codes, keys and messages are written (messages never quote a value); fixes are left out
    because their replacement text may be a value.
    """
    return "".join(sarif_lines(results, color, root))


def _sarif_results(results: Iterable[Reported], base: Path, index: Mapping[str, int]) -> Iterator[dict[str, object]]:
    for r in results:
        uri = _artifact_uri(r.path, base)
        for f in r.findings:
            item: dict[str, object] = {"ruleId": f.code}
            if f.code in index:
                item["ruleIndex"] = index[f.code]
            item["level"] = _SARIF_LEVEL[f.severity]
            item["message"] = {"text": f.message}
            physical: dict[str, object] = {"artifactLocation": {"uri": uri}}
            if f.line is not None:  # a finding about the whole file (a missing setting) has no region
                region: dict[str, int] = {"startLine": f.line}
                if f.column is not None:
                    region["startColumn"] = f.column
                physical["region"] = region
            item["locations"] = [{"physicalLocation": physical}]
            if f.key is not None:
                item["properties"] = {"key": f.key}
            yield item


def _on_its_line(item: object, indent: str) -> str:
    return _one_line(item)


def sarif_lines(results: Iterable[Reported], color: bool = False, root: Path | None = None,
                drift: bool | None = None) -> Iterator[str]:
    """The SARIF log in pieces: the rules laid out as json.dumps(indent=2) would, then one result a line
    (the C encoder), each written as it is made. Only whether a drift code is among the findings is
    looked up first, for the rules list; ``drift=False`` says there is none (the findings of a lint,
    which can then be read once, as they are made)."""
    # Imported here for start-up time: only SARIF needs the rule modules' documentation.
    from score_lint.lint.rules import RULES

    rules = RULES
    if drift is None:
        results = list(results)
        drift = any(f.code.startswith("SL4") for r in results for f in r.findings)
    if drift:
        # Only then: the drift rules load the Markdown layer.
        from score_lint.drift.rules import DRIFT_RULES

        rules = rules + DRIFT_RULES
    if root is not None:
        base = root
    else:
        from pathlib import Path  # as in _artifact_uri: not on the lint path

        base = Path(os.getcwd())
    index = {rule.CODE: i for i, rule in enumerate(rules)}
    payload = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "score-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": _Items(_sarif_results(results, base, index), _on_its_line),
            }
        ],
    }
    yield from _document(payload)


def rule_text(rule: ModuleType) -> str:
    """A rule's documentation for the terminal: heading, severity, fix, then its docstring."""
    summary, _ = _doc_sections(rule)
    body = (rule.__doc__ or "").strip()
    body = body[len(summary):].lstrip("\n") if body.startswith(summary) else body
    head = f"# {rule.CODE} {rule.NAME}"
    meta = f"{summary}\n\nSeverity: {severity_text(rule)}. Fix: {rule.FIX}. Page: {rule_url(rule)}"
    return f"{head}\n\n{meta}\n\n{body}\n"


def severity_text(rule: ModuleType) -> str:
    """The severities a rule emits, the usual one first: ``error`` or ``error, warning``."""
    return ", ".join(s.value for s in rule_severities(rule))


def rule_index(rules: Sequence[ModuleType]) -> str:
    """One line per rule: code, name, severities, fix availability and summary."""
    width = max((len(r.NAME) for r in rules), default=0)
    levels = max((len(severity_text(r)) for r in rules), default=0)
    lines = [
        f"{r.CODE}  {r.NAME:<{width}}  {severity_text(r):<{levels}}  {r.FIX:<6}  {_doc_sections(r)[0]}"
        for r in rules
    ]
    return "".join(line.rstrip() + "\n" for line in lines)


_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github(results: Iterable[Reported], color: bool = False) -> str:
    """One GitHub Actions workflow command (``::error file=...,line=...::message``) per finding."""
    return "".join(github_lines(results, color))


def github_lines(results: Iterable[Reported], color: bool = False) -> Iterator[str]:
    """The workflow commands one line at a time (each with its newline), written as they are made."""
    for r in results:
        path = _gh_property(r.path)
        for f in r.findings:
            props = [f"file={path}", f"line={f.line or 1}"]
            if f.line is not None and f.column is not None:
                props.append(f"col={f.column}")
            props.append(f"title={_gh_property(f'{f.code} {f.rule}')}")
            yield f"::{_GITHUB_COMMAND[f.severity]} {','.join(props)}::{_gh_data(f.message)}\n"


REPORTERS: dict[str, Callable[..., str]] = {
    "text": text, "full": full, "json": json_report, "sarif": sarif, "github": github,
}
# The same reports in pieces, for writing as they are made: the CLI writes them so, and a report of a huge
# file never sits in memory whole. Each takes what its REPORTERS function takes.
STREAMS: dict[str, Callable[..., Iterator[str]]] = {
    "text": text_lines, "full": full_lines, "json": json_lines, "sarif": sarif_lines, "github": github_lines,
}
# The formats a person reads: their streams also take quiet and show_fixes (full: sources and width too).
STREAMED: dict[str, Callable[..., Iterator[str]]] = {fmt: STREAMS[fmt] for fmt in ("text", "full")}
