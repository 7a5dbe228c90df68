"""One-line assertion helpers shared by the rule tests."""

from __future__ import annotations

from score_lint.findings import Result
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes

import os
import re
import shlex
from collections.abc import Callable
from types import ModuleType

from hypothesis import HealthCheck, settings



def options_from(args: str = "", **overrides: object) -> Options:
    """Options from CLI-like flags (``--score-version develop --dialect compose``)."""
    words = shlex.split(args)
    values: dict[str, object] = {}
    flags = {"--score-version": "line", "--dialect": "dialect", "--provider": "provider"}
    for flag, value in zip(words[::2], words[1::2]):
        values[flags[flag]] = value
    values.update(overrides)
    return Options(**values)  # type: ignore[arg-type]


def lint(text: str, args: str = "") -> Result:
    return lint_bytes(text.encode("utf-8"), "test.env", options_from(args))


def findings(text: str, args: str = "", code: str | None = None) -> list[tuple[int | None, str]]:
    """(line, code) of every finding, or only those of ``code``."""
    return [(f.line, f.code) for f in lint(text, args).findings if code is None or f.code == code]


def assert_findings(text: str, expected: list[tuple[int | None, str]], args: str = "", code: str | None = None) -> None:
    got = findings(text, args, code)
    assert got == expected, f"expected {expected}, got {got}"


_SECTION = re.compile(r"^## (.+)$", re.M)
_BLOCK = re.compile(r"(?:^Options: (?P<opts>.*)\n)?```env\n(?P<body>.*?)```", re.M | re.S)


def docstring_examples(rule: ModuleType) -> dict[str, list[tuple[str, str]]]:
    """{"Example": [(options, env text)], "Use instead": [...]} from a rule's docstring."""
    doc = rule.__doc__ or ""
    parts = _SECTION.split(doc)
    out: dict[str, list[tuple[str, str]]] = {}
    for title, body in zip(parts[1::2], parts[2::2]):
        out[title.strip()] = [(m.group("opts") or "", m.group("body")) for m in _BLOCK.finditer(body)]
    return out


# Property and fuzz tests run a fixed, small budget in CI; SCORE_LINT_FUZZ=long multiplies it for a
# local soak (README, "Reliability"). The seed is random each run; a failure prints the example.
FUZZ_SCALE = {"ci": 1, "long": 50}[os.environ.get("SCORE_LINT_FUZZ", "ci")]


def fuzz(max_examples: int) -> settings:
    """Hypothesis settings for ``max_examples`` examples in CI (times ``FUZZ_SCALE`` locally)."""
    return settings(max_examples=max_examples * FUZZ_SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_linear(run: Callable[[int], object], small: int, factor: int = 4) -> None:
    """``run(n)`` takes about ``factor`` times as long for ``factor`` times ``n``: linear, not quadratic.

    CPU time of this process, the best of three, compared generously (twice what linear allows, against
    ``factor`` times that for quadratic), so a loaded machine does not fail it but a quadratic path does.
    The small and the big run take turns, so that a busy stretch of a shared machine slows both rather
    than only the big ones, and the cyclic garbage collector is off while they run: in a test session
    its full collections walk every object the earlier tests left alive, more often the more a run
    allocates, and made a linear parse take 10 times as long for 4 times the input (3 times without it).
    """
    import gc
    import time

    def timed(n: int) -> float:
        start = time.process_time()
        run(n)
        return time.process_time() - start

    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        rounds = [(timed(small), timed(small * factor)) for _ in range(3)]
    finally:
        if enabled:
            gc.enable()
    base, big = min(r[0] for r in rounds), min(r[1] for r in rounds)
    assert big <= 2 * factor * base + 0.05, f"n={small}: {base:.3f}s, n={small * factor}: {big:.3f}s"
