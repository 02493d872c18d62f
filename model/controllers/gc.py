"""The garbage collector's decision for one dependent, and the deletion propagation policies.

Mirrors pkg/controller/garbagecollector/garbagecollector.go: ``attemptToDeleteItem`` and
``classifyReferences`` (with ``isDangling``): each owner reference is

* **dangling** — the owner does not exist (or exists with another UID);
* **waiting** — the owner exists, is being deleted and carries the ``foregroundDeletion``
  finalizer (it waits for its dependents);
* **solid** — otherwise.

Then: an object without owner references, or already being deleted (not in foreground), is left
alone; with a solid owner the dangling and waiting references are patched away (nothing to do when
there are none); with no solid owner but a waiting one and dependents of its own the object is
deleted in the foreground; otherwise it is deleted with the policy its finalizers ask for
(``orphan`` → Orphan, ``foregroundDeletion`` → Foreground, else Background).

Deletion of an owner (``deletion_outcome``) follows the apiserver/GC split: Background removes the
owner at once and the collector deletes dependents later; Foreground sets ``deletionTimestamp`` and
the ``foregroundDeletion`` finalizer and removes the owner after its blocking dependents; Orphan
sets the ``orphan`` finalizer, strips the owner reference from dependents, then removes the owner.

API for the transition system: ``classify_owner_references(object_meta, owners, has_dependents=False)``
→ ``GcDecision``; ``owner_status(obj_meta_or_None, uid)``; ``deletion_finalizers(policy)``;
``strip_owner_references(meta, uids)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from model.objects import ObjectMeta
from model.timeutil import Time

FINALIZER_FOREGROUND = "foregroundDeletion"
FINALIZER_ORPHAN = "orphan"

KEEP = "keep"
PATCH_OWNER_REFS = "patchOwnerRefs"
DELETE = "delete"
DELETE_FOREGROUND = "deleteForeground"

BACKGROUND = "Background"
FOREGROUND = "Foreground"
ORPHAN = "Orphan"


@dataclass(frozen=True, slots=True)
class OwnerStatus:
    """Mirrors pkg/controller/garbagecollector/garbagecollector.go: isDangling (what it learns of an owner).
    What the collector sees of one owner, looked up by UID."""

    exists: bool = False
    deleting: bool = False
    foreground: bool = False
    """The owner carries the ``foregroundDeletion`` finalizer."""


def owner_status(owner: ObjectMeta | None, uid: str) -> OwnerStatus:
    """Mirrors pkg/controller/garbagecollector/garbagecollector.go: isDangling. The status of an owner from
    its live metadata (None when absent; another UID is absent)."""
    if owner is None or owner.uid != uid:
        return OwnerStatus()
    return OwnerStatus(True, owner.deletion_timestamp is not None, FINALIZER_FOREGROUND in owner.finalizers)


@dataclass(frozen=True, slots=True)
class GcDecision:
    """Mirrors pkg/controller/garbagecollector/garbagecollector.go: classifyReferences and
    attemptToDeleteItem. Owner UIDs by class (in reference order) and the collector's action."""

    solid: tuple[str, ...]
    dangling: tuple[str, ...]
    waiting: tuple[str, ...]
    action: str
    propagation_policy: str | None = None
    """For a delete: the policy the delete request carries."""


def classify_owner_references(meta: ObjectMeta, owners: Mapping[str, OwnerStatus],
                              has_dependents: bool = False) -> GcDecision:
    """Mirrors attemptToDeleteItem/classifyReferences for one object; ``owners`` maps UIDs to what
    the collector sees (a UID not in the map is absent)."""
    solid: list[str] = []
    dangling: list[str] = []
    waiting: list[str] = []
    for ref in meta.owner_references:
        st = owners.get(ref.uid, OwnerStatus())
        if not st.exists:
            dangling.append(ref.uid)
        elif st.deleting and st.foreground:
            waiting.append(ref.uid)
        else:
            solid.append(ref.uid)
    result = (tuple(solid), tuple(dangling), tuple(waiting))
    deleting_dependents = FINALIZER_FOREGROUND in meta.finalizers
    if meta.deletion_timestamp is not None and not deleting_dependents:
        return GcDecision(*result, KEEP)
    if not meta.owner_references:
        return GcDecision(*result, KEEP)
    if solid:
        return GcDecision(*result, PATCH_OWNER_REFS if (dangling or waiting) else KEEP)
    if waiting and has_dependents:
        return GcDecision(*result, DELETE_FOREGROUND, FOREGROUND)
    if FINALIZER_ORPHAN in meta.finalizers:
        return GcDecision(*result, DELETE, ORPHAN)
    if deleting_dependents:
        return GcDecision(*result, DELETE_FOREGROUND, FOREGROUND)
    return GcDecision(*result, DELETE, BACKGROUND)


def deletion_finalizers(policy: str) -> tuple[str, ...]:
    """Mirrors staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go:
    deletionFinalizersForGarbageCollection. The finalizer a delete with this propagation policy adds to the
    object."""
    if policy == FOREGROUND:
        return (FINALIZER_FOREGROUND,)
    if policy == ORPHAN:
        return (FINALIZER_ORPHAN,)
    return ()


def strip_owner_references(meta: ObjectMeta, uids: Iterable[str]) -> ObjectMeta:
    """Mirrors pkg/controller/garbagecollector/patch.go: deleteOwnerRefStrategicMergePatch. The metadata
    without owner references to these UIDs (the collector's patch)."""
    drop = set(uids)
    return dataclasses.replace(meta, owner_references=tuple(r for r in meta.owner_references if r.uid not in drop))


def delete_object(meta: ObjectMeta, policy: str, now: Time) -> ObjectMeta | None:
    """What a DELETE with ``propagationPolicy`` does to the object itself (the apiserver's part of
    staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go ``Delete`` with
    ``deletionFinalizersForGarbageCollection``): Background removes it at once unless other
    finalizers hold it; Foreground and Orphan set ``deletionTimestamp`` and add their finalizer,
    and the collector finishes the work. None means the object is gone."""
    extra = deletion_finalizers(policy)
    finalizers = meta.finalizers + tuple(f for f in extra if f not in meta.finalizers)
    if not finalizers:
        return None
    stamp = meta.deletion_timestamp if meta.deletion_timestamp is not None else now
    return dataclasses.replace(meta, finalizers=finalizers, deletion_timestamp=stamp)
