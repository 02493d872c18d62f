"""Node lifecycle, taint eviction, GC, leader election, endpoints and the kubelet table.

Rows re-express scenarios of pkg/controller/nodelifecycle/node_lifecycle_controller_test.go
(TestMonitorNodeHealthUpdateStatus, TestComputeZoneState-style disruption cases),
pkg/controller/tainteviction/taint_eviction_test.go (TestGetMinTolerationTime),
pkg/controller/garbagecollector/garbagecollector_test.go and
client-go tools/leaderelection/leaderelection_test.go (TestTryAcquireOrRenew).
"""

from __future__ import annotations

import pathlib

from hypothesis import given
from hypothesis import strategies as st

from model.controllers import endpoints, gc, kubelet, leaderelection, nodelifecycle, tainteviction
from model.objects import (
    Container,
    LeaseSpec,
    Node,
    NodeCondition,
    NodeStatus,
    ObjectMeta,
    OwnerReference,
    Pod,
    PodCondition,
    PodSpec,
    PodStatus,
    Service,
    ServiceSpec,
    Taint,
    Toleration,
)
from model.timeutil import NANOS

S = NANOS


def ready_node(status: str = "True") -> Node:
    return Node(metadata=ObjectMeta(name="n", creation_timestamp=0),
                status=NodeStatus(conditions=(NodeCondition(type="Ready", status=status),
                                              NodeCondition(type="MemoryPressure", status="False"))))


class TestNodeLifecycle:
    def test_silence_beyond_the_grace_period_makes_every_monitored_condition_unknown(self) -> None:
        obs = nodelifecycle.observe_node(ready_node(), 0, 41 * S, 40 * S)
        conds = {c.type: (c.status, c.reason) for c in obs.node.status.conditions}
        assert conds["Ready"] == ("Unknown", "NodeStatusUnknown")
        assert conds["MemoryPressure"] == ("Unknown", "NodeStatusUnknown")
        assert conds["DiskPressure"] == ("Unknown", "NodeStatusNeverUpdated")
        keys = {(t.key, t.effect) for t in obs.node.spec.taints}
        assert keys == {(nodelifecycle.TAINT_UNREACHABLE, "NoSchedule"), (nodelifecycle.TAINT_UNREACHABLE, "NoExecute")}

    def test_other_taints_survive_and_noexecute_keeps_its_time_added(self) -> None:
        n = ready_node("Unknown")
        n = nodelifecycle.with_controller_taints(n, (Taint(key=nodelifecycle.TAINT_UNREACHABLE, effect="NoExecute",
                                                           time_added=5 * S),))
        n = Node(metadata=n.metadata, spec=type(n.spec)(taints=(*n.spec.taints, Taint(key="user", effect="NoSchedule"))),
                 status=n.status)
        obs = nodelifecycle.observe_node(n, 60 * S, 61 * S)
        ne = [t for t in obs.node.spec.taints if t.effect == "NoExecute"]
        assert ne == [Taint(key=nodelifecycle.TAINT_UNREACHABLE, effect="NoExecute", time_added=5 * S)]
        assert Taint(key="user", effect="NoSchedule") in obs.node.spec.taints

    def test_zone_states(self) -> None:
        assert nodelifecycle.compute_zone_state(["False", "Unknown"]) == (2, nodelifecycle.STATE_FULL_DISRUPTION)
        assert nodelifecycle.compute_zone_state(["True", "False", "False", "False"])[1] == (
            nodelifecycle.STATE_PARTIAL_DISRUPTION)
        # two not-ready nodes never make a partial disruption (more than 2 needed)
        assert nodelifecycle.compute_zone_state(["True", "False", "False"])[1] == nodelifecycle.STATE_NORMAL

    def test_all_zones_fully_disrupted_stops_evictions(self) -> None:
        d = nodelifecycle.handle_disruption({}, {"a": ["Unknown"], "b": ["False"]})
        assert d.all_fully_disrupted and dict(d.qps) == {"a": 0.0, "b": 0.0}
        d = nodelifecycle.handle_disruption({}, {"a": ["Unknown"], "b": ["True"]})
        assert dict(d.qps) == {"a": nodelifecycle.DEFAULT_EVICTION_QPS, "b": nodelifecycle.DEFAULT_EVICTION_QPS}

    def test_partial_disruption_rate_depends_on_zone_size(self) -> None:
        assert nodelifecycle.zone_eviction_qps(nodelifecycle.STATE_PARTIAL_DISRUPTION, 10) == 0.0
        assert nodelifecycle.zone_eviction_qps(nodelifecycle.STATE_PARTIAL_DISRUPTION, 51) == 0.01


