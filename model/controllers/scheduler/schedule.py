"""One scheduling cycle of the default profile: filter, score, pick.

Mirrors pkg/scheduler/schedule_one.go (``schedulePod``, ``findNodesThatFitPod``,
``prioritizeNodes``, ``selectHost``, ``FitError``) with the default plugin set of
pkg/scheduler/apis/config/v1/default_plugins.go as far as the model's objects reach:

* filters, in the default order: NodeUnschedulable, NodeName, TaintToleration, NodeAffinity,
  NodeResourcesFit, PodTopologySpread; as in ``RunFilterPlugins`` a node's reasons come from the
  first filter that rejects it (``run_filters`` lists every failing filter, for diagnostics);
* scores with the default weights: TaintToleration ×3, NodeResourcesFit (LeastAllocated, cpu and
  memory weight 1) ×1, NodeResourcesBalancedAllocation ×1, PodTopologySpread (ScheduleAnyway) ×2;
  NodeAffinity (×2) scores 0 without preferred terms; InterPodAffinity and ImageLocality are not
  modelled.

Ties: Kubernetes picks uniformly at random among the best-scoring nodes (reservoir sampling in
``selectHost``). The model is deterministic: ``node`` is the lowest name among ``best``, and
``best`` lists every top-scoring node so a checker can branch over all of them.

Pods in a terminal phase (Succeeded, Failed) do not occupy their node; pods being deleted still do.

API for the transition system: ``schedule_one(pod, nodes, bound_pods, comparison_operators=False)``
→ ``ScheduleResult(node, best, scores, failures, message)``; ``node`` is None when no node fits,
and ``message`` is then the scheduler's FailedScheduling text ("0/N nodes are available: ...").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from model.controllers.scheduler import noderesources, nodeunschedulable, podtopologyspread, tainttoleration
from model.controllers.scheduler.nodeaffinity import node_affinity_filter
from model.controllers.scheduler.noderesources import UNSCHEDULABLE_AND_UNRESOLVABLE, FilterResult
from model.controllers.scheduler.resources import NodeInfo, node_info
from model.objects import Node, Pod

WEIGHT_TAINT_TOLERATION = 3
WEIGHT_NODE_AFFINITY = 2
WEIGHT_NODE_RESOURCES_FIT = 1
WEIGHT_POD_TOPOLOGY_SPREAD = 2
WEIGHT_BALANCED_ALLOCATION = 1

ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name"
TERMINAL_PHASES = ("Succeeded", "Failed")


@dataclass(frozen=True, slots=True)
class ScheduleResult:
    """Mirrors pkg/scheduler/schedule_one.go: ScheduleResult. The outcome of one scheduling attempt."""

    node: str | None
    best: tuple[str, ...] = ()
    scores: tuple[tuple[str, int], ...] = ()
    """Total weighted score of each feasible node (node order)."""
    failures: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """For each infeasible node, the reasons its filters gave."""
    message: str = ""


def node_infos(nodes: Iterable[Node], bound_pods: Iterable[Pod]) -> tuple[NodeInfo, ...]:
    """Mirrors pkg/scheduler/backend/cache/snapshot.go: NewSnapshot (nodes with their pods). NodeInfos of the
    snapshot: each node with the non-terminal pods bound to it."""
    pods = [p for p in bound_pods if p.spec.node_name and p.status.phase not in TERMINAL_PHASES]
    return tuple(node_info(n, [p for p in pods if p.spec.node_name == n.metadata.name]) for n in nodes)


def run_filters(pod: Pod, info: NodeInfo, all_infos: Sequence[NodeInfo],
                comparison_operators: bool = False) -> tuple[FilterResult, ...]:
    """Mirrors pkg/scheduler/framework/runtime/framework.go: RunFilterPlugins. Every default filter's failure
    for the pod on this node (empty when it fits)."""
    results = [
        nodeunschedulable.node_unschedulable_filter(pod, info.node, comparison_operators),
        FilterResult(True) if not pod.spec.node_name or pod.spec.node_name == info.name
        else FilterResult(False, UNSCHEDULABLE_AND_UNRESOLVABLE, (ERR_REASON_NODE_NAME,)),
        tainttoleration.taint_toleration_filter(pod, info.node, comparison_operators),
        node_affinity_filter(pod, info.node),
        noderesources.fit_filter(pod, info),
        podtopologyspread.topology_spread_filter(pod, info, all_infos),
    ]
    return tuple(r for r in results if not r.fits)


def score_nodes(pod: Pod, feasible: Sequence[NodeInfo], all_infos: Sequence[NodeInfo],
                comparison_operators: bool = False) -> tuple[tuple[str, int], ...]:
    """Mirrors pkg/scheduler/schedule_one.go: prioritizeNodes. Weighted sum of the default score plugins over
    the feasible nodes (prioritizeNodes)."""
    totals = {i.name: 0 for i in feasible}
    for name, s in tainttoleration.taint_toleration_score(pod, [i.node for i in feasible], comparison_operators):
        totals[name] += WEIGHT_TAINT_TOLERATION * s
    fit = noderesources.score_resource_allocation(pod, feasible, noderesources.DEFAULT_RESOURCES)
    for name, s in fit.scores:
        totals[name] += WEIGHT_NODE_RESOURCES_FIT * s
    balanced = noderesources.score_balanced_allocation(pod, feasible)
    if balanced.status != "Skip":
        for name, s in balanced.scores:
            totals[name] += WEIGHT_BALANCED_ALLOCATION * s
    spread = podtopologyspread.topology_spread_score(pod, feasible, all_infos)
    if spread is not None:
        for name, s in spread:
            totals[name] += WEIGHT_POD_TOPOLOGY_SPREAD * s
    return tuple((i.name, totals[i.name]) for i in feasible)


def fit_error_message(num_nodes: int, failures: Sequence[tuple[str, tuple[str, ...]]]) -> str:
    """Mirrors pkg/scheduler/framework/types.go: FitError.Error: "0/N nodes are available: " and the reason
    histogram, sorted."""
    histogram: dict[str, int] = {}
    for _, reasons in failures:
        for r in reasons:
            histogram[r] = histogram.get(r, 0) + 1
    parts = sorted(f"{n} {r}" for r, n in histogram.items())
    return f"0/{num_nodes} nodes are available: {', '.join(parts)}."


def schedule_one(pod: Pod, nodes: Sequence[Node], bound_pods: Iterable[Pod],
                 comparison_operators: bool = False) -> ScheduleResult:
    """Pick a node for the pod, or None with the reasons. Mirrors pkg/scheduler/schedule_one.go: schedulePod."""
    infos = node_infos(nodes, bound_pods)
    if not infos:
        return ScheduleResult(None, message="no nodes available to schedule pods")
    feasible: list[NodeInfo] = []
    failures: list[tuple[str, tuple[str, ...]]] = []
    for info in infos:
        failed = run_filters(pod, info, infos, comparison_operators)
        if failed:
            failures.append((info.name, failed[0].reasons))
        else:
            feasible.append(info)
    if not feasible:
        return ScheduleResult(None, failures=tuple(failures), message=fit_error_message(len(infos), failures))
    scores = score_nodes(pod, feasible, infos, comparison_operators)
    top = max(s for _, s in scores)
    best = tuple(sorted(name for name, s in scores if s == top))
    return ScheduleResult(best[0], best, scores, tuple(failures))
