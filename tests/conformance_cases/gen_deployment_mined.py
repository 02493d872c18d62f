"""Writes tests/conformance_cases/deployment_mined.jsonl: the table rows of Kubernetes' own deployment
controller unit tests that the catalogue can express, re-mined from the NEWEST Go sources
(KEP-3973 era, with ``withTwoFeatureGates``), independently of deployment.jsonl.

Sources (kubernetes/kubernetes, pkg/controller/deployment):
  util/deployment_util_test.go  TestEqualIgnoreHash (both orders), TestFindNewReplicaSet, TestFindOldReplicaSets,
      TestGetReplicaCountForReplicaSets, TestResolveFenceposts, TestNewRSNewReplicas, TestGetCondition,
      TestSetCondition, TestRemoveCondition, TestDeploymentComplete, TestDeploymentProgressing,
      TestDeploymentTimedOut, TestMaxUnavailable, TestGetNonNegativeInt32FromAnnotation, TestAnnotationUtils,
      TestReplicasAnnotationsNeedUpdate, TestMinAvailable, TestGetReplicaSetFraction
  rolling_test.go    TestDeploymentController_reconcileNewReplicaSet (every gate combination the Go test runs),
      _reconcileOldReplicaSets, _cleanupUnhealthyReplicas, _scaleDownOldReplicaSetsForRollingUpdate
  recreate_test.go   TestScaleDownOldReplicaSets, TestOldPodsRunning
  progress_test.go   TestRequeueStuckDeployment, TestSyncRolloutStatus
  sync_test.go       TestScale (the classic ``scale`` rows; the rows the Go test runs only through
      ``scaleV2`` with the gates on), TestDeploymentController_cleanupDeployment,
      TestDeploymentController_cleanupDeploymentOrder, TestGenerateReplicaSetName

Go's random names/UIDs become fixed strings; ``metav1.Now()`` becomes NOW. Only what each Go test
asserts is put in ``expect`` (TestScale's ``wasntUpdated`` RSs are not pinned; TestSyncRolloutStatus's
time checks are vacuous in Go, so times are pinned only where the row's name states them).

Not mined (no catalogue op can express them): TestDeploymentController_generateReplicaSetName (the name
comes from ComputeHash), hash_test.go (ComputeHash collisions), TestGetDeploymentsForReplicaSet,
TestDeploymentController_rolloutRecreate (API error propagation), deployment_controller_test.go
(whole syncDeployment passes; covered by tests/deployment instead).

Run: python3 tests/conformance_cases/gen_deployment_mined.py tests/conformance_cases
"""

import copy
import json
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/conformance_cases"

HASH = "pod-template-hash"
REV = "deployment.kubernetes.io/revision"
HIST = "deployment.kubernetes.io/revision-history"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAXR = "deployment.kubernetes.io/max-replicas"
BEFORE = "deployment.kubernetes.io/replicaset-replicas-before-scale"
MAXINT32 = 2147483647

NOW = "2024-05-01T12:00:00Z"
LATER = "2024-05-01T12:01:00Z"
BEFORE_T = "2024-05-01T11:59:00Z"

cases = []


def case(cid, op, inp, expect):
    cases.append({"id": "mined/" + cid, "op": op, "input": inp, "expect": expect})


def gates(term, policy):
    return {"DeploymentReplicaSetTerminatingReplicas": term, "DeploymentPodReplacementPolicy": policy}


def gate_combos(enable_policy):
    """withTwoFeatureGates: (true, true) when the row enables the policy gate, otherwise (false, false) and
    (true, false)."""
    return [(True, True)] if enable_policy else [(False, False), (True, False)]


def gate_tag(term, policy):
    return f"[gates={int(term)}{int(policy)}]"


# --- shared builders -----------------------------------------------------------------------------------


def rs(name, replicas, *, ts=None, status=None, annotations=None, uid=None, selector=None, template=None,
       deletion=None):
    meta = {"name": name, "namespace": "default"}
    if uid is not None:
        meta["uid"] = uid
    if ts is not None:
        meta["creationTimestamp"] = ts
    if annotations is not None:
        meta["annotations"] = dict(annotations)
    if deletion is not None:
        meta["deletionTimestamp"] = deletion
    spec = {"replicas": replicas}
    if selector is not None:
        spec["selector"] = {"matchLabels": dict(selector)}
    if template is not None:
        spec["template"] = copy.deepcopy(template)
    out = {"metadata": meta, "spec": spec}
    if status is not None:
        out["status"] = dict(status)
    return out


def deployment(name, replicas, *, max_surge=0, max_unavailable=0, rhl=None, strategy="RollingUpdate",
               policy=None, annotations=None):
    """newDeployment of deployment_controller_test.go: RollingUpdate with maxSurge/maxUnavailable 0 unless
    given."""
    spec = {"replicas": replicas, "selector": {"matchLabels": {"foo": "bar"}},
            "template": {"metadata": {"labels": {"foo": "bar"}},
                         "spec": {"containers": [{"name": "foo", "image": "foo/bar"}]}}}
    if strategy == "RollingUpdate":
        spec["strategy"] = {"type": "RollingUpdate",
                            "rollingUpdate": {"maxSurge": max_surge, "maxUnavailable": max_unavailable}}
    else:
        spec["strategy"] = {"type": strategy}
    if rhl is not None:
        spec["revisionHistoryLimit"] = rhl
    if policy is not None:
        spec["podReplacementPolicy"] = policy
    return {"metadata": {"name": name, "namespace": "default", "annotations": dict(annotations or {})},
            "spec": spec}


# === util/deployment_util_test.go ==========================================================================
U = "deployment_util_test.go"


def pod_template(name, node, annotations, labels):
    return {"metadata": {"name": name, "annotations": dict(annotations), "labels": dict(labels)},
            "spec": {"nodeName": node}}


eq_rows = [
    ("Same spec, same labels",
     pod_template("foo", "foo-node", {}, {HASH: "value-1", "something": "else"}),
     pod_template("foo", "foo-node", {}, {HASH: "value-1", "something": "else"}), True),
    ("Same spec, only pod-template-hash label value is different",
     pod_template("foo", "foo-node", {}, {HASH: "value-1", "something": "else"}),
     pod_template("foo", "foo-node", {}, {HASH: "value-2", "something": "else"}), True),
    ("Same spec, the former doesn't have pod-template-hash label",
     pod_template("foo", "foo-node", {}, {"something": "else"}),
     pod_template("foo", "foo-node", {}, {HASH: "value-2", "something": "else"}), True),
    ("Same spec, the label is different, the former doesn't have pod-template-hash label, same number of labels",
     pod_template("foo", "foo-node", {}, {"something": "else"}),
     pod_template("foo", "foo-node", {}, {HASH: "value-2"}), False),
    ("Same spec, the label is different, the latter doesn't have pod-template-hash label, same number of labels",
     pod_template("foo", "foo-node", {}, {HASH: "value-1"}),
     pod_template("foo", "foo-node", {}, {"something": "else"}), False),
    ("Same spec, the label is different, and the pod-template-hash label value is the same",
     pod_template("foo", "foo-node", {}, {HASH: "value-1"}),
     pod_template("foo", "foo-node", {}, {HASH: "value-1", "something": "else"}), False),
    ("Different spec, same labels",
     pod_template("foo", "foo-node", {"former": "value"}, {HASH: "value-1", "something": "else"}),
     pod_template("foo", "foo-node", {"latter": "value"}, {HASH: "value-1", "something": "else"}), False),
    ("Different spec, different pod-template-hash label value",
     pod_template("foo-1", "foo-node", {}, {HASH: "value-1", "something": "else"}),
     pod_template("foo-2", "foo-node", {}, {HASH: "value-2", "something": "else"}), False),
    ("Different spec, the former doesn't have pod-template-hash label",
     pod_template("foo-1", "foo-node-1", {}, {"something": "else"}),
     pod_template("foo-2", "foo-node-2", {}, {HASH: "value-2", "something": "else"}), False),
    ("Different spec, different labels",
     pod_template("foo", "foo-node-1", {}, {"something": "else"}),
     pod_template("foo", "foo-node-2", {}, {"nothing": "else"}), False),
]
for name, t1, t2, equal in eq_rows:
    case(f"{U}/TestEqualIgnoreHash/{name}", "deployment.equal_ignore_hash",
         {"template1": t1, "template2": t2}, {"equal": equal})
    case(f"{U}/TestEqualIgnoreHash/{name} (reverse order)", "deployment.equal_ignore_hash",
         {"template1": t2, "template2": t1}, {"equal": equal})


