"""Model-only: a fast ``dataclasses.replace`` for the hot frozen values of the state.

``dataclasses.replace`` inspects the class's fields on every call; the model checker replaces the
``State`` (and informers) several times per step, so that inspection shows up in profiles. An
evolver is ``replace`` compiled once per class: a function with one keyword argument per ``init``
field, building a new instance through the class's own constructor (fields left out keep their
value; ``init=False`` fields such as cached hashes start fresh, exactly as with ``replace``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["evolver", "replace"]

T = TypeVar("T")

_KEEP = object()


def evolver(cls: type[T]) -> Callable[..., T]:
    """Model-only: ``evolver(C)(obj, **changes)`` == ``dataclasses.replace(obj, **changes)`` for
    instances of C."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = [f.name for f in fields if f.init]
    params = ", ".join(f"{n}=_KEEP" for n in names)
    scope: dict[str, Any] = {"_cls_": cls, "_KEEP": _KEEP, "_new_": object.__new__}
    if _direct_slots(cls, fields):
        # A frozen slotted dataclass without __post_init__: its __init__ only stores each field
        # through object.__setattr__ (frozen); storing through the slot descriptors directly is the
        # same, several times faster. init=False fields start at their defaults, as in __init__.
        lines = []
        for f in fields:
            scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
            if f.init:
                value = f"_obj_.{f.name} if {f.name} is _KEEP else {f.name}"
            elif f.default_factory is not dataclasses.MISSING:
                scope[f"_factory_{f.name}"] = f.default_factory
                value = f"_factory_{f.name}()"
            else:
                scope[f"_default_{f.name}"] = f.default
                value = f"_default_{f.name}"
            lines.append(f"    _set_{f.name}(_new_obj_, {value})\n")
        src = (f"def evolve(_obj_, /, *, {params}):\n    _new_obj_ = _new_(_cls_)\n" + "".join(lines)
               + "    return _new_obj_\n")
    else:
        args = ", ".join(f"{n}=_obj_.{n} if {n} is _KEEP else {n}" for n in names)
        src = f"def evolve(_obj_, /, *, {params}):\n    return _cls_({args})\n"
    exec(src, scope)  # noqa: S102 - generated from the class's own field names
    fn: Callable[..., T] = scope["evolve"]
    fn.__doc__ = f"dataclasses.replace for {cls.__name__} (see model.evolve)."
    return fn


def _direct_slots(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> bool:
    params = getattr(cls, "__dataclass_params__", None)
    init = getattr(cls, "__init__", None)
    generated_init = getattr(getattr(init, "__code__", None), "co_filename", "") == "<string>"
    return (params is not None and params.frozen and generated_init and not hasattr(cls, "__post_init__")
            and all(type(cls.__dict__.get(f.name)).__name__ == "member_descriptor" for f in fields)
            and all(f.init or f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
                    for f in fields))


_EVOLVERS: dict[type, Callable[..., Any]] = {}


def replace(obj: T, /, **changes: Any) -> T:
    """Model-only: ``dataclasses.replace(obj, **changes)``, through the (cached) evolver of
    ``type(obj)``."""
    fn = _EVOLVERS.get(type(obj))
    if fn is None:
        fn = _EVOLVERS[type(obj)] = evolver(type(obj))
    return fn(obj, **changes)  # type: ignore[no-any-return]
