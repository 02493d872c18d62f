"""API objects as frozen, hashable values, with converters to and from Kubernetes JSON.

Mirrors the Go types in ``staging/src/k8s.io/api/{core,apps,coordination}/v1/types.go`` with the
fields the model reads. Conventions that keep states small and hashable:

* maps (labels, annotations, resource lists, node selectors) are sorted tuples of pairs
  (``Labels``); ``freeze_map`` builds one;
* times are ``int`` nanoseconds since the Unix epoch (``model.timeutil``), ``None`` when unset;
* quantities are strings (``"500m"``); the API server stores them in canonical form
  (``model.canonical``, as Kubernetes does) and ``model.quantity`` parses them;
* an IntOrString is ``int | str``; ``None`` is "not set";
* ``None`` stands for Go's nil where nil differs from the zero value (``replicas``, selectors,
  ``revisionHistoryLimit``...).

``to_json(obj)`` and ``from_json(cls, data)`` convert by field name (snake_case ↔ camelCase), so a
real manifest and a model object round-trip on the fields the model knows. Unknown JSON fields are
ignored here; strict checking of user manifests is validation's job (``model.validation``).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

from model.errors import ModelError
from model.labels import Labels, LabelSelector, LabelSelectorRequirement, freeze_map
from model.timeutil import Time, format_time, parse_time

__all__ = [
    "Labels",
    "LabelSelector",
    "LabelSelectorRequirement",
    "freeze_map",
    "IntOrString",
    "OwnerReference",
    "ObjectMeta",
    "Toleration",
    "Taint",
    "Container",
    "NodeSelectorRequirement",
    "NodeSelectorTerm",
    "TopologySpreadConstraint",
    "PodSpec",
    "PodCondition",
    "ContainerStatus",
    "PodStatus",
    "Pod",
    "PodTemplateSpec",
    "ReplicaSetSpec",
    "ReplicaSetCondition",
    "ReplicaSetStatus",
    "ReplicaSet",
    "ReplicationControllerSpec",
    "ReplicationController",
    "RollingUpdateDeployment",
    "DeploymentStrategy",
    "DeploymentSpec",
    "DeploymentCondition",
    "DeploymentStatus",
    "Deployment",
    "NodeCondition",
    "NodeSpec",
    "NodeStatus",
    "Node",
    "LeaseSpec",
    "Lease",
    "ServiceSpec",
    "Service",
    "to_json",
    "from_json",
    "get_annotation",
    "with_annotation",
    "controller_ref",
]

IntOrString = int | str

# ---------------------------------------------------------------------------------------------
# metadata


@dataclass(frozen=True, slots=True)
class OwnerReference:
    """``metav1.OwnerReference``."""

    api_version: str = ""
    kind: str = ""
    name: str = ""
    uid: str = ""
    controller: bool | None = None
    block_owner_deletion: bool | None = None


@dataclass(frozen=True, slots=True)
class ObjectMeta:
    """``metav1.ObjectMeta`` (the fields controllers read). ``resource_version`` is a counter."""

    name: str = ""
    namespace: str = ""
    uid: str = ""
    labels: Labels = ()
    annotations: Labels = ()
    owner_references: tuple[OwnerReference, ...] = ()
    finalizers: tuple[str, ...] = ()
    creation_timestamp: Time | None = None
    deletion_timestamp: Time | None = None
    deletion_grace_period_seconds: int | None = None
    generation: int = 0
    resource_version: str = ""
    generate_name: str = ""


def get_annotation(meta: ObjectMeta, key: str) -> str | None:
    """Model-only: the annotation's value, or None when absent."""
    for k, v in meta.annotations:
        if k == key:
            return v
    return None


def with_annotation(meta: ObjectMeta, key: str, value: str | None) -> ObjectMeta:
    """Model-only: a copy of ``meta`` with the annotation set (or removed when ``value`` is None)."""
    items = dict(meta.annotations)
    if value is None:
        items.pop(key, None)
    else:
        items[key] = value
    return dataclasses.replace(meta, annotations=freeze_map(items))


