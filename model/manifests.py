"""User manifests: multi-document YAML -> validated, defaulted model objects.

What ``kubectl apply --validate=strict`` and the API server do to a manifest before anything is
stored: the YAML is parsed (duplicate keys rejected), each document's ``apiVersion``/``kind`` must be a
known type, every field must exist in that type (``strict decoding error: unknown field "spec.foo"``,
as ``k8s.io/apimachinery/pkg/runtime/serializer/json`` reports it) and have the right JSON type, then
the object is defaulted (``model.validation``: ``SetDefaults_*``, plus the pod-template defaults the
model relies on) and validated (``ValidateDeployment`` ...). Any failure is a ``ModelError`` (or
``ValidationError``) naming the file, the document (1-based) and the field path; never a traceback.

Kinds: Deployment, ReplicaSet (apps/v1), ReplicationController, Pod, Node, Service (v1), ``List``
(its items), and HorizontalPodAutoscaler (autoscaling/v2, parsed by
``model.controllers.podautoscaler`` when that package is present).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from model.errors import FieldError, ModelError, ValidationError
from model.labels import freeze_map
from model.objects import (
    Container,
    Deployment,
    Node,
    ObjectMeta,
    Pod,
    PodSpec,
    PodTemplateSpec,
    ReplicaSet,
    ReplicationController,
    Service,
    from_json,
)
from model.quantity import parse_quantity
from model.validation import (
    PodChecks,
    default_deployment,
    default_replica_set,
    default_replication_controller,
    validate_containers,
    validate_deployment,
    validate_object_meta,
    validate_replica_set,
    validate_replication_controller,
)

# --- the schema: what fields each API type has ---------------------------------------------------
# A schema is a dict of field name -> schema, or a leaf: "str", "int", "bool", "num", "map" (string
# map), "strs" (list of strings), "intstr", "quantity", "qmap" (map of quantities), "time", "any"
# (not checked further), or ("list", schema). Fields the model never reads but Kubernetes accepts are
# listed too, so real manifests load; the deepest corners of the pod spec are "any".

ANY = "any"
_OWNER_REF = {"apiVersion": "str", "kind": "str", "name": "str", "uid": "str", "controller": "bool",
              "blockOwnerDeletion": "bool"}
OBJECT_META: dict[str, Any] = {
    "name": "str", "generateName": "str", "namespace": "str", "selfLink": "str", "uid": "str",
    "resourceVersion": "str", "generation": "int", "creationTimestamp": "time", "deletionTimestamp": "time",
    "deletionGracePeriodSeconds": "int", "labels": "map", "annotations": "map",
    "ownerReferences": ("list", _OWNER_REF), "finalizers": "strs", "managedFields": ANY,
}
LABEL_SELECTOR: dict[str, Any] = {
    "matchLabels": "map",
    "matchExpressions": ("list", {"key": "str", "operator": "str", "values": "strs"}),
}
_RESOURCES = {"limits": "qmap", "requests": "qmap", "claims": ANY}
CONTAINER: dict[str, Any] = {
    "name": "str", "image": "str", "command": "strs", "args": "strs", "workingDir": "str", "ports": ANY,
    "envFrom": ANY, "env": ANY, "resources": _RESOURCES, "resizePolicy": ANY, "restartPolicy": "str",
    "restartPolicyRules": ANY, "volumeMounts": ANY, "volumeDevices": ANY, "livenessProbe": ANY,
    "readinessProbe": ANY, "startupProbe": ANY, "lifecycle": ANY, "terminationMessagePath": "str",
    "terminationMessagePolicy": "str", "imagePullPolicy": "str", "securityContext": ANY, "stdin": "bool",
    "stdinOnce": "bool", "tty": "bool",
}
_NODE_SELECTOR_REQ = {"key": "str", "operator": "str", "values": "strs"}
_NODE_SELECTOR_TERM = {"matchExpressions": ("list", _NODE_SELECTOR_REQ), "matchFields": ("list", _NODE_SELECTOR_REQ)}
_AFFINITY = {
    "nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": ("list", _NODE_SELECTOR_TERM)},
        "preferredDuringSchedulingIgnoredDuringExecution": ANY,
    },
    "podAffinity": ANY, "podAntiAffinity": ANY,
}
TOLERATION = {"key": "str", "operator": "str", "value": "str", "effect": "str", "tolerationSeconds": "int"}
POD_SPEC: dict[str, Any] = {
    "volumes": ANY, "initContainers": ("list", CONTAINER), "containers": ("list", CONTAINER),
    "ephemeralContainers": ANY, "restartPolicy": "str", "terminationGracePeriodSeconds": "int",
    "activeDeadlineSeconds": "int", "dnsPolicy": "str", "nodeSelector": "map", "serviceAccountName": "str",
    "serviceAccount": "str", "automountServiceAccountToken": "bool", "nodeName": "str", "hostNetwork": "bool",
    "hostPID": "bool", "hostIPC": "bool", "shareProcessNamespace": "bool", "securityContext": ANY,
    "imagePullSecrets": ANY, "hostname": "str", "subdomain": "str", "affinity": _AFFINITY,
    "schedulerName": "str", "tolerations": ("list", TOLERATION), "hostAliases": ANY,
    "priorityClassName": "str", "priority": "int", "dnsConfig": ANY, "readinessGates": ANY,
    "runtimeClassName": "str", "enableServiceLinks": "bool", "preemptionPolicy": "str", "overhead": "qmap",
    "topologySpreadConstraints": ("list", {
        "maxSkew": "int", "topologyKey": "str", "whenUnsatisfiable": "str", "labelSelector": LABEL_SELECTOR,
        "minDomains": "int", "nodeAffinityPolicy": "str", "nodeTaintsPolicy": "str", "matchLabelKeys": "strs",
    }),
    "setHostnameAsFQDN": "bool", "os": ANY, "hostUsers": "bool", "schedulingGates": ANY,
    "resourceClaims": ANY, "resources": _RESOURCES, "hostnameOverride": "str",
}
POD_TEMPLATE = {"metadata": OBJECT_META, "spec": POD_SPEC}
_CONDITIONS = ("list", ANY)
_RS_STATUS = {"replicas": "int", "fullyLabeledReplicas": "int", "readyReplicas": "int",
              "availableReplicas": "int", "terminatingReplicas": "int", "observedGeneration": "int",
              "conditions": _CONDITIONS}


def _object(spec: Any, status: Any) -> dict[str, Any]:
    return {"apiVersion": "str", "kind": "str", "metadata": OBJECT_META, "spec": spec, "status": status}


SCHEMAS: dict[str, dict[str, Any]] = {
    "Deployment": _object({
        "replicas": "int32", "selector": LABEL_SELECTOR, "template": POD_TEMPLATE,
        "strategy": {"type": "str", "rollingUpdate": {"maxUnavailable": "intstr", "maxSurge": "intstr"}},
        "minReadySeconds": "int32", "revisionHistoryLimit": "int32", "paused": "bool",
        "progressDeadlineSeconds": "int32", "podReplacementPolicy": "str",
    }, {
        "observedGeneration": "int", "replicas": "int", "updatedReplicas": "int", "readyReplicas": "int",
        "availableReplicas": "int", "unavailableReplicas": "int", "terminatingReplicas": "int",
        "conditions": _CONDITIONS, "collisionCount": "int",
    }),
    "ReplicaSet": _object({"replicas": "int32", "minReadySeconds": "int32", "selector": LABEL_SELECTOR,
                           "template": POD_TEMPLATE}, _RS_STATUS),
    "ReplicationController": _object({"replicas": "int32", "minReadySeconds": "int32", "selector": "map",
                                      "template": POD_TEMPLATE}, _RS_STATUS),
    "Pod": _object(POD_SPEC, ANY),
    "Node": _object({
        "podCIDR": "str", "podCIDRs": "strs", "providerID": "str", "unschedulable": "bool",
        "taints": ("list", {"key": "str", "value": "str", "effect": "str", "timeAdded": "time"}),
        "configSource": ANY, "externalID": "str",
    }, {
        "capacity": "qmap", "allocatable": "qmap", "phase": "str", "conditions": _CONDITIONS, "addresses": ANY,
        "daemonEndpoints": ANY, "nodeInfo": ANY, "images": ANY, "volumesInUse": ANY, "volumesAttached": ANY,
        "config": ANY, "runtimeHandlers": ANY, "features": ANY, "declaredFeatures": ANY,
    }),
    "Service": _object({
        "selector": "map", "type": "str",
        "ports": ("list", {"name": "str", "protocol": "str", "appProtocol": "str", "port": "int32",
                           "targetPort": "intstr", "nodePort": "int32"}), "clusterIP": "str", "clusterIPs": "strs",
        "externalIPs": "strs", "sessionAffinity": "str", "loadBalancerIP": "str",
        "loadBalancerSourceRanges": "strs", "externalName": "str", "externalTrafficPolicy": "str",
        "healthCheckNodePort": "int", "publishNotReadyAddresses": "bool", "sessionAffinityConfig": ANY,
        "ipFamilies": "strs", "ipFamilyPolicy": "str", "allocateLoadBalancerNodePorts": "bool",
        "loadBalancerClass": "str", "internalTrafficPolicy": "str", "trafficDistribution": "str",
    }, ANY),
}
_METRIC_TARGET = {"type": "str", "value": "quantity", "averageValue": "quantity", "averageUtilization": "int"}
_METRIC_ID = {"name": "str", "selector": LABEL_SELECTOR}
_SCALING_RULES = {"stabilizationWindowSeconds": "int", "selectPolicy": "str", "tolerance": "quantity",
                  "policies": ("list", {"type": "str", "value": "int", "periodSeconds": "int"})}
_SCALE_TARGET = {"apiVersion": "str", "kind": "str", "name": "str"}
HPA_V2_SCHEMA = _object({
    "scaleTargetRef": _SCALE_TARGET, "minReplicas": "int32", "maxReplicas": "int32",
    "metrics": ("list", {
        "type": "str",
        "resource": {"name": "str", "target": _METRIC_TARGET},
        "containerResource": {"name": "str", "container": "str", "target": _METRIC_TARGET},
        "pods": {"metric": _METRIC_ID, "target": _METRIC_TARGET},
        "object": {"describedObject": _SCALE_TARGET, "metric": _METRIC_ID, "target": _METRIC_TARGET},
        "external": {"metric": _METRIC_ID, "target": _METRIC_TARGET},
    }),
    "behavior": {"scaleUp": _SCALING_RULES, "scaleDown": _SCALING_RULES},
}, ANY)
HPA_V1_SCHEMA = _object({"scaleTargetRef": _SCALE_TARGET, "minReplicas": "int32", "maxReplicas": "int32",
                         "targetCPUUtilizationPercentage": "int"}, ANY)

API_VERSIONS: dict[str, tuple[str, ...]] = {
    "Deployment": ("apps/v1",), "ReplicaSet": ("apps/v1",), "ReplicationController": ("v1",),
    "Pod": ("v1",), "Node": ("v1",), "Service": ("v1",),
    "HorizontalPodAutoscaler": ("autoscaling/v2", "autoscaling/v1"),
    "VerticalPodAutoscaler": ("autoscaling.k8s.io/v1",),
}
_MODEL_TYPES: dict[str, type] = {
    "Deployment": Deployment, "ReplicaSet": ReplicaSet, "ReplicationController": ReplicationController,
    "Pod": Pod, "Node": Node, "Service": Service,
}
CLUSTER_SCOPED = frozenset({"Node"})

MODEL_MAX_REPLICAS = 500
"""Model-only: the most replicas the workloads of one run may ask for, together. Kubernetes accepts any
int32; the model creates and schedules every pod as a value, and far beyond this a run does not end in
reasonable time, so a larger count is refused up front (``Invalid``, naming the limit) rather than left to hang."""
# the kinds with spec.replicas and a pod template: the workload controllers kubeproof models
REPLICATED_KINDS = ("Deployment", "ReplicaSet", "ReplicationController")


# --- strict structural check ----------------------------------------------------------------------

_JSON_TYPE = {str: "string", bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPE.get(type(value), type(value).__name__)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def strict_check(value: Any, schema: Any, path: str = "") -> list[str]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/json.go: strict decoding
    (``UnmarshalStrict``), as field-level problems. Problems of ``value`` against ``schema`` as strict
    decoding reports them: unknown fields first (``unknown field "spec.foo"``), then wrong JSON types.
    ``null`` is always accepted (Go's zero)."""
    unknown: list[str] = []
    wrong: list[str] = []
    _walk(value, schema, path, unknown, wrong)
    return [f'unknown field "{p}"' for p in unknown] + wrong


