"""Conformance operations of the ``autoscaler`` group: ``vpa.*`` and ``ca.*`` (proposed; see CONFORMANCE.md).

The precise semantics of these proposed ops are written in the module docstrings of
``model/controllers/vpa.py`` and ``model/controllers/clusterautoscaler.py``.

Mirrors, through ``model.controllers.vpa`` and ``model.controllers.clusterautoscaler``,
kubernetes/autoscaler's vertical-pod-autoscaler pkg/recommender/logic/recommender.go and
pkg/updater/priority/update_priority_calculator.go, and cluster-autoscaler's
core/scaledown/eligibility/eligibility.go and core/scaleup/orchestrator/orchestrator.go.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model import quantity
from model.controllers import clusterautoscaler as ca
from model.controllers import vpa


def _cpu(v: Any) -> int:
    """CPU in millicores: a Quantity string, or a number of millicores."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return int(v)
    return quantity.milli_value(v)


def _bytes(v: Any) -> int:
    """Memory in bytes: a Quantity string, or a number of bytes."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return int(v)
    return quantity.value(v)


_READ = {"cpu": _cpu, "memory": _bytes}


def _amounts(value: Any) -> dict[str, int]:
    return {k: _READ.get(k, _bytes)(v) for k, v in (value or {}).items()}


def _render(amounts: tuple[tuple[str, int], ...]) -> dict[str, str]:
    return {k: (f"{v}m" if k == "cpu" else str(v)) for k, v in amounts}


def recommend(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors vertical-pod-autoscaler pkg/recommender/logic/recommender.go: GetRecommendedPodResources (op
    ``vpa.recommend``, one container)."""
    usage = {}
    for resource, p in (inp.get("percentiles") or {}).items():
        read = _READ.get(resource, _bytes)
        usage[resource] = vpa.Percentiles(read(p["p50"]), read(p["p90"]), read(p["p95"]))
    rec = vpa.recommend(usage, float(inp.get("historyDays", 0)), int(inp.get("containersPerPod", 1)))
    return {
        "target": _render(rec.target),
        "lowerBound": _render(rec.lower_bound),
        "upperBound": _render(rec.upper_bound),
        "uncappedTarget": _render(rec.target),
    }


def _recommendation(value: Any) -> vpa.ContainerRecommendation:
    value = value or {}

    def pairs(key: str) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(_amounts(value.get(key)).items()))

    return vpa.ContainerRecommendation(pairs("target"), pairs("lowerBound"), pairs("upperBound"))


def updater_should_update(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors vertical-pod-autoscaler pkg/updater/priority/update_priority_calculator.go:
    UpdatePriorityCalculator.AddPod (op ``vpa.updater_should_update``, its decision)."""
    requests = _amounts(inp.get("requests"))
    rec = _recommendation(inp.get("recommendation"))
    prio = vpa.update_priority(requests, rec)
    if inp.get("resourceDiff") is not None:
        prio = vpa.UpdatePriority(prio.outside_recommended_range, prio.scale_up, float(inp["resourceDiff"]))
    age = inp.get("podAgeSeconds")
    min_change = inp.get("minChangePriority")
    update, reason = vpa.should_update(prio, None if age is None else float(age), bool(inp.get("quickOOM", False)),
                                       vpa.POD_UPDATE_THRESHOLD if min_change is None else float(min_change))
    return {"update": update, "reason": reason, "outsideRecommendedRange": prio.outside_recommended_range,
            "scaleUp": prio.scale_up}


def node_scale_down_candidate(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors cluster-autoscaler core/scaledown/eligibility/eligibility.go: Checker.FilterOutUnremovable (op
    ``ca.node_scale_down_candidate``, one node)."""
    last_up = inp.get("lastScaleUpAgeSeconds")
    last_fail = inp.get("lastScaleDownFailureAgeSeconds")
    verdict = ca.node_scale_down(
        _amounts(inp.get("allocatable")),
        [_amounts(p) for p in inp.get("podRequests") or ()],
        float(inp.get("unneededSinceSeconds", 0)),
        None if last_up is None else float(last_up),
        bool(inp.get("ready", True)),
        bool(inp.get("podsFitElsewhere", True)),
        None if last_fail is None else float(last_fail),
        float(inp.get("utilizationThreshold", ca.SCALE_DOWN_UTILIZATION_THRESHOLD)),
    )
    return {"candidate": verdict.candidate, "removable": verdict.removable, "utilization": verdict.utilization}


def needs_scale_up(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors cluster-autoscaler core/scaleup/orchestrator/orchestrator.go: ScaleUp with the least-waste
    expander (op ``ca.needs_scale_up``)."""
    pods = [
        ca.PendingPod(
            name=p.get("name", f"pod-{i}"),
            requests=tuple(sorted(_amounts(p.get("requests")).items())),
            priority=int(p.get("priority", 0)),
            age_seconds=float(p.get("ageSeconds", 0)),
        )
        for i, p in enumerate(inp.get("unschedulablePods") or ())
    ]
    groups = [
        ca.NodeGroup(
            name=g.get("name", f"group-{i}"),
            allocatable=tuple(sorted(_amounts(g.get("allocatable")).items())),
            current_size=int(g.get("currentSize", 0)),
            max_size=int(g.get("maxSize", 1000)),
        )
        for i, g in enumerate(inp.get("nodeGroupTemplates") or ())
    ]
    group, helped = ca.scale_up_plan(pods, groups)
    out: dict[str, Any] = {"scaleUp": group is not None}
    if group is not None:
        out["nodeGroup"] = group.name
        out["pods"] = list(helped)
    return out


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "vpa.recommend": recommend,
    "vpa.updater_should_update": updater_should_update,
    "ca.node_scale_down_candidate": node_scale_down_candidate,
    "ca.needs_scale_up": needs_scale_up,
}
