"""Plain `kubeproof verify`: the default suite of small clusters the model checker exhausts, the
Hypothesis exploration, and the honesty of the summarised table cells."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from argparse import Namespace
from pathlib import Path

import pytest

import invariants
from checkers import bmc
from checkers.cli import main
from checkers.stateful import explore
from checkers.symmetry import key_function
from checkers.systemspec import DEFAULT_SUITE, SETUPS, build_system, spec_for
from checkers.traces import load_itf, replay, write_trace
from checkers.verify_cli import Cluster, suite_cell

ROOT = Path(__file__).resolve().parents[1]


def _checked(entry: object) -> list[invariants.Property]:
    return [p for p in invariants.all_properties() if p.name not in entry.skip]  # type: ignore[attr-defined]


def test_every_property_applies_on_some_cluster_of_the_suite() -> None:
    models = {s.setup: build_system(None, s.setup) for s in DEFAULT_SUITE}
    for p in invariants.all_properties():
        where = [s.setup for s in DEFAULT_SUITE if p.name not in s.skip and p.applies(models[s.setup])]
        assert where, f"{p.name} applies on no cluster of DEFAULT_SUITE"


def test_the_suite_names_known_setups_and_says_why_it_skips() -> None:
    assert len({s.setup for s in DEFAULT_SUITE}) == len(DEFAULT_SUITE)
    for s in DEFAULT_SUITE:
        assert s.setup in SETUPS and s.story
        assert not s.skip or s.why_skip, s.setup
        assert all(invariants.get(name) for name in s.skip)


# setup -> distinct states: a change in a suite cluster's state space is a visible, reviewed decision
SUITE_STATES = {"rollout-1-fresh-caches": 217, "undo-after-rollout-1": 469, "fresh-start-1": 188,
                "scale-1-to-2": 287, "stale-cache-start-1": 2905, "recreate-1-fresh-caches": 742,
                "two-managers-lease-loss": 18, "hpa-1-near-target": 594}


def test_the_model_checker_exhausts_every_cluster_of_the_suite_and_proves_each_property() -> None:
    # about 5,400 states in all: seconds, so plain `verify` proves rather than bounds
    assert set(SUITE_STATES) == {s.setup for s in DEFAULT_SUITE}
    for s in DEFAULT_SUITE:
        model = build_system(None, s.setup)
        report = bmc.check(model, _checked(s), bound=1000, key=key_function(model))
        assert report.complete and report.distinct == SUITE_STATES[s.setup], (s.setup, report.distinct)
        bad = {n: r.detail for n, r in report.results.items() if r.status not in ("proved", "n/a")}
        assert not bad, (s.setup, bad)


def test_undo_after_a_finished_rollout_starts_from_the_settled_rollout() -> None:
    model = build_system(None, "undo-after-rollout-1")
    (init,) = model.init_states()
    from invariants import view

    (d,) = view.deployments(init)
    assert d.spec.template.spec.containers[0].image.endswith("2.4.39-4")  # the update is done
    assert len(view.owned_rss(init, d)) == 2 and invariants.get("a_rollback_completes").applies(model)


def _cluster(label: str, report: bmc.BmcReport) -> Cluster:
    return Cluster(label, "", None, None, bmc=report, results=list(report.results.values()))


def test_a_cell_says_proved_only_for_clusters_explored_completely() -> None:
    prop = invariants.get("rolling_update_surge_bound")
    small = build_system(None, "rollout-1-fresh-caches")
    complete = bmc.check(small, [prop], bound=1000)
    bounded = bmc.check(small, [prop], bound=5)
    assert complete.complete and not bounded.complete
    assert suite_cell(prop, "bmc", [_cluster("a", complete)]) == "proved on 1"
    cell = suite_cell(prop, "bmc", [_cluster("a", bounded)])
    assert cell == "bound 5 on 1" and "proved" not in cell
    assert suite_cell(prop, "bmc", [_cluster("a", complete), _cluster("b", bounded)]) == "proved on 1; bound 5 on 2"


def test_hypothesis_finds_the_surge_bug_and_its_shrunk_run_replays(tmp_path: Path) -> None:
    prop = invariants.get("rolling_update_surge_bound")
    model = build_system("no-surge-bound", "default")
    results = explore(model, [prop], examples=30, steps=20)
    r = results[prop.name]
    assert r.status == "violated" and r.checker == "hypothesis" and r.trace is not None
    assert len(r.trace) <= 6  # shrunk: the user's change, its delivery, one reconcile (and little else)
    itf, _ = write_trace(r.trace, spec_for("no-surge-bound", "default"), tmp_path / "surge")
    outcome = replay(load_itf(itf), key=None)
    assert outcome.confirmed, outcome.message


def test_hypothesis_exploration_is_reproducible_and_counts_its_runs() -> None:
    model = build_system(None, "rollout-1-fresh-caches")
    props = [invariants.get("rolling_update_surge_bound"), invariants.get("a_rollout_completes")]
    first = explore(model, props, examples=5, steps=15)
    again = explore(model, props, examples=5, steps=15)
    assert [(r.status, r.detail) for r in first.values()] == [(r.status, r.detail) for r in again.values()]
    assert first["rolling_update_surge_bound"].detail.startswith("no violation in ")


def test_plain_verify_runs_the_suite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", "--seconds", "4", "--runs", "2", "--no-z3", "--quiet", "--reports", str(tmp_path),
                 "--property", "rolling_update_surge_bound", "--property", "at_most_one_active_leader"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "proved on 7" in out  # leader election: the two-managers cluster, explored completely
    assert "rollout-1-fresh-caches" in out and "default" in out
    (run,) = tmp_path.iterdir()
    summary = json.loads((run / "summary.json").read_text())
    assert summary["suite"] and [c["setup"] for c in summary["clusters"]][:len(DEFAULT_SUITE)] == \
        [s.setup for s in DEFAULT_SUITE]
    assert {r["checker"] for r in summary["results"]} == {"bmc", "hypothesis"}


def test_sigint_during_verify_writes_the_report(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "checkers.cli", "verify", "--no-z3", "--reports", str(tmp_path), "--seconds", "60"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stderr is not None
    for line in proc.stderr:  # wait until the model checker is at work (imports take long on a busy machine)
        if line.startswith("bmc ["):
            break
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "report:" in out
    (run,) = tmp_path.iterdir()
    assert json.loads((run / "summary.json").read_text())["interrupted"] is True


def test_one_cluster_options_still_check_one_cluster() -> None:
    from checkers.verify_cli import clusters_for

    args = Namespace(setup="rollout-1", manifests=None, variant=None, config=None)
    (c,) = clusters_for(args)
    assert c.label == "rollout-1"
    (v,) = clusters_for(Namespace(setup=None, manifests=None, variant="no-surge-bound", config=None))
    assert v.spec.args["variant"] == "no-surge-bound"
