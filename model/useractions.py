"""What a user (kubectl) does to the cluster, as pure functions on ``State`` and as action values.

Every class here is a frozen action value (actor ``user``, category ``user``) with
``run(model, state) -> State``; ``Model.step`` calls it. User writes go through the API server like
any other write (kubectl re-reads and retries on a conflict, so they always use the current
resourceVersion); they raise ``ModelError`` for what kubectl would refuse (no such object, paused
Deployment for ``rollout undo``...). No time passes during a user action.

Mirrors kubectl's behaviour: ``apply`` (create, or PUT-replace labels/spec/annotations),
``scale`` (spec or the scale subresource), ``set image``, ``rollout pause|resume|undo``,
``delete`` (propagation policies, graceful pod deletion), ``patch`` (merge and JSON patch, status
and scale subresources), ``label``, ``cordon``/``drain``/``taint``; and the test harness's
environment controls: stop/start a node's kubelet, make an image unpullable, set CPU load.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from model import apiserver as api
from model.apiserver import ApiError
from model.errors import ModelError
from model.labels import Labels
from model.objects import (
    Deployment,
    PodTemplateSpec,
    Taint,
    freeze_map,
    from_json,
    get_annotation,
    to_json,
    with_annotation,
)
from model.wiring.common import labels_include

if TYPE_CHECKING:
    from model.system import Model, State

__all__ = [
    "UserAction",
    "Apply",
    "Scale",
    "UpdateImage",
    "Pause",
    "Resume",
    "RollbackTo",
    "Undo",
    "DeleteObject",
    "DeleteCollection",
    "MergePatch",
    "JsonPatch",
    "RelabelPod",
    "Cordon",
    "Uncordon",
    "Drain",
    "TaintNode",
    "StopNode",
    "StartNode",
    "MakeImageUnpullable",
    "SetCPULoad",
    "apply_object",
    "KIND_ALIASES",
]

KIND_ALIASES = {
    "deployment": "Deployment", "deployments": "Deployment", "deploy": "Deployment",
    "replicaset": "ReplicaSet", "replicasets": "ReplicaSet", "rs": "ReplicaSet",
    "pod": "Pod", "pods": "Pod", "po": "Pod", "node": "Node", "nodes": "Node",
    "service": "Service", "svc": "Service",
    "replicationcontroller": "ReplicationController", "rc": "ReplicationController",
    "horizontalpodautoscaler": "HorizontalPodAutoscaler", "hpa": "HorizontalPodAutoscaler",
}
KIND_ALIASES |= {"verticalpodautoscaler": "VerticalPodAutoscaler", "vpa": "VerticalPodAutoscaler"}  # autoscale-system


def _kind(kind: str) -> str:
    return KIND_ALIASES.get(kind.lower(), kind)


def _ns(model: Model, kind: str) -> str:
    return "" if kind == "Node" else model.config.namespace


def _get(model: Model, state: State, kind: str, name: str) -> Any:
    kind = _kind(kind)
    obj = api.get(state.store, kind, _ns(model, kind), name)
    if obj is None:
        raise ModelError("NotFound", f'{kind.lower()}s "{name}" not found', field="name")
    return obj


def _write(model: Model, state: State, write: api.Write) -> State:
    from model.system import commit

    try:
        return commit(model.config, state, write)
    except ApiError as exc:
        raise ModelError(exc.reason, exc.message) from exc


class UserAction:
    """Base of user actions: actor ``user``, category ``user``."""

    actor = "user"
    category = "user"

    def run(self, model: Model, state: State) -> State:  # pragma: no cover - abstract
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# apply


def apply_object(model: Model, state: State, obj: Any, replace_annotations: bool | None = None) -> State:
    """``kubectl apply`` of one object: create it, or PUT-replace labels, spec (and annotations
    when the manifest has them) of the existing one; status is kept."""
    kind = obj.kind
    ns = _ns(model, kind)
    obj = dataclasses.replace(obj, metadata=dataclasses.replace(obj.metadata, namespace=ns))
    cur = api.get(state.store, kind, ns, obj.metadata.name)
    if cur is None:
        return _write(model, state, api.Create(obj))
    if replace_annotations is None:
        replace_annotations = bool(obj.metadata.annotations)
    meta = dataclasses.replace(cur.metadata, labels=obj.metadata.labels,
                               annotations=obj.metadata.annotations if replace_annotations else cur.metadata.annotations)
    new = dataclasses.replace(cur, metadata=meta)
    if hasattr(obj, "spec"):
        new = dataclasses.replace(new, spec=obj.spec)
    return _write(model, state, api.Update(new))


@dataclass(frozen=True, slots=True)
class Apply(UserAction):
    obj: Any
    replace_annotations: bool | None = None

    def run(self, model: Model, state: State) -> State:
        return apply_object(model, state, self.obj, self.replace_annotations)

    def __str__(self) -> str:
        return f"kubectl apply {self.obj.kind}/{self.obj.metadata.name}"


# ---------------------------------------------------------------------------------------------
# workloads


@dataclass(frozen=True, slots=True)
class Scale(UserAction):
    """``kubectl scale``: set spec.replicas directly or through the scale subresource (same effect)."""

    kind: str
    name: str
    replicas: int
    via: str = "spec"

    def run(self, model: Model, state: State) -> State:
        obj = _get(model, state, self.kind, self.name)
        if self.replicas < 0:
            raise ModelError("Invalid", f"spec.replicas: Invalid value: {self.replicas}: must be greater than or "
                             "equal to 0", field="spec.replicas")
        new = dataclasses.replace(obj, spec=dataclasses.replace(obj.spec, replicas=self.replicas))
        return _write(model, state, api.Update(new))

    def __str__(self) -> str:
        return f"kubectl scale {_kind(self.kind).lower()}/{self.name} --replicas={self.replicas}"


@dataclass(frozen=True, slots=True)
class UpdateImage(UserAction):
    """``kubectl set image deployment/<d> <container>=<image>``."""

    deployment: str
    container: str
    image: str

    def run(self, model: Model, state: State) -> State:
        d = _get(model, state, "Deployment", self.deployment)
        containers = d.spec.template.spec.containers
        if not any(c.name == self.container for c in containers):
            raise ModelError("NotFound", f'unable to find container named "{self.container}"', field="container")
        containers = tuple(dataclasses.replace(c, image=self.image) if c.name == self.container else c
                           for c in containers)
        tpl = d.spec.template
        tpl = dataclasses.replace(tpl, spec=dataclasses.replace(tpl.spec, containers=containers))
        return _write(model, state, api.Update(dataclasses.replace(d, spec=dataclasses.replace(d.spec, template=tpl))))

    def __str__(self) -> str:
        return f"kubectl set image deployment/{self.deployment} {self.container}={self.image}"


@dataclass(frozen=True, slots=True)
class Pause(UserAction):
    deployment: str

    def run(self, model: Model, state: State) -> State:
        d = _get(model, state, "Deployment", self.deployment)
        return _write(model, state, api.Update(dataclasses.replace(d, spec=dataclasses.replace(d.spec, paused=True))))

    def __str__(self) -> str:
        return f"kubectl rollout pause deployment/{self.deployment}"


@dataclass(frozen=True, slots=True)
class Resume(UserAction):
    deployment: str

    def run(self, model: Model, state: State) -> State:
        d = _get(model, state, "Deployment", self.deployment)
        return _write(model, state, api.Update(dataclasses.replace(d, spec=dataclasses.replace(d.spec, paused=False))))

    def __str__(self) -> str:
        return f"kubectl rollout resume deployment/{self.deployment}"


ROLLBACK_TO = "deprecated.deployment.rollback.to"
REVISION = "deployment.kubernetes.io/revision"
HASH = "pod-template-hash"


@dataclass(frozen=True, slots=True)
class RollbackTo(UserAction):
    """The deprecated rollback annotation (``deprecated.deployment.rollback.to``) the controller acts on."""

    deployment: str
    revision: int = 0

    def run(self, model: Model, state: State) -> State:
        d = _get(model, state, "Deployment", self.deployment)
        meta = with_annotation(d.metadata, ROLLBACK_TO, str(self.revision))
        return _write(model, state, api.Update(dataclasses.replace(d, metadata=meta)))

    def __str__(self) -> str:
        return f"rollback deployment/{self.deployment} to revision {self.revision} (annotation)"


def _rev(obj: Any) -> int:
    try:
        return int(get_annotation(obj.metadata, REVISION) or "0")
    except ValueError:
        return 0


@dataclass(frozen=True, slots=True)
class Undo(UserAction):
    """``kubectl rollout undo [--to-revision=N]`` on apps/v1: kubectl itself copies the target
    ReplicaSet's template (minus pod-template-hash) into the Deployment. Refused while paused."""

    deployment: str
    to_revision: int = 0

    def run(self, model: Model, state: State) -> State:
        d: Deployment = _get(model, state, "Deployment", self.deployment)
        if d.spec.paused:
            raise ModelError("Invalid", f'you cannot rollback a paused deployment; resume it first with '
                             f'"kubectl rollout resume deployment/{self.deployment}" and try again')
        from model.objects import controller_ref

        owned = [rs for rs in state.objects("ReplicaSet", d.metadata.namespace)
                 if (ref := controller_ref(rs.metadata)) is not None and ref.uid == d.metadata.uid]
        revs = sorted({_rev(rs) for rs in owned})
        if self.to_revision == 0:
            if len(revs) < 2:
                raise ModelError("NotFound", "no rollout history found for deployment " + repr(self.deployment))
            target_rev = revs[-2]
        else:
            target_rev = self.to_revision
        target = next((rs for rs in owned if _rev(rs) == target_rev), None)
        if target is None or target.spec.template is None:
            raise ModelError("NotFound", f"unable to find specified revision {target_rev} in history",
                             field="to-revision")
        tpl: PodTemplateSpec = target.spec.template
        tpl = dataclasses.replace(tpl, metadata=dataclasses.replace(
            tpl.metadata, labels=tuple((k, v) for k, v in tpl.metadata.labels if k != HASH)))
        if model.config.variant == "undo-copies-current-template":
            # known-bad (model.variants): the chosen template is replaced by the current one, a real
            # write that changes nothing
            return _write(model, state, api.Update(d))
        if tpl == d.spec.template:
            return state  # "skipped rollback (current template already matches revision N)"
        return _write(model, state, api.Update(dataclasses.replace(d, spec=dataclasses.replace(d.spec, template=tpl))))

    def __str__(self) -> str:
        extra = f" --to-revision={self.to_revision}" if self.to_revision else ""
        return f"kubectl rollout undo deployment/{self.deployment}{extra}"


