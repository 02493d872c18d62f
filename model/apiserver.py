"""The API server: one store of objects with resourceVersions, optimistic concurrency, deletion.

Mirrors the parts of ``staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go``
(Create, Update with a resourceVersion precondition, graceful Delete, finalizers),
``pkg/registry/core/pod/storage`` (the Binding subresource: a pod is bound once) and the admission
and defaulting a pod gets on creation (``plugin/pkg/admission/defaulttolerationseconds``).

The store is a value: a sorted tuple of ``(key, object)`` with ``key = (kind, namespace, name)``,
plus the counters that make resourceVersions, UIDs and generated names deterministic. Every write
is a pure function ``store -> (store, object)`` or raises an ``ApiError`` (Conflict, NotFound,
AlreadyExists). Writes are also data (``Create``, ``Update``, ``UpdateStatus``, ``Delete``,
``Bind``): controllers return them and the system applies them in order with ``apply_write``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from model import evolve
from model.canonical import canonical_quantities
from model.objects import ObjectMeta, Toleration
from model.timeutil import NANOS

__all__ = [
    "Key",
    "ApiError",
    "Store",
    "Create",
    "Update",
    "UpdateStatus",
    "Delete",
    "Bind",
    "Write",
    "key_of",
    "tmap_get",
    "tmap_put",
    "tmap_del",
    "get",
    "list_kind",
    "create",
    "update",
    "update_status",
    "delete",
    "bind",
    "apply_write",
    "GENERATION_KINDS",
]

Key = tuple[str, str, str]  # (kind, namespace, name); cluster-scoped objects have namespace ""

# Kinds whose metadata.generation counts spec changes.
GENERATION_KINDS = frozenset({"Deployment", "ReplicaSet", "ReplicationController", "HorizontalPodAutoscaler"})

FOREGROUND = "foregroundDeletion"
ORPHAN = "orphan"


class ApiError(Exception):
    """An API server refusal: ``reason`` is Kubernetes' StatusReason (Conflict, NotFound, AlreadyExists)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def key_of(obj: Any) -> Key:
    return (obj.kind, obj.metadata.namespace, obj.metadata.name)


# ---------------------------------------------------------------------------------------------
# sorted tuple maps (no dicts in state)


def _index(items: tuple[tuple[Key, Any], ...], key: Key) -> int:
    # (key,) sorts just before (key, value) and after every smaller key, and the comparison never
    # reaches the values: the same index as bisecting on the keys, without a key function per probe.
    return bisect_left(items, (key,))


def tmap_get(items: tuple[tuple[Key, Any], ...], key: Key) -> Any | None:
    i = _index(items, key)
    if i < len(items) and items[i][0] == key:
        return items[i][1]
    return None


def tmap_put(items: tuple[tuple[Key, Any], ...], key: Key, value: Any) -> tuple[tuple[Key, Any], ...]:
    i = _index(items, key)
    if i < len(items) and items[i][0] == key:
        return items[:i] + ((key, value),) + items[i + 1:]
    return items[:i] + ((key, value),) + items[i:]


def tmap_del(items: tuple[tuple[Key, Any], ...], key: Key) -> tuple[tuple[Key, Any], ...]:
    i = _index(items, key)
    if i < len(items) and items[i][0] == key:
        return items[:i] + items[i + 1:]
    return items


def tmap_kind(items: tuple[tuple[Key, Any], ...], kind: str, namespace: str | None = None) -> tuple[Any, ...]:
    # ((kind,),) sorts before every entry of that kind and after every smaller kind (see _index)
    lo = bisect_left(items, ((kind,),))
    out = []
    for k, v in items[lo:]:
        if k[0] != kind:
            break
        if namespace is None or k[1] == namespace:
            out.append(v)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# the store


@dataclass(frozen=True, slots=True)
class Store:
    """All API objects, sorted by key; ``rv`` is the last resourceVersion handed out."""

    objects: tuple[tuple[Key, Any], ...] = ()
    rv: int = 0
    uids: int = 0
    names: int = 0
    _h: int | None = field(default=None, init=False, compare=False, repr=False)
    # the objects grouped by kind (and by kind and namespace), built on first listing
    _kinds: dict[Any, tuple[Any, ...]] | None = field(default=None, init=False, compare=False, repr=False)

    def __hash__(self) -> int:
        h = self._h
        if h is None:
            h = hash((objects_fingerprint(self.objects), self.rv, self.uids, self.names))
            object.__setattr__(self, "_h", h)
        return int(h)


