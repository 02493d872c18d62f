"""Runs tests/conformance_cases/deployment.jsonl (cases re-expressed from Kubernetes' test tables)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from model.conformance import evaluate

CASES = [json.loads(line) for line in
         (Path(__file__).resolve().parents[1] / "conformance_cases" / "deployment.jsonl").read_text().splitlines()
         if line.strip()]


def matches(expect: Any, got: Any) -> bool:
    """The partial-match rule of CONFORMANCE.md ("Matching a case")."""
    if isinstance(expect, dict):
        if set(expect) == {"$le"}:
            return isinstance(got, int | float) and got <= expect["$le"]
        if not isinstance(got, dict):
            return False
        for key, value in expect.items():
            if key == "error" and value is not None and not isinstance(value, dict):
                err = got.get("error")
                if not isinstance(err, dict):
                    return False
                if value is True:
                    continue
                if str(err.get("kind", "")).lower() != str(value).lower() and str(value) not in err.get("message", ""):
                    return False
                continue
            if key not in got or not matches(value, got[key]):
                return False
        return True
    if isinstance(expect, list):
        return isinstance(got, list) and len(got) == len(expect) and all(matches(e, g) for e, g in zip(expect, got, strict=True))
    return bool(expect == got) and type(expect) is type(got) or (isinstance(expect, int | float) and not isinstance(expect, bool)
                                                              and isinstance(got, int | float) and expect == got)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    got = evaluate(case["op"], case["input"])
    assert matches(case["expect"], got), got
