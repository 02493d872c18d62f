"""Reading the cluster out of a ``model.system.State`` for the properties.

The state's own accessors (``state.objects(kind)``, ``state.informer(name)``) and the model's
config are the only things read, so a property never depends on how the store is laid out.
"""

from __future__ import annotations

from typing import Any

from model.controllers.controller_utils import is_pod_active, is_pod_available, is_pod_ready
from model.objects import Deployment, Pod, ReplicaSet, controller_ref
from model.timeutil import NANOS

__all__ = ["objects", "deployments", "replicasets", "pods", "nodes", "owned_rss", "owned_pods", "now",
           "faulted", "is_pod_active", "is_pod_ready", "is_pod_available", "rolling", "kcm_pods",
           "has_kind_in_config", "horizon_cut"]


def objects(state: Any, kind: str) -> tuple[Any, ...]:
    fn = getattr(state, "objects", None)
    return tuple(fn(kind)) if fn is not None else ()


def deployments(state: Any) -> tuple[Deployment, ...]:
    return objects(state, "Deployment")


def replicasets(state: Any) -> tuple[ReplicaSet, ...]:
    return objects(state, "ReplicaSet")


def pods(state: Any) -> tuple[Pod, ...]:
    return objects(state, "Pod")


def nodes(state: Any) -> tuple[Any, ...]:
    return objects(state, "Node")


def _owned_by(obj: Any, owner: Any) -> bool:
    ref = controller_ref(obj.metadata)
    return ref is not None and ref.uid == owner.metadata.uid


def owned_rss(state: Any, d: Deployment) -> list[ReplicaSet]:
    return [rs for rs in replicasets(state) if _owned_by(rs, d)]


def owned_pods(state: Any, rs: ReplicaSet, from_pods: tuple[Pod, ...] | None = None) -> list[Pod]:
    return [p for p in (pods(state) if from_pods is None else from_pods) if _owned_by(p, rs)]


def now(model: Any, state: Any) -> int:
    cfg = getattr(model, "config", None)
    start = getattr(cfg, "start_time", 0)
    return int(start + getattr(state, "clock", 0) * NANOS)


def faulted(model: Any, state: Any) -> bool:
    """Has any fault happened on the way to ``state`` (its budget is below the config's)?"""
    cfg = getattr(model, "config", None)
    left = getattr(state, "faults_left", None)
    return cfg is not None and left is not None and left != cfg.faults


def rolling(d: Deployment) -> bool:
    return d.spec.strategy.type == "RollingUpdate"


def kcm_pods(state: Any) -> tuple[Pod, ...]:
    """The pods as kube-controller-manager's informer cache shows them (what the controllers saw)."""
    try:
        from model.informers import cache_list

        return tuple(cache_list(state.informer("kcm"), "Pod"))
    except (ImportError, AttributeError, StopIteration):
        return pods(state)


def kcm_object(state: Any, kind: str, namespace: str, name: str) -> Any | None:
    """An object as kube-controller-manager's cache shows it (None when absent or not modelled)."""
    try:
        from model.informers import cache_get

        return cache_get(state.informer("kcm"), kind, namespace, name)
    except (ImportError, AttributeError, StopIteration):
        return None


def has_kind_in_config(model: Any, kind: str) -> bool:
    """Does the config create an object of ``kind`` (applied up front or by a scripted ``Apply``)?"""
    cfg = getattr(model, "config", None)
    objs = [*getattr(cfg, "objects", ()), *(getattr(a, "obj", None) for a in getattr(cfg, "script", ()))]
    return any(getattr(o, "kind", "") == kind for o in objs if o is not None)


def horizon_cut(model: Any, state: Any) -> bool:
    """Something is waiting for a time beyond the model's horizon (``config.max_seconds``): a run
    cut there says nothing about what happens next, so liveness excuses it."""
    cfg = getattr(model, "config", None)
    timed = getattr(model, "timed_events", None)
    if cfg is None or timed is None:
        return False
    return any(t > cfg.max_seconds for t in timed(state))
