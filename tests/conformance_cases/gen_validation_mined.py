"""Generate validation_mined.jsonl: deployment.validate / validate_status / validate_status_update /
set_defaults cases re-mined from Kubernetes' own tables.

Sources (newest versions read through the search index):
* pkg/apis/apps/validation/validation_test.go: TestValidateDeployment (validDeployment with tweaks,
  errorCases keyed by the text the first error must contain), TestValidateDeploymentStatus,
  TestValidateDeploymentStatusUpdate;
* pkg/apis/apps/v1/defaults_test.go and v1beta2/defaults_test.go: TestSetDefaultDeployment (the
  v1beta1 table differs only in revisionHistoryLimit 2, which the op does not model).

Each case id names the Go test and the table row. ``deployment.validate`` takes the *internal* form:
an IntOrString the Go row leaves unset is the zero value 0, written out. Run
``python3 tests/conformance_cases/gen_validation_mined.py`` to rewrite the file.
"""

from __future__ import annotations

import copy
import json
import pathlib
from typing import Any

cases: list[dict[str, Any]] = []


def add(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


# podtest.MakePodSpec(): one container, restartPolicy Always, dnsPolicy ClusterFirst.
POD_SPEC = {"restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
            "containers": [{"name": "ctr", "image": "image", "imagePullPolicy": "IfNotPresent",
                            "terminationMessagePolicy": "File"}]}


def valid_deployment() -> dict[str, Any]:
    """validation_test.go validDeployment(): internal form, replicas 0, maxSurge/maxUnavailable 1."""
    return {"metadata": {"name": "abc", "namespace": "default"},
            "spec": {"replicas": 0, "selector": {"matchLabels": {"name": "abc"}},
                     "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 1}},
                     "template": {"metadata": {"name": "abc", "namespace": "default", "labels": {"name": "abc"}},
                                  "spec": copy.deepcopy(POD_SPEC)},
                     "rollbackTo": {"revision": 1}}}


T = "validation_test.go:TestValidateDeployment"
add(f"{T}/successCases[0]-validDeployment", "deployment.validate", {"deployment": valid_deployment()},
    {"valid": True, "errors": []})
d = valid_deployment()
d["spec"]["template"]["spec"]["securityContext"] = {"hostNetwork": True}
d["spec"]["template"]["spec"]["containers"][0]["ports"] = [{"containerPort": 12345, "protocol": "TCP"}]
add(f"{T}/successCases[1]-hostNetwork-with-port", "deployment.validate", {"deployment": d},
    {"valid": True, "errors": []})


def err_case(key: str, deployment: dict[str, Any]) -> None:
    add(f"{T}/errorCases[{key}]", "deployment.validate", {"deployment": deployment},
        {"valid": False, "firstErrorContains": key})


# A Deployment with only a namespace: every other field is the internal zero value.
err_case("metadata.name: Required value",
         {"metadata": {"namespace": "default"},
          "spec": {"replicas": 0, "strategy": {"type": ""}, "template": {"spec": {"restartPolicy": ""}}}})
d = valid_deployment()
d["spec"]["selector"] = {"matchLabels": {"name": "def"}}
err_case("`selector` does not match template `labels`", d)
d = valid_deployment()
d["spec"]["template"]["spec"]["restartPolicy"] = "Never"
err_case('Unsupported value: "Never"', d)
d = valid_deployment()
d["spec"]["strategy"]["type"] = "randomType"
err_case('supported values: "Recreate", "RollingUpdate"', d)
d = valid_deployment()
d["spec"]["strategy"] = {"type": "Recreate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}}
err_case("may not be specified when strategy `type` is 'Recreate'", d)
d = valid_deployment()
d["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "20Percent", "maxUnavailable": 0}}
err_case("a valid percent string must be", d)
d = valid_deployment()
d["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "0%", "maxUnavailable": 0}}
err_case("may not be 0 when `maxSurge` is 0", d)
d = valid_deployment()
d["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": "110%"}}
err_case("must not be greater than 100%", d)
d = valid_deployment()
d["spec"]["rollbackTo"] = {"revision": -3}
err_case("must be greater than or equal to 0", d)
d = valid_deployment()
d["spec"]["progressDeadlineSeconds"] = 600
d["spec"]["minReadySeconds"] = 600
err_case("must be greater than minReadySeconds", d)
d = valid_deployment()
d["spec"]["template"]["spec"]["ephemeralContainers"] = [
    {"name": "ec", "image": "image", "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File"}]
err_case("ephemeral containers not allowed", d)

# The full first error of each row, as field.Error.Error() prints it (validation.go, newest).
FULL = [
    ("metadata.name", None, "metadata.name: Required value: name or generateName is required"),
    ("rollback", {"rollbackTo": {"revision": -3}},
     "spec.rollback.version: Invalid value: -3: must be greater than or equal to 0"),
    ("progressDeadline", {"progressDeadlineSeconds": 600, "minReadySeconds": 600},
     "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"),
    ("maxUnavailable-110%", {"strategy": {"type": "RollingUpdate",
                                          "rollingUpdate": {"maxSurge": 0, "maxUnavailable": "110%"}}},
     'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%'),
    ("recreate-with-rollingUpdate", {"strategy": {"type": "Recreate",
                                                  "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}}},
     "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"),
    ("restartPolicy-Never", {"template.restartPolicy": "Never"},
     'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'),
]
for name, tweak, text in FULL:
    if tweak is None:
        dep: dict[str, Any] = {"metadata": {"namespace": "default"},
                               "spec": {"replicas": 0, "strategy": {"type": ""},
                                        "template": {"spec": {"restartPolicy": ""}}}}
    else:
        dep = valid_deployment()
        for k, v in tweak.items():
            if k == "template.restartPolicy":
                dep["spec"]["template"]["spec"]["restartPolicy"] = v
            else:
                dep["spec"][k] = v
    add(f"{T}/errorCases-full-text:{name}", "deployment.validate", {"deployment": dep},
        {"valid": False, "firstErrorContains": text})

# TestValidateDeploymentUpdate: ValidateDeploymentUpdate runs ValidateDeploymentSpec on the update, so the
# update object alone, through deployment.validate, gives the spec part of its answer (the metadata-update
# error the Go rows also count, an immutable name, has no counterpart here).
T = "validation_test.go:TestValidateDeploymentUpdate"
VALID_LABELS = {"a": "b"}
INVALID_LABELS = {"NoUppercaseOrSpecialCharsLike=Equals": "b"}
GCE_VOLUME = [{"name": "gcepd", "gcePersistentDisk": {"pdName": "my-PD", "fsType": "ext4", "partition": 1,
                                                       "readOnly": False}}]


def update_deployment(replicas: int, selector: dict[str, str], labels: dict[str, str],
                      pod_spec: dict[str, Any]) -> dict[str, Any]:
    return {"metadata": {"name": "abc", "namespace": "default"},
            "spec": {"replicas": replicas, "selector": {"matchLabels": selector}, "strategy": {"type": "Recreate"},
                     "template": {"metadata": {"labels": labels}, "spec": pod_spec}}}


RW_SPEC = dict(copy.deepcopy(POD_SPEC), volumes=GCE_VOLUME)
add(f"{T}/successCases[positive replicas]", "deployment.validate",
    {"deployment": update_deployment(1, VALID_LABELS, VALID_LABELS, RW_SPEC)}, {"valid": True})
add(f"{T}/successCases[Read-write volume verification]", "deployment.validate",
    {"deployment": update_deployment(2, VALID_LABELS, VALID_LABELS, RW_SPEC)}, {"valid": True})
add(f"{T}/errorCases[invalid selector]", "deployment.validate",
    {"deployment": update_deployment(2, INVALID_LABELS, VALID_LABELS, copy.deepcopy(POD_SPEC))},
    {"valid": False, "firstErrorContains": 'spec.selector.matchLabels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals"'})
add(f"{T}/errorCases[invalid pod]", "deployment.validate",
    {"deployment": update_deployment(2, VALID_LABELS, INVALID_LABELS, dict(copy.deepcopy(POD_SPEC), containers=[]))},
    {"valid": False, "firstErrorContains": "spec.template.metadata.labels: Invalid value: "
                                           '{"NoUppercaseOrSpecialCharsLike=Equals":"b"}: `selector` does not match'})
add(f"{T}/errorCases[negative replicas]", "deployment.validate",
    {"deployment": update_deployment(-1, VALID_LABELS, VALID_LABELS, RW_SPEC)},
    {"valid": False, "firstErrorContains": "spec.replicas: Invalid value: -1: must be greater than or equal to 0"})

T = "validation_test.go:TestValidateDeploymentStatus"
STATUS_ROWS = [
    ("valid status", 3, 3, 2, 1, 2, None, False),
    ("invalid replicas", -1, 2, 2, 1, 2, None, True),
    ("invalid updatedReplicas", 2, -1, 2, 1, 2, None, True),
    ("invalid readyReplicas", 3, 0, -1, 1, 2, None, True),
    ("invalid availableReplicas", 3, 0, 3, -1, 2, None, True),
    ("invalid observedGeneration", 3, 0, 3, 3, -1, None, True),
    ("updatedReplicas greater than replicas", 3, 4, 3, 3, 1, None, True),
    ("readyReplicas greater than replicas", 3, 0, 4, 3, 1, None, True),
    ("availableReplicas greater than replicas", 3, 0, 3, 4, 1, None, True),
    ("availableReplicas greater than readyReplicas", 3, 0, 2, 3, 1, None, True),
    ("invalid collisionCount", 3, 0, 0, 0, 1, -3, True),
]
for name, rep, upd, ready, avail, gen, coll, bad in STATUS_ROWS:
    status: dict[str, Any] = {"replicas": rep, "updatedReplicas": upd, "readyReplicas": ready,
                              "availableReplicas": avail, "observedGeneration": gen}
    if coll is not None:
        status["collisionCount"] = coll
    add(f"{T}/{name}", "deployment.validate_status", {"status": status}, {"valid": not bad})

T = "validation_test.go:TestValidateDeploymentStatusUpdate"
for name, old, new, bad in [
    ("increase: valid update", None, 1, False),
    ("stable: valid update", 1, 1, False),
    ("unset: invalid update", 1, None, True),
    ("decrease: invalid update", 2, 1, True),
]:
    old_s = {} if old is None else {"collisionCount": old}
    new_s = {} if new is None else {"collisionCount": new}
    add(f"{T}/{name}", "deployment.validate_status_update", {"oldStatus": old_s, "newStatus": new_s},
        {"valid": not bad})


def defaults_rows(test: str) -> None:
    pct = "25%"
    rows = [
        ("empty", {}, {"replicas": 1, "strategy": {"type": "RollingUpdate",
                                                    "rollingUpdate": {"maxSurge": pct, "maxUnavailable": pct}},
                       "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600}),
        ("maxSurge-set", {"replicas": 5, "strategy": {"rollingUpdate": {"maxSurge": 5}}},
         {"replicas": 5, "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 5, "maxUnavailable": pct}},
          "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600}),
        ("rollingUpdate-nil", {"replicas": 3, "strategy": {"type": "RollingUpdate", "rollingUpdate": None}},
         {"replicas": 3, "strategy": {"type": "RollingUpdate",
                                      "rollingUpdate": {"maxSurge": pct, "maxUnavailable": pct}},
          "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600}),
        ("recreate-revisionHistoryLimit-0", {"replicas": 5, "strategy": {"type": "Recreate"}, "revisionHistoryLimit": 0},
         {"replicas": 5, "strategy": {"type": "Recreate"}, "revisionHistoryLimit": 0, "progressDeadlineSeconds": 600}),
        ("recreate-progressDeadline-30", {"replicas": 5, "strategy": {"type": "Recreate"},
                                          "progressDeadlineSeconds": 30, "revisionHistoryLimit": 2},
         {"replicas": 5, "strategy": {"type": "Recreate"}, "progressDeadlineSeconds": 30, "revisionHistoryLimit": 2}),
    ]
    for i, (name, spec, want) in enumerate(rows):
        add(f"{test}/tests[{i}]-{name}", "deployment.set_defaults", {"deployment": {"spec": spec}}, {"spec": want})


defaults_rows("apps/v1/defaults_test.go:TestSetDefaultDeployment")
defaults_rows("apps/v1beta2/defaults_test.go:TestSetDefaultDeployment")
# TestDefaultDeploymentAvailability: the defaulted maxUnavailable must leave a replica available.
add("apps/v1/defaults_test.go:TestDefaultDeploymentAvailability", "intstr.get_scaled_value",
    {"value": "25%", "total": 1, "roundUp": False}, {"value": 0})

out = pathlib.Path(__file__).with_name("validation_mined.jsonl")
out.write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in cases))
print(f"wrote {len(cases)} cases to {out}")
