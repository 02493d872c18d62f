"""Writes hpa.jsonl: cases re-expressed from Kubernetes' own HPA unit tests.

Sources (kubernetes/kubernetes): pkg/controller/podautoscaler/replica_calculator_test.go,
horizontal_test.go and pkg/apis/autoscaling/validation/validation_test.go. Every expectation is the
one the Go test asserts; the inputs rebuild the Go fixtures (two containers per pod, each with half of
the pod's CPU request; samples are per container; unset pod start times are Go's zero time).

Run: python3 tests/conformance_cases/gen_hpa.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NOW = "2026-01-01T12:00:00Z"
ZERO = "0001-01-01T00:00:00Z"
HOT = NOW  # hotCPUCreationTime(): time.Now()
COOL = "2026-01-01T11:57:00Z"  # coolCPUCreationTime(): three minutes ago

RC = "replica_calculator_test.go"
HZ = "horizontal_test.go"
VAL = "validation_test.go"

cases: list[dict[str, Any]] = []


def case(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


# ---------------------------------------------------------------------------------------------
# replica calculator fixtures


def rc_pods(
    n: int,
    requests: list[str] | None = None,
    readiness: list[str] | None = None,
    phases: list[str] | None = None,
    deleted: list[bool] | None = None,
    start: list[str] | None = None,
    split_requests: bool = False,
) -> list[dict[str, Any]]:
    """The pods of replica_calculator_test.go (both containers carry the full request) or of
    horizontal_test.go (``split_requests``: each container carries half)."""
    pods = []
    for i in range(n):
        req = requests[i] if requests and i < len(requests) else None
        containers = []
        for j in (1, 2):
            c: dict[str, Any] = {"name": f"container{j}"}
            if req is not None:
                c["resources"] = {"requests": {"cpu": req}}
            containers.append(c)
        st = start[i] if start else ZERO
        pod: dict[str, Any] = {
            "name": f"test-pod-{i}",
            "phase": phases[i] if phases else "Running",
            "labels": {"name": "test-pod"},
            "startTime": st,
            "conditions": [
                {
                    "type": "Ready",
                    "status": readiness[i] if readiness and i < len(readiness) else "True",
                    "lastTransitionTime": st if split_requests else ZERO,
                }
            ],
            "containers": containers,
        }
        if deleted and deleted[i]:
            pod["deletionTimestamp"] = NOW
        pods.append(pod)
    return pods


def pod_metrics(levels: list[list[int]], names: list[str] | None = None, ts: str = ZERO) -> list[dict[str, Any]]:
    out = []
    for i, lv in enumerate(levels):
        out.append(
            {
                "name": names[i] if names and i < len(names) else f"test-pod-{i}",
                "timestamp": ts,
                "windowSeconds": 60,
                "containers": [{"name": f"container{j + 1}", "usage": {"cpu": f"{m}m"}} for j, m in enumerate(lv)],
            }
        )
    return out


def same(*vals: int) -> list[list[int]]:
    return [[v, v] for v in vals]


TOL = {"scaleDown": 0.1, "scaleUp": 0.1}


def resource(
    cid: str,
    current: int,
    target: int,
    pods: list[dict[str, Any]],
    levels: list[list[int]],
    expect: dict[str, Any],
    container: str = "",
    tol: dict[str, float] | None = None,
    names: list[str] | None = None,
) -> None:
    case(
        cid,
        "hpa.resource_replicas",
        {
            "currentReplicas": current,
            "targetAverageUtilization": target,
            "resource": "cpu",
            "container": container,
            "tolerance": tol or TOL,
            "cpuInitializationPeriodSeconds": 120,
            "delayOfInitialReadinessStatusSeconds": 10,
            "now": NOW,
            "pods": pods,
            "podMetrics": pod_metrics(levels, names),
        },
        expect,
    )


def ok(replicas: int, util: int, raw: int) -> dict[str, Any]:
    return {"replicas": replicas, "utilization": util, "rawUtilization": raw}


R1 = "1.0"
T = f"{RC}:TestReplicaCalcResourceScale/"
resource(T + "scale up", 3, 30, rc_pods(3, [R1] * 3), same(300, 500, 700), ok(5, 50, 1000))
resource(
    T + "scale up: container metric", 3, 30, rc_pods(3, [R1] * 3), [[1000, 300], [1000, 500], [1000, 700]],
    ok(5, 50, 500), container="container2",
)
resource(
    T + "scale up: unready pod scales less", 3, 30, rc_pods(3, [R1] * 3, readiness=["False", "True", "True"]),
    same(300, 500, 700), ok(4, 60, 1200),
)
resource(
    T + "scale up: hot-CPU container scales less", 3, 30, rc_pods(3, [R1] * 3, start=[HOT, COOL, COOL]),
    [[0, 300], [0, 500], [0, 700]], ok(4, 60, 600), container="container2",
)
resource(
    T + "scale up: hot-CPU pod scales less", 3, 30, rc_pods(3, [R1] * 3, start=[HOT, COOL, COOL]),
    same(300, 500, 700), ok(4, 60, 1200),
)
resource(
    T + "no scale: unready pods ignored", 3, 30, rc_pods(3, [R1] * 3, readiness=["True", "False", "False"]),
    same(400, 500, 700), ok(3, 40, 800),
)
resource(
    T + "no scale: hot-CPU pods ignored", 3, 30,
    rc_pods(3, [R1] * 3, readiness=["True", "False", "False"], start=[COOL, HOT, HOT]),
    same(400, 500, 700), ok(3, 40, 800),
)
FAILED2 = dict(readiness=["True", "True", "False", "False"], phases=["Running", "Running", "Failed", "Failed"])
resource(T + "scale up: failed pods ignored", 2, 30, rc_pods(4, [R1] * 4, **FAILED2), same(500, 700), ok(4, 60, 1200))
resource(
    T + "scale up: failed pods ignored with missing container metric", 2, 30, rc_pods(4, [R1] * 4, **FAILED2),
    [[1000, 500], [9000, 700], [1000], [9000]], ok(4, 60, 600), container="container2",
)
resource(
    T + "scale up: container metrics with failed pods ignored", 2, 30, rc_pods(4, [R1] * 4, **FAILED2),
    [[1000, 500], [9000, 700]], ok(4, 60, 600), container="container2",
)
DEL2 = dict(readiness=["True", "True", "False", "False"], deleted=[False, False, True, True])
resource(T + "scale up: pods being deleted are ignored", 2, 30, rc_pods(4, [R1] * 4, **DEL2), same(500, 700), ok(4, 60, 1200))
resource(
    T + "scale up: container metrics with pods being deleted ignored", 2, 30, rc_pods(4, [R1] * 4, **DEL2),
    same(500, 700), ok(4, 60, 600), container="container1",
)
resource(T + "scale down", 5, 50, rc_pods(5, [R1] * 5), same(100, 300, 500, 250, 250), ok(3, 28, 560))
resource(
    T + "scale down: container metric", 5, 50, rc_pods(5, [R1] * 5),
    [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], ok(3, 28, 280), container="container2",
)
resource(
    T + "scale down: exclude unready pods", 5, 50,
    rc_pods(5, [R1] * 5, readiness=["True", "True", "True", "False", "False"]),
    same(100, 300, 500, 250, 250), ok(2, 30, 600),
)
resource(
    T + "scale down: exclude unscheduled pods", 5, 50,
    rc_pods(5, [R1] * 5, readiness=["True", "False", "False", "False", "False"], phases=["Running"] + ["Pending"] * 4),
    same(100), ok(1, 10, 200),
)
resource(
    T + "scale down: ignore hot-CPU pods", 5, 50, rc_pods(5, [R1] * 5, start=[COOL, COOL, COOL, HOT, HOT]),
    same(100, 300, 500, 250, 250), ok(2, 30, 600),
)
resource(
    T + "scale down: container metric ignores hot-CPU pods", 5, 50, rc_pods(5, [R1] * 5, start=[COOL, COOL, COOL, HOT, HOT]),
    [[1000, 100], [1000, 300], [1000, 500], [1000, 1000], [1000, 1000]], ok(2, 30, 300), container="container2",
)
resource(
    T + "scale down: failed pods ignored", 5, 50,
    rc_pods(7, [R1] * 7, readiness=["True"] * 5 + ["False"] * 2, phases=["Running"] * 5 + ["Failed"] * 2),
    same(100, 300, 500, 250, 250), ok(3, 28, 560),
)
resource(
    T + "scale down: pods being deleted are ignored", 5, 50,
    rc_pods(7, [R1] * 7, readiness=["True"] * 5 + ["False"] * 2, deleted=[False] * 5 + [True] * 2),
    same(100, 300, 500, 250, 250), ok(3, 28, 560),
)
resource(
    T + "scale down: still-running pods being deleted are ignored", 5, 50,
    rc_pods(7, [R1] * 7, readiness=["True"] * 5 + ["False"] * 2, deleted=[False] * 5 + [True] * 2),
    [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], ok(3, 28, 280), container="container2",
)
resource(
    f"{RC}:TestReplicaCalcDisjointResourcesMetrics", 1, 100, rc_pods(1, [R1]), same(100),
    {"error": {"kind": "FailedGetResourceMetric", "message": "no metrics returned matched known pods"}},
    names=["an-older-pod-name"],
)
REQ3 = ["0.9", "1.0", "1.1"]
resource(f"{RC}:TestReplicaCalcTolerance", 3, 100, rc_pods(3, REQ3), same(1010, 1030, 1020), ok(3, 102, 2040))
CT = f"{RC}:TestReplicaCalcConfigurableTolerance/"
resource(CT + "Outside of a 0% tolerance", 3, 100, rc_pods(3, REQ3), same(909, 1010, 1111), ok(4, 101, 2020),
         tol={"scaleDown": 0.0, "scaleUp": 0.0})
resource(CT + "Within a 200% scale-up tolerance", 3, 100, rc_pods(3, REQ3), same(1890, 1910, 1900), ok(3, 190, 3800),
         tol={"scaleDown": 0.1, "scaleUp": 2.0})
resource(CT + "Outside 8% scale-up tolerance (and superfuous scale-down tolerance)", 3, 100, rc_pods(3, REQ3),
         same(1100, 1080, 1090), ok(4, 109, 2180), tol={"scaleDown": 2.0, "scaleUp": 0.08})
resource(CT + "Within a 36% scale-down tolerance", 3, 100, rc_pods(3, REQ3), same(660, 640, 650), ok(3, 65, 1300),
         tol={"scaleDown": 0.36, "scaleUp": 0.1})
resource(CT + "Outside a 34% scale-down tolerance", 3, 100, rc_pods(3, REQ3), same(660, 640, 650), ok(2, 65, 1300),
         tol={"scaleDown": 0.34, "scaleUp": 0.1})
resource(f"{RC}:TestReplicaCalcSuperfluousMetrics", 4, 100, rc_pods(4, [R1] * 4),
         same(4000, 9500, 3000, 7000, 3200, 2000), ok(24, 587, 11750))
resource(f"{RC}:TestReplicaCalcMissingMetrics", 4, 100, rc_pods(4, [R1] * 4), same(400, 95), ok(3, 24, 495))
resource(
    f"{RC}:TestReplicaCalcEmptyMetrics", 4, 100, rc_pods(3, [R1] * 3), [],
    {"error": {"kind": "FailedGetResourceMetric",
               "message": "unable to get metrics for resource cpu: no metrics returned from resource metrics API"}},
)
resource(f"{RC}:TestReplicaCalcEmptyCPURequest", 1, 100, rc_pods(1, []), same(200),
         {"error": "missing request for"})
resource(f"{RC}:TestReplicaCalcMissingMetricsNoChangeEq", 2, 100, rc_pods(2, [R1] * 2), same(1000), ok(2, 100, 2000))
resource(f"{RC}:TestReplicaCalcMissingMetricsNoChangeGt", 2, 100, rc_pods(2, [R1] * 2), same(1900), ok(2, 190, 3800))
resource(f"{RC}:TestReplicaCalcMissingMetricsNoChangeLt", 2, 100, rc_pods(2, [R1] * 2), same(600), ok(2, 60, 1200))
resource(f"{RC}:TestReplicaCalcMissingMetricsUnreadyChange", 3, 50,
         rc_pods(3, [R1] * 3, readiness=["False", "True", "True"]), same(100, 450), ok(3, 45, 900))
resource(f"{RC}:TestReplicaCalcMissingMetricsHotCpuNoChange", 3, 50,
         rc_pods(3, [R1] * 3, start=[HOT, COOL, COOL]), same(100, 450), ok(3, 45, 900))
resource(f"{RC}:TestReplicaCalcMissingMetricsUnreadyScaleUp", 3, 50,
         rc_pods(3, [R1] * 3, readiness=["False", "True", "True"]), same(100, 2000), ok(4, 200, 4000))
resource(f"{RC}:TestReplicaCalcMissingMetricsHotCpuScaleUp", 3, 50,
         rc_pods(3, [R1] * 3, readiness=["False", "True", "True"], start=[HOT, COOL, COOL]), same(100, 2000),
         ok(4, 200, 4000))
resource(f"{RC}:TestReplicaCalcMissingMetricsUnreadyScaleDown", 4, 50,
         rc_pods(4, [R1] * 4, readiness=["False", "True", "True", "True"]), same(100, 100, 100), ok(3, 10, 200))
resource(f"{RC}:TestReplicaCalcMissingMetricsScaleDownTargetOver100", 4, 300,
         rc_pods(4, ["1.0", "1.0", "2.0", "2.0"], readiness=["False", "True", "True", "True"]), same(200, 100, 100),
         ok(2, 6, 200))
resource(f"{RC}:TestReplicaCalcDuringRollingUpdateWithMaxSurge", 2, 50, rc_pods(3, [R1] * 3), same(100, 100),
         ok(2, 10, 200))
# TestReplicaCalcComputedToleranceAlgImplementation: 10 pods at 150m each, requests around 300m.
_reqs = [f"{300 + d}m" for d in (100, -100, 10, -10, 2, -2, 1, -1, 0, 0)]
resource(f"{RC}:TestReplicaCalcComputedToleranceAlgImplementation#scale", 10, 56, rc_pods(10, _reqs), same(*([150] * 10)),
         ok(9, 50, 300))
resource(f"{RC}:TestReplicaCalcComputedToleranceAlgImplementation#noscale", 10, 55, rc_pods(10, _reqs),
         same(*([150] * 10)), ok(10, 50, 300))


def plain(cid: str, current: int, target: int, levels: list[int], expect: dict[str, Any], pods: list[dict[str, Any]] | None = None,
          tol: dict[str, float] | None = None) -> None:
    case(
        cid,
        "hpa.pods_metric_replicas",
        {
            "currentReplicas": current,
            "target": {"type": "AverageValue", "averageValue": f"{target}m"},
            "metricName": "qps",
            "tolerance": tol or TOL,
            "cpuInitializationPeriodSeconds": 120,
            "delayOfInitialReadinessStatusSeconds": 10,
            "now": NOW,
            "pods": pods if pods is not None else rc_pods(current),
            "podMetricValues": [{"name": f"test-pod-{i}", "value": f"{v}m", "timestamp": ZERO} for i, v in enumerate(levels)],
        },
        expect,
    )


plain(f"{RC}:TestReplicaCalcScaleUpCM", 3, 15000, [20000, 10000, 30000], {"replicas": 4, "usage": 20000})
plain(f"{RC}:TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale", 3, 15000, [50000, 10000, 30000],
      {"replicas": 6, "usage": 30000}, rc_pods(3, readiness=["True", "True", "False"], start=[COOL, COOL, HOT]))
plain(f"{RC}:TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown", 3, 15000, [50000, 15000, 30000],
      {"replicas": 7, "usage": 31666}, rc_pods(3, readiness=["False", "True", "False"], start=[HOT, COOL, HOT]))
plain(f"{RC}:TestReplicaCalcScaleDownCM", 5, 20000, [12000] * 5, {"replicas": 3, "usage": 12000})
plain(f"{RC}:TestReplicaCalcToleranceCM", 3, 20000, [20000, 21000, 21000], {"replicas": 3, "usage": 20666})
plain(f"{RC}:TestReplicaCalcConfigurableToleranceCM", 3, 20000, [20000, 21000, 21000], {"replicas": 4, "usage": 20666},
      tol={"scaleDown": 0.1, "scaleUp": 0.01})
plain(f"{RC}:TestPlainMetricReplicaCalcMissingMetricsNoChangeEq", 5, 20000, [20000, 19000, 21000],
      {"replicas": 5, "usage": 20000})
plain(f"{RC}:TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM", 2, 17000, [10000, 10000], {"replicas": 2, "usage": 10000},
      rc_pods(3))

DEPLOY = {"kind": "Deployment", "apiVersion": "apps/v1", "name": "some-deployment"}


def obj(cid: str, current: int, target: dict[str, Any], value: int, expect: dict[str, Any],
        readiness: list[str] | None = None, tol: dict[str, float] | None = None) -> None:
    case(
        cid,
        "hpa.object_replicas",
        {
            "specReplicas": current,
            "statusReplicas": current,
            "target": target,
            "metricName": "qps",
            "describedObject": DEPLOY,
            "metricValue": f"{value}m",
            "tolerance": tol or TOL,
            "pods": rc_pods(current, readiness=readiness),
        },
        expect,
    )


def val(v: int) -> dict[str, Any]:
    return {"type": "Value", "value": f"{v}m"}


def avg(v: int) -> dict[str, Any]:
    return {"type": "AverageValue", "averageValue": f"{v}m"}


obj(f"{RC}:TestReplicaCalcScaleUpCMObject", 3, val(15000), 20000, {"replicas": 4, "usage": 20000})
obj(f"{RC}:TestReplicaCalcScaleUpCMPerPodObject", 3, avg(5000), 20000, {"replicas": 4, "usage": 6667})
obj(f"{RC}:TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods", 3, val(10000), 50000, {"replicas": 5, "usage": 50000},
    readiness=["False", "True", "False"])
obj(f"{RC}:TestReplicaCalcScaleDownPerPodCMObject", 5, avg(2000), 6000, {"replicas": 3, "usage": 1200})
obj(f"{RC}:TestReplicaCalcScaleDownCMObject", 5, val(20000), 12000, {"replicas": 3, "usage": 12000})
obj(f"{RC}:TestReplicaCalcToleranceCMObject", 3, val(20000), 20666, {"replicas": 3, "usage": 20666})
obj(f"{RC}:TestReplicaCalcTolerancePerPodCMObject", 4, avg(5000), 20166, {"replicas": 4, "usage": 5042})
obj(f"{RC}:TestReplicaCalcConfigurableToleranceCMObject", 3, val(20000), 20666, {"replicas": 4, "usage": 20666},
    tol={"scaleDown": 0.1, "scaleUp": 0.01})
obj(f"{RC}:TestReplicaCalcConfigurableTolerancePerPodCMObject", 4, avg(5000), 20208, {"replicas": 5, "usage": 5052},
    tol={"scaleDown": 0.1, "scaleUp": 0.01})
case(
    f"{RC}:TestReplicaCalcScaleUpOverflow",
    "hpa.object_replicas",
    {"specReplicas": 3, "statusReplicas": 3, "target": {"type": "Value", "value": "1m"}, "metricName": "qps",
     "describedObject": DEPLOY, "metricValue": f"{2**63 - 1}m", "tolerance": TOL, "pods": rc_pods(3)},
    {"replicas": 2**31 - 1, "usage": 2**63 - 1},
)

SEL = {"matchLabels": {"label": "value"}}


def ext(cid: str, current: int, target: dict[str, Any], values: list[int], expect: dict[str, Any],
        readiness: list[str] | None = None, tol: dict[str, float] | None = None) -> None:
    case(
        cid,
        "hpa.external_replicas",
        {
            "specReplicas": current,
            "statusReplicas": current,
            "target": target,
            "metricName": "qps",
            "metricSelector": SEL,
            "metricValues": [f"{v}m" for v in values],
            "tolerance": tol or TOL,
            "pods": rc_pods(current, readiness=readiness),
        },
        expect,
    )


ext(f"{RC}:TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods", 3, val(4400), [8600], {"replicas": 2, "usage": 8600},
    readiness=["False", "True", "False"])
ext(f"{RC}:TestReplicaCalcScaleUpPerPodCMExternal", 3, avg(2150), [8600], {"replicas": 4, "usage": 2867})
ext(f"{RC}:TestReplicaCalcScaleDownCMExternal", 5, val(14334), [8600], {"replicas": 3, "usage": 8600})
ext(f"{RC}:TestReplicaCalcScaleDownPerPodCMExternal", 5, avg(2867), [8600], {"replicas": 3, "usage": 1720})
ext(f"{RC}:TestReplicaCalcToleranceCMExternal", 3, val(8888), [8600], {"replicas": 3, "usage": 8600})
ext(f"{RC}:TestReplicaCalcTolerancePerPodCMExternal", 3, avg(2900), [8600], {"replicas": 3, "usage": 2867})
ext(f"{RC}:TestReplicaCalcConfigurableToleranceCMExternal", 3, val(8800), [8900], {"replicas": 4, "usage": 8900},
    tol={"scaleDown": 0.1, "scaleUp": 0.01})
ext(f"{RC}:TestReplicaCalcConfigurableTolerancePerPodCMExternal", 3, avg(2800), [8600], {"replicas": 4, "usage": 2867},
    tol={"scaleDown": 0.1, "scaleUp": 0.01})
ext(f"{RC}:TestExternalPerPodMetricReplicaOverflow", 1, avg(1), [2**63 - 1], {"replicas": 2**31 - 1, "usage": 2**63 - 1})
ext(f"{RC}:TestExternalPerPodMetricUsageOverflow", 1, avg(2**63 - 1), [2**63 - 1], {"replicas": 1, "usage": 2**63 - 1})
ext(f"{RC}:TestReplicaCalcExternalMetricUsageOverflow", 3, val(2**63 - 1), [2**62, 2**62], {"replicas": 3, "usage": 2**63 - 1})

# TestGroupPods
GP = f"{RC}:TestGroupPods/"
_now_minus = {
    "1m": "2026-01-01T11:59:00Z",
    "30s": "2026-01-01T11:59:30Z",
    "10m": "2026-01-01T11:50:00Z",
    "9m54s": "2026-01-01T11:50:06Z",
    "3m": "2026-01-01T11:57:00Z",
    "2m": "2026-01-01T11:58:00Z",
    "9m": "2026-01-01T11:51:00Z",
    "9m50s": "2026-01-01T11:50:10Z",
}


def gp(name: str, resource: str, pods: list[dict[str, Any]], metrics: dict[str, Any], expect: dict[str, Any]) -> None:
    case(
        GP + name,
        "hpa.group_pods",
        {"resource": resource, "cpuInitializationPeriodSeconds": 120, "delayOfInitialReadinessStatusSeconds": 10,
         "now": NOW, "pods": pods, "metrics": metrics},
        {"readyPodCount": expect.get("ready", 0), "unreadyPods": expect.get("unready", []),
         "missingPods": expect.get("missing", []), "ignoredPods": expect.get("ignored", [])},
    )


def p(name: str, phase: str = "Succeeded", start: str | None = None, ready: tuple[str, str] | None = None,
      deleted: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "phase": phase}
    if start is not None:
        out["startTime"] = start
    if ready is not None:
        out["conditions"] = [{"type": "Ready", "status": ready[0], "lastTransitionTime": ready[1]}]
    if deleted is not None:
        out["deletionTimestamp"] = deleted
    return out


gp("void", "cpu", [], {}, {})
gp("count in a ready pod - memory", "memory", [p("bentham")],
   {"bentham": {"value": "1m", "timestamp": NOW, "windowSeconds": 60}}, {"ready": 1})
gp("unready a pod without ready condition - CPU", "cpu", [p("lucretius", start=NOW)], {"lucretius": {"value": "1m"}},
   {"unready": ["lucretius"]})
gp("count in a ready pod with fresh metrics during initialization period - CPU", "cpu",
   [p("bentham", start=_now_minus["1m"], ready=("True", _now_minus["30s"]))],
   {"bentham": {"value": "1m", "timestamp": NOW, "windowSeconds": 30}}, {"ready": 1})
gp("unready a ready pod without fresh metrics during initialization period - CPU", "cpu",
   [p("bentham", start=_now_minus["1m"], ready=("True", _now_minus["30s"]))],
   {"bentham": {"value": "1m", "timestamp": NOW, "windowSeconds": 60}}, {"unready": ["bentham"]})
gp("unready an unready pod during initialization period - CPU", "cpu",
   [p("lucretius", start=_now_minus["10m"], ready=("False", _now_minus["9m54s"]))], {"lucretius": {"value": "1m"}},
   {"unready": ["lucretius"]})
gp("count in a ready pod without fresh metrics after initialization period - CPU", "cpu",
   [p("bentham", start=_now_minus["3m"], ready=("True", _now_minus["3m"]))],
   {"bentham": {"value": "1m", "timestamp": _now_minus["2m"], "windowSeconds": 60}}, {"ready": 1})
gp("count in an unready pod that was ready after initialization period - CPU", "cpu",
   [p("lucretius", start=_now_minus["10m"], ready=("False", _now_minus["9m"]))], {"lucretius": {"value": "1m"}},
   {"ready": 1})
gp("unready pod that has never been ready after initialization period - CPU", "cpu",
   [p("lucretius", start=_now_minus["10m"], ready=("False", _now_minus["9m50s"]))], {"lucretius": {"value": "1m"}},
   {"ready": 1})
gp("a missing pod", "cpu", [p("epicurus", start=_now_minus["3m"])], {}, {"missing": ["epicurus"]})
gp("several pods", "cpu",
   [p("lucretius", start=NOW), p("niccolo", start=_now_minus["3m"], ready=("True", _now_minus["3m"])),
    p("epicurus", start=_now_minus["3m"])],
   {"lucretius": {"value": "1m"}, "niccolo": {"value": "1m"}},
   {"ready": 1, "unready": ["lucretius"], "missing": ["epicurus"]})
gp("pending pods are unreadied", "cpu", [p("unscheduled", phase="Pending")], {}, {"unready": ["unscheduled"]})
gp("ignore pods with deletion timestamps", "cpu", [p("deleted", phase="Pending", deleted="1970-01-01T00:00:01Z")],
   {"deleted": {"value": "1m"}}, {"ignored": ["deleted"]})
gp("ignore pods in a failed state", "cpu", [p("failed", phase="Failed")], {"failed": {"value": "1m"}},
   {"ignored": ["failed"]})

# TestCalculateRequests
CR = f"{RC}:TestCalculateRequests/"


def creq(name: str, pods: list[dict[str, Any]], container: str, gate: bool, expect: dict[str, Any]) -> None:
    case(CR + name, "hpa.calculate_requests",
         {"resource": "cpu", "container": container, "featureGates": {"PodLevelResources": gate}, "pods": pods}, expect)


def cpod(c1: str | None, c2: str | None, pod_level: str | None = None, inits: list[dict[str, Any]] | None = None
         ) -> dict[str, Any]:
    containers = []
    for n, r in (("container1", c1), ("container2", c2)):
        if n == "container2" and c2 == "absent":
            continue
        c: dict[str, Any] = {"name": n}
        if r is not None:
            c["resources"] = {"requests": {"cpu": r}}
        containers.append(c)
    pod: dict[str, Any] = {"name": "test-pod", "phase": "Running", "containers": containers}
    if pod_level is not None:
        pod["resources"] = {"requests": {"cpu": pod_level}}
    if inits is not None:
        pod["initContainers"] = inits
    return pod


creq("void", [], "", False, {"requests": {}})
creq("Sum container requests if pod-level feature is disabled", [cpod("100m", "50m")], "", False,
     {"requests": {"test-pod": 150}})
creq("Pod-level resources are enabled, but not set: fallback to sum container requests", [cpod("100m", "50m")], "", True,
     {"requests": {"test-pod": 150}})
creq("Pod-level resources override container requests when feature enabled and pod resources specified",
     [cpod("100m", "50m", "800m")], "", True, {"requests": {"test-pod": 800}})
creq("Fail if at least one of the containers is missing requests and pod-level feature/requests are not set",
     [cpod(None, "50m")], "", False,
     {"error": {"kind": "FailedGetResourceMetric", "message": "missing request for cpu in container container1 of Pod test-pod"}})
creq("Pod-level resources override missing container requests when feature enabled and pod resources specified",
     [cpod(None, "50m", "800m")], "", True, {"requests": {"test-pod": 800}})
creq("Container: if a container name is specified, calculate requests only for that container",
     [cpod("100m", "50m")], "container1", False, {"requests": {"test-pod": 100}})
creq("Container: if a container name is specified, calculate requests only for that container and ignore pod-level requests",
     [cpod("100m", "50m", "800m")], "container1", True, {"requests": {"test-pod": 100}})
creq("pod with restartable init containers",
     [cpod("100m", "absent", inits=[
         {"name": "init-container1", "resources": {"requests": {"cpu": "20m"}}},
         {"name": "restartable-container1", "restartPolicy": "Always", "resources": {"requests": {"cpu": "50m"}}},
     ])], "", False, {"requests": {"test-pod": 150}})
case(f"{RC}:TestCalculatePodRequestsFromContainers_NonExistentContainer", "hpa.calculate_requests",
     {"resource": "cpu", "container": "non-existent-container", "featureGates": {"PodLevelResources": True},
      "pods": [{"name": "test-pod", "phase": "Running",
                "containers": [{"name": "container1", "resources": {"requests": {"cpu": "100m"}}}]}]},
     {"error": {"kind": "FailedGetContainerResourceMetric",
                "message": "container non-existent-container not found in Pod test-pod"}})

# ---------------------------------------------------------------------------------------------
# horizontal.go building blocks

NS = f"{HZ}:TestNormalizeDesiredReplicas/"
for name, recs, pre, exp, count in [
    ("empty log", [], 5, 5, 1),
    ("stabilize", [(4, 120), (5, 60)], 3, 5, 3),
    ("no stabilize", [(1, 120), (2, 60)], 3, 3, 3),
    ("no stabilize - old recommendations", [(10, 600), (9, 540)], 3, 3, 2),
    ("stabilize - old recommendations", [(10, 600), (4, 60), (5, 120), (9, 540)], 3, 5, 4),
]:
    case(NS + name, "hpa.stabilize",
         {"recommendations": [{"replicas": r, "ageSeconds": a} for r, a in recs], "prenormalizedDesiredReplicas": pre,
          "downscaleStabilizationWindowSeconds": 300},
         {"replicas": exp, "recommendationsCount": count})

CW = f"{HZ}:TestConvertDesiredReplicasWithRules/"
for ann, cur, des, mn, mx, exp, cond in [
    ("prenormalized desired replicas within range", 5, 7, 3, 8, 7, "DesiredWithinRange"),
    ("prenormalized desired replicas < minReplicas", 3, 1, 2, 8, 2, "TooFewReplicas"),
    ("prenormalized desired zeroed replicas within range", 1, 0, 0, 10, 0, "DesiredWithinRange"),
    ("maxReplicas is the limit because maxReplicas < scaleUpLimit", 20, 1000, 1, 10, 10, "TooManyReplicas"),
    ("scaleUpLimit is the limit because scaleUpLimit < maxReplicas", 3, 1000, 1, 2000, 24, "ScaleUpLimit"),
]:
    case(CW + ann, "hpa.convert_with_rules",
         {"currentReplicas": cur, "desiredReplicas": des, "minReplicas": mn, "maxReplicas": mx,
          "scaleUpLimitFactor": 8, "scaleUpLimitMinimum": 4},
         {"replicas": exp, "reason": cond})

SB = f"{HZ}:TestNormalizeDesiredReplicasWithBehavior/"
for name, recs, cur, des, exp, exp_recs, up, down in [
    ("empty recommendations for scaling down", [], 100, 5, 5, [5], 0, 0),
    ("simple scale down stabilization", [(4, 120), (5, 60)], 100, 3, 5, [4, 5, 3], 0, 180),
    ("simple scale up stabilization", [(4, 120), (5, 60)], 1, 7, 4, [4, 5, 7], 300, 0),
    ("no scale down stabilization", [(1, 120), (2, 60)], 100, 3, 3, [1, 2, 3], 300, 0),
    ("no scale up stabilization", [(4, 120), (5, 60)], 1, 3, 3, [4, 5, 3], 0, 300),
    ("no scale down stabilization, reuse recommendation element", [(10, 600), (9, 540)], 100, 3, 3, [10, 3], 0, 0),
    ("no scale up stabilization, reuse recommendation element", [(10, 600), (9, 540)], 1, 100, 100, [10, 100], 0, 0),
    ("scale down stabilization, reuse one of obsolete recommendation element",
     [(10, 600), (4, 60), (5, 120), (9, 540)], 100, 3, 5, [10, 4, 5, 3], 0, 180),
    ("scale up stabilization, reuse one of obsolete recommendation element",
     [(10, 6000), (6, 60), (5, 120), (9, 180)], 1, 100, 5, [100, 6, 5, 9], 300, 0),
    ("scale up and down stabilization, do not scale up when prenormalized rec goes down",
     [(2, 6000), (3, 180)], 2, 1, 2, None, 300, 300),
    ("scale up and down stabilization, do not scale down when prenormalized rec goes up",
     [(2, 6000), (1, 180)], 2, 3, 2, None, 300, 300),
]:
    exp_out: dict[str, Any] = {"replicas": exp}
    if exp_recs is not None:
        exp_out["recommendations"] = exp_recs
    case(SB + name, "hpa.stabilize_with_behavior",
         {"recommendations": [{"replicas": r, "ageSeconds": a} for r, a in recs], "currentReplicas": cur,
          "desiredReplicas": des,
          "behavior": {"scaleUp": {"stabilizationWindowSeconds": up}, "scaleDown": {"stabilizationWindowSeconds": down}}},
         exp_out)


def rules(pods: int, pods_period: int, percent: int, percent_period: int, window: int) -> dict[str, Any]:
    """generateScalingRules: Max policy, a Pods and/or Percent policy, a stabilization window."""
    r: dict[str, Any] = {"stabilizationWindowSeconds": window, "selectPolicy": "Max"}
    pol = []
    if pods:
        pol.append({"type": "Pods", "value": pods, "periodSeconds": pods_period})
    if percent:
        pol.append({"type": "Percent", "value": percent, "periodSeconds": percent_period})
    if pol:
        r["policies"] = pol
    return r


def uniform(raw: list[int], period: int) -> list[dict[str, Any]]:
    """generateEventsUniformDistribution: each event in the middle of its share of the period."""
    seg = period / len(raw)
    return [{"replicaChange": v, "ageSeconds": period - seg * (i + 1) + seg / 2} for i, v in enumerate(raw)]


SR = f"{HZ}:TestScalingWithRules/"
_E = uniform([1, 5, 9], 120)
for name, up_ev, down_ev, mn, mx, up_r, down_r, cur, pre, exp, cond in [
    ("prenormalized desired replicas within range", None, None, 3, 8, None, None, 5, 7, 7, "DesiredWithinRange"),
    ("prenormalized desired replicas < minReplicas", None, None, 2, 8, None, None, 3, 1, 2, "TooFewReplicas"),
    ("prenormalized desired replicas within range when minReplicas is 0", None, None, 0, 10, None, None, 1, 0, 0,
     "DesiredWithinRange"),
    ("maxReplicas is the limit because maxReplicas < scaleUpLimit", None, None, 1, 10, None, None, 20, 1000, 10,
     "TooManyReplicas"),
    ("desired replica count is more than the maximum replica count", None, None, 100, 150, None, None, 100, 1000, 150,
     "TooManyReplicas"),
    ("scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies", None, None, 1, 2000,
     rules(0, 0, 1, 60, 0), None, 3, 1000, 4, "ScaleUpLimit"),
    ("scaleUp with default behavior", None, None, 1, 1000, None, None, 10, 50, 20, "ScaleUpLimit"),
    ("scaleUp with pods policy larger than percent policy", None, None, 1, 1000, rules(100, 60, 100, 60, 0), None, 10,
     500, 110, "ScaleUpLimit"),
    ("scaleUp with percent policy larger than pods policy", None, None, 1, 1000, rules(2, 60, 100, 60, 0), None, 10, 500,
     20, "ScaleUpLimit"),
    ("scaleUp with spec MaxReplicas limitation with large pod policy", None, None, 1, 1000, rules(100, 60, 0, 0, 0),
     None, 10, 50, 50, "DesiredWithinRange"),
    ("scaleUp with spec MaxReplicas limitation with large percent policy", None, None, 1, 1000,
     rules(10000, 60, 0, 0, 0), None, 10, 50, 50, "DesiredWithinRange"),
    ("scaleUp with pod policy limitation", None, None, 1, 1000, rules(30, 60, 0, 0, 0), None, 10, 50, 40,
     "ScaleUpLimit"),
    ("scaleUp with percent policy limitation", None, None, 1, 1000, rules(0, 0, 200, 60, 0), None, 10, 50, 30,
     "ScaleUpLimit"),
    ("scaleDown with percent policy larger than pod policy", None, None, 1, 1000, None, rules(20, 60, 1, 60, 300), 100,
     2, 80, "ScaleDownLimit"),
    ("scaleDown with pod policy larger than percent policy", None, None, 1, 1000, None, rules(2, 60, 1, 60, 300), 100, 2,
     98, "ScaleDownLimit"),
    ("scaleDown with spec MinReplicas=nil limitation with large pod policy", None, None, 1, 1000, None,
     rules(100, 60, 0, 0, 300), 10, 0, 1, "TooFewReplicas"),
    ("scaleDown with spec MinReplicas limitation with large percent policy", None, None, 5, 1000, None,
     rules(0, 0, 100, 60, 300), 10, 2, 5, "TooFewReplicas"),
    ("scaleDown with pod policy limitation", None, None, 1, 1000, None, rules(5, 60, 0, 0, 300), 10, 2, 5,
     "ScaleDownLimit"),
    ("scaleDown with percent policy limitation", None, None, 1, 1000, None, rules(0, 0, 50, 60, 300), 10, 5, 5,
     "DesiredWithinRange"),
    ("scaleUp with spec MaxReplicas limitation with large pod policy and events", _E, None, 1, 200,
     rules(300, 60, 0, 0, 0), None, 100, 500, 200, "TooManyReplicas"),
    ("scaleUp with spec MaxReplicas limitation with large percent policy and events", _E, None, 1, 200,
     rules(0, 0, 10000, 60, 0), None, 100, 500, 200, "TooManyReplicas"),
    ("scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events", _E, None, 1,
     1000, rules(5, 120, 0, 0, 0), None, 100, 500, 100, "ScaleUpLimit"),
    ("scaleUp with pod policy and previous scale up events", _E, None, 1, 1000, rules(150, 120, 0, 0, 0), None, 100, 500,
     235, "ScaleUpLimit"),
    ("scaleUp with percent policy and previous scale up events", _E, None, 1, 1000, rules(0, 0, 200, 120, 0), None, 100,
     500, 255, "ScaleUpLimit"),
    ("scaleUp with percent policy and previous scale up and down events", uniform([4], 120), uniform([2], 120), 1, 1000,
     rules(0, 0, 300, 300, 0), None, 6, 24, 16, "ScaleUpLimit"),
    ("scaleDown with default policy and previous events", None, _E, 1, 1000, None, None, 10, 5, 5, "DesiredWithinRange"),
    ("scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events", None, _E, 1, 1000, None,
     rules(115, 120, 0, 0, 300), 100, 0, 1, "TooFewReplicas"),
    ("scaleDown with spec MinReplicas limitation with large pod policy and previous events", None, _E, 5, 1000, None,
     rules(130, 120, 0, 0, 300), 100, 0, 5, "TooFewReplicas"),
    ("scaleDown with spec MinReplicas limitation with large percent policy and previous events", None, _E, 5, 1000, None,
     rules(0, 0, 100, 120, 300), 100, 2, 5, "TooFewReplicas"),
    ("scaleDown with pod policy limitation and previous events", None, _E, 1, 1000, None, rules(5, 120, 0, 0, 300), 100,
     2, 100, "ScaleDownLimit"),
    ("scaleDown with percent policy limitation and previous events", None, uniform([2, 4, 6], 120), 1, 1000, None,
     rules(0, 0, 50, 120, 300), 100, 0, 56, "ScaleDownLimit"),
    ("scaleDown with percent policy and previous scale up and down events", uniform([2], 120), uniform([4], 120), 1, 1000,
     None, rules(0, 0, 50, 180, 0), 10, 1, 6, "ScaleDownLimit"),
    ("scaleDown with previous events preventing further scale down", None, uniform([10, 10, 10], 120), 1, 1000, None,
     rules(0, 0, 10, 120, 300), 100, 0, 100, "ScaleDownLimit"),
    ("scaleDown with with previous events still allowing more scale down", None, uniform([10, 10, 10], 120), 1, 1000,
     None, rules(0, 0, 1000, 120, 300), 10, 5, 5, "DesiredWithinRange"),
    ("check 'outdated' flag for events for one behavior for up", uniform([8, 12, 9, 11], 120), None, 1, 1000,
     rules(1000, 60, 0, 0, 0), None, 100, 200, 200, "DesiredWithinRange"),
    ("check that events were marked 'outdated' for two different policies in the behavior for up",
     uniform([8, 12, 9, 11], 120), None, 1, 1000, rules(1000, 30, 100, 60, 0), None, 100, 200, 200,
     "DesiredWithinRange"),
    ("check 'outdated' flag for events for one behavior for down", None, uniform([8, 12, 9, 11], 120), 1, 1000, None,
     rules(1000, 60, 0, 0, 300), 100, 5, 5, "DesiredWithinRange"),
]:
    beh: dict[str, Any] = {}
    if up_r is not None:
        beh["scaleUp"] = up_r
    if down_r is not None:
        beh["scaleDown"] = down_r
    case(SR + name, "hpa.behavior_rate_limit",
         {"currentReplicas": cur, "desiredReplicas": pre, "minReplicas": mn, "maxReplicas": mx, "behavior": beh,
          "scaleUpEvents": up_ev or [], "scaleDownEvents": down_ev or []},
         {"replicas": exp, "reason": cond})

_MIN_RULES = {"stabilizationWindowSeconds": 300, "selectPolicy": "Min",
              "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60},
                           {"type": "Percent", "value": 50, "periodSeconds": 60}]}
case(f"{HZ}:TestCalculateScaleUpLimitWithScalingRules", "hpa.scale_up_limit",
     {"currentReplicas": 1, "rules": _MIN_RULES, "scaleUpEvents": [], "scaleDownEvents": []}, {"limit": 2})
case(f"{HZ}:TestCalculateScaleDownLimitWithBehaviors", "hpa.scale_down_limit",
     {"currentReplicas": 5, "rules": _MIN_RULES, "scaleUpEvents": [], "scaleDownEvents": []}, {"limit": 3})

SE = f"{HZ}:TestStoreScaleEvents/"
for name, prev, new, sr, change in [
    ("empty entries with default behavior", [], [], None, 0),
    ("empty entries with two-policy-behavior", [], [(5, False)], rules(10, 60, 100, 60, 0), 0),
    ("one outdated entry to be kept untouched without behavior", [(7, 61)], [(7, False)], None, 0),
    ("one outdated entry to be replaced with behavior", [(7, 61)], [(5, False)], rules(10, 60, 100, 60, 0), 0),
    ("one actual entry to be not touched with behavior", [(7, 58)], [(7, False), (5, False)], rules(10, 60, 100, 60, 0), 7),
    ("two entries, one of them to be replaced", [(7, 61), (6, 59)], [(5, False), (6, False)], rules(10, 60, 0, 0, 0), 6),
    ("replace one entry, use policies with different periods", [(8, 29), (6, 59), (7, 61), (9, 61)],
     [(8, False), (6, False), (7, True), (5, False)], rules(10, 60, 100, 30, 0), 14),
    ("two entries, both actual", [(7, 58), (6, 59)], [(7, False), (6, False), (5, False)], rules(10, 120, 100, 30, 0), 13),
]:
    evs = [{"replicaChange": c, "ageSeconds": a} for c, a in prev]
    case(SE + name + "#change", "hpa.replicas_change_per_period", {"periodSeconds": 60, "events": evs},
         {"replicaChange": change})
    for direction, new_replicas in (("up", 15), ("down", 5)):
        behavior = None if sr is None else ({"scaleUp": sr} if direction == "up" else {"scaleDown": sr})
        case(SE + name + "#" + direction, "hpa.store_scale_event",
             {"behavior": behavior, "prevReplicas": 10, "newReplicas": new_replicas, "events": evs},
             {"events": [{"replicaChange": c, "outdated": o} for c, o in new]})

# ---------------------------------------------------------------------------------------------
# reconcile (horizontal_test.go testCase harness)

HZNOW = NOW


def reconcile(cid: str, *, min_r: int, max_r: int, spec: int, status: int | None = None, cpu_target: int = 0,
              levels: list[int], requests: list[str] | None = None, readiness: list[str] | None = None,
              start: list[str] | None = None, phases: list[str] | None = None, deleted: list[bool] | None = None,
              metrics: list[dict[str, Any]] | None = None, recommendations: list[tuple[int, float]] | None = None,
              scale_up: dict[str, Any] | None = None, scale_down: dict[str, Any] | None = None,
              selector: str = "name=test-pod", other_hpas: list[dict[str, Any]] | None = None,
              faults: dict[str, bool] | None = None, extra_labels: dict[str, str] | None = None,
              expect: dict[str, Any]) -> None:
    status = spec if status is None else status
    reqs = requests if requests is not None else ["1.0"] * status
    half = [f"{int(float(r) * 1000) // 2}m" if not r.endswith("m") else f"{int(r[:-1]) // 2}m" for r in reqs]
    pods = rc_pods(len(reqs), half, readiness=readiness, phases=phases, deleted=deleted,
                   start=start, split_requests=True)
    if extra_labels:
        for p_ in pods:
            p_["labels"] = {**p_["labels"], **extra_labels}
    mspecs: list[dict[str, Any]] = []
    if cpu_target:
        mspecs.append({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                                  "averageUtilization": cpu_target}}})
    mspecs += metrics or []
    behavior = None
    if scale_up is not None or scale_down is not None:
        behavior = {}
        if scale_up is not None:
            behavior["scaleUp"] = scale_up
        if scale_down is not None:
            behavior["scaleDown"] = scale_down
    inp: dict[str, Any] = {
        "config": {"tolerance": 0.1, "cpuInitializationPeriodSeconds": 120, "delayOfInitialReadinessStatusSeconds": 10,
                   "downscaleStabilizationWindowSeconds": 300, "scaleUpLimitFactor": 8, "scaleUpLimitMinimum": 4},
        "now": HZNOW,
        "hpa": {"metadata": {"namespace": "test-namespace", "name": "test-hpa"},
                "spec": {"scaleTargetRef": {"apiVersion": "v1", "kind": "ReplicationController", "name": "test-rc"},
                         "minReplicas": min_r, "maxReplicas": max_r, "metrics": mspecs, "behavior": behavior},
                "status": {"currentReplicas": spec, "desiredReplicas": spec, "lastScaleTime": None}},
        "scale": {"specReplicas": spec, "statusReplicas": status, "selector": selector},
        "pods": pods,
        "podMetrics": [
            {"name": f"test-pod-{i}", "timestamp": HZNOW, "windowSeconds": 60,
             "containers": [{"name": "container1", "usage": {"cpu": f"{lv // 2}m"}},
                            {"name": "container2", "usage": {"cpu": f"{lv // 2}m"}}]}
            for i, lv in enumerate(levels)
        ],
        "customMetrics": {"pods": {"qps": [{"name": f"test-pod-{i}", "value": f"{lv}m", "timestamp": HZNOW}
                                           for i, lv in enumerate(levels)]},
                          "object": {"qps": {"describedObject": {"kind": "Deployment", "apiVersion": "apps/v1",
                                                                 "name": "some-deployment"},
                                             "value": f"{levels[0] if levels else 0}m", "timestamp": HZNOW}}},
        "externalMetrics": {"qps": [f"{lv}m" for lv in levels]},
        "recommendations": None if recommendations is None else [{"replicas": r, "ageSeconds": a}
                                                                  for r, a in recommendations],
        "scaleUpEvents": [],
        "scaleDownEvents": [],
    }
    if other_hpas is not None:
        inp["otherHpas"] = other_hpas
    if faults is not None:
        inp["faults"] = faults
    case(f"{HZ}:{cid}", "hpa.reconcile", inp, expect)


def conds(**over: tuple[str, str]) -> list[dict[str, str]]:
    """statusOkWithOverrides."""
    base = {"AbleToScale": ("True", "SucceededRescale"), "ScalingActive": ("True", "ValidMetricFound"),
            "ScalingLimited": ("False", "DesiredWithinRange")}
    base.update(over)
    return [{"type": k, "status": v[0], "reason": v[1]} for k, v in base.items()]


def expect(desired: int, updated: bool, c: list[dict[str, str]] | None = None, cpu: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"desiredReplicas": desired, "scaleUpdated": updated, "conditions": c or conds()}
    if cpu is not None:
        out["currentCpuUtilization"] = cpu
    return out


READY = {"AbleToScale": ("True", "ReadyForNewScale")}
reconcile("TestScaleUp", min_r=2, max_r=6, spec=3, cpu_target=30, levels=[300, 500, 700], expect=expect(5, True, cpu=50))
reconcile("TestScaleUpContainer", min_r=2, max_r=6, spec=3, levels=[300, 500, 700],
          metrics=[{"type": "ContainerResource", "containerResource": {
              "name": "cpu", "container": "container1", "target": {"type": "Utilization", "averageUtilization": 30}}}],
          expect=expect(5, True))
reconcile("TestScaleUpUnreadyLessScale", min_r=2, max_r=6, spec=3, cpu_target=30, levels=[300, 500, 700],
          readiness=["False", "True", "True"], expect=expect(4, True, cpu=60))
reconcile("TestScaleUpHotCpuLessScale", min_r=2, max_r=6, spec=3, cpu_target=30, levels=[300, 500, 700],
          start=[HOT, COOL, COOL], expect=expect(4, True, cpu=60))
reconcile("TestScaleUpUnreadyNoScale", min_r=2, max_r=6, spec=3, cpu_target=30, levels=[400, 500, 700],
          readiness=["True", "False", "False"], expect=expect(3, False, conds(**READY), cpu=40))
reconcile("TestScaleUpHotCpuNoScale", min_r=2, max_r=6, spec=3, cpu_target=30, levels=[400, 500, 700],
          readiness=["True", "False", "False"], start=[COOL, HOT, HOT], expect=expect(3, False, conds(**READY), cpu=40))
reconcile("TestScaleUpIgnoresFailedPods", min_r=2, max_r=6, spec=2, cpu_target=30, levels=[500, 700],
          requests=["1.0"] * 4, readiness=["True", "True", "False", "False"],
          phases=["Running", "Running", "Failed", "Failed"], expect=expect(4, True, cpu=60))
reconcile("TestScaleUpIgnoresDeletionPods", min_r=2, max_r=6, spec=2, cpu_target=30, levels=[500, 700],
          requests=["1.0"] * 4, readiness=["True", "True", "False", "False"], deleted=[False, False, True, True],
          expect=expect(4, True, cpu=60))
QPS15 = [{"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "15.0"}}}]
reconcile("TestScaleUpCM", min_r=2, max_r=6, spec=3, levels=[20000, 10000, 30000], metrics=QPS15, expect=expect(4, True))
reconcile("TestScaleUpCMUnreadyAndHotCpuNoLessScale", min_r=2, max_r=6, spec=3, levels=[50000, 10000, 30000],
          metrics=QPS15, readiness=["True", "True", "False"], start=[COOL, COOL, HOT], expect=expect(6, True))
reconcile("TestScaleUpCMUnreadyandCpuHot", min_r=2, max_r=6, spec=3, levels=[50000, 15000, 30000], metrics=QPS15,
          readiness=["False", "True", "False"], start=[HOT, COOL, HOT],
          expect=expect(6, True, conds(ScalingLimited=("True", "TooManyReplicas"))))
reconcile("TestNoBackoffUpscaleCM", min_r=1, max_r=5, spec=3, levels=[20000, 10000, 30000], metrics=QPS15,
          expect=expect(4, True))
reconcile("TestNoBackoffUpscaleCMNoBackoffCpu", min_r=1, max_r=5, spec=3, cpu_target=10,
          levels=[20000, 10000, 30000], metrics=QPS15,
          expect=expect(5, True, conds(ScalingLimited=("True", "TooManyReplicas"))))
reconcile("TestStabilizeDownscale", min_r=1, max_r=5, spec=4, cpu_target=100, levels=[50, 50, 50],
          requests=["0.1"] * 3, recommendations=[(10, 600), (4, 60)],
          expect=expect(4, False, conds(AbleToScale=("True", "ScaleDownStabilized"))))
reconcile("TestComputedToleranceAlgImplementation#1", min_r=0, max_r=1000, spec=10, cpu_target=56,
          levels=[150] * 10, requests=_reqs, recommendations=[], expect=expect(9, True))
reconcile("TestComputedToleranceAlgImplementation#2", min_r=0, max_r=1000, spec=10, cpu_target=55,
          levels=[150] * 10, requests=_reqs, recommendations=[], expect=expect(10, False, conds(**READY)))
reconcile("TestScaleUpRCImmediately", min_r=2, max_r=6, spec=1, levels=[0, 0, 0, 0], requests=["1.0"] * 4,
          expect=expect(2, True, [{"type": "AbleToScale", "status": "True", "reason": "SucceededRescale"}]))
reconcile("TestScaleDownRCImmediately", min_r=2, max_r=5, spec=6, cpu_target=50, levels=[8000, 9500, 1000],
          requests=["0.9", "1.0", "1.1"],
          expect=expect(5, True, [{"type": "AbleToScale", "status": "True", "reason": "SucceededRescale"}]))

QPS20 = [{"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "20.0"}}}]


def obj_metric(target: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"type": "Object", "object": {"describedObject": {"apiVersion": "apps/v1", "kind": "Deployment",
                                                              "name": "some-deployment"},
                                          "metric": {"name": "qps"}, "target": target}}]


def ext_metric(target: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"type": "External", "external": {"metric": {"name": "qps", "selector": {}}, "target": target}}]


CHEDDAR = [{"type": "CheddarCheese"}]
L5 = [100, 300, 500, 250, 250]
reconcile("TestScaleUpCMExternal", min_r=2, max_r=6, spec=3, levels=[8600],
          metrics=ext_metric({"type": "Value", "value": "6666m"}), expect=expect(4, True))
reconcile("TestScaleUpPerPodCMExternal", min_r=2, max_r=6, spec=3, levels=[8600],
          metrics=ext_metric({"type": "AverageValue", "averageValue": "2222m"}), expect=expect(4, True))
reconcile("TestScaleDown", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5, recommendations=[],
          expect=expect(3, True, cpu=28))
reconcile("TestScaleDownContainerResource", min_r=2, max_r=6, spec=5, levels=L5, recommendations=[],
          metrics=[{"type": "ContainerResource", "containerResource": {
              "name": "cpu", "container": "container2", "target": {"type": "Utilization", "averageUtilization": 50}}}],
          expect=expect(3, True))
reconcile("TestScaleDownWithScalingRules", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5, recommendations=[],
          scale_up=rules(0, 0, 100, 15, 30), expect=expect(3, True, cpu=28))
reconcile("TestScaleUpOneMetricInvalid", min_r=2, max_r=6, spec=3, cpu_target=30, levels=[300, 400, 500],
          metrics=CHEDDAR, expect=expect(4, True, cpu=40))
reconcile("TestScaleUpFromZeroOneMetricInvalid", min_r=0, max_r=6, spec=0, cpu_target=30, levels=[300, 400, 500],
          requests=["1.0"] * 3, metrics=CHEDDAR, recommendations=[], expect=expect(4, True, cpu=40))
reconcile("TestScaleUpBothMetricsEmpty", min_r=2, max_r=6, spec=3, levels=[], metrics=CHEDDAR,
          expect=expect(3, False, [{"type": "AbleToScale", "status": "True", "reason": "SucceededGetScale"},
                                   {"type": "ScalingActive", "status": "False", "reason": "InvalidMetricSourceType"}]))
reconcile("TestScaleDownStabilizeInitialSize", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5,
          recommendations=None, expect=expect(5, False, conds(AbleToScale=("True", "ScaleDownStabilized")), cpu=28))
reconcile("TestScaleDownCM", min_r=2, max_r=6, spec=5, levels=[12000] * 5, metrics=QPS20, recommendations=[],
          expect=expect(3, True))
reconcile("TestScaleDownCMObject", min_r=2, max_r=6, spec=5, levels=[12000],
          requests=["1.0"] * 5, metrics=obj_metric({"type": "Value", "value": "20.0"}), recommendations=[],
          expect=expect(3, True))
reconcile("TestScaleDownToZeroCMObject", min_r=0, max_r=6, spec=5, levels=[0], requests=["1.0"] * 5,
          metrics=obj_metric({"type": "Value", "value": "20.0"}), recommendations=[], expect=expect(0, True))
reconcile("TestScaleDownPerPodCMObject", min_r=2, max_r=6, spec=5, levels=[60000], requests=["1.0"] * 5,
          metrics=obj_metric({"type": "AverageValue", "averageValue": "20.0"}), recommendations=[],
          expect=expect(3, True))
reconcile("TestScaleDownCMExternal", min_r=2, max_r=6, spec=5, levels=[8600],
          metrics=ext_metric({"type": "Value", "value": "14400m"}), recommendations=[], expect=expect(3, True))
reconcile("TestScaleDownToZeroCMExternal", min_r=0, max_r=6, spec=5, levels=[0],
          metrics=ext_metric({"type": "Value", "value": "14400m"}), recommendations=[], expect=expect(0, True))
reconcile("TestScaleDownPerPodCMExternal", min_r=2, max_r=6, spec=5, levels=[8600],
          metrics=ext_metric({"type": "AverageValue", "averageValue": "3000m"}), recommendations=[],
          expect=expect(3, True))
reconcile("TestScaleDownIncludeUnreadyPods", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5,
          readiness=["True", "True", "True", "False", "False"], recommendations=[], expect=expect(2, True, cpu=30))
reconcile("TestScaleDownIgnoreHotCpuPods", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5,
          start=[COOL, COOL, COOL, HOT, HOT], recommendations=[], expect=expect(2, True, cpu=30))
reconcile("TestScaleDownIgnoresFailedPods", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5, requests=["1.0"] * 7,
          readiness=["True"] * 5 + ["False"] * 2, phases=["Running"] * 5 + ["Failed"] * 2, recommendations=[],
          expect=expect(3, True, cpu=28))
reconcile("TestScaleDownIgnoresDeletionPods", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5,
          requests=["1.0"] * 7, readiness=["True"] * 5 + ["False"] * 2, deleted=[False] * 5 + [True] * 2,
          recommendations=[], expect=expect(3, True, cpu=28))
reconcile("TestTolerance", min_r=1, max_r=5, spec=3, cpu_target=100, levels=[1010, 1030, 1020],
          requests=["0.9", "1.0", "1.1"], expect=expect(3, False, conds(**READY)))
reconcile("TestToleranceCM", min_r=1, max_r=5, spec=3, levels=[20000, 20001, 21000], requests=["0.9", "1.0", "1.1"],
          metrics=QPS20, expect=expect(3, False, conds(**READY)))
reconcile("TestToleranceCMObject", min_r=1, max_r=5, spec=3, levels=[20050], requests=["0.9", "1.0", "1.1"],
          metrics=obj_metric({"type": "Value", "value": "20.0"}), expect=expect(3, False, conds(**READY)))

GOT_SCALE = {"type": "AbleToScale", "status": "True", "reason": "SucceededGetScale"}
RESCALED_ONLY = [{"type": "AbleToScale", "status": "True", "reason": "SucceededRescale"}]


def inactive(reason: str) -> list[dict[str, str]]:
    return [GOT_SCALE, {"type": "ScalingActive", "status": "False", "reason": reason}]


R3 = ["0.9", "1.0", "1.1"]
reconcile("TestMinReplicas", min_r=2, max_r=5, spec=3, cpu_target=90, levels=[10, 95, 10], requests=R3,
          recommendations=[], expect=expect(2, True, conds(ScalingLimited=("True", "TooFewReplicas"))))
reconcile("TestZeroMinReplicasDesiredZero", min_r=0, max_r=5, spec=3, cpu_target=90, levels=[0, 0, 0], requests=R3,
          recommendations=[], expect=expect(0, True))
reconcile("TestMinReplicasDesiredZero", min_r=2, max_r=5, spec=3, cpu_target=90, levels=[0, 0, 0], requests=R3,
          recommendations=[], expect=expect(2, True, conds(ScalingLimited=("True", "TooFewReplicas"))))
reconcile("TestZeroReplicas", min_r=3, max_r=5, spec=0, cpu_target=90, levels=[], requests=[],
          expect=expect(0, False, inactive("ScalingDisabled")))
reconcile("TestTooFewReplicas", min_r=3, max_r=5, spec=2, cpu_target=90, levels=[], requests=[],
          expect=expect(3, True, RESCALED_ONLY))
reconcile("TestTooManyReplicas", min_r=3, max_r=5, spec=10, cpu_target=90, levels=[], requests=[],
          expect=expect(5, True, RESCALED_ONLY))
reconcile("TestMaxReplicas", min_r=2, max_r=5, spec=3, cpu_target=90, levels=[8000, 9500, 1000], requests=R3,
          expect=expect(5, True, conds(ScalingLimited=("True", "TooManyReplicas"))))
reconcile("TestSuperfluousMetrics", min_r=2, max_r=6, spec=4, cpu_target=100,
          levels=[4000, 9500, 3000, 7000, 3200, 2000], requests=["1.0"] * 4,
          expect=expect(6, True, conds(ScalingLimited=("True", "TooManyReplicas"))))
reconcile("TestMissingMetrics", min_r=2, max_r=6, spec=4, cpu_target=100, levels=[400, 95], requests=["1.0"] * 4,
          recommendations=[], expect=expect(3, True))
reconcile("TestEmptyMetrics", min_r=2, max_r=6, spec=4, cpu_target=100, levels=[], requests=["1.0"] * 4,
          expect=expect(4, False, inactive("FailedGetResourceMetric")))
reconcile("TestEmptyCPURequest", min_r=1, max_r=5, spec=1, cpu_target=100, levels=[200], requests=[],
          expect=expect(1, False, inactive("FailedGetResourceMetric")))
reconcile("TestEventCreated", min_r=1, max_r=5, spec=1, cpu_target=50, levels=[200], requests=["0.2"],
          expect=expect(2, True))
reconcile("TestEventNotCreated", min_r=1, max_r=5, spec=2, cpu_target=50, levels=[200, 200], requests=["0.4", "0.4"],
          expect=expect(2, False, conds(**READY)))
reconcile("TestMissingReports", min_r=1, max_r=5, spec=4, cpu_target=50, levels=[200], requests=["0.2"],
          recommendations=[], expect=expect(2, True))
reconcile("TestUpscaleCap", min_r=1, max_r=100, spec=3, cpu_target=10, levels=[100, 200, 300], requests=["0.1"] * 3,
          scale_up=rules(0, 0, 700, 60, 0), expect=expect(24, True, conds(ScalingLimited=("True", "ScaleUpLimit"))))
reconcile("TestUpscaleCapGreaterThanMaxReplicas", min_r=1, max_r=20, spec=3, cpu_target=10, levels=[100, 200, 300],
          requests=["0.1"] * 3, scale_up=rules(0, 0, 700, 60, 0),
          expect=expect(20, True, conds(ScalingLimited=("True", "TooManyReplicas"))))
reconcile("TestMoreReplicasThanSpecNoScale", min_r=1, max_r=8, spec=4, status=5, cpu_target=50, levels=[500] * 5,
          requests=["1"] * 5, expect=expect(4, False, conds(**READY)))
reconcile("TestConditionInvalidSelectorMissing", min_r=1, max_r=100, spec=3, cpu_target=10, levels=[100, 200, 300],
          requests=["0.1"] * 3, selector="", expect=expect(3, False, inactive("InvalidSelector")))
reconcile("TestConditionInvalidSelectorUnparsable", min_r=1, max_r=100, spec=3, cpu_target=10,
          levels=[100, 200, 300], requests=["0.1"] * 3, selector="cheddar cheese",
          expect=expect(3, False, inactive("InvalidSelector")))
reconcile("TestConditionNoAmbiguousSelectorWhenNoSelectorOverlapBetweenHPAs", min_r=2, max_r=6, spec=3, cpu_target=30,
          levels=[300, 500, 700],
          other_hpas=[{"namespace": "test-namespace", "name": "test-hpa-2", "selector": {"matchLabels": {"cheddar": "cheese"}}}],
          expect=expect(5, True))
reconcile("TestConditionAmbiguousSelectorWhenFullSelectorOverlapBetweenHPAs", min_r=2, max_r=6, spec=3,
          cpu_target=30, levels=[300, 500, 700],
          other_hpas=[{"namespace": "test-namespace", "name": "test-hpa-2", "selector": {"matchLabels": {"name": "test-pod"}}}],
          expect=expect(3, False, inactive("AmbiguousSelector")))
reconcile("TestConditionAmbiguousSelectorWhenPartialSelectorOverlapBetweenHPAs", min_r=2, max_r=6, spec=3,
          cpu_target=30, levels=[300, 500, 700], extra_labels={"cheddar": "cheese"},
          other_hpas=[{"namespace": "test-namespace", "name": "test-hpa-2", "selector": {"matchLabels": {"cheddar": "cheese"}}}],
          expect=expect(3, False, inactive("AmbiguousSelector")))
_FAILED_FAULTS = {"resourceMetricsError": True, "customMetricsError": True, "externalMetricsError": True}
for reason, specs in [
    ("FailedGetResourceMetric", None),
    ("FailedGetPodsMetric", [{"type": "Pods", "pods": {"metric": {"name": "qps"},
                                                       "target": {"type": "AverageValue", "averageValue": "15.0"}}}]),
    ("FailedGetObjectMetric", obj_metric({"type": "Value", "value": "15.0"})),
    ("FailedGetExternalMetric", ext_metric({"type": "Value", "value": "300m"})),
]:
    reconcile(f"TestConditionFailedGetMetrics/{reason}", min_r=1, max_r=100, spec=3, cpu_target=0 if specs else 10,
              levels=[100, 200, 300], requests=["0.1"] * 3, metrics=specs, faults=_FAILED_FAULTS,
              expect=expect(3, False, inactive(reason)))

reconcile("TestConditionInvalidSourceType", min_r=2, max_r=6, spec=3, levels=[20000], metrics=CHEDDAR,
          expect=expect(3, False, inactive("InvalidMetricSourceType")))
reconcile("TestConditionFailedGetScale", min_r=1, max_r=100, spec=3, cpu_target=10, levels=[100, 200, 300],
          requests=["0.1"] * 3, faults={"scaleGetError": True},
          expect=expect(3, False, [{"type": "AbleToScale", "status": "False", "reason": "FailedGetScale"}]))
reconcile("TestConditionFailedUpdateScale", min_r=1, max_r=5, spec=3, cpu_target=100, levels=[150, 150, 150],
          requests=["0.1"] * 3, faults={"scaleUpdateError": True},
          expect=expect(3, False, conds(AbleToScale=("False", "FailedUpdateScale"))))
reconcile("TestScaleUpOneMetricEmpty", min_r=2, max_r=6, spec=3, cpu_target=30, levels=[300, 400, 500],
          metrics=ext_metric({"type": "Value", "value": "100m"}), faults={"externalMetricsError": True},
          expect=expect(4, True, cpu=40))
reconcile("TestNoScaleDownOneMetricInvalid", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5, metrics=CHEDDAR,
          recommendations=[], expect=expect(5, False, inactive("InvalidMetricSourceType")))
reconcile("TestNoScaleDownOneMetricEmpty", min_r=2, max_r=6, spec=5, cpu_target=50, levels=L5,
          metrics=ext_metric({"type": "Value", "value": "1000m"}), faults={"externalMetricsError": True},
          recommendations=[], expect=expect(5, False, inactive("FailedGetExternalMetric")))

# ---------------------------------------------------------------------------------------------
# validation (validation_test.go)

HPA_META = {"name": "myautoscaler", "namespace": "default"}
RCREF = {"kind": "ReplicationController", "name": "myrc"}
CPU70 = [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]


def hpa(spec_over: dict[str, Any]) -> dict[str, Any]:
    spec = {"scaleTargetRef": RCREF, "minReplicas": 1, "maxReplicas": 5, "metrics": CPU70}
    spec.update(spec_over)
    return {"metadata": HPA_META, "spec": spec}


def valid(cid: str, h: dict[str, Any], gates: dict[str, bool] | None = None, old: dict[str, Any] | None = None) -> None:
    inp: dict[str, Any] = {"featureGates": gates or {}, "hpa": h}
    if old is not None:
        inp["oldHpa"] = old
    case(f"{VAL}:{cid}", "hpa.validate", inp, {"valid": True, "errorCount": 0})


def invalid(cid: str, h: dict[str, Any], msg: str, gates: dict[str, bool] | None = None,
            old: dict[str, Any] | None = None, count: int | None = None) -> None:
    inp: dict[str, Any] = {"featureGates": gates or {}, "hpa": h}
    if old is not None:
        inp["oldHpa"] = old
    # the Go tests assert that the first error's text contains msg
    exp: dict[str, Any] = {"valid": False, "error": msg}
    if count is not None:
        exp["errorCount"] = count
    case(f"{VAL}:{cid}", "hpa.validate", inp, exp)


SIMPLE = [{"type": "Percent", "value": 10, "periodSeconds": 1}, {"type": "Pods", "value": 1, "periodSeconds": 1800}]
valid("TestValidateBehavior#success0", hpa({"behavior": {}}))
valid("TestValidateBehavior#success1", hpa({"behavior": {
    "scaleUp": {"stabilizationWindowSeconds": 3600, "selectPolicy": "Min", "policies": SIMPLE},
    "scaleDown": {"stabilizationWindowSeconds": 0, "selectPolicy": "Disabled", "policies": SIMPLE}}}))
for i, (beh, msg) in enumerate([
    ({"scaleUp": {"selectPolicy": "Min"}}, "spec.behavior.scaleUp.policies: Required value: must specify at least one Policy"),
    ({"scaleUp": {"stabilizationWindowSeconds": 3601, "selectPolicy": "Min", "policies": SIMPLE}},
     "spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600"),
    ({"scaleUp": {"policies": [{"type": "Pods", "value": 7, "periodSeconds": 1801}]}},
     "spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800"),
    ({"scaleUp": {"selectPolicy": "incorrect", "policies": [{"type": "Pods", "value": 7, "periodSeconds": 8}]}},
     'spec.behavior.scaleUp.selectPolicy: Unsupported value: "incorrect": supported values: "Disabled", "Max", "Min"'),
    ({"scaleUp": {"policies": [{"type": "hm", "value": 7, "periodSeconds": 8}]}},
     'spec.behavior.scaleUp.policies[0].type: Unsupported value: "hm": supported values: "Percent", "Pods"'),
    ({"scaleUp": {"policies": [{"type": "Pods", "value": 8}]}},
     "spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 0: must be greater than zero"),
    ({"scaleUp": {"policies": [{"type": "Pods", "periodSeconds": 8}]}},
     "spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero"),
    ({"scaleUp": {"policies": [{"type": "Pods", "periodSeconds": -1, "value": 1}]}},
     "spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: -1: must be greater than zero"),
    ({"scaleUp": {"policies": [{"type": "Pods", "periodSeconds": 1, "value": -1}]}},
     "spec.behavior.scaleUp.policies[0].value: Invalid value: -1: must be greater than zero"),
    ({"scaleDown": {"selectPolicy": "Min"}},
     "spec.behavior.scaleDown.policies: Required value: must specify at least one Policy"),
    ({"scaleDown": {"stabilizationWindowSeconds": 3601, "selectPolicy": "Min", "policies": SIMPLE}},
     "spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600"),
    ({"scaleDown": {"selectPolicy": "incorrect", "policies": [{"type": "Pods", "value": 7, "periodSeconds": 8}]}},
     'spec.behavior.scaleDown.selectPolicy: Unsupported value: "incorrect": supported values: "Disabled", "Max", "Min"'),
]):
    invalid(f"TestValidateBehavior#error{i}", hpa({"behavior": beh}), msg)

valid("TestValidateHorizontalPodAutoscaler#success-cpu", hpa({}))
valid("TestValidateHorizontalPodAutoscaler#success-no-metrics", hpa({"metrics": None}))
valid("TestValidateHorizontalPodAutoscaler#success-averagevalue",
      hpa({"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "AverageValue",
                                                                                   "averageValue": "300m"}}}]}))
valid("TestValidateHorizontalPodAutoscaler#success-pods",
      hpa({"metrics": [{"type": "Pods", "pods": {"metric": {"name": "somemetric"},
                                                 "target": {"type": "AverageValue", "averageValue": "300m"}}}]}))
valid("TestValidateHorizontalPodAutoscaler#success-container",
      hpa({"metrics": [{"type": "ContainerResource", "containerResource": {
          "name": "cpu", "container": "test-container", "target": {"type": "Utilization", "averageUtilization": 70}}}]}))
CRES = [{"type": "ContainerResource", "containerResource": {
    "name": "cpu", "container": "test-application", "target": {"type": "Utilization", "averageUtilization": 70}}}]
for i, (over, msg) in enumerate([
    ({"scaleTargetRef": {"name": "myrc"}}, "scaleTargetRef.kind: Required"),
    ({"scaleTargetRef": {"name": "myrc"}, "metrics": CRES}, "scaleTargetRef.kind: Required"),
    ({"scaleTargetRef": {"kind": "..", "name": "myrc"}}, "scaleTargetRef.kind: Invalid"),
    ({"scaleTargetRef": {"kind": "ReplicationController"}}, "scaleTargetRef.name: Required"),
    ({"scaleTargetRef": {"kind": "ReplicationController", "name": ".."}, "metrics": CRES}, "scaleTargetRef.name: Invalid"),
    ({"scaleTargetRef": {"kind": "ReplicationController", "name": ".."}}, "scaleTargetRef.name: Invalid"),
    ({"scaleTargetRef": {}, "minReplicas": -1}, "must be greater than or equal to 1"),
    ({"scaleTargetRef": {}, "minReplicas": 7}, "must be greater than or equal to `minReplicas`"),
    ({"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
        "type": "Utilization", "averageUtilization": 70, "averageValue": "300m"}}}]},
     "may not set both a target raw value and a target utilization"),
    ({"metrics": [{"type": "Resource", "resource": {"target": {"type": "Utilization", "averageUtilization": 70}}}]},
     "must specify a resource name"),
    ({"metrics": [{"type": "ContainerResource", "containerResource": {
        "name": "InvalidResource", "container": "test-application",
        "target": {"type": "Utilization", "averageUtilization": 70}}}]},
     "Invalid value: InvalidResource: must be a standard resource type or fully qualified"),
    ({"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
        "type": "Utilization", "averageUtilization": -10}}}]}, "must be greater than 0"),
    ({"metrics": [{"type": "ContainerResource", "containerResource": {
        "name": "cpu", "target": {"type": "Utilization", "averageUtilization": -10}}}]}, "must specify a container"),
    ({"metrics": [{"type": "ContainerResource", "containerResource": {
        "name": "cpu", "container": "---***", "target": {"type": "Utilization", "averageUtilization": -10}}}]},
     'Invalid value: "---***"'),
    ({"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Value"}}}]},
     "must set either a target raw value or a target utilization"),
    ({"metrics": [{"type": "Pods", "pods": {"metric": {}, "target": {"type": "Value", "averageValue": "100m"}}}]},
     "must specify a metric name"),
    ({"metrics": [{"type": "Pods", "pods": {"metric": {"name": "somemetric"}, "target": {"type": "Value"}}}]},
     "must specify a positive target averageValue"),
    ({"metrics": [{"type": "Object", "object": {"describedObject": RCREF, "metric": {"name": "somemetric"},
                                                "target": {"type": "Value"}}}]},
     "must set either a target value or averageValue"),
    ({"metrics": [{"type": "Object", "object": {"describedObject": {"name": "myrc"}, "metric": {"name": "somemetric"},
                                                "target": {"type": "Value", "value": "100m"}}}]},
     "object.describedObject.kind: Required"),
    ({"metrics": [{"type": "External", "external": {"metric": {"name": "foo/../", "selector": SEL},
                                                    "target": {"type": "Value", "value": "300m"}}}]}, "'/'"),
    ({"metrics": [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                                    "target": {"type": "Value"}}}]},
     "must set either a target value for metric or a per-pod target"),
    ({"metrics": [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                                    "target": {"type": "Value", "value": "-300m"}}}]}, "must be positive"),
    ({"metrics": [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                                    "target": {"type": "Value", "value": "300m",
                                                               "averageValue": "300m"}}}]},
     "may not set both a target value for metric and a per-pod target"),
    ({"metrics": [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                                    "target": {"type": "boogity", "value": "300m"}}}]},
     "must be either Utilization, Value, or AverageValue"),
    ({"metrics": [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                                    "target": {"value": "300m"}}}]}, "must specify a metric target type"),
    ({"metrics": [{}]}, "must specify a metric source type"),
    ({"metrics": [{"type": "InvalidType"}]}, "type: Unsupported value"),
    ({"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "AverageValue",
                                                                              "averageValue": "100m"}},
                   "pods": {"metric": {"name": "somemetric"},
                            "target": {"type": "AverageValue", "averageValue": "100m"}}}]},
     "must populate the given metric source only"),
    ({"metrics": [{"type": "Pods", "resource": {"name": "cpu", "target": {"type": "AverageValue",
                                                                          "averageValue": "100m"}}}]},
     "must populate information for the given metric source"),
]):
    invalid(f"TestValidateHorizontalPodAutoscaler#error{i}", hpa(over), msg)

OBJ_METRIC = [{"type": "Object", "object": {"describedObject": RCREF, "metric": {"name": "somemetric"},
                                            "target": {"type": "Value", "value": "300m"}}}]
EXT_METRIC = [{"type": "External", "external": {"metric": {"name": "somemetric", "selector": SEL},
                                                "target": {"type": "AverageValue", "averageValue": "300m"}}}]
for j, m in enumerate((OBJ_METRIC, EXT_METRIC)):
    zero = hpa({"minReplicas": 0, "metrics": m})
    one = hpa({"minReplicas": 1, "metrics": m})
    valid(f"TestValidateHorizontalPodAutoscalerScaleToZeroEnabled#{j}", zero, {"HPAScaleToZero": True})
    invalid(f"TestValidateHorizontalPodAutoscalerScaleToZeroDisabled#{j}", zero, "must be greater than or equal to 1",
            {"HPAScaleToZero": False})
    invalid(f"TestValidateHorizontalPodAutoscalerScaleToZeroUpdateDisabled#{j}#zero-one", zero,
            "must be greater than or equal to 1", {"HPAScaleToZero": False}, old=one)
    valid(f"TestValidateHorizontalPodAutoscalerScaleToZeroUpdateDisabled#{j}#zero-zero", zero,
          {"HPAScaleToZero": False}, old=zero)
    valid(f"TestValidateHorizontalPodAutoscalerScaleToZeroUpdateDisabled#{j}#one-zero", one,
          {"HPAScaleToZero": False}, old=zero)

POL = [{"type": "Pods", "value": 1, "periodSeconds": 1800}]
for i, tol in enumerate(["0.1", "10", "0", "100m", "1m", None]):
    r: dict[str, Any] = {"policies": POL}
    if tol is not None:
        r["tolerance"] = tol
    valid(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceEnabled#success{i}",
          hpa({"behavior": {"scaleDown": r}}), {"HPAConfigurableTolerance": True})
for i, (r, msg) in enumerate([
    ({}, "at least one Policy"),
    ({"policies": POL, "tolerance": "-0.001"}, "greater or equal to zero"),
    ({"policies": POL, "tolerance": "-10m"}, "greater or equal to zero"),
    ({"stabilizationWindowSeconds": 60}, "at least one Policy"),
    ({"tolerance": "1m", "stabilizationWindowSeconds": 60}, "at least one Policy"),
]):
    invalid(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceEnabled#failure{i}",
            hpa({"behavior": {"scaleUp": r}}), msg, {"HPAConfigurableTolerance": True}, count=1)
for i, r in enumerate([{"policies": POL}, {"selectPolicy": "Max", "policies": POL},
                       {"stabilizationWindowSeconds": 60, "policies": POL}]):
    valid(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceDisabled#success{i}",
          hpa({"behavior": {"scaleDown": r}}), {"HPAConfigurableTolerance": False})
for i, (r, msg) in enumerate([({"policies": POL, "tolerance": "1m"}, "not supported"), ({}, "at least one Policy"),
                              ({"stabilizationWindowSeconds": 60}, "at least one Policy")]):
    invalid(f"TestValidateHorizontalPodAutoscalerConfigurableToleranceDisabled#failure{i}",
            hpa({"behavior": {"scaleUp": r}}), msg, {"HPAConfigurableTolerance": False}, count=1)
WITH_TOL = hpa({"behavior": {"scaleUp": {"policies": POL, "tolerance": "10m"}}})
WITHOUT_TOL = hpa({"behavior": {"scaleUp": {"policies": POL}}})
valid("TestValidateHorizontalPodAutoscalerUpdateConfigurableToleranceEnabled#add", WITH_TOL,
      {"HPAConfigurableTolerance": True}, old=WITHOUT_TOL)
valid("TestValidateHorizontalPodAutoscalerUpdateConfigurableToleranceEnabled#remove", WITHOUT_TOL,
      {"HPAConfigurableTolerance": True}, old=WITH_TOL)
invalid("TestValidateHorizontalPodAutoscalerConfigurableToleranceUpdateDisabled#add", WITH_TOL, "not supported",
        {"HPAConfigurableTolerance": False}, old=WITHOUT_TOL)
valid("TestValidateHorizontalPodAutoscalerConfigurableToleranceUpdateDisabled#keep-none", WITHOUT_TOL,
      {"HPAConfigurableTolerance": False}, old=WITHOUT_TOL)
valid("TestValidateHorizontalPodAutoscalerConfigurableToleranceUpdateDisabled#remove", WITHOUT_TOL,
      {"HPAConfigurableTolerance": False}, old=WITH_TOL)

# defaults.go (SetDefaults_HorizontalPodAutoscaler, GenerateHPAScaleUpRules/ScaleDownRules)
DEF = "defaults_test.go:TestSetDefaultsHorizontalPodAutoscaler"
case(DEF + "#nil-behavior", "hpa.default",
     {"spec": {"scaleTargetRef": RCREF, "maxReplicas": 5}},
     {"spec": {"minReplicas": 1, "behavior": None,
               "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                   "type": "Utilization", "averageUtilization": 80}}}]}})
case(DEF + "#empty-behavior", "hpa.default",
     {"spec": {"scaleTargetRef": RCREF, "maxReplicas": 5, "behavior": {}}},
     {"spec": {"behavior": {
         "scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                     "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                                  {"type": "Percent", "value": 100, "periodSeconds": 15}]},
         "scaleDown": {"selectPolicy": "Max", "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}}}})
case(DEF + "#scale-up-window-kept", "hpa.default",
     {"spec": {"scaleTargetRef": RCREF, "maxReplicas": 5, "behavior": {"scaleUp": {"stabilizationWindowSeconds": 60}}}},
     {"spec": {"behavior": {"scaleUp": {"stabilizationWindowSeconds": 60, "selectPolicy": "Max"}}}})


if __name__ == "__main__":
    out = Path(__file__).with_name("hpa.jsonl")
    with out.open("w") as f:
        for c in cases:
            f.write(json.dumps(c, sort_keys=False) + "\n")
    print(f"{len(cases)} cases -> {out}")