def objects_fingerprint(items: tuple[tuple[Key, Any], ...]) -> tuple[tuple[Key, str], ...]:
    """What the hash of a sorted object map is taken over: each key with its object's
    resourceVersion. Equal maps give equal fingerprints (so hashing stays consistent with equality,
    which still compares the objects whole); hashing the objects themselves would walk every field
    of every object each time a new map is built."""
    return tuple((k, v.metadata.resource_version) for k, v in items)


def cached_hash(obj: Any, names: tuple[str, ...]) -> int:
    """The hash of a frozen value's fields, computed once: states are hashed over and over by the
    model checker, and their parts are shared between successive states."""
    h = obj._h
    if h is None:
        h = hash(tuple(getattr(obj, n) for n in names))
        object.__setattr__(obj, "_h", h)
    return int(h)


def get(store: Store, kind: str, namespace: str, name: str) -> Any | None:
    return tmap_get(store.objects, (kind, namespace, name))


def list_kind(store: Store, kind: str, namespace: str | None = None) -> tuple[Any, ...]:
    return kind_index(store, store.objects, kind, namespace)


def kind_index(holder: Any, items: tuple[tuple[Key, Any], ...], kind: str, namespace: str | None) -> tuple[Any, ...]:
    """Model-only: ``tmap_kind(items, kind, namespace)``, remembered on ``holder`` (the immutable value that
    owns ``items``, with a ``_kinds`` slot): controllers, the action enumeration and the
    properties list the same kinds of the same store over and over. Each listing is computed on
    first use only (a cache replaced by the next delivery is listed once or twice)."""
    index = holder._kinds
    if index is None:
        index = {}
        object.__setattr__(holder, "_kinds", index)
    query = kind if namespace is None else (kind, namespace)
    found = index.get(query)
    if found is None:
        found = index[query] = tmap_kind(items, kind, namespace)
    return found  # type: ignore[no-any-return]


def _meta(obj: Any, **changes: Any) -> Any:
    return evolve.replace(obj, metadata=evolve.replace(obj.metadata, **changes))


_ALNUM = "0123456789bcdfghjklmnpqrstvwxz"  # Kubernetes' rand.String alphabet minus vowels, shortened


def _suffix(n: int) -> str:
    """A short deterministic name suffix for generateName (Kubernetes uses 5 random characters)."""
    out = ""
    while True:
        n, r = divmod(n, len(_ALNUM))
        out = _ALNUM[r] + out
        if n == 0:
            return out


_NOT_READY = "node.kubernetes.io/not-ready"
_UNREACHABLE = "node.kubernetes.io/unreachable"


def _admit_pod(pod: Any, default_toleration: int) -> Any:
    """Pod defaults and the DefaultTolerationSeconds admission plugin."""
    spec = pod.spec
    tolerations = list(spec.tolerations)
    for key in (_NOT_READY, _UNREACHABLE):
        if not any(t.key == key and t.effect in ("NoExecute", "") or (t.operator == "Exists" and t.key == "")
                   for t in tolerations):
            tolerations.append(Toleration(key=key, operator="Exists", effect="NoExecute",
                                          toleration_seconds=default_toleration))
    spec = evolve.replace(
        spec,
        tolerations=tuple(tolerations),
        restart_policy=spec.restart_policy or "Always",
        termination_grace_period_seconds=(30 if spec.termination_grace_period_seconds is None
                                          else spec.termination_grace_period_seconds),
        scheduler_name=spec.scheduler_name or "default-scheduler",
    )
    status = pod.status if pod.status.phase else evolve.replace(pod.status, phase="Pending")
    return evolve.replace(pod, spec=spec, status=status)


def create(store: Store, obj: Any, now: int, default_toleration: int = 300) -> tuple[Store, Any]:
    """Create ``obj``: a name from generateName if needed, a UID, resourceVersion, generation 1."""
    obj = canonical_quantities(obj)  # stored as decoded and re-encoded: quantities in canonical form
    meta = obj.metadata
    names = store.names
    name = meta.name
    if not name:
        if not meta.generate_name:
            raise ApiError("Invalid", "metadata.name: Required value: name or generateName is required")
        names += 1
        name = meta.generate_name + _suffix(names)
    key = (obj.kind, meta.namespace, name)
    if tmap_get(store.objects, key) is not None:
        raise ApiError("AlreadyExists", f'{obj.kind.lower()}s "{name}" already exists')
    uid = f"u{store.uids + 1}"
    rv = store.rv + 1
    obj = _meta(obj, name=name, uid=uid, resource_version=str(rv), creation_timestamp=now,
                deletion_timestamp=None, generation=1 if obj.kind in GENERATION_KINDS else meta.generation)
    if obj.kind == "Pod":
        obj = _admit_pod(obj, default_toleration)
    return Store(tmap_put(store.objects, key, obj), rv, store.uids + 1, names), obj


