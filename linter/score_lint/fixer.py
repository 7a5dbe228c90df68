"""Apply the safe fixes of findings to an env file's bytes, and write the result atomically.

A fix is data (``engine.Fix``: edits of 1-based column spans on one line, or the removal of a whole
line).  Fixing runs in rounds: lint, apply every safe fix whose edits do not overlap one already taken
this round, lint again, until no safe fix is left (or a bound is reached).  Only the spans of the edits
change: every other byte, the BOM, each line ending and the order of lines stays as it was.  A fix is
kept only when the dialect's loader reads every other entry as before (``_changes_meaning``).
"""

from __future__ import annotations

import collections
import difflib
import hashlib
import itertools
import os
import re
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from score_lint import envfile, files
from score_lint.binding import Model
from score_lint.findings import Edit, Finding, Fix, InputError, visible
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
    # What each name's value is to the diff's masking (``secrets.value_test``); None: mask nothing.
    masking: Callable[[str], str] | None = field(default=None, compare=False, repr=False)

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


# A round that changes the meaning is retried fix by fix, for at most this many suspect fixes.
_MAX_RETRIED = 64


def _meaning_kept(
    env: envfile.EnvFile, lines: list[str], chosen: list[Fix], dialect: envfile.Dialect, path: str
) -> tuple[bytes, envfile.EnvFile, list[Fix]]:
    """The round's new text and file, with the fixes that would change what the loader hands Score dropped.

    A fix may change the entries on the lines it edits and nothing else (``_changes_meaning``). Under
    compose a rename or a removed line can change another entry through ``${VAR}``; such a fix is
    dropped. Only fixes touching a name that is interpolated somewhere or set more than once can do
    that: when a round fails the check, the others are kept and each of those is tried on its own.
    """
    candidate = _encode("".join(apply(lines, chosen)), env.bom)
    new_env = envfile.parse(candidate, dialect, path=path)
    if not _changes_meaning(env, new_env, chosen):
        return candidate, new_env, chosen
    interpolated = _interpolated_names(env)
    counts = collections.Counter(e.key for e in env.entries)
    by_line: dict[int, list[envfile.Entry]] = {}
    for entry in env.entries:
        by_line.setdefault(entry.line, []).append(entry)
    keep = [f for f in chosen if not _suspect(env, f, interpolated, counts, by_line)]
    suspects = [f for f in chosen if f not in keep][:_MAX_RETRIED]
    for fix in suspects:
        trial = keep + [fix]
        trial_text = _encode("".join(apply(lines, trial)), env.bom)
        if not _changes_meaning(env, envfile.parse(trial_text, dialect, path=path), trial):
            keep = trial
    candidate = _encode("".join(apply(lines, keep)), env.bom)
    new_env = envfile.parse(candidate, dialect, path=path)
    if _changes_meaning(env, new_env, keep):
        return candidate, new_env, []  # not expected (see _suspect); the round is refused if it happens
    return candidate, new_env, keep


def _suspect(
    env: envfile.EnvFile, fix: Fix, interpolated: set[str], counts: Mapping[str, int],
    by_line: Mapping[int, list[envfile.Entry]],
) -> bool:
    """Whether ``fix`` could change a value outside its own lines: it removes a line, or a name on its
    lines (before or after the fix: a rename's new name, a line ``export`` hid) is interpolated
    somewhere or set on another line too."""
    if any(e.end == -1 for e in fix.edits):
        return True
    lines = {e.line for e in fix.edits}
    own = collections.Counter(e.key for line in lines for e in by_line.get(line, ()))
    names = set(own)
    for line in lines:
        found = _LEADING_NAME.match(env.lines[line - 1]) if line <= len(env.lines) else None
        if found:
            names.add(found.group(1))
    for edit in fix.edits:
        found = _LEADING_NAME.match(edit.text.rpartition("\n")[2])
        if found:
            names.add(found.group(1))
    return any(name in interpolated or counts.get(name, 0) > own.get(name, 0) for name in names)


_LEADING_NAME = re.compile(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.\-]*)")


def _interpolated_names(env: envfile.EnvFile) -> set[str]:
    if env.dialect != "compose":
        return set()
    return {m.group(1) or m.group(2) for e in env.entries if "$" in e.raw_value
            for m in _REFERENCE.finditer(e.raw_value)}


def _winners(env: envfile.EnvFile) -> dict[str, envfile.Entry]:
    """The entry whose value each name ends with (docker: the first, compose: the last)."""
    found: dict[str, envfile.Entry] = {}
    for entry in env.entries:
        if entry.value is not None and (env.dialect == "compose" or entry.key not in found):
            found[entry.key] = entry
    return found


