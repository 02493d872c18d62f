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

Versions read (the newest the index holds): horizontal_test.go with the mock monitor and the selector
store (204,199 characters); replica_calculator_test.go after the calcScenario refactor (94,147
characters, with TestCalculatePodRequestsFromContainers_NonExistentContainer); validation_test.go with
the HPAConfigurableTolerance tests (65,045 characters); defaults_test.go @0a74a85ed8c0.

Every expectation is the one the Go test asserts (rows the Go test skips are marked ``#unasserted``
and carry the value the table states). Case ids cite the Go test and its row name or index.

Run: python3 tests/conformance_cases/gen_hpa_mined.py [OUTPUT_DIR]
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


# ---------------------------------------------------------------------------------------------
# replica_calculator_test.go: the calcScenario / replicaCalcTestCase fixtures
# (both containers of a pod carry the pod's request; metric samples are stamped with Go's zero time;
# the Ready condition has no transition time; unset start times are Go's zero time)

MAXI64 = 2**63 - 1
MAXI32 = 2**31 - 1


def rc_pods(n: int, requests: list[str] | None = None, readiness: list[str] | None = None,
            start: list[str] | None = None, phases: list[str] | None = None,
            deleted: list[bool] | None = None) -> list[dict[str, Any]]:
    count = max(n, len(phases) if phases else 0)
    pods = []
    for i in range(count):
        containers: list[dict[str, Any]] = [{"name": "container1"}, {"name": "container2"}]
        if requests is not None and i < len(requests):
            for c in containers:
                c["resources"] = {"requests": {"cpu": requests[i]}}
        pod: dict[str, Any] = {
            "name": f"test-pod-{i}",
            "phase": phases[i] if phases else "Running",
            "labels": {"name": "test-pod"},
            "startTime": start[i] if start else ZERO,
            "conditions": [{"type": "Ready", "status": readiness[i] if readiness and i < len(readiness) else "True",
                            "lastTransitionTime": ZERO}],
            "containers": containers,
        }
        if deleted and deleted[i]:
            pod["deletionTimestamp"] = NOW
        pods.append(pod)
    return pods


def same(*levels: int) -> list[list[int]]:
    """makePodMetricLevels: both containers of pod i report levels[i]."""
    return [[lv, lv] for lv in levels]


def pod_metrics(levels: list[list[int]], names: list[str] | None = None) -> list[dict[str, Any]]:
    out = []
    for i, per_container in enumerate(levels):
        containers: list[dict[str, Any]] = []
        for j in range(2):  # the fixture always allocates two container entries
            if j < len(per_container):
                containers.append({"name": f"container{j + 1}", "usage": {"cpu": f"{per_container[j]}m"}})
            else:
                containers.append({"name": "", "usage": {}})
        out.append({"name": names[i] if names and i < len(names) else f"test-pod-{i}", "timestamp": ZERO,
                    "windowSeconds": 60, "containers": containers})
    return out


def tol(down: float = 0.1, up: float = 0.1) -> dict[str, float]:
    return {"scaleDown": down, "scaleUp": up}


def res_case(cid: str, *, current: int, target: int, requests: list[str], levels: list[list[int]],
             container: str = "", readiness: list[str] | None = None, start: list[str] | None = None,
             phases: list[str] | None = None, deleted: list[bool] | None = None, names: list[str] | None = None,
             tolerance: dict[str, float] | None = None, expect: dict[str, Any]) -> None:
    case(f"{RC}:{cid}", "hpa.resource_replicas",
         {"currentReplicas": current, "targetAverageUtilization": target, "resource": "cpu", "container": container,
          "tolerance": tolerance or tol(), "cpuInitializationPeriodSeconds": 120,
          "delayOfInitialReadinessStatusSeconds": 10, "now": NOW,
          "pods": rc_pods(current, requests, readiness, start, phases, deleted),
          "podMetrics": pod_metrics(levels, names)},
         expect)


def res_ok(replicas: int, util: int, raw: int) -> dict[str, Any]:
    return {"replicas": replicas, "utilization": util, "rawUtilization": raw}


C3 = ["1.0"] * 3
C5 = ["1.0"] * 5
C7 = ["1.0"] * 7
RS = "TestReplicaCalcResourceScale/"
res_case(RS + "scale up", current=3, target=30, requests=C3, levels=same(300, 500, 700), expect=res_ok(5, 50, 1000))
res_case(RS + "scale up: container metric", current=3, target=30, requests=C3, container="container2",
         levels=[[1000, 300], [1000, 500], [1000, 700]], expect=res_ok(5, 50, 500))
res_case(RS + "scale up: unready pod scales less", current=3, target=30, requests=C3, levels=same(300, 500, 700),
         readiness=["False", "True", "True"], expect=res_ok(4, 60, 1200))
res_case(RS + "scale up: hot-CPU container scales less", current=3, target=30, requests=C3, container="container2",
         start=[HOT, COOL, COOL], levels=[[0, 300], [0, 500], [0, 700]], expect=res_ok(4, 60, 600))
res_case(RS + "scale up: hot-CPU pod scales less", current=3, target=30, requests=C3, start=[HOT, COOL, COOL],
         levels=same(300, 500, 700), expect=res_ok(4, 60, 1200))
res_case(RS + "no scale: unready pods ignored", current=3, target=30, requests=C3, readiness=["True", "False", "False"],
         levels=same(400, 500, 700), expect=res_ok(3, 40, 800))
res_case(RS + "no scale: hot-CPU pods ignored", current=3, target=30, requests=C3, readiness=["True", "False", "False"],
         start=[COOL, HOT, HOT], levels=same(400, 500, 700), expect=res_ok(3, 40, 800))
_F4 = dict(readiness=["True", "True", "False", "False"], phases=["Running", "Running", "Failed", "Failed"])
res_case(RS + "scale up: failed pods ignored", current=2, target=30, requests=["1.0"] * 4, levels=same(500, 700),
         expect=res_ok(4, 60, 1200), **_F4)  # type: ignore[arg-type]
res_case(RS + "scale up: failed pods ignored with missing container metric", current=2, target=30,
         requests=["1.0"] * 4, container="container2", levels=[[1000, 500], [9000, 700], [1000], [9000]],
         expect=res_ok(4, 60, 600), **_F4)  # type: ignore[arg-type]
res_case(RS + "scale up: container metrics with failed pods ignored", current=2, target=30, requests=["1.0"] * 4,
         container="container2", levels=[[1000, 500], [9000, 700]], expect=res_ok(4, 60, 600), **_F4)  # type: ignore[arg-type]
_D4 = dict(readiness=["True", "True", "False", "False"], phases=["Running"] * 4, deleted=[False, False, True, True])
res_case(RS + "scale up: pods being deleted are ignored", current=2, target=30, requests=["1.0"] * 4,
         levels=same(500, 700), expect=res_ok(4, 60, 1200), **_D4)  # type: ignore[arg-type]
res_case(RS + "scale up: container metrics with pods being deleted ignored", current=2, target=30,
         requests=["1.0"] * 4, container="container1", levels=same(500, 700), expect=res_ok(4, 60, 600),
         **_D4)  # type: ignore[arg-type]
res_case(RS + "scale down", current=5, target=50, requests=C5, levels=same(100, 300, 500, 250, 250),
         expect=res_ok(3, 28, 560))
