"""The one bounded reader: regular files only, a size limit, never a blocking open, small buffers."""

from __future__ import annotations

import builtins
import os
from pathlib import Path
from typing import Self

import pytest

from score_lint import files

posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symlinks")


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "a.env"
    path.write_bytes(b"A=1\n")
    assert files.read_bounded(path, 100) == b"A=1\n"
    assert files.read_bounded(tmp_path / "a.env", 4) == b"A=1\n"  # exactly the limit is fine


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert files.read_bounded(path) == b""


def test_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * (3 * files.MIB))
    with pytest.raises(files.Unreadable) as info:
        files.read_bounded(path, 2 * files.MIB, "env files")
    assert info.value.reason == "file is too large (3.0 MiB): score-lint reads env files of at most 2 MiB"
    assert str(info.value).startswith(f"{path}: ")


@posix
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.env"
    os.mkfifo(fifo)
    with pytest.raises(files.Unreadable, match="named pipe"):
        files.read_bounded(fifo)  # a plain open() would wait for a writer forever
    with pytest.raises(files.Unreadable, match="named pipe"):
        files.check_regular(fifo)


@posix
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_character_device_is_refused_unread() -> None:
    with pytest.raises(files.Unreadable, match="character device"):
        files.read_bounded("/dev/zero")


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(files.Unreadable) as info:
        files.read_bounded(tmp_path)
    assert info.value.reason == "is a directory"


@posix
def test_a_symlink_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(files.Unreadable, match="symbolic links"):
        files.read_bounded(a)
    with pytest.raises(files.Unreadable, match="symbolic links"):
        files.check_regular(a)


def test_a_name_too_long(tmp_path: Path) -> None:
    with pytest.raises(files.Unreadable) as info:
        files.read_bounded(tmp_path / ("a" * 5000))
    assert info.value.reason == "file name too long"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(files.Unreadable) as info:
        files.read_bounded(tmp_path / "absent")
    assert info.value.reason == "no such file"


def test_nul_in_the_name(tmp_path: Path) -> None:
    with pytest.raises(files.Unreadable):
        files.read_bounded(f"{tmp_path}/a\0b")


def test_a_file_that_grows_past_its_size_is_still_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc files report size 0 and a growing log outruns its fstat: reading stops one byte past the limit."""
    path = tmp_path / "growing"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: _with_size(real_fstat(fd), 0))
    assert files.read_bounded(path, 100) == b"x" * 100
    with pytest.raises(files.Unreadable, match="too large"):
        files.read_bounded(path, 99)


def _with_size(st: os.stat_result, size: int) -> os.stat_result:
    fields = list(st)
    fields[6] = size
    return os.stat_result(fields)


def test_the_buffer_is_sized_from_fstat_not_from_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "small"
    path.write_bytes(b"A=1\n" * 10)
    asked: list[int] = []
    real_open = builtins.open

    class Spy:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def read(self, n: int) -> bytes:
            asked.append(n)
            return self.handle.read(n)  # type: ignore[attr-defined, no-any-return]

        def fileno(self) -> int:
            return self.handle.fileno()  # type: ignore[attr-defined, no-any-return]

        def __enter__(self) -> Self:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

    monkeypatch.setattr(builtins, "open", lambda *a, **k: Spy(real_open(*a, **k)))
    assert files.read_bounded(path, 16 * files.MIB) == b"A=1\n" * 10
    assert max(asked) <= 41, asked  # never a 16 MiB buffer for a 40-byte file


def test_read_text_decodes_utf8_and_drops_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbfcaf\xc3\xa9\n")
    assert files.read_text(path) == "café\n"
    path.write_bytes(b"ok\ncaf\xe9\n")
    with pytest.raises(files.Unreadable, match="line 2: not valid UTF-8"):
        files.read_text(path)
