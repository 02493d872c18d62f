"""Writes tests/conformance_cases/replicaset_mined.jsonl: every table row of Kubernetes' own unit tests
for the shared pod helpers, the ReplicaSet controller and the RC adapter that the catalogue can
express, re-mined from the Go sources (independently of gen_replicaset.py).

Sources (kubernetes/kubernetes; table contents are the same in every recent release):
  pkg/controller/controller_utils_test.go      TestActivePodFiltering, TestSortingActivePods,
                                                TestSortingActivePodsWithRanks (+ newReplicationController)
  pkg/controller/controller_ref_manager_test.go TestClaimPods
  pkg/controller/replicaset/replica_set_test.go TestSyncReplicaSetDoesNothing, TestSyncReplicaSetCreateFailures,
      TestSyncReplicaSetDormancy, TestGetReplicaSetsWithSameController (+ its benchmark), TestRelatedPodsLookup,
      TestControllerBurstReplicas, TestRSSyncExpectations, TestDeleteControllerAndExpectations,
      TestExpectationsOnRecreate, TestDoNotPatchPodWithOtherControlRef, TestPatchPodFails,
      TestDoNotAdoptOrCreateIfBeingDeleted(Race), TestSlowStartBatch, TestGetPodsToDelete
  pkg/controller/replicaset/replica_set_utils_test.go TestCalculateStatus, TestCalculateStatusConditions
  pkg/api/v1/pod/util_test.go                   TestIsPodAvailable (through calculateStatus)

Go's random UUIDs become fixed ``uid-<name>`` strings; ``metav1.Now()`` becomes NOW. Where a Go test
keeps one informer across table rows, the rows here carry the informer's accumulated contents.

Run: python3 tests/conformance_cases/gen_replicaset_mined.py tests/conformance_cases
"""

import json
import random
import sys
from datetime import UTC, datetime, timedelta

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/conformance_cases"

NOW = "2024-05-01T12:00:00Z"
MONTH_AGO = "2024-04-01T12:00:00Z"  # now.AddDate(0, -1, 0)
AGO_2H = "2024-05-01T10:00:00Z"
AGO_5H = "2024-05-01T07:00:00Z"
AGO_8H = "2024-05-01T04:00:00Z"
COST = "controller.kubernetes.io/pod-deletion-cost"

CU = "controller_utils_test"
CRM = "controller_ref_manager_test"
RST = "replica_set_test"
RSU = "replica_set_utils_test"

cases = []


def case(cid, op, inp, expect):
    cases.append({"id": "mined/" + cid, "op": op, "input": inp, "expect": expect})


def mk_pod(name, *, ns=None, uid=None, labels=None, annotations=None, created=None, deleted=None,
           owners=None, node=None, phase=None, conditions=None, restarts=None):
    meta = {"name": name}
    if ns is not None:
        meta["namespace"] = ns
    if uid is not None:
        meta["uid"] = uid
    if labels is not None:
        meta["labels"] = dict(labels)
    if annotations is not None:
        meta["annotations"] = dict(annotations)
    if created is not None:
        meta["creationTimestamp"] = created
    if deleted is not None:
        meta["deletionTimestamp"] = deleted
    if owners is not None:
        meta["ownerReferences"] = list(owners)
    spec = {}
    if node is not None:
        spec["nodeName"] = node
    status = {}
    if phase is not None:
        status["phase"] = phase
    if conditions is not None:
        status["conditions"] = list(conditions)
    if restarts is not None:
        status["containerStatuses"] = [{"restartCount": r} for r in restarts]
    return {"metadata": meta, "spec": spec, "status": status}


def ready_cond(status="True", since=None):
    c = {"type": "Ready", "status": status}
    if since is not None:
        c["lastTransitionTime"] = since
    return c


# =====================================================================================
# controller_utils_test.go

# TestActivePodFiltering: newPodList(nil, 5, Running, rc): pod0..pod4 with the RC's selector labels.
_rc_sel = {"foo": "bar"}
pods = [mk_pod(f"pod{i}", ns="default", labels=_rc_sel, phase="Running") for i in range(5)]
pods[0]["status"]["phase"] = "Succeeded"
pods[1]["status"]["phase"] = "Failed"
case(f"{CU}/TestActivePodFiltering", "controller.filter_active_pods", {"pods": pods},
     {"activePodNames": ["pod2", "pod3", "pod4"]})

# TestSortingActivePods: pods[0..8] are already in deletion order; the test sorts 20 random shuffles.
sp = [mk_pod(f"pod{i}", ns="default", labels=_rc_sel, phase="Running") for i in range(9)]
sp[0]["status"]["phase"] = "Pending"
sp[1]["spec"]["nodeName"] = "bar"
sp[1]["status"]["phase"] = "Pending"
sp[2]["spec"]["nodeName"] = "foo"
sp[2]["status"]["phase"] = "Unknown"
sp[3]["spec"]["nodeName"] = "foo"
for i in range(4, 9):
    sp[i]["spec"]["nodeName"] = "foo"
sp[4]["status"]["conditions"] = [ready_cond()]
sp[4]["status"]["containerStatuses"] = [{"restartCount": 3}, {"restartCount": 0}]
sp[5]["status"]["conditions"] = [ready_cond(since=NOW)]
sp[5]["status"]["containerStatuses"] = [{"restartCount": 3}, {"restartCount": 0}]
sp[6]["status"]["conditions"] = [ready_cond(since=MONTH_AGO)]
sp[6]["status"]["containerStatuses"] = [{"restartCount": 3}, {"restartCount": 0}]
sp[7]["status"]["conditions"] = [ready_cond(since=MONTH_AGO)]
sp[7]["status"]["containerStatuses"] = [{"restartCount": 2}, {"restartCount": 1}]
sp[7]["metadata"]["creationTimestamp"] = NOW
sp[8]["status"]["conditions"] = [ready_cond(since=MONTH_AGO)]
sp[8]["status"]["containerStatuses"] = [{"restartCount": 2}, {"restartCount": 1}]
sp[8]["metadata"]["creationTimestamp"] = MONTH_AGO
expected_order = [f"pod{i}" for i in range(9)]
rng = random.Random(20240501)
perms = [list(range(9)), list(reversed(range(9)))]
while len(perms) < 20:
    p = list(range(9))
    rng.shuffle(p)
    if p not in perms:
        perms.append(p)
for k, perm in enumerate(perms):
    case(f"{CU}/TestSortingActivePods/shuffle-{k:02d}", "controller.sort_active_pods",
         {"pods": [sp[j] for j in perm]}, {"order": expected_order})


