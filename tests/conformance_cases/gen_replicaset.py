"""Writes tests/conformance_cases/{controller,replicaset}.jsonl: rows of Kubernetes test tables re-expressed as cases.

Run: python3 tests/conformance_cases/gen_replicaset.py tests/conformance_cases
"""

import json
import sys

OUT = sys.argv[1]
NOW = "2024-05-01T12:00:00Z"
MONTH_AGO = "2024-04-01T12:00:00Z"
H2 = "2024-05-01T10:00:00Z"
H5 = "2024-05-01T07:00:00Z"
H8 = "2024-05-01T04:00:00Z"
ZERO = "0001-01-01T00:00:00Z"


def pod(
    name,
    node="",
    phase="Running",
    ready=None,
    ltt=None,
    restarts=None,
    created=None,
    annotations=None,
    labels=None,
    owner=None,
    ns="default",
    uid=None,
    deleted=None,
):
    p = {"metadata": {"name": name, "namespace": ns}, "spec": {}, "status": {"phase": phase}}
    if uid:
        p["metadata"]["uid"] = uid
    if labels is not None:
        p["metadata"]["labels"] = labels
    if annotations:
        p["metadata"]["annotations"] = annotations
    if created:
        p["metadata"]["creationTimestamp"] = created
    if deleted:
        p["metadata"]["deletionTimestamp"] = deleted
    if owner:
        p["metadata"]["ownerReferences"] = [owner]
    if node:
        p["spec"]["nodeName"] = node
    if ready is not None:
        c = {"type": "Ready", "status": "True" if ready else "False"}
        if ltt:
            c["lastTransitionTime"] = ltt
        p["status"]["conditions"] = [c]
    if restarts is not None:
        p["status"]["containerStatuses"] = [{"restartCount": r} for r in restarts]
    return p


cases = {"controller": [], "replicaset": []}


def add(group, id, op, inp, expect):
    cases[group].append({"id": id, "op": op, "input": inp, "expect": expect})


# ---------------- controller.filter_active_pods (TestActivePodFiltering)
ps = [pod(f"pod{i}", labels={"foo": "bar"}) for i in range(5)]
ps[0]["status"]["phase"] = "Succeeded"
ps[1]["status"]["phase"] = "Failed"
add(
    "controller",
    "controller_utils_test/TestActivePodFiltering",
    "controller.filter_active_pods",
    {"pods": ps},
    {"activePodNames": ["pod2", "pod3", "pod4"]},
)
ps2 = [
    pod("a", phase="Pending"),
    pod("b", phase="Unknown"),
    pod("c", phase=""),
    pod("d", deleted=NOW),
    pod("e"),
]
add(
    "controller",
    "controller_utils_test/TestActivePodFiltering/phases-and-deletion",
    "controller.filter_active_pods",
    {"pods": ps2},
    {"activePodNames": ["a", "b", "c", "e"]},
)

# ---------------- controller.sort_active_pods (TestSortingActivePods)
sp = [
    pod("pod0", "", "Pending"),
    pod("pod1", "bar", "Pending"),
    pod("pod2", "foo", "Unknown"),
    pod("pod3", "foo", "Running"),
    pod("pod4", "foo", "Running", True, None, [3, 0]),
    pod("pod5", "foo", "Running", True, NOW, [3, 0]),
    pod("pod6", "foo", "Running", True, MONTH_AGO, [3, 0]),
    pod("pod7", "foo", "Running", True, MONTH_AGO, [2, 1], created=NOW),
    pod("pod8", "foo", "Running", True, MONTH_AGO, [2, 1], created=MONTH_AGO),
]
for i, perm in enumerate(
    [[3, 8, 0, 5, 1, 7, 2, 6, 4], [8, 7, 6, 5, 4, 3, 2, 1, 0], [4, 2, 6, 0, 8, 1, 3, 7, 5]]
):
    add(
        "controller",
        f"controller_utils_test/TestSortingActivePods/permutation-{i}",
        "controller.sort_active_pods",
        {"pods": [sp[j] for j in perm]},
        {"order": [f"pod{j}" for j in range(9)]},
    )

# ---------------- controller.claim_pods (TestClaimPods)
PROD = {"type": "production"}
TEST = {"type": "testing"}
SEL = {"matchLabels": {"type": "production"}}


def ctrl(uid="", ns="default", deleted=None):
    c = {
        "apiVersion": "v1",
        "kind": "ReplicationController",
        "metadata": {"name": "rc", "namespace": ns, "uid": uid},
    }
    if deleted:
        c["metadata"]["deletionTimestamp"] = deleted
    return c


def owned(uid):
    return {
        "apiVersion": "apps/v1",
        "kind": "Fake",
        "name": "rc",
        "uid": uid,
        "controller": True,
        "blockOwnerDeletion": True,
    }


def cp(name, labels, owner_uid=None, ns="default", deleted=None):
    return pod(
        name,
        labels=labels,
        owner=owned(owner_uid) if owner_uid is not None else None,
        ns=ns,
        deleted=deleted,
        uid="uid-" + name,
    )


