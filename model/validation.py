"""API-server defaulting and validation of workloads, as the API server applies them on create.

Mirrors ``pkg/apis/apps/v1/defaults.go`` (``SetDefaults_Deployment``, ``SetDefaults_ReplicaSet``),
``pkg/apis/core/v1/defaults.go`` (``SetDefaults_ReplicationController``),
``pkg/apis/apps/validation/validation.go`` (``ValidateDeployment``, ``ValidateReplicaSet`` and their
status checks), ``pkg/apis/core/validation/validation.go`` (``ValidateReplicationController``, the parts
of ``ValidatePodTemplateSpec`` the model covers) and ``staging/.../apimachinery/pkg/api/validation``
(``ValidateObjectMeta``) with ``.../apis/meta/v1/validation`` (``ValidateLabelSelector``, ``ValidateLabels``).

Validation works on the *internal* form: a nil ``replicas`` counts as 0 and an unset IntOrString as
the integer 0, as Go's internal types hold them; the defaulting functions turn a user's (v1) object
into that form first. Findings are ``FieldError`` values rendered exactly like ``field.Error.Error()``
and listed in Kubernetes' order. Pod-spec validation beyond restartPolicy, activeDeadlineSeconds and
ephemeral containers is out of scope (see CONFORMANCE.md, ``deployment.validate``). The checks every
kind shares (metadata, labels, selectors, pod templates) live in ``model.commonvalidation``.
Checked against kubernetes/kubernetes @ 2dd1588c (validation.go), afd5df58 (validation_test.go).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from model.commonvalidation import (  # the shared checks are re-exported from here too
    NEGATIVE,
    NO_POD_CHECKS,
    PodChecks,
    labels_json,
    selector_json,
    validate_annotations,
    validate_containers,
    validate_label_selector,
    validate_labels,
    validate_nonnegative,
    validate_object_meta,
    validate_pod_template_spec,
)
from model.errors import FieldError, ValidationError
from model.labels import LabelSelector, label_selector_as_selector, matches, selector_from_set
from model.namevalidation import regex_error
from model.objects import (
    Deployment,
    DeploymentSpec,
    DeploymentStatus,
    DeploymentStrategy,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicaSetStatus,
    ReplicationController,
    RollingUpdateDeployment,
)

RECREATE = "Recreate"
ROLLING_UPDATE = "RollingUpdate"
DEFAULT_MAX_SURGE = "25%"
DEFAULT_MAX_UNAVAILABLE = "25%"
DEFAULT_REVISION_HISTORY_LIMIT = 10
DEFAULT_PROGRESS_DEADLINE_SECONDS = 600
_PERCENT_RE = re.compile(r"[0-9]+%")

__all__ = [
    "NEGATIVE", "NO_POD_CHECKS", "PodChecks", "RECREATE", "ROLLING_UPDATE", "DEFAULT_MAX_SURGE",
    "DEFAULT_MAX_UNAVAILABLE", "DEFAULT_REVISION_HISTORY_LIMIT", "DEFAULT_PROGRESS_DEADLINE_SECONDS",
    "check", "default_deployment", "default_deployment_spec", "default_replica_set",
    "default_replication_controller", "defaulted_and_validated", "is_decremented", "validate_annotations",
    "validate_containers", "validate_deployment", "validate_deployment_spec", "validate_deployment_status",
    "validate_deployment_status_update", "validate_deployment_strategy", "validate_label_selector",
    "validate_labels", "validate_nonnegative", "validate_object_meta", "validate_pod_template_spec",
    "validate_positive_int_or_percent", "validate_replica_set", "validate_replica_set_spec",
    "validate_replica_set_status", "validate_replication_controller", "validate_rolling_update_deployment",
]


# --- defaulting ---------------------------------------------------------------------------------

def default_deployment_spec(spec: DeploymentSpec) -> DeploymentSpec:
    """Mirrors apps/v1 defaults.go: SetDefaults_Deployment.

    replicas 1; strategy type RollingUpdate; for RollingUpdate, maxUnavailable and maxSurge 25% each
    (only where unset); revisionHistoryLimit 10; progressDeadlineSeconds 600. Recreate gets no
    rollingUpdate.
    """
    strategy = spec.strategy
    if not strategy.type:
        strategy = dataclasses.replace(strategy, type=ROLLING_UPDATE)
    if strategy.type == ROLLING_UPDATE:
        ru = strategy.rolling_update or RollingUpdateDeployment()
        ru = RollingUpdateDeployment(
            max_surge=DEFAULT_MAX_SURGE if ru.max_surge is None else ru.max_surge,
            max_unavailable=DEFAULT_MAX_UNAVAILABLE if ru.max_unavailable is None else ru.max_unavailable,
        )
        strategy = dataclasses.replace(strategy, rolling_update=ru)
    return dataclasses.replace(
        spec,
        replicas=1 if spec.replicas is None else spec.replicas,
        strategy=strategy,
        revision_history_limit=(
            DEFAULT_REVISION_HISTORY_LIMIT if spec.revision_history_limit is None else spec.revision_history_limit
        ),
        progress_deadline_seconds=(
            DEFAULT_PROGRESS_DEADLINE_SECONDS if spec.progress_deadline_seconds is None
            else spec.progress_deadline_seconds
        ),
    )


def default_deployment(obj: Deployment) -> Deployment:
    """Mirrors apps/v1 defaults.go: SetDefaults_Deployment (on the whole object)."""
    return dataclasses.replace(obj, spec=default_deployment_spec(obj.spec))


def default_replica_set(obj: ReplicaSet) -> ReplicaSet:
    """Mirrors apps/v1 defaults.go: SetDefaults_ReplicaSet (replicas 1 when unset)."""
    if obj.spec.replicas is not None:
        return obj
    return dataclasses.replace(obj, spec=dataclasses.replace(obj.spec, replicas=1))


def default_replication_controller(obj: ReplicationController) -> ReplicationController:
    """Mirrors core/v1 defaults.go: SetDefaults_ReplicationController.

    With template labels present, an empty selector and empty object labels take the template's
    labels; replicas defaults to 1.
    """
    spec, meta = obj.spec, obj.metadata
    template_labels = spec.template.metadata.labels if spec.template is not None else None
    if template_labels:  # Go: labels != nil; an empty template label map changes nothing either way
        if not spec.selector:
            spec = dataclasses.replace(spec, selector=template_labels)
        if not meta.labels:
            meta = dataclasses.replace(meta, labels=template_labels)
    if spec.replicas is None:
        spec = dataclasses.replace(spec, replicas=1)
    return dataclasses.replace(obj, metadata=meta, spec=spec)


def _template_for_controller(template: PodTemplateSpec | None, selector_matches_labels: bool | None, path: str,
                             owner: str, pod: PodChecks) -> list[FieldError]:
    """ValidatePodTemplateSpecForReplicaSet / ...ForRC: the selector must match the template labels
    (``selector_matches_labels`` None: not checked), then the template, then the controller rules."""
    if template is None:
        return [FieldError.required(path)]
    errs: list[FieldError] = []
    if selector_matches_labels is False:
        errs.append(FieldError.invalid(f"{path}.metadata.labels", labels_json(template.metadata.labels) or None,
                                       "`selector` does not match template `labels`"))
    errs.extend(validate_pod_template_spec(template, path, pod))
    if template.spec.restart_policy != "Always":
        errs.append(FieldError.not_supported(f"{path}.spec.restartPolicy", template.spec.restart_policy, ("Always",)))
    if template.spec.active_deadline_seconds is not None:
        errs.append(FieldError.forbidden(f"{path}.spec.activeDeadlineSeconds",
                                         f"activeDeadlineSeconds in {owner} is not Supported"))
    return errs


def _selector_and_template(selector: LabelSelector | None, template: PodTemplateSpec | None, path: str,
                           owner: str, pod: PodChecks) -> list[FieldError]:
    """The selector and template part shared by ValidateDeploymentSpec and ValidateReplicaSetSpec."""
    errs: list[FieldError] = []
    if selector is None:
        errs.append(FieldError.required(f"{path}.selector"))
    else:
        errs.extend(validate_label_selector(selector, f"{path}.selector"))
        if not selector.match_labels and not selector.match_expressions:
            errs.append(FieldError.invalid(f"{path}.selector", selector_json(selector),
                                           "empty selector is invalid for deployment"))
    try:
        as_selector = label_selector_as_selector(selector)
    except Exception:  # noqa: BLE001 - any conversion failure is reported as Kubernetes does
        errs.append(FieldError.invalid(f"{path}.selector", selector_json(selector) if selector else None,
                                       "invalid label selector"))
        return errs
    labels = template.metadata.labels if template is not None else ()
    # An "everything" selector skips the check; "nothing" (a nil selector) never matches.
    match: bool | None = None
    if as_selector.nothing or as_selector.requirements:
        match = matches(as_selector, labels)
    errs.extend(_template_for_controller(template, match, f"{path}.template", owner, pod))
    return errs


# --- Deployment -----------------------------------------------------------------------------------

def _is_percent(value: Any) -> bool:
    return isinstance(value, str) and _PERCENT_RE.fullmatch(value) is not None


def validate_positive_int_or_percent(value: int | str | None, path: str) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidatePositiveIntOrPercent (a string must match
    ``^[0-9]+%$``, an int must be >= 0). ``None`` is the internal zero value, the integer 0."""
    if value is None:
        return []
    if isinstance(value, str):
        if not _is_percent(value):
            return [FieldError.invalid(path, value, regex_error(
                "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"))]
        return []
    return validate_nonnegative(value, path)


