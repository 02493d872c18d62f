"""Conformance operations of the ``gc`` group (see CONFORMANCE.md) — proposed op.

``gc.classify_owner_references``
    in: ``{object: {metadata: {ownerReferences, finalizers?, deletionTimestamp?}},
    owners: {<uid>: {exists: bool, deleting?: bool, foreground?: bool}}, hasDependents?: bool}``;
    a UID missing from ``owners`` is an absent owner; ``foreground`` means the owner carries the
    ``foregroundDeletion`` finalizer; ``hasDependents`` whether the object itself has dependents
    (default false).
    out: ``{solid, dangling, waiting: string[] (UIDs in reference order), action:
    "keep"|"patchOwnerRefs"|"delete"|"deleteForeground", propagationPolicy?:
    "Background"|"Foreground"|"Orphan"}`` — see ``model.controllers.gc`` (mirrors
    ``attemptToDeleteItem``): no owner references or already being deleted → keep; a solid owner
    → keep, or patchOwnerRefs when there are dangling/waiting references to remove; no solid and
    a waiting owner with dependents → deleteForeground; otherwise delete with the policy the
    object's finalizers ask for (``foregroundDeletion`` → deleteForeground).

Mirrors pkg/controller/garbagecollector/garbagecollector.go through ``model.controllers.gc``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.controllers import gc
from model.errors import ModelError
from model.objects import ObjectMeta, from_json


def classify_owner_references(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/garbagecollector/garbagecollector.go: classifyReferences and attemptToDeleteItem
    (op ``gc.classify_owner_references``)."""
    obj = inp.get("object") or {}
    meta = from_json(ObjectMeta, obj.get("metadata"), "object.metadata")
    raw = inp.get("owners") or {}
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", "owners: expected a map from UID to owner status", field="owners")
    owners = {str(uid): gc.OwnerStatus(bool(v.get("exists", False)), bool(v.get("deleting", False)),
                                       bool(v.get("foreground", False)))
              for uid, v in raw.items()}
    d = gc.classify_owner_references(meta, owners, bool(inp.get("hasDependents", False)))
    out: dict[str, Any] = {"solid": list(d.solid), "dangling": list(d.dangling), "waiting": list(d.waiting),
                           "action": d.action}
    if d.propagation_policy is not None:
        out["propagationPolicy"] = d.propagation_policy
    return out


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "gc.classify_owner_references": classify_owner_references,
}
