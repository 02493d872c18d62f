"""Generate scheduler.jsonl: the scheduler op cases re-expressed from Kubernetes' plugin test tables.

Run ``python3 tests/conformance_cases/gen_scheduler.py`` to rewrite scheduler.jsonl. Each case id
names the Go test function and its table entry (pkg/scheduler/framework/plugins/...). Expectations
are those of the Go tables; where a release changed an answer (status codes of the Fit filter for
a request above the node's allocatable, the untolerated-taint message) the case omits the field.
"""

from __future__ import annotations

import json
import pathlib
import re

EXT_A = "example.com/aaa"
EXT_B = "example.com/bbb"
K8S_A = "kubernetes.io/something"
K8S_B = "subdomain.kubernetes.io/something"
HUGE_A = "hugepages-2Mi"

cases: list[dict] = []


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def add(test: str, name: str, op: str, inp: dict, expect: dict) -> None:
    cases.append({"id": f"{test}/{slug(name)}", "op": op, "input": inp, "expect": expect})


# ---- fit_test.go helpers (newResourcePod, newResourceInitPod, makeAllocatableResources) ----

def res(cpu=0, mem=0, storage=0, scalars=None) -> dict:
    rl = {"cpu": f"{cpu}m", "memory": str(mem), "pods": "0", "ephemeral-storage": str(storage)}
    for k, v in (scalars or {}).items():
        rl[k] = str(v)
    return rl


def rpod(*usages: dict) -> dict:
    return {"metadata": {"name": "p"},
            "spec": {"containers": [{"name": f"c{i}", "resources": {"requests": u}} for i, u in enumerate(usages)]}}


def init_pod(pod: dict, *usages: dict) -> dict:
    pod["spec"]["initContainers"] = [{"name": f"i{i}", "resources": {"requests": u}} for i, u in enumerate(usages)]
    return pod


def alloc(cpu, mem, pods, ext_a, storage, huge) -> dict:
    return {"cpu": f"{cpu}m", "memory": str(mem), "pods": str(pods), EXT_A: str(ext_a),
            "ephemeral-storage": str(storage), HUGE_A: str(huge)}


def fit_node(a: dict) -> dict:
    return {"metadata": {"name": "n"}, "status": {"capacity": a, "allocatable": a}}


def ins(name, req, used, cap):
    reason = "Too many pods" if name == "pods" else f"Insufficient {name}"
    return {"resourceName": name, "reason": reason, "requested": req, "used": used, "capacity": cap}


STD = alloc(10, 20, 32, 5, 20, 5)


def fit_case(test, name, pod, existing, want, node=STD, args=None, code=None):
    inp = {"pod": pod, "node": fit_node(node), "nodePods": [existing] if existing else []}
    inp.update(args or {})
    expect: dict = {"fits": not want, "reasons": [w["reason"] for w in want], "insufficientResources": want}
    if code:
        expect["code"] = code
    add(test, name, "scheduler.fits", inp, expect)


T = "fit_test.go:TestEnoughRequests"
U = "Unschedulable"
fit_case(T, "no resources requested always fits", {"metadata": {"name": "p"}}, rpod(res(10, 20)), [])
fit_case(T, "too many resources fails", rpod(res(1, 1)), rpod(res(10, 20)),
         [ins("cpu", 1, 10, 10), ins("memory", 1, 20, 20)], code=U)
fit_case(T, "too many resources fails due to init container cpu", init_pod(rpod(res(1, 1)), res(3, 1)),
         rpod(res(8, 19)), [ins("cpu", 3, 8, 10)], code=U)
fit_case(T, "too many resources fails due to highest init container cpu",
         init_pod(rpod(res(1, 1)), res(3, 1), res(2, 1)), rpod(res(8, 19)), [ins("cpu", 3, 8, 10)], code=U)
fit_case(T, "too many resources fails due to init container memory", init_pod(rpod(res(1, 1)), res(1, 3)),
         rpod(res(9, 19)), [ins("memory", 3, 19, 20)], code=U)
fit_case(T, "too many resources fails due to highest init container memory",
         init_pod(rpod(res(1, 1)), res(1, 3), res(1, 2)), rpod(res(9, 19)), [ins("memory", 3, 19, 20)], code=U)
fit_case(T, "init container fits because it's the max, not sum, of containers and init containers",
         init_pod(rpod(res(1, 1)), res(1, 1)), rpod(res(9, 19)), [])
fit_case(T, "multiple init containers fit because it's the max, not sum, of containers and init containers",
         init_pod(rpod(res(1, 1)), res(1, 1), res(1, 1)), rpod(res(9, 19)), [])