def controller_ref(meta: ObjectMeta) -> OwnerReference | None:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go: GetControllerOf: the first
    owner reference with ``controller: true``."""
    for ref in meta.owner_references:
        if ref.controller:
            return ref
    return None


# ---------------------------------------------------------------------------------------------
# pods


@dataclass(frozen=True, slots=True)
class Toleration:
    """``v1.Toleration``; ``toleration_seconds`` None means "tolerate forever"."""

    key: str = ""
    operator: str = ""
    value: str = ""
    effect: str = ""
    toleration_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Taint:
    """``v1.Taint``."""

    key: str = ""
    value: str = ""
    effect: str = ""
    time_added: Time | None = None


@dataclass(frozen=True, slots=True)
class ResourceRequirements:
    """``v1.ResourceRequirements`` (requests and limits as quantity strings)."""

    requests: Labels = ()
    limits: Labels = ()


@dataclass(frozen=True, slots=True)
class Container:
    """``v1.Container``; ``restart_policy: "Always"`` on an init container makes it a sidecar."""

    name: str = ""
    image: str = ""
    resources: ResourceRequirements = ResourceRequirements()
    restart_policy: str | None = None


@dataclass(frozen=True, slots=True)
class NodeSelectorRequirement:
    """``v1.NodeSelectorRequirement`` (In, NotIn, Exists, DoesNotExist, Gt, Lt)."""

    key: str = ""
    operator: str = ""
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NodeSelectorTerm:
    """``v1.NodeSelectorTerm``: requirements ANDed; terms are ORed."""

    match_expressions: tuple[NodeSelectorRequirement, ...] = ()
    match_fields: tuple[NodeSelectorRequirement, ...] = ()


@dataclass(frozen=True, slots=True)
class TopologySpreadConstraint:
    """``v1.TopologySpreadConstraint``."""

    max_skew: int = 1
    topology_key: str = ""
    when_unsatisfiable: str = "DoNotSchedule"
    label_selector: LabelSelector | None = None
    min_domains: int | None = None


@dataclass(frozen=True, slots=True)
class PodSpec:
    """``v1.PodSpec``. ``required_node_affinity`` is
    ``affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms``."""

    containers: tuple[Container, ...] = ()
    init_containers: tuple[Container, ...] = ()
    node_name: str = ""
    node_selector: Labels = ()
    required_node_affinity: tuple[NodeSelectorTerm, ...] | None = None
    tolerations: tuple[Toleration, ...] = ()
    topology_spread_constraints: tuple[TopologySpreadConstraint, ...] = ()
    overhead: Labels = ()
    resources: ResourceRequirements | None = None
    restart_policy: str = ""
    termination_grace_period_seconds: int | None = None
    active_deadline_seconds: int | None = None
    scheduler_name: str = ""
    priority: int | None = None


@dataclass(frozen=True, slots=True)
class PodCondition:
    """``v1.PodCondition``."""

    type: str = ""
    status: str = ""
    last_transition_time: Time | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ContainerStatus:
    """``v1.ContainerStatus``: ``state`` is "waiting", "running" or "terminated"."""

    name: str = ""
    ready: bool = False
    restart_count: int = 0
    state: str = "waiting"
    reason: str = ""
    image: str = ""


@dataclass(frozen=True, slots=True)
class PodStatus:
    """``v1.PodStatus``."""

    phase: str = ""
    conditions: tuple[PodCondition, ...] = ()
    container_statuses: tuple[ContainerStatus, ...] = ()
    init_container_statuses: tuple[ContainerStatus, ...] = ()
    start_time: Time | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Pod:
    """``v1.Pod``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: PodSpec = PodSpec()
    status: PodStatus = PodStatus()
    kind: str = "Pod"
    api_version: str = "v1"


@dataclass(frozen=True, slots=True)
class PodTemplateSpec:
    """``v1.PodTemplateSpec``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: PodSpec = PodSpec()


# ---------------------------------------------------------------------------------------------
# workloads


@dataclass(frozen=True, slots=True)
class ReplicaSetSpec:
    """``apps/v1.ReplicaSetSpec``; ``replicas`` None is Go's nil (defaulted to 1 by the API)."""

    replicas: int | None = None
    selector: LabelSelector | None = None
    template: PodTemplateSpec | None = None
    min_ready_seconds: int = 0


@dataclass(frozen=True, slots=True)
class ReplicaSetCondition:
    """``apps/v1.ReplicaSetCondition`` (ReplicaFailure)."""

    type: str = ""
    status: str = ""
    reason: str = ""
    message: str = ""
    last_transition_time: Time | None = None


@dataclass(frozen=True, slots=True)
class ReplicaSetStatus:
    """``apps/v1.ReplicaSetStatus``; ``terminating_replicas`` None means unknown."""

    replicas: int = 0
    fully_labeled_replicas: int = 0
    ready_replicas: int = 0
    available_replicas: int = 0
    terminating_replicas: int | None = None
    observed_generation: int = 0
    conditions: tuple[ReplicaSetCondition, ...] = ()


