"""Resource quantities as the scheduler reads them (``resource.Quantity.Value``/``MilliValue``).

Mirrors staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go through ``model.quantity``
(the project-wide parser); exact sums of quantities are kept as ``Fraction`` and converted once,
as Go adds ``Quantity`` values exactly before calling ``MilliValue``/``Value``.
"""

from __future__ import annotations

from fractions import Fraction

from model import quantity
from model.errors import ModelError


def parse(text: str | int | float | Fraction, field: str | None = None) -> Fraction:
    """The exact value of a quantity (``resource.ParseQuantity``); errors name ``field``."""
    if isinstance(text, Fraction):
        return text
    try:
        return quantity.parse_quantity(text)
    except ModelError as exc:
        raise ModelError("Invalid", f"{field}: {exc.message}" if field else exc.message, field=field) from None


def value(q: str | int | float | Fraction, field: str | None = None) -> int:
    """``Quantity.Value()``: base units, rounded up away from zero."""
    return quantity.value(parse(q, field))


def milli_value(q: str | int | float | Fraction, field: str | None = None) -> int:
    """``Quantity.MilliValue()``: thousandths of a unit, rounded up away from zero."""
    return quantity.milli_value(parse(q, field))
