"""The HPA controller pass: normalization, behaviors, reconcile; re-expressed from horizontal_test.go.

Also properties: bounds, the tolerance band, and stabilization windows.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from model.controllers.podautoscaler import horizontal as hz
from model.controllers.podautoscaler import replica_calculator as rc
from model.controllers.podautoscaler import types as t
from model.objects import Container, ObjectMeta, PodCondition, ResourceRequirements
from model.timeutil import GO_ZERO_TIME, NANOS, Time

NOW = Time(1_800_000_000 * NANOS)
S = NANOS
CFG = hz.ControllerConfig(cpu_initialization_period=120 * S, delay_of_initial_readiness_status=10 * S,
                          scale_up_limit_factor=8.0)


def pods(n: int) -> tuple[rc.HpaPod, ...]:
    res = ResourceRequirements(requests=(("cpu", "500m"),))
    return tuple(
        rc.HpaPod(
            name=f"test-pod-{i}", labels=(("name", "test-pod"),), start_time=GO_ZERO_TIME,
            conditions=(PodCondition(type="Ready", status="True", last_transition_time=GO_ZERO_TIME),),
            containers=(Container(name="c1", resources=res), Container(name="c2", resources=res)),
        )
        for i in range(n)
    )


def cpu_metrics(levels: list[int]) -> hz.MetricsSnapshot:
    """Each pod uses ``levels[i]`` milli-CPU of its 1000m request, split over two containers."""
    items = tuple(
        rc.PodMetricsItem(
            name=f"test-pod-{i}", timestamp=NOW, window=60 * S,
            containers=(rc.ContainerMetrics("c1", (("cpu", f"{lv // 2}m"),)),
                        rc.ContainerMetrics("c2", (("cpu", f"{lv - lv // 2}m"),))),
        )
        for i, lv in enumerate(levels)
    )
    return hz.MetricsSnapshot(pod_metrics=items)


def hpa(min_r: int, max_r: int, target: int = 50, behavior: t.HorizontalPodAutoscalerBehavior | None = None
        ) -> t.HorizontalPodAutoscaler:
    spec = t.HorizontalPodAutoscalerSpec(
        scale_target_ref=t.CrossVersionObjectReference("Deployment", "web", "apps/v1"),
        min_replicas=min_r, max_replicas=max_r,
        metrics=(t.MetricSpec(type="Resource", resource=t.ResourceMetricSource(
            "cpu", t.MetricTarget(type="Utilization", average_utilization=target))),),
        behavior=behavior,
    )
    return t.HorizontalPodAutoscaler(metadata=ObjectMeta(name="test-hpa", namespace="test-namespace"), spec=spec)


def scale(n: int) -> hz.Scale:
    return hz.Scale(n, n, "name=test-pod")


def conditions(result: hz.ReconcileResult) -> dict[str, tuple[str, str]]:
    return {c.type: (c.status, c.reason) for c in result.status.conditions}


def test_scale_up_within_range() -> None:
    r = hz.reconcile(hpa(2, 6, 30), scale(3), pods(3), cpu_metrics([300, 500, 700]), hz.HpaMemory(), NOW, CFG)
    assert r.scale == 5 and r.status.desired_replicas == 5
    assert conditions(r) == {"AbleToScale": ("True", "SucceededRescale"), "ScalingActive": ("True", "ValidMetricFound"),
                             "ScalingLimited": ("False", "DesiredWithinRange")}
    assert hz.current_cpu_utilization(r.status) == 50


def test_below_min_only_sets_able_to_scale() -> None:
    # TestScaleUpRCImmediately: no metrics are read.
    r = hz.reconcile(hpa(2, 6), scale(1), pods(1), hz.MetricsSnapshot(), hz.HpaMemory(), NOW, CFG)
    assert r.scale == 2
    assert conditions(r) == {"AbleToScale": ("True", "SucceededRescale")}


def test_zero_replicas_disables_scaling() -> None:
    r = hz.reconcile(hpa(1, 6), scale(0), (), hz.MetricsSnapshot(), hz.HpaMemory(), NOW, CFG)
    assert r.scale is None and r.status.desired_replicas == 0
    assert conditions(r)["ScalingActive"] == ("False", "ScalingDisabled")


def test_missing_selector_is_invalid_selector() -> None:
    r = hz.reconcile(hpa(1, 6), hz.Scale(3, 3, ""), pods(3), cpu_metrics([100] * 3),
                     hz.HpaMemory(), NOW, CFG)
    assert r.scale is None and r.error is not None
    assert conditions(r)["ScalingActive"] == ("False", "InvalidSelector")


def test_ambiguous_selector() -> None:
    other = hz.OtherHpa("test-namespace", "other", t.LabelSelector(match_labels=(("name", "test-pod"),)))
    r = hz.reconcile(hpa(1, 6), scale(3), pods(3), cpu_metrics([100] * 3), hz.HpaMemory(), NOW, CFG, [other])
    assert conditions(r)["ScalingActive"] == ("False", "AmbiguousSelector")


def test_failed_metric_never_scales_down_on_partial_data() -> None:
    # One metric is fine and asks for fewer pods, the other fails: no scaling, error reported.
    two = replace(hpa(1, 10), spec=replace(hpa(1, 10).spec, metrics=hpa(1, 10).spec.metrics + (
        t.MetricSpec(type="External", external=t.ExternalMetricSource(
            t.MetricIdentifier("qps"), t.MetricTarget(type="Value", value="100"))),)))
    r = hz.reconcile(two, scale(4), pods(4), cpu_metrics([100] * 4), hz.HpaMemory(), NOW, CFG)
    assert r.scale is None
    assert conditions(r)["ScalingActive"] == ("False", "FailedGetExternalMetric")


def test_legacy_stabilization_holds_the_highest_recent_recommendation() -> None:
    # A load spike then a drop: the scale-down waits for the 5-minute window.
    memory = hz.HpaMemory()
    replicas = 2
    history = []
    load = [900] * 4 + [100] * 40  # per-pod milli-CPU at 50 % target of 1000m
    now = NOW
    for level in load:
        r = hz.reconcile(hpa(1, 20), scale(replicas), pods(replicas), cpu_metrics([level] * replicas), memory, now,
                         replace(CFG, scale_up_limit_factor=2.0))
        memory = r.memory
        replicas = r.scale if r.scale is not None else replicas
        history.append(replicas)
        now = Time(now + 15 * S)
    peak = max(history)
    first_drop = next(i for i, n in enumerate(history) if i > 4 and n < peak)
    assert peak > 2
    assert first_drop * 15 >= 300  # nothing scaled down inside the window after the last high recommendation


def test_behavior_rate_limit_with_default_scale_up_rules() -> None:
    # TestScalingWithRules "scaleUp with default behavior": 10 -> 20 (max of +4 pods and +100 %).
    up, down = hz.resolve_behavior(t.HorizontalPodAutoscalerBehavior(), CFG)
    replicas, reason, _ = hz.convert_desired_replicas_with_behavior_rate(10, 50, 1, 1000, up, down, (), (), NOW)
    assert (replicas, reason) == (20, "ScaleUpLimit")


def test_scale_events_are_recorded_only_with_behavior() -> None:
    mem = hz.store_scale_event(None, hz.HpaMemory(), 3, 5, NOW)
    assert mem.scale_up_events == ()
    mem = hz.store_scale_event(t.HorizontalPodAutoscalerBehavior(), hz.HpaMemory(), 3, 5, NOW)
    assert mem.scale_up_events == (hz.ScaleEvent(2, NOW, False),)


def test_max_of_proposals() -> None:
    # TestNoBackoffUpscaleCMNoBackoffCpu: the CPU proposal (600) beats the pods metric (4); max clips at 5.
    spec = hpa(1, 5, 10).spec
    qps = t.MetricSpec(type="Pods", pods=t.PodsMetricSource(t.MetricIdentifier("qps"),
                                                            t.MetricTarget(type="AverageValue", average_value="15")))
    h = replace(hpa(1, 5, 10), spec=replace(spec, metrics=spec.metrics + (qps,)))
    metrics = replace(cpu_metrics([20000, 10000, 30000]), pods=(("qps", tuple(
        (f"test-pod-{i}", rc.PodMetric(v)) for i, v in enumerate([20000, 10000, 30000]))),))
    r = hz.reconcile(h, scale(3), pods(3), metrics, hz.HpaMemory(), NOW, CFG)
    assert r.scale == 5
    assert conditions(r)["ScalingLimited"] == ("True", "TooManyReplicas")


levels_st = st.lists(st.integers(min_value=0, max_value=3000), min_size=1, max_size=6)


@given(levels_st, st.integers(min_value=1, max_value=6), st.integers(min_value=0, max_value=10),
       st.integers(min_value=10, max_value=150))
def test_desired_stays_within_bounds_when_able_to_scale(levels: list[int], min_r: int, span: int, target: int) -> None:
    n = len(levels)
    max_r = min_r + span
    r = hz.reconcile(hpa(min_r, max_r, target), scale(n), pods(n), cpu_metrics(levels), hz.HpaMemory(), NOW, CFG)
    if r.scale is not None:
        assert min_r <= r.scale <= max_r


@given(levels_st, st.integers(min_value=10, max_value=150))
def test_no_change_inside_the_tolerance_band(levels: list[int], target: int) -> None:
    n = len(levels)
    r = hz.reconcile(hpa(1, 100, target), scale(n), pods(n), cpu_metrics(levels), hz.HpaMemory(), NOW, CFG)
    util = hz.current_cpu_utilization(r.status)
    if util is not None and rc.Tolerances().is_within(util / target):
        assert r.scale is None and r.status.desired_replicas == n


recs_st = st.lists(st.tuples(st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=900)),
                   max_size=8)


@given(recs_st, st.integers(min_value=1, max_value=50), st.integers(min_value=0, max_value=50),
       st.integers(min_value=0, max_value=600), st.integers(min_value=1, max_value=600))
def test_no_scale_down_while_a_higher_recommendation_is_in_the_window(
    recs: list[tuple[int, int]], current: int, desired: int, up_window: int, down_window: int
) -> None:
    history = tuple(hz.Recommendation(r, Time(NOW - age * S)) for r, age in recs)
    result, _, _, stored = hz.stabilize_recommendation_with_behaviors(
        history, current, desired, up_window * S, down_window * S, NOW)
    if any(r >= current and age < down_window for r, age in recs):
        assert result >= current
    assert len(stored) <= len(history) + 1


def test_sync_loop_with_v1_pods_and_usage() -> None:
    # How the transition system drives the controller: v1 Pods, per-pod CPU usage, memory carried over.
    from model.objects import ObjectMeta as Meta
    from model.objects import Pod, PodSpec, PodStatus

    def v1pod(i: int) -> Pod:
        res = ResourceRequirements(requests=(("cpu", "200m"),))
        return Pod(
            metadata=Meta(name=f"web-{i}", namespace="test-namespace", labels=(("app", "web"),)),
            spec=PodSpec(containers=(Container(name="main", resources=res),)),
            status=PodStatus(phase="Running", start_time=Time(NOW - 600 * S),
                             conditions=(PodCondition(type="Ready", status="True",
                                                      last_transition_time=Time(NOW - 590 * S)),)),
        )

    sel = hz.selector_string(t.LabelSelector(match_labels=(("app", "web"),)))
    assert sel == "app=web"
    h = hpa(1, 10, 50)
    memory = hz.HpaMemory()
    replicas = 2
    for step in range(4):
        now = Time(NOW + step * 15 * S)
        pods_v1 = tuple(v1pod(i) for i in range(replicas))
        usage = {p.metadata.name: 300 for p in pods_v1}  # 150 % of the 200m request
        r = hz.sync_hpa(h, replicas, replicas, t.LabelSelector(match_labels=(("app", "web"),)), pods_v1, usage,
                        memory, now)
        memory = r.memory
        if r.scale is not None:
            replicas = r.scale
    assert replicas == 10  # doubling every sync (max(2x, 4)) until maxReplicas


@given(st.integers(min_value=1, max_value=200), st.integers(min_value=0, max_value=1000),
       st.integers(min_value=1, max_value=1000))
def test_default_behavior_caps_one_sync_at_double_or_plus_four(current: int, desired: int, max_r: int) -> None:
    # API default scale-up rules: 4 pods or 100 % per 15 s, whichever is more; scale-down: 100 % per 15 s.
    up, down = hz.resolve_behavior(t.HorizontalPodAutoscalerBehavior(), CFG)
    replicas, _, _ = hz.convert_desired_replicas_with_behavior_rate(current, desired, 1, max_r, up, down, (), (), NOW)
    if desired > current:
        assert replicas <= max(current + 4, 2 * current)
    if current <= max_r:
        assert 1 <= replicas <= max_r