_REFERENCE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)|\$\{([^}:?+\-]*)")


def _changes_meaning(before: envfile.EnvFile, after: envfile.EnvFile, fixes: Sequence[Fix]) -> bool:
    """Whether the fixes change anything the loader hands Score beyond the entries of their own lines.

    1. Every entry outside the edited lines keeps its name and value (compose interpolates: renaming
       ``A`` or removing a line that sets it changes a later ``${A}``).
    2. Every name set by such an entry ends with the same value in the environment (a duplicate's
       removal or a rename must not change which value wins).
    3. A fix that only removes lines (an exact duplicate) changes no value at all.
    """
    edited = {e.line for f in fixes for e in f.edits}
    # Where each edited line lands in the new text: lines removed above move it up, line breaks that
    # edits above insert (a comment moved to its own line) move it down.
    shift: dict[int, int] = {}
    for edit in (e for f in fixes for e in f.edits):
        shift[edit.line] = shift.get(edit.line, 0) + (-1 if edit.end == -1 else edit.text.count("\n"))
    ordered = sorted(shift)
    before_sums = list(itertools.accumulate((shift[line] for line in ordered), initial=0))
    edited_after: set[int] = set()
    for index, line in enumerate(ordered):
        start = line + before_sums[index]
        edited_after.update(range(start, start + 1 + shift[line]))  # a removed line spans nothing
    untouched_before = [(e.key, e.value) for e in before.entries
                        if not any(n in edited for n in range(e.line, e.end_line + 1))]
    untouched_after = [(e.key, e.value) for e in after.entries
                       if not any(n in edited_after for n in range(e.line, e.end_line + 1))]
    if untouched_before != untouched_after:
        return True
    old, new = before.environment(), after.environment()
    if any(old.get(key) != new.get(key) for key, _ in untouched_before):
        # Allowed only when the value that wins is the fix's own, edited in place (quotes removed).
        won_before, won_after = _winners(before), _winners(after)
        for key, _ in untouched_before:
            if old.get(key) == new.get(key):
                continue
            first, second = won_before.get(key), won_after.get(key)
            if first is None or second is None or first.line not in edited or second.line not in edited_after:
                return True
    # A round of removals only (exact duplicates) must not change a single value.
    return all(e.end == -1 for f in fixes for e in f.edits) and old != new


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
        refused: set[Fix] = set()
        chosen: list[Fix] = []
        for _ in range(4):
            offered = choose([f for f in fixes if f not in refused], lines)
            if not offered:
                break
            candidate, new_env, chosen = _meaning_kept(env, lines, offered, options.dialect, path)
            if len(chosen) == len(offered):
                break
            # A fix that lost its place to a refused one (both edit one line) may go in now.
            refused.update(f for f in offered if f not in chosen)
        if not chosen or candidate == current or _fatal(new_env) > _fatal(env):
            break  # a round that would make the file worse is not applied
        applied.extend(chosen)
        current, env = candidate, new_env
    return Outcome(path, data, current, tuple(applied), options.dialect, secrets.value_test(models))


def fix_path(
    path: str | os.PathLike[str],
    options: Options,
    models: Mapping[str, Mapping[str, Model]] | None = None,
    write: bool = True,
) -> Outcome:
    """Fix one file; writes it only when ``write`` and something changed (see ``write_fixed``)."""
    env = envfile.read(path, options.dialect)  # the same input errors as linting (missing, binary, ...)
    read_at = _stat(Path(os.path.realpath(path)))
    outcome = fix_bytes(env.data, os.fspath(path), options, models)
    if write and outcome.changed:
        write_fixed(Path(path), outcome.fixed, outcome.original, read_at)
    return outcome


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as exc:
        raise FixRefused(f"{path}: {exc.strerror or exc}") from None


