"""Each known-bad variant (model.variants) really misbehaves — and the real model, run the same
way, does not. These are the behaviours the verification suite's invariants must catch."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from model.config import NodeConfig, default_config, web_deployment
from model.errors import ModelError
from model.runner import settle
from model.system import Deliver, Model, PodCrash, Reconcile, State
from model.useractions import Scale, UpdateImage
from model.variants import VARIANTS, variant_names

NEW = "registry.k8s.io/e2e-test-images/httpd:2.4.39-4"


def _model(variant: str | None, **changes: Any) -> Model:
    return Model(dataclasses.replace(default_config(), script=(), variant=variant, **changes))


def _observe(m: Model, s: State, fn: Any, seconds: int = 120) -> tuple[State, list[Any]]:
    seen = [fn(s)]
    s, _ = settle(m, s, seconds, on_change=lambda st, _a: seen.append(fn(st)))
    return s, seen


def _rollout(variant: str | None, deployment: Any, fn: Any, **changes: Any) -> list[Any]:
    m = _model(variant, objects=(deployment,), **changes)
    (s,) = m.init_states()
    s = m.step(s, UpdateImage("web", "web", NEW))
    _, seen = _observe(m, s, fn)
    return seen


def test_every_variant_is_catalogued_with_the_invariant_it_breaks() -> None:
    assert set(variant_names()) >= {
        "surge-rounds-up-unavailable", "no-surge-bound", "scale-down-ready-first", "edge-triggered",
        "recreate-no-wait", "ignore-expectations", "scheduler-ignores-capacity", "double-bind",
        "lease-expiry-wrong-side", "history-deletes-rollback-target", "hpa-no-stabilization", "hpa-ignores-bounds"}
    assert all(v.breaks and v.description and v.status == "implemented" for v in VARIANTS.values())


def _available(s: State) -> int:
    return s.get("Deployment", "web").status.available_replicas


@pytest.mark.parametrize(("variant", "floor"), [(None, 3), ("surge-rounds-up-unavailable", 2)])
def test_unavailable_rounding(variant: str | None, floor: int) -> None:
    # 4 replicas, maxUnavailable 30 %: floor(1.2) = 1 may be unavailable; rounded up, 2.
    d = web_deployment(replicas=4, max_surge=0, max_unavailable="30%")
    seen = _rollout(variant, d, _available)
    assert min(seen) == floor


def _spec_total(s: State) -> int:
    return sum(rs.spec.replicas or 0 for rs in s.objects("ReplicaSet"))


@pytest.mark.parametrize(("variant", "ceiling"), [(None, 5), ("no-surge-bound", 8)])
def test_surge_bound(variant: str | None, ceiling: int) -> None:
    d = web_deployment(replicas=4, max_surge=1, max_unavailable=0)
    seen = _rollout(variant, d, _spec_total)
    assert max(seen) == ceiling


@pytest.mark.parametrize(("variant", "ready_after"), [(None, 2), ("scale-down-ready-first", 1)])
def test_scale_down_order(variant: str | None, ready_after: int) -> None:
    m = _model(variant, objects=(web_deployment(replicas=3),))
    (s,) = m.init_states()
    victim = s.objects("Pod")[0]
    s = m.step(dataclasses.replace(s, faults_left=s.faults_left.__class__(pod_crashes=1)),
               PodCrash(f"default/{victim.metadata.name}"))
    s = m.step(s, Scale("deployment", "web", 2))
    # Run the controllers but not the crashed pod's restart (10 s back-off): settle for 5 s.
    s, _ = settle(m, s, 5)
    from model.controllers.controller_utils import is_pod_ready

    live = [p for p in s.objects("Pod") if p.metadata.deletion_timestamp is None]
    assert len(live) == 2
    assert sum(is_pod_ready(p) for p in live) == ready_after


def _old_and_new_together(s: State) -> bool:
    # Pods of the old template (even terminating ones: their containers still run) alongside pods
    # of the new one. The status-level check (updatedReplicas vs replicas) cannot see this, since
    # status.replicas leaves terminating pods out.
    images = {p.spec.containers[0].image for p in s.objects("Pod")}
    return len(images) > 1


@pytest.mark.parametrize(("variant", "overlap"), [(None, False), ("recreate-no-wait", True)])
def test_recreate_waits_for_old_pods(variant: str | None, overlap: bool) -> None:
    d = web_deployment(replicas=2, strategy="Recreate")
    cfg_timings = dataclasses.replace(default_config().timings, termination=5)  # containers take 5 s to exit
    seen = _rollout(variant, d, _old_and_new_together, timings=cfg_timings)
    assert any(seen) == overlap


@pytest.mark.parametrize(("variant", "pods"), [(None, 2), ("ignore-expectations", 4)])
def test_expectations_guard_a_stale_cache(variant: str | None, pods: int) -> None:
    m = _model(variant, start_settled=False)
    (s,) = m.init_states()
    while s.informer("kcm").pending:
        s = m.step(s, Deliver("kcm"))
    s = m.step(s, Reconcile("deployment-controller", "default/web"))
    while s.informer("kcm").pending:
        s = m.step(s, Deliver("kcm"))
    (rs,) = s.objects("ReplicaSet")
    key = f"default/{rs.metadata.name}"
    s = m.step(s, Reconcile("replicaset-controller", key))
    assert len(s.objects("Pod")) == 2
    # The pod creations have not reached the cache; the RS is synced again (e.g. a resync).
    s = m.step(s, Reconcile("replicaset-controller", key))
    assert len(s.objects("Pod")) == pods


def _overcommitted(s: State) -> bool:
    from model.controllers.scheduler.quantities import milli_value  # type: ignore[attr-defined]

    for n in s.objects("Node"):
        used = sum(milli_value(dict(c.resources.requests).get("cpu", "0"))
                   for p in s.objects("Pod") if p.spec.node_name == n.metadata.name for c in p.spec.containers)
        if used > milli_value(dict(n.status.allocatable)["cpu"]):
            return True
    return False


@pytest.mark.parametrize(("variant", "over"), [(None, False), ("scheduler-ignores-capacity", True)])
def test_scheduler_capacity(variant: str | None, over: bool) -> None:
    nodes = (NodeConfig("node-1", cpu="1"), NodeConfig("node-2", cpu="1"))
    m = _model(variant, nodes=nodes, objects=(web_deployment(replicas=6, cpu="400m"),), start_settled=False)
    (s,) = m.init_states()
    s, seen = _observe(m, s, _overcommitted, 60)
    assert any(seen) == over
    if variant is None:  # two pods do not fit anywhere: they stay Pending, Unschedulable
        assert sum(1 for p in s.objects("Pod") if not p.spec.node_name) == 2


def _rebound(history: dict[str, str]) -> Any:
    def fn(s: State) -> bool:
        moved = False
        for p in s.objects("Pod"):
            if p.spec.node_name:
                if history.setdefault(p.metadata.name, p.spec.node_name) != p.spec.node_name:
                    moved = True
        return moved
    return fn


@pytest.mark.parametrize(("variant", "moved"), [(None, False), ("double-bind", True)])
def test_a_pod_is_bound_once(variant: str | None, moved: bool) -> None:
    from model.useractions import MakeImageUnpullable

    m = _model(variant, start_settled=False, objects=(web_deployment(replicas=3),))
    (s,) = m.init_states()
    # Pods that cannot pull their image stay Pending after binding (the window a re-bind needs).
    s = m.step(s, MakeImageUnpullable(web_deployment().spec.template.spec.containers[0].image))
    fn = _rebound({})
    seen = [fn(s)]
    try:
        settle(m, s, 60, on_change=lambda st, _a: seen.append(fn(st)))
    except ModelError as exc:  # the variant keeps moving pods back and forth: a livelock
        assert variant is not None and exc.kind == "Livelock"
    assert any(seen) == moved


@pytest.mark.parametrize(("variant", "kept"), [(None, 2), ("history-deletes-rollback-target", 1)])
def test_revision_history_keeps_the_rollback_target(variant: str | None, kept: int) -> None:
    m = _model(variant)
    (s,) = m.init_states()
    s = m.step(s, UpdateImage("web", "web", NEW))
    s, _ = settle(m, s, 120)
    assert len(s.objects("ReplicaSet")) == kept


def _undo_after_rollout(variant: str | None) -> tuple[Any, Any]:
    from model.useractions import Undo

    m = _model(variant, objects=(web_deployment(replicas=1),))
    (s,) = m.init_states()
    before = s.get("Deployment", "web").spec.template
    s, _ = settle(m, m.step(s, UpdateImage("web", "web", NEW)), 120)
    s = m.step(s, Undo("web"))
    return before, s.get("Deployment", "web").spec.template


@pytest.mark.parametrize(("variant", "restored"), [(None, True), ("undo-copies-current-template", False)])
def test_undo_restores_the_previous_template(variant: str | None, restored: bool) -> None:
    before, after = _undo_after_rollout(variant)
    assert (after == before) is restored
    assert (after.spec.containers[0].image == NEW) is not restored


@pytest.mark.parametrize(("variant", "complete"), [(None, True), ("deployment-ignores-replicaset-events", False)])
def test_a_fresh_deployment_completes_only_if_its_controller_sees_replicaset_updates(
        variant: str | None, complete: bool) -> None:
    from model.controllers.deployment.util import deployment_complete

    m = _model(variant, objects=(web_deployment(replicas=2),), start_settled=False)
    (s,) = m.init_states()
    s, _ = settle(m, s, 120)
    d = s.get("Deployment", "web")
    rs = s.objects("ReplicaSet")[0]
    assert rs.status.available_replicas == 2  # the pods are up either way
    assert deployment_complete(d, d.status) is complete


@pytest.mark.parametrize(("variant", "replica_sets"), [(None, 1), ("hash-includes-generation", 2)])
def test_a_scale_keeps_one_replicaset_per_template(variant: str | None, replica_sets: int) -> None:
    m = _model(variant, objects=(web_deployment(replicas=1),))
    (s,) = m.init_states()
    s, _ = settle(m, m.step(s, Scale("deployment", "web", 2)), 120)
    rss = s.objects("ReplicaSet")
    assert len(rss) == replica_sets
    assert len({rs.spec.template.spec.containers[0].image for rs in rss}) == 1  # the same template
