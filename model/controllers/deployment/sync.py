"""Shared sync steps: mirrors pkg/controller/deployment/sync.go.

``sync`` (paused deployments and scaling events), ``sync_status_only``, ``get_new_replica_set``
(find or create the new RS, revisions, collisionCount), ``get_all_replica_sets_and_sync_revision``,
``scale`` (proportional scaling), ``cleanup_deployment`` (revisionHistoryLimit),
``calculate_status``, ``sync_deployment_status``, ``check_paused_conditions`` and
``is_scaling_event``. Each works on a ``Pass`` (see ``context``): the calls it makes are recorded,
never performed.
"""

from __future__ import annotations

import dataclasses

from model.controllers.deployment import util
from model.controllers.deployment.context import NO_GATES, FeatureGates, Pass
from model.errors import ModelError
from model.objects import (
    DeploymentStatus,
    Labels,
    LabelSelector,
    ObjectMeta,
    OwnerReference,
    ReplicaSet,
    ReplicaSetSpec,
    controller_ref,
    freeze_map,
)
from model.timeutil import Time


class SyncError(ModelError):
    """Model-only: the error a Go sync function returns (the work queue requeues the Deployment with
    backoff)."""

    def __init__(self, message: str) -> None:
        super().__init__("SyncError", message)


def get_rollback_to(d: util.Deployment) -> int | None:
    """Mirrors sync.go: getRollbackTo. The deprecated annotation (an unparsable or empty value is
    ignored); the model also honours the legacy ``spec.rollbackTo.revision`` field it round-trips from."""
    value = util.get_annotation(d.metadata, util.DEPRECATED_ROLLBACK_TO)
    if value:
        try:
            return util._parse_int64(value)
        except ModelError:
            return None
    return d.spec.rollback_to


# --- new RS ----------------------------------------------------------------------------------------


def _new_controller_ref(d: util.Deployment) -> OwnerReference:
    return OwnerReference(api_version="apps/v1", kind="Deployment", name=d.metadata.name, uid=d.metadata.uid,
                          controller=True, block_owner_deletion=True)


def _add_label(labels: Labels, key: str, value: str) -> Labels:
    items = dict(labels)
    items[key] = value
    return freeze_map(items)


