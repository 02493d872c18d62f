"""Wiring of the Deployment controller (``pkg/controller/deployment/deployment_controller.go``).

One ``Reconcile("deployment-controller", ns/name)`` = one ``syncDeployment``:
``model.controllers.deployment.deployment_controller.sync_deployment`` over the
kube-controller-manager cache (the Deployment, the namespace's ReplicaSets, its pods grouped by
owning ReplicaSet UID). The API calls the pass records become API writes, issued in order with
the cached resourceVersions (a stale cache → 409 Conflict → the key is requeued).

Variants applied here (``model.variants``), as transformations of the pass's inputs or outputs:
``surge-rounds-up-unavailable``, ``history-deletes-rollback-target`` (inputs), ``no-surge-bound``
(outputs), ``recreate-no-wait`` (inputs: old pods hidden), ``hash-includes-generation`` (both: see
``_generation_hashed``), ``proportional-scaling-drops-leftover`` (outputs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model import evolve
from model.apiserver import Create, Delete, Update, UpdateStatus, Write
from model.controllers.deployment import context as dctx
from model.controllers.deployment.deployment_controller import sync_deployment
from model.controllers.deployment.util import (
    DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
    compute_hash,
    equal_ignore_hash,
    generate_replica_set_name,
)
from model.objects import Deployment, Pod, ReplicaSet, controller_ref
from model.timeutil import NANOS, Time

__all__ = ["DeployOutcome", "sync", "transform_input", "transform_output"]


@dataclass(frozen=True, slots=True)
class DeployOutcome:
    writes: tuple[Write, ...] = ()
    requeue_after: int | None = None  # seconds
    error: str | None = None          # the pass failed: rate-limited requeue


def _round_up_percent(v: int | str, total: int) -> int | str:
    if isinstance(v, str) and v.endswith("%") and v[:-1].isdigit():
        return -(-int(v[:-1]) * total // 100)
    return v


def transform_input(d: Deployment, variant: str | None) -> Deployment:
    """Known-bad variants that change what the controller is told (see model.variants)."""
    if variant == "surge-rounds-up-unavailable":
        ru = d.spec.strategy.rolling_update
        if ru is not None and ru.max_unavailable is not None:
            up = _round_up_percent(ru.max_unavailable, d.spec.replicas or 0)
            strategy = evolve.replace(d.spec.strategy,
                                           rolling_update=evolve.replace(ru, max_unavailable=up))
            d = evolve.replace(d, spec=evolve.replace(d.spec, strategy=strategy))
    if variant == "history-deletes-rollback-target":
        d = evolve.replace(d, spec=evolve.replace(d.spec, revision_history_limit=0))
    return d


def transform_output(out: DeployOutcome, d: Deployment, variant: str | None) -> DeployOutcome:
    """Known-bad variants that change what is done with the controller's answer."""
    if variant == "no-surge-bound":
        writes: list[Write] = []
        for w in out.writes:
            if isinstance(w, Update | Create) and isinstance(w.obj, ReplicaSet) \
                    and equal_ignore_hash(w.obj.spec.template, d.spec.template):
                w = evolve.replace(w, obj=evolve.replace(  # type: ignore[call-arg]
                    w.obj, spec=evolve.replace(w.obj.spec, replicas=d.spec.replicas)))
            writes.append(w)
        out = evolve.replace(out, writes=tuple(writes))
    return out


def _generation_hash(d: Deployment) -> str:
    return compute_hash(d.spec.template, (d.status.collision_count or 0) + 1000 * (d.metadata.generation or 0))


def _rehash(labels: Any, h: str) -> Any:
    return tuple((k, h if k == DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY else v) for k, v in labels)


def _generation_hashed(d: Deployment, rss: list[ReplicaSet], out: DeployOutcome | None) -> Any:
    """Variant ``hash-includes-generation``: the pod-template hash also covers the Deployment's
    generation, and the controller recognises its new ReplicaSet by that hashed name. Inputs: a
    ReplicaSet with the current template but another name is not shown as the new one (it is
    hidden); outputs: a created ReplicaSet is named and labelled with the generation hash."""
    h = _generation_hash(d)
    name = generate_replica_set_name(d.metadata.name, h)
    if out is None:
        return [r for r in rss if r.metadata.name == name or r.spec.template is None
                or not equal_ignore_hash(r.spec.template, d.spec.template)]
    writes: list[Write] = []
    for w in out.writes:
        if isinstance(w, Create) and isinstance(w.obj, ReplicaSet) and (t := w.obj.spec.template) is not None:
            rs, sel = w.obj, w.obj.spec.selector
            tpl = evolve.replace(t, metadata=evolve.replace(t.metadata, labels=_rehash(t.metadata.labels, h)))
            spec = evolve.replace(rs.spec, template=tpl, selector=evolve.replace(
                sel, match_labels=_rehash(sel.match_labels, h)) if sel is not None else None)
            w = Create(evolve.replace(rs, spec=spec, metadata=evolve.replace(
                rs.metadata, name=name, labels=_rehash(rs.metadata.labels, h))))
        writes.append(w)
    return evolve.replace(out, writes=tuple(writes))


