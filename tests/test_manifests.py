"""Loading user manifests: strict decoding, defaulting and validation, errors naming file/document/field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from model.errors import ModelError, ValidationError
from model.manifests import load_manifest_files, load_manifests, load_object
from model.objects import Deployment, Node, Pod, ReplicaSet, ReplicationController, Service

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{containerPort: 80}]
        resources:
          requests: {cpu: 100m, memory: 64Mi}
"""

OTHERS = """\
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs, namespace: prod}
spec:
  selector: {matchLabels: {app: rs}}
  template:
    metadata: {labels: {app: rs}}
    spec: {containers: [{name: c, image: busybox}]}
---
# an empty document is skipped
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  template:
    metadata: {labels: {app: rc}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {zone: a}}
spec:
  taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: 110}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec: {selector: {app: web}, ports: [{port: 80}]}
"""


def test_loads_every_kind_with_defaults_applied() -> None:
    objs = load_manifests(DEPLOYMENT + OTHERS, "app.yaml")
    assert [type(o) for o in objs] == [Deployment, ReplicaSet, ReplicationController, Node, Pod, Service]
    d, rs, rc, node, pod, svc = objs
    assert d.metadata.namespace == "default"  # kubectl's namespace
    assert d.spec.replicas == 3 and d.spec.strategy.type == "RollingUpdate"
    assert d.spec.strategy.rolling_update is not None and d.spec.strategy.rolling_update.max_surge == "25%"
    assert d.spec.revision_history_limit == 10 and d.spec.progress_deadline_seconds == 600
    assert d.spec.template.spec.restart_policy == "Always"
    assert d.spec.template.spec.containers[0].resources.requests == (("cpu", "100m"), ("memory", "64Mi"))
    assert rs.metadata.namespace == "prod" and rs.spec.replicas == 1
    assert rc.spec.selector == (("app", "rc"),)  # defaulted from the template's labels
    assert node.metadata.namespace == "" and dict(node.status.allocatable)["pods"] == "110"
    assert pod.spec.restart_policy == "Always"
    assert svc.spec.selector == (("app", "web"),)


def _error(text: str) -> ModelError:
    with pytest.raises(ModelError) as info:
        load_manifests(text, "bad.yaml")
    assert "Traceback" not in info.value.message
    return info.value


def test_malformed_yaml_names_file_and_line() -> None:
    err = _error("apiVersion: v1\nkind: [Pod\n")
    assert err.message.startswith("bad.yaml: line 3")
    assert "invalid YAML" in err.message


def test_duplicate_keys_are_rejected() -> None:
    err = _error("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\n")
    assert 'duplicate field "metadata"' in err.message


