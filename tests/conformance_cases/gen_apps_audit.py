"""Writes tests/conformance_cases/apps_audit.jsonl: an audit of the apps decision operations (intstr,
labels, controller, replicaset, replication, deployment) against the newest Kubernetes sources, written
independently of the other case files.

Two kinds of rows, told apart by their ids:
* ``<file>_test.go/<Test>/<row>``: a row of a Kubernetes unit-test table, transcribed by hand (the Go
  test's values are facts; Go's random UIDs and names become fixed strings, ``metav1.Now()`` NOW);
* ``<file>.go/<Function>/<what>``: an edge the test tables do not reach, with the expectation worked
  out by hand from the named Kubernetes function (the branch it exercises is named in the id).

Sources (kubernetes/kubernetes):
  pkg/api/v1/pod/util.go IsPodAvailable (``<=`` since PR #132122, June 2025) and util_test.go
  pkg/controller/controller_utils.go FilterActivePods, IsPodActive
  pkg/controller/replicaset/replica_set.go getPodsRankedByRelatedPodsOnSameNode, slowStartBatch,
      getReplicaSetsWithSameController, getIndirectlyRelatedPods; replica_set_test.go TestSlowStartBatch,
      TestGetReplicaSetsWithSameController; replica_set_utils.go calculateStatus
  pkg/controller/replication/conversion.go convertRCtoRS (through core/v1 conversion.go)
  pkg/controller/deployment/util/deployment_util.go GetDeploymentCondition, SetDeploymentCondition,
      RemoveDeploymentCondition, SetReplicasAnnotations, SetNewReplicaSetAnnotations, IsSaturated,
      GetProportion, getReplicaSetFraction, FindNewReplicaSet; deployment_util_test.go TestGetCondition,
      TestSetCondition, TestRemoveCondition, TestAnnotationUtils
  pkg/controller/deployment/recreate.go scaleDownOldReplicaSetsForRecreate; recreate_test.go
      TestScaleDownOldReplicaSets
  pkg/controller/deployment/sync.go generateReplicaSetName

Run: python3 tests/conformance_cases/gen_apps_audit.py tests/conformance_cases
"""

import json
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/conformance_cases"

NOW = "2024-05-01T12:00:00Z"
REV = "deployment.kubernetes.io/revision"
HIST = "deployment.kubernetes.io/revision-history"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAXR = "deployment.kubernetes.io/max-replicas"

cases = []


def case(cid, op, inp, expect):
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


def pod(name, phase="Running", node="", ready=None, ltt=None, deleting=False, labels=None, ns="default", uid=True,
        owner=None):
    meta = {"name": name, "namespace": ns}
    if uid:
        meta["uid"] = f"uid-{name}"
    if labels is not None:
        meta["labels"] = labels
    if deleting:
        meta["deletionTimestamp"] = NOW
    if owner is not None:
        meta["ownerReferences"] = [owner]
    status = {"phase": phase}
    if ready is not None:
        cond = {"type": "Ready", "status": "True" if ready else "False"}
        if ltt is not None:
            cond["lastTransitionTime"] = ltt
        status["conditions"] = [cond]
    return {"metadata": meta, "spec": {"nodeName": node} if node else {}, "status": status}


# --- controller.filter_active_pods (controller_utils.go FilterActivePods / IsPodActive) ---------------------

CU = "controller_utils.go/FilterActivePods"
case(f"{CU}/terminal-pods-go-deleting-running-goes", "controller.filter_active_pods",
     {"pods": [pod("succeeded-deleting", "Succeeded", deleting=True), pod("failed", "Failed"),
               pod("running-deleting", "Running", deleting=True), pod("unknown", "Unknown"),
               pod("pending", "Pending"), pod("running", "Running")]},
     {"activePodNames": ["unknown", "pending", "running"]})
case(f"{CU}/empty-list", "controller.filter_active_pods", {"pods": []}, {"activePodNames": []})
case(f"{CU}/input-order-kept", "controller.filter_active_pods",
     {"pods": [pod("z"), pod("a", "Failed"), pod("m", "Pending"), pod("b")]},
     {"activePodNames": ["z", "m", "b"]})

# --- replicaset.colocation_ranks (replica_set.go getPodsRankedByRelatedPodsOnSameNode) -----------------------

RK = "replica_set.go/getPodsRankedByRelatedPodsOnSameNode"
related = [pod("r1", node="n1"), pod("r2", node="n1"), pod("r3", node="n2"),
           pod("r4", "Succeeded", node="n2"), pod("r5", node="n2", deleting=True),
           pod("r6", node=""), pod("r7", "Pending", node="")]
case(f"{RK}/only-active-related-pods-count", "replicaset.colocation_ranks",
     {"podsToRank": [pod("a", node="n1"), pod("b", node="n2"), pod("c", node="n3"), pod("d")],
      "relatedPods": related},
     {"ranks": [2, 1, 0, 2]})
case(f"{RK}/no-related-pods", "replicaset.colocation_ranks",
     {"podsToRank": [pod("a", node="n1"), pod("b")], "relatedPods": []}, {"ranks": [0, 0]})
case(f"{RK}/ranked-pod-counts-itself-when-related", "replicaset.colocation_ranks",
     {"podsToRank": [pod("a", node="n1")], "relatedPods": [pod("a", node="n1"), pod("x", "Failed", node="n1")]},
     {"ranks": [1]})

# --- replicaset.slow_start_batch (replica_set.go slowStartBatch) -------------------------------------------

SB = "replica_set.go/slowStartBatch"
for name, count, initial, limit, expect in [
    # TestSlowStartBatch rows (initial batch 1, ten calls wanted)
    ("TestSlowStartBatch/callLimit = 0 (all fail)", 10, 1, 0, (0, True, 1)),
    ("TestSlowStartBatch/callLimit = count (all succeed)", 10, 1, 10, (10, False, 10)),
    ("TestSlowStartBatch/callLimit < count (some succeed)", 10, 1, 5, (5, True, 7)),
]:
    case(f"replica_set_test.go/{name}", "replicaset.slow_start_batch",
         {"count": count, "initialBatchSize": initial, "callLimit": limit},
         {"successes": expect[0], "error": expect[1], "callCount": expect[2]})
