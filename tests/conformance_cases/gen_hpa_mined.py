"""Writes hpa_mined.jsonl: an independent re-mining of Kubernetes' newest HPA unit-test tables.

Sources (kubernetes/kubernetes, newest versions in the index):
* pkg/controller/podautoscaler/horizontal_test.go — the whole-controller ``testCase`` tests (mapped
  onto ``hpa.reconcile`` with the unit-test controller config: 5 min downscale window, tolerance 0.1,
  2 min CPU initialization, 10 s readiness delay, scale-up factor 8), and the table tests
  TestConvertDesiredReplicasWithRules, TestCalculateScaleUp/DownLimit..., TestNormalizeDesiredReplicas,
  TestScalingWithRules, TestStoreScaleEvents, TestNormalizeDesiredReplicasWithBehavior;
* pkg/controller/podautoscaler/replica_calculator_test.go — TestGroupPods, TestCalculateRequests and
  the replica-calculator tables;
* pkg/apis/autoscaling/validation/validation_test.go and pkg/apis/autoscaling/v2/defaults_test.go.

Every expectation is the one the Go test asserts (rows the Go test skips are marked ``#unasserted``
and carry the value the table states). Case ids cite the Go test and its row name or index.

Run: python3 tests/conformance_cases/gen_hpa_mined.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NOW = "2026-01-01T12:00:00Z"
ZERO = "0001-01-01T00:00:00Z"
HOT = NOW  # hotCPUCreationTime(): time.Now()
COOL = "2026-01-01T11:57:00Z"  # coolCPUCreationTime(): three minutes ago

HZ = "horizontal_test.go"
RC = "replica_calculator_test.go"
VAL = "validation_test.go"
DEF = "defaults_test.go"

cases: list[dict[str, Any]] = []


def case(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    assert all(c["id"] != cid for c in cases), cid
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


def milli(q: str) -> int:
    """resource.MustParse(q).MilliValue() for the plain decimal forms the tests use."""
    if q.endswith("m"):
        return int(q[:-1])
    whole, _, frac = q.partition(".")
    frac = (frac + "000")[:3]
    return int(whole or "0") * 1000 + int(frac)


# ---------------------------------------------------------------------------------------------
# horizontal_test.go: the testCase harness (prepareTestClient) re-expressed as an hpa.reconcile input

UNIT_CONFIG = {"tolerance": 0.1, "cpuInitializationPeriodSeconds": 120, "delayOfInitialReadinessStatusSeconds": 10,
               "downscaleStabilizationWindowSeconds": 300, "scaleUpLimitFactor": 8, "scaleUpLimitMinimum": 4}


def rules(pods: int, pods_period: int, percent: int, percent_period: int, window: int) -> dict[str, Any]:
    """generateScalingRules: selectPolicy Max, a Pods and/or a Percent policy, a stabilization window."""
    policies = []
    if pods:
        policies.append({"type": "Pods", "value": pods, "periodSeconds": pods_period})
    if percent:
        policies.append({"type": "Percent", "value": percent, "periodSeconds": percent_period})
    out: dict[str, Any] = {"stabilizationWindowSeconds": window, "selectPolicy": "Max"}
    if policies:
        out["policies"] = policies
    return out


def hz_case(name: str, *, min_r: int, max_r: int, spec: int, status: int, expected: int,
            cpu_target: int = 0, levels: list[int], requests: list[str] | None = None,
            readiness: list[str] | None = None, start: list[str] | None = None, phases: list[str] | None = None,
            deleted: list[bool] | None = None, metrics: list[dict[str, Any]] | None = None,
            recommendations: list[tuple[int, float]] | None = None, scale_up: dict[str, Any] | None = None,
            scale_down: dict[str, Any] | None = None, target: tuple[str, str, str] = ("v1", "ReplicationController", "test-rc"),
            selector: str = "name=test-pod", other_hpas: list[dict[str, Any]] | None = None,
            faults: dict[str, bool] | None = None, pod_labels: dict[str, str] | None = None,
            conditions: list[dict[str, str]] | None = None, cpu: int | None = None,
            status_override: dict[str, Any] | None = None, spec_metrics_override: list[dict[str, Any]] | None = None) -> None:
    n = len(requests) if requests is not None else status
    pods = []
    for i in range(n):
        req = milli(requests[i]) if requests is not None else 1000
        st = start[i] if start else ZERO
        pod: dict[str, Any] = {
            "name": f"test-pod-{i}",
            "phase": phases[i] if phases else "Running",
            "labels": pod_labels or {"name": "test-pod"},
            "startTime": st,
            "conditions": [{"type": "Ready", "status": readiness[i] if readiness else "True", "lastTransitionTime": st}],
            "containers": [{"name": f"container{j}", "resources": {"requests": {"cpu": f"{req // 2}m"}}} for j in (1, 2)],
        }
        if deleted and deleted[i]:
            pod["deletionTimestamp"] = NOW
        pods.append(pod)
    mspecs: list[dict[str, Any]] = []
    if cpu_target > 0:
        mspecs.append({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                                  "averageUtilization": cpu_target}}})
    mspecs += metrics or []
    if not mspecs:  # the harness adds the defaulting logic by hand: a CPU metric without a target
        mspecs = [{"type": "Resource", "resource": {"name": "cpu", "target": {}}}]
    if spec_metrics_override is not None:
        mspecs = spec_metrics_override
    behavior = None
    if scale_up is not None or scale_down is not None:
        behavior = {}
        if scale_up is not None:
            behavior["scaleUp"] = scale_up
        if scale_down is not None:
            behavior["scaleDown"] = scale_down
    hpa_status: dict[str, Any] = {"currentReplicas": spec, "desiredReplicas": spec, "lastScaleTime": None}
    if status_override:
        hpa_status.update(status_override)
    obj_described = {"kind": "Deployment", "apiVersion": "apps/v1", "name": "some-deployment"}
    inp: dict[str, Any] = {
        "config": UNIT_CONFIG,
        "now": NOW,
        "hpa": {"metadata": {"namespace": "test-namespace", "name": "test-hpa"},
                "spec": {"scaleTargetRef": {"apiVersion": target[0], "kind": target[1], "name": target[2]},
                         "minReplicas": min_r, "maxReplicas": max_r, "metrics": mspecs, "behavior": behavior},
                "status": hpa_status},
        "scale": {"specReplicas": spec, "statusReplicas": status, "selector": selector},
        "pods": pods,
        "podMetrics": [{"name": f"test-pod-{i}", "timestamp": NOW, "windowSeconds": 60,
                        "containers": [{"name": "container1", "usage": {"cpu": f"{lv // 2}m", "memory": "524288"}},
                                       {"name": "container2", "usage": {"cpu": f"{lv // 2}m", "memory": "524288"}}]}
                       for i, lv in enumerate(levels)],
        "customMetrics": {"pods": {"qps": [{"name": f"test-pod-{i}", "value": f"{lv}m", "timestamp": NOW}
                                           for i, lv in enumerate(levels)]},
                          "object": ({"qps": {"describedObject": obj_described, "value": f"{levels[0]}m", "timestamp": NOW}}
                                     if levels else {})},
        "externalMetrics": {"qps": [f"{lv}m" for lv in levels]},
        "recommendations": None if recommendations is None else [{"replicas": r, "ageSeconds": a} for r, a in recommendations],
        "scaleUpEvents": [],
        "scaleDownEvents": [],
    }
    if other_hpas is not None:
        inp["otherHpas"] = other_hpas
    if faults is not None:
        inp["faults"] = faults
    exp: dict[str, Any] = {"desiredReplicas": expected, "scaleUpdated": spec != expected,
                           "conditions": conditions if conditions is not None else ok()}
    if cpu is not None:
        exp["currentCpuUtilization"] = cpu
    case(f"{HZ}:{name}", "hpa.reconcile", inp, exp)


def ok(**over: tuple[str, str]) -> list[dict[str, str]]:
    """statusOkWithOverrides: the three conditions of a successful rescale, some replaced."""
    base = {"AbleToScale": ("True", "SucceededRescale"), "ScalingActive": ("True", "ValidMetricFound"),
            "ScalingLimited": ("False", "DesiredWithinRange")}
    base.update(over)
    return [{"type": k, "status": v[0], "reason": v[1]} for k, v in base.items()]


def only(*conds: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"type": t, "status": s, "reason": r} for t, s, r in conds]


def inactive(reason: str) -> list[dict[str, str]]:
    return only(("AbleToScale", "True", "SucceededGetScale"), ("ScalingActive", "False", reason))


READY = {"AbleToScale": ("True", "ReadyForNewScale")}
RESCALED = only(("AbleToScale", "True", "SucceededRescale"))


def cpu_util(levels: list[int], requests: list[str] | None) -> int:
    """computeCPUCurrent: 100 * sum(levels) / sum(requests) when both lists line up."""
    reqs = [milli(r) for r in (requests or [])]
    return 100 * sum(levels) // sum(reqs)


def pods_metric(avg: str) -> list[dict[str, Any]]:
    return [{"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": avg}}}]


def object_metric(target: dict[str, Any], selector: bool = False) -> list[dict[str, Any]]:
    metric: dict[str, Any] = {"name": "qps"}
    if selector:
        metric["selector"] = {}
    return [{"type": "Object", "object": {"describedObject": {"apiVersion": "apps/v1", "kind": "Deployment",
                                                              "name": "some-deployment"},
                                          "metric": metric, "target": target}}]


def external_metric(target: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"type": "External", "external": {"metric": {"name": "qps", "selector": {}}, "target": target}}]


def container_metric(container: str, util: int) -> list[dict[str, Any]]:
    return [{"type": "ContainerResource", "containerResource": {
        "name": "cpu", "container": container, "target": {"type": "Utilization", "averageUtilization": util}}}]


ONE3 = ["1.0"] * 3
ONE5 = ["1.0"] * 5
R3 = ["0.9", "1.0", "1.1"]
L5 = [100, 300, 500, 250, 250]
CHEDDAR = [{"type": "CheddarCheese"}]

hz_case("TestScaleUp", min_r=2, max_r=6, spec=3, status=3, expected=5, cpu_target=30, levels=[300, 500, 700],
        requests=ONE3, cpu=cpu_util([300, 500, 700], ONE3))
hz_case("TestScaleUpContainer", min_r=2, max_r=6, spec=3, status=3, expected=5, levels=[300, 500, 700], requests=ONE3,
        metrics=container_metric("container1", 30))
hz_case("TestScaleUpUnreadyLessScale", min_r=2, max_r=6, spec=3, status=3, expected=4, cpu_target=30,
        levels=[300, 500, 700], requests=ONE3, readiness=["False", "True", "True"], cpu=60)
hz_case("TestScaleUpHotCpuLessScale", min_r=2, max_r=6, spec=3, status=3, expected=4, cpu_target=30,
        levels=[300, 500, 700], requests=ONE3, start=[HOT, COOL, COOL], cpu=60)
hz_case("TestScaleUpUnreadyNoScale", min_r=2, max_r=6, spec=3, status=3, expected=3, cpu_target=30,
        levels=[400, 500, 700], requests=ONE3, readiness=["True", "False", "False"], cpu=40, conditions=ok(**READY))
hz_case("TestScaleUpHotCpuNoScale", min_r=2, max_r=6, spec=3, status=3, expected=3, cpu_target=30,
        levels=[400, 500, 700], requests=ONE3, readiness=["True", "False", "False"], start=[COOL, HOT, HOT], cpu=40,
        conditions=ok(**READY))
hz_case("TestScaleUpIgnoresFailedPods", min_r=2, max_r=6, spec=2, status=2, expected=4, cpu_target=30,
        levels=[500, 700], requests=["1.0"] * 4, readiness=["True", "True", "False", "False"],
        phases=["Running", "Running", "Failed", "Failed"], cpu=60)
hz_case("TestScaleUpIgnoresDeletionPods", min_r=2, max_r=6, spec=2, status=2, expected=4, cpu_target=30,
        levels=[500, 700], requests=["1.0"] * 4, readiness=["True", "True", "False", "False"],
        phases=["Running"] * 4, deleted=[False, False, True, True], cpu=60)
hz_case("TestScaleUpDeployment", min_r=2, max_r=6, spec=3, status=3, expected=5, cpu_target=30, levels=[300, 500, 700],
        requests=ONE3, target=("apps/v1", "Deployment", "test-dep"), cpu=50)
hz_case("TestScaleUpReplicaSet", min_r=2, max_r=6, spec=3, status=3, expected=5, cpu_target=30, levels=[300, 500, 700],
        requests=ONE3, target=("apps/v1", "ReplicaSet", "test-replicaset"), cpu=50)
hz_case("TestScaleUpCM", min_r=2, max_r=6, spec=3, status=3, expected=4, levels=[20000, 10000, 30000], requests=ONE3,
        metrics=pods_metric("15.0"))
hz_case("TestScaleUpCMUnreadyAndHotCpuNoLessScale", min_r=2, max_r=6, spec=3, status=3, expected=6,
        levels=[50000, 10000, 30000], readiness=["True", "True", "False"], start=[COOL, COOL, HOT], requests=ONE3,
        metrics=pods_metric("15.0"))
hz_case("TestScaleUpCMUnreadyandCpuHot", min_r=2, max_r=6, spec=3, status=3, expected=6, levels=[50000, 15000, 30000],
        readiness=["False", "True", "False"], start=[HOT, COOL, HOT], requests=ONE3, metrics=pods_metric("15.0"),
        conditions=ok(ScalingLimited=("True", "TooManyReplicas")))
hz_case("TestScaleUpHotCpuNoScaleWouldScaleDown", min_r=2, max_r=6, spec=3, status=3, expected=6,
        levels=[50000, 15000, 30000], requests=ONE3, start=[HOT, COOL, HOT], metrics=pods_metric("15.0"),
        conditions=ok(ScalingLimited=("True", "TooManyReplicas")))
hz_case("TestScaleUpCMObject", min_r=2, max_r=6, spec=3, status=3, expected=4, levels=[20000],
        metrics=object_metric({"type": "Value", "value": "15.0"}))
hz_case("TestScaleUpFromZeroCMObject", min_r=0, max_r=6, spec=0, status=0, expected=2, levels=[20000],
        metrics=object_metric({"type": "Value", "value": "15.0"}))
hz_case("TestScaleUpFromZeroIgnoresToleranceCMObject", min_r=0, max_r=6, spec=0, status=0, expected=1, levels=[1000],
        metrics=object_metric({"type": "Value", "value": "1.0"}))
hz_case("TestScaleUpPerPodCMObject", min_r=2, max_r=6, spec=3, status=3, expected=4, levels=[40000],
        metrics=object_metric({"type": "AverageValue", "averageValue": "10.0"}))
hz_case("TestScaleUpCMExternal", min_r=2, max_r=6, spec=3, status=3, expected=4, levels=[8600],
        metrics=external_metric({"type": "Value", "value": "6666m"}))
hz_case("TestScaleUpPerPodCMExternal", min_r=2, max_r=6, spec=3, status=3, expected=4, levels=[8600],
        metrics=external_metric({"type": "AverageValue", "averageValue": "2222m"}))
hz_case("TestScaleDown", min_r=2, max_r=6, spec=5, status=5, expected=3, cpu_target=50, levels=L5, requests=ONE5,
        recommendations=[], cpu=cpu_util(L5, ONE5))
hz_case("TestScaleDownContainerResource", min_r=2, max_r=6, spec=5, status=5, expected=3, levels=L5, requests=ONE5,
        metrics=container_metric("container2", 50), recommendations=[])
hz_case("TestScaleDownWithScalingRules", min_r=2, max_r=6, spec=5, status=5, expected=3, cpu_target=50, levels=L5,
        requests=ONE5, scale_up=rules(0, 0, 100, 15, 30), recommendations=[], cpu=cpu_util(L5, ONE5))
hz_case("TestScaleUpOneMetricInvalid", min_r=2, max_r=6, spec=3, status=3, expected=4, cpu_target=30,
        levels=[300, 400, 500], requests=ONE3, metrics=CHEDDAR, cpu=40)
hz_case("TestScaleUpFromZeroOneMetricInvalid", min_r=0, max_r=6, spec=0, status=0, expected=4, cpu_target=30,
        levels=[300, 400, 500], requests=ONE3, metrics=CHEDDAR, recommendations=[], cpu=40)
hz_case("TestScaleUpBothMetricsEmpty", min_r=2, max_r=6, spec=3, status=3, expected=3, levels=[], requests=ONE3,
        metrics=CHEDDAR, conditions=inactive("InvalidMetricSourceType"))
hz_case("TestScaleDownStabilizeInitialSize", min_r=2, max_r=6, spec=5, status=5, expected=5, cpu_target=50, levels=L5,
        requests=ONE5, recommendations=None, cpu=28, conditions=ok(AbleToScale=("True", "ScaleDownStabilized")))
hz_case("TestScaleDownCM", min_r=2, max_r=6, spec=5, status=5, expected=3, levels=[12000] * 5, requests=ONE5,
        metrics=pods_metric("20.0"), recommendations=[])
hz_case("TestScaleDownCMObject", min_r=2, max_r=6, spec=5, status=5, expected=3, levels=[12000], requests=ONE5,
        metrics=object_metric({"type": "Value", "value": "20.0"}), recommendations=[])
hz_case("TestScaleDownToZeroCMObject", min_r=0, max_r=6, spec=5, status=5, expected=0, levels=[0], requests=ONE5,
        metrics=object_metric({"type": "Value", "value": "20.0"}), recommendations=[])
hz_case("TestScaleDownPerPodCMObject", min_r=2, max_r=6, spec=5, status=5, expected=3, levels=[60000], requests=ONE5,
        metrics=object_metric({"type": "AverageValue", "averageValue": "20.0"}), recommendations=[])
hz_case("TestScaleDownCMExternal", min_r=2, max_r=6, spec=5, status=5, expected=3, levels=[8600],
        metrics=external_metric({"type": "Value", "value": "14400m"}), recommendations=[])
hz_case("TestScaleDownToZeroCMExternal", min_r=0, max_r=6, spec=5, status=5, expected=0, levels=[0],
        metrics=external_metric({"type": "Value", "value": "14400m"}), recommendations=[])
hz_case("TestScaleDownPerPodCMExternal", min_r=2, max_r=6, spec=5, status=5, expected=3, levels=[8600],
        metrics=external_metric({"type": "AverageValue", "averageValue": "3000m"}), recommendations=[])
hz_case("TestScaleDownIncludeUnreadyPods", min_r=2, max_r=6, spec=5, status=5, expected=2, cpu_target=50, levels=L5,
        requests=ONE5, readiness=["True", "True", "True", "False", "False"], recommendations=[], cpu=30)
hz_case("TestScaleDownIgnoreHotCpuPods", min_r=2, max_r=6, spec=5, status=5, expected=2, cpu_target=50, levels=L5,
        requests=ONE5, start=[COOL, COOL, COOL, HOT, HOT], recommendations=[], cpu=30)
hz_case("TestScaleDownIgnoresFailedPods", min_r=2, max_r=6, spec=5, status=5, expected=3, cpu_target=50, levels=L5,
        requests=["1.0"] * 7, readiness=["True"] * 5 + ["False"] * 2, phases=["Running"] * 5 + ["Failed"] * 2,
        recommendations=[], cpu=28)
hz_case("TestScaleDownIgnoresDeletionPods", min_r=2, max_r=6, spec=5, status=5, expected=3, cpu_target=50, levels=L5,
        requests=["1.0"] * 7, readiness=["True"] * 5 + ["False"] * 2, phases=["Running"] * 7,
        deleted=[False] * 5 + [True] * 2, recommendations=[], cpu=28)
hz_case("TestTolerance", min_r=1, max_r=5, spec=3, status=3, expected=3, cpu_target=100, levels=[1010, 1030, 1020],
        requests=R3, conditions=ok(**READY))
hz_case("TestToleranceCM", min_r=1, max_r=5, spec=3, status=3, expected=3, levels=[20000, 20001, 21000], requests=R3,
        metrics=pods_metric("20.0"), conditions=ok(**READY))
hz_case("TestToleranceCMObject", min_r=1, max_r=5, spec=3, status=3, expected=3, levels=[20050], requests=R3,
        metrics=object_metric({"type": "Value", "value": "20.0"}), conditions=ok(**READY))
hz_case("TestToleranceCMExternal", min_r=2, max_r=6, spec=4, status=4, expected=4, levels=[8600],
        metrics=external_metric({"type": "Value", "value": "8666m"}), conditions=ok(**READY))
hz_case("TestTolerancePerPodCMObject", min_r=2, max_r=6, spec=4, status=4, expected=4, levels=[8600],
        metrics=object_metric({"type": "AverageValue", "averageValue": "2200m"}, selector=True), conditions=ok(**READY))
hz_case("TestTolerancePerPodCMExternal", min_r=2, max_r=6, spec=4, status=4, expected=4, levels=[8600],
        metrics=external_metric({"type": "AverageValue", "averageValue": "2200m"}), conditions=ok(**READY))
hz_case("TestMinReplicas", min_r=2, max_r=5, spec=3, status=3, expected=2, cpu_target=90, levels=[10, 95, 10],
        requests=R3, recommendations=[], conditions=ok(ScalingLimited=("True", "TooFewReplicas")))
hz_case("TestZeroMinReplicasDesiredZero", min_r=0, max_r=5, spec=3, status=3, expected=0, cpu_target=90,
        levels=[0, 0, 0], requests=R3, recommendations=[], conditions=ok(ScalingLimited=("False", "DesiredWithinRange")))
hz_case("TestMinReplicasDesiredZero", min_r=2, max_r=5, spec=3, status=3, expected=2, cpu_target=90, levels=[0, 0, 0],
        requests=R3, recommendations=[], conditions=ok(ScalingLimited=("True", "TooFewReplicas")))
hz_case("TestZeroReplicas", min_r=3, max_r=5, spec=0, status=0, expected=0, cpu_target=90, levels=[], requests=[],
        conditions=inactive("ScalingDisabled"))
hz_case("TestTooFewReplicas", min_r=3, max_r=5, spec=2, status=2, expected=3, cpu_target=90, levels=[], requests=[],
        conditions=RESCALED)
hz_case("TestTooManyReplicas", min_r=3, max_r=5, spec=10, status=10, expected=5, cpu_target=90, levels=[], requests=[],
        conditions=RESCALED)
hz_case("TestMaxReplicas", min_r=2, max_r=5, spec=3, status=3, expected=5, cpu_target=90, levels=[8000, 9500, 1000],
        requests=R3, conditions=ok(ScalingLimited=("True", "TooManyReplicas")))
hz_case("TestSuperfluousMetrics", min_r=2, max_r=6, spec=4, status=4, expected=6, cpu_target=100,
        levels=[4000, 9500, 3000, 7000, 3200, 2000], requests=["1.0"] * 4,
        conditions=ok(ScalingLimited=("True", "TooManyReplicas")))
hz_case("TestMissingMetrics", min_r=2, max_r=6, spec=4, status=4, expected=3, cpu_target=100, levels=[400, 95],
        requests=["1.0"] * 4, recommendations=[])
hz_case("TestEmptyMetrics", min_r=2, max_r=6, spec=4, status=4, expected=4, cpu_target=100, levels=[],
        requests=["1.0"] * 4, conditions=inactive("FailedGetResourceMetric"))
hz_case("TestEmptyCPURequest", min_r=1, max_r=5, spec=1, status=1, expected=1, cpu_target=100, levels=[200], requests=[],
        conditions=inactive("FailedGetResourceMetric"))
hz_case("TestEventCreated", min_r=1, max_r=5, spec=1, status=1, expected=2, cpu_target=50, levels=[200],
        requests=["0.2"])
hz_case("TestEventNotCreated", min_r=1, max_r=5, spec=2, status=2, expected=2, cpu_target=50, levels=[200, 200],
        requests=["0.4", "0.4"], conditions=ok(**READY))
hz_case("TestMissingReports", min_r=1, max_r=5, spec=4, status=4, expected=2, cpu_target=50, levels=[200],
        requests=["0.2"], recommendations=[])
hz_case("TestUpscaleCap", min_r=1, max_r=100, spec=3, status=3, expected=24, cpu_target=10, levels=[100, 200, 300],
        requests=["0.1"] * 3, scale_up=rules(0, 0, 700, 60, 0), conditions=ok(ScalingLimited=("True", "ScaleUpLimit")))
hz_case("TestUpscaleCapGreaterThanMaxReplicas", min_r=1, max_r=20, spec=3, status=3, expected=20, cpu_target=10,
        levels=[100, 200, 300], requests=["0.1"] * 3, scale_up=rules(0, 0, 700, 60, 0),
        conditions=ok(ScalingLimited=("True", "TooManyReplicas")))
hz_case("TestMoreReplicasThanSpecNoScale", min_r=1, max_r=8, spec=4, status=5, expected=4, cpu_target=50,
        levels=[500] * 5, requests=["1"] * 5, conditions=ok(**READY))
hz_case("TestConditionInvalidSelectorMissing", min_r=1, max_r=100, spec=3, status=3, expected=3, cpu_target=10,
        levels=[100, 200, 300], requests=["0.1"] * 3, selector="", conditions=inactive("InvalidSelector"))
hz_case("TestConditionInvalidSelectorUnparsable", min_r=1, max_r=100, spec=3, status=3, expected=3, cpu_target=10,
        levels=[100, 200, 300], requests=["0.1"] * 3, selector="cheddar cheese", conditions=inactive("InvalidSelector"))
hz_case("TestConditionNoAmbiguousSelectorWhenNoSelectorOverlapBetweenHPAs", min_r=2, max_r=6, spec=3, status=3,
        expected=5, cpu_target=30, levels=[300, 500, 700], requests=ONE3,
        other_hpas=[{"namespace": "test-namespace", "name": "test-hpa-2", "selector": {"matchLabels": {"cheddar": "cheese"}}}])
hz_case("TestConditionAmbiguousSelectorWhenFullSelectorOverlapBetweenHPAs", min_r=2, max_r=6, spec=3, status=3,
        expected=3, cpu_target=30, levels=[300, 500, 700], requests=ONE3,
        other_hpas=[{"namespace": "test-namespace", "name": "test-hpa-2", "selector": {"matchLabels": {"name": "test-pod"}}}],
        conditions=inactive("AmbiguousSelector"))
hz_case("TestConditionAmbiguousSelectorWhenPartialSelectorOverlapBetweenHPAs", min_r=2, max_r=6, spec=3, status=3,
        expected=3, cpu_target=30, levels=[300, 500, 700], requests=ONE3,
        pod_labels={"name": "test-pod", "cheddar": "cheese"},
        other_hpas=[{"namespace": "test-namespace", "name": "test-hpa-2", "selector": {"matchLabels": {"cheddar": "cheese"}}}],
        conditions=inactive("AmbiguousSelector"))
_ALL_METRICS_FAIL = {"resourceMetricsError": True, "customMetricsError": True, "externalMetricsError": True}
for _reason, _specs in (("FailedGetResourceMetric", None), ("FailedGetPodsMetric", pods_metric("15.0")),
                        ("FailedGetObjectMetric", object_metric({"type": "Value", "value": "15.0"})),
                        ("FailedGetExternalMetric", external_metric({"type": "Value", "value": "300m"}))):
    hz_case(f"TestConditionFailedGetMetrics/{_reason}", min_r=1, max_r=100, spec=3, status=3, expected=3,
            cpu_target=0 if _specs else 10, levels=[100, 200, 300], requests=["0.1"] * 3, metrics=_specs,
            faults=_ALL_METRICS_FAIL, conditions=inactive(_reason))
hz_case("TestConditionInvalidSourceType", min_r=2, max_r=6, spec=3, status=3, expected=3, levels=[20000],
        metrics=CHEDDAR, conditions=inactive("InvalidMetricSourceType"))
hz_case("TestConditionFailedGetScale", min_r=1, max_r=100, spec=3, status=3, expected=3, cpu_target=10,
        levels=[100, 200, 300], requests=["0.1"] * 3, faults={"scaleGetError": True},
        conditions=only(("AbleToScale", "False", "FailedGetScale")))
# the scale write fails: desired stays at the old status value and no scale is written
hz_case("TestConditionFailedUpdateScale", min_r=1, max_r=5, spec=3, status=3, expected=3, cpu_target=100,
        levels=[150, 150, 150], requests=["0.1"] * 3, faults={"scaleUpdateError": True},
        conditions=ok(AbleToScale=("False", "FailedUpdateScale")))
hz_case("TestNoBackoffUpscaleCM", min_r=1, max_r=5, spec=3, status=3, expected=4, levels=[20000, 10000, 30000],
        requests=ONE3, metrics=pods_metric("15.0"), status_override={"lastScaleTime": NOW},
        conditions=ok(AbleToScale=("True", "SucceededRescale")))
hz_case("TestNoBackoffUpscaleCMNoBackoffCpu", min_r=1, max_r=5, spec=3, status=3, expected=5, cpu_target=10,
        levels=[20000, 10000, 30000], requests=ONE3, metrics=pods_metric("15.0"), status_override={"lastScaleTime": NOW},
        conditions=ok(ScalingLimited=("True", "TooManyReplicas")))
hz_case("TestStabilizeDownscale", min_r=1, max_r=5, spec=4, status=4, expected=4, cpu_target=100, levels=[50, 50, 50],
        requests=["0.1"] * 3, recommendations=[(10, 600), (4, 60)],
        conditions=ok(AbleToScale=("True", "ScaleDownStabilized")))
# TestComputedToleranceAlgImplementation: 10 pods using 150m each, requests spread around 300m.
_per = 300
_reqs = [f"{_per + d}m" for d in (100, -100, 10, -10, 2, -2, 1, -1, 0, 0)]
# target = 1/(2*(1-0.1)) + 0.01 = 0.5656 -> 56 %; finalPods = ceil(1500/(3000*0.5656) * 10) = 9
hz_case("TestComputedToleranceAlgImplementation/tc1", min_r=0, max_r=1000, spec=10, status=10, expected=9,
        cpu_target=56, levels=[150] * 10, requests=_reqs, recommendations=[])
hz_case("TestComputedToleranceAlgImplementation/tc2", min_r=0, max_r=1000, spec=10, status=10, expected=10,
        cpu_target=55, levels=[150] * 10, requests=_reqs, recommendations=[], conditions=ok(**READY))
hz_case("TestScaleUpRCImmediately", min_r=2, max_r=6, spec=1, status=1, expected=2, levels=[0, 0, 0, 0],
        requests=["1.0"] * 4, status_override={"lastScaleTime": NOW}, conditions=RESCALED)
hz_case("TestScaleDownRCImmediately", min_r=2, max_r=5, spec=6, status=6, expected=5, cpu_target=50,
        levels=[8000, 9500, 1000], requests=R3, status_override={"lastScaleTime": NOW}, conditions=RESCALED)
# TestAvoidUnnecessaryUpdates: the HPA (target 80 %) already carries the status this pass computes, so
# nothing is written: desired stays 2 and the three recorded conditions are unchanged.
hz_case("TestAvoidUnnecessaryUpdates", min_r=2, max_r=6, spec=2, status=2, expected=2, levels=[400, 500, 700],
        requests=ONE3, start=[COOL, HOT, HOT], recommendations=[],
        spec_metrics_override=[{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": 80}}}],
        status_override={"lastScaleTime": "2026-01-01T11:00:00Z"},
        conditions=ok(AbleToScale=("True", "ReadyForNewScale"), ScalingLimited=("True", "TooFewReplicas")), cpu=40)
hz_case("TestScaleUpOneMetricEmpty", min_r=2, max_r=6, spec=3, status=3, expected=4, cpu_target=30,
        levels=[300, 400, 500], requests=ONE3, metrics=external_metric({"type": "Value", "value": "100m"}),
        faults={"externalMetricsError": True}, cpu=40)
hz_case("TestNoScaleDownOneMetricInvalid", min_r=2, max_r=6, spec=5, status=5, expected=5, cpu_target=50, levels=L5,
        requests=ONE5, metrics=CHEDDAR, recommendations=[], conditions=inactive("InvalidMetricSourceType"))
hz_case("TestNoScaleDownOneMetricEmpty", min_r=2, max_r=6, spec=5, status=5, expected=5, cpu_target=50, levels=L5,
        requests=ONE5, metrics=external_metric({"type": "Value", "value": "1000m"}), faults={"externalMetricsError": True},
        recommendations=[], conditions=inactive("FailedGetExternalMetric"))

# ---------------------------------------------------------------------------------------------
# horizontal_test.go: table tests of the normalization building blocks

for _cur, _des, _min, _max, _exp, _cond, _name in (
    (5, 7, 3, 8, 7, "DesiredWithinRange", "prenormalized desired replicas within range"),
    (3, 1, 2, 8, 2, "TooFewReplicas", "prenormalized desired replicas < minReplicas"),
    (1, 0, 0, 10, 0, "DesiredWithinRange", "prenormalized desired zeroed replicas within range"),
    (20, 1000, 1, 10, 10, "TooManyReplicas", "maxReplicas is the limit because maxReplicas < scaleUpLimit"),
    (3, 1000, 1, 2000, 24, "ScaleUpLimit", "scaleUpLimit is the limit because scaleUpLimit < maxReplicas"),
):
    case(f"{HZ}:TestConvertDesiredReplicasWithRules/{_name}", "hpa.convert_with_rules",
         {"currentReplicas": _cur, "desiredReplicas": _des, "minReplicas": _min, "maxReplicas": _max,
          "scaleUpLimitFactor": 8, "scaleUpLimitMinimum": 4},
         {"replicas": _exp, "reason": _cond})

_MIN_RULES = {"stabilizationWindowSeconds": 300, "selectPolicy": "Min",
              "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60},
                           {"type": "Percent", "value": 50, "periodSeconds": 60}]}
case(f"{HZ}:TestCalculateScaleUpLimitWithScalingRules", "hpa.scale_up_limit",
     {"currentReplicas": 1, "rules": _MIN_RULES, "scaleUpEvents": [], "scaleDownEvents": []}, {"limit": 2})
case(f"{HZ}:TestCalculateScaleDownLimitWithBehaviors", "hpa.scale_down_limit",
     {"currentReplicas": 5, "rules": _MIN_RULES, "scaleUpEvents": [], "scaleDownEvents": []}, {"limit": 3})

M = 60
for _name, _recs, _desired, _exp, _len in (
    ("empty log", [], 5, 5, 1),
    ("stabilize", [(4, 2 * M), (5, 1 * M)], 3, 5, 3),
    ("no stabilize", [(1, 2 * M), (2, 1 * M)], 3, 3, 3),
    ("no stabilize - old recommendations", [(10, 10 * M), (9, 9 * M)], 3, 3, 2),
    ("stabilize - old recommendations", [(10, 10 * M), (4, 1 * M), (5, 2 * M), (9, 9 * M)], 3, 5, 4),
):
    case(f"{HZ}:TestNormalizeDesiredReplicas/{_name}", "hpa.stabilize",
         {"recommendations": [{"replicas": r, "ageSeconds": a} for r, a in _recs],
          "prenormalizedDesiredReplicas": _desired, "downscaleStabilizationWindowSeconds": 300},
         {"replicas": _exp, "recommendationsCount": _len})


def uniform(raw: list[int], period: int) -> list[dict[str, Any]]:
    """generateEventsUniformDistribution: each event in the middle of its segment of the last period."""
    seg = period / len(raw)
    out = []
    for idx, change in enumerate(raw):
        # time.Duration(float) truncates to whole nanoseconds before being scaled to seconds
        age = int(period - seg * (idx + 1) + seg / 2)
        out.append({"replicaChange": change, "ageSeconds": age})
    return out


_U159 = uniform([1, 5, 9], 120)
_U4 = uniform([8, 12, 9, 11], 120)
_SWR: list[tuple[str, dict[str, Any]]] = [
    ("prenormalized desired replicas within range", dict(cur=5, des=7, mn=3, mx=8, exp=7, cond="DesiredWithinRange")),
    ("prenormalized desired replicas < minReplicas", dict(cur=3, des=1, mn=2, mx=8, exp=2, cond="TooFewReplicas")),
    ("prenormalized desired replicas within range when minReplicas is 0",
     dict(cur=1, des=0, mn=0, mx=10, exp=0, cond="DesiredWithinRange")),
    ("maxReplicas is the limit because maxReplicas < scaleUpLimit",
     dict(cur=20, des=1000, mn=1, mx=10, exp=10, cond="TooManyReplicas")),
    ("desired replica count is more than the maximum replica count",
     dict(cur=100, des=1000, mn=100, mx=150, exp=150, cond="TooManyReplicas")),
    ("scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies",
     dict(cur=3, des=1000, mn=1, mx=2000, exp=4, cond="ScaleUpLimit", up=rules(0, 0, 1, 60, 0))),
    ("scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies#unasserted",
     dict(cur=1000, des=3, mn=3, mx=2000, exp=980, cond="ScaleDownLimit", down=rules(20, 60, 0, 0, 0))),
    ("scaleUp with default behavior", dict(cur=10, des=50, mn=1, mx=1000, exp=20, cond="ScaleUpLimit")),
    ("scaleUp with pods policy larger than percent policy",
     dict(cur=10, des=500, mn=1, mx=1000, exp=110, cond="ScaleUpLimit", up=rules(100, 60, 100, 60, 0))),
    ("scaleUp with percent policy larger than pods policy",
     dict(cur=10, des=500, mn=1, mx=1000, exp=20, cond="ScaleUpLimit", up=rules(2, 60, 100, 60, 0))),
    ("scaleUp with spec MaxReplicas limitation with large pod policy",
     dict(cur=10, des=50, mn=1, mx=1000, exp=50, cond="DesiredWithinRange", up=rules(100, 60, 0, 0, 0))),
    ("scaleUp with spec MaxReplicas limitation with large percent policy",
     dict(cur=10, des=50, mn=1, mx=1000, exp=50, cond="DesiredWithinRange", up=rules(10000, 60, 0, 0, 0))),
    ("scaleUp with pod policy limitation",
     dict(cur=10, des=50, mn=1, mx=1000, exp=40, cond="ScaleUpLimit", up=rules(30, 60, 0, 0, 0))),
    ("scaleUp with percent policy limitation",
     dict(cur=10, des=50, mn=1, mx=1000, exp=30, cond="ScaleUpLimit", up=rules(0, 0, 200, 60, 0))),
    ("scaleDown with percent policy larger than pod policy",
     dict(cur=100, des=2, mn=1, mx=1000, exp=80, cond="ScaleDownLimit", down=rules(20, 60, 1, 60, 300))),
    ("scaleDown with pod policy larger than percent policy",
     dict(cur=100, des=2, mn=1, mx=1000, exp=98, cond="ScaleDownLimit", down=rules(2, 60, 1, 60, 300))),
    ("scaleDown with spec MinReplicas=nil limitation with large pod policy",
     dict(cur=10, des=0, mn=1, mx=1000, exp=1, cond="TooFewReplicas", down=rules(100, 60, 0, 0, 300))),
    ("scaleDown with spec MinReplicas limitation with large pod policy",
     dict(cur=10, des=0, mn=1, mx=1000, exp=1, cond="TooFewReplicas", down=rules(100, 60, 0, 0, 300))),
    ("scaleDown with spec MinReplicas limitation with large percent policy",
     dict(cur=10, des=2, mn=5, mx=1000, exp=5, cond="TooFewReplicas", down=rules(0, 0, 100, 60, 300))),
    ("scaleDown with pod policy limitation",
     dict(cur=10, des=2, mn=1, mx=1000, exp=5, cond="ScaleDownLimit", down=rules(5, 60, 0, 0, 300))),
    ("scaleDown with percent policy limitation",
     dict(cur=10, des=5, mn=1, mx=1000, exp=5, cond="DesiredWithinRange", down=rules(0, 0, 50, 60, 300))),
    ("scaleUp with spec MaxReplicas limitation with large pod policy and events",
     dict(cur=100, des=500, mn=1, mx=200, exp=200, cond="TooManyReplicas", up=rules(300, 60, 0, 0, 0), ups=_U159)),
    ("scaleUp with spec MaxReplicas limitation with large percent policy and events",
     dict(cur=100, des=500, mn=1, mx=200, exp=200, cond="TooManyReplicas", up=rules(0, 0, 10000, 60, 0), ups=_U159)),
    ("scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events",
     dict(cur=100, des=500, mn=1, mx=1000, exp=100, cond="ScaleUpLimit", up=rules(5, 120, 0, 0, 0), ups=_U159)),
    ("scaleUp with pod policy and previous scale up events",
     dict(cur=100, des=500, mn=1, mx=1000, exp=235, cond="ScaleUpLimit", up=rules(150, 120, 0, 0, 0), ups=_U159)),
    ("scaleUp with percent policy and previous scale up events",
     dict(cur=100, des=500, mn=1, mx=1000, exp=255, cond="ScaleUpLimit", up=rules(0, 0, 200, 120, 0), ups=_U159)),
    ("scaleUp with percent policy and previous scale up and down events",
     dict(cur=6, des=24, mn=1, mx=1000, exp=16, cond="ScaleUpLimit", up=rules(0, 0, 300, 300, 0),
          ups=uniform([4], 120), downs=uniform([2], 120))),
    ("scaleDown with default policy and previous events",
     dict(cur=10, des=5, mn=1, mx=1000, exp=5, cond="DesiredWithinRange", downs=_U159)),
    ("scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events",
     dict(cur=100, des=0, mn=1, mx=1000, exp=1, cond="TooFewReplicas", down=rules(115, 120, 0, 0, 300), downs=_U159)),
    ("scaleDown with spec MinReplicas limitation with large pod policy and previous events",
     dict(cur=100, des=0, mn=5, mx=1000, exp=5, cond="TooFewReplicas", down=rules(130, 120, 0, 0, 300), downs=_U159)),
    ("scaleDown with spec MinReplicas limitation with large percent policy and previous events",
     dict(cur=100, des=2, mn=5, mx=1000, exp=5, cond="TooFewReplicas", down=rules(0, 0, 100, 120, 300), downs=_U159)),
    ("scaleDown with pod policy limitation and previous events",
     dict(cur=100, des=2, mn=1, mx=1000, exp=100, cond="ScaleDownLimit", down=rules(5, 120, 0, 0, 300), downs=_U159)),
    ("scaleDown with percent policy limitation and previous events",
     dict(cur=100, des=0, mn=1, mx=1000, exp=56, cond="ScaleDownLimit", down=rules(0, 0, 50, 120, 300),
          downs=uniform([2, 4, 6], 120))),
    ("scaleDown with percent policy and previous scale up and down events",
     dict(cur=10, des=1, mn=1, mx=1000, exp=6, cond="ScaleDownLimit", down=rules(0, 0, 50, 180, 0),
          ups=uniform([2], 120), downs=uniform([4], 120))),
    ("scaleDown with previous events preventing further scale down",
     dict(cur=100, des=0, mn=1, mx=1000, exp=100, cond="ScaleDownLimit", down=rules(0, 0, 10, 120, 300),
          downs=uniform([10, 10, 10], 120))),
    ("scaleDown with with previous events still allowing more scale down",
     dict(cur=10, des=5, mn=1, mx=1000, exp=5, cond="DesiredWithinRange", down=rules(0, 0, 1000, 120, 300),
          downs=uniform([10, 10, 10], 120))),
    ("check 'outdated' flag for events for one behavior for up",
     dict(cur=100, des=200, mn=1, mx=1000, exp=200, cond="DesiredWithinRange", up=rules(1000, 60, 0, 0, 0), ups=_U4)),
    ("check that events were not marked 'outdated' for two different policies in the behavior for up",
     dict(cur=100, des=200, mn=1, mx=1000, exp=200, cond="DesiredWithinRange", up=rules(1000, 120, 100, 60, 0), ups=_U4)),
    ("check that events were marked 'outdated' for two different policies in the behavior for up",
     dict(cur=100, des=200, mn=1, mx=1000, exp=200, cond="DesiredWithinRange", up=rules(1000, 30, 100, 60, 0), ups=_U4)),
    ("check 'outdated' flag for events for one behavior for down",
     dict(cur=100, des=5, mn=1, mx=1000, exp=5, cond="DesiredWithinRange", down=rules(1000, 60, 0, 0, 300), downs=_U4)),
    ("check that events were not marked 'outdated' for two different policies in the behavior for down",
     dict(cur=100, des=5, mn=1, mx=1000, exp=5, cond="DesiredWithinRange", down=rules(1000, 120, 100, 60, 300),
          downs=_U4)),
    ("check that events were marked 'outdated' for two different policies in the behavior for down",
     dict(cur=100, des=5, mn=1, mx=1000, exp=5, cond="DesiredWithinRange", down=rules(1000, 30, 100, 60, 300),
          downs=_U4)),
]
for _name, _r in _SWR:
    behavior = {"scaleUp": _r.get("up"), "scaleDown": _r.get("down")}
    case(f"{HZ}:TestScalingWithRules/{_name}", "hpa.behavior_rate_limit",
         {"currentReplicas": _r["cur"], "desiredReplicas": _r["des"], "minReplicas": _r["mn"], "maxReplicas": _r["mx"],
          "behavior": behavior, "scaleUpEvents": _r.get("ups", []), "scaleDownEvents": _r.get("downs", [])},
         {"replicas": _r["exp"], "reason": _r["cond"]})

# TestStoreScaleEvents: (name, previous events as (change, age seconds), rules, events after, change in the last 60 s)
_SSE: list[tuple[str, list[tuple[int, int]], dict[str, Any] | None, list[tuple[int, bool]], int]] = [
    ("empty entries with default behavior", [], None, [], 0),
    ("empty entries with two-policy-behavior", [], rules(10, 60, 100, 60, 0), [(5, False)], 0),
    ("one outdated entry to be kept untouched without behavior", [(7, 61)], None, [(7, False)], 0),
    ("one outdated entry to be replaced with behavior", [(7, 61)], rules(10, 60, 100, 60, 0), [(5, False)], 0),
    ("one actual entry to be not touched with behavior", [(7, 58)], rules(10, 60, 100, 60, 0),
     [(7, False), (5, False)], 7),
    ("two entries, one of them to be replaced", [(7, 61), (6, 59)], rules(10, 60, 0, 0, 0), [(5, False), (6, False)], 6),
    ("replace one entry, use policies with different periods", [(8, 29), (6, 59), (7, 61), (9, 61)],
     rules(10, 60, 100, 30, 0), [(8, False), (6, False), (7, True), (5, False)], 14),
    ("two entries, both actual", [(7, 58), (6, 59)], rules(10, 120, 100, 30, 0), [(7, False), (6, False), (5, False)], 13),
]
for _name, _prev, _rules, _new, _change in _SSE:
    _evs = [{"replicaChange": c, "ageSeconds": a} for c, a in _prev]
    case(f"{HZ}:TestStoreScaleEvents/{_name}#change", "hpa.replicas_change_per_period",
         {"periodSeconds": 60, "events": _evs}, {"replicaChange": _change})
    for _dir, _new_replicas, _key in (("up", 15, "scaleUp"), ("down", 5, "scaleDown")):
        case(f"{HZ}:TestStoreScaleEvents/{_name}#{_dir}", "hpa.store_scale_event",
             {"behavior": None if _rules is None else {_key: _rules}, "prevReplicas": 10, "newReplicas": _new_replicas,
              "events": _evs},
             {"events": [{"replicaChange": c, "outdated": o} for c, o in _new]})

# TestNormalizeDesiredReplicasWithBehavior: (name, recs, current, desired, expected, stored, up window, down window)
_NDRB: list[tuple[str, list[tuple[int, int]], int, int, int, list[int] | None, int, int]] = [
    ("empty recommendations for scaling down", [], 100, 5, 5, [5], 0, 0),
    ("simple scale down stabilization", [(4, 2 * M), (5, 1 * M)], 100, 3, 5, [4, 5, 3], 0, 180),
    ("simple scale up stabilization", [(4, 2 * M), (5, 1 * M)], 1, 7, 4, [4, 5, 7], 300, 0),
    ("no scale down stabilization", [(1, 2 * M), (2, 1 * M)], 100, 3, 3, [1, 2, 3], 300, 0),
    ("no scale up stabilization", [(4, 2 * M), (5, 1 * M)], 1, 3, 3, [4, 5, 3], 0, 300),
    ("no scale down stabilization, reuse recommendation element", [(10, 10 * M), (9, 9 * M)], 100, 3, 3, [10, 3], 0, 0),
    ("no scale up stabilization, reuse recommendation element", [(10, 10 * M), (9, 9 * M)], 1, 100, 100, [10, 100], 0, 0),
    ("scale down stabilization, reuse one of obsolete recommendation element",
     [(10, 10 * M), (4, 1 * M), (5, 2 * M), (9, 9 * M)], 100, 3, 5, [10, 4, 5, 3], 0, 180),
    ("scale up stabilization, reuse one of obsolete recommendation element",
     [(10, 100 * M), (6, 1 * M), (5, 2 * M), (9, 3 * M)], 1, 100, 5, [100, 6, 5, 9], 300, 0),
    ("scale up and down stabilization, do not scale up when prenormalized rec goes down",
     [(2, 100 * M), (3, 3 * M)], 2, 1, 2, None, 300, 300),
    ("scale up and down stabilization, do not scale down when prenormalized rec goes up",
     [(2, 100 * M), (1, 3 * M)], 2, 3, 2, None, 300, 300),
]
for _name, _recs, _cur, _des, _exp, _stored, _up, _down in _NDRB:
    _expect: dict[str, Any] = {"replicas": _exp}
    if _stored is not None:
        _expect["recommendations"] = _stored
    case(f"{HZ}:TestNormalizeDesiredReplicasWithBehavior/{_name}", "hpa.stabilize_with_behavior",
         {"recommendations": [{"replicas": r, "ageSeconds": a} for r, a in _recs], "currentReplicas": _cur,
          "desiredReplicas": _des, "behavior": {"scaleUp": {"stabilizationWindowSeconds": _up},
                                                "scaleDown": {"stabilizationWindowSeconds": _down}}},
         _expect)


if __name__ == "__main__":
    out = Path(__file__).with_name("hpa_mined.jsonl")
    with out.open("w") as f:
        for c in cases:
            f.write(json.dumps(c) + "\n")
    print(f"{len(cases)} cases -> {out}")
