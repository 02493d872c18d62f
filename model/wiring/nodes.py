"""Wiring of the level-driven controllers of kube-controller-manager: node lifecycle
(``pkg/controller/nodelifecycle``), taint eviction (``pkg/controller/tainteviction``) and the
garbage collector (``pkg/controller/garbagecollector``).

Each is evaluated per object: ``*_writes`` returns the API writes its decision function
(``model/controllers/{nodelifecycle,tainteviction,gc}.py``) calls for, and the
system offers an action exactly when that is non-empty. ``*_deadlines`` return the clock times at
which a decision would change by itself (a grace period or toleration running out).

Modelling choices: a node's heartbeat is not stored — a running kubelet renews it continuously,
so its last heartbeat is "now", and a stopped one's is the moment it stopped (``NodeEnv.since``).
These controllers read the API server's objects directly (their caches are not modelled to lag).
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from model import evolve
from model.apiserver import Delete, Update, UpdateStatus, Write
from model.objects import Node, Pod
from model.timeutil import NANOS, Time

__all__ = ["available", "node_writes", "node_deadline", "eviction_writes", "eviction_deadlines", "gc_writes"]


@functools.cache
def _mod(name: str) -> Any:
    try:
        return importlib.import_module(f"model.controllers.{name}")
    except ImportError:
        return None


def available(name: str) -> bool:
    return _mod(name) is not None


# ---------------------------------------------------------------------------------------------
# node lifecycle


def node_writes(node: Node, pods: tuple[Pod, ...], up: bool, since: int, now: Time, grace: int) -> tuple[Write, ...]:
    """``monitorNodeHealth`` for one node: conditions Unknown after the grace period, the
    controller taints, and the pods of a node that is not Ready marked not ready."""
    nl = _mod("nodelifecycle")
    if nl is None:
        return ()
    heartbeat = now if up else since
    obs = nl.observe_node(node, heartbeat, now, grace_period=grace * NANOS)
    writes: list[Write] = []
    if obs.node.status != node.status:
        writes.append(UpdateStatus(obs.node))
    if obs.node.spec != node.spec:
        writes.append(Update(evolve.replace(node, spec=obs.node.spec)))
    if obs.ready != "True":
        writes.extend(UpdateStatus(p) for p in nl.pods_to_mark_not_ready(pods, node.metadata.name, now))
    return tuple(writes)


def node_deadline(up: bool, since_ns: int, grace: int) -> int | None:
    """When a stopped node's heartbeat becomes too old (ns): strictly after ``since + grace``."""
    if up:
        return None
    return since_ns + grace * NANOS + NANOS


# ---------------------------------------------------------------------------------------------
# taint eviction


def _plan(node: Node, pod: Pod, now: Time) -> Any:
    te = _mod("tainteviction")
    if te is None:
        return None
    no_exec = [t for t in node.spec.taints if t.effect == "NoExecute"]
    if not no_exec:
        return None
    started = max((t.time_added for t in no_exec if t.time_added is not None), default=None)
    return te.plan(node.spec.taints, pod.spec.tolerations, now, scheduled_at=started)


def eviction_writes(node: Node, pods: tuple[Pod, ...], now: Time) -> tuple[Write, ...]:
    """Pods on ``node`` whose NoExecute taints are not (or no longer) tolerated are deleted."""
    out: list[Write] = []
    for p in pods:
        if p.spec.node_name != node.metadata.name or p.metadata.deletion_timestamp is not None:
            continue
        plan = _plan(node, p, now)
        if plan is not None and plan.action == "evictNow":
            out.append(Delete("Pod", p.metadata.namespace, p.metadata.name, uid=p.metadata.uid))
    return tuple(out)


def eviction_deadlines(node: Node, pods: tuple[Pod, ...], now: Time) -> tuple[int, ...]:
    out = []
    for p in pods:
        if p.spec.node_name != node.metadata.name or p.metadata.deletion_timestamp is not None:
            continue
        plan = _plan(node, p, now)
        if plan is not None and plan.action == "evictAt" and plan.at is not None:
            out.append(plan.at)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# garbage collector


def gc_writes(obj: Any, by_uid: dict[str, Any], has_dependents: bool) -> tuple[Write, ...]:
    """``attemptToDeleteItem`` for one object with owner references (or being deleted with a
    foreground/orphan finalizer)."""
    gc = _mod("gc")
    if gc is None:
        return ()
    meta = obj.metadata
    if meta.deletion_timestamp is not None and not meta.owner_references:
        return _finalize(obj, has_dependents)
    if not meta.owner_references:
        return ()
    owners = {r.uid: gc.owner_status(by_uid[r.uid].metadata if r.uid in by_uid else None, r.uid)
              for r in meta.owner_references}
    d = gc.classify_owner_references(meta, owners, has_dependents)
    if d.action == "patchOwnerRefs":
        stripped = gc.strip_owner_references(meta, d.dangling + d.waiting)
        return (Update(evolve.replace(obj, metadata=evolve.replace(stripped, resource_version=""))),)
    if d.action in ("delete", "deleteForeground"):
        if meta.deletion_timestamp is not None and d.action == "deleteForeground":
            return _finalize(obj, has_dependents)
        return (Delete(obj.kind, meta.namespace, meta.name, propagation=d.propagation_policy or "Background",
                       uid=meta.uid),)
    if meta.deletion_timestamp is not None:
        return _finalize(obj, has_dependents)
    return ()


def _finalize(obj: Any, has_dependents: bool) -> tuple[Write, ...]:
    """An owner being deleted in the foreground loses its finalizer once its dependents are gone;
    with the orphan finalizer, once its dependents no longer point at it."""
    meta = obj.metadata
    fins = meta.finalizers
    if "foregroundDeletion" in fins and not has_dependents:
        fins = tuple(f for f in fins if f != "foregroundDeletion")
    if "orphan" in fins and not has_dependents:
        fins = tuple(f for f in fins if f != "orphan")
    if fins == meta.finalizers:
        return ()
    return (Update(evolve.replace(obj, metadata=evolve.replace(meta, finalizers=fins, resource_version=""))),)


def orphan_writes(owner: Any, dependents: list[Any]) -> tuple[Write, ...]:
    """The orphan finalizer's work: dependents lose their owner reference to ``owner``."""
    out: list[Write] = []
    for d in dependents:
        refs = tuple(r for r in d.metadata.owner_references if r.uid != owner.metadata.uid)
        out.append(Update(evolve.replace(d, metadata=evolve.replace(
            d.metadata, owner_references=refs, resource_version=""))))
    return tuple(out)


_ = (Time,)
