"""The CLI's findings on the bundled examples and the real corpus, kept as a golden record.

A change of structure must not change a verdict. ``python tests/golden.py --check`` runs the installed
``score-lint`` on every input in every output format and Score line and compares the result with
``tests/golden/outputs.json``; ``--write`` records a new state after a deliberate change of behaviour,
so the diff of that file shows exactly which findings changed. ``tests/test_golden.py`` runs the check.

Inputs: ``linter/score_lint/examples/*.env.score`` (both dialects), the Kubernetes fixture
``tests/fixtures/k8s/score-helm-template.yaml`` (by its image tag and on each line), and from
``../shared/corpus/`` (when it is there) the env files and compose files of ``envs/`` and the pages of
``docs/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SCORE_LINT_CORPUS", ROOT.parent / "shared" / "corpus"))
GOLDEN = ROOT / "tests" / "golden" / "outputs.json"
LINES = ("5.10", "5.11", "develop")
FORMATS = ("text", "json", "sarif", "github")
# Text is kept whole so a diff of the record reads as a diff of findings; the rest by digest.
KEPT_WHOLE = ("text",)


def _runs() -> Iterator[tuple[str, Path, list[str]]]:
    """(key, working directory, arguments) of every recorded run."""
    examples = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "linter" / "score_lint" / "examples").glob("*.env.score"))
    for line in LINES:
        for dialect in ("docker", "compose"):
            yield f"examples lint {line} {dialect}", ROOT, ["lint", "--isolated", "--score-version", line, "--dialect", dialect, *examples]
    manifest = "tests/fixtures/k8s/score-helm-template.yaml"
    yield "fixtures k8s tag", ROOT, ["k8s", "--isolated", manifest]
    for line in LINES:
        yield f"fixtures k8s {line}", ROOT, ["k8s", "--isolated", "--score-version", line, manifest]
    for line in LINES:
        yield f"fixtures compose {line}", ROOT / "tests" / "fixtures" / "compose", ["compose", "--isolated", "--score-version", line, "docker-compose.yml"]
    if not CORPUS.is_dir():
        return
    envs = CORPUS / "envs"
    env_files = sorted(p.name for p in envs.iterdir() if p.name.endswith(".env"))
    compose_files = sorted(p.name for p in envs.iterdir() if p.name.endswith((".yml", ".yaml")))
    docs = sorted(p.name for p in (CORPUS / "docs").iterdir() if p.suffix == ".md")
    for line in LINES:
        yield f"corpus lint {line}", envs, ["lint", "--isolated", "--score-version", line, *env_files]
        yield f"corpus compose {line}", envs, ["compose", "--isolated", "--score-version", line, *compose_files]
        yield f"corpus drift {line}", CORPUS / "docs", ["drift", "--score-version", line, *docs]


def record(only_local: bool = False) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    for key, cwd, args in _runs():
        if only_local and not key.startswith(("examples", "fixtures")):
            continue
        for fmt in FORMATS:
            proc = subprocess.run(
                ["score-lint", *args[:1], "--format", fmt, *args[1:]],
                cwd=cwd, capture_output=True, text=True, env=env, check=False,
            )
            stdout = proc.stdout
            value: object = stdout if fmt in KEPT_WHOLE else hashlib.sha256(stdout.encode()).hexdigest()
            out[f"{key} {fmt}"] = {"exit": proc.returncode, "stdout": value}
    return out


def load() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="record the current outputs")
    mode.add_argument("--check", action="store_true", help="compare the current outputs with the record")
    args = parser.parse_args(argv)
    current = record()
    if args.write:
        if not CORPUS.is_dir():
            print(f"{CORPUS} is absent: the record would lose the corpus runs", file=sys.stderr)
            return 2
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"recorded {len(current)} runs in {GOLDEN.relative_to(ROOT)}")
        return 0
    golden = load()
    differ = sorted(k for k in current if golden.get(k) != current[k])
    for key in differ:
        print(f"differs: {key}")
    print(f"{len(current)} runs compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
