"""The foundation's conformance ops answer every input with an output, never an exception."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from model.conformance import evaluate

OPS = (
    "intstr.get_scaled_value", "intstr.parse_int_or_percent",
    "labels.parse", "labels.selector_matches", "labels.new_requirement", "labels.requirements_match",
    "labels.requirements_to_string", "labels.label_selector_as_selector", "labels.label_selector_matches",
    "deployment.validate", "deployment.validate_status", "deployment.validate_status_update",
    "deployment.set_defaults",
)
KEYS = ("value", "total", "roundUp", "selector", "labels", "key", "operator", "values", "requirements",
        "matchLabels", "matchExpressions", "deployment", "spec", "status", "oldStatus", "newStatus",
        "metadata", "template", "strategy", "rollingUpdate", "maxSurge", "replicas", "name")

_json: Any = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=12,
)


@given(op=st.sampled_from(OPS), inp=st.dictionaries(st.sampled_from(KEYS), _json, max_size=5))
def test_any_input_gets_an_output(op: str, inp: dict[str, Any]) -> None:
    out = evaluate(op, inp)
    assert isinstance(out, dict)
    if "error" in out and isinstance(out["error"], dict):
        assert out["error"]["kind"] != "Unsupported"
        assert isinstance(out["error"]["message"], str)


# --- every operation, every top-level field of a real case: missing, null, or of the wrong JSON type ---

def _first_inputs() -> dict[str, dict[str, Any]]:
    """The input of the first well-formed case of each operation in tests/conformance_cases."""
    import json
    from pathlib import Path

    found: dict[str, dict[str, Any]] = {}
    for path in sorted((Path(__file__).parent / "conformance_cases").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            case = json.loads(line)
            if isinstance(case.get("input"), dict):
                found.setdefault(case["op"], case["input"])
    return found


# JSON values of every type, and integers at the edges of Go's int32/int64 (CONFORMANCE.md: Arithmetic)
_WRONG = {"null": None, "string": "x", "array": [], "object": {}, "negative": -1, "true": True,
          "int32 overflow": 2**31, "int64 overflow": 2**63}


def _mutations(inp: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = [("{}", {})]
    for key in inp:
        out.append((f"without {key}", {k: v for k, v in inp.items() if k != key}))
        out.extend((f"{key}: {name}", {**inp, key: value}) for name, value in _WRONG.items())
    return out


def test_malformed_shapes_get_the_catalogue_error_shape() -> None:
    """CONFORMANCE.md "Errors": a failing operation answers ``{"error": {"kind", "message"}}``; evaluate
    never raises, and its output is JSON (no NaN, no Python objects)."""
    import json

    from model.conformance import operations

    inputs = _first_inputs()
    assert set(inputs) >= set(OPS)  # the table reaches the ops the Hypothesis test above covers
    problems = []
    for op in sorted(operations()):
        for name, inp in _mutations(inputs.get(op, {})):
            try:
                out = evaluate(op, inp)
                json.dumps(out, allow_nan=False)
            except Exception as exc:  # noqa: BLE001 - collected, so that one run lists every gap
                problems.append(f"{op} ({name}): {type(exc).__name__}: {exc}")
                continue
            err = out.get("error")
            if isinstance(err, dict) and not (isinstance(err.get("kind"), str) and isinstance(err.get("message"), str)):
                problems.append(f"{op} ({name}): error without kind and message: {err}")
    assert not problems, "\n".join(problems[:20])


def test_arithmetic_trouble_in_the_input_is_an_error_output_not_an_exception() -> None:
    from model.conformance import evaluate

    # a fractional container count divides by zero inside the recommender
    out = evaluate("vpa.recommend", {"containersPerPod": 0.5})
    assert out["error"]["kind"] == "Invalid"


def test_a_window_that_is_not_a_number_is_refused_quickly() -> None:
    import json
    import re
    from pathlib import Path

    from model.conformance import evaluate

    # a real case whose pod metrics carry a window, with the window made a string
    lines = Path(__file__).parent.joinpath("conformance_cases", "hpa.jsonl").read_text().splitlines()
    case = json.loads(next(line for line in lines if '"windowSeconds"' in line))
    text = re.sub(r'"windowSeconds": [0-9.]+', '"windowSeconds": "x"', json.dumps(case["input"]), count=1)
    out = evaluate(case["op"], json.loads(text))
    assert out["error"]["kind"] == "Invalid"
    assert "windowSeconds" in out["error"]["message"]