def _int_or_percent_value(value: int | str | None) -> int:
    """apps validation: getIntOrPercentValue: a valid percent's number, else IntValue() (a string that
    is not a number counts as 0)."""
    if value is None:
        return 0
    if isinstance(value, str):
        if _is_percent(value):
            return int(value[:-1])
        try:
            return int(value) if re.fullmatch(r"[+-]?[0-9]+", value) else 0
        except ValueError:
            return 0
    return value


def validate_rolling_update_deployment(ru: RollingUpdateDeployment, path: str) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateRollingUpdateDeployment."""
    errs = validate_positive_int_or_percent(ru.max_unavailable, f"{path}.maxUnavailable")
    errs.extend(validate_positive_int_or_percent(ru.max_surge, f"{path}.maxSurge"))
    if _int_or_percent_value(ru.max_unavailable) == 0 and _int_or_percent_value(ru.max_surge) == 0:
        errs.append(FieldError.invalid(f"{path}.maxUnavailable", 0 if ru.max_unavailable is None else ru.max_unavailable,
                                       "may not be 0 when `maxSurge` is 0"))
    if _is_percent(ru.max_unavailable) and int(str(ru.max_unavailable)[:-1]) > 100:
        errs.append(FieldError.invalid(f"{path}.maxUnavailable", ru.max_unavailable, "must not be greater than 100%"))
    return errs


def _strategy_json(strategy: DeploymentStrategy) -> dict[str, Any]:
    # The internal Go type has no JSON tags, so the bad value prints with Go field names.
    ru = strategy.rolling_update
    return {
        "Type": strategy.type,
        "RollingUpdate": None if ru is None else {
            "MaxUnavailable": 0 if ru.max_unavailable is None else ru.max_unavailable,
            "MaxSurge": 0 if ru.max_surge is None else ru.max_surge,
        },
    }


def validate_deployment_strategy(strategy: DeploymentStrategy, path: str) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeploymentStrategy."""
    if strategy.type == RECREATE:
        if strategy.rolling_update is not None:
            return [FieldError.forbidden(f"{path}.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")]
        return []
    if strategy.type == ROLLING_UPDATE:
        if strategy.rolling_update is None:
            return [FieldError.required(f"{path}.rollingUpdate", "this should be defaulted and never be nil")]
        return validate_rolling_update_deployment(strategy.rolling_update, f"{path}.rollingUpdate")
    return [FieldError.not_supported(path, _strategy_json(strategy), (RECREATE, ROLLING_UPDATE))]