def get_new_replica_set(
    p: Pass,
    rs_list: list[ReplicaSet],
    old_rss: list[ReplicaSet],
    create_if_not_existed: bool,
    namespace_rss: dict[str, ReplicaSet] | None = None,
) -> ReplicaSet | None:
    """Mirrors sync.go: getNewReplicaSet.

    An existing new RS gets its annotations (revision = max old revision + 1) and minReadySeconds
    synced; when nothing needed writing, the Deployment's revision annotation follows the RS and a
    first ``FoundNewReplicaSet`` Progressing condition is set. Otherwise (when asked) the new RS is
    created, sized by NewRSNewReplicas, named ``<deployment>-<hash>``. A name taken by a foreign RS is a
    hash collision: collisionCount is bumped in the status and the pass ends with an error.
    """
    d = p.d
    existing = util.find_new_replica_set(d, rs_list)
    new_revision = str(util.max_revision(old_rss) + 1)

    if existing is not None:
        rs_copy, annotations_updated = util.set_new_replica_set_annotations(
            d, existing, new_revision, True, util.MAX_REV_HISTORY_LENGTH_IN_CHARS,
            p.gates.deployment_pod_replacement_policy)
        min_ready_needs_update = rs_copy.spec.min_ready_seconds != d.spec.min_ready_seconds
        if annotations_updated or min_ready_needs_update:
            rs_copy = dataclasses.replace(rs_copy, spec=dataclasses.replace(rs_copy.spec, min_ready_seconds=d.spec.min_ready_seconds))
            return p.update_rs(rs_copy)
        p.d, needs_update = util.set_deployment_revision(p.d, util.get_annotation(existing.metadata, util.REVISION_ANNOTATION) or "")
        cond = util.get_deployment_condition(p.d.status, util.DEPLOYMENT_PROGRESSING)
        if util.has_progress_deadline(p.d) and cond is None:
            condition = util.new_deployment_condition(util.DEPLOYMENT_PROGRESSING, "True", util.FOUND_NEW_RS_REASON,
                                                      f'Found new replica set "{existing.metadata.name}"', p.now)
            p.set_status(util.set_deployment_condition(p.d.status, condition))
            needs_update = True
        if needs_update:
            p.update_status()
        return existing

    if not create_if_not_existed:
        return None

    template = d.spec.template
    pod_hash = util.compute_hash(template, d.status.collision_count)
    labels = _add_label(template.metadata.labels, util.DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY, pod_hash)
    new_template = dataclasses.replace(template, metadata=dataclasses.replace(template.metadata, labels=labels))
    selector = d.spec.selector or LabelSelector()
    new_selector = dataclasses.replace(
        selector, match_labels=_add_label(selector.match_labels, util.DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY, pod_hash))
    new_rs = ReplicaSet(
        metadata=ObjectMeta(
            name=util.generate_replica_set_name(d.metadata.name, pod_hash),
            namespace=d.metadata.namespace,
            owner_references=(_new_controller_ref(d),),
            labels=labels,
            creation_timestamp=Time(p.now),
        ),
        spec=ReplicaSetSpec(replicas=0, min_ready_seconds=d.spec.min_ready_seconds, selector=new_selector,
                            template=new_template),
    )
    all_rss = [*old_rss, new_rs]
    count = util.new_rs_new_replicas(d, all_rss, new_rs, p.gates.deployment_pod_replacement_policy)
    new_rs = util.with_rs_replicas(new_rs, count)
    new_rs, _ = util.set_new_replica_set_annotations(d, new_rs, new_revision, False,
                                                     util.MAX_REV_HISTORY_LENGTH_IN_CHARS,
                                                     p.gates.deployment_pod_replacement_policy)

    taken = (namespace_rss if namespace_rss is not None else {rs.metadata.name: rs for rs in rs_list}).get(new_rs.metadata.name)
    already_exists = taken is not None
    if taken is not None:
        ref = controller_ref(taken.metadata)
        if ref is not None and ref.uid == d.metadata.uid and util.equal_ignore_hash(d.spec.template, taken.spec.template):
            created = taken
        else:
            status = dataclasses.replace(p.d.status, collision_count=(p.d.status.collision_count or 0) + 1)
            p.set_status(status)
            p.update_status()
            raise SyncError(f'replicasets.apps "{new_rs.metadata.name}" already exists')
    else:
        created = p.create_rs(new_rs)
        if count > 0:
            p.event("Normal", "ScalingReplicaSet", f"Scaled up replica set {created.metadata.name} from 0 to {count}")

    p.d, needs_update = util.set_deployment_revision(p.d, new_revision)
    if not already_exists and util.has_progress_deadline(p.d):
        condition = util.new_deployment_condition(util.DEPLOYMENT_PROGRESSING, "True", util.NEW_REPLICA_SET_REASON,
                                                  f'Created new replica set "{created.metadata.name}"', p.now)
        p.set_status(util.set_deployment_condition(p.d.status, condition))
        needs_update = True
    if needs_update:
        p.update_status()
    return created


def get_all_replica_sets_and_sync_revision(
    p: Pass, rs_list: list[ReplicaSet], create_if_not_existed: bool,
    namespace_rss: dict[str, ReplicaSet] | None = None,
) -> tuple[ReplicaSet | None, list[ReplicaSet]]:
    """Mirrors sync.go: getAllReplicaSetsAndSyncRevision -> (new RS or None, all old RSs)."""
    _, all_old = util.find_old_replica_sets(p.d, rs_list)
    new_rs = get_new_replica_set(p, rs_list, all_old, create_if_not_existed, namespace_rss)
    return new_rs, all_old


# --- scale -------------------------------------------------------------------------------------------


def _replica_sets_to_share(p: Pass, new_rs: ReplicaSet | None, old_rss: list[ReplicaSet]) -> list[ReplicaSet] | None:
    """The middle of scale and scaleV2 (sync.go) when no single RS takes every replica: a saturated
    new RS drains the old ones and a non-RollingUpdate Deployment stops (None either way); otherwise
    the active RSs, old ones newest first, then the new one."""
    if util.is_saturated(p.d, new_rs):
        for old in util.filter_active_replica_sets(old_rss):
            p.scale_replica_set_and_record_event(old, 0)
        return None
    if not util.is_rolling_update(p.d):
        return None
    # FindActiveOrLatest sorted the caller's old RSs newest first in place; the order only matters
    # for exact ties, which the size sorts below break by time and name anyway.
    newest_first = sorted(old_rss, key=util.by_creation_timestamp_key, reverse=True)
    return util.filter_active_replica_sets([*newest_first, new_rs])


