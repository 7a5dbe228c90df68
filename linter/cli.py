"""The command line: Click lives here and only here; every command calls one core function."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from score_lint import __version__
from score_lint.values import LINES, PROVIDERS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class _LintByDefault(click.Group):
    """``score-lint FILE...`` lints; ``score-lint schema build`` and friends are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


def _fail(message: str) -> None:
    click.echo(f"score-lint: {message}", err=True)
    sys.exit(EXIT_INPUT)


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="score-lint", message="%(prog)s %(version)s")
def main() -> None:
    """Check Overture Score env files against how Score really reads them.

    Run `score-lint FILE...` to lint env files (the `lint` command is the default).
    """


@main.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--score-version", "line", type=click.Choice(LINES), default=None, help="Score line (default 5.11).")
@click.option("--dialect", type=click.Choice(("docker", "compose")), default=None, help="How the file is loaded (default docker).")
@click.option("--provider", type=click.Choice(PROVIDERS), default=None, help="Storage provider (default: inferred from the profiles).")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", help="Output format.")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=None, help="Lint against this docs tree instead of the bundled schemas.")
def lint_command(
    files: tuple[Path, ...],
    line: str | None,
    dialect: str | None,
    provider: str | None,
    fmt: str,
    docs_dir: Path | None,
) -> None:
    """Lint env files (the default command)."""
    from score_lint import engine, reporters
    from score_lint.envfile import EnvFileError

    options = engine.Options(line=line or "5.11", dialect=dialect or "docker", provider=provider)
    try:
        models = engine.models_from_docs(docs_dir) if docs_dir else None
        results = [engine.lint_path(path, options, models) for path in files]
    except EnvFileError as exc:
        _fail(str(exc))
    except engine.InputError as exc:
        _fail(str(exc))
    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(reporters.REPORTERS[fmt](results, color=color), nl=False)
    sys.exit(EXIT_FINDINGS if any(r.failing for r in results) else EXIT_CLEAN)


@main.group("schema")
def schema_group() -> None:
    """Compile the configuration docs into JSON Schemas."""


@schema_group.command("build")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs/configuration"), show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("schema"), show_default=True)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and name the stale files if any.")
def schema_build(docs_dir: Path, out_dir: Path, check: bool) -> None:
    """Compile DOCS into one schema per Score line and provider under OUT."""
    from score_lint import markdown, schemagen

    if not docs_dir.exists():
        _fail(f"{docs_dir}: no such docs folder (run from the project root or pass --docs)")
    try:
        docs = schemagen.load_docs([docs_dir], root=docs_dir)
    except (markdown.MarkdownError, OSError) as exc:
        _fail(str(exc))
    errors = schemagen.conflicts(docs)
    for error in errors:
        click.echo(f"score-lint: {error}", err=True)
    if errors:
        sys.exit(EXIT_INPUT)
    result = schemagen.write_or_check(schemagen.build_all(docs), out_dir, check)
    if check:
        for rel in result.stale:
            click.echo(f"stale: {out_dir / rel}")
        if result.stale:
            click.echo("run `score-lint schema build` and commit the result", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{out_dir}: up to date")
        return
    for rel in result.written:
        click.echo(f"wrote {out_dir / rel}")
    if not result.written:
        click.echo(f"{out_dir}: up to date")
