"""Generate nodelifecycle.jsonl and gc.jsonl: the proposed node lifecycle, taint-eviction and GC ops.

Run ``python3 tests/conformance_cases/gen_nodelifecycle_gc.py``. Case ids name the Kubernetes test
(pkg/controller/nodelifecycle/node_lifecycle_controller_test.go,
pkg/controller/tainteviction/taint_eviction_test.go,
pkg/controller/garbagecollector/garbagecollector_test.go) whose scenario each case re-expresses.
"""

from __future__ import annotations

import json
import pathlib
import re

T0 = "2015-01-01T12:00:00Z"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


nl: list[dict] = []
gcs: list[dict] = []


def add(into, test, name, op, inp, expect):
    into.append({"id": f"{test}/{slug(name)}", "op": op, "input": inp, "expect": expect})


def node(ready=None, taints=None, created="2015-01-01T00:00:00Z"):
    n = {"metadata": {"name": "node0", "creationTimestamp": created}, "spec": {}, "status": {}}
    if ready is not None:
        n["status"]["conditions"] = [{"type": "Ready", "status": ready}]
    if taints:
        n["spec"]["taints"] = taints
    return n


UNREACH = "node.kubernetes.io/unreachable"
NOTREADY = "node.kubernetes.io/not-ready"


def pair(key):
    return [{"key": key, "effect": "NoSchedule"}, {"key": key, "effect": "NoExecute"}]


T = "node_lifecycle_controller_test.go:TestMonitorNodeHealthUpdateStatus"
add(nl, T, "node created recently without status, within the startup grace period",
    "nodelifecycle.observe_node",
    {"node": node(created="2015-01-01T11:59:30Z"), "lastHeartbeat": None, "now": T0, "gracePeriodSeconds": 40},
    {"readyCondition": "Unknown", "timedOut": False, "taints": []})
add(nl, T, "node created long time ago without status gets NodeStatusNeverUpdated Unknown",
    "nodelifecycle.observe_node",
    {"node": node(created="2012-01-01T00:00:00Z"), "lastHeartbeat": None, "now": T0, "gracePeriodSeconds": 40},
    {"readyCondition": "Unknown", "timedOut": True, "taints": pair(UNREACH)})
add(nl, T, "node created long time ago with status updated long ago becomes Unknown",
    "nodelifecycle.observe_node",
    {"node": node("True"), "lastHeartbeat": "2015-01-01T11:58:00Z", "now": T0, "gracePeriodSeconds": 40},
    {"readyCondition": "Unknown", "timedOut": True, "taints": pair(UNREACH)})
add(nl, T, "node with status updated recently keeps its Ready condition",
    "nodelifecycle.observe_node",
    {"node": node("True"), "lastHeartbeat": "2015-01-01T11:59:50Z", "now": T0, "gracePeriodSeconds": 40},
    {"readyCondition": "True", "timedOut": False, "taints": []})
add(nl, T, "grace period boundary is strict: exactly grace seconds is not yet a timeout",
    "nodelifecycle.observe_node",
    {"node": node("True"), "lastHeartbeat": "2015-01-01T11:59:20Z", "now": T0, "gracePeriodSeconds": 40},
    {"readyCondition": "True", "timedOut": False, "taints": []})
T = "node_lifecycle_controller_test.go:TestApplyNoExecuteTaints"
add(nl, T, "node reporting NotReady gets the not-ready taints", "nodelifecycle.observe_node",
    {"node": node("False"), "lastHeartbeat": "2015-01-01T11:59:55Z", "now": T0, "gracePeriodSeconds": 40},
    {"readyCondition": "False", "timedOut": False, "taints": pair(NOTREADY)})
T = "node_lifecycle_controller_test.go:TestSwapUnreachableNotReadyTaints"
add(nl, T, "unreachable taints are swapped for not-ready when the node reports NotReady",
    "nodelifecycle.observe_node",
    {"node": node("False", pair(UNREACH)), "lastHeartbeat": "2015-01-01T11:59:55Z", "now": T0,
     "gracePeriodSeconds": 40},
    {"readyCondition": "False", "taints": pair(NOTREADY)})
T = "node_lifecycle_controller_test.go:TestMarkNodeAsReachable"
add(nl, T, "taints are removed once the node is Ready again", "nodelifecycle.observe_node",
    {"node": node("True", pair(UNREACH)), "lastHeartbeat": "2015-01-01T11:59:55Z", "now": T0,
     "gracePeriodSeconds": 40},
    {"readyCondition": "True", "taints": []})

# taint_eviction_test.go
NE = [{"key": UNREACH, "effect": "NoExecute"}]
T = "taint_eviction_test.go:TestCreatePod"


def tol(key=UNREACH, seconds=None, op="Exists", effect="NoExecute", value=None):
    t = {"key": key, "operator": op, "effect": effect}
    if value is not None:
        t["value"] = value
    if seconds is not None:
        t["tolerationSeconds"] = seconds
    return t


def plan(test, name, taints, tols, expect, scheduled=None):
    inp = {"taints": taints, "tolerations": tols, "now": T0}
    if scheduled is not None:
        inp["scheduledAt"] = scheduled
    add(nl, test, name, "tainteviction.plan", inp, expect)


plan(T, "scheduled on tainted Node", [{"key": "testTaint1", "value": "test1", "effect": "NoExecute"}], [],
     {"action": "evictNow"})
