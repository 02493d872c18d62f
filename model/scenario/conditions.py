"""Conditions of ``expect``, ``waitFor`` and ``wait`` (``docs/spec/SCENARIOS.md``, "Conditions").

A condition is judged against a ``View``: the API objects of one state, plus what the runner has
observed over the run (the pods created since a step). ``evaluate`` returns ``None`` when the
condition holds, else a readable explanation naming the failing key and showing the objects involved.
Definitions follow the Kubernetes e2e framework where the language borrows them: ``complete`` is
``test/e2e/framework/deployment``'s ``DeploymentComplete`` check, ``newReplicaSet`` is
``pkg/controller/deployment/util``'s ``FindNewReplicaSet`` (template equal ignoring
``pod-template-hash``), and ``ready`` is the pod's Ready condition (``podutil.IsPodReady``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from model.objects import (
    Deployment,
    Node,
    ObjectMeta,
    Pod,
    PodSpec,
    PodTemplateSpec,
    ReplicaSet,
    ReplicationController,
    controller_ref,
    get_annotation,
)

REVISION_ANNOTATION = "deployment.kubernetes.io/revision"
POD_TEMPLATE_HASH = "pod-template-hash"


@dataclass(frozen=True)
class View:
    """What a condition may look at: one state's objects (any order) and the run's observations.

    ``created_since`` maps a step id to the pods first observed after that step ended, as
    ``(name, container names)`` in order of appearance.
    """

    now: int = 0
    deployments: tuple[Deployment, ...] = ()
    replicasets: tuple[ReplicaSet, ...] = ()
    pods: tuple[Pod, ...] = ()
    nodes: tuple[Node, ...] = ()
    rcs: tuple[ReplicationController, ...] = ()
    created_since: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)

    def deployment(self, name: str) -> Deployment | None:
        return next((d for d in self.deployments if d.metadata.name == name), None)

    def pod(self, name: str) -> Pod | None:
        return next((p for p in self.pods if p.metadata.name == name), None)

    def node(self, name: str) -> Node | None:
        return next((n for n in self.nodes if n.metadata.name == name), None)

    def workload(self, kind: str, name: str) -> Deployment | ReplicaSet | ReplicationController | None:
        pool: Sequence[Any] = {"Deployment": self.deployments, "ReplicaSet": self.replicasets,
                               "ReplicationController": self.rcs}.get(kind, ())
        return next((o for o in pool if o.metadata.name == name), None)


# ---------------------------------------------------------------------------------------------
# small matchers


def number_matches(want: Any, got: int) -> bool:
    """An integer means equality; ``{min?, max?}`` an inclusive range."""
    if isinstance(want, dict):
        return ("min" not in want or got >= want["min"]) and ("max" not in want or got <= want["max"])
    return bool(got == want)


def show_number(want: Any) -> str:
    if isinstance(want, dict):
        lo, hi = want.get("min"), want.get("max")
        if lo is not None and hi is not None:
            return f"between {lo} and {hi}"
        return f">= {lo}" if lo is not None else f"<= {hi}"
    return str(want)


def labels_include(labels: Iterable[tuple[str, str]], want: dict[str, Any]) -> bool:
    have = dict(labels)
    return all(k in have and have[k] == _str(v) for k, v in want.items())


def _str(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _condition_str(v: Any) -> str:
    """A condition field as Kubernetes writes it: YAML's unquoted True/False mean "True"/"False"."""
    if isinstance(v, bool):
        return "True" if v else "False"
    return str(v)


def pod_ready(pod: Pod) -> bool:
    """Mirrors pkg/api/v1/pod/util.go: IsPodReady (the Ready condition is True)."""
    return any(c.type == "Ready" and c.status == "True" for c in pod.status.conditions)


def node_ready(node: Node) -> bool:
    """The node's Ready condition is True (pkg/controller/util/node: GetNodeCondition)."""
    return any(c.type == "Ready" and c.status == "True" for c in node.status.conditions)


def spec_replicas(obj: Any) -> int:
    """``spec.replicas`` with the API default of 1 for nil."""
    r = obj.spec.replicas
    return 1 if r is None else r


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


# What the API server's defaulting writes into a stored pod spec where the manifest is silent
# (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec); a condition reads the object as stored.
POD_SPEC_DEFAULTS: dict[str, Any] = {
    "terminationGracePeriodSeconds": 30,
    "restartPolicy": "Always",
    "dnsPolicy": "ClusterFirst",
    "schedulerName": "default-scheduler",
}


