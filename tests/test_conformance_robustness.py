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
