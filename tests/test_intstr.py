"""IntOrString resolution as intstr.go's GetScaledValueFromIntOrPercent (cases from intstr_test.go)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.errors import ModelError
from model.intstr import (
    get_int_or_percent_value_safely,
    get_scaled_value_from_int_or_percent,
    get_value_from_int_or_percent,
)


@pytest.mark.parametrize(
    ("value", "total", "round_up", "expected"),
    [
        (123, 0, False, 123),  # an int ignores total
        ("90%", 100, True, 90),
        ("90%", 95, True, 86),
        ("90%", 95, False, 85),
        ("39%", 10, True, 4),  # the Deployment controller rounds surge up ...
        ("39%", 10, False, 3),  # ... and unavailable down
        (-3, 10, False, -3),  # negative ints pass straight through
        ("-5%", 100, False, -5),
    ],
)
def test_scaled_value(value: int | str, total: int, round_up: bool, expected: int) -> None:
    assert get_scaled_value_from_int_or_percent(value, total, round_up) == expected


@pytest.mark.parametrize("value", [None, "%", "90#", "#%", "90", "40%%", "a%", "30%0", " 5%", "5.5%", ""])
def test_scaled_value_rejects(value: str | None) -> None:
    with pytest.raises(ModelError) as info:
        get_scaled_value_from_int_or_percent(value, 100, True)
    assert info.value.kind == "Invalid"


def test_legacy_function_strips_every_percent() -> None:
    # The deprecated lenient parser treats "90" as 90 % and "40%%" as 40 %.
    assert get_value_from_int_or_percent("90", 10, True) == 9
    assert get_value_from_int_or_percent("40%%", 10, False) == 4


def test_parse_reports_percent_flag() -> None:
    assert get_int_or_percent_value_safely(7) == (7, False)
    assert get_int_or_percent_value_safely("7%") == (7, True)
    assert get_int_or_percent_value_safely("+7%") == (7, True)


@given(p=st.integers(0, 1000), total=st.integers(0, 1 << 31))
def test_percent_rounding_is_exact_integer_division(p: int, total: int) -> None:
    assert get_scaled_value_from_int_or_percent(f"{p}%", total, True) == -((-p * total) // 100)
    assert get_scaled_value_from_int_or_percent(f"{p}%", total, False) == (p * total) // 100
