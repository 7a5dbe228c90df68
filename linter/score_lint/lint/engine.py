"""Run the lint rules over one env file and collect findings; never prints.

The engine builds a ``Context`` (the parsed file, the binding model of the chosen Score line and
provider, the active profiles) and makes one pass over the entries. A rule is one of three shapes:

* an entry rule (``ENTRIES = "all"`` or ``"effective"``, and ``check_entry(ctx, item)``) is handed each
  entry once, as an ``Item`` that carries the name's resolution and setting and whether its value is the
  one that reaches Score; ``KINDS`` narrows an "all" rule to names that resolve to those kinds, so a
  file of settings that bind never calls the unknown-name rules, and ``ONLY_WITH`` to the entries
  whose field of that name is set;
* a loader-problem rule (``PROBLEM = "<code>"`` and ``check(ctx)``) runs only when the loader reported
  that problem;
* a file rule (``check(ctx)``) looks at the file as a whole (missing settings, duplicates, profiles).

The entries' findings come out in line order, each entry's sorted by column and code; the file rules'
few findings are merged into them, so nothing is sorted whole. ``lint_stream`` makes them while they
are read (a reporter writes each as it comes, and none is held): the entry rules run an entry at a
time, and a file rule that declares ``IN_LINE_ORDER = True`` (duplicate-setting) is read as it goes
too; ``lint_env`` holds them in its ``Result``.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from types import ModuleType

from score_lint import binding, envfile
from score_lint.binding import Kind, Model
from score_lint.findings import Finding, Result, Streamed
from score_lint.lint.context import Context, Item, Options
from score_lint.lint.rules import RULES, not_an_env_file
from score_lint.lint.rules._common import each_item
from score_lint.lint.suppressions import Comments, Suppressions

TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from _typeshed import StrPath


@lru_cache(maxsize=4096)
def _selected_by(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Longest matching prefix of select/ignore wins; select wins a tie."""
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return best_select >= best_ignore and best_select >= 0


def lint_env(
    env: envfile.EnvFile, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None,
    comments: Comments | None = None,
) -> Result:
    """The findings of one env file. ``comments``: its suppression comments, when they were found once for
    lines it shares with other environments (the services of one compose file, the containers of one
    manifest)."""
    return _lint(env, options, models, comments, stream=False).result()


