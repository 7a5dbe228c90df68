"""The ground floor: the plain values every layer passes around (findings, fixes, edits, results).

Nothing here imports anything of the project, so every module may import it.
"""

from __future__ import annotations

import itertools
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from enum import Enum

from score_lint.patterns import lazy
from score_lint.records import record

TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from typing import Protocol

# The documentation site; every rule has a page there named after its code and name.
SITE_URL = "https://overture-stack.github.io/score-lint/"


def rule_url(code: str, name: str) -> str:
    """The page of rule ``code`` (``SL101``) named ``name`` (``unknown-name``) in the generated reference."""
    return f"{SITE_URL}reference/rules/{code}-{name}/"


# The ASCII characters of a name, compose's included; the envfile readers read names with the same set.
NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-[]"
NAME_RUN = lazy(r"[A-Za-z0-9_.\-\[\]]*")  # a run of NAME_CHARS (the env-file readers skip names with it)


def shown_name(key: str) -> str:
    """A variable name as a message may show it: cut at the first character that cannot be in a name.

    A malformed line (``S3_SECRETKEY:value``, ``AZURE_ACCOUNTKEY <key>``, the second line of a quoted
    value) is read as one long name; what follows the name part is most often a value, and maybe a
    secret one, so it is never shown. Name characters are letters, digits, ``_ . - [ ]`` (compose's).
    """
    if not key.strip(NAME_CHARS):
        return key  # all name characters: what the most common name is, found without the pattern
    end = NAME_RUN.match(key).end()  # type: ignore[union-attr]
    while end < len(key) and not key[end].isascii() and unicodedata.category(key[end])[0] in "LN":
        end = NAME_RUN.match(key, end + 1).end()  # type: ignore[union-attr]
    return key if end == len(key) else key[:end]


# The password of a URL: ``scheme://user:password@host``, and ``user:password@host`` with the scheme left
# out (an S3 endpoint is often written so). The password runs to the last '@' before a blank or '/': an
# unencoded '@' in it is still part of it.
_URL_PASSWORD = lazy(r"((?:[A-Za-z][A-Za-z0-9+.\-]*://)?[^\s/@:'\"<>]*):([^\s/'\"<>]+)@")


def without_password(text: str, mask: str = "***") -> str:
    """``text`` with the password of every URL in it replaced by ``mask``: a credential in the value of a
    setting that is none (``METADATA_URL=http://song:<password>@song:8080``) is one all the same, and
    every message, source line and value score-lint shows goes through here."""
    if "@" not in text:
        return text
    return _URL_PASSWORD.sub(lambda m: f"{m.group(1)}:{mask}@", text)


# C0 and C1 controls (ESC starts every terminal escape sequence; U+009B is a one-character CSI), the line
# and paragraph separators, and the bidirectional overrides that reorder what a terminal shows.
_UNSAFE = (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
           *range(0x2066, 0x206A))
