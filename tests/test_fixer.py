"""``--fix`` and ``--diff``: properties over generated env files, atomic writes, refusals."""

from __future__ import annotations

from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from score_lint import envfile, fixer
from score_lint.cli import main
from score_lint.findings import Edit, Fix
from tests.helpers import fuzz

KEYS = (
    "S3_ACCESSKEY", "S3_ACCESS_KEY", "s3_accesskey", "S3_SIGV4_ENABLED", "S3_SIGV4ENABLED", "UPLOAD_PARTSIZE",
    "SPRING_PROFILES_ACTIVE", "S3_ENDPOINT", "METADATA_URL", "FOO", "DOWNLOAD_PARTSIZE", "AUTH_SERVER_CLIENTSECRET",
)
VALUES = (
    "abc", "true", '"true"', "'false'", "104857600 # 100 MiB", "http://minio:9000", '"http://minio:9000"',
    "", "a=b", "v  ", "default,collaboratory,prod", '"x" # note', "café", "1\t# tab",
)
LINE = st.one_of(
    st.sampled_from(("# a comment", "", "   ", "#S3_ACCESS_KEY=x", "export METADATA_URL=http://song")),
    st.builds(lambda k, v: f"{k}={v}", st.sampled_from(KEYS), st.sampled_from(VALUES)),
)


@st.composite
def env_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(LINE, max_size=12))
    # Repeat some lines verbatim so exact duplicates occur often.
    lines += draw(st.lists(st.sampled_from(lines), max_size=3)) if lines else []
    lines = draw(st.permutations(lines))
    endings = [draw(st.sampled_from(("\n", "\r\n"))) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, endings))
    if lines and draw(st.booleans()):
        text = text[: -len(endings[-1])]  # no line break at the end
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if draw(st.booleans()) else data


DIALECTS = st.sampled_from(("docker", "compose"))
PROPERTY = fuzz(150)


def _fix(data: bytes, dialect: str) -> fixer.Outcome:
    return fixer.fix_bytes(data, "t.env", Options(dialect=dialect))  # type: ignore[arg-type]


def _safe_fixes(data: bytes, dialect: str) -> list[Fix]:
    return fixer.safe_fixes(lint_bytes(data, "t.env", Options(dialect=dialect)).findings)  # type: ignore[arg-type]


@PROPERTY
@given(env_files(), DIALECTS)
def test_fixing_twice_equals_fixing_once(data: bytes, dialect: str) -> None:
    once = _fix(data, dialect)
    twice = _fix(once.fixed, dialect)
    assert twice.fixed == once.fixed
    assert twice.applied == ()


@PROPERTY
@given(env_files(), DIALECTS)
def test_fixed_file_has_no_fixable_findings_left(data: bytes, dialect: str) -> None:
    """None left, but for fixes the fixer refuses: they would change a value set on another line."""
    fixed = _fix(data, dialect).fixed
    for fix in _safe_fixes(fixed, dialect):
        assert _changes_a_value_set_elsewhere(fixed, fix, dialect), fix


def _changes_a_value_set_elsewhere(data: bytes, fix: Fix, dialect: str) -> bool:
    lines = list(envfile.parse(data, dialect).lines)  # type: ignore[arg-type]
    before = envfile.parse(data, dialect)  # type: ignore[arg-type]
    after = envfile.parse("".join(fixer.apply(lines, [fix])).encode("utf-8", "surrogateescape"), dialect)  # type: ignore[arg-type]
    edited = {e.line for e in fix.edits}
    elsewhere = {e.key for e in before.entries if e.line not in edited}
    old, new = before.environment(), after.environment()
    return any(old.get(k) != new.get(k) for k in elsewhere) or (
        all(e.end == -1 for e in fix.edits) and old != new)