fit_case(T, "both resources fit", rpod(res(1, 1)), rpod(res(5, 5)), [])
fit_case(T, "one resource memory fits", rpod(res(2, 1)), rpod(res(9, 5)), [ins("cpu", 2, 9, 10)], code=U)
fit_case(T, "one resource cpu fits", rpod(res(1, 2)), rpod(res(5, 19)), [ins("memory", 2, 19, 20)], code=U)
fit_case(T, "equal edge case", rpod(res(5, 1)), rpod(res(5, 19)), [])
fit_case(T, "equal edge case for init container", init_pod(rpod(res(4, 1)), res(5, 1)), rpod(res(5, 19)), [])
fit_case(T, "extended resource fits", rpod(res(scalars={EXT_A: 1})), rpod(res()), [])
fit_case(T, "extended resource fits for init container", init_pod(rpod(res()), res(scalars={EXT_A: 1})),
         rpod(res()), [])
fit_case(T, "extended resource capacity enforced", rpod(res(1, 1, scalars={EXT_A: 10})),
         rpod(res(scalars={EXT_A: 0})), [ins(EXT_A, 10, 0, 5)], code="UnschedulableAndUnresolvable")
fit_case(T, "extended resource capacity enforced for init container",
         init_pod(rpod(res()), res(1, 1, scalars={EXT_A: 10})), rpod(res(scalars={EXT_A: 0})),
         [ins(EXT_A, 10, 0, 5)], code="UnschedulableAndUnresolvable")
fit_case(T, "extended resource allocatable enforced", rpod(res(1, 1, scalars={EXT_A: 1})),
         rpod(res(scalars={EXT_A: 5})), [ins(EXT_A, 1, 5, 5)], code=U)
fit_case(T, "extended resource allocatable enforced for init container",
         init_pod(rpod(res()), res(1, 1, scalars={EXT_A: 1})), rpod(res(scalars={EXT_A: 5})),
         [ins(EXT_A, 1, 5, 5)], code=U)
fit_case(T, "extended resource allocatable enforced for multiple containers",
         rpod(res(1, 1, scalars={EXT_A: 3}), res(1, 1, scalars={EXT_A: 3})), rpod(res(scalars={EXT_A: 2})),
         [ins(EXT_A, 6, 2, 5)], code="UnschedulableAndUnresolvable")
fit_case(T, "extended resource allocatable admits multiple init containers",
         init_pod(rpod(res()), res(1, 1, scalars={EXT_A: 3}), res(1, 1, scalars={EXT_A: 3})),
         rpod(res(scalars={EXT_A: 2})), [])
fit_case(T, "extended resource allocatable enforced for multiple init containers",
         init_pod(rpod(res()), res(1, 1, scalars={EXT_A: 6}), res(1, 1, scalars={EXT_A: 3})),
         rpod(res(scalars={EXT_A: 2})), [ins(EXT_A, 6, 2, 5)], code="UnschedulableAndUnresolvable")
fit_case(T, "extended resource allocatable enforced for unknown resource", rpod(res(1, 1, scalars={EXT_B: 1})),
         rpod(res()), [ins(EXT_B, 1, 0, 0)], code="UnschedulableAndUnresolvable")
fit_case(T, "extended resource allocatable enforced for unknown resource for init container",
         init_pod(rpod(res()), res(1, 1, scalars={EXT_B: 1})), rpod(res()), [ins(EXT_B, 1, 0, 0)], code="UnschedulableAndUnresolvable")
fit_case(T, "kubernetes.io resource capacity enforced", rpod(res(1, 1, scalars={K8S_A: 10})), rpod(res()),
         [ins(K8S_A, 10, 0, 0)], code="UnschedulableAndUnresolvable")
fit_case(T, "kubernetes.io resource capacity enforced for init container",
         init_pod(rpod(res()), res(1, 1, scalars={K8S_B: 10})), rpod(res()), [ins(K8S_B, 10, 0, 0)], code="UnschedulableAndUnresolvable")
fit_case(T, "hugepages resource capacity enforced", rpod(res(1, 1, scalars={HUGE_A: 10})),
         rpod(res(scalars={HUGE_A: 0})), [ins(HUGE_A, 10, 0, 5)], code="UnschedulableAndUnresolvable")
fit_case(T, "hugepages resource capacity enforced for init container",
         init_pod(rpod(res()), res(1, 1, scalars={HUGE_A: 10})), rpod(res(scalars={HUGE_A: 0})),
         [ins(HUGE_A, 10, 0, 5)], code="UnschedulableAndUnresolvable")