# ---------------------------------------------------------------------------------------------
# delete


@dataclass(frozen=True, slots=True)
class DeleteObject(UserAction):
    kind: str
    name: str
    propagation: str = "Background"
    grace_seconds: int | None = None

    def run(self, model: Model, state: State) -> State:
        kind = _kind(self.kind)
        if self.propagation not in ("Background", "Foreground", "Orphan"):
            raise ModelError("Invalid", f"propagationPolicy: Unsupported value: {self.propagation!r}",
                             field="propagationPolicy")
        _get(model, state, kind, self.name)
        return _write(model, state, api.Delete(kind, _ns(model, kind), self.name, self.propagation,
                                               self.grace_seconds))

    def __str__(self) -> str:
        return f"kubectl delete {_kind(self.kind).lower()}/{self.name} --cascade={self.propagation.lower()}"


@dataclass(frozen=True, slots=True)
class DeleteCollection(UserAction):
    """Delete every object of ``kind`` whose labels include ``selector`` (the first ``count``
    non-terminating ones in name order when ``count`` is given)."""

    kind: str
    selector: Labels
    count: int | None = None
    propagation: str = "Background"
    grace_seconds: int | None = None

    def run(self, model: Model, state: State) -> State:
        kind = _kind(self.kind)
        objs = [o for o in state.objects(kind, _ns(model, kind)) if labels_include(o.metadata.labels, self.selector)]
        if self.count is not None:
            objs = [o for o in objs if o.metadata.deletion_timestamp is None][: self.count]
        for o in objs:
            state = _write(model, state, api.Delete(kind, o.metadata.namespace, o.metadata.name, self.propagation,
                                                    self.grace_seconds))
        return state

    def __str__(self) -> str:
        sel = ",".join(f"{k}={v}" for k, v in self.selector)
        return f"kubectl delete {_kind(self.kind).lower()} -l {sel}"


