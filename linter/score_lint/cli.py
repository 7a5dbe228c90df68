"""The command line: Click lives here and only here; every command calls one core function."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from score_lint import __version__
from score_lint.findings import InputError, visible
from score_lint.generated import BuildResult
from score_lint.lines import DEFAULT_LINE, LINES, PROVIDERS

if TYPE_CHECKING:  # only for annotations: the run plan is imported by the commands that need it
    from score_lint import plan

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
_SURROGATE = re.compile("[\ud800-\udfff]")  # bytes of a name that were not UTF-8


class _LintByDefault(click.Group):
    """``score-lint FILE...`` lints; ``score-lint schema build`` and friends are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["lint", *args]
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Click's own messages (a bad option value) quote the argument: shown escaped like ours."""
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.ClickException as exc:
            shown = io.StringIO()
            exc.show(file=shown)
            click.echo("\n".join(visible(line) for line in shown.getvalue().split("\n")), err=True, nl=False)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _report_build(result: BuildResult, out_dir: Path, check: bool, command: str) -> None:
    """Say what a generator wrote, or in check mode name the stale files and exit 1."""
    if check:
        for rel in result.stale:
            click.echo(visible(f"stale: {out_dir / rel}"))
        if result.stale:
            _say(f"run `score-lint {command}` and commit the result", prefix="")
            sys.exit(EXIT_FINDINGS)
    else:
        for rel in result.written:
            click.echo(visible(f"wrote {out_dir / rel}"))
        for rel in result.removed:
            click.echo(visible(f"removed {out_dir / rel}"))
        if result.written or result.removed:
            return
    click.echo(visible(f"{out_dir}: up to date"))


def _fail(message: str) -> None:
    _say(message)
    sys.exit(EXIT_INPUT)


