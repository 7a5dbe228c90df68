"""The drift wing: a Score docs page against itself and against what Score binds (rules 4xx)."""
