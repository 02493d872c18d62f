"""Resource quantities: ``k8s.io/apimachinery/pkg/api/resource`` (``quantity.go``, ``suffix.go``,
``math.go``, ``scale_int.go``).

A quantity is kept as an exact ``Fraction``. Parsing follows ``ParseQuantity``: an optional sign, a
decimal number (``1``, ``1.5``, ``.5``, ``1.``), then one suffix: binary SI (``Ki`` … ``Ei``), decimal SI
(``n u m k M G T P E``) or an exponent (``e3``, ``E-2``). Values finer than a nanounit round up (away
from zero) to one nanounit; binary values are capped at 2^63-1. ``value``/``milli_value`` round up
(away from zero) as ``Value()``/``MilliValue()`` do. Both are cached: schedulers and autoscalers call
them in inner loops. Checked against kubernetes/apimachinery @ eed236ce (2026-07), including
the ``TestQuantityParse`` table of ``quantity_test.go``.

``canonical`` is the text ``Quantity.String()``/``MarshalJSON`` emit for a parsed quantity, i.e. what
the API server stores (``model.canonical`` applies it to stored objects): the parsed format
(DecimalSI, BinarySI, DecimalExponent) with the largest suffix that keeps an integer mantissa
(``CanonicalizeBytes``), or the input itself when ParseQuantity's fast path remembered it. Checked
against ``TestQuantityString``, ``TestQuantityParseEmit``, ``TestNewSet``/``TestMilliNewSet``/
``TestNewScaledSet`` and ``TestJSONWhitespace`` (kubernetes/kubernetes staging quantity_test.go).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from model.errors import ModelError

_DECIMAL_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_BINARY_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_SUFFIX_CHARS = frozenset("eEinumkKMGTP")
_DIGITS = frozenset("0123456789")
_NANO = Fraction(1, 10**9)
_MAX_INT64 = (1 << 63) - 1
_SPLIT_RE = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"

Quantity = Fraction


def _format_error() -> ModelError:
    return ModelError("Invalid", f"quantities must match the regular expression '{_SPLIT_RE}'")


def _split(text: str) -> tuple[bool, str, str, str]:
    """quantity.go: parseQuantityString -> (positive, numerator digits, denominator digits, suffix)."""
    positive, pos, end = True, 0, len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] == "+"
        pos += 1
    start = pos
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    num = text[start:pos]
    denom = ""
    if pos < end and text[pos] == ".":
        pos += 1
        dstart = pos
        while pos < end and text[pos] in _DIGITS:
            pos += 1
        denom = text[dstart:pos]
    suffix_start = pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos < end and text[pos] in "+-":
        pos += 1
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos < end:
        raise _format_error()
    return positive, num or "0", denom, text[suffix_start:]


def _interpret(suffix: str) -> tuple[int, int, bool]:
    """suffix.go: interpret -> (base, exponent, is_binary)."""
    if suffix in _DECIMAL_SUFFIXES:
        return 10, _DECIMAL_SUFFIXES[suffix], False
    if suffix in _BINARY_SUFFIXES:
        return 2, _BINARY_SUFFIXES[suffix], True
    if len(suffix) > 1 and suffix[0] in "eE":
        body = suffix[1:]
        digits = body[1:] if body[:1] in "+-" else body
        if digits and all(c in _DIGITS for c in digits) and abs(int(body)) <= _MAX_INT64:
            return 10, int(body), False
    raise ModelError("Invalid", "unable to parse quantity's suffix")


def _round_up_to_nano(amount: Fraction) -> Fraction:
    scaled = amount / _NANO
    if scaled.denominator == 1:
        return amount
    magnitude = math.ceil(abs(scaled))
    return Fraction(magnitude if scaled > 0 else -magnitude) * _NANO


@lru_cache(maxsize=8192)
def _parse_text(text: str) -> Fraction:
    if not text:
        raise _format_error()
    positive, num, denom, suffix = _split(text)
    base, exponent, binary = _interpret(suffix)
    amount = Fraction(int(num + denom), 10 ** len(denom))
    if exponent >= 0:
        amount *= base**exponent
    else:
        amount /= base ** (-exponent)
    amount = _round_up_to_nano(amount)
    if binary and amount > _MAX_INT64:
        amount = Fraction(_MAX_INT64)
    return amount if positive else -amount


def parse_quantity(q: str | int | float) -> Fraction:
    """Mirrors quantity.go: ParseQuantity (as ``Quantity.UnmarshalJSON`` reads it: surrounding spaces
    trimmed, a JSON number taken as its decimal text). Raises ``ModelError("Invalid")``."""
    if isinstance(q, bool):
        raise ModelError("Invalid", f"not a quantity: {q!r}")
    if isinstance(q, int):
        return Fraction(q)
    if isinstance(q, float):
        if not math.isfinite(q):
            raise ModelError("Invalid", f"not a quantity: {q!r}")
        return _parse_text(repr(q).replace("e+", "e"))
    if not isinstance(q, str):
        raise ModelError("Invalid", f"not a quantity: {q!r}")
    try:
        return _parse_text(q.strip())
    except ModelError as exc:
        raise ModelError("Invalid", f'quantity "{q}": {exc.message}') from None


def _wrap_int64(n: int) -> int:
    # Go converts an overflowing result to int64 by keeping the low 64 bits.
    return ((n + (1 << 63)) % (1 << 64)) - (1 << 63)


@lru_cache(maxsize=8192)
def _int64_amount(text: str) -> tuple[int, int] | None:
    """The ``int64Amount{value, scale}`` ParseQuantity builds on its fast path, or ``None`` when it
    falls back to an arbitrary-precision decimal. The two paths overflow differently (below)."""
    positive, num, denom, suffix = _split(text)
    base, exponent, binary = _interpret(suffix)
    digits = len(num.lstrip("0")) + len(denom)
    if binary:
        if exponent < 0 or denom:
            return None
        precision = 15 - len(num.lstrip("0")) - int(exponent * 3 / 10) - 1
        scale, mantissa = 0, 1 << exponent
    else:
        precision = 18 - digits
        scale, mantissa = exponent - len(denom), 1
    if precision < 0 or scale < -9:
        return None
    unscaled = int(num + denom) * mantissa
    if unscaled > _MAX_INT64:
        return None
    return (unscaled if positive else -unscaled), scale


def scaled_value(q: str | int | float | Fraction, scale: int) -> int:
    """Mirrors quantity.go: ScaledValue: ``q / 10^scale`` rounded up, away from zero.

    At the int64 limits Go's two internal representations differ: a fast-path amount that overflows
    while scaling up yields 0 (``positiveScaleInt64``), an arbitrary-precision one keeps the low 64
    bits of the result. Both are reproduced.
    """
    if isinstance(q, str) and q.strip() and q.strip() != "0":
        parse_quantity(q)  # reject malformed input first
        fast = _int64_amount(q.strip())
        if fast is not None:
            unscaled, own_scale = fast
            if own_scale >= scale:
                result = unscaled * 10 ** (own_scale - scale)
                return result if -_MAX_INT64 - 1 <= result <= _MAX_INT64 else 0
    amount = q if isinstance(q, Fraction) else parse_quantity(q)
    scaled = amount / Fraction(10) ** scale
    magnitude = math.ceil(abs(scaled))
    return _wrap_int64(magnitude if scaled >= 0 else -magnitude)


@lru_cache(maxsize=8192)
def _milli_cached(q: str | int | float) -> int:
    return scaled_value(q, -3)


@lru_cache(maxsize=8192)
def _value_cached(q: str | int | float) -> int:
    return scaled_value(q, 0)


def milli_value(q: str | int | float | Fraction) -> int:
    """Mirrors quantity.go: MilliValue (``ceil(q * 1000)``): "1500m" -> 1500, "2" -> 2000."""
    if isinstance(q, Fraction):
        return scaled_value(q, -3)
    return _milli_cached(q)


def value(q: str | int | float | Fraction) -> int:
    """Mirrors quantity.go: Value (``q`` rounded up to an integer): "2Mi" -> 2097152, "1500m" -> 2."""
    if isinstance(q, Fraction):
        return scaled_value(q, 0)
    return _value_cached(q)


def sign(q: str | int | float | Fraction) -> int:
    """Mirrors quantity.go: Sign: -1, 0 or 1. Raises ``ModelError("Invalid")`` for a malformed quantity."""
    amount = q if isinstance(q, Fraction) else parse_quantity(q)
    return (amount > 0) - (amount < 0)


def as_approximate_float64(q: str | int | float | Fraction) -> float:
    """Mirrors quantity.go: AsApproximateFloat64 (the HPA reads tolerances this way)."""
    return float(q if isinstance(q, Fraction) else parse_quantity(q))


# --- canonical form: what String() / MarshalJSON emit, hence what the API server stores ----------

_SI_BY_EXPONENT = {e: s for s, e in _DECIMAL_SUFFIXES.items()}
_BINARY_BY_POWER = {0: "", 1: "Ki", 2: "Mi", 3: "Gi", 4: "Ti", 5: "Pi", 6: "Ei"}


def _format_of(suffix: str) -> str:
    """suffix.go: interpret's format: ``BinarySI``, ``DecimalExponent`` or ``DecimalSI``."""
    if suffix in _BINARY_SUFFIXES:
        return "BinarySI"
    if suffix not in _DECIMAL_SUFFIXES:
        return "DecimalExponent"  # "e3", "E-2" ("E" alone is the exa suffix)
    return "DecimalSI"


