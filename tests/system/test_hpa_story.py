"""An HPA-driven scale-up and a stabilized scale-down, stepped through in the transition system
(semantics/autoscaling.md §1, §3, §7, §8).

The HPA is applied from a manifest (so it gets the API server's defaults) to Deployment ``web``
(2 pods requesting 100m CPU) with a 50 % CPU target and 1..10 replicas; a load of 600m arrives at
once, drops to 100m at 200 s. The controller reconciles every 15 s. What the story shows:

* no usable sample until 60 s: a just-ready pod's CPU sample is ignored until a whole metric window
  (1 min) lies after its Ready transition;
* scale-up in steps: each sync may grow by at most the scale-up limit;
* scale-down only once no recommendation above the new one is left in the 300 s window.
"""

from __future__ import annotations

import dataclasses

import pytest

from model.config import default_config
from model.runner import advance
from model.system import Model
from model.useractions import Apply, SetCPULoad

pytest.importorskip("model.controllers.podautoscaler.types")
manifests = pytest.importorskip("model.manifests")

HPA = """
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
"""


def _story(behavior: str = ""):
    (hpa,) = manifests.load_manifests(HPA + behavior)
    m = Model(dataclasses.replace(default_config(), script=(), max_seconds=3600))
    (s,) = m.init_states()
    s = m.step(s, Apply(hpa))
    s = m.step(s, SetCPULoad("Deployment", "web", 600))  # 300m per pod: 300 % of the request
    s, first = advance(m, s, 200)
    s = m.step(s, SetCPULoad("Deployment", "web", 100))
    s, second = advance(m, s, 500)
    syncs = []
    for action, after in first + second:
        if action.actor == "horizontal-pod-autoscaler":
            status = after.get("HorizontalPodAutoscaler", "web").status
            reasons = {c.type: c.reason for c in status.conditions}
            syncs.append((after.clock, after.get("Deployment", "web").spec.replicas, reasons.get("AbleToScale"),
                          reasons.get("ScalingLimited")))
    return s, syncs


def _at(syncs, t):
    return next(x for x in syncs if x[0] == t)[1:]


def test_the_controller_syncs_every_15_seconds() -> None:
    _, syncs = _story()
    assert [t for t, *_ in syncs] == list(range(0, 700, 15))


def test_legacy_scale_up_is_capped_per_sync_and_scale_down_waits_300s() -> None:
    """No ``spec.behavior``: scale-up limit max(2 x current, 4) per sync; stabilization takes the
    highest raw recommendation of the last 300 s, in both directions."""
    s, syncs = _story()
    assert _at(syncs, 45)[0] == 2                    # no usable CPU sample yet
    # 60 s: 2 pods at 300 % of a 50 % target want ceil(2 x 6) = 12; the limit is max(2 x 2, 4) = 4.
    assert _at(syncs, 60) == (4, "SucceededRescale", "ScaleUpLimit")
    # 75 s: the raw 12 of 60 s is still in the window: 12, capped at 2 x 4 = 8.
    assert _at(syncs, 75) == (8, "SucceededRescale", "ScaleUpLimit")
    # 90 s: 12 capped by maxReplicas.
    assert _at(syncs, 90) == (10, "SucceededRescale", "TooManyReplicas")
    # 200 s: the load drops to 10m per pod (10 %): the HPA wants 2, but at 195 s it recommended
    # ceil(10 x 60/50) = 12, which stays in the window while younger than 300 s (up to 495 s).
    assert {_at(syncs, t)[0] for t in range(210, 496, 15)} == {10}
    assert _at(syncs, 495)[1] == "ScaleDownStabilized"
    assert _at(syncs, 510) == (2, "SucceededRescale", "DesiredWithinRange")
    assert s.get("Deployment", "web").spec.replicas == 2   # 50 %: on target


def test_default_behavior_scale_up_policies_and_a_300s_scale_down_window() -> None:
    """``behavior: {}`` is defaulted: scale up by max(4 pods, 100 %) per 15 s, scale-up window 0;
    scale down by up to 100 % per 15 s after a 300 s window."""
    s, syncs = _story("  behavior: {}\n")
    # 60 s: 12 wanted; max(2 + 4, 2 x 2) = 6 allowed.
    assert _at(syncs, 60) == (6, "SucceededRescale", "ScaleUpLimit")
    # 75..105 s: the 4 new pods are not yet a metric window past Ready; counted at 0 % they bring
    # the ratio below 1, so the controller holds at 6 (no scale-up window to remember the 12).
    assert {_at(syncs, t)[0] for t in (75, 90, 105)} == {6}
    # 120 s: all 6 pods at 100 % want 12: maxReplicas 10.
    assert _at(syncs, 120) == (10, "SucceededRescale", "TooManyReplicas")
    # The scale-down window holds the recommendation of 195 s (12) while it is younger than 300 s.
    assert {_at(syncs, t)[0] for t in range(210, 481, 15)} == {10}
    assert _at(syncs, 480)[1] == "ScaleDownStabilized"
    # 495 s: a record exactly 300 s old no longer counts here (the legacy path still counted it:
    # ``Before(cutoff)`` there, ``After(cutoff)`` here); 100 % per 15 s allows going straight to 2.
    assert _at(syncs, 495) == (2, "SucceededRescale", "DesiredWithinRange")
    assert s.get("Deployment", "web").spec.replicas == 2