def validate_deployment_spec(spec: DeploymentSpec, path: str = "spec", pod: PodChecks = NO_POD_CHECKS) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeploymentSpec, in its order: replicas,
    selector, template, strategy, minReadySeconds, revisionHistoryLimit, rollback, progressDeadlineSeconds."""
    errs = validate_nonnegative(spec.replicas or 0, f"{path}.replicas")
    errs.extend(_selector_and_template(spec.selector, spec.template, path, "ReplicaSet", pod))
    errs.extend(validate_deployment_strategy(spec.strategy, f"{path}.strategy"))
    errs.extend(validate_nonnegative(spec.min_ready_seconds, f"{path}.minReadySeconds"))
    if spec.revision_history_limit is not None:
        errs.extend(validate_nonnegative(spec.revision_history_limit, f"{path}.revisionHistoryLimit"))
    if spec.rollback_to is not None:
        errs.extend(validate_nonnegative(spec.rollback_to, f"{path}.rollback.version"))
    if spec.progress_deadline_seconds is not None:
        errs.extend(validate_nonnegative(spec.progress_deadline_seconds, f"{path}.progressDeadlineSeconds"))
        if spec.progress_deadline_seconds <= spec.min_ready_seconds:
            errs.append(FieldError.invalid(f"{path}.progressDeadlineSeconds", spec.progress_deadline_seconds,
                                           "must be greater than minReadySeconds"))
    return errs


def validate_deployment(obj: Deployment, pod: PodChecks = NO_POD_CHECKS) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeployment (metadata, then the spec). Run it on
    a defaulted object (``default_deployment``) to get the API server's answer for a user's manifest."""
    errs = validate_object_meta(obj.metadata)
    errs.extend(validate_deployment_spec(obj.spec, "spec", pod))
    return errs


