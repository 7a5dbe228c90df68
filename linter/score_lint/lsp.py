"""`score-lint lsp`: a language server for `.env.score` files (pygls lives here and only here).

No editor applies a JSON Schema to an env file, so this server brings the linter to it: diagnostics from
the same engine and rules as the command line on open, change and save; hover with the setting's
documentation; completion of setting names and of boolean, enum and profile values; quick fixes for
findings that carry a fix. Each request re-reads the document and lints it again: a Score env file is a
few dozen lines and the engine takes milliseconds, so there is no state to keep in step.

Options come, lowest first, from the file's `[tool.score-lint]` configuration, the client's
``initializationOptions`` (``{"scoreVersion": "5.11", "dialect": "docker", "provider": "s3"}``) and the
command line's flags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from score_lint import __version__
from score_lint.binding import Kind, Model
from score_lint.catalogue.describe import markdown_description, value_choices
from score_lint.envfile import EnvFileError
from score_lint.findings import Edit, Finding, InputError, Result, Severity, rule_url
from score_lint.lines import LINES, PROVIDERS
from score_lint.plan import Planner, Request
from score_lint.plan import lint_text as lint_text_plan

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_KEY = re.compile(r"^(?P<lead>[ \t]*(?:export[ \t]+)?)(?P<key>[^=\s#][^=]*?)?[ \t]*(?P<eq>=|$)")
_CHOICE_TYPES = ("boolean", "on-unless-false", "enum", "log-level")


# --- positions -------------------------------------------------------------------------------------


def utf16(text: str, column: int) -> int:
    """LSP counts UTF-16 code units; the engine counts code points (0-based here)."""
    return len(text[:column].encode("utf-16-le", "surrogatepass")) // 2


def from_utf16(text: str, units: int) -> int:
    count = 0
    for index, ch in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n")]


def _position(lines: Sequence[str], line: int, column: int) -> lsp.Position:
    """A 0-based line and code-point column as an LSP position."""
    text = lines[line] if 0 <= line < len(lines) else ""
    return lsp.Position(line=line, character=utf16(text, column))


def finding_range(finding: Finding, lines: Sequence[str]) -> lsp.Range:
    """The key of the finding's line when it starts there, else the rest of the line; file-wide: 0:0."""
    if finding.line is None:
        origin = lsp.Position(line=0, character=0)
        return lsp.Range(start=origin, end=origin)
    row = finding.line - 1
    text = lines[row] if row < len(lines) else ""
    start = (finding.column or 1) - 1
    if finding.key and text.startswith(finding.key, start):
        end = start + len(finding.key)
    else:
        end = max(start, len(text.rstrip()))
    return lsp.Range(start=_position(lines, row, start), end=_position(lines, row, end))


def edit_range(edit: Edit, lines: Sequence[str]) -> lsp.Range:
    row = edit.line - 1
    if edit.end == -1:  # the whole line with its line ending
        return lsp.Range(start=lsp.Position(line=row, character=0), end=lsp.Position(line=row + 1, character=0))
    return lsp.Range(start=_position(lines, row, edit.start - 1), end=_position(lines, row, edit.end - 1))


# --- one document, linted ---------------------------------------------------------------------------


@dataclass
class Settings:
    """What the command line and the client asked for; the file's configuration fills the rest."""

    line: str | None = None
    dialect: str | None = None
    provider: str | None = None
    config_file: Path | None = None
    isolated: bool = False
    _planner: Planner | None = field(default=None, repr=False)

    def update(self, options: Mapping[str, Any] | None) -> None:
        """Take ``initializationOptions``; values the command line gave keep precedence."""
        if not isinstance(options, Mapping):
            return
        line, dialect, provider = options.get("scoreVersion"), options.get("dialect"), options.get("provider")
        if self.line is None and line in LINES:
            self.line = line
        if self.dialect is None and dialect in ("docker", "compose"):
            self.dialect = dialect
        if self.provider is None and provider in PROVIDERS:
            self.provider = provider
        self._planner = None

    @property
    def planner(self) -> Planner:
        """The run plan shared with the command line (configuration search, models of a docs tree)."""
        if self._planner is None:
            request = Request(line=self.line, dialect=self.dialect, provider=self.provider,
                              config_file=self.config_file, isolated=self.isolated)
            self._planner = Planner(request)
        return self._planner