T = "controller_ref_manager_test/TestClaimPods/"
add(
    "controller",
    T + "claim-pods-with-correct-label",
    "controller.claim_pods",
    {"controller": ctrl(), "selector": SEL, "pods": [cp("pod1", PROD), cp("pod2", TEST)]},
    {"claimedPodNames": ["pod1"], "patches": 1, "adopted": ["pod1"], "released": [], "error": False},
)
add(
    "controller",
    T + "controller-marked-for-deletion-can-not-claim-pods",
    "controller.claim_pods",
    {"controller": ctrl("123", deleted=NOW), "selector": SEL, "pods": [cp("pod1", PROD), cp("pod2", PROD)]},
    {"claimedPodNames": [], "patches": 0, "error": False},
)
add(
    "controller",
    T + "controller-marked-for-deletion-can-not-claim-new-pods",
    "controller.claim_pods",
    {
        "controller": ctrl("123", deleted=NOW),
        "selector": SEL,
        "pods": [cp("pod1", PROD, "123"), cp("pod2", PROD)],
    },
    {"claimedPodNames": ["pod1"], "patches": 0, "error": False},
)
add(
    "controller",
    T + "controller-can-not-claim-pods-owned-by-another-controller",
    "controller.claim_pods",
    {
        "controller": ctrl("123"),
        "selector": SEL,
        "pods": [cp("pod1", PROD, "123"), cp("pod2", PROD, "AAAAA")],
    },
    {"claimedPodNames": ["pod1"], "patches": 0, "error": False},
)
add(
    "controller",
    T + "controller-releases-claimed-pods-when-selector-doesnt-match",
    "controller.claim_pods",
    {"controller": ctrl("123"), "selector": SEL, "pods": [cp("pod1", PROD, "123"), cp("pod2", TEST, "123")]},
    {"claimedPodNames": ["pod1"], "patches": 1, "released": ["pod2"], "error": False},
)
add(
    "controller",
    T + "controller-does-not-claim-orphaned-pods-marked-for-deletion",
    "controller.claim_pods",
    {
        "controller": ctrl("123"),
        "selector": SEL,
        "pods": [cp("pod1", PROD, "123", deleted=NOW), cp("pod2", PROD, deleted=NOW)],
    },
    {"claimedPodNames": ["pod1"], "patches": 0, "error": False},
)
add(
    "controller",
    T + "claims-or-releases-with-finalizers",
    "controller.claim_pods",
    {
        "controller": ctrl("123"),
        "selector": SEL,
        "finalizers": ["foo-finalizer", "bar-finalizer"],
        "pods": [cp("pod1", PROD, "123"), cp("pod2", TEST, "123"), cp("pod3", PROD)],
    },
    {
        "claimedPodNames": ["pod1", "pod3"],
        "patches": 2,
        "adopted": ["pod3"],
        "released": ["pod2"],
        "error": False,
    },
)
add(
    "controller",
    T + "controller-does-not-claim-pods-of-different-namespace",
    "controller.claim_pods",
    {"controller": ctrl("123"), "selector": SEL, "pods": [cp("pod1", PROD), cp("pod2", PROD, ns="fakens")]},
    {"claimedPodNames": ["pod1"], "patches": 1, "error": False},
)
add(
    "controller",
    T + "cluster-scoped-controller-claims-pods-of-specified-namespace",
    "controller.claim_pods",
    {
        "controller": ctrl("123", ns=""),
        "selector": SEL,
        "pods": [cp("pod1", PROD), cp("pod2", PROD, ns="fakens")],
    },
    {"claimedPodNames": ["pod1", "pod2"], "patches": 2, "error": False},
)
# adoption re-check (replica_set_test TestDoNotAdoptOrCreateIfBeingDeletedRace, at the ClaimPods level)
live = ctrl("123")
live["metadata"]["deletionTimestamp"] = NOW
add(
    "controller",
    "replica_set_test/TestDoNotAdoptOrCreateIfBeingDeletedRace/claim-level",
    "controller.claim_pods",
    {"controller": ctrl("123"), "liveController": live, "selector": SEL, "pods": [cp("pod1", PROD)]},
    {"claimedPodNames": [], "patches": 0, "error": True},
)
add(
    "controller",
    "replica_set_test/TestPatchPodFails/claim-level",
    "controller.claim_pods",
    {
        "controller": ctrl("123"),
        "selector": SEL,
        "podControl": {"fail": True},
        "pods": [cp("pod1", PROD), cp("pod2", PROD)],
    },
    {"claimedPodNames": [], "patches": 2, "adopted": [], "error": True},
)


# ---------------- replicaset.compare_pods_for_deletion (TestSortingActivePodsWithRanks)
def rp(name, node, phase, ready, restarts, ready_since, created, annotations=None):
    p = {"metadata": {"name": name}, "spec": {}, "status": {"phase": phase}}
    if node:
        p["spec"]["nodeName"] = node
    if created != ZERO:
        p["metadata"]["creationTimestamp"] = created
    if annotations:
        p["metadata"]["annotations"] = annotations
    if ready:
        c = {"type": "Ready", "status": "True"}
        if ready_since != ZERO:
            c["lastTransitionTime"] = ready_since
        p["status"]["conditions"] = [c]
        p["status"]["containerStatuses"] = [{"restartCount": restarts}]
    return p


