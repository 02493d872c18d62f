"""Conformance operations of the ``deployment`` group (see CONFORMANCE.md).

Every ``deployment.*`` op except the four validation ones (``validate``, ``validate_status``,
``validate_status_update``, ``set_defaults``, which live in the ``validation`` group). The functions
here only translate JSON to model values and back; the decisions live in
``model/controllers/deployment``.

Two ops compare pod templates as JSON rather than through the model's ``PodTemplateSpec``
(``equal_ignore_hash``, ``find_new_replica_set``/``find_old_replica_sets``): a case may put any
PodSpec field in a template, and the model's objects keep only the fields the model reads.

Mirrors, through ``model.controllers.deployment``,
pkg/controller/deployment/{sync,rolling,recreate,progress,rollback}.go and
pkg/controller/deployment/util/deployment_util.go.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from model.conformance.jsonread import read_time
from model.controllers.deployment import progress, recreate, rolling, sync, util
from model.controllers.deployment.context import FeatureGates, Pass
from model.errors import ModelError
from model.objects import (
    Deployment,
    DeploymentCondition,
    DeploymentStatus,
    Pod,
    PodStatus,
    ReplicaSet,
    from_json,
)
from model.quantity import parse_quantity
from model.timeutil import GO_ZERO_TIME, format_time, parse_time

# --- JSON <-> model -----------------------------------------------------------------------------


def _deployment(data: Any) -> Deployment:
    if data is None:
        raise ModelError("Invalid", "deployment is required", field="deployment")
    data = copy.deepcopy(data)
    spec = data.get("spec")
    if isinstance(spec, dict) and "rollbackTo" in spec:
        rb = spec.pop("rollbackTo")
        if isinstance(rb, dict):
            spec["rollbackTo"] = rb.get("revision", 0)
    return _decode(Deployment, data, "deployment")


def _rs(data: Any, path: str = "replicaSet") -> ReplicaSet:
    return _decode(ReplicaSet, data, path)


def _decode(cls: Any, data: Any, path: str) -> Any:
    """Decode an object; a pod template the model's PodSpec cannot hold is dropped rather than
    failing the op, since only template *equality* is ever read and the JSON-level ops compare those."""
    try:
        return from_json(cls, data, path)
    except ModelError as exc:
        if not isinstance(data, dict) or ".template" not in (exc.field or exc.message):
            raise
        spec = dict(data.get("spec") or {})
        spec.pop("template", None)
        return from_json(cls, {**data, "spec": spec}, path)


def _opt_rs(data: Any, path: str) -> ReplicaSet | None:
    return None if data is None else _rs(data, path)


def _rs_list(data: Any, path: str) -> list[ReplicaSet]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise ModelError("Invalid", f"{path}: expected a list", field=path)
    return [_rs(item, f"{path}[{i}]") for i, item in enumerate(data)]


def _gates(inp: Mapping[str, Any]) -> FeatureGates:
    return FeatureGates.from_mapping(inp.get("featureGates"))


def _name(rs: ReplicaSet) -> str:
    return rs.metadata.name


def _time_json(t: int | None) -> str:
    return format_time(GO_ZERO_TIME if t is None else t)


def _condition_json(c: DeploymentCondition) -> dict[str, Any]:
    return {"type": c.type, "status": c.status, "reason": c.reason, "message": c.message,
            "lastUpdateTime": _time_json(c.last_update_time),
            "lastTransitionTime": _time_json(c.last_transition_time)}


def _status_json(s: DeploymentStatus) -> dict[str, Any]:
    out: dict[str, Any] = {
        "observedGeneration": s.observed_generation,
        "replicas": s.replicas,
        "updatedReplicas": s.updated_replicas,
        "readyReplicas": s.ready_replicas,
        "availableReplicas": s.available_replicas,
        "unavailableReplicas": s.unavailable_replicas,
        "conditions": [_condition_json(c) for c in s.conditions],
    }
    if s.collision_count is not None:
        out["collisionCount"] = s.collision_count
    if s.terminating_replicas is not None:
        out["terminatingReplicas"] = s.terminating_replicas
    return out


def _status(data: Any) -> DeploymentStatus:
    return from_json(DeploymentStatus, data, "status")


def _replicas_after(p: Pass, rss: list[ReplicaSet]) -> dict[str, int]:
    return {_name(rs): util.spec_replicas(p.rs_view.get(_name(rs), rs)) for rs in rss}


# --- fenceposts and sizes -------------------------------------------------------------------------


def _resolve_fenceposts(inp: Mapping[str, Any]) -> dict[str, Any]:
    surge, unavailable = util.resolve_fenceposts(inp.get("maxSurge"), inp.get("maxUnavailable"), int(inp["desired"]))
    return {"surge": surge, "unavailable": unavailable}


def _max_unavailable(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"maxUnavailable": util.max_unavailable(_deployment(inp["deployment"]))}


def _min_available(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"minAvailable": util.min_available(_deployment(inp["deployment"]))}


def _max_surge(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"maxSurge": util.max_surge(_deployment(inp["deployment"]))}


def _new_rs_new_replicas(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    new_rs = _rs(inp["newRS"], "newRS")
    all_rss: list[ReplicaSet | None] = list(_rs_list(inp.get("allRSs"), "allRSs"))
    gates = _gates(inp)
    return {"replicas": util.new_rs_new_replicas(d, all_rss, new_rs, gates.deployment_pod_replacement_policy)}


# --- rolling ----------------------------------------------------------------------------------------


def _reconcile_new_replica_set(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    new_rs = _rs(inp["newRS"], "newRS")
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    p = Pass(d=d, gates=_gates(inp))
    scaled = rolling.reconcile_new_replica_set(p, [*old_rss, new_rs], new_rs)
    return {"scaled": scaled, "replicas": _replicas_after(p, [new_rs])}


def _reconcile_old_replica_sets(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    new_rs = _opt_rs(inp.get("newRS"), "newRS")
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    p = Pass(d=d, gates=_gates(inp))
    scaled = rolling.reconcile_old_replica_sets(p, [*old_rss, new_rs], util.filter_active_replica_sets(old_rss), new_rs)
    return {"scaled": scaled, "replicas": _replicas_after(p, old_rss)}


def _cleanup_unhealthy_replicas(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    p = Pass(d=d, gates=_gates(inp))
    try:
        _, count = rolling.cleanup_unhealthy_replicas(p, old_rss, int(inp["maxCleanupCount"]))
    except sync.SyncError as exc:
        return {"cleanupCount": 0, "replicas": _replicas_after(p, old_rss),
                "error": {"kind": "Invalid", "message": exc.message}}
    return {"cleanupCount": count, "replicas": _replicas_after(p, old_rss)}


def _scale_down_old_for_rolling_update(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    new_rs = _opt_rs(inp.get("newRS"), "newRS")
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    p = Pass(d=d, gates=_gates(inp))
    all_rss: list[ReplicaSet | None] = [*old_rss, new_rs] if new_rs is not None else list(old_rss)
    count = rolling.scale_down_old_replica_sets_for_rolling_update(p, all_rss, old_rss)
    names = [*old_rss, *([new_rs] if new_rs is not None else [])]
    return {"scaled": count > 0, "scaledDownCount": count, "replicas": _replicas_after(p, names)}


# --- recreate -----------------------------------------------------------------------------------------


def _old_pods_running(inp: Mapping[str, Any]) -> dict[str, Any]:
    new_rs = _opt_rs(inp.get("newRS"), "newRS")
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    # Only status.phase is read, so pods are not decoded further (any PodSpec shape is accepted).
    pod_map = {str(uid): [Pod(status=PodStatus(phase=str(((pod or {}).get("status") or {}).get("phase") or "")))
                          for pod in (pods or [])]
               for uid, pods in (inp.get("podMap") or {}).items()}
    return {"oldPodsRunning": recreate.old_pods_running(new_rs, old_rss, pod_map)}


def _scale_down_old_for_recreate(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    p = Pass(d=d, gates=_gates(inp))
    scaled = recreate.scale_down_old_replica_sets_for_recreate(p, old_rss)
    return {"scaled": scaled, "replicas": _replicas_after(p, old_rss)}


# --- proportional scaling --------------------------------------------------------------------------------


def _scale(inp: Mapping[str, Any]) -> dict[str, Any]:
    """The classic ``scale``; with the DeploymentPodReplacementPolicy gate and a TerminationComplete
    Deployment, ``scaleV2`` (partial scaling), as the controller's sync would run it."""
    d = _deployment(inp["deployment"])
    new_rs = _opt_rs(inp.get("newRS"), "newRS")
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    p = Pass(d=d, gates=_gates(inp))
    try:
        sync.scale_v2(p, new_rs, old_rss)
    except ModelError as exc:
        return {"error": {"kind": exc.kind, "message": exc.message}}
    every = [*old_rss, *([new_rs] if new_rs is not None else [])]
    annotations = {_name(rs): dict(p.rs_view.get(_name(rs), rs).metadata.annotations) for rs in every}
    return {"replicas": _replicas_after(p, every), "annotations": annotations}