for name, count, initial, limit, expect in [
    ("count 0 makes no call", 0, 1, 0, (0, False, 0)),
    ("batches 3, 6 then the remaining 1", 10, 3, 10, (10, False, 10)),
    ("first batch ok, second batch of 2 fails whole", 10, 1, 1, (1, True, 3)),
    ("initial batch larger than count", 4, 10, 4, (4, False, 4)),
    ("failure inside the first batch stops after it", 4, 10, 2, (2, True, 4)),
    ("batches 1, 2, 4, 8 then 5 of 20", 20, 1, 20, (20, False, 20)),
    ("failure in the batch of 8: 1+2+4 ok, 3 of 8 ok", 20, 1, 10, (10, True, 15)),
]:
    case(f"{SB}/{name}", "replicaset.slow_start_batch",
         {"count": count, "initialBatchSize": initial, "callLimit": limit},
         {"successes": expect[0], "error": expect[1], "callCount": expect[2]})


# --- replicaset.replicasets_with_same_controller / indirectly_related_pods -----------------------------------

def rset(name, owner_uid, selector, ns="default", deleting=False):
    meta = {"name": name, "namespace": ns, "uid": f"uid-{name}"}
    if owner_uid is not None:
        meta["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "d", "uid": owner_uid,
                                    "controller": True}]
    if deleting:
        meta["deletionTimestamp"] = NOW
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": meta,
            "spec": {"replicas": 1, "selector": selector}, "status": {"replicas": 0}}


RS_T = "replica_set_test.go/TestGetReplicaSetsWithSameController"
# newReplicaSet gives every RS the controllerRef UID "123"; rs3 and rs4 are re-pointed at 456 and 789. The
# test keeps one informer across its rows, so each row sees every RS the rows before it added.
rs1 = rset("rs1", "123", {"matchLabels": {"foo": "bar"}})
rs2 = rset("rs2", "123", {"matchLabels": {"foo": "baz"}})
rs3 = rset("rs3", "456", {"matchLabels": {"foo": "quux"}})
rs4 = rset("rs4", "789", {"matchLabels": {"foo": "xyzzy"}}, deleting=True)
case(f"{RS_T}/expect to get back a ReplicaSet that is pending deletion",
     "replicaset.replicasets_with_same_controller", {"replicaSets": [rs4, rs3], "replicaSet": rs4},
     {"names": ["rs4"]})
case(f"{RS_T}/expect to get back only the given ReplicaSet if there is no related ReplicaSet",
     "replicaset.replicasets_with_same_controller", {"replicaSets": [rs4, rs3, rs1], "replicaSet": rs1},
     {"names": ["rs1"]})
case(f"{RS_T}/expect to get back the given ReplicaSet as well as any related ReplicaSet but not an unrelated ReplicaSet",
     "replicaset.replicasets_with_same_controller", {"replicaSets": [rs4, rs3, rs1, rs2], "replicaSet": rs1},
     {"names": ["rs1", "rs2"]})
SC = "replica_set.go/getReplicaSetsWithSameController"
orphan = rset("orphan", None, {"matchLabels": {"foo": "bar"}})
case(f"{SC}/no-controllerRef-gives-nothing", "replicaset.replicasets_with_same_controller",
     {"replicaSets": [orphan, rs1], "replicaSet": orphan}, {"names": []})
case(f"{SC}/index-is-by-controller-uid-across-namespaces", "replicaset.replicasets_with_same_controller",
     {"replicaSets": [rs1, rset("elsewhere", "123", {"matchLabels": {"x": "y"}}, ns="other")], "replicaSet": rs1},
     {"names": ["elsewhere", "rs1"]})
case(f"{SC}/only-the-informer-contents-count", "replicaset.replicasets_with_same_controller",
     {"replicaSets": [rs2], "replicaSet": rs1}, {"names": ["rs2"]})

IR = "replica_set.go/getIndirectlyRelatedPods"
case(f"{IR}/no-controllerRef-no-related-pods", "replicaset.indirectly_related_pods",
     {"replicaSets": [orphan], "replicaSet": orphan, "pods": [pod("p", labels={"foo": "bar"})]},
     {"podNames": []})
case(f"{IR}/nil-selector-sibling-matches-nothing", "replicaset.indirectly_related_pods",
     {"replicaSets": [rs1, rset("nilsel", "123", None)], "replicaSet": rs1,
      "pods": [pod("a", labels={"foo": "bar"}), pod("b", labels={"foo": "other"})]},
     {"podNames": ["a"]})
case(f"{IR}/empty-selector-sibling-matches-its-whole-namespace", "replicaset.indirectly_related_pods",
     {"replicaSets": [rs1, rset("all", "123", {})], "replicaSet": rs1,
      "pods": [pod("a", labels={"foo": "bar"}), pod("b", labels={"foo": "other"}), pod("c"),
               pod("d", labels={"foo": "bar"}, ns="other")]},
     {"podNames": ["a", "b", "c"]})
case(f"{IR}/pods-listed-in-each-siblings-namespace", "replicaset.indirectly_related_pods",
     {"replicaSets": [rs1, rset("elsewhere", "123", {"matchLabels": {"foo": "bar"}}, ns="other")],
      "replicaSet": rs1,
      "pods": [pod("a", labels={"foo": "bar"}), pod("d", labels={"foo": "bar"}, ns="other"),
               pod("e", labels={"foo": "bar"}, ns="third")]},
     {"podNames": ["a", "d"]})
case(f"{IR}/a-pod-selected-by-two-siblings-counts-once", "replicaset.indirectly_related_pods",
     {"replicaSets": [rs1, rset("wide", "123", {"matchExpressions": [{"key": "foo", "operator": "Exists"}]})],
      "replicaSet": rs1,
      "pods": [pod("a", labels={"foo": "bar"}), pod("b", labels={"foo": "baz"})]},
     {"podNames": ["a", "b"]})
case(f"{IR}/ownership-is-not-checked", "replicaset.indirectly_related_pods",
     {"replicaSets": [rs1], "replicaSet": rs1,
      "pods": [pod("mine", labels={"foo": "bar"},
                   owner={"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "x", "uid": "other-uid",
                          "controller": True})]},
     {"podNames": ["mine"]})

