"""Controller details pinned by Kubernetes' code and tests that the conformance cases do not reach:
hashing and naming, hash collisions, adoption, conditions, scaling-event detection, status."""

from __future__ import annotations

import dataclasses

import pytest

from model.controllers.deployment import util
from model.controllers.deployment.context import (
    CreateReplicaSet,
    Pass,
    UpdateDeployment,
    UpdateDeploymentStatus,
    UpdateReplicaSet,
)
from model.controllers.deployment.deployment_controller import sync_deployment
from model.controllers.deployment.sync import calculate_status, is_scaling_event
from model.objects import (
    DeploymentCondition,
    DeploymentStatus,
    LabelSelector,
    ObjectMeta,
    OwnerReference,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicaSetStatus,
    RollingUpdateDeployment,
)
from tests.deployment.env import Cluster, make_deployment

NOW = 1_700_000_000 * 10**9


def test_compute_hash_is_deterministic_salted_by_collision_count_and_safe_encoded() -> None:
    t = make_deployment(1).spec.template
    h0 = util.compute_hash(t, None)
    assert h0 == util.compute_hash(t, None)
    assert util.compute_hash(t, 0) != h0 and util.compute_hash(t, 1) != util.compute_hash(t, 0)
    other = make_deployment(1, image="nginx:2").spec.template
    assert util.compute_hash(other, None) != h0
    assert set(h0) <= set("bcdfghjklmnpqrstvwxz2456789")


@pytest.mark.parametrize(("num", "den", "want"), [(5, 2, 3), (-5, 2, -3), (7, 2, 4), (3, 2, 2), (1, 3, 0), (2, 3, 1),
                                                  (-1, 2, -1), (0, 5, 0)])
def test_round_half_away_from_zero_matches_go_math_round(num: int, den: int, want: int) -> None:
    assert util.round_half_away_from_zero(num, den) == want


def test_set_condition_keeps_transition_time_when_only_the_reason_changes_and_moves_it_last() -> None:
    a = DeploymentCondition(type="Progressing", status="True", reason="NewReplicaSetCreated",
                            last_update_time=1, last_transition_time=1)  # type: ignore[arg-type]
    b = DeploymentCondition(type="Available", status="True", reason="MinimumReplicasAvailable")
    status = DeploymentStatus(conditions=(a, b))
    new = util.new_deployment_condition("Progressing", "True", "ReplicaSetUpdated", "", 5)
    out = util.set_deployment_condition(status, new)
    assert [c.type for c in out.conditions] == ["Available", "Progressing"]
    assert out.conditions[1].last_transition_time == 1 and out.conditions[1].last_update_time == 5
    # Same status and reason: nothing changes, not even the update time.
    same = util.new_deployment_condition("Progressing", "True", "NewReplicaSetCreated", "", 9)
    assert util.set_deployment_condition(status, same) == status


def test_hash_collision_bumps_collision_count_and_errors() -> None:
    d = make_deployment(2)
    pod_hash = util.compute_hash(d.spec.template, None)
    squatter = ReplicaSet(metadata=ObjectMeta(name=f"web-{pod_hash}", namespace="default", uid="other"),
                          spec=ReplicaSetSpec(replicas=0))
    result = sync_deployment(d, [squatter], {}, NOW)
    assert result.error is not None and "already exists" in result.error
    assert result.deployment.status.collision_count == 1
    assert isinstance(result.actions[-1], UpdateDeploymentStatus)
    # Next pass: a new hash, so a new name.
    again = sync_deployment(result.deployment, [squatter], {}, NOW)
    created = [a.replica_set for a in again.actions if isinstance(a, CreateReplicaSet)]
    assert created and created[0].metadata.name != squatter.metadata.name


def test_orphan_replica_set_matching_the_selector_is_adopted_and_becomes_the_new_rs() -> None:
    c = Cluster(make_deployment(2))
    c.settle()
    (name, rs), = c.rss.items()
    orphan = dataclasses.replace(rs, metadata=dataclasses.replace(rs.metadata, owner_references=()))
    result = sync_deployment(c.deployment, [orphan], {}, NOW)
    adopted = [a.replica_set for a in result.actions if isinstance(a, UpdateReplicaSet)][0]
    assert adopted.metadata.owner_references[0].uid == "d-uid"
    assert not any(isinstance(a, CreateReplicaSet) for a in result.actions)


def test_scaling_event_is_an_active_rs_with_a_stale_desired_annotation() -> None:
    c = Cluster(make_deployment(3))
    c.settle()
    rss = list(c.rss.values())
    assert not is_scaling_event(Pass(d=c.deployment), rss)
    bigger = dataclasses.replace(c.deployment, spec=dataclasses.replace(c.deployment.spec, replicas=5))
    assert is_scaling_event(Pass(d=bigger), rss)
    # Changing only maxSurge is not a scaling event.
    surge = dataclasses.replace(c.deployment, spec=dataclasses.replace(
        c.deployment.spec, strategy=dataclasses.replace(
            c.deployment.spec.strategy, rolling_update=RollingUpdateDeployment(max_surge=5, max_unavailable=0))))
    assert not is_scaling_event(Pass(d=surge), rss)


