"""Scheduling: no node is overcommitted and a pod is bound at most once.

Mirrors the promises of the scheduler's NodeResourcesFit filter and binding
(``pkg/scheduler/framework/plugins/noderesources/fit.go``, the pods/binding subresource),
semantics/replicaset.md §6.
"""

from __future__ import annotations

from typing import Any

from invariants import view
from invariants.property import Property, state_true
from model.quantity import milli_value, value

_TERMINAL = ("Succeeded", "Failed")


def _requests(pod: Any, resource: str) -> int:
    total = 0
    for c in pod.spec.containers:
        for k, v in c.resources.requests:
            if k == resource:
                total += milli_value(v) if resource == "cpu" else value(v)
    return total


def _no_overcommit(model: Any, state: Any) -> bool:
    pods = [p for p in view.pods(state) if p.spec.node_name and p.status.phase not in _TERMINAL]
    for node in view.nodes(state):
        alloc = dict(node.status.allocatable)
        mine = [p for p in pods if p.spec.node_name == node.metadata.name]
        if "pods" in alloc and len(mine) > value(alloc["pods"]):
            return False
        for res in ("cpu", "memory"):
            if res in alloc:
                cap = milli_value(alloc[res]) if res == "cpu" else value(alloc[res])
                if sum(_requests(p, res) for p in mine) > cap:
                    return False
    return True


NO_NODE_OVERCOMMIT = Property(
    "no_node_overcommit", "always", _no_overcommit,
    """The pods bound to a node never request more CPU, memory or pod slots than it has allocatable.

    NodeResourcesFit filters out nodes without room (semantics/replicaset.md §6.2). Counted over
    pods not in a terminal phase, including terminating ones (they keep their resources until
    gone). Kubernetes does not promise it for pods bound directly with spec.nodeName (they skip
    the scheduler), nor for usage above requests.""",
    group="scheduling",
)


def _bound_once(model: Any, before: Any, action: Any, after: Any) -> bool:
    was = {(p.metadata.namespace, p.metadata.name, p.metadata.uid): p for p in view.pods(before)}
    binding = str(getattr(action, "actor", "")).startswith("scheduler")
    for p in view.pods(after):
        old = was.get((p.metadata.namespace, p.metadata.name, p.metadata.uid))
        if old is None or not old.spec.node_name:
            continue
        if p.spec.node_name != old.spec.node_name:
            return False
        # the scheduler's only write to a pod is its binding: writing a bound pod is a second binding
        if binding and p.metadata.resource_version != old.metadata.resource_version:
            return False
    return True


POD_BOUND_ONCE = Property(
    "pod_bound_at_most_once", "always", state_true,
    """A pod is bound once: its spec.nodeName never changes and the scheduler never binds it again.

    The API server's binding subresource refuses to bind a pod that already has a node
    ("pod ... is already assigned to node ..."); a replacement is a new pod with a new UID. It does
    not say the pod runs there: a pod bound to a failed node stays bound until it is deleted.""",
    step=_bound_once,
    group="scheduling",
)

PROPERTIES = (NO_NODE_OVERCOMMIT, POD_BOUND_ONCE)