_C2L = [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]]
res_case(RS + "scale down: container metric", current=5, target=50, requests=C5, container="container2", levels=_C2L,
         expect=res_ok(3, 28, 280))
_R5 = ["True", "True", "True", "False", "False"]
res_case(RS + "scale down: exclude unready pods", current=5, target=50, requests=C5, readiness=_R5,
         levels=same(100, 300, 500, 250, 250), expect=res_ok(2, 30, 600))
res_case(RS + "scale down: container metric excludes unready pods", current=5, target=50, requests=C5, readiness=_R5,
         container="container2", levels=_C2L, expect=res_ok(2, 30, 300))
_P5 = dict(readiness=["True"] + ["False"] * 4, phases=["Running"] + ["Pending"] * 4)
res_case(RS + "scale down: exclude unscheduled pods", current=5, target=50, requests=C5, levels=same(100),
         expect=res_ok(1, 10, 200), **_P5)  # type: ignore[arg-type]
res_case(RS + "scale down: container metric excludes unscheduled pods", current=5, target=50, requests=C5,
         container="container2", levels=_C2L, expect=res_ok(1, 10, 100), **_P5)  # type: ignore[arg-type]
_S5 = [COOL, COOL, COOL, HOT, HOT]
res_case(RS + "scale down: ignore hot-CPU pods", current=5, target=50, requests=C5, start=_S5,
         levels=same(100, 300, 500, 250, 250), expect=res_ok(2, 30, 600))
res_case(RS + "scale down: container metric ignores hot-CPU pods", current=5, target=50, requests=C5, start=_S5,
         container="container2", levels=[[1000, 100], [1000, 300], [1000, 500], [1000, 1000], [1000, 1000]],
         expect=res_ok(2, 30, 300))
_F7 = dict(readiness=["True"] * 5 + ["False"] * 2, phases=["Running"] * 5 + ["Failed"] * 2)
res_case(RS + "scale down: failed pods ignored", current=5, target=50, requests=C7,
         levels=same(100, 300, 500, 250, 250), expect=res_ok(3, 28, 560), **_F7)  # type: ignore[arg-type]
res_case(RS + "scale down: container metric with failed pods ignored", current=5, target=50, requests=C7,
         container="container2", levels=_C2L, expect=res_ok(3, 28, 280), **_F7)  # type: ignore[arg-type]
_D7 = dict(readiness=["True"] * 5 + ["False"] * 2, phases=["Running"] * 7, deleted=[False] * 5 + [True] * 2)
res_case(RS + "scale down: pods being deleted are ignored", current=5, target=50, requests=C7,
         levels=same(100, 300, 500, 250, 250), expect=res_ok(3, 28, 560), **_D7)  # type: ignore[arg-type]
res_case(RS + "scale down: still-running pods being deleted are ignored", current=5, target=50, requests=C7,
         container="container2", levels=_C2L, expect=res_ok(3, 28, 280), **_D7)  # type: ignore[arg-type]

# The same fixtures as one test function each, as in the replica_calculator_test.go versions before the
# calcScenario refactor (the function names a suite mined from those versions cites).
for _old, _kw in (
    ("TestReplicaCalcScaleUp", dict(current=3, target=30, requests=C3, levels=same(300, 500, 700),
                                    expect=res_ok(5, 50, 1000))),
    ("TestReplicaCalcContainerScaleUp", dict(current=3, target=30, requests=C3, container="container2",
                                             levels=[[1000, 300], [1000, 500], [1000, 700]], expect=res_ok(5, 50, 500))),
    ("TestReplicaCalcScaleUpUnreadyLessScale", dict(current=3, target=30, requests=C3, levels=same(300, 500, 700),
                                                    readiness=["False", "True", "True"], expect=res_ok(4, 60, 1200))),
    ("TestReplicaCalcScaleUpContainerHotCpuLessScale", dict(current=3, target=30, requests=C3, container="container2",
                                                            start=[HOT, COOL, COOL], levels=[[0, 300], [0, 500], [0, 700]],
                                                            expect=res_ok(4, 60, 600))),
    ("TestReplicaCalcScaleUpHotCpuLessScale", dict(current=3, target=30, requests=C3, start=[HOT, COOL, COOL],
                                                   levels=same(300, 500, 700), expect=res_ok(4, 60, 1200))),
    ("TestReplicaCalcScaleUpUnreadyNoScale", dict(current=3, target=30, requests=C3, readiness=["True", "False", "False"],
                                                  levels=same(400, 500, 700), expect=res_ok(3, 40, 800))),
    ("TestReplicaCalcScaleHotCpuNoScale", dict(current=3, target=30, requests=C3, readiness=["True", "False", "False"],
                                               start=[COOL, HOT, HOT], levels=same(400, 500, 700), expect=res_ok(3, 40, 800))),
    ("TestReplicaCalcScaleUpIgnoresFailedPods", dict(current=2, target=30, requests=["1.0"] * 4, levels=same(500, 700),
                                                     expect=res_ok(4, 60, 1200), **_F4)),
    ("TestReplicaCalcMissingContainerMetricScaleUpIgnoresFailedPods",
     dict(current=2, target=30, requests=["1.0"] * 4, container="container2",
          levels=[[1000, 500], [9000, 700], [1000], [9000]], expect=res_ok(4, 60, 600), **_F4)),
    ("TestReplicaCalcScaleUpContainerIgnoresFailedPods",
     dict(current=2, target=30, requests=["1.0"] * 4, container="container2", levels=[[1000, 500], [9000, 700]],
          expect=res_ok(4, 60, 600), **_F4)),
    ("TestReplicaCalcScaleUpIgnoresDeletionPods", dict(current=2, target=30, requests=["1.0"] * 4, levels=same(500, 700),
                                                       expect=res_ok(4, 60, 1200), **_D4)),
    ("TestReplicaCalcScaleUpContainerIgnoresDeletionPods",
     dict(current=2, target=30, requests=["1.0"] * 4, container="container1", levels=same(500, 700),
          expect=res_ok(4, 60, 600), **_D4)),
    ("TestReplicaCalcScaleDown", dict(current=5, target=50, requests=C5, levels=same(100, 300, 500, 250, 250),
                                      expect=res_ok(3, 28, 560))),
    ("TestReplicaCalcContainerScaleDown", dict(current=5, target=50, requests=C5, container="container2", levels=_C2L,
                                               expect=res_ok(3, 28, 280))),
    ("TestReplicaCalcScaleDownExcludeUnreadyPods", dict(current=5, target=50, requests=C5, readiness=_R5,
                                                        levels=same(100, 300, 500, 250, 250), expect=res_ok(2, 30, 600))),
    ("TestReplicaCalcScaleDownContainerExcludeUnreadyPods", dict(current=5, target=50, requests=C5, readiness=_R5,
                                                                 container="container2", levels=_C2L,
                                                                 expect=res_ok(2, 30, 300))),
    ("TestReplicaCalcScaleDownExcludeUnscheduledPods", dict(current=5, target=50, requests=C5, levels=same(100),
                                                            expect=res_ok(1, 10, 200), **_P5)),
    ("TestReplicaCalcScaleDownContainerExcludeUnscheduledPods", dict(current=5, target=50, requests=C5,
                                                                     container="container2", levels=_C2L,
                                                                     expect=res_ok(1, 10, 100), **_P5)),
    ("TestReplicaCalcScaleDownIgnoreHotCpuPods", dict(current=5, target=50, requests=C5, start=_S5,
                                                      levels=same(100, 300, 500, 250, 250), expect=res_ok(2, 30, 600))),
    ("TestReplicaCalcScaleDownContainerIgnoreHotCpuPods",
     dict(current=5, target=50, requests=C5, start=_S5, container="container2",
          levels=[[1000, 100], [1000, 300], [1000, 500], [1000, 1000], [1000, 1000]], expect=res_ok(2, 30, 300))),
    ("TestReplicaCalcScaleDownIgnoresFailedPods", dict(current=5, target=50, requests=C7,
                                                       levels=same(100, 300, 500, 250, 250), expect=res_ok(3, 28, 560),
                                                       **_F7)),
    ("TestReplicaCalcScaleDownContainerIgnoresFailedPods", dict(current=5, target=50, requests=C7, container="container2",
                                                                levels=_C2L, expect=res_ok(3, 28, 280), **_F7)),
    ("TestReplicaCalcScaleDownIgnoresDeletionPods", dict(current=5, target=50, requests=C7,
                                                         levels=same(100, 300, 500, 250, 250), expect=res_ok(3, 28, 560),
                                                         **_D7)),
    ("TestReplicaCalcScaleDownIgnoresDeletionPods_StillRunning",
     dict(current=5, target=50, requests=C7, container="container2", levels=_C2L, expect=res_ok(3, 28, 280), **_D7)),
):
    res_case(f"{_old}#pre-refactor", **_kw)  # type: ignore[arg-type]