def test_status_unavailable_mixes_spec_and_status_and_available_condition_uses_max_unavailable() -> None:
    d = make_deployment(4, surge=1, unavailable=1)
    rs = ReplicaSet(metadata=ObjectMeta(name="a"), spec=ReplicaSetSpec(replicas=4),
                    status=ReplicaSetStatus(replicas=4, ready_replicas=3, available_replicas=3))
    status = calculate_status([rs], rs, d, NOW)
    assert (status.replicas, status.updated_replicas, status.available_replicas, status.unavailable_replicas) == (4, 4, 3, 1)
    cond = util.get_deployment_condition(status, util.DEPLOYMENT_AVAILABLE)
    assert cond is not None and (cond.status, cond.reason) == ("True", util.MINIMUM_REPLICAS_AVAILABLE)
    worse = dataclasses.replace(rs, status=dataclasses.replace(rs.status, available_replicas=2))
    cond = util.get_deployment_condition(calculate_status([worse], worse, d, NOW), util.DEPLOYMENT_AVAILABLE)
    assert cond is not None and (cond.status, cond.reason) == ("False", util.MINIMUM_REPLICAS_UNAVAILABLE)


def test_empty_selector_only_bumps_observed_generation() -> None:
    d = make_deployment(2)
    d = dataclasses.replace(d, spec=dataclasses.replace(d.spec, selector=LabelSelector()))
    result = sync_deployment(d, [], {}, NOW)
    assert [e.reason for e in result.events] == ["SelectingAll"]
    assert result.deployment.status.observed_generation == 1
    assert [type(a) for a in result.actions] == [UpdateDeploymentStatus]


def test_deleted_deployment_gets_status_only() -> None:
    c = Cluster(make_deployment(2))
    c.settle()
    c.set_image("nginx:2")
    d = dataclasses.replace(c.deployment, metadata=dataclasses.replace(c.deployment.metadata, deletion_timestamp=NOW))
    result = sync_deployment(d, list(c.rss.values()), {}, NOW)
    assert not any(isinstance(a, CreateReplicaSet | UpdateReplicaSet) for a in result.actions)


def test_reentrant_rollback_updates_only_the_deployment() -> None:
    """deployment_controller_test.go TestReentrantRollback: rollback to revision 0 picks the last
    revision (1), copies its template into the Deployment and writes no ReplicaSet."""
    d = make_deployment(1, progress_deadline_seconds=None)
    d = util.with_annotations(d, {util.REVISION_ANNOTATION: "2", util.DEPRECATED_ROLLBACK_TO: "0"})
    t = d.spec.template

    def owned_rs(name: str, replicas: int, revision: str, template: object) -> ReplicaSet:
        labels = (("app", "web"), ("pod-template-hash", "hash"))
        return ReplicaSet(
            metadata=ObjectMeta(name=name, namespace="default", uid=f"uid-{name}", labels=labels,
                                annotations=((util.REVISION_ANNOTATION, revision),),
                                owner_references=(OwnerReference(uid="d-uid", controller=True),)),
            spec=ReplicaSetSpec(replicas=replicas, template=template))  # type: ignore[arg-type]

    old_template = dataclasses.replace(t, spec=dataclasses.replace(t.spec, termination_grace_period_seconds=1))
    rs1 = owned_rs("deploymentrs-old", 0, "1", old_template)
    rs2 = owned_rs("deploymentrs-new", 1, "2", t)
    result = sync_deployment(d, [rs1, rs2], {}, NOW)
    assert [type(a) for a in result.actions] == [UpdateDeployment]
    rolled = result.actions[0].deployment  # type: ignore[union-attr]
    assert rolled.spec.template.spec.termination_grace_period_seconds == 1
    assert util.DEPRECATED_ROLLBACK_TO not in dict(rolled.metadata.annotations)


def test_replica_set_fraction_uses_go_int32_arithmetic() -> None:
    """getReplicaSetFraction multiplies spec.replicas by replicas+maxSurge in int32 before dividing."""
    d = make_deployment(60000, surge=0, unavailable=0)
    rs = ReplicaSet(metadata=ObjectMeta(name="r", annotations=((util.MAX_REPLICAS_ANNOTATION, "50000"),)),
                    spec=ReplicaSetSpec(replicas=50000))
    wrapped = (50000 * 60000 + 2**31) % 2**32 - 2**31  # 3e9 wraps to a negative int32
    assert util.get_replica_set_fraction(rs, d) == util.round_half_away_from_zero(wrapped, 50000) - 50000


def test_is_saturated_compares_the_desired_annotation_as_int32() -> None:
    d = make_deployment(1)
    rs = ReplicaSet(metadata=ObjectMeta(name="r", annotations=((util.DESIRED_REPLICAS_ANNOTATION, str(2**32 + 1)),)),
                    spec=ReplicaSetSpec(replicas=1), status=ReplicaSetStatus(available_replicas=1))
    assert util.is_saturated(d, rs)