def _walk(value: Any, schema: Any, path: str, unknown: list[str], wrong: list[str]) -> None:
    if value is None or schema == ANY:
        return
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            wrong.append(f"{path or '.'}: expected an object, got {_type_name(value)}")
            return
        for key, sub in value.items():
            key_s = str(key)
            if key_s not in schema:
                unknown.append(_join(path, key_s))
            else:
                _walk(sub, schema[key_s], _join(path, key_s), unknown, wrong)
        return
    if isinstance(schema, tuple):  # ("list", item)
        if not isinstance(value, list):
            wrong.append(f"{path}: expected an array, got {_type_name(value)}")
            return
        for i, item in enumerate(value):
            _walk(item, schema[1], f"{path}[{i}]", unknown, wrong)
        return
    problem = _leaf_problem(value, schema, path)
    if problem:
        wrong.append(problem)


def _leaf_problem(value: Any, kind: str, path: str) -> str | None:
    got = _type_name(value)
    if kind in ("str", "time"):
        return None if isinstance(value, str) else f"{path}: expected a string, got {got} {_short(value)}"
    if kind == "bool":
        return None if isinstance(value, bool) else f"{path}: expected a boolean, got {got} {_short(value)}"
    if kind in ("int", "int32"):
        ok = not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))
        if not ok:
            return f"{path}: expected an integer, got {got} {_short(value)}"
        # Go decodes into int32 / int64 fields: a number that does not fit is a decoding error.
        bits = 32 if kind == "int32" else 64
        if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
            return f"{path}: cannot unmarshal number {_short(value)} into an int{bits} field"
        return None
    if kind == "intstr":
        ok = isinstance(value, str) or (not isinstance(value, bool) and isinstance(value, int))
        return None if ok else f"{path}: expected an integer or a string, got {got} {_short(value)}"
    if kind == "strs":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{path}: expected an array of strings, got {_short(value)}"
        return None
    if kind == "map":
        if not isinstance(value, dict):
            return f"{path}: expected a map of strings, got {got}"
        for k, v in value.items():
            if not isinstance(v, str):
                return f"{path}.{k}: expected a string, got {_type_name(v)} {_short(v)}"
        return None
    if kind in ("quantity", "qmap"):
        items = value.items() if kind == "qmap" and isinstance(value, dict) else None
        if kind == "qmap" and items is None:
            return f"{path}: expected a map of quantities, got {got}"
        for k, v in (items if items is not None else [("", value)]):
            where = f"{path}.{k}" if k else path
            try:
                parse_quantity(v)
            except ModelError as exc:
                return f"{where}: {exc.message}"
        return None
    return None


