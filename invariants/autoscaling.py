"""Horizontal Pod Autoscaler: replicas within [minReplicas, maxReplicas], the tolerance band, and no
flapping within the stabilization window.

Mirrors the promises of ``pkg/controller/podautoscaler/horizontal.go`` (convertDesiredReplicasWithRules,
stabilizeRecommendation) and ``replica_calculator.go`` (Tolerances.isWithin), semantics/autoscaling.md
§3.4, §7, §8. The arithmetic is proved by z3 for all integers (``checkers/smt.py``); exploration
checks the HPA's writes when a configuration has an HPA.
"""

from __future__ import annotations

from typing import Any

from invariants import view
from invariants.property import Property, state_true

HPA_KIND = "HorizontalPodAutoscaler"


def _hpa_actor(action: Any) -> bool:
    actor = str(getattr(action, "actor", ""))
    return "horizontal" in actor or actor.startswith("hpa")


def _targets(state: Any) -> list[tuple[Any, Any]]:
    out = []
    for h in view.objects(state, HPA_KIND):
        ref = getattr(h.spec, "scale_target_ref", None)
        name = getattr(ref, "name", "")
        d = next((d for d in view.deployments(state) if d.metadata.name == name), None)
        if d is not None:
            out.append((h, d))
    return out


def _within_bounds(model: Any, before: Any, action: Any, after: Any) -> bool:
    if not _hpa_actor(action):
        return True
    prev = {d.metadata.name: d.spec.replicas for d in view.deployments(before)}
    for h, d in _targets(after):
        if d.spec.replicas != prev.get(d.metadata.name):
            lo = getattr(h.spec, "min_replicas", None) or 1
            hi = getattr(h.spec, "max_replicas", 0)
            if not lo <= (d.spec.replicas or 0) <= hi:
                return False
    return True


def _has_hpa(model: Any) -> bool:
    return view.has_kind_in_config(model, HPA_KIND)


HPA_BOUNDS = Property(
    "hpa_replicas_within_bounds", "always", state_true,
    """Every replica count the HPA writes lies in [minReplicas, maxReplicas] (and ≤ max(2×current, 4) per step).

    convertDesiredReplicasWithRules clamps after reconcile's guard has brought an out-of-range
    target back in (semantics/autoscaling.md §1, §7). Kubernetes does not constrain what users or
    other controllers write to the target's replicas; only the HPA's own writes are checked.""",
    step=_within_bounds,
    applies=_has_hpa,
    group="autoscaling",
)


def _cpu_target(h: Any) -> int | None:
    """The averageUtilization of an HPA whose one metric is the CPU Resource utilization."""
    metrics = getattr(h.spec, "metrics", None) or ()
    if len(metrics) != 1 or metrics[0].type != "Resource" or metrics[0].resource.name != "cpu":
        return None
    target = metrics[0].resource.target
    return target.average_utilization if target.type == "Utilization" else None


def _ready(p: Any) -> bool:
    return (p.status.phase == "Running" and p.metadata.deletion_timestamp is None
            and any(c.type == "Ready" and c.status == "True" for c in p.status.conditions))


def _inside_tolerance(model: Any, before: Any, action: Any, after: Any) -> bool:
    # explored on the plain path the z3 obligations cover: one CPU utilization metric, the default
    # 10 % tolerance, every pod of the target ready (so every pod has a sample), no metrics lag
    from model.quantity import milli_value
    from model.wiring.common import selector_matches

    if not _hpa_actor(action) or getattr(model.config.timings, "metrics_delay", 0):
        return True
    prev = {d.metadata.name: d.spec.replicas for d in view.deployments(before)}
    for h, d in _targets(after):
        current = prev.get(d.metadata.name)
        target = _cpu_target(h)
        behavior = getattr(h.spec, "behavior", None)
        if current is None or d.spec.replicas == current or target is None or behavior is not None:
            continue
        if not (getattr(h.spec, "min_replicas", None) or 1) <= current <= h.spec.max_replicas:
            continue  # an out-of-range count is brought back whatever the metric says
        pods = [p for p in view.pods(before) if selector_matches(d.spec.selector, p.metadata.labels)
                and p.metadata.deletion_timestamp is None and p.status.phase not in ("Succeeded", "Failed")]
        if len(pods) != current or not all(_ready(p) for p in pods):
            continue
        requested = sum(milli_value(v) for p in pods for c in p.spec.containers
                        for k, v in c.resources.requests if k == "cpu")
        load = next((mc for kind, n, mc in after.env.cpu_load if kind == "Deployment" and n == d.metadata.name), 0)
        # usage ratio = load / (requested · target %); inside [0.9, 1.1] the HPA must not scale
        if requested and abs(load * 100 - requested * target) * 10 <= requested * target:
            return False
    return True


HPA_TOLERANCE = Property(
    "hpa_tolerance", "always", state_true,
    """The HPA does not scale while the usage ratio is inside [1 − tolerance, 1 + tolerance]; outside it
    scales in the metric's direction.

    Proved by z3 for all integers (obligations hpa-tolerance-no-change, hpa-scales-in-the-metric-direction)
    for the path where every pod is ready and has a sample; explored on that path too (one CPU
    utilization metric, the default tolerance, no behavior). Not promised with missing or unready pods:
    the rebalancing of §3.3 may then keep the count although the raw ratio is outside the band.""",
    step=_inside_tolerance,
    applies=_has_hpa,
    group="autoscaling",
)


def _memory(state: Any, key: str) -> Any:
    for entry in getattr(state, "hpas", ()):
        if entry[0] == key:
            return entry[-1]
    return None


def _window_seconds(model: Any, h: Any) -> int:
    behavior = getattr(h.spec, "behavior", None)
    down = getattr(behavior, "scale_down", None) if behavior is not None else None
    window = getattr(down, "stabilization_window_seconds", None) if down is not None else None
    return 300 if window is None else int(window)


def _no_flapping(model: Any, before: Any, action: Any, after: Any) -> bool:
    if not _hpa_actor(action):
        return True
    prev = {d.metadata.name: d.spec.replicas or 0 for d in view.deployments(before)}
    now = view.now(model, after)
    for h, d in _targets(after):
        new = d.spec.replicas or 0
        if new >= prev.get(d.metadata.name, new):
            continue
        memory = _memory(before, f"{h.metadata.namespace}/{h.metadata.name}")
        recs = getattr(memory, "recommendations", None) or ()
        window = _window_seconds(model, h) * 10**9
        if any(now - r.timestamp < window and r.replicas > new for r in recs):
            return False
    return True


HPA_NO_FLAPPING = Property(
    "hpa_no_flapping", "always", state_true,
    """The HPA never scales below a count it recommended within the downscale stabilization window.

    stabilizeRecommendation takes the maximum of the recommendations of the window (semantics/
    autoscaling.md §7; the window is spec.behavior.scaleDown.stabilizationWindowSeconds, 300 s by
    default), so a brief dip in load does not shrink the target. Judged on the controller's own
    recommendation memory. Not promised across a controller restart (the recommendations are in
    memory) nor for scale-ups (window 0 by default).""",
    step=_no_flapping,
    applies=_has_hpa,
    group="autoscaling",
)

PROPERTIES = (HPA_BOUNDS, HPA_TOLERANCE, HPA_NO_FLAPPING)