fit_case(T, "hugepages resource allocatable enforced for multiple containers",
         rpod(res(1, 1, scalars={HUGE_A: 3}), res(1, 1, scalars={HUGE_A: 3})), rpod(res(scalars={HUGE_A: 2})),
         [ins(HUGE_A, 6, 2, 5)], code="UnschedulableAndUnresolvable")
fit_case(T, "skip checking ignored extended resource", rpod(res(1, 1, scalars={EXT_B: 1})), rpod(res()), [],
         args={"ignoredResources": [EXT_B]})
over = rpod(res(1, 1))
over["spec"]["overhead"] = {"cpu": "3m", "memory": "13"}
fit_case(T, "resources + pod overhead fits", over, rpod(res(5, 5)), [])
over2 = rpod(res(1, 1))
over2["spec"]["overhead"] = {"cpu": "1m", "memory": "15"}
fit_case(T, "requests + overhead does not fit for memory", over2, rpod(res(5, 5)), [ins("memory", 16, 5, 20)],
         code=U)
fit_case(T, "skip checking ignored extended resource via resource groups",
         rpod(res(1, 1, scalars={EXT_B: 1, K8S_A: 1})), rpod(res()), [ins(K8S_A, 1, 0, 0)],
         args={"ignoredResourceGroups": ["example.com"]}, code="UnschedulableAndUnresolvable")
fit_case(T, "skip checking extended resource request with quantity zero via resource groups",
         rpod(res(1, 1, scalars={EXT_A: 0})), rpod(res(scalars={EXT_A: 6})), [])
fit_case(T, "skip checking resource request with quantity zero", rpod(res(scalars={EXT_A: 1})),
         rpod(res(20, 30, scalars={EXT_A: 1})), [])

# Pod-level resources (fit_test.go TestEnoughRequests with podLevelResourcesEnabled).


def plr(pod, requests):
    pod["spec"]["resources"] = {"requests": requests}
    return pod


PL = {"featureGates": {"PodLevelResources": True}}
fit_case(T, "both pod-level and container-level resources fit", plr(rpod(res(1, 1)), {"cpu": "1m", "memory": "2"}),
         rpod(res(5, 5)), [], args=PL)
fit_case(T, "pod-level cpu resource not fit", plr(rpod(res(1, 1)), {"cpu": "7m", "memory": "2"}), rpod(res(5, 5)),
         [ins("cpu", 7, 5, 10)], args=PL, code=U)
fit_case(T, "pod-level memory resource not fit", plr(rpod(res(1, 1)), {"cpu": "3m", "memory": "2"}),
         rpod(res(5, 19)), [ins("memory", 2, 19, 20)], args=PL, code=U)
fit_case(T, "pod-level hugepages resource fit", plr(rpod(), {"cpu": "3m", "memory": "2", HUGE_A: "5"}), None, [],
         args=PL)
fit_case(T, "both pod-level and container-level hugepages resource fit",
         plr(rpod(res(1, 1, scalars={HUGE_A: 3})), {"cpu": "3m", "memory": "2", HUGE_A: "5"}), None, [], args=PL)
fit_case(T, "pod-level hugepages resource not fit", plr(rpod(), {"cpu": "3m", "memory": "2", HUGE_A: "10"}), None,
         [ins(HUGE_A, 10, 0, 5)], args=PL, code="UnschedulableAndUnresolvable")
fit_case(T, "one pod-level cpu resource fits and all init and non-init containers resources fit",
         init_pod(plr(rpod(res(1, 1)), {"cpu": "3m", "memory": "2"}), res(1, 1)), rpod(res(5, 19)),
         [ins("memory", 2, 19, 20)], args=PL, code=U)

T = "fit_test.go:TestNotEnoughRequests"
ONE_POD = alloc(10, 20, 1, 0, 0, 0)
for name, pod, existing in [
    ("even without specified resources, predicate fails when there's no space for additional pod",
     {"metadata": {"name": "p"}}, rpod(res(10, 20))),
    ("even if both resources fit, predicate fails when there's no space for additional pod",
     rpod(res(1, 1)), rpod(res(5, 5))),
    ("even for equal edge case, predicate fails when there's no space for additional pod",
     rpod(res(5, 1)), rpod(res(5, 19))),
    ("even for equal edge case, predicate fails when there's no space for additional pod due to init container",
     init_pod(rpod(res(5, 1)), res(5, 1)), rpod(res(5, 19))),
]:
    fit_case(T, name, pod, existing, [ins("pods", 1, 1, 1)], node=ONE_POD, code=U)

