"""The scheduling area's conformance cases (scheduler, nodelifecycle, gc .jsonl) against the model.

Uses the catalogue's partial-match rule ("Matching a case" in CONFORMANCE.md); the project-wide
runner (``kubeproof conform run``) applies the same rule to every group.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

from model.conformance import evaluate

CASES_DIR = pathlib.Path(__file__).parent / "conformance_cases"
FILES = ("scheduler.jsonl", "nodelifecycle.jsonl", "gc.jsonl")


def _load() -> list[dict[str, Any]]:
    out = []
    for name in FILES:
        path = CASES_DIR / name
        if path.exists():
            out.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return out


def matches(expect: Any, got: Any) -> bool:
    if isinstance(expect, dict):
        if set(expect) == {"$le"}:
            return isinstance(got, int | float) and got <= expect["$le"]
        if not isinstance(got, dict):
            return False
        for key, want in expect.items():
            if key == "error" and isinstance(got.get("error"), dict) and not isinstance(want, dict):
                err = got["error"]
                if want is True:
                    continue
                if isinstance(want, str) and (err.get("kind", "").lower() == want.lower()
                                              or want in err.get("message", "")):
                    continue
                return False
            if key == "error" and isinstance(want, dict) and isinstance(got.get("error"), dict):
                err = got["error"]
                for k, v in want.items():
                    if k == "kind":
                        if str(err.get("kind", "")).lower() != str(v).lower():
                            return False
                    elif not matches(v, err.get(k)):
                        return False
                continue
            if key not in got or not matches(want, got[key]):
                return False
        return True
    if isinstance(expect, list):
        return isinstance(got, list) and len(expect) == len(got) and all(
            matches(e, g) for e, g in zip(expect, got, strict=True))
    return bool(expect == got and type(expect) is type(got)) or (
        isinstance(expect, int | float) and not isinstance(expect, bool)
        and isinstance(got, int | float) and not isinstance(got, bool) and expect == got)


CASES = _load()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    got = evaluate(case["op"], case["input"])
    assert matches(case["expect"], got), f"{case['id']}\n  got:    {got}\n  expect: {case['expect']}"


def test_cases_exist_for_every_scheduling_op() -> None:
    ops = {c["op"] for c in CASES}
    for op in ("scheduler.fits", "scheduler.score_least_allocated", "scheduler.score_balanced_allocation",
               "scheduler.taint_toleration_filter", "scheduler.taint_toleration_score",
               "scheduler.node_unschedulable_filter"):
        assert op in ops


def test_bad_input_is_an_error_output_naming_the_field() -> None:
    pod = {"spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "lots"}}}]}}
    got = evaluate("scheduler.fits", {"pod": pod, "node": {"metadata": {"name": "n"}}, "nodePods": []})
    assert got["error"]["kind"] == "Invalid" and "cpu" in got["error"]["field"]
    got = evaluate("tainteviction.plan", {"taints": [], "tolerations": [], "now": "yesterday"})
    assert got["error"]["kind"] == "Invalid"
    got = evaluate("gc.classify_owner_references", {"object": {}, "owners": ["not", "a", "map"]})
    assert got["error"]["kind"] == "Invalid" and got["error"]["field"] == "owners"