def write_fixed(path: Path, data: bytes, original: bytes, read_at: os.stat_result | None = None) -> None:
    """Put ``data`` in place of ``original`` in ``path``, keeping what the file is.

    Refused (``FixRefused``) when the file is read-only (its mode has no write bit for us; root too) or
    when it changed since it was read (size, mtime or content: an edit made while ``--fix`` ran is
    never lost). Otherwise the new text goes to a temporary file beside it, with the owner, the mode
    and the extended attributes (ACLs among them) of the file, and is renamed over it. When that cannot
    keep them (a hard link, another user's file, an attribute this user may not set) the file is
    rewritten in place, after the same checks.
    """
    target = Path(os.path.realpath(path))
    st = _stat(target)
    if _read_only(target, st):
        raise FixRefused(f"{path}: not fixed: the file is read-only (mode {stat.S_IMODE(st.st_mode):04o})")
    expected = read_at if read_at is not None else st
    digest = hashlib.sha256(original).digest()
    if st.st_nlink > 1:
        _check_unchanged(path, target, expected, digest)
        _write_in_place(target, data)
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".score-lint.tmp", dir=target.parent)
    except PermissionError:  # a folder we may not write to, around a file we may
        _check_unchanged(path, target, expected, digest)
        _write_in_place(target, data)
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not _copy_metadata(target, tmp, st):
            os.unlink(tmp)
            _check_unchanged(path, target, expected, digest)
            _write_in_place(target, data)
            return
        _check_unchanged(path, target, expected, digest)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(target.parent)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content with ``data`` (``write_fixed`` against what it holds now)."""
    target = Path(os.path.realpath(path))
    write_fixed(path, data, files.read_bounded(target, envfile.MAX_FILE_BYTES))


def _read_only(target: Path, st: os.stat_result) -> bool:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return not st.st_mode & 0o222  # root may write anything: the mode says what the owner meant
    return not os.access(target, os.W_OK)


def _check_unchanged(path: Path, target: Path, expected: os.stat_result, digest: bytes) -> None:
    """Refuse to write over a file that changed since it was read: an edit made meanwhile would be lost."""
    now = _stat(target)
    same = (now.st_size, now.st_mtime_ns, now.st_ino) == (expected.st_size, expected.st_mtime_ns, expected.st_ino)
    if same:
        try:
            same = hashlib.sha256(files.read_bounded(target, envfile.MAX_FILE_BYTES)).digest() == digest
        except files.Unreadable:
            same = False
    if not same:
        raise FixRefused(f"{path}: not fixed: the file changed while score-lint was fixing it; "
                         "run score-lint --fix again")


def _copy_metadata(target: Path, tmp: str, st: os.stat_result) -> bool:
    """Give ``tmp`` the owner, extended attributes and mode of ``target``; False when one cannot be kept."""
    try:
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.stat(tmp).st_uid, os.stat(tmp).st_gid):
            os.chown(tmp, st.st_uid, st.st_gid)
        if hasattr(os, "listxattr"):
            for name in os.listxattr(target):
                os.setxattr(tmp, name, os.getxattr(target, name))
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
    except OSError:
        return False
    if hasattr(os, "listxattr"):
        try:
            return sorted(os.listxattr(tmp)) == sorted(os.listxattr(target))
        except OSError:
            return False
    return True


def _write_in_place(target: Path, data: bytes) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


DIFF_MASK_NOTE = ("# score-lint: values that may be secrets (of secret settings, of names that bind to no setting, and "
                  "the passwords in URLs) are shown as ****, so this diff cannot be applied as it is; --show-secrets "
                  "shows them\n")


def unified_diff(outcome: Outcome, show_secrets: bool = False) -> str:
    """The change as a unified diff (``a/`` and ``b/`` prefixes, like ``git diff``).

    The hunks are found on the real text; what is printed has every value that may be a secret masked
    (``****``, with a note line before the diff) unless ``show_secrets``: the values of secret settings
    and of names that bind to no setting, and the passwords in URLs (``lint.secrets``).
    """
    if not outcome.changed:
        return ""

    def lines(data: bytes) -> list[str]:
        return _split_lf(data.decode("utf-8", "replace"))

    before_lines, after_lines = lines(outcome.original), lines(outcome.fixed)
    shown_before, shown_after = before_lines, after_lines
    note = ""
    if not show_secrets and outcome.masking is not None:
        shown_before = secrets.masked_lines(envfile.parse(outcome.original, outcome.dialect), outcome.masking,
                                            before_lines)
        shown_after = secrets.masked_lines(envfile.parse(outcome.fixed, outcome.dialect), outcome.masking,
                                           after_lines)
        if shown_before != before_lines or shown_after != after_lines:
            note = DIFF_MASK_NOTE
    name = visible(outcome.path.replace(os.sep, "/"))
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
    body, ending = (line[:-2], "\r\n") if line.endswith("\r\n") else (line[:-1], "\n") if line.endswith("\n") else (line, "")
    # A value may hold terminal escapes: shown escaped, a tab kept (the diff of such a line no longer applies).
    if not body.isprintable():
        body = "\t".join(visible(part) for part in body.split("\t"))
    if ending:
        return tag + body + ending
    return tag + body + "\n\\ No newline at end of file\n"


__all__ = ["DIFF_MASK_NOTE", "FixRefused", "MAX_ROUNDS", "Outcome", "apply", "choose", "fix_bytes", "fix_path", "safe_fixes",
           "unified_diff", "write_atomic", "write_fixed"]