@dataclass(frozen=True, slots=True)
class ReplicaSet:
    """``apps/v1.ReplicaSet``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: ReplicaSetSpec = ReplicaSetSpec()
    status: ReplicaSetStatus = ReplicaSetStatus()
    kind: str = "ReplicaSet"
    api_version: str = "apps/v1"


@dataclass(frozen=True, slots=True)
class ReplicationControllerSpec:
    """``v1.ReplicationControllerSpec``: an equality-only selector map (None is nil)."""

    replicas: int | None = None
    selector: Labels | None = None
    template: PodTemplateSpec | None = None
    min_ready_seconds: int = 0


@dataclass(frozen=True, slots=True)
class ReplicationController:
    """``v1.ReplicationController``; its status has the ReplicaSet status fields."""

    metadata: ObjectMeta = ObjectMeta()
    spec: ReplicationControllerSpec = ReplicationControllerSpec()
    status: ReplicaSetStatus = ReplicaSetStatus()
    kind: str = "ReplicationController"
    api_version: str = "v1"


@dataclass(frozen=True, slots=True)
class RollingUpdateDeployment:
    """``apps/v1.RollingUpdateDeployment``; None is "not set"."""

    max_surge: IntOrString | None = None
    max_unavailable: IntOrString | None = None


@dataclass(frozen=True, slots=True)
class DeploymentStrategy:
    """``apps/v1.DeploymentStrategy``."""

    type: str = ""
    rolling_update: RollingUpdateDeployment | None = None


@dataclass(frozen=True, slots=True)
class DeploymentSpec:
    """``apps/v1.DeploymentSpec``; ``rollback_to`` is the legacy ``spec.rollbackTo.revision``."""

    replicas: int | None = None
    selector: LabelSelector | None = None
    template: PodTemplateSpec = PodTemplateSpec()
    strategy: DeploymentStrategy = DeploymentStrategy()
    min_ready_seconds: int = 0
    revision_history_limit: int | None = None
    paused: bool = False
    progress_deadline_seconds: int | None = None
    rollback_to: int | None = None
    pod_replacement_policy: str | None = None


@dataclass(frozen=True, slots=True)
class DeploymentCondition:
    """``apps/v1.DeploymentCondition``."""

    type: str = ""
    status: str = ""
    reason: str = ""
    message: str = ""
    last_update_time: Time | None = None
    last_transition_time: Time | None = None


@dataclass(frozen=True, slots=True)
class DeploymentStatus:
    """``apps/v1.DeploymentStatus``."""

    observed_generation: int = 0
    replicas: int = 0
    updated_replicas: int = 0
    ready_replicas: int = 0
    available_replicas: int = 0
    unavailable_replicas: int = 0
    terminating_replicas: int | None = None
    conditions: tuple[DeploymentCondition, ...] = ()
    collision_count: int | None = None


@dataclass(frozen=True, slots=True)
class Deployment:
    """``apps/v1.Deployment``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: DeploymentSpec = DeploymentSpec()
    status: DeploymentStatus = DeploymentStatus()
    kind: str = "Deployment"
    api_version: str = "apps/v1"


# ---------------------------------------------------------------------------------------------
# nodes, leases, services


@dataclass(frozen=True, slots=True)
class NodeCondition:
    """``v1.NodeCondition``."""

    type: str = ""
    status: str = ""
    last_heartbeat_time: Time | None = None
    last_transition_time: Time | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """``v1.NodeSpec``."""

    unschedulable: bool = False
    taints: tuple[Taint, ...] = ()


@dataclass(frozen=True, slots=True)
class NodeStatus:
    """``v1.NodeStatus``."""

    capacity: Labels = ()
    allocatable: Labels = ()
    conditions: tuple[NodeCondition, ...] = ()


@dataclass(frozen=True, slots=True)
class Node:
    """``v1.Node``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: NodeSpec = NodeSpec()
    status: NodeStatus = NodeStatus()
    kind: str = "Node"
    api_version: str = "v1"


@dataclass(frozen=True, slots=True)
class LeaseSpec:
    """``coordination/v1.LeaseSpec``."""

    holder_identity: str | None = None
    lease_duration_seconds: int | None = None
    acquire_time: Time | None = None
    renew_time: Time | None = None
    lease_transitions: int | None = None


@dataclass(frozen=True, slots=True)
class Lease:
    """``coordination/v1.Lease``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: LeaseSpec = LeaseSpec()
    kind: str = "Lease"
    api_version: str = "coordination.k8s.io/v1"


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    """``v1.ServiceSpec`` (the selector is what routes traffic to pods)."""

    selector: Labels = ()