res_case("TestReplicaCalcDisjointResourcesMetrics", current=1, target=100, requests=["1.0"], levels=same(100),
         names=["an-older-pod-name"], expect={"error": "no metrics returned matched known pods"})
R3C = ["0.9", "1.0", "1.1"]
res_case("TestReplicaCalcTolerance", current=3, target=100, requests=R3C, levels=same(1010, 1030, 1020),
         expect=res_ok(3, 102, 2040))
for _name, _tol, _exp, _lv, _util in (
    ("Outside of a 0% tolerance", tol(0.0, 0.0), 4, (909, 1010, 1111), 101),
    ("Within a 200% scale-up tolerance", tol(0.1, 2.0), 3, (1890, 1910, 1900), 190),
    ("Outside 8% scale-up tolerance (and superfuous scale-down tolerance)", tol(2.0, 0.08), 4, (1100, 1080, 1090), 109),
    ("Within a 36% scale-down tolerance", tol(0.36, 0.1), 3, (660, 640, 650), 65),
    ("Outside a 34% scale-down tolerance", tol(0.34, 0.1), 2, (660, 640, 650), 65),
):
    res_case(f"TestReplicaCalcConfigurableTolerance/{_name}", current=3, target=100, requests=R3C, levels=same(*_lv),
             tolerance=_tol, expect=res_ok(_exp, _util, 2 * sum(_lv) // 3))
res_case("TestReplicaCalcSuperfluousMetrics", current=4, target=100, requests=["1.0"] * 4,
         levels=same(4000, 9500, 3000, 7000, 3200, 2000), expect=res_ok(24, 587, 11750))
res_case("TestReplicaCalcMissingMetrics", current=4, target=100, requests=["1.0"] * 4, levels=same(400, 95),
         expect=res_ok(3, 24, 495))
res_case("TestReplicaCalcEmptyMetrics", current=4, target=100, requests=C3, levels=[],
         expect={"error": "unable to get metrics for resource cpu: no metrics returned from resource metrics API"})
res_case("TestReplicaCalcEmptyCPURequest", current=1, target=100, requests=[], levels=same(200),
         expect={"error": "missing request for"})
res_case("TestReplicaCalcMissingMetricsNoChangeEq", current=2, target=100, requests=["1.0"] * 2, levels=same(1000),
         expect=res_ok(2, 100, 2000))
res_case("TestReplicaCalcMissingMetricsNoChangeGt", current=2, target=100, requests=["1.0"] * 2, levels=same(1900),
         expect=res_ok(2, 190, 3800))
res_case("TestReplicaCalcMissingMetricsNoChangeLt", current=2, target=100, requests=["1.0"] * 2, levels=same(600),
         expect=res_ok(2, 60, 1200))
res_case("TestReplicaCalcMissingMetricsUnreadyChange", current=3, target=50, requests=C3, levels=same(100, 450),
         readiness=["False", "True", "True"], expect=res_ok(3, 45, 900))
res_case("TestReplicaCalcMissingMetricsHotCpuNoChange", current=3, target=50, requests=C3, levels=same(100, 450),
         start=[HOT, COOL, COOL], expect=res_ok(3, 45, 900))
res_case("TestReplicaCalcMissingMetricsUnreadyScaleUp", current=3, target=50, requests=C3, levels=same(100, 2000),
         readiness=["False", "True", "True"], expect=res_ok(4, 200, 4000))
res_case("TestReplicaCalcMissingMetricsHotCpuScaleUp", current=3, target=50, requests=C3, levels=same(100, 2000),
         readiness=["False", "True", "True"], start=[HOT, COOL, COOL], expect=res_ok(4, 200, 4000))
res_case("TestReplicaCalcMissingMetricsUnreadyScaleDown", current=4, target=50, requests=["1.0"] * 4,
         levels=same(100, 100, 100), readiness=["False", "True", "True", "True"], expect=res_ok(3, 10, 200))
res_case("TestReplicaCalcMissingMetricsScaleDownTargetOver100", current=4, target=300,
         requests=["1.0", "1.0", "2.0", "2.0"], levels=same(200, 100, 100), readiness=["False", "True", "True", "True"],
         expect=res_ok(2, 6, 200))
res_case("TestReplicaCalcDuringRollingUpdateWithMaxSurge", current=2, target=50, requests=C3, levels=same(100, 100),
         phases=["Running"] * 3, expect=res_ok(2, 10, 200))
_reqs10 = [f"{300 + d}m" for d in (100, -100, 10, -10, 2, -2, 1, -1, 0, 0)]
res_case("TestReplicaCalcComputedToleranceAlgImplementation#scale", current=10, target=56, requests=_reqs10,
         levels=same(*[150] * 10), expect=res_ok(9, 50, 300))
res_case("TestReplicaCalcComputedToleranceAlgImplementation#noscale", current=10, target=55, requests=_reqs10,
         levels=same(*[150] * 10), expect=res_ok(10, 50, 300))


def plain_case(cid: str, *, current: int, target: int, levels: list[int], expected: int, usage: int,
               readiness: list[str] | None = None, start: list[str] | None = None, phases: list[str] | None = None,
               tolerance: dict[str, float] | None = None) -> None:
    case(f"{RC}:{cid}", "hpa.pods_metric_replicas",
         {"currentReplicas": current, "target": {"type": "AverageValue", "averageValue": f"{target}m"},
          "metricName": "qps", "tolerance": tolerance or tol(), "cpuInitializationPeriodSeconds": 120,
          "delayOfInitialReadinessStatusSeconds": 10, "now": NOW,
          "pods": rc_pods(current, None, readiness, start, phases),
          "podMetricValues": [{"name": f"test-pod-{i}", "value": f"{lv}m", "timestamp": ZERO}
                              for i, lv in enumerate(levels)]},
         {"replicas": expected, "usage": usage})


plain_case("TestReplicaCalcScaleUpCM", current=3, target=15000, levels=[20000, 10000, 30000], expected=4, usage=20000)
plain_case("TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale", current=3, target=15000, levels=[50000, 10000, 30000],
           readiness=["True", "True", "False"], start=[COOL, COOL, HOT], expected=6, usage=30000)
plain_case("TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown", current=3, target=15000,
           levels=[50000, 15000, 30000], readiness=["False", "True", "False"], start=[HOT, COOL, HOT], expected=7,
           usage=31666)
# before the refactor these two were pods-metric fixtures despite their names
plain_case("TestReplicaCalcScaleUpCMExternal#pre-refactor", current=1, target=4400, levels=[8600], expected=2,
           usage=8600)
plain_case("TestReplicaCalcScaleUpCMExternalNoLabels#pre-refactor", current=1, target=4400, levels=[8600], expected=2,
           usage=8600)
plain_case("TestReplicaCalcScaleDownCM", current=5, target=20000, levels=[12000] * 5, expected=3, usage=12000)
plain_case("TestReplicaCalcToleranceCM", current=3, target=20000, levels=[20000, 21000, 21000], expected=3, usage=20666)
plain_case("TestReplicaCalcConfigurableToleranceCM", current=3, target=20000, levels=[20000, 21000, 21000], expected=4,
           usage=20666, tolerance=tol(0.1, 0.01))
plain_case("TestPlainMetricReplicaCalcMissingMetricsNoChangeEq", current=5, target=20000, levels=[20000, 19000, 21000],
           expected=5, usage=20000)
plain_case("TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM", current=2, target=17000, levels=[10000, 10000],
           phases=["Running"] * 3, expected=2, usage=10000)

DEPLOY = {"kind": "Deployment", "apiVersion": "apps/v1", "name": "some-deployment"}


def object_case(cid: str, *, current: int, level: int, expected: int, usage: int, value: int | None = None,
                per_pod: int | None = None, readiness: list[str] | None = None,
                tolerance: dict[str, float] | None = None) -> None:
    target = ({"type": "Value", "value": f"{value}m"} if value is not None
              else {"type": "AverageValue", "averageValue": f"{per_pod}m"})
    case(f"{RC}:{cid}", "hpa.object_replicas",
         {"specReplicas": current, "statusReplicas": current, "target": target, "metricName": "qps",
          "describedObject": DEPLOY, "metricValue": f"{level}m", "tolerance": tolerance or tol(),
          "pods": rc_pods(current, None, readiness)},
         {"replicas": expected, "usage": usage})


object_case("TestReplicaCalcScaleUpOverflow", current=3, level=MAXI64, value=1, expected=MAXI32, usage=MAXI64)
object_case("TestReplicaCalcScaleUpCMObject", current=3, level=20000, value=15000, expected=4, usage=20000)
object_case("TestReplicaCalcScaleUpCMPerPodObject", current=3, level=20000, per_pod=5000, expected=4, usage=6667)
object_case("TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods", current=3, level=50000, value=10000,
            readiness=["False", "True", "False"], expected=5, usage=50000)
object_case("TestReplicaCalcScaleDownPerPodCMObject", current=5, level=6000, per_pod=2000, expected=3, usage=1200)
object_case("TestReplicaCalcScaleDownCMObject", current=5, level=12000, value=20000, expected=3, usage=12000)
object_case("TestReplicaCalcToleranceCMObject", current=3, level=20666, value=20000, expected=3, usage=20666)
object_case("TestReplicaCalcTolerancePerPodCMObject", current=4, level=20166, per_pod=5000, expected=4, usage=5042)
object_case("TestReplicaCalcConfigurableToleranceCMObject", current=3, level=20666, value=20000, expected=4,
            usage=20666, tolerance=tol(0.1, 0.01))
object_case("TestReplicaCalcConfigurableTolerancePerPodCMObject", current=4, level=20208, per_pod=5000, expected=5,
            usage=5052, tolerance=tol(0.1, 0.01))


def external_case(cid: str, *, current: int, levels: list[int], expected: int, usage: int, value: int | None = None,
                  per_pod: int | None = None, readiness: list[str] | None = None,
                  tolerance: dict[str, float] | None = None) -> None:
    target = ({"type": "Value", "value": f"{value}m"} if value is not None
              else {"type": "AverageValue", "averageValue": f"{per_pod}m"})
    case(f"{RC}:{cid}", "hpa.external_replicas",
         {"specReplicas": current, "statusReplicas": current, "target": target, "metricName": "qps",
          "metricSelector": {"matchLabels": {"label": "value"}}, "metricValues": [f"{lv}m" for lv in levels],
          "tolerance": tolerance or tol(), "pods": rc_pods(current, None, readiness)},
         {"replicas": expected, "usage": usage})


external_case("TestExternalPerPodMetricReplicaOverflow", current=1, levels=[MAXI64], per_pod=1, expected=MAXI32,
              usage=MAXI64)
external_case("TestExternalPerPodMetricUsageOverflow", current=1, levels=[MAXI64], per_pod=MAXI64, expected=1,
              usage=MAXI64)
external_case("TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods", current=3, levels=[8600], value=4400,
              readiness=["False", "True", "False"], expected=2, usage=8600)
external_case("TestReplicaCalcScaleUpPerPodCMExternal", current=3, levels=[8600], per_pod=2150, expected=4, usage=2867)
external_case("TestReplicaCalcScaleDownCMExternal", current=5, levels=[8600], value=14334, expected=3, usage=8600)
external_case("TestReplicaCalcScaleDownPerPodCMExternal", current=5, levels=[8600], per_pod=2867, expected=3,
              usage=1720)
external_case("TestReplicaCalcToleranceCMExternal", current=3, levels=[8600], value=8888, expected=3, usage=8600)
external_case("TestReplicaCalcTolerancePerPodCMExternal", current=3, levels=[8600], per_pod=2900, expected=3,
              usage=2867)
external_case("TestReplicaCalcConfigurableToleranceCMExternal", current=3, levels=[8900], value=8800, expected=4,
              usage=8900, tolerance=tol(0.1, 0.01))
external_case("TestReplicaCalcConfigurableTolerancePerPodCMExternal", current=3, levels=[8600], per_pod=2800,
              expected=4, usage=2867, tolerance=tol(0.1, 0.01))
external_case("TestReplicaCalcExternalMetricUsageOverflow", current=3, levels=[MAXI64 // 2 + 1, MAXI64 // 2 + 1],
              value=MAXI64, expected=3, usage=MAXI64)

# TestGroupPods (time.Now() in the Go table is NOW here)


def at(seconds_ago: float) -> str:
    from datetime import UTC, datetime, timedelta
    t = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC) - timedelta(seconds=seconds_ago)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def gp_pod(name: str, phase: str = "Succeeded", start: str | None = None, ready: tuple[str, str] | None = None,
           deleted: str | None = None) -> dict[str, Any]:
    pod: dict[str, Any] = {"name": name, "phase": phase, "startTime": start}
    if ready is not None:
        pod["conditions"] = [{"type": "Ready", "status": ready[0], "lastTransitionTime": ready[1]}]
    if deleted is not None:
        pod["deletionTimestamp"] = deleted
    return pod


def gp(name: str, resource: str, pods: list[dict[str, Any]], metrics: dict[str, dict[str, Any]], ready: int,
       unready: list[str] = (), missing: list[str] = (), ignored: list[str] = ()) -> None:  # type: ignore[assignment]
    case(f"{RC}:TestGroupPods/{name}", "hpa.group_pods",
         {"resource": resource, "cpuInitializationPeriodSeconds": 120, "delayOfInitialReadinessStatusSeconds": 10,
          "now": NOW, "pods": pods, "metrics": metrics},
         {"readyPodCount": ready, "unreadyPods": sorted(unready), "missingPods": sorted(missing),
          "ignoredPods": sorted(ignored)})


V1 = {"value": "1m"}
gp("void", "cpu", [], {}, 0)
gp("count in a ready pod - memory", "memory", [gp_pod("bentham")],
   {"bentham": {"value": "1m", "timestamp": NOW, "windowSeconds": 60}}, 1)
gp("unready a pod without ready condition - CPU", "cpu", [gp_pod("lucretius", start=NOW)], {"lucretius": V1}, 0,
   unready=["lucretius"])
gp("count in a ready pod with fresh metrics during initialization period - CPU", "cpu",
   [gp_pod("bentham", start=at(60), ready=("True", at(30)))],
   {"bentham": {"value": "1m", "timestamp": NOW, "windowSeconds": 30}}, 1)
gp("unready a ready pod without fresh metrics during initialization period - CPU", "cpu",
   [gp_pod("bentham", start=at(60), ready=("True", at(30)))],
   {"bentham": {"value": "1m", "timestamp": NOW, "windowSeconds": 60}}, 0, unready=["bentham"])
gp("unready an unready pod during initialization period - CPU", "cpu",
   [gp_pod("lucretius", start=at(600), ready=("False", at(594)))], {"lucretius": V1}, 0, unready=["lucretius"])
gp("count in a ready pod without fresh metrics after initialization period - CPU", "cpu",
   [gp_pod("bentham", start=at(180), ready=("True", at(180)))],
   {"bentham": {"value": "1m", "timestamp": at(120), "windowSeconds": 60}}, 1)
gp("count in an unready pod that was ready after initialization period - CPU", "cpu",
   [gp_pod("lucretius", start=at(600), ready=("False", at(540)))], {"lucretius": V1}, 1)
gp("unready pod that has never been ready after initialization period - CPU", "cpu",
   [gp_pod("lucretius", start=at(600), ready=("False", at(590)))], {"lucretius": V1}, 1)
gp("a missing pod", "cpu", [gp_pod("epicurus", start=at(180))], {}, 0, missing=["epicurus"])
gp("several pods", "cpu",
   [gp_pod("lucretius", start=NOW), gp_pod("niccolo", start=at(180), ready=("True", at(180))),
    gp_pod("epicurus", start=at(180))],
   {"lucretius": V1, "niccolo": V1}, 1, unready=["lucretius"], missing=["epicurus"])
gp("pending pods are unreadied", "cpu", [gp_pod("unscheduled", phase="Pending")], {}, 0, unready=["unscheduled"])
gp("ignore pods with deletion timestamps", "cpu", [gp_pod("deleted", phase="Pending", deleted="1970-01-01T00:00:01Z")],
   {"deleted": V1}, 0, ignored=["deleted"])
gp("ignore pods in a failed state", "cpu", [gp_pod("failed", phase="Failed")], {"failed": V1}, 0, ignored=["failed"])

# TestCalculateRequests


def creq_pod(c1: str | None, c2: str | None = "absent", pod_level: str | None = None,
             inits: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    containers = []
    for name, req in (("container1", c1), ("container2", c2)):
        if req == "absent":
            continue
        c: dict[str, Any] = {"name": name}
        if req is not None:
            c["resources"] = {"requests": {"cpu": req}}
        containers.append(c)
    pod: dict[str, Any] = {"name": "test-pod", "phase": "Running", "containers": containers}
    if pod_level is not None:
        pod["resources"] = {"requests": {"cpu": pod_level}}
    if inits is not None:
        pod["initContainers"] = inits
    return pod


def creq(name: str, pods: list[dict[str, Any]], container: str, gate: bool, expect: dict[str, Any]) -> None:
    case(f"{RC}:TestCalculateRequests/{name}", "hpa.calculate_requests",
         {"resource": "cpu", "container": container, "featureGates": {"PodLevelResources": gate}, "pods": pods}, expect)


creq("void", [], "", False, {"requests": {}})
creq("Sum container requests if pod-level feature is disabled", [creq_pod("100m", "50m")], "", False,
     {"requests": {"test-pod": 150}})
creq("Pod-level resources are enabled, but not set: fallback to sum container requests", [creq_pod("100m", "50m")], "",
     True, {"requests": {"test-pod": 150}})
creq("Pod-level resources override container requests when feature enabled and pod resources specified",
     [creq_pod("100m", "50m", "800m")], "", True, {"requests": {"test-pod": 800}})
creq("Fail if at least one of the containers is missing requests and pod-level feature/requests are not set",
     [creq_pod(None, "50m")], "", False,
     {"error": {"kind": "FailedGetResourceMetric",
                "message": "missing request for cpu in container container1 of Pod test-pod"}})
creq("Pod-level resources override missing container requests when feature enabled and pod resources specified",
     [creq_pod(None, "50m", "800m")], "", True, {"requests": {"test-pod": 800}})
creq("Container: if a container name is specified, calculate requests only for that container",
     [creq_pod("100m", "50m")], "container1", False, {"requests": {"test-pod": 100}})
creq("Container: if a container name is specified, calculate requests only for that container and ignore pod-level "
     "requests", [creq_pod("100m", "50m", "800m")], "container1", True, {"requests": {"test-pod": 100}})
creq("pod with restartable init containers",
     [creq_pod("100m", inits=[{"name": "init-container1", "resources": {"requests": {"cpu": "20m"}}},
                              {"name": "restartable-container1", "restartPolicy": "Always",
                               "resources": {"requests": {"cpu": "50m"}}}])],
     "", False, {"requests": {"test-pod": 150}})
case(f"{RC}:TestCalculatePodRequestsFromContainers_NonExistentContainer", "hpa.calculate_requests",
     {"resource": "cpu", "container": "non-existent-container", "featureGates": {"PodLevelResources": False},
      "pods": [creq_pod("100m")]},
     {"error": {"kind": "FailedGetContainerResourceMetric",
                "message": "container non-existent-container not found in Pod test-pod"}})


# ---------------------------------------------------------------------------------------------
# validation_test.go (ValidateHorizontalPodAutoscaler / ValidateHorizontalPodAutoscalerUpdate): the Go
# test checks that the FIRST error's text contains the message; rows with "exactly one error" also pin
# the error count.

META = {"name": "myautoscaler", "namespace": "default"}
RC_REF = {"kind": "ReplicationController", "name": "myrc"}
CPU70 = {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}
SEL = {"matchLabels": {"label": "value"}}


def v_hpa(spec: dict[str, Any]) -> dict[str, Any]:
    return {"metadata": META, "spec": spec}


def v_spec(metrics: list[dict[str, Any]] | None = None, ref: dict[str, Any] | None = None, min_r: int | None = 1,
           max_r: int = 5, behavior: dict[str, Any] | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"scaleTargetRef": RC_REF if ref is None else ref, "maxReplicas": max_r}
    if min_r is not None:
        spec["minReplicas"] = min_r
    if metrics is not None:
        spec["metrics"] = metrics
    if behavior is not None:
        spec["behavior"] = behavior
    return spec


def v_ok(cid: str, hpa: dict[str, Any], gates: dict[str, bool] | None = None, old: dict[str, Any] | None = None) -> None:
    inp: dict[str, Any] = {"hpa": hpa}
    if gates is not None:
        inp["featureGates"] = gates
    if old is not None:
        inp["oldHpa"] = old
    case(f"{VAL}:{cid}", "hpa.validate", inp, {"valid": True, "errorCount": 0})


def v_err(cid: str, hpa: dict[str, Any], msg: str, gates: dict[str, bool] | None = None,
          old: dict[str, Any] | None = None, count: int | None = None) -> None:
    inp: dict[str, Any] = {"hpa": hpa}
    if gates is not None:
        inp["featureGates"] = gates
    if old is not None:
        inp["oldHpa"] = old
    exp: dict[str, Any] = {"valid": False, "error": msg}
    if count is not None:
        exp["errorCount"] = count
    case(f"{VAL}:{cid}", "hpa.validate", inp, exp)


# TestValidateBehavior
SIMPLE = [{"type": "Percent", "value": 10, "periodSeconds": 1}, {"type": "Pods", "value": 1, "periodSeconds": 1800}]
FOUR = [{"type": "Pods", "value": 1, "periodSeconds": 2}, {"type": "Percent", "value": 3, "periodSeconds": 4},
        {"type": "Pods", "value": 5, "periodSeconds": 6}, {"type": "Percent", "value": 7, "periodSeconds": 8}]
for _i, _b in enumerate([
    {"scaleUp": None, "scaleDown": None},
    {"scaleUp": {"stabilizationWindowSeconds": 3600, "selectPolicy": "Min", "policies": SIMPLE},
     "scaleDown": {"stabilizationWindowSeconds": 0, "selectPolicy": "Disabled", "policies": SIMPLE}},
    {"scaleUp": {"stabilizationWindowSeconds": 120, "selectPolicy": "Max", "policies": FOUR},
     "scaleDown": {"stabilizationWindowSeconds": 120, "selectPolicy": "Max", "policies": FOUR}},
]):
    v_ok(f"TestValidateBehavior/success#{_i}", v_hpa(v_spec([CPU70], behavior=_b)))
for _dir in ("scaleUp", "scaleDown"):
    for _i, (_rules, _msg) in enumerate([
        ({"selectPolicy": "Min"}, f"spec.behavior.{_dir}.policies: Required value: must specify at least one Policy"),
        ({"stabilizationWindowSeconds": 3601, "selectPolicy": "Min", "policies": SIMPLE},
         f"spec.behavior.{_dir}.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600"),
        ({"policies": [{"type": "Pods" if _dir == "scaleUp" else "Percent", "value": 7, "periodSeconds": 1801}]},
         f"spec.behavior.{_dir}.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800"),
        ({"selectPolicy": "incorrect", "policies": [{"type": "Pods", "value": 7, "periodSeconds": 8}]},
         f'spec.behavior.{_dir}.selectPolicy: Unsupported value: "incorrect": supported values: "Disabled", "Max", "Min"'),
        ({"policies": [{"type": "hm", "value": 7, "periodSeconds": 8}]},
         f'spec.behavior.{_dir}.policies[0].type: Unsupported value: "hm": supported values: "Percent", "Pods"'),
        ({"policies": [{"type": "Pods", "value": 8}]},
         f"spec.behavior.{_dir}.policies[0].periodSeconds: Invalid value: 0: must be greater than zero"),
        ({"policies": [{"type": "Pods", "periodSeconds": 8}]},
         f"spec.behavior.{_dir}.policies[0].value: Invalid value: 0: must be greater than zero"),
        ({"policies": [{"type": "Pods", "periodSeconds": -1, "value": 1}]},
         f"spec.behavior.{_dir}.policies[0].periodSeconds: Invalid value: -1: must be greater than zero"),
        ({"policies": [{"type": "Pods", "periodSeconds": 1, "value": -1}]},
         f"spec.behavior.{_dir}.policies[0].value: Invalid value: -1: must be greater than zero"),
    ]):
        v_err(f"TestValidateBehavior/error/{_dir}#{_i}", v_hpa(v_spec([CPU70], behavior={_dir: _rules})), _msg)

# TestValidateHorizontalPodAutoscaler: success cases
for _i, _m in enumerate([
    [CPU70],
    None,
    [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "AverageValue", "averageValue": "300m"}}}],
    [{"type": "Pods", "pods": {"metric": {"name": "somemetric"},
                               "target": {"type": "AverageValue", "averageValue": "300m"}}}],
    [{"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "test-container",
                                                         "target": {"type": "Utilization", "averageUtilization": 70}}}],
    [{"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "test-container",
                                                         "target": {"type": "AverageValue", "averageValue": "300m"}}}],
    [{"type": "Object", "object": {"describedObject": RC_REF, "metric": {"name": "somemetric"},
                                   "target": {"type": "Value", "value": "300m"}}}],
    [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                       "target": {"type": "Value", "value": "300m"}}}],
    [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                       "target": {"type": "AverageValue", "averageValue": "300m"}}}],
]):
    v_ok(f"TestValidateHorizontalPodAutoscaler/success#{_i}", v_hpa(v_spec(_m)))