def scale(p: Pass, new_rs: ReplicaSet | None, old_rss: list[ReplicaSet]) -> None:
    """Mirrors sync.go: scale (the classic path, not scaleV2).

    One active RS (or none: the newest) takes ``replicas``; a saturated new RS drains the old ones;
    otherwise a RollingUpdate Deployment shares ``replicas + maxSurge`` out in proportion to each
    active RS's size, the leftover going to the first RS after sorting (largest; ties newer first
    when growing, older first when shrinking), clamped at 0.
    """
    d = p.d
    target = util.find_active_or_latest(new_rs, old_rss)
    if target is not None:
        if util.spec_replicas(target) == util.d_replicas(d):
            return
        p.scale_replica_set_and_record_event(target, util.d_replicas(d))
        return
    active = _replica_sets_to_share(p, new_rs, old_rss)
    if active is None:
        return
    allowed = util.d_replicas(d) + util.max_surge(d) if util.d_replicas(d) > 0 else 0
    to_add = allowed - util.get_replica_count(active)
    if to_add > 0:
        active = util.sort_by_size_newer(active)
    elif to_add < 0:
        active = util.sort_by_size_older(active)
    added = 0
    sizes: list[int] = []
    for rs in active:
        if to_add != 0:
            proportion = util.get_proportion(rs, d, to_add, added)
            sizes.append(util.spec_replicas(rs) + proportion)
            added += proportion
        else:
            sizes.append(util.spec_replicas(rs))
    for i, rs in enumerate(active):
        if i == 0 and to_add != 0:
            sizes[0] = max(0, sizes[0] + (to_add - added))
        p.scale_replica_set(rs, sizes[i])


def scale_v2(p: Pass, new_rs: ReplicaSet | None, old_rss: list[ReplicaSet]) -> None:
    """Mirrors sync.go: scaleV2, the path taken when the DeploymentPodReplacementPolicy gate is on.

    Without ``TerminationComplete`` it sizes exactly like ``scale``. With it, growing is held to
    ``replicas + maxSurge`` counting every RS's ``max(spec, status.replicas)`` plus all terminating
    pods (an unknown terminating count is an error), so a resize may be applied only partly: an RS
    that did not reach its target keeps the desired/max annotations it had and records its size
    from before the resize in ``replicaset-replicas-before-scale``; the next pass resumes from that
    size. The allocation order (each RS's proportional share in size order, then the leftover to the
    first RS) is inferred from the Kubernetes unit tests (sync_test.go TestScale), not from source.
    """
    d = p.d
    if not (p.gates.deployment_pod_replacement_policy and d.spec.pod_replacement_policy == util.TERMINATION_COMPLETE):
        scale(p, new_rs, old_rss)
        return
    every = [*old_rss, *([new_rs] if new_rs is not None else [])]
    room: list[int] = []  # computed once, on the first growth

    def grant(want: int) -> int:
        if want <= 0:
            return 0
        if not room:
            terminating = util.get_terminating_replica_count(every)
            if terminating is None:
                raise ModelError("Invalid", "failed to calculate terminating replicas",
                                 field="status.terminatingReplicas")
            allowed = util.d_replicas(d) + util.max_surge(d)
            room.append(allowed - util.get_replica_or_actual_count(every) - terminating)
        given = max(0, min(want, room[0]))
        room[0] -= given
        return given

    target = util.find_active_or_latest(new_rs, old_rss)
    if target is not None:
        size = util.d_replicas(d)
        if size > util.spec_replicas(target):
            size = util.spec_replicas(target) + grant(size - util.spec_replicas(target))
        _write_v2(p, target, size, util.d_replicas(d), _before_scale(target))
        return
    active = _replica_sets_to_share(p, new_rs, old_rss)
    if active is None:
        return
    # An RS part-way through an earlier resize is sized from where that resize started.
    bases = {rs.metadata.name: _before_scale(rs) for rs in active}
    allowed = util.d_replicas(d) + util.max_surge(d) if util.d_replicas(d) > 0 else 0
    to_add = allowed - sum(bases.values())
    if to_add > 0:
        active = util.sort_by_size_newer(active)
    elif to_add < 0:
        active = util.sort_by_size_older(active)
    added = 0
    shares: list[int] = []
    for rs in active:
        share = util.get_proportion(util.with_rs_replicas(rs, bases[rs.metadata.name]), d, to_add, added) if to_add else 0
        shares.append(bases[rs.metadata.name] + share)
        added += share
    targets = list(shares)
    if active and to_add != 0:
        targets[0] = max(0, targets[0] + (to_add - added))
    sizes = [util.spec_replicas(rs) for rs in active]
    for i in range(len(active)):
        if targets[i] <= sizes[i]:
            sizes[i] = targets[i]  # shrinking never waits for room
        elif shares[i] > sizes[i]:
            sizes[i] += grant(shares[i] - sizes[i])
    if active and targets[0] > sizes[0]:
        sizes[0] += grant(targets[0] - sizes[0])
    for i, rs in enumerate(active):
        _write_v2(p, rs, sizes[i], targets[i], bases[rs.metadata.name])


