"""API-server defaulting and validation (apps/v1 defaults.go, apps validation.go, validation_test.go)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.errors import ValidationError
from model.labels import LabelSelector, LabelSelectorRequirement, freeze_map
from model.objects import (
    Deployment,
    DeploymentSpec,
    DeploymentStatus,
    DeploymentStrategy,
    ObjectMeta,
    PodSpec,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicaSetStatus,
    ReplicationController,
    ReplicationControllerSpec,
    RollingUpdateDeployment,
)
from model.validation import (
    default_deployment,
    default_replica_set,
    default_replication_controller,
    defaulted_and_validated,
    validate_deployment,
    validate_deployment_status,
    validate_deployment_status_update,
    validate_replica_set,
    validate_replica_set_status,
    validate_replication_controller,
)

LABELS = freeze_map({"app": "web"})
TEMPLATE = PodTemplateSpec(metadata=ObjectMeta(labels=LABELS), spec=PodSpec(restart_policy="Always"))


def _deployment(**spec: object) -> Deployment:
    base = DeploymentSpec(selector=LabelSelector(match_labels=LABELS), template=TEMPLATE)
    return Deployment(metadata=ObjectMeta(name="web", namespace="default"), spec=dataclasses.replace(base, **spec))


def _first_error(d: Deployment) -> str:
    errors = validate_deployment(default_deployment(d))
    assert errors, "expected the API server to reject this deployment"
    return str(errors[0])


def test_defaults() -> None:
    d = default_deployment(_deployment())
    assert d.spec.replicas == 1
    assert d.spec.strategy == DeploymentStrategy("RollingUpdate", RollingUpdateDeployment("25%", "25%"))
    assert d.spec.revision_history_limit == 10
    assert d.spec.progress_deadline_seconds == 600
    assert validate_deployment(d) == []


def test_defaults_keep_what_is_set_and_recreate_gets_no_rolling_update() -> None:
    d = default_deployment(_deployment(replicas=0, strategy=DeploymentStrategy(rolling_update=RollingUpdateDeployment(max_surge=1))))
    assert d.spec.replicas == 0
    assert d.spec.strategy.rolling_update == RollingUpdateDeployment(max_surge=1, max_unavailable="25%")
    recreate = default_deployment(_deployment(strategy=DeploymentStrategy("Recreate")))
    assert recreate.spec.strategy.rolling_update is None


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"strategy": DeploymentStrategy("RollingUpdate", RollingUpdateDeployment(0, 0))},
         "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"),
        ({"strategy": DeploymentStrategy("RollingUpdate", RollingUpdateDeployment("0%", 0))},
         "may not be 0 when `maxSurge` is 0"),
        ({"strategy": DeploymentStrategy("RollingUpdate", RollingUpdateDeployment(1, "150%"))},
         'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'),
        ({"replicas": -1}, "spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        ({"strategy": DeploymentStrategy("Recreate", RollingUpdateDeployment())},
         "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"),
        ({"selector": LabelSelector(match_labels=freeze_map({"app": "db"}))},
         'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`'),
        ({"selector": LabelSelector()}, "spec.selector: Invalid value: {}: empty selector is invalid for deployment"),
        ({"selector": None}, "spec.selector: Required value"),
        ({"strategy": DeploymentStrategy("Blue")}, 'supported values: "Recreate", "RollingUpdate"'),
        ({"progress_deadline_seconds": 10, "min_ready_seconds": 10},
         "spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"),
        ({"revision_history_limit": -1}, "spec.revisionHistoryLimit: Invalid value: -1"),
        ({"template": dataclasses.replace(TEMPLATE, spec=PodSpec(restart_policy="Never"))},
         'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'),
        ({"selector": LabelSelector(match_expressions=(LabelSelectorRequirement("app", "In"),))},
         "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"),
    ],
)
def test_rejected_deployments(spec: dict[str, object], expected: str) -> None:
    assert expected in _first_error(_deployment(**spec))


def test_percent_over_100_is_allowed_for_surge_and_ints_above_replicas_too() -> None:
    ok = _deployment(replicas=2, strategy=DeploymentStrategy("RollingUpdate", RollingUpdateDeployment("150%", 5)))
    assert validate_deployment(default_deployment(ok)) == []


def test_metadata_is_validated() -> None:
    d = dataclasses.replace(_deployment(), metadata=ObjectMeta(name="Web_1", namespace="default"))
    assert _first_error(d).startswith('metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain')
    d = dataclasses.replace(_deployment(), metadata=ObjectMeta(name="web"))
    assert _first_error(d) == "metadata.namespace: Required value"


def test_defaulted_and_validated_raises_with_every_finding() -> None:
    with pytest.raises(ValidationError) as info:
        defaulted_and_validated(_deployment(replicas=-1, min_ready_seconds=-1))
    assert [e.field for e in info.value.errors] == ["spec.replicas", "spec.minReadySeconds"]


def test_status_rules() -> None:
    assert validate_deployment_status(DeploymentStatus(replicas=3, updated_replicas=3, ready_replicas=2, available_replicas=1)) == []
    assert validate_deployment_status(DeploymentStatus(replicas=3, ready_replicas=2, available_replicas=3))
    assert validate_deployment_status(DeploymentStatus(replicas=3, collision_count=-3))
    assert validate_deployment_status_update(DeploymentStatus(collision_count=1), DeploymentStatus()) == []
    assert validate_deployment_status_update(DeploymentStatus(), DeploymentStatus(collision_count=1))
    assert validate_deployment_status_update(DeploymentStatus(collision_count=1), DeploymentStatus(collision_count=2))


def test_replica_set() -> None:
    rs = ReplicaSet(metadata=ObjectMeta(name="rs", namespace="default"),
                    spec=ReplicaSetSpec(selector=LabelSelector(match_labels=LABELS), template=TEMPLATE))
    assert default_replica_set(rs).spec.replicas == 1
    assert validate_replica_set(default_replica_set(rs)) == []
    bad = dataclasses.replace(rs, spec=dataclasses.replace(rs.spec, replicas=-1, selector=LabelSelector(match_labels=freeze_map({"x": "y"}))))
    assert [e.field for e in validate_replica_set(bad)] == ["spec.replicas", "spec.template.metadata.labels"]
    assert validate_replica_set_status(ReplicaSetStatus(replicas=1, fully_labeled_replicas=2))


def test_replication_controller_defaults_selector_from_template() -> None:
    rc = ReplicationController(metadata=ObjectMeta(name="rc", namespace="default"),
                               spec=ReplicationControllerSpec(template=TEMPLATE))
    rc = default_replication_controller(rc)
    assert rc.spec.selector == LABELS and rc.metadata.labels == LABELS and rc.spec.replicas == 1
    assert validate_replication_controller(rc) == []
    no_template = ReplicationController(metadata=ObjectMeta(name="rc", namespace="default"),
                                        spec=ReplicationControllerSpec(replicas=1))
    assert [str(e) for e in validate_replication_controller(no_template)] == [
        "spec.selector: Required value", "spec.template: Required value"]


# --- properties ---------------------------------------------------------------------------------

_int_or_percent = st.one_of(st.integers(0, 50), st.integers(0, 100).map(lambda p: f"{p}%"), st.none())


@given(replicas=st.one_of(st.none(), st.integers(0, 100)), surge=_int_or_percent, unavailable=_int_or_percent,
       recreate=st.booleans())
def test_defaulting_is_idempotent_and_valid_inputs_pass(replicas: int | None, surge: int | str | None,
                                                      unavailable: int | str | None, recreate: bool) -> None:
    strategy = DeploymentStrategy("Recreate") if recreate else DeploymentStrategy(
        "RollingUpdate", RollingUpdateDeployment(surge, unavailable))
    d = default_deployment(_deployment(replicas=replicas, strategy=strategy))
    assert default_deployment(d) == d
    errors = validate_deployment(d)
    ru = d.spec.strategy.rolling_update
    both_zero = ru is not None and str(ru.max_surge).rstrip("%") == "0" and str(ru.max_unavailable).rstrip("%") == "0"
    # the only way these inputs can be invalid is both fenceposts being zero
    assert [str(e) for e in errors] == (
        [f"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: {_shown(ru.max_unavailable)}: may not be 0 when `maxSurge` is 0"]
        if both_zero and ru is not None else [])


def _shown(value: int | str | None) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def test_validate_op_takes_the_request_namespace_when_none_is_written() -> None:
    from model.conformance import evaluate

    out = evaluate("deployment.validate", {"deployment": {"metadata": {"name": "abc"}, "spec": {"replicas": -1}}})
    assert out["errors"][0] == "spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    out = evaluate("deployment.validate", {"deployment": {"metadata": {"name": "abc", "namespace": "Bad_NS"}}})
    assert out["errors"][0].startswith('metadata.namespace: Invalid value: "Bad_NS"')


def test_validate_op_takes_an_unstated_restart_policy_as_always() -> None:
    from model.conformance import evaluate

    base = {"metadata": {"name": "abc"}, "spec": {"selector": {"matchLabels": {"a": "b"}},
                                                 "template": {"metadata": {"labels": {"a": "b"}}},
                                                 "strategy": {"type": "Recreate"}}}
    assert evaluate("deployment.validate", {"deployment": base}) == {"valid": True, "errors": []}
    base["spec"]["template"]["spec"] = {"restartPolicy": ""}  # type: ignore[index]
    assert evaluate("deployment.validate", {"deployment": base})["errors"] == [
        "spec.template.spec.restartPolicy: Required value",
        'spec.template.spec.restartPolicy: Unsupported value: "": supported values: "Always"',
    ]