T = "fit_test.go:TestStorageRequests"
fit_case(T, "empty storage requested, and pod fits", rpod(res(1, 1)), rpod(res(2, 10)), [])
fit_case(T, "storage ephemeral local storage request exceeds allocatable", rpod(res(storage=25)),
         rpod(res(2, 2)), [ins("ephemeral-storage", 25, 0, 20)], code="UnschedulableAndUnresolvable")
fit_case(T, "ephemeral local storage is sufficient", init_pod(rpod(res(storage=5))),
         rpod(res(2, 2, storage=10)), [])
fit_case(T, "pod fits", rpod(res(storage=10)), rpod(res(2, 2)), [])

# fit_test.go TestRestartableInitContainers: node allocatable cpu 2m, memory 0, 1 pod.
T = "fit_test.go:TestRestartableInitContainers"
SIDE_NODE = alloc(2, 0, 1, 0, 0, 0)


def sidecar_pod(request=None, sidecar=None):
    c = {"name": "regular"}
    if request:
        c["resources"] = {"requests": request}
    sc_ = {"name": "restartable-init", "restartPolicy": "Always"}
    if sidecar:
        sc_["resources"] = {"requests": sidecar}
    return {"metadata": {"name": "p"}, "spec": {"containers": [c], "initContainers": [sc_]}}


fit_case(T, "allow pod without restartable init containers if sidecar containers is disabled",
         {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "regular"}]}}, None, [], node=SIDE_NODE,
         args={"featureGates": {"SidecarContainers": False}})
add(T, "not allow pod with restartable init containers if sidecar containers is disabled", "scheduler.fits",
    {"pod": sidecar_pod(), "node": fit_node(SIDE_NODE), "nodePods": [],
     "featureGates": {"SidecarContainers": False}},
    {"fits": False, "code": "UnschedulableAndUnresolvable",
     "reasons": ["Pod has a restartable init container and the SidecarContainers feature is disabled"]})
fit_case(T, "allow pod with restartable init containers if sidecar containers is enabled", sidecar_pod(), None, [],
         node=SIDE_NODE)
fit_case(T, "allow pod if the total requested resources do not exceed the node's allocatable resources",
         sidecar_pod({"cpu": "1m"}, {"cpu": "1m"}), None, [], node=SIDE_NODE)
fit_case(T, "not allow pod if the total requested resources do exceed the node's allocatable resources",
         sidecar_pod({"cpu": "1m"}, {"cpu": "2m"}), None, [ins("cpu", 3, 0, 2)], node=SIDE_NODE,
         code="UnschedulableAndUnresolvable")


# ---- least_allocated_test.go: TestLeastAllocatedScoringStrategy (st.MakeNode().Capacity sets both) ----

def snode(name, cap):
    return {"metadata": {"name": name}, "status": {"capacity": cap, "allocatable": cap}}


def spod(*reqs, node=None):
    p = {"metadata": {"name": "p"}, "spec": {"containers": [
        {"name": f"c{i}", "resources": {"requests": r}} for i, r in enumerate(reqs)]}}
    if node:
        p["spec"]["nodeName"] = node
    return p


DEF = [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}]
EXT = "vendor-domain.io/extended-resource"
EXTSET = DEF + [{"name": EXT, "weight": 1}]
T = "least_allocated_test.go:TestLeastAllocatedScoringStrategy"


def la(name, pod, nodes, existing, scores, resources=DEF, status="Success"):
    add(T, name, "scheduler.score_least_allocated",
        {"pod": pod, "nodes": nodes, "existingPods": existing, "resources": resources},
        {"scores": [{"name": n, "score": s} for n, s in scores], "statusCode": status})


n4 = lambda name: snode(name, {"cpu": "4000", "memory": "10000"})  # noqa: E731
big = spod({"cpu": "1000", "memory": "2000"}, {"cpu": "2000", "memory": "3000"})
la("nothing scheduled, nothing requested", spod(), [n4("node1"), n4("node2")], [], [("node1", 100), ("node2", 100)])
la("nothing scheduled, resources requested, differently sized nodes", big,
   [n4("node1"), snode("node2", {"cpu": "6000", "memory": "10000"})], [], [("node1", 37), ("node2", 50)])
la("Resources not set, pods scheduled with error", big,
   [n4("node1"), snode("node2", {"cpu": "6000", "memory": "10000"})], [], [("node1", 0), ("node2", 0)],
   resources=None, status="Error")