def template_field(spec: PodSpec | None, key: str) -> Any:
    """A scalar field of a pod template's spec by its JSON name (``terminationGracePeriodSeconds``),
    with the API default where the spec leaves it unset."""
    if spec is None:
        return None
    got = getattr(spec, _snake(key), None)
    if got in (None, "") and key in POD_SPEC_DEFAULTS:
        return POD_SPEC_DEFAULTS[key]
    return got


def first_image(template: PodTemplateSpec | None) -> str | None:
    if template is None or not template.spec.containers:
        return None
    return template.spec.containers[0].image


def revision(meta: ObjectMeta) -> str | None:
    return get_annotation(meta, REVISION_ANNOTATION)


def _drop_hash(template: PodTemplateSpec) -> PodTemplateSpec:
    labels = tuple((k, v) for k, v in template.metadata.labels if k != POD_TEMPLATE_HASH)
    return dataclasses.replace(template, metadata=dataclasses.replace(template.metadata, labels=labels))


def equal_ignore_hash(a: PodTemplateSpec | None, b: PodTemplateSpec | None) -> bool:
    """Mirrors pkg/controller/deployment/util: EqualIgnoreHash."""
    if a is None or b is None:
        return a is b
    return _drop_hash(a) == _drop_hash(b)


def owned_replicasets(view: View, d: Deployment) -> list[ReplicaSet]:
    """The ReplicaSets whose controller reference is the Deployment (by UID when both have one)."""
    out = []
    for rs in view.replicasets:
        ref = controller_ref(rs.metadata)
        if ref is None or ref.kind != "Deployment" or ref.name != d.metadata.name:
            continue
        if ref.uid and d.metadata.uid and ref.uid != d.metadata.uid:
            continue
        out.append(rs)
    return sorted(out, key=lambda r: (r.metadata.creation_timestamp or 0, r.metadata.name))


def new_replicaset(view: View, d: Deployment) -> ReplicaSet | None:
    """Mirrors pkg/controller/deployment/util: FindNewReplicaSet (oldest first among equals)."""
    for rs in owned_replicasets(view, d):
        if equal_ignore_hash(rs.spec.template, d.spec.template):
            return rs
    return None


def observed_generation_current(d: Deployment) -> bool:
    return d.status.observed_generation >= d.metadata.generation


def deployment_complete(d: Deployment) -> bool:
    """The e2e framework's completeness: updated == replicas == available == spec, generation seen."""
    want = spec_replicas(d)
    s = d.status
    return (s.updated_replicas == want and s.replicas == want and s.available_replicas == want
            and observed_generation_current(d))


# ---------------------------------------------------------------------------------------------
# rendering objects for explanations


def show_deployment(d: Deployment) -> str:
    s = d.status
    conds = ", ".join(f"{c.type}={c.status}" + (f"/{c.reason}" if c.reason else "") for c in s.conditions)
    return (f"Deployment {d.metadata.name}: generation {d.metadata.generation} "
            f"(observed {s.observed_generation}), revision {revision(d.metadata)}, "
            f"spec.replicas {spec_replicas(d)}{', paused' if d.spec.paused else ''}, "
            f"image {first_image(d.spec.template)}; status replicas {s.replicas}, updated "
            f"{s.updated_replicas}, ready {s.ready_replicas}, available {s.available_replicas}, "
            f"unavailable {s.unavailable_replicas}; conditions [{conds}]")


def show_replicaset(rs: ReplicaSet) -> str:
    ref = controller_ref(rs.metadata)
    owner = f"{ref.kind}/{ref.name}" if ref else "none"
    gone = " (terminating)" if rs.metadata.deletion_timestamp is not None else ""
    return (f"ReplicaSet {rs.metadata.name}{gone}: revision {revision(rs.metadata)}, image "
            f"{first_image(rs.spec.template)}, spec.replicas {spec_replicas(rs)}, status replicas "
            f"{rs.status.replicas}, ready {rs.status.ready_replicas}, available "
            f"{rs.status.available_replicas}, controller {owner}, labels {dict(rs.metadata.labels)}")


