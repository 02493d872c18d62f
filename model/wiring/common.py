"""Small helpers the wiring shares: selector matching, pod predicates, controller references."""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterable
from typing import Any

from model.labels import Labels, LabelSelector
from model.objects import OwnerReference, Pod, controller_ref

__all__ = [
    "selector_matches",
    "labels_include",
    "is_ready",
    "is_active",
    "owned_by",
    "owner_ref",
    "short_hash",
    "ready_since",
]


def labels_include(labels: Labels, wanted: Iterable[tuple[str, str]]) -> bool:
    have = dict(labels)
    return all(have.get(k) == v for k, v in wanted)


def selector_matches(sel: LabelSelector | None, labels: Labels) -> bool:
    """``metav1.LabelSelectorAsSelector(sel).Matches(labels)``; a nil selector matches nothing and
    an empty one everything."""
    try:  # the foundation's implementation, once it lands
        from model import labels as lab

        fn = getattr(lab, "label_selector_matches", None)
        if fn is not None:
            return bool(fn(sel, labels))
    except ImportError:  # pragma: no cover
        pass
    # STAND-IN until model.labels.label_selector_matches lands.
    if sel is None:
        return False
    have = dict(labels)
    if any(have.get(k) != v for k, v in sel.match_labels):
        return False
    for req in sel.match_expressions:
        present = req.key in have
        if req.operator == "In" and not (present and have[req.key] in req.values):
            return False
        if req.operator == "NotIn" and present and have[req.key] in req.values:
            return False
        if req.operator == "Exists" and not present:
            return False
        if req.operator == "DoesNotExist" and present:
            return False
    return True


def is_ready(pod: Pod) -> bool:
    return any(c.type == "Ready" and c.status == "True" for c in pod.status.conditions)


def ready_since(pod: Pod) -> int | None:
    for c in pod.status.conditions:
        if c.type == "Ready" and c.status == "True":
            return c.last_transition_time
    return None


def is_active(pod: Pod) -> bool:
    """``controller.IsPodActive``: not terminal and not being deleted."""
    return pod.status.phase not in ("Succeeded", "Failed") and pod.metadata.deletion_timestamp is None


def owned_by(obj: Any, uid: str) -> bool:
    ref = controller_ref(obj.metadata)
    return ref is not None and ref.uid == uid


def owner_ref(owner: Any) -> OwnerReference:
    return OwnerReference(api_version=owner.api_version, kind=owner.kind, name=owner.metadata.name,
                          uid=owner.metadata.uid, controller=True, block_owner_deletion=True)


def short_hash(value: Any) -> str:
    """A deterministic short hash of a value's repr (stand-in for ComputeHash's FNV-32a)."""
    n = zlib.crc32(repr(value).encode())
    alphabet = "bcdfghjklmnpqrstvwxz2456789"
    out = ""
    for _ in range(5):
        n, r = divmod(n, len(alphabet))
        out += alphabet[r]
    return out


def replace_spec(obj: Any, **changes: Any) -> Any:
    return dataclasses.replace(obj, spec=dataclasses.replace(obj.spec, **changes))
