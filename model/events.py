"""API writes and watch events: how a write reaches the informer caches, and what the
controllers' event handlers do when an event is delivered (enqueue keys, observe expectations).
"""

from __future__ import annotations

from typing import Any

from model import apiserver as api
from model import evolve
from model.apiserver import Key, Write
from model.config import ClusterConfig
from model.controllers.replication import rc_to_rs
from model.informers import (
    cache_get,
    cache_list,
    deliver_head,
    notify,
)
from model.objects import (
    controller_ref,
)
from model.state import (
    DEPLOYMENT,
    KCM,
    RC_PREFIX,
    REPLICASET,
    REPLICATION,
    SCHEDULER,
    State,
    _enqueue,
    _enqueue_after,
    _set_expectation,
    evolve_state,
    now_ns,
)
from model.timeutil import NANOS
from model.wiring import vpa as vpa_wiring  # autoscale-system
from model.wiring.common import selector_matches
from model.wiring.rshandlers import rs_handlers

__all__ = [
    "commit",
    "drain",
]


# ---------------------------------------------------------------------------------------------
# committing writes


# What each process watches (kube-controller-manager: everything its controllers read).
_WATCHES = {KCM: frozenset({"Deployment", "ReplicaSet", "Pod", "Node", "Service", "ReplicationController",
                            "HorizontalPodAutoscaler"}),
            SCHEDULER: frozenset({"Pod", "Node"})}


def _notify_all(state: State, key: Key) -> State:
    return evolve_state(state, informers=tuple(notify(i, key) if key[0] in _WATCHES[i.name] else i
                                                      for i in state.informers))


def commit(config: ClusterConfig, state: State, write: Write) -> State:
    """Apply one API write (raises ``ApiError``) and queue its watch event to every cache.

    Without ``informer_lag`` the events are delivered at the end of the step that made the write
    (``Model.step`` drains them), so caches never lag between steps."""
    write = vpa_wiring.admit(state, write)  # autoscale-system: the VPA admission controller's patch
    store, key = api.apply_write(state.store, write, now_ns(config, state), config.timings.default_toleration,
                                 allow_rebind=config.variant == "double-bind")
    if store is state.store:
        return state
    return _notify_all(evolve_state(state, store=store), key)


def drain(config: ClusterConfig, state: State) -> State:
    """Deliver every pending watch event (the ``informer_lag=False`` mode)."""
    while any(i.pending for i in state.informers):
        for inf in state.informers:
            if inf.pending:
                state = _deliver(config, state, inf.name)
    return state


def _chain_rv(w: Write, written: dict[Key, tuple[str, str]]) -> Write:
    obj = getattr(w, "obj", None)
    if obj is None or isinstance(w, api.Create):
        return w
    seen = written.get(api.key_of(obj))
    if seen is None or obj.metadata.resource_version != seen[0]:
        return w
    obj = evolve.replace(obj, metadata=evolve.replace(obj.metadata, resource_version=seen[1]))
    return evolve.replace(w, obj=obj)  # type: ignore[call-arg]


# ---------------------------------------------------------------------------------------------
# event handlers (the controllers' informer callbacks)


def _handle(config: ClusterConfig, state: State, key: Key, old: Any, new: Any) -> State:
    """What kube-controller-manager's handlers do with one delivered event."""
    kind, ns, name = key
    obj = new if new is not None else old
    if kind == "Deployment":
        state = _enqueue(state, DEPLOYMENT, f"{ns}/{name}")
    elif kind == "ReplicationController":
        state = _apply_effect(state, _rs_effect(_as_rs(old), _as_rs(new)), REPLICATION)
    elif kind in ("ReplicaSet", "Pod"):
        inf = state.informer(KCM)
        rss = cache_list(inf, "ReplicaSet", ns)
        if kind == "ReplicaSet":
            state = _apply_effect(state, _rs_effect(old, new), REPLICASET)
            for o in (old, new):  # the Deployment controller's addReplicaSet/updateReplicaSet/deleteReplicaSet
                if o is None or (config.variant == "deployment-ignores-replicaset-events"
                                 and old is not None and new is not None):
                    continue  # known-bad (model.variants): updateReplicaSet drops every update
                ref = controller_ref(o.metadata)
                if ref is not None and ref.kind == "Deployment":
                    state = _enqueue(state, DEPLOYMENT, f"{ns}/{ref.name}")
                elif ref is None:
                    for d in cache_list(inf, "Deployment", ns):
                        if selector_matches(d.spec.selector, o.metadata.labels):
                            state = _enqueue(state, DEPLOYMENT, f"{ns}/{d.metadata.name}")
        else:
            state = _apply_effect(state, _pod_effect(old, new, rss), REPLICASET)
            rcs = tuple(rc_to_rs(rc) for rc in cache_list(inf, "ReplicationController", ns))
            if rcs:
                state = _apply_effect(state, _pod_effect(old, new, rcs, "ReplicationController"), REPLICATION)
            ref = controller_ref(obj.metadata)
            if new is None and ref is not None and ref.kind == "ReplicaSet":
                # The Deployment controller's deletePod: a Recreate rollout waits for pods to go.
                rs = cache_get(inf, "ReplicaSet", ns, ref.name)
                dref = controller_ref(rs.metadata) if rs is not None else None
                if dref is not None and dref.kind == "Deployment":
                    state = _enqueue(state, DEPLOYMENT, f"{ns}/{dref.name}")
    return state


def _as_rs(rc: Any) -> Any:
    return None if rc is None else rc_to_rs(rc)


def _rs_effect(old: Any, new: Any) -> Any:
    h = rs_handlers
    if old is None:
        return h.on_rs_add(new)
    if new is None:
        return h.on_rs_delete(old)
    return h.on_rs_update(old, new)


def _pod_effect(old: Any, new: Any, rss: tuple[Any, ...], kind: str = "ReplicaSet") -> Any:
    h = rs_handlers
    if old is None:
        return h.on_pod_add(new, rss, kind)
    if new is None:
        return h.on_pod_delete(old, rss, kind)
    return h.on_pod_update(old, new, rss, kind)


def _exp_key(controller: str, key: str) -> str:
    return RC_PREFIX + key if controller == REPLICATION else key


def _apply_effect(state: State, effect: Any, controller: str) -> State:
    """Apply a ReplicaSet/RC-controller handler effect: enqueues, delayed enqueues, observations."""
    for key in effect.enqueue:
        state = _enqueue(state, controller, key)
    for key, after in effect.enqueue_after:
        state = _enqueue_after(state, controller, key, state.clock + max(1, -(-after // NANOS)))
    prefix = RC_PREFIX if controller == REPLICATION else ""
    for full in sorted({k for k, _ in state.expectations}):
        if (controller == REPLICATION) != full.startswith(RC_PREFIX):
            continue
        exp = state.expectation(full)
        new = rs_handlers.apply_observations(full[len(prefix):], exp, effect)
        if new != exp:
            state = _set_expectation(state, new, full)
    return state


def _deliver(config: ClusterConfig, state: State, name: str) -> State:
    inf = state.informer(name)
    inf, key, old, new = deliver_head(inf, state.store)
    state = evolve_state(state, informers=tuple(inf if i.name == name else i for i in state.informers))
    if name == KCM and old != new:
        state = _handle(config, state, key, old, new)
    return state


