"""Generate other_audit2.jsonl: an audit of the hpa, autoscaler, scheduler, nodelifecycle,
tainteviction and gc ops against the newest stored Kubernetes (and kubernetes/autoscaler) unit tests.

Each case's id names the Go test file, test function and row (``file:Test/row name``); rows are
transcribed from reading the tables (data values only), and tables already mined by the other
``gen_*`` scripts are not repeated. Sources:
* kubernetes/kubernetes: scheduler noderesources/most_allocated_test.go, helper/normalize_score_test.go;
  controller/tainteviction/taint_eviction_test.go; controller/nodelifecycle/
  node_lifecycle_controller_test.go (health tables); controller/garbagecollector/garbagecollector_test.go;
* karmada-io/karmada pkg/controllers/federatedhpa (its lifted copy of the HPA controller's
  normalize/stabilize/limit functions; Kubernetes has one-row tests for those);
* kubernetes/autoscaler: vertical-pod-autoscaler updater/priority/update_priority_calculator_test.go,
  cluster-autoscaler core/scaledown/eligibility/eligibility_test.go;
* a few boundaries read from pkg/controller/podautoscaler/horizontal.go itself (ids name the function).
Run ``python3 tests/conformance_cases/gen_other_audit2.py`` to rewrite the file.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

cases: list[dict[str, Any]] = []


def add(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


# ---- st.MakePod()/MakeNode() for the scoring tables ----

def mpod(*reqs: dict[str, str], node: str | None = None, name: str = "p", bare: int = 0) -> dict[str, Any]:
    """A pod with one container per request map, plus ``bare`` containers that request nothing."""
    containers = [{"name": f"c{i}", "resources": {"requests": q}} for i, q in enumerate(reqs)]
    containers += [{"name": "container"} for _ in range(bare)]
    spec: dict[str, Any] = {"containers": containers}
    if node:
        spec["nodeName"] = node
    return {"metadata": {"name": name}, "spec": spec}


def mnode(name: str, capacity: dict[str, str] | None = None) -> dict[str, Any]:
    cap = capacity or {}
    return {"metadata": {"name": name}, "status": {"capacity": cap, "allocatable": cap}}


def cm(cpu: str, mem: str, **extra: str) -> dict[str, str]:
    return {"cpu": cpu, "memory": mem, **extra}


def scores(*pairs: tuple[str, int]) -> list[dict[str, Any]]:
    return [{"name": n, "score": s} for n, s in pairs]


def ok(*pairs: tuple[str, int]) -> dict[str, Any]:
    return {"scores": scores(*pairs), "statusCode": "Success"}


DEFAULT_RES = [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}]
EXT_RES = "abc.com/xyz"
EXT_SET = DEFAULT_RES + [{"name": EXT_RES, "weight": 1}]
TWO_REQ = (cm("1000", "2000"), cm("2000", "3000"))

# ---- most_allocated_test.go ----
T = "most_allocated_test.go:TestMostAllocatedScoringStrategy"


def ma(name: str, p: dict[str, Any], nodes: list[dict[str, Any]], existing: list[dict[str, Any]],
       res: list[dict[str, Any]] | None, expect: dict[str, Any], suffix: str = "") -> None:
    add(f"{T}/{name}{suffix}", "scheduler.score_most_allocated",
        {"pod": p, "nodes": nodes, "existingPods": existing, "resources": res}, expect)


def n(name: str, cpu: str, mem: str, **extra: str) -> dict[str, Any]:
    return mnode(name, cm(cpu, mem, **extra))


ma("nothing scheduled, nothing requested", mpod(), [n("node1", "4000", "10000"), n("node2", "4000", "10000")], [],
   DEFAULT_RES, ok(("node1", 0), ("node2", 0)))
ma("nothing scheduled, resources requested, differently sized nodes", mpod(*TWO_REQ),
   [n("node1", "4000", "10000"), n("node2", "6000", "10000")], [], DEFAULT_RES, ok(("node1", 62), ("node2", 50)))
ma("Resources not set, pods scheduled with error", mpod(*TWO_REQ),
   [n("node1", "4000", "10000"), n("node2", "6000", "10000")], [], None,
   {"scores": scores(("node1", 0), ("node2", 0)), "statusCode": "Error"})
ma("no resources requested, pods scheduled with resources", mpod(),
   [n("node1", "10000", "20000"), n("node2", "10000", "20000")],
   [mpod(cm("3000", "0"), node="node1", name="a"), mpod(cm("3000", "0"), node="node1", name="b"),
    mpod(cm("3000", "0"), node="node2", name="c"), mpod(cm("3000", "5000"), node="node2", name="d")],
   DEFAULT_RES, ok(("node1", 30), ("node2", 42)))
ma("resources requested, pods scheduled with resources", mpod(*TWO_REQ),
   [n("node1", "10000", "20000"), n("node2", "10000", "20000")],
   [mpod(cm("3000", "0"), node="node1", name="a"), mpod(cm("3000", "5000"), node="node2", name="b")],
   DEFAULT_RES, ok(("node1", 42), ("node2", 55)))
ma("resources requested equal node capacity", mpod(cm("2000", "4000"), cm("3000", "5000")),
   [n("node1", "5000", "10000"), n("node2", "10000", "9000")], [], DEFAULT_RES, ok(("node1", 95), ("node2", 75)))
ma("nothing scheduled, resources requested, differently sized nodes", mpod(*TWO_REQ),
   [n("node1", "4000", "10000"), n("node2", "6000", "10000")], [],
   [{"name": "memory", "weight": 2}, {"name": "cpu", "weight": 1}], ok(("node1", 58), ("node2", 50)),
   suffix=" (memory weight 2)")
ma("no resources requested, pods scheduled, nonzero request for resource", mpod(bare=1),
   [n("node1", "250m", "1000Mi"), n("node2", "250m", "1000Mi")],
   [mpod(node="node1", name="a", bare=1), mpod(node="node1", name="b", bare=1)],
   DEFAULT_RES, ok(("node1", 80), ("node2", 30)))
for name, res, idx in [
    ("resource with negative weight", [{"name": "memory", "weight": -1}, {"name": "cpu", "weight": 1}], 0),
    ("resource with zero weight", [{"name": "memory", "weight": 1}, {"name": "cpu", "weight": 0}], 1),
    ("resource weight larger than MaxNodeScore", [{"name": "memory", "weight": 101}], 0),
]:
    ma(name, mpod(*TWO_REQ), [n("node2", "4000", "10000")], [], res,
       {"error": {"kind": "InvalidArgs", "field": f"scoringStrategy.resources[{idx}].weight",
                  "type": "FieldValueInvalid"}})
ma("bypass extended resource if the pod does not request", mpod(*TWO_REQ),
   [n("node1", "6000", "10000"), mnode("node2", {"cpu": "6000", "memory": "10000", EXT_RES: "4"})], [], EXT_SET,
   ok(("node1", 50), ("node2", 50)))
ma("honor extended resource if the pod request", mpod({"cpu": "3000", "memory": "5000", EXT_RES: "2"}, node="node1"),
   [mnode("node1", {"cpu": "6000", "memory": "10000", EXT_RES: "4"}),
    mnode("node2", {"cpu": "6000", "memory": "10000", EXT_RES: "10"})], [], EXT_SET,
   ok(("node1", 50), ("node2", 40)))
ma("if the node doesn't have a resource", mpod(cm("3000", "4000"), node="node1"),
   [n("node1", "6000", "10000"), mnode("node2", {"cpu": "6000", "memory": "10000", EXT_RES: "4"})], [],
   [{"name": EXT_RES, "weight": 2}, {"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}],
   ok(("node1", 45), ("node2", 45)))

# ---- HPA scale limits: Karmada's lifted copy of the Kubernetes HPA controller
# (karmada-io/karmada pkg/controllers/federatedhpa, federatedhpa_controller_test.go). Kubernetes'
# horizontal_test.go has no direct table for these two functions; Karmada's tables exercise the same
# functions (calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors,
# convertDesiredReplicasWithRules with the production factor 2 and minimum 4). A nil selectPolicy
# there is Kubernetes' default, Max.
K = "karmada:federatedhpa_controller_test.go"


def pol(kind: str, value: int, period: int = 60) -> dict[str, Any]:
    return {"type": kind, "value": value, "periodSeconds": period}


def rules(*policies: dict[str, Any], select: str = "Max") -> dict[str, Any]:
    return {"stabilizationWindowSeconds": 0, "selectPolicy": select, "policies": list(policies)}


def ev(change: int, age: float) -> dict[str, Any]:
    return {"replicaChange": change, "ageSeconds": age}


for name, current, up, down, rl, want in [
    ("No previous events", 5, [], [], rules(pol("Pods", 4)), 9),
    ("With previous scale up event", 5, [ev(2, 30)], [], rules(pol("Pods", 4)), 7),
    ("Disabled policy", 5, [], [], rules(pol("Pods", 4), select="Disabled"), 5),
    ("MinChange policy", 5, [], [], rules(pol("Pods", 4), pol("Pods", 2), select="Min"), 7),
    ("Percent scaling policy", 10, [], [], rules(pol("Percent", 50)), 15),
]:
    add(f"{K}:TestCalculateScaleUpLimitWithScalingRules/{name}", "hpa.scale_up_limit",
        {"currentReplicas": current, "rules": rl, "scaleUpEvents": up, "scaleDownEvents": down}, {"limit": want})
for name, current, up, down, rl, want in [
    ("No previous events", 10, [], [], rules(pol("Percent", 20)), 8),
    ("With previous scale down event", 10, [], [ev(1, 30)], rules(pol("Percent", 20)), 8),
    ("Multiple policies", 100, [], [], rules(pol("Percent", 10), pol("Pods", 5)), 90),
    ("Disabled policy", 10, [], [], rules(pol("Percent", 20), select="Disabled"), 10),
    ("MinChange policy", 100, [], [], rules(pol("Percent", 10), pol("Pods", 15), select="Min"), 90),
]:
    add(f"{K}:TestCalculateScaleDownLimitWithBehaviors/{name}", "hpa.scale_down_limit",
        {"currentReplicas": current, "rules": rl, "scaleUpEvents": up, "scaleDownEvents": down}, {"limit": want})
for name, cur, des, lo, hi, want, reason, message in [
    ("Desired within range", 5, 7, 3, 10, 7, "DesiredWithinRange", "the desired count is within the acceptable range"),
    ("Desired below min", 5, 2, 3, 10, 3, "TooFewReplicas",
     "the desired replica count is less than the minimum replica count"),
    ("Desired above max", 5, 15, 3, 10, 10, "TooManyReplicas",
     "the desired replica count is more than the maximum replica count"),
]:
    add(f"{K}:TestConvertDesiredReplicasWithRules/{name}", "hpa.convert_with_rules",
        {"currentReplicas": cur, "desiredReplicas": des, "minReplicas": lo, "maxReplicas": hi,
         "scaleUpLimitFactor": 2, "scaleUpLimitMinimum": 4}, {"replicas": want, "reason": reason, "message": message})
# calculateScaleUpLimit alone (max(factor * current, minimum)), seen through convertDesiredReplicasWithRules:
# a desire far above every limit is capped at the scale-up limit when maxReplicas is larger still.
for name, cur, want in [("Small scale up", 1, 4), ("Medium scale up", 10, 20), ("Large scale up", 100, 200),
                        ("Zero replicas", 0, 4)]:
    add(f"{K}:TestCalculateScaleUpLimit/{name}", "hpa.convert_with_rules",
        {"currentReplicas": cur, "desiredReplicas": 100000, "minReplicas": 0, "maxReplicas": 50000,
         "scaleUpLimitFactor": 2, "scaleUpLimitMinimum": 4}, {"replicas": want, "reason": "ScaleUpLimit"})

# ---- pkg/controller/tainteviction/taint_eviction_test.go, through tainteviction.plan ----
# createNoExecuteTaint(i) = testTaint<i>=test<i>:NoExecute; addToleration(pod, i, d) tolerates it
# (operator unset, i.e. Equal) for d seconds, forever when d < 0. A pod with an unscheduled or
# untainted node meets no NoExecute taint: "none". expectDelete right away is "evictNow"; a finite
# toleration schedules the deletion (the test sees no delete within its poll window).
T = "taint_eviction_test.go"
NOW = "2015-01-01T12:00:00Z"


def ne_taint(i: int) -> dict[str, Any]:
    return {"key": f"testTaint{i}", "value": f"test{i}", "effect": "NoExecute"}


def te_tol(i: int, seconds: int) -> dict[str, Any]:
    tol: dict[str, Any] = {"key": f"testTaint{i}", "value": f"test{i}", "effect": "NoExecute"}
    if seconds >= 0:
        tol["tolerationSeconds"] = seconds
    return tol


def te(name: str, taints: list[int], tols: list[dict[str, Any]], expect: dict[str, Any], **extra: Any) -> None:
    add(f"{T}:{name}", "tainteviction.plan",
        {"taints": [ne_taint(i) for i in taints], "tolerations": tols, "now": NOW, **extra}, expect)


NONE, NOW_ = {"action": "none"}, {"action": "evictNow"}
te("TestCreatePod/not scheduled - ignore", [], [], NONE)
te("TestCreatePod/scheduled on untainted Node", [], [], NONE)
te("TestCreatePod/schedule on tainted Node", [1], [], NOW_)
te("TestCreatePod/schedule on tainted Node with finite toleration", [1], [te_tol(1, 100)],
   {"action": "evictAt", "at": "2015-01-01T12:01:40Z"})
te("TestCreatePod/schedule on tainted Node with infinite toleration", [1], [te_tol(1, -1)], NONE)
te("TestCreatePod/schedule on tainted Node with infinite invalid toleration", [1], [te_tol(2, -1)], NOW_)
te("TestUpdatePod/scheduling onto tainted Node", [1], [], NOW_)
te("TestUpdatePod/scheduling onto tainted Node with toleration", [1], [te_tol(1, -1)], NONE)
te("TestUpdatePod/removing toleration", [1], [], NOW_, scheduledAt="2015-01-01T11:59:59Z")
# The 1 s eviction scheduled for the previous pod is kept: the 100 s toleration does not postpone it.
te("TestUpdatePod/lengthening toleration shouldn't work", [1], [te_tol(1, 100)], NOW_,
   scheduledAt="2015-01-01T11:59:58Z", scheduledFireAt="2015-01-01T11:59:59Z")
te("TestUpdatePod/lengthening toleration shouldn't work (pending eviction still ahead)", [1], [te_tol(1, 100)],
   {"action": "evictAt", "at": "2015-01-01T12:00:00.5Z"},
   scheduledAt="2015-01-01T11:59:59.5Z", scheduledFireAt="2015-01-01T12:00:00.5Z")
te("TestCreateNode/Creating Node matching already assigned Pod", [], [], NONE)
te("TestCreateNode/Creating tainted Node matching already assigned Pod", [1], [], NOW_)
te("TestCreateNode/Creating tainted Node matching already assigned tolerating Pod", [1], [te_tol(1, -1)], NONE)
te("TestUpdateNode/Added taint, expect node patched and deleted", [1], [], NOW_)
te("TestUpdateNode/Added tolerated taint", [1], [te_tol(1, 100)], {"action": "evictAt", "at": "2015-01-01T12:01:40Z"})
te("TestUpdateNode/Only one added taint tolerated", [1, 2], [te_tol(1, 100)], NOW_)
te("TestUpdateNode/Taint removed", [], [te_tol(1, 1)], NONE, scheduledAt="2015-01-01T11:59:59Z")
te("TestUpdateNode/Pod with multiple tolerations are evicted when first one runs out", [1, 2],
   [te_tol(1, 1), te_tol(2, 100)], {"action": "evictAt", "at": "2015-01-01T12:00:01Z"})
EXISTS_1 = {"key": "testTaint1", "operator": "Exists", "effect": "NoExecute"}
EXISTS_2_MIN = {"key": "testTaint2", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 60}
te("TestUpdateNodeWithMultipleTaints/no taint", [], [EXISTS_1, EXISTS_2_MIN], NONE)
te("TestUpdateNodeWithMultipleTaints/no taint -> infinitely tolerated taint", [1], [EXISTS_1, EXISTS_2_MIN], NONE)
te("TestUpdateNodeWithMultipleTaints/infinitely tolerated taint -> temporarily tolerated taint", [1, 2],
   [EXISTS_1, EXISTS_2_MIN], {"action": "evictAt", "at": "2015-01-01T12:01:00Z"})
te("TestUpdateNodeWithMultipleTaints/temporarily tolerated taint -> infinitely tolerated taint", [1],
   [EXISTS_1, EXISTS_2_MIN], NONE, scheduledAt=NOW)
for pod, tols, want in [("pod1", [], NOW_), ("pod2", [te_tol(1, 1)], {"action": "evictAt", "at": "2015-01-01T12:00:01Z"}),
                        ("pod3", [te_tol(1, -1)], NONE)]:
    te(f"TestUpdateNodeWithMultiplePods/Pods with different toleration times are evicted appropriately [{pod}]",
       [1], tols, want)
    te(f"TestUpdateNodeWithMultiplePods/Evict all pods not matching all taints instantly [{pod}]", [1, 2], tols, NOW_)
# getMinTolerationTime over the used tolerations: here every taint is tolerated by the toleration at
# its index (Exists on its key), so the used list is the table's list.
for i, (secs, want) in enumerate([
    ([], None), ([None], NONE), ([1, 2], "12:00:01"), ([1, None], "12:00:01"), ([None, 1], "12:00:01"),
]):
    if not secs:
        continue  # row 0 (no tolerations at all) has no taint to tolerate through this op
    tols = []
    for j, sec in enumerate(secs):
        tol: dict[str, Any] = {"key": f"testTaint{j + 1}", "operator": "Exists", "effect": "NoExecute"}
        if sec is not None:
            tol["tolerationSeconds"] = sec
        tols.append(tol)
    expect = want if isinstance(want, dict) else {"action": "evictAt", "at": f"2015-01-01T{want}Z"}
    te(f"TestGetMinTolerationTime/row {i}", list(range(1, len(secs) + 1)), tols, expect)
for name in ["existing pod2 scheduled onto tainted Node",
             "existing pod2 with taint toleration scheduled onto tainted Node",
             "new pod2 created on tainted Node", "new pod2 with tait toleration created on tainted Node"]:
    # What the table verifies: pod1 (no toleration) is deleted at once when the node is tainted.
    te(f"TestEventualConsistency/{name} [pod1]", [1], [], NOW_)

# More of Karmada's lifted HPA tables (same file): stabilizeRecommendation with a 1 min window,
# normalizeDesiredReplicas (5 min window, scale-up factor 2, minimum 4), the behavior paths.
for name, recs, new, want, count in [
    ("No previous recommendations", [], 5, 5, 1),
    ("With previous recommendations within window", [(3, 30), (4, 45)], 2, 4, 3),
    ("With old recommendation outside window", [(7, 120), (4, 45)], 5, 5, 2),
    ("All recommendations outside window", [(7, 120), (8, 180)], 3, 3, 2),
]:
    add(f"{K}:TestStabilizeRecommendation/{name}", "hpa.stabilize",
        {"recommendations": [{"replicas": r, "ageSeconds": a} for r, a in recs], "prenormalizedDesiredReplicas": new,
         "downscaleStabilizationWindowSeconds": 60}, {"replicas": want, "recommendationsCount": count})
for name, cur, des, lo, hi, recs, want, able, limited, limited_reason in [
    ("scale up within limits", 2, 4, 1, 10, [(4, 0)], 4, "ReadyForNewScale", "False", "DesiredWithinRange"),
    ("scale down stabilized", 5, 3, 1, 10, [(4, 60), (3, 0)], 4, "ScaleDownStabilized", "False", "DesiredWithinRange"),
    ("at min replicas", 2, 1, 2, 10, [(1, 0)], 2, "ReadyForNewScale", "True", "TooFewReplicas"),
    ("at max replicas", 10, 12, 1, 10, [(12, 0)], 10, "ReadyForNewScale", "True", "TooManyReplicas"),
]:
    add(f"{K}:TestNormalizeDesiredReplicas/{name}", "hpa.normalize",
        {"recommendations": [{"replicas": r, "ageSeconds": a} for r, a in recs], "currentReplicas": cur,
         "prenormalizedDesiredReplicas": des, "minReplicas": lo, "maxReplicas": hi,
         "downscaleStabilizationWindowSeconds": 300, "scaleUpLimitFactor": 2, "scaleUpLimitMinimum": 4},
        {"replicas": want, "conditions": [{"type": "AbleToScale", "status": "True", "reason": able},
                                          {"type": "ScalingLimited", "status": limited, "reason": limited_reason}]})


def brules(window: int, *policies: dict[str, Any]) -> dict[str, Any]:
    return {"stabilizationWindowSeconds": window, "selectPolicy": "Max", "policies": list(policies)}


for name, up_pct, down_pct, cur, pre, want in [("Scale up with behavior", 200, 100, 5, 15, 10),
                                               ("Scale down with behavior", 200, 50, 8, 2, 4)]:
    add(f"{K}:TestNormalizeDesiredReplicasWithBehaviors/{name}", "hpa.normalize_with_behavior",
        {"recommendations": [], "scaleUpEvents": [], "scaleDownEvents": [], "currentReplicas": cur,
         "prenormalizedDesiredReplicas": pre, "minReplicas": 1, "maxReplicas": 10,
         "behavior": {"scaleUp": brules(300, pol("Percent", up_pct)), "scaleDown": brules(300, pol("Percent", down_pct))}},
        {"replicas": want})
for name, events, want in [("No events", [], 0), ("Single event within period", [ev(3, 30)], 3),
                           ("Multiple events, some outside period", [ev(3, 30), ev(2, 45), ev(1, 70)], 5)]:
    add(f"{K}:TestGetReplicasChangePerPeriod/{name}", "hpa.replicas_change_per_period",
        {"periodSeconds": 60, "events": events}, {"replicaChange": want})
for name, behavior, prev, new, want in [
    ("Scale up event", {"scaleUp": {"stabilizationWindowSeconds": 60}}, 5, 10, 1),
    ("Scale down event", {"scaleDown": {"stabilizationWindowSeconds": 60}}, 10, 5, 1),
    ("Nil behavior", None, 5, 5, 0),
]:
    add(f"{K}:TestStoreScaleEvent/{name}", "hpa.store_scale_event",
        {"behavior": behavior, "prevReplicas": prev, "newReplicas": new, "events": []},
        {"events": [{"replicaChange": abs(new - prev), "outdated": False}] * want})
WINDOWS = {"scaleUp": {"stabilizationWindowSeconds": 300}, "scaleDown": {"stabilizationWindowSeconds": 600}}
UP_MSG = "recent recommendations were lower than current one, applying the lowest recent recommendation"
DOWN_MSG = "recent recommendations were higher than current one, applying the highest recent recommendation"
for name, des, cur, recs, want, reason, message in [
    ("Scale up stabilized", 10, 5, [(8, 120), (7, 240)], 7, "ScaleUpStabilized", UP_MSG),
    ("Scale down stabilized", 3, 8, [(5, 300), (4, 480)], 5, "ScaleDownStabilized", DOWN_MSG),
    ("No change needed", 5, 5, [(5, 60)], 5, "ScaleUpStabilized", UP_MSG),
]:
    add(f"{K}:TestStabilizeRecommendationWithBehaviors/{name}", "hpa.stabilize_with_behavior",
        {"recommendations": [{"replicas": r, "ageSeconds": a} for r, a in recs], "currentReplicas": cur,
         "desiredReplicas": des, "behavior": WINDOWS},
        {"replicas": want, "reason": reason, "message": message, "recommendations": [r for r, _ in recs] + [des]})
for name, behavior, cur, des, want, reason in [
    ("Scale up within limits", {"scaleUp": {"policies": [pol("Percent", 200)]}}, 5, 8, 8, "DesiredWithinRange"),
    ("Scale down within limits", {"scaleDown": {"policies": [pol("Percent", 100)]}}, 5, 3, 3, "DesiredWithinRange"),
    ("Scale up beyond MaxReplicas", {"scaleUp": {"policies": [pol("Percent", 200)]}}, 8, 12, 10, "TooManyReplicas"),
]:
    add(f"{K}:TestConvertDesiredReplicasWithBehaviorRate/{name}", "hpa.behavior_rate_limit",
        {"currentReplicas": cur, "desiredReplicas": des, "minReplicas": 1, "maxReplicas": 10, "behavior": behavior,
         "scaleUpEvents": [], "scaleDownEvents": []},
        {"replicas": want, "reason": reason,
         "message": "the desired count is within the acceptable range" if reason == "DesiredWithinRange"
         else "the desired replica count is more than the maximum replica count"})

# ---- pkg/controller/nodelifecycle/node_lifecycle_controller_test.go, through nodelifecycle.observe_node ----
# fakeNow 2015-01-01T12:00:00Z, grace 40 s, startup grace 60 s. ``lastHeartbeat`` is when the
# controller last saw the node's status heartbeat or its Lease renewed (its probe timestamp); a node
# first seen gets probe = now (tryUpdateNodeHealth), so "status not updated for an hour" is a
# heartbeat at fakeNow observed at fakeNow + 1 h. The tables assert the Ready condition written.
T = "node_lifecycle_controller_test.go"
FAKE_NOW, HOUR_LATER, CREATED = "2015-01-01T12:00:00Z", "2015-01-01T13:00:00Z", "2012-01-01T00:00:00Z"


def lnode(created: str, ready: str | None = None, disk_pressure: bool = False) -> dict[str, Any]:
    conds = []
    if ready is not None:
        conds.append({"type": "Ready", "status": ready, "lastHeartbeatTime": FAKE_NOW, "lastTransitionTime": FAKE_NOW})
    if disk_pressure:
        conds.append({"type": "DiskPressure", "status": "False", "lastHeartbeatTime": FAKE_NOW,
                      "lastTransitionTime": FAKE_NOW})
    return {"metadata": {"name": "node0", "creationTimestamp": created}, "spec": {},
            "status": {"conditions": conds, "capacity": {"cpu": "10", "memory": "10G"}}}


def nl(name: str, node: dict[str, Any], heartbeat: str | None, now: str, ready: str, timed_out: bool) -> None:
    add(f"{T}:{name}", "nodelifecycle.observe_node",
        {"node": node, "lastHeartbeat": heartbeat, "now": now, "gracePeriodSeconds": 40,
         "startupGracePeriodSeconds": 60}, {"readyCondition": ready, "timedOut": timed_out})


M = "TestMonitorNodeHealthUpdateStatus"
nl(f"{M}/Node created long time ago, without status", lnode(CREATED), None, FAKE_NOW, "Unknown", True)
nl(f"{M}/Node created recently, without status", lnode(FAKE_NOW), None, FAKE_NOW, "Unknown", False)
nl(f"{M}/Node created long time ago, with status updated by kubelet exceeds grace period",
   lnode(CREATED, "True"), FAKE_NOW, HOUR_LATER, "Unknown", True)
nl(f"{M}/Node created long time ago, with status updated recently", lnode(CREATED, "True"), FAKE_NOW, FAKE_NOW,
   "True", False)
L = "TestMonitorNodeHealthUpdateNodeAndPodStatusWithLease"
nl(f"{L}/Node created recently, without status. Node lease is missing.", lnode(FAKE_NOW), None, FAKE_NOW,
   "Unknown", False)
nl(f"{L}/Node created recently, without status. Node lease is renewed recently.", lnode(FAKE_NOW), FAKE_NOW,
   FAKE_NOW, "Unknown", False)
nl(f"{L}/Node created long time ago, without status. Node lease is missing.", lnode(CREATED), None, FAKE_NOW,
   "Unknown", True)
nl(f"{L}/Node created long time ago, without status. Node lease is renewed recently.", lnode(CREATED),
   HOUR_LATER, HOUR_LATER, "Unknown", False)
nl(f"{L}/Node created long time ago, without status. Node lease is expired.", lnode(CREATED), FAKE_NOW,
   HOUR_LATER, "Unknown", True)
nl(f"{L}/Node created long time ago, with status updated by kubelet exceeds grace period. Node lease is renewed.",
   lnode(CREATED, "True", disk_pressure=True), HOUR_LATER, HOUR_LATER, "True", False)
nl(f"{L}/Node created long time ago, with status updated by kubelet recently. Node lease is expired.",
   lnode(CREATED, "True", disk_pressure=True), HOUR_LATER, HOUR_LATER, "True", False)
nl(f"{L}/Node created long time ago, with status updated by kubelet exceeds grace period. Node lease is also expired.",
   lnode(CREATED, "True"), FAKE_NOW, HOUR_LATER, "Unknown", True)
# The same row with the heartbeat left to the node: its Ready condition's lastHeartbeatTime.
add(f"{T}:{M}/Node created long time ago, with status updated by kubelet exceeds grace period (heartbeat from the node)",
    "nodelifecycle.observe_node", {"node": lnode(CREATED, "True"), "now": HOUR_LATER, "gracePeriodSeconds": 40},
    {"readyCondition": "Unknown", "timedOut": True,
     "taints": [{"key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"},
                {"key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": HOUR_LATER}]})

# ---- pkg/scheduler/framework/plugins/helper/normalize_score_test.go (TestDefaultNormalizeScore) ----
# The reverse rows, through TaintToleration's Score + NormalizeScore: a node's raw score is its count
# of PreferNoSchedule taints the pod does not tolerate (the pod tolerates none).
T = "normalize_score_test.go:TestDefaultNormalizeScore"
for i, raw, want in [(1, [1, 2, 3, 4], [75, 50, 25, 0]), (3, [1000, 10, 20, 30], [0, 99, 98, 97]),
                     (6, [0, 1, 1, 1], [100, 0, 0, 0]), (8, [0, 0, 0, 0], [100, 100, 100, 100])]:
    nodes = [{"metadata": {"name": f"node{j}"},
              "spec": {"taints": [{"key": f"t{k}", "value": "v", "effect": "PreferNoSchedule"} for k in range(count)]}}
             for j, count in enumerate(raw)]
    add(f"{T}/case_{i}", "scheduler.taint_toleration_score",
        {"pod": {"metadata": {"name": "p"}, "spec": {}}, "nodes": nodes},
        {"scores": [{"name": f"node{j}", "score": w} for j, w in enumerate(want)]})

# ---- Boundaries read from pkg/controller/podautoscaler/horizontal.go (no Go table pins them) ----
# stabilizeRecommendation drops a record only when it is before the cutoff, so one exactly a window
# old still counts; stabilizeRecommendationWithBehaviors counts only records after the cutoff.
add("horizontal.go:stabilizeRecommendation/a record exactly one window old still counts", "hpa.stabilize",
    {"recommendations": [{"replicas": 9, "ageSeconds": 300}], "prenormalizedDesiredReplicas": 3,
     "downscaleStabilizationWindowSeconds": 300}, {"replicas": 9, "recommendationsCount": 2})
add("horizontal.go:stabilizeRecommendation/a record just older than the window is overwritten", "hpa.stabilize",
    {"recommendations": [{"replicas": 9, "ageSeconds": 300.5}], "prenormalizedDesiredReplicas": 3,
     "downscaleStabilizationWindowSeconds": 300}, {"replicas": 3, "recommendationsCount": 1})
add("horizontal.go:stabilizeRecommendationWithBehaviors/a record exactly one window old does not count",
    "hpa.stabilize_with_behavior",
    {"recommendations": [{"replicas": 9, "ageSeconds": 300}], "currentReplicas": 5, "desiredReplicas": 3,
     "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0}, "scaleDown": {"stabilizationWindowSeconds": 300}}},
    {"replicas": 3, "recommendations": [9, 3]})

# ---- kubernetes/autoscaler vertical-pod-autoscaler/pkg/updater/priority/update_priority_calculator_test.go ----
# Through vpa.updater_should_update, one pod at a time. The tables' fake priority processor gives the
# resource diff (passed as resourceDiff); in/out of range follows from the request and the bounds;
# UpdateConfig.MinChangePriority is minChangePriority (nil config: the 0.1 default). A quick OOM is a
# container of the pod OOM-killed less than 10 minutes after it started, not excluded by the
# vpaObservedContainers annotation or a scaling mode Off.
T = "update_priority_calculator_test.go"


def vrec(target: dict[str, str], lower: dict[str, str] | None = None,
         upper: dict[str, str] | None = None) -> dict[str, Any]:
    return {"target": target, "lowerBound": lower or {}, "upperBound": upper or {}}


RANGE = vrec({"cpu": "5"}, {"cpu": "1"}, {"cpu": "6"})


def vu(name: str, requests: dict[str, str], rec: dict[str, Any], diff: float, age_hours: float, quick_oom: bool,
       min_change: float | None, update: bool) -> None:
    inp: dict[str, Any] = {"requests": requests, "recommendation": rec, "podAgeSeconds": age_hours * 3600,
                           "resourceDiff": diff, "quickOOM": quick_oom}
    if min_change is not None:
        inp["minChangePriority"] = min_change
    add(f"{T}:{name}", "vpa.updater_should_update", inp, {"update": update})


vu("TestUpdateNotRequired", {"cpu": "4"}, vrec({"cpu": "4"}), 0.0, 24, False, None, False)
vu("TestUseProcessor", {"cpu": "4", "memory": "10M"}, vrec({"cpu": "4", "memory": "10M"}), 0.0, 24, False, None, False)
for pod, cpu, diff, update in [("POD1", "4", 0.25, False), ("POD2", "1", 4.0, True), ("POD3", "8", 0.25, True)]:
    vu(f"TestUpdateLonglivedPods [{pod}]", {"cpu": cpu}, RANGE, diff, 13, False, 0.5, update)
for pod, cpu, diff, update in [("POD1", "4", 0.25, False), ("POD2", "1", 0.0, False), ("POD3", "10", 0.9, True)]:
    vu(f"TestUpdateShortlivedPods [{pod}]", {"cpu": cpu}, RANGE, diff, 11, False, 0.5, update)
vu("TestUpdatePodWithQuickOOM", {"cpu": "4"}, RANGE, 0.25, 11, True, 0.5, True)
vu("TestDontUpdatePodWithQuickOOMNoResourceChange", {"cpu": "4", "memory": "8Gi"},
   vrec({"cpu": "4", "memory": "8Gi"}, {"cpu": "2", "memory": "5Gi"}, {"cpu": "5", "memory": "10Gi"}),
   0.0, 11, True, 0.1, False)
vu("TestDontUpdatePodWithOOMAfterLongRun", {"cpu": "4"}, RANGE, 0.0, 11, False, 0.5, False)
for name, quick in [("no VpaOvservedContainers annotation", True),
                    ("container listed in VpaOvservedContainers annotation", True),
                    ("container not listed in VpaOvservedContainers annotation", False)]:
    vu(f"TestQuickOOM_VpaOvservedContainers/test case: {name}", {"cpu": "4"}, RANGE, 0.25, 11, quick, 0.5, quick)
for name, quick in [("ContainerScalingModeAuto", True), ("ContainerScalingModeOff", False),
                    ("ContainerScalingModeAuto as default", True), ("ContainerScalingModeOff as default", False)]:
    vu(f"TestQuickOOM_ContainerResourcePolicy/test case: {name}", {"cpu": "4"}, RANGE, 0.25, 11, quick, 0.5, quick)

# ---- kubernetes/autoscaler cluster-autoscaler/core/scaledown/eligibility/eligibility_test.go ----
# TestFilterOutUnremovable, through ca.node_scale_down_candidate's ``candidate`` (the node passes the
# eligibility filter): BuildTestNode(name, 1000 mCPU, 10 bytes), pods of 600 m (big), 100 m (small)
# and a 500 m DaemonSet pod; the utilization threshold is the 0.5 default. Rows about annotations,
# ToBeDeleted taints and the unready switch have no input in this op.
T = "eligibility_test.go:TestFilterOutUnremovable"
for name, pods, ready, want in [("regular node stays", [], True, True),
                                ("highly utilized node is filtered out", ["600m"], True, False),
                                ("underutilized node stays", ["100m"], True, True),
                                ("unready node stays", [], False, True),
                                ("high utilization daemonsets node is filtered out", ["100m", "500m"], True, False)]:
    for suffix in ("IgnoreDaemonSetUtilization=false", "IgnoreDaemonsetUtilization=true"):
        if "daemonsets" in name and suffix.endswith("true"):
            continue  # that row sets ignoreDaemonSetsUtilization false itself and has no suffix
        desc = name if "daemonsets" in name else f"{name} {suffix}"
        add(f"{T}/{desc}", "ca.node_scale_down_candidate",
            {"allocatable": {"cpu": "1000m", "memory": "10"}, "podRequests": [{"cpu": c, "memory": "0"} for c in pods],
             "unneededSinceSeconds": 0, "lastScaleUpAgeSeconds": None, "ready": ready}, {"candidate": want})

# ---- pkg/controller/garbagecollector/garbagecollector_test.go, through gc.classify_owner_references ----
# TestAttemptToDeleteItem: a pod whose RC owner answers 404 is deleted (background: no finalizer);
# TestAbsentOwnerCache: each pod whose RC owner is absent is deleted the same way (the cache only
# saves the second lookup of rc1).
T = "garbagecollector_test.go"


def rc_ref(name: str, uid: str, controller: bool | None = None) -> dict[str, Any]:
    ref: dict[str, Any] = {"apiVersion": "v1", "kind": "ReplicationController", "name": name, "uid": uid}
    if controller is not None:
        ref["controller"] = controller
    return ref


def gc_case(name: str, ref: dict[str, Any]) -> None:
    add(f"{T}:{name}", "gc.classify_owner_references",
        {"object": {"metadata": {"ownerReferences": [ref]}}, "owners": {}},
        {"solid": [], "dangling": [ref["uid"]], "waiting": [], "action": "delete", "propagationPolicy": "Background"})


gc_case("TestAttemptToDeleteItem", rc_ref("owner1", "123"))
for pod, ref in [("rc1Pod1", rc_ref("rc1", "1", True)), ("rc2Pod1", rc_ref("rc2", "2")),
                 ("rc1Pod2", rc_ref("rc1", "1", False)), ("rc3Pod1", rc_ref("rc3", "3"))]:
    gc_case(f"TestAbsentOwnerCache [{pod}]", ref)


if __name__ == "__main__":
    out = pathlib.Path(__file__).with_name("other_audit2.jsonl")
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    out.write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in cases))
    print(f"wrote {len(cases)} cases to {out}")
