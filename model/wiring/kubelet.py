"""Wiring of the kubelet (``pkg/kubelet``): what one kubelet does next to one of its pods.

The kubelet reads the pods bound to its node straight from the API server (its watch is filtered
by ``spec.nodeName`` and modelled without lag) and the environment (is the node up, which images
cannot be pulled). Each step is one status write or the final deletion of a terminated pod.
"""

from __future__ import annotations

import dataclasses

from model.apiserver import Delete, UpdateStatus, Write
from model.objects import ContainerStatus, Node, NodeCondition, Pod, PodCondition
from model.timeutil import Time

__all__ = ["pod_step", "node_step", "POD_LIFECYCLE"]

# STAND-IN for model/controllers/kubelet.py's table (scheduling helper): (from, event, to).
POD_LIFECYCLE = (
    ("Pending", "image pulled, containers started and ready", "Running/Ready"),
    ("Pending", "image cannot be pulled", "Pending/ErrImagePull"),
    ("Running/NotReady", "container restarted and ready", "Running/Ready"),
    ("Running/Ready", "container crashed (fault)", "Running/NotReady"),
    ("any/terminating", "containers stopped", "gone"),
)


def _conditions(pod: Pod, ready: bool, now: Time) -> tuple[PodCondition, ...]:
    out = []
    want = {"Initialized": "True", "ContainersReady": "True" if ready else "False",
            "Ready": "True" if ready else "False", "PodScheduled": "True"}
    have = {c.type: c for c in pod.status.conditions}
    for t in ("Initialized", "Ready", "ContainersReady", "PodScheduled"):
        c = have.get(t)
        if c is not None and c.status == want[t]:
            out.append(c)
        else:
            out.append(PodCondition(type=t, status=want[t], last_transition_time=now))
    return tuple(out)


def pod_step(pod: Pod, unpullable: tuple[str, ...], now: Time) -> Write | None:
    """The kubelet's next write for a pod on its (running) node, or None when nothing is to do."""
    if pod.metadata.deletion_timestamp is not None:
        return Delete("Pod", pod.metadata.namespace, pod.metadata.name, grace_seconds=0, uid=pod.metadata.uid)
    if pod.status.phase in ("Succeeded", "Failed"):
        return None
    images = [c.image for c in pod.spec.containers]
    statuses = {c.name: c for c in pod.status.container_statuses}
    if pod.status.phase in ("Pending", ""):
        if any(i in unpullable for i in images):
            cs = tuple(ContainerStatus(name=c.name, image=c.image, state="waiting",
                                       reason="ErrImagePull" if c.image in unpullable else "")
                       for c in pod.spec.containers)
            if pod.status.container_statuses == cs:
                return None
            return UpdateStatus(dataclasses.replace(pod, status=dataclasses.replace(
                pod.status, container_statuses=cs, conditions=_conditions(pod, False, now))))
        cs = tuple(ContainerStatus(name=c.name, image=c.image, state="running", ready=True,
                                   restart_count=statuses[c.name].restart_count if c.name in statuses else 0)
                   for c in pod.spec.containers)
        return UpdateStatus(dataclasses.replace(pod, status=dataclasses.replace(
            pod.status, phase="Running", start_time=pod.status.start_time or now, container_statuses=cs,
            conditions=_conditions(pod, True, now))))
    if pod.status.phase == "Running" and not all(c.ready for c in pod.status.container_statuses):
        cs = tuple(dataclasses.replace(c, state="running", ready=True, reason="")
                   for c in pod.status.container_statuses)
        return UpdateStatus(dataclasses.replace(pod, status=dataclasses.replace(
            pod.status, container_statuses=cs, conditions=_conditions(pod, True, now))))
    return None


def crash(pod: Pod, now: Time) -> Pod:
    """A container of a running pod exits: it is restarted, not ready until it is up again."""
    cs = tuple(dataclasses.replace(c, ready=False, state="waiting", reason="CrashLoopBackOff",
                                   restart_count=c.restart_count + 1) for c in pod.status.container_statuses)
    return dataclasses.replace(pod, status=dataclasses.replace(
        pod.status, container_statuses=cs, conditions=_conditions(pod, False, now)))


def node_step(node: Node, now: Time) -> Write | None:
    """A running kubelet reports its node Ready (after it was marked otherwise)."""
    ready = next((c for c in node.status.conditions if c.type == "Ready"), None)
    if ready is not None and ready.status == "True":
        return None
    conds = tuple(c for c in node.status.conditions if c.type != "Ready") + (
        NodeCondition(type="Ready", status="True", reason="KubeletReady", last_heartbeat_time=now,
                      last_transition_time=now),)
    return UpdateStatus(dataclasses.replace(node, status=dataclasses.replace(node.status, conditions=conds)))
