"""The autoscaling case files cover every hpa and autoscaler op (the shared runner judges them)."""

from __future__ import annotations

import json
import subprocess
import sys
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


def test_mined_hpa_cases_are_generated(tmp_path: Path) -> None:
    # hpa_mined.jsonl is the generator's output, not hand-edited
    subprocess.run([sys.executable, str(CASES / "gen_hpa_mined.py"), str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path / "hpa_mined.jsonl").read_text() == (CASES / "hpa_mined.jsonl").read_text()


def test_mined_hpa_cases_cite_their_go_test() -> None:
    sources = ("horizontal_test.go:", "replica_calculator_test.go:", "validation_test.go:", "defaults_test.go:")
    for line in (CASES / "hpa_mined.jsonl").read_text().splitlines():
        case = json.loads(line)
        assert case["id"].startswith(sources) and ":Test" in case["id"], case["id"]
