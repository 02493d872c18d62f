"""Wiring of the ReplicaSet controller (``pkg/controller/replicaset/replica_set.go``).

One ``Reconcile("replicaset-controller", ns/name)`` = one ``syncReplicaSet`` pass of
``model.controllers.replicaset.sync_replicaset`` over the kube-controller-manager cache (the RS,
the namespace's pods and ReplicaSets), with the controller's expectations record (in-memory state,
kept in ``State.expectations``). Each API call the pass makes is issued to the API server as it is
made (``issue``), so a failed create ends the slow-start batches exactly as in Kubernetes; then the
status is written with the cached resourceVersion.

Variants applied here: ``ignore-expectations`` (the pass is told there is no expectations record),
``scale-down-ready-first`` (the pods deleted are the ready ones first — the ranking reversed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from model import evolve
from model.apiserver import Create, Delete, Update, UpdateStatus, Write
from model.controllers.controller_ref_manager import PodPatch
from model.controllers.controller_utils import (
    CallError,
    ControlleeExpectations,
    expectations_satisfied,
    is_pod_ready,
)
from model.controllers.replicaset import sync_replicaset
from model.objects import Pod, ReplicaSet
from model.timeutil import NANOS, Time

__all__ = ["RsOutcome", "sync", "expectations_satisfied", "patch_write"]

Issue = Callable[[Write], CallError | None]


@dataclass(frozen=True, slots=True)
class RsOutcome:
    expectations: ControlleeExpectations | None
    error: str | None = None
    requeue_after: int | None = None  # seconds


def patch_write(patch: PodPatch, pod: Pod | None) -> Write | None:
    """An adoption/release patch of a pod's ownerReferences as an unconditional update."""
    if pod is None or pod.metadata.uid != patch.pod_uid:
        return None
    meta = pod.metadata
    if patch.action == "adopt":
        refs = meta.owner_references + (patch.owner_ref,)
        fins = meta.finalizers + tuple(f for f in patch.finalizers if f not in meta.finalizers)
    else:
        refs = tuple(r for r in meta.owner_references if r.uid != patch.owner_ref.uid)
        fins = tuple(f for f in meta.finalizers if f not in patch.finalizers)
    meta = evolve.replace(meta, owner_references=refs, finalizers=fins, resource_version="")
    return Update(evolve.replace(pod, metadata=meta))


def sync(rs: ReplicaSet, live: ReplicaSet | None, pods: tuple[Pod, ...], replicasets: tuple[ReplicaSet, ...],
         exp: ControlleeExpectations | None, now: Time, issue: Issue, variant: str | None = None) -> RsOutcome:
    """One ``syncReplicaSet`` of the cached ``rs``; ``issue`` makes one API call and says how it ended."""
    if variant == "ignore-expectations":
        exp = None
    by_name = {p.metadata.name: p for p in pods}
    ready_first = sorted((p for p in pods if p.metadata.deletion_timestamp is None),
                         key=lambda p: (not is_pod_ready(p), p.metadata.name))
    deleted: list[str] = []

    def on_create(_k: int, pod: Pod) -> CallError | None:
        return issue(Create(pod))

    def on_delete(namespace: str, name: str) -> CallError | None:
        if variant == "scale-down-ready-first":
            mine = [p for p in ready_first if p.metadata.name not in deleted
                    and any(r.uid == rs.metadata.uid for r in p.metadata.owner_references)]
            if mine:
                name = mine[0].metadata.name
        deleted.append(name)
        return issue(Delete("Pod", namespace, name))

    def on_patch(patch: PodPatch) -> CallError | None:
        w = patch_write(patch, by_name.get(patch.pod_name))
        return issue(w) if w is not None else CallError(f'pods "{patch.pod_name}" not found', "NotFound")

    res = sync_replicaset(rs, pods, replicasets, exp, now, live_rs=live if live is not None else CallError(
        f'replicasets.apps "{rs.metadata.name}" not found', "NotFound"),
        create_outcome=on_create, delete_outcome=on_delete, patch_outcome=on_patch)
    error = res.error
    if res.status_write and res.status is not None:
        err = issue(UpdateStatus(evolve.replace(rs, status=res.status)))
        if err is not None and error is None:
            error = err.message
    requeue = None
    if res.requeue_after is not None:
        requeue = max(1, -(-res.requeue_after // NANOS))
    return RsOutcome(res.expectations, error, requeue)