# --- replication.rc_to_rs (replication/conversion.go convertRCtoRS, core/v1 conversion.go) --------------------

CV = "conversion.go/convertRCtoRS"


def rc(selector):
    spec = {"replicas": 3, "minReadySeconds": 5,
            "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [{"name": "c", "image": "i"}]}}}
    if selector is not ...:
        spec["selector"] = selector
    return {"metadata": {"name": "rc", "namespace": "ns", "uid": "uid-rc", "labels": {"l": "v"},
                         "annotations": {"k": "v"}, "generation": 7},
            "spec": spec,
            "status": {"replicas": 2, "fullyLabeledReplicas": 1, "readyReplicas": 2, "availableReplicas": 1,
                       "observedGeneration": 6,
                       "conditions": [{"type": "ReplicaFailure", "status": "True", "reason": "FailedCreate",
                                       "message": "quota"}]}}


case(f"{CV}/map-selector-becomes-matchLabels", "replication.rc_to_rs", {"replicationController": rc({"a": "b"})},
     {"replicaSet": {"metadata": {"name": "rc", "namespace": "ns", "uid": "uid-rc", "labels": {"l": "v"},
                                  "annotations": {"k": "v"}, "generation": 7},
                     "spec": {"replicas": 3, "minReadySeconds": 5, "selector": {"matchLabels": {"a": "b"}},
                              "template": {"metadata": {"labels": {"a": "b"}}}},
                     "status": {"replicas": 2, "fullyLabeledReplicas": 1, "readyReplicas": 2,
                                "availableReplicas": 1, "observedGeneration": 6,
                                "conditions": [{"type": "ReplicaFailure", "status": "True",
                                                "reason": "FailedCreate", "message": "quota"}]}}})
case(f"{CV}/nil-selector-stays-nil", "replication.rc_to_rs", {"replicationController": rc(None)},
     {"replicaSet": {"spec": {"selector": None}}})
case(f"{CV}/absent-selector-is-nil", "replication.rc_to_rs", {"replicationController": rc(...)},
     {"replicaSet": {"spec": {"selector": None}}})
case(f"{CV}/empty-map-gives-an-empty-non-nil-selector", "replication.rc_to_rs", {"replicationController": rc({})},
     {"replicaSet": {"spec": {"selector": {}}}})

# --- deployment conditions (deployment_util.go, TestGetCondition / TestSetCondition / TestRemoveCondition) ----

UT = "deployment_util_test.go"
U = "deployment_util.go"
prog = {"type": "Progressing", "status": "False", "reason": "ForSomeReason"}
prog2 = {"type": "Progressing", "status": "True", "reason": "BecauseItIs"}
avail = {"type": "Available", "status": "True", "reason": "AwesomeController"}
example = {"conditions": [prog, avail]}
case(f"{UT}/TestGetCondition/condition exists", "deployment.get_condition",
     {"status": example, "type": "Available"}, {"found": True})
case(f"{UT}/TestGetCondition/condition does not exist", "deployment.get_condition",
     {"status": example, "type": "ReplicaFailure"}, {"found": False})
case(f"{U}/GetDeploymentCondition/empty-status", "deployment.get_condition",
     {"status": {}, "type": "Progressing"}, {"found": False})
case(f"{UT}/TestSetCondition/set for the first time", "deployment.set_condition",
     {"status": {}, "condition": avail}, {"status": {"conditions": [avail]}})
case(f"{UT}/TestSetCondition/simple set", "deployment.set_condition",
     {"status": {"conditions": [prog]}, "condition": avail}, {"status": {"conditions": [prog, avail]}})
case(f"{UT}/TestSetCondition/overwrite", "deployment.set_condition",
     {"status": {"conditions": [prog]}, "condition": prog2}, {"status": {"conditions": [prog2]}})
T1, T2, T3 = "2024-05-01T11:00:00Z", "2024-05-01T11:30:00Z", NOW
case(f"{U}/SetDeploymentCondition/same-status-and-reason-is-no-change", "deployment.set_condition",
     {"status": {"conditions": [dict(prog2, message="old", lastUpdateTime=T1, lastTransitionTime=T1), avail]},
      "condition": dict(prog2, message="new", lastUpdateTime=T3, lastTransitionTime=T3)},
     {"status": {"conditions": [dict(prog2, message="old", lastUpdateTime=T1, lastTransitionTime=T1), avail]}})
case(f"{U}/SetDeploymentCondition/same-status-new-reason-keeps-transition-time-and-goes-last",
     "deployment.set_condition",
     {"status": {"conditions": [dict(prog2, message="m", lastUpdateTime=T1, lastTransitionTime=T1), avail]},
      "condition": {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable", "message": "done",
                    "lastUpdateTime": T3, "lastTransitionTime": T3}},
     {"status": {"conditions": [avail, {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
                                        "message": "done", "lastUpdateTime": T3, "lastTransitionTime": T1}]}})
case(f"{U}/SetDeploymentCondition/new-status-takes-the-new-transition-time", "deployment.set_condition",
     {"status": {"conditions": [dict(prog2, lastUpdateTime=T1, lastTransitionTime=T1)]},
      "condition": {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                    "lastUpdateTime": T2, "lastTransitionTime": T2}},
     {"status": {"conditions": [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                                 "lastUpdateTime": T2, "lastTransitionTime": T2}]}})
case(f"{UT}/TestRemoveCondition/remove from empty status", "deployment.remove_condition",
     {"status": {}, "type": "Progressing"}, {"status": {"conditions": []}})
case(f"{UT}/TestRemoveCondition/simple remove", "deployment.remove_condition",
     {"status": {"conditions": [prog]}, "type": "Progressing"}, {"status": {"conditions": []}})
case(f"{UT}/TestRemoveCondition/doesn't remove anything", "deployment.remove_condition",
     {"status": example, "type": "ReplicaFailure"}, {"status": example})
rf = {"type": "ReplicaFailure", "status": "True", "reason": "FailedCreate"}
case(f"{U}/RemoveDeploymentCondition/order-of-the-rest-kept", "deployment.remove_condition",
     {"status": {"conditions": [avail, prog, rf]}, "type": "Progressing"}, {"status": {"conditions": [avail, rf]}})

# --- replicas annotations (deployment_util.go SetReplicasAnnotations, TestAnnotationUtils) -------------------


