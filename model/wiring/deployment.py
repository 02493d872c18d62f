"""Wiring of the Deployment controller (``pkg/controller/deployment/deployment_controller.go``).

One ``Reconcile("deployment-controller", ns/name)`` = one ``syncDeployment`` over the
kube-controller-manager cache: the Deployment, the ReplicaSets it controls and their pods. The
decision returns RS creations/updates/deletions and a Deployment status as API writes.
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from typing import Any

from model.apiserver import Create, Delete, Update, UpdateStatus, Write
from model.objects import (
    Deployment,
    DeploymentCondition,
    DeploymentStatus,
    ObjectMeta,
    Pod,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetSpec,
    get_annotation,
    with_annotation,
)
from model.timeutil import NANOS, Time
from model.wiring.common import owned_by, owner_ref, short_hash

__all__ = ["DeployOutcome", "sync", "REVISION", "DESIRED", "MAX_REPLICAS", "ROLLBACK_TO", "HASH_LABEL"]

REVISION = "deployment.kubernetes.io/revision"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
ROLLBACK_TO = "deprecated.deployment.rollback.to"
HASH_LABEL = "pod-template-hash"


@dataclass(frozen=True, slots=True)
class DeployOutcome:
    writes: tuple[Write, ...] = ()
    requeue_after: int | None = None  # seconds
    error: str | None = None          # the pass failed: rate-limited requeue


# ---------------------------------------------------------------------------------------------
# STAND-IN: a compact re-expression of sync/rolling/recreate until the deployment helper's
# model/controllers/deployment/deployment_controller.sync_deployment lands; then `sync` only adapts.


def _scaled(v: int | str | None, total: int, up: bool) -> int:
    if v is None:
        return 0
    if isinstance(v, int):
        return v
    p = int(v.rstrip("%"))
    return -(-p * total // 100) if up else p * total // 100


def _fenceposts(d: Deployment) -> tuple[int, int]:
    if d.spec.strategy.type != "RollingUpdate":
        return 0, 0
    ru = d.spec.strategy.rolling_update
    replicas = d.spec.replicas or 0
    surge = _scaled(ru.max_surge if ru else None, replicas, True)
    unavailable = _scaled(ru.max_unavailable if ru else None, replicas, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, min(unavailable, replicas) if replicas else 0


def _strip_hash(t: PodTemplateSpec) -> PodTemplateSpec:
    labels = tuple((k, v) for k, v in t.metadata.labels if k != HASH_LABEL)
    return dataclasses.replace(t, metadata=dataclasses.replace(t.metadata, labels=labels))


def _rev(rs: ReplicaSet) -> int:
    try:
        return int(get_annotation(rs.metadata, REVISION) or "0")
    except ValueError:
        return 0


def _spec(rs: ReplicaSet) -> int:
    return rs.spec.replicas or 0


def _scale(rs: ReplicaSet, n: int, d: Deployment) -> Update:
    surge, _ = _fenceposts(d)
    meta = with_annotation(rs.metadata, DESIRED, str(d.spec.replicas or 0))
    meta = with_annotation(meta, MAX_REPLICAS, str((d.spec.replicas or 0) + surge))
    return Update(dataclasses.replace(rs, metadata=meta, spec=dataclasses.replace(rs.spec, replicas=n)))


def _new_rs(d: Deployment, replicas: int, revision: int) -> ReplicaSet:
    h = short_hash((d.spec.template, d.status.collision_count))
    labels = tuple(sorted(d.spec.template.metadata.labels + ((HASH_LABEL, h),)))
    tpl = dataclasses.replace(d.spec.template, metadata=dataclasses.replace(d.spec.template.metadata,
                                                                            labels=labels))
    assert d.spec.selector is not None
    sel = dataclasses.replace(d.spec.selector,
                              match_labels=tuple(sorted(d.spec.selector.match_labels + ((HASH_LABEL, h),))))
    surge, _ = _fenceposts(d)
    ann = tuple(sorted(((REVISION, str(revision)), (DESIRED, str(d.spec.replicas or 0)),
                        (MAX_REPLICAS, str((d.spec.replicas or 0) + surge)))))
    return ReplicaSet(
        metadata=ObjectMeta(name=f"{d.metadata.name}-{h}", namespace=d.metadata.namespace, labels=labels,
                            annotations=ann, owner_references=(owner_ref(d),)),
        spec=ReplicaSetSpec(replicas=replicas, selector=sel, template=tpl,
                            min_ready_seconds=d.spec.min_ready_seconds),
    )


def _status(d: Deployment, rss: list[ReplicaSet], new: ReplicaSet | None, now: Time) -> DeploymentStatus:
    avail = sum(r.status.available_replicas for r in rss)
    spec_total = sum(_spec(r) for r in rss)
    _, max_unavail = _fenceposts(d)
    replicas = d.spec.replicas or 0
    st = DeploymentStatus(
        observed_generation=d.metadata.generation,
        replicas=sum(r.status.replicas for r in rss),
        updated_replicas=new.status.replicas if new else 0,
        ready_replicas=sum(r.status.ready_replicas for r in rss),
        available_replicas=avail,
        unavailable_replicas=max(0, spec_total - avail),
        conditions=d.status.conditions,
        collision_count=d.status.collision_count,
    )
    ok = avail >= replicas - max_unavail
    cond = DeploymentCondition(type="Available", status="True" if ok else "False",
                               reason="MinimumReplicasAvailable" if ok else "MinimumReplicasUnavailable",
                               last_update_time=now, last_transition_time=now)
    conds = [c for c in st.conditions if c.type != "Available"]
    old = next((c for c in st.conditions if c.type == "Available"), None)
    conds.append(old if old and old.status == cond.status else cond)
    complete = (st.updated_replicas == replicas and st.replicas == replicas and st.available_replicas == replicas)
    prog = next((c for c in st.conditions if c.type == "Progressing"), None)
    if complete and new is not None:
        want = ("True", "NewReplicaSetAvailable")
    else:
        want = ("True", "ReplicaSetUpdated")
    if prog is None or (prog.status, prog.reason) != want:
        conds = [c for c in conds if c.type != "Progressing"]
        conds.append(DeploymentCondition(type="Progressing", status=want[0], reason=want[1],
                                         last_update_time=now, last_transition_time=now))
    order = {"Available": 0, "Progressing": 1}
    return dataclasses.replace(st, conditions=tuple(sorted(conds, key=lambda c: order.get(c.type, 2))))


def _standin_sync(d: Deployment, all_rs: list[ReplicaSet], pods: tuple[Pod, ...], now: Time) -> DeployOutcome:
    rss = sorted(all_rs, key=lambda r: (r.metadata.creation_timestamp or 0, r.metadata.name))
    new = next((r for r in rss if _strip_hash(r.spec.template or PodTemplateSpec()) == d.spec.template), None)
    olds = [r for r in rss if r is not new]
    writes: list[Write] = []
    replicas = d.spec.replicas or 0
    if d.metadata.deletion_timestamp is not None or d.spec.paused:
        return _finish(d, rss, new, writes, now)
    max_old_rev = max((_rev(r) for r in olds), default=0)
    if d.spec.strategy.type == "Recreate":
        active_old = [r for r in olds if _spec(r) > 0]
        if active_old:
            writes.extend(_scale(r, 0, d) for r in active_old)
            return _finish(d, rss, new, writes, now)
        new_uid = new.metadata.uid if new else None
        if any(r.status.replicas > 0 for r in olds) or any(
            p.status.phase not in ("Failed", "Succeeded") and not owned_by(p, new_uid or "-")
            and any(owned_by(p, r.metadata.uid) for r in olds) for p in pods
        ):
            return _finish(d, rss, new, writes, now)
        if new is None:
            new_obj = _new_rs(d, replicas, max_old_rev + 1)
            writes.append(Create(new_obj))
            return _finish(d, rss, None, writes, now)
        if _spec(new) != replicas:
            writes.append(_scale(new, replicas, d))
        return _finish(d, rss, new, writes, now)
    surge, max_unavail = _fenceposts(d)
    if new is None:
        total = sum(_spec(r) for r in rss)
        size = max(0, min(replicas + surge - total, replicas))
        new_obj = _new_rs(d, size, max_old_rev + 1)
        writes.append(Create(new_obj))
        return _finish(d, rss, None, writes, now)
    if _rev(new) <= max_old_rev:
        meta = with_annotation(new.metadata, REVISION, str(max_old_rev + 1))
        writes.append(Update(dataclasses.replace(new, metadata=meta)))
        return _finish(d, rss, new, writes, now)
    # reconcileNewReplicaSet
    if _spec(new) > replicas:
        writes.append(_scale(new, replicas, d))
        return _finish(d, rss, new, writes, now)
    if _spec(new) < replicas:
        total = sum(_spec(r) for r in rss)
        if total < replicas + surge:
            grow = min(replicas + surge - total, replicas - _spec(new))
            writes.append(_scale(new, _spec(new) + grow, d))
            return _finish(d, rss, new, writes, now)
    # reconcileOldReplicaSets
    active_old = [r for r in olds if _spec(r) > 0]
    if active_old:
        all_pods = sum(_spec(r) for r in rss)
        min_avail = replicas - max_unavail
        new_unavail = _spec(new) - new.status.available_replicas
        budget = all_pods - min_avail - new_unavail
        if budget > 0:
            sizes = {r.metadata.name: _spec(r) for r in active_old}
            for r in active_old:  # cleanupUnhealthyReplicas
                if budget <= 0:
                    break
                unhealthy = _spec(r) - r.status.available_replicas
                if unhealthy > 0:
                    k = min(budget, unhealthy)
                    sizes[r.metadata.name] -= k
                    budget -= k
            avail = sum(r.status.available_replicas for r in rss)
            room = avail - min_avail
            for r in active_old:  # scaleDownOldReplicaSetsForRollingUpdate
                if room <= 0:
                    break
                k = min(room, sizes[r.metadata.name])
                sizes[r.metadata.name] -= k
                room -= k
            for r in active_old:
                if sizes[r.metadata.name] != _spec(r):
                    writes.append(_scale(r, sizes[r.metadata.name], d))
            if writes:
                return _finish(d, rss, new, writes, now)
    # cleanupDeployment when complete (as last observed)
    st = d.status
    if (st.updated_replicas == st.replicas == st.available_replicas == replicas
            and st.observed_generation >= d.metadata.generation and d.spec.revision_history_limit is not None):
        drained = [r for r in olds if r.metadata.deletion_timestamp is None]
        excess = len(drained) - d.spec.revision_history_limit
        for r in sorted(drained, key=lambda r: (_rev(r), r.metadata.creation_timestamp or 0, r.metadata.name)):
            if excess <= 0:
                break
            excess -= 1
            if _spec(r) == 0 and r.status.replicas == 0 and r.metadata.generation <= r.status.observed_generation:
                writes.append(Delete("ReplicaSet", r.metadata.namespace, r.metadata.name, uid=r.metadata.uid))
    return _finish(d, rss, new, writes, now)


def _finish(d: Deployment, rss: list[ReplicaSet], new: ReplicaSet | None, writes: list[Write],
            now: Time) -> DeployOutcome:
    # The status a sync writes is computed from the RSs as they will be after its RS writes.
    after = {r.metadata.name: r for r in rss}
    for w in writes:
        if isinstance(w, Update | Create) and isinstance(w.obj, ReplicaSet):
            after[w.obj.metadata.name] = w.obj
        if isinstance(w, Delete):
            after.pop(w.name, None)
    if new is None:
        new = next((w.obj for w in writes if isinstance(w, Create)), None)
    new_now = after.get(new.metadata.name) if new else None
    status = _status(d, list(after.values()), new_now, now)
    if status != d.status:
        writes.append(UpdateStatus(dataclasses.replace(d, status=status)))
    requeue = None
    deadline = d.spec.progress_deadline_seconds
    if deadline is not None and status.updated_replicas != (d.spec.replicas or 0):
        requeue = None  # progress deadline tracking: STAND-IN does not model ProgressDeadlineExceeded
    return DeployOutcome(tuple(writes), requeue)


# ---------------------------------------------------------------------------------------------
# the wiring


def transform_input(d: Deployment, variant: str | None) -> Deployment:
    """Known-bad variants that change what the controller is told (see model.variants)."""
    if variant == "surge-rounds-up-unavailable":
        ru = d.spec.strategy.rolling_update
        if ru is not None and isinstance(ru.max_unavailable, str):
            up = _scaled(ru.max_unavailable, d.spec.replicas or 0, True)
            strategy = dataclasses.replace(d.spec.strategy,
                                           rolling_update=dataclasses.replace(ru, max_unavailable=up))
            d = dataclasses.replace(d, spec=dataclasses.replace(d.spec, strategy=strategy))
    if variant == "history-deletes-rollback-target":
        d = dataclasses.replace(d, spec=dataclasses.replace(d.spec, revision_history_limit=0))
    return d


def transform_output(out: DeployOutcome, d: Deployment, variant: str | None) -> DeployOutcome:
    if variant == "no-surge-bound":
        writes = []
        for w in out.writes:
            if isinstance(w, Update | Create) and isinstance(w.obj, ReplicaSet) and w.obj.spec.template is not None \
                    and _strip_hash(w.obj.spec.template) == d.spec.template:
                w = type(w)(dataclasses.replace(w.obj, spec=dataclasses.replace(w.obj.spec,
                                                                                replicas=d.spec.replicas)))
            writes.append(w)
        out = dataclasses.replace(out, writes=tuple(writes))
    return out


def _real_sync() -> Any:
    try:
        return importlib.import_module("model.controllers.deployment.deployment_controller").sync_deployment
    except (ImportError, AttributeError):
        return None


def _writes_of(actions: tuple[Any, ...], namespace: str) -> tuple[Write, ...]:
    out: list[Write] = []
    for a in actions:
        name = type(a).__name__
        if name == "CreateReplicaSet":
            out.append(Create(a.replica_set))
        elif name == "UpdateReplicaSet":
            out.append(Update(a.replica_set))
        elif name == "DeleteReplicaSet":
            out.append(Delete("ReplicaSet", namespace, a.name, uid=a.uid))
        elif name == "UpdateDeploymentStatus":
            out.append(UpdateStatus(a.deployment))
        elif name == "UpdateDeployment":
            out.append(Update(a.deployment))
        else:
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
        rss = [dataclasses.replace(r, status=dataclasses.replace(r.status, replicas=0)) for r in rss]
        pods = ()
    real = _real_sync()
    if real is None:
        mine = [r for r in rss if owned_by(r, d.metadata.uid)]
        return transform_output(_standin_sync(d, mine, pods, now), d, variant)
    by_uid: dict[str, list[Pod]] = {}
    for p in pods:
        for ref in p.metadata.owner_references:
            if ref.controller:
                by_uid.setdefault(ref.uid, []).append(p)
    res = real(d, tuple(rss), {k: tuple(v) for k, v in by_uid.items()}, now)
    requeue = None
    if res.requeue_after is not None:
        requeue = max(1, -(-res.requeue_after // NANOS))
    out = DeployOutcome(_writes_of(res.actions, d.metadata.namespace), requeue, res.error)
    return transform_output(out, d, variant)
