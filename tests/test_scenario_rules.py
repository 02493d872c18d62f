"""SCENARIOS.md rule by rule, on small inline scenarios run on the real transition system.

Each test pins one sentence of the contract (quoted or paraphrased in its name/docstring) that the
repository's own scenario files do not already exercise, so that scenario files written by others
keep working: defaults, the less common argument forms, and manifests with fields outside the
model's scope.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from model.scenario.parse import ScenarioFileError, parse_scenario
from model.scenario.run import ScenarioResult, run_scenario

HTTPD = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4"
AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.53"


def rs_manifest(name: str = "web", replicas: int = 1, grace: int | None = 0, labels: str = "{app: web}",
                image: str = HTTPD) -> str:
    grace_line = f"      terminationGracePeriodSeconds: {grace}\n" if grace is not None else ""
    return (f"apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {{name: {name}, labels: {labels}}}\nspec:\n"
            f"  replicas: {replicas}\n  selector: {{matchLabels: {labels}}}\n  template:\n"
            f"    metadata: {{labels: {labels}}}\n    spec:\n{grace_line}"
            f"      containers: [{{name: httpd, image: \"{image}\"}}]\n")


def deployment_manifest(name: str = "app", replicas: int = 2, image: str = AGNHOST, extra: str = "") -> str:
    return (f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, labels: {{app: {name}}}}}\n"
            f"spec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: {name}}}}}\n{extra}  template:\n"
            f"    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      terminationGracePeriodSeconds: 0\n"
            f"      containers: [{{name: main, image: \"{image}\"}}]\n")


def apply(manifest: str, step_id: str | None = None) -> str:
    head = f"- id: {step_id}\n  apply: |\n" if step_id else "- apply: |\n"
    return head + textwrap.indent(manifest, "    ")


def run(steps: str, nodes: str = "[{name: node-1}, {name: node-2}]", **kw: Any) -> ScenarioResult:
    text = (f"name: rules\nsummary: one rule\ncluster:\n  nodes: {nodes}\nsteps:\n"
            + textwrap.indent(textwrap.dedent(steps), "  "))
    return run_scenario(parse_scenario(text, "rules.yaml"), **kw)


def passes(steps: str, **kw: Any) -> None:
    result = run(steps, **kw)
    assert result.passed, result.failure.render() if result.failure else result.error


def fails_at(steps: str, index: int, **kw: Any) -> str:
    result = run(steps, **kw)
    assert result.error is None, result.error
    assert result.failure is not None, "expected a failing step"
    assert result.failure.step.index == index, result.failure.render()
    return result.failure.message


# ---------------------------------------------------------------------------------------------
# world conventions


def test_nodes_carry_their_hostname_label_and_pods_without_requests_fit_anywhere() -> None:
    passes(apply(rs_manifest(replicas=30)) + """\
- settle: {}
- expect:
    pods: {selector: {app: web}, count: 30, allReady: true}
""", nodes="[{name: node-1, cpu: 100m, memory: 64Mi}]")
    pinned = rs_manifest().replace("    spec:\n", "    spec:\n      nodeSelector: {kubernetes.io/hostname: node-2}\n", 1)
    passes(apply(pinned) + """\
- settle: {}
- expect: {pods: {selector: {app: web}, onNode: node-2, count: 1, allReady: true}}
""")


def test_deployment_defaults_apply_where_the_manifest_is_silent() -> None:
    # maxSurge/maxUnavailable 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600
    manifest = deployment_manifest(replicas=4)
    passes(apply(manifest) + """\
- waitFor: {condition: {deployment: {name: app, complete: true}}, timeoutSeconds: 60}
- updateImage: {deployment: app, container: main, image: "registry.k8s.io/pause:3.10"}
- settle: {invariants: [{rollingUpdateBounds: {deployment: app}}]}
- expect:
    deployment:
      name: app
      complete: true
      revision: "2"
      conditions: [{type: Progressing, status: "True", reason: NewReplicaSetAvailable}]
""")


# ---------------------------------------------------------------------------------------------
# apply


def test_apply_of_an_existing_object_replaces_labels_and_spec_keeps_status_and_bumps_generation() -> None:
    relabelled = deployment_manifest(replicas=3).replace("labels: {app: app}}", "labels: {app: app, tier: x}}", 1)
    passes(apply(deployment_manifest()) + """\
- waitFor: {condition: {deployment: {name: app, complete: true}}, timeoutSeconds: 60}
""" + apply(relabelled) + """\
- expect:
    notes: status is kept; the controller has not seen generation 2 yet
    deployment:
      name: app
      labels: {app: app, tier: x}
      spec: {replicas: 3}
      status: {replicas: 2, availableReplicas: 2}
      observedGenerationCurrent: false
