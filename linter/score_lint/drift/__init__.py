"""The drift wing: a Score docs page against itself and against what Score binds (rules 4xx)."""

# The codes of ``rules.DRIFT_RULES``, written out: the lint path checks ``--select SL401`` against them
# without importing the drift rules (they pull in the Markdown layer). tests/test_registry.py keeps the
# two equal.
DRIFT_CODES = ("SL401", "SL402", "SL403", "SL404", "SL405", "SL406", "SL407", "SL408", "SL409", "SL410", "SL411")
