"""autoscaling/v2 HPA defaults and validation (defaults.go, validation.go), and the manifest loader."""

from __future__ import annotations

import pytest

from model.controllers.podautoscaler import types as t
from model.errors import ValidationError

MANIFEST = {
    "apiVersion": "autoscaling/v2",
    "kind": "HorizontalPodAutoscaler",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}, "maxReplicas": 10},
}


def test_load_hpa_defaults_min_replicas_and_cpu_metric() -> None:
    h = t.load_hpa(MANIFEST)
    assert h.spec.min_replicas == 1
    assert h.spec.metrics[0].resource is not None
    assert h.spec.metrics[0].resource.target.average_utilization == 80
    assert h.spec.behavior is None  # a missing behavior is not defaulted


def test_present_behavior_gets_default_rules_per_direction() -> None:
    h = t.load_hpa({**MANIFEST, "spec": {**MANIFEST["spec"], "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}}}})
    assert h.spec.behavior is not None
    assert h.spec.behavior.scale_up == t.default_scale_up_rules()
    down = h.spec.behavior.scale_down
    assert down is not None and down.stabilization_window_seconds == 60 and down.select_policy == "Max"


def test_load_hpa_rejects_with_the_field_named() -> None:
    bad = {**MANIFEST, "spec": {**MANIFEST["spec"], "minReplicas": 5, "maxReplicas": 2}}
    with pytest.raises(ValidationError) as info:
        t.load_hpa(bad)
    assert str(info.value.errors[0]) == "spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"


def test_scale_to_zero_needs_the_gate_and_an_object_or_external_metric() -> None:
    spec = t.spec_from_json({**MANIFEST["spec"], "minReplicas": 0})
    errs = t.validate_spec(spec, t.FeatureGates(hpa_scale_to_zero=True))
    assert [str(e) for e in errs] == [
        "spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas"
    ]
    assert "must be greater than or equal to 1" in str(t.validate_spec(spec, t.FeatureGates())[0])


def test_tolerance_needs_the_gate_unless_already_in_use() -> None:
    rules = {"policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}], "tolerance": "0.05"}
    spec = t.spec_from_json({**MANIFEST["spec"], "behavior": {"scaleUp": rules}})
    off = t.FeatureGates(hpa_configurable_tolerance=False)
    assert "not supported" in str(t.validate_spec(spec, off)[0])
    assert t.validate_spec(spec, off, old_spec=spec) == []
    assert t.validate_spec(spec) == []


def test_autoscaling_v1_manifest_converts_the_cpu_target() -> None:
    v1 = {"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
          "metadata": {"name": "web", "namespace": "default"},
          "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                   "minReplicas": 2, "maxReplicas": 10, "targetCPUUtilizationPercentage": 60}}
    h = t.load_hpa(v1)
    assert h.spec.metrics[0].resource is not None
    assert h.spec.metrics[0].resource.target.average_utilization == 60
    assert h.spec.min_replicas == 2
