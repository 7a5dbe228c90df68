"""The docs against ../shared/facts/score-truth.json: every property the server reads is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from score_lint.catalogue import tables
from score_lint.binding import Kind, Model
from tests.conftest import ROOT

FACT_LINES = {"5.0-5.10.x": "5.10", "5.11.0": "5.11", "develop": "develop"}


def load_facts(facts: Path) -> list[dict]:
    return json.loads((facts / "score-truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs() -> tables.Docs:
    return tables.load_docs([ROOT / "docs" / "configuration"], root=ROOT / "docs" / "configuration")


def documented(docs: tables.Docs, line: str) -> dict[str, set[str]]:
    """Spring property (as written) -> env names documented for ``line``."""
    out: dict[str, set[str]] = {}
    for row in docs.settings:
        if line in row.lines:
            names = out.setdefault(row.property_for(line), set())
            names.add(row.name)
            names.update(a.value for a in row.aliases if a.applies(line) and not a.partial)
    return out


def test_every_property_the_server_reads_is_documented(facts: Path, docs: tables.Docs) -> None:
    missing = []
    for fact in load_facts(facts):
        if not fact["read_by_score_server"]:
            continue
        prop = re.sub(r" \(5\.x\)$", "", fact["property"])
        for version in fact["versions"]:
            line = FACT_LINES[version]
            names = documented(docs, line).get(prop)
            expected = {fact["env_canonical"], *fact["env_also_binds"]}
            if names is None:
                missing.append(f"{prop} on {line}")
            elif names != expected:
                missing.append(f"{prop} on {line}: docs {sorted(names)} != facts {sorted(expected)}")
    assert missing == []


def test_names_the_facts_say_bind_nothing(facts: Path) -> None:
    """Every documented non-binding spelling is rejected by the schema of each line it fails on."""
    partial = {name for fact in load_facts(facts) for name in (fact.get("env_binds_partially") or {})}
    for fact in load_facts(facts):
        for item in fact["doc_spellings_that_do_not_bind"]:
            spelling = item["spelling"] if isinstance(item, dict) else item
            if not re.fullmatch(r"[A-Z0-9_]+", spelling):
                continue  # dotted property spellings belong to properties files, not env files
            for line in ("5.10", "5.11", "develop"):
                model = Model.load(line, "s3")
                res = model.resolve(spelling)
                binds_here = any(
                    FACT_LINES[v] == line for f in load_facts(facts) if spelling in {f["env_canonical"], *f["env_also_binds"]}
                    for v in f["versions"] if f["read_by_score_server"]
                )
                if spelling in partial and line != "5.10":
                    assert res.kind is Kind.PARTIAL, (spelling, line)
                elif binds_here:
                    assert res.binds, (spelling, line)
                else:
                    assert not res.binds, (spelling, line, res)


def test_not_read_properties_are_documented_as_binding_nothing(facts: Path) -> None:
    for fact in load_facts(facts):
        if fact["read_by_score_server"]:
            continue
        res = Model.load("5.11", "s3").resolve(fact["env_canonical"])
        assert res.kind is Kind.UNBOUND, fact["env_canonical"]
