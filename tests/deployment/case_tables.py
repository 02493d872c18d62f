"""Builds tests/conformance_cases/deployment.jsonl from Kubernetes' own test tables.

Each case id names the Go test it re-expresses (pkg/controller/deployment/*_test.go and
util/deployment_util_test.go). Run ``python3 -m tests.deployment.case_tables`` to regenerate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "conformance_cases" / "deployment.jsonl"

NEW_TS = "2016-05-20T02:00:00Z"
OLD_TS = "2016-05-20T01:00:00Z"
OLDER_TS = "2016-05-20T00:00:00Z"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAX = "deployment.kubernetes.io/max-replicas"
REVISION = "deployment.kubernetes.io/revision"


def dep(replicas: int | None, surge: Any = 0, unavailable: Any = 0, strategy: str = "RollingUpdate",
        status: dict[str, Any] | None = None, **spec: Any) -> dict[str, Any]:
    """Like the Go tests' newDeployment: RollingUpdate with 0/0 unless told otherwise."""
    s: dict[str, Any] = {"strategy": {"type": strategy}}
    if replicas is not None:
        s["replicas"] = replicas
    if strategy == "RollingUpdate":
        s["strategy"]["rollingUpdate"] = {"maxSurge": surge, "maxUnavailable": unavailable}
    s.update(spec)
    out: dict[str, Any] = {"metadata": {"name": "foo", "namespace": "default"}, "spec": s}
    if status is not None:
        out["status"] = status
    return out


def rs(name: str, replicas: int, ts: str | None = None, available: int = 0, status_replicas: int | None = None,
       annotations: dict[str, str] | None = None, uid: str | None = None, **status: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name, "namespace": "default", "uid": uid or f"uid-{name}"}
    if ts is not None:
        meta["creationTimestamp"] = ts
    if annotations:
        meta["annotations"] = annotations
    st: dict[str, Any] = {"replicas": replicas if status_replicas is None else status_replicas,
                          "availableReplicas": available}
    st.update(status)
    return {"metadata": meta, "spec": {"replicas": replicas}, "status": st}


CASES: list[dict[str, Any]] = []