def _current(store: Store, obj: Any) -> Any:
    cur = tmap_get(store.objects, key_of(obj))
    if cur is None:
        raise ApiError("NotFound", f'{obj.kind.lower()}s "{obj.metadata.name}" not found')
    want = obj.metadata.resource_version
    if want and want != cur.metadata.resource_version:
        raise ApiError("Conflict", f'Operation cannot be fulfilled on {obj.kind.lower()}s "{obj.metadata.name}": '
                       "the object has been modified; please apply your changes to the latest version and try again")
    return cur


def _put(store: Store, obj: Any) -> tuple[Store, Any]:
    """Store an updated object; an object being deleted whose last finalizer went away is removed."""
    rv = store.rv + 1
    obj = _meta(obj, resource_version=str(rv))
    key = key_of(obj)
    if obj.metadata.deletion_timestamp is not None and not obj.metadata.finalizers and obj.kind != "Pod":
        return Store(tmap_del(store.objects, key), rv, store.uids, store.names), obj
    return Store(tmap_put(store.objects, key, obj), rv, store.uids, store.names), obj


def update(store: Store, obj: Any) -> tuple[Store, Any]:
    """PUT of the main resource: status changes are ignored; generation bumps when spec changes.

    An empty resourceVersion on ``obj`` means an unconditional write (a patch)."""
    obj = canonical_quantities(obj)  # before comparing: "1000m" and "1" are the same stored spec
    cur = _current(store, obj)
    generation = cur.metadata.generation
    if obj.kind in GENERATION_KINDS and obj.spec != cur.spec:
        generation += 1
    meta = evolve.replace(
        obj.metadata, uid=cur.metadata.uid, creation_timestamp=cur.metadata.creation_timestamp,
        deletion_timestamp=cur.metadata.deletion_timestamp,
        deletion_grace_period_seconds=cur.metadata.deletion_grace_period_seconds, generation=generation,
    )
    new = evolve.replace(obj, metadata=meta)
    if hasattr(cur, "status"):
        new = evolve.replace(new, status=cur.status)
    if new == evolve.replace(cur, metadata=evolve.replace(cur.metadata,
                                                                    resource_version=meta.resource_version)):
        return store, cur  # a no-op update does not bump the resourceVersion
    return _put(store, new)


def update_status(store: Store, obj: Any) -> tuple[Store, Any]:
    """PUT of the status subresource: ``status`` changes, and annotations ride along (the
    Deployment/ReplicaSet status strategies keep only spec and labels from the old object)."""
    cur = _current(store, obj)
    annotations = obj.metadata.annotations if obj.kind != "Pod" else cur.metadata.annotations
    if cur.status == obj.status and cur.metadata.annotations == annotations:
        return store, cur
    return _put(store, evolve.replace(cur, status=obj.status,
                                           metadata=evolve.replace(cur.metadata, annotations=annotations)))


def delete(store: Store, kind: str, namespace: str, name: str, now: int, propagation: str = "Background",
           grace_seconds: int | None = None, uid: str = "") -> tuple[Store, Any]:
    """DELETE: graceful for bound pods, finalizers for Foreground/Orphan propagation.

    Returns the object as stored afterwards (with deletionTimestamp), or as it was when removed."""
    key = (kind, namespace, name)
    cur = tmap_get(store.objects, key)
    if cur is None:
        raise ApiError("NotFound", f'{kind.lower()}s "{name}" not found')
    if uid and cur.metadata.uid != uid:
        raise ApiError("Conflict", f"Precondition failed: UID in precondition: {uid}, UID in object meta: "
                       f"{cur.metadata.uid}")
    meta = cur.metadata
    if kind == "Pod":
        grace = grace_seconds
        if grace is None:
            grace = meta.deletion_grace_period_seconds
        if grace is None:
            grace = cur.spec.termination_grace_period_seconds or 0
        if not cur.spec.node_name or grace == 0:
            if meta.finalizers:
                return _put(store, _meta(cur, deletion_timestamp=meta.deletion_timestamp or now,
                                         deletion_grace_period_seconds=0))
            rv = store.rv + 1
            return Store(tmap_del(store.objects, key), rv, store.uids, store.names), cur
        if meta.deletion_timestamp is not None and (meta.deletion_grace_period_seconds or 0) <= grace:
            return store, cur  # already terminating with a grace period at least as short
        return _put(store, _meta(cur, deletion_timestamp=now + grace * NANOS,
                                 deletion_grace_period_seconds=grace))
    finalizers = list(meta.finalizers)
    if meta.deletion_timestamp is None:
        if propagation == "Foreground" and FOREGROUND not in finalizers:
            finalizers.append(FOREGROUND)
        elif propagation == "Orphan" and ORPHAN not in finalizers:
            finalizers.append(ORPHAN)
    if not finalizers:
        rv = store.rv + 1
        return Store(tmap_del(store.objects, key), rv, store.uids, store.names), cur
    if meta.deletion_timestamp is not None and tuple(finalizers) == meta.finalizers:
        return store, cur
    return _put(store, _meta(cur, deletion_timestamp=meta.deletion_timestamp or now,
                             deletion_grace_period_seconds=0, finalizers=tuple(finalizers)))