# The table-driven form of the same two tests in newer releases: TestActivePodFiltering/"Filters
# active pods" renames the five pods and sets phases Succeeded, Failed and three empty phases.
newer = [mk_pod(f"pod{i}", ns="default", labels=_rc_sel, phase="Running") for i in range(5)]
for i, (nm, ph) in enumerate((("pod-1", "Succeeded"), ("pod-2", "Failed"), ("pod-3", ""), ("pod-4", ""),
                              ("pod-5", ""))):
    newer[i]["metadata"]["name"] = nm
    newer[i]["status"]["phase"] = ph
case(f"{CU}/TestActivePodFiltering/Filters active pods", "controller.filter_active_pods", {"pods": newer},
     {"activePodNames": ["pod-3", "pod-4", "pod-5"]})


def named(name, node, phase, conditions=None, restarts=None, created=None):
    return mk_pod(name, node=node, phase=phase, conditions=conditions, restarts=restarts, created=created)


table_pods = [
    named("unscheduled", "", "Pending"),
    named("scheduledButPending", "bar", "Pending"),
    named("unknownPhase", "foo", "Unknown"),
    named("runningButNotReady", "foo", "Running"),
    named("runningNoLastTransitionTime", "foo", "Running", [ready_cond()], [3, 0]),
    named("runningWithLastTransitionTime", "foo", "Running", [ready_cond(since=NOW)], [3, 0]),
    named("runningLongerTime", "foo", "Running", [ready_cond(since=MONTH_AGO)], [3, 0]),
    named("lowerContainerRestartCount", "foo", "Running", [ready_cond(since=MONTH_AGO)], [2, 1], created=NOW),
    named("oldest", "foo", "Running", [ready_cond(since=MONTH_AGO)], [2, 1], created=MONTH_AGO),
]
for k, perm in enumerate(perms):
    case(f"{CU}/TestSortingActivePods/Sorts by active pod/shuffle-{k:02d}", "controller.sort_active_pods",
         {"pods": [table_pods[j] for j in perm]}, {"order": [p["metadata"]["name"] for p in table_pods]})


# TestSortingActivePodsWithRanks: the pod(...) helper gives a ready pod one container status and the
# Ready condition; a not-ready pod has neither.
def rank_pod(name, node, phase, ready, restarts, ready_since, created, annotations=None):
    p = mk_pod(name, node=node, phase=phase, annotations=annotations,
               created=created if created is not None else None)
    if ready:
        p["status"]["conditions"] = [ready_cond(since=ready_since)]
        p["status"]["containerStatuses"] = [{"restartCount": restarts}]
    return p


ZERO = None  # metav1.Time{}: left out of the JSON (missing = Go's zero time)
rp = {
    "unscheduledPod": rank_pod("unscheduled", "", "Pending", False, 0, ZERO, ZERO),
    "scheduledPendingPod": rank_pod("pending", "node", "Pending", False, 0, ZERO, ZERO),
    "unknownPhasePod": rank_pod("unknown-phase", "node", "Unknown", False, 0, ZERO, ZERO),
    "runningNotReadyPod": rank_pod("not-ready", "node", "Running", False, 0, ZERO, ZERO),
    "runningReadyNoLastTransitionTimePod": rank_pod("ready-no-last-transition-time", "node", "Running", True, 0,
                                                    ZERO, ZERO),
    "runningReadyNow": rank_pod("ready-now", "node", "Running", True, 0, NOW, NOW),
    "runningReadyThen": rank_pod("ready-then", "node", "Running", True, 0, MONTH_AGO, MONTH_AGO),
    "runningReadyNowHighRestarts": rank_pod("ready-high-restarts", "node", "Running", True, 9001, NOW, NOW),
    "runningReadyNowCreatedThen": rank_pod("ready-now-created-then", "node", "Running", True, 0, NOW, MONTH_AGO),
    "lowPodDeletionCost": rank_pod("low-deletion-cost", "node", "Running", True, 0, NOW, MONTH_AGO, {COST: "10"}),
    "highPodDeletionCost": rank_pod("high-deletion-cost", "node", "Running", True, 0, NOW, MONTH_AGO,
                                    {COST: "100"}),
    "unscheduled5Hours": rank_pod("unscheduled-5-hours", "", "Pending", False, 0, AGO_5H, AGO_5H),
    "unscheduled8Hours": rank_pod("unscheduled-10-hours", "", "Pending", False, 0, AGO_8H, AGO_8H),
    "ready2Hours": rank_pod("ready-2-hours", "", "Running", True, 0, AGO_2H, MONTH_AGO),
    "ready5Hours": rank_pod("ready-5-hours", "", "Running", True, 0, AGO_5H, MONTH_AGO),
    "ready10Hours": rank_pod("ready-10-hours", "", "Running", True, 0, AGO_8H, MONTH_AGO),
}
equality = [
    ("unscheduledPod", None), ("scheduledPendingPod", None), ("unknownPhasePod", None),
    ("runningNotReadyPod", None), ("runningReadyNowCreatedThen", None), ("runningReadyNow", None),
    ("runningReadyThen", None), ("runningReadyNowHighRestarts", None), ("runningReadyNowCreatedThen", None),
    ("unscheduled5Hours", "unscheduled8Hours"), ("ready5Hours", "ready10Hours"),
]
for k, (p1, p2) in enumerate(equality):
    p2 = p2 or p1
    case(f"{CU}/TestSortingActivePodsWithRanks/equality-{k:02d}-{p1}-{p2}", "replicaset.compare_pods_for_deletion",
         {"a": {"pod": rp[p1], "rank": 1}, "b": {"pod": rp[p2], "rank": 1}, "now": NOW,
          "featureGates": {"LogarithmicScaleDown": True}},
         {"aBeforeB": False, "bBeforeA": False})

