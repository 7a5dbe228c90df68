"""Compile the docs tables into one ``Catalogue`` per Score line (and its committed data file)."""

from __future__ import annotations

from collections.abc import Mapping

from score_lint.catalogue import (
    FILENAME,
    Catalogue,
    Default,
    Elsewhere,
    Foreign,
    Override,
    Profile,
    Setting,
    Spelling,
    Unbound,
    module_name,
)
from score_lint.catalogue.tables import Docs, Qualified, SettingRow
from score_lint.lines import LINES, PROVIDERS

# A default qualified `(code)` is set in Score's or Spring's code, not in a document of application.yml.
_CODE_SOURCE = "code"


def _default(q: Qualified) -> Default:
    profiles = tuple(p for p in q.profiles if p != _CODE_SOURCE)
    if _CODE_SOURCE in q.profiles:
        return Default(q.value, profiles, "code")
    return Default(q.value, profiles, "profile" if profiles else "application")


def _setting(row: SettingRow, line: str, providers: tuple[str, ...], example: str | None) -> Setting:
    return Setting(
        name=row.name,
        properties=tuple(p.value for p in row.properties if p.applies(line)),
        type=row.type,
        requirement="required" if row.required else "optional",
        description=row.description,
        description_md=row.description_md,
        source=f"{row.path}:{row.line}",
        line=line,
        providers=providers,
        lines=row.lines,
        enum=row.enum,
        default_values=tuple(_default(d) for d in row.defaults_for(line)),
        aliases=tuple(Spelling(a.value, a.partial) for a in row.aliases if a.applies(line)),
        profiles=row.profiles,
        example=example,
        family=row.is_pattern,
    )


def _settings(docs: Docs, line: str) -> tuple[Setting, ...]:
    """One setting per documented row that applies on ``line``: the first row of a name wins for each
    provider (later ones are reported by ``tables.conflicts``), so a name documented differently for S3
    and Azure becomes two settings with disjoint providers."""
    chosen: dict[tuple[str, str], SettingRow] = {}
    for row in docs.settings:
        if line not in row.lines:
            continue
        for provider in row.providers:
            chosen.setdefault((row.name.upper(), provider), row)
    out: list[Setting] = []
    seen: set[int] = set()
    for row in docs.settings:
        if id(row) in seen or line not in row.lines:
            continue
        providers = tuple(p for p in PROVIDERS if chosen.get((row.name.upper(), p)) is row)
        if providers:
            seen.add(id(row))
            out.append(_setting(row, line, providers, docs.examples.get(row.name.upper())))
    return tuple(out)


def _elsewhere(docs: Docs) -> tuple[Elsewhere, ...]:
    """Every documented (non-family) name with the lines and providers that read it."""
    found: dict[str, tuple[str, set[str], set[str]]] = {}
    for row in docs.settings:
        if row.is_pattern:
            continue
        name, lines, providers = found.setdefault(row.name.upper(), (row.name, set(), set()))
        lines.update(row.lines)
        providers.update(row.providers)
    return tuple(
        Elsewhere(name, tuple(x for x in LINES if x in lines), tuple(x for x in PROVIDERS if x in providers))
        for name, lines, providers in found.values()
    )


def catalogue(docs: Docs, line: str) -> Catalogue:
    """What the docs say about one Score line."""
    return Catalogue(
        line=line,
        settings=_settings(docs, line),
        profiles=tuple(
            Profile(p.name, p.role, p.provider, p.effect, p.caveat) for p in docs.profiles if line in p.lines
        ),
        documents=docs.documents.get(line, ()),
        precedence=docs.precedence.get(line, "last-document"),
        overrides=tuple(
            Override(o.setting, o.by, tuple(w.value for w in o.when if w.applies(line)), o.providers)
            for o in docs.overrides
        ),
        unbound=tuple(
            Unbound(u.name, u.use_instead, u.why, u.respelling, u.is_pattern) for u in docs.unbound if line in u.lines
        ),
        foreign=tuple(Foreign(f.name, f.read_by) for f in docs.foreign),
        elsewhere=_elsewhere(docs),
    )


def catalogues(docs: Docs) -> dict[str, Catalogue]:
    return {line: catalogue(docs, line) for line in LINES}


def data_files(catalogues: Mapping[str, Catalogue]) -> dict[str, str]:
    """``{"5.11/catalogue.json": text, "catalogue_5_11.py": text, ...}``: the committed data the linter
    reads at run time, as JSON and as the Python module it loads."""
    files = {}
    for line, cat in catalogues.items():
        files[f"{line}/{FILENAME}"] = cat.dumps()
        files[f"{module_name(line)}.py"] = cat.module_source()
    return files
