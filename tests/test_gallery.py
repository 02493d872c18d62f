"""Every known-bad variant is caught by its property with the shortest trace, the trace replays,
and the committed gallery (reports/gallery) is exactly what the checkers produce today.

Regenerate the gallery with ``python3 -m checkers.gallery`` after a reviewed model change."""

from __future__ import annotations

import json

import pytest

from checkers import bmc, gallery
from checkers.systemspec import EXPECTED, build_system
from checkers.traces import replay

# the length of the shortest counterexample the BFS finds, per variant (a change is a reviewed decision)
SHORTEST = {
    "no-surge-bound": 3,
    "surge-rounds-up-unavailable": 8,
    "scale-down-ready-first": 7,
    "ignore-expectations": 9,
    "scheduler-ignores-capacity": 14,
    "double-bind": 11,
    "edge-triggered": 2,
    "recreate-no-wait": 9,
    "history-deletes-rollback-target": 26,
    "hpa-no-stabilization": 11,
    "hpa-ignores-bounds": 14,
    "lease-expiry-wrong-side": 3,
    "undo-copies-current-template": 4,
    "deployment-ignores-replicaset-events": 8,
    "hash-includes-generation": 2,
}


def test_every_catalogued_setup_has_a_pinned_length() -> None:
    assert set(SHORTEST) == set(EXPECTED)


@pytest.mark.parametrize("variant", sorted(EXPECTED))
def test_variant_is_caught_with_the_shortest_trace_and_matches_the_gallery(variant: str) -> None:
    doc, md = gallery.produce(variant)
    assert doc["#meta"]["property"] == EXPECTED[variant][1]
    assert len(doc["states"]) - 1 == SHORTEST[variant]
    outcome = replay(json.loads(json.dumps(doc)))
    assert outcome.confirmed, outcome.message
    committed_itf = json.loads((gallery.GALLERY / f"{variant}.itf.json").read_text(encoding="utf-8"))
    assert committed_itf == json.loads(json.dumps(doc)), "gallery is stale: run python3 -m checkers.gallery"
    assert (gallery.GALLERY / f"{variant}.md").read_text(encoding="utf-8") == md


# The real model in the same setup has no counterexample of that length (it is the bug that makes it).
# Variants whose setup the real model also fails (none: a leader now steps down on its own timer
# before time can pass its renew deadline).
REAL_MODEL_FAILS: dict[str, str] = {}


@pytest.mark.parametrize("variant", sorted(EXPECTED))
def test_the_real_model_does_not_break_the_property_in_the_same_setup(variant: str) -> None:
    import invariants

    if variant in REAL_MODEL_FAILS:
        pytest.xfail(REAL_MODEL_FAILS[variant])
    setup, prop = EXPECTED[variant]
    depth = SHORTEST[variant] if invariants.get(prop).kind != "eventually" else gallery.LIVENESS_BOUND
    report = bmc.check(build_system(None, setup), [invariants.get(prop)], bound=min(depth, 12), max_states=20_000)
    assert report.results[prop].status in ("proved", "bounded"), report.results[prop].detail
