"""Apply the safe fixes of findings to an env file's bytes, and write the result atomically.

A fix is data (``engine.Fix``: edits of 1-based column spans on one line, or the removal of a whole
line).  Fixing runs in rounds: lint, apply every safe fix whose edits do not overlap one already taken
this round, lint again, until no safe fix is left (or a bound is reached).  Only the spans of the edits
change: every other byte, the BOM, each line ending and the order of lines stays as it was.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from score_lint import envfile
from score_lint.binding import Model
from score_lint.findings import Edit, Finding, Fix, InputError
from score_lint.lint.context import Options
from score_lint.lint import secrets
from score_lint.lint.engine import lint_env

MAX_ROUNDS = 16


class FixRefused(InputError):
    """The file cannot be fixed safely (the loader could not fully parse it)."""


@dataclass(frozen=True)
class Outcome:
    path: str
    original: bytes
    fixed: bytes
    applied: tuple[Fix, ...]
    dialect: envfile.Dialect = "docker"
    # Which names hold secrets (for the diff); None: mask nothing.
    secret: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def safe_fixes(findings: Sequence[Finding]) -> list[Fix]:
    return [f.fix for f in findings if f.fix is not None and f.fix.safe and f.fix.edits]


def _span(edit: Edit) -> tuple[int, int] | None:
    return None if edit.end == -1 else (edit.start, edit.end)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.line != b.line:
        return False
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    if sa[0] == sb[0]:
        return True  # two insertions (or replacements) at one point: their order would matter
    return sa[0] < sb[1] and sb[0] < sa[1]


def _split_lf(text: str) -> list[str]:
    """Lines with their ``\\n``, as ``envfile`` numbers them (a ``\\r`` stays in the line)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _content_end(line: str) -> int:
    """Length of the line without its line ending (``\\n`` or ``\\r\\n``)."""
    if line.endswith("\r\n"):
        return len(line) - 2
    if line.endswith("\n"):
        return len(line) - 1
    return len(line)


def choose(fixes: Sequence[Fix], lines: Sequence[str]) -> list[Fix]:
    """The fixes to apply this round: each one whose edits are valid and touch nothing already taken."""
    # Taken edits by line: edits overlap only on one line, so each fix is checked against its own lines'
    # edits, not against every edit taken so far (40,000 duplicate lines took 51 s that way).
    taken: dict[int, list[Edit]] = {}
    chosen: list[Fix] = []
    for fix in fixes:
        edits = fix.edits
        if any(not _valid(e, lines) for e in edits):
            continue
        if any(_overlaps(a, b) for a in edits for b in taken.get(a.line, ())) or any(
            _overlaps(a, b) for i, a in enumerate(edits) for b in edits[i + 1:]
        ):
            continue
        for edit in edits:
            taken.setdefault(edit.line, []).append(edit)
        chosen.append(fix)
    return chosen


def _valid(edit: Edit, lines: Sequence[str]) -> bool:
    if not 1 <= edit.line <= len(lines):
        return False
    if edit.end == -1:
        return True
    end = _content_end(lines[edit.line - 1])
    return 1 <= edit.start <= edit.end <= end + 1


def apply(lines: Sequence[str], fixes: Sequence[Fix]) -> list[str]:
    """Apply non-overlapping fixes (as returned by ``choose``) to lines that keep their endings."""
    out: list[str | None] = list(lines)
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.line, e.start), reverse=True)
    for e in edits:
        current = out[e.line - 1]
        assert current is not None
        if e.end == -1:
            out[e.line - 1] = None
            continue
        out[e.line - 1] = current[: e.start - 1] + e.text + current[e.end - 1:]
    return [line for line in out if line is not None]


def _encode(text: str, bom: bool) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogateescape")


def _refusal(env: envfile.EnvFile, findings: Sequence[Finding]) -> str | None:
    """Why the file must not be touched: a problem that makes the loader refuse it (or stop reading)
    which no safe fix of the same line addresses."""
    fixed_lines = {f.line for f in findings if f.fix is not None and f.fix.safe and f.fix.edits}
    for p in env.problems:
        if p.fatal and p.line not in fixed_lines:
            return f"{env.path}:{p.line}:{p.column}: not fixed: the file cannot be fully parsed ({p.message})"
    return None


def _fatal(env: envfile.EnvFile) -> int:
    return sum(1 for p in env.problems if p.fatal)


