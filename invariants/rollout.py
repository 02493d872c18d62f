"""Deployment rollouts: the surge ceiling, the availability floor, one ReplicaSet per template,
a rollback target in history, rollback restoring the template, proportional scaling.

Mirrors the promises of ``pkg/controller/deployment`` (rolling.go, sync.go, util/deployment_util.go)
as semantics/deployment.md §4, §6–§8 and §15 state them — including where Kubernetes does not
promise them.
"""

from __future__ import annotations

from typing import Any

from invariants import view
from invariants.property import Property, state_true
from model.controllers.deployment import util
from model.objects import get_annotation

DESIRED = "deployment.kubernetes.io/desired-replicas"


def _scaling_in_flight(d: Any, rss: list[Any]) -> bool:
    """A resize (or a maxSurge change) the controller has not finished applying to every active RS."""
    for rs in rss:
        if (rs.spec.replicas or 0) > 0:
            ann = get_annotation(rs.metadata, DESIRED)
            if ann is not None and ann != str(d.spec.replicas):
                return True
    return False


def _surge_bound(model: Any, state: Any) -> bool:
    for d in view.deployments(state):
        if not view.rolling(d) or d.metadata.deletion_timestamp is not None:
            continue
        rss = view.owned_rss(state, d)
        if _scaling_in_flight(d, rss):
            continue
        total = sum(rs.spec.replicas or 0 for rs in rss)
        if total > (d.spec.replicas or 0) + util.max_surge(d):
            return False
    return True


SURGE_BOUND = Property(
    "rolling_update_surge_bound", "always", _surge_bound,
    """During a rolling update Σ spec.replicas of a Deployment's ReplicaSets ≤ replicas + maxSurge.

    Kubernetes promises this of *spec* counts (NewRSNewReplicas refuses to grow past it,
    semantics/deployment.md §3). It does NOT promise it of real pods: terminating pods are outside
    maxSurge (their RS no longer counts them), and a resize or a lowered maxSurge mid-rollout
    leaves the total above the bound until old ReplicaSets drain (§15.5, §15.6) — states where
    a resize is still being applied are excluded.""",
    group="rollout",
)


def _initial_replicas(model: Any) -> dict[tuple[str, str], int | None]:
    cfg = getattr(model, "config", None)
    return {(o.metadata.namespace or "default", o.metadata.name): o.spec.replicas
            for o in getattr(cfg, "objects", ()) if getattr(o, "kind", "") == "Deployment"}


def _availability_floor(model: Any, state: Any) -> bool:
    if view.faulted(model, state):
        return True
    initial = _initial_replicas(model)
    now = view.now(model, state)
    all_pods = view.pods(state)
    for d in view.deployments(state):
        if not view.rolling(d) or d.spec.paused or d.metadata.deletion_timestamp is not None:
            continue
        if initial.get((d.metadata.namespace or "default", d.metadata.name), d.spec.replicas) != d.spec.replicas:
            continue  # resized: new replicas are not available yet, and a shrink may cut at once (§15.5)
        rss = view.owned_rss(state, d)
        if _scaling_in_flight(d, rss):
            continue
        available = sum(1 for rs in rss for p in view.owned_pods(state, rs, all_pods)
                        if view.is_pod_active(p) and view.is_pod_available(p, d.spec.min_ready_seconds, now))
        if available < util.min_available(d):
            return False
    return True


def _started_available(model: Any) -> bool:
    cfg = getattr(model, "config", None)
    return bool(getattr(cfg, "start_settled", False))