def _short(value: Any) -> str:
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- YAML ---------------------------------------------------------------------------------------

class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that rejects duplicate keys, as Kubernetes' strict YAML decoding does."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in out:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f'duplicate field "{key}" (line {mark.line + 1}, column {mark.column + 1})', mark)
        out[key] = loader.construct_object(value_node, deep=deep)  # type: ignore[no-untyped-call]
    return out


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]


def _yaml_error(exc: yaml.YAMLError, source: str) -> ModelError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"{source}: line {mark.line + 1}, column {mark.column + 1}" if mark is not None else source
    return ModelError("Invalid", f"{where}: invalid YAML: {problem}")


def parse_documents(text: str, source: str = "<manifest>") -> list[tuple[int, Any]]:
    """Model-only: the non-empty YAML documents of ``text`` with their 1-based index."""
    try:
        docs = list(yaml.load_all(text, Loader=_StrictLoader))  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None
    except RecursionError:
        raise ModelError("Invalid", f"{source}: invalid YAML: nested too deeply") from None
    return [(i, d) for i, d in enumerate(docs, 1) if d is not None]


# --- one object ---------------------------------------------------------------------------------

def _where(source: str | None, index: int | None, kind: str = "", name: str = "") -> str:
    """Where a document is, for messages: ``<source>, document <n> (<Kind> '<name>')``; "" when the
    caller gave no source (it reports the location itself)."""
    if source is None:
        return ""
    text = source
    if index is not None:
        text += f", document {index}"
    if kind:
        text += f" ({kind}{' ' + repr(name) if name else ''})"
    return text


