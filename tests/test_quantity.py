"""resource.Quantity parsing and Value()/MilliValue() rounding (quantity_test.go examples)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.errors import ModelError
from model.quantity import canonical, canonical_form, milli_value, parse_quantity, value


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


# --- canonical form (Quantity.String / CanonicalizeBytes) -------------------------------------------

BI, SI, EXP = "BinarySI", "DecimalSI", "DecimalExponent"


def _dec(unscaled: int, scale: int) -> Fraction:
    """quantity_test.go: decQuantity(v, scale, _) is v * 10^scale."""
    return Fraction(unscaled) * Fraction(10) ** scale


# quantity_test.go: TestQuantityString (value, format, canonical string, an alternate spelling)
STRING_TABLE = [
    (_dec(1024 * 1024 * 1024, 0), BI, "1Gi", "1024Mi"),
    (_dec(300 * 1024 * 1024, 0), BI, "300Mi", "307200Ki"),
    (_dec(6 * 1024, 0), BI, "6Ki", ""),
    (_dec(1001 * 1024 * 1024 * 1024, 0), BI, "1001Gi", "1025024Mi"),
    (_dec(1024 * 1024 * 1024 * 1024, 0), BI, "1Ti", "1024Gi"),
    (_dec(5, 0), BI, "5", "5000m"),
    (_dec(500, -3), BI, "500m", "0.5"),
    (_dec(1, 9), SI, "1G", "1000M"),
    (_dec(1000, 6), SI, "1G", "0.001T"),
    (_dec(1000000, 3), SI, "1G", ""),
    (_dec(1000000000, 0), SI, "1G", ""),
    (_dec(1, -3), SI, "1m", "1000u"),
    (_dec(80, -3), SI, "80m", ""),
    (_dec(1080, -3), SI, "1080m", "1.08"),
    (_dec(108, -2), SI, "1080m", "1080000000n"),
    (_dec(10800, -4), SI, "1080m", ""),
    (_dec(300, 6), SI, "300M", ""),
    (_dec(1, 12), SI, "1T", ""),
    (_dec(1234567, 6), SI, "1234567M", ""),
    (_dec(1234567, -3), BI, "1234567m", ""),
    (_dec(3, 3), SI, "3k", ""),
    (_dec(1025, 0), BI, "1025", ""),
    (_dec(0, 0), SI, "0", ""),
    (_dec(0, 0), BI, "0", ""),
    (_dec(1, 9), EXP, "1e9", ".001e12"),
    (_dec(1, -3), EXP, "1e-3", "0.001e0"),
    (_dec(1, -9), EXP, "1e-9", "1000e-12"),
    (_dec(80, -3), EXP, "80e-3", ""),
    (_dec(300, 6), EXP, "300e6", ""),
    (_dec(1, 12), EXP, "1e12", ""),
    (_dec(1, 3), EXP, "1e3", ""),
    (_dec(3, 3), EXP, "3e3", ""),
    (_dec(0, 0), EXP, "0", "00"),
    (_dec(1, -9), SI, "1n", ""),
    (_dec(80, -9), SI, "80n", ""),
    (_dec(1080, -9), SI, "1080n", ""),
    (_dec(108, -8), SI, "1080n", ""),
    (_dec(10800, -10), SI, "1080n", ""),
    (_dec(1, -6), SI, "1u", ""),
    (_dec(80, -6), SI, "80u", ""),
    (_dec(1080, -6), SI, "1080u", ""),
]


@pytest.mark.parametrize(("amount", "fmt", "expect", "alternate"), STRING_TABLE)
def test_canonical_form_follows_quantity_string_table(amount: Fraction, fmt: str, expect: str,
                                                      alternate: str) -> None:
    assert canonical_form(amount, fmt) == expect
    if amount:  # negated, the same string with a minus sign (never "-0")
        assert canonical_form(-amount, fmt) == "-" + expect
    assert canonical(expect) == expect  # a canonical string is stored as written
    if alternate:
        assert canonical(alternate) == expect
        assert canonical("-" + alternate) == ("-" + expect if amount else "0")


# quantity_test.go: TestQuantityParseEmit
@pytest.mark.parametrize(("text", "expect"), [
    ("1Ki", "1Ki"), ("1Mi", "1Mi"), ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1000M", "1G"),
    (".001Ki", "1024m"), (".000001Ki", "1024u"), (".000000001Ki", "1024n"), (".000000000001Ki", "2n"),
])
def test_parse_then_emit(text: str, expect: str) -> None:
    assert canonical(text) == expect
    assert canonical("-" + text) == "-" + expect


# quantity_test.go: TestNewSet, TestMilliNewSet, TestNewScaledSet (an unknown format means exponent)
@pytest.mark.parametrize(("amount", "fmt", "expect"), [
    (_dec(1, 0), SI, "1"), (_dec(1000, 0), SI, "1k"), (_dec(1234000, 0), SI, "1234k"),
    (_dec(1024, 0), BI, "1Ki"), (_dec(1000000, 0), "invalid", "1e6"), (_dec(1024 * 1024, 0), BI, "1Mi"),
    (_dec(1, -3), SI, "1m"), (_dec(1000, -3), SI, "1"), (_dec(1234000, -3), SI, "1234"),
    (_dec(1024, -3), BI, "1024m"), (_dec(1000000, -3), "invalid", "1e3"), (_dec(1024 * 1024, -3), BI, "1048576m"),
    (_dec(1, -9), SI, "1n"), (_dec(1000, -9), SI, "1u"), (_dec(1000, -6), SI, "1m"), (_dec(0, -9), SI, "0"),
])
def test_canonical_form_of_constructed_quantities(amount: Fraction, fmt: str, expect: str) -> None:
    assert canonical_form(amount, fmt) == expect


# quantity_test.go: TestJSONWhitespace (UnmarshalJSON trims; a JSON number is its text)
@pytest.mark.parametrize(("q", "expect"), [(" 1", "1"), ("1 ", "1"), (1, "1"), (10, "10"), (-1, "-1"), (" -1", "-1")])
def test_json_whitespace_and_numbers(q: str | int, expect: str) -> None:
    assert canonical(q) == expect


@pytest.mark.parametrize(("text", "expect"), [
    # the examples of quantity.go's Quantity doc comment and the task's cases
    ("1.5", "1500m"), ("1.5Gi", "1536Mi"), ("1000m", "1"), ("0.5Gi", "512Mi"), ("1e3", "1e3"),
    # DecimalSI past "E" switches to an exponent rather than lose the value (CanonicalizeBytes)
    ("1000E", "1e21"), ("12E", "12E"),
    # BinarySI that is fractional or under 1024 is written as DecimalSI
    ("100.035Ki", "102435840m"), ("0.5Ki", "512"), ("1023Ki", "1023Ki"), ("2048Ki", "2Mi"),
    # the binary cap at 2^63-1 is not a multiple of 1024
    ("9Ei", "9223372036854775807"),
    # finer than a nanounit rounds up, away from zero
    ("0.0000000001", "1n"), ("-3.001n", "-4n"), ("0.00000012345", "124n"),
    ("0", "0"), ("0m", "0"), ("0.0Ki", "0"), ("-0", "0"),
    (0.5, "500m"), (1000, "1k"), (2048, "2048"),
])
def test_canonical_examples(text: str | float, expect: str) -> None:
    assert canonical(text) == expect


@pytest.mark.parametrize("text", ["+1", "01", "1.500", "-1", "5e0", "1E3", "12Ki"])
def test_text_the_fast_parser_remembers_is_stored_as_written(text: str) -> None:
    # ParseQuantity keeps the input as the cached String() when its digits fit an int64 and look
    # canonical (scale a multiple of 3, no leading 0, no trailing 000; binary digits not a multiple
    # of 8): MarshalJSON then writes it back unchanged.
    assert canonical(text) == text


@pytest.mark.parametrize("text", ["", "1i", "abc", "1.5.5"])
def test_canonical_rejects_malformed(text: str) -> None:
    with pytest.raises(ModelError):
        canonical(text)


@given(st.integers(-(10**15), 10**15), st.integers(-9, 12), st.sampled_from([SI, BI, EXP]))
def test_canonical_form_is_a_fixed_point_with_the_same_value(unscaled: int, scale: int, fmt: str) -> None:
    amount = _dec(unscaled, scale)
    text = canonical_form(amount, fmt)
    assert parse_quantity(text) == amount
    if fmt != BI:  # a BinarySI value without a binary suffix ("10000") re-parses as DecimalSI ("10k")
        assert canonical(text) == text