def drs(name="rs", replicas=1, annotations=None, available=None):
    out = {"metadata": {"name": name, "namespace": "default", "uid": f"uid-{name}"}, "spec": {"replicas": replicas}}
    if annotations is not None:
        out["metadata"]["annotations"] = annotations
    if available is not None:
        out["status"] = {"replicas": replicas, "availableReplicas": available}
    return out


case(f"{UT}/TestAnnotationUtils/SetReplicasAnnotations", "deployment.set_replicas_annotations",
     {"replicaSet": drs(annotations={}), "desiredReplicas": 10, "maxReplicas": 11},
     {"updated": True, "annotations": {DESIRED: "10", MAXR: "11"}})
case(f"{U}/SetReplicasAnnotations/already-set-is-no-update", "deployment.set_replicas_annotations",
     {"replicaSet": drs(annotations={DESIRED: "10", MAXR: "11", REV: "3"}), "desiredReplicas": 10, "maxReplicas": 11},
     {"updated": False, "annotations": {DESIRED: "10", MAXR: "11", REV: "3"}})
case(f"{U}/SetReplicasAnnotations/one-differs-both-written-others-kept", "deployment.set_replicas_annotations",
     {"replicaSet": drs(annotations={DESIRED: "10", MAXR: "12", REV: "3"}), "desiredReplicas": 10, "maxReplicas": 11},
     {"updated": True, "annotations": {DESIRED: "10", MAXR: "11", REV: "3"}})
case(f"{U}/SetReplicasAnnotations/nil-annotations", "deployment.set_replicas_annotations",
     {"replicaSet": drs(), "desiredReplicas": 0, "maxReplicas": 0},
     {"updated": True, "annotations": {DESIRED: "0", MAXR: "0"}})


def ddep(replicas=1, surge=1, unavailable=0, annotations=None, status_replicas=None):
    d = {"metadata": {"name": "nginx", "namespace": "default"},
         "spec": {"replicas": replicas,
                  "strategy": {"type": "RollingUpdate",
                               "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable}}}}
    if annotations is not None:
        d["metadata"]["annotations"] = annotations
    if status_replicas is not None:
        d["status"] = {"replicas": status_replicas}
    return d


# TestAnnotationUtils/SetNewReplicaSetAnnotations: revisions 11..20 applied to one RS, history limit 5 chars.
steps = []
for i in range(10, 20):
    step = {"revision": str(i + 1)}
    if i >= 12:
        step["revisionHistory"] = f"{i - 1},{i}"
    steps.append(step)
case(f"{UT}/TestAnnotationUtils/SetNewReplicaSetAnnotations", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(annotations={REV: "1"}), "replicaSet": drs(), "exists": True,
      "newRevisions": [str(i + 1) for i in range(10, 20)], "revHistoryLimitInChars": 5},
     {"steps": steps})
SN = f"{U}/SetNewReplicaSetAnnotations"
case(f"{SN}/history-trimmed-from-the-front", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(), "replicaSet": drs(annotations={REV: "1"}), "exists": True,
      "newRevisions": ["2", "3", "10", "11"], "revHistoryLimitInChars": 5},
     {"steps": [{"revision": "2", "revisionHistory": "1"}, {"revision": "3", "revisionHistory": "1,2"},
                {"revision": "10", "revisionHistory": "1,2,3"}, {"revision": "11", "revisionHistory": "3,10"}]})
case(f"{SN}/history-left-alone-when-the-old-revision-alone-is-too-long", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(), "replicaSet": drs(annotations={REV: "13", HIST: "11,12"}), "exists": True,
      "newRevisions": ["14"], "revHistoryLimitInChars": 1},
     {"steps": [{"revision": "14", "revisionHistory": "11,12"}]})
case(f"{SN}/lower-or-equal-revision-changes-nothing", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(), "replicaSet": drs(annotations={REV: "5"}), "exists": True,
      "newRevisions": ["4", "5"], "revHistoryLimitInChars": 100},
     {"steps": [{"revision": "5"}, {"revision": "5"}]})
case(f"{SN}/no-old-revision-means-no-history", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(), "replicaSet": drs(), "exists": False, "newRevisions": ["1"],
      "revHistoryLimitInChars": 100},
     {"steps": [{"revision": "1"}]})
case(f"{SN}/unparsable-old-revision-stops", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(), "replicaSet": drs(annotations={REV: "x"}), "exists": True, "newRevisions": ["2"],
      "revHistoryLimitInChars": 100},
     {"steps": [{"revision": "x"}]})
case(f"{SN}/unparsable-new-revision-stops", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(), "replicaSet": drs(annotations={REV: "1"}), "exists": True, "newRevisions": ["2a", "3"],
      "revHistoryLimitInChars": 100},
     {"steps": [{"revision": "1"}, {"revision": "3", "revisionHistory": "1"}]})
case(f"{SN}/numeric-not-lexical-comparison", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(), "replicaSet": drs(annotations={REV: "9"}), "exists": True, "newRevisions": ["10"],
      "revHistoryLimitInChars": 100},
     {"steps": [{"revision": "10", "revisionHistory": "9"}]})
case(f"{SN}/deployment-revision-annotation-is-not-copied", "deployment.set_new_replica_set_annotations",
     {"deployment": ddep(annotations={REV: "7", HIST: "1,2"}), "replicaSet": drs(), "exists": True,
      "newRevisions": ["3"], "revHistoryLimitInChars": 100},
     {"steps": [{"revision": "3"}]})

# --- deployment.is_saturated (deployment_util.go IsSaturated: strconv.Atoi, then int32) ----------------------

IS = f"{U}/IsSaturated"
case(f"{UT}/TestAnnotationUtils/IsSaturated", "deployment.is_saturated",
     {"deployment": ddep(annotations={REV: "1"}),
      "replicaSet": drs(annotations={DESIRED: "1", MAXR: "11"}, available=1)},
     {"saturated": True})
