"""The replica calculator, re-expressed from replica_calculator_test.go, plus properties.

Fixtures follow the Go test's: pods named test-pod-i with two containers, per-container CPU samples.
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from model.controllers.podautoscaler import replica_calculator as rc
from model.objects import Container, PodCondition, ResourceRequirements
from model.timeutil import GO_ZERO_TIME, NANOS, Time

NOW = Time(1_800_000_000 * NANOS)
TWO_MIN = 120 * NANOS
TEN_S = 10 * NANOS
TOL = rc.Tolerances(0.1, 0.1)


def pod(i: int, request: str | None = "1.0", ready: str = "True", phase: str = "Running",
        start: Time | None = GO_ZERO_TIME) -> rc.HpaPod:
    res = ResourceRequirements(requests=(("cpu", request),)) if request is not None else ResourceRequirements()
    return rc.HpaPod(
        name=f"test-pod-{i}",
        phase=phase,
        start_time=start,
        conditions=(PodCondition(type="Ready", status=ready, last_transition_time=GO_ZERO_TIME),),
        containers=(Container(name="container1", resources=res), Container(name="container2", resources=res)),
    )


def samples(*per_container: int) -> dict[str, rc.PodMetric]:
    """Both containers of pod i use ``per_container[i]`` milli-CPU (makePodMetricLevels)."""
    return {f"test-pod-{i}": rc.PodMetric(2 * v, GO_ZERO_TIME, 60 * NANOS) for i, v in enumerate(per_container)}


def resource(current: int, target: int, pods: list[rc.HpaPod], metrics: dict[str, rc.PodMetric],
             tol: rc.Tolerances = TOL) -> rc.ResourceProposal:
    return rc.get_resource_replicas(
        current, target, "cpu", tol, pods, metrics,
        cpu_initialization_period=TWO_MIN, delay_of_initial_readiness_status=TEN_S, now=NOW,
    )


def test_scale_up() -> None:
    # TestReplicaCalcResourceScale "scale up": 50 % used against a 30 % target.
    p = resource(3, 30, [pod(i) for i in range(3)], samples(300, 500, 700))
    assert (p.replicas, p.utilization, p.raw_utilization) == (5, 50, 1000)


def test_textbook_formula_is_the_special_case_of_all_ready_pods_outside_tolerance() -> None:
    # With every pod ready and reporting, the answer is ceil(sum of utilization / target).
    pods = [pod(i) for i in range(4)]
    per_pod_percent = [70, 90, 110, 50]  # each pod's utilization of its 2000m request
    metrics = samples(*(p * 10 for p in per_pod_percent))
    target = 50
    p = resource(4, target, pods, metrics)
    assert p.replicas == math.ceil(sum(per_pod_percent) / target)


def test_unready_pods_count_as_zero_on_scale_up() -> None:
    # "scale up: unready pod scales less"
    p = resource(3, 30, [pod(0, ready="False"), pod(1), pod(2)], samples(300, 500, 700))
    assert (p.replicas, p.utilization) == (4, 60)


def test_hot_cpu_pod_is_unready() -> None:
    # "scale up: hot-CPU pod scales less": a pod started now still initialises.
    pods = [pod(0, start=NOW), pod(1, start=Time(NOW - 180 * NANOS)), pod(2, start=Time(NOW - 180 * NANOS))]
    assert resource(3, 30, pods, samples(300, 500, 700)).replicas == 4


def test_missing_pods_count_as_full_request_on_scale_down() -> None:
    # TestReplicaCalcMissingMetrics: 2 of 4 pods report; scale down is damped to 3.
    p = resource(4, 100, [pod(i) for i in range(4)], samples(400, 95))
    assert (p.replicas, p.utilization, p.raw_utilization) == (3, 24, 495)


def test_missing_pods_count_as_target_above_100_percent() -> None:
    # TestReplicaCalcMissingMetricsScaleDownTargetOver100
    pods = [pod(0, ready="False"), pod(1), pod(2, request="2.0"), pod(3, request="2.0")]
    p = resource(4, 300, pods, samples(200, 100, 100))
    assert (p.replicas, p.utilization) == (2, 6)


def test_direction_flip_keeps_current() -> None:
    # TestReplicaCalcMissingMetricsUnreadyChange: rebalancing would reverse the direction.
    p = resource(3, 50, [pod(0, ready="False"), pod(1), pod(2)], samples(100, 450))
    assert p.replicas == 3


def test_surge_pods_do_not_reverse_a_scale_down() -> None:
    # TestReplicaCalcDuringRollingUpdateWithMaxSurge
    assert resource(2, 50, [pod(i) for i in range(3)], samples(100, 100)).replicas == 2


def test_configurable_tolerances_are_independent() -> None:
    pods = [pod(0, "0.9"), pod(1, "1.0"), pod(2, "1.1")]
    metrics = samples(660, 640, 650)
    assert resource(3, 100, pods, metrics, rc.Tolerances(0.36, 0.1)).replicas == 3
    assert resource(3, 100, pods, metrics, rc.Tolerances(0.34, 0.1)).replicas == 2


def test_errors_carry_kubernetes_messages() -> None:
    try:
        resource(1, 100, [pod(0, request=None)], samples(200))
    except rc.MetricError as exc:
        assert exc.message == "missing request for cpu in container container1 of Pod test-pod-0"
    else:
        raise AssertionError("a container without a request must fail")
    try:
        rc.pod_resource_metrics((), "cpu")
    except rc.MetricError as exc:
        assert exc.message == "no metrics returned from resource metrics API"
    else:
        raise AssertionError("an empty metrics list must fail")


def test_object_value_counts_only_ready_running_pods() -> None:
    # TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods: 5, not 15.
    pods = [pod(0, ready="False"), pod(1), pod(2, ready="False")]
    assert rc.get_object_metric_replicas(3, 10000, 50000, TOL, pods).replicas == 5


def test_scale_from_zero_ignores_tolerance() -> None:
    assert rc.get_object_metric_replicas(0, 10000, 10500, TOL, []).replicas == 2


def test_external_sum_saturates() -> None:
    # TestReplicaCalcExternalMetricUsageOverflow
    p = rc.get_external_metric_replicas(3, 2**63 - 1, [2**62, 2**62], TOL, [pod(i) for i in range(3)])
    assert (p.replicas, p.usage) == (3, 2**63 - 1)


def test_plain_metric_unready_running_pods_count() -> None:
    # TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale: readiness is not read for pods metrics.
    pods = [pod(0), pod(1), pod(2, ready="False", start=NOW)]
    metrics = {f"test-pod-{i}": rc.PodMetric(v) for i, v in enumerate([50000, 10000, 30000])}
    p = rc.calc_plain_metric_replicas(metrics, 3, 15000, TOL, pods, "", cpu_initialization_period=TWO_MIN,
                                      delay_of_initial_readiness_status=TEN_S, now=NOW)
    assert (p.replicas, p.usage) == (6, 30000)


usage = st.lists(st.integers(min_value=0, max_value=4000), min_size=1, max_size=8)


@given(usage, st.integers(min_value=1, max_value=300))
def test_inside_the_tolerance_band_nothing_changes(levels: list[int], target: int) -> None:
    pods = [pod(i) for i in range(len(levels))]
    p = resource(len(levels), target, pods, samples(*levels))
    if TOL.is_within(p.utilization / target):
        assert p.replicas == len(levels)


@given(usage, st.integers(min_value=1, max_value=300), st.integers(min_value=0, max_value=7),
       st.integers(min_value=1, max_value=500))
def test_legacy_formula_is_monotone_in_usage(levels: list[int], target: int, which: int, extra: int) -> None:
    # All pods ready and reporting: more usage on one pod never asks for fewer replicas.
    pods = [pod(i) for i in range(len(levels))]
    more = list(levels)
    more[which % len(levels)] += extra
    low = resource(len(levels), target, pods, samples(*levels))
    high = resource(len(levels), target, pods, samples(*more))
    assert high.replicas >= low.replicas