def generate_deployment(image):
    """generateDeployment: the full pod template of deployment_util_test.go."""
    labels = {"name": image}
    return {"metadata": {"name": image, "annotations": {}},
            "spec": {"replicas": 1, "selector": {"matchLabels": dict(labels)},
                     "template": {"metadata": {"labels": dict(labels)},
                                  "spec": {"containers": [{"name": image, "image": image,
                                                           "imagePullPolicy": "Always",
                                                           "terminationMessagePath": "/dev/termination-log"}],
                                           "dnsPolicy": "ClusterFirst", "terminationGracePeriodSeconds": 30,
                                           "restartPolicy": "Always", "securityContext": {},
                                           "enableServiceLinks": True}}}}


def generate_rs(d, name, *, uid, replicas=0, ts=None, hash_=None):
    """generateRS: the RS shares its template's label map, so a hash label set on the RS lands in the
    template too."""
    template = copy.deepcopy(d["spec"]["template"])
    if hash_ is not None:
        template["metadata"]["labels"][HASH] = hash_
    out = rs(name, replicas, ts=ts, uid=uid, template=template)
    out["metadata"]["labels"] = dict(template["metadata"]["labels"])
    return out


nginx = generate_deployment("nginx")
old_nginx = copy.deepcopy(nginx)
old_nginx["spec"]["template"]["spec"]["containers"][0]["name"] = "nginx-old-1"

new_rs = generate_rs(nginx, "nginx-new", uid="uid-new", hash_="hash", ts=LATER)
new_rs_dup = generate_rs(nginx, "nginx-new-dup", uid="uid-new-dup", hash_="different-hash", ts=NOW)
old_rs = generate_rs(old_nginx, "nginx-old", uid="uid-old")
for name, rs_list, expected in [
    ("Get new ReplicaSet with the same template as Deployment spec but different pod-template-hash value",
     [new_rs, old_rs], "nginx-new"),
    ("Get the oldest new ReplicaSet when there are more than one ReplicaSet with the same template",
     [new_rs, old_rs, new_rs_dup], "nginx-new-dup"),
    ("Get nil new ReplicaSet", [old_rs], None),
]:
    case(f"{U}/TestFindNewReplicaSet/{name}", "deployment.find_new_replica_set",
         {"deployment": nginx, "rsList": rs_list}, {"newRS": expected})

new_rs1 = generate_rs(nginx, "nginx-new", uid="uid-new", hash_="hash", ts=LATER, replicas=1)
old_rs_before = generate_rs(old_nginx, "nginx-old", uid="uid-old", ts=BEFORE_T)
for name, rs_list, all_old, required in [
    ("Get old ReplicaSets", [new_rs1, old_rs_before], ["nginx-old"], []),
    ("Get old ReplicaSets with no new ReplicaSet", [old_rs_before], ["nginx-old"], []),
    ("Get old ReplicaSets with two new ReplicaSets, only the oldest new ReplicaSet is seen as new ReplicaSet",
     [old_rs_before, new_rs1, new_rs_dup], ["nginx-old", "nginx-new"], ["nginx-new"]),
    ("Get empty old ReplicaSets", [new_rs1], [], []),
]:
    case(f"{U}/TestFindOldReplicaSets/{name}", "deployment.find_old_replica_sets",
         {"deployment": nginx, "rsList": rs_list}, {"allOldRSs": all_old, "requiredOldRSs": required})

# TestGetReplicaCountForReplicaSets (note: the Go test sets rs1's observedGeneration twice, never rs2's).
c_rs1 = rs("foo-rs", 1, status={"observedGeneration": 1, "replicas": 2, "terminatingReplicas": 3})
c_rs2 = rs("bar-rs", 2, status={"replicas": 3, "terminatingReplicas": 1})
c_rs3 = rs("unsynced-rs", 3, status={"replicas": 0, "terminatingReplicas": None})
c_rs4 = rs("dropped-rs", 1, status={"observedGeneration": 1, "replicas": 1, "terminatingReplicas": None})
for name, sets, count, actual, term in [
    ("scaling down rs1", [c_rs1], 1, 2, 3),
    ("scaling down rs1 and rs2", [c_rs1, c_rs2], 3, 5, 4),
    ("scaling up rs3", [c_rs3], 3, 0, 0),
    ("scaling down rs1 and rs2 and scaling up rs3", [c_rs1, c_rs2, c_rs3], 6, 5, 4),
    ("invalid/unknown terminating status for rs4", [c_rs4], 1, 1, None),
    ("invalid/unknown terminating status for rs4 with rs1, rs2 and rs3", [c_rs1, c_rs2, c_rs3, c_rs4], 7, 6, None),
]:
    case(f"{U}/TestGetReplicaCountForReplicaSets/{name}", "deployment.replica_counts", {"replicaSets": sets},
         {"specReplicas": count, "statusReplicas": actual, "terminatingReplicas": term})

for i, (surge, unavail, desired, es, eu, err) in enumerate([
    ("0%", "0%", 0, 0, 1, False),
    ("39%", "39%", 10, 4, 3, False),
    ("oops", "39%", 10, 0, 0, True),
    ("55%", "urg", 10, 0, 0, True),
    (None, "39%", 10, 0, 3, False),
    ("39%", None, 10, 4, 0, False),
    (None, None, 10, 0, 1, False),
]):
    expect = {"error": "Invalid"} if err else {"surge": es, "unavailable": eu}
    case(f"{U}/TestResolveFenceposts/{i}", "deployment.resolve_fenceposts",
         {"maxSurge": surge, "maxUnavailable": unavail, "desired": desired}, expect)

for name, strategy, dep_replicas, new_replicas, surge, expected in [
    ("can not scale up - to newRSReplicas", "RollingUpdate", 1, 5, 1, 5),
    ("scale up - to depReplicas", "RollingUpdate", 6, 2, 10, 6),
    ("recreate - to depReplicas", "Recreate", 3, 1, 1, 3),
]:
    d = generate_deployment("nginx")
    d["spec"]["replicas"] = dep_replicas
    # The Go test keeps the rollingUpdate block even for Recreate.
    d["spec"]["strategy"] = {"type": strategy, "rollingUpdate": {"maxUnavailable": 1, "maxSurge": surge}}
    rs5 = generate_rs(d, "nginx-rs5", uid="uid-rs5", replicas=5)
    new_rc = generate_rs(d, "nginx-new", uid="uid-new", replicas=new_replicas)
    case(f"{U}/TestNewRSNewReplicas/{name}", "deployment.new_rs_new_replicas",
         {"deployment": d, "allRSs": [rs5], "newRS": new_rc}, {"replicas": expected})

cond_progressing = {"type": "Progressing", "status": "False", "reason": "ForSomeReason"}
cond_progressing2 = {"type": "Progressing", "status": "True", "reason": "BecauseItIs"}
cond_available = {"type": "Available", "status": "True", "reason": "AwesomeController"}
example = {"conditions": [cond_progressing, cond_available]}
case(f"{U}/TestGetCondition/condition exists", "deployment.get_condition",
     {"status": example, "type": "Available"}, {"found": True})
case(f"{U}/TestGetCondition/condition does not exist", "deployment.get_condition",
     {"status": example, "type": "ReplicaFailure"}, {"found": False})
case(f"{U}/TestSetCondition/set for the first time", "deployment.set_condition",
     {"status": {"conditions": []}, "condition": cond_available}, {"status": {"conditions": [cond_available]}})
case(f"{U}/TestSetCondition/simple set", "deployment.set_condition",
     {"status": {"conditions": [cond_progressing]}, "condition": cond_available},
     {"status": {"conditions": [cond_progressing, cond_available]}})
case(f"{U}/TestSetCondition/overwrite", "deployment.set_condition",
     {"status": {"conditions": [cond_progressing]}, "condition": cond_progressing2},
     {"status": {"conditions": [cond_progressing2]}})
case(f"{U}/TestRemoveCondition/remove from empty status", "deployment.remove_condition",
     {"status": {"conditions": []}, "type": "Progressing"}, {"status": {"conditions": []}})
case(f"{U}/TestRemoveCondition/simple remove", "deployment.remove_condition",
     {"status": {"conditions": [cond_progressing]}, "type": "Progressing"}, {"status": {"conditions": []}})