def _error(kind: str, where: str, message: str, field: str | None = None) -> ModelError:
    """A located error. With a location the message leads with it and ``field`` is left unset (the
    path is in the message, after the location); without one the message is the bare finding."""
    if not where:
        return ModelError(kind, message, field=field)
    return ModelError(kind, f"{where}: {message}")


def _invalid(where: str, errors: list[FieldError]) -> ValidationError:
    exc = ValidationError(errors)
    if where:
        exc.message = f"{where}: " + "; ".join(str(e) for e in errors)
        exc.args = (exc.message,)
        exc.field = None  # the message names the location first; ``errors`` keep every path
    return exc


def _default_container(ctr: Container) -> Container:
    # core/v1 defaults (SetDefaults_Container's resources): a limit without a request sets the request.
    requests = dict(ctr.resources.requests)
    missing = {k: v for k, v in ctr.resources.limits if k not in requests}
    if not missing:
        return ctr
    requests.update(missing)
    return dataclasses.replace(ctr, resources=dataclasses.replace(ctr.resources, requests=freeze_map(requests)))


def _default_pod_spec(spec: PodSpec) -> PodSpec:
    """core/v1 SetDefaults_PodSpec and the container defaults, for the fields the model reads:
    restartPolicy Always, requests defaulted from limits."""
    return dataclasses.replace(
        spec,
        restart_policy=spec.restart_policy or "Always",
        containers=tuple(_default_container(c) for c in spec.containers),
        init_containers=tuple(_default_container(c) for c in spec.init_containers),
    )