inequality = [
    ("unscheduledPod", 1, "scheduledPendingPod", 2, {}),
    ("unscheduledPod", 2, "scheduledPendingPod", 1, {}),
    ("scheduledPendingPod", 1, "unknownPhasePod", 2, {}),
    ("unknownPhasePod", 1, "runningNotReadyPod", 2, {}),
    ("runningNotReadyPod", 1, "runningReadyNoLastTransitionTimePod", 1, {}),
    ("runningReadyNoLastTransitionTimePod", 1, "runningReadyNow", 1, {}),
    ("runningReadyNow", 2, "runningReadyNoLastTransitionTimePod", 1, {}),
    ("runningReadyNow", 1, "runningReadyThen", 1, {}),
    ("runningReadyNow", 2, "runningReadyThen", 1, {}),
    ("runningReadyNowHighRestarts", 1, "runningReadyNow", 1, {}),
    ("runningReadyNow", 2, "runningReadyNowHighRestarts", 1, {}),
    ("runningReadyNow", 1, "runningReadyNowCreatedThen", 1, {}),
    ("runningReadyNowCreatedThen", 2, "runningReadyNow", 1, {}),
    ("lowPodDeletionCost", 2, "highPodDeletionCost", 1, {}),
    ("highPodDeletionCost", 2, "lowPodDeletionCost", 1, {"PodDeletionCost": False}),
    ("ready2Hours", 1, "ready5Hours", 1, {}),
]
for k, (lesser, lr, greater, gr, off) in enumerate(inequality):
    gates = {"PodDeletionCost": True, "LogarithmicScaleDown": True}
    gates.update(off)
    base = f"{CU}/TestSortingActivePodsWithRanks/test{k}"
    case(base, "replicaset.compare_pods_for_deletion",
         {"a": {"pod": rp[lesser], "rank": lr}, "b": {"pod": rp[greater], "rank": gr}, "now": NOW,
          "featureGates": gates},
         {"aBeforeB": True, "bBeforeA": False})
    # The same row as a two-pod sort, started in the wrong order.
    case(base + "/sorted", "replicaset.rank_pods_for_deletion",
         {"pods": [rp[greater], rp[lesser]], "ranks": [gr, lr], "now": NOW, "featureGates": gates},
         {"order": [rp[lesser]["metadata"]["name"], rp[greater]["metadata"]["name"]]})

# =====================================================================================
# controller_ref_manager_test.go TestClaimPods: pods in "default", owners via
# metav1.NewControllerRef(owner, apps/v1 Kind "Fake"); the manager's controllerKind is the empty GVK;
# the RC controllers have no name; canAdopt always succeeds; FakePodControl never fails.
PROD = {"type": "production"}
TESTL = {"type": "testing"}
PROD_SEL = {"matchLabels": {"type": "production"}}


def claim_ctrl(uid, ns="default", deleted=None):
    meta = {"name": "", "namespace": ns, "uid": uid}
    if deleted:
        meta["deletionTimestamp"] = deleted
    return {"apiVersion": "", "kind": "", "metadata": meta}


def fake_ref(uid):
    return {"apiVersion": "apps/v1", "kind": "Fake", "name": "", "uid": uid, "controller": True,
            "blockOwnerDeletion": True}


def cpod(name, labels, owner_uid=None, ns="default", deleted=None):
    return mk_pod(name, ns=ns, labels=labels, deleted=deleted,
                  owners=[fake_ref(owner_uid)] if owner_uid is not None else None)


claim_rows = [
    ("Claim pods with correct label", claim_ctrl(""),
     [cpod("pod1", PROD), cpod("pod2", TESTL)], [], ["pod1"], 1),
    ("Controller marked for deletion can not claim pods", claim_ctrl("123", deleted=NOW),
     [cpod("pod1", PROD), cpod("pod2", PROD)], [], [], 0),
    ("Controller marked for deletion can not claim new pods", claim_ctrl("123", deleted=NOW),
     [cpod("pod1", PROD, "123"), cpod("pod2", PROD)], [], ["pod1"], 0),
    ("Controller can not claim pods owned by another controller", claim_ctrl("123"),
     [cpod("pod1", PROD, "123"), cpod("pod2", PROD, "AAAAA")], [], ["pod1"], 0),
    ("Controller releases claimed pods when selector doesn't match", claim_ctrl("123"),
     [cpod("pod1", PROD, "123"), cpod("pod2", TESTL, "123")], [], ["pod1"], 1),
    ("Controller does not claim orphaned pods marked for deletion", claim_ctrl("123"),
     [cpod("pod1", PROD, "123", deleted=NOW), cpod("pod2", PROD, deleted=NOW)], [], ["pod1"], 0),
    ("Controller claims or release pods according to selector with finalizers", claim_ctrl("123"),
     [cpod("pod1", PROD, "123"), cpod("pod2", TESTL, "123"), cpod("pod3", PROD)],
     ["foo-finalizer", "bar-finalizer"], ["pod1", "pod3"], 2),
    ("Controller does not claim pods of different namespace", claim_ctrl("123"),
     [cpod("pod1", PROD), cpod("pod2", PROD, ns="fakens")], [], ["pod1"], 1),
    ("Cluster scoped controller claims pods of specified namespace", claim_ctrl("123", ns=""),
     [cpod("pod1", PROD), cpod("pod2", PROD, ns="fakens")], [], ["pod1", "pod2"], 2),
]
for name, ctrl, cpods, fins, claimed, patches in claim_rows:
    inp = {"controller": ctrl, "selector": PROD_SEL, "pods": cpods}
    if fins:
        inp["finalizers"] = fins
    case(f"{CRM}/TestClaimPods/{name}", "controller.claim_pods", inp,
         {"claimedPodNames": claimed, "patches": patches, "error": False})

# =====================================================================================
# replica_set_test.go / replica_set_utils_test.go
# newReplicaSet(replicas, selectorMap): name foobar, namespace default, owned by a controller with
# UID "123", template labels {name: foo, type: production}; TypeMeta apiVersion v1, kind ReplicaSet.
TEMPLATE_LABELS = {"name": "foo", "type": "production"}


def new_rs(replicas, selector, name="foobar", uid="rs-uid", owner_uid="123", deleted=None, mrs=None,
           conditions=None, status=None):
    meta = {"name": name, "namespace": "default", "uid": uid,
            "ownerReferences": [{"uid": owner_uid, "controller": True}]}
    if deleted:
        meta["deletionTimestamp"] = deleted
    spec = {"replicas": replicas, "selector": {"matchLabels": dict(selector)},
            "template": {"metadata": {"labels": dict(TEMPLATE_LABELS)},
                         "spec": {"containers": [{"name": "", "image": "foo/bar"}]}}}
    if mrs is not None:
        spec["minReadySeconds"] = mrs
    st = dict(status or {})
    if conditions is not None:
        st["conditions"] = conditions
    return {"apiVersion": "v1", "kind": "ReplicaSet", "metadata": meta, "spec": spec, "status": st}


def rs_ref(rs, api_version="v1beta1"):
    return {"uid": rs["metadata"]["uid"], "apiVersion": api_version, "kind": "ReplicaSet",
            "name": rs["metadata"]["name"], "controller": True}


