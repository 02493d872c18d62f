"""ITF traces: encoding, atomic writing, Markdown + Mermaid rendering, and replay through the model."""

from __future__ import annotations

import json
from pathlib import Path

from checkers import bmc
from checkers.modelspec import ModelSpec
from checkers.toy import ToyModel, toy_properties
from checkers.traces import load_itf, render_markdown, replay, to_itf, trace_to_itf, write_trace
from model.objects import ObjectMeta, Pod


def _violation(variant: str, prop: str, bound: int = 40):  # type: ignore[no-untyped-def]
    model = ToyModel(2, 1, 0, variant)
    result = bmc.check(model, toy_properties(), bound=bound).results[prop]
    assert result.trace is not None
    return result.trace, ModelSpec.of("checkers.toy:build", replicas=2, surge=1, unavailable=0, variant=variant)


def test_itf_values_use_bigint_maps_sets_and_camel_case_records() -> None:
    pod = Pod(metadata=ObjectMeta(name="web-1", labels=(("app", "web"),), generation=2))
    enc = to_itf(pod)
    assert enc["metadata"]["name"] == "web-1"
    assert enc["metadata"]["labels"] == {"#map": [["app", "web"]]}
    assert enc["metadata"]["generation"] == {"#bigint": "2"}
    assert "deletionTimestamp" not in enc["metadata"]  # unset (None) fields are left out
    assert to_itf(frozenset({2, 1})) == {"#set": [{"#bigint": "1"}, {"#bigint": "2"}]}


def test_trace_document_has_meta_vars_states_and_actions() -> None:
    trace, spec = _violation("ignore_surge", "toy_surge")
    doc = trace_to_itf(trace, spec)
    assert doc["#meta"]["format"] == "ITF" and doc["#meta"]["property"] == "toy_surge"
    assert doc["vars"] == ["template", "rs", "pods", "counter", "faulted", "mbt::actionTaken"]
    assert [s["mbt::actionTaken"] for s in doc["states"]] == ["init", "UpdateTemplate(rev2)", "SyncDeployment(web)"]
    assert "loop" not in doc


def test_written_trace_replays_and_confirms_the_violation(tmp_path: Path) -> None:
    trace, spec = _violation("ignore_surge", "toy_surge")
    itf_path, md_path = write_trace(trace, spec, tmp_path / "surge")
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind
    outcome = replay(load_itf(itf_path))
    assert outcome.confirmed, outcome.message
    md = md_path.read_text()
    assert "```mermaid" in md and "sequenceDiagram" in md and "participant api as API server" in md
    assert "rs[2]: ∅ → 2" in md or "rs" in md


def test_a_tampered_trace_is_not_confirmed(tmp_path: Path) -> None:
    trace, spec = _violation("ignore_surge", "toy_surge")
    doc = trace_to_itf(trace, spec)
    doc["states"][2]["counter"] = {"#bigint": "99"}
    assert not replay(doc).confirmed
    # the same actions on the correct model do not break the property
    good = trace_to_itf(trace, ModelSpec.of("checkers.toy:build", replicas=2, surge=1, unavailable=0))
    assert not replay(json.loads(json.dumps(good))).confirmed


def test_a_lasso_renders_a_loop_block_and_replays_as_fair() -> None:
    trace, spec = _violation("livelock", "toy_converges", bound=12)
    doc = trace_to_itf(trace, spec)
    assert doc["loop"] == trace.loop
    md = render_markdown(doc)
    assert "loop forever (lasso)" in md and "    end" in md
    assert replay(doc).confirmed


def test_a_stuck_state_is_a_one_state_lasso() -> None:
    trace, spec = _violation("never_ready", "toy_converges")
    doc = trace_to_itf(trace, spec)
    outcome = replay(doc)
    assert outcome.confirmed, outcome.message
