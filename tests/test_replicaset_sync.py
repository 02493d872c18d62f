"""One syncReplicaSet pass (model.controllers.replicaset.sync_replicaset) as the transition system
uses it, after replica_set_test.go (TestControllerBurstReplicas, TestSyncReplicaSetDormancy,
TestDoNotAdoptOrCreateIfBeingDeleted, TestControllerUpdateStatusWithFailure) and the step order
of semantics/replicaset.md §1.4–§1.8."""

from __future__ import annotations

from dataclasses import replace

from model.controllers.controller_utils import CallError, ControlleeExpectations
from model.controllers.replicaset import (
    REPLICA_FAILURE,
    pod_from_template,
    sync_replicaset,
)
from model.controllers.replicaset_handlers import apply_observations, on_pod_add
from model.controllers.replication import rc_to_rs, sync_replication_controller
from model.labels import LabelSelector
from model.objects import (
    ObjectMeta,
    OwnerReference,
    Pod,
    PodCondition,
    PodSpec,
    PodStatus,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicationController,
    ReplicationControllerSpec,
    freeze_map,
)
from model.timeutil import NANOS

NOW = 1_700_000_000 * NANOS
LABELS = freeze_map({"app": "web"})


def make_rs(replicas: int, *, mrs: int = 0, generation: int = 1, deleting: bool = False) -> ReplicaSet:
    return ReplicaSet(
        metadata=ObjectMeta(name="web", namespace="ns", uid="rs-uid", generation=generation,
                            deletion_timestamp=NOW if deleting else None),
        spec=ReplicaSetSpec(replicas=replicas, selector=LabelSelector(match_labels=LABELS), min_ready_seconds=mrs,
                            template=PodTemplateSpec(metadata=ObjectMeta(labels=LABELS))),
    )


def owned(name: str, *, ready: bool = False, node: str = "", since: int | None = None) -> Pod:
    return Pod(
        metadata=ObjectMeta(name=name, namespace="ns", uid=f"uid-{name}", labels=LABELS,
                            owner_references=(OwnerReference("apps/v1", "ReplicaSet", "web", "rs-uid", True, True),)),
        spec=PodSpec(node_name=node),
        status=PodStatus(phase="Running" if node else "Pending",
                         conditions=(PodCondition("Ready", "True" if ready else "False", since),)),
    )


def test_created_pods_come_from_the_template_with_a_controller_ref() -> None:
    pod = pod_from_template(make_rs(1))
    assert pod.metadata.generate_name == "web-" and pod.metadata.namespace == "ns"
    assert pod.metadata.labels == LABELS
    (ref,) = pod.metadata.owner_references
    assert (ref.api_version, ref.kind, ref.name, ref.uid, ref.controller, ref.block_owner_deletion) == (
        "apps/v1", "ReplicaSet", "web", "rs-uid", True, True)


def test_burst_and_expectations_drive_scale_up_to_completion() -> None:
    """TestControllerBurstReplicas: 12 replicas, burst 5: 5, then (after all are observed) 5, then 2."""
    rs = make_rs(12)
    pods: list[Pod] = []
    exp: ControlleeExpectations | None = None
    batches = []
    for _ in range(10):
        result = sync_replicaset(rs, pods, None, exp, NOW, burst_replicas=5)
        exp = result.expectations
        if not result.creates:
            # Nothing to do until every expected creation is observed.
            assert result.expectations is None or result.expectations.add <= 0 or not result.managed
            if len(pods) == 12:
                break
        batches.append(len(result.creates))
        for i, call in enumerate(result.creates):
            new = replace(call.pod, metadata=replace(call.pod.metadata, name=f"web-{len(pods)}", uid=f"u{len(pods) + i}"))
            pods.append(new)
            exp = apply_observations("ns/web", exp, on_pod_add(new, (rs,)))
    assert batches == [5, 5, 2]
    assert len(pods) == 12


def test_expectations_block_action_but_status_is_still_computed() -> None:
    """TestSyncReplicaSetDormancy: outstanding creations stop manageReplicas, not the status."""
    rs = make_rs(2)
    result = sync_replicaset(rs, [owned("a")], None, ControlleeExpectations(add=1, timestamp=NOW), NOW)
    assert not result.managed and not result.creates
    assert result.status is not None and result.status.replicas == 1
    # After the 5-minute timeout the same record no longer blocks.
    later = sync_replicaset(rs, [owned("a")], None, ControlleeExpectations(add=1, timestamp=NOW),
                            NOW + 5 * 60 * NANOS + 1)
    assert len(later.creates) == 1