def test_unknown_kind_and_api_version() -> None:
    err = _error("apiVersion: v1\nkind: Gizmo\nmetadata: {name: a}\n")
    assert err.message == """bad.yaml, document 1 (Gizmo 'a'): no matches for kind "Gizmo" in version "v1\""""
    err = _error(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1"))
    assert 'no matches for kind "Deployment" in version "extensions/v1beta1"' in err.message


def test_unknown_field_is_a_strict_decoding_error() -> None:
    err = _error(DEPLOYMENT.replace("  replicas: 3\n", "  replicas: 3\n  foo: bar\n"))
    assert err.message == """bad.yaml, document 1 (Deployment 'web'): strict decoding error: unknown field "spec.foo\""""
    err = _error(DEPLOYMENT.replace("image: nginx:1.25", "image: nginx:1.25\n        imagePullPolcy: Always"))
    assert 'unknown field "spec.template.spec.containers[0].imagePullPolcy"' in err.message
    # without a source (a scenario step) the message is the bare finding and ``field`` its path
    doc = yaml.safe_load(DEPLOYMENT.replace("  replicas: 3\n", "  replicas: 3\n  foo: bar\n"))
    with pytest.raises(ModelError) as info:
        load_object(doc)
    assert info.value.field == "spec.foo"
    assert info.value.message == 'strict decoding error: unknown field "spec.foo"'


def test_wrong_types() -> None:
    assert "spec.replicas: expected an integer, got string \"3\"" in _error(DEPLOYMENT.replace("replicas: 3", 'replicas: "3"')).message
    assert "spec.template.metadata.labels.app: expected a string" in _error(
        DEPLOYMENT.replace("labels: {app: web}", "labels: {app: 1.5}")).message
    err = _error(DEPLOYMENT.replace("cpu: 100m", "cpu: 100x"))
    assert 'spec.template.spec.containers[0].resources.requests.cpu: quantity "100x"' in err.message
    assert _error("- just\n- a list\n").message == "bad.yaml, document 1: a manifest must be a mapping (an object), got array"


def test_validation_errors_carry_every_finding_and_the_document() -> None:
    text = DEPLOYMENT + "---\n" + DEPLOYMENT.replace("replicas: 3", "replicas: -1").replace(
        "matchLabels: {app: web}", "matchLabels: {app: db}")
    with pytest.raises(ValidationError) as info:
        load_manifests(text, "bad.yaml")
    err = info.value
    assert err.message.startswith("bad.yaml, document 2 (Deployment 'web'): spec.replicas: Invalid value: -1")
    assert [e.field for e in err.errors] == ["spec.replicas", "spec.template.metadata.labels"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("replicas: 3", "replicas: 3\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"),
         "may not be 0 when `maxSurge` is 0"),
        (("replicas: 3", "replicas: 3\n  strategy: {rollingUpdate: {maxUnavailable: '150%'}}"),
         "must not be greater than 100%"),
        (("replicas: 3", "replicas: 3\n  strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}"),
         "may not be specified when strategy `type` is 'Recreate'"),
        (("matchLabels: {app: web}", "{}"), "empty selector is invalid for deployment"),
        (("name: web", "name: Web_App"), "metadata.name: Invalid value"),
    ],
)
def test_the_api_server_rejections(edit: tuple[str, str], expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        load_manifests(DEPLOYMENT.replace(*edit), "bad.yaml")
    assert expected in info.value.message


def test_list_kind_and_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(DEPLOYMENT)
    (tmp_path / "b.yml").write_text('{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}}]}')
    objs = load_manifest_files([tmp_path])
    assert [type(o).__name__ for o in objs] == ["Deployment", "Node"]
    with pytest.raises(ModelError) as info:
        load_manifest_files([tmp_path / "missing.yaml"])
    assert "cannot read" in info.value.message


def test_load_object_from_parsed_document() -> None:
    pod = {"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "i"}]}}
    obj = load_object({**pod, "apiVersion": "v1"}, namespace="team", strict=True)
    assert obj.metadata.namespace == "team"
    # lenient (scenario steps): apiVersion inferred, containers not required
    assert load_object(pod).api_version == "v1"
    assert load_object({"kind": "Pod", "metadata": {"name": "p"}}).metadata.name == "p"
    with pytest.raises(ModelError):
        load_object(pod, strict=True)
    with pytest.raises(ModelError):
        load_object({**pod, "apiVersion": "v2"})
    with pytest.raises(ModelError):
        load_manifests("kind: Pod\nmetadata: {name: p}\n")


def test_hpa_is_delegated_or_unsupported() -> None:
    text = ("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n"
            "spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 3}\n")
    # strict field checking happens here whether or not the autoscaling package is present
    err = _error(text.replace("maxReplicas: 3}", "maxReplicas: 3, maxReplica: 4}"))
    assert 'unknown field "spec.maxReplica"' in err.message
    try:
        import model.controllers.podautoscaler.types  # noqa: F401
    except ImportError:
        err = _error(text)
        assert err.kind == "Unsupported" and "HorizontalPodAutoscaler" in err.message
    else:
        (hpa,) = load_manifests(text, "hpa.yaml")
        assert hpa.metadata.name == "h"
        (v1,) = load_manifests(text.replace("autoscaling/v2", "autoscaling/v1").replace(
            "maxReplicas: 3}", "maxReplicas: 3, targetCPUUtilizationPercentage: 70}"), "hpa.yaml")
        assert v1.spec.metrics[0].resource.target.average_utilization == 70


def test_requests_default_from_limits() -> None:
    text = DEPLOYMENT.replace("requests: {cpu: 100m, memory: 64Mi}", "limits: {cpu: 500m, memory: 128Mi}\n          requests: {memory: 64Mi}")
    (d,) = load_manifests(text, "app.yaml")
    assert dict(d.spec.template.spec.containers[0].resources.requests) == {"cpu": "500m", "memory": "64Mi"}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("      - name: nginx\n        image: nginx:1.25\n", "      - name: nginx\n"),
         "spec.template.spec.containers[0].image: Required value"),
        (("name: nginx", "name: Nginx"), 'spec.template.spec.containers[0].name: Invalid value: "Nginx"'),
        (("requests: {cpu: 100m, memory: 64Mi}", "requests: {cpu: '2'}\n          limits: {cpu: '1'}"),
         'spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'),
        (("      containers:\n", "      containers: []\n      initContainers:\n"), "spec.template.spec.containers: Required value"),
    ],
)
def test_container_checks(edit: tuple[str, str], expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        load_manifests(DEPLOYMENT.replace(*edit), "bad.yaml")
    assert expected in info.value.message


def test_cluster_scoped_nodes_lose_a_namespace() -> None:
    (node,) = load_manifests("apiVersion: v1\nkind: Node\nmetadata: {name: n, namespace: prod}\n", "n.yaml")
    assert node.metadata.namespace == ""