def case(id_: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    CASES.append({"id": id_, "op": f"deployment.{op}", "input": inp, "expect": expect})


def rolling_test() -> None:
    # rolling_test.go: TestDeploymentController_reconcileNewReplicaSet (maxUnavailable 0)
    for i, (n, surge, old, new, scaled, want) in enumerate([
        (10, 0, 10, 0, False, 0), (10, 2, 10, 0, True, 2), (10, 2, 5, 0, True, 7),
        (10, 2, 10, 2, False, 2), (10, 2, 2, 11, True, 10),
    ]):
        case(f"rolling_test.go/TestDeploymentController_reconcileNewReplicaSet/{i}", "reconcile_new_replica_set",
             {"deployment": dep(n, surge, 0), "newRS": rs("foo-v2", new), "oldRSs": [rs("foo-v1", old)]},
             {"scaled": scaled, "replicas": {"foo-v2": want}})
    # rolling_test.go: TestDeploymentController_reconcileOldReplicaSets (maxSurge 0)
    for i, (n, unavail, old, new, ready_old, ready_new, scaled, want) in enumerate([
        (10, 0, 10, 0, 10, 0, True, 9), (10, 2, 10, 0, 10, 0, True, 8), (10, 2, 10, 0, 8, 0, True, 8),
        (10, 2, 10, 0, 9, 0, True, 8), (10, 2, 8, 2, 8, 0, False, 8),
    ]):
        case(f"rolling_test.go/TestDeploymentController_reconcileOldReplicaSets/{i}", "reconcile_old_replica_sets",
             {"deployment": dep(n, 0, unavail), "newRS": rs("foo-new", new, available=ready_new),
              "oldRSs": [rs("foo-old", old, available=ready_old)]},
             {"scaled": scaled, "replicas": {"foo-old": want}})
    # rolling_test.go: TestDeploymentController_cleanupUnhealthyReplicas (2/2 on 10)
    for i, (old, ready, max_cleanup, want) in enumerate([(10, 8, 1, 1), (10, 8, 3, 2), (10, 8, 0, 0), (10, 10, 3, 0)]):
        case(f"rolling_test.go/TestDeploymentController_cleanupUnhealthyReplicas/{i}", "cleanup_unhealthy_replicas",
             {"deployment": dep(10, 2, 2), "oldRSs": [rs("foo-v2", old, available=ready)], "maxCleanupCount": max_cleanup},
             {"cleanupCount": want, "replicas": {"foo-v2": old - want}})
    # rolling_test.go: TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (maxSurge 0)
    for i, (n, unavail, ready, old, scaled, want) in enumerate([
        (10, 0, 10, 10, True, 9), (10, 2, 10, 10, True, 8), (10, 2, 8, 10, False, 10),
        (10, 2, 10, 0, False, 0), (10, 2, 1, 10, False, 10),
    ]):
        case(f"rolling_test.go/TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate/{i}",
             "scale_down_old_replica_sets_for_rolling_update",
             {"deployment": dep(n, 0, unavail), "newRS": None, "oldRSs": [rs("foo-v2", old, available=ready)]},
             {"scaled": scaled, "replicas": {"foo-v2": want}})


def _annotated(r: dict[str, Any], desired: int, max_surge: int) -> dict[str, Any]:
    r["metadata"]["annotations"] = {DESIRED: str(desired), MAX: str(desired + max_surge)}
    return r


def sync_test() -> None:
    # sync_test.go: TestScale. RSs carry the annotations the old Deployment wrote.
    table = [
        ("normal scaling event: 10 -> 12", dep(12), (10, 0), ("foo-v1", 10, NEW_TS), [], {"foo-v1": 12}, {}),
        ("normal scaling event: 10 -> 5", dep(5), (10, 0), ("foo-v1", 10, NEW_TS), [], {"foo-v1": 5}, {}),
        ("proportional scaling: 5 -> 10", dep(10), (5, 0), ("foo-v2", 2, NEW_TS), [("foo-v1", 3, OLD_TS)],
         {"foo-v2": 4, "foo-v1": 6}, {}),
        ("proportional scaling: 5 -> 3", dep(3), (5, 0), ("foo-v2", 2, NEW_TS), [("foo-v1", 3, OLD_TS)],
         {"foo-v2": 1, "foo-v1": 2}, {}),
        ("proportional scaling: 9 -> 4", dep(4), (9, 0), ("foo-v2", 8, NEW_TS), [("foo-v1", 1, OLD_TS)],
         {"foo-v2": 4, "foo-v1": 0}, {}),
        ("proportional scaling: 7 -> 10", dep(10), (7, 0), ("foo-v3", 2, NEW_TS),
         [("foo-v2", 3, OLD_TS), ("foo-v1", 2, OLDER_TS)], {"foo-v3": 3, "foo-v2": 4, "foo-v1": 3}, {}),
        ("proportional scaling: 13 -> 8", dep(8), (13, 0), ("foo-v3", 2, NEW_TS),
         [("foo-v2", 8, OLD_TS), ("foo-v1", 3, OLDER_TS)], {"foo-v3": 1, "foo-v2": 5, "foo-v1": 2}, {}),
        ("leftover distribution: 3 -> 4", dep(4), (3, 0), ("foo-v3", 1, NEW_TS),
         [("foo-v2", 1, OLD_TS), ("foo-v1", 1, OLDER_TS)], {"foo-v3": 2, "foo-v2": 1, "foo-v1": 1}, {}),
        ("leftover distribution: 3 -> 2", dep(2), (3, 0), ("foo-v3", 1, NEW_TS),
         [("foo-v2", 1, OLD_TS), ("foo-v1", 1, OLDER_TS)], {"foo-v3": 1, "foo-v2": 1, "foo-v1": 0}, {}),
        ("proportional scaling (no new rs): 4 -> 5", dep(5), (4, 0), None,
         [("foo-v2", 2, OLD_TS), ("foo-v1", 2, OLDER_TS)], {"foo-v2": 3, "foo-v1": 2}, {}),
        ("proportional scaling: 6 -> 0", dep(0), (6, 0), ("foo-v3", 3, NEW_TS),
         [("foo-v2", 2, OLD_TS), ("foo-v1", 1, OLDER_TS)], {"foo-v3": 0, "foo-v2": 0, "foo-v1": 0}, {}),
        ("proportional scaling: 0 -> 6", dep(6), (6, 0), ("foo-v3", 0, NEW_TS),
         [("foo-v2", 0, OLD_TS), ("foo-v1", 0, OLDER_TS)], {"foo-v3": 6, "foo-v2": 0, "foo-v1": 0}, {}),
        ("failed rs update", dep(5), (5, 0), ("foo-v3", 2, NEW_TS),
         [("foo-v2", 1, OLD_TS), ("foo-v1", 1, OLDER_TS)], {"foo-v3": 2, "foo-v2": 2, "foo-v1": 1}, {"foo-v2": 3}),
        ("deployment with surge pods", dep(20, 2), (10, 2), ("foo-v2", 6, NEW_TS), [("foo-v1", 6, OLD_TS)],
         {"foo-v2": 11, "foo-v1": 11}, {}),
        ("change both surge and size", dep(50, 6), (10, 3), ("foo-v2", 5, NEW_TS), [("foo-v1", 8, OLD_TS)],
         {"foo-v2": 22, "foo-v1": 34}, {}),
        ("change both size and template", dep(14), (10, 0), None,
         [("foo-v2", 7, NEW_TS), ("foo-v1", 3, OLD_TS)], {"foo-v2": 10, "foo-v1": 4}, {}),
    ]
    for name, d, (old_n, old_surge), new, olds, want, desired_override in table:
        def build(spec: tuple[str, int, str], override: dict[str, int] = desired_override,
                  old_n: int = old_n, old_surge: int = old_surge) -> dict[str, Any]:
            n, replicas, ts = spec
            return _annotated(rs(n, replicas, ts), override.get(n, old_n), old_surge)

        case(f"sync_test.go/TestScale/{name}", "scale",
             {"deployment": d, "newRS": build(new) if new else None, "oldRSs": [build(o) for o in olds]},
             {"replicas": want})
    broken = _annotated(rs("foo-v2", 2, NEW_TS, available=0), 2, 1)
    case("sync_test.go/TestScale/saturated but broken new replica set does not affect old pods", "scale",
         {"deployment": dep(2, 1, 1), "newRS": broken, "oldRSs": [_annotated(rs("foo-v1", 1, OLD_TS), 2, 1)]},
         {"replicas": {"foo-v2": 2, "foo-v1": 1}})

    # sync_test.go: TestDeploymentController_cleanupDeployment (newRSWithStatus: spec, status replicas)
    deleted_ts = "2017-01-01T00:00:00Z"
    table2: list[tuple[list[dict[str, Any]], int, int]] = [
        ([rs("foo-1", 0), rs("foo-2", 0), rs("foo-3", 0)], 1, 2),
        ([rs("foo-1", 0, status_replicas=0), rs("foo-2", 0, status_replicas=1), rs("foo-3", 1, status_replicas=0),
          rs("foo-4", 1, status_replicas=1)], 0, 1),
        ([rs("foo-1", 0), rs("foo-2", 0)], 0, 2),
        ([rs("foo-1", 1), rs("foo-2", 1)], 0, 0),
        ([{**rs("foo-1", 0), "metadata": {"name": "foo-1", "uid": "u1", "deletionTimestamp": deleted_ts}}], 0, 0),
        ([rs("foo-1", 0), rs("foo-2", 0), rs("foo-3", 0)], 2147483647, 0),
    ]
    for i, (olds, limit, want) in enumerate(table2):
        case(f"sync_test.go/TestDeploymentController_cleanupDeployment/{i}", "cleanup_deployment",
             {"deployment": dep(1, revisionHistoryLimit=limit), "oldRSs": olds}, {"deletedCount": want})
    t = ["2017-01-01T00:00:00Z", "2017-01-01T00:01:00Z", "2017-01-01T00:02:00Z", "2017-01-01T00:03:00Z"]

    def rev_rs(name: str, replicas: int, ts: str, revision: str) -> dict[str, Any]:
        return rs(name, replicas, ts, annotations={REVISION: revision} if revision else None)

    table3 = [
        ([("foo-1", 0, 0, "1"), ("foo-2", 0, 1, "2")], 1, ["foo-1"]),
        ([("foo-1", 0, 0, "2"), ("foo-2", 0, 1, "1")], 1, ["foo-2"]),
        ([("foo-1", 0, 0, "1"), ("foo-2", 0, 1, "")], 1, ["foo-2"]),
        ([("foo-1", 0, 0, ""), ("foo-2", 0, 1, "2")], 1, ["foo-1"]),
        ([("foo-1", 1, 0, "1"), ("foo-2", 0, 1, "2"), ("foo-3", 0, 2, "3")], 1, ["foo-2"]),
        ([("foo-1", 1, 0, "1"), ("foo-2", 1, 1, "2"), ("foo-3", 0, 2, "3")], 1, []),
        ([("foo-1", 0, 0, "3"), ("foo-2", 0, 1, "1"), ("foo-3", 0, 2, "4"), ("foo-4", 0, 3, "2")], 2,
         ["foo-2", "foo-4"]),
    ]
    for i, (spec, limit, want_names) in enumerate(table3):
        olds = [rev_rs(n, r, t[ti], rv) for n, r, ti, rv in spec]
        case(f"sync_test.go/TestDeploymentController_cleanupDeploymentOrder/{i}", "cleanup_deployment",
             {"deployment": dep(1, revisionHistoryLimit=limit), "oldRSs": olds},
             {"deleted": want_names, "deletedCount": len(want_names)})


def util_test() -> None:
    # deployment_util_test.go: TestResolveFenceposts
    for i, (surge, unavail, desired, want) in enumerate([
        ("0%", "0%", 0, (0, 1)), ("39%", "39%", 10, (4, 3)), ("oops", "39%", 10, None), ("55%", "urg", 10, None),
        (None, "39%", 10, (0, 3)), ("39%", None, 10, (4, 0)), (None, None, 10, (0, 1)),
    ]):
        expect: dict[str, Any] = {"error": "Invalid"} if want is None else {"surge": want[0], "unavailable": want[1]}
        case(f"deployment_util_test.go/TestResolveFenceposts/{i}", "resolve_fenceposts",
             {"maxSurge": surge, "maxUnavailable": unavail, "desired": desired}, expect)
    # TestNewRSNewReplicas: allRSs holds only a 5-replica RS, not the new RS
    for name, stype, dep_n, new_n, surge, want in [
        ("can not scale up - to newRSReplicas", "RollingUpdate", 1, 5, 1, 5),
        ("scale up - to depReplicas", "RollingUpdate", 6, 2, 10, 6),
        ("recreate - to depReplicas", "Recreate", 3, 1, 1, 3),
    ]:
        d = dep(dep_n, surge, 1)
        d["spec"]["strategy"]["type"] = stype
        case(f"deployment_util_test.go/TestNewRSNewReplicas/{name}", "new_rs_new_replicas",
             {"deployment": d, "allRSs": [rs("rs5", 5)], "newRS": rs("new", new_n)}, {"replicas": want})
    # TestMaxUnavailable (maxSurge 1)
    for name, n, unavail, want in [
        ("maxUnavailable less than replicas", 10, 5, 5), ("maxUnavailable equal replicas", 10, 10, 10),
        ("maxUnavailable greater than replicas", 5, 10, 5), ("maxUnavailable with replicas is 0", 0, 10, 0),
        ("maxUnavailable less than replicas with percents", 10, "50%", 5),
        ("maxUnavailable equal replicas with percents", 10, "100%", 10),
        ("maxUnavailable greater than replicas with percents", 5, "100%", 5),
    ]:
        case(f"deployment_util_test.go/TestMaxUnavailable/{name}", "max_unavailable",
             {"deployment": dep(n, 1, unavail)}, {"maxUnavailable": want})
    case("deployment_util_test.go/TestMaxUnavailable/maxUnavailable with Recreate deployment strategy",
         "max_unavailable", {"deployment": dep(None, strategy="Recreate")}, {"maxUnavailable": 0})
    # TestAnnotationUtils: revisions 11..20 with a 5-character history limit
    steps = []
    for i in range(10, 20):
        step: dict[str, Any] = {"revision": str(i + 1)}
        if i >= 12:
            step["revisionHistory"] = f"{i - 1},{i}"
        steps.append(step)
    d = dep(1)
    d["metadata"]["annotations"] = {REVISION: "1"}
    case("deployment_util_test.go/TestAnnotationUtils/SetNewReplicaSetAnnotations", "set_new_replica_set_annotations",
         {"deployment": d, "replicaSet": rs("rs", 1), "newRevisions": [str(i + 1) for i in range(10, 20)],
          "exists": True, "revHistoryLimitInChars": 5}, {"steps": steps})
    # TestReplicasAnnotationsNeedUpdate (desired 10, max 20)
    for name, ann, want in [
        ("test Annotations nil", None, True),
        ("test desiredReplicas update", {DESIRED: "8", MAX: "20"}, True),
        ("test maxReplicas update", {DESIRED: "10", MAX: "16"}, True),
        ("test needn't update", {DESIRED: "10", MAX: "20"}, False),
    ]:
        case(f"deployment_util_test.go/TestReplicasAnnotationsNeedUpdate/{name}", "replicas_annotations_need_update",
             {"replicaSet": rs("hello", 1, annotations=ann), "desiredReplicas": 10, "maxReplicas": 20},
             {"needUpdate": want})
    # TestGetReplicaCountForReplicaSets
    rs1 = rs("rs1", 1, status_replicas=2)
    rs2 = rs("rs2", 2, status_replicas=3)
    for name, sets, spec_n, status_n in [("1:2 Replicas", [rs1], 1, 2), ("2:3 Replicas", [rs2], 2, 3),
                                         ("1:2 and 2:3 Replicas", [rs1, rs2], 3, 5)]:
        case(f"deployment_util_test.go/TestGetReplicaCountForReplicaSets/{name}", "replica_counts",
             {"replicaSets": sets}, {"specReplicas": spec_n, "statusReplicas": status_n})
    # TestDeploymentComplete: deployment(desired, current, updated, available, maxUnavailable, maxSurge)
    for name, (desired, current, updated, available, mu, ms), want in [
        ("not complete: min but not all pods become available", (5, 5, 5, 4, 1, 0), False),
        ("not complete: min availability is not honored", (5, 5, 5, 3, 1, 0), False),
        ("complete", (5, 5, 5, 5, 0, 0), True),
        ("not complete: all pods are available but not updated", (5, 5, 4, 5, 0, 0), False),
        ("not complete: still running old pods", (1, 2, 1, 1, 0, 1), False),
        ("not complete: one replica deployment never comes up", (1, 1, 1, 0, 1, 1), False),
    ]:
        case(f"deployment_util_test.go/TestDeploymentComplete/{name}", "deployment_complete",
             {"deployment": dep(desired, ms, mu, status={"replicas": current, "updatedReplicas": updated,
                                                        "availableReplicas": available})},
             {"complete": want})
    # TestDeploymentProgressing: (current, updated, ready, available)
    for name, old, new, want in [
        ("progressing: updated pods", (10, 4, 4, 4), (10, 6, 4, 4), True),
        ("not progressing", (10, 4, 4, 4), (10, 4, 4, 4), False),
        ("progressing: old pods removed", (10, 4, 6, 6), (8, 4, 6, 6), True),
        ("not progressing: less new pods", (10, 7, 3, 3), (10, 6, 3, 3), False),
        ("progressing: less overall but more new pods", (10, 4, 7, 7), (8, 8, 5, 5), True),
        ("progressing: more ready pods", (10, 10, 9, 8), (10, 10, 10, 8), True),
        ("progressing: more available pods", (10, 10, 10, 9), (10, 10, 10, 10), True),
    ]:
        def st(v: tuple[int, int, int, int]) -> dict[str, int]:
            return {"replicas": v[0], "updatedReplicas": v[1], "readyReplicas": v[2], "availableReplicas": v[3]}

        case(f"deployment_util_test.go/TestDeploymentProgressing/{name}", "deployment_progressing",
             {"deployment": {"metadata": {"name": "foo"}, "spec": {}, "status": st(old)}, "newStatus": st(new)},
             {"progressing": want})
    # TestDeploymentTimedOut: condition lastUpdateTime, deadline, now
    def timed(pds: int | None, reason: str, from_: str) -> dict[str, Any]:
        spec: dict[str, Any] = {}
        if pds is not None:
            spec["progressDeadlineSeconds"] = pds
        return {"metadata": {"name": "foo"}, "spec": spec,
                "status": {"conditions": [{"type": "Progressing", "status": "True", "reason": reason,
                                           "lastUpdateTime": from_}]}}

    for name, pds, reason, from_, now, want in [
        ("nil progressDeadlineSeconds specified - no timeout", None, "", "2016-01-01T00:01:09Z", "2016-01-01T00:01:20Z", False),
        ("infinite progressDeadlineSeconds specified - no timeout", 2147483647, "", "2016-01-01T00:01:09Z",
         "2016-01-01T00:01:20Z", False),
        ("progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s", 10, "", "2016-01-01T00:01:09Z",
         "2016-01-01T00:01:20Z", True),
        ("progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s", 10, "", "2016-01-01T00:01:11Z",
         "2016-01-01T00:01:20Z", False),
        ("previous status was a complete deployment", None, "NewReplicaSetAvailable", "0001-01-01T00:00:00Z", None, False),
    ]:
        case(f"deployment_util_test.go/TestDeploymentTimedOut/{name}", "deployment_timed_out",
             {"deployment": timed(pds, reason, from_), "now": now}, {"timedOut": want})
    # TestEqualIgnoreHash: generatePodTemplateSpec(name, nodeName, annotations, labels), both orders
    h = "pod-template-hash"

    def tpl(name: str, node: str, ann: dict[str, str], labels: dict[str, str]) -> dict[str, Any]:
        return {"metadata": {"name": name, "annotations": ann, "labels": labels}, "spec": {"nodeName": node}}

    for name, a, b, want in [
        ("Same spec, same labels", tpl("foo", "foo-node", {}, {h: "value-1", "something": "else"}),
         tpl("foo", "foo-node", {}, {h: "value-1", "something": "else"}), True),
        ("Same spec, only pod-template-hash label value is different",
         tpl("foo", "foo-node", {}, {h: "value-1", "something": "else"}),
         tpl("foo", "foo-node", {}, {h: "value-2", "something": "else"}), True),
        ("Same spec, the former doesn't have pod-template-hash label", tpl("foo", "foo-node", {}, {"something": "else"}),
         tpl("foo", "foo-node", {}, {h: "value-2", "something": "else"}), True),
        ("Same spec, the label is different, the former doesn't have pod-template-hash label, same number of labels",
         tpl("foo", "foo-node", {}, {"something": "else"}), tpl("foo", "foo-node", {}, {h: "value-2"}), False),
        ("Same spec, the label is different, and the pod-template-hash label value is the same",
         tpl("foo", "foo-node", {}, {h: "value-1"}), tpl("foo", "foo-node", {}, {h: "value-1", "something": "else"}), False),
        ("Different spec, same labels", tpl("foo", "foo-node", {"former": "value"}, {h: "value-1", "something": "else"}),
         tpl("foo", "foo-node", {"latter": "value"}, {h: "value-1", "something": "else"}), False),
        ("Different spec, different pod-template-hash label value",
         tpl("foo-1", "foo-node", {}, {h: "value-1", "something": "else"}),
         tpl("foo-2", "foo-node", {}, {h: "value-2", "something": "else"}), False),
        ("Different spec, the former doesn't have pod-template-hash label",
         tpl("foo-1", "foo-node-1", {}, {"something": "else"}),
         tpl("foo-2", "foo-node-2", {}, {h: "value-2", "something": "else"}), False),
        ("Different spec, different labels", tpl("foo", "foo-node-1", {}, {"something": "else"}),
         tpl("foo", "foo-node-2", {}, {"nothing": "else"}), False),
    ]:
        for order, (x, y) in (("", (a, b)), (" (reverse order)", (b, a))):
            case(f"deployment_util_test.go/TestEqualIgnoreHash/{name}{order}", "equal_ignore_hash",
                 {"template1": x, "template2": y}, {"equal": want})


def util_test_more() -> None:
    # deployment_util_test.go: TestMinAvailable (maxSurge 1)
    for name, n, unavail, want in [
        ("replicas greater than maxUnavailable", 10, 5, 5), ("replicas equal maxUnavailable", 10, 10, 0),
        ("replicas less than maxUnavailable", 5, 10, 0), ("replicas is 0", 0, 1, 0),
    ]:
        case(f"deployment_util_test.go/TestMinAvailable/{name}", "min_available",
             {"deployment": dep(n, 1, unavail)}, {"minAvailable": want})
    case("deployment_util_test.go/TestMinAvailable/minAvailable with Recreate deployment strategy", "min_available",
         {"deployment": dep(None, strategy="Recreate")}, {"minAvailable": 0})
    # TestAnnotationUtils: SetReplicasAnnotations then IsSaturated
    case("deployment_util_test.go/TestAnnotationUtils/SetReplicasAnnotations", "set_replicas_annotations",
         {"replicaSet": rs("rs", 1, annotations={REVISION: "20"}), "desiredReplicas": 10, "maxReplicas": 11},
         {"updated": True, "annotations": {DESIRED: "10", MAX: "11"}})
    case("deployment_util_test.go/TestAnnotationUtils/IsSaturated", "is_saturated",
         {"deployment": dep(1), "replicaSet": rs("rs", 1, available=1, annotations={DESIRED: "1", MAX: "11"})},
         {"saturated": True})
    # TestGetCondition / TestSetCondition / TestRemoveCondition
    prog = {"type": "Progressing", "status": "False", "reason": "ForSomeReason"}
    prog2 = {"type": "Progressing", "status": "True", "reason": "BecauseItIs"}
    avail = {"type": "Available", "status": "True", "reason": "AwesomeController"}
    case("deployment_util_test.go/TestGetCondition/condition exists", "get_condition",
         {"status": {"conditions": [avail]}, "type": "Available"}, {"found": True})
    case("deployment_util_test.go/TestGetCondition/condition does not exist", "get_condition",
         {"status": {"conditions": [avail]}, "type": "ReplicaFailure"}, {"found": False})
    case("deployment_util_test.go/TestSetCondition/set for the first time", "set_condition",
         {"status": {}, "condition": avail}, {"status": {"conditions": [avail]}})
    case("deployment_util_test.go/TestSetCondition/simple set", "set_condition",
         {"status": {"conditions": [prog]}, "condition": avail}, {"status": {"conditions": [prog, avail]}})
    case("deployment_util_test.go/TestSetCondition/overwrite", "set_condition",
         {"status": {"conditions": [prog]}, "condition": prog2}, {"status": {"conditions": [prog2]}})
    case("deployment_util_test.go/TestRemoveCondition/remove from empty status", "remove_condition",
         {"status": {}, "type": "Progressing"}, {"status": {"conditions": []}})
    case("deployment_util_test.go/TestRemoveCondition/simple remove", "remove_condition",
         {"status": {"conditions": [prog]}, "type": "Progressing"}, {"status": {"conditions": []}})
    case("deployment_util_test.go/TestRemoveCondition/doesn't remove anything", "remove_condition",
         {"status": {"conditions": [avail]}, "type": "Progressing"}, {"status": {"conditions": [avail]}})
    # TestFindNewReplicaSet / TestFindOldReplicaSets: templates equal but for the hash label
    now, later, before = "2017-01-01T00:01:00Z", "2017-01-01T00:02:00Z", "2017-01-01T00:00:00Z"

    def tpl(container: str, hash_: str | None) -> dict[str, Any]:
        labels = {"name": "nginx"}
        if hash_:
            labels["pod-template-hash"] = hash_
        return {"metadata": {"labels": labels},
                "spec": {"containers": [{"name": container, "image": "nginx", "imagePullPolicy": "Always",
                                         "terminationMessagePath": "/dev/termination-log"}],
                         "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "securityContext": {},
                         "terminationGracePeriodSeconds": 30}}

    def trs(name: str, ts: str, container: str, hash_: str | None, replicas: int) -> dict[str, Any]:
        return {"metadata": {"name": name, "uid": f"uid-{name}", "creationTimestamp": ts},
                "spec": {"replicas": replicas, "template": tpl(container, hash_)}}

    d = {"metadata": {"name": "nginx"}, "spec": {"replicas": 1, "template": tpl("nginx", None)}}
    new_rs = trs("new", later, "nginx", "hash", 1)
    new_dup = trs("newdup", now, "nginx", "different-hash", 0)
    old_rs = trs("old", before, "nginx-old-1", None, 0)
    for name, lst, want in [
        ("Get new ReplicaSet with the same template as Deployment spec but different pod-template-hash value",
         [new_rs, old_rs], "new"),
        ("Get the oldest new ReplicaSet when there are more than one ReplicaSet with the same template",
         [new_rs, old_rs, new_dup], "newdup"),
        ("Get nil new ReplicaSet", [old_rs], None),
    ]:
        case(f"deployment_util_test.go/TestFindNewReplicaSet/{name}", "find_new_replica_set",
             {"deployment": d, "rsList": lst}, {"newRS": want})
    for name, lst, all_old, required in [
        ("Get old ReplicaSets", [new_rs, old_rs], ["old"], []),
        ("Get old ReplicaSets with no new ReplicaSet", [old_rs], ["old"], []),
        ("Get old ReplicaSets with two new ReplicaSets, only the oldest new ReplicaSet is seen as new ReplicaSet",
         [old_rs, new_rs, new_dup], ["old", "new"], ["new"]),
        ("Get empty old ReplicaSets", [new_rs], [], []),
    ]:
        case(f"deployment_util_test.go/TestFindOldReplicaSets/{name}", "find_old_replica_sets",
             {"deployment": d, "rsList": lst}, {"allOldRSs": all_old, "requiredOldRSs": required})


def progress_test() -> None:
    # progress_test.go: TestRequeueStuckDeployment (currentDeployment: Recreate, pds 60)
    def current(pds: int | None, replicas: int, status_replicas: int, updated: int, available: int,
                conditions: list[dict[str, Any]] | None) -> dict[str, Any]:
        spec: dict[str, Any] = {"replicas": replicas, "strategy": {"type": "Recreate"}}
        if pds is not None:
            spec["progressDeadlineSeconds"] = pds
        return {"metadata": {"name": "progress-test"}, "spec": spec,
                "status": {"replicas": status_replicas, "updatedReplicas": updated, "availableReplicas": available,
                           "conditions": conditions or []}}

    def new_status(replicas: int, updated: int, available: int) -> dict[str, int]:
        return {"replicas": replicas, "updatedReplicas": updated, "availableReplicas": available}

    failed = [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}]
    stuck = [{"type": "Progressing", "status": "True", "lastUpdateTime": "2017-02-15T18:49:00Z"}]
    for name, d, s, now, want in [
        ("no progressDeadlineSeconds specified", current(None, 4, 3, 3, 2, None), new_status(3, 3, 2), None, -1),
        ("no progressing condition found", current(60, 4, 3, 3, 2, None), new_status(3, 3, 2), None, -1),
        ("complete deployment does not need to be requeued", current(60, 3, 3, 3, 3, None), new_status(3, 3, 3), None, -1),
        ("already failed deployment does not need to be requeued", current(60, 3, 3, 3, 0, failed),
         new_status(3, 3, 0), None, -1),
        ("stuck deployment - 30s", current(60, 3, 3, 3, 1, stuck), new_status(3, 3, 1), "2017-02-15T18:49:30Z",
         30_000_000_000),
        ("stuck deployment - 1s", current(60, 3, 3, 3, 1, stuck), new_status(3, 3, 1), "2017-02-15T18:49:59Z",
         1_000_000_000),
        ("failed deployment - less than a second => now", current(60, 3, 3, 3, 1, stuck), new_status(3, 3, 1),
         "2017-02-15T18:49:59.000000001Z", 0),
        ("failed deployment - now", current(60, 3, 3, 3, 1, stuck), new_status(3, 3, 1), "2017-02-15T18:50:00Z", 0),
        ("failed deployment - 1s after deadline", current(60, 3, 3, 3, 1, stuck), new_status(3, 3, 1),
         "2017-02-15T18:50:01Z", 0),
        ("failed deployment - 60s after deadline", current(60, 3, 3, 3, 1, stuck), new_status(3, 3, 1),
         "2017-02-15T18:51:00Z", 0),
    ]:
        case(f"progress_test.go/TestRequeueStuckDeployment/{name}", "requeue_stuck_deployment",
             {"deployment": d, "newStatus": s, "now": now}, {"requeueAfterNanos": want})