NE = (Taint(key=tainteviction.TAINT_UNREACHABLE, effect="NoExecute"),)


class TestTaintEviction:
    def test_min_toleration_time(self) -> None:
        # taint_eviction_test.go TestGetMinTolerationTime
        assert tainteviction.min_toleration_seconds(()) == 0
        assert tainteviction.min_toleration_seconds((Toleration(toleration_seconds=10),)) == 10
        assert tainteviction.min_toleration_seconds((Toleration(),)) is None
        assert tainteviction.min_toleration_seconds((Toleration(toleration_seconds=10), Toleration())) == 10

    def test_default_tolerations_are_added_once(self) -> None:
        tols = tainteviction.add_default_tolerations(())
        assert {(t.key, t.toleration_seconds) for t in tols} == {
            (tainteviction.TAINT_NOT_READY, 300), (tainteviction.TAINT_UNREACHABLE, 300)}
        assert tainteviction.add_default_tolerations(tols) == tols
        assert tainteviction.add_default_tolerations((Toleration(operator="Exists"),)) == (Toleration(operator="Exists"),)

    def test_default_tolerations_evict_after_five_minutes(self) -> None:
        plan = tainteviction.plan(NE, tainteviction.add_default_tolerations(()), 100 * S)
        assert plan == tainteviction.EvictionPlan("evictAt", 400 * S)


@given(st.lists(st.one_of(st.none(), st.integers(-5, 600)), max_size=4), st.integers(0, 10**6),
       st.one_of(st.none(), st.integers(0, 10**6)))
def test_eviction_never_happens_before_the_shortest_toleration(seconds: list[int | None], now_s: int,
                                                                sched_s: int | None) -> None:
    tols = tuple(Toleration(key=tainteviction.TAINT_UNREACHABLE, operator="Exists", effect="NoExecute",
                            toleration_seconds=s) for s in seconds)
    now = now_s * S
    sched = None if sched_s is None else min(sched_s, now_s) * S
    plan = tainteviction.plan(NE, tols, now, sched)
    if not tols:
        assert plan.action == "evictNow"
    elif plan.action == "evictAt":
        assert plan.at is not None and plan.at > now
        first = tols[0].toleration_seconds  # the first tolerating toleration is the one used
        assert first is not None and plan.at == (sched if sched is not None else now) + first * S
    elif plan.action == "none":
        assert tols[0].toleration_seconds is None


def meta(*uids: str, finalizers: tuple[str, ...] = ()) -> ObjectMeta:
    return ObjectMeta(name="d", owner_references=tuple(OwnerReference(kind="ReplicaSet", name=u, uid=u) for u in uids),
                      finalizers=finalizers)


class TestGc:
    def test_owner_status_from_live_metadata(self) -> None:
        owner = ObjectMeta(name="rs", uid="u1", deletion_timestamp=1, finalizers=(gc.FINALIZER_FOREGROUND,))
        assert gc.owner_status(owner, "u1") == gc.OwnerStatus(True, True, True)
        assert gc.owner_status(owner, "other") == gc.OwnerStatus()  # UID mismatch: dangling

    def test_foreground_finalizer_on_object_is_honoured(self) -> None:
        d = gc.classify_owner_references(meta("u1", finalizers=(gc.FINALIZER_FOREGROUND,)), {})
        assert (d.action, d.propagation_policy) == (gc.DELETE_FOREGROUND, gc.FOREGROUND)

    def test_strip(self) -> None:
        assert gc.strip_owner_references(meta("a", "b"), ["a"]).owner_references == meta("b").owner_references