CR70 = {"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "test-application",
                                                           "target": {"type": "Utilization", "averageUtilization": 70}}}


def _cr(**target: Any) -> list[dict[str, Any]]:
    return [{"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "test-application",
                                                                "target": target}}]


def _res(**target: Any) -> list[dict[str, Any]]:
    return [{"type": "Resource", "resource": {"name": "cpu", "target": target}}]


def _ext(**target: Any) -> list[dict[str, Any]]:
    return [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL}, "target": target}}]


_VE: list[tuple[dict[str, Any], str]] = [
    (v_spec([CPU70], ref={"name": "myrc"}), "scaleTargetRef.kind: Required"),
    (v_spec([CR70], ref={"name": "myrc"}), "scaleTargetRef.kind: Required"),
    (v_spec([CPU70], ref={"kind": "..", "name": "myrc"}), "scaleTargetRef.kind: Invalid"),
    (v_spec([CR70], ref={"kind": "..", "name": "myrc"}), "scaleTargetRef.kind: Invalid"),
    (v_spec([CPU70], ref={"kind": "ReplicationController"}), "scaleTargetRef.name: Required"),
    (v_spec([CR70], ref={"kind": "ReplicationController"}), "scaleTargetRef.name: Required"),
    (v_spec([CPU70], ref={"kind": "ReplicationController", "name": ".."}), "scaleTargetRef.name: Invalid"),
    (v_spec([CR70], ref={"kind": "ReplicationController", "name": ".."}), "scaleTargetRef.name: Invalid"),
    (v_spec(ref={}, min_r=-1), "must be greater than or equal to 1"),
    (v_spec(ref={}, min_r=7), "must be greater than or equal to `minReplicas`"),
    (v_spec(_res(type="Utilization", averageUtilization=70, averageValue="300m")),
     "may not set both a target raw value and a target utilization"),
    (v_spec(_cr(type="Utilization", averageUtilization=70, averageValue="300m")),
     "may not set both a target raw value and a target utilization"),
    (v_spec([{"type": "Resource", "resource": {"target": {"type": "Utilization", "averageUtilization": 70}}}]),
     "must specify a resource name"),
    (v_spec([{"type": "ContainerResource", "containerResource": {
        "container": "test-application", "target": {"type": "Utilization", "averageUtilization": 70}}}]),
     "must specify a resource name"),
    (v_spec([{"type": "ContainerResource", "containerResource": {
        "name": "InvalidResource", "container": "test-application",
        "target": {"type": "Utilization", "averageUtilization": 70}}}]),
     "Invalid value: InvalidResource: must be a standard resource type or fully qualified"),
    (v_spec(_res(type="Utilization", averageUtilization=-10)), "must be greater than 0"),
    (v_spec(_cr(type="Utilization", averageUtilization=-10)), "must be greater than 0"),
    (v_spec([{"type": "ContainerResource", "containerResource": {
        "name": "cpu", "target": {"type": "Utilization", "averageUtilization": -10}}}]), "must specify a container"),
    (v_spec([{"type": "ContainerResource", "containerResource": {
        "name": "cpu", "container": "---***", "target": {"type": "Utilization", "averageUtilization": -10}}}]),
     'Invalid value: "---***"'),
    (v_spec(_res(type="Value")), "must set either a target raw value or a target utilization"),
    (v_spec(_cr(type="Value")), "must set either a target raw value or a target utilization"),
    (v_spec([{"type": "Pods", "pods": {"metric": {}, "target": {"type": "Value", "averageValue": "100m"}}}]),
     "must specify a metric name"),
    (v_spec([{"type": "Pods", "pods": {"metric": {"name": "somemetric"}, "target": {"type": "Value"}}}]),
     "must specify a positive target averageValue"),
    (v_spec([{"type": "Object", "object": {"describedObject": RC_REF, "metric": {"name": "somemetric"},
                                           "target": {"type": "Value"}}}]),
     "must set either a target value or averageValue"),
    (v_spec([{"type": "Object", "object": {"describedObject": {"name": "myrc"}, "metric": {"name": "somemetric"},
                                           "target": {"type": "Value", "value": "100m"}}}]),
     "object.describedObject.kind: Required"),
    (v_spec([{"type": "Object", "object": {"describedObject": RC_REF, "metric": {},
                                           "target": {"type": "Value", "value": "100m"}}}]),
     "must specify a metric name"),
    (v_spec([{"type": "External", "external": {"metric": {"selector": SEL},
                                               "target": {"type": "Value", "value": "300m"}}}]),
     "must specify a metric name"),
    (v_spec([{"type": "External", "external": {"metric": {"name": "foo/../", "selector": SEL},
                                               "target": {"type": "Value", "value": "300m"}}}]), "'/'"),
    (v_spec(_ext(type="Value")), "must set either a target value for metric or a per-pod target"),
    (v_spec(_ext(type="Value", value="-300m")), "must be positive"),
    (v_spec(_ext(type="Value", averageValue="-300m")), "must be positive"),
    (v_spec(_ext(type="Value", value="300m", averageValue="300m")),
     "may not set both a target value for metric and a per-pod target"),
    (v_spec(_ext(type="boogity", value="300m")), "must be either Utilization, Value, or AverageValue"),
    (v_spec(_ext(value="300m")), "must specify a metric target type"),
    (v_spec([{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL}}}]),
     "must specify a metric target"),
    (v_spec([{}]), "must specify a metric source type"),
    (v_spec([{"type": "InvalidType"}]), "type: Unsupported value"),
    (v_spec([{"type": "Resource",
              "resource": {"name": "cpu", "target": {"type": "AverageValue", "averageValue": "100m"}},
              "pods": {"metric": {"name": "somemetric"}, "target": {"type": "AverageValue", "averageValue": "100m"}}}]),
     "must populate the given metric source only"),
]
for _i, (_spec, _msg) in enumerate(_VE):
    v_err(f"TestValidateHorizontalPodAutoscaler/error#{_i}", v_hpa(_spec), _msg)