AVAILABILITY_FLOOR = Property(
    "rolling_update_availability_floor", "always", _availability_floor,
    """During a rolling update at least replicas − maxUnavailable pods stay available.

    Counted on real pods: active (not terminating) and available for minReadySeconds. Kubernetes
    enforces it in reconcileOldReplicaSets from the ReplicaSets' status (§4); faults void it (a
    node failure or a crash lowers availability and the controller does not compensate beyond
    surge, §15.7), so the property is checked only on fault-free runs. It is not promised for
    Recreate, while paused, after a resize (new pods start unavailable; a shrink may cut at once,
    §15.5), nor when both fenceposts round to 0 and
    maxUnavailable is forced to 1 (§15.4 — the floor then is replicas − 1, which is what
    ``MinAvailable`` returns). It only applies to clusters that start with the application
    running (``startSettled``).

    Nor does Kubernetes keep it when ``kubectl rollout undo`` lands while a ReplicaSet's status is
    stale: a ReplicaSet that has just deleted its last pod still reports it available (its status
    is computed from the pods listed before the deletion), so if the undo makes that ReplicaSet
    the new one again, reconcileOldReplicaSets trusts the stale count and scales the only
    available pod down. The setup ``rollout-then-undo-fresh-caches`` shows it in 15 steps
    (``kubeproof verify --setup rollout-then-undo-fresh-caches``); the default suite's undo
    cluster starts after a finished rollout and does not reach it.""",
    applies=_started_available,
    group="rollout",
)


def _one_rs_per_template(model: Any, state: Any) -> bool:
    for d in view.deployments(state):
        rss = [rs for rs in view.owned_rss(state, d) if rs.metadata.deletion_timestamp is None]
        for i, a in enumerate(rss):
            for b in rss[i + 1:]:
                if util.equal_ignore_hash(a.spec.template, b.spec.template):
                    return False
    return True


ONE_RS_PER_TEMPLATE = Property(
    "one_replicaset_per_template", "always", _one_rs_per_template,
    """A Deployment owns at most one ReplicaSet per pod template (ignoring pod-template-hash).

    getNewReplicaSet finds the existing RS for a template before creating one (FindNewReplicaSet,
    §13); a hash collision bumps collisionCount instead of creating a twin. Not promised across
    orphaned/adopted ReplicaSets created by hand.""",
    group="rollout",
)


def _history_keeps_target(model: Any, state: Any) -> bool:
    for d in view.deployments(state):
        limit = d.spec.revision_history_limit
        if limit is not None and limit < 1:
            continue
        rss = view.owned_rss(state, d)
        revs = sorted({util.revision(rs) for rs in rss})
        if not revs:
            continue
        top = revs[-1]
        if top < 2:
            continue
        # the current RS must be complete before the old one may be cleaned; afterwards a
        # previous revision must remain for `kubectl rollout undo`
        if len(revs) < 2:
            return False
    return True


HISTORY_KEEPS_ROLLBACK_TARGET = Property(
    "history_keeps_rollback_target", "always", _history_keeps_target,
    """After a rollout, a previous revision's ReplicaSet is kept so the rollout can be undone.

    cleanupDeployment deletes only the oldest drained ReplicaSets beyond revisionHistoryLimit
    (§7). Not promised when revisionHistoryLimit is 0 (every drained old RS is deleted), nor for
    ReplicaSets deleted by a user.""",
    group="rollout",
)


def _undo_restores(model: Any, before: Any, action: Any, after: Any) -> bool:
    name = type(action).__name__
    if name not in ("Undo",):
        return True
    d_name = getattr(action, "deployment", "")
    d_before = next((d for d in view.deployments(before) if d.metadata.name == d_name), None)
    d_after = next((d for d in view.deployments(after) if d.metadata.name == d_name), None)
    if d_before is None or d_after is None or d_before.spec.paused:
        return True
    rss = view.owned_rss(before, d_before)
    revs = sorted({util.revision(rs) for rs in rss})
    target_rev = getattr(action, "to_revision", 0) or (revs[-2] if len(revs) >= 2 else None)
    target = next((rs for rs in rss if util.revision(rs) == target_rev), None)
    if target is None:
        return True
    return util.equal_ignore_hash(d_after.spec.template, target.spec.template)