COST = "controller.kubernetes.io/pod-deletion-cost"
P = {
    "unscheduledPod": rp("unscheduled", "", "Pending", False, 0, ZERO, ZERO),
    "scheduledPendingPod": rp("pending", "node", "Pending", False, 0, ZERO, ZERO),
    "unknownPhasePod": rp("unknown-phase", "node", "Unknown", False, 0, ZERO, ZERO),
    "runningNotReadyPod": rp("not-ready", "node", "Running", False, 0, ZERO, ZERO),
    "runningReadyNoLastTransitionTimePod": rp(
        "ready-no-last-transition-time", "node", "Running", True, 0, ZERO, ZERO
    ),
    "runningReadyNow": rp("ready-now", "node", "Running", True, 0, NOW, NOW),
    "runningReadyThen": rp("ready-then", "node", "Running", True, 0, MONTH_AGO, MONTH_AGO),
    "runningReadyNowHighRestarts": rp("ready-high-restarts", "node", "Running", True, 9001, NOW, NOW),
    "runningReadyNowCreatedThen": rp("ready-now-created-then", "node", "Running", True, 0, NOW, MONTH_AGO),
    "lowPodDeletionCost": rp("low-deletion-cost", "node", "Running", True, 0, NOW, MONTH_AGO, {COST: "10"}),
    "highPodDeletionCost": rp(
        "high-deletion-cost", "node", "Running", True, 0, NOW, MONTH_AGO, {COST: "100"}
    ),
    "unscheduled5Hours": rp("unscheduled-5-hours", "", "Pending", False, 0, H5, H5),
    "unscheduled8Hours": rp("unscheduled-10-hours", "", "Pending", False, 0, H8, H8),
    "ready2Hours": rp("ready-2-hours", "", "Running", True, 0, H2, MONTH_AGO),
    "ready5Hours": rp("ready-5-hours", "", "Running", True, 0, H5, MONTH_AGO),
    "ready10Hours": rp("ready-10-hours", "", "Running", True, 0, H8, MONTH_AGO),
}
T = "controller_utils_test/TestSortingActivePodsWithRanks/"
for p1, p2 in [
    ("unscheduledPod", None),
    ("scheduledPendingPod", None),
    ("unknownPhasePod", None),
    ("runningNotReadyPod", None),
    ("runningReadyNowCreatedThen", None),
    ("runningReadyNow", None),
    ("runningReadyThen", None),
    ("runningReadyNowHighRestarts", None),
    ("unscheduled5Hours", "unscheduled8Hours"),
    ("ready5Hours", "ready10Hours"),
]:
    p2 = p2 or p1
    add(
        "replicaset",
        T + f"equal/{p1}/{p2}",
        "replicaset.compare_pods_for_deletion",
        {"a": {"pod": P[p1], "rank": 1}, "b": {"pod": P[p2], "rank": 1}, "now": NOW},
        {"aBeforeB": False, "bBeforeA": False},
    )