_SOURCES: dict[str, dict[str, Any]] = {
    "Resource": {"resource": {"name": "cpu", "target": {"type": "AverageValue", "averageValue": "100m"}}},
    "ContainerResource": {"containerResource": {"name": "cpu", "container": "test-application",
                                                "target": {"type": "AverageValue", "averageValue": "100m"}}},
    "Pods": {"pods": {"metric": {"name": "somemetric"}, "target": {"type": "AverageValue", "averageValue": "100m"}}},
    "Object": {"object": {"describedObject": RC_REF, "metric": {"name": "somemetric"},
                          "target": {"type": "Value", "value": "100m"}}},
}
for _correct, _src in _SOURCES.items():
    for _wrong in _SOURCES:
        if _wrong != _correct:
            v_err(f"TestValidateHorizontalPodAutoscaler/sourceTypes/{_correct}-as-{_wrong}",
                  v_hpa(v_spec([{"type": _wrong, **_src}])), "must populate information for the given metric source")

# prepareMinReplicasCases: an Object metric and an External AverageValue metric


def min_cases(min_r: int) -> list[dict[str, Any]]:
    return [
        v_hpa(v_spec([{"type": "Object", "object": {"describedObject": RC_REF, "metric": {"name": "somemetric"},
                                                    "target": {"type": "Value", "value": "300m"}}}], min_r=min_r)),
        v_hpa(v_spec([{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                                        "target": {"type": "AverageValue", "averageValue": "300m"}}}],
                     min_r=min_r)),
    ]


