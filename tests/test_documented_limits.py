"""Limits of Kubernetes' promises that the model reproduces on purpose.

These are not model bugs: each is a run real controllers can take, written down in the property's
documentation. Pinning the shortest trace keeps the documentation honest — if the model stops
reaching the situation (or reaches it differently), this test says so.
"""

from __future__ import annotations

from pathlib import Path

import invariants
from checkers import bmc
from checkers.symmetry import key_for
from checkers.systemspec import build_system, spec_for
from checkers.traces import load_itf, replay, write_trace


def test_undo_on_a_stale_replicaset_status_breaks_the_availability_floor(tmp_path: Path) -> None:
    prop = invariants.get("rolling_update_availability_floor")
    assert "rollout-then-undo-fresh-caches" in prop.doc
    report = bmc.check(build_system(None, "rollout-then-undo-fresh-caches"), [prop], bound=40)
    result = report.results[prop.name]
    assert result.status == "violated"
    assert result.trace is not None
    actions = [str(a) for a in result.trace.actions]
    assert len(actions) == 15
    # the undo comes after the old ReplicaSet deleted its pod and before its status caught up
    undo = next(i for i, a in enumerate(actions) if "undo" in a.lower())
    assert undo > 0 and any("replicaset-controller" in a for a in actions[:undo])
    # and the trace a user would get replays to the same violation
    itf, _ = write_trace(result.trace, spec_for(None, "rollout-then-undo-fresh-caches"), tmp_path / "limit")
    assert replay(load_itf(itf), key=key_for).confirmed
