"""Properties of scaleV2 with TerminationComplete (KEP-3973, sync_test.go TestScale's partial rows):

* a resize never grows the RSs past ``replicas + maxSurge`` counting ``max(spec, status.replicas)`` and
  terminating pods, unless they were already past it;
* once nothing terminates and the RS statuses follow their specs, repeating the resize ends in the
  classic ``scale`` result with no before-scale mark left.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from model.controllers.deployment import sync, util
from model.controllers.deployment.context import FeatureGates, Pass
from model.objects import ObjectMeta, ReplicaSet, ReplicaSetSpec, ReplicaSetStatus
from tests.deployment.env import make_deployment

GATES = FeatureGates(deployment_replica_set_terminating_replicas=True, deployment_pod_replacement_policy=True)


def _deployment(replicas: int, surge: int):
    d = make_deployment(replicas, surge=surge, unavailable=0)
    return dataclasses.replace(d, spec=dataclasses.replace(d.spec, pod_replacement_policy="TerminationComplete"))


@st.composite
def scaling_event(draw: st.DrawFn) -> tuple[int, int, int, list[ReplicaSet]]:
    # A state the controller itself leaves behind: the RSs share the old replicas (plus up to the
    # surge) and carry the annotations written for them; then the Deployment is resized.
    old_replicas = draw(st.integers(1, 20))
    new_replicas = draw(st.integers(0, 40).filter(lambda r: r != old_replicas))
    surge = draw(st.integers(0, 5))
    n = draw(st.integers(1, 3))
    total = old_replicas + draw(st.integers(0, surge))
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=n - 1, max_size=n - 1)))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    rss = []
    for i, size in enumerate(sizes):
        terminating = draw(st.integers(0, 3))
        extra = draw(st.integers(0, 2))
        rss.append(ReplicaSet(
            metadata=ObjectMeta(name=f"web-{i}", namespace="default", uid=f"uid-{i}",
                                creation_timestamp=1_700_000_000 * 10**9 + i,
                                annotations=((util.DESIRED_REPLICAS_ANNOTATION, str(old_replicas)),
                                             (util.MAX_REPLICAS_ANNOTATION, str(old_replicas + surge)))),
            spec=ReplicaSetSpec(replicas=size),
            status=ReplicaSetStatus(replicas=size + extra, terminating_replicas=terminating, observed_generation=1)))
    return new_replicas, surge, old_replicas, rss


def _pods(rss: list[ReplicaSet]) -> int:
    return util.get_replica_or_actual_count(rss) + (util.get_terminating_replica_count(rss) or 0)


@settings(max_examples=150, deadline=None)
@given(scaling_event())
def test_growth_respects_the_pod_bound(event: tuple[int, int, int, list[ReplicaSet]]) -> None:
    replicas, surge, _, rss = event
    d = _deployment(replicas, surge)
    p = Pass(d=d, gates=GATES)
    sync.scale_v2(p, rss[-1], rss[:-1])
    after = [p.rs_view.get(rs.metadata.name, rs) for rs in rss]
    grown = sum(max(0, util.spec_replicas(a) - util.spec_replicas(b)) for a, b in zip(after, rss, strict=True))
    room = max(0, replicas + surge - _pods(rss))
    assert grown <= room


def _scaling_event(d, rss: list[ReplicaSet]) -> bool:
    """sync.go: isScalingEvent: an active RS whose desired-replicas annotation is not ``replicas``."""
    return any(util.get_desired_replicas_annotation(rs) != (util.d_replicas(d), True)
               for rs in util.filter_active_replica_sets(rss))


def _resize_until_quiet(d, rss: list[ReplicaSet], gates: FeatureGates) -> list[ReplicaSet]:
    """Resize, then again while the controller still sees a scaling event, letting the pods follow
    each write (nothing terminates any more and every RS runs its spec)."""
    current = list(rss)
    for _ in range(60):
        p = Pass(d=d, gates=gates)
        sync.scale_v2(p, current[-1], current[:-1])
        current = [p.rs_view.get(rs.metadata.name, rs) for rs in current]
        current = [dataclasses.replace(rs, status=dataclasses.replace(
            rs.status, replicas=util.spec_replicas(rs), terminating_replicas=0)) for rs in current]
        if not _scaling_event(d, current):
            return current
    raise AssertionError("did not settle")


def _sizes(rss: list[ReplicaSet]) -> dict[str, int]:
    return {rs.metadata.name: util.spec_replicas(rs) for rs in rss}


@settings(max_examples=150, deadline=None)
@given(scaling_event())
def test_partial_resize_converges_to_the_classic_result(event: tuple[int, int, int, list[ReplicaSet]]) -> None:
    replicas, surge, _, rss = event
    d = _deployment(replicas, surge)
    settled = [dataclasses.replace(rs, status=dataclasses.replace(rs.status, replicas=util.spec_replicas(rs),
                                                                  terminating_replicas=0)) for rs in rss]
    classic = Pass(d=d)
    sync.scale(classic, settled[-1], settled[:-1])
    want = _sizes([classic.rs_view.get(rs.metadata.name, rs) for rs in settled])
    got = _resize_until_quiet(d, rss, GATES)
    assert _sizes(got) == want
    assert all(util.REPLICAS_BEFORE_SCALE_ANNOTATION not in dict(rs.metadata.annotations) for rs in got)
