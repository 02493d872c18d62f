#!/usr/bin/env python3
"""A tiny stand-alone implementation of two kubeproof conformance operations.

It is the example of docs/conformance.md: a program in any language that speaks the ``serve``
protocol (one JSON request per line on stdin, one JSON answer per line on stdout, in order,
flushed) can be checked against kubeproof's cases with

    python3 -m checkers.cli conform check --impl "python3 examples/conformance-impl/impl.py" \
        examples/conformance-impl/cases.jsonl

It implements ``intstr.get_scaled_value`` and ``deployment.resolve_fenceposts`` (the arithmetic
behind maxSurge/maxUnavailable, Kubernetes' GetScaledValueFromIntOrPercent and ResolveFenceposts)
and answers ``Unsupported`` for every other operation. It deliberately imports nothing from
kubeproof: it stands for *another* implementation. ``--buggy`` makes it round percentages of
maxSurge down instead of up, a classic mistake, so the docs can show what a failure looks like.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

_INT = re.compile(r"[+-]?[0-9]+")


class Invalid(Exception):
    """A value Kubernetes rejects; reported as an ``Invalid`` error output."""


def scaled_value(value: Any, total: int, round_up: bool) -> int:
    """An int is itself; "N%" is N percent of total, rounded up or down as asked."""
    if value is None:
        raise Invalid("nil value for IntOrString")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Invalid(f"invalid type: {value!r} is neither an integer nor a string")
    if isinstance(value, int):
        return value
    if not value.endswith("%") or not _INT.fullmatch(value[:-1]):
        raise Invalid(f"invalid value for IntOrString: invalid value {value!r}")
    percent = int(value[:-1])
    exact = percent * total / 100
    return math.ceil(exact) if round_up else math.floor(exact)


def get_scaled_value(inp: dict[str, Any]) -> dict[str, Any]:
    return {"value": scaled_value(inp.get("value"), int(inp.get("total", 0)), bool(inp.get("roundUp")))}


def resolve_fenceposts(inp: dict[str, Any], buggy: bool = False) -> dict[str, Any]:
    desired = int(inp.get("desired", 0))
    max_surge = inp.get("maxSurge")
    max_unavailable = inp.get("maxUnavailable")
    # A missing value counts as 0; surge rounds up, unavailable rounds down.
    surge = scaled_value(0 if max_surge is None else max_surge, desired, not buggy)
    unavailable = scaled_value(0 if max_unavailable is None else max_unavailable, desired, False)
    if surge == 0 and unavailable == 0:
        # Both zero would let no rollout make progress: Kubernetes allows one unavailable pod.
        unavailable = 1
    return {"surge": surge, "unavailable": unavailable}


def answer(op: str, inp: dict[str, Any], buggy: bool) -> dict[str, Any]:
    try:
        if op == "intstr.get_scaled_value":
            return get_scaled_value(inp)
        if op == "deployment.resolve_fenceposts":
            return resolve_fenceposts(inp, buggy)
    except Invalid as e:
        return {"error": {"kind": "Invalid", "message": str(e)}}
    return {"error": {"kind": "Unsupported", "message": f"operation {op} is not implemented"}}


def main() -> None:
    buggy = "--buggy" in sys.argv[1:]
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        output = answer(request.get("op", ""), request.get("input") or {}, buggy)
        sys.stdout.write(json.dumps({"id": request.get("id"), "output": output}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
