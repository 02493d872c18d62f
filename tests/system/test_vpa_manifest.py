"""A VerticalPodAutoscaler written in a manifest file loads like any other kind."""

from __future__ import annotations

import pytest

from model.errors import ModelError
from model.manifests import load_manifests

_VPA = """
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  updatePolicy: {updateMode: %s}
"""


def test_a_vpa_manifest_loads_with_its_update_mode() -> None:
    (vpa,) = load_manifests(_VPA % "Initial", "vpa.yaml")
    assert type(vpa).__name__ == "VerticalPodAutoscaler"
    assert vpa.update_mode == "Initial"


def test_an_unknown_update_mode_names_the_field() -> None:
    with pytest.raises(ModelError) as err:
        load_manifests(_VPA % "Sometimes", "vpa.yaml")
    assert "spec.updatePolicy.updateMode" in str(err.value)
    assert "vpa.yaml, document 1" in str(err.value)
