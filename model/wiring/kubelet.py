"""Wiring of the kubelet (``pkg/kubelet``): what one kubelet does next to one of its pods.

The pod lifecycle is table (``model.controllers.kubelet.TRANSITIONS``);
this module only chooses which of the table's events the environment produces now:

* Pending: ``ImagePulled``, or ``ImagePullFailed`` when the image is unpullable;
* ImagePullBackOff: ``BackOffExpired`` only once the image can be pulled again (a retry that would
  fail again changes nothing a controller reads, so it is not modelled — the pod simply stays);
* Running: ``ReadinessSucceeded`` ``timings.readiness`` seconds after the containers (re)started
  (default 0: at once);
* CrashLoopBackOff: ``BackOffExpired`` when the crash back-off (10 s doubling, from the moment the
  Ready condition went False) has run out — a timed event;
* Terminating: ``ContainersStopped`` ``timings.termination`` seconds after deletion was requested
  (the pod then leaves the API server: the kubelet's final delete with grace 0).

``ContainerExited`` comes from the ``PodCrash`` fault. The kubelet reads the pods bound to its node
straight from the API server (its watch is filtered by ``spec.nodeName``; modelled without lag) and
does nothing while its node is stopped.
"""

from __future__ import annotations

from model import evolve
from model.apiserver import Delete, UpdateStatus, Write
from model.controllers import kubelet as table
from model.objects import Node, NodeCondition, Pod
from model.timeutil import NANOS, Time

__all__ = ["pod_event", "pod_step", "pod_wake", "node_step", "crash", "POD_LIFECYCLE"]

POD_LIFECYCLE = table.TRANSITIONS


def _grace(pod: Pod) -> int:
    g = pod.metadata.deletion_grace_period_seconds
    if g is None:
        g = pod.spec.termination_grace_period_seconds
    return table.DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS if g is None else g


def _ready_changed_at(pod: Pod) -> int:
    return next((c.last_transition_time or 0 for c in pod.status.conditions if c.type == "Ready"), 0)


def pod_wake(pod: Pod, termination: int = 0, readiness: int = 0) -> int | None:
    """When the pod's next timed kubelet event is due (ns), if it waits for one."""
    state = table.lifecycle_state(pod)
    if state == table.RUNNING and readiness > 0:
        return _ready_changed_at(pod) + readiness * NANOS
    if state == table.CRASH_LOOP_BACK_OFF:
        return _ready_changed_at(pod) + table.crash_loop_backoff(table.restart_count(pod))
    if state == table.TERMINATING and termination > 0 and pod.metadata.deletion_timestamp is not None:
        requested = pod.metadata.deletion_timestamp - _grace(pod) * NANOS
        return requested + min(termination, _grace(pod)) * NANOS
    return None


def pod_event(pod: Pod, unpullable: tuple[str, ...], now: Time, termination: int = 0,
              readiness: int = 0) -> str | None:
    """The table event the environment produces for ``pod`` now, or None."""
    state = table.lifecycle_state(pod)
    if pod.status.phase in ("Succeeded", "Failed"):
        return None
    if state == table.TERMINATING:
        due = pod_wake(pod, termination)
        return table.CONTAINERS_STOPPED if due is None or due <= now else None
    bad = any(c.image in unpullable for c in pod.spec.containers)
    if state == table.PENDING:
        return table.IMAGE_PULL_FAILED if bad else table.IMAGE_PULLED
    if state == table.IMAGE_PULL_BACK_OFF:
        return None if bad else table.BACK_OFF_EXPIRED
    if state == table.RUNNING:
        due = pod_wake(pod, termination, readiness)
        return table.READINESS_SUCCEEDED if due is None or due <= now else None
    if state == table.CRASH_LOOP_BACK_OFF:
        due = pod_wake(pod)
        return table.BACK_OFF_EXPIRED if due is not None and due <= now else None
    return None


def pod_step(pod: Pod, unpullable: tuple[str, ...], now: Time, termination: int = 0,
             readiness: int = 0) -> Write | None:
    """The kubelet's next write for a pod on its (running) node, or None when nothing is to do."""
    event = pod_event(pod, unpullable, now, termination, readiness)
    if event is None:
        return None
    step = table.kubelet_step(pod, event, now)
    if step.pod is None:
        return Delete("Pod", pod.metadata.namespace, pod.metadata.name, grace_seconds=0, uid=pod.metadata.uid)
    if step.pod.status == pod.status:
        return None
    return UpdateStatus(step.pod)


def crash(pod: Pod, now: Time) -> Pod:
    """A container of a running pod exits (the ``ContainerExited`` row)."""
    step = table.kubelet_step(pod, table.CONTAINER_EXITED, now)
    assert step.pod is not None
    return step.pod


def can_crash(pod: Pod) -> bool:
    return table.CONTAINER_EXITED in table.enabled_events(pod)


def node_step(node: Node, now: Time) -> Write | None:
    """A running kubelet reports its node Ready (after it was marked otherwise)."""
    ready = next((c for c in node.status.conditions if c.type == "Ready"), None)
    if ready is not None and ready.status == "True":
        return None
    conds = tuple(c for c in node.status.conditions if c.type != "Ready") + (
        NodeCondition(type="Ready", status="True", reason="KubeletReady", last_heartbeat_time=now,
                      last_transition_time=now),)
    conds = tuple(evolve.replace(c, status="False", reason="KubeletHasSufficientMemory")
                  if c.type in ("MemoryPressure", "DiskPressure", "PIDPressure") and c.status != "False" else c
                  for c in conds)
    return UpdateStatus(evolve.replace(node, status=evolve.replace(node.status, conditions=conds)))
