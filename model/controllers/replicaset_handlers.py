"""The ReplicaSet controller's informer event handlers, as pure functions.

Mirrors the handlers in ``pkg/controller/replicaset/replica_set.go`` (``addPod``, ``updatePod``,
``deletePod``, ``addRS``, ``updateRS``, ``deleteRS``, ``resolveControllerRef``,
``getPodReplicaSets``) and the lister helper they use
(``client-go/listers/apps/v1/replicaset_expansion.go`` ``GetPodReplicaSets``).
semantics/replicaset.md §1.2, §1.3.

Each handler returns a ``HandlerEffect``: the RS keys to enqueue (now or after a delay), and the
expectation observations to record. ``apply_observations`` applies the observations of one effect
to one RS's expectations record, so a transition system can keep expectations as plain values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.controllers.controller_utils import (
    ControlleeExpectations,
    creation_observed,
    deletion_observed,
    is_pod_ready,
    pod_key,
)
from model.controllers.selector_match import label_selector_as_selector
from model.errors import ModelError
from model.objects import OwnerReference, Pod, ReplicaSet, controller_ref
from model.timeutil import NANOS

__all__ = [
    "HandlerEffect",
    "rs_key",
    "resolve_controller_ref",
    "get_pod_replicasets",
    "on_pod_add",
    "on_pod_update",
    "on_pod_delete",
    "on_rs_add",
    "on_rs_update",
    "on_rs_delete",
    "apply_observations",
]


@dataclass(frozen=True, slots=True)
class HandlerEffect:
    """Model-only: what a handler did: keys enqueued now, keys enqueued after a delay (ns), expectation
    observations (creations per RS key; deletions as (RS key, pod key)), and RS keys whose
    expectations are dropped."""

    enqueue: tuple[str, ...] = ()
    enqueue_after: tuple[tuple[str, int], ...] = ()
    creations_observed: tuple[str, ...] = ()
    deletions_observed: tuple[tuple[str, str], ...] = ()
    forget_expectations: tuple[str, ...] = ()

    def __add__(self, other: HandlerEffect) -> HandlerEffect:
        return HandlerEffect(self.enqueue + other.enqueue, self.enqueue_after + other.enqueue_after,
                             self.creations_observed + other.creations_observed,
                             self.deletions_observed + other.deletions_observed,
                             self.forget_expectations + other.forget_expectations)


def rs_key(rs: ReplicaSet) -> str:
    """Mirrors pkg/controller/controller_utils.go: KeyFunc (cache.DeletionHandlingMetaNamespaceKeyFunc):
    ``namespace/name``."""
    return f"{rs.metadata.namespace}/{rs.metadata.name}"


def resolve_controller_ref(namespace: str, ref: OwnerReference, replicasets: Sequence[ReplicaSet],
                           kind: str = "ReplicaSet") -> ReplicaSet | None:
    """Mirrors replica_set.go resolveControllerRef: the ref's kind must be the controller's kind,
    an RS of that name must exist in the namespace, and its UID must be the ref's."""
    if ref.kind != kind:
        return None
    for rs in replicasets:
        if rs.metadata.namespace == namespace and rs.metadata.name == ref.name:
            return rs if rs.metadata.uid == ref.uid else None
    return None


def get_pod_replicasets(pod: Pod, replicasets: Sequence[ReplicaSet]) -> tuple[ReplicaSet, ...]:
    """Mirrors staging/src/k8s.io/client-go/listers/apps/v1/replicaset_expansion.go: GetPodReplicaSets: RSs in
    the pod's namespace whose selector matches the pod's labels; a pod without labels matches none, and an
    empty, nil or invalid selector matches nothing here (so such an RS never adopts through this path)."""
    if not pod.metadata.labels:
        return ()
    out = []
    for rs in replicasets:
        if rs.metadata.namespace != pod.metadata.namespace:
            continue
        try:
            selector = label_selector_as_selector(rs.spec.selector)
        except ModelError:
            continue
        if selector.nothing or selector.empty:
            continue
        if selector.matches(pod.metadata.labels):
            out.append(rs)
    return tuple(out)


def on_pod_delete(pod: Pod, replicasets: Sequence[ReplicaSet], kind: str = "ReplicaSet") -> HandlerEffect:
    """Mirrors replica_set.go deletePod: a pod of a resolvable owner counts as a deletion observed
    for that owner, which is enqueued; orphans are ignored."""
    ref = controller_ref(pod.metadata)
    if ref is None:
        return HandlerEffect()
    rs = resolve_controller_ref(pod.metadata.namespace, ref, replicasets, kind)
    if rs is None:
        return HandlerEffect()
    key = rs_key(rs)
    return HandlerEffect(enqueue=(key,), deletions_observed=((key, pod_key(pod)),))


