"""`score-lint lsp`: a language server for `.env.score` files (pygls lives here and only here).

No editor applies a JSON Schema to an env file, so this server brings the linter to it: diagnostics from
the same engine and rules as the command line on open, change and save; hover with the setting's
documentation; completion of setting names and of boolean, enum and profile values; quick fixes for
findings that carry a fix. Each request re-reads the document and lints it again: a Score env file is a
few dozen lines and the engine takes milliseconds, so there is no state to keep in step. Diagnostics are
published when the input is idle, so a storm of changes is linted once, at its last version.

The wire is read here, not by pygls (see "the wire" below): every message is answered or refused
whatever its ``Content-Length`` says, messages and documents are bounded, and a document the client
never opened is never read from disk.

Options come, lowest first, from the file's `[tool.score-lint]` configuration, the client's
``initializationOptions`` (``{"scoreVersion": "5.11", "dialect": "docker", "provider": "s3"}``) and the
command line's flags.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

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


# Documents past this are not linted (the command line refuses such env files too); messages past the
# second bound are not even read whole (JSON escapes can make a document's message far bigger than it).
MAX_DOCUMENT_BYTES = 16 * 2**20
MAX_MESSAGE_BYTES = 32 * 2**20
MAX_DIAGNOSTICS = 1000


def _size(text: str) -> int:
    """The UTF-8 size of ``text`` where it matters; its length (a bound either way) when that decides."""
    if len(text) > MAX_DOCUMENT_BYTES or len(text) * 4 <= MAX_DOCUMENT_BYTES:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _too_large(size: int, how: str = "") -> str:
    return (f"the document is too large ({size / 2**20:.1f} MiB{how}): score-lint lints documents of at most "
            f"{MAX_DOCUMENT_BYTES // 2**20} MiB")


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
    size = _size(text)
    if size > MAX_DOCUMENT_BYTES:
        return Linted(text, [], None, None, _too_large(size))
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
    findings = doc.result.findings
    if len(findings) <= MAX_DIAGNOSTICS:
        return [_diagnostic(f, doc.lines) for f in findings]
    # An editor shows a few hundred at most; turning 500,000 into LSP objects took half a minute.
    shown = [_diagnostic(f, doc.lines) for f in findings[: MAX_DIAGNOSTICS - 1]]
    origin = lsp.Position(line=0, character=0)
    shown.append(lsp.Diagnostic(
        range=lsp.Range(start=origin, end=origin), severity=lsp.DiagnosticSeverity.Information,
        message=(f"score-lint found {len(findings):,} problems in this file; the first {MAX_DIAGNOSTICS - 1:,} are "
                 "shown (score-lint FILE on the command line lists them all)"),
        source="score-lint"))
    return shown


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


def _linted(server: LanguageServer, uri: str) -> Linted:
    settings: Settings = server.score_lint_settings  # type: ignore[attr-defined]
    refused = server_state(server).refused.get(uri)
    if refused is not None:
        return Linted("", [], None, None, refused)
    document = _open_document(server, uri)
    if document is None:
        return Linted("", [], None, None, "the document is not open")
    return lint_text(document.source, document.path if uri.startswith("file:") else None, settings)


def _open_document(server: LanguageServer, uri: str) -> Any:
    """The document the client opened, or None. pygls's ``get_text_document`` reads any other URI from
    disk, unbounded: a hover on ``file:///dev/zero`` or a named pipe would never return."""
    documents = server.workspace.text_documents
    return documents.get(uri) or documents.get(unquote(uri))


def _publish(server: LanguageServer, uri: str) -> None:
    document = _open_document(server, uri)
    if document is None:
        return
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics(_linted(server, uri)), version=document.version)
    )


