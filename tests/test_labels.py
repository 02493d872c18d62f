"""Label selectors as k8s.io/apimachinery/pkg/labels (tables from selector_test.go, helpers_test.go)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.errors import ModelError
from model.labels import (
    DOES_NOT_EXIST,
    EQUALS,
    EXISTS,
    GREATER_THAN,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    LabelSelector,
    LabelSelectorRequirement,
    Requirement,
    Selector,
    label_selector_as_selector,
    matches,
    new_requirement,
    parse,
    requirement_matches,
    requirements_string,
    selector_matches,
    selector_string,
)


# TestSelectorParse: good strings re-print without their spaces; bad strings fail.
@pytest.mark.parametrize("text", ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"])
def test_parse_reprints_canonically(text: str) -> None:
    assert selector_string(parse(text)) == text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    ["x=a||y=b", "x==a==b", "!x=a", "x<a", "x,,y", ",x,y", "x nott in (y)", "a in (xyz),",
     "a in (xyz)b notin ()", "a in (xyz abc)", "a notin(", "a (", "("],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ModelError) as info:
        parse(text)
    assert info.value.kind == "InvalidSelector"


def test_deterministic_parse() -> None:
    assert selector_string(parse("x=a,a=x")) == selector_string(parse("a=x,x=a")) == "a=x,x=a"


# TestSetSelectorParser: value lists, empty values, keywords as values.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\rx", (Requirement("x", EXISTS),)),
        ("x in (abc,)", (Requirement("x", IN, ("", "abc")),)),
        ("x in (a,,a,,a,,a,,)", (Requirement("x", IN, ("", "a")),)),
        ("x in ()", (Requirement("x", IN, ("",)),)),
        ("x notin (, a)", (Requirement("x", NOT_IN, ("", "a")),)),
        ("a in (x,y,notin, z,in)", (Requirement("a", IN, ("in", "notin", "x", "y", "z")),)),
        ("x,y in (a)", (Requirement("x", EXISTS), Requirement("y", IN, ("a",)))),
        ("notin=in", (Requirement("notin", EQUALS, ("in",)),)),
    ],
)
def test_parse_requirements(text: str, expected: tuple[Requirement, ...]) -> None:
    assert parse(text) == Selector(expected)


# TestSelectorMatches
@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        ("", {"x": "y"}, True),
        ("x=y,z=w", {"x": "y", "z": "w"}, True),
        ("x!=y,z!=w", {"x": "z", "z": "a"}, True),
        ("notin=in", {"notin": "in"}, True),
        ("!x", {"y": "z"}, True),
        ("x>1", {"x": "2"}, True),
        ("x<1", {"x": "0"}, True),
        ("x=z", {}, False),
        ("x!=y,z!=w", {"x": "z", "z": "w"}, False),
        ("x", {"y": "z"}, False),
        ("x>1", {"x": "0"}, False),
        ("foo=bar,foobar=bar,baz=blah", {"foo": "bar", "baz": "blah"}, False),
    ],
)
def test_selector_matches(text: str, labels: dict[str, str], expected: bool) -> None:
    assert matches(parse(text), labels) is expected


# TestRequirementConstructor
@pytest.mark.parametrize(
    ("key", "op", "values", "ok"),
    [
        ("x", IN, (), False),
        ("x", NOT_IN, (), False),
        ("x", IN, ("foo",), True),
        ("x", EXISTS, (), True),
        ("x", DOES_NOT_EXIST, (), True),
        ("1foo", IN, ("bar",), True),
        ("1234", IN, ("bar",), True),
        ("y", GREATER_THAN, ("1",), True),
        ("z", LESS_THAN, ("6",), True),
        ("foo", GREATER_THAN, ("bar",), False),
        ("a" * 254, EXISTS, (), False),
        ("x", "like", ("a",), False),
        ("x", EQUALS, ("a", "b"), False),
        ("x", EXISTS, ("a",), False),
        ("example.com/x", NOT_EQUALS, ("-bad",), False),
    ],
)
def test_new_requirement(key: str, op: str, values: tuple[str, ...], ok: bool) -> None:
    if ok:
        assert new_requirement(key, op, values) == Requirement(key, op, values)
    else:
        with pytest.raises(ModelError):
            new_requirement(key, op, values)


# TestRequirementSelectorMatching: the zero requirement never matches; gt needs an integer label.
def test_zero_requirement_and_numeric_operators() -> None:
    assert not requirement_matches(Requirement("", ""), {"x": "foo"})
    assert requirement_matches(Requirement("z", GREATER_THAN, ("1",)), {"z": "2"})
    assert not requirement_matches(Requirement("z", GREATER_THAN, ("1",)), {"z": "v2"})
    assert requirement_matches(Requirement("x", NOT_IN, ("",)), {"y": ""})


# TestToString, including the zero requirement's empty rendering.
def test_to_string() -> None:
    assert requirements_string([
        Requirement("x", IN, ("def", "abc")), Requirement("y", NOT_IN, ("jkl",)), Requirement("z", EXISTS),
    ]) == "x in (abc,def),y notin (jkl),z"
    assert requirements_string([Requirement("x", IN, ("abc", "def")), Requirement("", "")]) == "x in (abc,def),"
    assert requirements_string([
        Requirement("x", EQUALS, ("abc",)), Requirement("y", "==", ("jkl",)), Requirement("z", NOT_EQUALS, ("a",)),
        Requirement("z", EXISTS),
    ]) == "x=abc,y==jkl,z!=a,z"


# helpers_test.go: TestLabelSelectorAsSelector
def test_label_selector_as_selector() -> None:
    assert label_selector_as_selector(None).nothing
    assert label_selector_as_selector(LabelSelector()) == Selector()
    sel = LabelSelector(
        match_labels=(("foo", "bar"),),
        match_expressions=(LabelSelectorRequirement("baz", "In", ("qux", "norf")),),
    )
    assert selector_string(label_selector_as_selector(sel)) == "baz in (norf,qux),foo=bar"
    for bad in (
        LabelSelector(match_expressions=(LabelSelectorRequirement("baz", "Exists", ("qux",)),)),
        LabelSelector(match_expressions=(LabelSelectorRequirement("baz", "In", ()),)),
        LabelSelector(match_expressions=(LabelSelectorRequirement("baz", "Foo", ("a",)),)),
    ):
        with pytest.raises(ModelError) as info:
            label_selector_as_selector(bad)
        assert info.value.kind == "InvalidSelector"


def test_selector_matches_helper() -> None:
    assert not selector_matches(None, {"a": "b"})
    assert selector_matches(LabelSelector(), {})
    assert selector_matches(LabelSelector(match_labels=(("a", "b"),)), (("a", "b"), ("c", "d")))
    assert not selector_matches(LabelSelector(match_labels=(("a", "b"),)), {"a": "c"})


# --- round trip: parse(print(s)) == s for valid selectors ---

_name = st.from_regex(r"[a-z0-9]([-a-z0-9_.]{0,8}[a-z0-9])?", fullmatch=True)
_key = st.one_of(_name, st.builds(lambda p, n: f"{p}.io/{n}", st.from_regex(r"[a-z]{1,5}", fullmatch=True), _name))
_value = st.one_of(st.just(""), _name)


@st.composite
def _requirements(draw: st.DrawFn) -> Requirement:
    key = draw(_key)
    op = draw(st.sampled_from([EQUALS, "==", NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN]))
    if op in (EXISTS, DOES_NOT_EXIST):
        values: tuple[str, ...] = ()
    elif op in (GREATER_THAN, LESS_THAN):
        values = (str(draw(st.integers(0, 10**12))),)
    elif op in (IN, NOT_IN):
        values = tuple(sorted(draw(st.sets(_value, min_size=1, max_size=4))))
    else:
        values = (draw(_value),)
    return new_requirement(key, op, values)


@given(st.lists(_requirements(), max_size=5))
def test_parse_print_round_trip(reqs: list[Requirement]) -> None:
    selector = Selector(tuple(sorted(reqs, key=lambda r: r.key)))
    assert parse(selector_string(selector)) == selector
