"""Rollout progress: mirrors pkg/controller/deployment/progress.go.

``rollout_status`` computes what ``syncRolloutStatus`` writes (the status with its Progressing and
ReplicaFailure conditions); ``sync_rollout_status`` records the write on a ``Pass`` or, when nothing
changed, the requeue ``requeue_stuck_deployment`` asks for.
"""

from __future__ import annotations

import dataclasses

from model.controllers.deployment import util
from model.controllers.deployment.context import NO_GATES, FeatureGates, Pass
from model.controllers.deployment.sync import calculate_status
from model.objects import Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet
from model.timeutil import GO_ZERO_TIME, NANOS


def get_replica_failures(all_rss: list[ReplicaSet | None], new_rs: ReplicaSet | None) -> list[DeploymentCondition]:
    """Mirrors progress.go: getReplicaFailures (the new RS's ReplicaFailure conditions win over the old RSs')."""
    conds: list[DeploymentCondition] = []
    if new_rs is not None:
        conds = [util.replica_set_to_deployment_condition(c) for c in new_rs.status.conditions
                 if c.type == util.RS_REPLICA_FAILURE]
    if conds:
        return conds
    for rs in all_rss:
        if rs is None:
            continue
        conds.extend(util.replica_set_to_deployment_condition(c) for c in rs.status.conditions
                     if c.type == util.RS_REPLICA_FAILURE)
    return conds


def rollout_status(d: Deployment, all_rss: list[ReplicaSet | None], new_rs: ReplicaSet | None, now: int,
                   gates: FeatureGates = NO_GATES) -> DeploymentStatus:
    """The status syncRolloutStatus (progress.go) computes: calculateStatus, then the Progressing
    condition (complete -> NewReplicaSetAvailable, progress -> ReplicaSetUpdated with a fresh
    lastUpdateTime, past the deadline -> ProgressDeadlineExceeded) and ReplicaFailure copied from the RSs."""
    new_status = calculate_status(all_rss, new_rs, d, now, gates)
    if not util.has_progress_deadline(d):
        new_status = util.remove_deployment_condition(new_status, util.DEPLOYMENT_PROGRESSING)
    current = util.get_deployment_condition(d.status, util.DEPLOYMENT_PROGRESSING)
    is_complete = (new_status.replicas == new_status.updated_replicas and current is not None
                   and current.reason == util.NEW_RS_AVAILABLE_REASON)
    if util.has_progress_deadline(d) and not is_complete:
        subject = f'ReplicaSet "{new_rs.metadata.name}"' if new_rs is not None else f'Deployment "{d.metadata.name}"'
        if util.deployment_complete(d, new_status):
            cond = util.new_deployment_condition(util.DEPLOYMENT_PROGRESSING, "True", util.NEW_RS_AVAILABLE_REASON,
                                                 f"{subject} has successfully progressed.", now)
            new_status = util.set_deployment_condition(new_status, cond)
        elif util.deployment_progressing(d, new_status):
            cond = util.new_deployment_condition(util.DEPLOYMENT_PROGRESSING, "True", util.REPLICA_SET_UPDATED_REASON,
                                                 f"{subject} is progressing.", now)
            if current is not None:
                if current.status == "True":
                    cond = dataclasses.replace(cond, last_transition_time=current.last_transition_time)
                new_status = util.remove_deployment_condition(new_status, util.DEPLOYMENT_PROGRESSING)
            new_status = util.set_deployment_condition(new_status, cond)
        elif util.deployment_timed_out(d, new_status, now):
            cond = util.new_deployment_condition(util.DEPLOYMENT_PROGRESSING, "False", util.TIMED_OUT_REASON,
                                                 f"{subject} has timed out progressing.", now)
            new_status = util.set_deployment_condition(new_status, cond)
    failures = get_replica_failures(all_rss, new_rs)
    if failures:
        new_status = util.set_deployment_condition(new_status, failures[0])
    else:
        new_status = util.remove_deployment_condition(new_status, util.DEPLOYMENT_REPLICA_FAILURE)
    return new_status


def requeue_stuck_deployment(d: Deployment, new_status: DeploymentStatus, now: int | None) -> int:
    """Mirrors progress.go: requeueStuckDeployment -> nanoseconds.

    -1: no requeue (no deadline, no Progressing condition, complete, or already timed out); 0: requeue
    now (less than a second left); otherwise the time left until the deadline (the controller enqueues
    after that plus one second).
    """
    current = util.get_deployment_condition(d.status, util.DEPLOYMENT_PROGRESSING)
    if not util.has_progress_deadline(d) or current is None:
        return -1
    if util.deployment_complete(d, new_status) or current.reason == util.TIMED_OUT_REASON:
        return -1
    if now is None:
        raise util.ModelError("Invalid", "a clock (now) is needed to estimate the deadline", field="now")
    assert d.spec.progress_deadline_seconds is not None
    last = GO_ZERO_TIME if current.last_update_time is None else current.last_update_time
    # Go's Time.Sub saturates at the int64 Duration bounds.
    after = max(-(2**63), min(2**63 - 1, last + d.spec.progress_deadline_seconds * NANOS - now))
    if after < NANOS:
        return 0
    return after


def sync_rollout_status(p: Pass, all_rss: list[ReplicaSet | None], new_rs: ReplicaSet | None) -> None:
    """Mirrors progress.go: syncRolloutStatus (write the status when it changed, else maybe requeue)."""
    new_status = rollout_status(p.d, all_rss, new_rs, p.now, p.gates)
    if new_status == p.d.status:
        after = requeue_stuck_deployment(p.d, new_status, p.now)
        if after == 0:
            p.rate_limited_requeue = True
            p.requeue_after = 0
        elif after > 0:
            p.requeue_after = after + NANOS
        return
    p.set_status(new_status)
    p.update_status()
