"""The scenario parser accepts the whole language of SCENARIOS.md and rejects malformed files with
file, step index and field — never a traceback."""

from __future__ import annotations

import textwrap

import pytest

from model.scenario import schema
from model.scenario.parse import ScenarioFileError, parse_scenario

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: httpd, image: registry.k8s.io/e2e-test-images/httpd:2.4.38-4}]
"""


def scenario(steps: str, name: str = "demo") -> str:
    body = textwrap.indent(textwrap.dedent(steps), "  ")
    return f"name: {name}\nsource: test\nsummary: test\ncluster:\n  nodes: [{{name: n1}}]\nsteps:\n{body}"


def problems(text: str, path: str = "tests/demo.yaml") -> list[str]:
    with pytest.raises(ScenarioFileError) as info:
        parse_scenario(text, path)
    return [str(p) for p in info.value.problems]


EVERY_STEP = """\
- apply: |
{manifest}
- id: created
  settle: {{maxSeconds: 100, invariants: [{{rollingUpdateBounds: {{deployment: web}}}}, {{noOldAndNewPodsTogether: {{deployment: web}}}}]}}
- settle:
- expect: {{deployment: {{name: web, complete: true}}, notes: fine}}
- updateImage: {{deployment: web, container: httpd, image: x, notes: why}}
- scale: {{kind: Deployment, name: web, replicas: 3, via: scaleSubresource}}
- pause: {{deployment: web}}
- resume: {{deployment: web}}
- rollbackTo: {{deployment: web, revision: 0}}
- makeImageUnpullable: {{image: x}}
- patch: {{kind: Deployment, name: web, mergePatch: {{spec: {{replicas: 1}}}}}}
- patch: {{kind: Deployment, name: web, subresource: scale, jsonPatch: [{{op: replace, path: /spec/replicas, value: 2}}]}}
- delete: {{kind: Pod, selector: {{app: web}}, count: 1, gracePeriodSeconds: 0}}
- delete: {{kind: Deployment, name: web, propagationPolicy: Orphan}}
- relabelPod: {{selector: {{app: web}}, labels: {{app: other}}}}
- wait: {{seconds: 5, condition: {{pods: {{selector: {{app: web}}, count: {{min: 0}}}}}}}}
- waitFor: {{condition: {{podCreations: {{since: created, count: 0, containerNames: [httpd]}}}}, timeoutSeconds: 10, notBeforeSeconds: 0, since: created}}
- setCPULoad: {{target: {{kind: Deployment, name: web}}, totalMillicores: 500}}  # 50% of 2 x 500m
- taintNode: {{node: n1, add: {{key: k, value: v, effect: NoExecute}}}}
- taintNode: {{node: n1, remove: {{key: k, effect: NoExecute}}}}
- stopNode: {{nodeOfPod: {{selector: {{app: web}}}}, as: victim}}
- expect: {{pod: {{name: "${{victim.pod}}", deletionRequested: true}}, node: {{name: "${{victim}}", ready: false}}}}
- startNode: {{node: "${{victim}}"}}
- stopNode: {{node: n1}}
"""


def test_every_step_kind_parses() -> None:
    text = scenario(EVERY_STEP.format(manifest=textwrap.indent(DEPLOYMENT, "    ")))
    sc = parse_scenario(text, "x/demo.yaml")
    kinds = {s.kind for s in sc.steps}
    assert kinds == set(schema.STEP_KINDS)
    assert sc.step_ids == {"created": 1}
    assert sc.nodes[0].name == "n1"


def test_every_condition_key_parses() -> None:
    text = scenario("""\
        - id: s
          settle: {}
        - expect:
            deployment:
              - name: web
                exists: true
                labels: {app: web}
                revision: "1"
                spec: {replicas: 2, paused: false}
                template_image: x
                template: {terminationGracePeriodSeconds: 30}
                status: {replicas: 2, updatedReplicas: 2, readyReplicas: {min: 1}, availableReplicas: 2, unavailableReplicas: 0}
                observedGenerationCurrent: true
                complete: true
                conditions: [{type: Available, status: "True"}, {type: Progressing, reason: NewReplicaSetAvailable}]
                newReplicaSet: {namePrefix: web-, specReplicas: 2}
                oldReplicaSets: {count: 0, items: []}
            replicaSets:
              selector: {app: web}
              count: {min: 1, max: 3}
              items:
                - {name: a, namePrefix: a, exists: true, labels: {}, revision: 1, template_image: x, template: {}, specReplicas: 1, statusReplicas: 1, readyReplicas: 1, availableReplicas: 1, controller: {kind: Deployment, name: web}}
                - {name: b, controller: null}
            pods: {selector: {app: web}, onNode: n1, includeTerminating: true, count: 2, allRunning: true, allReady: true, noneReady: false, allControlledBy: {kind: ReplicaSet, name: a}, noneControlledBy: {kind: ReplicaSet, name: b}}
            pod: {name: p, exists: true, terminating: false, deletionRequested: false, phase: Running, ready: true, nodeName: n1, labels: {app: web}}
            node: {name: n1, ready: true, taints: [{key: k, effect: NoSchedule, value: v}]}
            scale: {kind: Deployment, name: web, specReplicas: 2, statusReplicas: 2}
            podCreations: {since: s, count: 1, containerNames: [httpd]}
            notes: everything at once
        - expect: {replicaSets: [{name: a}]}
        """)
    sc = parse_scenario(text, "demo.yaml")
    assert set(sc.steps[1].arg) == set(schema.CONDITION_KEYS)


def test_unknown_step_kind_names_file_step_and_field() -> None:
    found = problems(scenario("- settle: {}\n- scael: {kind: Deployment, name: web, replicas: 1}\n"))
    assert len(found) == 1
    assert found[0].startswith("steps[1].scael: unknown step kind")


def test_problem_rendering_includes_file_name() -> None:
    with pytest.raises(ScenarioFileError) as info:
        parse_scenario(scenario("- bogus: 1\n"), "tests/demo.yaml")
    assert str(info.value).startswith("tests/demo.yaml: steps[0].bogus: unknown step kind")


def test_two_step_kinds_in_one_step() -> None:
    found = problems(scenario("- settle: {}\n  expect: {pods: {count: 0}}\n"))
    assert found == ["steps[0]: exactly one step kind per step, got settle, expect"]


def test_missing_required_field() -> None:
    found = problems(scenario("- scale: {kind: Deployment, name: web}\n"))
    assert found == ["steps[0].scale.replicas: required field missing"]


def test_wrong_type_and_unknown_argument_field() -> None:
    found = problems(scenario("- wait: {seconds: soon, conditoin: {}}\n"))
    assert "steps[0].wait.conditoin: unknown field (known: condition, seconds)" in found
    assert "steps[0].wait.seconds: expected an integer, got a string" in found


def test_unknown_condition_key() -> None:
    found = problems(scenario("- expect: {deployments: {name: web}}\n"))
    assert len(found) == 1 and found[0].startswith("steps[0].expect.deployments: unknown field")


def test_unknown_matcher_key_and_missing_name() -> None:
    found = problems(scenario("- expect: {deployment: {complete: true, ready: 3}}\n"))
    assert "steps[0].expect.deployment.ready: unknown field (known: complete, conditions, exists, labels, "\
           "name, newReplicaSet, observedGenerationCurrent, oldReplicaSets, revision, spec, status, "\
           "template, template_image)" in found
    assert "steps[0].expect.deployment.name: required field missing" in found


def test_manifest_with_yaml_syntax_error() -> None:
    found = problems(scenario("- apply: \"kind: Deployment\\nmetadata: {name: web\\n\"\n"))
    assert len(found) == 1 and found[0].startswith("steps[0].apply: manifest is not valid YAML")


def test_manifest_without_kind_or_name() -> None:
    found = problems(scenario("- apply: |\n    metadata: {name: web}\n- apply: |\n    kind: Pod\n    metadata: {}\n"))
    assert found == ["steps[0].apply.kind: required field missing",
                     "steps[1].apply.metadata.name: required field missing"]


def test_manifest_with_wrongly_typed_field() -> None:
    bad = DEPLOYMENT.replace("replicas: 2", "replicas: two")
    found = problems(scenario("- apply: |\n" + textwrap.indent(bad, "    ")))
    assert len(found) == 1
    assert found[0].startswith("steps[0].apply (Deployment 'web'): spec.replicas")


def test_multi_document_manifest_errors_name_the_document() -> None:
    found = problems(scenario("- apply: |\n    kind: Pod\n    metadata: {name: a}\n    ---\n    kind: Pod\n"))
    assert found == ["steps[0].apply[1].metadata.name: required field missing"]


def test_name_must_equal_file_name() -> None:
    found = problems(scenario("- settle: {}\n", name="other"), path="tests/demo.yaml")
    assert found == ["name: must equal the file name without .yaml ('demo'), got 'other'"]


def test_unbound_alias_and_unknown_since() -> None:
    found = problems(scenario("""\
        - startNode: {node: "${victim}"}
        - waitFor: {condition: {pods: {count: 1}}, timeoutSeconds: 5, since: nowhere}
        """))
    assert found == ["steps[0].startNode: ${victim} is not bound by an earlier stopNode 'as'",
                     "steps[1].waitFor.since: no earlier step has id 'nowhere'"]


def test_one_of_fields() -> None:
    found = problems(scenario("- delete: {kind: Pod}\n- taintNode: {node: n1, add: {key: a, effect: NoSchedule}, remove: {key: a, effect: NoSchedule}}\n"))
    assert found == ["steps[0].delete.name: exactly one of name or selector is required; missing",
                     "steps[1].taintNode.add: exactly one of add or remove is required; given together (add, remove)"]


def test_not_yaml_and_not_a_mapping() -> None:
    assert problems("name: [unclosed\n")[0].startswith("not valid YAML")
    assert problems("- a\n- b\n") == ["expected a mapping at the top, got a list"]


def test_steps_required() -> None:
    assert problems("name: demo\n") == ["steps: required field missing"]