def sync_rollout_status_test() -> None:
    # progress_test.go: TestSyncRolloutStatus (currentDeployment: Recreate, pds 60; newRSWithAvailable)
    test_time = "2017-02-15T18:49:00Z"
    timed_out = {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                 "lastUpdateTime": test_time, "lastTransitionTime": test_time}
    available = {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
                 "lastUpdateTime": test_time, "lastTransitionTime": test_time}
    updated = {"type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated",
               "lastUpdateTime": test_time, "lastTransitionTime": test_time}

    def current(pds: int | None, replicas: int, status_replicas: int, updated_n: int, available_n: int,
                conditions: list[dict[str, Any]]) -> dict[str, Any]:
        spec: dict[str, Any] = {"replicas": replicas, "strategy": {"type": "Recreate"}}
        if pds is not None:
            spec["progressDeadlineSeconds"] = pds
        return {"metadata": {"name": "progress-test"}, "spec": spec,
                "status": {"replicas": status_replicas, "updatedReplicas": updated_n,
                           "availableReplicas": available_n, "conditions": conditions}}

    def with_available(name: str, spec_n: int, status_n: int, available_n: int) -> dict[str, Any]:
        return rs(name, spec_n, status_replicas=status_n, available=available_n)

    table: list[tuple[str, dict[str, Any], list[dict[str, Any]], dict[str, Any] | None, dict[str, Any] | None]] = [
        ("General: remove Progressing condition and do not estimate progress if deployment has no Progress Deadline",
         current(None, 3, 2, 2, 2, [updated]), [with_available("bar", 0, 1, 1)], with_available("foo", 3, 2, 2), None),
        ("General: do not estimate progress of deployment with only one active ReplicaSet",
         current(60, 3, 3, 3, 3, [available]), [with_available("bar", 3, 3, 3)], None,
         {"status": "True", "reason": "NewReplicaSetAvailable", "lastUpdateTime": test_time,
          "lastTransitionTime": test_time}),
        ("DeploymentProgressing: dont update lastTransitionTime if deployment already has Progressing=True",
         current(60, 3, 2, 2, 2, [updated]), [with_available("bar", 0, 1, 1)], with_available("foo", 3, 2, 2),
         {"status": "True", "reason": "ReplicaSetUpdated", "lastTransitionTime": test_time}),
        ("DeploymentProgressing: update everything if deployment has Progressing=False",
         current(60, 3, 2, 2, 2, [timed_out]), [with_available("bar", 0, 1, 1)], with_available("foo", 3, 2, 2),
         {"status": "True", "reason": "ReplicaSetUpdated"}),
        ("DeploymentProgressing: create Progressing condition if it does not exist",
         current(60, 3, 2, 2, 2, []), [with_available("bar", 0, 1, 1)], with_available("foo", 3, 2, 2),
         {"status": "True", "reason": "ReplicaSetUpdated"}),
        ("DeploymentComplete: dont update lastTransitionTime if deployment already has Progressing=True",
         current(60, 3, 2, 2, 2, [updated]), [], with_available("foo", 3, 3, 3),
         {"status": "True", "reason": "NewReplicaSetAvailable", "lastTransitionTime": test_time}),
        ("DeploymentComplete: update everything if deployment has Progressing=False",
         current(60, 3, 2, 2, 2, [timed_out]), [], with_available("foo", 3, 3, 3),
         {"status": "True", "reason": "NewReplicaSetAvailable"}),
        ("DeploymentComplete: create Progressing condition if it does not exist",
         current(60, 3, 2, 2, 2, []), [], with_available("foo", 3, 3, 3),
         {"status": "True", "reason": "NewReplicaSetAvailable"}),
        ("DeploymentTimedOut: update status if rollout exceeds Progress Deadline",
         current(60, 3, 2, 2, 2, [updated]), [], with_available("foo", 3, 2, 2),
         {"status": "False", "reason": "ProgressDeadlineExceeded"}),
        ("DeploymentTimedOut: do not update status if deployment has existing timedOut condition",
         current(60, 3, 2, 2, 2, [timed_out]), [], with_available("foo", 3, 2, 2),
         {"status": "False", "reason": "ProgressDeadlineExceeded", "lastUpdateTime": test_time,
          "lastTransitionTime": test_time}),
    ]
    for name, d, olds, new, want in table:
        case(f"progress_test.go/TestSyncRolloutStatus/{name}", "sync_rollout_status",
             {"deployment": d, "newRS": new, "oldRSs": olds, "now": "2024-01-01T00:00:00Z"},
             {"progressingCondition": want})