la("no resources requested, pods scheduled", spod(), [n4("node1"), n4("node2")],
   [spod(node="node1"), spod(node="node1"), spod(node="node2"), spod(node="node2")],
   [("node1", 100), ("node2", 100)])
n10 = lambda name, mem="20000": snode(name, {"cpu": "10000", "memory": mem})  # noqa: E731
la("no resources requested, pods scheduled with resources", spod(), [n10("node1"), n10("node2")],
   [spod({"cpu": "3000", "memory": "0"}, node="node1"), spod({"cpu": "3000", "memory": "0"}, node="node1"),
    spod({"cpu": "3000", "memory": "0"}, node="node2"), spod({"cpu": "3000", "memory": "5000"}, node="node2")],
   [("node1", 70), ("node2", 57)])
la("resources requested, pods scheduled with resources", big, [n10("node1"), n10("node2")],
   [spod({"cpu": "3000", "memory": "0"}, node="node1"), spod({"cpu": "3000", "memory": "5000"}, node="node2")],
   [("node1", 57), ("node2", 45)])
la("resources requested, pods scheduled with resources, differently sized nodes", big,
   [n10("node1"), n10("node2", "50000")],
   [spod({"cpu": "3000", "memory": "0"}, node="node1"), spod({"cpu": "3000", "memory": "5000"}, node="node2")],
   [("node1", 57), ("node2", 60)])
la("requested resources exceed node capacity", spod({"cpu": "3000", "memory": "0"}), [n4("node1"), n4("node2")],
   [spod({"cpu": "3000", "memory": "0"}, node="node1"), spod({"cpu": "3000", "memory": "5000"}, node="node2")],
   [("node1", 50), ("node2", 25)])
la("zero node resources, pods scheduled with resources", spod(),
   [{"metadata": {"name": "node1"}}, {"metadata": {"name": "node2"}}],
   [spod({"cpu": "3000", "memory": "0"}, node="node1"), spod({"cpu": "3000", "memory": "5000"}, node="node2")],
   [("node1", 0), ("node2", 0)])
la("nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes",
   big, [n4("node1"), snode("node2", {"cpu": "6000", "memory": "10000"})], [], [("node1", 41), ("node2", 50)],
   resources=[{"name": "memory", "weight": 2}, {"name": "cpu", "weight": 1}])
for name, resources, idx in [
    ("resource with negative weight", [{"name": "memory", "weight": -1}, {"name": "cpu", "weight": 1}], 0),
    ("resource with zero weight", [{"name": "memory", "weight": 1}, {"name": "cpu", "weight": 0}], 1),
    ("resource weight larger than MaxNodeScore", [{"name": "memory", "weight": 1}, {"name": "cpu", "weight": 101}], 1),
]:
    add(T, name, "scheduler.score_least_allocated",
        {"pod": big, "nodes": [n4("node1")], "existingPods": [], "resources": resources},
        {"error": {"kind": "InvalidArgs", "field": f"scoringStrategy.resources[{idx}].weight",
                   "type": "FieldValueInvalid"}})
n6 = lambda name, extra=None: snode(name, {"cpu": "6000", "memory": "10000", **(extra or {})})  # noqa: E731
la("bypass extended resource if the pod does not request", big, [n6("node1"), n6("node2", {EXT: "4"})], [],
   [("node1", 50), ("node2", 50)], resources=EXTSET)
la("honor extended resource if the pod requests", spod({"cpu": "3000", "memory": "5000", EXT: "2"}),
   [n6("node1", {EXT: "4"}), n6("node2", {EXT: "10"})], [], [("node1", 50), ("node2", 60)], resources=EXTSET)