# ---------------------------------------------------------------------------------------------
# patches


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge_patch(out.get(k), v)
    return out


def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise ModelError("Invalid", f"JSON patch path {path!r} must start with '/'", field="jsonPatch")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _walk(doc: Any, parts: list[str]) -> Any:
    for p in parts:
        if isinstance(doc, list):
            doc = doc[int(p)]
        elif isinstance(doc, dict):
            doc = doc[p]
        else:
            raise KeyError(p)
    return doc


def json_patch(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """RFC 6902 JSON patch (add, remove, replace, move, copy, test)."""
    doc = copy.deepcopy(doc)
    for i, op in enumerate(ops):
        try:
            kind = op["op"]
            parts = _pointer(op["path"])
            if kind == "test":
                if _walk(doc, parts) != op["value"]:
                    raise ModelError("Invalid", f"jsonPatch[{i}]: test failed at {op['path']}", field=f"jsonPatch[{i}]")
                continue
            if kind in ("move", "copy"):
                value = copy.deepcopy(_walk(doc, _pointer(op["from"])))
                if kind == "move":
                    doc = _remove(doc, _pointer(op["from"]))
                doc = _add(doc, parts, value)
            elif kind == "add":
                doc = _add(doc, parts, copy.deepcopy(op["value"]))
            elif kind == "remove":
                doc = _remove(doc, parts)
            elif kind == "replace":
                _walk(doc, parts)
                doc = _add(_remove(doc, parts), parts, copy.deepcopy(op["value"]))
            else:
                raise ModelError("Invalid", f"jsonPatch[{i}].op: Unsupported value: {kind!r}", field=f"jsonPatch[{i}].op")
        except (KeyError, IndexError, ValueError, TypeError) as exc:
            raise ModelError("Invalid", f"jsonPatch[{i}]: cannot apply {op!r}: {exc}", field=f"jsonPatch[{i}]") from exc
    return doc


def _add(doc: Any, parts: list[str], value: Any) -> Any:
    if not parts:
        return value
    parent = _walk(doc, parts[:-1])
    last = parts[-1]
    if isinstance(parent, list):
        if last == "-":
            parent.append(value)
        else:
            parent.insert(int(last), value)
    else:
        parent[last] = value
    return doc


def _remove(doc: Any, parts: list[str]) -> Any:
    parent = _walk(doc, parts[:-1])
    last = parts[-1]
    if isinstance(parent, list):
        parent.pop(int(last))
    else:
        del parent[last]
    return doc


def _patched(model: Model, state: State, kind: str, name: str, subresource: str | None,
             fn: Any) -> State:
    obj = _get(model, state, kind, name)
    cls = type(obj)
    if subresource == "scale":
        scale = {"spec": {"replicas": obj.spec.replicas}}
        out = fn(scale)
        replicas = (out.get("spec") or {}).get("replicas")
        if not isinstance(replicas, int) or isinstance(replicas, bool) or replicas < 0:
            raise ModelError("Invalid", f"spec.replicas: Invalid value: {replicas!r}", field="spec.replicas")
        return _write(model, state, api.Update(dataclasses.replace(obj, spec=dataclasses.replace(obj.spec,
                                                                                                  replicas=replicas))))
    doc = to_json(obj)
    out = fn(doc)
    new = from_json(cls, out)
    if subresource == "status":
        if not hasattr(obj, "status"):
            raise ModelError("NotFound", f"{kind} has no status subresource", field="subresource")
        return _write(model, state, api.UpdateStatus(dataclasses.replace(obj, status=new.status)))
    meta = dataclasses.replace(obj.metadata, labels=new.metadata.labels, annotations=new.metadata.annotations)
    upd = dataclasses.replace(obj, metadata=meta)
    if hasattr(obj, "spec"):
        upd = dataclasses.replace(upd, spec=new.spec)
    return _write(model, state, api.Update(upd))


@dataclass(frozen=True, slots=True)
class MergePatch(UserAction):
    """``kubectl patch --type=merge``; ``patch`` is JSON text (kept as text so the value hashes)."""

    kind: str
    name: str
    patch: str
    subresource: str | None = None

    def run(self, model: Model, state: State) -> State:
        import json

        body = json.loads(self.patch)
        return _patched(model, state, self.kind, self.name, self.subresource, lambda doc: merge_patch(doc, body))

    def __str__(self) -> str:
        sub = f" --subresource={self.subresource}" if self.subresource else ""
        return f"kubectl patch {_kind(self.kind).lower()}/{self.name}{sub} --type=merge -p '{self.patch}'"


@dataclass(frozen=True, slots=True)
class JsonPatch(UserAction):
    """``kubectl patch --type=json``; ``patch`` is JSON text."""

    kind: str
    name: str
    patch: str
    subresource: str | None = None

    def run(self, model: Model, state: State) -> State:
        import json

        ops = json.loads(self.patch)
        return _patched(model, state, self.kind, self.name, self.subresource, lambda doc: json_patch(doc, ops))

    def __str__(self) -> str:
        sub = f" --subresource={self.subresource}" if self.subresource else ""
        return f"kubectl patch {_kind(self.kind).lower()}/{self.name}{sub} --type=json -p '{self.patch}'"


# ---------------------------------------------------------------------------------------------
# pods and nodes


@dataclass(frozen=True, slots=True)
class RelabelPod(UserAction):
    """Replace the whole label map of the first non-terminating pod (by name) matching ``selector``."""

    selector: Labels
    labels: Labels

    def run(self, model: Model, state: State) -> State:
        pods = [p for p in state.objects("Pod", model.config.namespace)
                if p.metadata.deletion_timestamp is None and labels_include(p.metadata.labels, self.selector)]
        if not pods:
            raise ModelError("NotFound", "no pod matches the selector", field="selector")
        p = pods[0]
        return _write(model, state, api.Update(dataclasses.replace(
            p, metadata=dataclasses.replace(p.metadata, labels=self.labels))))

    def __str__(self) -> str:
        return f"relabel pod {dict(self.selector)} -> {dict(self.labels)}"


def _node_update(model: Model, state: State, node: str, fn: Any) -> State:
    n = _get(model, state, "Node", node)
    return _write(model, state, api.Update(fn(n)))


@dataclass(frozen=True, slots=True)
class Cordon(UserAction):
    node: str

    def run(self, model: Model, state: State) -> State:
        return _node_update(model, state, self.node,
                            lambda n: dataclasses.replace(n, spec=dataclasses.replace(n.spec, unschedulable=True)))

    def __str__(self) -> str:
        return f"kubectl cordon {self.node}"


@dataclass(frozen=True, slots=True)
class Uncordon(UserAction):
    node: str

    def run(self, model: Model, state: State) -> State:
        return _node_update(model, state, self.node,
                            lambda n: dataclasses.replace(n, spec=dataclasses.replace(n.spec, unschedulable=False)))

    def __str__(self) -> str:
        return f"kubectl uncordon {self.node}"


@dataclass(frozen=True, slots=True)
class Drain(UserAction):
    """``kubectl drain``: cordon, then evict (delete gracefully) every pod on the node."""

    node: str

    def run(self, model: Model, state: State) -> State:
        state = Cordon(self.node).run(model, state)
        for p in state.objects("Pod"):
            if p.spec.node_name == self.node and p.metadata.deletion_timestamp is None:
                state = _write(model, state, api.Delete("Pod", p.metadata.namespace, p.metadata.name))
        return state

    def __str__(self) -> str:
        return f"kubectl drain {self.node}"


@dataclass(frozen=True, slots=True)
class TaintNode(UserAction):
    """Add a taint (timeAdded = now; replaces one with the same key and effect) or remove one."""

    node: str
    key: str
    effect: str
    value: str = ""
    remove: bool = False

    def run(self, model: Model, state: State) -> State:
        from model.system import now_ns

        if self.effect not in ("NoSchedule", "PreferNoSchedule", "NoExecute"):
            raise ModelError("Invalid", f"taint effect: Unsupported value: {self.effect!r}", field="effect")
        now = now_ns(model.config, state)

        def change(n: Any) -> Any:
            taints = tuple(t for t in n.spec.taints if not (t.key == self.key and t.effect == self.effect))
            if not self.remove:
                taints = taints + (Taint(key=self.key, value=self.value, effect=self.effect, time_added=now),)
            return dataclasses.replace(n, spec=dataclasses.replace(n.spec, taints=taints))

        return _node_update(model, state, self.node, change)

    def __str__(self) -> str:
        if self.remove:
            return f"kubectl taint node {self.node} {self.key}:{self.effect}-"
        return f"kubectl taint node {self.node} {self.key}={self.value}:{self.effect}"


def _set_node_env(model: Model, state: State, node: str, up: bool) -> State:
    from model.system import NodeEnv

    if state.env.node(node) is None:
        raise ModelError("NotFound", f'nodes "{node}" not found', field="node")
    nodes = tuple(NodeEnv(n.name, up, state.clock) if n.name == node and n.up != up else n for n in state.env.nodes)
    return dataclasses.replace(state, env=dataclasses.replace(state.env, nodes=nodes))


@dataclass(frozen=True, slots=True)
class StopNode(UserAction):
    """The node's kubelet goes silent (no heartbeats, no pod status, no container starts/stops)."""

    node: str

    def run(self, model: Model, state: State) -> State:
        return _set_node_env(model, state, self.node, False)

    def __str__(self) -> str:
        return f"stop kubelet on {self.node}"


@dataclass(frozen=True, slots=True)
class StartNode(UserAction):
    node: str

    def run(self, model: Model, state: State) -> State:
        return _set_node_env(model, state, self.node, True)

    def __str__(self) -> str:
        return f"start kubelet on {self.node}"


@dataclass(frozen=True, slots=True)
class MakeImageUnpullable(UserAction):
    image: str

    def run(self, model: Model, state: State) -> State:
        if self.image in state.env.unpullable:
            return state
        env = dataclasses.replace(state.env, unpullable=tuple(sorted(state.env.unpullable + (self.image,))))
        return dataclasses.replace(state, env=env)

    def __str__(self) -> str:
        return f"make image {self.image} unpullable"


@dataclass(frozen=True, slots=True)
class SetCPULoad(UserAction):
    """The target workload's Running and Ready pods together use ``millicores`` of CPU."""

    kind: str
    name: str
    millicores: int

    def run(self, model: Model, state: State) -> State:
        kind = _kind(self.kind)
        before = next((mc for k, n, mc in state.env.cpu_load if (k, n) == (kind, self.name)), 0)
        rest = tuple(x for x in state.env.cpu_load if (x[0], x[1]) != (kind, self.name))
        changes = tuple(x for x in state.env.load_changes if (x[0], x[1]) != (kind, self.name))
        env = dataclasses.replace(
            state.env, cpu_load=tuple(sorted(rest + ((kind, self.name, self.millicores),))),
            load_changes=tuple(sorted(changes + ((kind, self.name, before, state.clock),))))
        return dataclasses.replace(state, env=env)

    def __str__(self) -> str:
        return f"set CPU load of {_kind(self.kind).lower()}/{self.name} to {self.millicores}m"


_ = (field, freeze_map)
