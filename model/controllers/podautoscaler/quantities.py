"""Kubernetes quantities as the autoscaler reads them: ``MilliValue()``, ``Value()``, ``Sign()``.

A thin adapter over ``model.quantity`` (``staging/src/k8s.io/apimachinery/pkg/api/resource``) with the
two extra readings the HPA needs: the sign (validation) and ``AsApproximateFloat64`` (tolerances).
"""

from __future__ import annotations

from fractions import Fraction

from model import quantity as _q


def parse_quantity(text: str | int | float) -> Fraction:
    """``resource.ParseQuantity``: the exact value; raises ``ModelError("Invalid")``."""
    return _q.parse_quantity(text)


def milli_value(text: str | int | float) -> int:
    """``Quantity.MilliValue()``."""
    return _q.milli_value(text)


def value(text: str | int | float) -> int:
    """``Quantity.Value()``."""
    return _q.value(text)


def sign(text: str | int | float) -> int:
    """``Quantity.Sign()``: -1, 0 or 1."""
    v = parse_quantity(text)
    return (v > 0) - (v < 0)


def as_float(text: str | int | float) -> float:
    """``Quantity.AsApproximateFloat64()``."""
    return float(parse_quantity(text))