def new_pod(name, rs, phase, properly_owned=True, ltt=None):
    """replica_set_test.go newPod: Running pods get Ready=True (transition time unset unless given);
    labels are the RS selector's; properlyOwned adds the controllerRef, otherwise an empty owner
    reference (not a controller) is left in the list."""
    conditions = [ready_cond(since=ltt)] if phase == "Running" else None
    owners = [rs_ref(rs)] if properly_owned else [{"apiVersion": "", "kind": "", "name": "", "uid": ""}]
    return mk_pod(name, ns="default", uid="uid-" + name, labels=rs["spec"]["selector"]["matchLabels"],
                  owners=owners, phase=phase, conditions=conditions)


def new_pod_list(count, phase, labels, rs, prefix="pod"):
    out = []
    for i in range(count):
        p = new_pod(f"{prefix}{i}", rs, phase, properly_owned=False)
        p["metadata"]["labels"] = dict(labels)
        p["metadata"]["ownerReferences"] = [rs_ref(rs)]
        out.append(p)
    return out


def sync(cid, rs, pods, expect, burst=500, expectations=None, create_limit=0, fail=False, live=None,
         replica_sets=None):
    inp = {"replicaSet": rs, "pods": pods, "burstReplicas": burst, "expectations": expectations,
           "podControl": {"createLimit": create_limit, "fail": fail}, "now": NOW}
    if live is not None:
        inp["liveReplicaSet"] = live
    if replica_sets is not None:
        inp["replicaSets"] = replica_sets
    case(cid, "replicaset.sync", inp, expect)


FOO_BAR = {"foo": "bar"}

# TestSyncReplicaSetDoesNothing: 2 running pods, 2 replicas.
rs = new_rs(2, FOO_BAR)
sync(f"{RST}/TestSyncReplicaSetDoesNothing", rs, new_pod_list(2, "Running", FOO_BAR, rs),
     {"createCalls": 0, "recordedCreates": 0, "deletes": 0, "patches": 0, "error": False,
      "expectationsAfter": None, "expectationsSatisfiedAfter": True})

# TestSyncReplicaSetCreateFailures: 100 replicas, CreateLimit 10: 10 recorded creates, at most
# 1+2+4+8 = 15 create calls.
rs = new_rs(100, FOO_BAR)
sync(f"{RST}/TestSyncReplicaSetCreateFailures", rs, [],
     {"recordedCreates": 10, "createCalls": {"$le": 15}, "deletes": 0, "patches": 0, "error": True},
     create_limit=10)

# TestSyncReplicaSetDormancy: 2 replicas, one running pod.
rs = new_rs(2, FOO_BAR, status={"replicas": 1, "readyReplicas": 1, "availableReplicas": 1})
one = new_pod_list(1, "Running", FOO_BAR, rs)
D = f"{RST}/TestSyncReplicaSetDormancy"
sync(D + "/creates-a-replica-and-sets-expectations", rs, one,
     {"createCalls": 1, "recordedCreates": 1, "deletes": 0, "patches": 0, "error": False,
      "expectationsAfter": {"add": 1, "del": 0}, "expectationsSatisfiedAfter": False})
sync(D + "/expectations-prevent-replicas", new_rs(2, FOO_BAR), one,
     {"createCalls": 0, "recordedCreates": 0, "deletes": 0, "patches": 0,
      "expectationsAfter": {"add": 1, "del": 0}},
     expectations={"add": 1, "del": 0})
sync(D + "/lowered-expectations-failed-create-leaves-zero", rs, one,
     {"createCalls": 1, "recordedCreates": 1, "deletes": 0, "patches": 0, "error": True,
      "expectationsAfter": {"add": 0, "del": 0}, "expectationsSatisfiedAfter": True},
     expectations={"add": 0, "del": 0}, fail=True)
sync(D + "/no-lowering-needed-after-failed-create", rs, one,
     {"createCalls": 1, "recordedCreates": 1, "deletes": 0, "patches": 0, "error": False,
      "expectationsAfter": {"add": 1, "del": 0}},
     expectations={"add": 0, "del": 0})

# TestRSSyncExpectations: burst 2; the second pod lands in the cache while expectations are checked,
# so the listing sees both pods and nothing is created.
rs = new_rs(2, FOO_BAR)
sync(f"{RST}/TestRSSyncExpectations", rs, new_pod_list(2, "Pending", FOO_BAR, rs),
     {"createCalls": 0, "deletes": 0, "patches": 0}, burst=2)

# TestDeleteControllerAndExpectations: the first sync (burst 10) creates one pod and sets expectations.
rs = new_rs(1, FOO_BAR)
sync(f"{RST}/TestDeleteControllerAndExpectations/first-sync", rs, [],
     {"createCalls": 1, "deletes": 0, "patches": 0, "expectationsAfter": {"add": 1, "del": 0},
      "expectationsSatisfiedAfter": False}, burst=10)

# TestExpectationsOnRecreate (burst 100): the RS and its re-created twin (new UID, expectations
# dropped on delete) each create one pod and leave unfulfilled expectations.
sync(f"{RST}/TestExpectationsOnRecreate/old-rs", new_rs(1, FOO_BAR, uid="old-uid"), [],
     {"createCalls": 1, "deletes": 0, "patches": 0, "expectationsAfter": {"add": 1, "del": 0},
      "expectationsSatisfiedAfter": False}, burst=100)
sync(f"{RST}/TestExpectationsOnRecreate/new-rs", new_rs(1, FOO_BAR, uid="new-uid"), [],
     {"createCalls": 1, "deletes": 0, "patches": 0, "expectationsAfter": {"add": 1, "del": 0},
      "expectationsSatisfiedAfter": False}, burst=100)

# TestDoNotPatchPodWithOtherControlRef: a matching pod controlled by another RS is ignored.
rs = new_rs(2, FOO_BAR)
p = new_pod("pod", rs, "Running")
p["metadata"]["ownerReferences"] = [{"uid": "another-uid", "apiVersion": "v1beta1", "kind": "ReplicaSet",
                                     "name": "AnotherRS", "controller": True}]
sync(f"{RST}/TestDoNotPatchPodWithOtherControlRef", rs, [p],
     {"createCalls": 2, "deletes": 0, "patches": 0, "error": False})

# TestPatchPodFails: two matching orphans, both adoption patches fail.
rs = new_rs(2, FOO_BAR)
sync(f"{RST}/TestPatchPodFails", rs,
     [new_pod("pod1", rs, "Running", properly_owned=False), new_pod("pod2", rs, "Running", properly_owned=False)],
     {"createCalls": 0, "deletes": 0, "patches": 2, "error": True}, fail=True)