case(f"{U}/TestRemoveCondition/doesn't remove anything", "deployment.remove_condition",
     {"status": example, "type": "ReplicaFailure"}, {"status": example})


def complete_d(desired, current, updated, available, max_unavailable, max_surge):
    return {"metadata": {"name": "foo"},
            "spec": {"replicas": desired,
                     "strategy": {"type": "RollingUpdate",
                                  "rollingUpdate": {"maxUnavailable": max_unavailable, "maxSurge": max_surge}}},
            "status": {"replicas": current, "updatedReplicas": updated, "availableReplicas": available}}


for name, args, expected in [
    ("not complete: min but not all pods become available", (5, 5, 5, 4, 1, 0), False),
    ("not complete: min availability is not honored", (5, 5, 5, 3, 1, 0), False),
    ("complete", (5, 5, 5, 5, 0, 0), True),
    ("not complete: all pods are available but not updated", (5, 5, 4, 5, 0, 0), False),
    ("not complete: still running old pods", (1, 2, 1, 1, 0, 1), False),
    ("not complete: one replica deployment never comes up", (1, 1, 1, 0, 1, 1), False),
]:
    case(f"{U}/TestDeploymentComplete/{name}", "deployment.deployment_complete",
         {"deployment": complete_d(*args)}, {"complete": expected})


def st(current, updated, ready, available):
    return {"replicas": current, "updatedReplicas": updated, "readyReplicas": ready, "availableReplicas": available}


for name, old, new, expected in [
    ("progressing: updated pods", (10, 4, 4, 4), (10, 6, 4, 4), True),
    ("not progressing", (10, 4, 4, 4), (10, 4, 4, 4), False),
    ("progressing: old pods removed", (10, 4, 6, 6), (8, 4, 6, 6), True),
    ("not progressing: less new pods", (10, 7, 3, 3), (10, 6, 3, 3), False),
    ("progressing: less overall but more new pods", (10, 4, 7, 7), (8, 8, 5, 5), True),
    ("progressing: more ready pods", (10, 10, 9, 8), (10, 10, 10, 8), True),
    ("progressing: more available pods", (10, 10, 10, 9), (10, 10, 10, 10), True),
]:
    case(f"{U}/TestDeploymentProgressing/{name}", "deployment.deployment_progressing",
         {"deployment": {"metadata": {"name": "foo"}, "spec": {"replicas": 0, "strategy": {"type": "RollingUpdate"}},
                         "status": st(*old)},
          "newStatus": st(*new)}, {"progressing": expected})


def t2016(minute, sec):
    return f"2016-01-01T00:{minute:02d}:{sec:02d}Z"


def timed_d(reason, pds, frm):
    spec = {"replicas": 0, "strategy": {"type": "RollingUpdate"}}
    if pds is not None:
        spec["progressDeadlineSeconds"] = pds
    return {"metadata": {"name": "foo"}, "spec": spec,
            "status": {"conditions": [{"type": "Progressing", "status": "True", "reason": reason,
                                       "lastUpdateTime": frm}]}}


for name, d, now, expected in [
    ("nil progressDeadlineSeconds specified - no timeout", timed_d("", None, t2016(1, 9)), t2016(1, 20), False),
    ("infinite progressDeadlineSeconds specified - no timeout", timed_d("", MAXINT32, t2016(1, 9)), t2016(1, 20), False),
    ("progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s", timed_d("", 10, t2016(1, 9)),
     t2016(1, 20), True),
    ("progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s", timed_d("", 10, t2016(1, 11)),
     t2016(1, 20), False),
    ("previous status was a complete deployment", timed_d("NewReplicaSetAvailable", None, "0001-01-01T00:00:00Z"),
     None, False),
]:
    case(f"{U}/TestDeploymentTimedOut/{name}", "deployment.deployment_timed_out", {"deployment": d, "now": now},
         {"timedOut": expected})


def mu_d(replicas, max_unavailable, surge=1):
    return {"metadata": {"name": "foo"},
            "spec": {"replicas": replicas,
                     "strategy": {"type": "RollingUpdate",
                                  "rollingUpdate": {"maxSurge": surge, "maxUnavailable": max_unavailable}}}}


recreate_no_replicas = {"metadata": {"name": "foo"}, "spec": {"strategy": {"type": "Recreate"}}}
for name, d, expected in [
    ("maxUnavailable less than replicas", mu_d(10, 5), 5),
    ("maxUnavailable equal replicas", mu_d(10, 10), 10),
    ("maxUnavailable greater than replicas", mu_d(5, 10), 5),
    ("maxUnavailable with replicas is 0", mu_d(0, 10), 0),
    ("maxUnavailable with Recreate deployment strategy", recreate_no_replicas, 0),
    ("maxUnavailable less than replicas with percents", mu_d(10, "50%"), 5),
    ("maxUnavailable equal replicas with percents", mu_d(10, "100%"), 10),
    ("maxUnavailable greater than replicas with percents", mu_d(5, "100%"), 5),
]:
    case(f"{U}/TestMaxUnavailable/{name}", "deployment.max_unavailable", {"deployment": d}, {"maxUnavailable": expected})

for name, d, expected in [
    ("replicas greater than maxUnavailable", mu_d(10, 5), 5),
    ("replicas equal maxUnavailable", mu_d(10, 10), 0),
    ("replicas less than maxUnavailable", mu_d(5, 10), 0),
    ("replicas is 0", mu_d(0, 10), 0),
    ("minAvailable with Recreate deployment strategy",
     {"metadata": {"name": "foo"}, "spec": {"replicas": 10, "strategy": {"type": "Recreate"}}}, 0),
    ("replicas greater than maxUnavailable with percents", mu_d(10, "60%"), 4),
    ("replicas equal maxUnavailable with percents", mu_d(10, "100%"), 0),
    ("replicas less than maxUnavailable with percents", mu_d(5, "100%"), 0),
]:
    case(f"{U}/TestMinAvailable/{name}", "deployment.min_available", {"deployment": d}, {"minAvailable": expected})

for name, ann, value, valid, err in [
    ("invalid empty", None, 0, False, None),
    ("invalid", {"test": "invalid", "foo": "2"}, 0, False, "Syntax"),
    ("invalid negative ", {"test": "-1", "foo": "2"}, 0, False, "Syntax"),
    ("valid zero", {"test": "0", "foo": "2"}, 0, True, None),
    ("valid", {"test": "13", "foo": "2"}, 13, True, None),
    ("valid max", {"test": str(MAXINT32), "foo": "2"}, MAXINT32, True, None),
    ("invalid max out of range", {"test": str(MAXINT32 + 1), "foo": "2"}, 0, False, "Range"),
    ("invalid max out of range 2", {"test": str(2 ** 32), "foo": "2"}, 0, False, "Range"),
]:
    # The Go test checks the error text with strings.Contains ("invalid syntax" / "out of range"); the
    # catalogue carries that as the error kind.
    expect = {"value": value, "valid": valid, "error": None if err is None else {"kind": err}}
    case(f"{U}/TestGetNonNegativeInt32FromAnnotation/{name}", "deployment.parse_nonnegative_int32_annotation",
         {"annotations": ann, "key": "test"}, expect)

# TestAnnotationUtils
au_d = generate_deployment("nginx")
au_d["metadata"]["annotations"] = {REV: "1"}
au_rs = generate_rs(au_d, "nginx-rs", uid="uid-rs")
steps = []
for i in range(10, 20):
    step = {"revision": str(i + 1)}
    if i >= 12:
        step["revisionHistory"] = f"{i - 1},{i}"
    steps.append(step)
case(f"{U}/TestAnnotationUtils/SetNewReplicaSetAnnotations", "deployment.set_new_replica_set_annotations",
     {"deployment": au_d, "replicaSet": au_rs, "newRevisions": [str(i + 1) for i in range(10, 20)], "exists": True,
      "revHistoryLimitInChars": 5},
     {"steps": steps})
case(f"{U}/TestAnnotationUtils/SetReplicasAnnotations", "deployment.set_replicas_annotations",
     {"replicaSet": au_rs, "desiredReplicas": 10, "maxReplicas": 11},
     {"updated": True, "annotations": {DESIRED: "10", MAXR: "11"}})