- settle: {}
- expect: {deployment: {name: app, complete: true, status: {replicas: 3}}}
""")


def final_deployment(steps: str) -> Any:
    result = run(steps, record_trace=True)
    assert result.passed, result.failure.render() if result.failure else result.error
    return result.world.view(result.trace[-1].state).deployment("app")


def test_apply_replaces_annotations_only_when_the_manifest_has_the_field() -> None:
    annotated = deployment_manifest().replace("metadata: {name: app,", "metadata: {annotations: {note: one}, name: app,", 1)
    emptied = deployment_manifest().replace("metadata: {name: app,", "metadata: {annotations: {}, name: app,", 1)
    kept = final_deployment(apply(annotated) + "- settle: {}\n" + apply(deployment_manifest()) + "- settle: {}\n")
    assert ("note", "one") in kept.metadata.annotations
    dropped = final_deployment(apply(annotated) + "- settle: {}\n" + apply(emptied) + "- settle: {}\n")
    assert "note" not in dict(dropped.metadata.annotations)


def test_pods_rcs_replicasets_and_services_can_be_applied_directly() -> None:
    passes("""\
- apply: |
    apiVersion: v1
    kind: Pod
    metadata: {name: lone, labels: {app: lone}}
    spec:
      containers: [{name: c, image: "AGNHOST"}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: lone}
    spec:
      selector: {app: lone}
      ports: [{port: 80, targetPort: 9376}]
    ---
    apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      replicas: 2
      selector: {name: rc}
      template:
        metadata: {labels: {name: rc}}
        spec:
          containers: [{name: c, image: "HTTPD"}]
""".replace("AGNHOST", AGNHOST).replace("HTTPD", HTTPD) + apply(rs_manifest()) + """\
- settle: {}
- expect:
    pod: {name: lone, phase: Running, ready: true}
    pods: {selector: {name: rc}, count: 2, allReady: true, allControlledBy: {kind: ReplicationController, name: rc}}
    replicaSets: [{name: web, readyReplicas: 1, controller: null}]
    scale: {kind: ReplicationController, name: rc, specReplicas: 2, statusReplicas: 2}
