"""Regular expressions compiled when first used, not when their module is imported.

Most of the package's module-level patterns serve one rule, one input kind or one report format, and a
plain ``score-lint FILE`` run reaches few of them; compiling them all at import cost about 2 ms of a
30 ms run. ``lazy(pattern, flags)`` stands for ``re.compile(pattern, flags)``: the first use of a method
(``match``, ``search``, ``sub``...) compiles the pattern and binds its methods to the object, so later
calls cost what a compiled pattern's cost. It is typed as ``re.Pattern``; pass it to nothing that wants
a real one (``re.sub(PATTERN, ...)``), call its methods.
"""

from __future__ import annotations

import re

_BOUND = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "scanner", "groupindex",
          "groups", "flags")


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> object:
        if name not in _BOUND:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _BOUND:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done on first use."""
    return _Lazy(pattern, flags)  # type: ignore[return-value]


def shell_name(text: str) -> bool:
    """Whether ``text`` is a shell name, ``[A-Za-z_][A-Za-z0-9_]*``: what a full match of that pattern
    says, without compiling it (an ASCII identifier is exactly such a name)."""
    return text.isascii() and text.isidentifier()
