"""IntOrString helpers: ``staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go``.

An IntOrString is ``int | str`` in the model (``None`` is a nil pointer). Percent strings are
resolved against a total with the strict rules of ``GetScaledValueFromIntOrPercent``: exactly one
trailing ``%`` and a signed base-10 integer body, the way Go's ``strconv.Atoi`` reads it. Checked against kubernetes/apimachinery @ eed236ce
(2026-07) and ``intstr_test.go``.
"""

from __future__ import annotations

import math
import re

from model.errors import ModelError

# Go's Atoi: an optional sign, then one or more ASCII digits; nothing else (no spaces, no "_").
_ATOI = re.compile(r"^[+-]?[0-9]+$")
_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1


def atoi(text: str) -> int:
    """Mirrors Go's src/strconv/atoi.go: Atoi (not Kubernetes), on a 64-bit platform: ``ModelError`` Syntax or
    Range on failure."""
    if not _ATOI.match(text):
        raise ModelError("Syntax", f'strconv.Atoi: parsing "{text}": invalid syntax')
    value = int(text)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise ModelError("Range", f'strconv.Atoi: parsing "{text}": value out of range')
    return value


def _int_value(value: int) -> int:
    # IntOrString holds an int32; an int outside that range is not a value the API can carry.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError("Invalid", f"invalid type: neither int nor percentage: {value!r}")
    if not -(1 << 31) <= value < (1 << 31):
        raise ModelError("Invalid", f"invalid value for IntOrString: {value} does not fit in int32")
    return value


def get_int_or_percent_value_safely(value: int | str) -> tuple[int, bool]:
    """Mirrors intstr.go: getIntOrPercentValueSafely (private).

    Returns ``(number, is_percent)``. An int is itself; a string must be an integer followed by exactly
    one ``%`` ("90" has no ``%``, "40%%" has a body "40%" that is not an integer).
    """
    if isinstance(value, str):
        if not value.endswith("%"):
            raise ModelError("Invalid", "invalid value for IntOrString: invalid type: string is not a percentage")
        body = value[:-1]
        try:
            return atoi(body), True
        except ModelError as exc:
            raise ModelError(
                "Invalid", f'invalid value for IntOrString: invalid value "{value}": {exc.message}'
            ) from None
    return _int_value(value), False


def get_scaled_value_from_int_or_percent(value: int | str | None, total: int, round_up: bool) -> int:
    """Mirrors intstr.go: GetScaledValueFromIntOrPercent.

    An int comes back unchanged (``total`` ignored, negatives pass); a percent ``p`` gives
    ``ceil(p*total/100)`` when ``round_up`` else ``floor(p*total/100)``. ``None`` and malformed strings
    raise ``ModelError("Invalid")``.
    """
    if value is None:
        raise ModelError("Invalid", "nil value for IntOrString")
    number, is_percent = get_int_or_percent_value_safely(value)
    if not is_percent:
        return number
    # Go computes in float64; for the int32-sized values the API carries this equals exact integer
    # division, but doing it the same way keeps agreement at the extremes too.
    scaled = float(number) * float(total) / 100
    if not math.isfinite(scaled):
        raise ModelError("Invalid", f"invalid value for IntOrString: {value!r} scaled out of range")
    return int(math.ceil(scaled) if round_up else math.floor(scaled))


def get_value_from_int_or_percent(value: int | str | None, total: int, round_up: bool) -> int:
    """Mirrors intstr.go: GetValueFromIntOrPercent (deprecated, lenient: every ``%`` is stripped and any
    string is a percent). Only for modelling old controller versions."""
    if value is None:
        raise ModelError("Invalid", "nil value for IntOrString")
    if isinstance(value, str):
        try:
            number = atoi(value.replace("%", ""))
        except ModelError as exc:
            raise ModelError("Invalid", f'invalid value for IntOrString: invalid value "{value}": {exc.message}') from None
        scaled = float(number) * float(total) / 100
        return int(math.ceil(scaled) if round_up else math.floor(scaled))
    return _int_value(value)


def value_or_default(value: int | str | None, default: int | str) -> int | str:
    """Mirrors intstr.go: ValueOrDefault (a nil IntOrString takes the default)."""
    return default if value is None else value


def parse(text: str) -> int | str:
    """Mirrors intstr.go: Parse: an int when ``text`` is a decimal that fits int32, else the string."""
    try:
        number = atoi(text)
    except ModelError:
        return text
    return number if -(1 << 31) <= number < (1 << 31) else text
