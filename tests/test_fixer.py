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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score_lint import envfile, fixer
from score_lint.cli import main
from score_lint.findings import Edit, Fix

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
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
    assert _safe_fixes(_fix(data, dialect).fixed, dialect) == []


@PROPERTY
@given(env_files(), DIALECTS)
def test_every_line_a_fix_does_not_touch_stays_byte_identical(data: bytes, dialect: str) -> None:
    """Round by round: untouched lines come out byte-identical, in order, with their line endings."""
    current = data
    for _ in range(fixer.MAX_ROUNDS):
        env = envfile.parse(current, dialect)  # type: ignore[arg-type]
        lines = list(env.lines)
        chosen = fixer.choose(_safe_fixes(current, dialect), lines)
        if not chosen:
            break
        touched = {e.line for fix in chosen for e in fix.edits}
        out = fixer.apply(lines, chosen)
        rest = iter("".join(out).encode("utf-8", "surrogateescape").splitlines(keepends=True))
        # Walk the output: every untouched input line must appear, in order, unchanged.
        remaining = list(rest)
        position = 0
        for number, line in enumerate(lines, 1):
            if number in touched:
                continue
            raw = line.encode("utf-8", "surrogateescape")
            assert raw in remaining[position:], f"line {number} changed"
            position = remaining.index(raw, position) + 1
        assert len(out) <= len(lines) + sum(e.text.count("\n") for f in chosen for e in f.edits)
        current = (b"\xef\xbb\xbf" if env.bom else b"") + "".join(out).encode("utf-8", "surrogateescape")
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
