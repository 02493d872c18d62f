"""Conformance operations of the ``validation`` group: ``deployment.validate``,
``deployment.validate_status``, ``deployment.validate_status_update`` and ``deployment.set_defaults``
(see CONFORMANCE.md). The decisions live in ``model.validation``.

Mirrors pkg/apis/apps/validation/validation.go and pkg/apis/apps/v1/defaults.go through
``model.validation``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from model.errors import ModelError
from model.objects import Deployment, DeploymentStatus, from_json
from model.validation import (
    DEFAULT_MAX_SURGE,
    DEFAULT_MAX_UNAVAILABLE,
    DEFAULT_PROGRESS_DEADLINE_SECONDS,
    DEFAULT_REVISION_HISTORY_LIMIT,
    ROLLING_UPDATE,
    PodChecks,
    validate_deployment,
    validate_deployment_status,
    validate_deployment_status_update,
)


def _object(raw: Any, name: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", f"{name} must be an object", field=name)
    return dict(raw)


def internal_deployment_from_json(raw: Any) -> tuple[Deployment, int]:
    """Model-only: a Deployment in the internal form from JSON, and how many ephemeral containers its template
    declares. ``spec.rollbackTo`` is ``{revision: N}`` in JSON and an int in the model."""
    data = copy.deepcopy(_object(raw, "deployment"))
    # A request's namespace comes from its URL and is set on the object before validation, so an
    # object written without one is validated in the request's namespace ("default").
    metadata = _object(data.get("metadata"), "metadata")
    if not metadata.get("namespace"):
        metadata["namespace"] = "default"
    data["metadata"] = metadata
    spec = _object(data.get("spec"), "spec")
    rollback = spec.get("rollbackTo")
    if isinstance(rollback, Mapping):
        spec["rollbackTo"] = rollback.get("revision", 0) or 0
    template = _object(spec.get("template"), "spec.template")
    pod_spec = _object(template.get("spec"), "spec.template.spec")
    ephemeral = pod_spec.get("ephemeralContainers") or []
    # The catalogue gives a minimal *valid* pod spec here: a restartPolicy it does not state is taken
    # as its default, Always; a stated one ("" included) is validated.
    if "restartPolicy" not in pod_spec:
        pod_spec["restartPolicy"] = "Always"
    template["spec"] = pod_spec
    spec["template"] = template
    data["spec"] = spec
    return from_json(Deployment, data), len(ephemeral) if isinstance(ephemeral, list) else 1


def validate(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeployment, on the internal form (op
    ``deployment.validate``)."""
    deployment, ephemeral = internal_deployment_from_json(inp.get("deployment"))
    errors = [str(e) for e in validate_deployment(deployment, PodChecks(ephemeral_containers=ephemeral))]
    return {"valid": not errors, "errors": errors}


def validate_status(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeploymentStatus (op
    ``deployment.validate_status``)."""
    status = from_json(DeploymentStatus, _object(inp.get("status"), "status"), "status")
    errors = [str(e) for e in validate_deployment_status(status)]
    return {"valid": not errors, "errors": errors}


def validate_status_update(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeploymentStatusUpdate, its status part (op
    ``deployment.validate_status_update``)."""
    old = from_json(DeploymentStatus, _object(inp.get("oldStatus"), "oldStatus"), "oldStatus")
    new = from_json(DeploymentStatus, _object(inp.get("newStatus"), "newStatus"), "newStatus")
    errors = [str(e) for e in validate_deployment_status_update(new, old)]
    return {"valid": not errors, "errors": errors}


def set_defaults_json(spec_in: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/apis/apps/v1/defaults.go: SetDefaults_Deployment, on the wire form. apps/v1
    SetDefaults_Deployment on a wire-form spec; fields it does not default are kept as given."""
    spec = copy.deepcopy(dict(spec_in))
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    strategy = _object(spec.get("strategy"), "spec.strategy")
    if not strategy.get("type"):
        strategy["type"] = ROLLING_UPDATE
    if strategy["type"] == ROLLING_UPDATE:
        ru = _object(strategy.get("rollingUpdate"), "spec.strategy.rollingUpdate")
        if ru.get("maxUnavailable") is None:
            ru["maxUnavailable"] = DEFAULT_MAX_UNAVAILABLE
        if ru.get("maxSurge") is None:
            ru["maxSurge"] = DEFAULT_MAX_SURGE
        strategy["rollingUpdate"] = ru
    spec["strategy"] = strategy
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = DEFAULT_REVISION_HISTORY_LIMIT
    if spec.get("progressDeadlineSeconds") is None:
        spec["progressDeadlineSeconds"] = DEFAULT_PROGRESS_DEADLINE_SECONDS
    return spec


def set_defaults(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/apis/apps/v1/defaults.go: SetDefaults_Deployment, on the wire form (op
    ``deployment.set_defaults``)."""
    deployment = _object(inp.get("deployment"), "deployment")
    return {"spec": set_defaults_json(_object(deployment.get("spec"), "deployment.spec"))}


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "deployment.validate": validate,
    "deployment.validate_status": validate_status,
    "deployment.validate_status_update": validate_status_update,
    "deployment.set_defaults": set_defaults,
}
