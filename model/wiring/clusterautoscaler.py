"""Wiring of the Cluster Autoscaler (kubernetes/autoscaler ``cluster-autoscaler``, ``core/static_autoscaler.go:
RunOnce``), calling decisions in ``model.controllers.clusterautoscaler``.

Node groups come from the config (``ClusterConfig.node_groups``, cluster file key ``nodeGroups``):
a template node (capacity, labels, zone), ``min_size``/``max_size`` and how long the cloud takes to
provision a node. A node belongs to a group when it carries the label ``GROUP_LABEL=<group>`` (as
cloud node pools label their nodes); nodes of the config may carry it to start in a group.

The autoscaler is a separate process. Real CA runs ``RunOnce`` every ``scan-interval`` (10 s); here
``ClusterAutoscalerRun`` is level-driven: it is enabled exactly when one pass would change
something (an API write, or what the autoscaler remembers), and the clock stops at the moments its
timers run out — so a quiet cluster stays quiet. One pass does the first of:

1. **finish a drain**: a node tainted ``ToBeDeletedByClusterAutoscaler`` with no pods left is
   deleted (the cloud removes the VM; its kubelet is gone);
2. **scale up** (``core/scaleup/orchestrator``): pods the scheduler marked Unschedulable that fit
   neither an existing node nor a node already being provisioned (CA's own scheduling simulation:
   the scheduler's ``schedule_one``) go, per group, as far as they pass the scheduler's filters on
   the group's template node (node selectors, taints...), to ``scale_up_plan``; the group helping
   the most pods wins, least-waste among equals (the default expander). It gets as many new nodes
   as bin packing those pods onto fresh template nodes with the scheduler's choice needs
   (``estimator/binpacking_estimator.go``), within ``max_size``. Pods' ``priority`` counts for the
   expendable-pods cutoff (-10). Each node appears after the
   group's provisioning delay (``NodeProvisioned``, actor ``cloud-provider``) as a Ready node;
3. **scale down** (``core/scaledown``): a group node whose utilization (``utilization``: the larger
   of its pods' CPU and memory requests over allocatable) is below 0.5 and whose pods all have a
   controller and fit on the other nodes is *unneeded* from the first pass that sees it so; once
   ``node_scale_down`` says it is removable (unneeded 10 min, 10 min after the last scale-up, group
   above ``min_size``), the first such node by name is drained: tainted
   ``ToBeDeletedByClusterAutoscaler:NoSchedule`` and its pods evicted (deleted gracefully; their
   controllers recreate them elsewhere). Step 1 then deletes it.

A drain whose pods cannot terminate (the node's kubelet is stopped) is given up after
``max-graceful-termination-sec`` (10 min): the node is deleted and its pods force-deleted (standing in
for the pod GC of pods on a gone node). A NotReady node counts as unneeded only after 20 min
(``scale-down-unready-time``, via ``node_scale_down``'s ``ready``).

Not modelled: PodDisruptionBudgets, DaemonSet/mirror pods, GPU, ``max-node-provision-time`` failures,
bulk deletion of several empty nodes in one pass.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model import apiserver as api
from model.apiserver import ApiError, Write
from model.config import NodeConfig
from model.controllers import clusterautoscaler as ca
from model.controllers.scheduler import schedule_one
from model.controllers.scheduler.resources import compute_pod_resource_request, node_allocatable
from model.errors import ModelError
from model.objects import Node, Pod, Taint, controller_ref, freeze_map
from model.timeutil import NANOS

if TYPE_CHECKING:
    from model.system import Model, State

__all__ = [
    "ACTOR",
    "CLOUD",
    "GROUP_LABEL",
    "TO_BE_DELETED_TAINT",
    "NodeGroup",
    "CaMemory",
    "ClusterAutoscalerRun",
    "NodeProvisioned",
    "Decision",
    "decide",
    "actions",
    "timed_events",
    "parse_node_groups",
]

ACTOR = "cluster-autoscaler"
CLOUD = "cloud-provider"
GROUP_LABEL = "kubeproof.io/node-group"
TO_BE_DELETED_TAINT = "ToBeDeletedByClusterAutoscaler"
TERMINAL = ("Succeeded", "Failed")
MAX_GRACEFUL_TERMINATION_SECONDS = 600  # --max-graceful-termination-sec


@dataclass(frozen=True, slots=True)
class NodeGroup:
    """A node group: fresh nodes are copies of ``template`` (its name is not used: nodes are
    named ``<group>-<n>``), between ``min_size`` and ``max_size`` nodes, each ready
    ``provisioning_seconds`` after the scale-up."""

    name: str
    template: NodeConfig = NodeConfig("")
    min_size: int = 0
    max_size: int = 10
    provisioning_seconds: int = 60


@dataclass(frozen=True, slots=True)
class CaMemory:
    """What the autoscaler remembers between passes (``State.cluster_autoscaler``)."""

    unneeded: tuple[tuple[str, int], ...] = ()  # (node, clock second it was first seen unneeded)
    upcoming: tuple[tuple[str, str, int], ...] = ()  # (node, group, clock second it is ready)
    last_scale_up: int | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """One pass: API writes, the memory afterwards, nodes whose VM is gone, and what happened."""

    writes: tuple[Write, ...]
    memory: CaMemory
    removed: tuple[str, ...] = ()
    event: str = ""


# ---------------------------------------------------------------------------------------------
# reading the cluster


def _group_of(node: Node, groups: tuple[NodeGroup, ...]) -> NodeGroup | None:
    name = dict(node.metadata.labels).get(GROUP_LABEL)
    return next((g for g in groups if g.name == name), None)


def _tainted(node: Node) -> bool:
    return any(t.key == TO_BE_DELETED_TAINT for t in node.spec.taints)


def _ready(node: Node) -> bool:
    return any(c.type == "Ready" and c.status == "True" for c in node.status.conditions)


def _on(pods: tuple[Pod, ...], node: str) -> list[Pod]:
    return [p for p in pods if p.spec.node_name == node and p.status.phase not in TERMINAL]


def _drain_deadline(n: Node, start_time: int) -> int:
    """The clock second at which CA stops waiting for a drain (the taint's value is the Unix second
    the drain started, as CA writes it)."""
    taint = next(x for x in n.spec.taints if x.key == TO_BE_DELETED_TAINT)
    started = int(taint.value) - start_time // NANOS if taint.value.isdigit() else 0
    return started + MAX_GRACEFUL_TERMINATION_SECONDS


def _unschedulable(p: Pod) -> bool:
    return (not p.spec.node_name and p.metadata.deletion_timestamp is None and p.status.phase in ("Pending", "")
            and any(c.type == "PodScheduled" and c.status == "False" and c.reason == "Unschedulable"
                    for c in p.status.conditions))


def _requests(p: Pod) -> dict[str, int]:
    r = compute_pod_resource_request(p)
    return {"cpu": r.milli_cpu, "memory": r.memory}


def _allocatable(n: Node) -> dict[str, int]:
    r = node_allocatable(n)
    return {"cpu": r.milli_cpu, "memory": r.memory}


def _template_node(g: NodeGroup, name: str, now: int) -> Node:
    from model.system import _node_object

    return _node_object(_node_config(g, name), now)  # type: ignore[arg-type]


def _node_config(g: NodeGroup, name: str) -> NodeConfig:
    labels = dict(g.template.labels)
    labels[GROUP_LABEL] = g.name
    return dataclasses.replace(g.template, name=name, labels=freeze_map(labels))


def _place(pods: list[Pod], nodes: list[Node], bound: list[Pod]) -> tuple[list[Pod], list[Pod]]:
    """Schedule ``pods`` one by one on ``nodes`` (the scheduler's decision, as CA's simulation does);
    returns (pods placed, as bound; pods that fit nowhere)."""
    placed: list[Pod] = []
    left: list[Pod] = []
    for p in pods:
        r = schedule_one(p, nodes, bound + placed) if nodes else None
        if r is not None and r.node is not None:
            placed.append(dataclasses.replace(p, spec=dataclasses.replace(p.spec, node_name=r.node)))
        else:
            left.append(p)
    return placed, left


def _expansion(pods: list[Pod], groups: tuple[NodeGroup, ...], sizes: dict[str, int],
               now: int) -> tuple[ca.NodeGroup | None, tuple[str, ...]]:
    """``scale_up_plan`` per group over the pods that pass the scheduler's filters on the group's
    template node (CA checks predicates such as node selectors and taints on the template, not only
    resources); then the group helping the most pods, least-waste among those with the same pods."""
    options: list[tuple[ca.NodeGroup, tuple[ca.PendingPod, ...], tuple[str, ...]]] = []
    for g in groups:
        template = _template_node(g, g.name, now)
        plan_group = ca.NodeGroup(g.name, tuple(sorted(_allocatable(template).items())), sizes[g.name], g.max_size)
        fitting = tuple(
            ca.PendingPod(f"{p.metadata.namespace}/{p.metadata.name}", tuple(sorted(_requests(p).items())),
                          p.spec.priority or 0, max(0.0, (now - (p.metadata.creation_timestamp or now)) / 1e9))
            for p in pods if schedule_one(p, [template], []).node is not None)
        chosen, helped = ca.scale_up_plan(fitting, [plan_group])
        if chosen is not None:
            options.append((chosen, tuple(x for x in fitting if x.name in helped), helped))
    if not options:
        return None, ()
    most = max(len(h) for _, _, h in options)
    best = [o for o in options if len(o[2]) == most]
    same = [o for o in best if set(o[2]) == set(best[0][2])]
    return ca.scale_up_plan(same[0][1], [o[0] for o in same])


def _free_name(g: NodeGroup, taken: set[str]) -> str:
    i = 1
    while f"{g.name}-{i}" in taken:
        i += 1
    return f"{g.name}-{i}"


# ---------------------------------------------------------------------------------------------
# one pass


def decide(model: Model, state: State) -> Decision | None:
    """What one ``RunOnce`` would do now; None when it would change nothing."""
    groups: tuple[NodeGroup, ...] = tuple(getattr(model.config, "node_groups", ()))
    if not groups:
        return None
    from model.system import now_ns

    t = state.clock
    now = now_ns(model.config, state)
    mem = state.cluster_autoscaler or CaMemory()
    nodes = tuple(api.list_kind(state.store, "Node"))
    pods = tuple(api.list_kind(state.store, "Pod"))

    # 1. a drained node goes (after max-graceful-termination-sec even if pods are stuck terminating
    # on a silent kubelet; those are then force-deleted, as the pod GC would for a gone node)
    for n in nodes:
        if not _tainted(n) or _group_of(n, groups) is None:
            continue
        name = n.metadata.name
        left = _on(pods, name)
        if left and _drain_deadline(n, model.config.start_time) > t:
            continue
        forced: list[Write] = [api.Delete("Pod", p.metadata.namespace, p.metadata.name, grace_seconds=0,
                                          uid=p.metadata.uid) for p in left]
        new = dataclasses.replace(mem, unneeded=tuple(u for u in mem.unneeded if u[0] != name))
        return Decision((*forced, api.Delete("Node", "", name)), new, (name,), f"delete drained node {name}")

    # 2. scale up for unschedulable pods that nothing existing or upcoming can take
    pending = sorted((p for p in pods if _unschedulable(p)),
                     key=lambda p: (p.metadata.creation_timestamp or 0, p.metadata.namespace, p.metadata.name))
    if pending:
        by_group = {g.name: g for g in groups}
        upcoming_nodes = [_template_node(by_group[g], n, now) for n, g, _ in mem.upcoming if g in by_group]
        bound = [p for p in pods if p.spec.node_name and p.status.phase not in TERMINAL]
        _, left = _place(pending, list(nodes) + upcoming_nodes, bound)
        if left:
            sizes = {g.name: 0 for g in groups}
            for n in nodes:
                g = _group_of(n, groups)
                if g is not None:
                    sizes[g.name] += 1
            for _, g_name, _ in mem.upcoming:
                sizes[g_name] = sizes.get(g_name, 0) + 1
            chosen, helped = _expansion(left, groups, sizes, now)
            if chosen is not None:
                g = by_group[chosen.name]
                helped_pods = [p for p in left if f"{p.metadata.namespace}/{p.metadata.name}" in helped]
                taken = {n.metadata.name for n in nodes} | {n for n, _, _ in mem.upcoming}
                fresh: list[Node] = []
                names: list[str] = []
                placed: list[Pod] = []
                room = g.max_size - sizes[g.name]
                for p in helped_pods:  # bin packing onto fresh template nodes
                    got, _ = _place([p], fresh, placed)
                    if got:
                        placed += got
                        continue
                    if len(names) >= room:
                        break
                    name = _free_name(g, taken)
                    taken.add(name)
                    names.append(name)
                    fresh.append(_template_node(g, name, now))
                    got, _ = _place([p], fresh[-1:], [])
                    placed += got
                if names:
                    up = mem.upcoming + tuple((n, g.name, t + g.provisioning_seconds) for n in names)
                    new = dataclasses.replace(mem, upcoming=tuple(sorted(up)), last_scale_up=t)
                    return Decision((), new, (), f"scale up {g.name} by {len(names)}: {', '.join(names)}")

    # 3. scale down: track unneeded nodes, drain the first removable one
    unneeded: list[tuple[str, int]] = []
    removable: list[Node] = []
    since = dict(mem.unneeded)
    members = {g.name: sum(1 for n in nodes if _group_of(n, groups) is g and not _tainted(n)) for g in groups}
    bound_all = [p for p in pods if p.spec.node_name and p.status.phase not in TERMINAL]
    for n in nodes:
        g = _group_of(n, groups)
        name = n.metadata.name
        if g is None or _tainted(n) or members[g.name] <= g.min_size:
            continue
        mine = [p for p in _on(pods, name) if p.metadata.deletion_timestamp is None]
        movable = all(controller_ref(p.metadata) is not None for p in mine)
        if movable and mine:
            others = [o for o in nodes if o.metadata.name != name and not _tainted(o)]
            rest = [p for p in bound_all if p.spec.node_name != name]
            _, stuck = _place([dataclasses.replace(p, spec=dataclasses.replace(p.spec, node_name="")) for p in mine],
                              others, rest)
            movable = not stuck
        first = since.get(name, t)
        verdict = ca.node_scale_down(_allocatable(n), [_requests(p) for p in mine], t - first,
                                     None if mem.last_scale_up is None else t - mem.last_scale_up,
                                     _ready(n), movable)
        if verdict.candidate and movable:
            unneeded.append((name, first))
            if verdict.removable:
                removable.append(n)
    if removable:
        n = removable[0]
        name = n.metadata.name
        taint = Taint(key=TO_BE_DELETED_TAINT, value=str(now // NANOS), effect="NoSchedule", time_added=now)
        writes: list[Write] = [api.Update(dataclasses.replace(n, spec=dataclasses.replace(
            n.spec, taints=n.spec.taints + (taint,))))]
        writes += [api.Delete("Pod", p.metadata.namespace, p.metadata.name, uid=p.metadata.uid)
                   for p in _on(pods, name) if p.metadata.deletion_timestamp is None]
        new = dataclasses.replace(mem, unneeded=tuple(u for u in unneeded if u[0] != name))
        return Decision(tuple(writes), new, (), f"drain unneeded node {name}")
    new = dataclasses.replace(mem, unneeded=tuple(sorted(unneeded)))
    if new != mem:
        return Decision((), new, (), "unneeded nodes: " + (", ".join(n for n, _ in new.unneeded) or "none"))
    return None


# ---------------------------------------------------------------------------------------------
# actions


def _commit(model: Model, state: State, write: Write) -> State:
    from model.system import commit

    try:
        return commit(model.config, state, write)
    except ApiError:
        return state


@dataclass(frozen=True, slots=True)
class ClusterAutoscalerRun:
    """One pass of the Cluster Autoscaler (enabled only when it would change something)."""

    actor = ACTOR
    category = "controller"

    def __str__(self) -> str:
        return "ClusterAutoscaler.RunOnce()"

    def run(self, model: Model, state: State) -> State:
        d = decide(model, state)
        if d is None:
            return state
        for w in d.writes:
            state = _commit(model, state, w)
        env = state.env
        if d.removed:
            env = dataclasses.replace(env, nodes=tuple(n for n in env.nodes if n.name not in d.removed))
        return dataclasses.replace(state, cluster_autoscaler=d.memory, env=env)


@dataclass(frozen=True, slots=True)
class NodeProvisioned:
    """The cloud's new VM for a scale-up has booted: its kubelet registers a Ready node."""

    node: str

    actor = CLOUD
    category = "controller"

    def __str__(self) -> str:
        return f'NodeProvisioned("{self.node}")'

    def run(self, model: Model, state: State) -> State:
        from model.system import NodeEnv, now_ns

        mem = state.cluster_autoscaler or CaMemory()
        entry = next((u for u in mem.upcoming if u[0] == self.node), None)
        groups = {g.name: g for g in getattr(model.config, "node_groups", ())}
        if entry is None or entry[2] > state.clock or entry[1] not in groups:
            return state
        mem = dataclasses.replace(mem, upcoming=tuple(u for u in mem.upcoming if u[0] != self.node))
        state = dataclasses.replace(state, cluster_autoscaler=mem)
        state = _commit(model, state, api.Create(_template_node(groups[entry[1]], self.node,
                                                                now_ns(model.config, state))))
        env = state.env
        if env.node(self.node) is None:
            env = dataclasses.replace(env, nodes=env.nodes + (NodeEnv(self.node, True, state.clock),))
        return dataclasses.replace(state, env=env)


