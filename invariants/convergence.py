"""Liveness and reachability: rollouts complete, ReplicaSets converge despite lost events, and the
model can actually get somewhere (``sometimes`` properties catch a vacuous model).

``eventually`` properties are read as ``<>[]P`` on runs where users and faults have stopped, under
weak fairness of controller actions (checkers/bmc.py). Time stops at the model's horizon
(``config.max_seconds``), so "eventually" means "before the horizon": a setup must leave enough
time for the timers it relies on (a relist after 30 s, a toleration of 300 s).
"""

from __future__ import annotations

from typing import Any

from invariants import view
from invariants.property import Property
from model.controllers.deployment import util


def _complete(d: Any) -> bool:
    return util.deployment_complete(d, d.status)


def _rollout_complete(model: Any, state: Any) -> bool:
    env = getattr(state, "env", None)
    unpullable: tuple[str, ...] = tuple(getattr(env, "unpullable", None) or ())
    nodes_env: tuple[Any, ...] = tuple(getattr(env, "nodes", None) or ())
    if unpullable or any(not n.up for n in nodes_env):
        return True  # a lasting fault: Kubernetes reports ProgressDeadlineExceeded instead
    return all(_complete(d) for d in view.deployments(state) if not d.spec.paused
               and d.metadata.deletion_timestamp is None)


EVENTUAL_ROLLOUT_COMPLETION = Property(
    "eventual_rollout_completion", "eventually", _rollout_complete,
    """Once users stop changing a Deployment and faults stop, its rollout completes and stays complete.

    Complete is DeploymentComplete on the status the controller wrote: updated = replicas =
    available = spec.replicas and observedGeneration ≥ generation (semantics/deployment.md §10).
    Not promised while paused, with an image that cannot be pulled or a node that stays down (the
    Progressing condition turns False/ProgressDeadlineExceeded instead), nor without capacity.""",
    group="convergence",
)


def _rs_converged(model: Any, state: Any) -> bool:
    pods = view.pods(state)
    for rs in view.replicasets(state):
        if rs.metadata.deletion_timestamp is not None:
            continue
        active = [p for p in view.owned_pods(state, rs, pods) if view.is_pod_active(p)]
        if len(active) != (rs.spec.replicas or 0):
            return False
    for d in view.deployments(state):
        if d.spec.paused or d.metadata.deletion_timestamp is not None:
            continue
        rss = view.owned_rss(state, d)
        if sum(rs.spec.replicas or 0 for rs in rss) != (d.spec.replicas or 0):
            return False
    return True


REPLICAS_CONVERGE = Property(
    "replicas_converge_despite_lost_events", "eventually", _rs_converged,
    """Every ReplicaSet eventually has exactly spec.replicas active pods and every Deployment's
    ReplicaSets add up to its replicas, even after watch events were lost.

    Controllers are level-triggered: a broken watch makes the informer relist and every key is
    re-enqueued, so a lost event delays convergence but cannot prevent it (Kubernetes' design;
    the edge-triggered variant breaks it). Not promised while a node is unreachable and its pods'
    tolerations have not expired (they still count as active).""",
    group="convergence",
)


def _rollout_happened(model: Any, state: Any) -> bool:
    return any(d.metadata.generation >= 2 and _complete(d) and util.revision(d) >= 2
               for d in view.deployments(state))


def _changes_a_template(model: Any) -> bool:
    cfg = getattr(model, "config", None)
    return any(type(a).__name__ in ("UpdateImage", "Apply", "Undo", "RollbackTo") for a in getattr(cfg, "script", ()))


ROLLOUT_COMPLETES = Property(
    "a_rollout_completes", "sometimes", _rollout_happened,
    """Reachability: some run completes a rollout of a changed template (revision ≥ 2).

    If no state satisfies this, every safety result about rollouts is vacuous. Applies when the
    user changes a template (an image update, an apply, an undo).""",
    applies=_changes_a_template,
    group="convergence",
)


_INITIAL_PODS: dict[int, tuple[Any, frozenset[str]]] = {}


def _initial_pod_uids(model: Any) -> frozenset[str]:
    cached = _INITIAL_PODS.get(id(model))
    if cached is None or cached[0] is not model:
        uids = frozenset(p.metadata.uid for s in model.init_states() for p in view.pods(s))
        cached = _INITIAL_PODS[id(model)] = (model, uids)
    return cached[1]


def _new_pod_ready(model: Any, state: Any) -> bool:
    first = _initial_pod_uids(model)
    return any(view.is_pod_ready(p) and p.metadata.uid not in first for p in view.pods(state))


POD_BECOMES_READY = Property(
    "a_new_pod_becomes_ready", "sometimes", _new_pod_ready,
    """Reachability: some pod created during the run is scheduled, started and becomes Ready.""",
    group="convergence",
)

HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history"


def _rolled_back(model: Any, state: Any) -> bool:
    from model.objects import get_annotation

    for d in view.deployments(state):
        if not _complete(d):
            continue
        for rs in view.owned_rss(state, d):
            if (rs.spec.replicas or 0) == d.spec.replicas and get_annotation(rs.metadata, HISTORY_ANNOTATION) \
                    and util.equal_ignore_hash(rs.spec.template, d.spec.template):
                return True
    return False


def _has_undo(model: Any) -> bool:
    cfg = getattr(model, "config", None)
    return any(type(a).__name__ in ("Undo", "RollbackTo") for a in getattr(cfg, "script", ()))


ROLLBACK_COMPLETES = Property(
    "a_rollback_completes", "sometimes", _rolled_back,
    """Reachability: after `kubectl rollout undo`, the old ReplicaSet becomes the new one again (its
    previous revision recorded in revision-history) and the rollout back completes.""",
    applies=_has_undo,
    group="convergence",
)

PROPERTIES = (ROLLBACK_COMPLETES, EVENTUAL_ROLLOUT_COMPLETION, REPLICAS_CONVERGE, ROLLOUT_COMPLETES, POD_BECOMES_READY)
