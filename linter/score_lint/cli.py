"""The command line: Click lives here and only here; every command calls one core function."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from score_lint import __version__
from score_lint.findings import InputError, Severity, visible
from score_lint.generated import BuildResult
from score_lint.terminal import batches, use_color, writable
from score_lint.lines import DEFAULT_LINE, LINES, PROVIDERS

if TYPE_CHECKING:  # only for annotations: the run plan is imported by the commands that need it
    from _typeshed import StrPath

    from score_lint import plan
    from score_lint.findings import Reported
    from score_lint.inputs import Input

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


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


def _out(text: str, stream: IO[str] | None = None) -> None:
    """Write a report; a name with bytes that are not UTF-8 is shown escaped (``\\udcff``), never a crash."""
    target = stream if stream is not None else sys.stdout
    # color=True: the reporter decided (use_color); click would otherwise strip colour off a pipe.
    click.echo(writable(text, target), nl=False, file=stream, color=True)


@dataclass(frozen=True)
class Output:
    """How a command writes its report: the flags every reporting command shares."""

    exit_zero: bool = False
    quiet: bool = False
    statistics: bool = False
    output_file: Path | None = None
    color: str = "auto"
    show_fixes: bool = False


_OUTPUT_OPTIONS = (
    click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an input error)."),
    click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no verdicts, no summary."),
    click.option("--statistics", is_flag=True, help="Count the findings per rule instead of listing them."),
    click.option("--output-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
                 help="Write the report to this file (replaced atomically) instead of standard output."),
    click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
                 help="Colour the text report; auto: on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it)."),
    click.option("--show-fixes", is_flag=True, help="List the fix each fixable finding would get."),
)


def _output_options(command: Callable[..., None]) -> Callable[..., None]:
    """Declare the shared output flags once and hand the command one ``output: Output``."""

    @functools.wraps(command)
    def wrapper(*args: Any, exit_zero: bool, quiet: bool, statistics: bool, output_file: Path | None, color: str,
                show_fixes: bool, **kwargs: Any) -> None:
        output = Output(exit_zero, quiet, statistics, output_file, color, show_fixes)
        command(*args, output=output, **kwargs)

    for option in reversed(_OUTPUT_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def _check_output(output: Output, fmt: str) -> None:
    """Refuse flag combinations that would do nothing, before any work."""
    human = fmt in ("text", "full")
    if output.statistics and fmt not in ("text", "full", "json"):
        raise click.UsageError("--statistics works with --format text or json")
    if output.show_fixes and (not human or output.statistics):
        raise click.UsageError("--show-fixes works with --format text or full, without --statistics")


def _refuse_overwrite(output: Output, inputs: Sequence[StrPath]) -> None:
    """``--output-file`` must not name a file being linted."""
    if output.output_file is None:
        return
    target = os.path.realpath(output.output_file)
    for path in inputs:
        if str(path) != "-" and os.path.realpath(path) == target:
            _fail(f"{output.output_file}: --output-file names an input; score-lint never overwrites the files it lints")


@contextmanager
def _report_stream(output: Output, to_stderr: bool = False) -> Iterator[IO[str]]:
    """Where the report goes: standard output (standard error for ``--fix -``), or a temporary file beside
    ``--output-file`` that replaces it only once the report is complete."""
    if output.output_file is None:
        yield sys.stderr if to_stderr else sys.stdout
        return
    # Imported here for start-up time: only --output-file needs a temporary file.
    import tempfile

    target = Path(os.path.abspath(output.output_file))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        _fail(f"{output.output_file}: {exc.strerror or exc}")
    try:
        with open(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _report(output: Output, fmt: str, results: Iterable[Reported], sources: Mapping[str, Mapping[int, str]] | None = None,
            to_stderr: bool = False, drift: bool | None = None) -> None:
    """Write the report; ``results`` are read once (a lint's are made as they are read: ``drift=False``
    says they hold no drift finding, which SARIF would otherwise look for first)."""
    # Imported here for start-up time, as the run plan: `score-lint --version` needs none of it.
    from score_lint import reporters

    with _report_stream(output, to_stderr) as stream:
        color = fmt in ("text", "full") and use_color(output.color, stream)
        if output.statistics:
            _out(reporters.STATISTICS["json" if fmt == "json" else "text"](results, color=color), stream)
            return
        extra: dict[str, object] = {}
        if fmt in reporters.STREAMED:
            extra = {"quiet": output.quiet, "show_fixes": output.show_fixes}
        if fmt == "full":
            extra["sources"] = sources
        if fmt == "sarif" and drift is not None:
            extra["drift"] = drift
        for chunk in batches(reporters.STREAMS[fmt](results, color, **extra)):
            _out(chunk, stream)


def _finish(output: Output, fmt: str, linted: Sequence[plan.Linted], errors: Sequence[str], to_stderr: bool = False) -> None:
    """Report, then exit: 2 when an input could not be linted, 1 when a finding fails the run, else 0."""
    if linted or not errors:  # when nothing could be linted the messages have said it all
        sources = {item.result.path: item.source for item in linted if item.source is not None}
        _report(output, fmt, [item.result for item in linted], sources, to_stderr)
    if errors:
        sys.exit(EXIT_INPUT)
    failing = any(f.severity.rank >= item.fail_severity.rank for item in linted for f in item.result.findings)
    sys.exit(EXIT_FINDINGS if failing and not output.exit_zero else EXIT_CLEAN)


def _finish_streaming(output: Output, fmt: str, ready: list[plan.Ready], errors: Sequence[str],
                      to_stderr: bool = False) -> None:
    """``_finish`` for inputs read beforehand: each is linted while the report is written, its findings
    not held (the exit code is known once the report is complete)."""
    # Imported here for start-up time, as the run plan: `score-lint --version` needs none of it.
    from score_lint import plan

    linted_any = bool(ready)
    run = plan.Streaming(ready)  # takes the list over: each file is let go once it is reported
    if linted_any or not errors:  # when nothing could be linted the messages have said it all
        _report(output, fmt, run.results(), to_stderr=to_stderr, drift=False)
    if errors:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if run.failing and not output.exit_zero else EXIT_CLEAN)


def _error(message: str) -> str:
    """Say at once that one input cannot be linted (the others still are); the message is kept for the exit code."""
    _say(message)
    return message


def _check_path(path: Path) -> str | None:
    """Why a path cannot even be looked at (a symlink loop), or None; a command name gets a hint."""
    try:
        os.stat(path)
    except FileNotFoundError:
        if str(path) in main.commands:
            _fail(f"{path}: no such file; to run the {path} command, name it first: score-lint {path} [OPTIONS] ...")
        return None  # the reader says so in its own words
    except (OSError, ValueError) as exc:
        return f"{path}: {getattr(exc, 'strerror', None) or exc}"
    return None


def _require_path(path: Path) -> None:
    """Stop, naming it, at a path that cannot even be looked at."""
    problem = _check_path(path)
    if problem is not None:
        _fail(problem)


def _input_error(exc: Exception, name: str) -> str:
    if isinstance(exc, OSError):
        return f"{exc.filename or name}: {exc.strerror or exc}"
    return str(exc)


def _read_stdin() -> bytes:
    # Imported here for start-up time: the env-file reader is loaded only once there is input.
    from score_lint.envfile import MAX_FILE_BYTES

    # One byte more than the limit, so that the reader can say the input is too large.
    return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)


# Options shared by several commands, declared once so their names and help stay alike.
_SCORE_VERSION = click.option("--score-version", "line", type=click.Choice(LINES), default=None, help=f"Score line (default {DEFAULT_LINE}).")
_PROVIDER = click.option("--provider", type=click.Choice(PROVIDERS), default=None, help="Storage provider (default: inferred from the profiles).")
_FORMATS = ("text", "json", "sarif", "github")


def _format_option(*extra: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    help_text = "Output format" + ("; full: each finding with its source line (secret values masked)." if "full" in extra else ".")
    return click.option("--format", "fmt", type=click.Choice((*_FORMATS[:1], *extra, *_FORMATS[1:])), default="text", help=help_text)


_FORMAT = _format_option()
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
@_format_option("full")
@_DOCS
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place, then report what is left (with -: print the fixed text).")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing (exit 1 if any). Values that may be secrets are shown as ****.")
@click.option("--show-secrets", is_flag=True, help="With --diff: show the masked values too.")
@_SELECT
@_IGNORE
@_FAIL_LEVEL
@_CONFIG
@_ISOLATED
@click.option("--stdin-filename", metavar="NAME", default=None,
              help="The name of standard input (-) in reports; its configuration is searched from there.")
@click.option("--exclude", "exclude", multiple=True, metavar="PATTERN",
              help="Skip files and folders matching this glob while searching a folder (repeatable).")
@_VERBOSE
@_output_options
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
    stdin_filename: str | None,
    exclude: tuple[str, ...],
    verbose: bool,
    output: Output,
) -> None:
    """Lint env files (the default command).

    FILES are env files, folders (searched for .env.score, *.env.score and *.score.env files, minding
    .gitignore and --exclude) or - for standard input. Settings come from `[tool.score-lint]` in the
    nearest pyproject.toml or from a .score-lint.toml, searched upwards from each file up to the
    repository root (a folder with .git) or your home folder, whichever comes first; outside both only
    the file's own folder is searched. Flags given here win.
    """
    # Imported here for start-up time (as in every command): `score-lint --version` needs none of it.
    from score_lint import discover, plan

    _check_output(output, fmt)
    if stdin_filename is not None and "-" not in map(str, files):
        raise click.UsageError("--stdin-filename names standard input: pass - among the files")
    if [str(f) for f in files].count("-") > 1:
        raise click.UsageError("- (standard input) can be named only once")
    planner = plan.Planner(_request(line, dialect, provider, select, ignore, fail_level, docs_dir, config_file, isolated))
    errors: list[str] = []
    named: list[Path] = []
    for path in files:
        problem = None if str(path) == "-" else _check_path(path)
        if problem is None:
            named.append(path)
        else:
            errors.append(_error(problem))
    expansion = discover.expand(named, exclude, stdin_filename, _read_stdin)
    errors += [_error(e) for e in expansion.errors]
    inputs = expansion.inputs
    _refuse_overwrite(output, [i.path for i in inputs if not i.is_stdin])
    if (fix or diff) and any(i.is_stdin for i in inputs) and len(inputs) > 1:
        raise click.UsageError("--fix and --diff read standard input (-) only on its own")
    if verbose:
        _say_config(planner, tuple(i.path for i in inputs if not i.is_stdin))
    if diff:
        _diff(planner, inputs, errors, show_secrets)
    if fix:
        inputs = _fix(planner, inputs, errors, output)
    to_stderr = fix and any(i.is_stdin for i in inputs)
    if fmt == "full" and not output.statistics:  # the source lines shown are those of the findings: held
        linted = []
        for item in inputs:
            try:
                linted.append(plan.lint_input(planner, item, source=True))
            except (InputError, OSError) as exc:
                errors.append(_error(_input_error(exc, item.name)))
        _finish(output, fmt, linted, errors, to_stderr)
    ready = []
    for item in inputs:
        try:
            ready.append(plan.ready_input(planner, item))
        except (InputError, OSError) as exc:
            errors.append(_error(_input_error(exc, item.name)))
    _finish_streaming(output, fmt, ready, errors, to_stderr)


def _diff(planner: plan.Planner, inputs: Sequence[Input], errors: list[str], show_secrets: bool = False) -> None:
    """``--diff``: the safe fixes as one unified diff; exit 1 when there is any, 2 after an input error."""
    # Imported here for start-up time, like the fixer itself.
    from score_lint import plan
    from score_lint.fixer import unified_diff

    changed = False
    for item in inputs:
        try:
            outcome = plan.fix_input(planner, item, write=False)
        except (InputError, OSError) as exc:
            errors.append(_error(_input_error(exc, item.name)))
            continue
        changed = changed or outcome.changed
        _out(unified_diff(outcome, show_secrets))
    sys.exit(EXIT_INPUT if errors else EXIT_FINDINGS if changed else EXIT_CLEAN)


def _fix(planner: plan.Planner, inputs: Sequence[Input], errors: list[str], output: Output) -> list[Input]:
    """``--fix``: apply the safe fixes (standard input: print the fixed text); the inputs to lint after."""
    # Imported here for start-up time, as in the command.
    from score_lint import plan
    from score_lint.inputs import Input

    kept = []
    for item in inputs:
        try:
            outcome = plan.fix_input(planner, item, write=True)
        except (InputError, OSError) as exc:
            errors.append(_error(_input_error(exc, item.name)))
            if not item.is_stdin and _readable(item.path):
                kept.append(item)  # not fixed, but still linted: its findings say why
            continue
        if item.is_stdin:
            sys.stdout.flush()
            sys.stdout.buffer.write(outcome.fixed)
            sys.stdout.buffer.flush()
            kept.append(Input(item.path, item.name, outcome.fixed))
            continue
        kept.append(item)
        if outcome.applied and not output.quiet:
            n = len(outcome.applied)
            click.echo(visible(f"{item.name}: fixed {n} problem{'s' if n != 1 else ''}"), err=True)
            if output.show_fixes:
                for applied in outcome.applied:
                    click.echo(f"  {applied.description}", err=True)
    return kept


def _readable(path: StrPath) -> bool:
    """Whether ``path`` can be linted (a file --fix refused may still be read and reported)."""
    from score_lint import envfile  # for start-up time, as in every command

    try:
        envfile.read(path)
    except envfile.EnvFileError:
        return False
    return True


def _say(message: str, prefix: str = "score-lint: ") -> None:
    """One line on stderr; control characters of a file name or a value are shown escaped."""
    click.echo(visible(f"{prefix}{message}"), err=True)


def _say_config(planner: plan.Planner, files: tuple[StrPath, ...]) -> None:
    for path in files:
        _say(f"{path}: {planner.describe_config(path)}")


def _request(
    line: str | None, dialect: str | None, provider: str | None, select: str | None, ignore: str | None,
    fail_level: str | None, docs_dir: Path | None, config_file: Path | None, isolated: bool,
) -> plan.Request:
    # Imported here for start-up time: each command loads only what it needs.
    from score_lint import plan

    return plan.Request(
        line=line, dialect=dialect, provider=provider, select=_code_prefixes("--select", select),
        ignore=_code_prefixes("--ignore", ignore), fail_level=fail_level, docs=docs_dir,
        config_file=config_file, isolated=isolated,
    )


def _code_prefixes(flag: str, value: str | None) -> tuple[str, ...] | None:
    """Code prefixes from the flag; one that is not a prefix of any rule's code is a usage error."""
    # Imported here for start-up time: the configuration module loads the rule registry.
    from score_lint.config import code_problem

    if value is None:
        return None
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    for code in codes:
        problem = code_problem(code)
        if problem is not None:
            raise click.BadParameter(problem, param_hint=flag)
    return codes


