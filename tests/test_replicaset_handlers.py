"""Event handlers of the ReplicaSet controller, after replica_set_test.go (TestDeletionTimestamp,
TestUpdatePods, TestOverlappingRSs, TestPodControllerLookup, TestControllerBurstReplicas' observations)."""

from __future__ import annotations

from dataclasses import replace

from model.controllers.controller_utils import expect_creations, expect_deletions, expectations_satisfied
from model.controllers.replicaset_handlers import (
    apply_observations,
    get_pod_replicasets,
    on_pod_add,
    on_pod_delete,
    on_pod_update,
    on_rs_delete,
    on_rs_update,
)
from model.labels import LabelSelector
from model.objects import (
    ObjectMeta,
    OwnerReference,
    Pod,
    PodCondition,
    PodStatus,
    ReplicaSet,
    ReplicaSetSpec,
    freeze_map,
)
from model.timeutil import NANOS

NOW = 1_700_000_000 * NANOS


def rs(name: str, labels: dict[str, str], uid: str | None = None, ns: str = "default", mrs: int = 0) -> ReplicaSet:
    return ReplicaSet(metadata=ObjectMeta(name=name, namespace=ns, uid=uid or f"uid-{name}"),
                      spec=ReplicaSetSpec(replicas=1, selector=LabelSelector(match_labels=freeze_map(labels)),
                                          min_ready_seconds=mrs))


def pod(name: str, labels: dict[str, str], owner: ReplicaSet | None = None, rv: str = "1",
        deleting: bool = False, ready: bool = False) -> Pod:
    refs = () if owner is None else (OwnerReference(api_version="apps/v1", kind="ReplicaSet", name=owner.metadata.name,
                                                    uid=owner.metadata.uid, controller=True),)
    return Pod(metadata=ObjectMeta(name=name, namespace="default", labels=freeze_map(labels), owner_references=refs,
                                   resource_version=rv, deletion_timestamp=NOW if deleting else None),
               status=PodStatus(phase="Running", conditions=(PodCondition("Ready", "True" if ready else "False"),)))


FOO = rs("foo", {"foo": "bar"})
BAR = rs("barfoo", {"bar": "foo"})
ALL = (FOO, BAR)


def test_owned_pod_add_observes_a_creation_and_orphans_only_wake_matching_sets() -> None:
    effect = on_pod_add(pod("p", {"foo": "bar"}, FOO), ALL)
    assert effect.enqueue == ("default/foo",) and effect.creations_observed == ("default/foo",)
    orphan = on_pod_add(pod("o", {"bar": "foo"}), ALL)
    assert orphan.enqueue == ("default/barfoo",) and not orphan.creations_observed
    assert on_pod_add(pod("stale", {"foo": "bar"}, rs("foo", {"foo": "bar"}, uid="old")), ALL).enqueue == ()


def test_a_pod_added_while_being_deleted_counts_once_as_a_deletion() -> None:
    """TestDeletionTimestamp: add with a deletionTimestamp, then the final delete, count once."""
    p = pod("pod0", {"foo": "bar"}, FOO, deleting=True)
    exp = expect_deletions(["default/pod0"], NOW)
    exp = apply_observations("default/foo", exp, on_pod_add(p, ALL))
    assert exp is not None and exp.dele == 0 and expectations_satisfied(exp, NOW)
    other = expect_deletions(["default/secondPod"], NOW)
    again = apply_observations("default/foo", other, on_pod_delete(p, ALL))
    assert again is not None and not expectations_satisfied(again, NOW)


def test_update_with_changed_labels_and_owner() -> None:
    """TestUpdatePods: owned pod relabelled wakes its owner; an orphaned pod wakes old owner and matches."""
    old = pod("pod0", {"foo": "bar"}, FOO, rv="1")
    cur = replace(old, metadata=replace(old.metadata, labels=freeze_map({"bar": "foo"}), resource_version="2"))
    assert on_pod_update(old, cur, ALL).enqueue == ("default/foo",)
    orphaned = replace(cur, metadata=replace(cur.metadata, owner_references=(), resource_version="3"))
    assert set(on_pod_update(cur, orphaned, ALL).enqueue) == {"default/foo", "default/barfoo"}
    assert on_pod_update(old, old, ALL).enqueue == ()  # same resourceVersion: a resync, ignored


def test_turning_ready_requeues_after_min_ready_seconds_plus_one() -> None:
    slow = rs("slow", {"app": "s"}, mrs=10)
    old = pod("p", {"app": "s"}, slow, rv="1")
    cur = replace(pod("p", {"app": "s"}, slow, rv="2", ready=True))
    assert on_pod_update(old, cur, (slow,)).enqueue_after == (("default/slow", 11 * NANOS),)


def test_pod_lookup_needs_labels_namespace_and_a_non_empty_selector() -> None:
    """TestPodControllerLookup."""
    everything = ReplicaSet(metadata=ObjectMeta(name="basic", namespace="default"), spec=ReplicaSetSpec(selector=LabelSelector()))
    assert get_pod_replicasets(pod("foo1", {}), (everything,)) == ()
    assert get_pod_replicasets(pod("foo1", {"a": "b"}), (everything,)) == ()
    other_ns = rs("foo", {"foo": "bar"}, ns="other")
    assert get_pod_replicasets(pod("foo2", {"foo": "bar"}), (other_ns,)) == ()
    assert get_pod_replicasets(pod("foo3", {"foo": "bar"}), (FOO, other_ns)) == (FOO,)


def test_burst_observations_release_the_controller_only_at_the_last_pod() -> None:
    """TestControllerBurstReplicas: with 5 creations expected, 4 observed keep it asleep."""
    exp = expect_creations(5, NOW)
    for i in range(4):
        exp = apply_observations("default/foo", exp, on_pod_add(pod(f"p{i}", {"foo": "bar"}, FOO), ALL))
    assert exp is not None and exp.add == 1 and not expectations_satisfied(exp, NOW)
    exp = apply_observations("default/foo", exp, on_pod_add(pod("p4", {"foo": "bar"}, FOO), ALL))
    assert expectations_satisfied(exp, NOW)


def test_deleting_or_recreating_an_rs_forgets_its_expectations() -> None:
    """TestDeleteControllerAndExpectations, TestExpectationsOnRecreate."""
    exp = expect_creations(1, NOW)
    assert apply_observations("default/foo", exp, on_rs_delete(FOO)) is None
    recreated = rs("foo", {"foo": "bar"}, uid="new-uid")
    effect = on_rs_update(FOO, recreated)
    assert effect.forget_expectations == ("default/foo",) and "default/foo" in effect.enqueue
