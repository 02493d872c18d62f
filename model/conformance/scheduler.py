"""Conformance operations of the ``scheduler`` group (see CONFORMANCE.md).

Each op only translates JSON to model values and back; the decisions live in
``model.controllers.scheduler``. Resource amounts in outputs are integers (millicores for cpu).

Model extensions beyond the catalogue (optional inputs; absent means the catalogue behaviour):
``featureGates.PodLevelResources`` (default true: pod-level ``spec.resources.requests`` for cpu,
memory and hugepages replace the container aggregate); ``featureGates.SidecarContainers`` (default
true; false makes ``scheduler.fits`` reject a pod with a restartable init container as
``Fit.PreFilter`` did); ``featureGates.DRAExtendedResource: true`` answers Unsupported; ``scheduler.score_balanced_allocation`` accepts
``scorer: "improvement"`` for the newest upstream scorer (score with the pod against without it);
``scheduler.score_most_allocated`` has the shape of ``scheduler.score_least_allocated``.

Mirrors, through ``model.controllers.scheduler``, pkg/scheduler/framework/plugins/noderesources
(fit.go, least_allocated.go, most_allocated.go, balanced_allocation.go),
tainttoleration/taint_toleration.go and nodeunschedulable/node_unschedulable.go.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.controllers.scheduler import noderesources, nodeunschedulable, tainttoleration
from model.controllers.scheduler.noderesources import FilterResult
from model.controllers.scheduler.resources import node_info
from model.errors import ModelError
from model.objects import Node, Pod, from_json

COMPARISON_GATE = "TaintTolerationComparisonOperators"
POD_LEVEL_GATE = "PodLevelResources"
SIDECAR_GATE = "SidecarContainers"
DRA_EXTENDED_GATE = "DRAExtendedResource"
SIDECAR_DISABLED_MESSAGE = "Pod has a restartable init container and the SidecarContainers feature is disabled"


def _pod(data: Any, path: str) -> Pod:
    return from_json(Pod, data, path)


def _node(data: Any, path: str) -> Node:
    return from_json(Node, data, path)


def _filter_json(result: FilterResult) -> dict[str, Any]:
    out: dict[str, Any] = {"fits": result.fits}
    if not result.fits:
        out["code"] = result.code
        out["reasons"] = list(result.reasons)
    return out


def _gate(inp: Mapping[str, Any], name: str, default: bool) -> bool:
    gates = inp.get("featureGates") or {}
    value = gates.get(name, default)
    return bool(value) if value is not None else default


def _resources(inp: Mapping[str, Any]) -> list[tuple[str, int]] | None:
    raw = inp.get("resources")
    if raw is None:
        return None
    out = []
    for i, r in enumerate(raw):
        weight = r.get("weight", 0)
        if isinstance(weight, bool) or not isinstance(weight, int):
            raise ModelError("Invalid", f"resources[{i}].weight must be an integer", field=f"resources[{i}].weight")
        out.append((str(r.get("name", "")), weight))
    return out


def _node_infos(inp: Mapping[str, Any]) -> list[Any]:
    nodes = [_node(n, f"nodes[{i}]") for i, n in enumerate(inp.get("nodes") or [])]
    pods = [_pod(p, f"existingPods[{i}]") for i, p in enumerate(inp.get("existingPods") or [])]
    plr = _gate(inp, POD_LEVEL_GATE, True)
    return [node_info(n, [p for p in pods if p.spec.node_name == n.metadata.name], pod_level_resources=plr)
            for n in nodes]


def _scores(scores: Any) -> list[dict[str, Any]]:
    return [{"name": name, "score": score} for name, score in scores]


def fits(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/scheduler/framework/plugins/noderesources/fit.go: Fit.Filter (fitsRequest) (op
    ``scheduler.fits``)."""
    pod = _pod(inp.get("pod"), "pod")
    node = _node(inp.get("node"), "node")
    node_pods = [_pod(p, f"nodePods[{i}]") for i, p in enumerate(inp.get("nodePods") or [])]
    if _gate(inp, DRA_EXTENDED_GATE, False):
        raise ModelError("Unsupported", "the DRAExtendedResource feature gate is not modelled (no DeviceClasses)")
    if not _gate(inp, SIDECAR_GATE, True) and any(c.restart_policy == "Always" for c in pod.spec.init_containers):
        # Fit.PreFilter rejects the pod before any node is looked at.
        return {"fits": False, "reasons": [SIDECAR_DISABLED_MESSAGE], "insufficientResources": [],
                "code": noderesources.UNSCHEDULABLE_AND_UNRESOLVABLE}
    plr = _gate(inp, POD_LEVEL_GATE, True)
    result = noderesources.fit_filter(pod, node_info(node, node_pods, pod_level_resources=plr),
                                      inp.get("ignoredResources") or (), inp.get("ignoredResourceGroups") or (),
                                      pod_level_resources=plr)
    out: dict[str, Any] = {
        "fits": result.fits,
        "reasons": list(result.reasons),
        "insufficientResources": [
            {"resourceName": r.resource_name, "reason": r.reason, "requested": r.requested,
             "used": r.used, "capacity": r.capacity}
            for r in result.insufficient
        ],
    }
    if result.code is not None:
        out["code"] = result.code
    return out