""")


OUT_OF_SCOPE_CONTAINER = """\
          - name: main
            image: AGNHOST
            command: ["/agnhost"]
            args: [netexec, "--http-port=8080"]
            workingDir: /tmp
            ports: [{containerPort: 8080, name: http, protocol: TCP}]
            env:
              - {name: A, value: "1"}
              - name: POD_NAME
                valueFrom: {fieldRef: {fieldPath: metadata.name}}
            envFrom: [{configMapRef: {name: cm, optional: true}}]
            readinessProbe: {httpGet: {path: /healthz, port: 8080}, initialDelaySeconds: 1, periodSeconds: 2,
                             failureThreshold: 3}
            livenessProbe: {tcpSocket: {port: 8080}, timeoutSeconds: 1}
            startupProbe: {exec: {command: [cat, /tmp/ready]}}
            lifecycle: {preStop: {exec: {command: [sleep, "1"]}}}
            resources:
              requests: {cpu: 100m, memory: 64Mi, ephemeral-storage: 100Mi}
              limits: {cpu: 500m, memory: 128Mi, ephemeral-storage: 1Gi}
            securityContext: {runAsUser: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false,
                              readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
            volumeMounts: [{name: scratch, mountPath: /scratch}, {name: conf, mountPath: /etc/conf, readOnly: true}]
            imagePullPolicy: IfNotPresent
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: FallbackToLogsOnError
""".replace("AGNHOST", AGNHOST)


def test_manifests_with_fields_outside_the_models_scope_load_and_run() -> None:
    manifest = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels: {app: app}
  annotations: {description: out of scope fields}
spec:
  replicas: 2
  minReadySeconds: 0
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 300
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: "50%", maxUnavailable: 0}}
  selector:
    matchLabels: {app: app}
    matchExpressions: [{key: tier, operator: In, values: [web, api]}]
  template:
    metadata:
      labels: {app: app, tier: web}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      initContainers:
        - {name: init, image: "registry.k8s.io/e2e-test-images/busybox:1.36.1-1", command: [sh, -c, "true"]}
      containers:
CONTAINER      volumes:
        - {name: scratch, emptyDir: {}}
        - {name: conf, configMap: {name: cm, optional: true}}
      securityContext: {fsGroup: 2000, seccompProfile: {type: RuntimeDefault}}
      serviceAccountName: default
      automountServiceAccountToken: false
      dnsPolicy: ClusterFirst
      enableServiceLinks: false
      hostname: app
      priorityClassName: ""
      tolerations: [{key: example.com/k, operator: Exists, effect: NoSchedule}]
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: app}}}
      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway,
           labelSelector: {matchLabels: {app: app}}}
""".replace("CONTAINER", OUT_OF_SCOPE_CONTAINER)
    passes(apply(manifest) + """\
- waitFor: {condition: {deployment: {name: app, complete: true}, pods: {selector: {app: app}, count: 2, allReady: true}}, timeoutSeconds: 120}
""")


# ---------------------------------------------------------------------------------------------
# settle


def test_settle_stops_at_max_seconds_without_failing_and_otherwise_at_quiescence() -> None:
    tolerating = rs_manifest().replace(
        "    spec:\n", "    spec:\n      tolerations: [{key: k, operator: Exists, effect: NoExecute, "
                       "tolerationSeconds: 500}]\n", 1)
    result = run(apply(tolerating) + """\
- settle: {}
- taintNode: {node: node-1, add: {key: k, effect: NoExecute}}
- taintNode: {node: node-2, add: {key: k, effect: NoExecute}}
- settle: {maxSeconds: 100}
- expect: {pods: {selector: {app: web}, count: 1, allReady: true}}
""")
    assert result.passed, result.failure.render() if result.failure else result.error
    assert result.seconds == 100  # the pending eviction (at 500 s) is beyond maxSeconds
    quiet = run(apply(rs_manifest()) + "- settle: {}\n- settle: {maxSeconds: 1000}\n")
    assert quiet.passed and quiet.seconds < 60


# ---------------------------------------------------------------------------------------------
# scale and patch


def test_scale_through_the_scale_subresource_of_every_workload_kind() -> None:
    rc = """\
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 1
  selector: {name: rc}
  template:
    metadata: {labels: {name: rc}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: c, image: "HTTPD"}]
""".replace("HTTPD", HTTPD)
    passes(apply(rc) + apply(rs_manifest()) + apply(deployment_manifest()) + """\
- scale: {kind: ReplicationController, name: rc, replicas: 3, via: scaleSubresource}
- scale: {kind: ReplicaSet, name: web, replicas: 2, via: scaleSubresource}
- scale: {kind: Deployment, name: app, replicas: 4, via: scaleSubresource}
- settle: {}
- expect:
    scale: {kind: ReplicationController, name: rc, specReplicas: 3, statusReplicas: 3}
    replicaSets: {selector: {app: web}, items: [{name: web, specReplicas: 2, readyReplicas: 2}]}
    deployment: {name: app, complete: true, spec: {replicas: 4}}
""")


def test_patch_without_subresource_ignores_status_and_status_patch_ignores_spec() -> None:
    passes(apply(rs_manifest()) + """\
- settle: {}
- patch: {kind: ReplicaSet, name: web, mergePatch: {status: {replicas: 7}, metadata: {labels: {x: "1"}}}}
- expect: {replicaSets: [{name: web, statusReplicas: 1, labels: {x: "1"}}]}
- patch:
    kind: ReplicaSet
    name: web
    subresource: status
    mergePatch: {status: {readyReplicas: 0, availableReplicas: 0}, spec: {replicas: 5}, metadata: {labels: {y: "2"}}}
- expect: {replicaSets: [{name: web, specReplicas: 1, readyReplicas: 0}], pods: {selector: {app: web}, count: 1}}
- expect: {replicaSets: {selector: {y: "2"}, count: 0}}
- settle: {}
- expect: {replicaSets: [{name: web, readyReplicas: 1}]}
""")


def test_writes_the_api_server_would_refuse_fail_the_step_and_change_nothing() -> None:
    steps = apply(deployment_manifest()) + "- settle: {}\n"
    for patch, field in (
        ("{kind: Deployment, name: app, mergePatch: {spec: {replicas: -1}}}", "spec.replicas"),
        ("{kind: Deployment, name: app, mergePatch: {spec: {template: {metadata: {labels: {app: other}}}}}}",
         "spec.template.metadata.labels"),
        ("{kind: Deployment, name: app, mergePatch: {spec: {selector: {matchLabels: {app: other}}}}}",
         "spec.selector"),
        ("{kind: Deployment, name: app, subresource: status, mergePatch: {status: {readyReplicas: 0}}}",
         "status.availableReplicas"),
        ("{kind: Deployment, name: app, subresource: scale, mergePatch: {spec: 3}}", "spec"),
    ):
        message = fails_at(steps + f"- patch: {patch}\n", 2)
        assert message.startswith("the model rejected this step:") and field in message, message
    message = fails_at(steps + "- relabelPod: {selector: {app: app}, labels: {'-bad': x}}\n", 2)
    assert "metadata.labels" in message


def test_merge_patch_null_deletes_a_key_and_lists_are_replaced_whole() -> None:
    passes(apply(rs_manifest(labels="{app: web, tier: a}")) + """\
- patch: {kind: ReplicaSet, name: web, mergePatch: {metadata: {labels: {tier: null}}}}
- expect: {replicaSets: {selector: {tier: a}, count: 0}}
- patch:
    kind: ReplicaSet
    name: web
    mergePatch: {spec: {template: {spec: {containers: [{name: other, image: "registry.k8s.io/pause:3.10"}]}}}}
- expect: {replicaSets: [{name: web, template_image: "registry.k8s.io/pause:3.10"}]}
""")


def test_json_patch_on_the_status_and_scale_subresources() -> None:
    passes(apply(deployment_manifest()) + """\
- settle: {}
- patch:
    kind: Deployment
    name: app
    subresource: status
    jsonPatch:
      - {op: add, path: /status/conditions/-, value: {type: StatusPatched, status: "True"}}
- expect: {deployment: {name: app, conditions: [{type: StatusPatched, status: "True"}, {type: Available}]}}
- patch: {kind: Deployment, name: app, subresource: scale, mergePatch: {spec: {replicas: 3}}}
- expect: {deployment: {name: app, spec: {replicas: 3}}, scale: {kind: Deployment, name: app, specReplicas: 3}}
""")


# ---------------------------------------------------------------------------------------------
# delete


def test_delete_by_selector_with_count_takes_the_first_non_terminating_pods_by_name() -> None:
    pods = "".join(
        apply(f"apiVersion: v1\nkind: Pod\nmetadata: {{name: p-{i}, labels: {{app: p}}}}\n"
              f"spec:\n  containers: [{{name: c, image: \"{HTTPD}\"}}]\n") for i in (3, 1, 2))
    passes(pods + """\
- settle: {}
- delete: {kind: Pod, selector: {app: p}, count: 1}
- expect: {pod: [{name: p-1, terminating: true}, {name: p-2, terminating: false}, {name: p-3, terminating: false}]}
- delete: {kind: Pod, selector: {app: p}, count: 1}
- expect: {pod: [{name: p-1, deletionRequested: true}, {name: p-2, deletionRequested: true}, {name: p-3, terminating: false}]}
""")


def test_pods_are_deleted_at_once_with_grace_zero_or_when_unbound() -> None:
    graceful = rs_manifest(grace=None)
    passes(apply(graceful) + """\
- settle: {}
- delete: {kind: Pod, selector: {app: web}, gracePeriodSeconds: 0}
- expect: {pods: {selector: {app: web}, includeTerminating: true, count: 0}}
- makeImageUnpullable: {image: never}
- apply: |
    apiVersion: v1
    kind: Pod
    metadata: {name: unbound}
    spec:
      nodeSelector: {kubernetes.io/hostname: nowhere}
      containers: [{name: c, image: never}]
- settle: {maxSeconds: 30}
- expect: {pod: {name: unbound, phase: Pending}}
- delete: {kind: Pod, name: unbound}
- expect: {pod: {name: unbound, exists: false}}
""")


def test_delete_propagation_policies() -> None:
    base = apply(deployment_manifest()) + "- waitFor: {condition: {deployment: {name: app, complete: true}}, timeoutSeconds: 60}\n"
    passes(base + """\
- delete: {kind: Deployment, name: app}
- expect:
    notes: Background - the owner goes now, its dependents afterwards
    deployment: {name: app, exists: false}
    replicaSets: {count: 1}
- settle: {}
- expect: {replicaSets: {count: 0}, pods: {includeTerminating: true, count: 0}}
""")
    passes(base + """\
- delete: {kind: Deployment, name: app, propagationPolicy: Foreground}
- expect: {deployment: {name: app}}
- waitFor:
    condition: {deployment: {name: app, exists: false}, replicaSets: {count: 0}, pods: {includeTerminating: true, count: 0}}
    timeoutSeconds: 60
""")
    passes(base + """\
- delete: {kind: Deployment, name: app, propagationPolicy: Orphan}
- waitFor: {condition: {deployment: {name: app, exists: false}}, timeoutSeconds: 60}
- settle: {}
- expect:
    replicaSets: [{namePrefix: app-, controller: null, specReplicas: 2, readyReplicas: 2}]
    pods: {selector: {app: app}, count: 2, allReady: true, noneControlledBy: {kind: Deployment, name: app}}
""")


# ---------------------------------------------------------------------------------------------
# pods and nodes


def test_relabel_pod_takes_the_first_non_terminating_pod_by_name_and_replaces_all_labels() -> None:
    passes(apply(rs_manifest(replicas=2, labels="{app: web, tier: a}")) + """\
- settle: {}
- delete: {kind: Pod, selector: {app: web}, count: 1, gracePeriodSeconds: 30}
- relabelPod: {selector: {app: web}, labels: {app: loose}}
- expect:
    notes: web-1 is terminating, so web-2 is relabelled
    pod: [{name: web-2, labels: {app: loose}}, {name: web-1, labels: {app: web}}]
- expect:
    notes: the whole label map is replaced
    pods: {selector: {tier: a}, count: 0}
- settle: {}
- expect:
    notes: released, and replaced
    pods: {selector: {app: loose}, count: 1, noneControlledBy: {kind: ReplicaSet, name: web}}
- expect: {pods: {selector: {app: web}, count: 2, allControlledBy: {kind: ReplicaSet, name: web}}}
""")


def test_a_stopped_node_keeps_gracefully_deleted_pods_until_it_starts_again() -> None:
    passes(apply(rs_manifest(grace=30)) + """\
- settle: {}
- stopNode: {nodeOfPod: {selector: {app: web}}, as: lost}
- delete: {kind: Pod, name: "${lost.pod}"}
- wait: {seconds: 35}
- expect:
    pod: {name: "${lost.pod}", terminating: true, nodeName: "${lost}"}
- startNode: {node: "${lost}"}
- waitFor:
    condition: {pod: {name: "${lost.pod}", exists: false}, node: {name: "${lost}", ready: true}}
    timeoutSeconds: 60
""")


def test_stop_node_by_name_then_the_node_lifecycle_controller_marks_it_unreachable() -> None:
    passes(apply(rs_manifest()) + """\
- settle: {}
- stopNode: {node: node-2}
- waitFor:
    condition:
      node:
        name: node-2
        ready: false
        taints:
          - {key: node.kubernetes.io/unreachable, effect: NoExecute}
          - {key: node.kubernetes.io/unreachable, effect: NoSchedule}
    timeoutSeconds: 120
- startNode: {node: node-2}
- waitFor: {condition: {node: {name: node-2, ready: true}}, timeoutSeconds: 120}
""")


def test_an_unpullable_image_keeps_pods_pending_yet_counted_in_status_replicas() -> None:
    passes("""\
- makeImageUnpullable: {image: "registry.k8s.io/pause:broken"}
""" + apply(rs_manifest(replicas=2, image="registry.k8s.io/pause:broken")) + """\
- settle: {maxSeconds: 120}
- expect:
    pods: {selector: {app: web}, count: 2, noneReady: true}
    replicaSets: [{name: web, statusReplicas: 2, readyReplicas: 0}]
""")


def test_an_unpullable_image_is_matched_exactly() -> None:
    passes("""\
- makeImageUnpullable: {image: "registry.k8s.io/pause:other"}
""" + apply(rs_manifest(image="registry.k8s.io/pause:3.10")) + """\
- settle: {}
- expect: {pods: {selector: {app: web}, count: 1, allReady: true}}
""")


def test_taint_node_replaces_same_key_and_effect_and_removes_by_key_and_effect() -> None:
    passes("""\
- taintNode: {node: node-1, add: {key: k, value: a, effect: NoSchedule}}
- taintNode: {node: node-1, add: {key: k, value: b, effect: NoSchedule}}
- taintNode: {node: node-1, add: {key: k, effect: PreferNoSchedule}}
- expect: {node: {name: node-1, taints: [{key: k, value: b, effect: NoSchedule}, {key: k, effect: PreferNoSchedule}]}}
- taintNode: {node: node-1, remove: {key: k, effect: NoSchedule}}
- expect: {node: {name: node-1, taints: [{key: k, effect: PreferNoSchedule}]}}
""")
    message = fails_at("""\
- taintNode: {node: node-1, add: {key: k, value: a, effect: NoSchedule}}
- taintNode: {node: node-1, add: {key: k, value: b, effect: NoSchedule}}
- expect: {node: {name: node-1, taints: [{key: k, value: a, effect: NoSchedule}]}}
""", 2)
    assert "taint" in message and "is missing" in message


# ---------------------------------------------------------------------------------------------
# rollbackTo


ROLLED = apply(deployment_manifest()) + """\
- waitFor: {condition: {deployment: {name: app, complete: true}}, timeoutSeconds: 60}
- updateImage: {deployment: app, container: main, image: "registry.k8s.io/pause:3.10"}
- waitFor: {condition: {deployment: {name: app, complete: true, revision: "2"}}, timeoutSeconds: 60}
"""


def test_rollback_to_revision_0_goes_to_the_revision_below_the_highest() -> None:
    passes(ROLLED + """\
- rollbackTo: {deployment: app, revision: 0}
- waitFor:
    condition:
      deployment:
        name: app
        complete: true
        revision: "3"
        template_image: "AGNHOST"
        newReplicaSet: {revision: "3", template_image: "AGNHOST"}
        oldReplicaSets: {count: 1, items: [{revision: "2", specReplicas: 0}]}
    timeoutSeconds: 60
""".replace("AGNHOST", AGNHOST))


def test_rollback_to_an_unknown_revision_or_with_no_history_changes_nothing() -> None:
    passes(apply(deployment_manifest()) + """\
- waitFor: {condition: {deployment: {name: app, complete: true}}, timeoutSeconds: 60}
- rollbackTo: {deployment: app, revision: 0}
- settle: {}
- expect: {deployment: {name: app, revision: "1", complete: true}, replicaSets: {count: 1}}
""")
    passes(ROLLED + """\
- rollbackTo: {deployment: app, revision: 9}
- settle: {}
- expect:
    deployment: {name: app, revision: "2", complete: true, template_image: "registry.k8s.io/pause:3.10"}
    replicaSets: {count: 2}
""")


def test_rollback_waits_while_paused() -> None:
    passes(ROLLED + """\
- pause: {deployment: app}
- rollbackTo: {deployment: app, revision: 1}
- settle: {}
- expect: {deployment: {name: app, revision: "2", template_image: "registry.k8s.io/pause:3.10"}}
- resume: {deployment: app}
- waitFor:
    condition: {deployment: {name: app, revision: "3", complete: true, template_image: "AGNHOST"}}
    timeoutSeconds: 60
""".replace("AGNHOST", AGNHOST))


# ---------------------------------------------------------------------------------------------
# waitFor and wait


def test_wait_for_measures_from_since_and_the_step_ends_when_the_condition_first_holds() -> None:
    result = run(apply(rs_manifest(), "made") + """\
- wait: {seconds: 20}
- waitFor:
    condition: {pods: {selector: {app: web}, count: 1, allReady: true}}
    timeoutSeconds: 10
    since: made
""")
    # the condition held at the start of the step, 20 s after "made": it is not late for that
    assert result.passed, result.failure.render() if result.failure else result.error
    assert result.seconds == 20
    message = fails_at(apply(rs_manifest(), "made") + """\
- wait: {seconds: 20}
- waitFor:
    condition: {pods: {selector: {app: web}, count: 1, allReady: true}}
    timeoutSeconds: 60
    notBeforeSeconds: 30
    since: made
""", 2)
    assert "earlier than notBeforeSeconds 30" in message


def test_wait_for_a_condition_that_holds_later_ends_at_that_instant() -> None:
    result = run(apply(rs_manifest()) + """\
- settle: {}
- taintNode: {node: node-1, add: {key: k, effect: NoExecute}}
- taintNode: {node: node-2, add: {key: k, effect: NoExecute}}
- waitFor: {condition: {pods: {selector: {app: web}, count: 0}}, timeoutSeconds: 600}
""", nodes="[{name: node-1}, {name: node-2}]")
    assert result.passed, result.failure.render() if result.failure else result.error
    assert result.seconds < 60


def test_wait_condition_must_hold_at_the_start() -> None:
    message = fails_at(apply(rs_manifest()) + """\
- wait: {seconds: 5, condition: {pods: {selector: {app: web}, count: 3}}}
""", 1)
    assert message.startswith("condition does not hold at the start of the wait")


# ---------------------------------------------------------------------------------------------
# notes anywhere


def test_notes_are_allowed_in_every_mapping() -> None:
    text = """\
name: notes
summary: x
notes: top-level notes are free text too
cluster: {nodes: [{name: node-1}]}
steps:
  - notes: a step's notes
    id: made
    apply: |
MANIFEST
  - settle: {notes: "n ${not-an-alias}", maxSeconds: 60, invariants: [{noOldAndNewPodsTogether: {deployment: app, notes: n}, notes: n}]}
  - expect:
      notes: n
      deployment:
        - name: app
          notes: n
          spec: {replicas: 2, notes: n}
          status: {replicas: 2, notes: n}
          template: {terminationGracePeriodSeconds: 0, notes: n}
          conditions: [{type: Available, notes: n}]
          newReplicaSet: {notes: n, specReplicas: 2, template: {notes: n}}
          oldReplicaSets: {notes: n, count: 0, items: []}
      replicaSets: {notes: n, count: 1, items: [{notes: n, namePrefix: app-, controller: {kind: Deployment, name: app, notes: n}}]}
      pods: {notes: n, count: {min: 2, max: 2, notes: n}, noneControlledBy: {kind: Deployment, name: app, notes: n}, selector: {app: app}, allReady: true}
      pod: {name: nope, exists: false, notes: n}
      node: {name: node-1, notes: n, taints: []}
      scale: {kind: Deployment, name: app, notes: n}
      podCreations: {since: made, count: 2, notes: n}
  - scale: {kind: Deployment, name: app, replicas: 2, notes: n}
  - taintNode: {node: node-1, add: {key: k, effect: NoSchedule, notes: n}, notes: n}
  - stopNode: {nodeOfPod: {selector: {app: app}, notes: n}, as: a, notes: n}
  - waitFor: {condition: {notes: n, node: {name: "${a}", ready: false}}, timeoutSeconds: 120, notes: n}
""".replace("MANIFEST", textwrap.indent(deployment_manifest(), "      ").rstrip("\n"))
    result = run_scenario(parse_scenario(text, "notes.yaml"))
    assert result.passed, result.failure.render() if result.failure else result.error


def test_count_ranges_take_min_and_max() -> None:
    passes(apply(rs_manifest(replicas=3)) + """\
- settle: {}
- expect: {pods: {selector: {app: web}, count: {min: 2}}}
- expect: {pods: {selector: {app: web}, count: {max: 3}}}
- expect: {pods: {selector: {app: web}, count: {min: 3, max: 3}}}
""")
    assert "count is 3, not between 4 and 9" in fails_at(apply(rs_manifest(replicas=3)) + """\
- settle: {}
- expect: {pods: {selector: {app: web}, count: {min: 4, max: 9}}}
""", 2)


def test_a_malformed_range_is_a_file_error() -> None:
    with pytest.raises(ScenarioFileError) as info:
        parse_scenario("name: r\nsteps:\n  - expect: {pods: {count: {least: 1}}}\n", "r.yaml")
    assert "r.yaml: steps[0].expect.pods.count.least: unknown field (known: max, min)" in str(info.value)


def test_configuration_kinds_are_accepted_and_other_unknown_kinds_are_file_errors() -> None:
    passes("""\
- apply: |
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: conf}
    data: {key: value}
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: creds}
    stringData: {password: x}
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: robot}
""" + apply(rs_manifest()) + """\
- settle: {}
- expect: {pods: {selector: {app: web}, count: 1, allReady: true}}
""")
    with pytest.raises(ScenarioFileError) as info:
        parse_scenario("name: k\nsteps:\n  - apply: |\n      apiVersion: policy/v1\n      kind: PodDisruptionBudget\n"
                       "      metadata: {name: pdb}\n", "k.yaml")
    assert "k.yaml: steps[0].apply.kind: unknown kind 'PodDisruptionBudget'" in str(info.value)


def test_an_autoscaling_v1_hpa_scales_a_replication_controller_under_set_cpu_load() -> None:
    rc = """\
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 1
  selector: {name: rc}
  template:
    metadata: {labels: {name: rc}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
        - name: rc
          image: registry.k8s.io/e2e-test-images/resource-consumer:1.13
          resources: {requests: {cpu: 200m}}
"""
    hpa = """\
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: rc}
spec:
  scaleTargetRef: {apiVersion: v1, kind: ReplicationController, name: rc}
  minReplicas: 1
  maxReplicas: 4
  targetCPUUtilizationPercentage: 50
"""
    # 300m on one 200m pod is 150%: ceil(1 * 150 / 50) = 3 replicas; then 100m each, 50%: stays
    passes(apply(rc) + "- settle: {}\n" + apply(hpa) + """\
- setCPULoad: {target: {kind: ReplicationController, name: rc}, totalMillicores: 300}
- waitFor:
    condition:
      scale: {kind: ReplicationController, name: rc, specReplicas: 3, statusReplicas: 3}
      pods: {selector: {name: rc}, count: 3, allReady: true}
    timeoutSeconds: 120
- wait: {seconds: 120, condition: {scale: {kind: ReplicationController, name: rc, specReplicas: 3}}}
""")


POD = """\
apiVersion: v1
kind: Pod
metadata: {name: lone, labels: {app: lone}}
spec:
  containers: [{name: c, image: "registry.k8s.io/pause:3.10"}]
"""


def test_reapplying_a_pod_changes_its_labels_and_image_and_keeps_its_node() -> None:
    relabelled = POD.replace("{app: lone}", "{app: lone, tier: b}").replace("pause:3.10", "pause:3.9")
    passes(apply(POD) + """\
- settle: {}
- expect: {pod: {name: lone, nodeName: node-1, ready: true}}
""" + apply(relabelled) + """\
- expect: {pod: {name: lone, nodeName: node-1, labels: {tier: b}}}
- settle: {}
- expect: {pods: {selector: {app: lone}, count: 1, allReady: true}}
""", nodes="[{name: node-1}]")
    changed = POD.replace("    spec:\n", "").replace("spec:\n", "spec:\n  restartPolicy: Never\n")
    message = fails_at(apply(POD) + "- settle: {}\n" + apply(changed), 2)
    assert "spec: Forbidden: pod updates may not change fields" in message


# ---------------------------------------------------------------------------------------------
# defaults the world conventions promise where a manifest is silent


BARE_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: bare}
spec:
  replicas: 1
  selector: {matchLabels: {app: bare}}
  template:
    metadata: {labels: {app: bare}}
    spec:
      containers: [{name: main, image: "registry.k8s.io/pause:3.10"}]