def _drop_leftover(d: Deployment, rss: list[ReplicaSet], out: DeployOutcome) -> DeployOutcome:
    """Variant ``proportional-scaling-drops-leftover``: in a proportional resize (sync.go: scale) the
    rounding leftover, which Kubernetes gives to the first ReplicaSet after sorting, is given to
    none. The shares are recomputed with GetProportion to find the
    leftover; the write to that ReplicaSet is then made without it."""
    from model.controllers.deployment import util

    owned = {rs.metadata.uid for rs in rss}
    active = [rs for rs in rss if util.spec_replicas(rs) > 0 and controller_ref(rs.metadata) is not None
              and controller_ref(rs.metadata).uid == d.metadata.uid]  # type: ignore[union-attr]
    rescaled = {w.obj.metadata.name for w in out.writes if isinstance(w, Update) and isinstance(w.obj, ReplicaSet)
                and w.obj.metadata.uid in owned}
    if d.spec.strategy.type != "RollingUpdate" or len(active) < 2 or not rescaled \
            or all(util.get_desired_replicas_annotation(rs) == (util.d_replicas(d), True) for rs in active):
        return out  # not a proportional resize
    allowed = util.d_replicas(d) + util.max_surge(d) if util.d_replicas(d) > 0 else 0
    to_add = allowed - util.get_replica_count(active)
    ordered = util.sort_by_size_newer(active) if to_add > 0 else util.sort_by_size_older(active)
    added = 0
    for rs in ordered:
        added += util.get_proportion(rs, d, to_add, added)
    leftover, first = to_add - added, ordered[0].metadata.name
    writes = tuple(evolve.replace(w, obj=evolve.replace(  # type: ignore[call-arg]
        w.obj, spec=evolve.replace(w.obj.spec, replicas=max(0, (w.obj.spec.replicas or 0) - leftover))))
        if isinstance(w, Update) and isinstance(w.obj, ReplicaSet) and w.obj.metadata.name == first else w
        for w in out.writes)
    return evolve.replace(out, writes=writes)


def _writes_of(actions: tuple[Any, ...], namespace: str) -> tuple[Write, ...]:
    out: list[Write] = []
    for a in actions:
        if isinstance(a, dctx.CreateReplicaSet):
            out.append(Create(a.replica_set))
        elif isinstance(a, dctx.UpdateReplicaSet):
            out.append(Update(a.replica_set))
        elif isinstance(a, dctx.DeleteReplicaSet):
            out.append(Delete("ReplicaSet", namespace, a.name, uid=a.uid))
        elif isinstance(a, dctx.UpdateDeploymentStatus):
            out.append(UpdateStatus(a.deployment))
        elif isinstance(a, dctx.UpdateDeployment):
            out.append(Update(a.deployment))
        else:  # pragma: no cover - the action union is closed
            raise TypeError(f"unknown deployment controller action {a!r}")
    return tuple(out)


def sync(d: Deployment | None, replica_sets: tuple[ReplicaSet, ...], pods: tuple[Pod, ...], now: Time,
         variant: str | None = None) -> DeployOutcome:
    """One ``syncDeployment`` over the cache. ``replica_sets`` and ``pods`` are the namespace's."""
    if d is None:
        return DeployOutcome()
    d = transform_input(d, variant)
    rss = list(replica_sets)
    if variant == "recreate-no-wait" and d.spec.strategy.type == "Recreate":
        # The controller is told old pods are already gone.
        rss = [evolve.replace(r, status=evolve.replace(r.status, replicas=0)) for r in rss]
        pods = ()
    if variant == "hash-includes-generation":
        rss = _generation_hashed(d, rss, None)
    by_uid: dict[str, list[Pod]] = {}
    for p in pods:
        for ref in p.metadata.owner_references:
            if ref.controller:
                by_uid.setdefault(ref.uid, []).append(p)
    res = sync_deployment(d, tuple(rss), {k: tuple(v) for k, v in by_uid.items()}, now)
    requeue = None
    if res.requeue_after is not None:
        requeue = max(1, -(-res.requeue_after // NANOS))
    out = DeployOutcome(_writes_of(res.actions, d.metadata.namespace), requeue, res.error)
    if variant == "hash-includes-generation":
        out = _generation_hashed(d, rss, out)
    if variant == "proportional-scaling-drops-leftover":
        out = _drop_leftover(d, rss, out)
    return transform_output(out, d, variant)
