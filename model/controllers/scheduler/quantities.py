"""Resource quantities as the scheduler reads them (``resource.Quantity.Value``/``MilliValue``).

Mirrors staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (``ParseQuantity``,
``Value``, ``MilliValue``). ``model.quantity`` (foundation) is the project-wide parser; this
module delegates to it when it is present and otherwise parses exactly here, so the scheduler
does not depend on merge order. Both round up (away from zero) to an integer, as Go does.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from model.errors import ModelError

_QUANTITY = re.compile(r"^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))((?:[eE][+-]?[0-9]+)|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|)$")

_SUFFIX = {
    "": Fraction(1),
    "n": Fraction(1, 10**9),
    "u": Fraction(1, 10**6),
    "m": Fraction(1, 10**3),
    "k": Fraction(10**3),
    "M": Fraction(10**6),
    "G": Fraction(10**9),
    "T": Fraction(10**12),
    "P": Fraction(10**15),
    "E": Fraction(10**18),
    "Ki": Fraction(2**10),
    "Mi": Fraction(2**20),
    "Gi": Fraction(2**30),
    "Ti": Fraction(2**40),
    "Pi": Fraction(2**50),
    "Ei": Fraction(2**60),
}


def parse(text: str | int | float | Fraction, field: str | None = None) -> Fraction:
    """The exact value of a quantity string (``resource.ParseQuantity``)."""
    if isinstance(text, Fraction):
        return text
    if isinstance(text, bool):
        raise ModelError("Invalid", f"quantity {text!r} is not a string", field=field)
    if isinstance(text, int):
        return Fraction(text)
    if isinstance(text, float):
        return Fraction(str(text))
    m = _QUANTITY.match(text.strip()) if isinstance(text, str) else None
    if m is None:
        raise ModelError("Invalid", f"quantities must match the regular expression "
                         f"'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': {text!r}", field=field)
    number, suffix = m.group(1), m.group(2)
    value = Fraction(number)
    if suffix[:1] in ("e", "E"):
        return value * Fraction(10) ** int(suffix[1:])
    return value * _SUFFIX[suffix]


def _round_away(value: Fraction) -> int:
    return math.ceil(value) if value >= 0 else math.floor(value)


def value(text: str | int | float | Fraction, field: str | None = None) -> int:
    """``Quantity.Value()``: base units, rounded up away from zero."""
    return _round_away(parse(text, field))


def milli_value(text: str | int | float | Fraction, field: str | None = None) -> int:
    """``Quantity.MilliValue()``: thousandths of a unit, rounded up away from zero."""
    return _round_away(parse(text, field) * 1000)
