"""The node lifecycle controller: node health from heartbeats, condition taints, zone disruption.

Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go:
* ``tryUpdateNodeHealth``: a node whose status/lease was last renewed longer than the grace period
  ago (strictly after ``probe + grace``) gets Ready, MemoryPressure, DiskPressure and PIDPressure
  set to Unknown (reason ``NodeStatusUnknown``; a condition never reported is added with reason
  ``NodeStatusNeverUpdated``). A node that never reported Ready uses ``nodeStartupGracePeriod``.
* ``doNoScheduleTaintingPass`` (``nodeConditionToTaintKeyStatusMap``): NoSchedule taints mirror the
  conditions (Ready False → not-ready, Unknown → unreachable, pressure conditions True → their
  taints, ``spec.unschedulable`` → unschedulable).
* ``processTaintBaseEviction``/``doNoExecuteTaintingPass``: the NoExecute not-ready/unreachable
  taints, mutually exclusive, swapped immediately when the other is present, added through the
  per-zone rate-limited queue otherwise, removed when Ready is True again (``markNodeAsReachable``).
* ``ComputeZoneState``, ``handleDisruption``, ``setLimiterInZone``, ``ReducedQPSFunc``,
  ``HealthyQPSFunc``: zone states and eviction (tainting) rates.
* ``MarkPodsNotReady`` (pkg/controller/util/node/controller_utils.go) when Ready leaves True.

Defaults from pkg/controller/nodelifecycle/config/v1alpha1/defaults.go and kube-controller-manager
flags: grace 40 s (recent releases raised ``--node-monitor-grace-period`` to 50 s), startup grace
60 s, monitor period 5 s, eviction rate 0.1 node/s, secondary rate 0.01 node/s, large-cluster
threshold 50 nodes, unhealthy-zone threshold 0.55.

API for the transition system (all pure; times are int nanoseconds):
* ``observe_node(node, last_heartbeat, now, grace_period=..., startup_grace_period=...)`` →
  ``NodeObservation`` (the Ready status the controller acts on and the node with its conditions
  and controller-managed taints updated; the NoExecute taint is applied immediately — use
  ``no_execute_taint_for`` with the zone limiter when modelling the rate-limited queue);
* ``controller_taints(ready_status, node, now)`` → desired taints; ``compute_zone_state``,
  ``handle_disruption``, ``zone_key``, ``pods_to_mark_not_ready``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from model.objects import Node, NodeCondition, Pod, PodCondition, Taint
from model.timeutil import Time, seconds

# v1 well-known taint keys (staging/src/k8s.io/api/core/v1/well_known_taints.go)
TAINT_NOT_READY = "node.kubernetes.io/not-ready"
TAINT_UNREACHABLE = "node.kubernetes.io/unreachable"
TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable"
TAINT_MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure"
TAINT_DISK_PRESSURE = "node.kubernetes.io/disk-pressure"
TAINT_PID_PRESSURE = "node.kubernetes.io/pid-pressure"
TAINT_NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable"

NO_SCHEDULE = "NoSchedule"
NO_EXECUTE = "NoExecute"

DEFAULT_NODE_MONITOR_GRACE_PERIOD = seconds(40)
DEFAULT_NODE_STARTUP_GRACE_PERIOD = seconds(60)
DEFAULT_NODE_MONITOR_PERIOD = seconds(5)
DEFAULT_EVICTION_QPS = 0.1
DEFAULT_SECONDARY_EVICTION_QPS = 0.01
DEFAULT_LARGE_CLUSTER_THRESHOLD = 50
DEFAULT_UNHEALTHY_ZONE_THRESHOLD = 0.55

# Conditions the controller marks Unknown when the kubelet goes silent.
_MONITORED_CONDITIONS = ("Ready", "MemoryPressure", "DiskPressure", "PIDPressure")

_CONDITION_TAINTS: Mapping[str, Mapping[str, str]] = {
    "Ready": {"False": TAINT_NOT_READY, "Unknown": TAINT_UNREACHABLE},
    "MemoryPressure": {"True": TAINT_MEMORY_PRESSURE},
    "DiskPressure": {"True": TAINT_DISK_PRESSURE},
    "NetworkUnavailable": {"True": TAINT_NETWORK_UNAVAILABLE},
    "PIDPressure": {"True": TAINT_PID_PRESSURE},
}
_CONDITION_TAINT_KEYS = frozenset(k for m in _CONDITION_TAINTS.values() for k in m.values())

STATE_INITIAL = "Initial"
STATE_NORMAL = "Normal"
STATE_PARTIAL_DISRUPTION = "PartialDisruption"
STATE_FULL_DISRUPTION = "FullDisruption"


def get_condition(node: Node, ctype: str) -> NodeCondition | None:
    """Mirrors pkg/controller/util/node/controller_utils.go: GetNodeCondition."""
    for c in node.status.conditions:
        if c.type == ctype:
            return c
    return None


def ready_status(node: Node) -> str:
    """Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: tryUpdateNodeHealth (its read of the
    Ready condition). The node's reported Ready status; "Unknown" when it never reported one."""
    c = get_condition(node, "Ready")
    return c.status if c is not None else "Unknown"