def _keeps_text(text: str) -> bool:
    """True when ParseQuantity's int64 fast path remembers the input as its string form.

    Quantity.String() and MarshalJSON return that remembered text unchanged, so the API server stores
    it as written. ParseQuantity remembers it when the value fits an int64 amount and *looks*
    canonical: for a decimal suffix the digits (leading zeros dropped) do not start with 0 or end
    in 000 and the scale is a multiple of 3; for a binary suffix the digits are not a multiple of 8.
    The check is textual, so "+1", "01" and "1.500" are kept as written.
    """
    positive, num, denom, suffix = _split(text)
    num = num.lstrip("0") or "0"
    base, exponent, binary = _interpret(suffix)
    mantissa = 1
    if binary:
        if exponent < 0 or denom:
            return False
        mantissa = 1 << exponent
        # int(float32(exponent) * 3 / 10): the approximate decimal digits of 2^exponent
        precision = 15 - len(num) - int(exponent * 3 / 10) - 1
        scale = 0
    else:
        precision = 18 - len(num) - len(denom)
        scale = exponent
    if precision < 0:
        return False
    scale -= len(denom)
    if scale < -9:
        return False
    shifted = num + denom
    digits = int(shifted)
    if digits > _MAX_INT64 or digits * mantissa > _MAX_INT64:
        return False
    if binary:
        return exponent % 10 == 0 and digits & 7 != 0
    return scale % 3 == 0 and not shifted.endswith("000") and shifted[0] != "0"


