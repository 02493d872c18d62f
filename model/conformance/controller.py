"""Conformance operations of the ``controller`` group (see CONFORMANCE.md).

Shared pod helpers of ``pkg/controller``: ``controller.filter_active_pods``,
``controller.sort_active_pods`` (controller_utils.go) and ``controller.claim_pods``
(controller_ref_manager.go). These functions only translate JSON to model values and back; the
decisions live in ``model.controllers.controller_utils`` and ``model.controllers.controller_ref_manager``.
The JSON readers here are shared with the ``replicaset`` group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.conformance.jsonread import require
from model.controllers.controller_ref_manager import PodPatch, claim_pods, recheck_deletion_timestamp
from model.controllers.controller_utils import (
    CallError,
    RankGates,
    filter_active_pods,
    sort_active_pods,
)
from model.controllers.replication import rc_to_rs
from model.controllers.selector_match import label_selector_as_selector
from model.errors import ModelError
from model.labels import LabelSelector
from model.objects import ObjectMeta, Pod, ReplicaSet, ReplicationController, from_json

__all__ = ["OPS", "read_pods", "read_pod", "read_gates", "read_replicaset", "read_selector"]


def _container_state_name(state: Any) -> Any:
    """A ``v1.ContainerState`` object (``{"running": {...}}``) as the model's one-word state."""
    if isinstance(state, Mapping):
        for name in ("terminated", "running", "waiting"):
            if state.get(name) is not None:
                return name
        return "waiting"
    return state


def _v1_pod_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """The pod JSON with the v1 shapes the model stores differently made to fit (container states)."""
    status = data.get("status")
    if not isinstance(status, Mapping):
        return dict(data)
    fixed = dict(status)
    for key in ("containerStatuses", "initContainerStatuses"):
        items = fixed.get(key)
        if isinstance(items, list):
            fixed[key] = [{**item, "state": _container_state_name(item["state"])}
                          if isinstance(item, Mapping) and "state" in item else item for item in items]
    return {**data, "status": fixed}


def read_pod(data: Any, path: str) -> Pod:
    """Model-only: a ``v1.Pod`` from its JSON (only the fields the model knows are read)."""
    if not isinstance(data, Mapping):
        raise ModelError("Invalid", f"{path}: expected a Pod object", field=path)
    return from_json(Pod, _v1_pod_json(data), path)


def read_pods(inp: Mapping[str, Any], key: str, required: bool = True) -> tuple[Pod, ...]:
    """Model-only: a list of pods under ``key`` (missing: an empty list unless required)."""
    raw = require(inp, key) if required else inp.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ModelError("Invalid", f"{key}: expected a list of pods", field=key)
    return tuple(read_pod(p, f"{key}[{i}]") for i, p in enumerate(raw))


def read_gates(inp: Mapping[str, Any]) -> RankGates:
    """Model-only: ``featureGates``: PodDeletionCost and LogarithmicScaleDown, both on when absent."""
    raw = inp.get("featureGates") or {}
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", "featureGates: expected a map of gate names to booleans", field="featureGates")
    for name in ("PodDeletionCost", "LogarithmicScaleDown"):
        if name in raw and not isinstance(raw[name], bool):
            raise ModelError("Invalid", f"featureGates.{name}: expected a boolean", field=f"featureGates.{name}")
    return RankGates(pod_deletion_cost=raw.get("PodDeletionCost", True),
                     logarithmic_scale_down=raw.get("LogarithmicScaleDown", True))


def _rc_shaped(data: Mapping[str, Any]) -> bool:
    """Whether an object's selector is an RC's plain label map (not a LabelSelector)."""
    spec = data.get("spec")
    selector = spec.get("selector") if isinstance(spec, Mapping) else None
    return isinstance(selector, Mapping) and all(isinstance(v, str) for v in selector.values())


