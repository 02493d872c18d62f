"""The state of the cluster transition system (see ``model.system`` for the theory of operation).

``State`` is one frozen value: the API server store, the informer caches, the controllers' work
queues and in-memory state (expectations, HPA memory, leader electors), the environment, the
fault budget left and the clock. The queue helpers here are the only ways the system changes the
controllers' queues and expectations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model import apiserver as api
from model.apiserver import Store
from model.config import ClusterConfig, FaultBudget
from model.controllers.controller_utils import (
    ControlleeExpectations,
)
from model.evolve import evolver
from model.informers import (
    Informer,
)
from model.timeutil import NANOS, Time
from model.wiring import leader as leader_wiring

__all__ = [
    "KCM",
    "SCHEDULER",
    "DEPLOYMENT",
    "REPLICASET",
    "REPLICATION",
    "QUEUE_CONTROLLERS",
    "RC_PREFIX",
    "NODE_LIFECYCLE",
    "TAINT_EVICTION",
    "GARBAGE_COLLECTOR",
    "ENDPOINTS",
    "LEVEL_CONTROLLERS",
    "HPA_CONTROLLER",
    "NodeEnv",
    "Env",
    "State",
    "now_ns",
]

KCM = "kcm"
SCHEDULER = "scheduler"
DEPLOYMENT = "deployment-controller"
REPLICASET = "replicaset-controller"
REPLICATION = "replication-controller"
QUEUE_CONTROLLERS = (DEPLOYMENT, REPLICASET, REPLICATION)
# Expectations are kept per controller key; an RC's carry this prefix (an RS and an RC may share a name).
RC_PREFIX = "rc:"
NODE_LIFECYCLE = "node-lifecycle-controller"
TAINT_EVICTION = "taint-eviction-controller"
GARBAGE_COLLECTOR = "garbage-collector"
ENDPOINTS = "endpoints-controller"
LEVEL_CONTROLLERS = (NODE_LIFECYCLE, TAINT_EVICTION, GARBAGE_COLLECTOR, ENDPOINTS)
HPA_CONTROLLER = "horizontal-pod-autoscaler"


# ---------------------------------------------------------------------------------------------
# state


@dataclass(frozen=True, slots=True)
class NodeEnv:
    """Is the node's kubelet running; ``since`` is when that last changed (clock seconds)."""

    name: str
    up: bool = True
    since: int = 0


@dataclass(frozen=True, slots=True)
class Env:
    """The environment: kubelets up/down, unpullable images, CPU load, injected conflict."""

    nodes: tuple[NodeEnv, ...] = ()
    unpullable: tuple[str, ...] = ()
    cpu_load: tuple[tuple[str, str, int], ...] = ()  # (kind, name, total millicores), sorted
    # (kind, name, previous millicores, clock second of the change): what metrics lagging by
    # ``timings.metrics_delay`` still report
    load_changes: tuple[tuple[str, str, int, int], ...] = ()
    conflict_next: bool = False

    def node(self, name: str) -> NodeEnv | None:
        return next((n for n in self.nodes if n.name == name), None)


@dataclass(frozen=True, slots=True)
class State:
    """One state of the whole cluster (see the module docstring)."""

    clock: int
    store: Store
    informers: tuple[Informer, ...]
    queues: tuple[tuple[str, tuple[str, ...]], ...]
    delayed: tuple[tuple[int, str, str], ...] = ()
    expectations: tuple[tuple[str, ControlleeExpectations], ...] = ()  # by RS key
    env: Env = Env()
    faults_left: FaultBudget = FaultBudget()
    script_pc: int = 0
    managers: tuple[leader_wiring.Manager, ...] = ()
    hpas: tuple[tuple[str, int, Any], ...] = ()  # (HPA key, next sync second, HpaMemory)
    # autoscale-system: the VPA recommender/updater memory per VPA key, the Cluster Autoscaler's
    vpas: tuple[tuple[str, Any], ...] = ()  # (VPA key, model.wiring.vpa.VpaMemory)
    cluster_autoscaler: Any = None  # model.wiring.clusterautoscaler.CaMemory | None
    _h: int | None = field(default=None, init=False, compare=False, repr=False)

    def __hash__(self) -> int:
        return api.cached_hash(self, _STATE_FIELDS)

    # -- reading ---------------------------------------------------------------------------
    @property
    def now(self) -> int:
        """Simulated seconds since the run started (the clock)."""
        return self.clock

    def objects(self, kind: str, namespace: str | None = None) -> tuple[Any, ...]:
        """All API objects of ``kind`` (e.g. "Deployment", "ReplicaSet", "Pod", "Node"), by key."""
        return api.list_kind(self.store, kind, namespace)

    def get(self, kind: str, name: str, namespace: str = "default") -> Any | None:
        ns = "" if kind in ("Node",) else namespace
        return api.get(self.store, kind, ns, name)

    def informer(self, name: str) -> Informer:
        return next(i for i in self.informers if i.name == name)

    def queue(self, controller: str) -> tuple[str, ...]:
        return next((q for c, q in self.queues if c == controller), ())

    def leaders(self) -> tuple[str, ...]:
        """Identities of the controller-manager replicas that believe they lead."""
        return tuple(m.identity for m in self.managers if m.leading)

    def expectation(self, key: str) -> ControlleeExpectations | None:
        return next((e for k, e in self.expectations if k == key), None)


evolve_state = evolver(State)  # dataclasses.replace for State, without its per-call field inspection

_STATE_FIELDS = ("clock", "store", "informers", "queues", "delayed", "expectations", "env", "faults_left",
                 "script_pc", "managers", "hpas", "vpas", "cluster_autoscaler")


def now_ns(config: ClusterConfig, state: State) -> Time:
    return Time(config.start_time + state.clock * NANOS)



def _enqueue(state: State, controller: str, key: str) -> State:
    if any(c == controller and key in q for c, q in state.queues):
        return state  # already queued: the work queue dedups (the same value, no copy)
    queues = []
    for c, q in state.queues:
        if c == controller:
            q = q + (key,)
        queues.append((c, q))
    return evolve_state(state, queues=tuple(queues))


def _set_expectation(state: State, exp: ControlleeExpectations | None, key: str) -> State:
    rest = tuple(e for e in state.expectations if e[0] != key)
    if exp is not None:
        rest = tuple(sorted(rest + ((key, exp),), key=lambda e: e[0]))
    return evolve_state(state, expectations=rest)


def _enqueue_after(state: State, controller: str, key: str, at: int) -> State:
    if (at, controller, key) in state.delayed:
        return state
    return evolve_state(state, delayed=tuple(sorted(state.delayed + ((at, controller, key),))))
