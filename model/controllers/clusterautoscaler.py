"""The Cluster Autoscaler's observable decisions: when to add a node, when a node may go.

Mirrors kubernetes/autoscaler ``cluster-autoscaler``: the flag defaults of ``config/flags/flags.go``,
the scale-up trigger of ``core/scaleup/orchestrator`` (unschedulable pods that fit a fresh node of a
node group, chosen by the ``least-waste`` expander, ``expander/waste``), and scale-down eligibility of
``core/scaledown`` (``eligibility``: utilization below the threshold; ``unneeded``: for long enough;
``planner``: not during the delay after a scale-up or a failed scale-down; pods that fit elsewhere).
The scheduling simulation is reduced to resource fit (requests against allocatable, as the
NodeResourcesFit filter does) plus the node group's remaining capacity.

Conformance ops (``model/conformance/autoscaler.py``, proposed shapes):

``ca.node_scale_down_candidate``
    in ``{allocatable: {cpu, memory: Quantity}, podRequests: [{cpu?, memory?: Quantity}],
    unneededSinceSeconds: number, lastScaleUpAgeSeconds: number|null, ready: bool,
    podsFitElsewhere?: bool (true), lastScaleDownFailureAgeSeconds?: number|null,
    utilizationThreshold?: number (0.5)}``
    out ``{candidate: bool, removable: bool, utilization: number}``: ``candidate`` ⇔ utilization (the
    larger of CPU and memory request fractions) < threshold; ``removable`` ⇔ candidate, pods fit
    elsewhere, unneeded for at least 600 s (1200 s when not ready), at least 600 s since the last
    scale-up and 180 s since a failed scale-down.

``ca.needs_scale_up``
    in ``{unschedulablePods: [{name?, requests: {cpu?, memory?}, priority?: int, ageSeconds?: number}],
    nodeGroupTemplates: [{name, allocatable: {cpu, memory}, currentSize?: int, maxSize?: int}]}``
    out ``{scaleUp: bool, nodeGroup?: string, pods?: string[]}``: true iff some pod at or above the
    expendable cutoff (priority −10) and old enough (0 s) fits an empty node of a group with room;
    ``nodeGroup`` is the least-waste choice among the groups that fit the most of those pods.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SCAN_INTERVAL_SECONDS = 10
SCALE_DOWN_UTILIZATION_THRESHOLD = 0.5
SCALE_DOWN_UNNEEDED_TIME_SECONDS = 600
SCALE_DOWN_UNREADY_TIME_SECONDS = 1200
SCALE_DOWN_DELAY_AFTER_ADD_SECONDS = 600
SCALE_DOWN_DELAY_AFTER_FAILURE_SECONDS = 180
SCALE_DOWN_DELAY_AFTER_DELETE_SECONDS = 0
MAX_NODE_PROVISION_TIME_SECONDS = 900
NEW_POD_SCALE_UP_DELAY_SECONDS = 0
EXPENDABLE_PODS_PRIORITY_CUTOFF = -10

RESOURCES = ("cpu", "memory")


def utilization(allocatable: Mapping[str, int], pod_requests: Iterable[Mapping[str, int]]) -> float:
    """Mirrors cluster-autoscaler simulator/utilization/info.go: Calculate: the larger of the CPU and memory
    request fractions of allocatable."""
    pods = list(pod_requests)
    best = 0.0
    for r in RESOURCES:
        alloc = allocatable.get(r, 0)
        if alloc <= 0:
            continue
        used = sum(p.get(r, 0) for p in pods)
        best = max(best, used / alloc)
    return best


@dataclass(frozen=True, slots=True)
class ScaleDownVerdict:
    """Model-only: whether a node is underutilized (a candidate) and whether it may be removed now."""

    candidate: bool
    removable: bool
    utilization: float


def node_scale_down(
    allocatable: Mapping[str, int],
    pod_requests: Iterable[Mapping[str, int]],
    unneeded_for_seconds: float,
    last_scale_up_age_seconds: float | None,
    ready: bool,
    pods_fit_elsewhere: bool = True,
    last_scale_down_failure_age_seconds: float | None = None,
    threshold: float = SCALE_DOWN_UTILIZATION_THRESHOLD,
) -> ScaleDownVerdict:
    """Mirrors cluster-autoscaler core/scaledown/eligibility/eligibility.go: Checker.FilterOutUnremovable,
    with core/scaledown/unneeded/nodes.go. Scale-down eligibility of one node (``eligibility.Checker``,
    ``unneeded.Nodes``, the planner's cooldowns)."""
    util = utilization(allocatable, pod_requests)
    candidate = util < threshold
    needed_for = SCALE_DOWN_UNNEEDED_TIME_SECONDS if ready else SCALE_DOWN_UNREADY_TIME_SECONDS
    removable = (
        candidate
        and pods_fit_elsewhere
        and unneeded_for_seconds >= needed_for
        and (last_scale_up_age_seconds is None or last_scale_up_age_seconds >= SCALE_DOWN_DELAY_AFTER_ADD_SECONDS)
        and (
            last_scale_down_failure_age_seconds is None
            or last_scale_down_failure_age_seconds >= SCALE_DOWN_DELAY_AFTER_FAILURE_SECONDS
        )
    )
    return ScaleDownVerdict(candidate, removable, util)


@dataclass(frozen=True, slots=True)
class PendingPod:
    """Model-only: a pod the scheduler marked unschedulable: its requests (milli-CPU, bytes), priority,
    age."""

    name: str
    requests: tuple[tuple[str, int], ...]
    priority: int = 0
    age_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class NodeGroup:
    """Model-only: a node group: the allocatable of a fresh node from its template, and its size bounds."""

    name: str
    allocatable: tuple[tuple[str, int], ...]
    current_size: int = 0
    max_size: int = 1000


def fits_empty_node(pod: PendingPod, group: NodeGroup) -> bool:
    """Mirrors cluster-autoscaler core/scaleup/orchestrator (the template-node fit check). Would the pod fit a
    new, empty node of the group (NodeResourcesFit on the template)?"""
    alloc = dict(group.allocatable)
    return all(v <= alloc.get(r, 0) for r, v in pod.requests if v > 0)


def _waste(pods: list[PendingPod], group: NodeGroup) -> float:
    """The least-waste expander's score for one node of the group holding these pods' requests."""
    alloc = dict(group.allocatable)
    score = 0.0
    for r in RESOURCES:
        avail = alloc.get(r, 0)
        if avail <= 0:
            continue
        requested = sum(dict(p.requests).get(r, 0) for p in pods)
        nodes = max(1, -(-requested // avail))
        score += (avail * nodes - requested) / (avail * nodes)
    return score


def scale_up_plan(pods: Iterable[PendingPod], groups: Iterable[NodeGroup]) -> tuple[NodeGroup | None, tuple[str, ...]]:
    """Mirrors cluster-autoscaler core/scaleup/orchestrator/orchestrator.go: ScaleUp, with
    expander/waste/waste.go: BestOptions. Which node group to grow for the unschedulable pods, and which pods
    that helps (least-waste)."""
    eligible = [
        p for p in pods if p.priority >= EXPENDABLE_PODS_PRIORITY_CUTOFF and p.age_seconds >= NEW_POD_SCALE_UP_DELAY_SECONDS
    ]
    options = []
    for g in groups:
        if g.current_size >= g.max_size:
            continue
        helped = [p for p in eligible if fits_empty_node(p, g)]
        if helped:
            options.append((g, helped))
    if not options:
        return None, ()
    most = max(len(h) for _, h in options)
    best = min((o for o in options if len(o[1]) == most), key=lambda o: (_waste(o[1], o[0]), o[0].name))
    return best[0], tuple(p.name for p in best[1])


def provisioning_failed(node_age_seconds: float, registered_ready: bool) -> bool:
    """Mirrors cluster-autoscaler clusterstate/clusterstate.go: ClusterStateRegistry (MaxNodeProvisionTime). A
    requested node that is not up after ``max-node-provision-time`` (15 min) counts as failed."""
    return not registered_ready and node_age_seconds >= MAX_NODE_PROVISION_TIME_SECONDS
