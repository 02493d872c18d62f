"""Wiring of kube-scheduler (``pkg/scheduler/schedule_one.go``): one scheduling decision for one
pod from the scheduler's cache, written as a Binding (or as an Unschedulable PodScheduled
condition when no node fits)."""

from __future__ import annotations

import dataclasses

from model.apiserver import Bind, UpdateStatus, Write
from model.objects import Node, Pod, PodCondition, Toleration
from model.timeutil import Time
from model.wiring.quantity import milli_value

__all__ = ["decide", "needs_scheduling"]


def needs_scheduling(pod: Pod) -> bool:
    return (not pod.spec.node_name and pod.metadata.deletion_timestamp is None
            and pod.status.phase in ("Pending", "")
            and pod.spec.scheduler_name in ("", "default-scheduler"))


def _requests(pod: Pod) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in pod.spec.containers:
        for k, v in c.resources.requests:
            out[k] = out.get(k, 0) + milli_value(v)
    return out


def _tolerates(tols: tuple[Toleration, ...], key: str, value: str, effect: str) -> bool:
    for t in tols:
        if t.effect and t.effect != effect:
            continue
        if t.operator == "Exists" and (t.key == "" or t.key == key):
            return True
        if t.operator in ("", "Equal") and t.key == key and t.value == value:
            return True
    return False


def _fits(pod: Pod, node: Node, on_node: list[Pod], ignore_capacity: bool) -> bool:
    # STAND-IN for the scheduling helper's filters (NodeUnschedulable, TaintToleration, NodeResourcesFit).
    if node.spec.unschedulable and not _tolerates(pod.spec.tolerations, "node.kubernetes.io/unschedulable", "",
                                                  "NoSchedule"):
        return False
    for t in node.spec.taints:
        if t.effect in ("NoSchedule", "NoExecute") and not _tolerates(pod.spec.tolerations, t.key, t.value,
                                                                      t.effect):
            return False
    if any(dict(node.metadata.labels).get(k) != v for k, v in pod.spec.node_selector):
        return False
    if ignore_capacity:
        return True
    alloc = {k: milli_value(v) for k, v in node.status.allocatable}
    if len(on_node) + 1 > alloc.get("pods", 110_000) // 1000:
        return False
    used: dict[str, int] = {}
    for p in on_node:
        for k, v in _requests(p).items():
            used[k] = used.get(k, 0) + v
    for k, v in _requests(pod).items():
        if v and used.get(k, 0) + v > alloc.get(k, 0):
            return False
    return True


def _score(pod: Pod, node: Node, on_node: list[Pod]) -> int:
    # LeastAllocated over cpu and memory (the default scoring's main term).
    alloc = {k: milli_value(v) for k, v in node.status.allocatable}
    total = 0
    for res in ("cpu", "memory"):
        cap = alloc.get(res, 0)
        used = sum(_requests(p).get(res, 0) for p in on_node + [pod])
        total += ((cap - used) * 100 // cap) if cap else 0
    return total // 2


def decide(pod: Pod, nodes: tuple[Node, ...], pods: tuple[Pod, ...], variant: str | None, now: Time) -> Write | None:
    """The scheduler's write for ``pod``: a Binding to the best node (ties: first by name), or an
    Unschedulable condition (None if that is already recorded)."""
    by_node: dict[str, list[Pod]] = {}
    for p in pods:
        if p.spec.node_name and p.metadata.name != pod.metadata.name:
            by_node.setdefault(p.spec.node_name, []).append(p)
    feasible = [n for n in nodes if _fits(pod, n, by_node.get(n.metadata.name, []),
                                          variant == "scheduler-ignores-capacity")]
    if feasible:
        best = max(feasible, key=lambda n: (_score(pod, n, by_node.get(n.metadata.name, [])),
                                            [-ord(ch) for ch in n.metadata.name]))
        return Bind(pod.metadata.namespace, pod.metadata.name, best.metadata.name)
    cond = PodCondition(type="PodScheduled", status="False", reason="Unschedulable", last_transition_time=now)
    have = next((c for c in pod.status.conditions if c.type == "PodScheduled"), None)
    if have is not None and have.status == "False" and have.reason == "Unschedulable":
        return None
    conds = tuple(c for c in pod.status.conditions if c.type != "PodScheduled") + (cond,)
    return UpdateStatus(dataclasses.replace(pod, status=dataclasses.replace(pod.status, conditions=conds)))