def _default_template(template: PodTemplateSpec | None) -> PodTemplateSpec | None:
    if template is None:
        return None
    return dataclasses.replace(template, spec=_default_pod_spec(template.spec))


def _with_namespace(meta: ObjectMeta, namespace: str) -> ObjectMeta:
    return meta if meta.namespace else dataclasses.replace(meta, namespace=namespace)


def apply_defaults(obj: Any, namespace: str = "default") -> Any:
    """Model-only (the SetDefaults_* functions and kubectl's namespace): Every default the model applies to a
    user's object, in one place: the namespace kubectl fills in, core/v1 pod(-template) defaults, then the
    apps/v1 and core/v1 workload defaults."""
    if isinstance(obj, Deployment):
        template = _default_template(obj.spec.template) or obj.spec.template
        obj = dataclasses.replace(obj, metadata=_with_namespace(obj.metadata, namespace),
                                  spec=dataclasses.replace(obj.spec, template=template))
        return default_deployment(obj)
    if isinstance(obj, ReplicaSet):
        obj = dataclasses.replace(obj, metadata=_with_namespace(obj.metadata, namespace),
                                  spec=dataclasses.replace(obj.spec, template=_default_template(obj.spec.template)))
        return default_replica_set(obj)
    if isinstance(obj, ReplicationController):
        obj = dataclasses.replace(obj, metadata=_with_namespace(obj.metadata, namespace),
                                  spec=dataclasses.replace(obj.spec, template=_default_template(obj.spec.template)))
        return default_replication_controller(obj)
    if isinstance(obj, Pod):
        return dataclasses.replace(obj, metadata=_with_namespace(obj.metadata, namespace),
                                   spec=_default_pod_spec(obj.spec))
    if isinstance(obj, Service):
        return dataclasses.replace(obj, metadata=_with_namespace(obj.metadata, namespace))
    if isinstance(obj, Node) and obj.metadata.namespace:
        # the API server clears the namespace of a cluster-scoped object (rest.BeforeCreate)
        return dataclasses.replace(obj, metadata=dataclasses.replace(obj.metadata, namespace=""))
    return obj


