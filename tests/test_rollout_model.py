"""The rollout-level model (checkers/rollout_model.py): its decisions are the model's deployment
functions, its properties hold and catch broken variants, node symmetry shrinks it, and it
over-approximates the cluster model (every reachable cluster state abstracts to a reachable state)."""

from __future__ import annotations

import pytest

from checkers import bmc
from checkers.rollout_model import (
    READY,
    STARTING,
    UP,
    NodeCount,
    RAction,
    RolloutModel,
    RSCount,
    RState,
    deployment_pass,
    rollout_properties,
    simulation_gaps,
)


def check(model: RolloutModel, symmetry: bool = True) -> bmc.BmcReport:
    return bmc.check(model, rollout_properties(), bound=500, key=model.canonical if symmetry else None,
                     stop_when_decided=False)


def statuses(report: bmc.BmcReport) -> dict[str, str]:
    return {n: r.status for n, r in report.results.items()}


# -- the deployment controller's pass is rolling.go's, through the model's functions


def test_a_new_replicaset_is_created_at_the_surge_room_and_old_ones_wait_for_it() -> None:
    # replicas 3, maxSurge 1, maxUnavailable 0: NewRSNewReplicas = min(3+1-3, 3) = 1; the old RS
    # may not shrink (3 + 1 - 3 - 1 unavailable new = 0)
    assert deployment_pass(3, 1, 0, 2, (RSCount(1, 3, 3),)) == ((1, 3), (2, 1))
    # once the new pod is available the old RS gives up one replica
    assert deployment_pass(3, 1, 0, 2, (RSCount(1, 3, 3), RSCount(2, 1, 1))) == ((1, 2), (2, 1))
    # ...but not while the status still says it is unavailable
    assert deployment_pass(3, 1, 0, 2, (RSCount(1, 3, 3), RSCount(2, 1, 0))) == ((1, 3), (2, 1))


def test_without_surge_the_pass_that_creates_the_new_replicaset_also_shrinks_the_old_one() -> None:
    assert deployment_pass(3, 0, 1, 2, (RSCount(1, 3, 3),)) == ((1, 2), (2, 0))


def test_percent_fenceposts_round_surge_up_and_unavailable_down() -> None:
    # 25% of 4: surge 1, unavailable 1
    assert deployment_pass(4, "25%", "25%", 2, (RSCount(1, 4, 4),)) == ((1, 3), (2, 1))
    m = RolloutModel(3, "25%", "25%")
    assert (m.max_surge, m.max_unavailable, m.min_available) == (1, 0, 3)


# -- the ReplicaSet controller's victims are ranked as ActivePodsWithRanks ranks them


def test_an_unscheduled_pod_is_deleted_first() -> None:
    m = RolloutModel(2, 1, 0, nodes=2)
    s = RState(2, (RSCount(1, 1, 2), RSCount(2, 1, 0)), ((1, 1),),
               (NodeCount(UP, ((1, READY, 2),)), NodeCount(UP, ((2, STARTING, 1),))))
    deletes = [str(a) for a in m.actions(s) if a.kind == "DeletePod"]
    assert deletes == ["DeletePod(rs1)"]


def test_among_ready_pods_the_one_on_the_more_crowded_node_goes() -> None:
    m = RolloutModel(3, 1, 0, nodes=2)
    s = RState(2, (RSCount(1, 2, 3), RSCount(2, 1, 0)), (),
               (NodeCount(UP, ((1, READY, 1),)), NodeCount(UP, ((1, READY, 2),))))
    assert [a for a in m.actions(s) if a.kind == "DeletePod"] == [
        RAction("DeletePod", 1, 1, READY, actor="replicaset-controller")]


# -- properties: proved on the real model, each one catches a broken variant


@pytest.mark.parametrize("placement", ["nodes", "pool"])
def test_a_rollout_with_a_node_failure_is_proved_safe_and_live(placement: str) -> None:
    report = check(RolloutModel(2, 1, 0, nodes=3, node_failures=1, placement=placement))
    assert report.complete
    assert set(statuses(report).values()) == {"proved"}