# TestDoNotAdoptOrCreateIfBeingDeleted: the cached RS is being deleted.
rs = new_rs(2, FOO_BAR, deleted=NOW)
sync(f"{RST}/TestDoNotAdoptOrCreateIfBeingDeleted", rs, [new_pod("pod1", rs, "Running", properly_owned=False)],
     {"createCalls": 0, "deletes": 0, "patches": 0, "error": False})

# TestDoNotAdoptOrCreateIfBeingDeletedRace: the cache says alive, the quorum GET says deleted.
live = new_rs(2, FOO_BAR, deleted=NOW)
cached = new_rs(2, FOO_BAR)
sync(f"{RST}/TestDoNotAdoptOrCreateIfBeingDeletedRace", cached,
     [new_pod("pod1", cached, "Running", properly_owned=False)],
     {"createCalls": 0, "deletes": 0, "patches": 0, "error": True}, live=live)


# Rows of earlier releases of replica_set_test.go (and the RC twin replication_controller_test.go)
# whose expectations still hold for the current controller.
OLD = f"{RST}@2017"
rs = new_rs(1, FOO_BAR)
sync(f"{OLD}/TestSyncReplicaSetDeletes", rs, new_pod_list(2, "Running", FOO_BAR, rs),
     {"createCalls": 0, "deletes": 1, "patches": 0, "error": False, "expectationsAfter": {"add": 0, "del": 1}})
rs = new_rs(2, FOO_BAR)
sync(f"{OLD}/TestSyncReplicaSetCreates", rs, [],
     {"createCalls": 2, "deletes": 0, "patches": 0, "error": False, "expectationsAfter": {"add": 2, "del": 0}})
failed = new_pod("failed-pod", rs, "Failed")
gone = new_pod("deleted-pod", rs, "Running")
gone["metadata"]["deletionTimestamp"] = NOW
sync(f"{OLD}/TestSyncReplicaSetCreates/inactive-pods-ignored", rs, [failed, gone],
     {"createCalls": 2, "deletes": 0, "patches": 0, "error": False})
rs = new_rs(5, FOO_BAR, status={"replicas": 5, "readyReplicas": 5, "availableReplicas": 5})
sync(f"{OLD}/TestStatusUpdatesWithoutReplicasChange", rs, new_pod_list(5, "Running", FOO_BAR, rs),
     {"createCalls": 0, "deletes": 0, "patches": 0, "error": False})
# TestControllerUpdateReplicas: template labels carry an extra key; two of the four pods have it.
extra = {"foo": "bar", "extraKey": "extraValue"}
rs = new_rs(5, FOO_BAR, status={"replicas": 2, "fullyLabeledReplicas": 6, "readyReplicas": 2,
                                "availableReplicas": 2})
rs["spec"]["template"]["metadata"]["labels"] = dict(extra)
upd = new_pod_list(2, "Running", FOO_BAR, rs) + new_pod_list(2, "Running", extra, rs, "podWithExtraLabel")
sync(f"{OLD}/TestControllerUpdateReplicas", rs, upd,
     {"createCalls": 1, "deletes": 0, "patches": 0, "error": False})
case(f"{OLD}/TestControllerUpdateReplicas/status", "replicaset.calculate_status",
     {"replicaSet": rs, "filteredPods": upd, "manageReplicasErr": None, "now": NOW},
     {"replicas": 4, "fullyLabeledReplicas": 2, "readyReplicas": 4, "availableReplicas": 4})
# TestPatchPodWithOtherOwnerRef: a matching pod owned (not controlled) by a Job is adopted.
rs = new_rs(2, FOO_BAR)
p = new_pod("pod", rs, "Running")
p["metadata"]["ownerReferences"] = [{"uid": "job-uid", "apiVersion": "batch/v1", "kind": "Job", "name": "Job"}]
sync(f"{OLD}/TestPatchPodWithOtherOwnerRef", rs, [p],
     {"createCalls": 1, "deletes": 0, "patches": 1, "error": False})
# TestPatchPodWithCorrectOwnerRef: an owner reference to the RS without controller=true is an orphan.
p = new_pod("pod", rs, "Running")
p["metadata"]["ownerReferences"] = [{"uid": "rs-uid", "apiVersion": "v1", "kind": "ReplicaSet", "name": "foobar"}]
sync(f"{OLD}/TestPatchPodWithCorrectOwnerRef", rs, [p],
     {"createCalls": 1, "deletes": 0, "patches": 1, "error": False})
# TestPatchExtraPodsThenDelete: three orphans adopted, one deleted as surplus.
sync(f"{OLD}/TestPatchExtraPodsThenDelete", rs,
     [new_pod(f"pod{i}", rs, "Running", properly_owned=False) for i in (1, 2, 3)],
     {"createCalls": 0, "deletes": 1, "patches": 3, "error": False})
# TestUpdateLabelsRemoveControllerRef: the owned pod lost its labels: released and replaced.
p = new_pod("pod", rs, "Running")
p["metadata"]["labels"] = {}
sync(f"{OLD}/TestUpdateLabelsRemoveControllerRef", rs, [p],
     {"createCalls": 2, "deletes": 0, "patches": 1, "error": False})
# TestUpdateSelectorControllerRef: the RS selector moved away from its two pods.
moved = new_rs(2, {"foo": "baz"})
sync(f"{OLD}/TestUpdateSelectorControllerRef", moved, new_pod_list(2, "Running", FOO_BAR, moved),
     {"createCalls": 2, "deletes": 0, "patches": 2, "error": False})
# TestReadyReplicas: both newPodList calls name their pods pod0/pod1, so the Running ones replace the
# Pending ones in the indexer.
rs = new_rs(2, FOO_BAR, status={"replicas": 2, "readyReplicas": 0, "availableReplicas": 0,
                                "observedGeneration": 1})
rs["metadata"]["generation"] = 1
running = new_pod_list(2, "Running", FOO_BAR, rs)
sync(f"{OLD}/TestReadyReplicas", rs, running, {"createCalls": 0, "deletes": 0, "patches": 0, "error": False})
case(f"{OLD}/TestReadyReplicas/status", "replicaset.calculate_status",
     {"replicaSet": rs, "filteredPods": running, "manageReplicasErr": None, "now": NOW},
     {"replicas": 2, "readyReplicas": 2, "availableReplicas": 2})
