"""The Vertical Pod Autoscaler wired into the cluster (semantics/autoscaling.md §12).

The default cluster runs Deployment ``web``: 2 pods each requesting 100m CPU. A load of 400m
splits into 200m per pod. The recommender samples once a minute; its target is the 90th percentile
plus a 15 % margin (200m -> 230m); the lower bound is the 50th percentile with margin times
(1 + 0.001/days)^-2, where days is the span of the history, so it starts at 0 and rises as history
builds up. The updater evicts a pod once its request is outside [lower, upper]; the admission
controller gives the replacement pod the target as its request.
"""

from __future__ import annotations

import dataclasses

import pytest

from model.config import default_config
from model.errors import ModelError, ValidationError
from model.runner import advance
from model.system import Model
from model.useractions import Apply, DeleteObject, Scale, SetCPULoad
from model.wiring import vpa as w

DAY = 86400


def _vpa(mode: str | None = None, min_replicas: int | None = None) -> w.VerticalPodAutoscaler:
    policy: dict[str, object] = {}
    if mode is not None:
        policy["updateMode"] = mode
    if min_replicas is not None:
        policy["minReplicas"] = min_replicas
    spec: dict[str, object] = {"targetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}}
    if policy:
        spec["updatePolicy"] = policy
    return w.vpa_from_json({"apiVersion": "autoscaling.k8s.io/v1", "kind": "VerticalPodAutoscaler",
                            "metadata": {"name": "web"}, "spec": spec})


def _start(*objects: object, load: int = 400, replicas: int | None = None):
    m = Model(dataclasses.replace(default_config(), script=(), max_seconds=3600))
    (s,) = m.init_states()
    if replicas is not None:
        s = m.step(s, Scale("Deployment", "web", replicas))
        s, _ = advance(m, s, 0)
    for o in objects:
        s = m.step(s, Apply(o))
    s = m.step(s, SetCPULoad("Deployment", "web", load))
    return m, s


def _requests(s) -> list[str]:
    return sorted(dict(p.spec.containers[0].resources.requests)["cpu"] for p in s.objects("Pod")
                  if p.metadata.deletion_timestamp is None)


def _rec(s) -> tuple[str, str, str]:
    r = s.get("VerticalPodAutoscaler", "web").status.recommendation.container_recommendations[0]
    return dict(r.target)["cpu"], dict(r.lower_bound)["cpu"], dict(r.upper_bound)["cpu"]


def _lower(p50: int, seconds_of_history: int) -> int:
    """The lower bound of §12 for a steady usage of p50 millicores over that much history."""
    return int((p50 + int(p50 * 0.15)) * (1 + 0.001 / (seconds_of_history / DAY)) ** -2)


def _evictions(trace) -> list[tuple[int, str]]:
    out = []
    for action, after in trace:
        if isinstance(action, w.VpaUpdate):
            out.extend((after.clock, p) for p in sorted(
                p.metadata.name for p in after.objects("Pod") if p.metadata.deletion_timestamp is not None))
    return out


# -- the object ---------------------------------------------------------------------------------


def test_manifest_loads_with_auto_as_the_default_update_mode() -> None:
    (v,) = w.load_vpa("""
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
""")
    assert v.metadata.namespace == "default"
    assert v.spec.target_ref == w.TargetRef("apps/v1", "Deployment", "web")
    assert v.update_mode == "Auto"


def test_invalid_manifests_name_the_field() -> None:
    with pytest.raises(ValidationError) as exc:
        _vpa(mode="Sometimes")
    assert exc.value.errors[0].field == "spec.updatePolicy.updateMode"
    with pytest.raises(ValidationError) as exc:
        w.vpa_from_json({"apiVersion": "autoscaling.k8s.io/v1", "kind": "VerticalPodAutoscaler",
                         "metadata": {"name": "web"}, "spec": {}})
    assert exc.value.errors[0].field == "spec.targetRef"
    with pytest.raises(ModelError) as err:
        w.vpa_from_json({"apiVersion": "autoscaling.k8s.io/v1", "kind": "VerticalPodAutoscaler",
                         "metadata": {"name": "web"}, "spec": {"targetRef": {"kind": "Deployment", "name": "web"},
                                                               "selector": {}}})
    assert err.value.field == "spec.selector"


# -- recommender -----------------------------------------------------------------------------------


def test_first_recommendation_has_no_confidence_so_its_range_is_wide_open() -> None:
    m, s = _start(_vpa())
    s, _ = advance(m, s, 0)
    target, lower, upper = _rec(s)
    assert target == "230m"                     # p90 200m + 15 %
    assert lower == "25m"                       # 0 with no history, raised to the 25m pod floor
    assert upper == f"{10**14}m"                # infinite, saturating at MaxResourceAmount


def test_the_range_narrows_as_history_grows() -> None:
    m, s = _start(_vpa(mode="Off"))
    s, _ = advance(m, s, 120)
    assert _rec(s)[1] == f"{_lower(200, 120)}m"
    s, _ = advance(m, s, 60)
    assert _rec(s)[1] == f"{_lower(200, 180)}m"
    assert _lower(200, 120) < 100 < _lower(200, 180)  # the 100m request leaves the range at 180 s


# -- updater and admission -------------------------------------------------------------------------


def test_updater_evicts_when_the_request_leaves_the_range_one_pod_per_loop() -> None:
    m, s = _start(_vpa())
    s, trace = advance(m, s, 300)
    ev = _evictions(trace)
    # At 180 s the lower bound passes 100m. Eviction tolerance 0.5 of 2 replicas keeps one pod
    # running, so the second pod goes at the next updater loop, a minute later.
    assert [t for t, _ in ev] == [180, 240]
    assert _requests(s) == ["230m", "230m"]  # both replacements admitted with the target
    pods = s.objects("Pod")
    assert all(dict(p.metadata.annotations)["vpaUpdates"] == "Pod resources updated by web: container 0: "
               "cpu request" for p in pods)


def test_a_single_replica_is_not_evicted() -> None:
    m, s = _start(_vpa(), replicas=1, load=200)
    s, trace = advance(m, s, 600)
    assert _evictions(trace) == []          # --min-replicas 2
    assert _rec(s)[1] != "25m" and int(_rec(s)[1][:-1]) > 100
    assert _requests(s) == ["100m"]


def test_min_replicas_in_the_update_policy_overrides_the_flag() -> None:
    m, s = _start(_vpa(min_replicas=1), replicas=1, load=200)
    s, trace = advance(m, s, 300)
    assert [t for t, _ in _evictions(trace)] == [180]
    assert _requests(s) == ["230m"]


def test_off_mode_only_recommends() -> None:
    m, s = _start(_vpa(mode="Off"))
    s, trace = advance(m, s, 300)
    assert _evictions(trace) == []
    victim = s.objects("Pod")[0].metadata.name
    s = m.step(s, DeleteObject("Pod", victim))
    s, _ = advance(m, s, 1)
    assert _requests(s) == ["100m", "100m"]


def test_initial_mode_sizes_new_pods_but_never_evicts() -> None:
    m, s = _start(_vpa(mode="Initial"))
    s, trace = advance(m, s, 300)
    assert _evictions(trace) == []
    victim = s.objects("Pod")[0].metadata.name
    s = m.step(s, DeleteObject("Pod", victim))
    s, _ = advance(m, s, 1)
    assert _requests(s) == ["100m", "230m"]


def test_deleting_the_vpa_forgets_its_history() -> None:
    m, s = _start(_vpa(mode="Off"))
    s, _ = advance(m, s, 60)
    assert s.vpas
    s = m.step(s, DeleteObject("vpa", "web"))
    s, _ = advance(m, s, 1)
    assert s.vpas == ()


# -- with the HPA on the same metric -------------------------------------------------------------


def _hpa():
    types = pytest.importorskip("model.controllers.podautoscaler.types")
    return types.hpa_from_json({
        "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                 "minReplicas": 1, "maxReplicas": 10,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                     "type": "Utilization", "averageUtilization": 100}}}]},
    })


def test_vpa_and_hpa_on_cpu_fight_step_by_step() -> None:
    """Why VPA and HPA should not both act on CPU: with an unchanged load of 400m, the HPA first
    scales out, then — because the VPA raised the requests it divides by — scales back in."""
    m, s = _start(_hpa(), _vpa())
    replicas = lambda st: st.get("Deployment", "web").spec.replicas  # noqa: E731
    util = lambda st: st.get("HorizontalPodAutoscaler", "web").status.current_metrics[0].current.average_utilization  # noqa: E731

    # 60 s: the first samples of the pods' CPU usable by the HPA (a sample counts only once its
    # window lies after the pod became Ready): 200m of 100m requested = 200 % -> 4 replicas.
    s, _ = advance(m, s, 60)
    assert (replicas(s), util(s)) == (4, 200)
    # The two new pods pass the VPA admission controller: they request the 230m target.
    s, _ = advance(m, s, 1)
    assert _requests(s) == ["100m", "100m", "230m", "230m"]

    # 120 s: the new pods count too. Usage is 100m each, requests sum to 660m: 400/660 = 60 %.
    # The HPA wants 3 but the 300 s window still holds the 4 it recommended up to 105 s.
    s, _ = advance(m, s, 59)
    assert (replicas(s), util(s)) == (4, 60)
    reasons = {c.type: c.reason for c in s.get("HorizontalPodAutoscaler", "web").status.conditions}
    assert reasons["AbleToScale"] == "ScaleDownStabilized"

    # 405 s: the recommendation of 105 s is exactly 300 s old, not yet older: still 4.
    s, _ = advance(m, s, 285)
    assert replicas(s) == 4
    # 420 s: scale in to ceil(4 x 0.606) = 3, the load never having changed.
    s, _ = advance(m, s, 15)
    assert replicas(s) == 3

    # The VPA keeps raising requests: with usage 133m per pod its lower bound passes 100m and the
    # updater replaces the last 100m pods; the HPA never goes back to 4.
    s, trace = advance(m, s, 900)
    assert all(int(r[:-1]) > 100 for r in _requests(s))
    assert _evictions(trace)
    assert max(replicas(st) for _, st in trace) == 3


def test_samples_weigh_as_much_as_the_request_they_were_taken_under() -> None:
    """``addCPUSample`` weighs a sample by the container's CPU request (at least 0.1 core), so
    after the request grows, older samples count for less."""
    history = w.ContainerHistory("web").add(200, 100, 0).add(200, 100, 60).add(100, 230, 120)
    assert history.cpu == ((100, 230), (200, 200))
    assert w.percentile(history.cpu, 50) == 100     # 230 of 430 weight is at 100m
    assert w.percentile(history.cpu, 90) == 200
    # getConfidence: the smaller of the span (120 s) and the sample count in sample-minutes (3 min)
    assert history.confidence_days() == pytest.approx(120 / DAY)


def test_the_recommender_reads_the_same_lagging_metrics_as_the_hpa() -> None:
    m = Model(dataclasses.replace(default_config(), script=(), max_seconds=3600,
                                  timings=dataclasses.replace(default_config().timings, metrics_delay=30)))
    (s,) = m.init_states()
    s = m.step(s, Apply(_vpa(mode="Off")))
    s = m.step(s, SetCPULoad("Deployment", "web", 400))
    s, _ = advance(m, s, 0)
    assert _rec(s)[0] == "25m"       # metrics-server still reports the load before the change: 0
    s, _ = advance(m, s, 60)
    assert _rec(s)[0] == "230m"      # 0m and 200m samples at equal weight: p90 is 200m


@pytest.mark.parametrize("seed", range(6))
def test_under_random_interleavings_evictions_keep_the_tolerated_number_running(seed) -> None:
    from model.runner import settle_random

    m, s = _start(_vpa())
    s, trace = settle_random(m, s, 600, seed=seed)
    for action, after in trace:
        if isinstance(action, w.VpaUpdate):
            running = [p for p in after.objects("Pod")
                       if p.status.phase == "Running" and p.metadata.deletion_timestamp is None]
            assert len(running) >= 1  # 2 replicas - floor(2 x 0.5)
    assert _requests(s) == ["230m", "230m"]


def _vpa_with_policy(policy: dict) -> w.VerticalPodAutoscaler:
    return w.vpa_from_json({"apiVersion": "autoscaling.k8s.io/v1", "kind": "VerticalPodAutoscaler",
                            "metadata": {"name": "web"},
                            "spec": {"targetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                                     "resourcePolicy": {"containerPolicies": [policy]}}})


def test_max_allowed_caps_what_the_vpa_publishes_and_applies() -> None:
    m, s = _start(_vpa_with_policy({"containerName": "*", "maxAllowed": {"cpu": "150m"}}))
    s, trace = advance(m, s, 300)
    r = s.get("VerticalPodAutoscaler", "web").status.recommendation.container_recommendations[0]
    assert dict(r.target)["cpu"] == "150m" and dict(r.uncapped_target)["cpu"] == "230m"
    assert dict(r.upper_bound)["cpu"] == "150m"
    assert [t for t, _ in _evictions(trace)] == [180, 240]  # lower bound 105m (under the cap) > 100m
    assert _requests(s) == ["150m", "150m"]


def test_a_container_with_mode_off_gets_no_recommendation() -> None:
    m, s = _start(_vpa_with_policy({"containerName": "web", "mode": "Off"}))
    s, trace = advance(m, s, 300)
    assert s.get("VerticalPodAutoscaler", "web").status.recommendation is None
    assert _evictions(trace) == [] and _requests(s) == ["100m", "100m"]


def test_an_inverted_allowed_range_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        _vpa_with_policy({"containerName": "*", "minAllowed": {"cpu": "2"}, "maxAllowed": {"cpu": "1"}})
    assert exc.value.errors[0].field == "spec.resourcePolicy.containerPolicies[0].maxAllowed.cpu"
