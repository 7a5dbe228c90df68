"""Value classes without the ``dataclasses`` import: ``@record`` is ``@dataclass`` for what the package uses.

``import dataclasses`` pulls in ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``...), and every
``@dataclass`` class then execs several methods one by one: together about a third of a plain
``score-lint FILE`` run. ``record`` builds the same methods (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, the frozen ``__setattr__``/``__delattr__``, ``__match_args__``, ``__slots__``) with the
semantics of Python 3.11's ``dataclasses`` for the options used here: ``frozen``, ``slots``, defaults,
and ``field(default=..., default_factory=..., compare=..., repr=...)``. ``__init__`` is a precompiled
template (``recordinits``) with the class's field names put in, as fast as the one ``dataclass`` execs;
the other methods are closures over the field names. A method the class body defines itself is kept, as
``dataclass`` keeps it.

``tests/test_records.py`` holds every record class of the package to what ``dataclass`` builds from the
same fields. Type checkers read ``record`` as a dataclass (PEP 681's ``dataclass_transform``).
"""

from __future__ import annotations

from operator import attrgetter

from score_lint import recordinits

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import CodeType
    from typing import Any, TypeVar, dataclass_transform, overload

    _T = TypeVar("_T")


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _Factory:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()  # the default an __init__ shows for a field with a default_factory, as dataclass's


class Field:
    """What ``field()`` declares about one field (and, once the class is built, its name)."""

    __slots__ = ("name", "default", "default_factory", "compare", "repr")

    def __init__(self, default: object, default_factory: object, compare: bool, repr: bool) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr

    def __repr__(self) -> str:
        return (f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r}, "
                f"compare={self.compare!r}, repr={self.repr!r})")


def field(*, default: Any = MISSING, default_factory: Any = MISSING, compare: bool = True,
          repr: bool = True) -> Any:
    """A field with options, as ``dataclasses.field`` takes them."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, compare, repr)


def fields(obj: object) -> tuple[Field, ...]:
    """The fields of a record class or instance, in definition order."""
    try:
        return obj.__record_fields__  # type: ignore[attr-defined]
    except AttributeError:
        raise TypeError("must be called with a record class or instance") from None


def replace(obj: _T, /, **changes: Any) -> _T:
    """A copy of record ``obj`` with ``changes``, as ``dataclasses.replace`` makes it."""
    for f in fields(obj):
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def _frozen_error(name: str) -> AttributeError:
    # Imported here: only a program error assigns to a frozen record, and the exception is the very one
    # dataclasses raise (tests and callers catch dataclasses.FrozenInstanceError).
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delete_error(name: str) -> AttributeError:
    # Imported here: as in _frozen_error, the exception dataclasses raise, on a program error only.
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: object) -> list[object]:
    return [getattr(self, f.name) for f in fields(self)]


def _setstate(self: object, state: list[object]) -> None:
    for f, value in zip(fields(self), state):
        object.__setattr__(self, f.name, value)


def _own_fields(cls: type) -> list[Field]:
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__record_fields__", ()):
            found[f.name] = f
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar", "InitVar")):
            raise TypeError(f"{cls.__name__}.{name}: record supports no ClassVar or InitVar fields")
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(value, MISSING, True, True)
        f.name = name
        if f.default is not MISSING and f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        found[name] = f
    return list(found.values())


# One ``__init__`` code object per shape (frozen or not; which fields take a factory), its placeholder
# names (``_p0_``...) renamed to a class's fields: compiling a source per class cost more than dataclass
# saved. They come precompiled from ``recordinits`` (its .pyc); a shape it lacks compiles once.
_TEMPLATES: dict[tuple[bool, tuple[bool, ...]], CodeType] = {}


def template_source(name: str, frozen: bool, factories: tuple[bool, ...]) -> str:
    """The ``def`` of an ``__init__`` template: one parameter per field, set as ``dataclass`` sets it."""
    lines = []
    for i, factory in enumerate(factories):
        value = f"_f{i}_() if _p{i}_ is _FACTORY else _p{i}_" if factory else f"_p{i}_"
        lines.append(f"    __object_setattr(self, '_p{i}_', {value})" if frozen else f"    self._p{i}_ = {value}")
    params = "".join(f", _p{i}_" for i in range(len(factories)))
    return f"def {name}(self{params}):\n" + ("\n".join(lines) or "    pass") + "\n"


# The shapes recordinits holds: frozen records of up to 16 fields, others of up to 10 (the package's widest
# are 16 and 9), and the package's records with a default_factory; another shape compiles its template
# when its class is built.
PRECOMPILED_FIELDS = {True: 16, False: 10}


def template_name(frozen: bool, factories: tuple[bool, ...]) -> str:
    """``frozen_3``, ``plain_2``; with factories, which fields take one: ``plain_ddf`` (d: default or none)."""
    kind = "frozen" if frozen else "plain"
    return f"{kind}_{''.join('f' if f else 'd' for f in factories)}" if any(factories) else f"{kind}_{len(factories)}"


def recordinits_source(factory_shapes: Iterable[tuple[bool, tuple[bool, ...]]] = ()) -> str:
    """The text of ``recordinits.py``: every shape of up to ``PRECOMPILED_FIELDS`` fields without a
    factory, and ``factory_shapes`` (``python -m tests.test_records --write`` passes the package's)."""
    head = (
        '"""Precompiled ``__init__`` templates of ``records``: generated by ``python -m tests.test_records --write``."""\n'
        "# mypy: ignore-errors\n"
    )
    shapes = [(frozen, (False,) * n) for frozen in (True, False) for n in range(PRECOMPILED_FIELDS[frozen] + 1)]
    shapes += sorted(set(factory_shapes) - set(shapes))
    return head + "".join(f"\n\n{template_source(template_name(*shape), *shape)}" for shape in shapes)


def _template(frozen: bool, factories: tuple[bool, ...]) -> CodeType:
    code = _TEMPLATES.get((frozen, factories))
    if code is None:
        found = getattr(recordinits, template_name(frozen, factories), None)
        if found is None:
            env: dict[str, Any] = {}
            exec(template_source("__init__", frozen, factories), env)
            found = env["__init__"]
        code = _TEMPLATES[(frozen, factories)] = found.__code__
    return code


def _init(cls: type, all_fields: list[Field], frozen: bool) -> Callable[..., None]:
    names = [f.name for f in all_fields]
    placeholders = {f"_p{i}_": name for i, name in enumerate(names)}
    template = _template(frozen, tuple(f.default_factory is not MISSING for f in all_fields))
    code = template.replace(
        co_varnames=tuple(placeholders.get(n, n) for n in template.co_varnames),
        co_names=tuple(placeholders.get(n, n) for n in template.co_names),
        co_consts=tuple(placeholders.get(c, c) if isinstance(c, str) else c for c in template.co_consts),
        co_name="__init__",
        co_qualname=f"{cls.__qualname__}.__init__",
    )
    env: dict[str, Any] = {"__object_setattr": object.__setattr__, "_FACTORY": _FACTORY, "__builtins__": __builtins__}
    defaults: list[object] = []
    for i, f in enumerate(all_fields):
        if f.default_factory is not MISSING:
            env[f"_f{i}_"] = f.default_factory
            defaults.append(_FACTORY)
        elif f.default is not MISSING:
            defaults.append(f.default)
        elif defaults:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    function: Any = (lambda: None).__class__  # types.FunctionType, without importing types
    return function(code, env, "__init__", tuple(defaults) or None)


def _methods(cls: Any, all_fields: list[Field], frozen: bool) -> dict[str, Any]:
    names = tuple(f.name for f in all_fields)
    shown = tuple(f.name for f in all_fields if f.repr)
    compared = tuple(f.name for f in all_fields if f.compare)
    key = attrgetter(*compared) if len(compared) > 1 else (lambda obj: tuple(getattr(obj, n) for n in compared))

    def __repr__(self: object) -> str:
        return self.__class__.__qualname__ + "(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in shown) + ")"

    def __eq__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: object) -> int:
        return hash(key(self))

    def __setattr__(self: object, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(name)
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: object, name: str) -> None:
        if type(self) is cls or name in names:
            raise _frozen_delete_error(name)
        super(cls, self).__delattr__(name)

    made: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__}
    if frozen:
        made |= {"__setattr__": __setattr__, "__delattr__": __delattr__}
    return made


