"""The package's shape: layers that only import downward, no cycles, no giant module, one path for a
new setting from a docs table to every output."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import score_lint
from score_lint import artefacts, docsgen, lsp
from score_lint.catalogue import compile as compiler
from score_lint.catalogue import tables
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_bytes
from score_lint.plan import models_from_docs
from tests.conftest import ROOT

PACKAGE = Path(score_lint.__file__).parent


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "examples" not in p.parts)


def test_the_import_contract_holds() -> None:
    """import-linter's layers contract from pyproject.toml, on the installed package."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run(
        [str(lint_imports), str(ROOT / "pyproject.toml")], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" in proc.stdout and "0 broken" in proc.stdout


def test_the_layers_contract_names_every_module() -> None:
    """import-linter checks only the modules a layer names: one left out could import anything."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    named = {module.strip() for layer in layers for module in layer.split("|")}
    top = {f"score_lint.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    top |= {f"score_lint.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    top.discard("score_lint.schema")  # the installed package's generated data (from schema/), importing nothing
    assert sorted(top - named) == []
    assert sorted(named - top) == []


def test_no_import_cycles() -> None:
    """No strongly connected set of modules in the import graph (imports inside functions count)."""
    graph = grimp.build_graph("score_lint")
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(module: str) -> None:  # Tarjan's algorithm, iterative enough for ~100 modules
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    assert cycles == []


def test_no_module_is_more_than_eight_percent_of_the_package() -> None:
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    total = sum(sizes.values())
    too_big = {name: f"{n / total:.1%}" for name, n in sizes.items() if n > 0.08 * total}
    assert not too_big, too_big


def test_imports_inside_functions_say_why() -> None:
    """Allowed only for start-up time, with a comment on the import or just before its group."""
    unexplained = []
    for path in _modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if not isinstance(node, (ast.Import, ast.ImportFrom)):
                    continue
                row = node.lineno - 1
                while row > 0 and lines[row - 1].strip().startswith(("from ", "import ")):
                    row -= 1  # the first import of a group carries the comment
                if "#" not in lines[node.lineno - 1] and not lines[row - 1].strip().startswith("#"):
                    unexplained.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not unexplained


def test_click_is_imported_by_the_cli_only() -> None:
    users = [p.name for p in _modules() if "import click" in p.read_text(encoding="utf-8")]
    assert users == ["cli.py"]


def test_markdown_it_is_wrapped_by_the_markdown_module_only() -> None:
    users = [p.relative_to(PACKAGE).as_posix() for p in _modules() if "markdown_it" in p.read_text(encoding="utf-8")]
    assert users == ["markdown.py"]


NEW_ROW = (
    "| `SCORE_LINT_PROBE_SETTING` | Optional | int | `7` | A setting added to show the path from a table to "
    "every output. | — | `probe.setting` | all | any |\n"
)


def test_a_new_setting_reaches_every_output(tmp_path: Path) -> None:
    """One row in a docs table → catalogue, editor schema, reference page, completion and verdicts."""
    docs = tmp_path / "configuration"
    shutil.copytree(ROOT / "docs" / "configuration", docs)
    page = docs / "server.md"
    text = page.read_text(encoding="utf-8")
    header_end = text.index("|---")  # the first settings table: insert after its delimiter row
    delimiter_end = text.index("\n", header_end) + 1
    page.write_text(text[:delimiter_end] + NEW_ROW + text[delimiter_end:], encoding="utf-8")

    compiled = artefacts.compile_docs(docs)
    assert compiled.problems == ()
    assert '"SCORE_LINT_PROBE_SETTING"' in compiled.files["5.11/catalogue.json"]
    assert '"SCORE_LINT_PROBE_SETTING"' in compiled.files["5.11/score-s3.schema.json"]
    assert '"probe"' in compiled.files["5.11/score-s3.application.schema.json"]

    catalogues = compiler.catalogues(tables.load_docs([docs], root=docs))
    setting = next(s for s in catalogues["5.11"].settings if s.name == "SCORE_LINT_PROBE_SETTING")
    assert (setting.type, setting.spring_property, setting.defaults()) == ("int", "probe.setting", ("7",))
    assert "`SCORE_LINT_PROBE_SETTING`" in docsgen.settings_page(catalogues["5.11"], "s3")

    models = models_from_docs(docs)
    labels = [item.label for item in lsp._name_items(models["5.11"]["s3"])]
    assert "SCORE_LINT_PROBE_SETTING" in labels

    env = b"SPRING_PROFILES_ACTIVE=collaboratory,prod\nSCORE_LINT_PROBE_SETTING=abc\n"
    with_row = {f.code for f in lint_bytes(env, "t.env", Options(), models).findings if f.line == 2}
    bundled = {f.code for f in lint_bytes(env, "t.env", Options()).findings if f.line == 2}
    assert "SL101" in bundled  # unknown without the row
    assert "SL101" not in with_row and "SL201" in with_row  # known with it, and "abc" is no int


@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
def test_committed_catalogue_is_what_the_docs_compile_to(line: str) -> None:
    compiled = artefacts.compile_docs(ROOT / "docs" / "configuration")
    committed = (ROOT / "schema" / line / "catalogue.json").read_text(encoding="utf-8")
    assert compiled.files[f"{line}/catalogue.json"] == committed