ineq = [
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
for i, (lesser, lr, g, gr, fg) in enumerate(ineq):
    inp = {"a": {"pod": P[lesser], "rank": lr}, "b": {"pod": P[g], "rank": gr}, "now": NOW}
    if fg:
        inp["featureGates"] = fg
    add(
        "replicaset",
        T + f"test{i}",
        "replicaset.compare_pods_for_deletion",
        inp,
        {"aBeforeB": True, "bBeforeA": False},
    )
# plain mode when Now is unset: 5h and 8h ready are then distinguished (more recent first)
add(
    "replicaset",
    T + "now-unset-plain-times",
    "replicaset.compare_pods_for_deletion",
    {"a": {"pod": P["ready5Hours"], "rank": 1}, "b": {"pod": P["ready10Hours"], "rank": 1}, "now": None},
    {"aBeforeB": True, "bBeforeA": False},
)
add(
    "replicaset",
    T + "log-scale-off-plain-times",
    "replicaset.compare_pods_for_deletion",
    {
        "a": {"pod": P["ready5Hours"], "rank": 1},
        "b": {"pod": P["ready10Hours"], "rank": 1},
        "now": NOW,
        "featureGates": {"LogarithmicScaleDown": False},
    },
    {"aBeforeB": True, "bBeforeA": False},
)

# ---------------- replicaset.get_pods_to_delete (TestGetPodsToDelete)
RSO = {"apiVersion": "v1beta1", "kind": "ReplicaSet", "name": "foobar", "uid": "rs-uid", "controller": True}


def gp(name, node, phase, ready):
    p = pod(name, node, phase, labels={"name": "foo"}, owner=RSO, uid="uid-" + name)
    if ready is not None:
        p["status"]["conditions"] = [{"type": "Ready", "status": "True" if ready else "False"}]
    return p


unsched = gp("unscheduled-pending-pod", "", "Pending", None)
schedpend = gp("scheduled-pending-pod", "fake-node", "Pending", None)
notready = gp("scheduled-running-not-ready-pod", "fake-node", "Running", False)
n1 = gp("scheduled-running-ready-pod-on-node-1", "fake-node-1", "Running", True)
n2 = gp("scheduled-running-ready-pod-on-node-2", "fake-node-2", "Running", True)
T = "replica_set_test/TestGetPodsToDelete/"


def nm(ps):
    return [p["metadata"]["name"] for p in ps]


gtd = [
    ("len-pods-0", [], None, 0, []),
    ("diff-eq-len-pods", [notready, n1], None, 2, [notready, n1]),
    ("diff-lt-len-pods", [n1, notready], None, 1, [notready]),
    (
        "various-phases-diff-eq-len",
        [n1, n1, n2, notready, schedpend, unsched],
        None,
        6,
        [n1, n1, n2, notready, schedpend, unsched],
    ),
    (
        "various-phases-diff-eq-len-related-empty",
        [n1, n1, n2, notready, schedpend, unsched],
        [],
        6,
        [n1, n1, n2, notready, schedpend, unsched],
    ),
    ("scheduled-vs-unscheduled", [schedpend, unsched], None, 1, [unsched]),
    ("ready-vs-not-ready", [n1, notready, notready], None, 2, [notready, notready]),
    ("ready-colocated-vs-not-colocated", [n1, n2], [n1, n2, n2], 1, [n2]),
    ("pending-vs-running", [schedpend, notready], None, 1, [schedpend]),
    (
        "various-phases-diff-lt-len",
        [n1, n2, notready, schedpend, unsched],
        None,
        3,
        [unsched, schedpend, notready],
    ),
]
for name, ps_, rel, diff, exp in gtd:
    add(
        "replicaset",
        T + name,
        "replicaset.get_pods_to_delete",
        {"filteredPods": ps_, "relatedPods": ps_ if rel is None else rel, "diff": diff, "now": NOW},
        {"podsToDelete": nm(exp)},
    )

# ---------------- replicaset.colocation_ranks / rank_pods_for_deletion
add(
    "replicaset",
    "replica_set_test/TestGetPodsToDelete/colocation-ranks",
    "replicaset.colocation_ranks",
    {
        "podsToRank": [n1, n2, unsched],
        "relatedPods": [n1, n2, n2, unsched, pod("dead", "fake-node-1", "Failed")],
    },
    {"ranks": [1, 2, 1]},
)
add(
    "replicaset",
    "controller_utils_test/TestSortingActivePodsWithRanks/sorted-list",
    "replicaset.rank_pods_for_deletion",
    {
        "pods": [
            P["runningReadyThen"],
            P["runningReadyNow"],
            P["runningNotReadyPod"],
            P["unknownPhasePod"],
            P["scheduledPendingPod"],
            P["unscheduledPod"],
        ],
        "ranks": [1, 1, 1, 1, 1, 1],
        "now": NOW,
    },
    {"order": ["unscheduled", "pending", "unknown-phase", "not-ready", "ready-now", "ready-then"]},
)

# ---------------- replicaset.slow_start_batch (TestSlowStartBatch)
T = "replica_set_test/TestSlowStartBatch/"
for name, count, limit, succ, err, calls in [
    ("callLimit-0-all-fail", 10, 0, 0, True, 1),
    ("callLimit-eq-count-all-succeed", 10, 10, 10, False, 10),
    ("callLimit-lt-count-some-succeed", 10, 5, 5, True, 7),
]:
    add(
        "replicaset",
        T + name,
        "replicaset.slow_start_batch",
        {"count": count, "initialBatchSize": 1, "callLimit": limit},
        {"successes": succ, "error": err, "callCount": calls},
    )


# ---------------- replicaset.calculate_status (TestCalculateStatus, TestCalculateStatusConditions)
def crs(replicas, selector, template_labels=None, mrs=0, conditions=None):
    r = {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {
            "name": "foobar",
            "namespace": "default",
            "uid": "rs-uid",
            "ownerReferences": [{"uid": "123", "controller": True}],
        },
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": selector},
            "template": {
                "metadata": {"labels": template_labels or {"name": "foo", "type": "production"}},
                "spec": {},
            },
            "minReadySeconds": mrs,
        },
        "status": {"replicas": 0},
    }
    if conditions:
        r["status"]["conditions"] = conditions
    return r


def spod(name, rs, phase="Running"):
    return pod(
        name,
        phase=phase,
        labels=rs["spec"]["selector"]["matchLabels"],
        ready=True if phase == "Running" else None,
        owner={
            "uid": "rs-uid",
            "apiVersion": "v1beta1",
            "kind": "ReplicaSet",
            "name": "foobar",
            "controller": True,
        },
        uid="uid-" + name,
    )


label = {"name": "foo"}
full = {"name": "foo", "type": "production"}
notFully = crs(1, label)
fully = crs(2, full)
longMRS = crs(1, full, mrs=3600)
T = "replica_set_utils_test/TestCalculateStatus/"
for name, r, ps_, exp in [
    ("1-fully-labelled-pod", fully, [spod("pod1", fully)], (1, 1, 1, 1)),
    ("1-not-fully-labelled-pod", notFully, [spod("pod1", notFully)], (1, 0, 1, 1)),
    ("2-fully-labelled-pods", fully, [spod("pod1", fully), spod("pod2", fully)], (2, 2, 2, 2)),
    ("2-not-fully-labelled-pods", notFully, [spod("pod1", notFully), spod("pod2", notFully)], (2, 0, 2, 2)),
    ("1-fully-1-not-fully", notFully, [spod("pod1", notFully), spod("pod2", fully)], (2, 1, 2, 2)),
    ("1-non-ready-pod", fully, [spod("pod1", fully, "Pending")], (1, 1, 0, 0)),
    ("1-ready-but-non-available-pod", longMRS, [spod("pod1", longMRS)], (1, 1, 1, 0)),
]:
    add(
        "replicaset",
        T + name,
        "replicaset.calculate_status",
        {"replicaSet": r, "filteredPods": ps_, "manageReplicasErr": None, "now": NOW},
        {
            "replicas": exp[0],
            "fullyLabeledReplicas": exp[1],
            "readyReplicas": exp[2],
            "availableReplicas": exp[3],
            "conditions": [],
        },
    )