@PROPERTY
@given(env_files(), DIALECTS)
def test_every_line_a_fix_does_not_touch_stays_byte_identical(data: bytes, dialect: str) -> None:
    """Round by round: untouched lines come out byte-identical, in order, with their line endings."""
    current = data
    for _ in range(fixer.MAX_ROUNDS):
        env = envfile.parse(current, dialect)  # type: ignore[arg-type]
        lines = list(env.lines)
        outcome = fixer.fix_bytes(current, "t.env", Options(dialect=dialect), max_rounds=1)  # type: ignore[arg-type]
        chosen = list(outcome.applied)
        if not chosen:
            break
        touched = {e.line for fix in chosen for e in fix.edits}
        out = fixer.apply(lines, chosen)
        assert (b"\xef\xbb\xbf" if env.bom else b"") + "".join(out).encode("utf-8", "surrogateescape") == outcome.fixed
        remaining = list(outcome.fixed.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True))
        # Walk the output: every untouched input line must appear, in order, unchanged.
        position = 0
        for number, line in enumerate(lines, 1):
            if number in touched:
                continue
            raw = line.encode("utf-8", "surrogateescape")
            assert raw in remaining[position:], f"line {number} changed"
            position = remaining.index(raw, position) + 1
        assert len(out) <= len(lines) + sum(e.text.count("\n") for f in chosen for e in f.edits)
        current = outcome.fixed
    assert current == _fix(data, dialect).fixed
    assert data.startswith(b"\xef\xbb\xbf") == current.startswith(b"\xef\xbb\xbf")


def _intended(entry: envfile.Entry, dialect: str) -> set[str]:
    value = entry.value or ""
    if dialect != "docker":
        return {value}
    body = entry.raw_value
    if entry.inline_comment_column is not None and entry.quoted is None:
        body = body[: entry.inline_comment_column - entry.value_column]
    body = body.rstrip(" \t")
    inner = body[1:-1] if len(body) >= 2 and body[0] == body[-1] and body[0] in "\"'" else body
    return {value, body, inner}


@PROPERTY
@given(env_files(), DIALECTS)
def test_a_fix_only_ever_gives_a_value_the_meaning_the_author_wrote(data: bytes, dialect: str) -> None:
    before = envfile.parse(data, dialect)  # type: ignore[arg-type]
    after = envfile.parse(_fix(data, dialect).fixed, dialect)  # type: ignore[arg-type]
    meant = {v for e in before.entries for v in _intended(e, dialect)}
    if dialect == "docker":
        # A line docker refuses (`export NAME=value`) is read the way the author meant it by compose.
        meant |= {e.value or "" for e in envfile.parse(data, "compose").entries if e.line not in
                  {d.line for d in before.entries}}
    for entry in after.entries:
        assert (entry.value or "") in meant, entry.key
    assert len([p for p in after.problems if p.fatal]) <= len([p for p in before.problems if p.fatal])


# --------------------------------------------------------------------------- choose and apply


def test_overlapping_edits_on_one_line_apply_the_first_only() -> None:
    lines = ["ABC=1\n", "X=2\n"]
    first = Fix("a", (Edit(1, 1, 4, "ABD"),))
    second = Fix("b", (Edit(1, 2, 3, "Z"),))
    removal = Fix("c", (Edit(1, 1, -1, ""),))
    other_line = Fix("d", (Edit(2, 1, 2, "Y"),))
    chosen = fixer.choose([first, second, removal, other_line], lines)
    assert chosen == [first, other_line]
    assert fixer.apply(lines, chosen) == ["ABD=1\n", "Y=2\n"]


def test_edits_may_insert_a_line_and_keep_crlf() -> None:
    lines = ["A=1 # c\r\n", "B=2\r\n"]
    fix = Fix("move", (Edit(1, 1, 8, "# c\r\nA=1"),))
    assert "".join(fixer.apply(lines, fixer.choose([fix], lines))) == "# c\r\nA=1\r\nB=2\r\n"


def test_whole_line_removal_takes_its_line_ending() -> None:
    lines = ["A=1\r\n", "A=1\r\n", "B=2"]
    fix = Fix("dup", (Edit(2, 1, -1, ""),))
    assert fixer.apply(lines, [fix]) == ["A=1\r\n", "B=2"]


def test_edits_out_of_range_are_skipped() -> None:
    lines = ["A=1\n"]
    assert fixer.choose([Fix("x", (Edit(3, 1, 2, "B"),)), Fix("y", (Edit(1, 2, 9, "B"),))], lines) == []


