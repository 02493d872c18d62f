"""Generate scheduler_mined.jsonl: scheduler.* cases re-mined from the newest Kubernetes tables.

Sources (pkg/scheduler/framework/plugins/...): noderesources/fit_test.go (TestEnoughRequests,
TestNotEnoughRequests, TestStorageRequests, TestRestartableInitContainers, TestFitScore),
noderesources/least_allocated_test.go (TestLeastAllocatedScoringStrategy),
noderesources/balanced_allocation_test.go (TestNodeResourcesBalancedAllocation, std-deviation
scorer of semantics/replicaset.md §6.5), tainttoleration/taint_toleration_test.go
(TestTaintTolerationScore, TestTaintTolerationFilter), nodeunschedulable/node_unschedulable_test.go
(TestNodeUnschedulable, TestIsSchedulableAfterPodTolerationChange through the filter), and
staging/src/k8s.io/api/core/v1/toleration_test.go (TestTolerationToleratesTaint and
TestCompareNumericValues, through the TaintToleration filter on a NoSchedule taint).

Rows that need DRA device classes (DRAExtendedResource) or the RequestedToCapacityRatio strategy
have no catalogue shape and are left out. The untolerated-taint filter message changed across
releases; the cases expect the newest text, "node(s) had untolerated taint(s)" (taint_toleration.go).
Run ``python3 tests/conformance_cases/gen_scheduler_mined.py`` to rewrite the file.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

cases: list[dict[str, Any]] = []
U = "Unschedulable"
UU = "UnschedulableAndUnresolvable"
EXT_A, EXT_B = "example.com/aaa", "example.com/bbb"
K8S_A, K8S_B = "kubernetes.io/something", "subdomain.kubernetes.io/something"
HUGE_A = "hugepages-2Mi"
DRA_RES = "extended.resource.dra.io/something"


def add(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


# ---- fit_test.go helpers: framework.Resource -> container requests (newResourcePod) ----

def r(cpu: int = 0, mem: int = 0, storage: int = 0, **scalars: int) -> dict[str, str]:
    reqs = {"cpu": f"{cpu}m", "memory": str(mem), "pods": "0", "ephemeral-storage": str(storage)}
    reqs.update({NAMES[k]: str(v) for k, v in scalars.items()})
    return reqs


NAMES = {"ext_a": EXT_A, "ext_b": EXT_B, "k8s_a": K8S_A, "k8s_b": K8S_B, "huge": HUGE_A, "dra": DRA_RES}


def pod(*usages: dict[str, str], init: tuple[dict[str, str], ...] = (), overhead: dict[str, str] | None = None,
        pod_level: dict[str, str] | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"containers": [{"name": f"c{i}", "resources": {"requests": u}}
                                           for i, u in enumerate(usages)]}
    if init:
        spec["initContainers"] = [{"name": f"i{i}", "resources": {"requests": u}} for i, u in enumerate(init)]
    if overhead:
        spec["overhead"] = overhead
    if pod_level:
        spec["resources"] = {"requests": pod_level}
    return {"metadata": {"name": "p"}, "spec": spec}


def alloc(cpu: int, mem: int, pods: int, ext_a: int, storage: int, huge: int) -> dict[str, str]:
    return {"cpu": f"{cpu}m", "memory": str(mem), "pods": str(pods), EXT_A: str(ext_a),
            "ephemeral-storage": str(storage), HUGE_A: str(huge)}


STD = alloc(10, 20, 32, 5, 20, 5)


def ins(name: str, req: int, used: int, cap: int) -> dict[str, Any]:
    reason = "Too many pods" if name == "pods" else f"Insufficient {name}"
    return {"resourceName": name, "reason": reason, "requested": req, "used": used, "capacity": cap}


def fit(test: str, name: str, p: dict[str, Any], existing: dict[str, Any] | None, want: list[dict[str, Any]],
        code: str | None = None, node: dict[str, str] | None = None, capacity: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None) -> None:
    a = node or STD
    inp: dict[str, Any] = {"pod": p, "node": {"metadata": {"name": "n"},
                                              "status": {"capacity": capacity if capacity is not None else a,
                                                         "allocatable": a}},
                           "nodePods": [existing] if existing else []}
    inp.update(extra or {})
    expect: dict[str, Any] = {"fits": not want, "reasons": [w["reason"] for w in want], "insufficientResources": want}
    if code:
        expect["code"] = code
    add(f"fit_test.go:{test}/{name}", "scheduler.fits", inp, expect)


T = "TestEnoughRequests"
EMPTY_POD = {"metadata": {"name": "p"}}
fit(T, "no resources requested always fits", EMPTY_POD, pod(r(10, 20)), [])
fit(T, "too many resources fails", pod(r(1, 1)), pod(r(10, 20)), [ins("cpu", 1, 10, 10), ins("memory", 1, 20, 20)], U)
fit(T, "too many resources fails due to init container cpu", pod(r(1, 1), init=(r(3, 1),)), pod(r(8, 19)),
    [ins("cpu", 3, 8, 10)], U)
fit(T, "too many resources fails due to highest init container cpu", pod(r(1, 1), init=(r(3, 1), r(2, 1))),
    pod(r(8, 19)), [ins("cpu", 3, 8, 10)], U)
fit(T, "too many resources fails due to init container memory", pod(r(1, 1), init=(r(1, 3),)), pod(r(9, 19)),
    [ins("memory", 3, 19, 20)], U)
fit(T, "too many resources fails due to highest init container memory", pod(r(1, 1), init=(r(1, 3), r(1, 2))),
    pod(r(9, 19)), [ins("memory", 3, 19, 20)], U)
fit(T, "init container fits because it's the max, not sum, of containers and init containers",
    pod(r(1, 1), init=(r(1, 1),)), pod(r(9, 19)), [])
fit(T, "multiple init containers fit because it's the max, not sum, of containers and init containers",
    pod(r(1, 1), init=(r(1, 1), r(1, 1))), pod(r(9, 19)), [])
fit(T, "both resources fit", pod(r(1, 1)), pod(r(5, 5)), [])
fit(T, "one resource memory fits", pod(r(2, 1)), pod(r(9, 5)), [ins("cpu", 2, 9, 10)], U)
fit(T, "one resource cpu fits", pod(r(1, 2)), pod(r(5, 19)), [ins("memory", 2, 19, 20)], U)
fit(T, "equal edge case", pod(r(5, 1)), pod(r(5, 19)), [])
fit(T, "equal edge case for init container", pod(r(4, 1), init=(r(5, 1),)), pod(r(5, 19)), [])
fit(T, "extended resource fits", pod(r(ext_a=1)), pod(r()), [])
fit(T, "extended resource fits for init container", pod(r(), init=(r(ext_a=1),)), pod(r()), [])
fit(T, "extended resource capacity enforced", pod(r(1, 1, ext_a=10)), pod(r(ext_a=0)), [ins(EXT_A, 10, 0, 5)], UU)
fit(T, "extended resource capacity enforced for init container", pod(r(), init=(r(1, 1, ext_a=10),)),
    pod(r(ext_a=0)), [ins(EXT_A, 10, 0, 5)], UU)
fit(T, "extended resource allocatable enforced", pod(r(1, 1, ext_a=1)), pod(r(ext_a=5)), [ins(EXT_A, 1, 5, 5)], U)
fit(T, "extended resource allocatable enforced for init container", pod(r(), init=(r(1, 1, ext_a=1),)),
    pod(r(ext_a=5)), [ins(EXT_A, 1, 5, 5)], U)
fit(T, "extended resource allocatable enforced for multiple containers", pod(r(1, 1, ext_a=3), r(1, 1, ext_a=3)),
    pod(r(ext_a=2)), [ins(EXT_A, 6, 2, 5)], UU)
fit(T, "extended resource allocatable admits multiple init containers",
    pod(r(), init=(r(1, 1, ext_a=3), r(1, 1, ext_a=3))), pod(r(ext_a=2)), [])
fit(T, "extended resource allocatable enforced for multiple init containers",
    pod(r(), init=(r(1, 1, ext_a=6), r(1, 1, ext_a=3))), pod(r(ext_a=2)), [ins(EXT_A, 6, 2, 5)], UU)
fit(T, "extended resource allocatable enforced for unknown resource", pod(r(1, 1, ext_b=1)), pod(r()),
    [ins(EXT_B, 1, 0, 0)], UU)
fit(T, "extended resource allocatable enforced for unknown resource for init container",
    pod(r(), init=(r(1, 1, ext_b=1),)), pod(r()), [ins(EXT_B, 1, 0, 0)], UU)
fit(T, "kubernetes.io resource capacity enforced", pod(r(1, 1, k8s_a=10)), pod(r()), [ins(K8S_A, 10, 0, 0)], UU)
fit(T, "kubernetes.io resource capacity enforced for init container", pod(r(), init=(r(1, 1, k8s_b=10),)),
    pod(r()), [ins(K8S_B, 10, 0, 0)], UU)
fit(T, "hugepages resource capacity enforced", pod(r(1, 1, huge=10)), pod(r(huge=0)), [ins(HUGE_A, 10, 0, 5)], UU)
fit(T, "hugepages resource capacity enforced for init container", pod(r(), init=(r(1, 1, huge=10),)),
    pod(r(huge=0)), [ins(HUGE_A, 10, 0, 5)], UU)
fit(T, "hugepages resource allocatable enforced for multiple containers", pod(r(1, 1, huge=3), r(1, 1, huge=3)),
    pod(r(huge=2)), [ins(HUGE_A, 6, 2, 5)], UU)
fit(T, "skip checking ignored extended resource", pod(r(1, 1, ext_b=1)), pod(r()), [],
    extra={"ignoredResources": [EXT_B]})
fit(T, "resources + pod overhead fits", pod(r(1, 1), overhead={"cpu": "3m", "memory": "13"}), pod(r(5, 5)), [])
fit(T, "requests + overhead does not fit for memory", pod(r(1, 1), overhead={"cpu": "1m", "memory": "15"}),
    pod(r(5, 5)), [ins("memory", 16, 5, 20)], U)
fit(T, "skip checking ignored extended resource via resource groups", pod(r(1, 1, ext_b=1, k8s_a=1)), pod(r()),
    [ins(K8S_A, 1, 0, 0)], UU, extra={"ignoredResourceGroups": ["example.com"]})
fit(T, "skip checking extended resource request with quantity zero via resource groups", pod(r(1, 1, ext_a=0)),
    pod(r(ext_a=6)), [])
fit(T, "skip checking resource request with quantity zero", pod(r(ext_a=1)), pod(r(20, 30, ext_a=1)), [])
fit(T, "both pod-level and container-level resources fit", pod(r(1, 1), pod_level={"cpu": "1m", "memory": "2"}),
    pod(r(5, 5)), [])
fit(T, "pod-level cpu resource not fit", pod(r(1, 1), pod_level={"cpu": "7m", "memory": "2"}), pod(r(5, 5)),
    [ins("cpu", 7, 5, 10)], U)
fit(T, "pod-level memory resource not fit", pod(r(1, 1), pod_level={"cpu": "3m", "memory": "2"}), pod(r(5, 19)),
    [ins("memory", 2, 19, 20)], U)
fit(T, "pod-level hugepages resource fit", pod(pod_level={"cpu": "3m", "memory": "2", HUGE_A: "5"}), None, [])
fit(T, "both pod-level and container-level hugepages resource fit",
    pod(r(1, 1, huge=3), pod_level={"cpu": "3m", "memory": "2", HUGE_A: "5"}), None, [])
fit(T, "pod-level hugepages resource not fit", pod(pod_level={"cpu": "3m", "memory": "2", HUGE_A: "10"}), None,
    [ins(HUGE_A, 10, 0, 5)], UU)
fit(T, "one pod-level cpu resource fits and all init and non-init containers resources fit",
    pod(r(1, 1), init=(r(1, 1),), pod_level={"cpu": "3m", "memory": "2"}), pod(r(5, 19)),
    [ins("memory", 2, 19, 20)], U)
# DRAExtendedResource off: a DRA-style resource name is an ordinary unknown extended resource.
fit(T, "extended resource backed by DRA not enabled", pod(r(1, 1, dra=1)), pod(r()), [ins(DRA_RES, 1, 0, 0)], UU)

T = "TestNotEnoughRequests"
ONE = alloc(10, 20, 1, 0, 0, 0)
for name, p, existing in [
    ("even without specified resources, predicate fails when there's no space for additional pod", EMPTY_POD,
     pod(r(10, 20))),
    ("even if both resources fit, predicate fails when there's no space for additional pod", pod(r(1, 1)),
     pod(r(5, 5))),
    ("even for equal edge case, predicate fails when there's no space for additional pod", pod(r(5, 1)),
     pod(r(5, 19))),
    ("even for equal edge case, predicate fails when there's no space for additional pod due to init container",
     pod(r(5, 1), init=(r(5, 1),)), pod(r(5, 19))),
]:
    fit(T, name, p, existing, [ins("pods", 1, 1, 1)], U, node=ONE, capacity={})

T = "TestStorageRequests"
fit(T, "empty storage requested, and pod fits", pod(r(1, 1)), pod(r(2, 10)), [])
fit(T, "storage ephemeral local storage request exceeds allocatable", pod(r(storage=25)), pod(r(2, 2)),
    [ins("ephemeral-storage", 25, 0, 20)], UU)
fit(T, "ephemeral local storage is sufficient", pod(r(storage=5)), pod(r(2, 2, storage=10)), [])
fit(T, "pod fits", pod(r(storage=10)), pod(r(2, 2)), [])

# ---- TestRestartableInitContainers: node allocatable cpu 2m, pods 1 ----
T = "fit_test.go:TestRestartableInitContainers"
SIDE_NODE = {"metadata": {"name": "n"}, "status": {"capacity": {}, "allocatable": alloc(2, 0, 1, 0, 0, 0)}}


def sidecar_pod(request: dict[str, str] | None, sidecar: dict[str, str] | None) -> dict[str, Any]:
    c: dict[str, Any] = {"name": "regular"}
    if request is not None:
        c["resources"] = {"requests": request}
    s: dict[str, Any] = {"name": "restartable-init", "restartPolicy": "Always"}
    if sidecar is not None:
        s["resources"] = {"requests": sidecar}
    return {"metadata": {"name": "p"}, "spec": {"containers": [c], "initContainers": [s]}}


PLAIN = {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "regular"}]}}
for name, p, gate, expect in [
    ("allow pod without restartable init containers if sidecar containers is disabled", PLAIN, False, {"fits": True}),
    ("not allow pod with restartable init containers if sidecar containers is disabled", sidecar_pod(None, None),
     False, {"fits": False, "code": UU,
             "reasons": ["Pod has a restartable init container and the SidecarContainers feature is disabled"]}),
    ("allow pod without restartable init containers if sidecar containers is enabled", PLAIN, True, {"fits": True}),
    ("allow pod with restartable init containers if sidecar containers is enabled", sidecar_pod(None, None), True,
     {"fits": True}),
    ("allow pod if the total requested resources do not exceed the node's allocatable resources",
     sidecar_pod({"cpu": "1m"}, {"cpu": "1m"}), True, {"fits": True}),
    ("not allow pod if the total requested resources do exceed the node's allocatable resources",
     sidecar_pod({"cpu": "1m"}, {"cpu": "2m"}), True, {"fits": False, "code": UU, "reasons": ["Insufficient cpu"]}),
]:
    add(f"{T}/{name}", "scheduler.fits",
        {"pod": p, "node": SIDE_NODE, "nodePods": [], "featureGates": {"SidecarContainers": gate}}, expect)


# ---- st.MakePod()/MakeNode() helpers for the scoring tables ----

def mpod(*reqs: dict[str, str], node: str | None = None, sidecar: dict[str, str] | None = None,
         name: str = "p") -> dict[str, Any]:
    spec: dict[str, Any] = {"containers": [{"name": f"c{i}", "resources": {"requests": q}} for i, q in enumerate(reqs)]}
    if sidecar is not None:
        spec["initContainers"] = [{"name": "sidecar", "restartPolicy": "Always", "resources": {"requests": sidecar}}]
    if node:
        spec["nodeName"] = node
    return {"metadata": {"name": name}, "spec": spec}


def mnode(name: str, capacity: dict[str, str] | None = None) -> dict[str, Any]:
    cap = capacity or {}
    return {"metadata": {"name": name}, "status": {"capacity": cap, "allocatable": cap}}


def cm(cpu: str, mem: str, **extra: str) -> dict[str, str]:
    out = {"cpu": cpu, "memory": mem}
    out.update({k.replace("__", "/").replace("_", "."): v for k, v in extra.items()})
    return out


DEFAULT_RES = [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}]
EXT_RES = "abc.com/xyz"
EXT_SET = DEFAULT_RES + [{"name": EXT_RES, "weight": 1}]


def scores(*pairs: tuple[str, int]) -> list[dict[str, Any]]:
    return [{"name": n, "score": s} for n, s in pairs]


T = "fit_test.go:TestFitScore"
N1_4, N2_6 = mnode("node1", cm("4000", "10000")), mnode("node2", cm("6000", "10000"))
FS_EXISTING = [mpod(cm("2000", "4000"), node="node1", name="e1"), mpod(cm("1000", "2000"), node="node2", name="e2")]
for suffix in ("", " if PreScore is not called"):
    add(f"{T}/test case for ScoringStrategy LeastAllocated{suffix}", "scheduler.score_least_allocated",
        {"pod": mpod(cm("1000", "2000")), "nodes": [N1_4, N2_6], "existingPods": FS_EXISTING, "resources": DEFAULT_RES},
        {"scores": scores(("node1", 32), ("node2", 63)), "statusCode": "Success"})
    add(f"{T}/test case for ScoringStrategy MostAllocated{suffix}", "scheduler.score_most_allocated",
        {"pod": mpod(cm("1000", "2000")), "nodes": [N1_4, N2_6], "existingPods": FS_EXISTING, "resources": DEFAULT_RES},
        {"scores": scores(("node1", 67), ("node2", 36)), "statusCode": "Success"})
N2_4 = mnode("node2", cm("4000", "10000"))
SIDE_EXISTING = [mpod(cm("1000", "2000"), node="node1", sidecar=cm("1000", "2000"), name="e1"),
                 mpod(cm("1000", "2000"), node="node2", name="e2")]
add(f"{T}/test case for ScoringStrategy LeastAllocated with sidecar container", "scheduler.score_least_allocated",
    {"pod": mpod(cm("1000", "2000")), "nodes": [N1_4, N2_4], "existingPods": SIDE_EXISTING, "resources": DEFAULT_RES},
    {"scores": scores(("node1", 32), ("node2", 55)), "statusCode": "Success"})
add(f"{T}/test case for ScoringStrategy MostAllocated with sidecar container", "scheduler.score_most_allocated",
    {"pod": mpod(cm("1000", "2000")), "nodes": [N1_4, N2_4], "existingPods": SIDE_EXISTING, "resources": DEFAULT_RES},
    {"scores": scores(("node1", 67), ("node2", 45)), "statusCode": "Success"})

# ---- least_allocated_test.go ----
T = "least_allocated_test.go:TestLeastAllocatedScoringStrategy"
TWO_REQ = (cm("1000", "2000"), cm("2000", "3000"))


def la(name: str, p: dict[str, Any], nodes: list[dict[str, Any]], existing: list[dict[str, Any]],
       res: list[dict[str, Any]] | None, expect: dict[str, Any]) -> None:
    add(f"{T}/{name}", "scheduler.score_least_allocated",
        {"pod": p, "nodes": nodes, "existingPods": existing, "resources": res}, expect)


def ok(*pairs: tuple[str, int]) -> dict[str, Any]:
    return {"scores": scores(*pairs), "statusCode": "Success"}


n4 = lambda name: mnode(name, cm("4000", "10000"))  # noqa: E731
n10 = lambda name, mem="20000": mnode(name, cm("10000", mem))  # noqa: E731
la("nothing scheduled, nothing requested", mpod(), [n4("node1"), n4("node2")], [], DEFAULT_RES,
   ok(("node1", 100), ("node2", 100)))
la("nothing scheduled, resources requested, differently sized nodes", mpod(*TWO_REQ), [n4("node1"), N2_6], [],
   DEFAULT_RES, ok(("node1", 37), ("node2", 50)))
la("Resources not set, pods scheduled with error", mpod(*TWO_REQ), [n4("node1"), N2_6], [], None,
   {"scores": scores(("node1", 0), ("node2", 0)), "statusCode": "Error"})
la("no resources requested, pods scheduled", mpod(), [n4("node1"), n4("node2")],
   [mpod(node="node1", name="a"), mpod(node="node1", name="b"), mpod(node="node2", name="c"),
    mpod(node="node2", name="d")], DEFAULT_RES, ok(("node1", 100), ("node2", 100)))
la("no resources requested, pods scheduled with resources", mpod(), [n10("node1"), n10("node2")],
   [mpod(cm("3000", "0"), node="node1", name="a"), mpod(cm("3000", "0"), node="node1", name="b"),
    mpod(cm("3000", "0"), node="node2", name="c"), mpod(cm("3000", "5000"), node="node2", name="d")],
   DEFAULT_RES, ok(("node1", 70), ("node2", 57)))
la("resources requested, pods scheduled with resources", mpod(*TWO_REQ), [n10("node1"), n10("node2")],
   [mpod(cm("3000", "0"), node="node1", name="a"), mpod(cm("3000", "5000"), node="node2", name="b")],
   DEFAULT_RES, ok(("node1", 57), ("node2", 45)))
la("resources requested, pods scheduled with resources, differently sized nodes", mpod(*TWO_REQ),
   [n10("node1"), n10("node2", "50000")],
   [mpod(cm("3000", "0"), node="node1", name="a"), mpod(cm("3000", "5000"), node="node2", name="b")],
   DEFAULT_RES, ok(("node1", 57), ("node2", 60)))
la("requested resources exceed node capacity", mpod(cm("3000", "0")), [n4("node1"), n4("node2")],
   [mpod(cm("3000", "0"), node="node1", name="a"), mpod(cm("3000", "5000"), node="node2", name="b")],
   DEFAULT_RES, ok(("node1", 50), ("node2", 25)))
la("zero node resources, pods scheduled with resources", mpod(), [mnode("node1"), mnode("node2")],
   [mpod(cm("3000", "0"), node="node1", name="a"), mpod(cm("3000", "5000"), node="node2", name="b")],
   DEFAULT_RES, ok(("node1", 0), ("node2", 0)))
la("nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes",
   mpod(*TWO_REQ, node="node1"), [n4("node1"), N2_6], [],
   [{"name": "memory", "weight": 2}, {"name": "cpu", "weight": 1}], ok(("node1", 41), ("node2", 50)))
for name, res, idx in [
    ("resource with negative weight", [{"name": "memory", "weight": -1}, {"name": "cpu", "weight": 1}], 0),
    ("resource with zero weight", [{"name": "memory", "weight": 1}, {"name": "cpu", "weight": 0}], 1),
    ("resource weight larger than MaxNodeScore", [{"name": "memory", "weight": 1}, {"name": "cpu", "weight": 101}], 1),
]:
    la(name, mpod(*TWO_REQ, node="node1"), [n4("node1")], [], res,
       {"error": {"kind": "InvalidArgs", "field": f"scoringStrategy.resources[{idx}].weight",
                  "type": "FieldValueInvalid"}})
N6 = mnode("node1", cm("6000", "10000"))
la("bypass extended resource if the pod does not request", mpod(*TWO_REQ, node="node1"),
   [N6, mnode("node2", {"cpu": "6000", "memory": "10000", EXT_RES: "4"})], [], EXT_SET,
   ok(("node1", 50), ("node2", 50)))
la("honor extended resource if the pod requests", mpod({"cpu": "3000", "memory": "5000", EXT_RES: "2"}, node="node1"),
   [mnode("node1", {"cpu": "6000", "memory": "10000", EXT_RES: "4"}),
    mnode("node2", {"cpu": "6000", "memory": "10000", EXT_RES: "10"})], [], EXT_SET,
   ok(("node1", 50), ("node2", 60)))
la("if the node doesn't have a resource", mpod(cm("3000", "4000"), node="node1"),
   [N6, mnode("node2", {"cpu": "6000", "memory": "10000", EXT_RES: "4"})], [],
   [{"name": EXT_RES, "weight": 2}, {"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}],
   ok(("node1", 55), ("node2", 55)))

# ---- balanced_allocation_test.go (std-deviation scorer, semantics/replicaset.md §6.5) ----
T = "balanced_allocation_test.go:TestNodeResourcesBalancedAllocation"


def spec_pod(kind: str, node: str | None, name: str) -> dict[str, Any]:
    reqs = {"cpuAndMemory": [cm("1000m", "2000"), cm("2000m", "3000")],
            "cpuOnly": [cm("1000m", "0"), cm("2000m", "0")],
            "cpuAndMemoryAndGPU": [cm("1000m", "2000"), {"cpu": "2000m", "memory": "3000", "nvidia.com/gpu": "3"}]}[kind]
    return mpod(*reqs, node=node, name=name)


def mk(name: str, cpu_m: int, mem: int, gpu: int | None = None) -> dict[str, Any]:
    cap = {"cpu": f"{cpu_m}m", "memory": str(mem)}
    if gpu is not None:
        cap["nvidia.com/gpu"] = str(gpu)
    return mnode(name, cap)


GPU_RES = DEFAULT_RES + [{"name": "nvidia.com/gpu", "weight": 1}]
# cpuOnly sits on node1, cpuAndMemory on node2, cpuAndMemoryAndGPU on node1 (their specs' NodeName).
SCHEDULED = [spec_pod("cpuOnly", "node1", "a"), spec_pod("cpuAndMemory", "node2", "b")]
BA = [
    ("nothing scheduled, nothing requested, skip in PreScore", mpod(), [mk("node1", 4000, 10000), mk("node2", 4000, 10000)],
     [], DEFAULT_RES, {"skip": True}),
    ("nothing scheduled, resources requested, differently sized nodes", spec_pod("cpuAndMemory", "node2", "p"),
     [mk("node1", 4000, 10000), mk("node2", 6000, 10000)], [], DEFAULT_RES,
     {"scores": scores(("node1", 87), ("node2", 100))}),
    ("resources requested, pods scheduled with resources", spec_pod("cpuAndMemory", "node2", "p"),
     [mk("node1", 10000, 20000), mk("node2", 10000, 20000)], SCHEDULED, DEFAULT_RES,
     {"scores": scores(("node1", 82), ("node2", 95))}),
    ("resources requested, pods scheduled with resources, differently sized nodes", spec_pod("cpuAndMemory", "node2", "p"),
     [mk("node1", 10000, 20000), mk("node2", 10000, 50000)], SCHEDULED, DEFAULT_RES,
     {"scores": scores(("node1", 82), ("node2", 80))}),
    ("requested resources at node capacity", spec_pod("cpuOnly", "node1", "p"),
     [mk("node1", 6000, 10000), mk("node2", 6000, 10000)], SCHEDULED, DEFAULT_RES,
     {"scores": scores(("node1", 50), ("node2", 75))}),
    ("include scalar resource on a node for balanced resource allocation",
     mpod({"memory": "0", "nvidia.com/gpu": "1"}), [mk("node1", 3500, 40000, 8), mk("node2", 3500, 40000, 8)],
     [spec_pod("cpuAndMemory", "node2", "b"), spec_pod("cpuAndMemoryAndGPU", "node1", "g")], GPU_RES,
     {"scores": scores(("node1", 70), ("node2", 65))}),
    ("node without the scalar resource should skip the scalar resource", spec_pod("cpuAndMemory", "node2", "p"),
     [mk("node1", 3500, 40000, 8), mk("node2", 3500, 40000)], [], GPU_RES,
     {"scores": scores(("node1", 63), ("node2", 63))}),
    ("resources requested, pods scheduled with resources if PreScore not called",
     spec_pod("cpuAndMemory", "node2", "p"), [mk("node1", 10000, 20000), mk("node2", 10000, 20000)], SCHEDULED,
     DEFAULT_RES, {"scores": scores(("node1", 82), ("node2", 95))}),
]
for name, p, nodes, existing, res, expect in BA:
    add(f"{T}/{name}", "scheduler.score_balanced_allocation",
        {"pod": p, "nodes": nodes, "existingPods": existing, "resources": res}, expect)

# ---- taint_toleration_test.go ----
T = "taint_toleration_test.go:TestTaintTolerationScore"


def tpod(*tols: dict[str, Any]) -> dict[str, Any]:
    return {"metadata": {"name": "pod1"}, "spec": {"tolerations": list(tols)}}


def tnode(name: str, *taints: dict[str, Any], unschedulable: bool = False) -> dict[str, Any]:
    spec: dict[str, Any] = {"taints": list(taints)}
    if unschedulable:
        spec["unschedulable"] = True
    return {"metadata": {"name": name}, "spec": spec}


def tol(key: str, value: str = "", effect: str = "", op: str = "Equal") -> dict[str, Any]:
    out: dict[str, Any] = {"key": key, "operator": op, "effect": effect}
    if value:
        out["value"] = value
    return out


def taint(key: str, value: str, effect: str) -> dict[str, Any]:
    return {"key": key, "value": value, "effect": effect}


PNS, NS, NE = "PreferNoSchedule", "NoSchedule", "NoExecute"
UNTOLERATED = "node(s) had untolerated taint(s)"
ARM, SSD = taint("cpu-type", "arm64", PNS), taint("disk-type", "ssd", PNS)
TS = [
    ("node with taints tolerated by the pod, gets a higher score than those node with intolerable taints",
     tpod(tol("foo", "bar", PNS)), [tnode("nodeA", taint("foo", "bar", PNS)), tnode("nodeB", taint("foo", "blah", PNS))],
     [("nodeA", 100), ("nodeB", 0)]),
    ("the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable "
     "taints a node has", tpod(tol("cpu-type", "arm64", PNS), tol("disk-type", "ssd", PNS)),
     [tnode("nodeA"), tnode("nodeB", ARM), tnode("nodeC", ARM, SSD)], [("nodeA", 100), ("nodeB", 100), ("nodeC", 100)]),
    ("the more intolerable taints a node has, the lower score it gets.", tpod(tol("foo", "bar", PNS)),
     [tnode("nodeA"), tnode("nodeB", ARM), tnode("nodeC", ARM, SSD)], [("nodeA", 100), ("nodeB", 50), ("nodeC", 0)]),
    ("only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function",
     tpod(tol("cpu-type", "arm64", NS), tol("disk-type", "ssd", NS)),
     [tnode("nodeA"), tnode("nodeB", taint("cpu-type", "arm64", NS)), tnode("nodeC", ARM, SSD)],
     [("nodeA", 100), ("nodeB", 100), ("nodeC", 0)]),
    ("Default behaviour No taints and tolerations, lands on node with no taints", tpod(),
     [tnode("nodeA"), tnode("nodeB", ARM)], [("nodeA", 100), ("nodeB", 0)]),
]
for name, p, nodes, want in TS:
    add(f"{T}/{name}", "scheduler.taint_toleration_score", {"pod": p, "nodes": nodes}, {"scores": scores(*want)})

T = "taint_toleration_test.go:TestTaintTolerationFilter"
D1 = taint("dedicated", "user1", NS)
TF = [
    ("A pod having no tolerations can't be scheduled onto a node with nonempty taints", tpod(), [D1], False),
    ("A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
     tpod({"key": "dedicated", "value": "user1", "effect": NS}), [D1], True),
    ("A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
     tpod(tol("dedicated", "user2", NS)), [D1], False),
    ("A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node",
     tpod(tol("foo", effect=NS, op="Exists")), [taint("foo", "bar", NS)], True),
    ("A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto "
     "the node", tpod(tol("dedicated", "user2", NS), tol("foo", effect=NS, op="Exists")),
     [taint("dedicated", "user2", NS), taint("foo", "bar", NS)], True),
    ("A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, "
     "can't be scheduled onto the node", tpod(tol("foo", "bar", PNS)), [taint("foo", "bar", NS)], False),
    ("The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, "
     "and the effect of taint is NoSchedule. Pod can be scheduled onto the node", tpod(tol("foo", "bar")),
     [taint("foo", "bar", NS)], True),
    ("The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is "
     "PreferNoSchedule. Pod can be scheduled onto the node", tpod(tol("dedicated", "user2", NS)),
     [taint("dedicated", "user1", PNS)], True),
    ("The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
     tpod(), [taint("dedicated", "user1", PNS)], True),
]
for name, p, taints, fits in TF:
    expect: dict[str, Any] = {"fits": fits}
    if not fits:
        # The newest Filter no longer names the taint (taint_toleration.go); older tables did.
        expect.update(code=UU, reasons=[UNTOLERATED])
    add(f"{T}/{name}", "scheduler.taint_toleration_filter", {"pod": p, "node": tnode("nodeA", *taints)}, expect)

# ---- core/v1 toleration_test.go through the filter: tolerated <=> fits on a node with that one taint ----
T = "toleration_test.go:TestTolerationToleratesTaint"
SLA = "node.kubernetes.io/sla"
TT = [
    ("same key and effect, operator Exists, taint has no value", tol("foo", effect=NS, op="Exists"),
     taint("foo", "", NS), True, False),
    ("same key and effect, operator Exists, taint has some value", tol("foo", effect=NS, op="Exists"),
     taint("foo", "bar", NS), True, False),
    ("empty key and operator Exists match all taints", tol("", effect=NS, op="Exists"), taint("foo", "bar", NS), True,
     False),
    ("same key, effect and value, operator Equal", tol("foo", "bar", NS), taint("foo", "bar", NS), True, False),
    ("same key and effect, different values, operator Equal", tol("foo", "value1", NS), taint("foo", "value2", NS),
     False, False),
    ("same key and value, different effects", tol("foo", "bar", NS), taint("foo", "bar", NE), False, False),
    ("Gt - taint value less than toleration value", tol(SLA, "950", NS, "Gt"), taint(SLA, "800", NS), False, True),
    ("Gt - taint value greater than toleration value", tol(SLA, "750", NS, "Gt"), taint(SLA, "950", NS), True, True),
    ("Lt - taint value greater than toleration value", tol(SLA, "800", NS, "Lt"), taint(SLA, "950", NS), False, True),
    ("Lt - taint value less than toleration value", tol(SLA, "950", NS, "Lt"), taint(SLA, "800", NS), True, True),
    ("Gt and taint with equal numeric value", tol(SLA, "950", NS, "Gt"), taint(SLA, "950", NS), False, True),
    ("Gt and taint with non-numeric value", tol(SLA, "950", NS, "Gt"), taint(SLA, "high", NS), False, True),
    ("Gt and negative numeric values", tol("test-key", "-100", NS, "Gt"), taint("test-key", "-200", NS), False, True),
    ("Gt and large int64 values", tol("test-key", "9223372036854775806", NS, "Gt"), taint("test-key", "100", NS),
     False, True),
]
for name, t_, tn, tolerated, gate in TT:
    inp: dict[str, Any] = {"pod": tpod(t_), "node": tnode("nodeA", tn)}
    if gate:
        inp["featureGates"] = {"TaintTolerationComparisonOperators": True}
    add(f"{T}/{name}", "scheduler.taint_toleration_filter", inp, {"fits": tolerated})
    if gate and tolerated:
        # With the gate off the comparison operators match nothing (semantics/replicaset.md §6.8).
        add(f"{T}/{name} (gate off)", "scheduler.taint_toleration_filter",
            {"pod": tpod(t_), "node": tnode("nodeA", tn)}, {"fits": False, "code": UU})

T = "toleration_test.go:TestCompareNumericValues"
CN = [
    ("Gt - taint greater", "100", "200", "Gt", True), ("Gt - taint less", "200", "100", "Gt", False),
    ("Gt - equal", "100", "100", "Gt", False), ("Gt - negative numbers, taint greater", "-100", "-50", "Gt", True),
    ("Gt - negative numbers, taint less", "-50", "-100", "Gt", False), ("Gt - zero and positive", "0", "1", "Gt", True),
    ("Gt - large int64 values, taint greater", "9223372036854775806", "9223372036854775807", "Gt", True),
    ("Lt - taint less", "200", "100", "Lt", True), ("Lt - taint greater", "100", "200", "Lt", False),
    ("Lt - equal", "100", "100", "Lt", False), ("Lt - negative numbers, taint less", "-50", "-100", "Lt", True),
    ("Lt - negative numbers, taint greater", "-100", "-50", "Lt", False), ("Lt - zero and negative", "0", "-1", "Lt", True),
    ("Gt - invalid toleration value (non-numeric)", "abc", "100", "Gt", False),
    ("Gt - invalid toleration value (empty string)", "", "100", "Gt", False),
    ("Gt - invalid toleration value (leading zero)", "0100", "200", "Gt", False),
    ("Gt - invalid toleration value (plus sign)", "+100", "200", "Gt", False),
    ("Gt - invalid toleration value (floating point)", "100.5", "200", "Gt", False),
    ("Gt - invalid toleration value (just minus sign)", "-", "100", "Gt", False),
    ("Gt - invalid taint value (non-numeric)", "100", "xyz", "Gt", False),
    ("Gt - invalid taint value (empty string)", "100", "", "Gt", False),
    ("Gt - invalid taint value (leading zero)", "100", "0200", "Gt", False),
    ("Lt - invalid taint value (plus sign)", "100", "+200", "Lt", False),
    ("Lt - invalid taint value (spaces)", "100", " 200 ", "Lt", False),
    ("Gt - both zero", "0", "0", "Gt", False), ("Lt - both zero", "0", "0", "Lt", False),
    ("Gt - max int64 as taint", "0", "9223372036854775807", "Gt", True),
    ("Lt - min int64 as taint", "0", "-9223372036854775808", "Lt", True),
]
for name, tv, nv, op, want in CN:
    t_ = {"key": "k", "operator": op, "value": tv, "effect": NS}
    add(f"{T}/{name}", "scheduler.taint_toleration_filter",
        {"pod": tpod(t_), "node": tnode("nodeA", taint("k", nv, NS)),
         "featureGates": {"TaintTolerationComparisonOperators": True}}, {"fits": want})

# ---- node_unschedulable_test.go ----
T = "node_unschedulable_test.go:TestNodeUnschedulable"
UNSCHED_TOL = {"key": "node.kubernetes.io/unschedulable", "effect": NS}
add(f"{T}/Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)",
    "scheduler.node_unschedulable_filter", {"pod": {"metadata": {"name": "p"}}, "node": tnode("n", unschedulable=True)},
    {"fits": False, "code": UU, "reasons": ["node(s) were unschedulable"]})
add(f"{T}/Schedule pod to normal node", "scheduler.node_unschedulable_filter",
    {"pod": {"metadata": {"name": "p"}}, "node": tnode("n")}, {"fits": True})
add(f"{T}/Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)",
    "scheduler.node_unschedulable_filter", {"pod": tpod(UNSCHED_TOL), "node": tnode("n", unschedulable=True)},
    {"fits": True})
T = "node_unschedulable_test.go:TestIsSchedulableAfterPodTolerationChange"
# st.MakePod().Toleration(key) is {key, operator: Exists, effect: NoSchedule}.
add(f"{T}/queue-when-the-unsched-pod-gets-toleration", "scheduler.node_unschedulable_filter",
    {"pod": tpod(tol("node.kubernetes.io/unschedulable", effect=NS, op="Exists")),
     "node": tnode("n", unschedulable=True)}, {"fits": True})
add(f"{T}/skip-when-the-unsched-pod-gets-unrelated-toleration", "scheduler.node_unschedulable_filter",
    {"pod": tpod(tol("unrelated-key", effect=NS, op="Exists")), "node": tnode("n", unschedulable=True)},
    {"fits": False, "code": UU, "reasons": ["node(s) were unschedulable"]})


# ---- resource_allocation_test.go TestResourceAllocationScorerCalculateRequests, through LeastAllocated ----
# The Go table pins the per-resource request the scorer uses (non-zero defaults: 100m cpu, 200Mi memory per
# container that does not mention them). A node whose allocatable is twice that request scores exactly 50
# for that one resource, and any other request scores differently.
T = "resource_allocation_test.go:TestResourceAllocationScorerCalculateRequests"
ONE_MI, DEF_CPU, DEF_MEM = 1048576, 100, 200 * 1048576


def ctr(reqs: dict[str, str] | None = None) -> dict[str, Any]:
    return {"name": "c", "resources": {"requests": reqs}} if reqs else {"name": "c"}


RA = [
    ("overhead only", {"overhead": {"cpu": "1", "memory": "1Mi"}}, 1000, ONE_MI),
    ("1x requestless container", {"containers": [ctr()]}, DEF_CPU, DEF_MEM),
    ("2x requestless container", {"containers": [ctr(), ctr()]}, 2 * DEF_CPU, 2 * DEF_MEM),
    ("request container + requestless container", {"containers": [ctr({"cpu": "1", "memory": "1Mi"}), ctr()]},
     1000 + DEF_CPU, ONE_MI + DEF_MEM),
    ("container + requestless container + overhead",
     {"overhead": {"cpu": "1", "memory": "1Mi"}, "containers": [ctr({"cpu": "1", "memory": "1Mi"}), ctr()]},
     2000 + DEF_CPU, 2 * ONE_MI + DEF_MEM),
    ("init container + container + requestless container + overhead",
     {"overhead": {"cpu": "1", "memory": "1Mi"}, "initContainers": [ctr({"cpu": "3"})],
      "containers": [ctr({"cpu": "1", "memory": "1Mi"}), ctr()]}, 4000, 2 * ONE_MI + DEF_MEM),
    ("requestless init container + small init container + small container",
     {"initContainers": [ctr(), ctr({"cpu": "1m", "memory": "1"})], "containers": [ctr({"cpu": "3m", "memory": "3"})]},
     DEF_CPU, DEF_MEM),
    ("requestless init container + small init container + small container + requestless container",
     {"initContainers": [ctr(), ctr({"cpu": "1m", "memory": "1"})],
      "containers": [ctr({"cpu": "3m", "memory": "3"}), ctr()]}, 3 + DEF_CPU, 3 + DEF_MEM),
]
for name, spec, want_cpu, want_mem in RA:
    p = {"metadata": {"name": "p"}, "spec": spec}
    for res, amount in (("cpu", f"{2 * want_cpu}m"), ("memory", str(2 * want_mem))):
        add(f"{T}/{name} [{res}]", "scheduler.score_least_allocated",
            {"pod": p, "nodes": [mnode("n", {res: amount})], "existingPods": [],
             "resources": [{"name": res, "weight": 1}]},
            {"scores": scores(("n", 50)), "statusCode": "Success"})

out = pathlib.Path(__file__).with_name("scheduler_mined.jsonl")
out.write_text("".join(json.dumps(case, sort_keys=True) + "\n" for case in cases))
print(f"wrote {len(cases)} cases to {out}")