sat_rs = copy.deepcopy(au_rs)
sat_rs["metadata"]["annotations"] = {DESIRED: "1", MAXR: "11"}
sat_rs["spec"]["replicas"] = 1
sat_rs["status"] = {"availableReplicas": 1}
case(f"{U}/TestAnnotationUtils/IsSaturated", "deployment.is_saturated",
     {"deployment": au_d, "replicaSet": sat_rs}, {"saturated": True})

for name, ann, expected in [
    ("test Annotations nil", None, True),
    ("test desiredReplicas update", {DESIRED: "8", MAXR: "20"}, True),
    ("test maxReplicas update", {DESIRED: "10", MAXR: "16"}, True),
    ("test needn't update", {DESIRED: "10", MAXR: "20"}, False),
]:
    r = {"metadata": {"name": "hello", "namespace": "test"},
         "spec": {"replicas": 0, "selector": {"matchLabels": {"foo": "bar"}}}}
    if ann is not None:
        r["metadata"]["annotations"] = ann
    case(f"{U}/TestReplicasAnnotationsNeedUpdate/{name}", "deployment.replicas_annotations_need_update",
         {"replicaSet": r, "desiredReplicas": 10, "maxReplicas": 20}, {"needUpdate": expected})

for name, dep_replicas, dep_status_replicas, surge, rs_replicas, ann, expected in [
    ("empty deployment always scales to 0", 0, 0, 0, 10, None, -10),
    ("unsynced deployment does not scale when max-replicas annotation is missing (removed by a 3rd party)",
     10, 0, 0, 5, None, 0),
    ("unsynced deployment does not scale when max-replicas annotation is incorrectly set to 0 (by a 3rd party)",
     10, 0, 0, 5, {MAXR: "0"}, 0),
    ("scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is missing (removed by a 3rd party)",
     120, 100, 0, 50, None, 10),
    ("scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is incorrectly set to 0 (by a 3rd party)",
     120, 100, 0, 50, {MAXR: "0"}, 10),
    ("scale up by 1/5 should increase RS replicas by 1/5", 120, 0, 0, 50, {MAXR: "100"}, 10),
    ("scale up with maxSurge by 1/5 should increase RS replicas approximately by 1/5", 120, 0, 10, 50,
     {MAXR: "110"}, 9),
    ("scale down by 1/6 should decrease RS replicas by 1/6", 10, 0, 0, 6, {MAXR: "12"}, -1),
    ("scale down with maxSurge by 1/6 should decrease RS replicas approximately by 1/6", 100, 0, 10, 50,
     {MAXR: "130"}, -8),
]:
    d = generate_deployment("nginx")
    d["spec"]["replicas"] = dep_replicas
    d["status"] = {"replicas": dep_status_replicas}
    d["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": surge, "maxUnavailable": 1}}
    r = generate_rs(d, "nginx-rs", uid="uid-rs", replicas=rs_replicas)
    if ann is not None:
        r["metadata"]["annotations"] = ann
    case(f"{U}/TestGetReplicaSetFraction/{name}", "deployment.get_replica_set_fraction",
         {"deployment": d, "replicaSet": r}, {"fraction": expected})


# === rolling_test.go ======================================================================================
R = "rolling_test.go"

rnrs_rows = [
    # name, enablePolicy, depReplicas, maxSurge, policy, old, new, oldTerm, newTerm, oldStatus, newStatus,
    # unsynced, scaleExpected, expectedNew, err
    ("should not scale up when old replica set is fully saturated", False, 10, 0, None, 10, 0, None, None, 0, 0,
     False, False, 0, False),
    ("should scale up according to the maxSurge when old replica set is fully saturated", False, 10, 2, None, 10, 0,
     None, None, 0, 0, False, True, 2, False),
    ("should scale up according to the maxSurge", False, 10, 2, None, 5, 0, None, None, 0, 0, False, True, 7, False),
    ("should not scale when maxSurge is fully saturated", False, 10, 2, None, 10, 2, None, None, 0, 0, False, False,
     0, False),
    ("should scale down when there are replicas above maxSurge", False, 10, 2, None, 2, 11, None, None, 0, 0, False,
     True, 10, False),
    ("should scale up according to the maxSurge with empty policy and ignore terminating pods", True, 10, 2, None, 5,
     0, 1, 10, 0, 0, False, True, 7, False),
    ("should scale up according to the maxSurge with TerminationStarted policy and ignore terminating pods", True, 10,
     2, "TerminationStarted", 5, 0, 1, 10, 0, 0, False, True, 7, False),
    ("should scale up according to the terminating pods with TerminationComplete policy", True, 10, 0,
     "TerminationComplete", 5, 1, 0, 1, 0, 0, False, True, 4, False),
    ("should scale up according to the terminating pods with TerminationComplete policy and unsynced new RS", True,
     10, 0, "TerminationComplete", 5, 1, 1, None, 0, 0, True, True, 4, False),
    ("should error when scaling up according to the terminating pods with TerminationComplete policy and broken new "
     "RS (unknown terminatingReplicas)", True, 10, 0, "TerminationComplete", 5, 1, 1, None, 0, 0, False, False, 0,
     True),
    ("should scale up according to the status pods with TerminationComplete policy", True, 10, 0,
     "TerminationComplete", 5, 1, 0, 0, 6, 1, False, True, 4, False),
    ("should scale up according to the maxSurge and terminating and status pods with TerminationComplete policy",
     True, 10, 2, "TerminationComplete", 5, 0, 1, 2, 0, 1, False, True, 3, False),
    ("should not scale up according to the maxSurge due to terminating pods with TerminationComplete policy", True,
     10, 2, "TerminationComplete", 5, 0, 1, 10, 0, 0, False, False, 0, False),
]
for (name, enable, dep_replicas, surge, policy, old_n, new_n, old_term, new_term, old_status, new_status, unsynced,
     scale_expected, expected_new, err) in rnrs_rows:
    for term_gate, policy_gate in gate_combos(enable):
        new_st = {"replicas": new_status, "terminatingReplicas": new_term}
        if not unsynced:
            new_st["observedGeneration"] = 1
        inp = {"deployment": deployment("foo", dep_replicas, max_surge=surge, max_unavailable=0, policy=policy),
               "newRS": rs("foo-v2", new_n, status=new_st, uid="uid-foo-v2"),
               "oldRSs": [rs("foo-v1", old_n, uid="uid-foo-v1",
                             status={"observedGeneration": 1, "replicas": old_status,
                                     "terminatingReplicas": old_term})],
               "featureGates": gates(term_gate, policy_gate)}
        if err:
            expect = {"error": "Invalid"}
        else:
            expect = {"scaled": scale_expected, "replicas": {"foo-v2": expected_new if scale_expected else new_n}}
        case(f"{R}/TestDeploymentController_reconcileNewReplicaSet/{name} {gate_tag(term_gate, policy_gate)}",
             "deployment.reconcile_new_replica_set", inp, expect)

for i, (dep_replicas, max_unavailable, old_n, new_n, ready_old, ready_new, scale_expected) in enumerate([
    (10, 0, 10, 0, 10, 0, True),
    (10, 2, 10, 0, 10, 0, True),
    (10, 2, 10, 0, 8, 0, True),
    (10, 2, 10, 0, 9, 0, True),
    (10, 2, 8, 2, 8, 0, False),
]):
    d = deployment("foo", dep_replicas, max_surge=0, max_unavailable=max_unavailable)
    d["spec"]["selector"] = {"matchLabels": {"foo": "new"}}
    inp = {"deployment": d,
           "newRS": rs("foo-new", new_n, selector={"foo": "new"}, status={"availableReplicas": ready_new},
                       uid="uid-foo-new"),
           "oldRSs": [rs("foo-old", old_n, selector={"foo": "old"}, status={"availableReplicas": ready_old},
                         uid="uid-foo-old")]}
    case(f"{R}/TestDeploymentController_reconcileOldReplicaSets/{i}", "deployment.reconcile_old_replica_sets", inp,
         {"scaled": scale_expected})

for i, (old_n, ready, _unhealthy, max_cleanup, expected) in enumerate([
    (10, 8, 2, 1, 1),
    (10, 8, 2, 3, 2),
    (10, 8, 2, 0, 0),
    (10, 10, 0, 3, 0),
]):
    inp = {"deployment": deployment("foo", 10, max_surge=2, max_unavailable=2),
           "oldRSs": [rs("foo-v2", old_n, status={"availableReplicas": ready}, uid="uid-foo-v2")],
           "maxCleanupCount": max_cleanup}
    case(f"{R}/TestDeploymentController_cleanupUnhealthyReplicas/{i}", "deployment.cleanup_unhealthy_replicas", inp,
         {"cleanupCount": expected})