def _out(text: str) -> None:
    """Write a report; a name with bytes that are not UTF-8 is shown escaped (``\\udcff``), never a crash."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if encoding.lower().replace("-", "") != "utf8" or _SURROGATE.search(text):
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    click.echo(text, nl=False)


def _report(fmt: str, results: list, color: bool) -> None:  # type: ignore[type-arg]
    from score_lint import reporters

    stream = reporters.STREAMS.get(fmt)
    if stream is None:
        _out(reporters.REPORTERS[fmt](results, color=color))
        return
    # Written in batches as it is made: a report of a huge file never sits in memory whole.
    batch: list[str] = []
    for line in stream(results, color):
        batch.append(line)
        if len(batch) == 2048:
            _out("".join(batch))
            batch.clear()
    _out("".join(batch))


def _check_path(path: Path) -> None:
    """Refuse, naming it, a path that cannot even be looked at (a symlink loop), before any work."""
    from score_lint import files  # small, but only needed here and in the generators

    try:
        os.stat(path)
    except FileNotFoundError:
        if str(path) in main.commands:
            _fail(f"{path}: no such file; to run the {path} command, name it first: score-lint {path} [OPTIONS] ...")
        return  # the reader says so in its own words
    except OSError as exc:
        _fail(f"{path}: {files.describe_error(exc)}")
    except ValueError as exc:  # a NUL byte in the name
        _fail(f"{path}: {exc}")


# Options shared by several commands, declared once so their names and help stay alike.
_SCORE_VERSION = click.option("--score-version", "line", type=click.Choice(LINES), default=None, help=f"Score line (default {DEFAULT_LINE}).")
_PROVIDER = click.option("--provider", type=click.Choice(PROVIDERS), default=None, help="Storage provider (default: inferred from the profiles).")
_FORMAT = click.option("--format", "fmt", type=click.Choice(("text", "json", "sarif", "github")), default="text", help="Output format.")
_DOCS = click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=None, help="Lint against this docs tree instead of the bundled schemas.")
_SELECT = click.option("--select", default=None, metavar="CODES", help="Only these code prefixes, comma-separated (SL1,SL203).")
_IGNORE = click.option("--ignore", default=None, metavar="CODES", help="Skip these code prefixes, comma-separated.")
_FAIL_LEVEL = click.option("--fail-level", type=click.Choice(("info", "warning", "error")), default=None, help="Lowest severity that makes the exit code 1 (default warning).")
_CONFIG = click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Use this pyproject.toml or .score-lint.toml instead of searching.")
_ISOLATED = click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
_VERBOSE = click.option("--verbose", "-v", is_flag=True, help="Say on stderr which configuration file applies to each file.")


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="score-lint", message="%(prog)s %(version)s")
def main() -> None:
    """Check Overture Score env files against how Score really reads them.

    Run `score-lint FILE...` to lint env files (the `lint` command is the default).
    """


@main.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_SCORE_VERSION
@click.option("--dialect", type=click.Choice(("docker", "compose")), default=None, help="How the file is loaded (default docker).")
@_PROVIDER
@_FORMAT
@_DOCS
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing (exit 1 if any). Values of secret settings are shown as ****.")
@click.option("--show-secrets", is_flag=True, help="With --diff: show the values of secret settings too.")
@_SELECT
@_IGNORE
@_FAIL_LEVEL
@_CONFIG
@_ISOLATED
@_VERBOSE
def lint_command(
    files: tuple[Path, ...],
    line: str | None,
    dialect: str | None,
    provider: str | None,
    fmt: str,
    docs_dir: Path | None,
    fix: bool,
    diff: bool,
    show_secrets: bool,
    select: str | None,
    ignore: str | None,
    fail_level: str | None,
    config_file: Path | None,
    isolated: bool,
    verbose: bool,
) -> None:
    """Lint env files (the default command).

    Settings come from `[tool.score-lint]` in the nearest pyproject.toml or from a .score-lint.toml,
    searched upwards from each file up to the repository root (a folder with .git) or your home
    folder; flags given here win.
    """
    from score_lint import plan
    from score_lint.envfile import EnvFileError

    planner = plan.Planner(_request(line, dialect, provider, select, ignore, fail_level, docs_dir, config_file, isolated))
    try:
        for path in files:
            _check_path(path)
        if verbose:
            _say_config(planner, files)
        failed: list[Path] = []
        if diff:
            outcomes = plan.fix_files(planner, files, write=False)
            # Imported here for start-up time, like the fixer itself.
            from score_lint.fixer import unified_diff

            for _, outcome in outcomes:
                if isinstance(outcome, InputError):
                    _say(str(outcome))
                else:
                    _out(unified_diff(outcome, show_secrets))
            if any(isinstance(o, InputError) for _, o in outcomes):
                sys.exit(EXIT_INPUT)
            sys.exit(EXIT_FINDINGS if any(o.changed for _, o in outcomes if not isinstance(o, InputError))
                     else EXIT_CLEAN)
        if fix:
            # Every file that can be fixed is; the others are named, linted if they can be read, exit 2.
            for path, outcome in plan.fix_files(planner, files, write=True):
                if isinstance(outcome, InputError):
                    _say(str(outcome))
                    failed.append(path)
                elif outcome.applied:
                    n = len(outcome.applied)
                    _say(f"{path}: fixed {n} problem{'s' if n != 1 else ''}", prefix="")
            readable = [p for p in files if p not in failed or _readable(p)]
            results = plan.lint_files(planner, readable)
        else:
            results = plan.lint_files(planner, files)
    except EnvFileError as exc:
        _fail(str(exc))
    except InputError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or files[0]}: {exc.strerror or exc}")
    if failed and not results:
        sys.exit(EXIT_INPUT)  # nothing could be read: the messages said why
    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _report(fmt, [r for r, _ in results], color)
    if failed:
        sys.exit(EXIT_INPUT)
    failing = any(f.severity.rank >= level.rank for r, level in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _readable(path: Path) -> bool:
    """Whether ``path`` can be linted (a file --fix refused may still be read and reported)."""
    from score_lint import envfile

    try:
        envfile.read(path)
    except envfile.EnvFileError:
        return False
    return True


def _say(message: str, prefix: str = "score-lint: ") -> None:
    """One line on stderr; control characters of a file name or a value are shown escaped."""
    click.echo(visible(f"{prefix}{message}"), err=True)


def _say_config(planner: plan.Planner, files: tuple[Path, ...]) -> None:
    for path in files:
        _say(f"{path}: {planner.describe_config(path)}")


def _request(
    line: str | None, dialect: str | None, provider: str | None, select: str | None, ignore: str | None,
    fail_level: str | None, docs_dir: Path | None, config_file: Path | None, isolated: bool,
) -> plan.Request:
    from score_lint import plan

    return plan.Request(
        line=line, dialect=dialect, provider=provider, select=_code_prefixes("--select", select),
        ignore=_code_prefixes("--ignore", ignore), fail_level=fail_level, docs=docs_dir,
        config_file=config_file, isolated=isolated,
    )


def _code_prefixes(flag: str, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    bad = [c for c in codes if not re.fullmatch(r"SL[0-9]{0,3}", c)]
    if bad:
        raise click.BadParameter(f"{bad[0]!r} is not a code prefix (SL, SL1, SL20, SL203)", param_hint=flag)
    return codes


@main.command("compose")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--image", "images", multiple=True, metavar="TEXT", help="A Score server is a service whose image contains TEXT (repeatable; default: score-server, overture/score).")
@_SCORE_VERSION
@_PROVIDER
@_FORMAT
@_DOCS
@_SELECT
@_IGNORE
@_FAIL_LEVEL
@_CONFIG
@_ISOLATED
@_VERBOSE
def compose_command(
    files: tuple[Path, ...],
    images: tuple[str, ...],
    line: str | None,
    provider: str | None,
    fmt: str,
    docs_dir: Path | None,
    select: str | None,
    ignore: str | None,
    fail_level: str | None,
    config_file: Path | None,
    isolated: bool,
    verbose: bool,
) -> None:
    """Lint the Score server services of docker-compose files: their environment and env_file files."""
    from score_lint import compose, plan

    planner = plan.Planner(_request(line, None, provider, select, ignore, fail_level, docs_dir, config_file, isolated))
    for path in files:
        _check_path(path)
    try:
        if verbose:
            _say_config(planner, files)
        results, empty = plan.lint_compose_files(planner, files, images or compose.DEFAULT_IMAGES)
    except InputError as exc:
        _fail(str(exc))
    for path in empty:
        _say(f"{path}: no Score server service found (see --image)")
    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _report(fmt, [r for r, _ in results], color)
    failing = any(f.severity.rank >= level.rank for r, level in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@main.command("rule")
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule: code, name, severity, fix.")
def rule_command(code: str | None, show_all: bool) -> None:
    """Print the documentation of rule CODE (a code such as SL101 or a name such as unknown-name)."""
    from score_lint import reporters
    from score_lint.drift.rules import DRIFT_RULES
    from score_lint.lint.rules import RULES

    every = sorted(RULES + DRIFT_RULES, key=lambda r: r.CODE)
    if show_all or code is None:
        click.echo(reporters.rule_index(every), nl=False)
        return
    rule = next((r for r in every if code.upper() == r.CODE or code.lower() == r.NAME), None)
    if rule is None:
        _fail(f"{code}: no such rule (`score-lint rule --all` lists them)")
        return
    click.echo(reporters.rule_text(rule), nl=False)


@main.command("lsp")
@click.option("--score-version", "line", type=click.Choice(LINES), default=None, help="Score line (default: the file's configuration, else 5.11).")
@click.option("--dialect", type=click.Choice(("docker", "compose")), default=None, help="How files are loaded (default docker).")
@_PROVIDER
@_CONFIG
@_ISOLATED
def lsp_command(line: str | None, dialect: str | None, provider: str | None, config_file: Path | None, isolated: bool) -> None:
    """Run the language server for .env.score files on stdin/stdout."""
    try:
        from score_lint import lsp
    except ImportError:
        _fail("the language server needs pygls: pip install 'score-lint[lsp]'")
    lsp.serve(lsp.Settings(line=line, dialect=dialect, provider=provider, config_file=config_file, isolated=isolated))


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

    try:
        os.stat(docs_dir)
    except FileNotFoundError:
        _fail(f"{docs_dir}: no such docs folder (run from the project root or pass --docs)")
    except (OSError, ValueError):
        _check_path(docs_dir)  # says why (a symlink loop, a name too long)
    try:
        docs = schemagen.load_docs([docs_dir], root=docs_dir)
    except (markdown.MarkdownError, OSError) as exc:
        _fail(str(exc))
    for broken in docs.broken:
        _say(f"{docs_dir / broken.path}:{broken.line}: {broken.message}")
    errors = schemagen.conflicts(docs)
    for error in errors:
        _say(str(error))
    if docs.broken:
        sys.exit(EXIT_INPUT)
    if errors:
        sys.exit(EXIT_INPUT)
    _report_build(schemagen.write_or_check(schemagen.build_all(docs), out_dir, check), out_dir, check, "schema build")



@main.command("drift")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--score-version", "line", type=click.Choice(LINES), default=DEFAULT_LINE, show_default=True, help="Score line the names must bind on.")
@_FORMAT
def drift_command(paths: tuple[Path, ...], line: str, fmt: str) -> None:
    """Check Score docs pages (Markdown files or folders): tables vs examples vs what Score reads."""
    from score_lint.drift.engine import drift_paths

    try:
        results = drift_paths(paths, line)
    except InputError as exc:
        _fail(str(exc))
    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _report(fmt, results, color)
    sys.exit(EXIT_FINDINGS if any(r.failing for r in results) else EXIT_CLEAN)


@main.group("docs")
def docs_group() -> None:
    """Generate the reference pages of the documentation site."""


@docs_group.command("build")
@click.option(
    "--docs-out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("docs/reference"),
    show_default=True,
    help="Folder of the generated pages.",
)
@click.option(
    "--schemas",
    "schema_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Read the schemas from this folder (as written by `schema build --out`) instead of the bundled ones.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and name the stale files if any.")
def docs_build(out_dir: Path, schema_dir: Path | None, check: bool) -> None:
    """Write the reference pages from the schemas, the rules and this command line."""
    from score_lint import binding, docsgen, files

    try:
        _check_generator_inputs(schema_dir, out_dir)
        schemas = docsgen.load_schemas(schema_dir)
    except files.Unreadable as exc:
        _fail(str(exc))
    except binding.SchemaNotFound as exc:
        _fail(str(exc))
    except ValueError as exc:  # a schema that is not JSON
        _fail(f"{schema_dir}: a schema is not valid JSON ({exc})")
    commands = [docsgen.CommandHelp(path, text) for path, text in command_help()]
    result = docsgen.write_or_check(docsgen.build_pages(schemas, docsgen.all_rules(), commands), out_dir, check)
    _report_build(result, out_dir, check, "docs build")


def _check_generator_inputs(schema_dir: Path | None, out_dir: Path) -> None:
    """Refuse, before any work, a schema or an existing page that is a pipe, a device or huge.

    The generators read these with plain reads; a named pipe among them would block the build forever.
    """
    from score_lint import files

    if schema_dir is not None:
        for line in LINES:
            for provider in PROVIDERS:
                schema = schema_dir / line / f"score-{provider}.schema.json"
                if os.path.lexists(schema):
                    files.check_regular(schema, files.DEFAULT_LIMIT, "schemas")
    if out_dir.is_dir():
        for page in sorted(out_dir.rglob("*.md")):
            files.check_regular(page, files.DEFAULT_LIMIT, "pages")


def command_help(width: int = 88) -> list[tuple[str, str]]:
    """(``score-lint schema build``, its ``--help`` text) for every command, depth first, at a fixed width
    so the generated CLI reference is byte-stable."""
    found: list[tuple[str, str]] = []

    def walk(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        ctx = click.Context(
            command,
            info_name=path[-1],
            parent=parent,
            terminal_width=width,
            max_content_width=width,
            help_option_names=["-h", "--help"],
        )
        found.append((" ".join(path), command.get_help(ctx)))
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, name], ctx)

    walk(main, ["score-lint"], None)
    return found
