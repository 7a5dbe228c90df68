"""Live checks of the storage and services a Score server will use: ``score-lint preflight``.

``prepare(path, options)`` reads the file as ``docker run`` (or compose) would, lints it, and turns its
environment into ``StorageSettings``; ``Session.run()`` then runs the checks of ``checks.CHECKS`` in
order and returns a ``Report`` of frozen ``Check`` results. Nothing here prints, and every string in a
result is masked (``masking``). The storage libraries (botocore, azure-storage-blob, httpx) are the
optional extra ``score-lint[preflight]``; they are imported when checks run, never on import of this
package, so that the lint path stays fast.
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass, field
from pathlib import Path

from score_lint import envfile
from score_lint.binding import line_models
from score_lint.effective import Effective
from score_lint.envfile import Dialect
from score_lint.findings import Finding, InputError
from score_lint.lines import DEFAULT_LINE
from score_lint.preflight import bootstrap
from score_lint.preflight.bootstrap import Action, Applied
from score_lint.preflight.checks import (
    CHECKS,
    Check,
    CheckSpec,
    Report,
    Status,
    check_ids,
    checks_for,
)
from score_lint.preflight.context import (
    CheckFn,
    Context,
    Outcome,
    failed,
    passed,
    record,
    run_checks,
    skipped,
)
from score_lint.preflight.masking import Masker, guarded_logging
from score_lint.preflight.settings import StorageSettings, from_effective

__all__ = [
    "Action",
    "Applied",
    "CHECKS",
    "Check",
    "CheckSpec",
    "InputError",
    "MissingExtra",
    "Options",
    "PreflightError",
    "Report",
    "Session",
    "Status",
    "check_ids",
    "prepare",
    "run",
]

INSTALL_HINT = "pip install 'score-lint[preflight]'"
# The import names each provider needs.
_NEEDS = {"s3": ("botocore", "httpx"), "azure": ("azure.storage.blob", "httpx")}


class MissingExtra(InputError):
    """The storage libraries are not installed (exit 2, with the command that installs them)."""


class PreflightError(Exception):
    """Something preflight did not foresee went wrong outside a check; the message is masked."""


@dataclass(frozen=True)
class Options:
    line: str = DEFAULT_LINE
    dialect: Dialect = "docker"
    provider: str | None = None
    timeout: float = 10.0  # seconds for each network call, its one retry included
    write_probes: bool = False
    force: bool = False


def _require_libraries(provider: str) -> None:
    missing = []
    for name in _NEEDS.get(provider, ()):
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is None:
            missing.append(name.split(".")[0] if name != "azure.storage.blob" else "azure-storage-blob")
    if missing:
        raise MissingExtra(f"preflight needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not "
                           f"installed: {INSTALL_HINT}")


@dataclass
class Session:
    """One file, read and linted once; ``run`` may be called again (after ``--bootstrap``)."""

    path: Path
    options: Options
    settings: StorageSettings
    blocking: tuple[Finding, ...]
    masker: Masker = field(repr=False)
    _last: Context | None = field(default=None, repr=False)

    @property
    def provider(self) -> str:
        return self.settings.provider

    def run(self) -> Report:
        specs = checks_for(self.provider)
        ctx = Context(self.settings, self.masker, self.options.timeout, self.options.write_probes)
        self._last = ctx
        start = time.monotonic()
        gate = self._gate_outcome()
        ctx.results["lint"] = record("lint", gate, self.masker, int((time.monotonic() - start) * 1000))
        rest = tuple(s for s in specs if s.id != "lint")
        if self.blocking and not self.options.force:
            reason = skipped("not run: Score would not start with this file (see lint; --force runs the checks anyway)")
            checks = tuple(record(s.id, reason, self.masker) for s in rest)
        else:
            with guarded_logging(self.masker):
                checks = run_checks(rest, _implementations(self.provider), ctx)
        return Report(str(self.path), self.options.line, self.provider, (ctx.results["lint"], *checks))

    def _gate_outcome(self) -> Outcome:
        if not self.blocking:
            return passed(f"no lint error stops Score {self.options.line} from starting.")
        shown = "; ".join(
            f"{f.code} {f.rule}{f' (line {f.line})' if f.line else ''}: {f.message}" for f in self.blocking[:3]
        )
        more = f"; and {len(self.blocking) - 3} more" if len(self.blocking) > 3 else ""
        forced = " Checked anyway (--force)." if self.options.force else ""
        return failed(f"Score would not start with this file: {shown}{more}.{forced}",
                      f"score-lint --score-version {self.options.line} {self.path}")

    def plan(self, report: Report) -> tuple[Action, ...]:
        """What ``--bootstrap`` would create, read from the storage itself; nothing is written."""
        if self._last is None or (self.blocking and not self.options.force):
            return ()
        try:
            with guarded_logging(self.masker):
                return bootstrap.plan(self._last, report)
        except Exception as exc:  # an SDK's surprise must not print a traceback with a key in it
            raise PreflightError(self.masker.mask(f"cannot tell what to create: {type(exc).__name__}: {exc}")) from None

    def apply(self, action: Action) -> Applied:
        ctx = self._last or Context(self.settings, self.masker, self.options.timeout)
        try:
            with guarded_logging(self.masker):
                return bootstrap.apply(ctx, action)
        except Exception as exc:  # as in plan: say it, masked
            return Applied(action, False, self.masker.mask(f"failed: {type(exc).__name__}: {exc}"))

    def mask(self, text: str) -> str:
        return self.masker.mask(text)


def _implementations(provider: str) -> dict[str, CheckFn]:
    # The storage libraries are imported here, when checks run, and only for the provider in use.
    from score_lint.preflight import services

    if provider == "azure":
        from score_lint.preflight import azure  # only now: it imports the storage SDK

        return {**azure.CHECKS, **services.CHECKS}
    from score_lint.preflight import s3  # only now: it imports the storage SDK

    return {**s3.CHECKS, **services.CHECKS}


def prepare(path: Path, options: Options) -> Session:
    """Read and lint ``path`` and resolve its settings; raises ``InputError`` (or ``MissingExtra``)."""
    # Imported here: the gate pulls in the lint engine and its rules only when a file is prepared.
    from score_lint.preflight.gate import lint_gate

    try:
        env = envfile.read(path, options.dialect)
        verdict = lint_gate(path, options.line, options.dialect, options.provider)
    except envfile.EnvFileError as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    provider = options.provider or verdict.provider
    _require_libraries(provider)
    settings = from_effective(Effective(env, line_models(options.line)[provider]), options.dialect)
    return Session(path, options, settings, verdict.blocking, Masker(settings.secrets))


def run(path: Path, options: Options | None = None) -> Report:
    """Prepare and run once: the report of every check for ``path``."""
    return prepare(path, options or Options()).run()