for i, (dep_replicas, max_unavailable, ready, old_n, scale_expected, expected_old) in enumerate([
    (10, 0, 10, 10, True, 9),
    (10, 2, 10, 10, True, 8),
    (10, 2, 8, 10, False, None),
    (10, 2, 10, 0, False, None),
    (10, 2, 1, 10, False, None),
]):
    inp = {"deployment": deployment("foo", dep_replicas, max_surge=0, max_unavailable=max_unavailable),
           "newRS": None,
           "oldRSs": [rs("foo-v2", old_n, status={"availableReplicas": ready}, uid="uid-foo-v2")]}
    expect = {"scaled": scale_expected}
    if scale_expected:
        expect["replicas"] = {"foo-v2": expected_old}
    else:
        expect["scaledDownCount"] = 0
    case(f"{R}/TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate/{i}",
         "deployment.scale_down_old_replica_sets_for_rolling_update", inp, expect)


# === recreate_test.go =====================================================================================
RC = "recreate_test.go"

case(f"{RC}/TestScaleDownOldReplicaSets/0", "deployment.scale_down_old_replica_sets_for_recreate",
     {"deployment": deployment("foo", 3), "oldRSs": [rs("foo-0", 3, uid="uid-foo-0")]},
     {"scaled": True, "replicas": {"foo-0": 0}})


def pods(*phases):
    return [{"metadata": {"name": f"pod-{i}"}, "spec": {}, "status": ({"phase": p} if p else {})}
            for i, p in enumerate(phases)]


def rs_with_uid(uid):
    return rs(f"foo-{uid}", 0, uid=uid)


for name, new, olds, pod_map, expected in [
    ("no old RSs", None, [], None, False),
    ("old RSs with running pods", None, [rs_with_uid("some-uid"), rs_with_uid("other-uid")],
     {"some-uid": pods(None, None), "other-uid": pods(None, None)}, True),
    ("old RSs without pods but with non-zero status replicas", None, [rs("rs-1", 0, status={"replicas": 1})], None,
     True),
    ("old RSs without pods or non-zero status replicas", None, [rs("rs-1", 0, status={"replicas": 0})], None, False),
    ("old RSs with zero status replicas but pods in terminal state are present", None,
     [rs("rs-1", 0, status={"replicas": 0})], {"uid-1": pods("Failed", "Succeeded")}, False),
    ("old RSs with zero status replicas but pod in unknown phase present", None,
     [rs("rs-1", 0, status={"replicas": 0})], {"uid-1": pods("Unknown")}, True),
    ("old RSs with zero status replicas with pending pod present", None,
     [rs("rs-1", 0, status={"replicas": 0})], {"uid-1": pods("Pending")}, True),
    ("old RSs with zero status replicas with running pod present", None,
     [rs("rs-1", 0, status={"replicas": 0})], {"uid-1": pods("Running")}, True),
    ("old RSs with zero status replicas but pods in terminal state and pending are present", None,
     [rs("rs-1", 0, status={"replicas": 0})],
     {"uid-1": pods("Failed", "Succeeded"), "uid-2": [], "uid-3": pods("Pending")}, True),
]:
    case(f"{RC}/TestOldPodsRunning/{name}", "deployment.old_pods_running",
         {"newRS": new, "oldRSs": olds, "podMap": pod_map or {}}, {"oldPodsRunning": expected})


# === progress_test.go =====================================================================================
P = "progress_test.go"
TEST_TIME = "2017-02-15T18:49:00Z"


def current_deployment(pds, replicas, status_replicas, updated, available, conditions):
    spec = {"replicas": replicas, "strategy": {"type": "Recreate"}}
    if pds is not None:
        spec["progressDeadlineSeconds"] = pds
    status = {"replicas": status_replicas, "updatedReplicas": updated, "availableReplicas": available}
    if conditions is not None:
        status["conditions"] = copy.deepcopy(conditions)
    return {"metadata": {"name": "progress-test"}, "spec": spec, "status": status}


def dstatus(replicas, updated, available):
    return {"replicas": replicas, "updatedReplicas": updated, "availableReplicas": available}


failed = [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}]
stuck = [{"type": "Progressing", "status": "True", "reason": "", "lastUpdateTime": TEST_TIME}]
SEC = 1_000_000_000
for name, d, status, now, expected in [
    ("nil progressDeadlineSeconds specified", current_deployment(None, 4, 3, 3, 2, None), dstatus(3, 3, 2), None, -1),
    ("infinite progressDeadlineSeconds specified", current_deployment(MAXINT32, 4, 3, 3, 2, None), dstatus(3, 3, 2),
     None, -1),
    ("no progressing condition found", current_deployment(60, 4, 3, 3, 2, None), dstatus(3, 3, 2), None, -1),
    ("complete deployment does not need to be requeued", current_deployment(60, 3, 3, 3, 3, None), dstatus(3, 3, 3),
     None, -1),
    ("already failed deployment does not need to be requeued", current_deployment(60, 3, 3, 3, 0, failed),
     dstatus(3, 3, 0), None, -1),
    ("stuck deployment - 30s", current_deployment(60, 3, 3, 3, 1, stuck), dstatus(3, 3, 1), "2017-02-15T18:49:30Z",
     30 * SEC),
    ("stuck deployment - 1s", current_deployment(60, 3, 3, 3, 1, stuck), dstatus(3, 3, 1), "2017-02-15T18:49:59Z",
     1 * SEC),
    ("failed deployment - less than a second => now", current_deployment(60, 3, 3, 3, 1, stuck), dstatus(3, 3, 1),
     "2017-02-15T18:49:59.000000001Z", 0),
    ("failed deployment - now", current_deployment(60, 3, 3, 3, 1, stuck), dstatus(3, 3, 1), "2017-02-15T18:50:00Z",
     0),
    ("failed deployment - 1s after deadline", current_deployment(60, 3, 3, 3, 1, stuck), dstatus(3, 3, 1),
     "2017-02-15T18:50:01Z", 0),
    ("failed deployment - 60s after deadline", current_deployment(60, 3, 3, 3, 1, stuck), dstatus(3, 3, 1),
     "2017-02-15T18:51:00Z", 0),
]:
    case(f"{P}/TestRequeueStuckDeployment/{name}", "deployment.requeue_stuck_deployment",
         {"deployment": d, "newStatus": status, "now": now}, {"requeueAfterNanos": expected})

failed_timed_out = {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}
new_rs_available = {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
                    "lastUpdateTime": TEST_TIME, "lastTransitionTime": TEST_TIME}
replica_set_updated = {"type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated",
                       "lastUpdateTime": TEST_TIME, "lastTransitionTime": TEST_TIME}


def rs_avail(name, spec_replicas, status_replicas, available):
    return rs(name, spec_replicas, status={"replicas": status_replicas, "availableReplicas": available},
              uid=f"uid-{name}")