def bind(store: Store, namespace: str, name: str, node: str, allow_rebind: bool = False) -> tuple[Store, Any]:
    """POST pods/binding: set spec.nodeName once (a second binding is a Conflict)."""
    cur = tmap_get(store.objects, ("Pod", namespace, name))
    if cur is None:
        raise ApiError("NotFound", f'pods "{name}" not found')
    if cur.metadata.deletion_timestamp is not None:
        raise ApiError("Conflict", f'pod {name} is being deleted, cannot be assigned to a host')
    if cur.spec.node_name and not allow_rebind:
        raise ApiError("Conflict", f'pod {name} is already assigned to node "{cur.spec.node_name}"')
    from model.objects import PodCondition

    conds = tuple(c for c in cur.status.conditions if c.type != "PodScheduled") + (
        PodCondition(type="PodScheduled", status="True"),)
    new = evolve.replace(cur, spec=evolve.replace(cur.spec, node_name=node),
                              status=evolve.replace(cur.status, conditions=conds))
    return _put(store, new)


# ---------------------------------------------------------------------------------------------
# writes as data


@dataclass(frozen=True, slots=True)
class Create:
    obj: Any

    def __str__(self) -> str:
        m = self.obj.metadata
        return f"create {self.obj.kind} {m.name or m.generate_name + '*'}"


@dataclass(frozen=True, slots=True)
class Update:
    """PUT the main resource; ``obj.metadata.resource_version`` "" = unconditional (a patch)."""

    obj: Any

    def __str__(self) -> str:
        return f"update {self.obj.kind} {self.obj.metadata.name}"


@dataclass(frozen=True, slots=True)
class UpdateStatus:
    obj: Any

    def __str__(self) -> str:
        return f"update {self.obj.kind} {self.obj.metadata.name} status"


@dataclass(frozen=True, slots=True)
class Delete:
    kind: str
    namespace: str
    name: str
    propagation: str = "Background"
    grace_seconds: int | None = None
    uid: str = ""

    def __str__(self) -> str:
        return f"delete {self.kind} {self.name}"


@dataclass(frozen=True, slots=True)
class Bind:
    namespace: str
    name: str
    node: str

    def __str__(self) -> str:
        return f"bind Pod {self.name} to {self.node}"


Write = Create | Update | UpdateStatus | Delete | Bind


def apply_write(store: Store, write: Write, now: int, default_toleration: int = 300,
                allow_rebind: bool = False) -> tuple[Store, Key]:
    """Apply one write; returns the new store and the key that changed (for watch events)."""
    if isinstance(write, Create):
        store, obj = create(store, write.obj, now, default_toleration)
        return store, key_of(obj)
    if isinstance(write, Update):
        store, obj = update(store, write.obj)
        return store, key_of(obj)
    if isinstance(write, UpdateStatus):
        store, obj = update_status(store, write.obj)
        return store, key_of(obj)
    if isinstance(write, Delete):
        store, obj = delete(store, write.kind, write.namespace, write.name, now, write.propagation,
                            write.grace_seconds, write.uid)
        return store, key_of(obj)
    if isinstance(write, Bind):
        store, obj = bind(store, write.namespace, write.name, write.node, allow_rebind)
        return store, key_of(obj)
    raise TypeError(f"not a write: {write!r}")


def objects_of(items: Iterable[tuple[Key, Any]]) -> tuple[Any, ...]:
    return tuple(v for _, v in items)


_ = ObjectMeta  # re-exported type used in annotations by callers
