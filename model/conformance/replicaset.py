"""Conformance operations of the ``replicaset`` group, with ``replication.rc_to_rs`` (see CONFORMANCE.md).

The ops translate JSON to model values and back; the decisions live in
``model.controllers.replicaset``, ``model.controllers.controller_utils`` and
``model.controllers.replication``. ``replicaset.sync`` runs one pass against a fake pod control
modelled on Kubernetes' ``FakePodControl`` (controller_utils.go): create call *k* is recorded
unless ``createLimit`` is set and exceeded, and fails when the limit is exceeded or ``fail`` is
set; deletes and patches are always recorded and fail iff ``fail``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from model.conformance.controller import names, read_gates, read_pods, read_replicaset
from model.conformance.jsonread import read_int, read_time
from model.controllers.controller_ref_manager import PodPatch
from model.controllers.controller_utils import (
    BURST_REPLICAS,
    CallError,
    ControlleeExpectations,
    active_pods_with_ranks_less,
    expectations_satisfied,
    rank_pods_for_deletion,
    slow_start_batch,
)
from model.controllers.replicaset import (
    calculate_status,
    colocation_ranks,
    get_pods_to_delete,
    indirectly_related_pods,
    replicasets_with_same_controller,
    sync_replicaset,
)
from model.controllers.replication import rc_to_rs
from model.errors import ModelError
from model.objects import Pod, ReplicationController, from_json, to_json

__all__ = ["OPS"]


def _ranked_pod(inp: Mapping[str, Any], key: str) -> tuple[Pod, int]:
    raw = inp.get(key)
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", f"{key}: expected {{pod, rank}}", field=key)
    pod = read_pods({"pod": [raw.get("pod")]}, "pod")[0]
    return pod, read_int(raw, "rank", 0)


def op_compare_pods_for_deletion(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/controller_utils.go: ActivePodsWithRanks.Less, both ways (op
    ``replicaset.compare_pods_for_deletion``)."""
    pod_a, rank_a = _ranked_pod(inp, "a")
    pod_b, rank_b = _ranked_pod(inp, "b")
    now = read_time(inp.get("now"), "now")
    gates = read_gates(inp)
    return {
        "aBeforeB": active_pods_with_ranks_less(pod_a, rank_a, pod_b, rank_b, now, gates),
        "bBeforeA": active_pods_with_ranks_less(pod_b, rank_b, pod_a, rank_a, now, gates),
    }