# TestAvailableReplicas: minReadySeconds 15; one pod ready 20 s ago, one ready now.
rs = new_rs(2, FOO_BAR, mrs=15, status={"replicas": 2, "observedGeneration": 1})
avail = [new_pod("pod", rs, "Running", ltt="2024-05-01T11:59:40Z"), new_pod("otherPod", rs, "Running", ltt=NOW)]
sync(f"{OLD}/TestAvailableReplicas", rs, avail, {"createCalls": 0, "deletes": 0, "patches": 0, "error": False})
case(f"{OLD}/TestAvailableReplicas/status", "replicaset.calculate_status",
     {"replicaSet": rs, "filteredPods": avail, "manageReplicasErr": None, "now": NOW},
     {"replicas": 2, "readyReplicas": 2, "availableReplicas": 1})

# replication_controller_test.go (before RCs ran on the RS code): the same rows for an RC seen
# through the adapter (kind ReplicationController, pods owned via v1 controllerRefs).
RCT = "replication_controller_test@2017"


def rc_as_rs(replicas):
    r = new_rs(replicas, FOO_BAR, uid="rc-uid")
    r["apiVersion"], r["kind"] = "v1", "ReplicationController"
    del r["metadata"]["ownerReferences"]
    return r


def rc_pod(name, r, phase="Running"):
    p = new_pod(name, r, phase)
    p["metadata"]["ownerReferences"] = [{"uid": "rc-uid", "apiVersion": "v1", "kind": "ReplicationController",
                                         "name": "foobar", "controller": True}]
    return p


r = rc_as_rs(2)
sync(f"{RCT}/TestSyncReplicationControllerDoesNothing", r, [rc_pod("pod0", r), rc_pod("pod1", r)],
     {"createCalls": 0, "deletes": 0, "patches": 0, "error": False})
r = rc_as_rs(1)
sync(f"{RCT}/TestSyncReplicationControllerDeletes", r, [rc_pod("pod0", r), rc_pod("pod1", r)],
     {"createCalls": 0, "deletes": 1, "patches": 0, "error": False})
r = rc_as_rs(2)
failed = rc_pod("failed-pod", r, "Failed")
gone = rc_pod("deleted-pod", r)
gone["metadata"]["deletionTimestamp"] = NOW
sync(f"{RCT}/TestSyncReplicationControllerCreates", r, [failed, gone],
     {"createCalls": 2, "deletes": 0, "patches": 0, "error": False})
# An RC sees a pod controlled by an RS with the same UID-less selector as foreign (kinds differ only
# by UID here: the RS's pods name the RS's UID).
r = rc_as_rs(2)
sync(f"{RCT}/TestDoNotPatchPodWithOtherControlRef", r,
     [new_pod("pod", new_rs(2, FOO_BAR, uid="rs-uid"), "Running")],
     {"createCalls": 2, "deletes": 0, "patches": 0, "error": False})

# The same RC rows with the RC object itself (selector a plain label map), as the RC controller's
# informer holds it before the adapter converts it.
def rc_object(replicas):
    return {"apiVersion": "v1", "kind": "ReplicationController",
            "metadata": {"name": "foobar", "namespace": "default", "uid": "rc-uid"},
            "spec": {"replicas": replicas, "selector": dict(FOO_BAR),
                     "template": {"metadata": {"labels": dict(TEMPLATE_LABELS)},
                                  "spec": {"containers": [{"name": "", "image": "foo/bar"}]}}}}


r = rc_as_rs(2)
sync(f"{RCT}/TestSyncReplicationControllerDoesNothing/rc-object", rc_object(2), [rc_pod("pod0", r), rc_pod("pod1", r)],
     {"createCalls": 0, "deletes": 0, "patches": 0, "error": False})
sync(f"{RCT}/TestSyncReplicationControllerDeletes/rc-object", rc_object(1), [rc_pod("pod0", r), rc_pod("pod1", r)],
     {"createCalls": 0, "deletes": 1, "patches": 0, "error": False})
sync(f"{RCT}/TestSyncReplicationControllerCreates/rc-object", rc_object(2), [failed, gone],
     {"createCalls": 2, "deletes": 0, "patches": 0, "error": False})

# TestControllerBurstReplicas: doTestControllerBurstReplicas(burst, n) for (5,30), (5,12), (3,2):
# size up from 0 to n, then down to 0, syncing whenever the expectations are met, and checking
# that a sync with one observation outstanding does nothing.
def burst_cases(burst, n):
    base = f"{RST}/TestControllerBurstReplicas/burst-{burst}-replicas-{n}"
    rs_up = new_rs(n, FOO_BAR)
    all_pods = new_pod_list(n, "Pending", FOO_BAR, rs_up)
    active = 0
    step = 0
    while active < n:
        want = min(n - active, burst)
        sync(f"{base}/up-{step}-creates-{want}", rs_up, all_pods[:active],
             {"createCalls": want, "recordedCreates": want, "deletes": 0, "patches": 0, "error": False,
              "expectationsAfter": {"add": want, "del": 0}, "expectationsSatisfiedAfter": False},
             burst=burst, expectations=None if step == 0 else {"add": 0, "del": 0})
        sync(f"{base}/up-{step}-waits-for-last-observation", rs_up, all_pods[:active + want - 1],
             {"createCalls": 0, "deletes": 0, "patches": 0, "expectationsAfter": {"add": 1, "del": 0},
              "expectationsSatisfiedAfter": False},
             burst=burst, expectations={"add": 1, "del": 0})
        active += want
        step += 1
    rs_down = new_rs(0, FOO_BAR)
    remaining = n
    step = 0
    while remaining > 0:
        want = min(remaining, burst)
        sync(f"{base}/down-{step}-deletes-{want}", rs_down, all_pods[n - remaining:],
             {"createCalls": 0, "deletes": want, "patches": 0, "error": False,
              "expectationsAfter": {"add": 0, "del": want}, "expectationsSatisfiedAfter": False},
             burst=burst, expectations={"add": 0, "del": 0})
        sync(f"{base}/down-{step}-waits-for-last-observation", rs_down, all_pods[n - remaining + want - 1:],
             {"createCalls": 0, "deletes": 0, "patches": 0, "expectationsAfter": {"add": 0, "del": 1},
              "expectationsSatisfiedAfter": False},
             burst=burst, expectations={"add": 0, "del": 1})
        remaining -= want
        step += 1


for b, n in ((5, 30), (5, 12), (3, 2)):
    burst_cases(b, n)

