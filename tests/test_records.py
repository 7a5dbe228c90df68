"""``score_lint.records.record`` builds what ``dataclasses.dataclass`` builds, for every record class of the
package: each class is compared with a dataclass made from the same fields and options."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
from pathlib import Path

import pytest

import score_lint
from score_lint import records
from score_lint.records import field, record, replace


def _record_classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(score_lint.__path__, "score_lint."):
        if info.name.startswith(("score_lint.preflight", "score_lint.lsp", "score_lint.schema")):
            continue  # optional dependencies; none of them declares a record
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and "__record_fields__" in vars(value) and value.__module__ == info.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


RECORDS = _record_classes()


def test_the_lint_path_classes_are_records() -> None:
    names = {f"{c.__module__}.{c.__qualname__}" for c in RECORDS}
    for name in ("score_lint.findings.Finding", "score_lint.envfile.syntax.Entry", "score_lint.catalogue.Setting",
                 "score_lint.lint.context.Context", "score_lint.plan.Request", "score_lint.binding.Resolution"):
        assert name in names


def _twin(cls: type) -> type:
    """The dataclass ``@dataclass(frozen=..., slots=...)`` makes of the same class body."""
    frozen = _is_frozen(cls)
    slots = "__slots__" in vars(cls)
    namespace = {k: v for k, v in vars(cls).items()
                 if k not in ("__dict__", "__weakref__", "__slots__", "__record_fields__", "__match_args__",
                              "__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__",
                              "__getstate__", "__setstate__")}
    annotations = {}
    for f in records.fields(cls):
        annotations[f.name] = "object"
        if f.default_factory is not records.MISSING:
            namespace[f.name] = dataclasses.field(default_factory=f.default_factory, compare=f.compare, repr=f.repr)
        elif f.default is not records.MISSING:
            namespace[f.name] = dataclasses.field(default=f.default, compare=f.compare, repr=f.repr)
        elif not (f.compare and f.repr):
            namespace[f.name] = dataclasses.field(compare=f.compare, repr=f.repr)
    namespace["__annotations__"] = annotations
    twin = type(cls.__name__, cls.__bases__, namespace)
    twin.__qualname__ = cls.__qualname__
    return dataclasses.dataclass(frozen=frozen, slots=slots)(twin)


def _is_frozen(cls: type) -> bool:
    return "__setattr__" in vars(cls)


def _values(cls: type, salt: int) -> dict[str, object]:
    """Distinct, hashable stand-ins for every field (records check no types)."""
    return {f.name: (f.name, salt) for f in records.fields(cls)}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_a_record_is_what_dataclass_makes(cls: type) -> None:
    twin = _twin(cls)
    assert [f.name for f in records.fields(cls)] == [f.name for f in dataclasses.fields(twin)]
    mine, theirs = inspect.signature(cls), inspect.signature(twin)
    # a default is the same object; a default_factory shows as "<factory>" in both
    assert [(p.name, p.kind, repr(p.default)) for p in mine.parameters.values()] == [
        (p.name, p.kind, repr(p.default)) for p in theirs.parameters.values()
    ]
    assert [p.default for p in mine.parameters.values() if repr(p.default) != "<factory>"] == [
        p.default for p in theirs.parameters.values() if repr(p.default) != "<factory>"
    ]
    assert cls.__match_args__ == twin.__match_args__  # type: ignore[attr-defined]
    assert ("__slots__" in vars(cls)) == ("__slots__" in vars(twin))
    assert getattr(cls, "__slots__", None) == getattr(twin, "__slots__", None)
    assert hasattr(cls, "__dict__") == hasattr(twin, "__dict__")
    assert (cls.__hash__ is None) == (twin.__hash__ is None)
    assert ("__eq__" in vars(cls)) == ("__eq__" in vars(twin))
    for name in vars(twin):
        if not name.startswith("__") and name not in vars(cls):
            pytest.fail(f"{name} is a class attribute of the dataclass only")
    for name in (f.name for f in records.fields(cls)):
        assert (name in vars(cls)) == (name in vars(twin)), name
        if name in vars(cls) and "__slots__" not in vars(cls):  # a default stays a class attribute
            assert vars(cls)[name] == vars(twin)[name], name

    a, b = cls(**_values(cls, 1)), twin(**_values(cls, 1))
    assert repr(a) == repr(b)
    assert (a == cls(**_values(cls, 1))) == (b == twin(**_values(cls, 1)))
    assert a != b and b != a  # another class: never equal
    for f in records.fields(cls):
        changed = _values(cls, 1) | {f.name: "other"}
        assert (a == cls(**changed)) == (b == twin(**changed)), f.name
    if twin.__hash__ is not None:
        assert hash(a) == hash(b)
        assert hash(a) == hash(cls(**_values(cls, 1)))
    if records.fields(cls):
        first = records.fields(cls)[0].name
        assert replace(a, **{first: "x"}) == cls(**(_values(cls, 1) | {first: "x"}))
        assert repr(replace(a, **{first: "x"})) == repr(dataclasses.replace(b, **{first: "x"}))
        if _is_frozen(twin):
            with pytest.raises(dataclasses.FrozenInstanceError) as theirs_raised:
                setattr(b, first, 1)
            with pytest.raises(dataclasses.FrozenInstanceError) as mine_raised:
                setattr(a, first, 1)
            assert str(mine_raised.value) == str(theirs_raised.value)
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(a, first)
            assert _is_frozen(cls)
        else:
            setattr(a, first, 1)
            setattr(b, first, 1)
            assert repr(a) == repr(b)
            assert not _is_frozen(cls)


@record(frozen=True, slots=True)
class _Frozen:
    x: int
    y: str = "y"
    z: tuple[int, ...] = ()


@record
class _Plain:
    x: int
    items: list[int] = field(default_factory=list)
    note: object = field(default=None, compare=False, repr=False)


def test_options_behave_as_dataclass_options() -> None:
    one = _Frozen(1)
    assert one == _Frozen(1, "y", ()) and hash(one) == hash(_Frozen(1)) and one != _Frozen(2)
    assert repr(one) == "_Frozen(x=1, y='y', z=())"
    assert pickle.loads(pickle.dumps(one)) == one == copy.copy(one) == copy.deepcopy(one)
    with pytest.raises(AttributeError):
        one.__dict__  # noqa: B018
    with pytest.raises(TypeError):
        _Frozen()  # type: ignore[call-arg]
    plain = _Plain(1)
    assert plain.items == [] and plain.items is not _Plain(1).items
    assert plain == _Plain(1, note="ignored") and repr(plain) == "_Plain(x=1, items=[])"
    assert _Plain.__hash__ is None and _Plain.note is None and "items" not in vars(_Plain)
    plain.x = 2
    assert replace(plain, items=[3]) == _Plain(2, [3])
    with pytest.raises(TypeError):
        replace(object())
    with pytest.raises(ValueError):
        record(type("_Bad", (), {"__annotations__": {"x": "list[int]"}, "x": []}))
    with pytest.raises(TypeError):
        record(type("_Bad", (), {"__annotations__": {"x": "int", "y": "int"}, "x": 1}))


@pytest.mark.parametrize("where", ["repository", "project", "alone"])
def test_the_plain_lint_path_imports_no_dataclasses(where: str, tmp_path: Path) -> None:
    """``score-lint FILE`` loads neither dataclasses, inspect nor pathlib (with the urllib.parse, ipaddress and
    fnmatch it imports); and none of typing, tomllib and json either where no pyproject.toml on the way can
    configure score-lint (one that configures other tools, or none)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    seed = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"
    example = seed  # "repository": this one, whose pyproject.toml names score-lint
    if where == "project":
        (tmp_path / ".git").mkdir()
        (tmp_path / "pyproject.toml").write_text('[project]\nname = "deploy"\n\n[tool.ruff]\nline-length = 100\n')
        (tmp_path / "deploy").mkdir()
        example = tmp_path / "deploy" / seed.name
    elif where == "alone":  # no configuration file applies (tmp_path is in no repository)
        example = tmp_path / seed.name
    if example != seed:
        example.write_bytes(seed.read_bytes())
    # What the lint loads is what is there after it and was not before: an editable install's import hook,
    # run by site before any of this, imports pathlib itself; an installed wheel imports nothing.
    code = ("import sys; before = set(sys.modules)\n"
            "from score_lint.fastpath import main; sys.argv = ['score-lint', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('dataclasses', 'inspect', 'pathlib', 'urllib.parse', 'ipaddress', 'fnmatch',\n"
            "                         'typing', 'tomllib', 'json') if m in sys.modules and m not in before),\n"
            "      file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(example)], capture_output=True, text=True, check=False,
                          cwd=tmp_path)
    assert "SL" in proc.stdout, proc.stdout + proc.stderr  # it did lint
    loaded = proc.stderr.splitlines()[-1]
    if where == "repository":  # its pyproject.toml is read with tomllib, which imports typing
        assert loaded == "['tomllib', 'typing']", proc.stderr
    else:
        assert loaded == "[]", proc.stderr