# The Go test never sets the clock for this table; it runs after TestRequeueStuckDeployment, whose last row
# leaves nowFn at 18:51:00 (and the real clock is later still).
SRS_NOW = "2017-02-15T18:51:00Z"
for name, d, olds, new, cond in [
    ("General: remove Progressing condition and do not estimate progress if deployment has no Progress Deadline",
     current_deployment(None, 3, 2, 2, 2, [replica_set_updated]), [rs_avail("bar", 0, 1, 1)],
     rs_avail("foo", 3, 2, 2), None),
    ("General: do not estimate progress of deployment with only one active ReplicaSet",
     current_deployment(60, 3, 3, 3, 3, [new_rs_available]), [rs_avail("bar", 3, 3, 3)], None,
     {"status": "True", "reason": "NewReplicaSetAvailable", "lastUpdateTime": TEST_TIME,
      "lastTransitionTime": TEST_TIME}),
    ("DeploymentProgressing: dont update lastTransitionTime if deployment already has Progressing=True",
     current_deployment(60, 3, 2, 2, 2, [replica_set_updated]), [rs_avail("bar", 0, 1, 1)],
     rs_avail("foo", 3, 2, 2), {"status": "True", "reason": "ReplicaSetUpdated", "lastTransitionTime": TEST_TIME}),
    ("DeploymentProgressing: update everything if deployment has Progressing=False",
     current_deployment(60, 3, 2, 2, 2, [failed_timed_out]), [rs_avail("bar", 0, 1, 1)], rs_avail("foo", 3, 2, 2),
     {"status": "True", "reason": "ReplicaSetUpdated"}),
    ("DeploymentProgressing: create Progressing condition if it does not exist",
     current_deployment(60, 3, 2, 2, 2, []), [rs_avail("bar", 0, 1, 1)], rs_avail("foo", 3, 2, 2),
     {"status": "True", "reason": "ReplicaSetUpdated"}),
    ("DeploymentComplete: dont update lastTransitionTime if deployment already has Progressing=True",
     current_deployment(60, 3, 3, 3, 3, [replica_set_updated]), [], rs_avail("foo", 3, 3, 3),
     {"status": "True", "reason": "NewReplicaSetAvailable", "lastTransitionTime": TEST_TIME}),
    ("DeploymentComplete: update everything if deployment has Progressing=False",
     current_deployment(60, 3, 3, 3, 3, [failed_timed_out]), [], rs_avail("foo", 3, 3, 3),
     {"status": "True", "reason": "NewReplicaSetAvailable"}),
    ("DeploymentComplete: create Progressing condition if it does not exist",
     current_deployment(60, 3, 3, 3, 3, []), [], rs_avail("foo", 3, 3, 3),
     {"status": "True", "reason": "NewReplicaSetAvailable"}),
    ("DeploymentComplete: defend against NPE when newRS=nil",
     current_deployment(60, 0, 3, 3, 3, [replica_set_updated]), [rs_avail("foo", 0, 0, 0)], None,
     {"status": "True", "reason": "NewReplicaSetAvailable"}),
    ("DeploymentTimedOut: update status if rollout exceeds Progress Deadline",
     current_deployment(60, 3, 2, 2, 2, [replica_set_updated]), [], rs_avail("foo", 3, 2, 2),
     {"status": "False", "reason": "ProgressDeadlineExceeded"}),
    ("DeploymentTimedOut: do not update status if deployment has existing timedOut condition",
     current_deployment(60, 3, 2, 2, 2, [failed_timed_out]), [], rs_avail("foo", 3, 2, 2),
     {"status": "False", "reason": "ProgressDeadlineExceeded"}),
]:
    case(f"{P}/TestSyncRolloutStatus/{name}", "deployment.sync_rollout_status",
         {"deployment": d, "newRS": new, "oldRSs": olds, "now": SRS_NOW}, {"progressingCondition": cond})


# === sync_test.go =========================================================================================
S = "sync_test.go"
NEW_TS = "2016-05-20T02:00:00Z"
OLD_TS = "2016-05-20T01:00:00Z"
OLDER_TS = "2016-05-20T00:00:00Z"


def srs(name, replicas, ts, status=None, annotations=None):
    return rs(name, replicas, ts=ts, status=status, annotations=annotations, uid=f"uid-{name}")


def tpl_changed(d):
    d = copy.deepcopy(d)
    d["spec"]["template"]["metadata"]["labels"]["another"] = "label"
    return d


# name, deployment, oldDeploymentReplicas, oldSurge, newRS, oldRSs, expected {name: replicas}, desired overrides
scale_rows = [
    ("normal scaling event: 10 -> 12", deployment("foo", 12), 10, 0, srs("foo-v1", 10, NEW_TS), [], {"foo-v1": 12},
     {}),
    ("normal scaling event: 10 -> 5", deployment("foo", 5), 10, 0, srs("foo-v1", 10, NEW_TS), [], {"foo-v1": 5}, {}),
    ("proportional scaling: 5 -> 10", deployment("foo", 10), 5, 0, srs("foo-v2", 2, NEW_TS),
     [srs("foo-v1", 3, OLD_TS)], {"foo-v2": 4, "foo-v1": 6}, {}),
    ("proportional scaling: 5 -> 3", deployment("foo", 3), 5, 0, srs("foo-v2", 2, NEW_TS),
     [srs("foo-v1", 3, OLD_TS)], {"foo-v2": 1, "foo-v1": 2}, {}),
    ("proportional scaling: 9 -> 4", deployment("foo", 4), 9, 0, srs("foo-v2", 8, NEW_TS),
     [srs("foo-v1", 1, OLD_TS)], {"foo-v2": 4, "foo-v1": 0}, {}),
    ("proportional scaling: 7 -> 10", deployment("foo", 10), 7, 0, srs("foo-v3", 2, NEW_TS),
     [srs("foo-v2", 3, OLD_TS), srs("foo-v1", 2, OLDER_TS)], {"foo-v3": 3, "foo-v2": 4, "foo-v1": 3}, {}),
    ("proportional scaling: 13 -> 8", deployment("foo", 8), 13, 0, srs("foo-v3", 2, NEW_TS),
     [srs("foo-v2", 8, OLD_TS), srs("foo-v1", 3, OLDER_TS)], {"foo-v3": 1, "foo-v2": 5, "foo-v1": 2}, {}),
    ("leftover distribution: 3 -> 4", deployment("foo", 4), 3, 0, srs("foo-v3", 1, NEW_TS),
     [srs("foo-v2", 1, OLD_TS), srs("foo-v1", 1, OLDER_TS)], {"foo-v3": 2, "foo-v2": 1, "foo-v1": 1}, {}),
    ("leftover distribution: 3 -> 2", deployment("foo", 2), 3, 0, srs("foo-v3", 1, NEW_TS),
     [srs("foo-v2", 1, OLD_TS), srs("foo-v1", 1, OLDER_TS)], {"foo-v3": 1, "foo-v2": 1, "foo-v1": 0}, {}),
    ("proportional scaling (no new rs): 4 -> 5", deployment("foo", 5), 4, 0, None,
     [srs("foo-v2", 2, OLD_TS), srs("foo-v1", 2, OLDER_TS)], {"foo-v2": 3, "foo-v1": 2}, {}),
    ("proportional scaling: 6 -> 0", deployment("foo", 0), 6, 0, srs("foo-v3", 3, NEW_TS),
     [srs("foo-v2", 2, OLD_TS), srs("foo-v1", 1, OLDER_TS)], {"foo-v3": 0, "foo-v2": 0, "foo-v1": 0}, {}),
    # wasntUpdated foo-v2/foo-v1: the Go test ignores their writes, so only foo-v3 is pinned.
    ("proportional scaling: 0 -> 6", deployment("foo", 6), 6, 0, srs("foo-v3", 0, NEW_TS),
     [srs("foo-v2", 0, OLD_TS), srs("foo-v1", 0, OLDER_TS)], {"foo-v3": 6}, {}),
    # wasntUpdated foo-v3/foo-v1: only foo-v2 is pinned.
    ("failed rs update", deployment("foo", 5), 5, 0, srs("foo-v3", 2, NEW_TS),
     [srs("foo-v2", 1, OLD_TS), srs("foo-v1", 1, OLDER_TS)], {"foo-v2": 2}, {"foo-v2": 3}),
    ("deployment with surge pods", deployment("foo", 20, max_surge=2), 10, 2, srs("foo-v2", 6, NEW_TS),
     [srs("foo-v1", 6, OLD_TS)], {"foo-v2": 11, "foo-v1": 11}, {}),
    ("change both surge and size", deployment("foo", 50, max_surge=6), 10, 3, srs("foo-v2", 5, NEW_TS),
     [srs("foo-v1", 8, OLD_TS)], {"foo-v2": 22, "foo-v1": 34}, {}),
    ("change both size and template", tpl_changed(deployment("foo", 14)), 10, 0, None,
     [srs("foo-v2", 7, NEW_TS), srs("foo-v1", 3, OLD_TS)], {"foo-v2": 10, "foo-v1": 4}, {}),
    ("saturated but broken new replica set does not affect old pods",
     deployment("foo", 2, max_surge=1, max_unavailable=1), 2, 1,
     srs("foo-v2", 2, NEW_TS, status={"availableReplicas": 0}), [srs("foo-v1", 1, OLD_TS)],
     {"foo-v2": 2, "foo-v1": 1}, {}),
]
for name, d, old_replicas, old_surge, new, olds, expected, overrides in scale_rows:
    def annotate(r, old_replicas=old_replicas, old_surge=old_surge, overrides=overrides):
        # SetReplicasAnnotations(rs, desired, desired + MaxSurge(oldDeployment)) for an RS without annotations.
        if r is None:
            return None
        r = copy.deepcopy(r)
        desired = overrides.get(r["metadata"]["name"], old_replicas)
        r["metadata"]["annotations"] = {DESIRED: str(desired), MAXR: str(desired + old_surge)}
        return r

    for term_gate, policy_gate in gate_combos(False):
        case(f"{S}/TestScale/{name} with v1 scaling {gate_tag(term_gate, policy_gate)}", "deployment.scale",
             {"deployment": d, "newRS": annotate(new), "oldRSs": [annotate(r) for r in olds],
              "featureGates": gates(term_gate, policy_gate)},
             {"replicas": expected})