def _get_replica_set_fraction(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"fraction": util.get_replica_set_fraction(_rs(inp["replicaSet"]), _deployment(inp["deployment"]))}


def _get_proportion(inp: Mapping[str, Any]) -> dict[str, Any]:
    rs = _opt_rs(inp.get("replicaSet"), "replicaSet")
    d = _deployment(inp["deployment"])
    return {"proportion": util.get_proportion(rs, d, int(inp["toAdd"]), int(inp["added"]))}


def _is_saturated(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"saturated": util.is_saturated(_deployment(inp["deployment"]), _opt_rs(inp.get("replicaSet"), "replicaSet"))}


def _set_replicas_annotations(inp: Mapping[str, Any]) -> dict[str, Any]:
    rs, updated = util.set_replicas_annotations(_rs(inp["replicaSet"]), int(inp["desiredReplicas"]), int(inp["maxReplicas"]))
    return {"updated": updated, "annotations": dict(rs.metadata.annotations)}


def _replicas_annotations_need_update(inp: Mapping[str, Any]) -> dict[str, Any]:
    rs = _rs(inp["replicaSet"])
    return {"needUpdate": util.replicas_annotations_need_update(rs, int(inp["desiredReplicas"]), int(inp["maxReplicas"]))}


def _parse_nonnegative_int32_annotation(inp: Mapping[str, Any]) -> dict[str, Any]:
    ann = inp.get("annotations")
    annotations = None if ann is None else {str(k): str(v) for k, v in ann.items()}
    value, ok, err = util.get_nonnegative_int32_from_annotation(annotations, str(inp["key"]))
    return {"value": value, "valid": ok,
            "error": None if err is None else {"kind": err.kind, "message": err.message}}