@main.command("compose")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--service", "chosen", multiple=True, metavar="NAME", help="Lint service NAME as the Score server instead of recognising servers (repeatable).")
@click.option("--image", "images", multiple=True, metavar="TEXT", help="Also take a service whose image contains TEXT as a Score server (repeatable).")
@_SCORE_VERSION
@_PROVIDER
@_FORMAT
@_DOCS
@_SELECT
@_IGNORE
@_FAIL_LEVEL
@_CONFIG
@_ISOLATED
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr which services were taken as Score servers, and why.")
@_output_options
def compose_command(
    files: tuple[Path, ...],
    chosen: tuple[str, ...],
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
    output: Output,
) -> None:
    """Lint the Score server services of docker-compose files: their environment and env_file files.

    A Score server is a service whose image is overture/score-server (or
    ghcr.io/overture-stack/score-server), or a service built from source that is named like one
    (score-server, score, storage-server) or sets settings only Score reads. The Score client
    (image overture/score, service score-client) is never linted as a server. A run in which no
    file has a Score server exits 2.
    """
    # Imported here for start-up time: each command loads only what it needs.
    from score_lint import plan

    _check_output(output, fmt)
    _refuse_overwrite(output, files)
    planner = plan.Planner(_request(line, None, provider, select, ignore, fail_level, docs_dir, config_file, isolated))
    try:
        for path in files:
            _require_path(path)
        if verbose:
            _say_config(planner, files)
        results, inspections = plan.lint_compose_files(planner, files, images, chosen)
    except InputError as exc:
        _fail(str(exc))
    for inspection in inspections:
        where = inspection.path
        if verbose:
            for seen in inspection.seen:
                verdict = "Score server" if seen.role == "server" else "left out"
                click.echo(f"score-lint: {where}:{seen.line}: service {seen.name}: {verdict} ({seen.reason})", err=True)
        for server in inspection.servers:
            if not server.image:
                click.echo(f"score-lint: {where}:{server.line}: service {server.name} is built from source: judged as a "
                    f"released Score image reads its environment; the image's own configuration files may read "
                    f"other names", err=True,
                )
        for name in inspection.missing:
            click.echo(f"score-lint: {where}: no service {name} (services: {inspection.services_text()})", err=True)
        if not inspection.servers and not inspection.missing:
            click.echo(f"score-lint: no Score server service in {where} (services: {inspection.services_text()}); "
                "use --service NAME", err=True,
            )
    if not any(inspection.servers for inspection in inspections):
        sys.exit(EXIT_INPUT)  # nothing was linted: a CI job must not pass a file it never read
    _finish(output, fmt, [plan.Linted(r, level) for r, level in results], [])