def read_replicaset(data: Any, path: str) -> ReplicaSet:
    """Model-only: a ReplicaSet from its JSON; a missing ``kind`` is a ReplicaSet. A ReplicationController
    (``kind: ReplicationController``, its selector a plain label map) is read through the RC→RS
    adapter, as the RC controller sees it."""
    if not isinstance(data, Mapping):
        raise ModelError("Invalid", f"{path}: expected a ReplicaSet object", field=path)
    if data.get("kind") == "ReplicationController" and _rc_shaped(data):
        return rc_to_rs(from_json(ReplicationController, dict(data), path))
    spec = data.get("spec")
    if isinstance(spec, Mapping) and _plain_label_map(spec.get("selector")):
        # A selector written as a plain label map means its matchLabels.
        data = {**data, "spec": {**spec, "selector": {"matchLabels": dict(spec["selector"])}}}
    return from_json(ReplicaSet, dict(data), path)


def _plain_label_map(value: Any) -> bool:
    """A non-empty ``{key: value}`` map of strings that is not a LabelSelector (a ``labels.Set``)."""
    return (isinstance(value, Mapping) and bool(value) and not {"matchLabels", "matchExpressions"} & set(value)
            and all(isinstance(v, str) for v in value.values()))


def read_selector(value: Any, path: str) -> LabelSelector | None:
    """Model-only: a metav1.LabelSelector or null (nil). A plain label map (``labels.Set(...).AsSelector()``,
    as Kubernetes' tests build selectors) is the selector requiring each of its pairs."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ModelError("Invalid", f"{path}: expected a LabelSelector or null", field=path)
    if _plain_label_map(value):
        value = {"matchLabels": dict(value)}
    return from_json(LabelSelector, dict(value), path)


def names(pods: tuple[Pod, ...] | list[Pod]) -> list[str]:
    """Model-only: the names of the given objects, in order."""
    return [p.metadata.name for p in pods]


# ---------------------------------------------------------------------------------------------


def op_filter_active_pods(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/controller_utils.go: FilterActivePods (op ``controller.filter_active_pods``)."""
    return {"activePodNames": names(filter_active_pods(read_pods(inp, "pods")))}


def op_sort_active_pods(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/controller_utils.go: ActivePods.Less under sort.Sort (op
    ``controller.sort_active_pods``)."""
    return {"order": names(list(sort_active_pods(read_pods(inp, "pods"))))}


def op_claim_pods(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/controller_ref_manager.go: PodControllerRefManager.ClaimPods (op
    ``controller.claim_pods``, with a FakePodControl)."""
    ctrl = require(inp, "controller")
    if not isinstance(ctrl, Mapping):
        raise ModelError("Invalid", "controller: expected an object", field="controller")
    meta = from_json(ObjectMeta, ctrl.get("metadata") or {}, "controller.metadata")
    api_version = str(ctrl.get("apiVersion") or "")
    kind = str(ctrl.get("kind") or "")
    selector = label_selector_as_selector(read_selector(inp.get("selector"), "selector"), "selector")
    pods = read_pods(inp, "pods")
    finalizers = inp.get("finalizers") or []
    if not isinstance(finalizers, list) or not all(isinstance(f, str) for f in finalizers):
        raise ModelError("Invalid", "finalizers: expected a list of strings", field="finalizers")
    live_raw = inp.get("liveController")
    live_meta = meta if live_raw is None else from_json(ObjectMeta, (live_raw or {}).get("metadata") or {},
                                                         "liveController.metadata")
    control = inp.get("podControl") or {}
    fail = bool(control.get("fail", False))

    def can_adopt() -> CallError | None:
        return recheck_deletion_timestamp(live_meta, meta.uid)

    def patch_outcome(_patch: PodPatch) -> CallError | None:
        return CallError("fake Error") if fail else None

    result = claim_pods(meta, api_version, kind, selector.matches, pods, can_adopt, patch_outcome,
                        tuple(finalizers))
    return {
        "claimedPodNames": names(list(result.claimed)),
        "patches": len(result.patches),
        "adopted": list(result.adopted),
        "released": list(result.released),
        "error": bool(result.errors),
    }


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "controller.filter_active_pods": op_filter_active_pods,
    "controller.sort_active_pods": op_sort_active_pods,
    "controller.claim_pods": op_claim_pods,
}