# TestGetReplicaSetsWithSameController: one informer shared by the rows (contents accumulate).
rs1 = new_rs(1, {"foo": "bar"}, name="rs1", uid="uid-rs1")
rs2 = new_rs(1, {"foo": "baz"}, name="rs2", uid="uid-rs2")
rs3 = new_rs(1, {"foo": "quux"}, name="rs3", uid="uid-rs3", owner_uid="456")
rs4 = new_rs(1, {"foo": "xyzzy"}, name="rs4", uid="uid-rs4", owner_uid="789", deleted=NOW)
G = f"{RST}/TestGetReplicaSetsWithSameController"
case(f"{G}/expect to get back a ReplicaSet that is pending deletion",
     "replicaset.replicasets_with_same_controller", {"replicaSets": [rs4, rs3], "replicaSet": rs4},
     {"names": ["rs4"]})
case(f"{G}/expect to get back only the given ReplicaSet if there is no related ReplicaSet",
     "replicaset.replicasets_with_same_controller", {"replicaSets": [rs4, rs3, rs1], "replicaSet": rs1},
     {"names": ["rs1"]})
case(f"{G}/expect to get back the given ReplicaSet as well as any related ReplicaSet but not an unrelated "
     "ReplicaSet", "replicaset.replicasets_with_same_controller",
     {"replicaSets": [rs4, rs3, rs1, rs2], "replicaSet": rs1}, {"names": ["rs1", "rs2"]})
# BenchmarkGetReplicaSetsWithSameController: two RSs of controller 123456 among 100 unrelated ones.
t1 = new_rs(1, {"foo": "bar"}, name="rs1", uid="uid-rs1", owner_uid="123456")
t2 = new_rs(1, {"foo": "bar"}, name="rs2", uid="uid-rs2", owner_uid="123456")
others = [new_rs(1, {"foo": f"baz-{i}"}, name=f"rs-{i}", uid=f"uid-rs-{i}", owner_uid=str(i)) for i in range(100)]
case(f"{RST}/BenchmarkGetReplicaSetsWithSameController", "replicaset.replicasets_with_same_controller",
     {"replicaSets": [t1, t2] + others, "replicaSet": t1}, {"names": ["rs1", "rs2"]})

# TestRelatedPodsLookup: one informer for RSs and pods across the rows.
foo1 = new_rs(1, {"foo": "bar"}, name="foo1", uid="uid-foo1")
foo2 = new_rs(1, {"foo": "baz"}, name="foo2", uid="uid-foo2")
bar1 = new_rs(1, {"foo": "quux"}, name="bar1", uid="uid-bar1", owner_uid="456")
foo3 = new_rs(1, {"foo": "xyzzy"}, name="foo3", uid="uid-foo3", owner_uid="789", deleted=NOW)
pod1 = new_pod("pod1", foo1, "Running")
pod2 = new_pod("pod2", foo1, "Running")
pod3 = new_pod("pod3", foo2, "Running")
pod4 = new_pod("pod4", bar1, "Running")
podp = new_pod("pod", foo3, "Running")
R = f"{RST}/TestRelatedPodsLookup"
case(f"{R}/expect to get a pod even if its owning ReplicaSet is pending deletion",
     "replicaset.indirectly_related_pods", {"replicaSets": [foo3, bar1], "pods": [podp], "replicaSet": foo3},
     {"podNames": ["pod"]})
case(f"{R}/expect to get only the ReplicaSet's own pods if there is no related ReplicaSet",
     "replicaset.indirectly_related_pods",
     {"replicaSets": [foo3, bar1, foo1], "pods": [podp, pod1, pod2, pod4], "replicaSet": foo1},
     {"podNames": ["pod1", "pod2"]})
case(f"{R}/expect to get own pods as well as any related ReplicaSet's but not an unrelated ReplicaSet's",
     "replicaset.indirectly_related_pods",
     {"replicaSets": [foo3, bar1, foo1, foo2], "pods": [podp, pod1, pod2, pod4, pod3], "replicaSet": foo1},
     {"podNames": ["pod1", "pod2", "pod3"]})

# TestSlowStartBatch
for name, count, limit, succ, err, calls in (
    ("callLimit = 0 (all fail)", 10, 0, 0, True, 1),
    ("callLimit = count (all succeed)", 10, 10, 10, False, 10),
    ("callLimit < count (some succeed)", 10, 5, 5, True, 7),
):
    case(f"{RST}/TestSlowStartBatch/{name}", "replicaset.slow_start_batch",
         {"count": count, "initialBatchSize": 1, "callLimit": limit},
         {"successes": succ, "error": err, "callCount": calls})

# TestGetPodsToDelete (related defaults to pods; getPodsRankedByRelatedPodsOnSameNode takes Now).
rs = new_rs(1, {"name": "foo"})
unscheduled_pending = new_pod("unscheduled-pending-pod", rs, "Pending")
scheduled_pending = new_pod("scheduled-pending-pod", rs, "Pending")
scheduled_pending["spec"]["nodeName"] = "fake-node"
not_ready = new_pod("scheduled-running-not-ready-pod", rs, "Running")
not_ready["spec"]["nodeName"] = "fake-node"
not_ready["status"]["conditions"] = [ready_cond("False")]
on1 = new_pod("scheduled-running-ready-pod-on-node-1", rs, "Running")
on1["spec"]["nodeName"] = "fake-node-1"
on1["status"]["conditions"] = [ready_cond("True")]
on2 = new_pod("scheduled-running-ready-pod-on-node-2", rs, "Running")
on2["spec"]["nodeName"] = "fake-node-2"
on2["status"]["conditions"] = [ready_cond("True")]


def n(ps):
    return [p["metadata"]["name"] for p in ps]


various = [on1, on1, on2, not_ready, scheduled_pending, unscheduled_pending]
for name, ps, related, diff, want in (
    ("len(pods) = 0 (i.e., diff = 0 too)", [], None, 0, []),
    ("diff = len(pods)", [not_ready, on1], None, 2, [not_ready, on1]),
    ("diff < len(pods)", [on1, not_ready], None, 1, [not_ready]),
    ("various pod phases and conditions, diff = len(pods)", various, None, 6, various),
    ("various pod phases and conditions, diff = len(pods), relatedPods empty", various, [], 6, various),
    ("scheduled vs unscheduled, diff < len(pods)", [scheduled_pending, unscheduled_pending], None, 1,
     [unscheduled_pending]),
    ("ready vs not-ready, diff < len(pods)", [on1, not_ready, not_ready], None, 2, [not_ready, not_ready]),
    ("ready and colocated with another ready pod vs not colocated, diff < len(pods)", [on1, on2],
     [on1, on2, on2], 1, [on2]),
    ("pending vs running, diff < len(pods)", [scheduled_pending, not_ready], None, 1, [scheduled_pending]),
    ("various pod phases and conditions, diff < len(pods)",
     [on1, on2, not_ready, scheduled_pending, unscheduled_pending], None, 3,
     [unscheduled_pending, scheduled_pending, not_ready]),
):
    case(f"{RST}/TestGetPodsToDelete/{name}", "replicaset.get_pods_to_delete",
         {"filteredPods": ps, "relatedPods": ps if related is None else related, "diff": diff, "now": NOW},
         {"podsToDelete": n(want)})