def on_pod_add(pod: Pod, replicasets: Sequence[ReplicaSet], kind: str = "ReplicaSet") -> HandlerEffect:
    """Mirrors replica_set.go addPod: a pod already being deleted is a deletion; a pod with a
    resolvable controllerRef is a creation observed for its owner; an orphan enqueues every RS whose
    selector matches it (no observation)."""
    if pod.metadata.deletion_timestamp is not None:
        return on_pod_delete(pod, replicasets, kind)
    ref = controller_ref(pod.metadata)
    if ref is not None:
        rs = resolve_controller_ref(pod.metadata.namespace, ref, replicasets, kind)
        if rs is None:
            return HandlerEffect()
        key = rs_key(rs)
        return HandlerEffect(enqueue=(key,), creations_observed=(key,))
    return HandlerEffect(enqueue=tuple(rs_key(rs) for rs in get_pod_replicasets(pod, replicasets)))


def on_pod_update(old: Pod, cur: Pod, replicasets: Sequence[ReplicaSet], kind: str = "ReplicaSet") -> HandlerEffect:
    """Mirrors replica_set.go updatePod.

    Same resourceVersion: a resync, ignored. A new deletionTimestamp: a deletion (for the old
    labels too when they changed). A changed controllerRef enqueues the old owner. With a
    controllerRef the owner is enqueued, and again after ``minReadySeconds + 1 s`` when the pod just
    became ready; an orphan whose labels or owner changed enqueues every matching RS.
    """
    if cur.metadata.resource_version == old.metadata.resource_version:
        return HandlerEffect()
    labels_changed = cur.metadata.labels != old.metadata.labels
    if cur.metadata.deletion_timestamp is not None:
        effect = on_pod_delete(cur, replicasets, kind)
        if labels_changed:
            effect = effect + on_pod_delete(old, replicasets, kind)
        return effect
    cur_ref, old_ref = controller_ref(cur.metadata), controller_ref(old.metadata)
    ref_changed = cur_ref != old_ref
    effect = HandlerEffect()
    if ref_changed and old_ref is not None:
        old_rs = resolve_controller_ref(old.metadata.namespace, old_ref, replicasets, kind)
        if old_rs is not None:
            effect = effect + HandlerEffect(enqueue=(rs_key(old_rs),))
    if cur_ref is not None:
        rs = resolve_controller_ref(cur.metadata.namespace, cur_ref, replicasets, kind)
        if rs is None:
            return effect
        key = rs_key(rs)
        effect = effect + HandlerEffect(enqueue=(key,))
        if not is_pod_ready(old) and is_pod_ready(cur) and rs.spec.min_ready_seconds > 0:
            effect = effect + HandlerEffect(enqueue_after=((key, (rs.spec.min_ready_seconds + 1) * NANOS),))
        return effect
    if labels_changed or ref_changed:
        effect = effect + HandlerEffect(enqueue=tuple(rs_key(r) for r in get_pod_replicasets(cur, replicasets)))
    return effect


def on_rs_add(rs: ReplicaSet) -> HandlerEffect:
    """Mirrors replica_set.go addRS: enqueue."""
    return HandlerEffect(enqueue=(rs_key(rs),))


def on_rs_update(old: ReplicaSet, cur: ReplicaSet) -> HandlerEffect:
    """Mirrors replica_set.go updateRS: always enqueue; a UID change is a delete of the old object
    first (its expectations are dropped)."""
    effect = HandlerEffect()
    if cur.metadata.uid != old.metadata.uid:
        effect = on_rs_delete(old)
    return effect + HandlerEffect(enqueue=(rs_key(cur),))


def on_rs_delete(rs: ReplicaSet) -> HandlerEffect:
    """Mirrors replica_set.go deleteRS: drop the expectations, enqueue (the sync then finds nothing)."""
    key = rs_key(rs)
    return HandlerEffect(enqueue=(key,), forget_expectations=(key,))


def apply_observations(key: str, exp: ControlleeExpectations | None,
                       effect: HandlerEffect) -> ControlleeExpectations | None:
    """Mirrors the expectations calls of replica_set.go's handlers (CreationObserved,
    DeletionObserved, DeleteExpectations): the record of RS ``key`` after the effect's observations."""
    if key in effect.forget_expectations:
        return None
    for observed in effect.creations_observed:
        if observed == key:
            exp = creation_observed(exp)
    for observed, podkey in effect.deletions_observed:
        if observed == key:
            exp = deletion_observed(exp, podkey)
    return exp