def score_least_allocated(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/scheduler/framework/plugins/noderesources/least_allocated.go: leastResourceScorer, through
    Fit.Score (op ``scheduler.score_least_allocated``)."""
    pod = _pod(inp.get("pod"), "pod")
    result = noderesources.score_resource_allocation(pod, _node_infos(inp), _resources(inp), "LeastAllocated", pod_level_resources=_gate(inp, POD_LEVEL_GATE, True))
    return {"scores": _scores(result.scores), "statusCode": result.status}


def score_most_allocated(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/scheduler/framework/plugins/noderesources/most_allocated.go: mostResourceScorer, through
    Fit.Score (op ``scheduler.score_most_allocated``)."""
    pod = _pod(inp.get("pod"), "pod")
    result = noderesources.score_resource_allocation(pod, _node_infos(inp), _resources(inp), "MostAllocated", pod_level_resources=_gate(inp, POD_LEVEL_GATE, True))
    return {"scores": _scores(result.scores), "statusCode": result.status}


def score_balanced_allocation(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go:
    BalancedAllocation.PreScore / Score (op ``scheduler.score_balanced_allocation``)."""
    pod = _pod(inp.get("pod"), "pod")
    result = noderesources.score_balanced_allocation(pod, _node_infos(inp), _resources(inp),
                                                     pod_level_resources=_gate(inp, POD_LEVEL_GATE, True),
                                                     improvement=inp.get("scorer") == "improvement")
    if result.status == "Skip":
        return {"skip": True}
    return {"scores": _scores(result.scores)}


def taint_toleration_filter(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: TaintToleration.Filter (op
    ``scheduler.taint_toleration_filter``)."""
    result = tainttoleration.taint_toleration_filter(
        _pod(inp.get("pod"), "pod"), _node(inp.get("node"), "node"), _gate(inp, COMPARISON_GATE, False))
    return _filter_json(result)


def taint_toleration_score(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: TaintToleration.Score +
    NormalizeScore (op ``scheduler.taint_toleration_score``)."""
    nodes = [_node(n, f"nodes[{i}]") for i, n in enumerate(inp.get("nodes") or [])]
    scores = tainttoleration.taint_toleration_score(_pod(inp.get("pod"), "pod"), nodes,
                                                    _gate(inp, COMPARISON_GATE, False))
    return {"scores": _scores(scores)}


def node_unschedulable_filter(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go:
    NodeUnschedulable.Filter (op ``scheduler.node_unschedulable_filter``)."""
    result = nodeunschedulable.node_unschedulable_filter(
        _pod(inp.get("pod"), "pod"), _node(inp.get("node"), "node"), _gate(inp, COMPARISON_GATE, False))
    return _filter_json(result)


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "scheduler.fits": fits,
    "scheduler.score_least_allocated": score_least_allocated,
    "scheduler.score_most_allocated": score_most_allocated,
    "scheduler.score_balanced_allocation": score_balanced_allocation,
    "scheduler.taint_toleration_filter": taint_toleration_filter,
    "scheduler.taint_toleration_score": taint_toleration_score,
    "scheduler.node_unschedulable_filter": node_unschedulable_filter,
}
