"""score-lint: check Overture Score server env files against how Score really reads them."""

from __future__ import annotations

__version__ = "0.1.0"
