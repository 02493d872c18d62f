"""An idealised cluster around ``sync_deployment`` for tests: the API server applies the recorded
actions, and the ReplicaSet controller plus kubelet make every wanted pod exist and become
available at once (or not at all, when asked)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from model.controllers.deployment import util
from model.controllers.deployment.context import (
    CreateReplicaSet,
    DeleteReplicaSet,
    UpdateDeployment,
    UpdateDeploymentStatus,
    UpdateReplicaSet,
)
from model.controllers.deployment.deployment_controller import SyncResult, sync_deployment
from model.objects import (
    Container,
    Deployment,
    DeploymentSpec,
    DeploymentStrategy,
    LabelSelector,
    ObjectMeta,
    PodSpec,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetStatus,
    RollingUpdateDeployment,
)
from model.timeutil import NANOS


def make_deployment(replicas: int, image: str = "nginx:1", surge: int | str | None = "25%",
                    unavailable: int | str | None = "25%", strategy: str = "RollingUpdate",
                    revision_history_limit: int | None = 10, progress_deadline_seconds: int | None = 600) -> Deployment:
    labels = (("app", "web"),)
    rolling = RollingUpdateDeployment(max_surge=surge, max_unavailable=unavailable) if strategy == "RollingUpdate" else None
    return Deployment(
        metadata=ObjectMeta(name="web", namespace="default", uid="d-uid", generation=1),
        spec=DeploymentSpec(
            replicas=replicas,
            selector=LabelSelector(match_labels=labels),
            template=PodTemplateSpec(metadata=ObjectMeta(labels=labels),
                                     spec=PodSpec(containers=(Container(name="web", image=image),))),
            strategy=DeploymentStrategy(type=strategy, rolling_update=rolling),
            revision_history_limit=revision_history_limit,
            progress_deadline_seconds=progress_deadline_seconds,
        ),
    )


@dataclass
class Cluster:
    """The objects as the API server holds them, and a clock."""

    deployment: Deployment
    rss: dict[str, ReplicaSet] = field(default_factory=dict)
    now: int = 1_700_000_000 * NANOS
    pods_ready: bool = True
    history: list[SyncResult] = field(default_factory=list)

    def edit(self, **spec: object) -> None:
        """A user edit of the Deployment spec (bumps metadata.generation)."""
        d = self.deployment
        self.deployment = dataclasses.replace(
            d, spec=dataclasses.replace(d.spec, **spec),  # type: ignore[arg-type]
            metadata=dataclasses.replace(d.metadata, generation=d.metadata.generation + 1))

    def set_image(self, image: str) -> None:
        t = self.deployment.spec.template
        self.edit(template=dataclasses.replace(
            t, spec=dataclasses.replace(t.spec, containers=(Container(name="web", image=image),))))

    def sync(self) -> SyncResult:
        self.now += NANOS
        result = sync_deployment(self.deployment, list(self.rss.values()), {}, self.now)
        self.apply(result)
        self.history.append(result)
        return result

    def apply(self, result: SyncResult) -> None:
        for action in result.actions:
            if isinstance(action, CreateReplicaSet):
                rs = action.replica_set
                meta = dataclasses.replace(rs.metadata, uid=f"uid-{rs.metadata.name}", generation=1)
                self.rss[rs.metadata.name] = dataclasses.replace(rs, metadata=meta)
            elif isinstance(action, UpdateReplicaSet):
                rs = action.replica_set
                old = self.rss[rs.metadata.name]
                gen = old.metadata.generation + (1 if rs.spec != old.spec else 0)
                self.rss[rs.metadata.name] = dataclasses.replace(
                    rs, metadata=dataclasses.replace(rs.metadata, uid=old.metadata.uid, generation=gen),
                    status=old.status)
            elif isinstance(action, DeleteReplicaSet):
                self.rss.pop(action.name, None)
            elif isinstance(action, UpdateDeploymentStatus):
                self.deployment = dataclasses.replace(
                    self.deployment, status=action.deployment.status,
                    metadata=dataclasses.replace(self.deployment.metadata,
                                                 annotations=action.deployment.metadata.annotations))
            elif isinstance(action, UpdateDeployment):
                d = action.deployment
                changed = d.spec != self.deployment.spec
                self.deployment = dataclasses.replace(
                    d, status=self.deployment.status,
                    metadata=dataclasses.replace(
                        d.metadata, generation=self.deployment.metadata.generation + (1 if changed else 0)))

    def run_pods(self) -> None:
        """The ReplicaSet controller and kubelet: every RS gets exactly its spec in pods, available
        when ``pods_ready``."""
        for name, rs in list(self.rss.items()):
            n = util.spec_replicas(rs)
            avail = n if self.pods_ready else min(rs.status.available_replicas, n)
            self.rss[name] = dataclasses.replace(rs, status=ReplicaSetStatus(
                replicas=n, ready_replicas=avail, available_replicas=avail, terminating_replicas=0,
                observed_generation=rs.metadata.generation))

    def step(self) -> SyncResult:
        result = self.sync()
        self.run_pods()
        return result

    def settle(self, max_steps: int = 200) -> int:
        """Sync and run pods until a sync makes no write; returns the number of syncs."""
        for i in range(max_steps):
            result = self.step()
            if not result.actions:
                return i + 1
        raise AssertionError("did not settle")

    def sizes(self) -> dict[str, int]:
        return {name: util.spec_replicas(rs) for name, rs in sorted(self.rss.items())}

    def new_rs(self) -> ReplicaSet | None:
        return util.find_new_replica_set(self.deployment, self.rss.values())
