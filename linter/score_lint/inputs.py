"""What one thing to lint is (``Input``), and whether its bytes are YAML that another command reads.

A compose or Kubernetes YAML file named as an env file is recognised here (``yaml_kind``), so that the
run can point at the command made for it instead of reporting junk. Finding the inputs named by a
command line (folders, ``.gitignore``, ``--exclude``) is ``discover``'s; this module is what the lint of
named files needs, without ``pathlib``.
"""

from __future__ import annotations

import os

from score_lint.records import record

STDIN = "-"


@record(frozen=True)
class Input:
    """One thing to lint: ``path`` decides the configuration search, ``name`` is how reports call it,
    ``data`` holds standard input (read once, before linting)."""

    path: str | os.PathLike[str]
    name: str
    data: bytes | None = None

    @property
    def is_stdin(self) -> bool:
        return self.data is not None


_KEY_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"
_SNIFF_LINES = 200


def yaml_key(line: str) -> bool:
    """Whether ``line`` starts as a YAML mapping key, ``[A-Za-z_][A-Za-z0-9_.-]*:`` then a blank or the
    end (what ``re.match`` of that pattern says; tested so): the first line of every env file is asked,
    and compiling the pattern cost more than the rest of the question."""
    key, colon, rest = line.partition(":")
    return bool(colon) and key[:1] in _KEY_START and not key.strip(_KEY_CHARS) and rest[:1] in ("", " ", "\t")


def yaml_kind(name: str, data: bytes) -> str | None:
    """``"compose"`` or ``"k8s"`` when the file is docker compose or Kubernetes YAML, not an env file:
    a ``.yml``/``.yaml`` name, or text whose first setting is a YAML key and which has a top-level
    ``services:`` (compose) or ``apiVersion:`` (Kubernetes). None for anything else."""
    text = data[: 64 * 1024].decode("utf-8", "replace")
    lines = (line.rstrip("\r") for line in text.split("\n", _SNIFF_LINES)[:_SNIFF_LINES])
    significant = (line for line in lines if line.strip() and not line.lstrip().startswith("#") and line.strip() != "---")
    yaml_name = name.lower().endswith((".yml", ".yaml"))
    first = next(significant, None)
    if not yaml_name and (first is None or not yaml_key(first)):
        return None  # what follows decides nothing then: every env file named as one ends here
    top = {line.split(":", 1)[0] for line in (first, *significant) if line is not None and yaml_key(line)}
    kubernetes = "apiVersion" in top and "kind" in top
    if yaml_name:
        return "k8s" if kubernetes else "compose"
    if kubernetes:
        return "k8s"
    if "services" in top:
        return "compose"
    return None


__all__ = ["STDIN", "Input", "yaml_key", "yaml_kind"]
