"""Wiring of the ReplicaSet controller (``pkg/controller/replicaset/replica_set.go``).

One ``Reconcile("replicaset-controller", ns/name)`` = one ``syncReplicaSet``: read the RS and the
namespace's pods from the kube-controller-manager cache, consult the expectations (in-memory state
of the controller, kept in ``State.expectations``), create or delete pods, then write the status.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from model.apiserver import Create, Delete, UpdateStatus, Write
from model.objects import ObjectMeta, Pod, ReplicaSet, ReplicaSetStatus
from model.timeutil import NANOS, Time
from model.wiring.common import is_active, is_ready, owned_by, owner_ref, ready_since

__all__ = ["Expectation", "RsOutcome", "sync", "expectations_satisfied"]

BURST_REPLICAS = 500


@dataclass(frozen=True, slots=True)
class Expectation:
    """``ControlleeExpectations`` of one RS key: creations/deletions still to be observed, and when
    they were set (clock seconds; they expire after ``Timings.expectations_ttl``)."""

    key: str
    add: int
    deletes: tuple[str, ...]  # names of pods whose deletion is still to be observed (UID tracking)
    at: int

    @property
    def delete(self) -> int:
        return len(self.deletes)


@dataclass(frozen=True, slots=True)
class RsOutcome:
    writes: tuple[Write, ...] = ()
    expectation: Expectation | None = None  # set (or replaced) before the writes are issued
    clear_expectation: bool = False
    requeue_after: int | None = None         # seconds


def expectations_satisfied(exp: Expectation | None, clock: int, ttl: int) -> bool:
    """``ControllerExpectations.SatisfiedExpectations``: no record, fulfilled, or expired."""
    if exp is None:
        return True
    if exp.add <= 0 and exp.delete <= 0:
        return True
    return clock - exp.at > ttl


def _deletion_rank(pod: Pod) -> tuple[Any, ...]:
    # STAND-IN for controller_utils ActivePods ordering: unassigned < assigned, pending < unknown <
    # running, not ready < ready, ready for less time < longer, more restarts first, newer first.
    phase_rank = {"Pending": 0, "Unknown": 1, "Running": 2}.get(pod.status.phase, 0)
    since = ready_since(pod)
    restarts = max((c.restart_count for c in pod.status.container_statuses), default=0)
    return (
        1 if pod.spec.node_name else 0,
        phase_rank,
        1 if is_ready(pod) else 0,
        -(since or 0),
        -restarts,
        -(pod.metadata.creation_timestamp or 0),
    )


def _calculate_status(rs: ReplicaSet, pods: tuple[Pod, ...], now: Time) -> ReplicaSetStatus:
    # STAND-IN for replica_set_utils.go calculateStatus.
    min_ready = rs.spec.min_ready_seconds
    labels = dict(rs.spec.template.metadata.labels) if rs.spec.template else {}
    ready = [p for p in pods if is_ready(p)]
    available = [p for p in ready if min_ready == 0 or (ready_since(p) or 0) + min_ready * NANOS <= now]
    fully = [p for p in pods if all(dict(p.metadata.labels).get(k) == v for k, v in labels.items())]
    return dataclasses.replace(
        rs.status, replicas=len(pods), fully_labeled_replicas=len(fully), ready_replicas=len(ready),
        available_replicas=len(available), observed_generation=rs.metadata.generation,
    )


def _new_pod(rs: ReplicaSet) -> Pod:
    tpl = rs.spec.template
    assert tpl is not None
    return Pod(
        metadata=ObjectMeta(generate_name=rs.metadata.name + "-", namespace=rs.metadata.namespace,
                            labels=tpl.metadata.labels, annotations=tpl.metadata.annotations,
                            owner_references=(owner_ref(rs),)),
        spec=tpl.spec,
    )


def sync(rs: ReplicaSet | None, key: str, pods: tuple[Pod, ...], exp: Expectation | None, clock: int,
         now: Time, ttl: int, variant: str | None = None) -> RsOutcome:
    """One ``syncReplicaSet`` against the cache (STAND-IN: manageReplicas + calculateStatus, no
    adoption/release yet)."""
    if rs is None:
        return RsOutcome(clear_expectation=exp is not None)
    mine = tuple(p for p in pods if owned_by(p, rs.metadata.uid) and is_active(p))
    if variant == "ignore-expectations":
        exp = None
    writes: list[Write] = []
    expectation: Expectation | None = None
    if expectations_satisfied(exp, clock, ttl) and rs.metadata.deletion_timestamp is None:
        want = rs.spec.replicas if rs.spec.replicas is not None else 1
        diff = len(mine) - want
        if diff < 0:
            n = min(-diff, BURST_REPLICAS)
            expectation = Expectation(key, n, (), clock)
            writes.extend(Create(_new_pod(rs)) for _ in range(n))
        elif diff > 0:
            n = min(diff, BURST_REPLICAS)
            ranked = sorted(mine, key=lambda p: (_deletion_rank(p), p.metadata.name))
            if variant == "scale-down-ready-first":
                ranked = sorted(mine, key=lambda p: (not is_ready(p), p.metadata.name))
            victims = ranked[:n]
            expectation = Expectation(key, 0, tuple(sorted(p.metadata.name for p in victims)), clock)
            writes.extend(Delete("Pod", p.metadata.namespace, p.metadata.name, uid=p.metadata.uid)
                          for p in victims)
    status = _calculate_status(rs, mine, now)
    if status != rs.status:
        writes.append(UpdateStatus(dataclasses.replace(rs, status=status)))
    requeue = None
    if rs.spec.min_ready_seconds > 0:
        waits = [((ready_since(p) or 0) + rs.spec.min_ready_seconds * NANOS - now) for p in mine if is_ready(p)]
        waits = [w for w in waits if w > 0]
        if waits:
            requeue = -(-min(waits) // NANOS)
    return RsOutcome(tuple(writes), expectation, False, requeue)