for name, desired, spec, available, want in [
    ("atoi-accepts-a-plus-sign", "+3", 3, 3, True),
    ("atoi-accepts-leading-zeros", "003", 3, 3, True),
    ("atoi-rejects-spaces", " 3", 3, 3, False),
    ("empty-annotation", "", 3, 3, False),
    ("not-a-number", "three", 3, 3, False),
    ("desired-differs", "4", 3, 3, False),
    ("negative-desired", "-3", 3, 3, False),
    ("rs-size-differs", "3", 2, 2, False),
    ("not-all-available", "3", 3, 2, False),
    ("more-available-than-wanted", "3", 3, 4, False),
    ("int32-truncation-of-a-large-int", "4294967299", 3, 3, True),
]:
    case(f"{IS}/{name}", "deployment.is_saturated",
         {"deployment": ddep(replicas=3), "replicaSet": drs(replicas=spec, annotations={DESIRED: desired},
                                                            available=available)},
         {"saturated": want})
case(f"{IS}/no-annotations", "deployment.is_saturated",
     {"deployment": ddep(replicas=3), "replicaSet": drs(replicas=3, available=3)}, {"saturated": False})

# --- deployment.get_proportion (deployment_util.go GetProportion over getReplicaSetFraction) -----------------

GP = f"{U}/GetProportion"
for name, dep, rs_, to_add, added, want in [
    ("empty-rs-gets-nothing", ddep(10), drs(replicas=0, annotations={MAXR: "5"}), 5, 0, 0),
    ("nothing-to-add", ddep(10), drs(replicas=5, annotations={MAXR: "5"}), 0, 0, 0),
    ("all-already-added", ddep(10), drs(replicas=5, annotations={MAXR: "5"}), 3, 3, 0),
    ("fraction-within-what-is-left", ddep(11), drs(replicas=5, annotations={MAXR: "6"}), 5, 0, 5),
    ("fraction-capped-by-what-is-left", ddep(11), drs(replicas=5, annotations={MAXR: "6"}), 5, 4, 1),
    ("scale-to-zero-takes-the-whole-rs", ddep(0), drs(replicas=5, annotations={MAXR: "6"}), -6, 0, -5),
    ("scale-down-bounded-by-what-is-left", ddep(0), drs(replicas=5, annotations={MAXR: "6"}), -6, -3, -3),
    ("scale-down-fraction-rounds", ddep(4), drs(replicas=5, annotations={MAXR: "11"}), -7, 0, -3),
    ("scale-down-fraction-capped", ddep(4), drs(replicas=5, annotations={MAXR: "11"}), -7, -6, -1),
    ("no-annotation-uses-status-replicas-and-rounds-half-up", ddep(10, status_replicas=8), drs(replicas=4), 3, 0, 2),
    ("no-annotation-and-no-status-replicas-gives-zero", ddep(10, status_replicas=0), drs(replicas=5), 5, 0, 0),
]:
    case(f"{GP}/{name}", "deployment.get_proportion",
         {"deployment": dep, "replicaSet": rs_, "toAdd": to_add, "added": added}, {"proportion": want})

# --- deployment.scale_down_old_replica_sets_for_recreate (recreate.go) ----------------------------------------


def rdep(replicas):
    return {"metadata": {"name": "foo", "namespace": "default"},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"foo": "bar"}},
                     "strategy": {"type": "Recreate"}}}


case("recreate_test.go/TestScaleDownOldReplicaSets/0", "deployment.scale_down_old_replica_sets_for_recreate",
     {"deployment": rdep(3), "oldRSs": [drs("foo-0", 3)]}, {"scaled": True, "replicas": {"foo-0": 0}})
SD = "recreate.go/scaleDownOldReplicaSetsForRecreate"
case(f"{SD}/already-zero-is-skipped", "deployment.scale_down_old_replica_sets_for_recreate",
     {"deployment": rdep(3), "oldRSs": [drs("a", 0), drs("b", 0)]}, {"scaled": False, "replicas": {"a": 0, "b": 0}})
case(f"{SD}/every-non-zero-old-rs-goes-to-zero", "deployment.scale_down_old_replica_sets_for_recreate",
     {"deployment": rdep(3), "oldRSs": [drs("a", 0), drs("b", 2), drs("c", 7)]},
     {"scaled": True, "replicas": {"a": 0, "b": 0, "c": 0}})
case(f"{SD}/no-old-rs", "deployment.scale_down_old_replica_sets_for_recreate",
     {"deployment": rdep(3), "oldRSs": []}, {"scaled": False, "replicas": {}})

# --- deployment.find_new_replica_set (deployment_util.go FindNewReplicaSet: ReplicaSetsByCreationTimestamp) ----

TPL = {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "web:1"}]}}
TPL2 = {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "web:2"}]}}


def frs(name, ts, template, hash_=None):
    t = json.loads(json.dumps(template))
    if hash_ is not None:
        t["metadata"]["labels"]["pod-template-hash"] = hash_
    meta = {"name": name, "uid": f"uid-{name}"}
    if ts is not None:
        meta["creationTimestamp"] = ts
    return {"metadata": meta, "spec": {"replicas": 1, "template": t}}


FN = f"{U}/FindNewReplicaSet"
fdep = {"metadata": {"name": "web"}, "spec": {"replicas": 1, "template": TPL}}
case(f"{FN}/equal-times-break-by-name", "deployment.find_new_replica_set",
     {"deployment": fdep, "rsList": [frs("b", NOW, TPL, "h1"), frs("a", NOW, TPL, "h2")]}, {"newRS": "a"})
case(f"{FN}/zero-creation-time-sorts-first", "deployment.find_new_replica_set",
     {"deployment": fdep, "rsList": [frs("a", NOW, TPL, "h1"), frs("z", None, TPL, "h2")]}, {"newRS": "z"})
case(f"{FN}/only-the-template-counts", "deployment.find_new_replica_set",
     {"deployment": fdep, "rsList": [frs("old", "2024-05-01T10:00:00Z", TPL2, "h0"), frs("new", NOW, TPL, "h1")]},
     {"newRS": "new"})
case(f"{FN}/other-labels-must-match", "deployment.find_new_replica_set",
     {"deployment": fdep,
      "rsList": [frs("extra", NOW, {"metadata": {"labels": {"app": "web", "x": "y"}}, "spec": TPL["spec"]})]},
     {"newRS": None})
case(f"{FN}/empty-list", "deployment.find_new_replica_set", {"deployment": fdep, "rsList": []}, {"newRS": None})

