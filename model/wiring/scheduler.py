"""Wiring of kube-scheduler (``pkg/scheduler/schedule_one.go``): one scheduling decision for one
pod from the scheduler's cache (``model.controllers.scheduler.schedule_one``: its filters
and scores), written as a Binding (or as an Unschedulable PodScheduled condition
when no node fits)."""

from __future__ import annotations

import dataclasses

from model.apiserver import Bind, UpdateStatus, Write
from model.controllers.scheduler import schedule_one
from model.objects import Node, Pod, PodCondition
from model.timeutil import Time

__all__ = ["decide", "needs_scheduling"]


def needs_scheduling(pod: Pod) -> bool:
    return (not pod.spec.node_name and pod.metadata.deletion_timestamp is None
            and pod.status.phase in ("Pending", "")
            and pod.spec.scheduler_name in ("", "default-scheduler"))


def _no_requests(pod: Pod) -> Pod:
    containers = tuple(dataclasses.replace(c, resources=dataclasses.replace(c.resources, requests=()))
                       for c in pod.spec.containers)
    return dataclasses.replace(pod, spec=dataclasses.replace(pod.spec, containers=containers))


def decide(pod: Pod, nodes: tuple[Node, ...], pods: tuple[Pod, ...], variant: str | None, now: Time) -> Write | None:
    """The scheduler's write for ``pod``: a Binding to the node ``schedule_one`` picks (among
    equal best scores, the first by name), or an Unschedulable condition (None if that is already
    recorded). Variant ``scheduler-ignores-capacity``: the decision is told no pod requests
    anything."""
    # Variant double-bind: the scheduler's cache holds the pod both as bound (to its node) and as
    # still to schedule, so it counts it on its node while placing it again.
    bound = [p for p in pods if p.spec.node_name
             and (p.metadata.name != pod.metadata.name or variant == "double-bind")]
    if variant == "scheduler-ignores-capacity":
        pod, bound = _no_requests(pod), [_no_requests(p) for p in bound]
    result = schedule_one(pod, nodes, bound)
    if result.node is not None:
        return Bind(pod.metadata.namespace, pod.metadata.name, result.node)
    have = next((c for c in pod.status.conditions if c.type == "PodScheduled"), None)
    if have is not None and have.status == "False" and have.reason == "Unschedulable":
        return None
    cond = PodCondition(type="PodScheduled", status="False", reason="Unschedulable", last_transition_time=now)
    conds = tuple(c for c in pod.status.conditions if c.type != "PodScheduled") + (cond,)
    return UpdateStatus(dataclasses.replace(pod, status=dataclasses.replace(pod.status, conditions=conds)))