# TestCalculateStatus (calculateStatus with no error).
label_map = {"name": "foo"}
full_label_map = {"name": "foo", "type": "production"}
not_fully = new_rs(1, label_map)
fully = new_rs(2, full_label_map)
long_mrs = new_rs(1, full_label_map, mrs=3600)
for name, r, ps, (repl, fl, rd, av) in (
    ("1 fully labelled pod", fully, [new_pod("pod1", fully, "Running")], (1, 1, 1, 1)),
    ("1 not fully labelled pod", not_fully, [new_pod("pod1", not_fully, "Running")], (1, 0, 1, 1)),
    ("2 fully labelled pods", fully, [new_pod("pod1", fully, "Running"), new_pod("pod2", fully, "Running")],
     (2, 2, 2, 2)),
    ("2 not fully labelled pods", not_fully,
     [new_pod("pod1", not_fully, "Running"), new_pod("pod2", not_fully, "Running")], (2, 0, 2, 2)),
    ("1 fully labelled pod, 1 not fully labelled pod", not_fully,
     [new_pod("pod1", not_fully, "Running"), new_pod("pod2", fully, "Running")], (2, 1, 2, 2)),
    ("1 non-ready pod", fully, [new_pod("pod1", fully, "Pending")], (1, 1, 0, 0)),
    ("1 ready but non-available pod", long_mrs, [new_pod("pod1", long_mrs, "Running")], (1, 1, 1, 0)),
):
    case(f"{RSU}/TestCalculateStatus/{name}", "replicaset.calculate_status",
         {"replicaSet": r, "filteredPods": ps, "manageReplicasErr": None, "now": NOW},
         {"replicas": repl, "fullyLabeledReplicas": fl, "readyReplicas": rd, "availableReplicas": av,
          "conditions": []})

# pkg/api/v1/pod/util_test.go TestIsPodAvailable (current table), through calculateStatus: one pod
# whose Ready condition changed beforeSec seconds before now, an RS with the row's minReadySeconds.
POD_UTIL = "pod/util_test"


def before(sec):
    t = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC) - timedelta(seconds=sec)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


for k, (ready, before_sec, mrs, zero_ltt, available) in enumerate((
    (False, 0, 0, False, False),
    (True, 0, 1, False, False),
    (True, 0, 1, True, False),
    (True, 0, 0, False, True),
    (True, 51, 50, False, True),
    (True, 51, 51, False, True),
    (True, 51, 52, False, False),
)):
    r = new_rs(1, label_map, mrs=mrs)
    p = new_pod("pod", r, "Running")
    p["status"]["conditions"] = [ready_cond("True" if ready else "False",
                                            since=None if zero_ltt else before(before_sec))]
    case(f"{POD_UTIL}/TestIsPodAvailable/tc-{k}", "replicaset.calculate_status",
         {"replicaSet": r, "filteredPods": [p], "manageReplicasErr": None, "now": NOW},
         {"readyReplicas": 1 if ready else 0, "availableReplicas": 1 if available else 0})

# TestCalculateStatusConditions
rs = new_rs(2, label_map)
failure_rs = new_rs(10, label_map, conditions=[{"type": "ReplicaFailure", "status": "True"}])
ERR = "fake manageReplicasErr"
for name, r, ps, err, conds in (
    ("manageReplicasErr != nil && failureCond == nil, diff < 0", rs, [new_pod("pod1", rs, "Running")], ERR,
     [{"type": "ReplicaFailure", "status": "True", "reason": "FailedCreate", "message": ERR}]),
    ("manageReplicasErr != nil && failureCond == nil, diff > 0", rs,
     [new_pod(f"pod{i}", rs, "Running") for i in (1, 2, 3)], ERR,
     [{"type": "ReplicaFailure", "status": "True", "reason": "FailedDelete", "message": ERR}]),
    ("manageReplicasErr == nil && failureCond != nil", failure_rs, [new_pod("pod1", failure_rs, "Running")],
     None, []),
    ("manageReplicasErr != nil && failureCond != nil", failure_rs, [new_pod("pod1", failure_rs, "Running")], ERR,
     [{"type": "ReplicaFailure", "status": "True", "reason": "", "message": ""}]),
    ("manageReplicasErr == nil && failureCond == nil", rs, [new_pod("pod1", rs, "Running")], None, []),
):
    case(f"{RSU}/TestCalculateStatusConditions/{name}", "replicaset.calculate_status",
         {"replicaSet": r, "filteredPods": ps, "manageReplicasErr": err, "now": NOW},
         {"conditions": conds})

# =====================================================================================
# replication: controller_utils_test.go newReplicationController(replicas) through the RC→RS adapter.
for replicas in (0, 1, 5):
    rc = {"apiVersion": "v1",
          "metadata": {"name": "foobar", "namespace": "default", "uid": f"rc-uid-{replicas}",
                       "resourceVersion": "18"},
          "spec": {"replicas": replicas, "selector": {"foo": "bar"},
                   "template": {"metadata": {"labels": {"name": "foo", "type": "production"}},
                                "spec": {"containers": [{"name": "", "image": "foo/bar"}],
                                         "restartPolicy": "Always", "dnsPolicy": "Default",
                                         "nodeSelector": {"baz": "blah"}}}}}
    case(f"{CU}/newReplicationController/replicas-{replicas}/rc_to_rs", "replication.rc_to_rs",
         {"replicationController": rc},
         {"replicaSet": {"metadata": {"name": "foobar", "namespace": "default", "uid": f"rc-uid-{replicas}"},
                         "spec": {"replicas": replicas, "selector": {"matchLabels": {"foo": "bar"}},
                                  "template": {"metadata": {"labels": {"name": "foo", "type": "production"}}}}}})

with open(f"{OUT}/replicaset_mined.jsonl", "w") as fh:
    for c in cases:
        fh.write(json.dumps(c, sort_keys=False) + "\n")
print(f"wrote {len(cases)} cases")