ON = {"HPAScaleToZero": True}
OFF = {"HPAScaleToZero": False}
_zero, _one = min_cases(0), min_cases(1)
for _i in range(2):
    v_ok(f"TestValidateHorizontalPodAutoscalerScaleToZeroEnabled#{_i}", _zero[_i], ON)
    v_err(f"TestValidateHorizontalPodAutoscalerScaleToZeroDisabled#{_i}#zero", _zero[_i],
          "must be greater than or equal to 1", OFF)
    v_ok(f"TestValidateHorizontalPodAutoscalerScaleToZeroDisabled#{_i}#one", _one[_i], OFF)
    v_ok(f"TestValidateHorizontalPodAutoscalerUpdateScaleToZeroEnabled#{_i}#to-one", _one[_i], ON, old=_zero[_i])
    v_ok(f"TestValidateHorizontalPodAutoscalerUpdateScaleToZeroEnabled#{_i}#to-zero", _zero[_i], ON, old=_one[_i])
    v_err(f"TestValidateHorizontalPodAutoscalerScaleToZeroUpdateDisabled#{_i}#to-zero", _zero[_i],
          "must be greater than or equal to 1", OFF, old=_one[_i])
    v_ok(f"TestValidateHorizontalPodAutoscalerScaleToZeroUpdateDisabled#{_i}#zero-to-zero", _zero[_i], OFF,
         old=_zero[_i])
    v_ok(f"TestValidateHorizontalPodAutoscalerScaleToZeroUpdateDisabled#{_i}#to-one", _one[_i], OFF, old=_zero[_i])