rs2 = crs(2, label)
failRS = crs(10, label, conditions=[{"type": "ReplicaFailure", "status": "True"}])
T = "replica_set_utils_test/TestCalculateStatusConditions/"


def cond(reason, msg):
    return [{"type": "ReplicaFailure", "status": "True", "reason": reason, "message": msg}]


for name, r, ps_, err, exp in [
    (
        "err-and-no-failure-cond-diff-lt-0",
        rs2,
        [spod("pod1", rs2)],
        "fake manageReplicasErr",
        cond("FailedCreate", "fake manageReplicasErr"),
    ),
    (
        "err-and-no-failure-cond-diff-gt-0",
        rs2,
        [spod("pod1", rs2), spod("pod2", rs2), spod("pod3", rs2)],
        "fake manageReplicasErr",
        cond("FailedDelete", "fake manageReplicasErr"),
    ),
    ("no-err-and-failure-cond", failRS, [spod("pod1", failRS)], None, []),
    ("err-and-failure-cond", failRS, [spod("pod1", failRS)], "fake manageReplicasErr", cond("", "")),
    ("no-err-and-no-failure-cond", rs2, [spod("pod1", rs2)], None, []),
]:
    add(
        "replicaset",
        T + name,
        "replicaset.calculate_status",
        {"replicaSet": r, "filteredPods": ps_, "manageReplicasErr": err, "now": NOW},
        {"conditions": exp},
    )
# availability with a ready time older than minReadySeconds
aged = spod("pod1", longMRS)
aged["status"]["conditions"][0]["lastTransitionTime"] = "2024-05-01T10:59:59Z"
add(
    "replicaset",
    "replica_set_utils_test/TestCalculateStatus/ready-longer-than-minReadySeconds",
    "replicaset.calculate_status",
    {"replicaSet": longMRS, "filteredPods": [aged], "manageReplicasErr": None, "now": NOW},
    {"readyReplicas": 1, "availableReplicas": 1},
)


# ---------------- replicasets_with_same_controller / indirectly_related_pods
def nrs(name, sel, owner_uid="123", deleted=None):
    r = crs(1, sel)
    r["metadata"]["name"] = name
    r["metadata"]["uid"] = "uid-" + name
    r["metadata"]["ownerReferences"] = [{"uid": owner_uid, "controller": True}]
    if deleted:
        r["metadata"]["deletionTimestamp"] = deleted
    return r


someRS = nrs("rs1", {"foo": "bar"})
relatedRS = nrs("rs2", {"foo": "baz"})
unrelatedRS = nrs("rs3", {"foo": "quux"}, "456")
pendingRS = nrs("rs4", {"foo": "xyzzy"}, "789", NOW)
T = "replica_set_test/TestGetReplicaSetsWithSameController/"
for name, rss, r, exp in [
    ("pending-deletion", [pendingRS, unrelatedRS], pendingRS, ["rs4"]),
    ("no-related", [someRS, unrelatedRS], someRS, ["rs1"]),
    ("related-not-unrelated", [someRS, relatedRS, unrelatedRS], someRS, ["rs1", "rs2"]),
]:
    add(
        "replicaset",
        T + name,
        "replicaset.replicasets_with_same_controller",
        {"replicaSets": rss, "replicaSet": r},
        {"names": exp},
    )
someRS = nrs("foo1", {"foo": "bar"})
relatedRS = nrs("foo2", {"foo": "baz"})
unrelatedRS = nrs("bar1", {"foo": "quux"}, "456")
pendingRS = nrs("foo3", {"foo": "xyzzy"}, "789", NOW)


def opod(name, rs):
    return pod(
        name,
        labels=rs["spec"]["selector"]["matchLabels"],
        ready=True,
        uid="uid-" + name,
        owner={
            "uid": rs["metadata"]["uid"],
            "apiVersion": "v1beta1",
            "kind": "ReplicaSet",
            "name": rs["metadata"]["name"],
            "controller": True,
        },
    )


T = "replica_set_test/TestRelatedPodsLookup/"
p1, p2, p3, p4 = (
    opod("pod1", someRS),
    opod("pod2", someRS),
    opod("pod3", relatedRS),
    opod("pod4", unrelatedRS),
)
for name, rss, ps_, r, exp in [
    ("pod-of-rs-pending-deletion", [pendingRS, unrelatedRS], [opod("pod", pendingRS)], pendingRS, ["pod"]),
    ("own-pods-only", [someRS, unrelatedRS], [p1, p2, p4], someRS, ["pod1", "pod2"]),
    ("own-and-related", [someRS, relatedRS, unrelatedRS], [p1, p2, p3, p4], someRS, ["pod1", "pod2", "pod3"]),
]:
    add(
        "replicaset",
        T + name,
        "replicaset.indirectly_related_pods",
        {"replicaSets": rss, "pods": ps_, "replicaSet": r},
        {"podNames": exp},
    )


# ---------------- replicaset.sync
def srs(replicas, deleted=None):
    r = crs(replicas, {"foo": "bar"})
    if deleted:
        r["metadata"]["deletionTimestamp"] = deleted
    return r


