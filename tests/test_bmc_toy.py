"""The bounded model checker on the toy rolling-update model: results, shortest traces, lassos."""

from __future__ import annotations

import io

import pytest

from checkers import bmc
from checkers.toy import ToyModel, toy_properties


def run(model: ToyModel, bound: int = 40, symmetry: bool = False) -> bmc.BmcReport:
    return bmc.check(model, toy_properties(), bound=bound, key=model.canonical if symmetry else None)


@pytest.mark.parametrize("symmetry", [False, True])
def test_the_correct_toy_rollout_is_proved_and_its_rollout_reachable(symmetry: bool) -> None:
    report = run(ToyModel(2, 1, 0), symmetry=symmetry)
    assert report.complete
    statuses = {n: r.status for n, r in report.results.items()}
    assert statuses == {"toy_surge": "proved", "toy_availability": "proved", "toy_one_pod_per_step": "proved",
                        "toy_rollout_completes": "proved", "toy_converges": "proved"}
    witness = report.results["toy_rollout_completes"].trace
    assert witness is not None and len(witness) == 13


def test_pinned_state_counts_with_and_without_symmetry() -> None:
    assert run(ToyModel(2, 1, 0)).distinct == 24
    assert run(ToyModel(2, 1, 0), symmetry=True).distinct == 23
    assert run(ToyModel(3, 1, 1)).distinct > run(ToyModel(3, 1, 1), symmetry=True).distinct


def test_ignoring_surge_is_caught_with_the_shortest_trace() -> None:
    result = run(ToyModel(2, 1, 0, "ignore_surge")).results["toy_surge"]
    assert result.status == "violated"
    assert result.trace is not None
    assert [str(a) for a in result.trace.actions] == ["UpdateTemplate(rev2)", "SyncDeployment(web)"]


def test_never_ready_pods_make_the_rollout_unreachable_and_liveness_fail_with_a_lasso() -> None:
    report = run(ToyModel(2, 1, 0, "never_ready"))
    assert report.results["toy_rollout_completes"].status == "violated"
    live = report.results["toy_converges"]
    assert live.status == "violated" and live.trace is not None and live.trace.loop is not None
    assert not ToyModel(2, 1, 0, "never_ready").actions(live.trace.states[-1]) == ()


def test_a_livelock_is_a_fair_lasso_found_before_the_bound() -> None:
    report = run(ToyModel(2, 1, 0, "livelock"), bound=12)
    assert not report.complete
    live = report.results["toy_converges"]
    assert live.status == "violated" and live.trace is not None
    trace = live.trace
    assert trace.loop is not None and trace.states[-1] == trace.states[trace.loop]
    # safety was only checked to the bound: that is not a proof
    assert report.results["toy_surge"].status == "bounded"
    assert report.results["toy_rollout_completes"].status == "unknown"


def test_transition_properties_are_checked_on_every_edge() -> None:
    from invariants.property import Property

    never_create = Property("no_pod_created", "always", lambda m, s: True, "No pod is ever created.",
                            step=lambda m, b, a, c: len(c.pods) <= len(b.pods))
    report = bmc.check(ToyModel(2, 1, 0), [never_create], bound=10)
    r = report.results["no_pod_created"]
    assert r.status == "violated" and r.trace is not None
    assert str(r.trace.actions[-1]) == "SyncReplicaSet(rs2)"


def test_budgets_and_progress_leave_an_honest_unknown() -> None:
    stream = io.StringIO()
    report = bmc.check(ToyModel(3, 1, 1, faults=True), toy_properties(), bound=50, max_states=50,
                       progress=bmc.Progress(stream=stream, every=0.0))
    assert report.stop_reason.startswith("state budget")
    surge = report.results["toy_surge"]
    # only the levels explored completely count: "exhaustive to bound k", never "proved"
    assert surge.status == "bounded" and "state budget" in surge.detail
    assert report.results["toy_rollout_completes"].status == "unknown"
    assert "states/s" in stream.getvalue() and "distinct" in stream.getvalue()


def test_keyboard_interrupt_keeps_what_was_found() -> None:
    model = ToyModel(2, 1, 0, "ignore_surge")
    calls = {"n": 0}
    real_step = model.step

    def step(s, a):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 8:
            raise KeyboardInterrupt
        return real_step(s, a)

    model.step = step  # type: ignore[method-assign]
    report = bmc.check(model, toy_properties(), bound=40, stop_when_decided=False)
    assert report.interrupted
    assert report.results["toy_surge"].status == "violated"
    floor = report.results["toy_availability"]
    assert floor.status in ("bounded", "unknown") and "interrupted" in floor.detail
