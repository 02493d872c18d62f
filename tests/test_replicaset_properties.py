"""Hypothesis properties of the scale-down order and of one ReplicaSet sync pass."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from model.controllers.controller_utils import (
    CallError,
    ControlleeExpectations,
    RankGates,
    active_pods_less,
    active_pods_with_ranks_less,
    is_pod_active,
)
from model.controllers.replicaset import sync_replicaset
from model.labels import LabelSelector
from model.objects import (
    ContainerStatus,
    ObjectMeta,
    OwnerReference,
    Pod,
    PodCondition,
    PodSpec,
    PodStatus,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetSpec,
    freeze_map,
)
from model.timeutil import GO_ZERO_TIME, NANOS, parse_time

NOW = parse_time("2024-05-01T12:00:00Z")
HOUR = 3600 * NANOS
TIMES = st.sampled_from([None, GO_ZERO_TIME, NOW, NOW - HOUR, NOW - 5 * HOUR, NOW - 8 * HOUR, NOW - 700 * HOUR])


@st.composite
def pods(draw: st.DrawFn) -> Pod:
    ready = draw(st.sampled_from([None, True, False]))
    cost = draw(st.sampled_from([None, "-5", "0", "7", "bad"]))
    return Pod(
        metadata=ObjectMeta(name="p", uid=draw(st.sampled_from(["", "a", "b", "c"])),
                            creation_timestamp=draw(TIMES),
                            annotations=freeze_map({} if cost is None else
                                                   {"controller.kubernetes.io/pod-deletion-cost": cost})),
        spec=PodSpec(node_name=draw(st.sampled_from(["", "n1", "n2"]))),
        status=PodStatus(
            phase=draw(st.sampled_from(["Pending", "Unknown", "Running", ""])),
            conditions=() if ready is None else (PodCondition("Ready", "True" if ready else "False", draw(TIMES)),),
            container_statuses=tuple(ContainerStatus(restart_count=r)
                                     for r in draw(st.lists(st.integers(0, 3), max_size=2)))),
    )


ranked = st.tuples(pods(), st.integers(0, 3))
PLAIN = [RankGates(pod_deletion_cost=c, logarithmic_scale_down=False) for c in (True, False)]


@given(ranked, ranked, ranked, st.sampled_from(PLAIN), st.sampled_from([None, NOW]))
def test_ranked_order_without_log_buckets_is_a_strict_weak_order(x, y, z, gates, now) -> None:  # type: ignore[no-untyped-def]
    def less(p: tuple[Pod, int], q: tuple[Pod, int]) -> bool:
        return active_pods_with_ranks_less(p[0], p[1], q[0], q[1], now, gates)

    def incomparable(p: tuple[Pod, int], q: tuple[Pod, int]) -> bool:
        return not less(p, q) and not less(q, p)

    assert not less(x, x)
    if less(x, y) and less(y, z):
        assert less(x, z)
    if incomparable(x, y) and incomparable(y, z):
        assert incomparable(x, z)


@given(pods(), pods(), pods())
def test_plain_active_pods_order_is_a_strict_weak_order(a: Pod, b: Pod, c: Pod) -> None:
    assert not active_pods_less(a, a)
    if active_pods_less(a, b) and active_pods_less(b, c):
        assert active_pods_less(a, c)
    inc = lambda p, q: not active_pods_less(p, q) and not active_pods_less(q, p)  # noqa: E731
    if inc(a, b) and inc(b, c):
        assert inc(a, c)


def test_logarithmic_order_is_not_transitive_in_kubernetes_either() -> None:
    """With LogarithmicScaleDown, two ready times in one bucket compare by UID and stop, while equal
    times fall through to restarts: Kubernetes' Less then has a cycle (a finding, pinned here)."""
    def ready(uid: str, since: int, restarts: int) -> Pod:
        return Pod(metadata=ObjectMeta(uid=uid), spec=PodSpec(node_name="n"),
                   status=PodStatus(phase="Running", conditions=(PodCondition("Ready", "True", since),),
                                    container_statuses=(ContainerStatus(restart_count=restarts),)))
    a = ready("c", NOW - 5 * HOUR, 5)
    b = ready("a", NOW - 5 * HOUR, 0)
    c = ready("b", NOW - 8 * HOUR, 0)
    assert active_pods_with_ranks_less(a, 0, b, 0, NOW)   # more restarts
    assert active_pods_with_ranks_less(b, 0, c, 0, NOW)   # same bucket, uid "a" < "b"
    assert active_pods_with_ranks_less(c, 0, a, 0, NOW)   # same bucket, uid "b" < "c"


