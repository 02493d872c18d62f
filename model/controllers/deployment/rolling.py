"""RollingUpdate: mirrors pkg/controller/deployment/rolling.go.

One sync either grows the new ReplicaSet (within maxSurge) or shrinks the old ones (within
maxUnavailable), never both, except when the new RS was created in this very pass already sized.
"""

from __future__ import annotations

from model.controllers.deployment import util
from model.controllers.deployment.context import Pass
from model.controllers.deployment.progress import sync_rollout_status
from model.controllers.deployment.sync import (
    SyncError,
    cleanup_deployment,
    get_all_replica_sets_and_sync_revision,
)
from model.objects import ReplicaSet


def reconcile_new_replica_set(p: Pass, all_rss: list[ReplicaSet | None], new_rs: ReplicaSet) -> bool:
    """Mirrors rolling.go: reconcileNewReplicaSet -> scaled.

    At ``replicas``: nothing. Above: straight down to ``replicas`` (maxUnavailable not consulted).
    Below: up to NewRSNewReplicas.
    """
    d = p.d
    if util.spec_replicas(new_rs) == util.d_replicas(d):
        return False
    if util.spec_replicas(new_rs) > util.d_replicas(d):
        scaled, _ = p.scale_replica_set_and_record_event(new_rs, util.d_replicas(d))
        return scaled
    count = util.new_rs_new_replicas(d, all_rss, new_rs, p.gates.deployment_pod_replacement_policy)
    scaled, _ = p.scale_replica_set_and_record_event(new_rs, count)
    return scaled


def cleanup_unhealthy_replicas(p: Pass, old_rss: list[ReplicaSet], max_cleanup_count: int) -> tuple[list[ReplicaSet], int]:
    """Mirrors rolling.go: cleanupUnhealthyReplicas -> (old RSs as updated, replicas removed).

    Oldest first, removes up to ``spec - available`` from each RS until ``max_cleanup_count`` is used,
    trusting the ReplicaSet controller to delete the unhealthy pods first. A status claiming more
    available than spec is the Go error "invalid request to scale down" (``SyncError``).
    """
    ordered = util.sort_by_creation_timestamp(old_rss)
    total = 0
    for i, rs in enumerate(ordered):
        if total >= max_cleanup_count:
            break
        spec = util.spec_replicas(rs)
        if spec == 0 or spec == rs.status.available_replicas:
            continue
        count = min(max_cleanup_count - total, spec - rs.status.available_replicas)
        new_count = spec - count
        if new_count > spec:
            raise SyncError(f"when cleaning up unhealthy replicas, got invalid request to scale down "
                            f"{rs.metadata.namespace}/{rs.metadata.name} {spec} -> {new_count}")
        _, updated = p.scale_replica_set_and_record_event(rs, new_count)
        total += count
        ordered[i] = updated
    return ordered, total


def scale_down_old_replica_sets_for_rolling_update(p: Pass, all_rss: list[ReplicaSet | None],
                                                   old_rss: list[ReplicaSet]) -> int:
    """Mirrors rolling.go: scaleDownOldReplicaSetsForRollingUpdate -> replicas removed.

    Removes ``available - minAvailable`` replicas (available from the RS statuses, new RS included)
    from the old RSs, oldest first.
    """
    d = p.d
    min_avail = util.d_replicas(d) - util.max_unavailable(d)
    available = util.get_available_replica_count(all_rss)
    if available <= min_avail:
        return 0
    total = 0
    budget = available - min_avail
    for rs in util.sort_by_creation_timestamp(old_rss):
        if total >= budget:
            break
        spec = util.spec_replicas(rs)
        if spec == 0:
            continue
        count = min(spec, budget - total)
        p.scale_replica_set_and_record_event(rs, spec - count)
        total += count
    return total


def reconcile_old_replica_sets(p: Pass, all_rss: list[ReplicaSet | None], old_rss: list[ReplicaSet],
                               new_rs: ReplicaSet | None) -> bool:
    """Mirrors rolling.go: reconcileOldReplicaSets -> scaled.

    ``maxScaledDown = Σspec(all) - minAvailable - (spec(new) - available(new))``; unhealthy old
    replicas go first, then healthy ones while availability stays above minAvailable. Errors of the
    two steps end the step with "not scaled", as in Kubernetes.
    """
    d = p.d
    if util.get_replica_count(old_rss) == 0:
        return False
    all_pods = util.get_replica_count(all_rss)
    min_avail = util.d_replicas(d) - util.max_unavailable(d)
    new_unavailable = util.spec_replicas(new_rs) - (new_rs.status.available_replicas if new_rs else 0)
    max_scaled_down = all_pods - min_avail - new_unavailable
    if max_scaled_down <= 0:
        return False
    try:
        cleaned_rss, cleanup_count = cleanup_unhealthy_replicas(p, old_rss, max_scaled_down)
    except SyncError:
        return False
    scaled_down = scale_down_old_replica_sets_for_rolling_update(p, [*cleaned_rss, new_rs], cleaned_rss)
    return cleanup_count + scaled_down > 0


def rollout_rolling(p: Pass, rs_list: list[ReplicaSet], namespace_rss: dict[str, ReplicaSet] | None = None) -> None:
    """Mirrors rolling.go: rolloutRolling.

    The status written at the end is computed from the RSs as they were read at the start of the
    pass (after the new RS was found or created), as in Kubernetes.
    """
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(p, rs_list, True, namespace_rss)
    assert new_rs is not None
    all_rss: list[ReplicaSet | None] = [*old_rss, new_rs]
    if reconcile_new_replica_set(p, all_rss, new_rs):
        sync_rollout_status(p, all_rss, new_rs)
        return
    if reconcile_old_replica_sets(p, all_rss, util.filter_active_replica_sets(old_rss), new_rs):
        sync_rollout_status(p, all_rss, new_rs)
        return
    if util.deployment_complete(p.d, p.d.status):
        cleanup_deployment(p, old_rss)
    sync_rollout_status(p, all_rss, new_rs)