def _before_scale(rs: ReplicaSet) -> int:
    value, ok, _ = util.get_nonnegative_int32_from_annotation(dict(rs.metadata.annotations),
                                                             util.REPLICAS_BEFORE_SCALE_ANNOTATION)
    return value if ok else util.spec_replicas(rs)


def _write_v2(p: Pass, rs: ReplicaSet, size: int, target: int, base: int) -> None:
    """Write an RS sized by scaleV2: on target, the fresh desired/max annotations (and no
    before-scale mark); short of it, the old annotations plus the before-scale mark."""
    if size == target:
        ann = dict(rs.metadata.annotations)
        had_mark = ann.pop(util.REPLICAS_BEFORE_SCALE_ANNOTATION, None) is not None
        if had_mark:
            rs = util.with_annotations(rs, ann)
        writes = len(p.actions)
        p.scale_replica_set(rs, size)
        if had_mark and len(p.actions) == writes:
            p.update_rs(rs)
        return
    ann = dict(rs.metadata.annotations)
    ann[util.REPLICAS_BEFORE_SCALE_ANNOTATION] = str(base)
    if size == util.spec_replicas(rs) and ann == dict(rs.metadata.annotations):
        return
    old_scale = util.spec_replicas(rs)
    p.update_rs(util.with_annotations(util.with_rs_replicas(rs, size), ann))
    if size != old_scale:
        direction = "up" if size > old_scale else "down"
        p.event("Normal", "ScalingReplicaSet",
                f"Scaled {direction} replica set {rs.metadata.name} to {size} from {old_scale}")


def proportional_sizes(d: util.Deployment, new_rs: ReplicaSet | None, old_rss: list[ReplicaSet]) -> dict[str, int]:
    """Model-only (around sync.go scale): The sizes ``scale`` would give every RS (a convenience for tests and
    the conformance op)."""
    p = Pass(d=d)
    scale(p, new_rs, old_rss)
    out = {rs.metadata.name: util.spec_replicas(rs) for rs in [*old_rss, *([new_rs] if new_rs else [])]}
    for name, rs in p.rs_view.items():
        out[name] = util.spec_replicas(rs)
    return out


# --- cleanup -----------------------------------------------------------------------------------------


def cleanup_deployment(p: Pass, old_rss: list[ReplicaSet]) -> list[str]:
    """Mirrors sync.go: cleanupDeployment. Returns the names deleted.

    Beyond revisionHistoryLimit, the oldest revisions go first; an RS that still has replicas (spec or
    status), has an unobserved generation or (gate DeploymentReplicaSetTerminatingReplicas) has
    terminating or unknown terminating pods is skipped, not replaced by a newer one.
    """
    d = p.d
    if not util.has_revision_history_limit(d):
        return []
    assert d.spec.revision_history_limit is not None
    cleanable = [rs for rs in old_rss if rs is not None and rs.metadata.deletion_timestamp is None]
    diff = len(cleanable) - d.spec.revision_history_limit
    if diff <= 0:
        return []
    deleted: list[str] = []
    for rs in util.sort_by_revision(cleanable)[:diff]:
        if (rs.status.replicas != 0 or util.spec_replicas(rs) != 0
                or rs.metadata.generation > rs.status.observed_generation
                or rs.metadata.deletion_timestamp is not None):
            continue
        if p.gates.deployment_replica_set_terminating_replicas and rs.status.terminating_replicas != 0:
            continue
        p.delete_rs(rs)
        deleted.append(rs.metadata.name)
    return deleted


# --- status ------------------------------------------------------------------------------------------


