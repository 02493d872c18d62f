"""The cluster as one pure labelled transition system.

Theory of operation
===================

kubeproof has exactly one transition system, in the shape of Stateright's ``Model``::

    model = Model(config)                  # config: model.config.ClusterConfig (frozen)
    model.init_states()  -> tuple[State, ...]
    model.actions(state) -> tuple[Action, ...]   # deterministic order: traces replay
    model.step(state, action) -> State           # pure: the input is never mutated

Every driver (the deterministic runner in ``model.runner``, the Hypothesis state machine, the
bounded model checker, the scenario runner) only talks to those three methods.

**The state** (``State``) is a frozen value holding everything that can change:

* ``store`` — the API server (``model.apiserver.Store``): every object with its resourceVersion,
  plus counters for UIDs and generated names. ``state.objects("Pod")``, ``state.get(kind, name)``
  read it as ``model.objects`` values.
* ``informers`` — one cache per process (``kcm`` is kube-controller-manager, whose controllers
  share one informer factory; ``scheduler``). A cache changes only when a watch event is
  delivered (``Deliver`` action); it may lag, lose events (fault) and be relisted.
* ``queues`` / ``delayed`` — the work queues of the queue-driven controllers (Deployment and
  ReplicaSet), filled by the event handlers on delivery, and timed requeues (``AddAfter``).
* ``expectations`` — the ReplicaSet controller's in-memory ``ControllerExpectations``.
* ``env`` — the world outside the API: which kubelets are up, which images cannot be pulled,
  CPU load per workload, an injected write conflict.
* ``faults_left`` — the remaining fault budget; ``clock`` — simulated seconds since start;
  ``script_pc`` — how many of the config's scripted user actions have happened.

**Who acts** (``Action.actor``) and how (``Action.category``):

* ``apiserver`` delivers watch events to caches (``Deliver``; category ``controller``, i.e.
  weakly fair: it eventually happens), and relists a cache after a dropped event (``Relist``).
* ``deployment-controller``, ``replicaset-controller``, ``replication-controller`` run one
  reconcile of the key at the head of their queue (``Reconcile``): read their cache, call the
  decision function (``model.wiring.*`` adapts ``model/controllers``), write through the API server.
  Writes carry the cached resourceVersion, so a stale cache gives a 409 Conflict: the reconcile
  stops there and the key is requeued. The ReplicaSet pass issues its calls one at a time
  (a failed create ends the slow-start batches, as in Kubernetes).
* ``scheduler`` binds the first pending pod of its cache (``Schedule``), "assuming" it bound in
  its own cache; a pod that fits nowhere gets PodScheduled=False/Unschedulable and is retried
  when the decision changes (level-driven).
* ``kubelet/<node>`` advances one pod of its node through the pod lifecycle table or reports its
  node Ready (``KubeletSync``, ``NodeReady``); a stopped node's kubelet does nothing.
* ``node-lifecycle-controller``, ``taint-eviction-controller``, ``garbage-collector``,
  ``endpoints-controller`` are level driven (``Reconcile(controller, node)``,
  ``Reconcile("garbage-collector", "Kind/ns/name")``, ``Reconcile("endpoints-controller", ns/svc)``):
  an action exists for an object exactly when the decision would write something. A node's
  heartbeat is not stored: a running kubelet's is "now", a stopped one's is when it stopped.
* ``horizontal-pod-autoscaler`` reconciles each HPA every 15 s (``state.hpas`` holds its memory
  and next sync); metrics come from the CPU load the user set (``SetCPULoad``).
* ``leader-election/<replica>``: kube-controller-manager replicas compete for a Lease
  (``LeaderElection``); every kube-controller-manager controller above acts only while some
  replica leads. A leader's renewals are implicit while healthy (``LeaseLoss`` stops them).
* ``user`` — the config's scripted actions (``model.useractions``), category ``user``.
* ``env`` — faults (category ``fault``), each spending one unit of ``faults_left``.
* ``clock`` — ``Tick(n)`` (category ``time``) advances to the next timed event: a delayed requeue,
  a relist after a dropped event, a node's grace period running out, a toleration expiring,
  expectations expiring, a crash back-off ending, an HPA sync, a lease expiring. Time never passes
  while nothing is waiting for it, and never beyond ``config.max_seconds``.

**Abstractions to know** (each keeps the state space small and is a documented departure):
one worker per queue-driven controller (it takes the head of its FIFO queue; Kubernetes runs
several workers on different keys); one watch stream per process, FIFO, coalesced per object
(``model.informers``); the level-driven controllers and the kubelets read the API server directly
(no cache lag); node heartbeats and lease renewals are implicit while healthy; containers pull,
start and become ready without delay, and exit ``timings.termination`` seconds after SIGTERM;
the scheduler breaks score ties by node name (Kubernetes picks at random).

**Where the code is.** ``model.state`` (the state value and queue helpers), ``model.actions``
(action values), ``model.events`` (writes → watch events → handlers), ``model.system`` (this
``Model``), ``model.wiring`` (one adapter per component), ``model.apiserver``, ``model.informers``.
Everything public is re-exported here: ``from model.system import State, Model, Tick, ...``.

**Level- vs edge-triggered.** After a dropped event, a level-triggered system (the default and
Kubernetes' design) relists the cache ``timings.resync`` seconds later and re-enqueues every key;
an edge-triggered one (variant ``edge-triggered``) never does, so a lost event can be lost forever.

**Variants** (``config.variant``, catalogue in ``model.variants``) are switches in the wiring,
each a transformation of a decision function's inputs or outputs.

**Where faults enter.** Fault actions (``Fault`` subclasses, budgeted by ``config.faults``):
``NodeFail``/``NodeRecover`` (a kubelet goes silent / comes back), ``PodCrash``,
``ImagePullFail``, ``DropEvent``/``DuplicateEvent`` (the head watch event of a cache),
``ControllerCrash`` (kube-controller-manager restarts after the first write of a reconcile:
queues, expectations and cache are rebuilt from a fresh list), ``WriteConflict`` (the next
controller write gets a 409). User-level environment changes (stop/start a node, unpullable
images, CPU load) are in ``model.useractions``.

**Reading a state.** ``state.objects(kind)`` and ``state.get(kind, name)`` return
``model.objects`` values from the API server; ``state.informer("kcm").cache`` is what the
controllers currently believe; ``state.queue(controller)``, ``state.expectation(rs_key)``,
``state.env``, ``state.clock`` (== ``state.now``, seconds) complete the picture. Times inside
objects are nanoseconds: ``config.start_time + clock * 1e9`` (``now_ns``).

**Deterministic order.** ``actions`` lists: controller actions (watch deliveries, relists, the
queue heads of the Deployment and ReplicaSet controllers, the scheduler's next pod, each running
kubelet's work by node, the level-driven controllers), then ``Tick`` (if a timed event lies within
``config.max_seconds``), then the next scripted user action, then faults. ``model.runner`` runs
them fairly (``settle``/``advance``).

Performance
===========

The model checker spends its time listing enabled actions and taking steps; states that differ in
one part (a queue, an expectation, the clock) share the rest, and many decisions read only a part.
Because every input is an immutable value and every decision a pure function, a decision can be
remembered on exactly the values it reads. What is cached, and why it is sound:

* ``Model._memo``: bounded tables per model (``MEMO_LIMIT`` entries each, emptied when full), so a
  result never leaks into another config. Keys hold every value the decision reads: the level-driven
  decisions (garbage collector and endpoints on the store; node lifecycle and taint eviction on
  store, clock and the nodes' environment), the kubelets' work and its writes (store, clock, nodes,
  unpullable images), the object deadlines of ``timed_events`` (store, clock, nodes), the
  scheduler's next pod and decision (its cache and the clock), ``syncDeployment`` (the
  controller-manager cache, key and clock). The garbage collector's decision per object is keyed on
  the identities of the object, its owners and dependents; the entry holds them, so no id is reused
  while it lives. ``syncReplicaSet`` talks to the API server as it goes, so its entry also records
  each call and how it ended; a hit replays those calls on the current state and is used only if
  every call ends as recorded (the pass is deterministic given its inputs and those outcomes),
  otherwise the pass runs.
* ``Store``/``Informer``: hashes over keys and resourceVersions, computed once, and each listing
  of a kind (or kind and namespace), remembered on first use: slots excluded from equality and
  hashing.
* ``model.evolve``: ``dataclasses.replace`` compiled once per class (the State is replaced several
  times per step); deployment util caches the stripped template labels and the fenceposts
  (``functools.lru_cache``, bounded).
* ``checkers.bmc`` builds the liveness graph once for all ``eventually`` properties, and raises
  the cyclic garbage collector's thresholds while it explores (it keeps every state alive, and the
  collector's passes over millions of acyclic values took about a third of the time).

None of it changes a result: the pinned state counts, verdicts and traces are the same.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from model import apiserver as api
from model import evolve
from model.actions import (
    Action,
    ClockSkew,
    ControllerCrash,
    Deliver,
    DropEvent,
    DuplicateEvent,
    Fault,
    ImagePullFail,
    KubeletSync,
    LeaderElection,
    LeaseLoss,
    NodeFail,
    NodeReady,
    NodeRecover,
    PodCrash,
    Reconcile,
    Relist,
    Schedule,
    Tick,
    WriteConflict,
)
from model.apiserver import ApiError, Key, Store, Write
from model.config import ClusterConfig, NodeConfig
from model.controllers.controller_utils import (
    EXPECTATIONS_TIMEOUT,
    CallError,
    ControlleeExpectations,
)
from model.controllers.replication import rc_to_rs, rs_to_rc
from model.events import (
    _as_rs,
    _chain_rv,
    _deliver,
    _exp_key,
    _handle,
    commit,
    drain,
)
from model.informers import (
    Informer,
    cache_get,
    cache_list,
    drop_head,
    evolve_informer,
    relist,
)
from model.objects import (
    Lease,
    LeaseSpec,
    Node,
    NodeCondition,
    NodeStatus,
    ObjectMeta,
    Pod,
    ReplicaSet,
    freeze_map,
)
from model.state import (
    DEPLOYMENT,
    ENDPOINTS,
    GARBAGE_COLLECTOR,
    HPA_CONTROLLER,
    KCM,
    LEVEL_CONTROLLERS,
    NODE_LIFECYCLE,
    QUEUE_CONTROLLERS,
    REPLICASET,
    REPLICATION,
    SCHEDULER,
    TAINT_EVICTION,
    Env,
    NodeEnv,
    State,
    _enqueue,
    _enqueue_after,
    _set_expectation,
    evolve_state,
    now_ns,
)
from model.timeutil import NANOS, Time
from model.wiring import clusterautoscaler as ca_wiring  # autoscale-system
from model.wiring import deployment as deployment_wiring
from model.wiring import endpoints as endpoints_wiring
from model.wiring import hpa as hpa_wiring
from model.wiring import kubelet as kubelet_wiring
from model.wiring import leader as leader_wiring
from model.wiring import nodes as nodes_wiring
from model.wiring import replicaset as replicaset_wiring
from model.wiring import scheduler as scheduler_wiring
from model.wiring import vpa as vpa_wiring  # autoscale-system

__all__ = [
    "State",
    "Env",
    "NodeEnv",
    "Model",
    "Action",
    "Tick",
    "Deliver",
    "Relist",
    "Reconcile",
    "Schedule",
    "KubeletSync",
    "NodeReady",
    "Fault",
    "NodeFail",
    "NodeRecover",
    "PodCrash",
    "ImagePullFail",
    "DropEvent",
    "DuplicateEvent",
    "ControllerCrash",
    "WriteConflict",
    "LeaseLoss",
    "ClockSkew",
    "LeaderElection",
    "QUEUE_CONTROLLERS",
    "commit",
    "now_ns",
]


# ---------------------------------------------------------------------------------------------
# the model

MEMO_LIMIT = 1 << 15  # entries per memo table before it is emptied


@dataclass(frozen=True, slots=True)
class Model:
    """The transition system for one ``ClusterConfig``."""

    config: ClusterConfig
    # Memo tables of pure derived values (see "Performance" above); never part of the model's value.
    _memo: dict[str, dict[Any, Any]] = field(default_factory=dict, init=False, compare=False, repr=False)

    def _table(self, name: str) -> dict[Any, Any]:
        table = self._memo.get(name)
        if table is None:
            table = self._memo[name] = {}
        elif len(table) >= MEMO_LIMIT:
            table.clear()  # bounded: a long run keeps only recent entries; results do not depend on it
        return table

    # -- init ---------------------------------------------------------------------------------
    def init_states(self) -> tuple[State, ...]:
        cfg = self.config
        state = State(
            clock=0,
            store=Store(),
            informers=(Informer(KCM), Informer(SCHEDULER)),
            queues=tuple((c, ()) for c in QUEUE_CONTROLLERS),
            env=Env(nodes=tuple(NodeEnv(n.name) for n in cfg.nodes)),
            faults_left=cfg.faults,
        )
        for n in cfg.nodes:
            state = commit(cfg, state, api.Create(_node_object(n, Time(cfg.start_time))))
        managers = tuple(leader_wiring.Manager(f"kcm-{i + 1}", leading=i == 0)
                         for i in range(max(1, cfg.controller_managers)))
        state = commit(cfg, state, api.Create(Lease(
            metadata=ObjectMeta(name=leader_wiring.LEASE_NAME, namespace=leader_wiring.LEASE_NAMESPACE),
            spec=LeaseSpec(holder_identity="kcm-1", lease_duration_seconds=cfg.timings.lease_duration,
                           acquire_time=Time(cfg.start_time), renew_time=Time(cfg.start_time), lease_transitions=0))))
        state = evolve_state(state, managers=managers)
        from model.useractions import apply_object

        for obj in cfg.objects:
            state = apply_object(self, state, obj)
        if not cfg.informer_lag:
            state = drain(cfg, state)
        if cfg.start_settled:
            from model.runner import settle

            state, _ = settle(self, state, cfg.max_seconds)
        return (state,)

    # -- enabled actions -------------------------------------------------------------------------
    def actions(self, state: State) -> tuple[Action, ...]:
        out: list[Action] = list(self.controller_actions(state))
        tick = self.next_tick(state)
        # A leader whose renewals failed gives up on its own timer at the renew deadline
        # (client-go leaderelection.go: renew, the RenewDeadline timeout): time does not pass
        # a due step-down, or a follower could acquire while the old leader still leads.
        if tick is not None and not self._step_down_pending(state):
            out.append(Tick(tick))
        out.extend(self.user_actions(state))
        out.extend(self.fault_actions(state))
        return tuple(out)

    def controller_actions(self, state: State) -> tuple[Action, ...]:
        """The weakly fair actions, in the runner's round-robin order."""
        out: list[Action] = []
        for inf in state.informers:
            if inf.pending:
                out.append(Deliver(inf.name))
        for inf in state.informers:
            if self._relist_due(state, inf):
                out.append(Relist(inf.name))
        leading = bool(state.leaders())
        for c in QUEUE_CONTROLLERS:
            q = state.queue(c)
            if q and leading:
                out.append(Reconcile(c, q[0]))
        pod = self._next_to_schedule(state)
        if pod is not None:
            out.append(Schedule(pod))
        out.extend(self._kubelet_actions(state))
        if leading:
            level = self._level_decisions(state)
            for controller in LEVEL_CONTROLLERS:
                for key, _ in level[controller]:
                    out.append(Reconcile(controller, key))
            out.extend(Reconcile(HPA_CONTROLLER, key) for key in self._hpas_due(state))
        for m in state.managers:
            if self._election_change(state, m) is not None:
                out.append(LeaderElection(m.identity))
        # autoscale-system: VPA recommender/updater and Cluster Autoscaler (own processes; their
        # action values carry ``run(model, state)``, which ``step`` dispatches to)
        out.extend(vpa_wiring.actions(self, state))
        out.extend(ca_wiring.actions(self, state))
        return tuple(out)

    # -- horizontal pod autoscaler ----------------------------------------------------------
    def _hpas_due(self, state: State) -> tuple[str, ...]:
        if not hpa_wiring.available():
            return ()
        known = {k: at for k, at, _ in state.hpas}
        due = []
        for h in cache_list(state.informer(KCM), hpa_wiring.HPA_KIND):
            key = f"{h.metadata.namespace}/{h.metadata.name}"
            if key not in known or known[key] <= state.clock:
                due.append(key)
        due.extend(k for k in known if k not in due and cache_get(state.informer(KCM), hpa_wiring.HPA_KIND,
                                                                   *k.split("/", 1)) is None)
        return tuple(sorted(due))

    def _reconcile_hpa(self, state: State, key: str) -> State:
        cfg = self.config
        ns, name = key.split("/", 1)
        inf = state.informer(KCM)
        hpa = cache_get(inf, hpa_wiring.HPA_KIND, ns, name)
        rest = tuple(e for e in state.hpas if e[0] != key)
        if hpa is None:  # deleted: its memory goes (reconcileKey)
            return evolve_state(state, hpas=rest)
        memory = next((mem for k, _, mem in state.hpas if k == key), None)
        ref = hpa.spec.scale_target_ref
        target = api.get(state.store, ref.kind, ns, ref.name)
        load = next((mc for kind, n, mc in state.env.cpu_load if kind == ref.kind and n == ref.name), 0)
        delay = cfg.timings.metrics_delay
        for kind, n, before, at in state.env.load_changes:  # metrics-server still reports the old load
            if (kind, n) == (ref.kind, ref.name) and state.clock - at < delay:
                load = before
        writes, memory, _error = hpa_wiring.reconcile(hpa, target, cache_list(inf, "Pod", ns), load, memory,
                                                      now_ns(cfg, state), cfg.variant)
        state, _ = self._write_all(state, writes)
        entry = (key, state.clock + cfg.timings.hpa_sync, memory)
        return evolve_state(state, hpas=tuple(sorted(rest + (entry,), key=lambda e: e[0])))

    # -- leader election ----------------------------------------------------------------------
    def _lease(self, state: State) -> Any:
        return api.get(state.store, "Lease", leader_wiring.LEASE_NAMESPACE, leader_wiring.LEASE_NAME)

    def _step_down_pending(self, state: State) -> bool:
        deadline = self._step_down_deadline()
        return any(leader_wiring.step_down_due(m, state.clock, deadline) for m in state.managers)

    def _step_down_deadline(self) -> int:
        t = self.config.timings
        return leader_wiring.step_down_deadline(t.renew_deadline, t.lease_duration, t.retry_period, self.config.variant)

    def _election_change(self, state: State, m: leader_wiring.Manager) -> str | LeaseSpec | None:
        """"step-down", the Lease spec a follower would write to take over, or None."""
        if leader_wiring.step_down_due(m, state.clock, self._step_down_deadline()):
            return "step-down"
        lease = self._lease(state)
        spec = lease.spec if lease is not None else None
        changed = leader_wiring.last_change(state.managers, spec, self.config.start_time)
        write = leader_wiring.try_acquire(m, spec, changed, state.clock, self.config.timings.lease_duration,
                                          self.config.start_time)
        return write

    def _elect(self, state: State, identity: str) -> State:
        m = next(x for x in state.managers if x.identity == identity)
        change = self._election_change(state, m)
        if change is None:
            return state
        if change == "step-down":
            managers = tuple(leader_wiring.restarted(x, state.clock) if x.identity == identity
                             else x for x in state.managers)
            state = evolve_state(state, managers=managers)
            if not state.leaders():  # kube-controller-manager exits on lost leadership: memory is gone
                state = evolve_state(state, queues=tuple((c, ()) for c in QUEUE_CONTROLLERS),
                                            expectations=(), delayed=())
            return state
        assert isinstance(change, LeaseSpec)
        lease = self._lease(state)
        try:
            if lease is None:
                state = commit(self.config, state, api.Create(Lease(
                    metadata=ObjectMeta(name=leader_wiring.LEASE_NAME, namespace=leader_wiring.LEASE_NAMESPACE),
                    spec=change)))
            else:
                state = commit(self.config, state, api.Update(evolve.replace(lease, spec=change)))
        except ApiError:
            return state
        managers = tuple(evolve.replace(x, leading=True, failing_since=None, observed_at=None)
                         if x.identity == identity else x for x in state.managers)
        state = evolve_state(state, managers=managers, expectations=(), delayed=(),
                                    queues=tuple((c, ()) for c in QUEUE_CONTROLLERS))
        # The new leader starts its controllers: a fresh list, every key enqueued.
        inf, _ = relist(state.informer(KCM), state.store)
        state = evolve_state(state, informers=tuple(inf if i.name == KCM else i for i in state.informers))
        return self._enqueue_everything(state)

    def _kubelet_actions(self, state: State) -> tuple[Action, ...]:
        """What the running kubelets would do: a function of the store, the clock and the
        environment's nodes and images only, so it is memoized on those."""
        return tuple(self._kubelet_work(state))

    def _kubelet_work(self, state: State) -> dict[Action, Write]:
        """Each enabled kubelet action (in order) with the write it makes."""
        env = state.env
        memo_key = (state.store, state.clock, env.nodes, env.unpullable)
        table = self._table("kubelet")
        found = table.get(memo_key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        cfg = self.config
        now = now_ns(cfg, state)
        out: dict[Action, Write] = {}
        pods = api.list_kind(state.store, "Pod")
        for n in env.nodes:
            if not n.up:
                continue
            node = api.get(state.store, "Node", "", n.name)
            if node is not None:
                w = kubelet_wiring.node_step(node, now)
                if w is not None:
                    out[NodeReady(n.name)] = w
            for p in pods:
                if p.spec.node_name == n.name:
                    w = kubelet_wiring.pod_step(p, env.unpullable, now, cfg.timings.termination,
                                                cfg.timings.readiness)
                    if w is not None:
                        out[KubeletSync(n.name, f"{p.metadata.namespace}/{p.metadata.name}")] = w
        table[memo_key] = out
        return out

    def _level_decisions(self, state: State) -> dict[str, tuple[tuple[str, tuple[Write, ...]], ...]]:
        """Per level-driven controller, each key whose decision writes something, with its writes.

        The garbage collector and the endpoints controller decide from the store alone, the node
        lifecycle and taint eviction controllers from the store, the clock and the nodes'
        environment: the decisions are memoized on exactly those values (states that differ only
        elsewhere, in caches, queues or expectations, share them)."""
        store_table = self._table("level-store")
        by_store = store_table.get(state.store)
        if by_store is None:
            by_store = {c: self._level_compute(state, c) for c in (GARBAGE_COLLECTOR, ENDPOINTS)}
            store_table[state.store] = by_store
        nodes_key = (state.store, state.clock, state.env.nodes)
        nodes_table = self._table("level-nodes")
        by_nodes = nodes_table.get(nodes_key)
        if by_nodes is None:
            by_nodes = {c: self._level_compute(state, c) for c in (NODE_LIFECYCLE, TAINT_EVICTION)}
            nodes_table[nodes_key] = by_nodes
        return {**by_nodes, **by_store}

    def _level_compute(self, state: State, controller: str) -> tuple[tuple[str, tuple[Write, ...]], ...]:
        if controller == GARBAGE_COLLECTOR:
            return self._gc_compute(state)
        out = []
        for k in self._level_candidates(state, controller):
            writes = self._level_writes(state, controller, k)
            if writes:
                out.append((k, writes))
        return tuple(out)

    def _level_keys(self, state: State, controller: str) -> tuple[str, ...]:
        return tuple(k for k, _ in self._level_decisions(state)[controller])

    def _level_candidates(self, state: State, controller: str) -> tuple[str, ...]:
        if controller in (NODE_LIFECYCLE, TAINT_EVICTION):
            return tuple(n.metadata.name for n in state.objects("Node"))
        if controller == ENDPOINTS:
            names = {(s.metadata.namespace, s.metadata.name) for s in state.objects("Service")}
            names |= {(e.metadata.namespace, e.metadata.name) for e in state.objects("Endpoints")}
            return tuple(f"{ns}/{n}" for ns, n in sorted(names))
        keys = []
        for (kind, ns, name), obj in state.store.objects:
            if obj.metadata.owner_references or obj.metadata.deletion_timestamp is not None and obj.metadata.finalizers:
                keys.append(f"{kind}/{ns}/{name}")
        return tuple(keys)

    def _level_writes(self, state: State, controller: str, key: str) -> tuple[Write, ...]:
        """The writes a level-driven controller's decision calls for on one object (may be none)."""
        cfg = self.config
        now = now_ns(cfg, state)
        if controller in (NODE_LIFECYCLE, TAINT_EVICTION):
            node = api.get(state.store, "Node", "", key)
            if node is None:
                return ()
            pods = api.list_kind(state.store, "Pod")
            if controller == TAINT_EVICTION:
                return nodes_wiring.eviction_writes(node, pods, now)
            env = state.env.node(key) or NodeEnv(key)
            return nodes_wiring.node_writes(node, pods, env.up, cfg.start_time + env.since * NANOS, now,
                                            cfg.timings.node_monitor_grace)
        if controller == ENDPOINTS:
            ns, name = key.split("/", 1)
            return endpoints_wiring.endpoints_writes(api.get(state.store, "Service", ns, name),
                                                     api.get(state.store, "Endpoints", ns, name),
                                                     api.list_kind(state.store, "Pod", ns), ns, name)
        kind, ns, name = key.split("/", 2)
        obj = api.get(state.store, kind, ns, name)
        if obj is None:
            return ()
        by_uid, dependents_of = _gc_index(state.store)
        return self._gc_decision(obj, by_uid, dependents_of, self._table("gc-object"))

    def _gc_compute(self, state: State) -> tuple[tuple[str, tuple[Write, ...]], ...]:
        """``_level_compute`` for the garbage collector in one pass over the store (the candidates
        of ``_level_candidates``, each object's writes as ``_level_writes`` decides them)."""
        by_uid, dependents_of = _gc_index(state.store)
        table = self._table("gc-object")
        out = []
        for (kind, ns, name), obj in state.store.objects:
            meta = obj.metadata
            if meta.owner_references or meta.deletion_timestamp is not None and meta.finalizers:
                writes = self._gc_decision(obj, by_uid, dependents_of, table)
                if writes:
                    out.append((f"{kind}/{ns}/{name}", writes))
        return tuple(out)

    def _gc_decision(self, obj: Any, by_uid: dict[str, Any], dependents_of: dict[str, list[Any]],
                     table: dict[Any, Any]) -> tuple[Write, ...]:
        # The collector's decision on one object reads the object, its owners and its dependents:
        # memoized on those objects (by identity; the entry holds them, so no id is reused while it
        # lives). Most writes change one object, and every other object's decision carries over.
        dependents = dependents_of.get(obj.metadata.uid, [])
        owners = tuple(by_uid.get(r.uid) for r in obj.metadata.owner_references)
        memo_key = (id(obj), tuple(map(id, owners)), tuple(map(id, dependents)))
        entry = table.get(memo_key)
        if entry is not None:
            return entry[0]  # type: ignore[no-any-return]
        writes = self._gc_writes(obj, by_uid, dependents)
        table[memo_key] = (writes, obj, owners, tuple(dependents))
        return writes

    @staticmethod
    def _gc_writes(obj: Any, by_uid: dict[str, Any], dependents: list[Any]) -> tuple[Write, ...]:
        writes = nodes_wiring.gc_writes(obj, by_uid, bool(dependents))
        if not writes and "orphan" in obj.metadata.finalizers and obj.metadata.deletion_timestamp is not None:
            writes = nodes_wiring.orphan_writes(obj, dependents)
        if not writes and "foregroundDeletion" in obj.metadata.finalizers and obj.metadata.deletion_timestamp \
                is not None:
            writes = tuple(api.Delete(d.kind, d.metadata.namespace, d.metadata.name, "Foreground", uid=d.metadata.uid)
                           for d in dependents if d.metadata.deletion_timestamp is None)
        return writes

    def user_actions(self, state: State) -> tuple[Action, ...]:
        if state.script_pc < len(self.config.script):
            return (self.config.script[state.script_pc],)
        return ()

    def fault_actions(self, state: State) -> tuple[Action, ...]:
        left = state.faults_left
        if left.total() == 0:
            return ()
        out: list[Action] = []
        if left.node_failures:
            out.extend(NodeFail(n.name) for n in state.env.nodes if n.up)
        if left.node_recoveries:
            out.extend(NodeRecover(n.name) for n in state.env.nodes if not n.up)
        if left.pod_crashes:
            out.extend(PodCrash(f"{p.metadata.namespace}/{p.metadata.name}") for p in state.objects("Pod")
                       if p.spec.node_name and kubelet_wiring.can_crash(p)
                       and (state.env.node(p.spec.node_name) or NodeEnv("", up=False)).up)
        if left.image_pull_failures:
            images = sorted({c.image for d in state.objects("Deployment") for c in d.spec.template.spec.containers})
            out.extend(ImagePullFail(i) for i in images if i not in state.env.unpullable)
        if left.dropped_events:
            out.extend(DropEvent(i.name) for i in state.informers if i.pending)
        if left.duplicated_events:
            out.extend(DuplicateEvent(i.name) for i in state.informers if i.pending and i.name == KCM)
        if left.controller_crashes:
            out.extend(ControllerCrash(c) for c in QUEUE_CONTROLLERS if state.queue(c))
        if left.write_conflicts and not state.env.conflict_next:
            out.append(WriteConflict())
        if left.lease_losses:
            out.extend(LeaseLoss(m.identity) for m in state.managers if m.leading and m.failing_since is None)
        if left.clock_skews:
            out.extend(ClockSkew(m.identity) for m in state.managers)
        return tuple(out)

    # -- time ---------------------------------------------------------------------------------
    def timed_events(self, state: State) -> tuple[int, ...]:
        """Clock seconds (> now) at which something is scheduled to happen."""
        cfg = self.config
        out: list[int] = [at for at, _, _ in state.delayed]
        if cfg.level_triggered and cfg.variant != "edge-triggered":
            out.extend(i.dropped_since + cfg.timings.resync for i in state.informers if i.dropped_since is not None)
        for _, e in state.expectations:
            if not e.fulfilled():
                out.append(_expiry_second(cfg, e))
        now = now_ns(cfg, state)
        for n in state.env.nodes:
            at = nodes_wiring.node_deadline(n.up, cfg.start_time + n.since * NANOS, cfg.timings.node_monitor_grace)
            if at is not None:
                out.append(_second_of(cfg, at))
        out.extend(at for _, at, _ in state.hpas)
        out.extend(vpa_wiring.timed_events(self, state))  # autoscale-system
        out.extend(ca_wiring.timed_events(self, state))  # autoscale-system
        lease = self._lease(state)
        changed = leader_wiring.last_change(state.managers, lease.spec if lease is not None else None,
                                            cfg.start_time)
        for m in state.managers:
            if m.leading and m.failing_since is not None:
                out.append(m.failing_since + self._step_down_deadline())
            due = leader_wiring.acquire_due(m, changed, cfg.timings.lease_duration)
            if due is not None:
                out.append(due)
        out.extend(self._object_deadlines(state, now))
        return tuple(sorted(t for t in set(out) if t > state.clock))

    def _object_deadlines(self, state: State, now: Time) -> tuple[int, ...]:
        """The kubelets' and the taint eviction's next times: from the store, the clock and the
        nodes' environment only (memoized on them)."""
        memo_key = (state.store, state.clock, state.env.nodes)
        table = self._table("object-deadlines")
        found = table.get(memo_key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        cfg = self.config
        out: list[int] = []
        pods = api.list_kind(state.store, "Pod")
        for p in pods:
            node_env = state.env.node(p.spec.node_name) if p.spec.node_name else None
            if node_env is not None and node_env.up:
                wake = kubelet_wiring.pod_wake(p, cfg.timings.termination, cfg.timings.readiness)
                if wake is not None:
                    out.append(_second_of(cfg, wake))
        for node in state.objects("Node"):
            out.extend(_second_of(cfg, at) for at in nodes_wiring.eviction_deadlines(node, pods, now))
        table[memo_key] = result = tuple(out)
        return result

    def next_tick(self, state: State) -> int | None:
        events = [t for t in self.timed_events(state) if t <= self.config.max_seconds]
        if not events:
            return None
        return events[0] - state.clock

    def _relist_due(self, state: State, inf: Informer) -> bool:
        cfg = self.config
        if inf.dropped_since is None or not cfg.level_triggered or cfg.variant == "edge-triggered":
            return False
        return state.clock >= inf.dropped_since + cfg.timings.resync

    def _next_to_schedule(self, state: State) -> str | None:
        """The scheduler's next pod: a function of its cache and the clock (memoized on them)."""
        inf = state.informer(SCHEDULER)
        memo_key = (inf, state.clock)
        table = self._table("schedule-next")
        if memo_key in table:
            return table[memo_key]  # type: ignore[no-any-return]
        table[memo_key] = result = self._next_to_schedule_of(inf, state)
        return result

    def _next_to_schedule_of(self, inf: Informer, state: State) -> str | None:
        pods = cache_list(inf, "Pod")
        nodes = cache_list(inf, "Node")
        now = now_ns(self.config, state)
        candidates = [p for p in pods if scheduler_wiring.needs_scheduling(p)
                      or (self.config.variant == "double-bind" and p.spec.node_name
                          and p.metadata.deletion_timestamp is None and p.status.phase in ("Pending", ""))]
        candidates.sort(key=lambda p: (p.metadata.creation_timestamp or 0, p.metadata.name))
        for p in candidates:
            if self.config.variant == "double-bind":
                p2 = evolve.replace(p, spec=evolve.replace(p.spec, node_name=""))
                w = scheduler_wiring.decide(p2, nodes, pods, self.config.variant, now)
                if p.spec.node_name and isinstance(w, api.Bind) and w.node == p.spec.node_name:
                    continue
            else:
                w = scheduler_wiring.decide(p, nodes, pods, self.config.variant, now)
            if w is not None:
                return f"{p.metadata.namespace}/{p.metadata.name}"
        return None

    # -- step ---------------------------------------------------------------------------------
    def step(self, state: State, action: Action) -> State:
        """The successor of ``state`` under ``action`` (pure)."""
        new = self._step(state, action)
        if not self.config.informer_lag and any(i.pending for i in new.informers):
            new = drain(self.config, new)
        return new

    def _step(self, state: State, action: Action) -> State:
        cfg = self.config
        if isinstance(action, Tick):
            return self._tick(state, action.seconds)
        if isinstance(action, Deliver):
            return _deliver(cfg, state, action.informer)
        if isinstance(action, Relist):
            return self._relist(state, action.informer)
        if isinstance(action, Reconcile):
            return self._reconcile(state, action.controller, action.key)
        if isinstance(action, Schedule):
            return self._schedule(state, action.pod)
        if isinstance(action, KubeletSync):
            return self._kubelet(state, action.node, action.pod)
        if isinstance(action, NodeReady):
            w = self._kubelet_work(state).get(action)
            if w is not None:
                return self._write_all(state, (w,))[0]
            node = api.get(state.store, "Node", "", action.node)
            w = kubelet_wiring.node_step(node, now_ns(cfg, state)) if node is not None else None
            return self._write_all(state, (w,) if w else ())[0]
        if isinstance(action, LeaderElection):
            return self._elect(state, action.identity)
        if isinstance(action, Fault):
            return self._fault(state, action)
        run = getattr(action, "run", None)
        if run is not None:  # a user action (model.useractions)
            new = run(self, state)
            if state.script_pc < len(cfg.script) and cfg.script[state.script_pc] == action:
                new = evolve.replace(new, script_pc=state.script_pc + 1)
            return new
        raise TypeError(f"unknown action {action!r}")

    def _write_all(self, state: State, writes: tuple[Write, ...]) -> tuple[State, int]:
        """Issue writes in order; the first refusal stops the rest. Returns (state, writes made).

        A later write of an object written earlier in the same pass carries the resourceVersion
        the API server returned for the earlier one (Go code goes on with the returned object)."""
        written: dict[Key, tuple[str, str]] = {}
        for i, w in enumerate(writes):
            w = _chain_rv(w, written)
            before = state.store
            if state.env.conflict_next:
                state = evolve_state(state, env=evolve.replace(state.env, conflict_next=False))
                return state, i
            try:
                state = commit(self.config, state, w)
            except ApiError:
                return state, i
            obj = getattr(w, "obj", None)
            if obj is not None and state.store is not before:
                key = api.key_of(obj)
                new = api.get(state.store, *key)
                if new is not None:
                    written[key] = (obj.metadata.resource_version, new.metadata.resource_version)
        return state, len(writes)

    def _tick(self, state: State, seconds: int) -> State:
        clock = state.clock + seconds
        due = tuple(d for d in state.delayed if d[0] <= clock)
        state = evolve_state(state, clock=clock, delayed=tuple(d for d in state.delayed if d[0] > clock))
        for _, controller, key in due:
            state = _enqueue(state, controller, key)
        for key, e in state.expectations:  # expired expectations: the next sync will act
            if not e.fulfilled() and clock >= _expiry_second(self.config, e):
                state = _enqueue(state, REPLICASET, key)
        return state

    def _relist(self, state: State, name: str) -> State:
        inf, changes = relist(state.informer(name), state.store)
        state = evolve_state(state, informers=tuple(inf if i.name == name else i for i in state.informers))
        if name == KCM:
            for key, old, new in changes:
                state = _handle(self.config, state, key, old, new)
            state = self._enqueue_everything(state)
        return state

    def _enqueue_everything(self, state: State) -> State:
        inf = state.informer(KCM)
        for d in cache_list(inf, "Deployment"):
            state = _enqueue(state, DEPLOYMENT, f"{d.metadata.namespace}/{d.metadata.name}")
        for rs in cache_list(inf, "ReplicaSet"):
            state = _enqueue(state, REPLICASET, f"{rs.metadata.namespace}/{rs.metadata.name}")
        for rc in cache_list(inf, "ReplicationController"):
            state = _enqueue(state, REPLICATION, f"{rc.metadata.namespace}/{rc.metadata.name}")
        return state

    def _pop(self, state: State, controller: str, key: str) -> State:
        queues = tuple((c, tuple(k for k in q if k != key) if c == controller else q) for c, q in state.queues)
        return evolve_state(state, queues=queues)

    def _decide(self, state: State, controller: str, key: str) -> tuple[tuple[Write, ...], State, int | None]:
        """Run one reconcile's decision: (writes, state with in-memory changes, requeue_after)."""
        cfg = self.config
        inf = state.informer(KCM)
        ns, name = key.split("/", 1)
        now = now_ns(cfg, state)
        if controller == DEPLOYMENT:
            # syncDeployment reads only the controller-manager's cache and the clock: memoized on them
            memo_key = (inf, key, state.clock)
            table = self._table("deployment-sync")
            dout = table.get(memo_key)
            if dout is None:
                d = cache_get(inf, "Deployment", ns, name)
                dout = deployment_wiring.sync(d, cache_list(inf, "ReplicaSet", ns), cache_list(inf, "Pod", ns), now,
                                              cfg.variant)
                table[memo_key] = dout
            if dout.error is not None:  # writes made, then the pass failed: retried with backoff
                return dout.writes, _enqueue(state, DEPLOYMENT, key), None
            return dout.writes, state, dout.requeue_after
        raise ValueError(f"unknown controller {controller!r}")

    def _reconcile(self, state: State, controller: str, key: str, max_writes: int | None = None) -> State:
        if controller == HPA_CONTROLLER:
            return self._reconcile_hpa(state, key)
        if controller in LEVEL_CONTROLLERS:
            writes = next((w for k, w in self._level_decisions(state)[controller] if k == key), None)
            if writes is None:  # not enabled here (a replayed or scripted step): decide afresh
                writes = self._level_writes(state, controller, key)
            return self._write_all(state, writes)[0]
        state = self._pop(state, controller, key)
        if controller in (REPLICASET, REPLICATION):
            return self._reconcile_rs(state, key, max_writes, controller)
        writes, state, requeue_after = self._decide(state, controller, key)
        if max_writes is not None:
            writes = writes[:max_writes]
        state, done = self._write_all(state, writes)
        if done < len(writes):
            state = _enqueue(state, controller, key)  # rate-limited requeue
        elif requeue_after is not None:
            state = _enqueue_after(state, controller, key, state.clock + requeue_after)
        return state

    def _issuer(self, state: State, max_writes: int | None) -> tuple[list[State], Any]:
        """A one-call-at-a-time API client over a private copy of the state (for decision functions
        that make their calls as they go). ``max_writes`` cuts it off (a crash mid-reconcile)."""
        box = [state]
        count = [0]

        def issue(write: Write) -> CallError | None:
            if max_writes is not None and count[0] >= max_writes:
                return CallError("controller-manager crashed", "")
            count[0] += 1
            cur = box[0]
            if cur.env.conflict_next:
                box[0] = evolve.replace(cur, env=evolve.replace(cur.env, conflict_next=False))
                return CallError("the object has been modified; please apply your changes to the latest version "
                                 "and try again", "Conflict")
            obj = getattr(write, "obj", None)
            if isinstance(obj, ReplicaSet) and obj.kind == "ReplicationController":
                write = evolve.replace(write, obj=rs_to_rc(obj))  # type: ignore[call-arg,arg-type]
            try:
                box[0] = commit(self.config, cur, write)
            except ApiError as exc:
                return CallError(exc.message, exc.reason)
            return None

        return box, issue

    def _replay(self, state: State, max_writes: int | None,
                calls: tuple[tuple[Write, CallError | None], ...]) -> State | None:
        """Issue recorded calls in order; None as soon as one ends differently than recorded."""
        box, issue = self._issuer(state, max_writes)
        for write, result in calls:
            if issue(write) != result:
                return None
        return box[0]

    def _reconcile_rs(self, state: State, key: str, max_writes: int | None, controller: str = REPLICASET) -> State:
        """One syncReplicaSet; the ReplicationController manager is the same pass over RCs seen
        through the RC→RS adapter (``model.controllers.replication``), its writes converted back."""
        cfg = self.config
        inf = state.informer(KCM)
        ns, name = key.split("/", 1)
        exp_key = _exp_key(controller, key)
        if controller == REPLICATION:
            rc = cache_get(inf, "ReplicationController", ns, name)
            rs = _as_rs(rc)
            live = _as_rs(api.get(state.store, "ReplicationController", ns, name))
            siblings = tuple(rc_to_rs(r) for r in cache_list(inf, "ReplicationController", ns))
        else:
            rs = cache_get(inf, "ReplicaSet", ns, name)
            live = api.get(state.store, "ReplicaSet", ns, name)
            siblings = cache_list(inf, "ReplicaSet", ns)
        if rs is None:  # deleted: the controller forgets its expectations
            return _set_expectation(state, None, exp_key)
        exp = state.expectation(exp_key)
        # The pass reads the cache, the live object, its expectations and the clock; what it does
        # next also depends on how each API call ended. Memoized on the inputs with the calls it
        # made: a hit replays those calls against this state and is used only if every call ends
        # the same way (then the pass would have made exactly these calls and decided the same).
        memo_key = (inf, controller, key, state.clock, exp, max_writes)
        table = self._table("rs-sync")
        entry = table.get(memo_key)
        after = None
        if entry is not None and entry[0] == live:
            after = self._replay(state, max_writes, entry[1])
        if after is not None and entry is not None:
            out = entry[2]
            state = _set_expectation(after, out.expectations, exp_key)
        else:
            box, issue = self._issuer(state, max_writes)
            calls: list[tuple[Write, CallError | None]] = []

            def recorded(write: Write) -> CallError | None:
                result = issue(write)
                calls.append((write, result))
                return result

            out = replicaset_wiring.sync(rs, live, cache_list(inf, "Pod", ns), siblings, exp,
                                         now_ns(cfg, state), recorded, cfg.variant)
            table[memo_key] = (live, tuple(calls), out)
            state = _set_expectation(box[0], out.expectations, exp_key)
        if out.error is not None:
            return _enqueue(state, controller, key)
        if out.requeue_after is not None:
            state = _enqueue_after(state, controller, key, state.clock + out.requeue_after)
        return state

    def _schedule(self, state: State, pod_key: str) -> State:
        cfg = self.config
        inf = state.informer(SCHEDULER)
        ns, name = pod_key.split("/", 1)
        pod = cache_get(inf, "Pod", ns, name)
        if pod is None:
            return state
        if cfg.variant == "double-bind":
            pod = evolve.replace(pod, spec=evolve.replace(pod.spec, node_name=""))
        # The decision reads only the scheduler's cache and the clock: memoized on them.
        memo_key = (inf, state.clock, pod_key)
        table = self._table("schedule-decide")
        if memo_key in table:
            w = table[memo_key]
        else:
            w = scheduler_wiring.decide(pod, cache_list(inf, "Node"), cache_list(inf, "Pod"), cfg.variant,
                                        now_ns(cfg, state))
            table[memo_key] = w
        if w is None:
            return state
        state, done = self._write_all(state, (w,))
        if done and isinstance(w, api.Bind):
            # The scheduler "assumes" the pod bound in its own cache (schedule_one.go: assume) so it
            # does not schedule it again before the binding's watch event arrives.
            inf = state.informer(SCHEDULER)
            bound = evolve.replace(pod, spec=evolve.replace(pod.spec, node_name=w.node))
            inf = evolve_informer(inf, cache=api.tmap_put(inf.cache, ("Pod", ns, name), bound))
            state = evolve_state(state, informers=tuple(inf if i.name == SCHEDULER else i
                                                               for i in state.informers))
        return state

    def _kubelet(self, state: State, node: str, pod_key: str) -> State:
        w: Write | None = self._kubelet_work(state).get(KubeletSync(node, pod_key))
        if w is not None:  # enabled here: the write was decided when the actions were listed
            return self._write_all(state, (w,))[0]
        ns, name = pod_key.split("/", 1)
        pod = api.get(state.store, "Pod", ns, name)
        if pod is None or pod.spec.node_name != node:
            return state
        w = kubelet_wiring.pod_step(pod, state.env.unpullable, now_ns(self.config, state),
                                    self.config.timings.termination, self.config.timings.readiness)
        return self._write_all(state, (w,) if w else ())[0]

    def _fault(self, state: State, fault: Fault) -> State:
        cfg = self.config
        state = evolve_state(state, faults_left=state.faults_left.spend(fault.budget))
        env = state.env
        if isinstance(fault, NodeFail | NodeRecover):
            up = isinstance(fault, NodeRecover)
            nodes = tuple(NodeEnv(n.name, up, state.clock) if n.name == fault.node else n for n in env.nodes)
            return evolve_state(state, env=evolve.replace(env, nodes=nodes))
        if isinstance(fault, ImagePullFail):
            return evolve_state(state, env=evolve.replace(
                env, unpullable=tuple(sorted(env.unpullable + (fault.image,)))))
        if isinstance(fault, WriteConflict):
            return evolve_state(state, env=evolve.replace(env, conflict_next=True))
        if isinstance(fault, LeaseLoss):
            # Its last successful renewal is now; later ones fail.
            lease = self._lease(state)
            if lease is not None:
                now = now_ns(cfg, state)
                state = commit(cfg, state, api.Update(evolve.replace(
                    lease, spec=evolve.replace(lease.spec, renew_time=now))))
        if isinstance(fault, LeaseLoss | ClockSkew):
            managers = tuple(
                (evolve.replace(m, failing_since=state.clock) if isinstance(fault, LeaseLoss)
                 else evolve.replace(m, skew=m.skew + cfg.timings.clock_skew))
                if m.identity == fault.identity else m for m in state.managers)
            return evolve_state(state, managers=managers)
        if isinstance(fault, PodCrash):
            ns, name = fault.pod.split("/", 1)
            pod = api.get(state.store, "Pod", ns, name)
            if pod is None:
                return state
            return commit(cfg, state, api.UpdateStatus(kubelet_wiring.crash(pod, now_ns(cfg, state))))
        if isinstance(fault, DropEvent):
            inf = drop_head(state.informer(fault.informer), state.clock)
            return evolve_state(state, informers=tuple(inf if i.name == inf.name else i
                                                              for i in state.informers))
        if isinstance(fault, DuplicateEvent):
            inf = state.informer(fault.informer)
            ev = inf.pending[0]
            obj = cache_get(inf, *ev)
            return _handle(cfg, state, ev, obj, obj) if obj is not None else state
        if isinstance(fault, ControllerCrash):
            q = state.queue(fault.controller)
            if q:
                state = self._reconcile(state, fault.controller, q[0], max_writes=1)
            # restart: fresh list, empty queues and expectations, every key enqueued
            inf, _ = relist(state.informer(KCM), state.store)
            state = evolve.replace(
                state, informers=tuple(inf if i.name == KCM else i for i in state.informers),
                queues=tuple((c, ()) for c in QUEUE_CONTROLLERS), expectations=(),
                delayed=tuple(d for d in state.delayed if d[1] not in QUEUE_CONTROLLERS),
            )
            return self._enqueue_everything(state)
        raise TypeError(f"unknown fault {fault!r}")


# ---------------------------------------------------------------------------------------------
# helpers


@functools.lru_cache(maxsize=256)
def _gc_index(store: Store) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The garbage collector's graph of one store: objects by UID, dependents by owner UID
    (memoized per store value; the result is only read)."""
    by_uid = {o.metadata.uid: o for _, o in store.objects}
    dependents: dict[str, list[Any]] = {}
    for _, o in store.objects:
        for r in o.metadata.owner_references:
            dependents.setdefault(r.uid, []).append(o)
    return by_uid, dependents


def _second_of(cfg: ClusterConfig, t: int) -> int:
    """The first clock second at or after time ``t`` (ns)."""
    return -(-(t - cfg.start_time) // NANOS)


def _expiry_second(cfg: ClusterConfig, e: ControlleeExpectations) -> int:
    """The first clock second at which the record counts as expired (older than the timeout)."""
    return (e.timestamp + EXPECTATIONS_TIMEOUT - cfg.start_time) // NANOS + 1


NODE_EPHEMERAL_STORAGE = "100Gi"  # scen-hardening: a typical node's allocatable local storage


def _node_object(n: NodeConfig, now: Time) -> Node:
    labels = {"kubernetes.io/hostname": n.name, **dict(n.labels)}
    if n.zone:
        labels["topology.kubernetes.io/zone"] = n.zone
    resources = freeze_map({"cpu": n.cpu, "memory": n.memory, "pods": str(n.pods),
                            # scen-hardening: real nodes report local ephemeral storage; without it
                            # a pod with an ephemeral-storage request or limit fits nowhere.
                            "ephemeral-storage": NODE_EPHEMERAL_STORAGE})
    return Node(
        metadata=ObjectMeta(name=n.name, labels=freeze_map(labels)),
        status=NodeStatus(capacity=resources, allocatable=resources, conditions=(
            NodeCondition(type="Ready", status="True", reason="KubeletReady", last_heartbeat_time=now,
                          last_transition_time=now),)),
    )


_ = Pod