"""


def test_pod_template_defaults_grace_period_30_and_restart_policy_always() -> None:
    passes(apply(BARE_DEPLOYMENT) + """\
- expect:
    deployment: {name: bare, template: {terminationGracePeriodSeconds: 30, restartPolicy: Always}}
- settle: {}
- expect:
    deployment: {name: bare, newReplicaSet: {template: {terminationGracePeriodSeconds: 30}}}
""")


def test_revision_history_limit_defaults_to_10() -> None:
    # 12 rollouts leave 11 old ReplicaSets; the cleanup keeps the 10 newest of them.
    updates = "".join(
        f"- updateImage: {{deployment: bare, container: main, image: \"registry.k8s.io/pause:3.{i}\"}}\n"
        "- settle: {}\n" for i in range(11, 23))
    passes(apply(BARE_DEPLOYMENT) + "- settle: {}\n" + updates + """\
- expect:
    deployment: {name: bare, revision: "13", complete: true, oldReplicaSets: {count: 10}}
""")


def test_progress_deadline_defaults_to_600_seconds() -> None:
    unpullable = BARE_DEPLOYMENT.replace("pause:3.10", "pause:404")
    passes("- makeImageUnpullable: {image: \"registry.k8s.io/pause:404\"}\n" + apply(unpullable, "created") + """\
