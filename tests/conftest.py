from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FACTS = SHARED / "facts"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (only in the project's workspace)")
    return CORPUS


@pytest.fixture
def facts() -> Path:
    if not FACTS.is_dir():
        pytest.skip("../shared/facts is not present (only in the project's workspace)")
    return FACTS


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built once per run with `mkdocs build --strict` (skips without the docs extra)."""
    from tests.site_tools import build_site

    return build_site(tmp_path_factory.mktemp("site") / "site")