@main.command("k8s")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--container", "chosen", multiple=True, metavar="NAME", help="Lint container NAME as the Score server instead of recognising servers by image (repeatable).")
@click.option("--image", "images", multiple=True, metavar="TEXT", help="Also take a container whose image contains TEXT as a Score server (repeatable).")
@click.option("--score-version", "line", type=click.Choice(LINES), default=None, help="Score line (default: the one the image tag names, else 5.11).")
@_PROVIDER
@_FORMAT
@_DOCS
@_SELECT
@_IGNORE
@_FAIL_LEVEL
@_CONFIG
@_ISOLATED
@_output_options
def k8s_command(
    files: tuple[Path, ...],
    chosen: tuple[str, ...],
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
    output: Output,
) -> None:
    """Lint the Score server containers of Kubernetes manifests (FILE, or - for standard input).

    Reads Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and Pods (several documents per file, as
    `helm template ... | score-lint k8s -` prints them). A container whose image is the Score server is
    linted as Score receives its env: and envFrom:, against the Score line its image tag names; values
    from secrets and config maps are reported as set elsewhere, never fetched. A note on stderr says
    which line judged each container. A run in which no file has a Score server exits 2.
    """
    # Imported here for start-up time: each command loads only what it needs.
    from score_lint import plan

    _check_output(output, fmt)
    _refuse_overwrite(output, files)
    planner = plan.Planner(_request(line, None, provider, select, ignore, fail_level, docs_dir, config_file, isolated))
    try:
        for path in files:
            if str(path) != "-":
                _require_path(path)
        results, inspections = plan.lint_manifests(planner, files, images, chosen)
    except InputError as exc:
        _fail(str(exc))
    for inspection in inspections:
        for judged in inspection.servers:
            c = judged.container
            level = "warning: " if judged.warning else ""
            click.echo(f"score-lint: {level}{inspection.path}:{c.line}: {c.where} container {c.name}: judged as Score "
                f"{judged.line} ({judged.line_from})", err=True,
            )
        if not inspection.servers:
            click.echo(f"score-lint: no Score server container in {inspection.path} (containers: "
                f"{inspection.containers_text()}); use --container NAME", err=True,
            )
    if not any(inspection.servers for inspection in inspections):
        sys.exit(EXIT_INPUT)  # nothing was linted: a CI job must not pass a manifest it never read
    _finish(output, fmt, [plan.Linted(r, level) for r, level in results], [])


