"""The HPA wired into the cluster: CPU load set on a Deployment makes it scale up at the next 15 s
sync; after the load drops it scales down only once the 300 s down-scale stabilization window has
passed (semantics/autoscaling.md §7-§8)."""

from __future__ import annotations

import dataclasses

import pytest

from model.config import default_config
from model.runner import advance, settle
from model.system import Model
from model.useractions import Apply, SetCPULoad

types = pytest.importorskip("model.controllers.podautoscaler.types")


def _hpa() -> object:
    return types.hpa_from_json({
        "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                 "minReplicas": 1, "maxReplicas": 5,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                     "type": "Utilization", "averageUtilization": 100}}}]},
    })


def _replicas(s) -> int:
    return s.get("Deployment", "web").spec.replicas


def _run(variant: str | None = None):
    m = Model(dataclasses.replace(default_config(), script=(), variant=variant))
    (s,) = m.init_states()
    s = m.step(s, Apply(_hpa()))
    s = m.step(s, SetCPULoad("Deployment", "web", 400))  # 2 pods x 100m requested: 200 % each
    s, _ = settle(m, s, 120)
    return m, s


def test_load_scales_up_then_down_after_the_stabilization_window() -> None:
    m, s = _run()
    assert _replicas(s) == 4  # 200 % / 100 % target: 2 -> 4
    s = m.step(s, SetCPULoad("Deployment", "web", 0))
    t0 = s.clock
    s, _ = advance(m, s, 280)
    assert _replicas(s) == 4  # the 300 s window still holds the high recommendation
    s, _ = settle(m, s, 120)
    assert _replicas(s) == 1
    assert s.clock - t0 >= 300


def test_without_stabilization_it_scales_down_at_the_next_sync() -> None:
    m, s = _run("hpa-no-stabilization")
    assert _replicas(s) == 4
    s = m.step(s, SetCPULoad("Deployment", "web", 0))
    s, _ = advance(m, s, 16)
    assert _replicas(s) == 1


def test_ignoring_bounds_exceeds_max_replicas() -> None:
    m = Model(dataclasses.replace(default_config(), script=(), variant="hpa-ignores-bounds"))
    (s,) = m.init_states()
    s = m.step(s, Apply(_hpa()))
    s = m.step(s, SetCPULoad("Deployment", "web", 2000))  # 1000 %: desired 20; max is 5
    s, _ = settle(m, s, 120)
    assert _replicas(s) > 5


def test_metrics_delay_postpones_the_reaction_to_a_load_change() -> None:
    base = default_config()
    m = Model(dataclasses.replace(base, script=(), timings=dataclasses.replace(base.timings, metrics_delay=60)))
    (s,) = m.init_states()
    s = m.step(s, Apply(_hpa()))
    s, _ = settle(m, s, 30)
    s = m.step(s, SetCPULoad("Deployment", "web", 400))
    s, _ = advance(m, s, 59)
    assert _replicas(s) == 2  # the HPA still sees no load
    s, _ = settle(m, s, 120)
    assert _replicas(s) == 4
