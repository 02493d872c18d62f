"""KEP-3973 in one Recreate sync: with the DeploymentPodReplacementPolicy gate and a policy set, the wait
for old pods reads the old RSs' status (recreate.go: rolloutRecreate); without them it reads the pods."""

from __future__ import annotations

import dataclasses

from model.controllers.deployment import util
from model.controllers.deployment.context import CreateReplicaSet, UpdateReplicaSet
from model.controllers.deployment.deployment_controller import sync_deployment
from model.objects import (
    ObjectMeta,
    OwnerReference,
    Pod,
    PodStatus,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicaSetStatus,
)
from model.timeutil import NANOS
from tests.deployment.env import make_deployment

BOTH = {"DeploymentReplicaSetTerminatingReplicas": True, "DeploymentPodReplacementPolicy": True}
NOW = 1_700_000_000 * NANOS


def _recreate(policy: str | None):
    d = make_deployment(3, strategy="Recreate")
    return dataclasses.replace(d, spec=dataclasses.replace(d.spec, pod_replacement_policy=policy))


def _drained_old_rs(terminating: int | None, observed: int = 1) -> ReplicaSet:
    """An old RS (another image) already scaled to 0 whose pods may still be shutting down."""
    d = make_deployment(3, image="nginx:0", strategy="Recreate")
    return ReplicaSet(
        metadata=ObjectMeta(name="web-old", namespace="default", uid="uid-old", generation=1,
                            labels=d.spec.template.metadata.labels,
                            annotations=((util.REVISION_ANNOTATION, "1"),),
                            owner_references=(OwnerReference(api_version="apps/v1", kind="Deployment", name="web",
                                                             uid="d-uid", controller=True),)),
        spec=ReplicaSetSpec(replicas=0, selector=d.spec.selector, template=d.spec.template),
        status=ReplicaSetStatus(replicas=0, terminating_replicas=terminating, observed_generation=observed),
    )


def _created_new_rs(result) -> bool:
    return any(isinstance(a, CreateReplicaSet) for a in result.actions)


def test_termination_complete_waits_for_terminating_old_pods() -> None:
    result = sync_deployment(_recreate("TerminationComplete"), [_drained_old_rs(2)], {}, NOW, BOTH)
    assert not _created_new_rs(result)


def test_termination_started_does_not_wait_for_terminating_old_pods() -> None:
    result = sync_deployment(_recreate("TerminationStarted"), [_drained_old_rs(2)], {}, NOW, BOTH)
    assert _created_new_rs(result)


def test_termination_complete_proceeds_once_nothing_terminates() -> None:
    result = sync_deployment(_recreate("TerminationComplete"), [_drained_old_rs(0)], {}, NOW, BOTH)
    assert _created_new_rs(result)


def test_unknown_terminating_count_is_a_sync_error() -> None:
    result = sync_deployment(_recreate("TerminationComplete"), [_drained_old_rs(None)], {}, NOW, BOTH)
    assert not _created_new_rs(result)
    assert result.error is not None and "terminating replicas" in result.error


def test_without_the_gate_the_pods_decide() -> None:
    pod = Pod(metadata=ObjectMeta(name="web-old-1", namespace="default", labels=(("app", "web"),)),
              status=PodStatus(phase="Running"))
    running = {"uid-old": [pod]}
    old = _drained_old_rs(2)
    assert not _created_new_rs(sync_deployment(_recreate("TerminationComplete"), [old], running, NOW))
    # Terminating replicas alone do not hold a rollout back when the gate is off.
    assert _created_new_rs(sync_deployment(_recreate("TerminationComplete"), [old], {}, NOW))


def test_recreate_new_rs_waits_for_its_own_surplus_pods_with_termination_complete() -> None:
    d = _recreate("TerminationComplete")
    first = sync_deployment(d, [_drained_old_rs(0)], {}, NOW, BOTH)
    created = next(a.replica_set for a in first.actions if isinstance(a, CreateReplicaSet))
    # The new RS exists at 1 replica with 2 of its pods still terminating: it may only grow to 3 - 1 - 2 = 0 more.
    new_rs = dataclasses.replace(
        created, metadata=dataclasses.replace(created.metadata, uid="uid-new"),
        spec=dataclasses.replace(created.spec, replicas=1),
        status=ReplicaSetStatus(replicas=1, terminating_replicas=2, observed_generation=1))
    second = sync_deployment(d, [_drained_old_rs(0), new_rs], {}, NOW + NANOS, BOTH)
    assert not [a for a in second.actions if isinstance(a, UpdateReplicaSet) and a.replica_set.spec.replicas != 1]
