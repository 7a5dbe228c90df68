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
