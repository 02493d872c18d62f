"""The autoscaling/v2 HorizontalPodAutoscaler: frozen API types, JSON codec, defaults, validation.

Mirrors ``staging/src/k8s.io/api/autoscaling/v2/types.go`` (the shapes),
``pkg/apis/autoscaling/v2/defaults.go`` (``SetDefaults_HorizontalPodAutoscaler``,
``GenerateHPAScaleUpRules``, ``GenerateHPAScaleDownRules``) and
``pkg/apis/autoscaling/validation/validation.go`` (``ValidateHorizontalPodAutoscaler``,
``ValidateHorizontalPodAutoscalerUpdate``) together with the registry strategy's gate handling
(``pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go``).

Quantities stay strings (as written in the manifest); ``model.quantity.milli_value`` reads them.
``None`` is Go's nil where nil and zero differ (``minReplicas``, ``behavior``, scaling rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from model import quantity
from model.errors import FieldError, ModelError, ValidationError
from model.labels import LabelSelector
from model.objects import ObjectMeta, from_json, to_json
from model.timeutil import Time

# ---------------------------------------------------------------------------------------------
# types

RESOURCE = "Resource"
CONTAINER_RESOURCE = "ContainerResource"
PODS = "Pods"
OBJECT = "Object"
EXTERNAL = "External"
METRIC_SOURCE_TYPES = (CONTAINER_RESOURCE, EXTERNAL, OBJECT, PODS, RESOURCE)  # sorted, as Go lists them

UTILIZATION = "Utilization"
VALUE = "Value"
AVERAGE_VALUE = "AverageValue"

MAX_POLICY = "Max"
MIN_POLICY = "Min"
DISABLED_POLICY = "Disabled"
PODS_POLICY = "Pods"
PERCENT_POLICY = "Percent"

MAX_PERIOD_SECONDS = 1800
MAX_STABILIZATION_WINDOW_SECONDS = 3600
DEFAULT_CPU_UTILIZATION = 80


@dataclass(frozen=True, slots=True)
class CrossVersionObjectReference:
    """``autoscaling/v2.CrossVersionObjectReference``."""

    kind: str = ""
    name: str = ""
    api_version: str = ""


@dataclass(frozen=True, slots=True)
class MetricTarget:
    """``MetricTarget``: quantities are strings, ``None`` when unset."""

    type: str = ""
    value: str | None = None
    average_value: str | None = None
    average_utilization: int | None = None


@dataclass(frozen=True, slots=True)
class MetricIdentifier:
    """``MetricIdentifier``."""

    name: str = ""
    selector: LabelSelector | None = None


@dataclass(frozen=True, slots=True)
class ResourceMetricSource:
    """``ResourceMetricSource``."""

    name: str = ""
    target: MetricTarget = MetricTarget()


@dataclass(frozen=True, slots=True)
class ContainerResourceMetricSource:
    """``ContainerResourceMetricSource``."""

    name: str = ""
    container: str = ""
    target: MetricTarget = MetricTarget()


@dataclass(frozen=True, slots=True)
class PodsMetricSource:
    """``PodsMetricSource``."""

    metric: MetricIdentifier = MetricIdentifier()
    target: MetricTarget = MetricTarget()


@dataclass(frozen=True, slots=True)
class ObjectMetricSource:
    """``ObjectMetricSource``."""

    described_object: CrossVersionObjectReference = CrossVersionObjectReference()
    metric: MetricIdentifier = MetricIdentifier()
    target: MetricTarget = MetricTarget()


@dataclass(frozen=True, slots=True)
class ExternalMetricSource:
    """``ExternalMetricSource``."""

    metric: MetricIdentifier = MetricIdentifier()
    target: MetricTarget = MetricTarget()


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """``MetricSpec``: ``type`` names which of the sources is meant."""

    type: str = ""
    resource: ResourceMetricSource | None = None
    container_resource: ContainerResourceMetricSource | None = None
    pods: PodsMetricSource | None = None
    object: ObjectMetricSource | None = None
    external: ExternalMetricSource | None = None


@dataclass(frozen=True, slots=True)
class HPAScalingPolicy:
    """``HPAScalingPolicy``."""

    type: str = ""
    value: int = 0
    period_seconds: int = 0


@dataclass(frozen=True, slots=True)
class HPAScalingRules:
    """``HPAScalingRules``; ``policies`` is ``None`` when unset (nil), ``()`` when given empty."""

    stabilization_window_seconds: int | None = None
    select_policy: str | None = None
    policies: tuple[HPAScalingPolicy, ...] | None = None
    tolerance: str | None = None


@dataclass(frozen=True, slots=True)
class HorizontalPodAutoscalerBehavior:
    """``HorizontalPodAutoscalerBehavior``."""

    scale_up: HPAScalingRules | None = None
    scale_down: HPAScalingRules | None = None


@dataclass(frozen=True, slots=True)
class HorizontalPodAutoscalerSpec:
    """``HorizontalPodAutoscalerSpec``."""

    scale_target_ref: CrossVersionObjectReference = CrossVersionObjectReference()
    min_replicas: int | None = None
    max_replicas: int = 0
    metrics: tuple[MetricSpec, ...] = ()
    behavior: HorizontalPodAutoscalerBehavior | None = None


@dataclass(frozen=True, slots=True)
class HorizontalPodAutoscalerCondition:
    """``HorizontalPodAutoscalerCondition``."""

    type: str = ""
    status: str = ""
    reason: str = ""
    message: str = ""
    last_transition_time: Time | None = None


@dataclass(frozen=True, slots=True)
class MetricValueStatus:
    """``MetricValueStatus``: milli-values, ``None`` when unset."""

    value: int | None = None
    average_value: int | None = None
    average_utilization: int | None = None


@dataclass(frozen=True, slots=True)
class MetricStatus:
    """``MetricStatus``, flattened: the source's ``type`` and name (resource, metric or container)."""

    type: str = ""
    name: str = ""
    container: str = ""
    current: MetricValueStatus = MetricValueStatus()