def test_every_property_holds_on_two_nodes_without_faults_and_state_counts_are_pinned() -> None:
    report = check(RolloutModel(2, 1, 0, nodes=2))
    assert statuses(report) == {
        "rollout_surge_bound": "proved", "rollout_availability_floor": "proved", "rollout_completes": "proved",
        "rollout_reaches_revision_2": "proved", "rollout_completes_after_node_failure": "n/a",
        "rollout_pods_above_surge": "proved"}
    assert report.distinct == 98
    assert check(RolloutModel(2, 1, 0, nodes=2, symmetry=False), symmetry=False).distinct == 188
    assert check(RolloutModel(2, 1, 0, nodes=2, placement="pool")).distinct == 24


def test_pods_but_not_specs_may_exceed_the_surge_bound() -> None:
    witness = check(RolloutModel(2, 1, 0, nodes=2)).results["rollout_pods_above_surge"].trace
    assert witness is not None
    last = witness.states[-1]
    assert sum(r.spec for r in last.rss) <= 3 and sum(n.count() for n in last.nodes) + sum(
        n for _r, n in last.pending) == 4


def _trace(report: bmc.BmcReport, prop: str) -> list[str]:
    result = report.results[prop]
    assert result.status == "violated" and result.trace is not None
    return [str(a) for a in result.trace.actions]


@pytest.mark.parametrize("variant", ["surge-off-by-one", "new-rs-to-replicas"])
def test_a_wrong_surge_is_caught_by_the_surge_bound_in_two_steps(variant: str) -> None:
    report = check(RolloutModel(2, 1, 0, nodes=2, variant=variant))
    assert _trace(report, "rollout_surge_bound") == ["UpdateTemplate(rev2)", "SyncDeployment"]
    assert report.results["rollout_availability_floor"].status == "proved"


def test_scaling_old_replicasets_down_at_once_is_caught_by_the_availability_floor() -> None:
    report = check(RolloutModel(2, 1, 0, nodes=2, variant="old-rs-ignores-availability"))
    assert _trace(report, "rollout_availability_floor") == [
        "UpdateTemplate(rev2)", "SyncDeployment", "DeletePod(rs1 ready node1)"]


def test_a_replicaset_status_never_written_stalls_the_rollout_forever() -> None:
    report = check(RolloutModel(2, 1, 0, nodes=2, variant="status-never-updated"))
    live = report.results["rollout_completes"]
    assert live.status == "violated" and live.trace is not None and live.trace.loop is not None
    assert report.results["rollout_reaches_revision_2"].status == "violated"
    stuck = live.trace.states[-1]
    assert stuck.rss == (RSCount(1, 2, 2), RSCount(2, 1, 0))


def test_unknown_variant_and_impossible_pool_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown rollout variant"):
        RolloutModel(variant="nope")
    with pytest.raises(ValueError, match="never fails"):
        RolloutModel(nodes=1, node_failures=1, placement="pool")


# -- symmetry


def test_node_symmetry_shrinks_the_space_more_as_nodes_are_added() -> None:
    for nodes in (2, 3):
        with_sym = check(RolloutModel(2, 1, 1, nodes=nodes)).distinct
        without = check(RolloutModel(2, 1, 1, nodes=nodes, symmetry=False), symmetry=False).distinct
        assert with_sym < without
    assert check(RolloutModel(2, 1, 1, nodes=3)).distinct * 3 < check(
        RolloutModel(2, 1, 1, nodes=3, symmetry=False), symmetry=False).distinct


# -- soundness: the rollout model simulates the cluster model


@pytest.mark.parametrize("placement", ["nodes", "pool"])
def test_every_reachable_cluster_state_is_abstracted_by_a_reachable_rollout_state(placement: str) -> None:
    concrete, abstract, gaps = simulation_gaps(1, 1, 0, nodes=2, placement=placement)
    assert concrete == 217 and gaps == []
    assert abstract < concrete