def spl(count, phase="Running", rs_uid="rs-uid", prefix="pod"):
    return [
        pod(
            f"{prefix}{i}",
            phase=phase,
            labels={"foo": "bar"},
            uid=f"uid-{prefix}{i}",
            ready=True if phase == "Running" else None,
            owner={
                "uid": rs_uid,
                "apiVersion": "v1beta1",
                "kind": "ReplicaSet",
                "name": "foobar",
                "controller": True,
            },
        )
        for i in range(count)
    ]


OK = {"createLimit": 0, "fail": False}
T = "replica_set_test/"
add(
    "replicaset",
    T + "TestSyncReplicaSetDoesNothing",
    "replicaset.sync",
    {"replicaSet": srs(2), "pods": spl(2), "burstReplicas": 500, "expectations": None, "podControl": OK},
    {
        "createCalls": 0,
        "recordedCreates": 0,
        "deletes": 0,
        "patches": 0,
        "error": False,
        "expectationsAfter": None,
        "expectationsSatisfiedAfter": True,
    },
)
add(
    "replicaset",
    T + "TestSyncReplicaSetCreateFailures",
    "replicaset.sync",
    {
        "replicaSet": srs(100),
        "pods": [],
        "burstReplicas": 500,
        "expectations": None,
        "podControl": {"createLimit": 10, "fail": False},
    },
    {
        "recordedCreates": 10,
        "createCalls": {"$le": 15},
        "deletes": 0,
        "patches": 0,
        "error": True,
        "expectationsAfter": {"add": 10, "del": 0},
        "expectationsSatisfiedAfter": False,
    },
)
add(
    "replicaset",
    T + "TestSyncReplicaSetDormancy/step1-creates-and-sets-expectations",
    "replicaset.sync",
    {"replicaSet": srs(2), "pods": spl(1), "burstReplicas": 500, "expectations": None, "podControl": OK},
    {
        "createCalls": 1,
        "recordedCreates": 1,
        "deletes": 0,
        "patches": 0,
        "error": False,
        "expectationsAfter": {"add": 1, "del": 0},
        "expectationsSatisfiedAfter": False,
    },
)
add(
    "replicaset",
    T + "TestSyncReplicaSetDormancy/step2-expectations-block",
    "replicaset.sync",
    {
        "replicaSet": srs(2),
        "pods": spl(1),
        "burstReplicas": 500,
        "expectations": {"add": 1, "del": 0},
        "podControl": OK,
    },
    {
        "createCalls": 0,
        "recordedCreates": 0,
        "deletes": 0,
        "patches": 0,
        "error": False,
        "expectationsAfter": {"add": 1, "del": 0},
    },
)
add(
    "replicaset",
    T + "TestSyncReplicaSetDormancy/step3-failed-create-leaves-zero",
    "replicaset.sync",
    {
        "replicaSet": srs(2),
        "pods": spl(1),
        "burstReplicas": 500,
        "expectations": {"add": 0, "del": 0},
        "podControl": {"createLimit": 0, "fail": True},
    },
    {
        "createCalls": 1,
        "recordedCreates": 1,
        "error": True,
        "expectationsAfter": {"add": 0, "del": 0},
        "expectationsSatisfiedAfter": True,
    },
)
add(
    "replicaset",
    T + "TestSyncReplicaSetDormancy/step4-retry-creates",
    "replicaset.sync",
    {
        "replicaSet": srs(2),
        "pods": spl(1),
        "burstReplicas": 500,
        "expectations": {"add": 0, "del": 0},
        "podControl": OK,
    },
    {"createCalls": 1, "recordedCreates": 1, "error": False, "expectationsAfter": {"add": 1, "del": 0}},
)
other = pod(
    "pod",
    labels={"foo": "bar"},
    ready=True,
    uid="uid-pod",
    owner={
        "uid": "other-uid",
        "apiVersion": "v1beta1",
        "kind": "ReplicaSet",
        "name": "AnotherRS",
        "controller": True,
    },
)
add(
    "replicaset",
    T + "TestDoNotPatchPodWithOtherControlRef",
    "replicaset.sync",
    {"replicaSet": srs(2), "pods": [other], "burstReplicas": 500, "expectations": None, "podControl": OK},
    {"recordedCreates": 2, "deletes": 0, "patches": 0, "error": False},
)
orphans = [pod(n, labels={"foo": "bar"}, ready=True, uid="uid-" + n) for n in ("pod1", "pod2")]
add(
    "replicaset",
    T + "TestPatchPodFails",
    "replicaset.sync",
    {
        "replicaSet": srs(2),
        "pods": orphans,
        "burstReplicas": 500,
        "expectations": None,
        "podControl": {"createLimit": 0, "fail": True},
    },
    {"recordedCreates": 0, "createCalls": 0, "deletes": 0, "patches": 2, "error": True},
)
add(
    "replicaset",
    T + "TestDoNotAdoptOrCreateIfBeingDeleted",
    "replicaset.sync",
    {
        "replicaSet": srs(2, NOW),
        "pods": orphans[:1],
        "burstReplicas": 500,
        "expectations": None,
        "podControl": OK,
    },
    {"recordedCreates": 0, "deletes": 0, "patches": 0, "error": False},
)
add(
    "replicaset",
    T + "TestDoNotAdoptOrCreateIfBeingDeletedRace",
    "replicaset.sync",
    {
        "replicaSet": srs(2),
        "liveReplicaSet": srs(2, NOW),
        "pods": orphans[:1],
        "burstReplicas": 500,
        "expectations": None,
        "podControl": OK,
    },
    {"recordedCreates": 0, "deletes": 0, "patches": 0, "error": True},
)
add(
    "replicaset",
    T + "TestControllerBurstReplicas/scale-up-capped-by-burst",
    "replicaset.sync",
    {"replicaSet": srs(30), "pods": [], "burstReplicas": 5, "expectations": None, "podControl": OK},
    {"createCalls": 5, "recordedCreates": 5, "error": False, "expectationsAfter": {"add": 5, "del": 0}},
)
add(
    "replicaset",
    T + "TestControllerBurstReplicas/scale-down-capped-by-burst",
    "replicaset.sync",
    {
        "replicaSet": srs(0),
        "pods": spl(12, "Pending"),
        "burstReplicas": 5,
        "expectations": None,
        "podControl": OK,
    },
    {
        "createCalls": 0,
        "deletes": 5,
        "error": False,
        "expectationsAfter": {"add": 0, "del": 5},
        "expectationsSatisfiedAfter": False,
    },
)
add(
    "replicaset",
    T + "TestControllerBurstReplicas/scale-down-last-batch",
    "replicaset.sync",
    {
        "replicaSet": srs(0),
        "pods": spl(2, "Pending"),
        "burstReplicas": 3,
        "expectations": None,
        "podControl": OK,
    },
    {
        "deletes": 2,
        "deletedPods": ["pod0", "pod1"],
        "error": False,
        "expectationsAfter": {"add": 0, "del": 2},
    },
)
add(
    "replicaset",
    T + "TestControllerBurstReplicas/waits-for-observations",
    "replicaset.sync",
    {
        "replicaSet": srs(30),
        "pods": spl(4, "Pending"),
        "burstReplicas": 5,
        "expectations": {"add": 1, "del": 0},
        "podControl": OK,
    },
    {
        "createCalls": 0,
        "deletes": 0,
        "patches": 0,
        "expectationsAfter": {"add": 1, "del": 0},
        "expectationsSatisfiedAfter": False,
    },
)
add(
    "replicaset",
    T + "TestDeleteControllerAndExpectations/first-sync-creates",
    "replicaset.sync",
    {"replicaSet": srs(1), "pods": [], "burstReplicas": 10, "expectations": None, "podControl": OK},
    {
        "createCalls": 1,
        "recordedCreates": 1,
        "expectationsAfter": {"add": 1, "del": 0},
        "expectationsSatisfiedAfter": False,
    },
)
fail_del = spl(3)
add(
    "replicaset",
    "replica_set.go/manageReplicas/failed-deletes-lower-expectations",
    "replicaset.sync",
    {
        "replicaSet": srs(1),
        "pods": fail_del,
        "burstReplicas": 500,
        "expectations": None,
        "podControl": {"createLimit": 0, "fail": True},
    },
    {
        "deletes": 2,
        "error": True,
        "expectationsAfter": {"add": 0, "del": 0},
        "expectationsSatisfiedAfter": True,
    },
)
mixed = spl(2) + [
    pod("done", phase="Succeeded", labels={"foo": "bar"}, owner={"uid": "rs-uid", "controller": True}),
    pod("going", labels={"foo": "bar"}, deleted=NOW, owner={"uid": "rs-uid", "controller": True}),
]
add(
    "replicaset",
    "replica_set.go/syncReplicaSet/inactive-pods-are-replaced",
    "replicaset.sync",
    {"replicaSet": srs(4), "pods": mixed, "burstReplicas": 500, "expectations": None, "podControl": OK},
    {"createCalls": 2, "recordedCreates": 2, "deletes": 0, "error": False},
)
add(
    "replicaset",
    "replica_set.go/syncReplicaSet/matching-orphan-is-adopted-then-counted",
    "replicaset.sync",
    {
        "replicaSet": srs(2),
        "pods": spl(1) + orphans[:1],
        "burstReplicas": 500,
        "expectations": None,
        "podControl": OK,
    },
    {"createCalls": 0, "patches": 1, "deletes": 0, "error": False},
)
relabelled = spl(1)
relabelled[0]["metadata"]["labels"] = {"foo": "other"}
add(
    "replicaset",
    "replica_set.go/syncReplicaSet/relabelled-pod-is-released-and-replaced",
    "replicaset.sync",
    {"replicaSet": srs(1), "pods": relabelled, "burstReplicas": 500, "expectations": None, "podControl": OK},
    {"createCalls": 1, "patches": 1, "error": False},
)
bad = srs(1)
bad["spec"]["selector"] = {"matchExpressions": [{"key": "foo", "operator": "Bogus", "values": ["x"]}]}
add(
    "replicaset",
    "replica_set.go/syncReplicaSet/invalid-selector-is-a-quiet-no-op",
    "replicaset.sync",
    {"replicaSet": bad, "pods": [], "burstReplicas": 500, "expectations": None, "podControl": OK},
    {"createCalls": 0, "deletes": 0, "patches": 0, "error": False},
)

