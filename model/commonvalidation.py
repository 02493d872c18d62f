"""Validation shared by every workload kind: object metadata, labels, annotations, label
selectors and the parts of a pod (template) spec the model covers.

Mirrors ``k8s.io/apimachinery/pkg/api/validation/objectmeta.go`` (``ValidateObjectMeta``,
``ValidateAnnotations``), ``.../apis/meta/v1/validation/validation.go`` (``ValidateLabels``,
``ValidateLabelSelector``) and, in ``pkg/apis/core/validation/validation.go``,
``ValidateNonnegativeField``, ``ValidatePodTemplateSpec`` and ``validateContainers`` (restartPolicy,
activeDeadlineSeconds, ephemeral containers, container names, images and requests). Checked against
kubernetes/apimachinery @ eed236ce (2026-07) and kubernetes/kubernetes @ 2dd1588c.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from model.errors import DUPLICATE, FieldError, ModelError
from model.labels import Labels, LabelSelector
from model.namevalidation import is_dns1123_label, is_dns1123_subdomain, is_label_value, is_qualified_name
from model.objects import ObjectMeta, PodSpec, PodTemplateSpec, ResourceRequirements
from model.quantity import parse_quantity

NEGATIVE = "must be greater than or equal to 0"
_INT32_MAX = (1 << 31) - 1
_TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10)


@dataclasses.dataclass(frozen=True, slots=True)
class PodChecks:
    """What pod-template validation covers beyond restartPolicy and activeDeadlineSeconds.

    ``ephemeral_containers``: how many the template declares (the model's PodSpec does not keep
    them). ``containers``: also check the containers (required, names, images, requests <= limits),
    as ValidatePodSpec does; the conformance op leaves this out of scope, manifests turn it on.
    """

    ephemeral_containers: int = 0
    containers: bool = False


NO_POD_CHECKS = PodChecks()


def validate_nonnegative(value: int, path: str) -> list[FieldError]:
    """Mirrors pkg/apis/core/validation/validation.go: ValidateNonnegativeField."""
    return [FieldError.invalid(path, value, NEGATIVE)] if value < 0 else []


def labels_json(labels: Labels | None) -> dict[str, str] | None:
    """Model-only: a label map as ``field.Error`` prints it (a nil map as ``null``)."""
    return None if labels is None else dict(labels)


def validate_labels(labels: Labels, path: str) -> list[FieldError]:
    """Mirrors meta/v1 validation: ValidateLabels (keys are qualified names, values label values).

    Go walks a map in random order; the model reports keys in sorted order.
    """
    errs: list[FieldError] = []
    for key, value in sorted(labels):
        errs.extend(FieldError.invalid(path, key, m) for m in is_qualified_name(key))
        errs.extend(FieldError.invalid(path, value, m) for m in is_label_value(value))
    return errs


def validate_annotations(annotations: Labels, path: str) -> list[FieldError]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go: ValidateAnnotations (keys
    case-insensitively qualified names, 256 KiB in total)."""
    errs: list[FieldError] = []
    for key, _ in sorted(annotations):
        errs.extend(FieldError.invalid(path, key, m) for m in is_qualified_name(key.lower()))
    if sum(len(k.encode()) + len(v.encode()) for k, v in annotations) > _TOTAL_ANNOTATION_SIZE_LIMIT:
        errs.append(FieldError("Too long", path, "", f"may not be more than {_TOTAL_ANNOTATION_SIZE_LIMIT} bytes"))
    return errs


