"""Behaviour of model.controllers.controller_utils, table by table from Kubernetes' controller_utils_test.go
(values re-expressed) and the semantics of replicaset.md §2, §3."""

from __future__ import annotations

import pytest

from model.controllers.controller_utils import (
    EXPECTATIONS_TIMEOUT,
    CallError,
    RankGates,
    active_pods_less,
    active_pods_with_ranks_less,
    classic_less,
    creation_observed,
    deletion_cost,
    deletion_observed,
    expect_creations,
    expect_deletions,
    expectations_satisfied,
    filter_active_pods,
    get_pod_from_template,
    is_pod_available,
    logarithmic_rank_diff,
    max_container_restarts,
    new_controller_ref,
    slow_start_batch,
    sort_active_pods,
)
from model.objects import (
    Container,
    ContainerStatus,
    ObjectMeta,
    Pod,
    PodCondition,
    PodSpec,
    PodStatus,
    PodTemplateSpec,
    freeze_map,
)
from model.timeutil import NANOS, parse_time

NOW = parse_time("2024-05-01T12:00:00Z")
HOUR = 3600 * NANOS


def pod(name: str, node: str = "node", phase: str = "Running", ready: bool | None = None,
        ready_since: int | None = None, restarts: tuple[int, ...] = (), created: int | None = None,
        annotations: dict[str, str] | None = None, uid: str = "") -> Pod:
    conds = () if ready is None else (PodCondition("Ready", "True" if ready else "False", ready_since),)
    return Pod(
        metadata=ObjectMeta(name=name, uid=uid, creation_timestamp=created,
                            annotations=freeze_map(annotations)),
        spec=PodSpec(node_name=node),
        status=PodStatus(phase=phase, conditions=conds,
                         container_statuses=tuple(ContainerStatus(restart_count=r) for r in restarts)),
    )


# --- TestActivePodFiltering -------------------------------------------------------------------


def test_terminal_and_terminating_pods_are_not_active() -> None:
    pods = [pod("succeeded", phase="Succeeded"), pod("failed", phase="Failed"), pod("running"),
            pod("pending", phase="Pending"), pod("empty-phase", phase=""),
            Pod(metadata=ObjectMeta(name="terminating", deletion_timestamp=NOW))]
    assert [p.metadata.name for p in filter_active_pods(pods)] == ["running", "pending", "empty-phase"]


# --- TestSortingActivePods --------------------------------------------------------------------


def test_plain_active_pods_order_matches_the_kubernetes_table() -> None:
    month = 30 * 24 * HOUR
    expected = [
        pod("unscheduled", node="", phase="Pending"),
        pod("scheduled-pending", node="bar", phase="Pending"),
        pod("unknown", phase="Unknown"),
        pod("running-not-ready"),
        pod("ready-no-transition-time", ready=True, restarts=(3, 0)),
        pod("ready-now", ready=True, ready_since=NOW, restarts=(3, 0)),
        pod("ready-longer", ready=True, ready_since=NOW - month, restarts=(3, 0)),
        pod("fewer-restarts", ready=True, ready_since=NOW - month, restarts=(2, 1), created=NOW),
        pod("older", ready=True, ready_since=NOW - month, restarts=(2, 1), created=NOW - month),
    ]
    for shift in range(len(expected)):
        shuffled = expected[shift:] + expected[:shift]
        assert sort_active_pods(shuffled[::-1]) == tuple(expected)


# --- TestSortingActivePodsWithRanks -----------------------------------------------------------


def test_logarithmic_buckets_make_five_and_eight_hours_equal_but_not_two_and_five() -> None:
    assert logarithmic_rank_diff(NOW - 5 * HOUR, NOW - 8 * HOUR, NOW) == 0
    assert logarithmic_rank_diff(NOW - 2 * HOUR, NOW - 5 * HOUR, NOW) == -2  # buckets 42 and 44
    assert logarithmic_rank_diff(NOW, NOW - HOUR, NOW) < 0  # a zero age is bucket -1