# Rows the Go test runs only through scaleV2 with both gates on. Without TerminationComplete they pin the
# classic results (replicas and desired/max annotations).
for name, d, new, olds, exp_replicas, exp_ann in [
    ("scaling event with terminating pods is not partial with empty policy:: 10 -> 14", deployment("foo", 14),
     srs("foo-v1", 10, NEW_TS, status={"terminatingReplicas": 2}, annotations={DESIRED: "10", MAXR: "10"}), [],
     {"foo-v1": 14}, {"foo-v1": {DESIRED: "14", MAXR: "14"}}),
    ("scaling event with terminating pods is not partial with TerminationStarted policy:: 10 -> 14",
     deployment("foo", 14, policy="TerminationStarted"),
     srs("foo-v1", 10, NEW_TS, status={"terminatingReplicas": 2}, annotations={DESIRED: "10", MAXR: "10"}), [],
     {"foo-v1": 14}, {"foo-v1": {DESIRED: "14", MAXR: "14"}}),
    ("proportional scaling with terminating pods is not partial with empty policy: 5 -> 10", deployment("foo", 10),
     srs("foo-v2", 2, NEW_TS, status={"terminatingReplicas": 1}, annotations={DESIRED: "5", MAXR: "5"}),
     [srs("foo-v1", 3, OLD_TS, status={"terminatingReplicas": 1, "replicas": 4},
          annotations={DESIRED: "5", MAXR: "5"})],
     {"foo-v2": 4, "foo-v1": 6}, {"foo-v2": {DESIRED: "10", MAXR: "10"}, "foo-v1": {DESIRED: "10", MAXR: "10"}}),
    ("proportional scaling with terminating pods is not partial with TerminationStarted policy: 5 -> 10",
     deployment("foo", 10, policy="TerminationStarted"),
     srs("foo-v2", 2, NEW_TS, status={"terminatingReplicas": 1}, annotations={DESIRED: "5", MAXR: "5"}),
     [srs("foo-v1", 3, OLD_TS, status={"terminatingReplicas": 1, "replicas": 4},
          annotations={DESIRED: "5", MAXR: "5"})],
     {"foo-v2": 4, "foo-v1": 6}, {"foo-v2": {DESIRED: "10", MAXR: "10"}, "foo-v1": {DESIRED: "10", MAXR: "10"}}),
]:
    case(f"{S}/TestScale/{name} with v2 scaling {gate_tag(True, True)}", "deployment.scale",
         {"deployment": d, "newRS": new, "oldRSs": olds, "featureGates": gates(True, True)},
         {"replicas": exp_replicas, "annotations": exp_ann})


# Rows the Go test runs only through scaleV2 with both gates on and TerminationComplete: partial scaling.
# An RS without annotations gets ComputeReplicaSetScaleAnnotationsV2(rs, oldDeployment): desired = the old
# replicas, max = desired + the old maxSurge.


def ann(desired, max_, before=None):
    out = {DESIRED: str(desired), MAXR: str(max_)}
    if before is not None:
        out[BEFORE] = str(before)
    return out


TC = "TerminationComplete"
recreate14 = deployment("foo", 14, strategy="Recreate", policy=TC)
for name, d, new, olds, exp in [
    ("scaling event with terminating pods and TerminationComplete policy: 10 -> 12 (14)",
     deployment("foo", 14, policy=TC), srs("foo-v1", 10, NEW_TS, status={"terminatingReplicas": 2},
                                           annotations=ann(10, 10)), [],
     {"foo-v1": (12, ann(10, 10, 10))}),
    ("scaling event (Recreate Deployment) with terminating pods and TerminationComplete policy: 10 -> 12 (14)",
     recreate14, srs("foo-v1", 10, NEW_TS, status={"terminatingReplicas": 2}, annotations=ann(10, 10)), [],
     {"foo-v1": (12, ann(10, 10, 10))}),
    ("scaling event with surge pods and TerminationComplete policy: 10 -> 13 (14)", deployment("foo", 14, policy=TC),
     srs("foo-v1", 10, NEW_TS, status={"observedGeneration": 1, "replicas": 11, "terminatingReplicas": 0},
         annotations=ann(10, 10)), [],
     {"foo-v1": (13, ann(10, 10, 10))}),
    ("scaling event (Recreate Deployment) with surge pods and TerminationComplete policy: 10 -> 12 (14)", recreate14,
     srs("foo-v1", 10, NEW_TS, status={"replicas": 11}, annotations=ann(10, 10)), [],
     {"foo-v1": (13, ann(10, 10, 10))}),
    ("scaling event (Recreate Deployment) with no running pods (unsynced newRS) and TerminationComplete policy: "
     "10 -> 14", recreate14, srs("foo-v1", 10, NEW_TS, status={}, annotations=ann(10, 10)), [],
     {"foo-v1": (14, ann(14, 14))}),
    ("no scaling event (Recreate Deployment) with broken old rs (unknown terminatingReplicas) and "
     "TerminationComplete policy should error", recreate14,
     srs("foo-v2", 10, NEW_TS, status={}, annotations=ann(10, 10)),
     [srs("foo-v1", 0, OLD_TS, status={"observedGeneration": 1, "terminatingReplicas": None, "replicas": 0},
          annotations=ann(10, 10))], None),
    ("scaling event with maxSurge, terminating pods and TerminationComplete policy [part 1]: 10 -> 13 (14)",
     deployment("foo", 14, max_surge=3, policy=TC),
     srs("foo-v1", 10, NEW_TS, status={"terminatingReplicas": 4}, annotations=ann(10, 13)), [],
     {"foo-v1": (13, ann(10, 13, 10))}),
    ("scaling event with maxSurge, terminating pods and TerminationComplete policy [part 2]: 10 -> 14 (14)",
     deployment("foo", 14, max_surge=3, policy=TC),
     srs("foo-v1", 13, NEW_TS, status={}, annotations=ann(10, 13, 10)), [],
     {"foo-v1": (14, ann(14, 17))}),
    ("proportional partial scaling with terminating pods and TerminationComplete policy: 5 -> 8 (10)",
     deployment("foo", 10, policy=TC),
     srs("foo-v2", 2, NEW_TS, status={"terminatingReplicas": 1}, annotations=ann(5, 5)),
     [srs("foo-v1", 3, OLD_TS, status={"terminatingReplicas": 1}, annotations=ann(5, 5))],
     {"foo-v2": (2, ann(5, 5, 2)), "foo-v1": (6, ann(10, 10))}),
    ("no scaling event (targeted proportional) with broken old rs (unknown terminatingReplicas) and "
     "TerminationComplete policy should error", deployment("foo", 10, policy=TC),
     srs("foo-v2", 2, NEW_TS, status={"observedGeneration": 1, "terminatingReplicas": 1}, annotations=ann(5, 5)),
     [srs("foo-v1", 3, OLD_TS, status={"observedGeneration": 1, "terminatingReplicas": None},
          annotations=ann(5, 5))], None),
    ("proportional partial scaling with terminating and surge pods and TerminationComplete policy [part 1]: "
     "7 -> 10 (12)", deployment("foo", 12, policy=TC),
     srs("foo-v3", 2, NEW_TS, status={"terminatingReplicas": 1}, annotations=ann(7, 7)),
     [srs("foo-v2", 3, OLD_TS, status={}, annotations=ann(7, 7)),
      srs("foo-v1", 2, OLDER_TS, status={"observedGeneration": 1, "replicas": 3, "terminatingReplicas": 0},
          annotations=ann(7, 7))],
     {"foo-v3": (3, ann(12, 12)), "foo-v2": (5, ann(7, 7, 3)), "foo-v1": (2, ann(7, 7, 2))}),
    ("proportional partial scaling with terminating and surge pods and TerminationComplete policy [part 2]: "
     "7 -> 12 (12)", deployment("foo", 12, policy=TC),
     srs("foo-v3", 3, NEW_TS, status={}, annotations=ann(12, 12)),
     [srs("foo-v2", 5, OLD_TS, status={}, annotations=ann(7, 7, 3)),
      srs("foo-v1", 2, OLDER_TS, status={"observedGeneration": 1, "replicas": 2, "terminatingReplicas": 0},
          annotations=ann(7, 7, 2))],
     {"foo-v3": (3, ann(12, 12)), "foo-v2": (6, ann(12, 12)), "foo-v1": (3, ann(12, 12))}),
    ("proportional partial scaling with maxSurge, terminating and surge pods and TerminationComplete policy "
     "[part 1]: 100 -> 115 (130)", deployment("foo", 120, max_surge=10, policy=TC),
     srs("foo-v3", 50, NEW_TS, status={"terminatingReplicas": 6}, annotations=ann(100, 110)),
     [srs("foo-v2", 30, OLD_TS, status={"terminatingReplicas": 4}, annotations=ann(100, 110)),
      srs("foo-v1", 20, OLDER_TS, status={"terminatingReplicas": 5}, annotations=ann(100, 110))],
     {"foo-v3": (59, ann(100, 110, 50)), "foo-v2": (35, ann(120, 130)), "foo-v1": (21, ann(100, 110, 20))}),
    ("proportional partial scaling with maxSurge, terminating and surge pods and TerminationComplete policy "
     "[part 2]: 100 -> 125 (130)", deployment("foo", 120, max_surge=10, policy=TC),
     srs("foo-v3", 59, NEW_TS, status={"terminatingReplicas": 2}, annotations=ann(100, 110, 50)),
     [srs("foo-v2", 35, OLD_TS, status={"terminatingReplicas": 3}, annotations=ann(120, 130)),
      srs("foo-v1", 21, OLDER_TS, status={}, annotations=ann(100, 110, 20))],
     {"foo-v3": (66, ann(100, 110, 50)), "foo-v2": (35, ann(120, 130)), "foo-v1": (24, ann(120, 130))}),
    ("proportional partial scaling with maxSurge, terminating and surge pods and TerminationComplete policy "
     "[part 3]: 100 -> 130 (130)", deployment("foo", 120, max_surge=10, policy=TC),
     srs("foo-v3", 66, NEW_TS, status={}, annotations=ann(100, 110, 50)),
     [srs("foo-v2", 35, OLD_TS, status={}, annotations=ann(120, 130)),
      srs("foo-v1", 24, OLDER_TS, status={}, annotations=ann(120, 130))],
     {"foo-v3": (71, ann(120, 130)), "foo-v2": (35, ann(120, 130)), "foo-v1": (24, ann(120, 130))}),
]:
    if exp is None:
        expect = {"error": "Invalid"}
    else:
        expect = {"replicas": {k: v[0] for k, v in exp.items()}, "annotations": {k: v[1] for k, v in exp.items()}}
    case(f"{S}/TestScale/{name} with v2 scaling {gate_tag(True, True)}", "deployment.scale",
         {"deployment": d, "newRS": new, "oldRSs": olds, "featureGates": gates(True, True)}, expect)


