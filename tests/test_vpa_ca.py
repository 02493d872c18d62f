"""VPA recommender/updater and Cluster Autoscaler decisions (kubernetes/autoscaler semantics)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.controllers import clusterautoscaler as ca
from model.controllers import vpa


def test_upper_bound_doubles_with_a_day_of_history_and_is_unbounded_without() -> None:
    usage = {"cpu": vpa.Percentiles(1000, 2000, 4000)}
    assert dict(vpa.recommend(usage, 1.0, 1).upper_bound)["cpu"] == 2 * 4600
    assert dict(vpa.recommend(usage, 0.0, 1).upper_bound)["cpu"] == vpa.MAX_RESOURCE_AMOUNT


def test_floors_are_split_between_containers() -> None:
    tiny = {"cpu": vpa.Percentiles(1, 1, 1), "memory": vpa.Percentiles(1, 1, 1)}
    assert dict(vpa.recommend(tiny, 7, 2).target) == {"cpu": 12, "memory": 250 * 1024 * 1024 // 2}


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6), st.floats(0.01, 30))
def test_bounds_bracket_the_target(a: int, b: int, c: int, days: float) -> None:
    p50, p90, p95 = sorted((a, b, c))
    rec = vpa.recommend({"cpu": vpa.Percentiles(p50, p90, p95)}, days, 1)
    assert dict(rec.lower_bound)["cpu"] <= dict(rec.target)["cpu"] <= dict(rec.upper_bound)["cpu"]


def test_updater_waits_for_long_lived_pods_inside_the_bounds() -> None:
    rec = vpa.ContainerRecommendation((("cpu", 300),), (("cpu", 200),), (("cpu", 400),))
    prio = vpa.update_priority({"cpu": 250}, rec)
    assert not prio.outside_recommended_range and prio.scale_up
    assert vpa.should_update(prio, 3600, False) == (False, "PodTooYoung")
    assert vpa.should_update(prio, 12 * 3600, False) == (True, "ResourceDiffAboveThreshold")
    assert vpa.admit({"cpu": 250, "memory": 5}, rec) == {"cpu": 300, "memory": 5}


def test_scale_down_needs_low_utilization_time_and_cooldown() -> None:
    alloc = {"cpu": 4000, "memory": 8 * 2**30}
    pods = [{"cpu": 1000, "memory": 2**30}]
    assert ca.node_scale_down(alloc, pods, 600, 600, True).removable
    assert not ca.node_scale_down(alloc, pods, 600, 599, True).removable
    assert not ca.node_scale_down(alloc, [{"cpu": 2000}], 3600, None, True).candidate  # exactly 0.5 is not below


def test_scale_up_prefers_least_waste() -> None:
    pod = ca.PendingPod("p", (("cpu", 3000), ("memory", 2**30)))
    small = ca.NodeGroup("small", (("cpu", 2000), ("memory", 4 * 2**30)))
    mid = ca.NodeGroup("mid", (("cpu", 4000), ("memory", 4 * 2**30)))
    big = ca.NodeGroup("big", (("cpu", 16000), ("memory", 64 * 2**30)))
    group, helped = ca.scale_up_plan([pod], [small, big, mid])
    assert group == mid and helped == ("p",)
    assert ca.provisioning_failed(900, False) and not ca.provisioning_failed(899, False)


def test_eviction_tolerance_and_min_replicas() -> None:
    assert not vpa.eviction_allowed(configured=1, running=1, evicted=0)  # below --min-replicas 2
    assert vpa.eviction_allowed(configured=4, running=4, evicted=0)  # 4 - 2 = 2 must stay
    assert vpa.eviction_allowed(configured=4, running=4, evicted=1)
    assert not vpa.eviction_allowed(configured=4, running=4, evicted=2)
    assert vpa.eviction_allowed(configured=2, running=2, evicted=0)  # tolerance 1 of 2


def test_confidence_multipliers_match_the_recommender_table() -> None:
    # recommender.go documents: lower bound x0.6 at 5 min, x0.95 at 60 min; upper bound x1.14 at a week.
    day = 1.0
    assert round(vpa.confidence_factor(0.001, -2.0, 5 / 1440 * day), 1) == 0.6
    assert round(vpa.confidence_factor(0.001, -2.0, 60 / 1440 * day), 2) == 0.95
    assert round(vpa.confidence_factor(1.0, 1.0, 7 * day), 2) == 1.14
    assert vpa.confidence_factor(1.0, 1.0, 0.0) == float("inf")
    assert vpa.confidence_factor(0.001, -2.0, 0.0) == 0.0