def test_failed_create_sets_replica_failure_and_leaves_the_rs_eligible() -> None:
    rs = make_rs(3)
    result = sync_replicaset(rs, [], None, None, NOW, create_outcome=lambda k, _p: CallError("quota exceeded"))
    assert len(result.creates) == 1 and result.error == "quota exceeded"
    assert result.expectations is not None and result.expectations.add == 0
    assert result.status is not None
    (cond,) = result.status.conditions
    assert (cond.type, cond.status, cond.reason, cond.message) == (REPLICA_FAILURE, "True", "FailedCreate", "quota exceeded")


def test_a_create_refused_for_a_terminating_namespace_counts_as_done() -> None:
    rs = make_rs(3)
    refused = CallError("namespace ns is being terminated", "NamespaceTerminating")
    result = sync_replicaset(rs, [], None, None, NOW, create_outcome=lambda k, _p: refused)
    assert len(result.creates) == 3 and result.error is None
    assert result.expectations is not None and result.expectations.add == 3


def test_scale_down_deletes_the_least_established_pods_first() -> None:
    rs = make_rs(2)
    pods = [owned("ready-old", ready=True, node="n1", since=NOW - 3600 * NANOS),
            owned("unscheduled"), owned("not-ready", node="n1"),
            owned("ready-new", ready=True, node="n2", since=NOW - 60 * NANOS)]
    result = sync_replicaset(rs, pods, None, None, NOW)
    assert [d.pod_name for d in result.deletes] == ["unscheduled", "not-ready"]
    assert result.expectations is not None and result.expectations.dele == 2
    assert set(result.expectations.delete_keys) == {"ns/unscheduled", "ns/not-ready"}


def test_an_rs_being_deleted_neither_creates_deletes_nor_adopts() -> None:
    rs = make_rs(3, deleting=True)
    orphan = replace(owned("orphan"), metadata=replace(owned("orphan").metadata, owner_references=()))
    result = sync_replicaset(rs, [owned("a"), orphan], None, None, NOW)
    assert not result.creates and not result.deletes and not result.patches
    assert result.status is not None and result.status.replicas == 1


def test_status_write_is_skipped_when_nothing_changed_and_records_the_generation() -> None:
    rs = make_rs(1, generation=3)
    first = sync_replicaset(rs, [owned("a")], None, None, NOW)
    assert first.status_write and first.status is not None and first.status.observed_generation == 3
    settled = replace(rs, status=first.status)
    assert not sync_replicaset(settled, [owned("a")], None, None, NOW).status_write


def test_ready_but_not_yet_available_requeues_after_min_ready_seconds() -> None:
    rs = make_rs(1, mrs=30)
    result = sync_replicaset(rs, [owned("a", ready=True, node="n1", since=NOW - 10 * NANOS)], None, None, NOW)
    assert result.status is not None and result.status.ready_replicas == 1 and result.status.available_replicas == 0
    assert result.requeue_after == 30 * NANOS


def test_replication_controller_is_the_same_controller_with_its_own_kind() -> None:
    rc = ReplicationController(
        metadata=ObjectMeta(name="legacy", namespace="ns", uid="rc-uid"),
        spec=ReplicationControllerSpec(replicas=2, selector=LABELS,
                                       template=PodTemplateSpec(metadata=ObjectMeta(labels=LABELS))),
    )
    converted = rc_to_rs(rc)
    assert converted.spec.selector == LabelSelector(match_labels=LABELS)
    result = sync_replication_controller(rc, [owned("rs-pod")], None, None, NOW)
    # The RS-owned pod is someone else's: the RC creates its full count.
    assert len(result.creates) == 2
    (ref,) = result.creates[0].pod.metadata.owner_references
    assert (ref.api_version, ref.kind, ref.uid) == ("v1", "ReplicationController", "rc-uid")
    nil_selector = replace(rc, spec=replace(rc.spec, selector=None))
    assert rc_to_rs(nil_selector).spec.selector is None
