"""The run plan: what a command needs before it lints (the binding models of another docs tree, ...)."""

from __future__ import annotations

from pathlib import Path

from score_lint.binding import Model
from score_lint.findings import InputError
from score_lint.lines import LINES, PROVIDERS


def models_from_docs(docs_dir: Path) -> dict[str, dict[str, Model]]:
    """Binding models compiled in memory from another docs tree (imports the Markdown layer)."""
    # Imported here for start-up time: only --docs needs the Markdown layer and the compiler.
    from score_lint import markdown, schemagen

    if not docs_dir.exists():
        raise InputError(f"{docs_dir}: no such docs folder")
    try:
        docs = schemagen.load_docs([docs_dir], root=docs_dir)
    except markdown.MarkdownError as exc:
        raise InputError(str(exc)) from exc
    return {
        line: {provider: Model(schemagen.build_schema(docs, line, provider)) for provider in PROVIDERS}
        for line in LINES
    }