@main.command("explain")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("keys", nargs=-1)
@_SCORE_VERSION
@click.option("--dialect", type=click.Choice(("docker", "compose")), default=None, help="How the file is loaded (default docker).")
@_PROVIDER
@click.option("--all", "show_all", is_flag=True, help="Also every setting left at its default.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", help="Output format.")
@_CONFIG
@_ISOLATED
def explain_command(
    file: Path,
    keys: tuple[str, ...],
    line: str | None,
    dialect: str | None,
    provider: str | None,
    show_all: bool,
    fmt: str,
    config_file: Path | None,
    isolated: bool,
) -> None:
    """Show what Score will use for each setting FILE sets or its profiles change, and from where.

    KEYS (env names or Spring properties) limit the rows to those settings. Secret values are shown
    as ***.
    """
    # Imported here for start-up time: each command loads only what it needs.
    from score_lint import explain, plan
    from score_lint.envfile import EnvFileError

    _require_path(file)
    planner = plan.Planner(_request(line, dialect, provider, None, None, None, None, config_file, isolated))
    try:
        found = plan.explain_file(planner, file)
    except (EnvFileError, InputError) as exc:
        _fail(str(exc))
    unknown = explain.unknown_keys(found, keys)
    if unknown:
        _fail(f"{', '.join(unknown)}: no such setting on Score {found.line} with {found.provider} storage")
    chosen = explain.rows(found, keys, show_all)
    render = explain.as_json if fmt == "json" else explain.as_text
    _out(render(str(file), found, chosen))