def canonical_form(amount: Fraction, fmt: str) -> str:
    """Mirrors quantity.go: CanonicalizeBytes: the exact ``amount`` in format ``fmt`` ("DecimalSI",
    "BinarySI" or "DecimalExponent") with the largest suffix that keeps the mantissa an integer.

    Decimal formats use exponents that are multiples of 3 (``1500m``, ``1G``, ``80e-3``); past ``E``
    DecimalSI falls back to an exponent (``1e21``). BinarySI uses powers of 1024 (``1536Mi``), but a
    value under 1024 in magnitude or with a fractional part is written as DecimalSI (``500m``,
    ``1025``). Zero is ``0``. ``amount`` must have a finite decimal expansion (parsed quantities do).
    """
    if amount == 0:
        return "0"
    sign_text = "-" if amount < 0 else ""
    magnitude = abs(amount)
    if fmt == "BinarySI" and magnitude >= 1024 and magnitude.denominator == 1:
        mantissa, power = int(magnitude), 0
        while mantissa % 1024 == 0 and power < 6:
            mantissa //= 1024
            power += 1
        return f"{sign_text}{mantissa}{_BINARY_BY_POWER[power]}"
    if fmt not in ("DecimalSI", "BinarySI", "DecimalExponent"):
        fmt = "DecimalExponent"
    elif fmt == "BinarySI":
        fmt = "DecimalSI"
    # magnitude = mantissa * 10^exponent with an integer mantissa not divisible by 10
    exponent = 0
    while magnitude.denominator != 1:
        magnitude *= 10
        exponent -= 1
    mantissa = int(magnitude)
    while mantissa % 10 == 0:
        mantissa //= 10
        exponent += 1
    shift = exponent % 3  # lower the exponent to a multiple of 3
    mantissa *= 10**shift
    exponent -= shift
    if fmt == "DecimalSI" and exponent in _SI_BY_EXPONENT:
        suffix = _SI_BY_EXPONENT[exponent]
    else:
        suffix = f"e{exponent}" if exponent else ""
    return f"{sign_text}{mantissa}{suffix}"


def _json_text(q: str | int | float) -> str:
    """The text ``Quantity.UnmarshalJSON`` hands to ParseQuantity (as ``parse_quantity`` reads it)."""
    if isinstance(q, bool) or not isinstance(q, str | int | float):
        raise ModelError("Invalid", f"not a quantity: {q!r}")
    if isinstance(q, int):
        return str(q)
    if isinstance(q, float):
        parse_quantity(q)  # rejects inf/nan
        return repr(q).replace("e+", "e")
    return q.strip()


@lru_cache(maxsize=8192, typed=True)
def canonical(q: str | int | float) -> str:
    """Mirrors quantity.go: ParseQuantity then Quantity.String(): the text the API server stores for a
    quantity written as ``q`` (JSON decoding then encoding; protobuf storage writes the same string).

    ``"1000m"`` -> ``"1"``, ``"1.5"`` -> ``"1500m"``, ``"1024Mi"`` -> ``"1Gi"``, ``"0.5Gi"`` ->
    ``"512Mi"``, ``"1e3"`` stays ``"1e3"``, ``"0.000000000001Ki"`` -> ``"2n"``. The parsed format is kept
    (see ``canonical_form``); text the fast parser remembers is returned as written (``_keeps_text``).
    Raises ``ModelError("Invalid")`` for a malformed quantity.
    """
    amount = parse_quantity(q)
    text = _json_text(q)
    if text == "0" or _keeps_text(text):
        return text
    return canonical_form(amount, _format_of(_split(text)[3]))
