"""ReplicaSets: no over-creation under stale caches, and the scale-down victim order.

Mirrors the promises of ``pkg/controller/replicaset/replica_set.go`` (manageReplicas with
expectations) and ``pkg/controller/controller_utils.go`` (ActivePodsWithRanks), semantics/replicaset.md
§1.3–§1.6 and §3. Replica *convergence* is a liveness property: see ``invariants.convergence``.
"""

from __future__ import annotations

from typing import Any

from invariants import view
from invariants.property import Property, state_true

_RS_ACTORS = ("replicaset-controller",)


def _rs_sync(action: Any) -> str | None:
    """The ReplicaSet key a reconcile of the ReplicaSet controller works on, else None."""
    if getattr(action, "actor", "") in _RS_ACTORS and hasattr(action, "key"):
        return str(action.key)
    return None


def _active_owned(state: Any, rs: Any, pods: tuple[Any, ...]) -> list[Any]:
    return [p for p in view.owned_pods(state, rs, pods) if view.is_pod_active(p)]


def _expired_expectations(model: Any, state: Any, key: str) -> bool:
    """The controller's expectations for ``key`` were unfulfilled but have timed out."""
    lookup = getattr(state, "expectation", None)
    exp = lookup(key) if callable(lookup) else None
    return exp is not None and not exp.fulfilled() and exp.expired(view.now(model, state))


def _no_overcreation(model: Any, before: Any, action: Any, after: Any) -> bool:
    key = _rs_sync(action)
    if key is None or _expired_expectations(model, before, key):
        return True
    pods_before, pods_after = view.pods(before), view.pods(after)
    names_before = {p.metadata.name for p in pods_before}
    for rs in view.replicasets(after):
        created = [p for p in view.owned_pods(after, rs, pods_after) if p.metadata.name not in names_before]
        if not created:
            continue
        # judged against the spec the controller saw: acting on a stale spec is not over-creation
        seen = view.kcm_object(before, "ReplicaSet", rs.metadata.namespace, rs.metadata.name) or rs
        if len(_active_owned(after, rs, pods_after)) > (seen.spec.replicas or 0):
            return False
    return True


NO_OVERCREATION = Property(
    "no_overcreation_under_stale_caches", "always", state_true,
    """A ReplicaSet sync never creates pods beyond spec.replicas, even when its pod cache lags.

    The controller's expectations (ControllerExpectations) hold back the next sync until the
    creations it issued are observed (semantics/replicaset.md §1.3), so a stale cache does not
    make it create twice. Not promised after the expectations expire (5 minutes) while the cache
    is still stale, nor across a controller restart (expectations live in memory) — runs with a
    controller crash are excluded by counting only creations made by a sync. Judged against the
    spec.replicas the controller's cache showed: a sync on a stale *spec* (a scale-down not yet
    seen) may create pods the API server's spec no longer wants; Kubernetes does not prevent that.""",
    step=_no_overcreation,
    group="replicaset",
)

_PHASE = {"Pending": 0, "Unknown": 1, "Running": 2}


def _rank(p: Any) -> tuple[int, int, int]:
    """The first three rules of ActivePodsWithRanks.Less: unassigned, phase, not ready — lower first."""
    return (1 if p.spec.node_name else 0, _PHASE.get(p.status.phase, 0), 1 if view.is_pod_ready(p) else 0)


def _victim_order(model: Any, before: Any, action: Any, after: Any) -> bool:
    key = _rs_sync(action)
    if key is None:
        return True
    seen = {(p.metadata.namespace, p.metadata.name): p for p in view.kcm_pods(before)}
    after_pods = {(p.metadata.namespace, p.metadata.name): p for p in view.pods(after)}
    before_pods = view.pods(before)
    for rs in view.replicasets(before):
        if f"{rs.metadata.namespace}/{rs.metadata.name}" != key:
            continue
        owned = _active_owned(before, rs, before_pods)
        victims: list[Any] = []
        survivors: list[Any] = []
        for p in owned:
            k = (p.metadata.namespace, p.metadata.name)
            now = after_pods.get(k)
            cached = seen.get(k, p)
            (victims if now is None or now.metadata.deletion_timestamp is not None else survivors).append(cached)
        for v in victims:
            for s in survivors:
                if _rank(s) < _rank(v):
                    return False
    return True


SCALE_DOWN_VICTIM_ORDER = Property(
    "scale_down_victim_order", "always", state_true,
    """When a ReplicaSet scales down, unscheduled, pending and not-ready pods go before running ready ones.

    getPodsToDelete sorts by ActivePodsWithRanks (semantics/replicaset.md §3); judged on the pods as
    the controller's cache showed them. Among pods equal on these first rules (deletion cost,
    co-location, ready time, restarts, age, UID) the choice is deliberately not pinned here:
    Kubernetes randomises it (LogarithmicScaleDown) and only promises the coarse order.""",
    step=_victim_order,
    group="replicaset",
)

PROPERTIES = (NO_OVERCREATION, SCALE_DOWN_VICTIM_ORDER)
