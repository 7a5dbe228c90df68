"""What a check function sees, what it returns, and the loop that runs them in registry order."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from score_lint.preflight.checks import Check, CheckSpec, Status
from score_lint.preflight.masking import Masker
from score_lint.preflight.net import OTHER, TIMEOUT, NetError, Unreachable
from score_lint.preflight.settings import StorageSettings


@dataclass(frozen=True)
class Outcome:
    status: Status
    message: str
    remedy: str | None = None


def passed(message: str) -> Outcome:
    return Outcome(Status.PASS, message)


def failed(message: str, remedy: str | None = None) -> Outcome:
    return Outcome(Status.FAIL, message, remedy)


def skipped(message: str) -> Outcome:
    return Outcome(Status.SKIP, message)


def errored(message: str, remedy: str | None = None) -> Outcome:
    return Outcome(Status.ERROR, message, remedy)


def unreachable(error: NetError, prefix: str = "") -> Outcome:
    """A network failure: ``fail`` when the answer is clear (refused, DNS, TLS), ``error`` when there was none."""
    message = f"{prefix}{error.message}"
    if error.kind in (TIMEOUT, OTHER):
        return errored(message)
    return failed(message)


_WHY = {Status.SKIP: "was skipped", Status.FAIL: "failed", Status.ERROR: "could not tell", Status.PASS: "passed"}


@dataclass
class Context:
    settings: StorageSettings
    masker: Masker
    timeout: float = 10.0
    write_probes: bool = False
    results: dict[str, Check] = field(default_factory=dict)
    # Answers shared between checks (one signed request serves two checks); dies with the run.
    cache: dict[object, object] = field(default_factory=dict)

    def blocked(self, *ids: str) -> Outcome | None:
        """A skip naming the first of ``ids`` that did not pass, or None when all passed."""
        for check_id in ids:
            found = self.results.get(check_id)
            if found is None or found.status is not Status.PASS:
                why = "did not run" if found is None else _WHY[found.status]
                return skipped(f"not run: {check_id} {why}.")
        return None


CheckFn = Callable[[Context], Outcome]


def run_checks(specs: tuple[CheckSpec, ...], impls: Mapping[str, CheckFn], ctx: Context) -> tuple[Check, ...]:
    """Run each check in order; every string is masked here, on its way out."""
    out: list[Check] = []
    for spec in specs:
        start = time.monotonic()
        try:
            outcome = impls[spec.id](ctx)
        except Unreachable as exc:
            outcome = unreachable(exc.error)
        except Exception as exc:  # a check must never take the run down; its words are masked below
            outcome = errored(f"unexpected {type(exc).__name__}: {exc}")
        check = record(spec.id, outcome, ctx.masker, int((time.monotonic() - start) * 1000))
        ctx.results[spec.id] = check
        out.append(check)
    return tuple(out)


def record(check_id: str, outcome: Outcome, masker: Masker, duration_ms: int = 0) -> Check:
    return Check(
        id=check_id,
        status=outcome.status,
        message=masker.mask(outcome.message),
        duration_ms=duration_ms,
        remedy=masker.mask(outcome.remedy) if outcome.remedy else None,
    )