def test_similar_ages_fall_back_to_uid_and_stop_there() -> None:
    a = pod("a", ready=True, ready_since=NOW - 5 * HOUR, uid="b-uid", restarts=(9,))
    b = pod("b", ready=True, ready_since=NOW - 8 * HOUR, uid="a-uid")
    # Same bucket: the smaller UID goes first even though `a` restarted more.
    assert active_pods_with_ranks_less(b, 0, a, 0, NOW)
    assert not active_pods_with_ranks_less(a, 0, b, 0, NOW)
    # With the gate off, the more recently ready pod goes first.
    off = RankGates(logarithmic_scale_down=False)
    assert active_pods_with_ranks_less(a, 0, b, 0, NOW, off)


def test_deletion_cost_beats_rank_but_not_readiness() -> None:
    cheap_ready = pod("cheap", ready=True, ready_since=NOW, annotations={"controller.kubernetes.io/pod-deletion-cost": "-1000"})
    dear_not_ready = pod("dear", ready=False, annotations={"controller.kubernetes.io/pod-deletion-cost": "1000"})
    assert active_pods_with_ranks_less(dear_not_ready, 0, cheap_ready, 5, NOW)
    low = pod("low", ready=True, ready_since=NOW, annotations={"controller.kubernetes.io/pod-deletion-cost": "10"})
    high = pod("high", ready=True, ready_since=NOW, annotations={"controller.kubernetes.io/pod-deletion-cost": "100"})
    assert active_pods_with_ranks_less(low, 1, high, 2, NOW)
    assert active_pods_with_ranks_less(high, 2, low, 1, NOW, RankGates(pod_deletion_cost=False))


@pytest.mark.parametrize(("value", "cost"), [
    ("10", 10), ("-5", -5), ("0", 0), ("+10", 0), ("008", 0), ("", 0), ("abc", 0),
    ("2147483647", 2147483647), ("2147483648", 0), ("-2147483648", -2147483648),
])
def test_deletion_cost_annotation_parsing(value: str, cost: int) -> None:
    assert deletion_cost(pod("p", annotations={"controller.kubernetes.io/pod-deletion-cost": value})) == cost


def test_sidecar_restarts_break_a_tie_of_regular_restarts() -> None:
    def with_sidecar(name: str, sidecar_restarts: int) -> Pod:
        return Pod(
            metadata=ObjectMeta(name=name),
            spec=PodSpec(node_name="n", init_containers=(Container(name="side", restart_policy="Always"),
                                                         Container(name="init"))),
            status=PodStatus(phase="Running", container_statuses=(ContainerStatus(restart_count=2),),
                             init_container_statuses=(ContainerStatus(name="side", restart_count=sidecar_restarts),
                                                      ContainerStatus(name="init", restart_count=50))),
        )
    more, fewer = with_sidecar("more", 4), with_sidecar("fewer", 1)
    assert max_container_restarts(more) == (2, 4)
    assert active_pods_less(more, fewer) and not active_pods_less(fewer, more)
    assert active_pods_with_ranks_less(more, 0, fewer, 0, NOW)


def test_full_order_reduces_to_the_classic_six_rules() -> None:
    month = 30 * 24 * HOUR
    pods = [
        pod("u", node="", phase="Pending"), pod("p", phase="Pending"), pod("k", phase="Unknown"),
        pod("nr", ready=False), pod("r0", ready=True), pod("r1", ready=True, ready_since=NOW - HOUR),
        pod("r2", ready=True, ready_since=NOW - month, restarts=(4,)),
        pod("r3", ready=True, ready_since=NOW - month, restarts=(1,), created=NOW - HOUR),
        pod("r4", ready=True, ready_since=NOW - month, restarts=(1,), created=NOW - month),
    ]
    classic_off = RankGates(pod_deletion_cost=False, logarithmic_scale_down=False)
    for a in pods:
        for b in pods:
            assert active_pods_with_ranks_less(a, 0, b, 0, NOW, classic_off) == classic_less(a, b)
            assert active_pods_with_ranks_less(a, 0, b, 0, NOW, RankGates(logarithmic_scale_down=False)) == classic_less(a, b)
            assert active_pods_less(a, b) == classic_less(a, b)