def create_server(settings: Settings) -> LanguageServer:
    server = LanguageServer("score-lint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
    server.score_lint_settings = settings  # type: ignore[attr-defined]

    def linted(uri: str) -> Linted:
        return _linted(server, uri)

    def publish_soon(uri: str) -> None:
        # Linted when the input is idle (serve): a storm of changes is linted once, at its last version.
        server_state(server).pending[uri] = None

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        settings.update(params.initialization_options)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        publish_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        publish_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        publish_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        state = server_state(server)
        state.pending.pop(params.text_document.uri, None)
        state.refused.pop(params.text_document.uri, None)
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


# --- the wire ---------------------------------------------------------------------------------------
#
# pygls reads ``Content-Length`` and trusts it: a negative, missing or wrong length leaves its loop out
# of step with the stream for good (the server runs on and never answers again), and a length of
# 99999999999 makes it allocate that much and die. Here the length is a hint: a message is the JSON
# value that starts after the headers, found by scanning it (JSON delimits itself), so a wrong length
# costs nothing and garbage is skipped up to the next header. Every request gets an answer or an
# error; a message past MAX_MESSAGE_BYTES is skipped without keeping it, and refused.

_HEADER_END = re.compile(rb"\r?\n\r?\n")
# Where the next message may start: a header, or a body without headers at the start of a line.
_NEXT_HEADER = re.compile(rb"(?i)content-(?:length|type)[ \t]*:|(?<=\n)[{\[]")
_MAX_HEADER = 8192
# Outside strings JSON has only these bytes; a header line glued to a body ("Content-Length") is not JSON.
_JSON_OUTSIDE = frozenset(b" \t\r\n{}[],:0123456789-+.eEtrufalsn")
_INTERESTING = re.compile(rb'[{}\[\]"\\]')
_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')
_METHOD = re.compile(rb'"method"\s*:\s*"([^"\\]*)"')
_URI = re.compile(rb'"uri"\s*:\s*"([^"\\]*)"')


@dataclass(frozen=True)
class Frame:
    """One message off the wire: its body, or why it was refused (with what could be read of it)."""

    body: bytes | None
    refused: str | None = None
    id: int | str | None = None
    method: str | None = None
    uri: str | None = None
    size: int = 0


class Framer:
    """Cuts a byte stream into LSP messages, whatever their headers say (see above)."""

    def __init__(self, limit: int = MAX_MESSAGE_BYTES) -> None:
        self.limit = limit
        self.buffer = bytearray()
        self.in_body = False
        self.skipping = False  # past the limit: scanning on without keeping the bytes
        self.head = b""  # the first bytes of a skipped message, for its id, method and uri
        self.skipped = 0
        self._reset_scan()

    def _reset_scan(self) -> None:
        self.depth = 0
        self.in_string = False
        self.escape = False
        self.scanned = 0  # bytes of the body already scanned
        self.started = False

    def feed(self, data: bytes) -> list[Frame]:
        self.buffer += data
        frames: list[Frame] = []
        while True:
            frame = self._next()
            if frame is None:
                return frames
            frames.append(frame)

    def _next(self) -> Frame | None:
        if not self.in_body and not self._headers():
            return None
        return self._body()

    def _headers(self) -> bool:
        """Consume a header block (whatever it says); False until one is complete."""
        buffer = self.buffer
        while True:
            start = 0
            while start < len(buffer) and buffer[start] in b" \t\r\n":
                start += 1
            if start:
                del buffer[:start]
            if not buffer:
                return False
            if buffer[:1] in (b"{", b"["):  # a body without headers: read it all the same
                self.in_body = True
                return True
            end = _HEADER_END.search(buffer)
            if end is None:
                if len(buffer) > _MAX_HEADER:
                    self._resync(1)
                return False
            if not buffer[:end.start()].lower().startswith((b"content-", b"x-")):
                # Not a header block (the tail of garbage): skip to the next header and look again.
                before = len(buffer)
                self._resync(1)
                if len(buffer) == before:
                    return False
                continue
            del buffer[:end.end()]
            self.in_body = True
            return True

    def _resync(self, at: int) -> None:
        """Drop bytes up to the next ``Content-Length`` header after ``at`` (or all but a tail)."""
        found = _NEXT_HEADER.search(self.buffer, at)
        if found is None:
            del self.buffer[: max(0, len(self.buffer) - 32)]
        else:
            del self.buffer[: found.start()]

    def _body(self) -> Frame | None:
        buffer = self.buffer
        if not self.started:
            while buffer and buffer[0] in b" \t\r\n":
                del buffer[:1]
            if not buffer:
                return None
            if buffer[:1] not in (b"{", b"["):
                self.in_body = False
                self._reset_scan()
                self._resync(1)
                return Frame(None, "the message is not JSON (its Content-Length header was wrong or missing?)")
            self.started = True
        end = self._scan()
        if end == -2:  # not JSON: refuse, then skip to the next header
            head = bytes(buffer[:4096])
            self.in_body = False
            self._reset_scan()
            self._resync(1)
            return self._refusal(head, "the message is not valid JSON (its Content-Length header was wrong?)", 0)
        if end < 0:
            if not self.skipping and self.scanned > self.limit:
                self.skipping = True
                self.head = bytes(buffer[:65536])
            if self.skipping:
                self.skipped += self.scanned
                del buffer[: self.scanned]
                self.scanned = 0
            return None
        self.in_body = False
        self._reset_scan()
        if self.skipping:
            size = self.skipped + end
            self.skipping, self.skipped = False, 0
            del buffer[:end]
            return self._refusal(self.head, f"the message is too large ({size / 2**20:.1f} MiB): score-lint reads "
                                            f"messages of at most {self.limit // 2**20} MiB", size)
        body = bytes(buffer[:end])
        del buffer[:end]
        if end > self.limit:
            return self._refusal(body[:65536], f"the message is too large ({end / 2**20:.1f} MiB): score-lint reads "
                                               f"messages of at most {self.limit // 2**20} MiB", end)
        return Frame(body, size=end)

    def _refusal(self, head: bytes, reason: str, size: int) -> Frame:
        found_id = _ID.search(head)
        method = _METHOD.search(head)
        uri = _URI.search(head)
        msg_id: int | str | None = None
        if found_id is not None:
            try:
                msg_id = json.loads(found_id.group(1))
            except ValueError:
                msg_id = None
        return Frame(None, reason, msg_id, method.group(1).decode("utf-8", "replace") if method else None,
                     uri.group(1).decode("utf-8", "replace") if uri else None, size)

    def _scan(self) -> int:
        """The end of the JSON value that starts the buffer (-1: not yet, -2: not JSON); resumable."""
        buffer = self.buffer
        i = self.scanned
        n = len(buffer)
        while i < n:
            if self.in_string:
                if self.escape:
                    self.escape = False
                    i += 1
                    continue
                match = _STRING_STOP.search(buffer, i)
                if match is None:
                    i = n
                    break
                i = match.start()
                if buffer[i] == 0x5C:  # backslash
                    self.escape = True
                else:
                    self.in_string = False
                i += 1
                continue
            match = _INTERESTING.search(buffer, i)
            stop = n if match is None else match.start()
            if any(byte not in _JSON_OUTSIDE for byte in memoryview(buffer)[i:stop]):
                return -2
            if match is None:
                i = n
                break
            i = stop
            byte = buffer[i]
            if byte == 0x22:  # quote
                self.in_string = True
            elif byte in (0x7B, 0x5B):
                self.depth += 1
            elif byte in (0x7D, 0x5D):
                self.depth -= 1
                if self.depth == 0:
                    self.scanned = 0
                    return i + 1
            else:  # a backslash outside a string
                return -2
            i += 1
        self.scanned = i
        return -1


_STRING_STOP = re.compile(rb'["\\]')


def _frame_bytes(message: Mapping[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def serve(settings: Settings, stdin: Any = None, stdout: Any = None) -> None:
    """Speak LSP on stdin/stdout until the client says exit (or the input ends)."""
    # Imported here for start-up time: only a running server needs threads and pygls's writer.
    import queue
    import sys
    import threading

    from pygls.io_ import StdoutWriter  # with the server: pygls is the lsp extra

    server = create_server(settings)
    source = stdin or sys.stdin.buffer
    writer = StdoutWriter(stdout or sys.stdout.buffer)
    server.protocol.set_writer(writer)
    frames: queue.Queue[Frame | None] = queue.Queue(maxsize=64)  # a bounded backlog: the client waits

    read_some: Callable[[int], bytes]
    try:
        # The file descriptor, not the buffered stream: a daemon thread blocked inside a buffered read
        # holds its lock, and the interpreter aborts at exit when it finds it held.
        fd = source.fileno()

        def read_some(size: int) -> bytes:
            return os.read(fd, size)
    except (AttributeError, OSError, ValueError):  # a stream without a descriptor (tests)
        read_some = source.read1 if hasattr(source, "read1") else source.read

    def read() -> None:
        framer = Framer()
        try:
            while True:
                data = read_some(65536)
                if not data:
                    break
                for frame in framer.feed(data):
                    frames.put(frame)
        except (OSError, ValueError):
            pass
        frames.put(None)

    threading.Thread(target=read, name="score-lint-lsp-reader", daemon=True).start()
    state = server_state(server)
    try:
        while True:
            frame = frames.get()
            if frame is None:
                break
            _handle(server, writer, state, frame)
            if frames.empty():
                state.flush()
    finally:
        server.shutdown()


def _handle(server: LanguageServer, writer: Any, state: _State, frame: Frame) -> None:
    def answer_error(msg_id: int | str | None, code: int, message: str) -> None:
        writer.write(_frame_bytes({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}}))

    if frame.body is None:
        if frame.method in (lsp.TEXT_DOCUMENT_DID_OPEN, lsp.TEXT_DOCUMENT_DID_CHANGE) and frame.uri:
            state.refuse(frame.uri, _too_large(frame.size, " as sent") if frame.size else frame.refused or "refused")
        if frame.id is not None or frame.method is None:
            answer_error(frame.id, -32600 if frame.size else -32700, frame.refused or "refused")
        return
    try:
        data = json.loads(frame.body)
    except ValueError as exc:
        answer_error(None, -32700, f"the message is not valid JSON: {exc}")
        return
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        answer_error(data.get("id") if isinstance(data, dict) else None, -32600, "not a JSON-RPC 2.0 message")
        return
    msg_id = data.get("id")
    try:
        message = server.protocol.structure_message(data)
    except Exception as exc:  # noqa: BLE001 - every request gets an answer, also one pygls cannot read
        if "method" in data and msg_id is not None:
            answer_error(msg_id, -32602, f"invalid params: {type(exc).__name__}")
        return
    state.touch(data)
    if data.get("method") == lsp.TEXT_DOCUMENT_DID_CHANGE:
        _reopen_if_refused(server, data.get("params"))
    server.protocol.handle_message(message)


def _reopen_if_refused(server: LanguageServer, params: Any) -> None:
    """A change to a document whose opening was refused (too large) opens it now: pygls never saw it,
    and the full text of the change is all it needs."""
    if not isinstance(params, dict) or not isinstance(params.get("textDocument"), dict):
        return
    uri, version = params["textDocument"].get("uri"), params["textDocument"].get("version")
    if isinstance(uri, str) and _open_document(server, uri) is None:
        server.workspace.put_text_document(
            lsp.TextDocumentItem(uri=uri, language_id="dotenv", version=version if isinstance(version, int) else 0,
                                 text=""))


@dataclass
class _State:
    """Documents to publish when the input is idle (a storm of changes is linted once), refused ones."""

    server: LanguageServer
    pending: dict[str, None] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)

    def touch(self, data: Mapping[str, Any]) -> None:
        if data.get("method") in (lsp.TEXT_DOCUMENT_DID_OPEN, lsp.TEXT_DOCUMENT_DID_CHANGE):
            uri = ((data.get("params") or {}).get("textDocument") or {}).get("uri")
            if isinstance(uri, str):
                self.refused.pop(uri, None)

    def refuse(self, uri: str, reason: str) -> None:
        """A document whose message was refused: one diagnostic says why, until it comes back smaller."""
        self.refused[uri] = reason
        self.pending.pop(uri, None)
        origin = lsp.Position(line=0, character=0)
        self.server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[
            lsp.Diagnostic(range=lsp.Range(start=origin, end=origin), severity=lsp.DiagnosticSeverity.Error,
                           message=f"score-lint cannot lint this file: {reason}", source="score-lint")]))

    def flush(self) -> None:
        pending, self.pending = self.pending, {}
        for uri in pending:
            _publish(self.server, uri)


def server_state(server: LanguageServer) -> _State:
    state: _State | None = getattr(server, "score_lint_state", None)
    if state is None:
        state = _State(server)
        server.score_lint_state = state  # type: ignore[attr-defined]
    return state