def actions(model: Model, state: State) -> tuple[Any, ...]:
    """Enabled: a provisioned node whose delay has passed; a pass that would change something."""
    if not getattr(model.config, "node_groups", ()):
        return ()
    mem = state.cluster_autoscaler or CaMemory()
    out: list[Any] = [NodeProvisioned(n) for n, _, at in mem.upcoming if at <= state.clock]
    if decide(model, state) is not None:
        out.append(ClusterAutoscalerRun())
    return tuple(out)


def timed_events(model: Model, state: State) -> tuple[int, ...]:
    """When a provisioning finishes; when an unneeded node's 10 min (or the delay after a
    scale-up) run out; when a stuck drain is given up."""
    mem = state.cluster_autoscaler
    if mem is None:
        return ()
    out = [at for _, _, at in mem.upcoming]
    groups = tuple(getattr(model.config, "node_groups", ()))
    pods = tuple(api.list_kind(state.store, "Pod"))
    for n in api.list_kind(state.store, "Node"):
        if _tainted(n) and _group_of(n, groups) is not None and _on(pods, n.metadata.name):
            out.append(_drain_deadline(n, model.config.start_time))
    for _, since in mem.unneeded:
        out.append(since + ca.SCALE_DOWN_UNNEEDED_TIME_SECONDS)
        out.append(since + ca.SCALE_DOWN_UNREADY_TIME_SECONDS)
        if mem.last_scale_up is not None:
            out.append(mem.last_scale_up + ca.SCALE_DOWN_DELAY_AFTER_ADD_SECONDS)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# config