def _ready_available_errors(replicas: int, ready: int, available: int, path: str) -> list[FieldError]:
    # The checks ValidateDeploymentStatus and ValidateReplicaSetStatus share: ready and available
    # within replicas, available within ready.
    msg = "cannot be greater than status.replicas"
    errs = []
    if ready > replicas:
        errs.append(FieldError.invalid(f"{path}.readyReplicas", ready, msg))
    if available > replicas:
        errs.append(FieldError.invalid(f"{path}.availableReplicas", available, msg))
    if available > ready:
        errs.append(FieldError.invalid(f"{path}.availableReplicas", available, "cannot be greater than readyReplicas"))
    return errs


def validate_deployment_status(status: DeploymentStatus, path: str = "status") -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeploymentStatus."""
    errs = validate_nonnegative(status.observed_generation, f"{path}.observedGeneration")
    for name in ("replicas", "updated_replicas", "ready_replicas", "available_replicas", "unavailable_replicas"):
        errs.extend(validate_nonnegative(getattr(status, name), f"{path}.{_camel(name)}"))
    if status.terminating_replicas is not None:  # KEP-3973: a nil count is "unknown", not invalid
        errs.extend(validate_nonnegative(status.terminating_replicas, f"{path}.terminatingReplicas"))
    if status.collision_count is not None:
        errs.extend(validate_nonnegative(status.collision_count, f"{path}.collisionCount"))
    msg = "cannot be greater than status.replicas"
    if status.updated_replicas > status.replicas:
        errs.append(FieldError.invalid(f"{path}.updatedReplicas", status.updated_replicas, msg))
    return errs + _ready_available_errors(status.replicas, status.ready_replicas, status.available_replicas, path)


def is_decremented(update: int | None, old: int | None) -> bool:
    """Mirrors pkg/apis/core/validation/validation.go: IsDecremented (unsetting a set counter counts as
    decrementing it)."""
    if update is None and old is not None:
        return True
    if update is None or old is None:
        return False
    return update < old


def validate_deployment_status_update(new: DeploymentStatus, old: DeploymentStatus) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateDeploymentStatusUpdate (the status part): the
    new status must be valid and collisionCount may not go down or be unset."""
    errs = validate_deployment_status(new)
    if is_decremented(new.collision_count, old.collision_count):
        errs.append(FieldError.invalid("status.collisionCount", new.collision_count or 0, "cannot be decremented"))
    return errs


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