# configurable tolerance
P1800 = [{"type": "Pods", "value": 1, "periodSeconds": 1800}]
TOL_ON = {"HPAConfigurableTolerance": True}
TOL_OFF = {"HPAConfigurableTolerance": False}
for _i, _rules in enumerate([
    {"policies": P1800, "tolerance": "0.1"}, {"policies": P1800, "tolerance": "10"},
    {"policies": P1800, "tolerance": "0"}, {"policies": P1800, "tolerance": "100m"},
    {"policies": P1800, "tolerance": "1m"}, {"policies": P1800},
]):
    v_ok(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceEnabled/success#{_i}",
         v_hpa(v_spec([CPU70], behavior={"scaleDown": _rules})), TOL_ON)
for _i, (_rules, _msg) in enumerate([
    ({}, "at least one Policy"),
    ({"policies": P1800, "tolerance": "-0.001"}, "greater or equal to zero"),
    ({"policies": P1800, "tolerance": "-10m"}, "greater or equal to zero"),
    ({"stabilizationWindowSeconds": 60}, "at least one Policy"),
    ({"tolerance": "1m", "stabilizationWindowSeconds": 60}, "at least one Policy"),
]):
    v_err(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceEnabled/failure#{_i}",
          v_hpa(v_spec([CPU70], behavior={"scaleUp": _rules})), _msg, TOL_ON, count=1)