# ---------------- replication.rc_to_rs
add(
    "replicaset",
    "replication/conversion.go/convertRCtoRS",
    "replication.rc_to_rs",
    {
        "replicationController": {
            "metadata": {"name": "foobar", "namespace": "default"},
            "spec": {
                "replicas": 3,
                "selector": {"foo": "bar"},
                "minReadySeconds": 5,
                "template": {"metadata": {"labels": {"foo": "bar"}}, "spec": {}},
            },
        }
    },
    {
        "replicaSet": {
            "metadata": {"name": "foobar", "namespace": "default"},
            "spec": {
                "replicas": 3,
                "selector": {"matchLabels": {"foo": "bar"}},
                "minReadySeconds": 5,
                "template": {"metadata": {"labels": {"foo": "bar"}}},
            },
        }
    },
)
add(
    "replicaset",
    "replication/conversion.go/convertRCtoRS/nil-selector",
    "replication.rc_to_rs",
    {"replicationController": {"metadata": {"name": "foobar"}, "spec": {"replicas": 1}}},
    {"replicaSet": {"spec": {"replicas": 1, "selector": None}}},
)

# ---------------- edges of the deletion order, from the Go source (controller_utils.go)
# GetDeletionCostFromPodAnnotations: "+", leading zeros, non-decimal and out-of-int32 values are
# invalid and count as 0; "-0" and "-007" parse. Two otherwise identical ready pods.
def cost_pod(name, cost):
    return pod(name, "node", "Running", True, NOW, [0], created=MONTH_AGO, uid="same-uid",
               annotations=None if cost is None else {"controller.kubernetes.io/pod-deletion-cost": cost})