RECORDINITS = Path(records.__file__).with_name("recordinits.py")


def _factory_shapes() -> set[tuple[bool, tuple[bool, ...]]]:
    shapes = set()
    for cls in RECORDS:
        factories = tuple(f.default_factory is not records.MISSING for f in records.fields(cls))
        if any(factories):
            shapes.add((_is_frozen(cls), factories))
    return shapes


def test_the_precompiled_init_templates_are_current() -> None:
    """``recordinits.py`` is generated; ``python -m tests.test_records --write`` rewrites it."""
    assert RECORDINITS.read_text(encoding="utf-8") == records.recordinits_source(_factory_shapes())


def test_every_record_of_the_package_has_a_precompiled_init() -> None:
    from score_lint import recordinits

    for cls in RECORDS:
        factories = tuple(f.default_factory is not records.MISSING for f in records.fields(cls))
        assert hasattr(recordinits, records.template_name(_is_frozen(cls), factories)), cls


def test_a_precompiled_init_is_the_compiled_one() -> None:
    from score_lint import recordinits

    shapes = [(frozen, (False,) * n) for frozen in (True, False) for n in range(records.PRECOMPILED_FIELDS[frozen] + 1)]
    for frozen, factories in [*shapes, *_factory_shapes()]:
        env: dict[str, object] = {}
        exec(records.template_source("t", frozen, factories), env)
        mine = getattr(recordinits, records.template_name(frozen, factories)).__code__
        compiled = env["t"].__code__  # type: ignore[attr-defined]
        assert (mine.co_code, mine.co_varnames, mine.co_names, mine.co_consts) == (
            compiled.co_code, compiled.co_varnames, compiled.co_names, compiled.co_consts)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.test_records --write  (rewrites linter/score_lint/recordinits.py)")
    RECORDINITS.write_text(records.recordinits_source(_factory_shapes()), encoding="utf-8")
