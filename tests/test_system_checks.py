"""The checkers on the cluster model: pinned exploration results, the property catalogue, the
Hypothesis state machine, and the `kubeproof verify | variants | replay` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

import invariants
from checkers import bmc
from checkers.cli import main
from checkers.stateful import machine_for, simulate
from checkers.systemspec import build_system

# (setup, bound) -> distinct states explored, properties violated. As in the TLA+ examples
# repository: a change in the state space is a visible, reviewed decision.
PINNED = [
    ("default", 12, 148, []),
    ("rollout-1", 14, 351, []),
    ("stale-cache-start", 10, 46, []),
    ("dropped-event-scale", 10, 339, []),
    ("tight-nodes", 8, 30, []),
]


def test_a_rollout_with_fresh_caches_is_proved_exhaustively() -> None:
    # the whole state space (217 states): every property proved, liveness included
    report = bmc.check(build_system(None, "rollout-1-fresh-caches"), invariants.all_properties(), bound=200)
    assert report.complete and report.distinct == 217
    statuses = {r.status for r in report.results.values()}
    assert statuses == {"proved", "n/a"}


@pytest.mark.slow
def test_nightly_two_replica_rollout_with_fresh_caches_is_proved() -> None:
    report = bmc.check(build_system(None, "rollout-2-fresh-caches"), invariants.all_properties(), bound=400)
    assert report.complete and report.distinct == 76463
    assert {r.status for r in report.results.values()} == {"proved", "n/a"}


@pytest.mark.parametrize(("setup", "bound", "distinct", "violated"), PINNED)
def test_pinned_exploration_results(setup: str, bound: int, distinct: int, violated: list[str]) -> None:
    report = bmc.check(build_system(None, setup), invariants.all_properties(), bound=bound,
                       stop_when_decided=False)
    assert report.distinct == distinct
    assert sorted(n for n, r in report.results.items() if r.status == "violated") == violated


def test_the_catalogue_is_data_with_documented_limits() -> None:
    props = invariants.all_properties()
    names = [p.name for p in props]
    assert len(names) == len(set(names))
    assert {p.group for p in props} == set(invariants.GROUPS)
    kinds = {p.kind for p in props}
    assert kinds == {"always", "sometimes", "eventually"}
    for p in props:
        if p.kind != "sometimes":
            # each doc says what Kubernetes does NOT promise
            assert "not" in p.doc.lower(), p.name


def test_reachability_properties_are_witnessed_in_the_default_cluster() -> None:
    # a vacuous model would make every safety result worthless
    results = simulate(build_system(None, "default"), invariants.select(kinds=("sometimes",)), runs=3, steps=400)
    assert {r.status for r in results.values()} - {"n/a"} == {"proved"}


def test_hypothesis_state_machine_over_the_cluster() -> None:
    machine = machine_for(build_system(None, "default"), invariants.all_properties())
    # sized by the active profile (dev / ci / nightly, tests/conftest.py)
    machine.TestCase.settings = settings(settings.default, stateful_step_count=40)
    machine.TestCase().runTest()


def test_hypothesis_state_machine_finds_a_variant() -> None:
    machine = machine_for(build_system("no-surge-bound", "default"), [invariants.get("rolling_update_surge_bound")])
    machine.TestCase.settings = settings(settings.default, max_examples=30, stateful_step_count=20,
                                         derandomize=True, database=None)
    with pytest.raises(AssertionError, match="rolling_update_surge_bound"):
        machine.TestCase().runTest()


def test_verify_default_cluster_small_bound(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", "--setup", "default", "--bound", "8", "--runs", "3", "--seconds", "20",
                 "--reports", str(tmp_path), "--quiet"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "exhaustive to bound 8" in out and "no violation in 3 runs" in out and "proved" in out
    assert "hypothesis" in out.splitlines()[0]
    (run,) = tmp_path.iterdir()
    assert (run / "summary.md").is_file() and (run / "summary.json").is_file()


def test_verify_a_variant_fails_with_a_replayable_trace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", "--variant", "no-surge-bound", "--property", "rolling_update_surge_bound", "--bound", "5",
                 "--runs", "2", "--reports", str(tmp_path), "--quiet", "--no-z3"])
    out = capsys.readouterr().out
    assert code == 1 and "VIOLATED (3 steps)" in out
    (itf,) = tmp_path.glob("*/traces/rolling_update_surge_bound.bmc.itf.json")
    assert main(["replay", str(itf)]) == 0
    assert "confirmed" in capsys.readouterr().out


def test_variants_command_lists_each_variant_with_its_property(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["variants"]) == 0
    out = capsys.readouterr().out
    assert "no-surge-bound" in out and "rolling_update_surge_bound" in out and "edge-triggered" in out


def test_user_errors_are_one_line_not_tracebacks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--property", "no_such_property", "--quiet"]) == 2
    assert "unknown property 'no_such_property'" in capsys.readouterr().err
    assert main(["verify", "--variant", "nope", "--quiet"]) == 2
    assert main(["replay", "/nonexistent.itf.json"]) == 2


def test_sweep_runs_configurations_in_worker_processes() -> None:
    from checkers.sweep import jobs, sweep

    todo = jobs([1, 2], [(1, 0), (0, 0), (0, 1)], nodes=2, bound=4)
    assert len(todo) == 4  # 0/0 is not a valid strategy: skipped
    results = sweep(todo, workers=2)
    assert [r["job"] for r in results] == [j.label() for j in todo]
    assert all(r["violated"] == [] and r["distinct"] > 1 for r in results)


@pytest.mark.slow
def test_nightly_default_cluster_deeper() -> None:
    report = bmc.check(build_system(None, "default"), invariants.all_properties(), bound=26)
    assert not [n for n, r in report.results.items() if r.status == "violated"]


@pytest.mark.slow
def test_nightly_rolling_update_sweep_with_a_node_failure() -> None:
    from checkers.sweep import jobs, sweep

    todo = jobs(range(1, 5), [(1, 0), (0, 1), (1, 1), ("25%", "25%")], nodes=3, node_failures=1, bound=10)
    assert all(r["violated"] == [] for r in sweep(todo))
