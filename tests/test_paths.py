"""``score_lint.paths`` names, splits and resolves paths as ``pathlib`` does: each function is held to its
``pathlib`` counterpart, on names built from the parts that trouble path code and on a real tree of
folders and symbolic links."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from score_lint import paths
from tests.helpers import fuzz

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the POSIX rules are restated; elsewhere pathlib decides")

_PARTS = st.sampled_from(["", "/", "//", "///", ".", "..", "a", "b.c", ".env.score", " x ", "é", "a\\b", "~"])
NAMES = st.lists(_PARTS, min_size=1, max_size=8).map("".join)


@given(NAMES)
@fuzz(100)
def test_a_name_is_named_as_pathlib_names_it(name: str) -> None:
    assert paths.normal(name) == str(PurePath(name))


@pytest.mark.parametrize("name", ["", ".", "/", "//", "///", "////a", "//a//b/", "./a/./b/.", "a/../b", "../..", "-"])
def test_the_names_that_trouble_path_code(name: str) -> None:
    assert paths.normal(name) == str(PurePath(name))


@given(NAMES)
@fuzz(100)
def test_the_folders_above_a_path_are_its_pathlib_parents(name: str) -> None:
    path = paths.absolute(name)
    assert paths.parents(path) == [str(p) for p in Path(path).parents]


@given(NAMES)
@fuzz(100)
def test_an_absolute_path_is_pathlibs(name: str) -> None:
    assert paths.absolute(name) == str(Path(name).absolute())


def test_absolute_takes_path_objects_and_keeps_links_and_dotdot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    for name in ("link/../x", Path("link") / ".." / "x", "link/./y/"):
        assert paths.absolute(name) == str(Path(name).absolute())


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Folders, a file, links to each, a dangling link, a link loop and a link through ``..``."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / ".env.score").write_text("PROFILE=s3\n")
    (tmp_path / "to-b").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "relative").symlink_to(Path("a") / "b" / ".." / "b")
    (tmp_path / "file-link").symlink_to(tmp_path / "a" / "b" / ".env.score")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere" / "x")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    return tmp_path


@pytest.mark.parametrize("name", [
    "a/b/.env.score", "to-b/.env.score", "relative/.env.score", "file-link", "to-b/../a", "to-b/..",
    "dangling", "dangling/deeper", "missing/x/../y", ".", "a//b/", "/",
])
def test_a_resolved_path_is_pathlibs(tree: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert paths.resolved(name) == str(Path(name).resolve())
    assert paths.resolved(Path(name)) == str(Path(name).resolve())


@pytest.mark.parametrize("name", ["loop1", "loop2/x"])
def test_a_link_loop_is_a_runtime_error_as_pathlib_made_it_before_313(tree: Path, name: str) -> None:
    with pytest.raises(RuntimeError):
        paths.resolved(tree / name)
    if sys.version_info < (3, 13):
        with pytest.raises(RuntimeError):
            (tree / name).resolve()


def test_a_nul_character_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        paths.resolved(f"{tmp_path}/a\0b")
    with pytest.raises(ValueError):
        Path(f"{tmp_path}/a\0b").resolve()