_GROUP_KEYS = {"name", "minSize", "maxSize", "provisioningSeconds", "template"}
_TEMPLATE_KEYS = {"cpu", "memory", "pods", "labels", "zone"}


def parse_node_groups(data: Any, where: str = "cluster") -> tuple[NodeGroup, ...]:
    """``nodeGroups`` of a cluster file: ``[{name, minSize, maxSize, provisioningSeconds,
    template: {cpu, memory, pods, labels, zone}}]``."""
    if not isinstance(data, list):
        raise ModelError("Invalid", f"{where}: nodeGroups: expected a list", field="nodeGroups")
    out: list[NodeGroup] = []
    for i, g in enumerate(data):
        path = f"nodeGroups[{i}]"
        if not isinstance(g, dict) or not isinstance(g.get("name"), str) or not g["name"]:
            raise ModelError("Invalid", f"{where}: {path}.name: Required value", field=f"{path}.name")
        bad = sorted(set(g) - _GROUP_KEYS)
        if bad:
            raise ModelError("Invalid", f"{where}: {path}: unknown field {bad[0]!r}", field=f"{path}.{bad[0]}")
        ints = {}
        for key, default in (("minSize", 0), ("maxSize", 10), ("provisioningSeconds", 60)):
            v = g.get(key, default)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ModelError("Invalid", f"{where}: {path}.{key}: must be a non-negative integer",
                                 field=f"{path}.{key}")
            ints[key] = v
        if ints["maxSize"] < ints["minSize"]:
            raise ModelError("Invalid", f"{where}: {path}.maxSize: must be at least minSize", field=f"{path}.maxSize")
        tpl = g.get("template") or {}
        if not isinstance(tpl, dict):
            raise ModelError("Invalid", f"{where}: {path}.template: expected a map", field=f"{path}.template")
        bad = sorted(set(tpl) - _TEMPLATE_KEYS)
        if bad:
            raise ModelError("Invalid", f"{where}: {path}.template: unknown field {bad[0]!r}",
                             field=f"{path}.template.{bad[0]}")
        labels = tpl.get("labels") or {}
        if not isinstance(labels, dict):
            raise ModelError("Invalid", f"{where}: {path}.template.labels: expected a map",
                             field=f"{path}.template.labels")
        template = NodeConfig(name="", cpu=str(tpl.get("cpu", "4")), memory=str(tpl.get("memory", "8Gi")),
                              pods=int(tpl.get("pods", 110)),
                              labels=freeze_map({str(k): str(v) for k, v in labels.items()}),
                              zone=str(tpl.get("zone", "")))
        out.append(NodeGroup(g["name"], template, ints["minSize"], ints["maxSize"], ints["provisioningSeconds"]))
    if len({g.name for g in out}) != len(out):
        raise ModelError("Invalid", f"{where}: nodeGroups: Duplicate value: group names must be unique",
                         field="nodeGroups")
    return tuple(out)
