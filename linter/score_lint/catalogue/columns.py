"""The column vocabulary of the docs tables: one place for the names the compiler and drift both read.

Each constant lists the header texts (lower-cased, as ``score_lint.markdown`` gives them) that mean the
same column; the first is the one the project's own pages use.
"""

from __future__ import annotations

REQUIREMENT = ("requirement",)
TYPE = ("type",)
DEFAULT = ("default",)
DESCRIPTION = ("description",)
ALSO_BINDS = ("also binds",)
PROPERTY = ("property", "spring property")
LINES_COLUMN = ("lines", "score lines")
PROFILES_COLUMN = ("profiles",)
PROVIDER = ("provider", "providers")
# Other tables: the profile matrix, names that bind nothing, overrides, names read outside Spring, and
# the profile documents of application.yml.
PROFILE = ("profile",)
ROLE = ("role",)
EFFECT = ("what it does",)
CAVEAT = ("caveat",)
NAME = ("name",)
USE_INSTEAD = ("use instead",)
WHY = ("why",)
AUTOFIX = ("autofix",)
SETTING = ("setting",)
OVERRIDDEN_BY = ("overridden by",)
WHEN = ("when",)
READ_BY = ("read by",)
LINE = ("line",)
DOCUMENTS = ("documents",)
PRECEDENCE = ("precedence",)
