"""A rollout-level model of one Deployment's RollingUpdate on N identical nodes, with counting and
node symmetry, built on the model's own deployment decision functions.

Why it exists
=============

The cluster model (``model.system``) is exact but large: a 2-replica rollout with fresh caches
already has tens of thousands of states, and it is not name-symmetric (the scheduler takes pods by
(creationTimestamp, name), the ReplicaSet controller breaks deletion ties by UID), so symmetry
reduction cannot be applied to it soundly. This module is an *abstraction* of the same story, small
enough to verify exhaustively (liveness included) over every maxSurge/maxUnavailable pair with a
node failure, and it is checked against the cluster model (``tests/test_rollout_model.py``: every
reachable cluster state, abstracted with ``abstract_state``, is a reachable state here).

The state (``RState``)
======================

* ``template`` — 1 before the user's template update, 2 after (one rollout);
* ``rss`` — one ``RSCount(revision, spec, available)`` per ReplicaSet: ``spec`` is
  ``spec.replicas``, ``available`` is ``status.availableReplicas`` *as the ReplicaSet controller last
  wrote it* (the deployment controller decides on the status, which lags the pods);
* ``pending`` — unscheduled pods, counted per revision;
* ``nodes`` — one ``NodeCount(health, pods)`` per node; ``pods`` counts the bound pods per
  (revision, phase). Health is ``up`` (kubelet running, node Ready), ``failed`` (kubelet silent, the
  API still says Ready: the node lifecycle controller has not noticed) or ``notready`` (marked
  Ready=Unknown and tainted unreachable);
* ``faults_left`` — node failures still allowed.

Pod phases: ``starting`` (bound, phase Pending), ``unready`` (Running, not Ready: the container
started and is not ready yet, or the node lifecycle controller marked it not ready) and ``ready``
(Running, Ready). minReadySeconds is 0, so ready = available. A terminating pod (deletionTimestamp
set) is dropped at once: no decision counts it (the ReplicaSet controller, its status and the
co-location rank count active pods only; capacity is not modelled).

Two placements. ``nodes`` keeps every node. ``pool`` merges the healthy nodes into one pool
(``nodes[0]``) and keeps the failed ones after it; pods are created and bound in one step (a
pending pod's wait is folded into "not ready yet"), the pool's kubelets take one step
(unready → ready), co-location and "started or not" no longer separate victims (more victims are
possible). Which pods were on a failed node is decided when the node lifecycle controller marks it
(``MarkNotReady`` moves *any part* of the pool's pods onto it): until then a failed node's pods
behave like the pool's (ready ones stay ready, unready ones may stay unready), so deciding late
only adds behaviours and saves branching. The pool needs a node that never fails.

Two reductions, both sound because the behaviour does not depend on what they forget:

* **counting** — pods of one revision, in one phase, on one node are interchangeable: the state
  holds how many there are, not their names. The ReplicaSet controller's victim choice ranks pods
  by (unassigned, phase, ready, co-location) exactly as ``controller_utils.ActivePodsWithRanks``
  does (called on one representative pod per class); the remaining tie-breaks (ready time,
  restarts, creation time, UID) depend on history the counts do not keep, so every class that ties
  on the ranked keys is a possible victim (a nondeterministic choice — an over-approximation);
* **node symmetry** — identical nodes are interchangeable: ``canonical(state)`` sorts the nodes, so
  the model checker keeps one state per multiset of nodes (``checkers.symmetry.key_function``).
  The scheduler binds a pending pod to *any* schedulable node (Kubernetes breaks score ties at
  random, and the scores themselves are abstracted away), which is what makes every permutation
  of nodes behave alike.

Transitions (``RAction``; actor, category as in ``model.system``)
=================================================================

* ``UpdateTemplate`` (user): the one rollout;
* ``SyncDeployment`` (deployment-controller): one pass of rolling.go's ``rolloutRolling`` computed
  by the model's functions — ``sync.getNewReplicaSet``'s size for a new RS
  (``util.new_rs_new_replicas``), then ``rolling.reconcile_new_replica_set`` and, if it did not
  scale, ``rolling.reconcile_old_replica_sets`` — on real ``Deployment``/``ReplicaSet`` values built
  from the counts (``deployment_pass``); offered only when it changes a spec;
* ``CreatePod``/``DeletePod`` (replicaset-controller): one create or delete toward spec.replicas
  (active = not terminating pods), victims ranked as above; ``UpdateStatus``: the RS status is
  recomputed from the pods (``available`` = active ready pods, on any node the API still
  believes). Status and pod changes are separate steps, so every lag of the status is reachable;
* ``Schedule`` (scheduler): a pending pod is bound to an ``up`` or ``failed`` node (a failed node is
  still Ready and untainted until the node lifecycle controller notices);
* ``Start``/``Ready`` (kubelet of an ``up`` node): starting → unready → ready;
* ``NodeFail`` (fault): an ``up`` node's kubelet goes silent;
* ``MarkNotReady`` (time: after the node-monitor grace period): the node lifecycle controller marks
  a ``failed`` node NotReady, taints it and marks its pods not ready (MarkPodsNotReady);
* ``Evict`` (time: after the default 300 s toleration): the taint eviction controller deletes one
  pod of a ``notready`` node (``pool``: all of them at once, their tolerations expire together); it
  stays terminating forever (no kubelet confirms it), which no decision counts.

What is abstracted away (documented departures)
===============================================

Informer lag and resourceVersions (every controller reads the API state; the RS status lag is
kept because the deployment controller decides on it), work queues and expectations (a controller
step is one API call; splitting a pass into single calls reaches every interleaving of a pass),
the ReplicaSet controller's slow-start batches, events, the Deployment's status and conditions
(progress deadline, ``observedGeneration``), revision history cleanup, annotations,
minReadySeconds (0), node capacity (the configs leave room: 20 pods of 100m per 2-CPU node; a
missing capacity check only adds behaviours), scheduler scoring (any schedulable node), node
recovery, and the exact timers (grace period, toleration): they are ``time`` actions that may happen
at any moment once enabled. Only pods of the one Deployment exist.

Soundness evidence: ``abstract_state`` maps a cluster-model state to an ``RState``;
``tests/test_rollout_model.py`` explores the cluster model exhaustively on small configurations and
checks that each abstracted state is reachable here. See docs/rollout-model.md.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from invariants.property import Property
from model.controllers.controller_utils import active_pods_with_ranks_less
from model.controllers.deployment import util
from model.controllers.deployment.context import Pass
from model.controllers.deployment.rolling import reconcile_new_replica_set, reconcile_old_replica_sets
from model.objects import (
    ObjectMeta,
    Pod,
    PodCondition,
    PodSpec,
    PodStatus,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicaSetStatus,
)
from model.timeutil import NANOS, Time

STARTING, UNREADY, READY = "starting", "unready", "ready"
PHASES = (STARTING, UNREADY, READY)
UP, FAILED, NOTREADY = "up", "failed", "notready"

# Deliberately broken variants (each must be caught by a property, tests/test_rollout_model.py).
VARIANTS = {
    "surge-off-by-one": "the deployment controller resolves maxSurge one too high",
    "new-rs-to-replicas": "the new ReplicaSet is scaled straight to replicas, ignoring maxSurge",
    "old-rs-ignores-availability": "old ReplicaSets are scaled to 0 at once, ignoring maxUnavailable",
    "status-never-updated": "the ReplicaSet controller never writes status.availableReplicas",
}


@dataclass(frozen=True, slots=True, order=True)
class RSCount:
    """One ReplicaSet: its revision, ``spec.replicas`` and ``status.availableReplicas``."""

    revision: int
    spec: int
    available: int

    def __str__(self) -> str:
        return f"rs{self.revision}(spec {self.spec}, available {self.available})"


@dataclass(frozen=True, slots=True, order=True)
class NodeCount:
    """One node: health and its bound pods as ((revision, phase, count), ...), sorted, counts > 0."""

    health: str
    pods: tuple[tuple[int, str, int], ...] = ()

    def count(self, revision: int | None = None, phase: str | None = None) -> int:
        return sum(n for r, ph, n in self.pods
                   if (revision is None or r == revision) and (phase is None or ph == phase))

    def __str__(self) -> str:
        pods = ", ".join(f"{n}×rs{r} {ph}" for r, ph, n in self.pods) or "no pods"
        return f"{self.health}: {pods}"


@dataclass(frozen=True, slots=True)
class RState:
    """One state of the rollout (see the module docstring)."""

    template: int
    rss: tuple[RSCount, ...]
    pending: tuple[tuple[int, int], ...]      # (revision, count), sorted, counts > 0
    nodes: tuple[NodeCount, ...]
    faults_left: int = 0

    def __str__(self) -> str:
        rss = ", ".join(str(r) for r in self.rss)
        pend = ", ".join(f"{n}×rs{r}" for r, n in self.pending) or "none"
        nodes = "; ".join(f"node{i}[{n}]" for i, n in enumerate(self.nodes))
        return f"template rev{self.template} | {rss} | pending {pend} | {nodes}"


@dataclass(frozen=True, slots=True)
class RAction:
    kind: str
    revision: int = 0
    node: int = -1
    phase: str = ""
    actor: str = ""
    category: str = "controller"
    # MarkNotReady in the pool placement: the pool's pods that were on the failed node
    moved: tuple[tuple[int, str, int], ...] | None = None

    def __str__(self) -> str:
        if self.moved is not None:
            pods = ", ".join(f"{n}×rs{r} {ph}" for r, ph, n in self.moved) or "no pods"
            return f"{self.kind}(node{self.node}, which held {pods})"
        if self.kind == "NodeFail" and self.node < 0:
            return "NodeFail(a healthy node)"
        if self.kind == "UpdateTemplate":
            return f"UpdateTemplate(rev{self.revision})"
        parts = []
        if self.revision:
            parts.append(f"rs{self.revision}")
        if self.phase:
            parts.append(self.phase)
        if self.node >= 0:
            parts.append(f"node{self.node}")
        return f"{self.kind}({' '.join(parts)})" if parts else self.kind


# ---------------------------------------------------------------------------------------------
# small helpers on counts


def _add(pairs: tuple[Any, ...], key: tuple[Any, ...], delta: int) -> tuple[Any, ...]:
    """Add ``delta`` to the count of ``key`` in a sorted tuple of (*key, count), dropping zeros."""
    counts: dict[tuple[Any, ...], int] = {tuple(p[:-1]): p[-1] for p in pairs}
    counts[key] = counts.get(key, 0) + delta
    assert counts[key] >= 0, (pairs, key, delta)
    return tuple(sorted((*k, n) for k, n in counts.items() if n > 0))


def _r(s: RState, *, template: int | None = None, rss: tuple[RSCount, ...] | None = None,
       pending: tuple[tuple[int, int], ...] | None = None, nodes: tuple[NodeCount, ...] | None = None,
       faults_left: int | None = None) -> RState:
    # dataclasses.replace, without its introspection (the checker calls this a million times)
    return RState(s.template if template is None else template, s.rss if rss is None else rss,
                  s.pending if pending is None else pending, s.nodes if nodes is None else nodes,
                  s.faults_left if faults_left is None else faults_left)


def _with_node(s: RState, i: int, node: NodeCount) -> RState:
    return _r(s, nodes=(*s.nodes[:i], node, *s.nodes[i + 1:]))


def _move(node: NodeCount, revision: int, src: str, dst: str | None) -> NodeCount:
    pods = _add(node.pods, (revision, src), -1)
    if dst is not None:
        pods = _add(pods, (revision, dst), 1)
    return NodeCount(node.health, pods)


# ---------------------------------------------------------------------------------------------
# the deployment controller, by the model's functions


def _deployment(replicas: int, surge: int | str, unavailable: int | str) -> Any:
    from model.config import web_deployment

    return web_deployment(replicas=replicas, max_surge=surge, max_unavailable=unavailable)


def _rs_object(revision: int, spec: int, available: int) -> ReplicaSet:
    meta = ObjectMeta(name=f"web-rev{revision}", namespace="default", uid=f"rs-{revision}",
                      creation_timestamp=Time(revision * NANOS),
                      annotations=(("deployment.kubernetes.io/revision", str(revision)),))
    return ReplicaSet(metadata=meta, spec=ReplicaSetSpec(replicas=spec),
                      status=ReplicaSetStatus(replicas=spec, ready_replicas=available,
                                              available_replicas=available, observed_generation=1))


@functools.lru_cache(maxsize=200_000)
def deployment_pass(replicas: int, surge: int | str, unavailable: int | str, template: int,
                    rss: tuple[RSCount, ...], variant: str = "") -> tuple[tuple[int, int], ...]:
    """One rolling-update pass of the deployment controller: the spec of every ReplicaSet after it,
    as ((revision, spec), ...) sorted by revision (a new RS appears when the pass creates it).

    Mirrors the decisions of rolling.go: rolloutRolling as the model makes them: sync.go
    getNewReplicaSet sizes a new RS by ``util.new_rs_new_replicas``; then
    ``reconcile_new_replica_set`` and, when it did not scale, ``reconcile_old_replica_sets``, on
    ReplicaSet values built from the counts (RS age follows revision: oldest first).
    """
    d = _deployment(replicas, surge, unavailable)
    if variant == "surge-off-by-one":
        d = _deployment(replicas, util.max_surge(d) + 1, unavailable)
    objs = {r.revision: _rs_object(r.revision, r.spec, r.available) for r in rss}
    old = [objs[rev] for rev in sorted(objs) if rev != template]
    new = objs.get(template)
    if new is None:
        blank = _rs_object(template, 0, 0)
        size = util.new_rs_new_replicas(d, [*old, blank], blank)
        new = objs[template] = _rs_object(template, size, 0)
    p = Pass(d)
    all_rss: list[ReplicaSet | None] = [*old, new]
    if variant == "new-rs-to-replicas":
        if util.spec_replicas(new) != replicas:
            p.scale_replica_set_and_record_event(new, replicas)
        else:
            reconcile_old_replica_sets(p, all_rss, util.filter_active_replica_sets(old), new)
    elif variant == "old-rs-ignores-availability":
        if not reconcile_new_replica_set(p, all_rss, new):
            for rs in old:
                p.scale_replica_set_and_record_event(rs, 0)
    elif not reconcile_new_replica_set(p, all_rss, new):
        reconcile_old_replica_sets(p, all_rss, util.filter_active_replica_sets(old), new)
    for rs in p.rs_view.values():
        objs[int(rs.metadata.uid.removeprefix("rs-"))] = rs
    return tuple(sorted((rev, util.spec_replicas(rs)) for rev, rs in objs.items()))


# ---------------------------------------------------------------------------------------------
# the ReplicaSet controller's victim ranking, by the model's ActivePodsWithRanks


def _representative(node: int, phase: str) -> Pod:
    """A pod standing for its class: unscheduled (node -1) or bound, in ``phase``."""
    if node < 0:
        return Pod(metadata=ObjectMeta(uid="rep"), status=PodStatus(phase="Pending"))
    k8s_phase = "Pending" if phase == STARTING else "Running"
    conds = (PodCondition(type="Ready", status="True" if phase == READY else "False"),) \
        if phase in (UNREADY, READY) else ()
    return Pod(metadata=ObjectMeta(uid="rep"), spec=PodSpec(node_name=f"node-{node}"),
               status=PodStatus(phase=k8s_phase, conditions=conds))


@functools.lru_cache(maxsize=100_000)
def _victim_classes(classes: tuple[tuple[int, str, str, int], ...]) -> tuple[tuple[int, str], ...]:
    """The classes (node, phase, phase as ranked, co-location rank) a scale-down may pick its next
    victim from: those that no other class ranks strictly before (``active_pods_with_ranks_less``;
    the history-dependent tie-breaks are unknown, so ties are all possible)."""
    reps = [(_representative(n, seen_as), rank, (n, ph)) for n, ph, seen_as, rank in classes]
    out = []
    for pod, rank, cls in reps:
        if not any(active_pods_with_ranks_less(other, orank, pod, rank, None)
                   for other, orank, ocls in reps if ocls != cls):
            out.append(cls)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# the model


class RolloutModel:
    """One Deployment (``replicas``, ``surge``/``unavailable`` as in the manifest: int or "25%")
    rolling out on ``nodes`` identical nodes, with ``node_failures`` node failures allowed.

    ``symmetry`` offers one scheduler/kubelet/fault action per *distinct* node (identical nodes give
    the same successor up to ``canonical``); the model checker reduces with ``canonical`` when
    given ``checkers.symmetry.key_function(model)``.
    """

    def __init__(self, replicas: int = 2, surge: int | str = 1, unavailable: int | str = 0, nodes: int = 3,
                 node_failures: int = 0, variant: str = "", user: bool = True, symmetry: bool = True,
                 placement: str = "nodes") -> None:
        if variant and variant not in VARIANTS:
            raise ValueError(f"unknown rollout variant {variant!r}; known: {', '.join(VARIANTS)}")
        if placement not in ("nodes", "pool"):
            raise ValueError(f"placement must be 'nodes' or 'pool', not {placement!r}")
        if placement == "pool" and node_failures >= nodes:
            raise ValueError("the pool placement needs a node that never fails (node_failures < nodes)")
        self.placement = placement
        self.replicas = replicas
        self.surge = surge
        self.unavailable = unavailable
        self.node_count = nodes
        self.node_failures = node_failures
        self.variant = variant
        self.user = user
        self.symmetry = symmetry
        d = _deployment(replicas, surge, unavailable)
        self.max_surge = util.max_surge(d)
        self.max_unavailable = util.max_unavailable(d)
        self.min_available = util.min_available(d)

    def label(self) -> str:
        return (f"replicas={self.replicas} surge={self.surge} unavailable={self.unavailable} "
                f"nodes={self.node_count} failures={self.node_failures}")

    # -- the interface of a transition system
    def init_states(self) -> tuple[RState, ...]:
        """The application running at revision 1: ``replicas`` ready pods spread over the nodes in
        every way (the abstraction does not know the scheduler's scores)."""
        if self.placement == "pool":
            pool = NodeCount(UP, ((1, READY, self.replicas),) if self.replicas else ())
            return (RState(1, (RSCount(1, self.replicas, self.replicas),), (), (pool,), self.node_failures),)
        out = []
        for split in itertools.product(range(self.replicas + 1), repeat=self.node_count):
            if sum(split) != self.replicas:
                continue
            nodes = tuple(NodeCount(UP, ((1, READY, n),) if n else ()) for n in split)
            out.append(RState(1, (RSCount(1, self.replicas, self.replicas),), (), nodes, self.node_failures))
        if self.symmetry:
            seen: dict[Any, RState] = {}
            for s in out:
                seen.setdefault(self.canonical(s), s)
            out = list(seen.values())
        return tuple(out)

    def canonical(self, s: RState) -> Any:
        """Identical nodes are interchangeable: the nodes (the failed ones, after the pool) as a sorted
        multiset."""
        if self.placement == "pool":
            return s if len(s.nodes) <= 2 else _r(s, nodes=(s.nodes[0], *sorted(s.nodes[1:])))
        return _r(s, nodes=tuple(sorted(s.nodes)))

    def actions(self, s: RState) -> tuple[RAction, ...]:
        out: list[RAction] = []
        if self.user and s.template == 1:
            out.append(RAction("UpdateTemplate", 2, actor="user", category="user"))
        if self._deployment_specs(s) != tuple((r.revision, r.spec) for r in s.rss):
            out.append(RAction("SyncDeployment", actor="deployment-controller"))
        for rs in s.rss:
            active = self.active(s, rs.revision)
            if active < rs.spec:
                if self.placement == "pool":
                    # created and bound in one step (a pending pod's wait is folded into "not ready
                    # yet"); a pod bound to a failed node is one of the pool's until it is marked
                    out.append(RAction("CreatePod", rs.revision, 0, actor="replicaset-controller"))
                else:
                    out.append(RAction("CreatePod", rs.revision, actor="replicaset-controller"))
            elif active > rs.spec:
                for node, phase in self._victims(s, rs.revision):
                    out.append(RAction("DeletePod", rs.revision, node, phase, actor="replicaset-controller"))
            if self.variant != "status-never-updated" and rs.available != self.ready(s, rs.revision):
                out.append(RAction("UpdateStatus", rs.revision, actor="replicaset-controller"))
        distinct = self._distinct_nodes(s)
        for rev, _n in s.pending:
            for i in distinct:
                if s.nodes[i].health in (UP, FAILED):
                    out.append(RAction("Schedule", rev, i, actor="scheduler"))
        for i in distinct:
            here = s.nodes[i]
            kubelet = f"kubelet/node{i}"
            if here.health == UP:
                for rev, phase, _n in here.pods:
                    if phase == STARTING:
                        out.append(RAction("Start", rev, i, actor=kubelet))
                    elif phase == UNREADY:
                        out.append(RAction("Ready", rev, i, actor=kubelet))
            elif here.health == FAILED and self.placement == "pool":
                # which of the pool's pods were on the failed node is decided now, when it matters:
                # until it is marked, a failed node's pods look like any other (ready ones stay
                # ready; unready ones may stay so) — any part of the pool's pods
                pool = s.nodes[0].pods
                for split in itertools.product(*(range(n + 1) for _r, _ph, n in pool)):
                    moved = tuple((r, ph, k) for (r, ph, _n), k in zip(pool, split, strict=True) if k)
                    out.append(RAction("MarkNotReady", node=i, actor="node-lifecycle-controller", category="time",
                                       moved=moved))
            elif here.health == FAILED:
                out.append(RAction("MarkNotReady", node=i, actor="node-lifecycle-controller", category="time"))
            elif self.placement == "pool":
                if here.pods:
                    out.append(RAction("Evict", node=i, actor="taint-eviction-controller", category="time"))
            else:
                for rev, phase, _n in here.pods:
                    out.append(RAction("Evict", rev, i, phase, actor="taint-eviction-controller", category="time"))
        if s.faults_left > 0 and self.placement == "pool":
            out.append(RAction("NodeFail", actor="env", category="fault"))
        elif s.faults_left > 0:
            for i in distinct:
                if s.nodes[i].health == UP:
                    out.append(RAction("NodeFail", node=i, actor="env", category="fault"))
        return tuple(out)

    def step(self, s: RState, a: RAction) -> RState:
        k = a.kind
        if k == "UpdateTemplate":
            return _r(s, template=a.revision)
        if k == "SyncDeployment":
            specs = dict(self._deployment_specs(s))
            avail = {r.revision: r.available for r in s.rss}
            return _r(s, rss=tuple(RSCount(rev, spec, avail.get(rev, 0))
                                                    for rev, spec in sorted(specs.items())))
        if k == "CreatePod" and a.node >= 0:
            return self.step(_r(s, pending=_add(s.pending, (a.revision,), 1)),
                             RAction("Schedule", a.revision, a.node))
        if k == "CreatePod":
            return _r(s, pending=_add(s.pending, (a.revision,), 1))
        if k == "DeletePod":
            if a.node < 0:
                return _r(s, pending=_add(s.pending, (a.revision,), -1))
            return _with_node(s, a.node, _move(s.nodes[a.node], a.revision, a.phase, None))
        if k == "UpdateStatus":
            return _r(s, rss=tuple(
                RSCount(r.revision, r.spec, self.ready(s, r.revision)) if r.revision == a.revision else r
                for r in s.rss))
        if k == "Schedule":
            node = s.nodes[a.node]
            s = _r(s, pending=_add(s.pending, (a.revision,), -1))
            # the pool merges "bound" and "started": its kubelets take one step, unready -> ready
            phase = UNREADY if self.placement == "pool" and node.health == UP else STARTING
            return _with_node(s, a.node, NodeCount(node.health, _add(node.pods, (a.revision, phase), 1)))
        if k == "Start":
            return _with_node(s, a.node, _move(s.nodes[a.node], a.revision, STARTING, UNREADY))
        if k == "Ready":
            return _with_node(s, a.node, _move(s.nodes[a.node], a.revision, UNREADY, READY))
        if k == "NodeFail" and self.placement == "pool":
            nodes = (s.nodes[0], *sorted((*s.nodes[1:], NodeCount(FAILED, ()))))
            return _r(s, nodes=nodes, faults_left=s.faults_left - 1)
        if k == "MarkNotReady" and a.moved is not None:
            pool = s.nodes[0].pods
            marked: tuple[tuple[int, str, int], ...] = ()
            for r, ph, n in a.moved:
                pool = _add(pool, (r, ph), -n)
                marked = _add(marked, (r, UNREADY), n)
            rest = (*s.nodes[1:a.node], NodeCount(NOTREADY, marked), *s.nodes[a.node + 1:])
            return _r(s, nodes=(NodeCount(UP, pool), *sorted(rest)))
        if k == "NodeFail":
            return _r(_with_node(s, a.node, NodeCount(FAILED, s.nodes[a.node].pods)),
                                       faults_left=s.faults_left - 1)
        if k == "MarkNotReady":
            pods: tuple[tuple[int, str, int], ...] = ()
            for rev, phase, n in s.nodes[a.node].pods:
                pods = _add(pods, (rev, UNREADY if phase == READY else phase), n)
            return _with_node(s, a.node, NodeCount(NOTREADY, pods))
        if k == "Evict" and not a.phase:
            return _with_node(s, a.node, NodeCount(NOTREADY, ()))
        if k == "Evict":
            return _with_node(s, a.node, _move(s.nodes[a.node], a.revision, a.phase, None))
        raise ValueError(f"unknown rollout action {a}")

    # -- reading a state (properties use these)
    def spec(self, s: RState, revision: int) -> int:
        return next((r.spec for r in s.rss if r.revision == revision), 0)

    def active(self, s: RState, revision: int | None = None) -> int:
        """Pods not terminating (what the ReplicaSet controller counts), unscheduled ones included."""
        pending = sum(n for r, n in s.pending if revision is None or r == revision)
        return pending + sum(node.count(revision) for node in s.nodes)

    def ready(self, s: RState, revision: int | None = None) -> int:
        """Active pods whose Ready condition is True in the API (on a failed node until it is marked)."""
        return sum(node.count(revision, READY) for node in s.nodes)

    def faulted(self, s: RState) -> bool:
        return s.faults_left < self.node_failures

    # -- internals
    def _deployment_specs(self, s: RState) -> tuple[tuple[int, int], ...]:
        return deployment_pass(self.replicas, self.surge, self.unavailable, s.template, s.rss, self.variant)

    def _distinct_nodes(self, s: RState) -> list[int]:
        if not self.symmetry:
            return list(range(len(s.nodes)))
        seen: dict[tuple[bool, NodeCount], int] = {}
        for i, node in enumerate(s.nodes):
            seen.setdefault((self.placement == "pool" and i == 0, node), i)
        return list(seen.values())

    def _victims(self, s: RState, revision: int) -> Iterable[tuple[int, str]]:
        # co-location rank: active pods of every ReplicaSet of the Deployment on the same node
        # (getIndirectlyRelatedPods); unscheduled pods share the node name ""
        classes: list[tuple[int, str, str, int]] = []
        if any(r == revision for r, _n in s.pending):
            classes.append((-1, "", "", sum(n for _r, n in s.pending)))
        distinct = set(self._distinct_nodes(s))
        for i, node in enumerate(s.nodes):
            if i not in distinct:
                continue
            # the pool merges nodes and does not tell a started pod from one not started yet: no
            # co-location rank and no phase separates its classes from the failed nodes' ones
            rank = node.count() if self.placement == "nodes" else 0
            for rev, phase, _n in node.pods:
                if rev == revision:
                    seen_as = UNREADY if phase == STARTING and self.placement == "pool" else phase
                    classes.append((i, phase, seen_as, rank))
        return _victim_classes(tuple(classes))


# ---------------------------------------------------------------------------------------------
# the abstraction of a cluster-model state, and the simulation check


def abstract_state(model: RolloutModel, state: Any) -> RState:
    """The ``RState`` a cluster-model state (``model.system.State``) stands for, in ``model``'s
    placement: ReplicaSets by their revision annotation (spec, status.availableReplicas); active pods
    of the Deployment's ReplicaSets counted by (revision, node, phase) — terminating pods are
    dropped (no decision counts them); a node is ``up`` while its kubelet runs, ``failed`` while it is
    down and the API still says Ready, ``notready`` after the node lifecycle controller marked it."""
    from model.objects import get_annotation

    d = next(o for o in state.objects("Deployment"))
    template = 1 if d.spec.template.spec.containers[0].image == _INITIAL_IMAGE else 2
    rev_of: dict[str, int] = {}
    rss = []
    for rs in state.objects("ReplicaSet"):
        rev = int(get_annotation(rs.metadata, "deployment.kubernetes.io/revision") or 0)
        rev_of[rs.metadata.uid] = rev
        rss.append(RSCount(rev, rs.spec.replicas or 0, rs.status.available_replicas))
    env = {n.name: n.up for n in state.env.nodes}
    health: dict[str, str] = {}
    for node in sorted(state.objects("Node"), key=lambda n: n.metadata.name):
        ready = any(c.type == "Ready" and c.status == "True" for c in node.status.conditions)
        health[node.metadata.name] = UP if env.get(node.metadata.name, True) else FAILED if ready else NOTREADY
    pending: tuple[tuple[int, int], ...] = ()
    pods: dict[str, tuple[tuple[int, str, int], ...]] = {name: () for name in health}
    for pod in state.objects("Pod"):
        if pod.metadata.deletion_timestamp is not None:
            continue
        owner = next((r.uid for r in pod.metadata.owner_references if r.controller), None)
        if owner not in rev_of:
            continue
        rev = rev_of[owner]
        if not pod.spec.node_name:
            pending = _add(pending, (rev,), 1)
            continue
        ready = any(c.type == "Ready" and c.status == "True" for c in pod.status.conditions)
        phase = READY if ready else STARTING if pod.status.phase == "Pending" else UNREADY
        pods[pod.spec.node_name] = _add(pods[pod.spec.node_name], (rev, phase), 1)
    nodes = tuple(NodeCount(health[name], pods[name]) for name in health)
    if model.placement == "pool":
        # a failed node's pods stay in the pool until the node is marked (see MarkNotReady)
        pool: tuple[tuple[int, str, int], ...] = ()
        for node in nodes:
            if node.health in (UP, FAILED):
                for r, ph, n in node.pods:
                    pool = _add(pool, (r, UNREADY if ph == STARTING else ph), n)
        for r, n in pending:
            pool = _add(pool, (r, UNREADY), n)
        pending = ()
        marked = []
        for nc in nodes:
            if nc.health == NOTREADY:
                # the pool does not tell a started pod from one not started yet
                held: tuple[tuple[int, str, int], ...] = ()
                for r, ph, k in nc.pods:
                    held = _add(held, (r, UNREADY if ph == STARTING else ph), k)
                marked.append(NodeCount(NOTREADY, held))
            elif nc.health == FAILED:
                marked.append(NodeCount(FAILED, ()))
        nodes = (NodeCount(UP, pool), *sorted(marked))
    return RState(template, tuple(sorted(rss)), pending, nodes, state.faults_left.node_failures)


_INITIAL_IMAGE = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4"


def reachable(model: Any, key: Any = None, limit: int = 2_000_000) -> dict[Any, Any]:
    """Every reachable state of ``model`` (breadth first), keyed by ``key`` (identity by default)."""
    from checkers.bmc import successor

    key = key or (lambda x: x)
    seen: dict[Any, Any] = {}
    frontier = []
    for s in model.init_states():
        if key(s) not in seen:
            seen[key(s)] = s
            frontier.append(s)
    while frontier and len(seen) < limit:
        nxt = []
        for s in frontier:
            for a in model.actions(s):
                t = successor(model, s, a)
                if t is None:
                    continue
                k = key(t)
                if k not in seen:
                    seen[k] = t
                    nxt.append(t)
        frontier = nxt
    return seen


def full_model(replicas: int, surge: int | str, unavailable: int | str, nodes: int = 2,
               node_failures: int = 0) -> Any:
    """The cluster model of the same rollout (``checkers.systemspec.rolling_update_config``) with
    watch events reaching the caches at once (``informer_lag`` off), to keep it explorable."""
    from checkers.systemspec import rolling_update_config
    from model.system import Model

    cfg = rolling_update_config(replicas, surge, unavailable, nodes=nodes, node_failures=node_failures)
    return Model(dataclasses.replace(cfg, informer_lag=False))


def simulation_gaps(replicas: int, surge: int | str, unavailable: int | str, nodes: int = 2,
                    node_failures: int = 0, placement: str = "nodes") -> tuple[int, int, list[tuple[Any, RState]]]:
    """Explore the cluster model and the rollout model of one configuration; return (cluster states,
    rollout states, [(cluster state, its abstraction) for every abstraction the rollout model does
    not reach]). An empty list is the evidence that the rollout model over-approximates the cluster
    model on this configuration (every reachable cluster state is abstracted by a reachable one)."""
    full = full_model(replicas, surge, unavailable, nodes, node_failures)
    model = RolloutModel(replicas, surge, unavailable, nodes, node_failures, placement=placement)
    concrete = reachable(full)
    abstract = reachable(model, model.canonical)
    gaps = []
    for s in concrete.values():
        a = abstract_state(model, s)
        if model.canonical(a) not in abstract:
            gaps.append((s, a))
    return len(concrete), len(abstract), gaps


# ---------------------------------------------------------------------------------------------
# properties (mirroring invariants/rollout.py and invariants/convergence.py at the rollout level)


def _surge_bound(m: RolloutModel, s: RState) -> bool:
    return sum(r.spec for r in s.rss) <= m.replicas + m.max_surge


def _availability_floor(m: RolloutModel, s: RState) -> bool:
    return m.faulted(s) or m.ready(s) >= m.min_available


def _healthy_nodes(s: RState) -> int:
    return sum(1 for n in s.nodes if n.health == UP)


def complete(m: RolloutModel, s: RState) -> bool:
    """The rollout to the current template is done: its RS has spec = replicas and that many ready
    pods on healthy nodes, every other RS is at 0 and has no active pod left (pods stuck
    terminating on a dead node are allowed: no kubelet can confirm their end)."""
    t = s.template
    if m.spec(s, t) != m.replicas or any(r.spec for r in s.rss if r.revision != t):
        return False
    ready_up = sum(n.count(t, READY) for n in s.nodes if n.health == UP)
    return ready_up == m.replicas and m.active(s) == m.replicas


def _completes(m: RolloutModel, s: RState) -> bool:
    return complete(m, s) or _healthy_nodes(s) == 0


def _rolled_out(m: RolloutModel, s: RState) -> bool:
    return s.template == 2 and complete(m, s)


def _rolled_out_after_failure(m: RolloutModel, s: RState) -> bool:
    return m.faulted(s) and _rolled_out(m, s)


def _pods_above_surge(m: RolloutModel, s: RState) -> bool:
    return m.active(s) > m.replicas + m.max_surge


def rollout_properties() -> tuple[Property, ...]:
    """The rollout-level properties (``m`` is a ``RolloutModel``, ``s`` an ``RState``)."""
    def needs_fault(m: Any) -> bool:
        return bool(m.node_failures)

    return (
        Property("rollout_surge_bound", "always", _surge_bound,
                 """Σ spec.replicas of the ReplicaSets ≤ replicas + maxSurge (as rolling_update_surge_bound).""",
                 group="rollout"),
        Property("rollout_availability_floor", "always", _availability_floor,
                 """On fault-free runs, ready (= available) active pods ≥ replicas − maxUnavailable
                 (as rolling_update_availability_floor; a node failure voids it).""",
                 group="rollout"),
        Property("rollout_completes", "eventually", _completes,
                 """Once the user and faults stop, the rollout completes and stays complete: the
                 current template's RS has replicas ready pods on healthy nodes and no other active
                 pod is left (pods stuck terminating on a dead node excepted). Not promised when no
                 healthy node is left (no capacity).""",
                 group="convergence"),
        Property("rollout_reaches_revision_2", "sometimes", _rolled_out,
                 "A rollout to revision 2 completes (the model is not vacuous).", group="convergence"),
        Property("rollout_completes_after_node_failure", "sometimes", _rolled_out_after_failure,
                 "A rollout completes in a run where a node failed.", applies=needs_fault,
                 group="convergence"),
        Property("rollout_pods_above_surge", "sometimes", _pods_above_surge,
                 """Active pods can exceed replicas + maxSurge: Kubernetes bounds the spec counts, not the
                 pods (an old RS's surplus pods are still being deleted when the new RS grows). An
                 observation, not a promise: unreachable when the pods cannot outnumber the bound.""",
                 group="observation"),
    )


def build(**kwargs: Any) -> RolloutModel:
    """The factory recorded in trace metadata (``checkers.rollout_model:build``)."""
    return RolloutModel(**kwargs)