def recreate_test() -> None:
    # recreate_test.go: TestOldPodsRunning
    def pod(phase: str) -> dict[str, Any]:
        return {"metadata": {"name": f"pod-{phase or 'none'}"}, "status": {"phase": phase}}

    new_rs = rs("foo-new", 1, uid="new-uid")
    old_rs = rs("foo-old", 0, uid="old-uid", status_replicas=0)
    for name, old_rss, pod_map, want in [
        ("no old RSs", [], {}, False),
        ("old RSs with running pods", [rs("a", 1, uid="a", status_replicas=1), rs("b", 0, uid="b", status_replicas=1)],
         {}, True),
        ("old RSs without pods but with non-zero status replicas", [rs("a", 0, uid="a", status_replicas=1)], {}, True),
        ("old RSs without pods or non-zero status replicas", [old_rs], {}, False),
        ("old RSs with zero status replicas but pods in terminal state are present", [old_rs],
         {"old-uid": [pod("Failed"), pod("Succeeded")]}, False),
        ("old RSs with zero status replicas but pod in unknown phase present", [old_rs], {"old-uid": [pod("Unknown")]},
         True),
        ("old RSs with zero status replicas with pending pod present", [old_rs], {"old-uid": [pod("Pending")]}, True),
        ("old RSs with zero status replicas with running pod present", [old_rs], {"old-uid": [pod("Running")]}, True),
        ("old RSs with zero status replicas but pods in terminal state and pending are present", [old_rs],
         {"old-uid": [pod("Failed"), pod("Succeeded")], "other": [pod("Pending")]}, True),
        ("pods of the new RS do not count", [old_rs], {"new-uid": [pod("Running")]}, False),
    ]:
        case(f"recreate_test.go/TestOldPodsRunning/{name}", "old_pods_running",
             {"newRS": new_rs, "oldRSs": old_rss, "podMap": pod_map}, {"oldPodsRunning": want})
    # recreate_test.go: TestScaleDownOldReplicaSets (Recreate: every active old RS to 0)
    for i, (sizes, want_scaled) in enumerate([([3], True), ([3, 0, 2], True), ([0], False)]):
        olds = [rs(f"foo-{j}", n) for j, n in enumerate(sizes)]
        case(f"recreate_test.go/TestScaleDownOldReplicaSets/{i}", "scale_down_old_replica_sets_for_recreate",
             {"deployment": dep(3, strategy="Recreate"), "oldRSs": olds},
             {"scaled": want_scaled, "replicas": {f"foo-{j}": 0 for j in range(len(sizes))}})


