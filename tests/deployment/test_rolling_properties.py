"""Hypothesis properties of the rolling update (semantics/deployment.md §15):

* one rolling sync never makes Σ spec.replicas exceed ``replicas + maxSurge`` (starting within it);
* with every pod healthy, old RSs are never scaled below what keeps ``replicas - maxUnavailable``
  available;
* from any start, a rollout in which pods become ready ends with exactly one RS at ``replicas``.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from model.controllers.deployment import util
from model.controllers.deployment.context import CreateReplicaSet, UpdateReplicaSet
from model.controllers.deployment.deployment_controller import sync_deployment
from model.objects import (
    Container,
    ObjectMeta,
    OwnerReference,
    PodSpec,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicaSetStatus,
)
from tests.deployment.env import Cluster, make_deployment

NOW = 1_700_000_000 * 10**9

int_or_percent = st.one_of(st.integers(0, 12), st.integers(0, 100).map(lambda p: f"{p}%"))


@st.composite
def rolling_params(draw: st.DrawFn) -> tuple[int, int | str, int | str]:
    replicas = draw(st.integers(0, 30))
    surge = draw(int_or_percent)
    unavailable = draw(int_or_percent)
    # Validation forbids explicit 0/0 (the percent number counts).
    if str(surge).rstrip("%") == "0" and str(unavailable).rstrip("%") == "0":
        unavailable = 1
    return replicas, surge, unavailable


def make_rs(d_template: PodTemplateSpec, name: str, image: str | None, spec: int, available: int, age: int,
            desired: int | None) -> ReplicaSet:
    """An RS owned by the test Deployment; ``image`` None gives it the Deployment's own template."""
    template = d_template if image is None else dataclasses.replace(
        d_template, spec=PodSpec(containers=(Container(name="web", image=image),)))
    labels = (("app", "web"), ("pod-template-hash", name))
    ann = () if desired is None else ((util.DESIRED_REPLICAS_ANNOTATION, str(desired)),)
    return ReplicaSet(
        metadata=ObjectMeta(name=name, namespace="default", uid=f"uid-{name}", labels=labels, annotations=ann,
                            creation_timestamp=NOW - age * 10**9, generation=1,
                            owner_references=(OwnerReference(api_version="apps/v1", kind="Deployment", name="web",
                                                             uid="d-uid", controller=True),)),
        spec=ReplicaSetSpec(replicas=spec, template=dataclasses.replace(
            template, metadata=dataclasses.replace(template.metadata, labels=labels))),
        status=ReplicaSetStatus(replicas=spec, ready_replicas=available, available_replicas=available,
                                observed_generation=1),
    )


@st.composite
def rollout_state(draw: st.DrawFn, healthy: bool) -> tuple:  # type: ignore[type-arg]
    replicas, surge, unavailable = draw(rolling_params())
    d = make_deployment(replicas, surge=surge, unavailable=unavailable)
    n_old = draw(st.integers(0, 3))
    rss = []
    for i in range(n_old):
        spec = draw(st.integers(0, 15))
        avail = spec if healthy else draw(st.integers(0, spec))
        rss.append(make_rs(d.spec.template, f"old{i}", f"nginx:old{i}", spec, avail, 100 - i, replicas))
    if draw(st.booleans()):
        spec = draw(st.integers(0, replicas))
        avail = spec if healthy else draw(st.integers(0, spec))
        rss.append(make_rs(d.spec.template, "new", None, spec, avail, 1, replicas))
    return d, rss


def sizes_after(rss: list[ReplicaSet], result: object) -> dict[str, int]:
    sizes = {rs.metadata.name: util.spec_replicas(rs) for rs in rss}
    for action in result.actions:  # type: ignore[attr-defined]
        if isinstance(action, CreateReplicaSet | UpdateReplicaSet):
            sizes[action.replica_set.metadata.name] = util.spec_replicas(action.replica_set)
    return sizes


@settings(max_examples=300)
@given(rollout_state(healthy=False))
def test_one_sync_keeps_total_spec_within_replicas_plus_surge(state: tuple) -> None:  # type: ignore[type-arg]
    d, rss = state
    bound = util.d_replicas(d) + util.max_surge(d)
    before = sum(util.spec_replicas(rs) for rs in rss)
    result = sync_deployment(d, rss, {}, NOW)
    after = sum(sizes_after(rss, result).values())
    assert after <= max(before, bound)


@settings(max_examples=300)
@given(rollout_state(healthy=True))
def test_healthy_old_pods_are_not_scaled_below_min_available(state: tuple) -> None:  # type: ignore[type-arg]
    d, rss = state
    min_available = util.d_replicas(d) - util.max_unavailable(d)
    available_before = sum(rs.status.available_replicas for rs in rss)
    result = sync_deployment(d, rss, {}, NOW)
    sizes = sizes_after(rss, result)
    # Pods that stay available: an RS keeps min(new spec, available) of its healthy pods.
    available_after = sum(min(sizes[rs.metadata.name], rs.status.available_replicas) for rs in rss)
    assert available_after >= min(available_before, min_available)


@settings(max_examples=120, deadline=None)
@given(rollout_state(healthy=False), st.sampled_from(["RollingUpdate", "Recreate"]))
def test_rollout_from_any_start_ends_with_one_replica_set_at_replicas(state: tuple, strategy: str) -> None:  # type: ignore[type-arg]
    d, rss = state
    if strategy == "Recreate":
        d = dataclasses.replace(d, spec=dataclasses.replace(
            d.spec, strategy=dataclasses.replace(d.spec.strategy, type="Recreate", rolling_update=None)))
    c = Cluster(d, rss={rs.metadata.name: rs for rs in rss}, now=NOW)
    c.settle(max_steps=100)
    n = util.d_replicas(d)
    sizes = c.sizes()
    new = c.new_rs()
    assert new is not None
    assert sizes[new.metadata.name] == n
    assert all(size == 0 for name, size in sizes.items() if name != new.metadata.name)
    assert c.deployment.status.updated_replicas == n == c.deployment.status.available_replicas
    assert util.deployment_complete(c.deployment, c.deployment.status)