@dataclass(frozen=True)
class Linted:
    """A document's text, its lines and the engine's result (or the one-line reason it has none)."""

    text: str
    lines: list[str]
    result: Result | None
    model: Model | None
    error: str | None = None


def lint_text(text: str, path: str | None, settings: Settings) -> Linted:
    lines = _lines(text)
    try:
        result, model = lint_text_plan(settings.planner, text.encode("utf-8", "surrogateescape"), path)
    except (EnvFileError, InputError) as exc:
        return Linted(text, lines, None, None, str(exc))
    return Linted(text, lines, result, model)


def diagnostics(doc: Linted) -> list[lsp.Diagnostic]:
    if doc.result is None:
        origin = lsp.Position(line=0, character=0)
        return [
            lsp.Diagnostic(
                range=lsp.Range(start=origin, end=origin),
                message=f"score-lint cannot lint this file: {doc.error}",
                severity=lsp.DiagnosticSeverity.Error,
                source="score-lint",
            )
        ]
    return [_diagnostic(f, doc.lines) for f in doc.result.findings]


def _diagnostic(finding: Finding, lines: Sequence[str]) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=finding_range(finding, lines),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.code,
        code_description=lsp.CodeDescription(href=rule_url(finding.code, finding.rule)),
        source="score-lint",
    )


@dataclass(frozen=True)
class _LineKey:
    key: str
    start: int  # code points, 0-based
    end: int
    equals: int | None  # column of the first '=', if any


def _line_key(text: str) -> _LineKey | None:
    if text.lstrip().startswith("#"):
        return None
    match = _KEY.match(text)
    if match is None:
        return None
    key = match.group("key") or ""
    start = len(match.group("lead"))
    equals = text.find("=")
    return _LineKey(key.strip(), start, start + len(key.strip()), equals if equals >= 0 else None)


def _setting_markdown(model: Model, name: str) -> str | None:
    setting = model.setting(name)
    if setting is None:
        return None
    return f"**{setting.name}**\n\n{markdown_description(setting)}"


def hover_markdown(doc: Linted, line: int, character: int) -> str | None:
    """The documentation of the name under the cursor (anywhere on its key)."""
    if doc.model is None or not 0 <= line < len(doc.lines):
        return None
    text = doc.lines[line]
    found = _line_key(text)
    column = from_utf16(text, character)
    if found is None or not found.key or not found.start <= column <= found.end:
        return None
    model, key = doc.model, found.key
    res = model.resolve(key)
    where = f"Score {model.line} ({model.provider})"
    if res.kind is Kind.CANONICAL or res.kind is Kind.PATTERN:
        return _setting_markdown(model, key)
    if res.kind in (Kind.ALIAS, Kind.PARTIAL):
        how = "binds only partly to" if res.kind is Kind.PARTIAL else "binds to"
        base = _setting_markdown(model, key) or ""
        return f"`{key}` {how} `{res.canonical}`, the canonical spelling.\n\n---\n\n{base}"
    if res.kind is Kind.UNBOUND:
        use = ", ".join(f"`{s}`" for s in res.suggestions)
        return f"`{key}` binds nothing on {where}. {res.reason}" + (f"\n\nUse {use}." if use else "")
    if res.kind in (Kind.OTHER_LINE, Kind.OTHER_PROVIDER):
        lines = ", ".join(res.lines)
        providers = ", ".join(res.providers)
        return f"`{key}` is not read on {where}; Score lines {lines} read it with {providers} storage."
    if res.kind is Kind.FOREIGN:
        return f"`{key}` is not a Spring setting: it is read by {res.reason}."
    hint = ", ".join(f"`{s}`" for s in res.suggestions)
    return f"{where} reads no variable named `{key}`." + (f" Did you mean {hint}?" if hint else "")