# --- deployment.generate_replica_set_name (sync.go generateReplicaSetName) ----------------------------------

GN = "sync.go/generateReplicaSetName"
for name, dname, hash_, want in [
    ("fits-unchanged", "web", "5d8f9c7b6", "web-5d8f9c7b6"),
    ("exactly-253", "a" * 242, "0123456789", "a" * 242 + "-0123456789"),
    ("one-over-cuts-one", "a" * 243, "0123456789", "a" * 242 + "-0123456789"),
]:
    case(f"{GN}/{name}", "deployment.generate_replica_set_name", {"deploymentName": dname, "hash": hash_},
         {"name": want})

# --- IsPodAvailable at the boundary, through replicaset.calculate_status (pod/util.go, replica_set_utils.go) --

PA = "pod/util.go/IsPodAvailable"


def crs(min_ready):
    return {"metadata": {"name": "rs", "namespace": "default", "uid": "uid-rs"},
            "spec": {"replicas": 1, "minReadySeconds": min_ready, "selector": {"matchLabels": {"a": "b"}},
                     "template": {"metadata": {"labels": {"a": "b"}}, "spec": {}}}}


for name, ltt, min_ready, available in [
    ("ready-exactly-minReadySeconds-is-available", "2024-05-01T11:59:10Z", 50, 1),
    ("one-nanosecond-short-is-not", "2024-05-01T11:59:10.000000001Z", 50, 0),
    ("one-nanosecond-over-is", "2024-05-01T11:59:09.999999999Z", 50, 1),
    ("zero-minReadySeconds-needs-no-time", NOW, 0, 1),
    ("transition-in-the-future-is-not", "2024-05-01T12:00:01Z", 1, 0),
]:
    case(f"{PA}/{name}", "replicaset.calculate_status",
         {"replicaSet": crs(min_ready), "manageReplicasErr": None, "now": NOW,
          "filteredPods": [pod("p", ready=True, ltt=ltt, labels={"a": "b"})]},
         {"readyReplicas": 1, "availableReplicas": available})
case(f"{PA}/zero-transition-time-with-minReadySeconds-is-not", "replicaset.calculate_status",
     {"replicaSet": crs(10), "manageReplicasErr": None, "now": NOW,
      "filteredPods": [pod("p", ready=True, ltt="0001-01-01T00:00:00Z", labels={"a": "b"})]},
     {"readyReplicas": 1, "availableReplicas": 0})


# --- progress deadline (deployment_util.go DeploymentTimedOut, progress.go requeueStuckDeployment) ------------