owner_states = st.sampled_from([None, gc.OwnerStatus(True), gc.OwnerStatus(True, True),
                                gc.OwnerStatus(True, True, True), gc.OwnerStatus(True, False, True)])


@given(st.lists(owner_states, max_size=4), st.booleans(), st.sampled_from([(), ("orphan",), ("foregroundDeletion",)]))
def test_gc_never_deletes_an_object_with_a_solid_owner(states: list[gc.OwnerStatus | None], deps: bool,
                                                       fins: tuple[str, ...]) -> None:
    uids = [f"u{i}" for i in range(len(states))]
    owners = {u: s for u, s in zip(uids, states, strict=True) if s is not None}
    d = gc.classify_owner_references(meta(*uids, finalizers=fins), owners, deps)
    assert sorted(d.solid + d.dangling + d.waiting) == sorted(uids)
    if d.solid:
        assert d.action in (gc.KEEP, gc.PATCH_OWNER_REFS)
    if not uids:
        assert d.action == gc.KEEP


class TestLeaderElection:
    def test_acquire_renew_and_takeover(self) -> None:
        a, b = leaderelection.ElectorState("a"), leaderelection.ElectorState("b")
        first = leaderelection.try_acquire_or_renew(a, None, 0)
        assert first.acquired and first.create and first.write is not None
        lease = first.write
        blocked = leaderelection.try_acquire_or_renew(b, lease, 1 * S)
        assert not blocked.acquired and blocked.write is None
        renew = leaderelection.try_acquire_or_renew(first.elector, lease, 5 * S)
        assert renew.acquired and renew.write is not None
        assert renew.write.acquire_time == 0 and renew.write.renew_time == 5 * S
        # b observed the renewed record at 6 s; it may take over only after 6 + 15 s.
        seen = leaderelection.try_acquire_or_renew(blocked.elector, renew.write, 6 * S)
        assert not seen.acquired
        assert not leaderelection.try_acquire_or_renew(seen.elector, renew.write, 21 * S - 1).acquired
        take = leaderelection.try_acquire_or_renew(seen.elector, renew.write, 21 * S)
        assert take.acquired and take.write is not None and take.write.holder_identity == "b"
        assert take.write.lease_transitions == (renew.write.lease_transitions or 0) + 1

    def test_config_validation(self) -> None:
        leaderelection.validate_config(15, 10, 2)
        for bad in ((10, 10, 2), (15, 2, 2)):
            try:
                leaderelection.validate_config(*bad)
            except Exception as exc:  # noqa: BLE001
                assert getattr(exc, "kind", "") == "Invalid"
            else:
                raise AssertionError(f"{bad} accepted")


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 30)), max_size=12))
def test_a_lease_is_taken_over_only_after_a_full_observed_lease_duration(attempts: list[tuple[str, int]]) -> None:
    """With every write applied in order: a candidate takes a lease held by someone else only if it
    saw exactly that record, unchanged, for at least leaseDuration on its own clock."""
    electors = {n: leaderelection.ElectorState(n) for n in "abc"}
    lease: LeaseSpec | None = None
    now = 0
    for name, dt in attempts:
        now += dt * S
        before = electors[name]
        d = leaderelection.try_acquire_or_renew(before, lease, now)
        electors[name] = d.elector
        if d.acquired and lease is not None and lease.holder_identity not in ("", name, None):
            assert before.observed == lease and before.observed_time is not None
            assert before.observed_time + 15 * S <= now
        if d.acquired:
            lease = d.write


def running(name: str, ready: bool, terminating: bool = False, ns: str = "default") -> Pod:
    return Pod(metadata=ObjectMeta(name=name, namespace=ns, labels=(("app", "web"),),
                                   deletion_timestamp=1 if terminating else None),
               spec=PodSpec(node_name="n"),
               status=PodStatus(phase="Running", conditions=(PodCondition(type="Ready", status="True" if ready else "False"),)))


class TestEndpoints:
    svc = Service(metadata=ObjectMeta(name="web", namespace="default"), spec=ServiceSpec(selector=(("app", "web"),)))

    def test_only_ready_pods_get_traffic(self) -> None:
        pods = [running("a", True), running("b", False), running("c", True, terminating=True),
                running("d", True, ns="other")]
        assert endpoints.routed_pods(self.svc, pods) == ("a",)

    def test_terminating_serving_pods_are_the_fallback(self) -> None:
        assert endpoints.routed_pods(self.svc, [running("c", True, terminating=True), running("b", False)]) == ("c",)