@dataclass(frozen=True, slots=True)
class NodeObservation:
    """What one ``monitorNodeHealth`` pass concludes about a node."""

    ready: str
    """The Ready status the controller acts on: "True", "False" or "Unknown"."""
    timed_out: bool
    """The heartbeat is older than the grace period (conditions forced to Unknown)."""
    node: Node
    """The node with updated conditions and controller taints."""


def mark_unknown(node: Node, now: Time) -> Node:
    """Set the monitored conditions to Unknown. Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: tryUpdateNodeHealth (its timeout branch)."""
    conds = list(node.status.conditions)
    for ctype in _MONITORED_CONDITIONS:
        idx = next((i for i, c in enumerate(conds) if c.type == ctype), None)
        if idx is None:
            conds.append(NodeCondition(type=ctype, status="Unknown", reason="NodeStatusNeverUpdated",
                                       last_heartbeat_time=node.metadata.creation_timestamp,
                                       last_transition_time=now))
        elif conds[idx].status != "Unknown":
            conds[idx] = dataclasses.replace(conds[idx], status="Unknown", reason="NodeStatusUnknown",
                                             last_transition_time=now)
    return dataclasses.replace(node, status=dataclasses.replace(node.status, conditions=tuple(conds)))


def no_schedule_taints(node: Node) -> tuple[Taint, ...]:
    """The NoSchedule taints the node's conditions call for. Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: doNoScheduleTaintingPass."""
    out = []
    for c in node.status.conditions:
        key = _CONDITION_TAINTS.get(c.type, {}).get(c.status)
        if key is not None:
            out.append(Taint(key=key, effect=NO_SCHEDULE))
    if node.spec.unschedulable:
        out.append(Taint(key=TAINT_UNSCHEDULABLE, effect=NO_SCHEDULE))
    return tuple(out)


def no_execute_taint_for(ready: str) -> str | None:
    """Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: processTaintBaseEviction (the
    NoExecute taint for the observed Ready status). The NoExecute taint key for a Ready status (None when
    Ready is True)."""
    return {"False": TAINT_NOT_READY, "Unknown": TAINT_UNREACHABLE}.get(ready)


def _is_controller_taint(t: Taint) -> bool:
    if t.effect == NO_SCHEDULE:
        return t.key == TAINT_UNSCHEDULABLE or t.key in _CONDITION_TAINT_KEYS
    return t.effect == NO_EXECUTE and t.key in (TAINT_NOT_READY, TAINT_UNREACHABLE)


def controller_taints(ready: str, node: Node, now: Time) -> tuple[Taint, ...]:
    """Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: doNoScheduleTaintingPass and
    processTaintBaseEviction together. The controller-managed taints the node should carry: condition
    NoSchedule taints plus the NoExecute not-ready/unreachable taint (keeping its ``timeAdded`` if already
    present)."""
    taints = list(no_schedule_taints(node))
    key = no_execute_taint_for(ready)
    if key is not None:
        existing = next((t for t in node.spec.taints if t.key == key and t.effect == NO_EXECUTE), None)
        taints.append(existing if existing is not None else Taint(key=key, effect=NO_EXECUTE, time_added=now))
    return tuple(taints)


def with_controller_taints(node: Node, taints: Iterable[Taint]) -> Node:
    """Mirrors pkg/controller/controller_utils.go: SwapNodeControllerTaint. Replace the controller-managed
    taints, keeping every other taint in place."""
    others = tuple(t for t in node.spec.taints if not _is_controller_taint(t))
    return dataclasses.replace(node, spec=dataclasses.replace(node.spec, taints=others + tuple(taints)))


def observe_node(node: Node, last_heartbeat: int | None, now: Time,
                 grace_period: int = DEFAULT_NODE_MONITOR_GRACE_PERIOD,
                 startup_grace_period: int = DEFAULT_NODE_STARTUP_GRACE_PERIOD) -> NodeObservation:
    """One health check of one node. Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: tryUpdateNodeHealth plus the taint passes.

    ``last_heartbeat`` is the last renewal of the node's status or Lease (None: never, then the
    node's creation time and the startup grace period count). Past ``heartbeat + grace`` the
    conditions become Unknown. The returned node carries the taints the controller converges to.
    """
    reported = get_condition(node, "Ready")
    grace = grace_period if reported is not None else startup_grace_period
    probe = last_heartbeat if last_heartbeat is not None else (node.metadata.creation_timestamp or 0)
    timed_out = now > probe + grace
    observed = mark_unknown(node, now) if timed_out else node
    ready = ready_status(observed)
    if get_condition(observed, "Ready") is None:
        # Never reported and still within the startup grace: nothing to taint yet.
        return NodeObservation("Unknown", False, observed)
    return NodeObservation(ready, timed_out, with_controller_taints(observed, controller_taints(ready, observed, now)))


# ---------------------------------------------------------------------------------------------
# zones


