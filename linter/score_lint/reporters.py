"""Render lint results: pure functions from results to text, in one registry."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring as _quote  # C speed, ensure_ascii=False quoting
from pathlib import Path, PurePosixPath
from types import ModuleType
from urllib.parse import quote

from score_lint.findings import SITE_URL, Finding, Result, Severity, visible
from score_lint.findings import rule_url as rule_url_of

JSON_VERSION = 1

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET, _BOLD = "\x1b[0m", "\x1b[1m"


def _location(result: Result, finding: Finding) -> str:
    if finding.line is None:
        return f"{result.path}:1:1"
    return f"{result.path}:{finding.line}:{finding.column or 1}"


def _summary(results: Sequence[Result]) -> dict[str, int]:
    counts = Counter(f.severity.value for r in results for f in r.findings)
    return {
        "files": len(results),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }


def text(results: Sequence[Result], color: bool = False) -> str:
    """``path:line:col: severity code message`` per finding, then a one-line summary."""
    return "".join(text_lines(results, color))


_visible = visible  # control characters from a name in the file, shown escaped (findings.visible)


def text_lines(results: Sequence[Result], color: bool = False) -> Iterator[str]:
    """The text report one line at a time (each with its newline), so the CLI can write it as it goes."""
    for result in results:
        for f in result.findings:
            severity = f.severity.value
            if color:
                severity = f"{_COLORS[f.severity]}{severity}{_RESET}"
            suffix = f" [{f.rule}]"
            yield f"{_visible(_location(result, f))}: {severity} {f.code} {_visible(f.message)}{suffix}\n"
    s = _summary(results)
    line = f"{s['files']} file{'s' if s['files'] != 1 else ''} checked: {s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos"
    yield (f"{_BOLD}{line}{_RESET}" if color else line) + "\n"


def finding_json(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "line": f.line,
        "column": f.column,
        "key": f.key,
        "message": f.message,
        "suggestion": f.suggestion,
        "fixable": f.fix is not None and f.fix.safe,
    }


# json.dumps(ensure_ascii=False) leaves C1 controls, U+2028/U+2029 and bidirectional overrides as they are;
# written as \\u escapes the document means the same and cannot drive a terminal that shows it.
_JSON_UNSAFE = re.compile("[\u0080-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _json_text(payload: object) -> str:
    return "".join(_json_chunks(payload, {}))


def _json_safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Big lists (a file's findings, SARIF's results) are left out of the document as a marker and written
# item by item: json.dumps(indent=2) is pure Python, and a 16 MiB file's SARIF took 43 s and 3 GB whole.
_MARK = "\x00score-lint:{}\x00"
_MARK_RE = re.compile(r'"\\u0000score-lint:(\d+)\\u0000"')


def _json_chunks(payload: object, lists: Mapping[int, Callable[[str], Iterator[str]]]) -> Iterator[str]:
    """``json.dumps(payload, indent=2)`` in pieces; marker ``i`` stands for the list ``lists[i]`` writes.

    ``lists[i](indent)`` yields the list's items, each a complete JSON text indented for its place.
    """
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    pos = 0
    for match in _MARK_RE.finditer(text):
        yield _json_safe(text[pos:match.start()])
        line = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        indent = line[: len(line) - len(line.lstrip(" "))]
        items = lists[int(match.group(1))](indent + "  ")
        first = next(items, None)
        if first is None:
            yield "[]"
        else:
            yield "[\n" + _json_safe(first)
            for item in items:
                yield ",\n" + _json_safe(item)
            yield "\n" + indent + "]"
        pos = match.end()
    yield _json_safe(text[pos:]) + "\n"


def _flat_object(item: Mapping[str, object], indent: str) -> str:
    """``json.dumps(item, indent=2)`` of a flat object placed at ``indent``, with C-speed string quoting."""
    inner = indent + "  "
    fields = ",\n".join(f"{inner}{_quote(key)}: {_scalar(value)}" for key, value in item.items())
    return f"{indent}{{\n{fields}\n{indent}}}"


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return _quote(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return json.dumps(value)


def json_report(results: Sequence[Result], color: bool = False) -> str:
    """The versioned JSON contract documented in docs/cli.md."""
    return "".join(json_lines(results))


def json_lines(results: Sequence[Result], color: bool = False) -> Iterator[str]:
    """The JSON report in pieces, written as it is made (a finding at a time)."""
    lists: dict[int, Callable[[str], Iterator[str]]] = {}

    def findings_of(result: Result) -> Callable[[str], Iterator[str]]:
        return lambda indent: (_flat_object(finding_json(f), indent) for f in result.findings)

    files = []
    for index, r in enumerate(results):
        lists[index] = findings_of(r)
        files.append({"path": r.path, "score_version": r.line, "dialect": r.dialect, "provider": r.provider,
                      "findings": _MARK.format(index)})
    payload = {"version": JSON_VERSION, "files": files, "summary": _summary(results)}
    yield from _json_chunks(payload, lists)


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = SITE_URL
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DOC_SECTION = re.compile(r"^## (.+)$", re.M)


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
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(root)
        except ValueError:
            return p.as_uri()
    return quote(PurePosixPath(*p.parts).as_posix() if p.parts else ".", safe="/")


def sarif(results: Sequence[Result], color: bool = False, root: Path | None = None) -> str:
    """SARIF 2.1.0: every rule with its help and page, and each finding at its file, line and column.

    Only codes, keys and messages are written (messages never quote a value); fixes are left out
    because their replacement text may be a value.
    """
    return "".join(sarif_lines(results, color, root))


def sarif_lines(results: Sequence[Result], color: bool = False, root: Path | None = None) -> Iterator[str]:
    """The SARIF log in pieces: the rules indented, then one result a line, written as it is made."""
    # Imported here for start-up time: only SARIF needs the rule modules' documentation.
    from score_lint.lint.rules import RULES

    rules = RULES
    if any(f.code.startswith("SL4") for r in results for f in r.findings):
        from score_lint.drift.rules import (
            DRIFT_RULES,  # only then: drift rules load the Markdown layer
        )

        rules = rules + DRIFT_RULES
    base = root if root is not None else Path(os.getcwd())
    index = {rule.CODE: i for i, rule in enumerate(rules)}

    def sarif_results(indent: str) -> Iterator[str]:
        for r in results:
            uri = _artifact_uri(r.path, base)
            for f in r.findings:
                item: dict[str, object] = {"ruleId": f.code}
                if f.code in index:
                    item["ruleIndex"] = index[f.code]
                item["level"] = _SARIF_LEVEL[f.severity]
                item["message"] = {"text": f.message}
                region: dict[str, int] = {"startLine": f.line or 1}
                if f.line is not None and f.column is not None:
                    region["startColumn"] = f.column
                item["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}]
                if f.key is not None:
                    item["properties"] = {"key": f.key}
                yield indent + json.dumps(item, ensure_ascii=False)  # one line: the C encoder's speed
    from score_lint import __version__

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
                "results": _MARK.format(0),
            }
        ],
    }
    yield from _json_chunks(payload, {0: sarif_results})


def rule_text(rule: ModuleType) -> str:
    """A rule's documentation for the terminal: heading, severity, fix, then its docstring."""
    summary, _ = _doc_sections(rule)
    body = (rule.__doc__ or "").strip()
    body = body[len(summary):].lstrip("\n") if body.startswith(summary) else body
    head = f"# {rule.CODE} {rule.NAME}"
    meta = f"{summary}\n\nSeverity: {rule.SEVERITY.value}. Fix: {rule.FIX}. Page: {rule_url(rule)}"
    return f"{head}\n\n{meta}\n\n{body}\n"