for _i, _rules in enumerate([
    {"policies": P1800}, {"selectPolicy": "Max", "policies": P1800},
    {"stabilizationWindowSeconds": 60, "policies": P1800},
]):
    v_ok(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceDisabled/success#{_i}",
         v_hpa(v_spec([CPU70], behavior={"scaleDown": _rules})), TOL_OFF)
for _i, (_rules, _msg) in enumerate([
    ({"policies": P1800, "tolerance": "1m"}, "not supported"),
    ({}, "at least one Policy"),
    ({"stabilizationWindowSeconds": 60}, "at least one Policy"),
]):
    v_err(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceDisabled/failure#{_i}",
          v_hpa(v_spec([CPU70], behavior={"scaleUp": _rules})), _msg, TOL_OFF, count=1)
_with = v_hpa(v_spec([CPU70], behavior={"scaleUp": {"policies": P1800, "tolerance": "10m"}}))
_without = v_hpa(v_spec([CPU70], behavior={"scaleUp": {"policies": P1800}}))
v_ok("TestValidateHorizontalPodAutoscalerUpdateConfigurableToleranceEnabled#add", _with, TOL_ON, old=_without)
v_ok("TestValidateHorizontalPodAutoscalerUpdateConfigurableToleranceEnabled#remove", _without, TOL_ON, old=_with)
v_err("TestValidateHorizontalPodAutoscalerConfigurableToleranceUpdateDisabled#add", _with, "not supported", TOL_OFF,
      old=_without)
v_ok("TestValidateHorizontalPodAutoscalerConfigurableToleranceUpdateDisabled#none", _without, TOL_OFF, old=_without)
v_ok("TestValidateHorizontalPodAutoscalerConfigurableToleranceUpdateDisabled#remove", _without, TOL_OFF, old=_with)


# ---------------------------------------------------------------------------------------------
# pkg/apis/autoscaling/v2/defaults_test.go: GenerateHPAScaleUpRules / GenerateHPAScaleDownRules via
# hpa.default (a behavior with one direction set). A nil expected stabilization window cannot be
# pinned by a partial match, so those rows check policies and selectPolicy only.


def gen_rules(pods: int, pods_period: int, percent: int, percent_period: int, window: int | None,
              select: str | None) -> dict[str, Any]:
    rules_: dict[str, Any] = {}
    if window is not None:
        rules_["stabilizationWindowSeconds"] = window
    if select is not None:
        rules_["selectPolicy"] = select
    policies = []
    if pods or pods_period:
        policies.append({"type": "Pods", "value": pods, "periodSeconds": pods_period})
    if percent or percent_period:
        policies.append({"type": "Percent", "value": percent, "periodSeconds": percent_period})
    if policies:
        rules_["policies"] = policies
    return rules_


_DEF_REF = {"kind": "ReplicationController", "name": "myrc"}
for _dir, _test, _rows in (
    ("scaleDown", "TestGenerateScaleDownRules", [
        ("Default values", (0, 0, 0, 0, None, None), [{"type": "Percent", "value": 100, "periodSeconds": 15}], None, "Max"),
        ("All parameters are specified", (1, 2, 3, 4, 25, "Max"),
         [{"type": "Pods", "value": 1, "periodSeconds": 2}, {"type": "Percent", "value": 3, "periodSeconds": 4}], 25, "Max"),
        ("Percent policy is specified", (0, 0, 1, 2, None, "Min"), [{"type": "Percent", "value": 1, "periodSeconds": 2}],
         None, "Min"),
        ("Pods policy is specified", (3, 4, 0, 0, None, None), [{"type": "Pods", "value": 3, "periodSeconds": 4}], None,
         "Max"),
    ]),
    ("scaleUp", "TestGenerateScaleUpRules", [
        ("Default values", (0, 0, 0, 0, None, None),
         [{"type": "Pods", "value": 4, "periodSeconds": 15}, {"type": "Percent", "value": 100, "periodSeconds": 15}], 0,
         "Max"),
        ("All parameters are specified", (1, 2, 3, 4, 25, "Max"),
         [{"type": "Pods", "value": 1, "periodSeconds": 2}, {"type": "Percent", "value": 3, "periodSeconds": 4}], 25, "Max"),
        ("Pod policy is specified", (1, 2, 0, 0, None, "Min"), [{"type": "Pods", "value": 1, "periodSeconds": 2}], 0,
         "Min"),
        ("Percent policy is specified", (0, 0, 7, 10, None, None), [{"type": "Percent", "value": 7, "periodSeconds": 10}],
         0, "Max"),
        ("Pod policy and stabilization window are specified", (4, 2, 0, 0, 25, None),
         [{"type": "Pods", "value": 4, "periodSeconds": 2}], 25, "Max"),
        ("Percent policy and stabilization window are specified", (0, 0, 7, 60, 25, None),
         [{"type": "Percent", "value": 7, "periodSeconds": 60}], 25, "Max"),
    ]),
):
    for _name, _args, _pol, _win, _sel in _rows:
        _out: dict[str, Any] = {"policies": _pol, "selectPolicy": _sel}
        if _win is not None:
            _out["stabilizationWindowSeconds"] = _win
        case(f"{DEF}:{_test}/{_name}", "hpa.default",
             {"spec": {"scaleTargetRef": _DEF_REF, "maxReplicas": 5, "behavior": {_dir: gen_rules(*_args)}}},
             {"spec": {"behavior": {_dir: _out}}})


if __name__ == "__main__":
    import sys

    out = (Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent) / "hpa_mined.jsonl"
    with out.open("w") as f:
        for c in cases:
            f.write(json.dumps(c) + "\n")
    print(f"{len(cases)} cases -> {out}")
