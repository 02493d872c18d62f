"""The autoscaling case files cover every hpa and autoscaler op (the shared runner judges them)."""

from __future__ import annotations

import json
from pathlib import Path

from model.conformance import operations

CASES = Path(__file__).parent / "conformance_cases"


def test_every_autoscaling_op_has_cases() -> None:
    ops = set()
    for name in ("hpa.jsonl", "autoscaler.jsonl"):
        ops |= {json.loads(line)["op"] for line in (CASES / name).read_text().splitlines() if line.strip()}
    registered = {op for op in operations() if op.split(".")[0] in ("hpa", "vpa", "ca")}
    building_blocks = {"hpa.normalize", "hpa.normalize_with_behavior"}
    assert registered - building_blocks <= ops, sorted(registered - building_blocks - ops)