def pdep(deadline, reason="ReplicaSetUpdated", last=NOW, replicas=3, status=None):
    cond = {"type": "Progressing", "status": "True", "reason": reason, "lastUpdateTime": last,
            "lastTransitionTime": last}
    spec = {"replicas": replicas, "strategy": {"type": "RollingUpdate",
                                               "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}}
    if deadline is not None:
        spec["progressDeadlineSeconds"] = deadline
    st = dict(status or {})
    st["conditions"] = [cond]
    return {"metadata": {"name": "foo", "namespace": "default"}, "spec": spec, "status": st}


TO = f"{U}/DeploymentTimedOut"
for name, dep, now, want in [
    ("deadline-reached-exactly-is-not-a-timeout", pdep(10), "2024-05-01T12:00:10Z", False),
    ("one-nanosecond-past-the-deadline-is", pdep(10), "2024-05-01T12:00:10.000000001Z", True),
    ("complete-reason-never-times-out", pdep(10, reason="NewReplicaSetAvailable"), "2024-05-02T12:00:00Z", False),
    ("timed-out-reason-stays-timed-out-without-a-clock", pdep(10, reason="ProgressDeadlineExceeded"), None, True),
    ("no-deadline-needs-no-clock", pdep(None), None, False),
    ("maxint32-deadline-means-none", pdep(2147483647), "2100-01-01T00:00:00Z", False),
]:
    case(f"{TO}/{name}", "deployment.deployment_timed_out", {"deployment": dep, "now": now}, {"timedOut": want})
case(f"{TO}/no-progressing-condition", "deployment.deployment_timed_out",
     {"deployment": {"metadata": {"name": "foo"}, "spec": {"replicas": 1, "progressDeadlineSeconds": 10},
                     "status": {"conditions": [avail]}}, "now": "2030-01-01T00:00:00Z"},
     {"timedOut": False})

RQ = "progress.go/requeueStuckDeployment"
busy = {"replicas": 3, "updatedReplicas": 1, "availableReplicas": 1}
for name, dep, now, want in [
    ("seven-minutes-left", pdep(600, last="2024-05-01T11:57:00Z", status=busy), NOW, 420_000_000_000),
    ("exactly-one-second-left-waits", pdep(600, last="2024-05-01T11:50:01Z", status=busy), NOW, 1_000_000_000),
    ("under-a-second-left-requeues-now", pdep(600, last="2024-05-01T11:50:00.999999999Z", status=busy), NOW, 0),
    ("past-the-deadline-requeues-now", pdep(10, last="2024-05-01T11:00:00Z", status=busy), NOW, 0),
    ("no-deadline-no-requeue", pdep(None, status=busy), NOW, -1),
    ("timed-out-no-requeue", pdep(600, reason="ProgressDeadlineExceeded", status=busy), NOW, -1),
]:
    case(f"{RQ}/{name}", "deployment.requeue_stuck_deployment",
         {"deployment": dep, "newStatus": busy, "now": now}, {"requeueAfterNanos": want})
done = {"replicas": 3, "updatedReplicas": 3, "availableReplicas": 3}
case(f"{RQ}/complete-new-status-no-requeue", "deployment.requeue_stuck_deployment",
     {"deployment": pdep(600, status=busy), "newStatus": done, "now": NOW}, {"requeueAfterNanos": -1})

# --- DeploymentComplete / DeploymentProgressing (deployment_util.go) ------------------------------------------

DC = f"{U}/DeploymentComplete"
for name, gen, observed, want in [
    ("observed-generation-behind-is-not-complete", 3, 2, False),
    ("observed-generation-caught-up", 3, 3, True),
    ("observed-generation-ahead", 3, 4, True),
]:
    case(f"{DC}/{name}", "deployment.deployment_complete",
         {"deployment": {"metadata": {"name": "foo", "generation": gen},
                         "spec": {"replicas": 2, "strategy": {"type": "Recreate"}},
                         "status": {"replicas": 2, "updatedReplicas": 2, "availableReplicas": 2,
                                    "observedGeneration": observed}}},
         {"complete": want})

# --- fenceposts and MaxUnavailable (deployment_util.go ResolveFenceposts, MaxUnavailable, MaxSurge) -----------

RF = f"{U}/ResolveFenceposts"
for name, surge, unavailable, desired, want in [
    ("half-a-pod-surge-rounds-up-unavailable-down", "10%", "10%", 5, (1, 0)),
    ("zero-percent-surge-and-rounded-down-unavailable", "0%", "10%", 9, (0, 1)),
    ("surge-rounds-up-unavailable-down", "10%", "10%", 4, (1, 0)),
    ("unavailable-zero-after-rounding-surge-zero", 0, "10%", 5, (0, 1)),
    ("nil-both", None, None, 3, (0, 1)),
    ("ints-are-not-capped", 7, 9, 3, (7, 9)),
]:
    case(f"{RF}/{name}", "deployment.resolve_fenceposts",
         {"maxSurge": surge, "maxUnavailable": unavailable, "desired": desired},
         {"surge": want[0], "unavailable": want[1]})
case(f"{RF}/bad-surge-is-an-error", "deployment.resolve_fenceposts",
     {"maxSurge": "1x", "maxUnavailable": 1, "desired": 3}, {"error": "Invalid"})

MU = f"{U}/MaxUnavailable"
for name, replicas, unavailable, surge, want in [
    ("percent-rounds-down", 10, "25%", 1, 2),
    ("capped-at-replicas", 3, 10, 1, 3),
    ("both-zero-after-rounding-gives-one", 5, "10%", 0, 1),
    ("zero-replicas", 0, "50%", 1, 0),
]:
    case(f"{MU}/{name}", "deployment.max_unavailable",
         {"deployment": ddep(replicas=replicas, surge=surge, unavailable=unavailable)}, {"maxUnavailable": want})
case(f"{U}/MaxSurge/percent-rounds-up", "deployment.max_surge",
     {"deployment": ddep(replicas=10, surge="25%", unavailable=0)}, {"maxSurge": 3})
case(f"{U}/MaxSurge/recreate-has-none", "deployment.max_surge",
     {"deployment": rdep(10)}, {"maxSurge": 0})

# --- NewRSNewReplicas (deployment_util.go) -------------------------------------------------------------------

NR = f"{U}/NewRSNewReplicas"
for name, surge, old, new, want in [
    ("surge-percent-rounds-up", "25%", 10, 0, 3),
    ("room-capped-by-what-the-new-rs-still-needs", 5, 1, 8, 10),
    ("no-room-keeps-the-new-size", 1, 10, 1, 1),
    ("over-the-top-keeps-the-new-size", 0, 12, 2, 2),
]:
    case(f"{NR}/{name}", "deployment.new_rs_new_replicas",
         {"deployment": ddep(replicas=10, surge=surge, unavailable=0),
          "allRSs": [drs("old", old), drs("new", new)], "newRS": drs("new", new)},
         {"replicas": want})
case(f"{NR}/recreate-is-the-full-size", "deployment.new_rs_new_replicas",
     {"deployment": rdep(4), "allRSs": [drs("old", 4), drs("new", 0)], "newRS": drs("new", 0)}, {"replicas": 4})
case(f"{NR}/unknown-strategy-is-an-error", "deployment.new_rs_new_replicas",
     {"deployment": {"metadata": {"name": "foo"}, "spec": {"replicas": 4, "strategy": {"type": "Blue"}}},
      "allRSs": [drs("new", 0)], "newRS": drs("new", 0)}, {"error": "Invalid"})

# --- rolling.go cleanupUnhealthyReplicas / reconcileOldReplicaSets ---------------------------------------------


def ors(name, spec, available, ts):
    return {"metadata": {"name": name, "namespace": "default", "uid": f"uid-{name}", "creationTimestamp": ts},
            "spec": {"replicas": spec}, "status": {"replicas": spec, "availableReplicas": available}}


CUH = "rolling.go/cleanupUnhealthyReplicas"
case(f"{CUH}/oldest-first-bounded-by-the-budget", "deployment.cleanup_unhealthy_replicas",
     {"deployment": ddep(replicas=3, unavailable=1),
      "oldRSs": [ors("younger", 3, 0, "2024-05-01T11:00:00Z"), ors("older", 2, 1, "2024-05-01T10:00:00Z")],
      "maxCleanupCount": 2},
     {"cleanupCount": 2, "replicas": {"older": 1, "younger": 2}})
case(f"{CUH}/healthy-and-empty-rs-untouched", "deployment.cleanup_unhealthy_replicas",
     {"deployment": ddep(replicas=3, unavailable=1),
      "oldRSs": [ors("healthy", 2, 2, "2024-05-01T10:00:00Z"), ors("empty", 0, 0, "2024-05-01T09:00:00Z")],
      "maxCleanupCount": 5},
     {"cleanupCount": 0, "replicas": {"healthy": 2, "empty": 0}})
case(f"{CUH}/more-available-than-spec-is-an-error", "deployment.cleanup_unhealthy_replicas",
     {"deployment": ddep(replicas=3, unavailable=1), "oldRSs": [ors("a", 2, 3, "2024-05-01T10:00:00Z")],
      "maxCleanupCount": 5},
     {"cleanupCount": 0, "error": True})
RO = "rolling.go/reconcileOldReplicaSets"
case(f"{RO}/scale-down-bounded-by-min-available", "deployment.reconcile_old_replica_sets",
     {"deployment": ddep(replicas=3, unavailable=1), "newRS": ors("new", 1, 1, "2024-05-01T11:00:00Z"),
      "oldRSs": [ors("old", 3, 3, "2024-05-01T10:00:00Z")]},
     {"scaled": True, "replicas": {"old": 1}})
case(f"{RO}/unavailable-new-pods-block-scale-down", "deployment.reconcile_old_replica_sets",
     {"deployment": ddep(replicas=3, unavailable=1), "newRS": ors("new", 2, 0, "2024-05-01T11:00:00Z"),
      "oldRSs": [ors("old", 2, 2, "2024-05-01T10:00:00Z")]},
     {"scaled": False, "replicas": {"old": 2}})
case(f"{RO}/cleanup-error-scales-nothing", "deployment.reconcile_old_replica_sets",
     {"deployment": ddep(replicas=3, unavailable=1), "newRS": ors("new", 2, 0, "2024-05-01T11:00:00Z"),
      "oldRSs": [ors("a", 2, 3, "2024-05-01T10:00:00Z")]},
     {"scaled": False, "replicas": {"a": 2}})


# --- TestGetPodsToDelete's pods, through the rank step (replica_set_test.go; ranks per replica_set.go) --------

GD = "replica_set_test.go/TestGetPodsToDelete"
rs_owner = {"apiVersion": "v1beta1", "kind": "ReplicaSet", "name": "foobar", "uid": "uid-foobar", "controller": True}
unscheduled_pending = pod("unscheduled-pending-pod", "Pending", labels={"name": "foo"}, owner=rs_owner)
scheduled_pending = pod("scheduled-pending-pod", "Pending", node="fake-node", labels={"name": "foo"}, owner=rs_owner)
running_not_ready = pod("scheduled-running-not-ready-pod", node="fake-node", ready=False, labels={"name": "foo"},
                        owner=rs_owner)
ready_node1 = pod("scheduled-running-ready-pod-on-node-1", node="fake-node-1", ready=True, labels={"name": "foo"},
                  owner=rs_owner)
ready_node2 = pod("scheduled-running-ready-pod-on-node-2", node="fake-node-2", ready=True, labels={"name": "foo"},
                  owner=rs_owner)
various = [ready_node1, ready_node2, running_not_ready, scheduled_pending, unscheduled_pending]
case(f"{GD}/various pod phases and conditions, diff < len(pods)/ranks", "replicaset.colocation_ranks",
     {"podsToRank": various, "relatedPods": various}, {"ranks": [1, 1, 2, 2, 1]})
case(f"{GD}/various pod phases and conditions, diff < len(pods)", "replicaset.get_pods_to_delete",
     {"filteredPods": various, "relatedPods": various, "diff": 3, "now": NOW},
     {"podsToDelete": ["unscheduled-pending-pod", "scheduled-pending-pod", "scheduled-running-not-ready-pod"]})
case(f"{GD}/ready and colocated with another ready pod vs not colocated, diff < len(pods)/ranks",
     "replicaset.colocation_ranks",
     {"podsToRank": [ready_node1, ready_node2], "relatedPods": [ready_node1, ready_node2, ready_node2]},
     {"ranks": [1, 2]})
case(f"{GD}/ready and colocated with another ready pod vs not colocated, diff < len(pods)",
     "replicaset.get_pods_to_delete",
     {"filteredPods": [ready_node1, ready_node2], "relatedPods": [ready_node1, ready_node2, ready_node2], "diff": 1,
      "now": NOW},
     {"podsToDelete": ["scheduled-running-ready-pod-on-node-2"]})
case(f"{GD}/various pod phases and conditions, diff = len(pods), relatedPods empty/ranks",
     "replicaset.colocation_ranks", {"podsToRank": various, "relatedPods": []}, {"ranks": [0, 0, 0, 0, 0]})


# --- EqualIgnoreHash compares with apiequality.Semantic: quantities by value, times by instant -------------
# (deployment_util.go EqualIgnoreHash -> apimachinery/pkg/api/equality Semantic: Quantity Cmp, Time UTC)

EQ = f"{U}/EqualIgnoreHash"


def qt(requests=None, extra=None, meta=None, labels=None):
    c = {"name": "c", "image": "i"}
    if requests is not None:
        c["resources"] = {"requests": requests, "limits": requests}
    spec = {"containers": [c]}
    spec.update(extra or {})
    m = {"labels": dict(labels or {"app": "web"})}
    m.update(meta or {})
    return {"metadata": m, "spec": spec}


for name, t1, t2, want in [
    ("cpu-1-equals-1000m", qt({"cpu": "1"}), qt({"cpu": "1000m"}), True),
    ("memory-1Gi-equals-its-bytes", qt({"memory": "1Gi"}), qt({"memory": "1073741824"}), True),
    ("memory-1Gi-differs-from-1G", qt({"memory": "1Gi"}), qt({"memory": "1G"}), False),
    ("decimal-and-milli-cpu", qt({"cpu": "0.5"}), qt({"cpu": "500m"}), True),
    ("overhead-by-value", qt(extra={"overhead": {"cpu": "0.1"}}), qt(extra={"overhead": {"cpu": "100m"}}), True),
    ("emptyDir-sizeLimit-by-value",
     qt(extra={"volumes": [{"name": "v", "emptyDir": {"sizeLimit": "1Ki"}}]}),
     qt(extra={"volumes": [{"name": "v", "emptyDir": {"sizeLimit": "1024"}}]}), True),
    ("a-zero-request-is-still-an-entry", qt({"cpu": "0"}), qt({}), False),
    ("creationTimestamp-by-instant", qt(meta={"creationTimestamp": "2024-01-01T01:00:00+01:00"}),
     qt(meta={"creationTimestamp": "2024-01-01T00:00:00Z"}), True),
    ("null-creationTimestamp-is-the-zero-time", qt(meta={"creationTimestamp": None}), qt(), True),
]:
    case(f"{EQ}/{name}", "deployment.equal_ignore_hash", {"template1": t1, "template2": t2}, {"equal": want})
    case(f"{EQ}/{name}/reversed", "deployment.equal_ignore_hash", {"template1": t2, "template2": t1}, {"equal": want})
case(f"{U}/FindNewReplicaSet/quantities-compared-by-value", "deployment.find_new_replica_set",
     {"deployment": {"metadata": {"name": "web"}, "spec": {"replicas": 1, "template": qt({"cpu": "1"})}},
      "rsList": [frs("spelled-differently", NOW, qt({"cpu": "1000m"}), "h1")]},
     {"newRS": "spelled-differently"})


with open(f"{OUT}/apps_audit.jsonl", "w") as fh:
    for c in cases:
        fh.write(json.dumps(c, sort_keys=True) + "\n")
print(f"{len(cases)} cases")
