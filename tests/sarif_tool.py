"""Microsoft's SARIF Multitool from the npm registry: a real SARIF consumer for the tests.

It is installed once per machine into a cache folder (never committed); its package also ships the
official SARIF 2.1.0 JSON schema, which the tests use with ``jsonschema`` as a second, fast check.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

MULTITOOL_VERSION = "5.7.0"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "score-lint-tests" / f"sarif-multitool-{MULTITOOL_VERSION}"


def install() -> Path | str:
    """The package folder of the Linux multitool, or a reason why it cannot be had."""
    prefix = cache_dir()
    package = prefix / "node_modules" / "@microsoft" / "sarif-multitool-linux"
    if (package / "Sarif.Multitool").is_file():
        return package
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return "node and npm are needed to install @microsoft/sarif-multitool"
    prefix.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--no-save",
         f"@microsoft/sarif-multitool@{MULTITOOL_VERSION}"],
        capture_output=True, text=True, timeout=600,
    )
    if proc.returncode != 0 or not (package / "Sarif.Multitool").is_file():
        return f"npm install @microsoft/sarif-multitool failed: {proc.stderr.strip()[-300:]}"
    return package


def schema(package: Path) -> dict[str, object]:
    return json.loads((package / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def validate(package: Path, log: Path) -> list[tuple[str, str, str]]:
    """(rule id, level, message) of every problem the multitool's ``validate`` finds in ``log``."""
    binary = package / "Sarif.Multitool"
    binary.chmod(binary.stat().st_mode | 0o100)  # npm may skip the package's chmod postinstall
    out = log.with_suffix(".validation.sarif")
    proc = subprocess.run(
        [str(binary), "validate", str(log), "--output", str(out), "--log", "ForceOverwrite"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text(encoding="utf-8-sig"))
    problems = []
    for run in report["runs"]:
        for result in run.get("results", []):
            message = result.get("message", {})
            text = message.get("text") or f"{message.get('id')} {message.get('arguments')}"
            problems.append((result.get("ruleId", "?"), result.get("level", "warning"), text))
    return problems
