"""Conformance operations of the ``intstr`` group (see CONFORMANCE.md).

Mirrors staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go through ``model.intstr``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.errors import ModelError
from model.intstr import get_int_or_percent_value_safely, get_scaled_value_from_int_or_percent


def _int_or_string(raw: Any) -> int | str | None:
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        raise ModelError("Invalid", f"IntOrString must be a number or a string, not {raw!r}")
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ModelError("Invalid", f"IntOrString must be an integer, not {raw!r}")
        return int(raw)
    if isinstance(raw, int):
        return raw
    raise ModelError("Invalid", f"IntOrString must be a number or a string, not {raw!r}")


def _int(raw: Any, name: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or (isinstance(raw, float) and not raw.is_integer()):
        raise ModelError("Invalid", f"{name} must be an integer", field=name)
    return int(raw)


def get_scaled_value(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go: GetScaledValueFromIntOrPercent (op
    ``intstr.get_scaled_value``)."""
    value = _int_or_string(inp.get("value"))
    total = _int(inp.get("total", 0), "total")
    round_up = bool(inp.get("roundUp", False))
    return {"value": get_scaled_value_from_int_or_percent(value, total, round_up)}


def parse_int_or_percent(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go: getIntOrPercentValueSafely (op
    ``intstr.parse_int_or_percent``)."""
    value = _int_or_string(inp.get("value"))
    if value is None:
        raise ModelError("Invalid", "nil value for IntOrString", field="value")
    number, is_percent = get_int_or_percent_value_safely(value)
    return {"value": number, "isPercent": is_percent}


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "intstr.get_scaled_value": get_scaled_value,
    "intstr.parse_int_or_percent": parse_int_or_percent,
}
