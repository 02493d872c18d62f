"""Quantities are stored canonically (quantity.go: UnmarshalJSON + MarshalJSON on every write), so
re-applying a Deployment whose quantities are only spelled differently changes nothing stored: no
new generation, no new ReplicaSet. A real change of value still rolls out."""

from __future__ import annotations

import dataclasses
import json
import textwrap

from model import apiserver as api
from model.canonical import canonical_quantities
from model.config import default_config
from model.manifests import load_manifests
from model.objects import Node, NodeStatus, ObjectMeta
from model.runner import settle
from model.scenario.parse import parse_scenario
from model.scenario.run import run_scenario
from model.system import Model, State
from model.useractions import Apply, MergePatch

MANIFEST = """
apiVersion: apps/v1
kind: Deployment
metadata: {{name: web}}
spec:
  replicas: 2
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - name: httpd
        image: registry.k8s.io/e2e-test-images/httpd:2.4.38-4
        resources:
          requests: {{cpu: "{cpu}", memory: {memory}}}
          limits: {{cpu: "{cpu}", memory: {memory}}}
"""


def _apply(m: Model, s: State, cpu: str, memory: str) -> State:
    (d,) = load_manifests(MANIFEST.format(cpu=cpu, memory=memory))
    s = m.step(s, Apply(d))
    s, _ = settle(m, s, 120)
    return s


def _start(cpu: str, memory: str) -> tuple[Model, State]:
    m = Model(dataclasses.replace(default_config(), objects=(), script=()))
    (s,) = m.init_states()
    return m, _apply(m, s, cpu, memory)


def _requests(s: State) -> dict[str, str]:
    return dict(s.get("Deployment", "web").spec.template.spec.containers[0].resources.requests)


def test_stored_template_holds_canonical_quantities() -> None:
    _, s = _start(cpu="1000m", memory="1024Mi")
    assert _requests(s) == {"cpu": "1", "memory": "1Gi"}
    (rs,) = s.objects("ReplicaSet")
    assert dict(rs.spec.template.spec.containers[0].resources.limits) == {"cpu": "1", "memory": "1Gi"}
    assert {dict(p.spec.containers[0].resources.requests)["cpu"] for p in s.objects("Pod")} == {"1"}


def test_reapplying_the_same_quantities_spelled_differently_starts_no_rollout() -> None:
    m, s = _start(cpu="1", memory="1Gi")
    (rs,) = s.objects("ReplicaSet")
    generation = s.get("Deployment", "web").metadata.generation
    s = _apply(m, s, cpu="1000m", memory="1024Mi")
    assert [r.metadata.name for r in s.objects("ReplicaSet")] == [rs.metadata.name]
    s = _apply(m, s, cpu="1.0", memory="1048576Ki")
    assert [r.metadata.name for r in s.objects("ReplicaSet")] == [rs.metadata.name]
    assert s.get("Deployment", "web").metadata.generation == generation


def test_a_real_change_of_quantity_rolls_out_a_new_replicaset() -> None:
    m, s = _start(cpu="100m", memory="64Mi")
    (old,) = s.objects("ReplicaSet")
    s = _apply(m, s, cpu="200m", memory="64Mi")
    rss = s.objects("ReplicaSet")
    assert len(rss) == 2
    (new,) = [r for r in rss if r.metadata.name != old.metadata.name]
    assert new.spec.replicas == 2 and s.get("ReplicaSet", old.metadata.name).spec.replicas == 0


def test_a_merge_patch_spelling_the_same_value_differently_is_a_no_op() -> None:
    m, s = _start(cpu="500m", memory="512Mi")
    before = s.get("Deployment", "web")
    patch = {"spec": {"template": {"spec": {"containers": [{
        "name": "httpd", "image": before.spec.template.spec.containers[0].image,
        "resources": {"requests": {"cpu": "0.5", "memory": "0.5Gi"},
                      "limits": {"cpu": "0.5", "memory": "0.5Gi"}}}]}}}}
    s = m.step(s, MergePatch("deployment", "web", json.dumps(patch)))
    after = s.get("Deployment", "web")
    assert after.metadata.resource_version == before.metadata.resource_version
    assert after.spec.template == before.spec.template