_ESCAPED = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (from a file name, a key, a value) are
    shown escaped (``\\x1b``), so they can neither move the cursor, recolour the screen, reorder what is
    shown nor split a report line."""
    return text if text.isprintable() else text.translate(_ESCAPED)


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


# Each severity's weight, for comparing them: a table, so that counting a finding costs one look-up.
_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def rule_severities(rule: object) -> tuple[Severity, ...]:
    """Every severity a rule module emits: its ``SEVERITIES`` when it declares several, else its ``SEVERITY``.

    ``SEVERITY`` is the one a rule normally emits; a rule whose findings differ in weight lists them all in
    ``SEVERITIES`` (``SEVERITY`` first) and says in its docstring's ``## Severity`` section which is which.
    """
    several = getattr(rule, "SEVERITIES", None)
    if several:
        return tuple(several)
    return (getattr(rule, "SEVERITY"),)


@record(frozen=True, slots=True)
class Edit:
    """Replace ``line``'s text from ``start`` to ``end`` (1-based columns, end exclusive).

    ``end == -1`` removes the whole line together with its line ending.
    """

    line: int
    start: int
    end: int
    text: str


@record(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@record(frozen=True, slots=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    line: int | None
    column: int | None
    key: str | None
    message: str
    suggestion: str | None = None
    fix: Fix | None = None
    # Set by the rule: Score (or the loader before it) refuses to start over this finding. An error
    # without it means a setting that does not take effect as written; the verdict tells them apart.
    stops_startup: bool = False


class InputError(Exception):
    """A file that cannot be linted at all (exit 2)."""


@record(frozen=True, slots=True)
class Verdict:
    """Will Score start with this file, and what stops it.

    ``stopped_by`` and ``not_as_written`` are codes in the order of their first finding: the findings
    that stop startup, and the errors that let Score start with a setting that does not take effect as
    written. ``all_rules`` is False when select/ignore left rules out, so "starts" is only as good as
    the rules that ran.
    """

    starts: bool
    stopped_by: tuple[str, ...]
    stopping: int
    not_as_written: tuple[str, ...]
    settings_not_as_written: int
    all_rules: bool = True
    # What is judged when it is not simply the file: "service score" for a compose service.
    subject: str | None = None

    @classmethod
    def of(cls, findings: Iterable[Finding], all_rules: bool = True) -> Verdict:
        tally = Tally()
        for f in findings:
            tally.add(f)
        return tally.verdict(all_rules)


def _distinct(keys: list[str]) -> int:
    """How many different strings ``keys`` holds (sorted in place)."""
    if len(keys) < 2:
        return len(keys)
    keys.sort()
    return 1 + sum(1 for before, after in zip(keys, itertools.islice(keys, 1, None)) if before != after)


class Tally:
    """``Verdict.of`` counted a finding at a time, and the worst severity seen: for findings that are
    reported while they are made, so that they need not be held."""

    __slots__ = ("stopped_by", "stopping", "not_as_written", "keys", "places", "worst")

    def __init__(self) -> None:
        self.stopped_by: dict[str, None] = {}  # codes in the order of their first finding
        self.stopping = 0
        self.not_as_written: dict[str, None] = {}
        # One setting can be behind several findings (a duplicate repeated three times): the settings are
        # counted once all are in. A list sorted then, not a set: 80,000 new names grew a set to 4 MiB
        # (6 MiB while it last grew), the list takes 8 bytes a finding.
        self.keys: list[str] = []
        self.places: list[tuple[int | None, str]] = []  # a finding about no key: its line and code
        self.worst = -1  # the highest Severity.rank seen, -1 for none

    def add(self, f: Finding) -> None:
        rank = _RANKS[f.severity]
        if rank > self.worst:
            self.worst = rank
        if f.stops_startup:
            self.stopping += 1
            self.stopped_by[f.code] = None
        elif rank == 2:
            self.not_as_written[f.code] = None
            if f.key is not None:
                self.keys.append(f.key)
            else:
                self.places.append((f.line, f.code))

    def verdict(self, all_rules: bool = True) -> Verdict:
        return Verdict(
            starts=not self.stopping,
            stopped_by=tuple(self.stopped_by),
            stopping=self.stopping,
            not_as_written=tuple(self.not_as_written),
            settings_not_as_written=_distinct(self.keys) + len(set(self.places)),
            all_rules=all_rules,
        )


@record(frozen=True)
class Result:
    path: str
    line: str
    dialect: str
    provider: str
    findings: tuple[Finding, ...]
    # Whether Score starts with the file; None where the question does not apply (a docs page).
    verdict: Verdict | None = None
    # Where the environment came from when it is not a file of its own (a compose service, a Kubernetes
    # container), as (field, text) pairs: the JSON report adds them to the file's entry.
    source: tuple[tuple[str, str], ...] = ()

    @property
    def failing(self) -> bool:
        return any(f.severity is not Severity.INFO for f in self.findings)


class Streamed:
    """A file's ``Result`` whose findings are made while a reporter reads them, so that they are never
    all held: ``findings`` can be read once, in order, and the verdict is known once they have all been
    read. ``result()`` holds them instead, for a caller that needs them twice."""

    __slots__ = ("path", "line", "dialect", "provider", "source", "_findings", "_all_rules", "_verdict", "worst")

    def __init__(self, path: str, line: str, dialect: str, provider: str, findings: Iterator[Finding],
                 all_rules: bool = True) -> None:
        self.path, self.line, self.dialect, self.provider = path, line, dialect, provider
        self.source: tuple[tuple[str, str], ...] = ()
        self._findings: Iterator[Finding] | None = findings
        self._all_rules = all_rules
        self._verdict: Verdict | None = None
        self.worst = -1  # the highest Severity.rank among the findings, once they have been read

    @property
    def findings(self) -> Iterator[Finding]:
        found = self._findings
        if found is None:
            raise RuntimeError(f"the findings of {self.path} have already been read")
        self._findings = None
        return self._read(found)

    def _read(self, found: Iterator[Finding]) -> Iterator[Finding]:
        tally = Tally()
        add = tally.add
        for f in found:
            add(f)
            yield f
        self._verdict = tally.verdict(self._all_rules)
        self.worst = tally.worst

    @property
    def verdict(self) -> Verdict:
        if self._verdict is None:
            raise RuntimeError(f"the verdict of {self.path} is known only once its findings have been read")
        return self._verdict

    def result(self) -> Result:
        """The same result with its findings held."""
        findings = tuple(self.findings)
        return Result(self.path, self.line, self.dialect, self.provider, findings, verdict=self.verdict)


if TYPE_CHECKING:  # only for annotations, so the Protocol base (and typing) stays out of the run
    class Reported(Protocol):
        """What a reporter reads of a file's result: a ``Result``, or a ``Streamed`` one."""

        @property
        def path(self) -> str: ...
        @property
        def line(self) -> str: ...
        @property
        def dialect(self) -> str: ...
        @property
        def provider(self) -> str: ...
        @property
        def findings(self) -> Iterable[Finding]: ...
        @property
        def verdict(self) -> Verdict | None: ...
        @property
        def source(self) -> tuple[tuple[str, str], ...]: ...


    class Located(Protocol):
        """Where a finding points: an env-file entry (its key, and the line and column of key and value)."""

        @property
        def key(self) -> str: ...
        @property
        def line(self) -> int: ...
        @property
        def column(self) -> int: ...
        @property
        def value_line(self) -> int: ...
        @property
        def value_column(self) -> int: ...


