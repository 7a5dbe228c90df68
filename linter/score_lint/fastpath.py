"""``score-lint FILE...`` without Click: the plain lint of named files, the run pre-commit and editors
make most often, one or two files at a time.

Click's import is about a fifth of such a run. The ``score-lint`` script (``script``; ``main`` as a
function) takes this path only for a command line that is nothing but names of existing regular files:
no option, no command, no folder, no standard input. Every other command line goes to Click's
``cli.main`` untouched, and so does a plain one whose files cannot all be linted (a missing
configuration file, a binary file...): this path writes nothing until every file is read and found fit
to lint, so Click then reports exactly as it always does.

The two paths cannot drift apart: this one asks the same run plan (``plan.Planner``,
``plan.ready_input``, ``plan.Streaming``) and the same text reporter as ``cli.lint_command`` with its
defaults, writes in the same batches through the same ``terminal`` helpers, and
``tests/test_fastpath.py`` compares both paths' output and exit code on the bundled examples and the
corpus, as the installed script runs them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence

# The commands and flags Click knows; a file of one of those names is left to Click to explain.
_NOT_FILES = frozenset({"lint", "compose", "k8s", "explain", "drift", "preflight", "schema", "docs", "rule", "lsp"})
EXIT_CLEAN, EXIT_FINDINGS = 0, 1


# A lint builds hundreds of thousands of objects (entries, resolutions, findings) that live until the
# report is written and form no cycles: collecting the young generation every 700 allocations walked
# them all again and again (about a tenth of an 80,000-line run).
_YOUNG_THRESHOLD = 50_000


def main(argv: Sequence[str] | None = None) -> None:
    """``score-lint`` called as a function (the tests do): it ends with ``SystemExit``, as Click's ``main``."""
    _run(list(sys.argv[1:] if argv is None else argv), sys.exit)


def script() -> None:
    """The ``score-lint`` script: ``main``, but a plain lint ends the process with ``os._exit`` as soon as
    its report is flushed. Freeing every module and object one by one at interpreter exit was a twentieth
    of a plain run, and that run leaves nothing else to finish: it writes standard output only (flushed by
    ``_lint``), opens no file for writing and registers no exit handler. Click's commands exit as usual."""
    _run(sys.argv[1:], os._exit)


def _run(args: list[str], end: Callable[[int], object]) -> None:
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(_YOUNG_THRESHOLD, older, oldest)
    if _plain(args):
        code = _lint(args)
        if code is not None:
            end(code)
            return
    # Imported here: Click parses every command line the plain path does not take.
    from score_lint.cli import main as click_main

    click_main(args)


def _plain(args: Sequence[str]) -> bool:
    return bool(args) and all(
        not arg.startswith("-") and arg not in _NOT_FILES and os.path.isfile(arg) for arg in args
    )


def _lint(args: Sequence[str]) -> int | None:
    """Lint and report as ``score-lint lint FILE...`` does with no flags; None when a file cannot be
    linted (nothing has been written then)."""
    # Imported here, as cli.lint_command does: a command line that goes to Click does not load them twice.
    from score_lint import plan, reporters
    from score_lint.findings import InputError
    from score_lint.inputs import Input
    from score_lint.paths import normal
    from score_lint.terminal import batches, use_color, writable

    gc.freeze()  # what the imports built lives as long as the process: out of the collector's sight
    planner = plan.Planner(plan.Request())
    ready = []
    for name in args:
        path = normal(name)  # as Click's Path parameter and discover.expand name it: str(Path(name))
        try:
            ready.append(plan.ready_input(planner, Input(path, path)))
        except (InputError, OSError, ValueError):
            return None
    # Every file is read and fit to lint: each is now linted while the report is written.
    run = plan.Streaming(ready)  # takes the list over: each file is let go once it is reported
    stream = sys.stdout
    color = use_color("auto", stream)
    try:
        for chunk in batches(reporters.STREAMS["text"](run.results(), color, quiet=False, show_fixes=False)):
            stream.write(writable(chunk, stream))
        stream.flush()
    except BrokenPipeError:
        # The reader went away (``score-lint FILE | head``): exit 1 with nothing more said, as Click does;
        # what is still buffered goes nowhere, so that the exit's own flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        return EXIT_FINDINGS
    sys.stderr.flush()
    return EXIT_FINDINGS if run.failing else EXIT_CLEAN