for label, cost, want in (
    ("plus-sign", "+10", "equal"), ("leading-zero", "007", "equal"), ("hex", "0x10", "equal"),
    ("empty", "", "equal"), ("space", " 5", "equal"), ("int32-overflow", "2147483648", "equal"),
    ("minus-zero", "-0", "equal"), ("int32-min", "-2147483648", "first"), ("negative-leading-zeros", "-007", "first"),
    ("positive", "5", "last"),
):
    add(
        "replicaset",
        f"controller_utils.go/GetDeletionCostFromPodAnnotations/{label}",
        "replicaset.compare_pods_for_deletion",
        {"a": {"pod": cost_pod("annotated", cost), "rank": 0}, "b": {"pod": cost_pod("plain", None), "rank": 0},
         "now": NOW},
        {"aBeforeB": want == "first", "bBeforeA": want == "last"},
    )

# logarithmicRankDiff: ready 5 h and 8 h ago share bucket 44, so the smaller UID goes first and
# the comparison ends there (the restart counts are never looked at).
add(
    "replicaset",
    "controller_utils.go/logarithmicRankDiff/equal-bucket-uid-tie-break",
    "replicaset.compare_pods_for_deletion",
    {"a": {"pod": pod("five", "node", "Running", True, H5, [0], created=MONTH_AGO, uid="uid-b"), "rank": 0},
     "b": {"pod": pod("eight", "node", "Running", True, H8, [7], created=MONTH_AGO, uid="uid-a"), "rank": 0},
     "now": NOW},
    {"aBeforeB": False, "bBeforeA": True},
)
# A Now earlier than both ready times puts both in bucket -1: again the UID decides.
add(
    "replicaset",
    "controller_utils.go/logarithmicRankDiff/now-before-both-times",
    "replicaset.compare_pods_for_deletion",
    {"a": {"pod": pod("x", "node", "Running", True, NOW, [0], created=MONTH_AGO, uid="uid-1"), "rank": 0},
     "b": {"pod": pod("y", "node", "Running", True, H2, [0], created=MONTH_AGO, uid="uid-2"), "rank": 0},
     "now": MONTH_AGO},
    {"aBeforeB": True, "bBeforeA": False},
)
# afterOrZero: an unset or zero creation time is the newest, so that pod goes first.
for label, created in (("missing", None), ("explicit-zero", ZERO)):
    add(
        "controller",
        f"controller_utils.go/afterOrZero/zero-creation-time-is-newest/{label}",
        "controller.sort_active_pods",
        {"pods": [pod("old", "node", "Running", created=MONTH_AGO), pod("zero", "node", "Running", created=created)]},
        {"order": ["zero", "old"]},
    )
# compareMaxContainerRestarts: equal regular restarts, then sidecar (restartable init container)
# restarts; a non-sidecar init container's restarts do not count.
def sidecar_pod(name, sidecar_restarts, restart_policy="Always"):
    p = pod(name, "node", "Running", True, MONTH_AGO, [2], created=MONTH_AGO)
    p["spec"]["initContainers"] = [{"name": "side", "restartPolicy": restart_policy}] if restart_policy else [
        {"name": "side"}]
    p["status"]["initContainerStatuses"] = [{"name": "side", "restartCount": sidecar_restarts}]
    return p


add(
    "controller",
    "controller_utils.go/compareMaxContainerRestarts/sidecar-restarts-break-ties",
    "controller.sort_active_pods",
    {"pods": [sidecar_pod("calm-sidecar", 1), sidecar_pod("flappy-sidecar", 9)]},
    {"order": ["flappy-sidecar", "calm-sidecar"]},
)
add(
    "controller",
    "controller_utils.go/compareMaxContainerRestarts/plain-init-container-ignored",
    "controller.sort_active_pods",
    {"pods": [pod("newer", "node", "Running", True, MONTH_AGO, [2], created=H2),
              sidecar_pod("init-restarts", 9, restart_policy=None)]},
    {"order": ["newer", "init-restarts"]},
)

for group, items in cases.items():
    with open(f"{OUT}/{group}.jsonl", "w") as f:
        for c in items:
            f.write(json.dumps(c, sort_keys=False) + "\n")
    print(group, len(items))
