"""Every corpus input linted every way score-lint can read it: shared by the corpus tests.

Env files (``envs/*.env``) are linted on every Score line, with the provider inferred and forced to
each one, under both dialects; compose files through the compose command on every line. The results
are computed once per test session: several test modules look at them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from score_lint import compose, envfile
from score_lint.findings import Finding, InputError
from score_lint.lines import LINES, PROVIDERS
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_env, lint_path


@dataclass(frozen=True)
class Run:
    """One finding of one run, with how the run was made."""

    source: str  # the corpus file linted (an env file, or the compose file that names it)
    path: str  # the file the finding points into
    line: str
    dialect: str
    provider: str | None  # None: inferred from the profiles
    text: tuple[str, ...]  # the lines of ``path``, to show the finding's source line
    environment: tuple[tuple[str, str], ...]  # what the loader hands Score (the variables of the run)
    finding: Finding

    def value(self, name: str) -> str | None:
        """The run's value of ``name`` (compared ignoring case, as Spring does)."""
        return next((v for k, v in self.environment if k.upper() == name.upper()), None)

    def source_line(self) -> str:
        if self.finding.line is None or not 0 < self.finding.line <= len(self.text):
            return ""
        return self.text[self.finding.line - 1].rstrip("\n")


def env_files(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "envs").iterdir() if p.name.endswith(".env"))


def compose_files(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "envs").iterdir() if p.name.endswith((".yml", ".yaml")))


def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True))


@cache
def corpus_runs(corpus: Path) -> tuple[Run, ...]:
    out: list[Run] = []
    for path in env_files(corpus):
        text = _lines(path)
        for line in LINES:
            for dialect in ("docker", "compose"):
                for provider in (None, *PROVIDERS):
                    options = Options(line=line, dialect=dialect, provider=provider)  # type: ignore[arg-type]
                    result = lint_path(path, options)
                    environment = tuple(envfile.read(path, dialect).environment().items())  # type: ignore[arg-type]
                    out.extend(Run(path.name, path.name, line, dialect, provider, text, environment, f) for f in result.findings)
    for path in compose_files(corpus):
        # What the compose command does for each Score service, kept in the service's own environment
        # (its env_file files and environment: map as one file), so a finding sits beside its variables.
        try:
            lookup = compose.project_environment(path.parent)
            services = compose.services(path, compose.DEFAULT_IMAGES, lookup)
        except InputError:
            continue  # a compose file score-lint cannot read is the compose command's business
        for service in services:
            env, _ = compose.combined(path, service, lookup)
            environment = tuple(env.environment().items())
            for line in LINES:
                result = lint_env(env, Options(line=line, dialect="compose"))
                out.extend(
                    Run(path.name, f"{path.name} ({service.name})", line, "compose", None, env.lines, environment, f)
                    for f in result.findings
                )
    return tuple(out)


def findings_of(runs: tuple[Run, ...], code: str) -> Iterator[Run]:
    return (run for run in runs if run.finding.code == code)
