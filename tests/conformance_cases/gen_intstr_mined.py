"""Generate intstr_mined.jsonl: intstr.* cases re-mined from
staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr_test.go (TestGetIntFromIntOrString, which
calls getIntOrPercentValueSafely; TestGetIntFromIntOrPercent and TestGetValueFromIntOrPercentNil,
which call GetScaledValueFromIntOrPercent). Row indexes follow the Go tables.
Run ``python3 tests/conformance_cases/gen_intstr_mined.py`` to rewrite the file.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

cases: list[dict[str, Any]] = []


def add(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


T = "intstr_test.go:TestGetIntFromIntOrString"
for i, (value, err, val, pct) in enumerate([
    (200, False, 200, False), ("200", True, 0, False), ("30%0", True, 0, False), ("40%", False, 40, True),
    ("%", True, 0, False), ("a%", True, 0, False), ("a", True, 0, False), ("40#", True, 0, False),
    ("40%%", True, 0, False),
]):
    expect: dict[str, Any] = {"error": "Invalid"} if err else {"value": val, "isPercent": pct}
    add(f"{T}/{i}-{value}", "intstr.parse_int_or_percent", {"value": value}, expect)

T = "intstr_test.go:TestGetIntFromIntOrPercent"
for i, (value, total, up, err, val) in enumerate([
    (123, 0, False, False, 123), ("90%", 100, True, False, 90), ("90%", 95, True, False, 86),
    ("90%", 95, False, False, 85), ("%", 0, False, True, 0), ("90#", 0, False, True, 0), ("#%", 0, False, True, 0),
    ("90", 0, False, True, 0),
]):
    expect = {"error": "Invalid"} if err else {"value": val}
    add(f"{T}/{i}-{value}-total{total}-roundUp{up}", "intstr.get_scaled_value",
        {"value": value, "total": total, "roundUp": up}, expect)

add("intstr_test.go:TestGetValueFromIntOrPercentNil", "intstr.get_scaled_value",
    {"value": None, "total": 0, "roundUp": False}, {"error": "Invalid"})

out = pathlib.Path(__file__).with_name("intstr_mined.jsonl")
out.write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in cases))
print(f"wrote {len(cases)} cases to {out}")
