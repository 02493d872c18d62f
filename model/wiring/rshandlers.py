"""The ReplicaSet controller's informer handlers: the replicaset helper's
``model.controllers.replicaset_handlers`` once it is merged; until then a minimal STAND-IN with the
same API (enqueue the owner, observe creations and deletions, wake matching RSs for orphans)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from model.controllers.controller_utils import (
    ControlleeExpectations,
    creation_observed,
    deletion_observed,
    pod_key,
)
from model.objects import Pod, ReplicaSet, controller_ref
from model.wiring.common import selector_matches

__all__ = ["rs_handlers"]


@dataclass(frozen=True, slots=True)
class HandlerEffect:
    enqueue: tuple[str, ...] = ()
    enqueue_after: tuple[tuple[str, int], ...] = ()
    creations_observed: tuple[str, ...] = ()
    deletions_observed: tuple[tuple[str, str], ...] = ()
    forget_expectations: tuple[str, ...] = ()


class _StandIn:
    """STAND-IN for model.controllers.replicaset_handlers (replicaset helper)."""

    @staticmethod
    def _owner(pod: Pod, rss: Sequence[ReplicaSet]) -> ReplicaSet | None:
        ref = controller_ref(pod.metadata)
        if ref is None or ref.kind != "ReplicaSet":
            return None
        return next((r for r in rss if r.metadata.name == ref.name and r.metadata.uid == ref.uid), None)

    @staticmethod
    def _key(rs: ReplicaSet) -> str:
        return f"{rs.metadata.namespace}/{rs.metadata.name}"

    def on_pod_delete(self, pod: Pod, rss: Sequence[ReplicaSet]) -> HandlerEffect:
        rs = self._owner(pod, rss)
        if rs is None:
            return HandlerEffect()
        return HandlerEffect(enqueue=(self._key(rs),), deletions_observed=((self._key(rs), pod_key(pod)),))

    def on_pod_add(self, pod: Pod, rss: Sequence[ReplicaSet]) -> HandlerEffect:
        if pod.metadata.deletion_timestamp is not None:
            return self.on_pod_delete(pod, rss)
        if controller_ref(pod.metadata) is not None:
            rs = self._owner(pod, rss)
            if rs is None:
                return HandlerEffect()
            return HandlerEffect(enqueue=(self._key(rs),), creations_observed=(self._key(rs),))
        return HandlerEffect(enqueue=tuple(self._key(r) for r in rss
                                           if pod.metadata.labels and selector_matches(r.spec.selector,
                                                                                       pod.metadata.labels)))

    def on_pod_update(self, old: Pod, cur: Pod, rss: Sequence[ReplicaSet]) -> HandlerEffect:
        if cur.metadata.deletion_timestamp is not None:
            return self.on_pod_delete(cur, rss)
        keys: list[str] = []
        for p in (old, cur):
            rs = self._owner(p, rss)
            if rs is not None:
                keys.append(self._key(rs))
            elif controller_ref(p.metadata) is None:
                keys.extend(self._key(r) for r in rss
                            if p.metadata.labels and selector_matches(r.spec.selector, p.metadata.labels))
        return HandlerEffect(enqueue=tuple(dict.fromkeys(keys)))

    def on_rs_add(self, rs: ReplicaSet) -> HandlerEffect:
        return HandlerEffect(enqueue=(self._key(rs),))

    def on_rs_update(self, old: ReplicaSet, cur: ReplicaSet) -> HandlerEffect:
        forget = (self._key(old),) if old.metadata.uid != cur.metadata.uid else ()
        return HandlerEffect(enqueue=(self._key(cur),), forget_expectations=forget)

    def on_rs_delete(self, rs: ReplicaSet) -> HandlerEffect:
        return HandlerEffect(enqueue=(self._key(rs),), forget_expectations=(self._key(rs),))

    @staticmethod
    def apply_observations(key: str, exp: ControlleeExpectations | None, effect: Any) -> ControlleeExpectations | None:
        if key in effect.forget_expectations:
            return None
        for k in effect.creations_observed:
            if k == key:
                exp = creation_observed(exp)
        for k, pk in effect.deletions_observed:
            if k == key:
                exp = deletion_observed(exp, pk)
        return exp


def _load() -> ModuleType | _StandIn:
    try:
        return importlib.import_module("model.controllers.replicaset_handlers")
    except ImportError:
        return _StandIn()


rs_handlers: Any = _load()