def fix_bytes(
    data: bytes,
    path: str,
    options: Options,
    models: Mapping[str, Mapping[str, Model]] | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> Outcome:
    """Apply safe fixes round by round until none is left; raises ``FixRefused`` for an unparsable file."""
    env = envfile.as_env_file(envfile.parse(data, options.dialect, path=path))
    applied: list[Fix] = []
    current = data
    for round_number in range(max_rounds):
        findings = lint_env(env, options, models).findings
        if round_number == 0:
            reason = _refusal(env, findings)
            if reason is not None:
                raise FixRefused(reason)
        fixes = safe_fixes(findings)
        if not fixes:
            break
        lines = _split_lf(env.text)
        chosen = choose(fixes, lines)
        if not chosen:
            break
        candidate = _encode("".join(apply(lines, chosen)), env.bom)
        new_env = envfile.parse(candidate, options.dialect, path=path)
        if candidate == current or _fatal(new_env) > _fatal(env):
            break  # a round that would make the file worse is not applied
        applied.extend(chosen)
        current, env = candidate, new_env
    return Outcome(path, data, current, tuple(applied), options.dialect, secrets.secret_test(models))


def fix_path(
    path: Path,
    options: Options,
    models: Mapping[str, Mapping[str, Model]] | None = None,
    write: bool = True,
) -> Outcome:
    """Fix one file; writes it (atomically) only when ``write`` and something changed."""
    envfile.read(path, options.dialect)  # the same input errors as linting (missing, binary, ...)
    data = Path(path).read_bytes()
    outcome = fix_bytes(data, os.fspath(path), options, models)
    if write and outcome.changed:
        write_atomic(Path(path), outcome.fixed)
    return outcome


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content: a temporary file in the same folder, fsync, then rename; mode kept."""
    target = Path(os.path.realpath(path))
    st = target.stat()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".score-lint.tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


DIFF_MASK_NOTE = ("# score-lint: values of secret settings are shown as ****, so this diff cannot be applied as it is; "
                  "--show-secrets shows them\n")


def unified_diff(outcome: Outcome, show_secrets: bool = False) -> str:
    """The change as a unified diff (``a/`` and ``b/`` prefixes, like ``git diff``).

    The hunks are found on the real text; what is printed has the value of every secret setting masked
    (``****``, with a note line before the diff) unless ``show_secrets``.
    """
    if not outcome.changed:
        return ""

    def lines(data: bytes) -> list[str]:
        return _split_lf(data.decode("utf-8", "replace"))

    before_lines, after_lines = lines(outcome.original), lines(outcome.fixed)
    shown_before, shown_after = before_lines, after_lines
    note = ""
    if not show_secrets and outcome.secret is not None:
        shown_before = secrets.masked_lines(envfile.parse(outcome.original, outcome.dialect), outcome.secret,
                                            before_lines)
        shown_after = secrets.masked_lines(envfile.parse(outcome.fixed, outcome.dialect), outcome.secret,
                                           after_lines)
        if shown_before != before_lines or shown_after != after_lines:
            note = DIFF_MASK_NOTE
    name = outcome.path.replace(os.sep, "/")
    before, after = (name, name) if os.path.isabs(outcome.path) else (f"a/{name}", f"b/{name}")
    out = [note, f"--- {before}\n", f"+++ {after}\n"]
    matcher = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(3):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_diff_line(" ", shown_before[i]) for i in range(i1, i2))
                continue
            out.extend(_diff_line("-", shown_before[i]) for i in range(i1, i2))
            out.extend(_diff_line("+", shown_after[j]) for j in range(j1, j2))
    return "".join(out)


def _range(start: int, stop: int) -> str:
    """A hunk range as ``diff -u`` writes it (1-based start, length; an empty range starts before)."""
    length = stop - start
    begin = start + 1 if length else start
    return str(begin) if length == 1 else f"{begin},{length}"


def _diff_line(tag: str, line: str) -> str:
    if line.endswith("\n"):
        return tag + line
    return tag + line + "\n\\ No newline at end of file\n"


__all__ = ["DIFF_MASK_NOTE", "FixRefused", "MAX_ROUNDS", "Outcome", "apply", "choose", "fix_bytes", "fix_path", "safe_fixes",
           "unified_diff", "write_atomic"]