ROLLBACK_RESTORES_TEMPLATE = Property(
    "rollback_restores_template", "always", state_true,
    """`kubectl rollout undo` makes the Deployment's template the target revision's template.

    kubectl copies the target ReplicaSet's template, minus pod-template-hash, into the Deployment
    (semantics/deployment.md §8); the controller then rolls it out like any template change (its
    completion is ``eventual_rollout_completion``; that it is reachable is ``a_rollback_completes``).
    Not promised on a paused Deployment (kubectl refuses), nor for the deprecated rollbackTo
    annotation, which the controller only acts on at its next sync.""",
    step=_undo_restores,
    group="rollout",
)


PROPERTIES: tuple[Property, ...] = (SURGE_BOUND, AVAILABILITY_FLOOR, ONE_RS_PER_TEMPLATE, HISTORY_KEEPS_ROLLBACK_TARGET,
              ROLLBACK_RESTORES_TEMPLATE)


def _proportional_exact(model: Any, before: Any, action: Any, after: Any) -> bool:
    # the step in which the Deployment controller applied a resize to every active RS (their
    # desired-replicas annotations all catch up with spec.replicas in this one pass)
    if getattr(action, "controller", None) != "deployment-controller":
        return True
    for d in view.deployments(after):
        if d.spec.strategy.type != "RollingUpdate":
            continue
        was = [rs for rs in view.owned_rss(before, d) if (rs.spec.replicas or 0) > 0]
        if len(was) < 2 or not _scaling_in_flight(d, was):
            continue
        now = {rs.metadata.name: rs for rs in view.owned_rss(after, d)}
        if any(rs.metadata.name not in now for rs in was) or _scaling_in_flight(d, [now[rs.metadata.name] for rs in was]):
            continue  # a pass cut short (a conflict): the resize is not done yet
        if any((now[rs.metadata.name].spec.replicas or 0) == 0 for rs in was):
            continue  # clamped at 0: Kubernetes overshoots here (§15.5)
        allowed = (d.spec.replicas or 0) + util.max_surge(d) if (d.spec.replicas or 0) > 0 else 0
        if sum(now[rs.metadata.name].spec.replicas or 0 for rs in was) != allowed:
            return False
    return True


PROPORTIONAL_SCALING_EXACT = Property(
    "proportional_scaling_exact", "always", state_true,
    """A resize mid-rollout shares out exactly replicas + maxSurge among the active ReplicaSets.

    Proved by z3 over unbounded integers (``checkers/smt.py``: proportional-scaling-exact); explored
    as the step in which the Deployment controller applies a resize to every active ReplicaSet.
    Kubernetes does NOT promise it when the leftover would make the largest RS negative: it is
    clamped at 0 and the total overshoots (§15.5, obligation proportional-scaling-clamped).""",
    step=_proportional_exact,
    group="rollout",
)

PROPERTIES = (*PROPERTIES, PROPORTIONAL_SCALING_EXACT)


def _images(p: Any) -> tuple[str, ...]:
    return tuple(c.image for c in p.spec.containers)


def _recreate_no_overlap(model: Any, state: Any) -> bool:
    for d in view.deployments(state):
        if d.spec.strategy.type != "Recreate":
            continue
        want = _images(d.spec.template)
        templates: set[tuple[str, ...]] = set()
        for rs in view.owned_rss(state, d):
            for p in view.owned_pods(state, rs):
                if p.status.phase not in ("Succeeded", "Failed"):
                    templates.add(_images(p))
        if len(templates) > 1 and want in templates:
            return False
    return True


RECREATE_NO_OVERLAP = Property(
    "recreate_old_and_new_never_together", "always", _recreate_no_overlap,
    """A Recreate rollout starts pods of the new template only once every old pod is gone.

    rolloutRecreate waits while oldPodsRunning (semantics/deployment.md §5): any old RS with
    status.replicas > 0 or any old pod not Succeeded/Failed — including terminating pods whose
    containers still run. Recreate promises no overlap, not availability (downtime by design).""",
    group="rollout",
)

PROPERTIES = (*PROPERTIES, RECREATE_NO_OVERLAP)
