"""One ``syncDeployment`` as a pure function: mirrors pkg/controller/deployment/deployment_controller.go.

API (for the transition system)::

    sync_deployment(deployment, replica_sets, pods_by_rs_uid, now, feature_gates=None) -> SyncResult

* ``deployment``: the Deployment as the controller's informer cache has it.
* ``replica_sets``: every ReplicaSet in the cache (any namespace; only the Deployment's namespace is
  looked at). The pass claims them as ``getReplicaSetsForDeployment`` does: RSs it controls and whose
  labels match its selector, plus orphans it adopts; controlled RSs that no longer match are released.
* ``pods_by_rs_uid``: ``{rs uid: pods}``, pods grouped by their controller's UID. As
  ``getPodMapForDeployment`` does, only pods of claimed RSs that match the Deployment's selector (and
  namespace) are kept. Only Recreate reads them: any non-terminal pod outside the new RS blocks it.
* ``now``: int nanoseconds, the clock for condition times and the progress deadline.
* ``feature_gates``: ``{"DeploymentReplicaSetTerminatingReplicas": bool,
  "DeploymentPodReplacementPolicy": bool}`` or a ``FeatureGates``; absent gates are off.

``SyncResult`` (frozen):

* ``actions``: the API calls in the order made, each a value from ``context``:
  ``CreateReplicaSet(replica_set)`` (name ``<deployment>-<hash>``, hash label and selector, controller
  ownerRef, revision/desired/max annotations, ``creationTimestamp=now``, empty ``uid`` for the API
  server to fill), ``UpdateReplicaSet(replica_set)`` (whole object: scale, annotations, minReadySeconds,
  adoption/release of the ownerRef), ``DeleteReplicaSet(name, uid)``, ``UpdateDeploymentStatus(deployment)``
  (status plus annotations such as the revision) and ``UpdateDeployment(deployment)`` (rollback: template,
  annotations, cleared rollback request). Apply them in order; a later write of the same object
  supersedes an earlier one.
* ``deployment``: the Deployment as the controller last wrote it (equal to the input when nothing
  was written); ``status`` is its status.
* ``replica_sets``: the controller's view of its own RSs after its writes, by name.
* ``events``: ``Event(type, reason, message)`` values.
* ``requeue_after``: None, or nanoseconds after which the Deployment should be synced again (the
  progress-deadline check; 0 means "now, rate limited").
* ``error``: None, or the message of the error Go's syncDeployment returns (e.g. a pod-template-hash
  collision: collisionCount has been bumped and the work queue retries with backoff).

Deliberate differences from Kubernetes: the pod-template hash is not Go's FNV of a spew dump (see
``util.compute_hash``); ``isScalingEvent`` syncs the new RS's annotations once and the later steps see
that write (Go would repeat the same Update from its stale cache); writes never fail (no conflicts,
no API errors), which the transition system models at the API server instead; a created RS carries
``creationTimestamp=now`` so later passes can order it. With the DeploymentPodReplacementPolicy gate
and ``TerminationComplete``, scaling events go through ``sync.scale_v2``, whose allocation order was
inferred from Kubernetes' TestScale rows (the scaleV2 source is not in the reference index), and a
Recreate new RS is sized by NewRSNewReplicas with the same inferred bound.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from model import labels
from model.controllers.deployment import util
from model.controllers.deployment.context import (
    Action,
    Event,
    FeatureGates,
    Pass,
)
from model.controllers.deployment.recreate import rollout_recreate
from model.controllers.deployment.rollback import rollback
from model.controllers.deployment.rolling import rollout_rolling
from model.controllers.deployment.sync import (
    SyncError,
    check_paused_conditions,
    get_rollback_to,
    is_scaling_event,
    sync,
    sync_status_only,
)
from model.errors import ModelError
from model.objects import (
    Deployment,
    DeploymentStatus,
    LabelSelector,
    OwnerReference,
    Pod,
    ReplicaSet,
    controller_ref,
)


@dataclass(frozen=True, slots=True)
class SyncResult:
    """Model-only: what one syncDeployment did (see the module docstring)."""

    deployment: Deployment
    actions: tuple[Action, ...] = ()
    replica_sets: tuple[ReplicaSet, ...] = ()
    events: tuple[Event, ...] = ()
    requeue_after: int | None = None
    error: str | None = None

    @property
    def status(self) -> DeploymentStatus:
        """Model-only: the Deployment status the pass last wrote (None when it wrote none)."""
        return self.deployment.status


def claim_replica_sets(p: Pass, candidates: Sequence[ReplicaSet]) -> list[ReplicaSet]:
    """Mirrors deployment_controller.go: getReplicaSetsForDeployment with
    controller_ref_manager.go: ClaimReplicaSets (adopt matching orphans, release non-matching RSs)."""
    d = p.d
    try:
        selector = labels.label_selector_as_selector(d.spec.selector)
    except ModelError as exc:
        raise SyncError(f"deployment {d.metadata.namespace}/{d.metadata.name} has invalid label selector: "
                        f"{exc.message}") from None
    deleting = d.metadata.deletion_timestamp is not None
    claimed: list[ReplicaSet] = []
    for rs in candidates:
        ref = controller_ref(rs.metadata)
        matches = labels.matches(selector, rs.metadata.labels)
        if ref is not None:
            if ref.uid != d.metadata.uid:
                continue
            if matches:
                claimed.append(rs)
                continue
            if deleting:
                continue
            refs = tuple(r for r in rs.metadata.owner_references if r.uid != d.metadata.uid)
            p.update_rs(dataclasses.replace(rs, metadata=dataclasses.replace(rs.metadata, owner_references=refs)))
            continue
        if deleting or not matches or rs.metadata.deletion_timestamp is not None:
            continue
        owner = OwnerReference(api_version="apps/v1", kind="Deployment", name=d.metadata.name,
                                    uid=d.metadata.uid, controller=True, block_owner_deletion=True)
        adopted = dataclasses.replace(
            rs, metadata=dataclasses.replace(rs.metadata, owner_references=(*rs.metadata.owner_references, owner)))
        claimed.append(p.update_rs(adopted))
    return claimed


def pod_map_for_deployment(d: Deployment, rs_list: Sequence[ReplicaSet],
                           pods_by_rs_uid: Mapping[str, Sequence[Pod]]) -> dict[str, list[Pod]]:
    """Mirrors deployment_controller.go: getPodMapForDeployment: the pods matching the Deployment's
    selector, grouped by the claimed RS that controls them (inactive pods included: Recreate needs them)."""
    selector = labels.label_selector_as_selector(d.spec.selector)
    pod_map: dict[str, list[Pod]] = {rs.metadata.uid: [] for rs in rs_list}
    for uid, pods in pods_by_rs_uid.items():
        if uid not in pod_map:
            continue
        for pod in pods:
            ref = controller_ref(pod.metadata)
            owner = uid if ref is None else ref.uid
            if owner in pod_map and labels.matches(selector, pod.metadata.labels) and \
                    pod.metadata.namespace == d.metadata.namespace:
                pod_map[owner].append(pod)
    return pod_map


def _gates(feature_gates: Mapping[str, bool] | FeatureGates | None) -> FeatureGates:
    if isinstance(feature_gates, FeatureGates):
        return feature_gates
    return FeatureGates.from_mapping(feature_gates)


def sync_deployment(
    deployment: Deployment,
    replica_sets: Sequence[ReplicaSet],
    pods_by_rs_uid: Mapping[str, Sequence[Pod]],
    now: int,
    feature_gates: Mapping[str, bool] | FeatureGates | None = None,
) -> SyncResult:
    """Mirrors deployment_controller.go: syncDeployment, as one pure step (see the module docstring).

    Order: an empty selector only bumps observedGeneration; a Deployment being deleted gets its
    status only; then the paused conditions; paused -> ``sync``; a rollback request -> ``rollback``;
    a scaling event -> ``sync``; otherwise the Recreate or RollingUpdate rollout.
    """
    p = Pass(d=deployment, now=now, gates=_gates(feature_gates))
    ns = deployment.metadata.namespace
    in_ns = [rs for rs in replica_sets if rs.metadata.namespace == ns]
    namespace_rss = {rs.metadata.name: rs for rs in in_ns}
    error: str | None = None
    rs_list: list[ReplicaSet] = []
    try:
        d = p.d
        if d.spec.selector is not None and d.spec.selector == LabelSelector():
            p.event("Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.")
            if d.status.observed_generation < d.metadata.generation:
                p.set_status(dataclasses.replace(d.status, observed_generation=d.metadata.generation))
                p.update_status()
            return _result(p, [], None)
        rs_list = claim_replica_sets(p, in_ns)
        pod_map = pod_map_for_deployment(d, rs_list, pods_by_rs_uid)
        if d.metadata.deletion_timestamp is not None:
            sync_status_only(p, rs_list, namespace_rss)
            return _result(p, rs_list, None)
        check_paused_conditions(p)
        if p.d.spec.paused:
            sync(p, rs_list, namespace_rss)
            return _result(p, rs_list, None)
        if get_rollback_to(p.d) is not None:
            rollback(p, rs_list, namespace_rss)
            return _result(p, rs_list, None)
        scaling = is_scaling_event(p, rs_list, namespace_rss)
        # Later steps read the RSs as this pass has written them (see the module docstring).
        rs_list = [p.rs_view.get(rs.metadata.name, rs) for rs in rs_list]
        if scaling:
            sync(p, rs_list, namespace_rss)
            return _result(p, rs_list, None)
        stype = p.d.spec.strategy.type
        if stype == util.RECREATE:
            rollout_recreate(p, rs_list, pod_map, namespace_rss)
        elif stype == util.ROLLING_UPDATE:
            rollout_rolling(p, rs_list, namespace_rss)
        else:
            error = f"unexpected deployment strategy type: {stype}"
    except SyncError as exc:
        error = exc.message
    except util.ModelError as exc:
        error = exc.message
    return _result(p, rs_list, error)


def _result(p: Pass, rs_list: list[ReplicaSet], error: str | None) -> SyncResult:
    view = {rs.metadata.name: rs for rs in rs_list}
    view.update(p.rs_view)
    # Released RSs are no longer ours.
    mine = [rs for rs in view.values()
            if (ref := controller_ref(rs.metadata)) is not None and ref.uid == p.d.metadata.uid]
    return SyncResult(
        deployment=p.d,
        actions=tuple(p.actions),
        replica_sets=tuple(sorted(mine, key=lambda rs: rs.metadata.name)),
        events=tuple(p.events),
        requeue_after=p.requeue_after,
        error=error,
    )