# --------------------------------------------------------------------------- files and the CLI

DIRTY = b"# keep me\r\nS3_ACCESS_KEY=abc\r\nUPLOAD_PARTSIZE=1\r\nUPLOAD_PARTSIZE=1\r\n"
CLEAN = b"# keep me\r\nS3_ACCESSKEY=abc\r\nUPLOAD_PARTSIZE=1\r\n"


def test_fix_writes_only_the_fixed_bytes_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    path.chmod(0o640)
    result = CliRunner().invoke(main, ["--fix", str(path)])
    assert result.exit_code == 1  # missing settings remain
    assert path.read_bytes() == CLEAN
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env.score"]
    assert "S3_ACCESS_KEY" not in result.output


def test_fix_through_a_symlink_updates_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.env"
    target.write_bytes(DIRTY)
    link = tmp_path / ".env.score"
    link.symlink_to(target)
    CliRunner().invoke(main, ["--fix", str(link)])
    assert link.is_symlink()
    assert target.read_bytes() == CLEAN


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    result = CliRunner().invoke(main, ["--diff", str(path)])
    assert result.exit_code == 1
    assert path.read_bytes() == DIRTY
    assert f"--- {path}\n+++ {path}\n" in result.output
    # S3_ACCESSKEY is a secret setting: its value is masked unless asked for.
    assert b"-S3_ACCESS_KEY=****\r\n+S3_ACCESSKEY=****\r\n" in result.stdout_bytes
    assert result.output.startswith(fixer.DIFF_MASK_NOTE)
    shown = CliRunner().invoke(main, ["--diff", "--show-secrets", str(path)])
    assert b"-S3_ACCESS_KEY=abc\r\n+S3_ACCESSKEY=abc\r\n" in shown.stdout_bytes
    assert fixer.DIFF_MASK_NOTE not in shown.output
    clean = tmp_path / "clean.env"
    clean.write_bytes(CLEAN)
    again = CliRunner().invoke(main, ["--diff", str(clean)])
    assert (again.exit_code, again.output) == (0, "")


