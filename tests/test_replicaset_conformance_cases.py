"""Runs the controller and replicaset conformance cases (tests/conformance_cases/{controller,replicaset}.jsonl).

Every case re-expresses a table row of a Kubernetes unit test named in its id; matching follows
CONFORMANCE.md "Matching a case" (partial objects, ``$le``, ``error``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from model.conformance import evaluate

CASES = Path(__file__).parent / "conformance_cases"


def _load(name: str) -> list[dict[str, Any]]:
    with open(CASES / name) as f:
        return [json.loads(line) for line in f if line.strip()]


def _matches(expect: Any, actual: Any) -> bool:
    if isinstance(expect, dict) and set(expect) == {"$le"}:
        return isinstance(actual, int | float) and actual <= expect["$le"]
    if isinstance(expect, dict):
        if not isinstance(actual, dict):
            return False
        for key, want in expect.items():
            if key == "error" and isinstance(want, bool) and isinstance(actual.get("error"), dict):
                if not want:
                    return False
                continue
            if key not in actual or not _matches(want, actual[key]):
                return False
        return True
    if isinstance(expect, list):
        return isinstance(actual, list) and len(expect) == len(actual) and all(
            _matches(e, a) for e, a in zip(expect, actual, strict=True))
    return bool(expect == actual)


ALL = _load("controller.jsonl") + _load("replicaset.jsonl")


@pytest.mark.parametrize("case", ALL, ids=[c["id"] for c in ALL])
def test_case(case: dict[str, Any]) -> None:
    out = evaluate(case["op"], case["input"])
    assert _matches(case["expect"], out), f"expected {case['expect']}, got {out}"


def test_ids_are_unique_and_cite_kubernetes() -> None:
    ids = [c["id"] for c in ALL]
    assert len(ids) == len(set(ids))
    assert all(("_test/" in i) or (".go/" in i) for i in ids)
