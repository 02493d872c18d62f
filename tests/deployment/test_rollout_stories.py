"""Step-through stories that read like Kubernetes' Deployment behaviour, driven through
``sync_deployment`` in an idealised cluster (tests/deployment/env.py)."""

from __future__ import annotations

import dataclasses

import pytest

from model.controllers.deployment import util
from model.controllers.deployment.context import CreateReplicaSet, DeleteReplicaSet, UpdateDeployment
from model.controllers.deployment.rollback import undo
from model.errors import ModelError
from model.objects import ObjectMeta, OwnerReference, Pod, PodStatus, RollingUpdateDeployment, get_annotation
from tests.deployment.env import Cluster, make_deployment


def progressing_reason(c: Cluster) -> str | None:
    cond = util.get_deployment_condition(c.deployment.status, util.DEPLOYMENT_PROGRESSING)
    return None if cond is None else cond.reason


def test_first_sync_creates_the_new_replica_set_with_hash_owner_and_annotations() -> None:
    c = Cluster(make_deployment(3))
    result = c.sync()
    created = [a.replica_set for a in result.actions if isinstance(a, CreateReplicaSet)]
    assert len(created) == 1
    rs = created[0]
    pod_hash = dict(rs.metadata.labels)["pod-template-hash"]
    assert rs.metadata.name == f"web-{pod_hash}"
    assert dict(rs.spec.selector.match_labels)["pod-template-hash"] == pod_hash  # type: ignore[union-attr]
    assert dict(rs.spec.template.metadata.labels)["pod-template-hash"] == pod_hash  # type: ignore[union-attr]
    ref = rs.metadata.owner_references[0]
    assert (ref.kind, ref.name, ref.uid, ref.controller) == ("Deployment", "web", "d-uid", True)
    ann = dict(rs.metadata.annotations)
    # NewRSNewReplicas: 3 replicas, surge 25% -> 1; nothing else exists, so the RS starts at 3.
    assert rs.spec.replicas == 3
    assert ann[util.REVISION_ANNOTATION] == "1"
    assert ann[util.DESIRED_REPLICAS_ANNOTATION] == "3"
    assert ann[util.MAX_REPLICAS_ANNOTATION] == "4"
    assert progressing_reason(c) == util.NEW_REPLICA_SET_REASON
    assert get_annotation(c.deployment.metadata, util.REVISION_ANNOTATION) == "1"


def test_rolling_update_25_percent_of_10_steps_within_surge_and_unavailability() -> None:
    c = Cluster(make_deployment(10))
    c.settle()
    old_name = next(iter(c.rss))
    c.set_image("nginx:2")
    c.step()
    new_name = c.new_rs().metadata.name  # type: ignore[union-attr]
    # Created at surge 3, and the same sync scales the old RS 10 -> 8 (semantics §4).
    assert c.sizes() == {new_name: 3, old_name: 8} or c.sizes() == {old_name: 8, new_name: 3}
    seen = [c.sizes()]
    while True:
        result = c.step()
        seen.append(c.sizes())
        if not result.actions:
            break
    for sizes in seen:
        assert sum(sizes.values()) <= 10 + 3
    assert c.sizes()[new_name] == 10 and c.sizes()[old_name] == 0
    assert progressing_reason(c) == util.NEW_RS_AVAILABLE_REASON
    assert get_annotation(c.deployment.metadata, util.REVISION_ANNOTATION) == "2"
    status = c.deployment.status
    assert (status.replicas, status.updated_replicas, status.available_replicas) == (10, 10, 10)


def test_scaling_mid_rollout_is_proportional() -> None:
    c = Cluster(make_deployment(10, surge=3, unavailable=2))
    c.settle()
    old_name = next(iter(c.rss))
    c.pods_ready = False  # new pods never become available: the rollout stalls at 5 new / 8 old
    c.set_image("nginx:2")
    c.settle()
    new_name = c.new_rs().metadata.name  # type: ignore[union-attr]
    assert c.sizes()[new_name] == 5 and c.sizes()[old_name] == 8
    # The user scales to 50 (and surge 6): each RS keeps its share of 13 in 56, as in sync_test.go
    # TestScale "change both surge and size" (8/5 -> 34/22).
    c.edit(replicas=50, strategy=dataclasses.replace(
        c.deployment.spec.strategy, rolling_update=RollingUpdateDeployment(max_surge=6, max_unavailable=2)))
    c.step()
    assert c.sizes() == {old_name: 34, new_name: 22}
    for name in (old_name, new_name):
        ann = dict(c.rss[name].metadata.annotations)
        assert ann[util.DESIRED_REPLICAS_ANNOTATION] == "50"
        assert ann[util.MAX_REPLICAS_ANNOTATION] == "56"


def test_paused_deployment_does_not_roll_out_template_changes() -> None:
    c = Cluster(make_deployment(4))
    c.settle()
    c.edit(paused=True)
    c.step()
    assert progressing_reason(c) == util.PAUSED_DEPLOY_REASON
    c.set_image("nginx:2")
    c.settle()
    assert len(c.rss) == 1  # no new RS while paused
    c.edit(replicas=6)  # scaling still works while paused
    c.settle()
    assert list(c.sizes().values()) == [6]
    c.edit(paused=False)
    c.step()
    cond = util.get_deployment_condition(c.deployment.status, util.DEPLOYMENT_PROGRESSING)
    assert cond is not None
    c.settle()
    assert len(c.rss) == 2 and sorted(c.sizes().values()) == [0, 6]
    assert progressing_reason(c) == util.NEW_RS_AVAILABLE_REASON