plan(T, "scheduled on tainted Node with finite toleration",
     [{"key": "testTaint1", "value": "test1", "effect": "NoExecute"}],
     [tol("testTaint1", 100, "Equal", value="test1")], {"action": "evictAt", "at": "2015-01-01T12:01:40Z"})
plan(T, "scheduled on tainted Node with infinite toleration",
     [{"key": "testTaint1", "value": "test1", "effect": "NoExecute"}],
     [tol("testTaint1", None, "Equal", value="test1")], {"action": "none"})
plan(T, "scheduled on tainted Node with infinite invalid toleration",
     [{"key": "testTaint1", "value": "test1", "effect": "NoExecute"}],
     [tol("testTaint1", None, "Equal", value="invalid")], {"action": "evictNow"})
plan(T, "no NoExecute taint cancels any eviction", [{"key": "k", "effect": "NoSchedule"}], [], {"action": "none"})
T = "taint_eviction_test.go:TestGetMinTolerationTime"
plan(T, "zero toleration seconds evicts now", NE, [tol(seconds=0)], {"action": "evictNow"})
plan(T, "negative toleration seconds evicts now", NE, [tol(seconds=-5)], {"action": "evictNow"})
two = [{"key": UNREACH, "effect": "NoExecute"}, {"key": NOTREADY, "effect": "NoExecute"}]
plan(T, "the minimum over the used tolerations decides", two, [tol(UNREACH, 300), tol(NOTREADY, 10)],
     {"action": "evictAt", "at": "2015-01-01T12:00:10Z"})
plan(T, "a toleration without seconds does not shorten the others", two, [tol(UNREACH, None), tol(NOTREADY, 20)],
     {"action": "evictAt", "at": "2015-01-01T12:00:20Z"})
T = "taint_eviction_test.go:TestUpdateNode"
plan(T, "an eviction already scheduled keeps its start time", NE, [tol(seconds=300)],
     {"action": "evictAt", "at": "2015-01-01T12:03:00Z"}, scheduled="2015-01-01T11:58:00Z")
plan(T, "an eviction scheduled long enough ago fires now", NE, [tol(seconds=300)],
     {"action": "evictNow"}, scheduled="2015-01-01T11:50:00Z")
T = "helpers_test.go:TestGetMatchingTolerations"
plan(T, "the first tolerating toleration of a taint is the one used", NE, [tol(None, 600, "Exists", ""), tol(seconds=5)],
     {"action": "evictAt", "at": "2015-01-01T12:10:00Z"})

# garbagecollector_test.go
T = "garbagecollector_test.go:TestAttemptToDeleteItem"


def gcc(test, name, refs, owners, expect, finalizers=None, has_deps=None, deleting=False):
    meta = {"ownerReferences": [{"apiVersion": "v1", "kind": "ReplicationController", "name": f"o-{u}", "uid": u}
                                for u in refs]}
    if finalizers:
        meta["finalizers"] = finalizers
    if deleting:
        meta["deletionTimestamp"] = T0
    inp = {"object": {"metadata": meta}, "owners": owners}
    if has_deps is not None:
        inp["hasDependents"] = has_deps
    add(gcs, test, name, "gc.classify_owner_references", inp, expect)


gcc(T, "owner does not exist, the dependent is deleted in the background", ["u1"], {},
    {"solid": [], "dangling": ["u1"], "waiting": [], "action": "delete", "propagationPolicy": "Background"})
gcc(T, "owner exists, nothing to do", ["u1"], {"u1": {"exists": True}},
    {"solid": ["u1"], "dangling": [], "waiting": [], "action": "keep"})
gcc(T, "one solid and one dangling owner, the dangling reference is removed", ["u1", "u2"],
    {"u1": {"exists": True}}, {"solid": ["u1"], "dangling": ["u2"], "waiting": [], "action": "patchOwnerRefs"})
gcc(T, "a solid owner and one waiting for dependents, the waiting reference is removed", ["u1", "u2"],
    {"u1": {"exists": True}, "u2": {"exists": True, "deleting": True, "foreground": True}},
    {"solid": ["u1"], "dangling": [], "waiting": ["u2"], "action": "patchOwnerRefs"})
gcc(T, "owner being deleted in the background is still solid", ["u1"],
    {"u1": {"exists": True, "deleting": True, "foreground": False}},
    {"solid": ["u1"], "dangling": [], "waiting": [], "action": "keep"})
gcc(T, "only a waiting owner and dependents of its own: foreground delete", ["u1"],
    {"u1": {"exists": True, "deleting": True, "foreground": True}},
    {"solid": [], "dangling": [], "waiting": ["u1"], "action": "deleteForeground"}, has_deps=True)
gcc(T, "only a waiting owner and no dependents: background delete", ["u1"],
    {"u1": {"exists": True, "deleting": True, "foreground": True}},
    {"solid": [], "dangling": [], "waiting": ["u1"], "action": "delete", "propagationPolicy": "Background"},
    has_deps=False)
gcc(T, "dangling owner, object with the orphan finalizer is deleted with orphan policy", ["u1"], {},
    {"action": "delete", "propagationPolicy": "Orphan"}, finalizers=["orphan"])
gcc(T, "object without owner references is left alone", [], {},
    {"solid": [], "dangling": [], "waiting": [], "action": "keep"})
gcc(T, "object already being deleted in the background is left alone", ["u1"], {}, {"action": "keep"},
    deleting=True)

d = pathlib.Path(__file__).parent
(d / "nodelifecycle.jsonl").write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in nl))
(d / "gc.jsonl").write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in gcs))
print(f"wrote {len(nl)} nodelifecycle and {len(gcs)} gc cases")