@dataclass(frozen=True, slots=True)
class HorizontalPodAutoscalerStatus:
    """``HorizontalPodAutoscalerStatus``."""

    observed_generation: int | None = None
    last_scale_time: Time | None = None
    current_replicas: int = 0
    desired_replicas: int = 0
    current_metrics: tuple[MetricStatus, ...] = ()
    conditions: tuple[HorizontalPodAutoscalerCondition, ...] = ()


@dataclass(frozen=True, slots=True)
class HorizontalPodAutoscaler:
    """``autoscaling/v2.HorizontalPodAutoscaler``."""

    metadata: ObjectMeta = ObjectMeta()
    spec: HorizontalPodAutoscalerSpec = HorizontalPodAutoscalerSpec()
    status: HorizontalPodAutoscalerStatus = HorizontalPodAutoscalerStatus()
    kind: str = "HorizontalPodAutoscaler"
    api_version: str = "autoscaling/v2"


# ---------------------------------------------------------------------------------------------
# JSON


def _normalize_quantities(data: Any, in_target: bool = False) -> Any:
    """JSON allows a bare number where a quantity is expected; keep every quantity a string."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            quantity_key = k == "tolerance" or (in_target and k in ("value", "averageValue"))
            if quantity_key and isinstance(v, int | float) and not isinstance(v, bool):
                out[k] = str(v)
            else:
                out[k] = _normalize_quantities(v, in_target=(k == "target"))
        return out
    if isinstance(data, list):
        return [_normalize_quantities(v) for v in data]
    return data


def spec_from_json(data: Any, path: str = "spec") -> HorizontalPodAutoscalerSpec:
    """Model-only: an autoscaling/v2 ``spec`` object as a model value (no defaulting)."""
    return from_json(HorizontalPodAutoscalerSpec, _normalize_quantities(data or {}), path)


def hpa_from_json(data: Any) -> HorizontalPodAutoscaler:
    """Model-only: an autoscaling/v2 HorizontalPodAutoscaler object as a model value (no defaulting)."""
    if not isinstance(data, dict):
        raise ModelError("Invalid", "a HorizontalPodAutoscaler must be a JSON object")
    return from_json(HorizontalPodAutoscaler, _normalize_quantities(data))


def spec_to_json(spec: HorizontalPodAutoscalerSpec) -> dict[str, Any]:
    """Model-only: the spec as autoscaling/v2 JSON; unset fields left out, empty policy lists kept."""
    out: dict[str, Any] = to_json(spec)
    if spec.min_replicas is not None:
        out["minReplicas"] = spec.min_replicas
    out["maxReplicas"] = spec.max_replicas
    if spec.behavior is not None:
        beh: dict[str, Any] = {}
        for key, rules in (("scaleUp", spec.behavior.scale_up), ("scaleDown", spec.behavior.scale_down)):
            if rules is None:
                continue
            r: dict[str, Any] = to_json(rules)
            if rules.stabilization_window_seconds is not None:
                r["stabilizationWindowSeconds"] = rules.stabilization_window_seconds
            if rules.policies is not None:
                r["policies"] = [
                    {"type": p.type, "value": p.value, "periodSeconds": p.period_seconds} for p in rules.policies
                ]
            beh[key] = r
        out["behavior"] = beh
    return out


def hpa_to_json(hpa: HorizontalPodAutoscaler) -> dict[str, Any]:
    """Model-only: the object as autoscaling/v2 JSON."""
    out: dict[str, Any] = to_json(hpa)
    out["spec"] = spec_to_json(hpa.spec)
    return out


# ---------------------------------------------------------------------------------------------
# defaults


def default_scale_up_rules() -> HPAScalingRules:
    """Mirrors pkg/apis/autoscaling/v2/defaults.go: GenerateHPAScaleUpRules (for nil rules). The API's
    scale-up rules: no window, Max of 4 pods or 100 % per 15 s."""
    return HPAScalingRules(
        stabilization_window_seconds=0,
        select_policy=MAX_POLICY,
        policies=(HPAScalingPolicy(PODS_POLICY, 4, 15), HPAScalingPolicy(PERCENT_POLICY, 100, 15)),
    )


def default_scale_down_rules() -> HPAScalingRules:
    """Mirrors pkg/apis/autoscaling/v2/defaults.go: GenerateHPAScaleDownRules (for nil rules). The API's
    scale-down rules: window left to the controller flag, Max of 100 % per 15 s."""
    return HPAScalingRules(
        stabilization_window_seconds=None,
        select_policy=MAX_POLICY,
        policies=(HPAScalingPolicy(PERCENT_POLICY, 100, 15),),
    )


def _copy_rules(src: HPAScalingRules | None, dst: HPAScalingRules) -> HPAScalingRules:
    if src is None:
        return dst
    return HPAScalingRules(
        stabilization_window_seconds=(
            src.stabilization_window_seconds
            if src.stabilization_window_seconds is not None
            else dst.stabilization_window_seconds
        ),
        select_policy=src.select_policy if src.select_policy is not None else dst.select_policy,
        policies=src.policies if src.policies is not None else dst.policies,
        tolerance=src.tolerance if src.tolerance is not None else dst.tolerance,
    )


def generate_scale_up_rules(rules: HPAScalingRules | None) -> HPAScalingRules:
    """Mirrors defaults.go: GenerateHPAScaleUpRules (set fields win over the defaults)."""
    return _copy_rules(rules, default_scale_up_rules())


def generate_scale_down_rules(rules: HPAScalingRules | None) -> HPAScalingRules:
    """Mirrors defaults.go: GenerateHPAScaleDownRules."""
    return _copy_rules(rules, default_scale_down_rules())


def set_defaults_behavior(behavior: HorizontalPodAutoscalerBehavior | None) -> HorizontalPodAutoscalerBehavior | None:
    """Mirrors defaults.go: SetDefaults_HorizontalPodAutoscalerBehavior (nil stays nil)."""
    if behavior is None:
        return None
    return HorizontalPodAutoscalerBehavior(
        scale_up=generate_scale_up_rules(behavior.scale_up),
        scale_down=generate_scale_down_rules(behavior.scale_down),
    )


def set_defaults_spec(spec: HorizontalPodAutoscalerSpec) -> HorizontalPodAutoscalerSpec:
    """Mirrors defaults.go: SetDefaults_HorizontalPodAutoscaler (minReplicas 1, CPU at 80 %)."""
    metrics = spec.metrics
    if not metrics:
        metrics = (
            MetricSpec(
                type=RESOURCE,
                resource=ResourceMetricSource(
                    name="cpu",
                    target=MetricTarget(type=UTILIZATION, average_utilization=DEFAULT_CPU_UTILIZATION),
                ),
            ),
        )
    return replace(
        spec,
        min_replicas=1 if spec.min_replicas is None else spec.min_replicas,
        metrics=metrics,
        behavior=set_defaults_behavior(spec.behavior),
    )


def set_defaults(hpa: HorizontalPodAutoscaler) -> HorizontalPodAutoscaler:
    """Mirrors defaults.go: SetDefaults_HorizontalPodAutoscaler on the whole object."""
    return replace(hpa, spec=set_defaults_spec(hpa.spec))


# ---------------------------------------------------------------------------------------------
# validation


@dataclass(frozen=True)
class _StringerFieldError(FieldError):
    """A finding whose bad value Go prints through its ``String()`` method, unquoted
    (a ResourceName or a Quantity)."""

    def __str__(self) -> str:
        text = f"{self.field}: {self.type}: {self.value}"
        return f"{text}: {self.detail}" if self.detail else text


def _invalid_stringer(path: str, value: str, detail: str) -> FieldError:
    return _StringerFieldError("Invalid value", path, value, detail)


def _not_supported(path: str, value: Any, supported: tuple[str, ...]) -> FieldError:
    quoted = ", ".join(f'"{s}"' for s in supported)
    return FieldError("Unsupported value", path, value, f"supported values: {quoted}")


def _path_segment_errors(name: str) -> list[str]:
    """``IsValidPathSegmentName``."""
    if name in (".", ".."):
        return [f"may not be '{name}'"]
    msgs = []
    for bad in ("/", "%"):
        if bad in name:
            msgs.append(f"may not contain '{bad}'")
    return msgs


_DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_QUALIFIED_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")


def _dns1123_label_errors(value: str, path: str) -> list[FieldError]:
    errs = []
    if len(value) > 63:
        errs.append(FieldError("Invalid value", path, value, "must be no more than 63 characters"))
    if not _DNS1123_LABEL.match(value):
        errs.append(
            FieldError(
                "Invalid value",
                path,
                value,
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            )
        )
    return errs


def _validate_object_meta(meta: ObjectMeta) -> list[FieldError]:
    errs = []
    if not meta.name and not meta.generate_name:
        errs.append(FieldError("Required value", "metadata.name", None, "name or generateName is required"))
    elif meta.name and (len(meta.name) > 253 or not _DNS1123_SUBDOMAIN.match(meta.name)):
        errs.append(
            FieldError(
                "Invalid value",
                "metadata.name",
                meta.name,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            )
        )
    if not meta.namespace:
        errs.append(FieldError("Required value", "metadata.namespace", None, ""))
    return errs


def validate_cross_version_object_reference(ref: CrossVersionObjectReference, path: str) -> list[FieldError]:
    """Mirrors validation.go: ValidateCrossVersionObjectReference."""
    errs = []
    if not ref.kind:
        errs.append(FieldError("Required value", f"{path}.kind", None, ""))
    else:
        errs += [FieldError("Invalid value", f"{path}.kind", ref.kind, m) for m in _path_segment_errors(ref.kind)]
    if not ref.name:
        errs.append(FieldError("Required value", f"{path}.name", None, ""))
    else:
        errs += [FieldError("Invalid value", f"{path}.name", ref.name, m) for m in _path_segment_errors(ref.name)]
    return errs


def _validate_metric_identifier(ident: MetricIdentifier, path: str) -> list[FieldError]:
    if not ident.name:
        return [FieldError("Required value", f"{path}.name", None, "must specify a metric name")]
    return [FieldError("Invalid value", f"{path}.name", ident.name, m) for m in _path_segment_errors(ident.name)]


def _quantity_sign(q: str, path: str) -> int:
    try:
        return quantity.sign(q)
    except ModelError as exc:
        raise ValidationError([FieldError("Invalid value", path, q, exc.message)]) from exc


def validate_metric_target(mt: MetricTarget, path: str) -> list[FieldError]:
    """Mirrors validation.go: validateMetricTarget."""
    errs = []
    if not mt.type:
        errs.append(FieldError("Required value", f"{path}.type", None, "must specify a metric target type"))
    if mt.type not in (UTILIZATION, VALUE, AVERAGE_VALUE):
        errs.append(FieldError("Invalid value", f"{path}.type", mt.type, "must be either Utilization, Value, or AverageValue"))
    if mt.value is not None and _quantity_sign(mt.value, f"{path}.value") != 1:
        errs.append(_invalid_stringer(f"{path}.value", mt.value, "must be positive"))
    if mt.average_value is not None and _quantity_sign(mt.average_value, f"{path}.averageValue") != 1:
        errs.append(_invalid_stringer(f"{path}.averageValue", mt.average_value, "must be positive"))
    if mt.average_utilization is not None and mt.average_utilization < 1:
        errs.append(FieldError("Invalid value", f"{path}.averageUtilization", mt.average_utilization, "must be greater than 0"))
    return errs


_STANDARD_CONTAINER_RESOURCES = ("cpu", "memory", "ephemeral-storage")


def _validate_container_resource_name(name: str, path: str) -> list[FieldError]:
    """``ValidateContainerResourceName``: a qualified name, standard unless fully qualified."""
    errs = []
    base = name.split("/")[-1]
    if not _QUALIFIED_NAME.match(base) or len(base) > 63:
        errs.append(
            FieldError(
                "Invalid value",
                path,
                name,
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
                "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            )
        )
    if "/" not in name and name not in _STANDARD_CONTAINER_RESOURCES and not name.startswith("hugepages-"):
        errs.append(_invalid_stringer(path, name, "must be a standard resource type or fully qualified"))
    return errs


def _resource_target_errors(target: MetricTarget, path: str) -> list[FieldError]:
    # validateResourceSource and validateContainerResourceSource check the target alike: valid,
    # and exactly one of a raw value and a utilization.
    errs = validate_metric_target(target, path)
    if target.average_utilization is None and target.average_value is None:
        errs.append(FieldError("Required value", f"{path}.averageUtilization", None,
                               "must set either a target raw value or a target utilization"))
    if target.average_utilization is not None and target.average_value is not None:
        errs.append(FieldError("Forbidden", f"{path}.averageValue", None,
                               "may not set both a target raw value and a target utilization"))
    return errs


def _validate_resource_source(src: ResourceMetricSource, path: str) -> list[FieldError]:
    errs = []
    if not src.name:
        errs.append(FieldError("Required value", f"{path}.name", None, "must specify a resource name"))
    return errs + _resource_target_errors(src.target, f"{path}.target")


def _validate_container_resource_source(src: ContainerResourceMetricSource, path: str) -> list[FieldError]:
    errs = []
    if not src.name:
        errs.append(FieldError("Required value", f"{path}.name", None, "must specify a resource name"))
    else:
        errs += _validate_container_resource_name(src.name, f"{path}.name")
    if not src.container:
        errs.append(FieldError("Required value", f"{path}.container", None, "must specify a container"))
    else:
        errs += _dns1123_label_errors(src.container, f"{path}.container")
    return errs + _resource_target_errors(src.target, f"{path}.target")


def _validate_pods_source(src: PodsMetricSource, path: str) -> list[FieldError]:
    errs = _validate_metric_identifier(src.metric, f"{path}.metric")
    errs += validate_metric_target(src.target, f"{path}.target")
    if src.target.average_value is None:
        errs.append(
            FieldError("Required value", f"{path}.target.averageValue", None, "must specify a positive target averageValue")
        )
    return errs


def _validate_object_source(src: ObjectMetricSource, path: str) -> list[FieldError]:
    errs = validate_cross_version_object_reference(src.described_object, f"{path}.describedObject")
    errs += _validate_metric_identifier(src.metric, f"{path}.metric")
    errs += validate_metric_target(src.target, f"{path}.target")
    if src.target.value is None and src.target.average_value is None:
        errs.append(
            FieldError("Required value", f"{path}.target.averageValue", None, "must set either a target value or averageValue")
        )
    return errs


def _validate_external_source(src: ExternalMetricSource, path: str) -> list[FieldError]:
    errs = _validate_metric_identifier(src.metric, f"{path}.metric")
    errs += validate_metric_target(src.target, f"{path}.target")
    if src.target.value is None and src.target.average_value is None:
        errs.append(
            FieldError(
                "Required value",
                f"{path}.target.averageValue",
                None,
                "must set either a target value for metric or a per-pod target",
            )
        )
    if src.target.value is not None and src.target.average_value is not None:
        errs.append(
            FieldError(
                "Forbidden",
                f"{path}.target.value",
                None,
                "may not set both a target value for metric and a per-pod target",
            )
        )
    return errs


_SOURCE_FIELDS = (
    ("object", OBJECT),
    ("external", EXTERNAL),
    ("pods", PODS),
    ("resource", RESOURCE),
    ("containerResource", CONTAINER_RESOURCE),
)


def validate_metric_spec(spec: MetricSpec, path: str) -> list[FieldError]:
    """Mirrors validation.go: validateMetricSpec (only the first present source is validated)."""
    errs: list[FieldError] = []
    if not spec.type:
        errs.append(FieldError("Required value", f"{path}.type", None, "must specify a metric source type"))
    if spec.type not in METRIC_SOURCE_TYPES:
        errs.append(_not_supported(f"{path}.type", spec.type, METRIC_SOURCE_TYPES))
    present: list[str] = []
    sources: dict[str, Any] = {
        "object": spec.object,
        "external": spec.external,
        "pods": spec.pods,
        "resource": spec.resource,
        "containerResource": spec.container_resource,
    }
    for key, _ in _SOURCE_FIELDS:
        src = sources[key]
        if src is None:
            continue
        present.append(key)
        if len(present) == 1:
            sub = f"{path}.{key}"
            if key == "object":
                errs += _validate_object_source(src, sub)
            elif key == "external":
                errs += _validate_external_source(src, sub)
            elif key == "pods":
                errs += _validate_pods_source(src, sub)
            elif key == "resource":
                errs += _validate_resource_source(src, sub)
            else:
                errs += _validate_container_resource_source(src, sub)
    expected = ""
    for key, typ in _SOURCE_FIELDS:
        if spec.type == typ:
            expected = key
            if sources[key] is None:
                errs.append(
                    FieldError(
                        "Required value", f"{path}.{key}", None, "must populate information for the given metric source"
                    )
                )
    if not expected:
        errs.append(_not_supported(f"{path}.type", spec.type, METRIC_SOURCE_TYPES))
    if len(present) != 1:
        # Go iterates a set here; report the extra sources in a fixed (sorted) order.
        for key in sorted(k for k in present if k != expected):
            errs.append(FieldError("Forbidden", f"{path}.{key}", None, "must populate the given metric source only"))
    return errs


def _validate_metrics(metrics: tuple[MetricSpec, ...], path: str, min_replicas: int | None) -> list[FieldError]:
    errs: list[FieldError] = []
    has_object_or_external = False
    for i, m in enumerate(metrics):
        errs += validate_metric_spec(m, f"{path}[{i}]")
        if m.type in (OBJECT, EXTERNAL):
            has_object_or_external = True
    if min_replicas == 0 and not has_object_or_external:
        errs.append(
            FieldError(
                "Forbidden",
                path,
                None,
                "must specify at least one Object or External metric to support scaling to zero replicas",
            )
        )
    return errs


def _validate_scaling_policy(policy: HPAScalingPolicy, path: str) -> list[FieldError]:
    errs = []
    if policy.type not in (PODS_POLICY, PERCENT_POLICY):
        errs.append(_not_supported(f"{path}.type", policy.type, (PERCENT_POLICY, PODS_POLICY)))
    if policy.value <= 0:
        errs.append(FieldError("Invalid value", f"{path}.value", policy.value, "must be greater than zero"))
    if policy.period_seconds <= 0:
        errs.append(FieldError("Invalid value", f"{path}.periodSeconds", policy.period_seconds, "must be greater than zero"))
    if policy.period_seconds > MAX_PERIOD_SECONDS:
        errs.append(
            FieldError(
                "Invalid value",
                f"{path}.periodSeconds",
                policy.period_seconds,
                f"must be less than or equal to {MAX_PERIOD_SECONDS}",
            )
        )
    return errs


def validate_scaling_rules(rules: HPAScalingRules | None, path: str, allow_tolerance: bool) -> list[FieldError]:
    """Mirrors validation.go: validateScalingRules (with the HPAConfigurableTolerance check)."""
    if rules is None:
        return []
    errs: list[FieldError] = []
    w = rules.stabilization_window_seconds
    if w is not None and w < 0:
        errs.append(FieldError("Invalid value", f"{path}.stabilizationWindowSeconds", w, "must be greater than or equal to zero"))
    if w is not None and w > MAX_STABILIZATION_WINDOW_SECONDS:
        errs.append(
            FieldError(
                "Invalid value",
                f"{path}.stabilizationWindowSeconds",
                w,
                f"must be less than or equal to {MAX_STABILIZATION_WINDOW_SECONDS}",
            )
        )
    if rules.select_policy is not None and rules.select_policy not in (MAX_POLICY, MIN_POLICY, DISABLED_POLICY):
        errs.append(_not_supported(f"{path}.selectPolicy", rules.select_policy, (DISABLED_POLICY, MAX_POLICY, MIN_POLICY)))
    if not rules.policies:
        errs.append(FieldError("Required value", f"{path}.policies", None, "must specify at least one Policy"))
    for i, p in enumerate(rules.policies or ()):
        errs += _validate_scaling_policy(p, f"{path}.policies[{i}]")
    if rules.tolerance is not None:
        if not allow_tolerance:
            errs.append(
                FieldError(
                    "Forbidden",
                    f"{path}.tolerance",
                    None,
                    "tolerance is not supported when the HPAConfigurableTolerance feature gate is not enabled",
                )
            )
        elif _quantity_sign(rules.tolerance, f"{path}.tolerance") < 0:
            errs.append(
                _invalid_stringer(f"{path}.tolerance", rules.tolerance, "must be greater or equal to zero")
            )
    return errs


def _tolerance_in_use(spec: HorizontalPodAutoscalerSpec | None) -> bool:
    if spec is None or spec.behavior is None:
        return False
    return any(r is not None and r.tolerance is not None for r in (spec.behavior.scale_up, spec.behavior.scale_down))


@dataclass(frozen=True, slots=True)
class FeatureGates:
    """The gates HPA validation reads, with their defaults in the release the model follows (v1.35)."""

    hpa_configurable_tolerance: bool = True  # beta, on by default since v1.35
    hpa_scale_to_zero: bool = False  # alpha since v1.16


def validate_spec(
    spec: HorizontalPodAutoscalerSpec,
    gates: FeatureGates = FeatureGates(),
    old_spec: HorizontalPodAutoscalerSpec | None = None,
) -> list[FieldError]:
    """Mirrors validation.go: validateHorizontalPodAutoscalerSpec with the bounds the caller derives."""
    lower = 0 if gates.hpa_scale_to_zero or (old_spec is not None and old_spec.min_replicas == 0) else 1
    allow_tolerance = gates.hpa_configurable_tolerance or _tolerance_in_use(old_spec)
    errs: list[FieldError] = []
    if spec.min_replicas is not None and spec.min_replicas < lower:
        errs.append(
            FieldError("Invalid value", "spec.minReplicas", spec.min_replicas, f"must be greater than or equal to {lower}")
        )
    if spec.max_replicas < 1:
        errs.append(FieldError("Invalid value", "spec.maxReplicas", spec.max_replicas, "must be greater than 0"))
    if spec.min_replicas is not None and spec.max_replicas < spec.min_replicas:
        errs.append(
            FieldError("Invalid value", "spec.maxReplicas", spec.max_replicas, "must be greater than or equal to `minReplicas`")
        )
    errs += validate_cross_version_object_reference(spec.scale_target_ref, "spec.scaleTargetRef")
    errs += _validate_metrics(spec.metrics, "spec.metrics", spec.min_replicas)
    if spec.behavior is not None:
        errs += validate_scaling_rules(spec.behavior.scale_up, "spec.behavior.scaleUp", allow_tolerance)
        errs += validate_scaling_rules(spec.behavior.scale_down, "spec.behavior.scaleDown", allow_tolerance)
    return errs


def validate_hpa(
    hpa: HorizontalPodAutoscaler,
    gates: FeatureGates = FeatureGates(),
    old: HorizontalPodAutoscaler | None = None,
) -> list[FieldError]:
    """Mirrors validation.go: ValidateHorizontalPodAutoscaler, or ValidateHorizontalPodAutoscalerUpdate with
    ``old``."""
    errs = _validate_object_meta(hpa.metadata)
    return errs + validate_spec(hpa.spec, gates, old.spec if old is not None else None)


def _from_v1(data: dict[str, Any]) -> dict[str, Any]:
    """autoscaling/v1 to v2 (the conversion the API server does): a CPU target percentage becomes a metric."""
    spec = dict(data.get("spec") or {})
    percent = spec.pop("targetCPUUtilizationPercentage", None)
    if percent is not None:
        spec["metrics"] = [
            {"type": RESOURCE, "resource": {"name": "cpu", "target": {"type": UTILIZATION, "averageUtilization": percent}}}
        ]
    return {**data, "apiVersion": "autoscaling/v2", "spec": spec}


def load_hpa(data: Any, gates: FeatureGates = FeatureGates()) -> HorizontalPodAutoscaler:
    """Model-only (SetDefaults_HorizontalPodAutoscaler, then ValidateHorizontalPodAutoscaler): A manifest's
    HPA (autoscaling/v2 or v1): parsed, defaulted and validated (raising ``ValidationError``)."""
    if isinstance(data, dict) and data.get("apiVersion") == "autoscaling/v1":
        data = _from_v1(data)
    hpa = hpa_from_json(data)
    if not hpa.metadata.namespace:
        hpa = replace(hpa, metadata=replace(hpa.metadata, namespace="default"))
    # The API server defaults the versioned object on decode, then validates the result.
    hpa = set_defaults(hpa)
    errs = validate_hpa(hpa, gates)
    if errs:
        raise ValidationError(errs)
    return hpa
