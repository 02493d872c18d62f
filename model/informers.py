"""Informer caches fed by watch events, which may lag, be dropped, or be duplicated.

Mirrors ``staging/src/k8s.io/client-go/tools/cache`` (Reflector, DeltaFIFO, the shared indexer)
at the level of detail controllers can observe: a process (kube-controller-manager, the scheduler)
holds one cache of API objects shared by its controllers; it changes only when a watch event is
delivered. Between a write and the delivery, the cache is stale.

Modelling choices (keep the state small, keep what controllers can observe):

* Events are coalesced per object: ``pending`` holds keys, not object copies, and delivering a
  key copies the object's *current* version from the store (or removes it when gone). A controller
  can therefore miss intermediate versions, as it can in Kubernetes when several updates arrive
  before its worker runs; it always ends up at the latest version.
* A dropped event leaves that object stale in the cache. A broken watch makes the reflector relist
  (``relist``): the cache becomes the store, and a level-triggered process re-enqueues every key.
  ``dropped_since`` records when the first undelivered drop happened so the relist is a timed event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model.apiserver import (
    Key,
    Store,
    kind_index,
    objects_fingerprint,
    tmap_del,
    tmap_get,
    tmap_put,
)
from model.evolve import evolver

__all__ = ["Informer", "notify", "deliver_head", "drop_head", "relist", "cache_get", "cache_list", "is_stale"]


@dataclass(frozen=True, slots=True)
class Informer:
    """One process's shared cache: objects as last delivered, and keys with undelivered events."""

    name: str
    cache: tuple[tuple[Key, Any], ...] = ()
    pending: tuple[Key, ...] = ()
    dropped_since: int | None = None
    _h: int | None = field(default=None, init=False, compare=False, repr=False)
    _kinds: dict[Any, tuple[Any, ...]] | None = field(default=None, init=False, compare=False, repr=False)

    def __hash__(self) -> int:
        h = self._h
        if h is None:
            h = hash((self.name, objects_fingerprint(self.cache), self.pending, self.dropped_since))
            object.__setattr__(self, "_h", h)
        return int(h)


evolve_informer = evolver(Informer)  # dataclasses.replace for Informer (model.evolve)


def notify(inf: Informer, key: Key) -> Informer:
    """A watch event for ``key`` is on its way (coalesced with one already pending)."""
    if key in inf.pending:
        return inf
    return evolve_informer(inf, pending=inf.pending + (key,))


def deliver_head(inf: Informer, store: Store) -> tuple[Informer, Key, Any | None, Any | None]:
    """Deliver the oldest pending event: returns (informer, key, old cached object, new object)."""
    key = inf.pending[0]
    old = tmap_get(inf.cache, key)
    new = tmap_get(store.objects, key)
    cache = tmap_put(inf.cache, key, new) if new is not None else tmap_del(inf.cache, key)
    return evolve_informer(inf, cache=cache, pending=inf.pending[1:]), key, old, new


def drop_head(inf: Informer, now: int) -> Informer:
    """The oldest pending event is lost: the cache keeps the old version of that object."""
    if not inf.pending:
        return inf
    return evolve_informer(
        inf, pending=inf.pending[1:], dropped_since=now if inf.dropped_since is None else inf.dropped_since
    )


def relist(inf: Informer, store: Store) -> tuple[Informer, tuple[tuple[Key, Any | None, Any | None], ...]]:
    """The reflector lists everything again: the cache becomes the store; returns the changes."""
    changes = []
    old_keys = {k for k, _ in inf.cache}
    new_keys = {k for k, _ in store.objects}
    for key in sorted(old_keys | new_keys):
        old = tmap_get(inf.cache, key)
        new = tmap_get(store.objects, key)
        if old != new:
            changes.append((key, old, new))
    return Informer(inf.name, store.objects, (), None), tuple(changes)


def is_stale(inf: Informer, store: Store) -> bool:
    return inf.cache != store.objects


def cache_get(inf: Informer, kind: str, namespace: str, name: str) -> Any | None:
    return tmap_get(inf.cache, (kind, namespace, name))


def cache_list(inf: Informer, kind: str, namespace: str | None = None) -> tuple[Any, ...]:
    return kind_index(inf, inf.cache, kind, namespace)