def finding(
    rule_name: str,
    message: str,
    *,
    entry: Located | None = None,
    key: str | None = None,
    line: int | None = None,
    column: int | None = None,
    severity: Severity | None = None,
    suggestion: str | None = None,
    fix: Fix | None = None,
    at_value: bool = False,
    stops_startup: bool | None = None,
) -> Finding:
    """A finding of the rule module ``rule_name`` (pass ``__name__``), at the entry's key or value.

    ``stops_startup`` defaults to the rule's ``STOPS_STARTUP``; a rule whose findings differ says so
    per finding.
    """
    rule = sys.modules[rule_name]
    if entry is not None and line is None:
        line = entry.value_line if at_value else entry.line
        column = entry.value_column if at_value else entry.column
    key = key if key is not None else (entry.key if entry is not None else None)
    if key is not None:
        shown = shown_name(key)
        if shown != key:
            # A malformed line's "name" runs on into its value (S3_SECRETKEY:value): show the name part only,
            # however the message spells it.
            for spelling in (key, key.upper(), key.lower()):
                message = message.replace(spelling, shown)
            key = shown
    if "@" in message:
        message = without_password(message)
    if suggestion is not None and "@" in suggestion:
        suggestion = without_password(suggestion)
    # Drift rules (docs pages) declare no STOPS_STARTUP: a page starts no server.
    stops = getattr(rule, "STOPS_STARTUP", False) if stops_startup is None else stops_startup
    # By position, in the order of Finding's fields: keywords cost a microsecond more, for every finding.
    return Finding(rule.CODE, rule.NAME, severity or rule.SEVERITY, line, column, key, message, suggestion, fix, stops)