def _build(cls: Any, frozen: bool, slots: bool) -> Any:
    all_fields = _own_fields(cls)
    names = tuple(f.name for f in all_fields)
    own = dict(cls.__dict__)
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if slots:
        inherited = {s for base in cls.__mro__[1:-1] for s in base.__dict__.get("__slots__", ())}
        namespace = {k: v for k, v in own.items() if k not in names and k not in ("__dict__", "__weakref__")}
        namespace["__slots__"] = tuple(n for n in names if n not in inherited)
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, namespace)
        cls.__qualname__ = qualname
        if frozen:
            cls.__getstate__ = _getstate
            cls.__setstate__ = _setstate
    else:
        for f in all_fields:
            if f.name in own:
                if f.default is MISSING:
                    delattr(cls, f.name)
                else:
                    setattr(cls, f.name, f.default)
    made = _methods(cls, all_fields, frozen)
    if "__init__" not in own:
        made["__init__"] = _init(cls, all_fields, frozen)
    if not frozen or explicit_hash:
        del made["__hash__"]
    for name, method in made.items():
        if name not in own:
            if name != "__init__":
                method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    if not frozen and not explicit_hash:
        cls.__hash__ = None  # eq without frozen: unhashable, as dataclass makes it
    cls.__record_fields__ = tuple(all_fields)
    if "__match_args__" not in own:
        setattr(cls, "__match_args__", names)
    return cls


if TYPE_CHECKING:
    @overload
    def record(cls: type[_T], /) -> type[_T]: ...

    @overload
    def record(*, frozen: bool = False, slots: bool = False) -> Callable[[type[_T]], type[_T]]: ...

    @dataclass_transform(field_specifiers=(field,))
    def record(cls: type[_T] | None = None, /, *, frozen: bool = False,
               slots: bool = False) -> type[_T] | Callable[[type[_T]], type[_T]]: ...
else:
    def record(cls=None, /, *, frozen=False, slots=False):
        """``@record``, ``@record(frozen=True, slots=True)``: a class with dataclass methods for its fields."""
        if cls is None:
            return lambda c: _build(c, frozen, slots)
        return _build(cls, frozen, slots)