def lint_stream(env: envfile.EnvFile, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Streamed:
    """``lint_env`` with the findings made while they are read: the rules run as a reporter asks for the
    next finding, and a finding is not held once it has been handed on (an 80,000-line file has as many)."""
    return _lint(env, options, models, None, stream=True)


def _lint(
    env: envfile.EnvFile, options: Options, models: Mapping[str, Mapping[str, Model]] | None,
    comments: Comments | None, stream: bool,
) -> Streamed:
    line_models = models[options.line] if models else binding.line_models(options.line)
    provider, inferred = options.provider, False
    probe = None
    if provider is None:
        probe = Context(env, options, line_models, "s3", False)
        provider = _provider_from(probe) or "s3"
        inferred = True
    if probe is not None and provider == probe.provider:
        probe.provider_inferred = True
        ctx = probe  # keep what the probe already resolved
    else:
        ctx = Context(env, options, line_models, provider, inferred)
    shapes = _shapes(RULES, options.select, options.ignore)
    if not env.entries and any(p.code == "not-an-env-file" for p in env.problems):
        # One finding for the file: it sets nothing, so nothing else applies.
        shapes = _shapes((not_an_env_file,), options.select, options.ignore)
    findings = _in_order(ctx, shapes, stream and _entries_in_order(env))
    findings = _unsuppressed(findings, env, comments)
    findings = _not_on_continued_lines(findings, env)
    all_rules = _shapes(RULES, options.select, options.ignore).all_rules
    return Streamed(env.path, options.line, options.dialect, provider, findings, all_rules=all_rules)


def _entries_in_order(env: envfile.EnvFile) -> bool:
    """Whether each entry starts on a line after the last line of the one before, as the loaders read a
    file: each entry's findings then come before the next entry's, and they need no sorting as a whole."""
    return envfile.in_line_order(env.entries)


class _Shapes:
    """The selected rules sorted by shape, and the entry rules that apply to each resolution kind."""

    def __init__(self, candidates: Sequence[ModuleType], select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
        rules = [rule for rule in candidates if _selected_by(rule.CODE, select, ignore)]
        self.all_rules = len(rules) == len(candidates)
        file_rules = [rule for rule in rules if not hasattr(rule, "check_entry")]
        self.file = tuple(rule for rule in file_rules if not hasattr(rule, "PROBLEM"))
        self.problem = tuple((rule.PROBLEM, rule) for rule in file_rules if hasattr(rule, "PROBLEM"))
        # The file rules that yield in line order (IN_LINE_ORDER), which a streamed lint reads as it goes.
        self.in_line_order = tuple(rule for rule in self.file if getattr(rule, "IN_LINE_ORDER", False))
        self.any_order = tuple(rule for rule in self.file if rule not in self.in_line_order)
        self.effective = tuple(rule for rule in rules if getattr(rule, "ENTRIES", None) == "effective")
        # (model, setting) -> the check_entry of the effective rules that want its entries, and of those
        # of them for a plain value
        self._by_setting: dict[tuple[Model, str], tuple[tuple[_Check, ...], tuple[_Check, ...]]] = {}
        every = [rule for rule in rules if getattr(rule, "ENTRIES", None) == "all"]
        self.by_kind = {
            kind: tuple(rule for rule in every if getattr(rule, "KINDS", None) is None or kind in rule.KINDS)
            for kind in Kind
        }
        # The same as functions, looked up once: the engine calls them for every entry. A rule that
        # declares ONLY_WITH = "<field>" is called only for the entries whose field is set (bare-key for
        # a name without '=', set-elsewhere for a value a Kubernetes secret fills in): few entries are.
        self.checks_by_kind: dict[Kind, tuple[_Check, ...]] = {
            kind: tuple(rule.check_entry for rule in found if not hasattr(rule, "ONLY_WITH"))
            for kind, found in self.by_kind.items()
        }
        self.gated_by_kind: dict[Kind, tuple[tuple[str, _Check], ...]] = {
            kind: tuple((rule.ONLY_WITH, rule.check_entry) for rule in found if hasattr(rule, "ONLY_WITH"))
            for kind, found in self.by_kind.items()
        }

    def for_setting(self, model: Model, item: Item) -> tuple[_Check, ...]:
        """The check_entry of the effective rules that can fire for ``item``: found once per setting and model."""
        canonical = item.canonical or ""
        found = self._by_setting.get((model, canonical))
        if found is None:
            wanted = tuple(
                rule for rule in self.effective
                if getattr(rule, "wants", None) is None or rule.wants(item.setting, canonical)
            )
            plain = tuple(rule.check_entry for rule in wanted if not getattr(rule, "SKIP_PLAIN", False))
            found = (tuple(rule.check_entry for rule in wanted), plain)
            self._by_setting[(model, canonical)] = found
        return found[1] if item.plain else found[0]


_Check = Callable[[Context, Item], Iterable[Finding]]


@lru_cache(maxsize=64)
def _shapes(rules: tuple[ModuleType, ...], select: tuple[str, ...], ignore: tuple[str, ...]) -> _Shapes:
    # Cached: one selection serves every file of a run.
    return _Shapes(rules, select, ignore)


def _in_order(ctx: Context, shapes: _Shapes, stream: bool = False) -> Iterator[Finding]:
    """Every finding of the selected rules, by line, column and code. The file rules run first (as a
    whole); ``stream``: the entry rules then run one entry at a time, as their findings are read."""
    # A file rule that yields in line order (IN_LINE_ORDER) is read as it goes when the entries are in order.
    ordered = [rule.check(ctx) for rule in shapes.in_line_order] if stream else []
    whole = [finding for rule in (shapes.any_order if stream else shapes.file) for finding in rule.check(ctx)]
    if ctx.env.problems:
        problems = {problem.code for problem in ctx.env.problems}
        whole += [finding for code, rule in shapes.problem if code in problems for finding in rule.check(ctx)]
    whole.sort(key=_position)
    entries = _entry_findings(ctx, shapes) if stream else _entry_findings_sorted(ctx, shapes)
    if not whole and not ordered:
        yield from entries
    else:
        yield from heapq.merge(whole, *ordered, entries, key=_position)


def _entry_findings(ctx: Context, shapes: _Shapes) -> Iterator[Finding]:
    """The entry rules' findings, one entry after the other. Entries come in line order (the caller makes
    sure) and an entry's findings lie on its own lines (``tests/test_engine.py`` checks that of every
    rule), so each entry's few findings sorted are in order with the rest."""
    by_kind, gated_by_kind, model, for_setting = shapes.checks_by_kind, shapes.gated_by_kind, ctx.model, shapes.for_setting
    for item in each_item(ctx):
        group: list[Finding] = []
        kind = item.here.kind
        for check in by_kind[kind]:
            group.extend(check(ctx, item))
        for field, check in gated_by_kind[kind]:
            if getattr(item.entry, field):
                group.extend(check(ctx, item))
        if item.effective:
            for check in for_setting(model, item):
                group.extend(check(ctx, item))
        if not group:
            continue
        if len(group) > 1:
            group.sort(key=_position)
        yield from group


def _entry_findings_sorted(ctx: Context, shapes: _Shapes) -> Iterator[Finding]:
    """``_entry_findings`` for entries that may come in any order (the services of a compose file join
    several files): a reader that breaks the line order falls back to one sort."""
    out: list[Finding] = []
    ordered, last = True, (0, 0, "")
    for finding in _entry_findings(ctx, shapes):
        position = _position(finding)
        if ordered and position < last:
            ordered = False
        last = position
        out.append(finding)
    if not ordered:
        out.sort(key=_position)
    return iter(out)


def _position(f: Finding) -> tuple[int, int, str]:
    return (f.line or 0, f.column or 0, f.code)


def _unsuppressed(findings: Iterator[Finding], env: envfile.EnvFile, comments: Comments | None) -> Iterator[Finding]:
    """Drop findings silenced by a ``# score-lint: disable=...`` comment on the line before."""
    silenced = Suppressions(env, comments)
    if not silenced.any:
        return findings
    return (
        f for f in findings
        if f.line is None or not any(f.code.startswith(p) for p in silenced.codes(f.line))
    )


def _not_on_continued_lines(findings: Iterator[Finding], env: envfile.EnvFile) -> Iterator[Finding]:
    """Drop findings about the "names" docker reads on the later lines of a multi-line quoted value.

    Those lines are the rest of the value (the second half of a secret, as often as not): the finding
    of SL307 on the first line says what docker does with them, and their text is never shown as a
    name. Findings of the loader itself (a blank that makes docker refuse the file) name no key and stay.
    """
    continued = envfile.continued_lines(env)
    if not continued:
        return findings
    return (f for f in findings if f.key is None or f.line not in continued)


def _provider_from(ctx: Context) -> str | None:
    storage = ctx.model.storage_profiles()
    for name in ctx.profiles:
        if name in storage:
            return storage[name]
    return None


def lint_bytes(data: bytes, path: str, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Result:
    return lint_env(envfile.as_env_file(envfile.parse(data, options.dialect, path=path)), options, models)


def lint_path(path: StrPath, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Result:
    env = envfile.as_env_file(envfile.read(path, options.dialect))
    return lint_env(env, options, models)