class TestKubelet:
    def test_crash_loop_backoff_doubles_to_five_minutes(self) -> None:
        assert [kubelet.crash_loop_backoff(n) // S for n in range(1, 8)] == [10, 20, 40, 80, 160, 300, 300]

    def test_every_state_but_gone_has_a_way_out_and_gone_is_final(self) -> None:
        for state in kubelet.STATES:
            assert bool(kubelet.transitions_from(state)) == (state != kubelet.GONE)

    def test_graceful_termination_uses_the_grace_period(self) -> None:
        p = Pod(metadata=ObjectMeta(name="p", deletion_timestamp=0, deletion_grace_period_seconds=None),
                spec=PodSpec(node_name="n", containers=(Container(name="c"),), termination_grace_period_seconds=45))
        # a pod already marked for deletion is Terminating; the step from a live pod sets the timer
        live = Pod(metadata=ObjectMeta(name="p"), spec=p.spec)
        step = kubelet.kubelet_step(live, kubelet.DELETION_REQUESTED, 10 * S)
        assert step.wake_at == 55 * S
        assert kubelet.lifecycle_state(p) == kubelet.TERMINATING
        assert kubelet.kubelet_step(p, kubelet.GRACE_PERIOD_EXPIRED, 60 * S).pod is None

    def test_generated_diagram_is_current(self) -> None:
        doc = pathlib.Path(__file__).parent.parent / "docs" / "kubelet-lifecycle.md"
        assert kubelet.mermaid() in doc.read_text()


def test_delete_object_by_policy() -> None:
    m = ObjectMeta(name="rs", uid="u")
    assert gc.delete_object(m, gc.BACKGROUND, 5) is None
    fg = gc.delete_object(m, gc.FOREGROUND, 5)
    assert fg is not None and fg.finalizers == (gc.FINALIZER_FOREGROUND,) and fg.deletion_timestamp == 5
    held = gc.delete_object(ObjectMeta(name="rs", finalizers=("example.com/hold",)), gc.BACKGROUND, 7)
    assert held is not None and held.deletion_timestamp == 7


def test_taint_interval_follows_the_zone_rate() -> None:
    assert nodelifecycle.taint_interval(0.1) == 10 * S
    assert nodelifecycle.taint_interval(0.0) is None


def test_retry_delay_bounds() -> None:
    assert leaderelection.retry_delay(2) == 2 * S
    assert leaderelection.retry_delay(2, jittered=True) == int(4.4 * S)
    assert leaderelection.must_step_down(0, 10 * S) and not leaderelection.must_step_down(0, 10 * S - 1)


def test_a_healthy_kubelet_drives_a_pod_to_ready_and_an_unpullable_image_backs_off() -> None:
    p = Pod(metadata=ObjectMeta(name="p"), spec=PodSpec(node_name="n", containers=(Container(name="c", image="app:1"),)))
    step = kubelet.KubeletStep(p)
    seen = []
    for t in range(3):
        assert step.pod is not None
        event = kubelet.natural_event(step.pod)
        if event is None:
            break
        seen.append(event)
        step = kubelet.kubelet_step(step.pod, event, t * S)
    assert seen == [kubelet.IMAGE_PULLED, kubelet.READINESS_SUCCEEDED]
    assert step.pod is not None and kubelet.lifecycle_state(step.pod) == kubelet.READY
    bad = kubelet.kubelet_step(p, kubelet.natural_event(p, ("app:1",)) or "", 0)
    assert bad.pod is not None and kubelet.lifecycle_state(bad.pod) == kubelet.IMAGE_PULL_BACK_OFF
    assert kubelet.natural_event(bad.pod, ("app:1",), now=5 * S, wake_at=bad.wake_at) is None
    assert kubelet.natural_event(bad.pod, ("app:1",), now=10 * S, wake_at=bad.wake_at) == kubelet.BACK_OFF_EXPIRED