- waitFor:
    condition:
      deployment:
        name: bare
        conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded}]
    since: created
    notBeforeSeconds: 600
    timeoutSeconds: 660
""")


def test_min_ready_seconds_defaults_to_0_pods_are_available_once_ready() -> None:
    passes(apply(BARE_DEPLOYMENT) + """\
- waitFor:
    condition: {pods: {selector: {app: bare}, count: 1, allReady: true}}
    timeoutSeconds: 60
- waitFor:
    condition: {deployment: {name: bare, status: {availableReplicas: 1}}}
    timeoutSeconds: 0
""")


def test_default_tolerations_keep_pods_300_seconds_on_an_unreachable_node() -> None:
    passes(apply(BARE_DEPLOYMENT) + """\
- settle: {}
- id: stopped
  stopNode: {nodeOfPod: {selector: {app: bare}}, as: lost}
- waitFor:
    condition: {pod: {name: "${lost.pod}", deletionRequested: true}}
    since: stopped
    notBeforeSeconds: 300
    timeoutSeconds: 420
""")


def test_a_silent_node_turns_unknown_after_the_grace_period_and_its_pods_not_ready() -> None:
    # Kubernetes' node monitor grace period is 40 s (50 s in recent releases), checked every 5 s.
    passes(apply(BARE_DEPLOYMENT) + """\
