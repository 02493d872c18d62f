"""The scenario runner's one door into the cluster transition system.

Everything the scenario language needs from ``model.system``, ``model.runner``,
``model.useractions``, ``model.config`` and ``model.manifests`` goes through ``World``, so that the
runner, the explorer and the trace writer stay independent of the system's internal layout.

Interleaving used by ``kubeproof scenario run`` (documented contract):
  see ``INTERLEAVING`` below; it is the system runner's deterministic fair schedule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from model.errors import ModelError
from model.objects import (
    Deployment,
    Node,
    Pod,
    ReplicaSet,
    ReplicationController,
    Service,
    from_json,
)
from model.scenario.conditions import View
from model.scenario.parse import Scenario, split_manifests

INTERLEAVING = """\
Deterministic fair interleaving (default): at each instant of the model clock every enabled
action runs before time advances; among the enabled actions the system runner takes them in the
order ``model.system.Model.actions`` lists them, rotating so that a component that has just acted
goes behind the others (round-robin fairness), and ties are broken by that list order (which is
sorted by component, then object key). When nothing is enabled at the current instant the clock
jumps to the earliest pending timed action (a kubelet starting a container, a grace period ending,
an HPA sync tick, a node monitor period). ``--seed N`` picks uniformly among the enabled actions
with a random generator seeded with N, still running every enabled action before time advances."""

_KINDS: dict[str, type] = {
    "Deployment": Deployment,
    "ReplicaSet": ReplicaSet,
    "ReplicationController": ReplicationController,
    "Pod": Pod,
    "Service": Service,
    "Node": Node,
}


def load_manifest(doc: dict[str, Any], namespace: str = "default") -> Any:
    """One manifest as a validated, defaulted model object (``model.manifests`` when available)."""
    try:
        from model import manifests  # the foundation's loader
    except ImportError:  # pragma: no cover - until it lands
        manifests = None  # type: ignore[assignment]
    if manifests is not None and hasattr(manifests, "load_object"):
        return manifests.load_object(doc, namespace=namespace)
    kind = doc.get("kind")
    cls = _KINDS.get(str(kind))
    if cls is None:
        hpa = _hpa_class()
        if kind == "HorizontalPodAutoscaler" and hpa is not None:
            cls = hpa
        else:
            raise ModelError("Invalid", f"kind: unsupported kind {kind!r}", field="kind")
    obj = from_json(cls, doc)
    meta = dataclasses.replace(obj.metadata, namespace=obj.metadata.namespace or namespace)
    return dataclasses.replace(obj, metadata=meta)


def _hpa_class() -> type | None:
    from model import objects

    return getattr(objects, "HorizontalPodAutoscaler", None)


class World:
    """A scenario's cluster: the model, its start time, user steps and the passage of time."""

    def __init__(self, scenario: Scenario, seed: int | None = None, variant: str | None = None) -> None:
        from model import config as cfg
        from model.system import Model

        nodes = tuple(
            cfg.NodeConfig(
                name=n.name,
                cpu=n.cpu or "4",
                memory=n.memory or "8Gi",
                pods=n.pods or 110,
                labels=tuple(sorted(dict(n.labels, **{"kubernetes.io/hostname": n.name}).items())),
            )
            for n in scenario.nodes
        ) or tuple(cfg.NodeConfig(f"node-{i}", labels=(("kubernetes.io/hostname", f"node-{i}"),))
                   for i in (1, 2, 3))
        self.config = cfg.ClusterConfig(nodes=nodes, variant=variant, max_seconds=10**7)
        self.model = Model(self.config)
        self.seed = seed
        self.namespace = self.config.namespace
        self.start_time = self.config.start_time

    # --- reading ---------------------------------------------------------------------------

    def initial_state(self) -> Any:
        states = self.model.init_states()
        return states[0]

    def now(self, state: Any) -> int:
        return World.static_now(state)

    @staticmethod
    def static_now(state: Any) -> int:
        return int(state.now)

    def pods(self, state: Any) -> tuple[Pod, ...]:
        return _list(state, "Pod")

    def view(self, state: Any, created: dict[str, Any] | None = None) -> View:
        return dataclasses.replace(World.static_view(state), created_since=created or {})

    @staticmethod
    def static_view(state: Any) -> View:
        return View(
            now=World.static_now(state),
            deployments=_list(state, "Deployment"),
            replicasets=_list(state, "ReplicaSet"),
            pods=_list(state, "Pod"),
            nodes=_list(state, "Node"),
            rcs=_list(state, "ReplicationController"),
        )

    # --- time ------------------------------------------------------------------------------

    def advance(self, state: Any, seconds: float, on_change: Callable[..., None]) -> Any:
        from model import runner

        return runner.advance(self.model, state, seconds, on_change=on_change, seed=self.seed)

    def settle(self, state: Any, max_seconds: int, on_change: Callable[..., None]) -> Any:
        from model import runner

        return runner.settle(self.model, state, max_seconds, on_change=on_change, seed=self.seed)

    # --- user steps ------------------------------------------------------------------------

    def user_step(self, state: Any, kind: str, arg: Any) -> Any:
        from model.scenario import useractions_bridge as ub

        if kind == "apply":
            objs = [load_manifest(doc, self.namespace) for doc in split_manifests(arg)]
            for obj in objs:
                state = ub.apply(self.model, state, obj)
            return state
        return ub.perform(self.model, state, kind, arg, self.namespace)


def _list(state: Any, kind: str) -> tuple[Any, ...]:
    from model import apiserver

    return apiserver.list_kind(state.store, kind)
