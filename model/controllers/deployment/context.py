"""One pass of the deployment controller as a local scratchpad, and the API actions it records.

The Go controller mutates a deep copy of the Deployment and calls the API client as it goes
(``dc.client...Update``, ``Create``, ``Delete``, ``UpdateStatus``). The model keeps the same control
flow but records each call as a frozen action value in a ``Pass``; the pass is created and consumed
inside one pure function (``sync_deployment`` or a conformance op), so nothing mutable escapes.

Mirrors the client calls of pkg/controller/deployment/{sync.go,rolling.go,recreate.go,rollback.go,
progress.go,deployment_controller.go}; ``scale_replica_set`` mirrors sync.go: scaleReplicaSet and
``scale_replica_set_and_record_event`` mirrors sync.go: scaleReplicaSetAndRecordEvent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from model.controllers.deployment import util
from model.objects import Deployment, ReplicaSet

# --- actions ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateReplicaSet:
    """Model-only (a recorded client call): ``ReplicaSets(ns).Create``: a new RS (name, labels, hash selector,
    ownerRef, annotations)."""

    replica_set: ReplicaSet


@dataclass(frozen=True, slots=True)
class UpdateReplicaSet:
    """Model-only (a recorded client call): ``ReplicaSets(ns).Update``: the whole RS as the controller wrote
    it (spec.replicas, annotations, minReadySeconds, ownerReferences)."""

    replica_set: ReplicaSet


@dataclass(frozen=True, slots=True)
class DeleteReplicaSet:
    """Model-only (a recorded client call): ``ReplicaSets(ns).Delete`` (revision history cleanup)."""

    name: str
    uid: str


@dataclass(frozen=True, slots=True)
class UpdateDeploymentStatus:
    """Model-only (a recorded client call): ``Deployments(ns).UpdateStatus``: the status subresource. The
    Deployment's annotations ride along (the revision annotation is written this way; the status strategy
    keeps annotations)."""

    deployment: Deployment


@dataclass(frozen=True, slots=True)
class UpdateDeployment:
    """Model-only (a recorded client call): ``Deployments(ns).Update``: spec and metadata (rollback copies a
    template and clears the rollback annotation this way)."""

    deployment: Deployment


@dataclass(frozen=True, slots=True)
class Event:
    """Model-only (a recorded ``EventRecorder.Eventf`` call): An event the controller records: type
    Normal/Warning, a reason and a message."""

    type: str
    reason: str
    message: str


Action = CreateReplicaSet | UpdateReplicaSet | DeleteReplicaSet | UpdateDeploymentStatus | UpdateDeployment


@dataclass(frozen=True, slots=True)
class FeatureGates:
    """Mirrors pkg/features/kube_features.go: DeploymentReplicaSetTerminatingReplicas,
    DeploymentPodReplacementPolicy. The KEP-3973 gates the deployment controller reads (both default off in
    the model)."""

    deployment_replica_set_terminating_replicas: bool = False
    deployment_pod_replacement_policy: bool = False

    @staticmethod
    def from_mapping(gates: Mapping[str, bool] | None) -> FeatureGates:
        """Model-only: from ``{"DeploymentReplicaSetTerminatingReplicas": bool,
        "DeploymentPodReplacementPolicy": bool}``."""
        gates = gates or {}
        return FeatureGates(
            deployment_replica_set_terminating_replicas=bool(gates.get("DeploymentReplicaSetTerminatingReplicas", False)),
            deployment_pod_replacement_policy=bool(gates.get("DeploymentPodReplacementPolicy", False)),
        )


NO_GATES = FeatureGates()

# --- the pass -------------------------------------------------------------------------------------


@dataclass
class Pass:
    """Model-only: scratchpad of one controller pass: the Deployment copy being worked on, the controller's
    view of its ReplicaSets (updated by its own writes) and the calls made so far."""

    d: Deployment
    now: int = 0
    gates: FeatureGates = NO_GATES
    rs_view: dict[str, ReplicaSet] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    requeue_after: int | None = None
    rate_limited_requeue: bool = False

    def event(self, type_: str, reason: str, message: str) -> None:
        """Model-only: records an event (``dc.eventRecorder.Eventf``)."""
        self.events.append(Event(type_, reason, message))

    def _record_rs(self, rs: ReplicaSet) -> None:
        self.rs_view[rs.metadata.name] = rs

    def create_rs(self, rs: ReplicaSet) -> ReplicaSet:
        """Model-only: records ``ReplicaSets(ns).Create`` and shows the RS to the rest of the pass."""
        self.actions.append(CreateReplicaSet(rs))
        self._record_rs(rs)
        return rs

    def update_rs(self, rs: ReplicaSet) -> ReplicaSet:
        """Model-only: records ``ReplicaSets(ns).Update`` and shows the RS to the rest of the pass."""
        self.actions.append(UpdateReplicaSet(rs))
        self._record_rs(rs)
        return rs

    def delete_rs(self, rs: ReplicaSet) -> None:
        """Model-only: records ``ReplicaSets(ns).Delete``."""
        self.actions.append(DeleteReplicaSet(rs.metadata.name, rs.metadata.uid))
        self.rs_view.pop(rs.metadata.name, None)

    def update_status(self) -> None:
        """Model-only: records ``Deployments(ns).UpdateStatus``."""
        self.actions.append(UpdateDeploymentStatus(self.d))

    def update_deployment(self) -> None:
        """Model-only: records ``Deployments(ns).Update``."""
        self.actions.append(UpdateDeployment(self.d))

    def set_status(self, status: util.DeploymentStatus) -> None:
        """Model-only: sets the working copy's status."""
        self.d = dataclasses.replace(self.d, status=status)

    # sync.go: scaleReplicaSet
    def scale_replica_set(self, rs: ReplicaSet, new_scale: int) -> tuple[bool, ReplicaSet]:
        """Mirrors pkg/controller/deployment/sync.go: scaleReplicaSet. Write the RS when its size or its
        desired/max annotations are stale; ``scaled`` only when the size changed."""
        d = self.d
        desired = util.d_replicas(d)
        max_replicas = desired + util.max_surge(d)
        size_needs_update = util.spec_replicas(rs) != new_scale
        ann_needs_update = util.replicas_annotations_need_update(rs, desired, max_replicas)
        if not (size_needs_update or ann_needs_update):
            return False, rs
        old_scale = util.spec_replicas(rs)
        updated, _ = util.set_replicas_annotations(util.with_rs_replicas(rs, new_scale), desired, max_replicas)
        self.update_rs(updated)
        if size_needs_update:
            direction = "up" if new_scale > old_scale else "down"
            self.event("Normal", "ScalingReplicaSet",
                       f"Scaled {direction} replica set {rs.metadata.name} to {new_scale} from {old_scale}")
        return size_needs_update, updated

    # sync.go: scaleReplicaSetAndRecordEvent
    def scale_replica_set_and_record_event(self, rs: ReplicaSet, new_scale: int) -> tuple[bool, ReplicaSet]:
        """Mirrors pkg/controller/deployment/sync.go: scaleReplicaSetAndRecordEvent. No call at all when the
        size is already right."""
        if util.spec_replicas(rs) == new_scale:
            return False, rs
        return self.scale_replica_set(rs, new_scale)