# --- availability (pkg/api/v1/pod IsPodAvailable) ----------------------------------------------


@pytest.mark.parametrize(("min_ready", "since", "available"), [
    (0, None, True),            # ready is enough without minReadySeconds
    (10, None, False),          # a zero transition time is never available
    (10, NOW - 11 * NANOS, True),
    (10, NOW - 10 * NANOS, True),   # exactly minReadySeconds: available (current Kubernetes compares <=)
    (10, NOW - 9 * NANOS, False),
])
def test_availability(min_ready: int, since: int | None, available: bool) -> None:
    assert is_pod_available(pod("p", ready=True, ready_since=since), min_ready, NOW) is available


# --- TestControllerExpectations / TestUIDExpectations --------------------------------------------


def test_expectations_are_satisfied_when_observed_or_expired() -> None:
    exp = expect_creations(10, NOW)
    assert not expectations_satisfied(exp, NOW)
    for _ in range(11):
        exp = creation_observed(exp)
    assert exp is not None and exp.add == -1 and expectations_satisfied(exp, NOW)
    fresh = expect_creations(1, NOW)
    assert not expectations_satisfied(fresh, NOW + EXPECTATIONS_TIMEOUT)
    assert expectations_satisfied(fresh, NOW + EXPECTATIONS_TIMEOUT + 1)
    assert expectations_satisfied(None, NOW)


def test_deletion_observations_count_each_expected_key_once() -> None:
    exp = expect_deletions(["ns/a", "ns/b", "ns/a"], NOW)
    assert exp.dele == 2
    exp2 = deletion_observed(exp, "ns/a")
    exp2 = deletion_observed(exp2, "ns/a")          # the final delete after the deletionTimestamp update
    exp2 = deletion_observed(exp2, "ns/unexpected")
    assert exp2 is not None and exp2.dele == 1 and not expectations_satisfied(exp2, NOW)
    assert expectations_satisfied(deletion_observed(exp2, "ns/b"), NOW)


# --- TestSlowStartBatch ---------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "limit", "successes", "calls", "error"), [
    (10, 0, 0, 1, True), (10, 10, 10, 10, False), (10, 5, 5, 7, True), (0, 0, 0, 0, False),
])
def test_slow_start_batch(count: int, limit: int, successes: int, calls: int, error: bool) -> None:
    result = slow_start_batch(count, 1, lambda k: None if k <= limit else CallError("fake error"))
    assert (result.successes, result.call_count, result.error is not None) == (successes, calls, error)


# --- TestCreatePods (GetPodFromTemplate) ----------------------------------------------------------


def test_pod_from_template_carries_labels_owner_and_generate_name() -> None:
    template = PodTemplateSpec(metadata=ObjectMeta(labels=freeze_map({"name": "foo", "type": "production"}),
                                                   annotations=freeze_map({"a": "b"})),
                               spec=PodSpec(containers=(Container(name="c", image="foo/bar"),)))
    parent = ObjectMeta(name="foobar", namespace="default", uid="rc-uid")
    ref = new_controller_ref(parent, "v1", "ReplicationController")
    made = get_pod_from_template(template, parent, ref)
    assert made.metadata.generate_name == "foobar-"
    assert made.metadata.labels == template.metadata.labels
    assert made.metadata.annotations == template.metadata.annotations
    assert made.metadata.owner_references == (ref,)
    assert ref.controller is True and ref.block_owner_deletion is True and ref.uid == "rc-uid"
    assert made.spec == template.spec
