"""Run the lint rules over one env file and collect findings; never prints.

The engine builds a ``Context`` (the parsed file, the binding model of the chosen Score line and
provider, the active profiles), asks every registered rule for findings, and filters and sorts them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from score_lint import binding, envfile
from score_lint.binding import Model
from score_lint.findings import Finding, Result, Verdict
from score_lint.lint.context import Context, Options
from score_lint.lint.rules import RULES, not_an_env_file
from score_lint.lint.suppressions import Comments, Suppressions


def _selected(code: str, options: Options) -> bool:
    """Longest matching prefix of select/ignore wins; select wins a tie."""
    return _selected_by(code, options.select, options.ignore)


@lru_cache(maxsize=4096)
def _selected_by(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    # Cached: asked once per rule and file, with the same answer for every file of a run.
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return best_select >= best_ignore and best_select >= 0


def lint_env(
    env: envfile.EnvFile, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None,
    comments: Comments | None = None,
) -> Result:
    """The findings of one env file. ``comments``: its suppression comments, when they were found once for
    lines it shares with other files (the services of one compose file)."""
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
    rules = RULES
    if not env.entries and any(p.code == "not-an-env-file" for p in env.problems):
        rules = (not_an_env_file,)  # one finding for the file: it sets nothing, so nothing else applies
    findings = [finding for rule in rules if _selected(rule.CODE, options) for finding in rule.check(ctx)]
    findings = _unsuppressed(findings, env, comments)
    findings = _not_on_continued_lines(findings, env)
    # By line, column, code: three stable passes build no key tuples (a huge file has one finding a line).
    findings.sort(key=_code_of)
    findings.sort(key=_column_of)
    findings.sort(key=_line_of)
    verdict = Verdict.of(findings, all_rules=all(_selected(rule.CODE, options) for rule in RULES))
    return Result(env.path, options.line, options.dialect, provider, tuple(findings), verdict=verdict)


def _unsuppressed(findings: list[Finding], env: envfile.EnvFile, comments: Comments | None) -> list[Finding]:
    """Drop findings silenced by a ``# score-lint: disable=...`` comment on the line before."""
    silenced = Suppressions(env, comments)
    if not silenced.any:
        return findings
    return [
        f for f in findings
        if f.line is None or not any(f.code.startswith(p) for p in silenced.codes(f.line))
    ]


def _not_on_continued_lines(findings: list[Finding], env: envfile.EnvFile) -> list[Finding]:
    """Drop findings about the "names" docker reads on the later lines of a multi-line quoted value.

    Those lines are the rest of the value (the second half of a secret, as often as not): the finding
    of SL307 on the first line says what docker does with them, and their text is never shown as a
    name. Findings of the loader itself (a blank that makes docker refuse the file) name no key and stay.
    """
    continued = envfile.continued_lines(env)
    if not continued:
        return findings
    return [f for f in findings if f.key is None or f.line not in continued]


def _code_of(f: Finding) -> str:
    return f.code


def _column_of(f: Finding) -> int:
    return f.column or 0


def _line_of(f: Finding) -> int:
    return f.line or 0


def _provider_from(ctx: Context) -> str | None:
    storage = ctx.model.storage_profiles()
    for name in ctx.profiles:
        if name in storage:
            return storage[name]
    return None


def lint_bytes(data: bytes, path: str, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Result:
    return lint_env(envfile.as_env_file(envfile.parse(data, options.dialect, path=path)), options, models)


def lint_path(path: Path, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None) -> Result:
    env = envfile.as_env_file(envfile.read(path, options.dialect))
    return lint_env(env, options, models)


