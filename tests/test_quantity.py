"""resource.Quantity parsing and Value()/MilliValue() rounding (quantity_test.go examples)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.errors import ModelError
from model.quantity import milli_value, parse_quantity, value


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("0", 0), ("1500m", Fraction(3, 2)), ("2Mi", 2 * 2**20), ("1Ki", 1024), ("1.5Gi", 3 * 2**29),
        ("4", 4), ("1e3", 1000), ("1E3", 1000), ("1E", 10**18), ("1k", 1000), (".5", Fraction(1, 2)),
        ("1.", 1), ("+1", 1), ("-1500m", Fraction(-3, 2)), ("100u", Fraction(1, 10**4)),
        # below a nanounit rounds up (away from zero) to one nanounit
        ("0.1n", Fraction(1, 10**9)), ("5e-10", Fraction(1, 10**9)),
        (" 7 ", 7),  # UnmarshalJSON trims spaces
        # quantity_test.go: TestQuantityParse (values as decQuantity(v, scale) = v * 10^scale)
        ("50k", 50_000), ("1.3E+6", 1_300_000), ("100.035k", 100_035), ("0.0005k", Fraction(1, 2)),
        ("0.5e-2", Fraction(5, 1000)), ("3.001n", Fraction(4, 10**9)), ("1.1E-9", Fraction(2, 10**9)),
        ("0.00000012345", Fraction(124, 10**9)), ("9Ei", 2**63 - 1), ("9223372036854775807Ki", 2**63 - 1),
        ("100.035Ki", Fraction(10243584, 100)), ("0.5Mi", 2**19), ("12E", 12 * 10**18),
    ],
)
def test_parse(text: str, exact: Fraction | int) -> None:
    assert parse_quantity(text) == exact


@pytest.mark.parametrize("text", ["", "1i", "1mm", "1 x", "1Kix", "abc", "1m5", "1e", "--1", "1.5.5"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ModelError):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "milli", "whole"),
    [("1500m", 1500, 2), ("2", 2000, 2), ("1", 1000, 1), ("100n", 1, 1), ("1m", 1, 1), ("1.0001", 1001, 2),
     ("-1500m", -1500, -2), ("2Mi", 2097152000, 2097152), ("4000", 4_000_000, 4000)],
)
def test_value_and_milli_value_round_up(text: str, milli: int, whole: int) -> None:
    assert milli_value(text) == milli
    assert value(text) == whole


def test_numbers_are_quantities() -> None:
    assert milli_value(2) == 2000
    assert milli_value(0.5) == 500


def test_int64_overflow_follows_go() -> None:
    # the fast path's positiveScaleInt64 overflows to 0 ...
    assert milli_value("1E") == 0
    # ... while a value parsed as an arbitrary-precision decimal keeps the low 64 bits
    assert milli_value("9223372036854775807") == -1000
    assert milli_value("9223372036854775807m") == 2**63 - 1


@given(st.integers(0, 10**12), st.sampled_from(["", "m", "k", "Ki", "Mi", "M", "G"]))
def test_milli_value_is_ceil_of_thousand_times(n: int, suffix: str) -> None:
    exact = parse_quantity(f"{n}{suffix}")
    m = milli_value(f"{n}{suffix}")
    if abs(exact * 1000) < 2**63:
        assert m - 1 < exact * 1000 <= m
