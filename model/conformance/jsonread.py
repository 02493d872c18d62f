"""Model-only: the JSON readers the conformance groups share.

Each op of ``model.conformance`` turns the catalogue's JSON into model values; the field readers
that several groups need (a required key, an integer, an RFC 3339 time) live here once, so that
their errors are alike: ``ModelError("Invalid")`` naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from model.errors import ModelError
from model.timeutil import Time, parse_time

__all__ = ["require", "read_int", "read_time"]


def require(inp: Mapping[str, Any], key: str) -> Any:
    """Model-only: the value under ``key``, or an ``Invalid`` error naming the missing field."""
    if key not in inp:
        raise ModelError("Invalid", f"missing required field {key!r}", field=key)
    return inp[key]


def read_int(inp: Mapping[str, Any], key: str, default: int | None = None) -> int:
    """Model-only: an integer field (a missing one takes ``default``, or is an error when there is none)."""
    value = inp.get(key, default) if default is not None else require(inp, key)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ModelError("Invalid", f"{key}: expected an integer", field=key)
    return value


def read_time(value: Any, key: str) -> Time | None:
    """Model-only: a ``metav1.Time`` (RFC 3339 text, as ``Time.UnmarshalJSON`` reads it) or null."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ModelError("Invalid", f"{key}: expected an RFC 3339 time or null", field=key)
    try:
        return parse_time(value)
    except ModelError as exc:
        raise ModelError("Invalid", f"{key}: {exc.message}", field=key) from exc