def rs_status(name, spec_replicas, status_replicas, deletion=None):
    return rs(name, spec_replicas, status={"replicas": status_replicas}, selector={"foo": "bar"}, uid=f"uid-{name}",
              deletion=deletion)


def rs_full(name, spec_replicas, status):
    return rs(name, spec_replicas, status=status, selector={"foo": "bar"}, uid=f"uid-{name}")


for i, (olds, limit, deletions, deleted, enable) in enumerate([
    ([rs_status("foo-1", 0, 0), rs_status("foo-2", 0, 0), rs_status("foo-3", 0, 0)], 1, 2, None, False),
    ([rs_status("foo-1", 0, 0), rs_status("foo-2", 0, 1), rs_status("foo-3", 1, 0), rs_status("foo-4", 1, 1)], 0, 1,
     ["foo-1"], False),
    ([rs_full("foo-1", 0, {"observedGeneration": 1, "terminatingReplicas": 0}),
      rs_full("foo-2", 0, {"observedGeneration": 1, "terminatingReplicas": 1}),
      rs_full("foo-3", 0, {"observedGeneration": 1, "terminatingReplicas": None}),
      rs_full("foo-4", 0, {"observedGeneration": 1, "replicas": 1, "terminatingReplicas": 0}),
      rs_full("foo-5", 1, {"observedGeneration": 1, "replicas": 0, "terminatingReplicas": 0}),
      rs_full("foo-6", 1, {"observedGeneration": 1, "replicas": 1, "terminatingReplicas": 0})], 0, 1, ["foo-1"], True),
    ([rs_status("foo-1", 0, 0), rs_status("foo-2", 0, 0)], 0, 2, ["foo-1", "foo-2"], False),
    ([rs_status("foo-1", 1, 1), rs_status("foo-2", 1, 1)], 0, 0, [], False),
    ([rs_status("foo-1", 0, 0, deletion=NOW)], 0, 0, [], False),
    ([rs_status("foo-1", 0, 0), rs_status("foo-2", 0, 0), rs_status("foo-3", 0, 0)], MAXINT32, 0, [], False),
]):
    expect = {"deletedCount": deletions}
    if deleted is not None:
        expect["deleted"] = deleted
    case(f"{S}/TestDeploymentController_cleanupDeployment/{i}", "deployment.cleanup_deployment",
         {"deployment": deployment("foo", 1, rhl=limit), "oldRSs": olds,
          "featureGates": gates(enable, enable)}, expect)

MIN_AGO = "2024-05-01T11:59:00Z"
MIN_LATER = "2024-05-01T12:01:00Z"
TWO_MIN_LATER = "2024-05-01T12:02:00Z"


def rs_rev(name, replicas, ts, revision):
    return rs(name, replicas, ts=ts, selector={"foo": "bar"}, uid=f"uid-{name}",
              annotations={REV: revision} if revision else None, status={"replicas": replicas})


for i, (olds, limit, deleted) in enumerate([
    ([rs_rev("foo-1", 0, MIN_AGO, "1"), rs_rev("foo-2", 0, NOW, "2")], 1, ["foo-1"]),
    ([rs_rev("foo-1", 0, MIN_AGO, "2"), rs_rev("foo-2", 0, NOW, "1")], 1, ["foo-2"]),
    ([rs_rev("foo-1", 0, MIN_AGO, "1"), rs_rev("foo-2", 0, NOW, "")], 1, ["foo-2"]),
    ([rs_rev("foo-1", 0, MIN_AGO, ""), rs_rev("foo-2", 0, NOW, "2")], 1, ["foo-1"]),
    ([rs_rev("foo-1", 1, MIN_AGO, "1"), rs_rev("foo-2", 0, NOW, "2"), rs_rev("foo-3", 0, MIN_LATER, "3")], 1,
     ["foo-2"]),
    ([rs_rev("foo-1", 1, MIN_AGO, "1"), rs_rev("foo-2", 1, NOW, "2"), rs_rev("foo-3", 0, MIN_LATER, "3")], 1, []),
    ([rs_rev("foo-1", 0, MIN_AGO, "3"), rs_rev("foo-2", 0, NOW, "1"), rs_rev("foo-3", 0, MIN_LATER, "4"),
      rs_rev("foo-4", 0, TWO_MIN_LATER, "2")], 2, ["foo-2", "foo-4"]),
]):
    case(f"{S}/TestDeploymentController_cleanupDeploymentOrder/{i}", "deployment.cleanup_deployment",
         {"deployment": deployment("foo", 1, rhl=limit), "oldRSs": olds}, {"deleted": deleted})

for name, dname, hash_, want in [
    ("short name", "my-deployment", "abcde12345", "my-deployment-abcde12345"),
    ("maximum length without truncating", "a" * 242, "abcde12345", "a" * 242 + "-abcde12345"),
    ("very long deployment name is truncated", "b" * 250, "abcde12345", "b" * 242 + "-abcde12345"),
    ("very long hash is not truncated", "d" * 252, "h" * 252, "d" * 252 + "-" + "h" * 252),
]:
    case(f"{S}/TestGenerateReplicaSetName/{name}", "deployment.generate_replica_set_name",
         {"deploymentName": dname, "hash": hash_}, {"name": want})


with open(f"{OUT}/deployment_mined.jsonl", "w") as fh:
    for c in cases:
        fh.write(json.dumps(c, sort_keys=True) + "\n")
print(f"{len(cases)} cases")