def test_rollback_annotation_restores_the_old_template_and_revision_moves_to_history() -> None:
    c = Cluster(make_deployment(3))
    c.settle()
    first = next(iter(c.rss))
    c.set_image("nginx:2")
    c.settle()
    assert c.sizes()[first] == 0
    c.deployment = util.with_annotations(c.deployment, {**dict(c.deployment.metadata.annotations),
                                                        util.DEPRECATED_ROLLBACK_TO: "1"})
    result = c.step()
    assert any(isinstance(a, UpdateDeployment) for a in result.actions)
    assert util.DEPRECATED_ROLLBACK_TO not in dict(c.deployment.metadata.annotations)
    assert [e.reason for e in result.events] == [util.ROLLBACK_DONE]
    c.settle()
    assert c.sizes()[first] == 3
    ann = dict(c.rss[first].metadata.annotations)
    assert ann[util.REVISION_ANNOTATION] == "3"
    assert ann[util.REVISION_HISTORY_ANNOTATION] == "1"


def test_rollback_to_an_unknown_revision_only_clears_the_request() -> None:
    c = Cluster(make_deployment(2))
    c.settle()
    c.deployment = util.with_annotations(c.deployment, {**dict(c.deployment.metadata.annotations),
                                                        util.DEPRECATED_ROLLBACK_TO: "7"})
    result = c.step()
    assert [e.reason for e in result.events] == [util.ROLLBACK_REVISION_NOT_FOUND]
    assert util.DEPRECATED_ROLLBACK_TO not in dict(c.deployment.metadata.annotations)


def test_kubectl_undo_copies_the_previous_template_without_the_hash() -> None:
    c = Cluster(make_deployment(2))
    c.settle()
    c.set_image("nginx:2")
    c.settle()
    d = undo(c.deployment, list(c.rss.values()))
    assert d.spec.template.spec.containers[0].image == "nginx:1"
    assert "pod-template-hash" not in dict(d.spec.template.metadata.labels)
    with pytest.raises(ModelError, match="unable to find specified revision 9"):
        undo(c.deployment, list(c.rss.values()), 9)
    with pytest.raises(ModelError, match="paused"):
        undo(dataclasses.replace(c.deployment, spec=dataclasses.replace(c.deployment.spec, paused=True)),
             list(c.rss.values()))


def test_recreate_scales_old_to_zero_and_waits_for_old_pods() -> None:
    c = Cluster(make_deployment(3, strategy="Recreate"))
    c.settle()
    old_name = next(iter(c.rss))
    c.set_image("nginx:2")
    c.sync()
    assert c.sizes() == {old_name: 0}  # scaled down, no new RS yet
    # The old RS still reports pods: nothing is created.
    result = c.sync()
    assert not any(isinstance(a, CreateReplicaSet) for a in result.actions)
    c.run_pods()  # old pods are gone
    # A pod of the old RS that is still running (e.g. terminating) blocks the new RS too.
    from model.controllers.deployment.deployment_controller import sync_deployment
    old_uid = c.rss[old_name].metadata.uid
    running = Pod(metadata=ObjectMeta(name="old-pod", namespace="default", labels=(("app", "web"),),
                                      owner_references=(OwnerReference(uid=old_uid, controller=True),)),
                  status=PodStatus(phase="Running"))
    blocked = sync_deployment(c.deployment, list(c.rss.values()), {old_uid: [running]}, c.now)
    assert not any(isinstance(a, CreateReplicaSet) for a in blocked.actions)
    c.step()
    new = c.new_rs()
    assert new is not None and new.spec.replicas == 3
    c.settle()
    assert progressing_reason(c) == util.NEW_RS_AVAILABLE_REASON


def test_revision_history_limit_deletes_drained_old_replica_sets() -> None:
    c = Cluster(make_deployment(1, revision_history_limit=1))
    c.settle()
    deleted: list[str] = []
    for image in ("nginx:2", "nginx:3", "nginx:4"):
        c.set_image(image)
        for _ in range(20):
            result = c.step()
            deleted += [a.name for a in result.actions if isinstance(a, DeleteReplicaSet)]
            if not result.actions:
                break
    assert len(c.rss) == 2  # the new RS plus one old revision
    assert len(deleted) == 2


def test_progress_deadline_times_out_when_new_pods_never_become_available() -> None:
    c = Cluster(make_deployment(2, progress_deadline_seconds=30))
    c.settle()
    c.pods_ready = False
    c.set_image("nginx:2")
    c.settle()  # stuck: 1 new pod (surge 1) never available, no old pod may go (unavailable 0)
    result = c.history[-1]
    # requeueStuckDeployment: deadline minus time since the last progress, plus a second.
    assert result.requeue_after is not None and 0 < result.requeue_after <= 31 * 10**9
    assert progressing_reason(c) == util.REPLICA_SET_UPDATED_REASON
    c.now += 40 * 10**9
    c.step()
    assert progressing_reason(c) == util.TIMED_OUT_REASON
    cond = util.get_deployment_condition(c.deployment.status, util.DEPLOYMENT_PROGRESSING)
    assert cond is not None and cond.status == "False"