def calculate_status(all_rss: list[ReplicaSet | None], new_rs: ReplicaSet | None, d: util.Deployment,
                     now: int, gates: FeatureGates = NO_GATES) -> DeploymentStatus:
    """Mirrors sync.go: calculateStatus (counts from RS statuses; unavailable mixes spec and status;
    the Available condition against MaxUnavailable)."""
    available = util.get_available_replica_count(all_rss)
    total = util.get_replica_count(all_rss)
    unavailable = max(0, total - available)
    status = DeploymentStatus(
        observed_generation=d.metadata.generation,
        replicas=util.get_actual_replica_count(all_rss),
        updated_replicas=util.get_actual_replica_count([new_rs]),
        ready_replicas=util.get_ready_replica_count(all_rss),
        available_replicas=available,
        unavailable_replicas=unavailable,
        terminating_replicas=(util.get_terminating_replica_count(all_rss)
                              if gates.deployment_replica_set_terminating_replicas else None),
        conditions=d.status.conditions,
        collision_count=d.status.collision_count,
    )
    if available >= util.d_replicas(d) - util.max_unavailable(d):
        cond = util.new_deployment_condition(util.DEPLOYMENT_AVAILABLE, "True", util.MINIMUM_REPLICAS_AVAILABLE,
                                             "Deployment has minimum availability.", now)
    else:
        cond = util.new_deployment_condition(util.DEPLOYMENT_AVAILABLE, "False", util.MINIMUM_REPLICAS_UNAVAILABLE,
                                             "Deployment does not have minimum availability.", now)
    return util.set_deployment_condition(status, cond)


def sync_deployment_status(p: Pass, all_rss: list[ReplicaSet | None], new_rs: ReplicaSet | None) -> None:
    """Mirrors sync.go: syncDeploymentStatus (write the status only when it changed)."""
    new_status = calculate_status(all_rss, new_rs, p.d, p.now, p.gates)
    if new_status == p.d.status:
        return
    p.set_status(new_status)
    p.update_status()


def check_paused_conditions(p: Pass) -> None:
    """Mirrors sync.go: checkPausedConditions (Progressing Unknown DeploymentPaused / DeploymentResumed,
    only with a progress deadline and never over ProgressDeadlineExceeded)."""
    d = p.d
    if not util.has_progress_deadline(d):
        return
    cond = util.get_deployment_condition(d.status, util.DEPLOYMENT_PROGRESSING)
    if cond is not None and cond.reason == util.TIMED_OUT_REASON:
        return
    paused_cond_exists = cond is not None and cond.reason == util.PAUSED_DEPLOY_REASON
    if d.spec.paused and not paused_cond_exists:
        new = util.new_deployment_condition(util.DEPLOYMENT_PROGRESSING, "Unknown", util.PAUSED_DEPLOY_REASON,
                                            "Deployment is paused", p.now)
    elif not d.spec.paused and paused_cond_exists:
        new = util.new_deployment_condition(util.DEPLOYMENT_PROGRESSING, "Unknown", util.RESUMED_DEPLOY_REASON,
                                            "Deployment is resumed", p.now)
    else:
        return
    p.set_status(util.set_deployment_condition(d.status, new))
    p.update_status()


def is_scaling_event(p: Pass, rs_list: list[ReplicaSet], namespace_rss: dict[str, ReplicaSet] | None = None) -> bool:
    """Mirrors sync.go: isScalingEvent (an active RS's desired-replicas annotation differs from
    ``replicas``; RSs without the annotation are ignored)."""
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(p, rs_list, False, namespace_rss)
    for rs in util.filter_active_replica_sets([*old_rss, new_rs]):
        desired, ok = util.get_desired_replicas_annotation(rs)
        if ok and desired != util.d_replicas(p.d):
            return True
    return False


def sync(p: Pass, rs_list: list[ReplicaSet], namespace_rss: dict[str, ReplicaSet] | None = None) -> None:
    """Mirrors sync.go: sync (paused Deployments and scaling events): no new RS is created; scale,
    clean up when paused without a pending rollback, recompute the plain status."""
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(p, rs_list, False, namespace_rss)
    scale_v2(p, new_rs, old_rss)
    if p.d.spec.paused and get_rollback_to(p.d) is None:
        cleanup_deployment(p, old_rss)
    sync_deployment_status(p, [*old_rss, new_rs], new_rs)


def sync_status_only(p: Pass, rs_list: list[ReplicaSet], namespace_rss: dict[str, ReplicaSet] | None = None) -> None:
    """Mirrors sync.go: syncStatusOnly (a Deployment being deleted)."""
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(p, rs_list, False, namespace_rss)
    sync_deployment_status(p, [*old_rss, new_rs], new_rs)