def rule_index(rules: Sequence[ModuleType]) -> str:
    """One line per rule: code, name, severity, fix availability and summary."""
    width = max((len(r.NAME) for r in rules), default=0)
    lines = [
        f"{r.CODE}  {r.NAME:<{width}}  {r.SEVERITY.value:<7}  {r.FIX:<6}  {_doc_sections(r)[0]}" for r in rules
    ]
    return "".join(line.rstrip() + "\n" for line in lines)


_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github(results: Sequence[Result], color: bool = False) -> str:
    """One GitHub Actions workflow command (``::error file=...,line=...::message``) per finding."""
    return "".join(github_lines(results))


def github_lines(results: Sequence[Result], color: bool = False) -> Iterator[str]:
    """The workflow commands one line at a time."""
    for r in results:
        path = _gh_property(r.path)
        for f in r.findings:
            props = [f"file={path}", f"line={f.line or 1}"]
            if f.line is not None and f.column is not None:
                props.append(f"col={f.column}")
            props.append(f"title={_gh_property(f'{f.code} {f.rule}')}")
            yield f"::{_GITHUB_COMMAND[f.severity]} {','.join(props)}::{_gh_data(f.message)}\n"


REPORTERS: dict[str, Callable[..., str]] = {"text": text, "json": json_report, "sarif": sarif, "github": github}
# The same reports in pieces, for writing as they are made (the CLI does).
STREAMS: dict[str, Callable[..., Iterator[str]]] = {
    "text": text_lines, "json": json_lines, "sarif": sarif_lines, "github": github_lines,
}