- settle: {}
- id: stopped
  stopNode: {nodeOfPod: {selector: {app: bare}}, as: lost}
- waitFor:
    condition: {node: {name: "${lost}", ready: false}}
    since: stopped
    notBeforeSeconds: 40
    timeoutSeconds: 60
- waitFor:
    condition: {pod: {name: "${lost.pod}", ready: false, terminating: false}}
    timeoutSeconds: 10
""")


HPA_TARGET = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: cons}
spec:
  replicas: 2
  selector: {matchLabels: {app: cons}}
  template:
    metadata: {labels: {app: cons}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
        - name: cons
          image: registry.k8s.io/e2e-test-images/resource-consumer:1.13
          resources: {requests: {cpu: 200m}}
"""

HPA_V2 = """\
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: cons}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cons}
  minReplicas: 1
  maxReplicas: 5
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
"""


def test_hpa_default_tolerance_sync_period_and_scale_down_window() -> None:
    # 210m over 2 pods of 200m is 52.5% of a 50% target: ratio 1.05, inside the 0.1 tolerance.
    # 230m is 57.5%: ratio 1.15, so ceil(2 * 1.15) = 3 at the next 15 s sync.
    # Load 0 then scales to the minimum only once the default 300 s scale-down window has passed
    # (at the earliest 300 - 15 s after the change, by the timing convention).
    passes(apply(HPA_TARGET) + "- settle: {}\n"
           + "- setCPULoad: {target: {kind: Deployment, name: cons}, totalMillicores: 210}\n"
           + apply(HPA_V2) + """\
- wait: {seconds: 120, condition: {deployment: {name: cons, spec: {replicas: 2}}}}
- id: more
  setCPULoad: {target: {kind: Deployment, name: cons}, totalMillicores: 230}
- waitFor:
    condition: {deployment: {name: cons, spec: {replicas: 3}}}
    timeoutSeconds: 15
- waitFor:
    condition: {deployment: {name: cons, status: {readyReplicas: 3}}}
    timeoutSeconds: 60
- id: idle
  setCPULoad: {target: {kind: Deployment, name: cons}, totalMillicores: 0}
- waitFor:
    condition: {deployment: {name: cons, spec: {replicas: 1}}}
    since: idle
    notBeforeSeconds: 285
    timeoutSeconds: 315
""")