@dataclass(frozen=True, slots=True)
class Service:
    """``v1.Service``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: ServiceSpec = ServiceSpec()
    kind: str = "Service"
    api_version: str = "v1"


# ---------------------------------------------------------------------------------------------
# JSON conversion

# JSON names that are not the plain camelCase of the field name, and fields whose JSON lives
# at another path.
_JSON_NAME = {"api_version": "apiVersion", "uid": "uid"}

T = TypeVar("T")


def _camel(name: str) -> str:
    if name in _JSON_NAME:
        return _JSON_NAME[name]
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_map(tp: Any) -> bool:
    return tp == Labels


def _strip_optional(tp: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) != len(typing.get_args(tp))
        if len(args) == 1:
            return args[0], optional
        return tp, optional
    return tp, False


def to_json(obj: Any) -> Any:
    """Model-only: a model value as Kubernetes JSON (camelCase; unset and empty fields left out)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if isinstance(obj, PodSpec):
            return _podspec_to_json(obj)
        out: dict[str, Any] = {}
        hints = _hints(type(obj))
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is None or value == () or (value == "" and f.name not in ("status",)):
                continue
            if value is False and f.name not in ("controller",):
                continue
            out[_camel(f.name)] = _value_to_json(value, hints[f.name])
        return out
    return obj


def _value_to_json(value: Any, tp: Any) -> Any:
    base, _ = _strip_optional(tp)
    if base is Time or tp == (Time | None):
        return format_time(value)
    if _is_map(base):
        return dict(value)
    if isinstance(value, tuple):
        args = typing.get_args(base)
        item_tp = args[0] if args else Any
        return [_value_to_json(v, item_tp) for v in value]
    if dataclasses.is_dataclass(value):
        return to_json(value)
    return value


def _podspec_to_json(spec: PodSpec) -> dict[str, Any]:
    plain = dataclasses.replace(spec, required_node_affinity=None)
    out: dict[str, Any] = {}
    hints = _hints(PodSpec)
    for f in dataclasses.fields(plain):
        value = getattr(plain, f.name)
        if value is None or value == () or value == "":
            continue
        out[_camel(f.name)] = _value_to_json(value, hints[f.name])
    if spec.required_node_affinity is not None:
        out["affinity"] = {
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [to_json(t) for t in spec.required_node_affinity]
                }
            }
        }
    return out


def from_json(cls: type[T], data: Any, path: str = "") -> T:
    """Model-only: build a model value of type ``cls`` from Kubernetes JSON; unknown fields are ignored."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ModelError("Invalid", f"{path or cls.__name__}: expected an object, got {type(data).__name__}",
                         field=path or None)
    if cls is PodSpec:
        data = _podspec_from_json(data)
    kwargs: dict[str, Any] = {}
    hints = _hints(cls)  # type: ignore[arg-type]
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        key = _camel(f.name)
        if key not in data:
            continue
        sub = f"{path}.{key}" if path else key
        kwargs[f.name] = _value_from_json(data[key], hints[f.name], sub)
    return cls(**kwargs)


def _value_from_json(value: Any, tp: Any, path: str) -> Any:
    base, optional = _strip_optional(tp)
    if value is None:
        if optional:
            return None
        if _is_map(base) or typing.get_origin(base) is tuple:
            return ()
        if dataclasses.is_dataclass(base):
            return base()  # type: ignore[operator]
        return _zero(base)
    if base is Time:
        if not isinstance(value, str):
            raise ModelError("Invalid", f"{path}: expected a time string", field=path)
        return parse_time(value)
    if _is_map(base):
        if not isinstance(value, dict):
            raise ModelError("Invalid", f"{path}: expected a map", field=path)
        return tuple(sorted((str(k), _scalar_str(v)) for k, v in value.items()))
    if typing.get_origin(base) is tuple:
        if not isinstance(value, list):
            raise ModelError("Invalid", f"{path}: expected a list", field=path)
        item_tp = typing.get_args(base)[0]
        return tuple(_value_from_json(v, item_tp, f"{path}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(base):
        return from_json(base, value, path)  # type: ignore[arg-type]
    if base is bool:
        if not isinstance(value, bool):
            raise ModelError("Invalid", f"{path}: expected a boolean", field=path)
        return value
    if base is int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise ModelError("Invalid", f"{path}: expected an integer", field=path)
        return value
    if base is str:
        if not isinstance(value, str):
            raise ModelError("Invalid", f"{path}: expected a string", field=path)
        return value
    if tp == IntOrString or base == IntOrString:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ModelError("Invalid", f"{path}: expected an integer or a string", field=path)
        return value
    return value


def _scalar_str(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _zero(tp: Any) -> Any:
    if tp is int:
        return 0
    if tp is str:
        return ""
    if tp is bool:
        return False
    return None


def _podspec_from_json(data: dict[str, Any]) -> dict[str, Any]:
    terms = (
        ((data.get("affinity") or {}).get("nodeAffinity") or {})
        .get("requiredDuringSchedulingIgnoredDuringExecution") or {}
    ).get("nodeSelectorTerms")
    if terms is None:
        return data
    out = dict(data)
    out["requiredNodeAffinity"] = terms
    return out


# Convenience so callers can write ``field`` without importing dataclasses.
_ = field
