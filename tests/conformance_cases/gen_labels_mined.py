"""Generate labels_mined.jsonl: labels.* cases re-mined from Kubernetes' own tables.

Sources: staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go (TestSelectorParse,
TestDeterministicParse, TestEverything, TestSelectorMatches, TestSetMatches, TestNilMapIsValid,
TestSetIsEmpty, TestRequirementConstructor in its older boolean form and its newer named-row form,
TestToString, TestRequirementSelectorMatching, TestSetSelectorParser, TestAdd, TestRequiresExactMatch,
TestValidatedSelectorFromSet) and staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers_test.go
(TestLabelSelectorAsSelector). Each id names the Go test and the row (index or name).
Run ``python3 tests/conformance_cases/gen_labels_mined.py`` to rewrite the file.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

cases: list[dict[str, Any]] = []


def add(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


def req(key: str, op: str, *values: str) -> dict[str, Any]:
    return {"key": key, "operator": op, "values": sorted(set(values))}


# ---- TestSelectorParse: good strings re-render without spaces; bad strings fail ----
T = "selector_test.go:TestSelectorParse"
for i, s in enumerate(["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"]):
    add(f"{T}/testGoodStrings[{i}]", "labels.parse", {"selector": s}, {"valid": True, "string": s.replace(" ", "")})
for i, s in enumerate(["x=a||y=b", "x==a==b", "!x=a", "x<a"]):
    add(f"{T}/testBadStrings[{i}]", "labels.parse", {"selector": s}, {"valid": False})
    add(f"{T}/testBadStrings[{i}]-matches-errors", "labels.selector_matches", {"selector": s, "labels": {}},
        {"error": "InvalidSelector"})

T = "selector_test.go:TestDeterministicParse"
add(f"{T}/s1", "labels.parse", {"selector": "x=a,a=x"}, {"valid": True, "string": "a=x,x=a"})
add(f"{T}/s2", "labels.parse", {"selector": "a=x,x=a"}, {"valid": True, "string": "a=x,x=a"})

T = "selector_test.go:TestEverything"
add(f"{T}/matches", "labels.label_selector_matches", {"selector": {}, "labels": {"x": "y"}}, {"matches": True})
add(f"{T}/empty", "labels.label_selector_as_selector", {"selector": {}}, {"kind": "everything", "string": ""})

# ---- TestSelectorMatches: expectMatch / expectNoMatch ----
T = "selector_test.go:TestSelectorMatches"
LS = {"foo": "bar", "baz": "blah"}
rows: list[tuple[str, dict[str, str], bool]] = [
    ("", {"x": "y"}, True), ("x=y", {"x": "y"}, True), ("x=y,z=w", {"x": "y", "z": "w"}, True),
    ("x!=y,z!=w", {"x": "z", "z": "a"}, True), ("notin=in", {"notin": "in"}, True), ("x", {"x": "z"}, True),
    ("!x", {"y": "z"}, True), ("x>1", {"x": "2"}, True), ("x<1", {"x": "0"}, True),
    ("x=z", {}, False), ("x=y", {"x": "z"}, False), ("x=y,z=w", {"x": "w", "z": "w"}, False),
    ("x!=y,z!=w", {"x": "z", "z": "w"}, False), ("x", {"y": "z"}, False), ("!x", {"x": "z"}, False),
    ("x>1", {"x": "0"}, False), ("x<1", {"x": "2"}, False),
    ("foo=bar", LS, True), ("baz=blah", LS, True), ("foo=bar,baz=blah", LS, True),
    ("foo=blah", LS, False), ("baz=bar", LS, False), ("foo=bar,foobar=bar,baz=blah", LS, False),
]
for i, (sel, labels, want) in enumerate(rows):
    kind = "expectMatch" if want else "expectNoMatch"
    add(f"{T}/{i}-{kind}({sel!r})", "labels.selector_matches", {"selector": sel, "labels": labels}, {"matches": want})

# ---- TestSetMatches: SelectorFromSet behaves like matchLabels ----
T = "selector_test.go:TestSetMatches"
for i, sel in enumerate([{}, {"foo": "bar"}, {"baz": "blah"}, {"foo": "bar", "baz": "blah"}]):
    add(f"{T}/expectMatchDirect[{i}]", "labels.label_selector_matches",
        {"selector": {"matchLabels": sel}, "labels": LS}, {"matches": True})
add("selector_test.go:TestNilMapIsValid", "labels.label_selector_as_selector", {"selector": {"matchLabels": None}},
    {"kind": "everything", "string": ""})
add("selector_test.go:TestSetIsEmpty", "labels.label_selector_as_selector", {"selector": {"matchLabels": {}}},
    {"kind": "everything", "string": ""})

# ---- TestRequirementConstructor ----
T = "selector_test.go:TestRequirementConstructor"
OLD = [("x", "in", None, False), ("x", "notin", [], False), ("x", "in", ["foo"], True),
       ("x", "notin", ["foo"], True), ("x", "exists", None, True), ("x", "!", None, True),
       ("1foo", "in", ["bar"], True), ("1234", "in", ["bar"], True), ("y", "gt", ["1"], True),
       ("z", "lt", ["6"], True), ("foo", "gt", ["bar"], False), ("barz", "lt", ["blah"], False),
       ("a" * 254, "exists", None, False)]
for i, (key, op, vals, ok) in enumerate(OLD):
    add(f"{T}(boolean-table)/{i}:{key[:12]}-{op}", "labels.new_requirement",
        {"key": key, "operator": op, "values": vals or []}, {"valid": ok})
# Newer named rows (x1..x18): WantErr nil means valid.
NEW = [("x1", "in", [], False), ("x2", "notin", [], False), ("x3", "in", ["foo"], True),
       ("x4", "notin", ["foo"], True), ("x5", "=", ["bar", "foo"], False), ("x6", "exists", [], True),
       ("x7", "!", [], True), ("x8", "exists", ["foo"], False), ("x9", "in", ["bar"], True),
       ("x10", "in", ["bar"], True), ("x11", "gt", ["1"], True), ("x12", "lt", ["6"], True),
       ("x13", "gt", [], False), ("x14", "gt", ["bar"], False), ("x15", "lt", ["bar"], False),
       ("a" * 254, "exists", [], False), ("x16", "=", ["a" * 254], False),
       ("x17", "=", ["a b"], False), ("x18", "unsupportedOp", [], False)]
for i, (key, op, vals, ok) in enumerate(NEW):
    add(f"{T}(named-rows)/{i}:{key[:12]}", "labels.new_requirement", {"key": key, "operator": op, "values": vals},
        {"valid": ok})

# ---- TestToString: selectors rendered in the given order ----
T = "selector_test.go:TestToString"
EMPTY = {"key": "", "operator": "", "values": []}
TS = [
    ([req("x", "in", "abc", "def"), req("y", "notin", "jkl"), req("z", "exists")], "x in (abc,def),y notin (jkl),z"),
    ([req("x", "notin", "abc", "def"), req("y", "!=", "jkl"), req("z", "!")], "x notin (abc,def),y!=jkl,!z"),
    ([req("x", "in", "abc", "def"), EMPTY], "x in (abc,def),"),
    ([req("x", "notin", "abc"), req("y", "in", "jkl", "mno"), req("z", "notin", "")],
     "x notin (abc),y in (jkl,mno),z notin ()"),
    ([req("x", "=", "abc"), req("y", "==", "jkl"), req("z", "!=", "a"), req("z", "exists")], "x=abc,y==jkl,z!=a,z"),
    ([req("x", "gt", "2"), req("y", "lt", "8"), req("z", "exists")], "x>2,y<8,z"),
]
for i, (reqs, out) in enumerate(TS):
    add(f"{T}/{i}", "labels.requirements_to_string", {"requirements": reqs}, {"string": out})

# ---- TestRequirementSelectorMatching ----
T = "selector_test.go:TestRequirementSelectorMatching"
RSM = [
    ({"x": "foo", "y": "baz"}, [EMPTY], False),
    ({"x": "foo", "y": "baz"}, [req("x", "in", "foo"), req("y", "notin", "alpha")], True),
    ({"x": "foo", "y": "baz"}, [req("x", "in", "foo"), req("y", "in", "alpha")], False),
    ({"y": ""}, [req("x", "notin", ""), req("y", "exists")], True),
    ({"y": ""}, [req("x", "!"), req("y", "exists")], True),
    ({"y": ""}, [req("x", "notin", ""), req("y", "!")], False),
    ({"y": "baz"}, [req("x", "in", "")], False),
    ({"z": "2"}, [req("z", "gt", "1")], True),
    ({"z": "v2"}, [req("z", "gt", "1")], False),
]
for i, (labels, reqs, want) in enumerate(RSM):
    add(f"{T}/{i}", "labels.requirements_match", {"requirements": reqs, "labels": labels}, {"matches": want})

# ---- TestSetSelectorParser: (input, requirements sorted by key or None, compare?, valid) ----
T = "selector_test.go:TestSetSelectorParser"
SSP: list[tuple[str, list[dict[str, Any]] | None, bool, bool]] = [
    ("", [], True, True),
    ("\rx", [req("x", "exists")], True, True),
    ("this-is-a-dns.domain.com/key-with-dash", [req("this-is-a-dns.domain.com/key-with-dash", "exists")], True, True),
    ("this-is-another-dns.domain.com/key-with-dash in (so,what)",
     [req("this-is-another-dns.domain.com/key-with-dash", "in", "so", "what")], True, True),
    ("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
     [req("0.1.2.domain/99", "notin", "10.10.100.1", "tick.tack.clock")], True, True),
    ("foo  in\t (abc)", [req("foo", "in", "abc")], True, True),
    ("x notin\n (abc)", [req("x", "notin", "abc")], True, True),
    ("x  notin\t\t\t(abc,def)", [req("x", "notin", "abc", "def")], True, True),
    ("x in (abc,def)", [req("x", "in", "abc", "def")], True, True),
    ("x in (abc,)", [req("x", "in", "abc", "")], True, True),
    ("x in ()", [req("x", "in", "")], True, True),
    ("x notin (abc,,def),bar,z in (),w",
     [req("bar", "exists"), req("w", "exists"), req("x", "notin", "abc", "", "def"), req("z", "in", "")], True, True),
    ("x,y in (a)", [req("x", "exists"), req("y", "in", "a")], True, True),
    ("x=a", [req("x", "=", "a")], True, True),
    ("x>1", [req("x", "gt", "1")], True, True),
    ("x<7", [req("x", "lt", "7")], True, True),
    ("x=a,y!=b", [req("x", "=", "a"), req("y", "!=", "b")], True, True),
    ("x=a,y!=b,z in (h,i,j)", [req("x", "=", "a"), req("y", "!=", "b"), req("z", "in", "h", "i", "j")], True, True),
    ("x=a||y=b", None, False, False),
    ("x,,y", None, False, False),
    (",x,y", None, False, False),
    ("x nott in (y)", None, False, False),
    ("x notin ( )", [req("x", "notin", "")], True, True),
    ("x notin (, a)", [req("x", "notin", "", "a")], True, True),
    ("a in (xyz),", None, False, False),
    ("a in (xyz)b notin ()", None, False, False),
    ("a ", [req("a", "exists")], True, True),
    ("a in (x,y,notin, z,in)", [req("a", "in", "in", "notin", "x", "y", "z")], True, True),
    ("a in (xyz abc)", None, False, False),
    ("a notin(", None, False, False),
    ("a (", None, False, False),
    ("(", None, False, False),
]
for i, (s, reqs, compare, valid) in enumerate(SSP):
    expect: dict[str, Any] = {"valid": valid}
    if valid and compare and reqs is not None:
        expect["requirements"] = reqs
    add(f"{T}/{i}", "labels.parse", {"selector": s}, expect)

# ---- TestAdd: Add keeps requirements sorted by key ----
T = "selector_test.go:TestAdd"
add(f"{T}/keyInOperator", "labels.requirements_to_string", {"requirements": [req("key", "in", "value")]},
    {"string": "key in (value)"})
add(f"{T}/keyEqualsOperator", "labels.parse", {"selector": "key in (value),key2=value2"},
    {"valid": True, "requirements": [req("key", "in", "value"), req("key2", "=", "value2")]})

# ---- TestRequiresExactMatch, through matching: an exact requirement matches only its one value ----
T = "selector_test.go:TestRequiresExactMatch"
for name, sel, labels, want in [
    ("keyInOperatorExactMatch", "key in (value)", {"key": "value"}, True),
    ("keyEqualOperatorExactMatch", "key=value", {"key": "value"}, True),
    ("keyDoubleEqualOperatorExactMatch", "key==value", {"key": "value"}, True),
    ("keyNotEqualOperatorExactMatch", "key!=value", {"key": "value"}, False),
]:
    add(f"{T}/{name}", "labels.selector_matches", {"selector": sel, "labels": labels}, {"matches": want})

# ---- TestValidatedSelectorFromSet: a matchLabels value over 63 characters is rejected ----
T = "selector_test.go:TestValidatedSelectorFromSet"
add(f"{T}/Simple Set, no error", "labels.label_selector_as_selector", {"selector": {"matchLabels": {"key": "val"}}},
    {"kind": "requirements", "string": "key=val", "requirements": [req("key", "=", "val")]})
add(f"{T}/Invalid Set, value too long", "labels.label_selector_as_selector",
    {"selector": {"matchLabels": {"Key": "axahm2EJ8Phiephe2eixohbee9eGeiyees1thuozi1xoh0GiuH3diewi8iem7Nui"}}},
    {"error": "InvalidSelector"})

# ---- TestSetSelectorString: a set renders as sorted key=value pairs ----
T = "selector_test.go:TestSetSelectorString"
for i, (labels, out) in enumerate([({}, ""), ({"app": "foo"}, "app=foo"), ({"app": "foo", "a": "b"}, "a=b,app=foo")]):
    add(f"{T}/{i}-{out or 'empty'}", "labels.label_selector_as_selector", {"selector": {"matchLabels": labels}},
        {"string": out})

# ---- labels_test.go ----
T = "labels_test.go:TestSetString"
for i, (labels, out) in enumerate([({"x": "y"}, "x=y"), ({"foo": "bar"}, "foo=bar"),
                                   ({"foo": "bar", "baz": "qup"}, "baz=qup,foo=bar")]):
    add(f"{T}/{i}", "labels.label_selector_as_selector", {"selector": {"matchLabels": labels}}, {"string": out})
T = "labels_test.go:TestLabelHas"
for i, (labels, key, has) in enumerate([({"x": "y"}, "x", True), ({"x": ""}, "x", True), ({"x": "y"}, "foo", False)]):
    add(f"{T}/{i}", "labels.selector_matches", {"selector": key, "labels": labels}, {"matches": has})
# TestLabelSelectorParse calls ConvertSelectorToLabelsMap, which parses each comma-separated item as key=value;
# only its verdicts that labels.Parse shares are translated (a bare key or "!=" parses fine as a selector).
T = "labels_test.go:TestLabelSelectorParse"
for i, (sel, labels) in enumerate([("", {}), ("x=a", {"x": "a"}), ("x=a,y=b,z=c", {"x": "a", "y": "b", "z": "c"}),
                                   (" x = a , y = b , z = c ", {"x": "a", "y": "b", "z": "c"}),
                                   ("color=green,env=test,service=front",
                                    {"color": "green", "env": "test", "service": "front"}),
                                   ("color=green, env=test, service=front",
                                    {"color": "green", "env": "test", "service": "front"})]):
    add(f"{T}/valid[{i}]", "labels.parse", {"selector": sel},
        {"valid": True, "requirements": [req(k, "=", v) for k, v in sorted(labels.items())]})
for sel in [",", "x=$y", "x=a||y=b", "x y"]:
    add(f"{T}/invalid[{sel}]", "labels.parse", {"selector": sel}, {"valid": False})

# ---- helpers_test.go TestLabelSelectorAsSelector ----
T = "helpers_test.go:TestLabelSelectorAsSelector"
ML = {"foo": "bar"}
ME = [{"key": "baz", "operator": "In", "values": ["qux", "norf"]}]
add(f"{T}/0-nil", "labels.label_selector_as_selector", {"selector": None}, {"kind": "nothing", "string": ""})
add(f"{T}/1-empty", "labels.label_selector_as_selector", {"selector": {}}, {"kind": "everything", "string": ""})
add(f"{T}/2-matchLabels", "labels.label_selector_as_selector", {"selector": {"matchLabels": ML}},
    {"kind": "requirements", "string": "foo=bar"})
add(f"{T}/3-matchExpressions", "labels.label_selector_as_selector", {"selector": {"matchExpressions": ME}},
    {"kind": "requirements", "string": "baz in (norf,qux)"})
add(f"{T}/4-both", "labels.label_selector_as_selector", {"selector": {"matchLabels": ML, "matchExpressions": ME}},
    {"kind": "requirements", "string": "baz in (norf,qux),foo=bar"})
add(f"{T}/5-exists-with-values", "labels.label_selector_as_selector",
    {"selector": {"matchExpressions": [{"key": "baz", "operator": "Exists", "values": ["qux", "norf"]}]}},
    {"error": "InvalidSelector"})
add(f"{T}/0-nil-matches-nothing", "labels.label_selector_matches", {"selector": None, "labels": {"foo": "bar"}},
    {"matches": False})
add(f"{T}/4-both-matches", "labels.label_selector_matches",
    {"selector": {"matchLabels": ML, "matchExpressions": ME}, "labels": {"foo": "bar", "baz": "qux"}},
    {"matches": True})

out = pathlib.Path(__file__).with_name("labels_mined.jsonl")
out.write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in cases))
print(f"wrote {len(cases)} cases to {out}")