def validate_object(obj: Any, ephemeral_containers: int = 0, containers: bool = True) -> list[FieldError]:
    """Model-only (the registry strategies' Validate): The API server's validation of a defaulted object, pod
    containers included unless ``containers`` is False (the kinds the model validates fully; Nodes and
    Services get their metadata checked)."""
    pod = PodChecks(ephemeral_containers=ephemeral_containers, containers=containers)
    if isinstance(obj, Deployment):
        return validate_deployment(obj, pod)
    if isinstance(obj, ReplicaSet):
        return validate_replica_set(obj, pod)
    if isinstance(obj, ReplicationController):
        return validate_replication_controller(obj, pod)
    if isinstance(obj, Node):
        return validate_object_meta(obj.metadata, namespaced=False)
    if isinstance(obj, Pod):
        errs = validate_object_meta(obj.metadata)
        if containers:
            errs.extend(validate_containers(obj.spec, "spec"))
        if obj.spec.restart_policy not in ("Always", "OnFailure", "Never"):
            errs.append(FieldError.not_supported("spec.restartPolicy", obj.spec.restart_policy,
                                                 ("Always", "OnFailure", "Never")))
        return errs
    if isinstance(obj, Service):
        return validate_object_meta(obj.metadata)
    return []


def _hpa_v1_to_v2(doc: Mapping[str, Any]) -> dict[str, Any]:
    """autoscaling/v1 -> v2 (pkg/apis/autoscaling/v1 conversion): the CPU target becomes a Resource
    metric; without one the v2 default (80% CPU) applies later."""
    data = dict(doc)
    spec = dict(data.get("spec") or {})
    target = spec.pop("targetCPUUtilizationPercentage", None)
    if target is not None:
        spec["metrics"] = [{"type": "Resource", "resource": {
            "name": "cpu", "target": {"type": "Utilization", "averageUtilization": target}}}]
    data["spec"] = spec
    data["apiVersion"] = "autoscaling/v2"
    data.pop("status", None)
    return data


def _load_hpa(doc: Mapping[str, Any], namespace: str, where: str) -> Any:
    v1 = doc.get("apiVersion") == "autoscaling/v1"
    problems = strict_check(doc, HPA_V1_SCHEMA if v1 else HPA_V2_SCHEMA)
    if problems:
        raise _strict_error(where, problems)
    if v1:
        doc = _hpa_v1_to_v2(doc)
    try:
        from model.controllers.podautoscaler import types as hpa_types  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise _error("Unsupported", where, "kind HorizontalPodAutoscaler is not supported in this build",
                     "kind") from None
    data = dict(doc)
    meta = dict(data.get("metadata") or {})
    meta.setdefault("namespace", namespace)
    data["metadata"] = meta
    try:
        return hpa_types.load_hpa(data)
    except ValidationError as exc:
        raise _invalid(where, list(exc.errors)) from None
    except ModelError as exc:
        raise _error(exc.kind, where, exc.message, exc.field) from None