def hpa_first_steps(hpa: str) -> str:
    """One 200m pod under 2000m (1000% of a 50% target; raw recommendation 20, capped at 10), the
    HPA created once the pod's CPU samples count (a minute after it became Ready), and the scale
    decisions it makes: the first one at least 2 replicas, then 10."""
    one_pod = HPA_TARGET.replace("replicas: 2", "replicas: 1")
    return (apply(one_pod) + "- settle: {}\n"
            + "- setCPULoad: {target: {kind: Deployment, name: cons}, totalMillicores: 2000}\n"
            + "- wait: {seconds: 90}\n" + apply(hpa) + """\
- id: first
  waitFor:
    condition: {deployment: {name: cons, spec: {replicas: {min: 2}}}}
    timeoutSeconds: 30
""")


def test_hpa_without_behavior_scales_up_at_most_to_twice_the_replicas_or_4() -> None:
    # Mirrors horizontal.go: normalizeDesiredReplicas / calculateScaleUpLimit. The API default
    # leaves an omitted behavior nil (SetDefaults_HorizontalPodAutoscalerBehavior fills only a given
    # one), so the legacy limit max(2 * 1, 4) = 4 applies, not the policies.
    passes(hpa_first_steps(HPA_V2.replace("maxReplicas: 5", "maxReplicas: 10")) + """\
- expect: {deployment: {name: cons, spec: {replicas: 4}}}
- waitFor:
    condition: {deployment: {name: cons, spec: {replicas: 8}}}
    timeoutSeconds: 60
""")


def test_hpa_behavior_fields_omitted_take_the_default_scale_up_policies() -> None:
    # A given but empty behavior gets the default rules: max(1 + 100%, 1 + 4 pods) = 5 in the first
    # 15 s period, then max(5 + 100%, 5 + 4) = 10.
    hpa = HPA_V2.replace("maxReplicas: 5", "maxReplicas: 10") + "  behavior: {}\n"
    passes(hpa_first_steps(hpa) + """\
- expect: {deployment: {name: cons, spec: {replicas: 5}}}
- waitFor:
    condition: {deployment: {name: cons, spec: {replicas: 10}}}
    since: first
    notBeforeSeconds: 15
    timeoutSeconds: 60
""")


def test_a_container_resource_metric_sees_the_load_of_its_container() -> None:
    # e2e horizontal_pod_autoscaling.go "Deployment (Container Resource)": the consumer's only
    # container is named after the workload; 2000m on one 200m pod is far above a 50% target.
    hpa = HPA_V2.replace(
        "    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n",
        "    - type: ContainerResource\n      containerResource:\n        name: cpu\n        container: cons\n"
        "        target: {type: Utilization, averageUtilization: 50}\n")
    assert "ContainerResource" in hpa
    passes(hpa_first_steps(hpa))