# --- revisions and cleanup ------------------------------------------------------------------------------


def _set_new_replica_set_annotations(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    rs = _rs(inp["replicaSet"])
    exists = bool(inp.get("exists", True))
    limit = int(inp.get("revHistoryLimitInChars", util.MAX_REV_HISTORY_LENGTH_IN_CHARS))
    steps: list[dict[str, Any]] = []
    for rev in inp.get("newRevisions") or []:
        rs, _ = util.set_new_replica_set_annotations(d, rs, str(rev), exists, limit,
                                                     _gates(inp).deployment_pod_replacement_policy)
        ann = dict(rs.metadata.annotations)
        step: dict[str, Any] = {"revision": ann.get(util.REVISION_ANNOTATION, "")}
        if util.REVISION_HISTORY_ANNOTATION in ann:
            step["revisionHistory"] = ann[util.REVISION_HISTORY_ANNOTATION]
        steps.append(step)
    return {"steps": steps}


def _cleanup_deployment(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    p = Pass(d=d, gates=_gates(inp))
    deleted = sync.cleanup_deployment(p, old_rss)
    return {"deleted": sorted(deleted), "deletedCount": len(deleted)}


def _generate_replica_set_name(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": util.generate_replica_set_name(str(inp["deploymentName"]), str(inp["hash"]))}


# --- templates as JSON ------------------------------------------------------------------------------------


# Fields that are Go pointers (or, in the security contexts, almost all of them): an explicit zero
# value ("0", false, {}) is a set pointer and differs from an absent field, while for plain fields
# and for slices and maps the zero value and absence are the same to apiequality.Semantic.DeepEqual.
_OBJECT_META_POINTERS = frozenset({"deletionTimestamp", "deletionGracePeriodSeconds"})
_POD_SPEC_POINTERS = frozenset({
    "terminationGracePeriodSeconds", "activeDeadlineSeconds", "securityContext", "automountServiceAccountToken",
    "shareProcessNamespace", "affinity", "priority", "dnsConfig", "runtimeClassName", "enableServiceLinks",
    "preemptionPolicy", "setHostnameAsFQDN", "os", "hostUsers", "resources", "hostnameOverride"})
_CONTAINER_POINTERS = frozenset({
    "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "securityContext", "restartPolicy"})
_CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


def _is_zero(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, int | float | str | dict | list) and not value)


def _normalize(value: Any, pointers: frozenset[str] = frozenset(), all_pointers: bool = False) -> Any:
    """Semantic equality as apiequality.Semantic.DeepEqual sees decoded JSON: nil and empty slices and
    maps are equal, absent plain fields are their zero values, pointer fields keep an explicit zero."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            nv = _normalize(v, all_pointers=all_pointers or k == "securityContext")
            is_pointer = all_pointers or k in pointers
            if v is None or (_is_zero(nv) and not (is_pointer and not isinstance(nv, list))):
                continue
            out[k] = nv
        return out
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value


# apiequality.Semantic compares resource.Quantity by value (Cmp) and metav1.Time by instant (UTC), so
# "1" and "1000m", or the same time written with two offsets, are equal. Quantity maps in a PodSpec
# are the ResourceRequirements "requests"/"limits" and the pod's "overhead"; an emptyDir has "sizeLimit".
_QUANTITY_MAPS = frozenset({"requests", "limits", "overhead"})
_TIME_FIELDS = frozenset({"creationTimestamp", "deletionTimestamp"})


def _canonical_quantity(value: Any) -> Any:
    try:
        amount = parse_quantity(value)
    except ModelError:
        return value  # not a quantity Go would have decoded; compared as written
    return f"quantity:{amount.numerator}/{amount.denominator}"


def _canonical_time(value: Any) -> Any:
    try:
        return f"time:{parse_time(value)}"
    except (ModelError, TypeError, ValueError):
        return value


def _canonical_values(value: Any) -> Any:
    """Rewrite quantities and times to one spelling per value, so plain ``==`` sees what
    apiequality.Semantic.DeepEqual sees (its Quantity and Time equalities)."""
    if isinstance(value, list):
        return [_canonical_values(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for k, v in value.items():
        if k in _QUANTITY_MAPS and isinstance(v, dict):
            out[k] = {rk: _canonical_quantity(rv) for rk, rv in v.items()}
        elif k == "sizeLimit" and v is not None:
            out[k] = _canonical_quantity(v)
        elif k in _TIME_FIELDS and isinstance(v, str):
            out[k] = _canonical_time(v)
        else:
            out[k] = _canonical_values(v)
    return out


def _normalize_template(template: Any) -> Any:
    t = _canonical_values(dict(template or {}))
    meta = _normalize(t.get("metadata") or {}, _OBJECT_META_POINTERS)
    spec = dict(t.get("spec") or {})
    for key in _CONTAINER_LISTS:
        if isinstance(spec.get(key), list):
            spec[key] = [_normalize(c, _CONTAINER_POINTERS) if isinstance(c, dict) else c for c in spec[key]]
    normalized_spec = _normalize({k: v for k, v in spec.items() if k not in _CONTAINER_LISTS}, _POD_SPEC_POINTERS)
    for key in _CONTAINER_LISTS:
        if spec.get(key):
            normalized_spec[key] = spec[key]
    out = {}
    if meta:
        out["metadata"] = meta
    if normalized_spec:
        out["spec"] = normalized_spec
    return out


def _template_sans_hash(template: Any) -> Any:
    t = copy.deepcopy(template or {})
    meta = t.get("metadata") or {}
    labels = dict(meta.get("labels") or {})
    labels.pop(util.DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY, None)
    meta["labels"] = labels
    t["metadata"] = meta
    return _normalize_template(t)


def _templates_equal(t1: Any, t2: Any) -> bool:
    return bool(_template_sans_hash(t1) == _template_sans_hash(t2))


def _equal_ignore_hash(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"equal": _templates_equal(inp.get("template1"), inp.get("template2"))}


def _sorted_rs_json(rs_list: list[Any]) -> list[Any]:
    def key(rs: Any) -> tuple[int, str]:
        meta = (rs or {}).get("metadata") or {}
        ts = meta.get("creationTimestamp")
        return (GO_ZERO_TIME if ts is None else parse_time(ts), str(meta.get("name", "")))

    return sorted(rs_list, key=key)


def _find_new_json(d: Any, rs_list: list[Any]) -> Any:
    template = ((d or {}).get("spec") or {}).get("template")
    for rs in _sorted_rs_json(rs_list):
        if _templates_equal(((rs or {}).get("spec") or {}).get("template"), template):
            return rs
    return None


def _find_new_replica_set(inp: Mapping[str, Any]) -> dict[str, Any]:
    new = _find_new_json(inp.get("deployment"), list(inp.get("rsList") or []))
    return {"newRS": None if new is None else new["metadata"]["name"]}


def _find_old_replica_sets(inp: Mapping[str, Any]) -> dict[str, Any]:
    rs_list = _sorted_rs_json(list(inp.get("rsList") or []))
    new = _find_new_json(inp.get("deployment"), rs_list)
    new_uid = None if new is None else (new.get("metadata") or {}).get("uid", "")
    all_old: list[str] = []
    required: list[str] = []
    for rs in rs_list:
        meta = rs.get("metadata") or {}
        if new is not None and meta.get("uid", "") == new_uid:
            continue
        all_old.append(meta.get("name", ""))
        if ((rs.get("spec") or {}).get("replicas") or 0) != 0:
            required.append(meta.get("name", ""))
    return {"allOldRSs": all_old, "requiredOldRSs": required}


# --- counts, conditions, progress --------------------------------------------------------------------------


def _replica_counts(inp: Mapping[str, Any]) -> dict[str, Any]:
    rss: list[ReplicaSet | None] = list(_rs_list(inp.get("replicaSets"), "replicaSets"))
    return {"specReplicas": util.get_replica_count(rss), "statusReplicas": util.get_actual_replica_count(rss),
            "terminatingReplicas": util.get_terminating_replica_count(rss)}


def _conditions(inp: Mapping[str, Any]) -> list[dict[str, Any]]:
    status = inp.get("status") or {}
    return [dict(c) for c in (status.get("conditions") or [])]


def _get_condition(inp: Mapping[str, Any]) -> dict[str, Any]:
    for c in _conditions(inp):
        if c.get("type") == inp.get("type"):
            return {"found": True, "condition": c}
    return {"found": False, "condition": None}


def _set_condition(inp: Mapping[str, Any]) -> dict[str, Any]:
    conditions = _conditions(inp)
    new = dict(inp["condition"])
    current = next((c for c in conditions if c.get("type") == new.get("type")), None)
    if current is not None and current.get("status") == new.get("status") and current.get("reason", "") == new.get("reason", ""):
        return {"status": {"conditions": conditions}}
    if current is not None and current.get("status") == new.get("status"):
        if "lastTransitionTime" in current:
            new["lastTransitionTime"] = current["lastTransitionTime"]
        else:
            new.pop("lastTransitionTime", None)
    kept = [c for c in conditions if c.get("type") != new.get("type")]
    return {"status": {"conditions": [*kept, new]}}


def _remove_condition(inp: Mapping[str, Any]) -> dict[str, Any]:
    return {"status": {"conditions": [c for c in _conditions(inp) if c.get("type") != inp.get("type")]}}


def _deployment_complete(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    return {"complete": util.deployment_complete(d, d.status)}


def _deployment_progressing(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    return {"progressing": util.deployment_progressing(d, _status(inp.get("newStatus")))}


def _deployment_timed_out(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    return {"timedOut": util.deployment_timed_out(d, d.status, read_time(inp.get("now"), "now"))}


def _sync_rollout_status(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    new_rs = _opt_rs(inp.get("newRS"), "newRS")
    old_rss = _rs_list(inp.get("oldRSs"), "oldRSs")
    now = read_time(inp.get("now"), "now")
    status = progress.rollout_status(d, [*old_rss, new_rs], new_rs, 0 if now is None else now, _gates(inp))
    cond = util.get_deployment_condition(status, util.DEPLOYMENT_PROGRESSING)
    return {"status": _status_json(status), "progressingCondition": None if cond is None else _condition_json(cond)}


def _requeue_stuck_deployment(inp: Mapping[str, Any]) -> dict[str, Any]:
    d = _deployment(inp["deployment"])
    after = progress.requeue_stuck_deployment(d, _status(inp.get("newStatus")), read_time(inp.get("now"), "now"))
    return {"requeueAfterNanos": after}


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "deployment.resolve_fenceposts": _resolve_fenceposts,
    "deployment.max_unavailable": _max_unavailable,
    "deployment.min_available": _min_available,
    "deployment.max_surge": _max_surge,
    "deployment.new_rs_new_replicas": _new_rs_new_replicas,
    "deployment.reconcile_new_replica_set": _reconcile_new_replica_set,
    "deployment.reconcile_old_replica_sets": _reconcile_old_replica_sets,
    "deployment.cleanup_unhealthy_replicas": _cleanup_unhealthy_replicas,
    "deployment.scale_down_old_replica_sets_for_rolling_update": _scale_down_old_for_rolling_update,
    "deployment.old_pods_running": _old_pods_running,
    "deployment.scale_down_old_replica_sets_for_recreate": _scale_down_old_for_recreate,
    "deployment.scale": _scale,
    "deployment.get_replica_set_fraction": _get_replica_set_fraction,
    "deployment.get_proportion": _get_proportion,
    "deployment.is_saturated": _is_saturated,
    "deployment.set_replicas_annotations": _set_replicas_annotations,
    "deployment.replicas_annotations_need_update": _replicas_annotations_need_update,
    "deployment.parse_nonnegative_int32_annotation": _parse_nonnegative_int32_annotation,
    "deployment.set_new_replica_set_annotations": _set_new_replica_set_annotations,
    "deployment.cleanup_deployment": _cleanup_deployment,
    "deployment.generate_replica_set_name": _generate_replica_set_name,
    "deployment.equal_ignore_hash": _equal_ignore_hash,
    "deployment.find_new_replica_set": _find_new_replica_set,
    "deployment.find_old_replica_sets": _find_old_replica_sets,
    "deployment.replica_counts": _replica_counts,
    "deployment.get_condition": _get_condition,
    "deployment.set_condition": _set_condition,
    "deployment.remove_condition": _remove_condition,
    "deployment.deployment_complete": _deployment_complete,
    "deployment.deployment_progressing": _deployment_progressing,
    "deployment.deployment_timed_out": _deployment_timed_out,
    "deployment.sync_rollout_status": _sync_rollout_status,
    "deployment.requeue_stuck_deployment": _requeue_stuck_deployment,
}