def show_pod(p: Pod) -> str:
    ref = controller_ref(p.metadata)
    owner = f"{ref.kind}/{ref.name}" if ref else "none"
    term = ", terminating" if p.metadata.deletion_timestamp is not None else ""
    return (f"Pod {p.metadata.name}: phase {p.status.phase or 'Pending'}, ready {pod_ready(p)}{term}, "
            f"node {p.spec.node_name or '-'}, controller {owner}, labels {dict(p.metadata.labels)}")


def show_node(n: Node) -> str:
    conds = ", ".join(f"{c.type}={c.status}" for c in n.status.conditions)
    taints = ", ".join(f"{t.key}:{t.effect}" for t in n.spec.taints)
    return f"Node {n.metadata.name}: [{conds}], taints [{taints}]{', unschedulable' if n.spec.unschedulable else ''}"


def _listing(lines: Iterable[str]) -> str:
    items = list(lines)
    if not items:
        return "\n    (none)"
    return "".join(f"\n    {line}" for line in items)


# ---------------------------------------------------------------------------------------------
# ReplicaSet matcher


def rs_mismatch(m: dict[str, Any], rs: ReplicaSet) -> str | None:
    """Why ``rs`` does not match the ReplicaSet matcher ``m`` (``exists`` aside), or None."""
    meta = rs.metadata
    if "name" in m and meta.name != m["name"]:
        return f"name is {meta.name}, not {m['name']}"
    if "namePrefix" in m and not meta.name.startswith(m["namePrefix"]):
        return f"name {meta.name} does not start with {m['namePrefix']}"
    if "labels" in m and not labels_include(meta.labels, m["labels"]):
        return f"labels {dict(meta.labels)} do not include {m['labels']}"
    if "revision" in m and (revision(meta) or "") != _str(m["revision"]):
        return f"revision is {revision(meta)}, not {m['revision']}"
    if "template_image" in m and first_image(rs.spec.template) != m["template_image"]:
        return f"template image is {first_image(rs.spec.template)}, not {m['template_image']}"
    if "template" in m:
        spec = rs.spec.template.spec if rs.spec.template else None
        for k, v in m["template"].items():
            if k == "notes":
                continue
            got = template_field(spec, k)
            if got != v:
                return f"template.spec.{k} is {got}, not {v}"
    for key, got in (("specReplicas", spec_replicas(rs)), ("statusReplicas", rs.status.replicas),
                     ("readyReplicas", rs.status.ready_replicas),
                     ("availableReplicas", rs.status.available_replicas)):
        if key in m and not number_matches(m[key], got):
            return f"{key} is {got}, not {show_number(m[key])}"
    if "controller" in m:
        ref = controller_ref(meta)
        want = m["controller"]
        if want is None:
            if ref is not None:
                return f"controlled by {ref.kind}/{ref.name}, expected no controller"
        elif ref is None or ref.kind != want["kind"] or ref.name != want["name"]:
            got_s = f"{ref.kind}/{ref.name}" if ref else "none"
            return f"controller is {got_s}, not {want['kind']}/{want['name']}"
    return None


def _identity_only(m: dict[str, Any]) -> dict[str, Any]:
    """What an ``exists: false`` item says must not exist: the ReplicaSet it names (``name``,
    ``namePrefix``), or, naming none, any ReplicaSet matching its other keys."""
    ident = {k: v for k, v in m.items() if k in ("name", "namePrefix")}
    return ident or {k: v for k, v in m.items() if k not in ("exists", "notes")}


def match_items(items: Sequence[dict[str, Any]], pool: Sequence[ReplicaSet], what: str) -> str | None:
    """Every item matches a distinct ReplicaSet of ``pool``; ``exists: false`` items match none."""
    present = [(i, m) for i, m in enumerate(items) if m.get("exists", True)]
    for i, m in enumerate(items):
        if not m.get("exists", True):
            ident = _identity_only(m)
            hits = [rs for rs in pool if rs_mismatch(ident, rs) is None]
            if hits:
                return f"{what} item {i} {m}: expected no such ReplicaSet, found{_listing(map(show_replicaset, hits))}"
    candidates = {i: [j for j, rs in enumerate(pool) if rs_mismatch(m, rs) is None] for i, m in present}
    assignment = _bipartite(candidates)
    if assignment is not None:
        return None
    for i, m in present:
        if not candidates[i]:
            reasons = [f"{rs.metadata.name}: {rs_mismatch(m, rs)}" for rs in pool]
            return (f"{what} item {i} {m} matches no ReplicaSet:{_listing(reasons)}"
                    f"\n  ReplicaSets:{_listing(map(show_replicaset, pool))}")
    return (f"{what} items {[m for _, m in present]} cannot each match a distinct ReplicaSet:"
            f"{_listing(map(show_replicaset, pool))}")