def op_rank_pods_for_deletion(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/controller_utils.go: ActivePodsWithRanks.Less under sort.Sort (op
    ``replicaset.rank_pods_for_deletion``)."""
    pods = read_pods(inp, "pods")
    ranks_raw = inp.get("ranks")
    if ranks_raw is None:
        ranks = [0] * len(pods)
    elif isinstance(ranks_raw, list):
        ranks = [read_int({"ranks": r}, "ranks") for r in ranks_raw]
    else:
        raise ModelError("Invalid", "ranks: expected a list of integers", field="ranks")
    if len(ranks) != len(pods):
        raise ModelError("Invalid", "ranks: must have one rank per pod", field="ranks")
    ordered = rank_pods_for_deletion(pods, ranks, read_time(inp.get("now"), "now"), read_gates(inp))
    return {"order": [p.metadata.name for p, _ in ordered]}


def op_colocation_ranks(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/replicaset/replica_set.go: getPodsRankedByRelatedPodsOnSameNode, its rank step
    (op ``replicaset.colocation_ranks``)."""
    to_rank = read_pods(inp, "podsToRank")
    # Kubernetes' related pods always include the RS's own pods: a missing list means those.
    related = to_rank if inp.get("relatedPods") is None else read_pods(inp, "relatedPods")
    return {"ranks": list(colocation_ranks(to_rank, related))}


def op_get_pods_to_delete(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/replicaset/replica_set.go: getPodsToDelete (op
    ``replicaset.get_pods_to_delete``)."""
    filtered = read_pods(inp, "filteredPods")
    # A missing related list is the pods themselves (Kubernetes' related set always holds them;
    # TestGetPodsToDelete defaults it the same way).
    related = filtered if inp.get("relatedPods") is None else read_pods(inp, "relatedPods")
    diff = read_int(inp, "diff")
    now = read_time(inp.get("now"), "now")
    return {"podsToDelete": names(list(get_pods_to_delete(filtered, related, diff, now, read_gates(inp))))}


def op_slow_start_batch(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/replicaset/replica_set.go: slowStartBatch (op ``replicaset.slow_start_batch``;
    calls numbered in issue order)."""
    count = read_int(inp, "count")
    initial = read_int(inp, "initialBatchSize", 1)
    limit = read_int(inp, "callLimit", 0)
    result = slow_start_batch(count, initial, lambda k: None if k <= limit else CallError("fake error"))
    return {"successes": result.successes, "error": result.error is not None, "callCount": result.call_count}


def _read_expectations(raw: Any, now: int) -> ControlleeExpectations | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", "expectations: expected {add, del} or null", field="expectations")
    return ControlleeExpectations(add=read_int(raw, "add", 0), dele=read_int(raw, "del", 0), timestamp=now)


def op_sync(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/replicaset/replica_set.go: syncReplicaSet (op ``replicaset.sync``, one pass
    against a FakePodControl)."""
    rs = read_replicaset(inp.get("replicaSet"), "replicaSet")
    live = None if inp.get("liveReplicaSet") is None else read_replicaset(inp["liveReplicaSet"], "liveReplicaSet")
    # The input is the RS namespace's pods: a pod that does not name a namespace is in it.
    pods = tuple(p if p.metadata.namespace else replace(p, metadata=replace(p.metadata, namespace=rs.metadata.namespace))
                 for p in read_pods(inp, "pods", False))
    # The controller lists pods of the RS's namespace only (namespace "" lists all of them).
    pods = tuple(p for p in pods if not rs.metadata.namespace or p.metadata.namespace == rs.metadata.namespace)
    burst = read_int(inp, "burstReplicas", BURST_REPLICAS)
    now_opt = read_time(inp.get("now"), "now")
    now = 0 if now_opt is None else now_opt
    expectations = _read_expectations(inp.get("expectations"), now)
    control = inp.get("podControl") or {}
    if not isinstance(control, Mapping):
        raise ModelError("Invalid", "podControl: expected {createLimit, fail}", field="podControl")
    create_limit = read_int(control, "createLimit", 0)
    fail = bool(control.get("fail", False))
    others = inp.get("replicaSets")
    replicasets = None if others is None else tuple(
        read_replicaset(r, f"replicaSets[{i}]") for i, r in enumerate(others))

    recorded = 0

    def create_outcome(k: int, _pod: Pod) -> CallError | None:
        nonlocal recorded
        if create_limit != 0 and k > create_limit:
            return CallError(f"not creating pod, limit {create_limit} already reached (create call {k})")
        recorded += 1
        return CallError("fake Error") if fail else None

    def delete_outcome(_ns: str, _name: str) -> CallError | None:
        return CallError("fake Error") if fail else None

    def patch_outcome(_patch: PodPatch) -> CallError | None:
        return CallError("fake Error") if fail else None

    result = sync_replicaset(rs, pods, replicasets, expectations, now, live_rs=live,
                             create_outcome=create_outcome, delete_outcome=delete_outcome,
                             patch_outcome=patch_outcome, burst_replicas=burst, gates=read_gates(inp),
                             rank_now=now_opt, refuse_unlabeled=False)
    exp = result.expectations
    return {
        "createCalls": len(result.creates),
        "recordedCreates": recorded,
        "deletes": len(result.deletes),
        "deletedPods": [d.pod_name for d in result.deletes],
        "patches": len(result.patches),
        "error": result.error is not None,
        "expectationsAfter": None if exp is None else {"add": exp.add, "del": exp.dele},
        "expectationsSatisfiedAfter": expectations_satisfied(exp, now),
    }


def op_calculate_status(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/replicaset/replica_set_utils.go: calculateStatus (op
    ``replicaset.calculate_status``)."""
    rs = read_replicaset(inp.get("replicaSet"), "replicaSet")
    pods = read_pods(inp, "filteredPods", False)
    err = inp.get("manageReplicasErr")
    if err is not None and not isinstance(err, str):
        raise ModelError("Invalid", "manageReplicasErr: expected a string or null", field="manageReplicasErr")
    now = read_time(inp.get("now"), "now")
    status = calculate_status(rs, pods, err, 0 if now is None else now)
    return {
        "replicas": status.replicas,
        "fullyLabeledReplicas": status.fully_labeled_replicas,
        "readyReplicas": status.ready_replicas,
        "availableReplicas": status.available_replicas,
        "conditions": [{"type": c.type, "status": c.status, "reason": c.reason, "message": c.message}
                       for c in status.conditions],
    }


def _read_rs_list(inp: Mapping[str, Any], key: str) -> tuple[Any, ...]:
    raw = inp.get(key) or []
    if not isinstance(raw, list):
        raise ModelError("Invalid", f"{key}: expected a list of ReplicaSets", field=key)
    return tuple(read_replicaset(r, f"{key}[{i}]") for i, r in enumerate(raw))


def op_replicasets_with_same_controller(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/replicaset/replica_set.go: getReplicaSetsWithSameController (op
    ``replicaset.replicasets_with_same_controller``)."""
    rs = read_replicaset(inp.get("replicaSet"), "replicaSet")
    found = replicasets_with_same_controller(rs, _read_rs_list(inp, "replicaSets"))
    return {"names": sorted(r.metadata.name for r in found)}


def op_indirectly_related_pods(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/replicaset/replica_set.go: getIndirectlyRelatedPods (op
    ``replicaset.indirectly_related_pods``)."""
    rs = read_replicaset(inp.get("replicaSet"), "replicaSet")
    pods = read_pods(inp, "pods", False)
    found = indirectly_related_pods(rs, _read_rs_list(inp, "replicaSets"), pods)
    return {"podNames": sorted(p.metadata.name for p in found)}


def op_rc_to_rs(inp: Mapping[str, Any]) -> dict[str, Any]:
    """replication.rc_to_rs — conversion.go convertRCtoRS."""
    raw = inp.get("replicationController")
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", "replicationController: expected an object", field="replicationController")
    rc = from_json(ReplicationController, dict(raw), "replicationController")
    rs = rc_to_rs(rc)
    out = to_json(rs)
    # The adapter's result carries no TypeMeta of its own.
    out.pop("kind", None)
    out.pop("apiVersion", None)
    spec = out.setdefault("spec", {})
    if rs.spec.selector is None:
        spec["selector"] = None
    elif rs.spec.selector.match_labels:
        spec["selector"] = {"matchLabels": dict(rs.spec.selector.match_labels)}
    else:
        # An empty RC selector map becomes a LabelSelector with nothing set (matchLabels stays nil).
        spec["selector"] = {}
    if rs.spec.replicas is not None:
        spec["replicas"] = rs.spec.replicas
    spec.setdefault("minReadySeconds", rs.spec.min_ready_seconds)
    # The conversion copies ObjectMeta, the pod template and the status field by field, so every
    # field the input carries (also those the model does not interpret, e.g. a container's
    # imagePullPolicy or the pod's dnsPolicy) comes out unchanged.
    spec_value = raw.get("spec")
    raw_spec: Mapping[str, Any] = spec_value if isinstance(spec_value, Mapping) else {}
    if isinstance(raw.get("metadata"), Mapping):
        out["metadata"] = {**out.get("metadata", {}), **copy.deepcopy(dict(raw["metadata"]))}
    if isinstance(raw_spec.get("template"), Mapping):
        spec["template"] = copy.deepcopy(dict(raw_spec["template"]))
    if isinstance(raw.get("status"), Mapping):
        out["status"] = {**out.get("status", {}), **copy.deepcopy(dict(raw["status"]))}
    return {"replicaSet": out}


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "replicaset.compare_pods_for_deletion": op_compare_pods_for_deletion,
    "replicaset.rank_pods_for_deletion": op_rank_pods_for_deletion,
    "replicaset.colocation_ranks": op_colocation_ranks,
    "replicaset.get_pods_to_delete": op_get_pods_to_delete,
    "replicaset.slow_start_batch": op_slow_start_batch,
    "replicaset.sync": op_sync,
    "replicaset.calculate_status": op_calculate_status,
    "replicaset.replicasets_with_same_controller": op_replicasets_with_same_controller,
    "replicaset.indirectly_related_pods": op_indirectly_related_pods,
    "replication.rc_to_rs": op_rc_to_rs,
}
