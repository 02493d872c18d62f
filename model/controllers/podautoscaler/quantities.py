"""Kubernetes quantities as the autoscaler reads them: ``MilliValue()``, ``Value()``, ``Sign()``.

Mirrors ``staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go`` for the parts the HPA uses.
A private parser until the foundation's ``model.quantity`` lands; values are exact ``Fraction``s and
scaling rounds away from zero as ``Quantity.ScaledValue`` does.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from model.errors import ModelError

_QUANTITY = re.compile(r"^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$")

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

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def parse_quantity(text: str | int | float, field: str | None = None) -> Fraction:
    """The exact value of a quantity string (``resource.ParseQuantity``); numbers are accepted as JSON allows."""
    if isinstance(text, bool):
        raise ModelError("Invalid", f"quantities must match the regular expression: {text!r}", field=field)
    if isinstance(text, int):
        return Fraction(text)
    if isinstance(text, float):
        return Fraction(str(text))
    if not isinstance(text, str):
        raise ModelError("Invalid", f"not a quantity: {text!r}", field=field)
    m = _QUANTITY.match(text.strip())
    if m is None or (not m.group(2) and not m.group(3)):
        raise ModelError(
            "Invalid",
            f"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': {text!r}",
            field=field,
        )
    sign, whole, frac, exp, suffix = m.groups()
    value = Fraction(int(whole or "0"))
    if frac:
        value += Fraction(int(frac), 10 ** len(frac))
    if exp:
        power = int(exp[1:])
        value *= Fraction(10) ** power
    else:
        value *= _SUFFIX[suffix or ""]
    return -value if sign == "-" else value


def _scaled(value: Fraction, scale: int) -> int:
    """``ScaledValue``: the value in units of 10^-scale, rounded away from zero, saturating at int64."""
    scaled = value * (10**scale)
    if scaled.denominator == 1:
        result = scaled.numerator
    else:
        result = math.ceil(scaled) if scaled > 0 else math.floor(scaled)
    return max(INT64_MIN, min(INT64_MAX, result))


def milli_value(text: str | int | float) -> int:
    """``Quantity.MilliValue()``."""
    return _scaled(parse_quantity(text), 3)


def value(text: str | int | float) -> int:
    """``Quantity.Value()`` (rounds up to the next integer, as Kubernetes does)."""
    return _scaled(parse_quantity(text), 0)


def sign(text: str | int | float) -> int:
    """``Quantity.Sign()``: -1, 0 or 1."""
    v = parse_quantity(text)
    return (v > 0) - (v < 0)


def as_float(text: str | int | float) -> float:
    """``Quantity.AsApproximateFloat64()``."""
    return float(parse_quantity(text))


def format_milli(milli: int) -> str:
    """A milli-value as the quantity string ``resource.NewMilliQuantity(v, DecimalSI)`` prints."""
    if milli % 1000 == 0:
        return str(milli // 1000)
    return f"{milli}m"