def _bipartite(candidates: dict[int, list[int]]) -> dict[int, int] | None:
    """A matching of every left vertex to a distinct right vertex (augmenting paths), or None."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in candidates:
        if not augment(i, set()):
            return None
    return {i: j for j, i in owner.items()}


# ---------------------------------------------------------------------------------------------
# condition kinds


def check_deployment(m: dict[str, Any], view: View) -> str | None:
    name = m["name"]
    d = view.deployment(name)
    if not m.get("exists", True):
        return None if d is None else f"Deployment {name} exists, expected none:\n    {show_deployment(d)}"
    if d is None:
        return f"Deployment {name} does not exist"
    problem = _deployment_problem(m, d, view)
    if problem is None:
        return None
    rss = owned_replicasets(view, d)
    return (f"deployment {name}: {problem}\n    {show_deployment(d)}"
            f"\n  its ReplicaSets:{_listing(map(show_replicaset, rss))}")


def _deployment_problem(m: dict[str, Any], d: Deployment, view: View) -> str | None:
    meta = d.metadata
    if "labels" in m and not labels_include(meta.labels, m["labels"]):
        return f"labels {dict(meta.labels)} do not include {m['labels']}"
    if "revision" in m and (revision(meta) or "") != _str(m["revision"]):
        return f"revision is {revision(meta)}, not {m['revision']}"
    spec = m.get("spec") or {}
    if "replicas" in spec and not number_matches(spec["replicas"], spec_replicas(d)):
        return f"spec.replicas is {spec_replicas(d)}, not {show_number(spec['replicas'])}"
    if "paused" in spec and d.spec.paused != spec["paused"]:
        return f"spec.paused is {d.spec.paused}, not {spec['paused']}"
    if "template_image" in m and first_image(d.spec.template) != m["template_image"]:
        return f"template image is {first_image(d.spec.template)}, not {m['template_image']}"
    for k, v in (m.get("template") or {}).items():
        if k == "notes":
            continue
        got = template_field(d.spec.template.spec, k)
        if got != v:
            return f"template.spec.{k} is {got}, not {v}"
    status = m.get("status") or {}
    for key, attr in (("replicas", "replicas"), ("updatedReplicas", "updated_replicas"),
                      ("readyReplicas", "ready_replicas"), ("availableReplicas", "available_replicas"),
                      ("unavailableReplicas", "unavailable_replicas")):
        if key in status:
            got = getattr(d.status, attr)
            if not number_matches(status[key], got):
                return f"status.{key} is {got}, not {show_number(status[key])}"
    if "observedGenerationCurrent" in m and observed_generation_current(d) != m["observedGenerationCurrent"]:
        return (f"observedGenerationCurrent is {observed_generation_current(d)} (observed "
                f"{d.status.observed_generation}, generation {meta.generation})")
    if "complete" in m and deployment_complete(d) != m["complete"]:
        return f"complete is {deployment_complete(d)}, expected {m['complete']}"
    if "conditions" in m:
        problem = _conditions_problem(m["conditions"], d)
        if problem:
            return problem
    if "newReplicaSet" in m:
        want = m["newReplicaSet"]
        rs = new_replicaset(view, d)
        if not want.get("exists", True):
            if rs is not None:
                return f"newReplicaSet exists, expected none: {show_replicaset(rs)}"
        elif rs is None:
            return "has no new ReplicaSet (none with the Deployment's pod template)"
        else:
            why = rs_mismatch(want, rs)
            if why:
                return f"newReplicaSet {rs.metadata.name}: {why}"
    if "oldReplicaSets" in m:
        want = m["oldReplicaSets"]
        new = new_replicaset(view, d)
        old = [rs for rs in owned_replicasets(view, d) if new is None or rs.metadata.name != new.metadata.name]
        if "count" in want and not number_matches(want["count"], len(old)):
            return f"oldReplicaSets count is {len(old)}, not {show_number(want['count'])}"
        if "items" in want:
            problem = match_items(want["items"], old, "oldReplicaSets")
            if problem:
                return problem
    return None


def _conditions_problem(wanted: list[dict[str, Any]], d: Deployment) -> str | None:
    have = d.status.conditions
    candidates = {
        i: [j for j, c in enumerate(have)
            if all(getattr(c, k) == _condition_str(v) for k, v in w.items() if k != "notes")]
        for i, w in enumerate(wanted)
    }
    if _bipartite(candidates) is not None:
        return None
    shown = [f"{c.type}={c.status} reason {c.reason!r} message {c.message!r}" for c in have]
    return f"conditions do not include {wanted}; they are:{_listing(shown)}"


def select_replicasets(view: View, selector: dict[str, Any] | None) -> list[ReplicaSet]:
    rss = [rs for rs in view.replicasets if selector is None or labels_include(rs.metadata.labels, selector)]
    return sorted(rss, key=lambda r: r.metadata.name)


def check_replicasets(arg: Any, view: View) -> str | None:
    if isinstance(arg, list):
        arg = {"items": arg}
    picked = select_replicasets(view, arg.get("selector"))
    sel = f" with labels {arg['selector']}" if "selector" in arg else ""
    if "count" in arg and not number_matches(arg["count"], len(picked)):
        return (f"replicaSets{sel}: count is {len(picked)}, not {show_number(arg['count'])}:"
                f"{_listing(map(show_replicaset, picked))}")
    if "items" in arg:
        problem = match_items(arg["items"], picked, f"replicaSets{sel}")
        if problem:
            return problem
    return None


def select_pods(view: View, arg: dict[str, Any]) -> list[Pod]:
    out = []
    for p in view.pods:
        if not arg.get("includeTerminating", False) and p.metadata.deletion_timestamp is not None:
            continue
        if "selector" in arg and not labels_include(p.metadata.labels, arg["selector"]):
            continue
        if "onNode" in arg and p.spec.node_name != arg["onNode"]:
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.metadata.name)


def _controlled_by(p: Pod, ref: dict[str, Any]) -> bool:
    c = controller_ref(p.metadata)
    return c is not None and c.kind == ref["kind"] and c.name == ref["name"]


def check_pods(arg: dict[str, Any], view: View) -> str | None:
    pods = select_pods(view, arg)
    what = "pods" + "".join(f" {k}={arg[k]}" for k in ("selector", "onNode", "includeTerminating") if k in arg)

    def fail(msg: str, shown: Sequence[Pod] = pods) -> str:
        return f"{what}: {msg}:{_listing(map(show_pod, shown))}"

    if "count" in arg and not number_matches(arg["count"], len(pods)):
        return fail(f"count is {len(pods)}, not {show_number(arg['count'])}")
    checks: list[tuple[str, Callable[[Pod], bool]]] = [
        ("allRunning", lambda p: p.status.phase == "Running"),
        ("allReady", pod_ready),
        ("noneReady", lambda p: not pod_ready(p)),
    ]
    for key, pred in checks:
        if key in arg:
            bad = [p for p in pods if not pred(p)]
            if arg[key] and bad:
                return fail(f"{key} is false", bad)
            if not arg[key] and not bad and pods:
                return fail(f"{key} is true, expected false")
    if "allControlledBy" in arg:
        ref = arg["allControlledBy"]
        bad = [p for p in pods if not _controlled_by(p, ref)]
        if bad:
            return fail(f"not all controlled by {ref['kind']}/{ref['name']}", bad)
    if "noneControlledBy" in arg:
        ref = arg["noneControlledBy"]
        bad = [p for p in pods if _controlled_by(p, ref)]
        if bad:
            return fail(f"some are controlled by {ref['kind']}/{ref['name']}", bad)
    return None


def check_pod(m: dict[str, Any], view: View) -> str | None:
    name = m["name"]
    p = view.pod(name)
    if "deletionRequested" in m:
        requested = p is None or p.metadata.deletion_timestamp is not None
        if requested != m["deletionRequested"]:
            state = "gone" if p is None else show_pod(p)
            return f"pod {name}: deletionRequested is {requested}, expected {m['deletionRequested']} ({state})"
    others = [k for k in m if k not in ("name", "deletionRequested", "notes")]
    if "deletionRequested" in m and not others:
        return None  # deletionRequested alone says all there is to say about existence
    exists = m.get("exists", True)
    if exists is False:
        return None if p is None else f"pod {name} exists, expected none:\n    {show_pod(p)}"
    if p is None:
        return f"pod {name} does not exist"
    problems = []
    if "terminating" in m and (p.metadata.deletion_timestamp is not None) != m["terminating"]:
        problems.append(f"terminating is {p.metadata.deletion_timestamp is not None}")
    if "phase" in m and (p.status.phase or "Pending") != m["phase"]:
        problems.append(f"phase is {p.status.phase or 'Pending'}, not {m['phase']}")
    if "ready" in m and pod_ready(p) != m["ready"]:
        problems.append(f"ready is {pod_ready(p)}")
    if "nodeName" in m and p.spec.node_name != m["nodeName"]:
        problems.append(f"nodeName is {p.spec.node_name or '(unscheduled)'}, not {m['nodeName']}")
    if "labels" in m and not labels_include(p.metadata.labels, m["labels"]):
        problems.append(f"labels {dict(p.metadata.labels)} do not include {m['labels']}")
    if problems:
        return f"pod {name}: {'; '.join(problems)}\n    {show_pod(p)}"
    return None


def check_node(m: dict[str, Any], view: View) -> str | None:
    n = view.node(m["name"])
    if n is None:
        return f"node {m['name']} does not exist"
    if "ready" in m and node_ready(n) != m["ready"]:
        return f"node {m['name']}: ready is {node_ready(n)}, expected {m['ready']}\n    {show_node(n)}"
    for t in m.get("taints") or []:
        found = any(x.key == t["key"] and x.effect == t["effect"]
                    and ("value" not in t or x.value == _str(t["value"])) for x in n.spec.taints)
        if not found:
            return f"node {m['name']}: taint {t} is missing\n    {show_node(n)}"
    return None


def check_scale(m: dict[str, Any], view: View) -> str | None:
    obj = view.workload(m["kind"], m["name"])
    if obj is None:
        return f"scale: {m['kind']} {m['name']} does not exist"
    got_spec, got_status = spec_replicas(obj), obj.status.replicas
    if "specReplicas" in m and not number_matches(m["specReplicas"], got_spec):
        return f"scale of {m['kind']} {m['name']}: spec.replicas is {got_spec}, not {show_number(m['specReplicas'])}"
    if "statusReplicas" in m and not number_matches(m["statusReplicas"], got_status):
        return (f"scale of {m['kind']} {m['name']}: status.replicas is {got_status}, "
                f"not {show_number(m['statusReplicas'])}")
    return None


def check_pod_creations(m: dict[str, Any], view: View) -> str | None:
    created = view.created_since.get(m["since"], ())
    listing = _listing(f"{n}: containers {list(c)}" for n, c in created)
    if not number_matches(m["count"], len(created)):
        return (f"podCreations since {m['since']}: {len(created)} pods created, not "
                f"{show_number(m['count'])}:{listing}")
    if "containerNames" in m:
        want = tuple(m["containerNames"])
        bad = [(n, c) for n, c in created if c != want]
        if bad:
            return (f"podCreations since {m['since']}: pods whose containers are not {list(want)}:"
                    + _listing(f"{n}: containers {list(c)}" for n, c in bad))
    return None


def _each(arg: Any) -> list[Any]:
    return arg if isinstance(arg, list) else [arg]


def evaluate(cond: dict[str, Any], view: View) -> str | None:
    """``None`` when every key of the condition holds, else why the first failing one does not."""
    for key, arg in cond.items():
        if key == "notes":
            continue
        problem: str | None = None
        if key == "deployment":
            problem = next((p for m in _each(arg) if (p := check_deployment(m, view))), None)
        elif key == "replicaSets":
            problem = check_replicasets(arg, view)
        elif key == "pods":
            problem = check_pods(arg, view)
        elif key == "pod":
            problem = next((p for m in _each(arg) if (p := check_pod(m, view))), None)
        elif key == "node":
            problem = next((p for m in _each(arg) if (p := check_node(m, view))), None)
        elif key == "scale":
            problem = check_scale(arg, view)
        elif key == "podCreations":
            problem = check_pod_creations(arg, view)
        else:  # the parser rejects unknown keys; keep the runner honest anyway
            problem = f"unknown condition key {key!r}"
        if problem:
            return problem
    return None
