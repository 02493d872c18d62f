"""Quantities are stored canonically (quantity.go: UnmarshalJSON + MarshalJSON on every write), so
re-applying a Deployment whose quantities are only spelled differently changes nothing stored: no
new generation, no new ReplicaSet. A real change of value still rolls out."""

from __future__ import annotations

import dataclasses
import json

from model.config import default_config
from model.manifests import load_manifests
from model.runner import settle
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
