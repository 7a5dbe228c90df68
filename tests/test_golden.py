"""Structure changes keep every verdict: the CLI's outputs equal the record in tests/golden/."""

from __future__ import annotations

from tests import golden


def test_outputs_match_the_record() -> None:
    current = golden.record()
    recorded = golden.load()
    differ = sorted(key for key in current if recorded.get(key) != current[key])
    assert not differ, f"outputs changed (run `python tests/golden.py --write` if deliberate): {differ}"