def zone_key(node: Node) -> str:
    """Mirrors staging/src/k8s.io/component-helpers/node/topology/helpers.go: GetZoneKey: region and zone
    labels joined by ":\\x00:"."""
    labels = dict(node.metadata.labels)
    region = labels.get("topology.kubernetes.io/region", labels.get("failure-domain.beta.kubernetes.io/region", ""))
    zone = labels.get("topology.kubernetes.io/zone", labels.get("failure-domain.beta.kubernetes.io/zone", ""))
    if not region and not zone:
        return ""
    return f"{region}:\x00:{zone}"


def compute_zone_state(ready_statuses: Sequence[str],
                       unhealthy_threshold: float = DEFAULT_UNHEALTHY_ZONE_THRESHOLD) -> tuple[int, str]:
    """(not-ready count, zone state). Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: Controller.ComputeZoneState: no Ready node → full
    disruption; more than 2 not ready and a not-ready share ≥ the threshold → partial."""
    ready = sum(1 for s in ready_statuses if s == "True")
    not_ready = len(ready_statuses) - ready
    if ready == 0 and not_ready > 0:
        return not_ready, STATE_FULL_DISRUPTION
    if not_ready > 2 and not_ready / (not_ready + ready) >= unhealthy_threshold:
        return not_ready, STATE_PARTIAL_DISRUPTION
    return not_ready, STATE_NORMAL


def zone_eviction_qps(state: str, zone_size: int, eviction_qps: float = DEFAULT_EVICTION_QPS,
                      secondary_qps: float = DEFAULT_SECONDARY_EVICTION_QPS,
                      large_cluster_threshold: int = DEFAULT_LARGE_CLUSTER_THRESHOLD) -> float:
    """The tainting rate for a zone in a state. Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: setLimiterInZone with ReducedQPSFunc
    (partial disruption: secondary rate in large zones, 0 in small ones) and HealthyQPSFunc."""
    if state == STATE_PARTIAL_DISRUPTION:
        return secondary_qps if zone_size > large_cluster_threshold else 0.0
    return eviction_qps


def taint_interval(qps: float) -> int | None:
    """Mirrors pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go: RateLimitedTimedQueue (its token
    bucket). Nanoseconds between two NoExecute taintings in a zone limited to ``qps`` (the token-bucket rate
    of ``RateLimitedTimedQueue``, burst 1); None when the zone's tainting is stopped."""
    if qps <= 0:
        return None
    return round(1_000_000_000 / qps)


@dataclass(frozen=True, slots=True)
class DisruptionDecision:
    """Result of ``handle_disruption``: new zone states (sorted pairs), per-zone rates, and whether
    every zone is fully disrupted (then evictions stop and NoExecute taints are removed)."""

    states: tuple[tuple[str, str], ...]
    qps: tuple[tuple[str, float], ...]
    all_fully_disrupted: bool


def handle_disruption(previous: Mapping[str, str], zone_ready: Mapping[str, Sequence[str]],
                      eviction_qps: float = DEFAULT_EVICTION_QPS,
                      secondary_qps: float = DEFAULT_SECONDARY_EVICTION_QPS,
                      large_cluster_threshold: int = DEFAULT_LARGE_CLUSTER_THRESHOLD,
                      unhealthy_threshold: float = DEFAULT_UNHEALTHY_ZONE_THRESHOLD) -> DisruptionDecision:
    """Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: Controller.handleDisruption: if
    every zone is (and was) fully disrupted the controller assumes its own network is cut off and stops all
    evictions; otherwise zones whose state changed get the rate of their new state."""
    new = {z: compute_zone_state(r, unhealthy_threshold)[1] for z, r in zone_ready.items()}
    prev = {z: previous.get(z, STATE_INITIAL) for z in zone_ready}
    all_are = all(s == STATE_FULL_DISRUPTION for s in new.values())
    all_were = all(s == STATE_FULL_DISRUPTION for s in prev.values())

    def rate(z: str, s: str) -> float:
        return zone_eviction_qps(s, len(zone_ready[z]), eviction_qps, secondary_qps, large_cluster_threshold)

    if all_are and all_were:
        states = prev
        qps = {z: 0.0 for z in prev}
    elif all_are:
        states = {z: STATE_FULL_DISRUPTION for z in prev}
        qps = {z: 0.0 for z in prev}
    else:
        states = new
        qps = {z: rate(z, s) for z, s in new.items()}
    return DisruptionDecision(tuple(sorted(states.items())), tuple(sorted(qps.items())), all_are)


def pods_to_mark_not_ready(pods: Iterable[Pod], node_name: str, now: Time) -> tuple[Pod, ...]:
    """Pods on the node whose Ready condition is set to False. Mirrors pkg/controller/util/node/controller_utils.go: MarkPodsNotReady (run when
    the node's Ready condition leaves True)."""
    out = []
    for p in pods:
        if p.spec.node_name != node_name:
            continue
        conds = list(p.status.conditions)
        for i, c in enumerate(conds):
            if c.type == "Ready" and c.status != "False":
                conds[i] = PodCondition(type="Ready", status="False", last_transition_time=now, reason=c.reason)
                out.append(dataclasses.replace(p, status=dataclasses.replace(p.status, conditions=tuple(conds))))
                break
    return tuple(out)