@main.command("rule")
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule: code, name, severity, fix.")
def rule_command(code: str | None, show_all: bool) -> None:
    """Print the documentation of rule CODE (a code such as SL101 or a name such as unknown-name)."""
    # Imported here for start-up time: each command loads only what it needs.
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
        # Imported here for start-up time: each command loads only what it needs.
        from score_lint import lsp
    except ImportError:
        _fail("the language server needs pygls: pip install 'score-lint[lsp]'")
    lsp.serve(lsp.Settings(line=line, dialect=dialect, provider=provider, config_file=config_file, isolated=isolated))


@main.command("preflight")
@click.argument("file", type=click.Path(path_type=Path))
@_SCORE_VERSION
@click.option("--dialect", type=click.Choice(("docker", "compose")), default=None, help="How the file is loaded (default docker).")
@_PROVIDER
@click.option("--timeout", type=click.FloatRange(min=0.1, max=600), default=10.0, show_default=True, metavar="SECONDS", help="Time for each network call, its one retry included.")
@click.option("--write-probes", is_flag=True, help="Also write and delete a probe object and start and abort a multipart upload.")
@click.option("--force", is_flag=True, help="Run the checks even when linting finds an error that stops Score from starting.")
@click.option("--bootstrap", is_flag=True, help="Offer to create what is missing (buckets, sentinel, Azure container and policies), asking first.")
@click.option("--yes", is_flag=True, help="With --bootstrap: create without asking (for CI).")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True, help="Output format.")
def preflight_command(
    file: Path, line: str | None, dialect: str | None, provider: str | None, timeout: float, write_probes: bool,
    force: bool, bootstrap: bool, yes: bool, fmt: str,
) -> None:
    """Check, live, the storage and services FILE points Score at (pip install 'score-lint[preflight]').

    Reads FILE as docker run (or compose) would, refuses when linting finds an error that stops Score
    from starting (--force runs anyway), then runs each check: pass, fail, skip or error. The Score
    line, dialect and provider come from `[tool.score-lint]` as for linting; flags win. Exit 0 when
    nothing failed, 1 when a check failed, 2 for a usage or input error.
    """
    # Imported here, not at the top: start-up time of every other command stays as it is.
    from score_lint import config, preflight
    from score_lint.preflight.report import REPORTERS

    if bootstrap and not yes and not _interactive():
        _fail("--bootstrap asks before it creates anything, and there is no terminal to ask at: pass --yes to create without asking")
    _require_path(file)
    try:
        cfg = config.resolve(file, {"score_version": line, "dialect": dialect, "provider": provider}).options()
        options = preflight.Options(line=cfg.line, dialect=cfg.dialect, provider=cfg.provider, timeout=timeout,
                                    write_probes=write_probes, force=force)
        session = preflight.prepare(file, options)
        report = session.run()
        if bootstrap:
            actions = session.plan(report)
            if not actions:
                click.echo("bootstrap: nothing to create", err=True)
            for action in actions:
                click.echo(f"bootstrap: {session.mask(action.description)}", err=True)
                if yes or click.confirm("  do it?", default=False, err=True):
                    click.echo(f"  {session.apply(action).message}", err=True)
            if actions:
                report = session.run()
    except preflight.InputError as exc:
        _fail(str(exc))
    except preflight.PreflightError as exc:
        click.echo(f"score-lint: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _out(REPORTERS[fmt](report, color))
    sys.exit(EXIT_FINDINGS if report.failed else EXIT_CLEAN)


def _interactive() -> bool:
    """Whether a person can answer a question on stdin (never in CI, which has no stdin)."""
    stdin = sys.stdin
    return stdin is not None and not stdin.closed and stdin.isatty()


@main.group("schema")
def schema_group() -> None:
    """Compile the configuration docs into the settings catalogues and JSON Schemas."""


@schema_group.command("build")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs/configuration"), show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("schema"), show_default=True)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and name the stale files if any.")
def schema_build(docs_dir: Path, out_dir: Path, check: bool) -> None:
    """Compile DOCS into the catalogue of each Score line and the editor schemas under OUT."""
    # Imported here for start-up time: each command loads only what it needs.
    from score_lint import artefacts, schemas

    try:
        os.stat(docs_dir)
    except FileNotFoundError:
        _fail(f"{docs_dir}: no such docs folder (run from the project root or pass --docs)")
    except (OSError, ValueError):
        _require_path(docs_dir)  # says why (a symlink loop, a name too long)
    try:
        compiled = artefacts.compile_docs(docs_dir)
    except InputError as exc:
        _fail(str(exc))
    for problem in compiled.problems:
        shown = f"{docs_dir / problem.path}:{problem.line}: {problem.message}" if problem.path else str(problem)
        click.echo(f"score-lint: {shown}", err=True)
    if compiled.problems:
        sys.exit(EXIT_INPUT)
    _report_build(schemas.write_or_check(compiled.files, out_dir, check), out_dir, check, "schema build")