def _load_vpa(doc: Mapping[str, Any], namespace: str, where: str) -> Any:
    # The VPA is a CRD (kubernetes/autoscaler); its type and checks live with its wiring.
    from model.wiring import vpa as vpa_wiring

    try:
        return vpa_wiring.vpa_from_json(dict(doc), namespace)
    except ValidationError as exc:
        raise _invalid(where, list(exc.errors)) from None
    except ModelError as exc:
        raise _error(exc.kind, where, exc.message, exc.field) from None


def _strict_error(where: str, problems: list[str]) -> ModelError:
    unknown = problems[0].startswith("unknown field")
    field = problems[0].split('"')[1] if unknown else problems[0].split(":")[0]
    prefix = "strict decoding error: " if unknown else ""
    return _error("Invalid", where, f"{prefix}{', '.join(problems)}", field)


def _ephemeral_count(doc: Mapping[str, Any]) -> int:
    spec = doc.get("spec")
    template = spec.get("template") if isinstance(spec, dict) else None
    pod_spec = template.get("spec") if isinstance(template, dict) else None
    ephemeral = pod_spec.get("ephemeralContainers") if isinstance(pod_spec, dict) else None
    return len(ephemeral) if isinstance(ephemeral, list) else 0


def load_object(doc: Any, namespace: str = "default", source: str | None = None, index: int | None = None,
                strict: bool = False) -> Any:
    """Model-only: one manifest document (parsed YAML/JSON) as a checked, defaulted, validated model object.

    Raises ``ModelError`` (``Invalid``, or ``Unsupported`` for a kind the model lacks) or
    ``ValidationError``. Given a ``source``, messages start with ``<source>, document <n> (<Kind>
    '<name>')`` and ``field`` is left unset (the path follows in the message; a ``ValidationError``
    keeps every path in ``errors``); without one the message is the bare finding and ``field`` its path.
    ``strict`` (what ``load_manifests`` uses for files) is what kubectl and the API server demand:
    ``apiVersion`` present and pods with valid containers. Without it (scenario steps, which may
    abbreviate manifests) a missing ``apiVersion`` takes the kind's version and containers are not
    checked; everything else, a wrong ``apiVersion`` included, is checked the same.
    """
    where = _where(source, index)
    if not isinstance(doc, dict):
        raise _error("Invalid", where, f"a manifest must be a mapping (an object), got {_type_name(doc)}")
    kind = doc.get("kind")
    api_version = doc.get("apiVersion")
    if not isinstance(kind, str) or not kind:
        raise _error("Invalid", where, "Object 'Kind' is missing", "kind")
    if api_version is None and not strict and kind in API_VERSIONS:
        api_version = API_VERSIONS[kind][0]
        doc = {**doc, "apiVersion": api_version}
    if not isinstance(api_version, str) or not api_version:
        raise _error("Invalid", where, f"Object 'apiVersion' is missing ({kind})", "apiVersion")
    meta = doc.get("metadata")
    name = meta.get("name", "") if isinstance(meta, dict) else ""
    where = _where(source, index, kind, str(name or ""))
    if kind not in API_VERSIONS:
        raise _error("Invalid", where, f'no matches for kind "{kind}" in version "{api_version}"', "kind")
    if api_version not in API_VERSIONS[kind]:
        raise _error("Invalid", where, f'no matches for kind "{kind}" in version "{api_version}" '
                                       f"(use {' or '.join(API_VERSIONS[kind])})", "apiVersion")
    if kind == "HorizontalPodAutoscaler":
        hpa = _load_hpa(doc, namespace, where)
        ceiling = getattr(getattr(hpa, "spec", None), "max_replicas", None)
        if isinstance(ceiling, int) and ceiling > MODEL_MAX_REPLICAS:
            # under load the HPA would take the workload there: the same bound as spec.replicas
            raise _error("Invalid", where, f"spec.maxReplicas: {ceiling}: more replicas than kubeproof models "
                         f"(at most {MODEL_MAX_REPLICAS}; Kubernetes itself accepts up to 2147483647)",
                         "spec.maxReplicas")
        return hpa
    if kind == "VerticalPodAutoscaler":
        return _load_vpa(doc, namespace, where)
    problems = strict_check(doc, SCHEMAS[kind])
    if problems:
        raise _strict_error(where, problems)
    try:
        obj: Any = from_json(_MODEL_TYPES[kind], doc)
    except ModelError as exc:
        raise _error(exc.kind, where, exc.message, exc.field) from None
    obj = apply_defaults(obj, namespace)
    errors = validate_object(obj, _ephemeral_count(doc), containers=strict)
    if kind == "Service":
        errors = [*errors, *_service_port_errors(doc)]
    if errors:
        raise _invalid(where, errors)
    replicas = obj.spec.replicas if kind in REPLICATED_KINDS else None
    if replicas is not None and replicas > MODEL_MAX_REPLICAS:
        raise _error("Invalid", where, f"spec.replicas: {replicas}: more replicas than kubeproof models (at "
                     f"most {MODEL_MAX_REPLICAS} in all; Kubernetes itself accepts up to 2147483647)",
                     "spec.replicas")
    return obj


