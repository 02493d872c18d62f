"""Resource quantities as the scheduler reads them (``resource.Quantity.Value``/``MilliValue``).

Mirrors staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go through ``model.quantity``
(the project-wide parser); exact sums of quantities are kept as ``Fraction`` and converted once,
as Go adds ``Quantity`` values exactly before calling ``MilliValue``/``Value``. The only reading of
its own is ``parse``, whose errors name the resource-list field.
"""

from __future__ import annotations

from fractions import Fraction

from model import quantity
from model.errors import ModelError
from model.quantity import milli_value, value

__all__ = ["parse", "milli_value", "value"]


def parse(text: str | int | float | Fraction, field: str | None = None) -> Fraction:
    """Mirrors quantity.go: ParseQuantity (a ``Fraction`` passes through); errors name ``field``."""
    if isinstance(text, Fraction):
        return text
    try:
        return quantity.parse_quantity(text)
    except ModelError as exc:
        raise ModelError("Invalid", f"{field}: {exc.message}" if field else exc.message, field=field) from None