@main.command("drift")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--score-version", "line", type=click.Choice(LINES), default=None, help=f"Score line the names must bind on (default {DEFAULT_LINE}); the profiles of examples are judged on every line unless one is given.")
@_FORMAT
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr which parts of each page were not judged, and why.")
@_output_options
def drift_command(paths: tuple[Path, ...], line: str | None, fmt: str, verbose: bool, output: Output) -> None:
    """Check Score docs pages (Markdown files or folders): tables vs examples vs what Score reads.

    Only the parts that configure the Score server are judged: a Song page, or the Kafka or Score
    client block of a deployment guide, is skipped (see --verbose).
    """
    # Imported here for start-up time: the drift engine loads the Markdown layer.
    from score_lint import plan
    from score_lint.drift.engine import check_paths

    _check_output(output, fmt)
    _refuse_overwrite(output, paths)
    try:
        checks = check_paths(paths, line)
    except InputError as exc:
        _fail(str(exc))
    if verbose:
        for check in checks:
            for part in check.skipped:
                where = check.result.path if part.kind == "page" else f"{check.result.path}:{part.line}"
                click.echo(f"score-lint: {where}: {part.describe()}", err=True)
    results = [check.result for check in checks]
    # A page fails on a warning or an error, as Result.failing says.
    _finish(output, fmt, [plan.Linted(r, Severity.WARNING) for r in results], [])


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
    help="Read the catalogues from this folder (as written by `schema build --out`) instead of the bundled ones.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and name the stale files if any.")
def docs_build(out_dir: Path, schema_dir: Path | None, check: bool) -> None:
    """Write the reference pages from the catalogues, the rules and this command line."""
    # Imported here for start-up time: each command loads only what it needs.
    from score_lint import docsgen, files

    try:
        _check_generator_inputs(schema_dir, out_dir)
        schemas = docsgen.load_catalogues(schema_dir)
    except files.Unreadable as exc:
        _fail(str(exc))
    except InputError as exc:
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
    from score_lint import files  # for start-up time: only the generators need it

    if schema_dir is not None:
        for line in LINES:
            for provider in PROVIDERS:
                for name in (f"score-{provider}.schema.json", "catalogue.json"):
                    schema = schema_dir / line / name
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