# --- sync bounds -----------------------------------------------------------------------------

RS_UID = "rs-uid"
LABELS = freeze_map({"app": "web"})


def _rs(replicas: int, deleting: bool) -> ReplicaSet:
    return ReplicaSet(
        metadata=ObjectMeta(name="web", namespace="ns", uid=RS_UID, deletion_timestamp=NOW if deleting else None),
        spec=ReplicaSetSpec(replicas=replicas, selector=LabelSelector(match_labels=LABELS),
                            template=PodTemplateSpec(metadata=ObjectMeta(labels=LABELS))),
    )


@st.composite
def namespace_pods(draw: st.DrawFn) -> tuple[Pod, ...]:
    out = []
    for i in range(draw(st.integers(0, 12))):
        owner = draw(st.sampled_from([None, RS_UID, "other"]))
        refs = () if owner is None else (OwnerReference(kind="ReplicaSet", name="x", uid=owner, controller=True),)
        out.append(Pod(
            metadata=ObjectMeta(name=f"p{i}", namespace="ns", uid=f"u{i}",
                                labels=draw(st.sampled_from([LABELS, freeze_map({"app": "db"})])),
                                owner_references=refs,
                                deletion_timestamp=draw(st.sampled_from([None, None, NOW]))),
            spec=PodSpec(node_name=draw(st.sampled_from(["", "n1", "n2"]))),
            status=PodStatus(phase=draw(st.sampled_from(["Running", "Pending", "Failed"]))),
        ))
    return tuple(out)


@given(st.integers(0, 15), namespace_pods(), st.integers(1, 6), st.booleans(), st.integers(0, 4),
       st.sampled_from([None, ControlleeExpectations(), ControlleeExpectations(add=1, timestamp=NOW)]))
def test_sync_respects_replicas_and_burst(replicas, pods, burst, deleting, create_limit, exp) -> None:  # type: ignore[no-untyped-def]
    rs = _rs(replicas, deleting)
    result = sync_replicaset(
        rs, pods, None, exp, NOW, burst_replicas=burst,
        create_outcome=lambda k, _p: None if create_limit == 0 or k <= create_limit else CallError("quota"))
    assert result.error is None or result.managed
    owned_active = [p for p in result.claimed if is_pod_active(p)]
    assert len(result.claimed) == len(owned_active)
    creates, deletes = len(result.creates), len(result.deletes)
    assert creates <= max(replicas - len(owned_active), 0)
    assert creates <= burst
    assert deletes <= max(len(owned_active) - replicas, 0)
    assert deletes <= burst
    assert not (creates and deletes)
    if deleting:
        assert creates == deletes == 0 and not result.patches
    # Deleted pods are owned, active pods.
    owned_names = {p.metadata.name for p in owned_active}
    assert {d.pod_name for d in result.deletes} <= owned_names
    # Outstanding creations equal the successful creates.
    if creates:
        assert result.expectations is not None
        assert result.expectations.add == sum(1 for c in result.creates if c.error is None)


@given(st.lists(pods(), max_size=16), st.lists(pods(), max_size=8), st.integers(0, 16), st.sampled_from(PLAIN))
def test_no_survivor_should_have_gone_before_a_victim(owned, others, diff, gates) -> None:  # type: ignore[no-untyped-def]
    """getPodsToDelete takes a prefix of the ranked order: no kept pod ranks before a deleted one."""
    from model.controllers.replicaset import colocation_ranks, get_pods_to_delete

    owned = [replace(p, metadata=replace(p.metadata, name=f"o{i}")) for i, p in enumerate(owned)]
    related = owned + list(others)
    diff = min(diff, len(owned))
    victims = get_pods_to_delete(owned, related, diff, NOW, gates)
    assert len(victims) == diff
    if diff == len(owned):
        assert list(victims) == owned
        return
    rank = dict(zip((p.metadata.name for p in owned), colocation_ranks(owned, related), strict=True))
    chosen = {p.metadata.name for p in victims}
    for v in victims:
        for w in owned:
            if w.metadata.name not in chosen:
                assert not active_pods_with_ranks_less(w, rank[w.metadata.name], v, rank[v.metadata.name], NOW, gates)