def completions(doc: Linted, line: int, character: int) -> list[lsp.CompletionItem]:
    if doc.model is None or not 0 <= line < len(doc.lines):
        return []
    text = doc.lines[line]
    column = from_utf16(text, character)
    if text.lstrip().startswith("#"):
        return []
    found = _line_key(text)
    if found is None or found.equals is None or column <= found.equals:
        return _name_items(doc.model)
    return _value_items(doc.model, found.key)


def _name_items(model: Model) -> list[lsp.CompletionItem]:
    items = []
    for setting in model.settings.values():
        doc = _setting_markdown(model, setting.name) or ""
        items.append(
            lsp.CompletionItem(
                label=setting.name,
                kind=lsp.CompletionItemKind.Variable,
                detail=f"{setting.type}, {'required' if setting.required else 'optional'}",
                documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=doc),
                insert_text=f"{setting.name}=",
                sort_text=("0" if setting.required else "1") + setting.name,
            )
        )
    return items


def _value_items(model: Model, key: str) -> list[lsp.CompletionItem]:
    setting = model.setting(key)
    if setting is None:
        return []
    if setting.type == "profiles":
        return [
            lsp.CompletionItem(
                label=p.name,
                kind=lsp.CompletionItemKind.EnumMember,
                detail=p.role,
                documentation=p.effect,
            )
            for p in model.profiles
            if p.role != "none"
        ]
    if setting.type not in _CHOICE_TYPES:
        return []
    return [
        lsp.CompletionItem(label=value, kind=lsp.CompletionItemKind.EnumMember, detail=help_text, insert_text=value)
        for value, help_text in value_choices(setting)
    ]


def code_actions(doc: Linted, uri: str, first: int, last: int) -> list[lsp.CodeAction]:
    """A quick fix for every finding with a fix whose range touches lines ``first``..``last`` (0-based)."""
    if doc.result is None:
        return []
    actions = []
    for finding in doc.result.findings:
        if finding.fix is None:
            continue
        span = finding_range(finding, doc.lines)
        if finding.line is None or span.end.line < first or span.start.line > last:
            continue
        edits = [lsp.TextEdit(range=edit_range(e, doc.lines), new_text=e.text) for e in finding.fix.edits]
        actions.append(
            lsp.CodeAction(
                title=finding.fix.description,
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[_diagnostic(finding, doc.lines)],
                edit=lsp.WorkspaceEdit(changes={uri: edits}),
                is_preferred=finding.fix.safe,
            )
        )
    return actions


# --- the server ------------------------------------------------------------------------------------


def create_server(settings: Settings) -> LanguageServer:
    server = LanguageServer("score-lint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)

    def linted(uri: str) -> Linted:
        document = server.workspace.get_text_document(uri)
        return lint_text(document.source, document.path if uri.startswith("file:") else None, settings)

    def publish(uri: str) -> None:
        document = server.workspace.get_text_document(uri)
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics(linted(uri)), version=document.version)
        )

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        settings.update(params.initialization_options)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(params: lsp.HoverParams) -> lsp.Hover | None:
        text = hover_markdown(linted(params.text_document.uri), params.position.line, params.position.character)
        if text is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["=", ","]))
    def completion(params: lsp.CompletionParams) -> lsp.CompletionList:
        items = completions(linted(params.text_document.uri), params.position.line, params.position.character)
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
    )
    def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        return code_actions(linted(uri), uri, params.range.start.line, params.range.end.line)

    return server


def serve(settings: Settings) -> None:
    """Speak LSP on stdin/stdout until the client says exit."""
    create_server(settings).start_io()