def semantics_examples() -> None:
    """Cases pinned by semantics/deployment.md examples (ids name the Go function they exercise)."""
    for value, want in [("5", (5, True, None)), ("2147483647", (2147483647, True, None)),
                        ("2147483648", (0, False, "Range")), ("4294967296", (0, False, "Range")),
                        ("-1", (0, False, "Syntax")), ("+1", (0, False, "Syntax")), ("", (0, False, "Syntax")),
                        ("1x", (0, False, "Syntax"))]:
        expect: dict[str, Any] = {"value": want[0], "valid": want[1]}
        expect["error"] = None if want[2] is None else {"kind": want[2]}
        case(f"deployment_util.go/getNonNegativeInt32FromAnnotation/{value!r}", "parse_nonnegative_int32_annotation",
             {"annotations": {MAX: value}, "key": MAX}, expect)
    case("deployment_util.go/getNonNegativeInt32FromAnnotation/missing", "parse_nonnegative_int32_annotation",
         {"annotations": None, "key": MAX}, {"value": 0, "valid": False, "error": None})
    # getReplicaSetFraction: "change both surge and size" shares (13 -> 56).
    for spec_n, want in [(8, 26), (5, 17)]:
        case(f"deployment_util.go/getReplicaSetFraction/13 to 56 with {spec_n}", "get_replica_set_fraction",
             {"deployment": dep(50, 6, status={"replicas": 13}),
              "replicaSet": rs("a", spec_n, annotations={MAX: "13"})}, {"fraction": want})
    case("deployment_util.go/getReplicaSetFraction/no annotation falls back to status.replicas",
         "get_replica_set_fraction", {"deployment": dep(10, 0, status={"replicas": 5}), "replicaSet": rs("a", 3)},
         {"fraction": 3})
    case("deployment_util.go/getReplicaSetFraction/nothing to divide by", "get_replica_set_fraction",
         {"deployment": dep(10, 0, status={"replicas": 0}), "replicaSet": rs("a", 3)}, {"fraction": 0})
    case("deployment_util.go/getReplicaSetFraction/scale to zero", "get_replica_set_fraction",
         {"deployment": dep(0), "replicaSet": rs("a", 3, annotations={MAX: "6"})}, {"fraction": -3})
    case("deployment_util.go/getReplicaSetFraction/half rounds away from zero", "get_replica_set_fraction",
         {"deployment": dep(3), "replicaSet": rs("a", 1, annotations={MAX: "2"})}, {"fraction": 1})
    case("deployment_util.go/GetProportion/capped by what is left", "get_proportion",
         {"deployment": dep(50, 6, status={"replicas": 13}), "replicaSet": rs("a", 8, annotations={MAX: "13"}),
          "toAdd": 43, "added": 30}, {"proportion": 13})
    case("deployment_util.go/IsSaturated/saturated", "is_saturated",
         {"deployment": dep(3), "replicaSet": rs("a", 3, available=3, annotations={DESIRED: "3"})}, {"saturated": True})
    case("deployment_util.go/IsSaturated/not available", "is_saturated",
         {"deployment": dep(3), "replicaSet": rs("a", 3, available=2, annotations={DESIRED: "3"})}, {"saturated": False})
    case("deployment_util.go/IsSaturated/no annotation", "is_saturated",
         {"deployment": dep(3), "replicaSet": rs("a", 3, available=3)}, {"saturated": False})
    case("sync.go/generateReplicaSetName/short", "generate_replica_set_name",
         {"deploymentName": "web", "hash": "5d8f9c7b6"}, {"name": "web-5d8f9c7b6"})
    case("sync.go/generateReplicaSetName/long name is cut to 253", "generate_replica_set_name",
         {"deploymentName": "a" * 260, "hash": "5d8f9c7b6"}, {"name": "a" * 243 + "-5d8f9c7b6"})
    # NewRSNewReplicas §3: the new RS grows by the room left under replicas + maxSurge.
    case("deployment_util.go/NewRSNewReplicas/39% surge of 10 with old 10", "new_rs_new_replicas",
         {"deployment": dep(10, "39%", "39%"), "allRSs": [rs("old", 10), rs("new", 0)], "newRS": rs("new", 0)},
         {"replicas": 4})
    case("deployment_util.go/NewRSNewReplicas/unknown strategy", "new_rs_new_replicas",
         {"deployment": dep(3, strategy="Blue"), "allRSs": [], "newRS": rs("new", 0)}, {"error": "Invalid"})
    case("deployment_util.go/NewRSNewReplicas/TerminationComplete counts terminating pods", "new_rs_new_replicas",
         {"deployment": dep(10, 2, 0, podReplacementPolicy="TerminationComplete"),
          "allRSs": [rs("old", 8, status_replicas=8, terminatingReplicas=2, observedGeneration=1), rs("new", 0)],
          "newRS": rs("new", 0), "featureGates": {"DeploymentPodReplacementPolicy": True,
                                                  "DeploymentReplicaSetTerminatingReplicas": True}},
         {"replicas": 2})
    case("deployment_util.go/NewRSNewReplicas/TerminationComplete with unknown terminating count", "new_rs_new_replicas",
         {"deployment": dep(10, 2, 0, podReplacementPolicy="TerminationComplete"),
          "allRSs": [rs("old", 8, observedGeneration=1), rs("new", 0)], "newRS": rs("new", 0),
          "featureGates": {"DeploymentPodReplacementPolicy": True, "DeploymentReplicaSetTerminatingReplicas": True}},
         {"error": "Invalid"})
    case("deployment_util.go/GetTerminatingReplicaCountForReplicaSets/unknown when an observed RS reports none",
         "replica_counts", {"replicaSets": [rs("a", 1, terminatingReplicas=1, observedGeneration=1),
                                            rs("b", 1, observedGeneration=2)]},
         {"specReplicas": 2, "terminatingReplicas": None})
    case("deployment_util.go/GetTerminatingReplicaCountForReplicaSets/never observed counts as 0",
         "replica_counts", {"replicaSets": [rs("a", 1, terminatingReplicas=1, observedGeneration=1), rs("b", 1)]},
         {"terminatingReplicas": 1})


def main() -> None:
    CASES.clear()
    rolling_test()
    sync_test()
    util_test()
    util_test_more()
    progress_test()
    sync_rollout_status_test()
    recreate_test()
    semantics_examples()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as fh:
        for c in CASES:
            fh.write(json.dumps(c, sort_keys=True) + "\n")
    print(f"wrote {len(CASES)} cases to {OUT}")


if __name__ == "__main__":
    main()
