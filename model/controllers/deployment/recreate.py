"""Recreate: mirrors pkg/controller/deployment/recreate.go.

Scale every old ReplicaSet to 0, wait until no old pod is left running, then create (or scale up)
the new ReplicaSet to ``replicas``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from model.controllers.deployment import util
from model.controllers.deployment.context import Pass
from model.controllers.deployment.progress import sync_rollout_status
from model.controllers.deployment.sync import (
    SyncError,
    cleanup_deployment,
    get_all_replica_sets_and_sync_revision,
)
from model.objects import Pod, ReplicaSet

_TERMINAL_PHASES = ("Failed", "Succeeded")


def old_pods_running(new_rs: ReplicaSet | None, old_rss: Sequence[ReplicaSet],
                     pod_map: Mapping[str, Sequence[Pod]]) -> bool:
    """Mirrors recreate.go: oldPodsRunning.

    True when an old RS still reports pods (status.replicas > 0) or a pod outside the new RS (by RS
    UID) is in a non-terminal phase (Pending, Running, Unknown or empty).
    """
    if util.get_actual_replica_count(old_rss) > 0:
        return True
    for rs_uid, pods in pod_map.items():
        if new_rs is not None and new_rs.metadata.uid == rs_uid:
            continue
        for pod in pods:
            if pod.status.phase in _TERMINAL_PHASES:
                continue
            return True
    return False


def scale_down_old_replica_sets_for_recreate(p: Pass, old_rss: Sequence[ReplicaSet]) -> bool:
    """Mirrors recreate.go: scaleDownOldReplicaSetsForRecreate -> scaled (every old RS to 0)."""
    scaled = False
    for rs in old_rss:
        if util.spec_replicas(rs) == 0:
            continue
        did, _ = p.scale_replica_set_and_record_event(rs, 0)
        scaled = scaled or did
    return scaled


def scale_up_new_replica_set_for_recreate(p: Pass, new_rs: ReplicaSet) -> bool:
    """Mirrors recreate.go: scaleUpNewReplicaSetForRecreate (with TerminationComplete the size comes
    from NewRSNewReplicas over the new RS alone, so its own terminating pods are waited for)."""
    size = util.d_replicas(p.d)
    if p.gates.deployment_pod_replacement_policy and p.d.spec.pod_replacement_policy == util.TERMINATION_COMPLETE:
        size = util.new_rs_new_replicas(p.d, [new_rs], new_rs, True)
    scaled, _ = p.scale_replica_set_and_record_event(new_rs, size)
    return scaled


def _must_wait_for_old_pods(p: Pass, new_rs: ReplicaSet | None, old_rss: Sequence[ReplicaSet],
                            pod_map: Mapping[str, Sequence[Pod]]) -> bool:
    """The wait step of recreate.go: rolloutRecreate. With the DeploymentPodReplacementPolicy gate and a
    policy set, old RS status decides (pods reported, then terminating pods unless the policy is
    TerminationStarted; an unknown terminating count is an error); otherwise oldPodsRunning."""
    policy = p.d.spec.pod_replacement_policy
    if p.gates.deployment_pod_replacement_policy and policy is not None:
        if util.get_actual_replica_count(old_rss) > 0:
            return True
        if policy != util.TERMINATION_STARTED:
            terminating = util.get_terminating_replica_count(old_rss)
            if terminating is None:
                raise SyncError("failed to calculate terminating replicas")
            return terminating > 0
        return False
    return old_pods_running(new_rs, old_rss, pod_map)


def rollout_recreate(p: Pass, rs_list: list[ReplicaSet], pod_map: Mapping[str, Sequence[Pod]],
                     namespace_rss: dict[str, ReplicaSet] | None = None) -> None:
    """Mirrors recreate.go: rolloutRecreate."""
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(p, rs_list, False, namespace_rss)
    all_rss: list[ReplicaSet | None] = [*old_rss, new_rs]
    active_old = util.filter_active_replica_sets(old_rss)
    if scale_down_old_replica_sets_for_recreate(p, active_old):
        sync_rollout_status(p, all_rss, new_rs)
        return
    if _must_wait_for_old_pods(p, new_rs, old_rss, pod_map):
        sync_rollout_status(p, all_rss, new_rs)
        return
    if new_rs is None:
        new_rs, old_rss = get_all_replica_sets_and_sync_revision(p, rs_list, True, namespace_rss)
        assert new_rs is not None
        all_rss = [*old_rss, new_rs]
    scale_up_new_replica_set_for_recreate(p, new_rs)
    if util.deployment_complete(p.d, p.d.status):
        cleanup_deployment(p, old_rss)
    sync_rollout_status(p, all_rss, new_rs)