def validate_object_meta(meta: ObjectMeta, path: str = "metadata", namespaced: bool = True) -> list[FieldError]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go: ValidateObjectMeta with
    NameIsDNSSubdomain (name, namespace, generation, labels, annotations; owner references and finalizers are
    not checked)."""
    errs: list[FieldError] = []
    if meta.generate_name:
        errs.extend(FieldError.invalid(f"{path}.generateName", meta.generate_name, m)
                    for m in is_dns1123_subdomain(_mask_trailing_dash(meta.generate_name)))
    if not meta.name:
        errs.append(FieldError.required(f"{path}.name", "name or generateName is required"))
    else:
        errs.extend(FieldError.invalid(f"{path}.name", meta.name, m) for m in is_dns1123_subdomain(meta.name))
    if namespaced:
        if not meta.namespace:
            errs.append(FieldError.required(f"{path}.namespace"))
        else:
            errs.extend(FieldError.invalid(f"{path}.namespace", meta.namespace, m)
                        for m in is_dns1123_label(meta.namespace))
    elif meta.namespace:
        errs.append(FieldError.forbidden(f"{path}.namespace", "not allowed on this type"))
    errs.extend(validate_nonnegative(meta.generation, f"{path}.generation"))
    errs.extend(validate_labels(meta.labels, f"{path}.labels"))
    errs.extend(validate_annotations(meta.annotations, f"{path}.annotations"))
    return errs


def _mask_trailing_dash(name: str) -> str:
    return name[:-1] + "a" if len(name) > 1 and name.endswith("-") else name


def selector_json(selector: LabelSelector) -> dict[str, Any]:
    """Model-only: a ``metav1.LabelSelector`` as JSON, the way a ``field.Error`` value prints it."""
    out: dict[str, Any] = {}
    if selector.match_labels:
        out["matchLabels"] = dict(selector.match_labels)
    if selector.match_expressions:
        out["matchExpressions"] = [
            {"key": e.key, "operator": e.operator, **({"values": list(e.values)} if e.values else {})}
            for e in selector.match_expressions
        ]
    return out


def validate_label_selector(selector: LabelSelector | None, path: str) -> list[FieldError]:
    """Mirrors meta/v1 validation: ValidateLabelSelector / ValidateLabelSelectorRequirement (strict:
    invalid label values are rejected)."""
    if selector is None:
        return []
    errs = validate_labels(selector.match_labels, f"{path}.matchLabels")
    for i, expr in enumerate(selector.match_expressions):
        epath = f"{path}.matchExpressions[{i}]"
        if expr.operator in ("In", "NotIn"):
            if not expr.values:
                errs.append(FieldError.required(f"{epath}.values", "must be specified when `operator` is 'In' or 'NotIn'"))
        elif expr.operator in ("Exists", "DoesNotExist"):
            if expr.values:
                errs.append(FieldError.forbidden(
                    f"{epath}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        else:
            errs.append(FieldError.invalid(f"{epath}.operator", expr.operator, "not a valid selector operator"))
        errs.extend(FieldError.invalid(f"{epath}.key", expr.key, m) for m in is_qualified_name(expr.key))
        for j, value in enumerate(expr.values):
            errs.extend(FieldError.invalid(f"{epath}.values[{j}]", value, m) for m in is_label_value(value))
    return errs


def validate_pod_template_spec(template: PodTemplateSpec, path: str, pod: PodChecks = NO_POD_CHECKS) -> list[FieldError]:
    """Mirrors pkg/apis/core/validation/validation.go: ValidatePodTemplateSpec, for the parts the model
    covers: template labels and annotations, the pod spec's restartPolicy and activeDeadlineSeconds, and the
    ban on ephemeral containers in a template."""
    errs = validate_labels(template.metadata.labels, f"{path}.labels")
    errs.extend(validate_annotations(template.metadata.annotations, f"{path}.annotations"))
    spec = template.spec
    if pod.containers:
        errs.extend(validate_containers(spec, f"{path}.spec"))
    policy = spec.restart_policy
    if policy == "":
        errs.append(FieldError.required(f"{path}.spec.restartPolicy"))
    elif policy not in ("Always", "OnFailure", "Never"):
        errs.append(FieldError.not_supported(f"{path}.spec.restartPolicy", policy, ("Always", "OnFailure", "Never")))
    if spec.active_deadline_seconds is not None and not 1 <= spec.active_deadline_seconds <= _INT32_MAX:
        errs.append(FieldError.invalid(f"{path}.spec.activeDeadlineSeconds", spec.active_deadline_seconds,
                                       f"must be between 1 and {_INT32_MAX}, inclusive"))
    if pod.ephemeral_containers:
        errs.append(FieldError.forbidden(f"{path}.spec.ephemeralContainers",
                                         "ephemeral containers not allowed in pod template"))
    return errs


def validate_containers(spec: PodSpec, path: str) -> list[FieldError]:
    """Mirrors pkg/apis/core/validation/validation.go: validateContainers / validateInitContainers, the parts
    the model covers: at least one container, each named (a DNS label, unique across init and regular
    containers) with an image, and non-negative requests no larger than their limits."""
    errs: list[FieldError] = []
    names: set[str] = set()
    for group, containers in (("initContainers", spec.init_containers), ("containers", spec.containers)):
        for i, ctr in enumerate(containers):
            cpath = f"{path}.{group}[{i}]"
            if not ctr.name:
                errs.append(FieldError.required(f"{cpath}.name"))
            else:
                errs.extend(FieldError.invalid(f"{cpath}.name", ctr.name, m) for m in is_dns1123_label(ctr.name))
                if ctr.name in names:
                    errs.append(FieldError(DUPLICATE, f"{cpath}.name", ctr.name))
                names.add(ctr.name)
            if not ctr.image:
                errs.append(FieldError.required(f"{cpath}.image"))
            errs.extend(_validate_resources(ctr.resources, f"{cpath}.resources"))
    if not spec.containers:
        errs.append(FieldError.required(f"{path}.containers"))
    return errs


def _validate_resources(resources: ResourceRequirements, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    limits = dict(resources.limits)
    for name, quantity in resources.requests:
        try:
            amount = parse_quantity(quantity)
        except ModelError as exc:
            errs.append(FieldError.invalid(f"{path}.requests[{name}]", quantity, exc.message))
            continue
        if amount < 0:
            errs.append(FieldError.invalid(f"{path}.requests[{name}]", quantity, NEGATIVE))
        if name in limits:
            try:
                limit = parse_quantity(limits[name])
            except ModelError:
                continue
            if amount > limit:
                errs.append(FieldError.invalid(f"{path}.requests", quantity,
                                               f"must be less than or equal to {name} limit of {limits[name]}"))
    for name, quantity in resources.limits:
        try:
            if parse_quantity(quantity) < 0:
                errs.append(FieldError.invalid(f"{path}.limits[{name}]", quantity, NEGATIVE))
        except ModelError as exc:
            errs.append(FieldError.invalid(f"{path}.limits[{name}]", quantity, exc.message))
    return errs
