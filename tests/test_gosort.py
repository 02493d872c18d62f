"""model.controllers.gosort replays Go's sort.Sort (pdqsort): a correct sort, whose placement of
equivalent elements is Go's (insertion sort up to 12 elements keeps them in input order; an
already ordered input of any length is left as it is)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.controllers.gosort import go_sort


@given(st.lists(st.integers(-20, 20), max_size=200))
def test_sorts_like_sorted(xs: list[int]) -> None:
    assert list(go_sort(xs, lambda a, b: a < b)) == sorted(xs)


@given(st.lists(st.integers(0, 3), max_size=200))
def test_is_a_permutation_ordered_by_key(keys: list[int]) -> None:
    items = list(enumerate(keys))
    out = go_sort(items, lambda a, b: a[1] < b[1])
    assert sorted(out) == sorted(items)
    assert [k for _, k in out] == sorted(keys)


def test_short_inputs_keep_equivalent_elements_in_input_order() -> None:
    items = [(k, i) for i, k in enumerate([2, 1, 2, 1, 0, 2, 1, 0, 0, 1, 2, 2])]
    out = go_sort(items, lambda a, b: a[0] < b[0])
    assert out == tuple(sorted(items))


def test_an_ordered_long_input_is_left_alone() -> None:
    items = [(i // 10, i) for i in range(100)]
    assert go_sort(items, lambda a, b: a[0] < b[0]) == tuple(items)