@pytest.mark.parametrize(("dialect", "text"), [
    ("docker", "S3_ACCESS_KEY=abc\nMETADATA URL=http://song\n"),
    ("compose", "S3_ACCESS_KEY=abc\nS3_ENDPOINT=\"http://minio\n"),
])
def test_refuses_a_file_it_cannot_fully_parse(tmp_path: Path, dialect: str, text: str) -> None:
    path = tmp_path / ".env.score"
    path.write_text(text)
    with pytest.raises(fixer.FixRefused):
        fixer.fix_path(path, Options(dialect=dialect))  # type: ignore[arg-type]
    result = CliRunner().invoke(main, ["--fix", "--dialect", dialect, str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "Traceback" not in result.output
    assert path.read_text() == text


def test_a_refused_line_that_a_safe_fix_repairs_is_fixed() -> None:
    """docker refuses `export NAME=...`; removing the prefix is the fix, so the file is not refused."""
    out = _fix(b"# top\nexport METADATA_URL=http://song\n", "docker")
    assert out.fixed == b"# top\nMETADATA_URL=http://song\n"
    assert not envfile.parse(out.fixed, "docker").refused


def test_a_failing_rename_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        fixer.fix_path(path, Options())
    assert path.read_bytes() == DIRTY
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env.score"]
    result = CliRunner().invoke(main, ["--fix", str(path)])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert path.read_bytes() == DIRTY


def test_killing_a_fix_mid_write_leaves_the_original_intact(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from score_lint import fixer
        from score_lint.lint.context import Options

        real_fsync = os.fsync

        def die(fd):
            real_fsync(fd)
            os.kill(os.getpid(), signal.SIGKILL)  # after the data is written, before the rename

        os.fsync = die
        fixer.fix_path(Path({str(path)!r}), Options())
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert path.read_bytes() == DIRTY


# --------------------------------------------------------------------------------------------------
# the diff: secrets masked, hunks found on the real text, the same diff as difflib otherwise

SECRET = "Zq4vT8rW2mXk9LpN"


@pytest.mark.parametrize("dialect", ["docker", "compose"])
def test_diff_never_prints_a_secret_value(tmp_path: Path, dialect: str) -> None:
    path = tmp_path / ".env.score"
    path.write_text(
        f'SPRING_PROFILES_ACTIVE=prod,collaboratory\nS3_SECRET_KEY="{SECRET}"\nAZURE_ACCOUNT_KEY={SECRET}x  \n'
        f"METADATA_URL=http://song:8080 \nAUTH_SERVER_CLIENT_SECRET={SECRET}y\n"
    )
    result = CliRunner().invoke(main, ["--diff", "--dialect", dialect, str(path)])
    assert result.exit_code == 1, result.output
    assert "+S3_SECRETKEY=****" in result.output or "S3_SECRET_KEY=****" in result.output
    for i in range(len(SECRET) - 3):
        assert SECRET[i:i + 4] not in result.output, result.output
    shown = CliRunner().invoke(main, ["--diff", "--show-secrets", "--dialect", dialect, str(path)])
    assert SECRET in shown.output


def test_the_diff_masks_the_values_of_names_that_bind_to_no_setting(tmp_path: Path) -> None:
    """A misspelt secret name binds nothing, and a name of no setting may hold anything: their values are
    masked as those of secret settings are, in the lines a fix changes and in the lines around it. The
    value of a setting that is no secret is shown, and so is a comment in prose."""
    path = tmp_path / ".env.score"
    path.write_text(
        "# Object Storage Variables\nSPRING_PROFILES_ACTIVE=prod,collaboratory\n"
        f"S3_SECERTKEY={SECRET}\nS3_ACCESSKEY=\"{SECRET}a\"\nOBJECT_STORAGE_SECRET_KEY={SECRET}b\n"
        f"# OTHER_TOKEN={SECRET}c\n"
    )
    result = CliRunner().invoke(main, ["--diff", str(path)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(fixer.DIFF_MASK_NOTE)
    assert " # Object Storage Variables\n SPRING_PROFILES_ACTIVE=prod,collaboratory\n S3_SECERTKEY=****\n" in result.output
    assert "-S3_ACCESSKEY=****\n" in result.output and "-OBJECT_STORAGE_SECRET_KEY=****\n" in result.output
    assert " # OTHER_TOKEN=****\n" in result.output
    for i in range(len(SECRET) - 3):
        assert SECRET[i:i + 4] not in result.output, result.output
    shown = CliRunner().invoke(main, ["--diff", "--show-secrets", str(path)])
    assert f" S3_SECERTKEY={SECRET}\n" in shown.output and f"-OBJECT_STORAGE_SECRET_KEY={SECRET}b\n" in shown.output


def test_a_fix_of_the_secret_value_itself_still_shows_as_a_change(tmp_path: Path) -> None:
    """Removing the quotes around a secret changes only the masked part: the hunk must stay."""
    path = tmp_path / ".env.score"
    path.write_text(f'S3_SECRETKEY="{SECRET}"\n')
    result = CliRunner().invoke(main, ["--diff", "--select", "SL202", str(path)])
    assert "-S3_SECRETKEY=****\n+S3_SECRETKEY=****\n" in result.output
    assert SECRET not in result.output


@PROPERTY
@given(before=st.lists(st.sampled_from(["A=1\n", "B=2\n", "C=3", "\n", "D=4\r\n", "E=5\n"]), max_size=20),
       after=st.lists(st.sampled_from(["A=1\n", "B=2\n", "C=3", "\n", "D=4\r\n", "F=6\n"]), max_size=20))
def test_the_diff_is_difflibs_when_nothing_is_secret(before: list[str], after: list[str]) -> None:
    import difflib

    original, fixed = "".join(before).encode(), "".join(after).encode()
    outcome = fixer.Outcome("p.env", original, fixed, ())
    expected = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(fixer._split_lf("".join(before)), fixer._split_lf("".join(after)),
                                         "a/p.env", "b/p.env")
    )
    assert fixer.unified_diff(outcome) == expected


def test_choosing_fixes_is_linear_in_the_number_of_fixes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each fix is checked against the edits of its own lines: twice the fixes, twice the work."""
    calls = 0
    real = fixer._overlaps

    def counting(a: Edit, b: Edit) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(fixer, "_overlaps", counting)

    def work(n: int) -> int:
        nonlocal calls
        calls = 0
        lines = ["S3_ACCESS_KEY=abc\n"] * n
        fixes = [Fix("rename", (Edit(i + 1, 1, 14, "S3_ACCESSKEY"),)) for i in range(n)]
        assert len(fixer.choose(fixes, lines)) == n
        return calls

    small, large = work(1000), work(4000)
    assert large <= 4 * small + 10, (small, large)


# --------------------------------------------------------------------------------------------------
# a fix never changes what the loader hands Score beyond its own line (compose interpolates: renaming a
# name a later ${VAR} reads, or removing the copy of a duplicate that an interpolation between reads,
# would change another value)

REF_KEYS = ("S3_ACCESS_KEY", "S3_ACCESSKEY", "S3_SIGV4_ENABLED", "OBJECT_SENTINEL", "A", "UPLOAD_CLEAN_ENABLED")
REF_LINE = st.one_of(
    st.builds(lambda k, v: f"{k}={v}", st.sampled_from(REF_KEYS), st.sampled_from(("abc", '"true"', "x  ", "1 # n"))),
    st.builds(lambda k, r, pre: f"{k}={pre}${{{r}}}", st.sampled_from(REF_KEYS), st.sampled_from(REF_KEYS),
              st.sampled_from(("", "http://", "v-"))),
    st.builds(lambda k, r: f"{k}=${r}", st.sampled_from(REF_KEYS), st.sampled_from(REF_KEYS)),
    st.builds(lambda k, r: f"{k}=${{{r}:-d}}", st.sampled_from(REF_KEYS), st.sampled_from(REF_KEYS)),
    st.sampled_from(("# c", "", "S3_ENDPOINT=http://minio:9000")),
)


@st.composite
def interpolating_env_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(REF_LINE, max_size=10))
    lines += draw(st.lists(st.sampled_from(lines), max_size=4)) if lines else []  # exact duplicates
    lines = draw(st.permutations(lines))
    return "".join(f"{line}\n" for line in lines).encode()


def _winner_lines(env: envfile.EnvFile) -> dict[str, int]:
    found: dict[str, int] = {}
    for entry in env.entries:
        if entry.value is not None and (env.dialect == "compose" or entry.key not in found):
            found[entry.key] = entry.line
    return found


@PROPERTY
@given(st.one_of(interpolating_env_files(), env_files()), DIALECTS)
def test_every_applied_fix_keeps_the_loaders_environment(data: bytes, dialect: str) -> None:
    """Round by round, parsed by the dialect's own loader before and after:

    * every entry on a line no fix edits keeps its name and value, in order;
    * every name set on such a line ends with the same value, unless the value that wins is the one
      a fix edited in place (its quotes removed);
    * a round that only removes lines (exact duplicates) leaves the environment exactly as it was.
    """
    current = data
    for _ in range(fixer.MAX_ROUNDS):
        outcome = fixer.fix_bytes(current, "t.env", Options(dialect=dialect), max_rounds=1)  # type: ignore[arg-type]
        if not outcome.applied:
            break
        before = envfile.parse(current, dialect)  # type: ignore[arg-type]
        after = envfile.parse(outcome.fixed, dialect)  # type: ignore[arg-type]
        edits = [e for f in outcome.applied for e in f.edits]
        edited = {e.line for e in edits}
        keep_before = [(e.key, e.value) for e in before.entries if e.line not in edited]
        added = {e.line: e.text.count("\n") for e in edits if e.end != -1}
        removed = {e.line for e in edits if e.end == -1}
        after_of: dict[int, list[int]] = {}
        line = 0
        for number in range(1, len(before.lines) + 1):
            if number in removed:
                after_of[number] = []
                continue
            span = 1 + added.get(number, 0)
            after_of[number] = list(range(line + 1, line + 1 + span))
            line += span
        edited_after = {n for number in edited for n in after_of.get(number, [])}
        keep_after = [(e.key, e.value) for e in after.entries if e.line not in edited_after]
        assert keep_before == keep_after
        old, new = before.environment(), after.environment()
        won_before, won_after = _winner_lines(before), _winner_lines(after)
        for key, _ in keep_before:
            if old.get(key) != new.get(key):
                assert won_before.get(key) in edited and won_after.get(key) in edited_after, key
        if not added and all(e.end == -1 for e in edits):
            assert old == new
        current = outcome.fixed


@pytest.mark.parametrize(("text", "kept"), [
    # a rename of a name that a later ${VAR} reads: METADATA_URL would lose its host
    ("S3_ACCESS_KEY=abc\nMETADATA_URL=http://${S3_ACCESS_KEY}:8080\n", "S3_ACCESS_KEY=abc\n"),
    # the first copy of a duplicate, read by an interpolation between the two copies
    ("A=1\nS3_ENDPOINT=http://${A}\nA=1\n", "A=1\nS3_ENDPOINT=http://${A}\n"),
])
def test_compose_fixes_that_would_change_an_interpolated_value_are_not_applied(text: str, kept: str) -> None:
    outcome = _fix(text.encode(), "compose")
    assert outcome.fixed.decode().startswith(kept), outcome.fixed
    before = envfile.parse(text.encode(), "compose").environment()
    after = envfile.parse(outcome.fixed, "compose").environment()
    assert after.get("METADATA_URL") == before.get("METADATA_URL")
    assert after.get("S3_ENDPOINT") == before.get("S3_ENDPOINT")


# --------------------------------------------------------------------------------------------------
# what the file is stays what it was: read-only is refused, owner, mode, hard links and extended
# attributes (ACLs among them) are kept, and an edit made while --fix runs is never lost

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes, owners and links")


def _fix_cli(*paths: Path) -> object:
    return CliRunner().invoke(main, ["--fix", *map(str, paths)])


@posix_only
def test_a_read_only_file_is_refused_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    path.chmod(0o444)
    result = _fix_cli(path)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert f"score-lint: {path}: not fixed: the file is read-only (mode 0444)" in result.output  # type: ignore[attr-defined]
    assert path.read_bytes() == DIRTY and stat.S_IMODE(path.stat().st_mode) == 0o444


@posix_only
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_the_owner_is_kept(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    os.chown(path, 4321, 4322)
    assert _fix_cli(path).exit_code != 2  # type: ignore[attr-defined]
    assert path.read_bytes() == CLEAN
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


@posix_only
def test_a_file_whose_owner_cannot_be_kept_is_rewritten_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not root and another user's (group-writable) file: renaming a new file over it would make it ours."""
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    inode = path.stat().st_ino
    real_stat = os.stat

    def other_owner(p: object, *args: object, **kwargs: object) -> os.stat_result:
        st = real_stat(p, *args, **kwargs)  # type: ignore[arg-type]
        if os.fspath(p) == os.fspath(path):  # type: ignore[arg-type]
            fields = list(st)
            fields[4], fields[5] = 4321, 4322
            return os.stat_result(fields)
        return st

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "stat", other_owner)
    monkeypatch.setattr(os, "chown", refuse)
    fixer.fix_path(path, Options())
    monkeypatch.undo()
    assert path.read_bytes() == CLEAN
    assert path.stat().st_ino == inode  # the same file, so the same owner


@posix_only
def test_a_hard_link_stays_a_hard_link(tmp_path: Path) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    other = tmp_path / "deploy.env"
    os.link(path, other)
    assert _fix_cli(path).exit_code != 2  # type: ignore[attr-defined]
    assert path.read_bytes() == CLEAN and other.read_bytes() == CLEAN
    assert path.stat().st_ino == other.stat().st_ino and path.stat().st_nlink == 2


def _acl_entry(tag: int, perm: int, qualifier: int = 0xFFFFFFFF) -> bytes:
    import struct

    return struct.pack("<HHI", tag, perm, qualifier)


@posix_only
@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes on this platform")
def test_extended_attributes_and_acls_are_kept(tmp_path: Path) -> None:
    import struct

    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    try:
        os.setxattr(path, "user.origin", b"vault")
    except OSError:
        pytest.skip("the file system here has no user extended attributes")
    # user::rw- user:1234:r-- group::r-- mask::r-- other::r-- (the kernel's binary ACL format)
    acl = struct.pack("<I", 2) + b"".join(
        _acl_entry(t, p, q) for t, p, q in [(1, 6, 0xFFFFFFFF), (2, 4, 1234), (4, 4, 0xFFFFFFFF),
                                             (0x10, 4, 0xFFFFFFFF), (0x20, 4, 0xFFFFFFFF)])
    try:
        os.setxattr(path, "system.posix_acl_access", acl)
    except OSError:
        acl = b""
    mode = stat.S_IMODE(path.stat().st_mode)
    assert _fix_cli(path).exit_code != 2  # type: ignore[attr-defined]
    assert path.read_bytes() == CLEAN
    assert os.getxattr(path, "user.origin") == b"vault"
    if acl:
        assert os.getxattr(path, "system.posix_acl_access") == acl
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_an_edit_made_while_fixing_is_not_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    real_fix = fixer.fix_bytes
    edited = DIRTY + b"METADATA_URL=http://song:8080\n"

    def fix_then_someone_saves(*args: object, **kwargs: object) -> fixer.Outcome:
        outcome = real_fix(*args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(edited)  # the user's editor saves while score-lint works
        return outcome

    monkeypatch.setattr(fixer, "fix_bytes", fix_then_someone_saves)
    result = _fix_cli(path)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "changed while score-lint was fixing it" in result.output  # type: ignore[attr-defined]
    assert path.read_bytes() == edited


def test_an_edit_of_the_same_size_and_time_is_still_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / ".env.score"
    path.write_bytes(DIRTY)
    real_fix = fixer.fix_bytes
    st = path.stat()
    edited = DIRTY.replace(b"abc", b"xyz")

    def same_size_same_mtime(*args: object, **kwargs: object) -> fixer.Outcome:
        outcome = real_fix(*args, **kwargs)  # type: ignore[arg-type]
        with open(path, "r+b") as fh:  # the same inode, size and (restored) mtime: only the hash tells
            fh.write(edited)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        return outcome

    monkeypatch.setattr(fixer, "fix_bytes", same_size_same_mtime)
    with pytest.raises(fixer.FixRefused, match="changed while"):
        fixer.fix_path(path, Options())
    assert path.read_bytes() == edited


def test_fix_goes_on_past_a_file_it_cannot_fix(tmp_path: Path) -> None:
    bad = tmp_path / "bad.env"
    bad.write_text("S3_ACCESS_KEY=abc\nMETADATA URL=http://song\n")
    good = tmp_path / "good.env"
    good.write_bytes(DIRTY)
    missing = tmp_path / "missing.env"
    result = _fix_cli(bad, good, missing)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert good.read_bytes() == CLEAN  # fixed although bad.env came first
    errors = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert any(line.startswith(f"score-lint: {bad}:2:1: not fixed") for line in errors), errors
    assert f"score-lint: {missing}: no such file" in errors
    assert any(line.startswith(f"{good}: fixed ") for line in errors), errors
    assert f"{bad}:2:1:" in result.stdout and f"{good}:" in result.stdout  # type: ignore[attr-defined]


def test_diff_goes_on_past_a_file_it_cannot_fix(tmp_path: Path) -> None:
    bad = tmp_path / "bad.env"
    bad.write_text("S3_ACCESS_KEY=abc\nMETADATA URL=http://song\n")
    good = tmp_path / "good.env"
    good.write_bytes(DIRTY)
    result = CliRunner().invoke(main, ["--diff", "--show-secrets", str(bad), str(good)])
    assert result.exit_code == 2
    assert f"+++ {good}" in result.stdout and "not fixed" in result.stderr


def test_diff_of_thousands_of_duplicate_lines_is_linear() -> None:
    """40,000 duplicate lines took 51 s (each fix checked against every edit taken before it)."""
    from tests.helpers import assert_linear

    def run(n: int) -> None:
        outcome = _fix(b"SPRING_PROFILES_ACTIVE=prod,collaboratory\n" + b"S3_ACCESS_KEY=abc\n" * n, "docker")
        assert fixer.unified_diff(outcome)

    assert_linear(run, 500)