# --- ReplicaSet and ReplicationController --------------------------------------------------------

def validate_replica_set_spec(spec: ReplicaSetSpec, path: str = "spec", pod: PodChecks = NO_POD_CHECKS) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateReplicaSetSpec (replicas, minReadySeconds,
    selector, template)."""
    errs = validate_nonnegative(spec.replicas or 0, f"{path}.replicas")
    errs.extend(validate_nonnegative(spec.min_ready_seconds, f"{path}.minReadySeconds"))
    errs.extend(_selector_and_template(spec.selector, spec.template or PodTemplateSpec(), path, "ReplicaSet",
                                       pod))
    return errs


def validate_replica_set(obj: ReplicaSet, pod: PodChecks = NO_POD_CHECKS) -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateReplicaSet."""
    errs = validate_object_meta(obj.metadata)
    errs.extend(validate_replica_set_spec(obj.spec, "spec", pod))
    return errs


def validate_replica_set_status(status: ReplicaSetStatus, path: str = "status") -> list[FieldError]:
    """Mirrors pkg/apis/apps/validation/validation.go: ValidateReplicaSetStatus."""
    errs: list[FieldError] = []
    for name in ("replicas", "fully_labeled_replicas", "ready_replicas", "available_replicas", "observed_generation"):
        errs.extend(validate_nonnegative(getattr(status, name), f"{path}.{_camel(name)}"))
    if status.terminating_replicas is not None:
        errs.extend(validate_nonnegative(status.terminating_replicas, f"{path}.terminatingReplicas"))
    msg = "cannot be greater than status.replicas"
    if status.fully_labeled_replicas > status.replicas:
        errs.append(FieldError.invalid(f"{path}.fullyLabeledReplicas", status.fully_labeled_replicas, msg))
    return errs + _ready_available_errors(status.replicas, status.ready_replicas, status.available_replicas, path)


def validate_replication_controller(obj: ReplicationController, pod: PodChecks = NO_POD_CHECKS) -> list[FieldError]:
    """Mirrors pkg/apis/core/validation/validation.go: ValidateReplicationController /
    ValidateReplicationControllerSpec (minReadySeconds, a non-empty selector, replicas, then the template
    against the selector map)."""
    errs = validate_object_meta(obj.metadata)
    spec = obj.spec
    errs.extend(validate_nonnegative(spec.min_ready_seconds, "spec.minReadySeconds"))
    if not spec.selector:
        errs.append(FieldError.required("spec.selector"))
    errs.extend(validate_nonnegative(spec.replicas or 0, "spec.replicas"))
    match: bool | None = None
    if spec.selector and spec.template is not None:
        match = matches(selector_from_set(spec.selector), spec.template.metadata.labels)
    errs.extend(_template_for_controller(spec.template, match, "spec.template", "ReplicationController",
                                         pod))
    return errs


# --- conveniences --------------------------------------------------------------------------------

def check(errors: list[FieldError]) -> None:
    """Model-only: raise ``ValidationError`` carrying every finding when there are any."""
    if errors:
        raise ValidationError(errors)


def defaulted_and_validated(obj: Any) -> Any:
    """Model-only (SetDefaults_*, then Validate*): The object as the API server would store it: defaulted,
    then validated (``ValidationError`` when rejected). Deployments, ReplicaSets and ReplicationControllers;
    other kinds pass through."""
    if isinstance(obj, Deployment):
        obj = default_deployment(obj)
        check(validate_deployment(obj))
    elif isinstance(obj, ReplicaSet):
        obj = default_replica_set(obj)
        check(validate_replica_set(obj))
    elif isinstance(obj, ReplicationController):
        obj = default_replication_controller(obj)
        check(validate_replication_controller(obj))
    return obj