la("if the node doesn't have a resource", spod({"cpu": "3000", "memory": "4000"}),
   [n6("node1"), n6("node2", {EXT: "4"})], [], [("node1", 55), ("node2", 55)],
   resources=[{"name": EXT, "weight": 2}, {"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}])

T = "fit_test.go:TestFitScore"
fs_pod = spod({"cpu": "1000", "memory": "2000"})
fs_nodes = [n4("node1"), snode("node2", {"cpu": "6000", "memory": "10000"})]
fs_existing = [spod({"cpu": "2000", "memory": "4000"}, node="node1"), spod({"cpu": "1000", "memory": "2000"}, node="node2")]
la("test case for ScoringStrategy LeastAllocated", fs_pod, fs_nodes, fs_existing, [("node1", 32), ("node2", 63)])
add(T, "test case for ScoringStrategy MostAllocated", "scheduler.score_most_allocated",
    {"pod": fs_pod, "nodes": fs_nodes, "existingPods": fs_existing, "resources": DEF},
    {"scores": [{"name": "node1", "score": 67}, {"name": "node2", "score": 36}], "statusCode": "Success"})

sidecar_existing = spod({"cpu": "1000", "memory": "2000"}, node="node1")
sidecar_existing["spec"]["initContainers"] = [{"name": "sidecar", "restartPolicy": "Always",
                                                "resources": {"requests": {"cpu": "1000", "memory": "2000"}}}]
sc_nodes = [n4("node1"), n4("node2")]
sc_existing = [sidecar_existing, spod({"cpu": "1000", "memory": "2000"}, node="node2")]
la("test case for ScoringStrategy LeastAllocated with sidecar container", fs_pod, sc_nodes, sc_existing,
   [("node1", 32), ("node2", 55)])
add(T, "test case for ScoringStrategy MostAllocated with sidecar container", "scheduler.score_most_allocated",
    {"pod": fs_pod, "nodes": sc_nodes, "existingPods": sc_existing, "resources": DEF},
    {"scores": [{"name": "node1", "score": 67}, {"name": "node2", "score": 45}], "statusCode": "Success"})

# ---- balanced_allocation_test.go: TestNodeResourcesBalancedAllocation ----
T = "balanced_allocation_test.go:TestNodeResourcesBalancedAllocation"
cpu_only = [{"cpu": "1000m", "memory": "0"}, {"cpu": "2000m", "memory": "0"}]
cpu_mem = [{"cpu": "1000m", "memory": "2000"}, {"cpu": "2000m", "memory": "3000"}]


def ba(name, pod, nodes, existing, expect, resources=None):
    inp = {"pod": pod, "nodes": nodes, "existingPods": existing, "resources": resources}
    add(T, name, "scheduler.score_balanced_allocation", inp, expect)


def sc(*pairs):
    return {"scores": [{"name": n, "score": s} for n, s in pairs]}


m = lambda name, cpu, mem: snode(name, {"cpu": f"{cpu}m", "memory": str(mem)})  # noqa: E731
ba("nothing scheduled, nothing requested", spod(), [m("node1", 4000, 10000), m("node2", 4000, 10000)], [],
   {"skip": True})
ba("nothing scheduled, resources requested, differently sized nodes", spod(*cpu_mem),
   [m("node1", 4000, 10000), m("node2", 6000, 10000)], [], sc(("node1", 87), ("node2", 100)))
ba("no resources requested, pods scheduled", spod(), [m("node1", 4000, 10000), m("node2", 4000, 10000)],
   [spod(node="node1"), spod(node="node1"), spod(node="node2"), spod(node="node2")], {"skip": True})
ba("resources requested, pods scheduled with resources", spod(*cpu_mem),
   [m("node1", 10000, 20000), m("node2", 10000, 20000)],
   [spod(*cpu_only, node="node1"), spod(*cpu_mem, node="node2")], sc(("node1", 82), ("node2", 95)))
ba("resources requested, pods scheduled with resources, differently sized nodes", spod(*cpu_mem),
   [m("node1", 10000, 20000), m("node2", 10000, 50000)],
   [spod(*cpu_only, node="node1"), spod(*cpu_mem, node="node2")], sc(("node1", 82), ("node2", 80)))
ba("requested resources at node capacity", spod(*cpu_only),
   [m("node1", 4000, 10000), m("node2", 4000, 10000)],
   [spod(*cpu_only, node="node1"), spod(*cpu_mem, node="node2")], sc(("node1", 50), ("node2", 75)))
ba("zero node resources, pods scheduled with resources", spod(*cpu_mem),
   [{"metadata": {"name": "node1"}}, {"metadata": {"name": "node2"}}],
   [spod(*cpu_only, node="node1"), spod(*cpu_mem, node="node2")], sc(("node1", 100), ("node2", 100)))
ba("bypass a configured scalar resource the pod does not request", spod(*cpu_mem),
   [m("node1", 3500, 40000), snode("node2", {"cpu": "4000m", "memory": "10000", "nvidia.com/gpu": "4"})],
   [], sc(("node1", 63), ("node2", 87)),
   resources=[{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}, {"name": "nvidia.com/gpu", "weight": 1}])

# The newest upstream scorer (Kubernetes master): score with the pod against without it; the model
# selects it with the extension input ``scorer: "improvement"`` (see model/conformance/scheduler.py).
T = "balanced_allocation_test.go(master):TestNodeResourcesBalancedAllocation"


def bai(name, pod, nodes, existing, pairs, resources=None):
    inp = {"pod": pod, "nodes": nodes, "existingPods": existing,
           "resources": resources or [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}],
           "scorer": "improvement"}
    add(T, name, "scheduler.score_balanced_allocation", inp, sc(*pairs))


mem_only = [{"cpu": "0", "memory": "2000"}, {"cpu": "0", "memory": "3000"}]
gpu_pod = [{"cpu": "1000m", "memory": "2000"}, {"cpu": "2000m", "memory": "3000", "nvidia.com/gpu": "3"}]
gpu8 = lambda name: snode(name, {"cpu": "3500m", "memory": "40000", "nvidia.com/gpu": "8"})  # noqa: E731
RG = [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}, {"name": "nvidia.com/gpu", "weight": 1}]
bai("nothing scheduled, resources requested, differently sized nodes", spod(*cpu_mem),
    [m("node1", 4000, 10000), m("node2", 6000, 10000)], [], [("node1", 68), ("node2", 75)])
bai("resources requested, pods scheduled with resources", spod(*cpu_mem),
    [m("node1", 10000, 20000), m("node2", 10000, 20000)],
    [spod(*cpu_only, node="node1"), spod(*cpu_mem, node="node2")], [("node1", 73), ("node2", 74)])
bai("resources requested, pods scheduled with resources, differently sized nodes", spod(*cpu_mem),
    [m("node1", 10000, 20000), m("node2", 10000, 50000)],
    [spod(*cpu_only, node="node1"), spod(*cpu_mem, node="node2")], [("node1", 73), ("node2", 70)])
bai("resources requested, pods scheduled with resources, nodes to reach min/max score", spod(*mem_only),
    [m("node1", 3000, 5000), m("node2", 3000, 5000)], [spod(*cpu_only, node="node1")],
    [("node1", 100), ("node2", 50)])
bai("requested resources at node capacity", spod(*cpu_only), [m("node1", 6000, 10000), m("node2", 6000, 10000)],
    [spod(*cpu_only, node="node1"), spod(*cpu_mem, node="node2")], [("node1", 62), ("node2", 62)])
bai("include scalar resource on a node for balanced resource allocation",
    spod({"memory": "0", "nvidia.com/gpu": "1"}), [gpu8("node1"), gpu8("node2")],
    [spod(*cpu_mem, node="node2"), spod(*gpu_pod, node="node1")], [("node1", 75), ("node2", 76)], RG)
bai("node without the scalar resource should skip the scalar resource", spod(*cpu_mem),
    [gpu8("node1"), m("node2", 3500, 40000)], [], [("node1", 56), ("node2", 56)], RG)

# ---- taint_toleration_test.go: TestTaintTolerationScore / TestTaintTolerationFilter ----
T = "taint_toleration_test.go:TestTaintTolerationScore"


def tpod(tols):
    return {"metadata": {"name": "pod1"}, "spec": {"tolerations": tols}}


def tnode(name, taints):
    return {"metadata": {"name": name}, "spec": {"taints": taints}}


def tt(key, value, effect, op=None):
    d = {"key": key, "value": value, "effect": effect}
    if op:
        d["operator"] = op
    return d


P = "PreferNoSchedule"
N = "NoSchedule"


def ts(name, pod, nodes, scores):
    add(T, name, "scheduler.taint_toleration_score", {"pod": pod, "nodes": nodes}, sc(*scores))


ts("node with taints tolerated by the pod, gets a higher score than those node with intolerable taints",
   tpod([tt("foo", "bar", P, "Equal")]), [tnode("nodeA", [tt("foo", "bar", P)]), tnode("nodeB", [tt("foo", "blah", P)])],
   [("nodeA", 100), ("nodeB", 0)])
ts("the nodes that all of their taints are tolerated by the pod, get the same score",
   tpod([tt("cpu-type", "arm64", P, "Equal"), tt("disk-type", "ssd", P, "Equal")]),
   [tnode("nodeA", []), tnode("nodeB", [tt("cpu-type", "arm64", P)]),
    tnode("nodeC", [tt("cpu-type", "arm64", P), tt("disk-type", "ssd", P)])],
   [("nodeA", 100), ("nodeB", 100), ("nodeC", 100)])
ts("the more intolerable taints a node has, the lower score it gets",
   tpod([tt("foo", "bar", P, "Equal")]),
   [tnode("nodeA", []), tnode("nodeB", [tt("cpu-type", "arm64", P)]),
    tnode("nodeC", [tt("cpu-type", "arm64", P), tt("disk-type", "ssd", P)])],
   [("nodeA", 100), ("nodeB", 50), ("nodeC", 0)])
ts("only taints and tolerations that have effect PreferNoSchedule are checked",
   tpod([tt("cpu-type", "arm64", N, "Equal"), tt("disk-type", "ssd", N, "Equal")]),
   [tnode("nodeA", []), tnode("nodeB", [tt("cpu-type", "arm64", N)]),
    tnode("nodeC", [tt("cpu-type", "arm64", P), tt("disk-type", "ssd", P)])],
   [("nodeA", 100), ("nodeB", 100), ("nodeC", 0)])
ts("Default behaviour No taints and tolerations, lands on node with no taints", tpod([]),
   [tnode("nodeA", []), tnode("nodeB", [tt("cpu-type", "arm64", P)])], [("nodeA", 100), ("nodeB", 0)])

T = "taint_toleration_test.go:TestTaintTolerationFilter"
UU = {"fits": False, "code": "UnschedulableAndUnresolvable"}


def tf(name, tols, taints, fits, gates=None):
    inp = {"pod": tpod(tols), "node": tnode("nodeA", taints)}
    if gates is not None:
        inp["featureGates"] = gates
    add(T, name, "scheduler.taint_toleration_filter", inp, {"fits": True} if fits else UU)


tf("A pod having no tolerations can't be scheduled onto a node with nonempty taints", [],
   [tt("dedicated", "user1", N)], False)
tf("A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
   [tt("dedicated", "user1", N)], [tt("dedicated", "user1", N)], True)
tf("A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
   [tt("dedicated", "user2", N, "Equal")], [tt("dedicated", "user1", N)], False)
tf("A pod can be scheduled onto the node, with a toleration uses operator Exists",
   [{"key": "foo", "operator": "Exists", "effect": N}], [tt("foo", "bar", N)], True)
tf("A pod has multiple tolerations, node has multiple taints, all the taints are tolerated",
   [tt("dedicated", "user2", N, "Equal"), {"key": "foo", "operator": "Exists", "effect": N}],
   [tt("dedicated", "user2", N), tt("foo", "bar", N)], True)
tf("A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match",
   [tt("foo", "bar", P, "Equal")], [tt("foo", "bar", N)], False)
tf("The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty",
   [{"key": "foo", "operator": "Equal", "value": "bar"}], [tt("foo", "bar", N)], True)
tf("The pod has a toleration that key and value don't match the taint on the node, but the effect of taint "
   "on node is PreferNoSchedule", [tt("dedicated", "user2", N, "Equal")], [tt("dedicated", "user1", P)], True)
tf("The pod has no toleration, but the effect of taint on node is PreferNoSchedule", [],
   [tt("dedicated", "user1", P)], True)
# Numeric operators (TaintTolerationComparisonOperators; toleration.go ToleratesTaint).
G = {"TaintTolerationComparisonOperators": True}
tf("Gt toleration tolerates a taint with a greater value when the gate is on",
   [tt("sla", "950", N, "Gt")], [tt("sla", "999", N)], True, G)
tf("Gt toleration does not tolerate an equal value", [tt("sla", "950", N, "Gt")], [tt("sla", "950", N)], False, G)
tf("Lt toleration tolerates a taint with a smaller value", [tt("sla", "100", N, "Lt")], [tt("sla", "5", N)], True, G)
tf("Gt toleration matches nothing when the gate is off", [tt("sla", "950", N, "Gt")], [tt("sla", "999", N)], False,
   {"TaintTolerationComparisonOperators": False})
tf("Gt toleration with a non-canonical value matches nothing", [tt("sla", "0950", N, "Gt")],
   [tt("sla", "999", N)], False, G)

# ---- node_unschedulable_test.go: TestNodeUnschedulable ----
T = "node_unschedulable_test.go:TestNodeUnschedulable"


def nu(name, unsched, tols, fits):
    node = {"metadata": {"name": "n"}, "spec": {}}
    if unsched is not None:
        node["spec"]["unschedulable"] = unsched
    expect = {"fits": True} if fits else {"fits": False, "code": "UnschedulableAndUnresolvable"}
    add(T, name, "scheduler.node_unschedulable_filter", {"pod": tpod(tols), "node": node}, expect)


nu("Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)", True, [], False)
nu("Schedule pod to normal node", False, [], True)
nu("Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)", True,
   [{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}], True)
nu("Schedule pod with Exists toleration to unschedulable node", True, [{"operator": "Exists"}], True)
nu("Schedule pod to node without unschedulable set", None, [], True)

out = pathlib.Path(__file__).with_name("scheduler.jsonl")
out.write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in cases))
print(f"wrote {len(cases)} cases to {out}")