def _scenario(cpu_again: str) -> str:
    deploy = """\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: app, labels: {{app: app}}}}
spec:
  replicas: 2
  selector: {{matchLabels: {{app: app}}}}
  template:
    metadata: {{labels: {{app: app}}}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: main
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        resources: {{requests: {{cpu: "{cpu}"}}}}
"""
    step = "- apply: |\n" + textwrap.indent(deploy, "    ")
    return f"""\
name: quantity-spelling
summary: re-apply with a quantity spelled differently
cluster:
  nodes: [{{name: node-1}}, {{name: node-2}}]
steps:
{step.format(cpu="500m")}\
- waitFor:
    condition: {{deployment: {{name: app, status: {{updatedReplicas: 2, availableReplicas: 2}}}}}}
    timeoutSeconds: 120
{step.format(cpu=cpu_again)}\
- waitFor:
    condition: {{deployment: {{name: app, observedGenerationCurrent: true, status: {{availableReplicas: 2}}}}}}
    timeoutSeconds: 120
- expect:
    deployment: {{name: app, revision: "1"}}
    replicaSets: {{count: 1}}
"""


def test_scenario_reapply_with_an_equal_quantity_stays_at_revision_1() -> None:
    result = run_scenario(parse_scenario(_scenario("0.5"), "quantity-spelling.yaml"))
    assert result.passed, result.failure.render() if result.failure else result.error


def test_scenario_reapply_with_a_different_quantity_rolls_out_revision_2() -> None:
    result = run_scenario(parse_scenario(_scenario("0.6"), "quantity-spelling.yaml"))
    assert not result.passed and result.failure is not None
    assert "revision" in result.failure.render()


def test_every_kept_quantity_field_is_stored_canonically() -> None:
    hpa, pod = load_manifests("""
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
  metrics:
  - type: Pods
    pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: "0.5"}}
  - type: Object
    object:
      describedObject: {apiVersion: v1, kind: Service, name: web}
      metric: {name: qps}
      target: {type: Value, value: 2000m}
  behavior:
    scaleUp: {tolerance: "0.05"}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  overhead: {cpu: "0.25"}
  initContainers: [{name: i, image: x, resources: {limits: {memory: 2048Ki}}}]
  containers: [{name: c, image: x, resources: {requests: {cpu: 1000m}, limits: {cpu: "1.5"}}}]
""")
    store, stored = api.create(api.Store(), hpa, 0)
    assert stored.spec.metrics[0].pods.target.average_value == "500m"
    assert stored.spec.metrics[1].object.target.value == "2"
    assert stored.spec.behavior.scale_up.tolerance == "50m"
    _, stored_pod = api.create(store, pod, 0)
    assert stored_pod.spec.overhead == (("cpu", "250m"),)
    assert stored_pod.spec.init_containers[0].resources.limits == (("memory", "2Mi"),)
    assert stored_pod.spec.init_containers[0].resources.requests == (("memory", "2Mi"),)
    assert stored_pod.spec.containers[0].resources.requests == (("cpu", "1"),)
    assert stored_pod.spec.containers[0].resources.limits == (("cpu", "1500m"),)
    node = Node(metadata=ObjectMeta(name="n"), status=NodeStatus(capacity=(("cpu", "4000m"), ("memory", "8192Mi"))))
    _, stored_node = api.create(api.Store(), node, 0)
    assert stored_node.status.capacity == (("cpu", "4"), ("memory", "8Gi"))


def test_an_already_canonical_object_is_stored_as_is() -> None:
    (d,) = load_manifests(MANIFEST.format(cpu="500m", memory="1Gi"))
    assert canonical_quantities(d) is d