def _service_port_errors(doc: Mapping[str, Any]) -> list[FieldError]:
    """Mirrors pkg/apis/core/validation/validation.go: validateServicePort (the port numbers; the model
    keeps no ports, so only what a user can get wrong in a manifest is checked)."""
    errors: list[FieldError] = []
    ports = (doc.get("spec") or {}).get("ports") or []
    for i, port in enumerate(ports):
        if not isinstance(port, dict):
            continue
        path = f"spec.ports[{i}]"
        number = port.get("port") or 0  # absent decodes as Go's zero
        if not 1 <= number <= 65535:
            errors.append(FieldError.invalid(f"{path}.port", number, "must be between 1 and 65535, inclusive"))
        target = port.get("targetPort")
        if isinstance(target, int) and not 1 <= target <= 65535:
            errors.append(FieldError.invalid(f"{path}.targetPort", target, "must be between 1 and 65535, inclusive"))
    return errors


def _expand_lists(docs: Iterable[tuple[int, Any]], source: str) -> list[tuple[int, Any]]:
    out: list[tuple[int, Any]] = []
    for index, doc in docs:
        if isinstance(doc, dict) and doc.get("kind") == "List" and str(doc.get("apiVersion", "v1")) == "v1":
            items = doc.get("items") or []
            if not isinstance(items, list):
                raise ModelError("Invalid", f"{_where(source, index, 'List')}: items must be a list", field="items")
            out.extend((index, item) for item in items)
        else:
            out.append((index, doc))
    return out


def load_manifests(text: str, source: str = "<manifest>", namespace: str = "default") -> tuple[Any, ...]:
    """Model-only: every object of a multi-document YAML text, checked, defaulted and validated, in order.

    Empty documents are skipped; ``kind: List`` contributes its items. The first bad document raises.
    """
    return tuple(load_object(doc, namespace, source, index, strict=True)
                 for index, doc in _expand_lists(parse_documents(text, source), source))


def load_manifest_files(paths: Sequence[str | Path], namespace: str = "default") -> tuple[Any, ...]:
    """Model-only: ``load_manifests`` over files (a directory contributes its ``*.yaml``/``*.yml``/``*.json``,
    sorted)."""
    objects: list[Any] = []
    for path in paths:
        p = Path(path)
        files = sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml", ".json")) if p.is_dir() else [p]
        if p.is_dir() and not files:
            raise ModelError("Invalid", f"{p}: a directory with no manifest files (*.yaml, *.yml or *.json)")
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except OSError as exc:
                raise ModelError("Invalid", f"{f}: cannot read: {exc.strerror or exc}") from None
            except UnicodeDecodeError:
                raise ModelError("Invalid", f"{f}: not a UTF-8 text file") from None
            objects.extend(load_manifests(text, str(f), namespace))
    return tuple(objects)