def test_the_simulation_check_finds_a_model_that_does_not_over_approximate() -> None:
    # a rollout model whose ReplicaSet controller never writes status cannot reach the cluster
    # states in which a status was updated: the check must say so
    import checkers.rollout_model as rm

    original = rm.RolloutModel.__init__

    def broken(self: RolloutModel, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.variant = "status-never-updated"

    rm.RolloutModel.__init__ = broken  # type: ignore[method-assign]
    try:
        _concrete, _abstract, gaps = simulation_gaps(1, 1, 0, nodes=2)
    finally:
        rm.RolloutModel.__init__ = original  # type: ignore[method-assign]
    assert gaps


@pytest.mark.slow
@pytest.mark.parametrize("placement", ["nodes", "pool"])
def test_with_a_node_failure_every_cluster_state_is_abstracted_too(placement: str) -> None:
    concrete, _abstract, gaps = simulation_gaps(1, 1, 0, nodes=2, node_failures=1, placement=placement)
    assert concrete == 49142 and gaps == []


@pytest.mark.slow
@pytest.mark.parametrize("placement", ["nodes", "pool"])
def test_two_replicas_every_cluster_state_is_abstracted(placement: str) -> None:
    concrete, _abstract, gaps = simulation_gaps(2, 1, 0, nodes=2, placement=placement)
    assert concrete == 76463 and gaps == []


@pytest.mark.slow
@pytest.mark.parametrize("placement", ["nodes", "pool"])
def test_unavailability_budget_every_cluster_state_is_abstracted(placement: str) -> None:
    concrete, _abstract, gaps = simulation_gaps(1, 0, 1, nodes=2, placement=placement)
    assert concrete == 18203 and gaps == []


# -- the sweep: every pair, exhaustively, on a process pool


def test_the_rollout_sweep_exhausts_every_pair_for_one_to_three_replicas_with_a_node_failure() -> None:
    from checkers.sweep import ALL_PAIRS, jobs, sweep

    assert len(ALL_PAIRS) == 9 and (0, 0) not in ALL_PAIRS
    todo = jobs([1, 2, 3], ALL_PAIRS, nodes=3, node_failures=1, bound=10_000, model="rollout")
    results = sweep(todo, workers=2)
    assert len(results) == 27
    assert all(r["complete"] for r in results)
    assert [r["job"] for r in results if r["violated"]] == []
    by_job = {r["job"]: r for r in results}
    assert by_job["replicas=3 surge=1 unavailable=0 nodes=3 failures=1"]["distinct"] == 2784
    assert by_job["replicas=2 surge=0 unavailable=1 nodes=3 failures=1"]["distinct"] == 527
    # every property is decided, none left bounded or unknown
    cells = {cell for r in results for name, cell in r["results"].items() if name != "rollout_pods_above_surge"}
    assert not any(c.startswith(("exhaustive to bound", "unknown", "VIOLATED")) for c in cells)


def test_the_sweep_command_reports_the_rollout_model(capsys: pytest.CaptureFixture[str]) -> None:
    from checkers.sweep import main

    assert main(["--model", "rollout", "--replicas", "1", "--pairs", "1/0", "25%/25%", "--node-failures", "1",
                 "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "replicas=1 surge=1 unavailable=0 nodes=3 failures=1: 132 states" in out
    assert "2 configurations in" in out and "0 with violations or not exhausted" in out


def test_the_sweep_configuration_passes_where_a_broken_variant_fails() -> None:
    from checkers.sweep import Job, run_rollout_job

    # the sweep's jobs check the real model; the same configuration with a broken controller fails
    report = check(RolloutModel(3, 1, 0, nodes=3, node_failures=1, placement="pool", variant="new-rs-to-replicas"))
    assert report.results["rollout_surge_bound"].status == "violated"
    ok = run_rollout_job(Job(3, 1, 0, 3, 1, 10_000, model="rollout"))
    assert ok["violated"] == [] and ok["complete"]
