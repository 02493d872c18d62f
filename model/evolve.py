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
    """``evolver(C)(obj, **changes)`` == ``dataclasses.replace(obj, **changes)`` for instances of C."""
    names = [f.name for f in dataclasses.fields(cls) if f.init]  # type: ignore[arg-type]
    params = ", ".join(f"{n}=_KEEP" for n in names)
    args = ", ".join(f"{n}=_obj_.{n} if {n} is _KEEP else {n}" for n in names)
    src = f"def evolve(_obj_, /, *, {params}):\n    return _cls_({args})\n"
    scope: dict[str, Any] = {"_cls_": cls, "_KEEP": _KEEP}
    exec(src, scope)  # noqa: S102 - generated from the class's own field names
    fn: Callable[..., T] = scope["evolve"]
    fn.__doc__ = f"dataclasses.replace for {cls.__name__} (see model.evolve)."
    return fn


_EVOLVERS: dict[type, Callable[..., Any]] = {}


def replace(obj: T, /, **changes: Any) -> T:
    """``dataclasses.replace(obj, **changes)``, through the (cached) evolver of ``type(obj)``."""
    fn = _EVOLVERS.get(type(obj))
    if fn is None:
        fn = _EVOLVERS[type(obj)] = evolver(type(obj))
    return fn(obj, **changes)  # type: ignore[no-any-return]
