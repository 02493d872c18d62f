"""Scheduler plugins: behaviour pinned from Kubernetes' plugin tests, plus properties.

Table rows re-express pkg/scheduler/framework/plugins/{noderesources,tainttoleration,
nodeunschedulable,nodeaffinity,podtopologyspread} tests; the JSON-level rows are in
tests/conformance_cases/scheduler.jsonl.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.conformance import evaluate
from model.controllers.scheduler import noderesources, tainttoleration
from model.controllers.scheduler.nodeaffinity import node_affinity_filter
from model.controllers.scheduler.podtopologyspread import topology_spread_filter, topology_spread_score
from model.controllers.scheduler.resources import (
    DEFAULT_MEMORY_REQUEST,
    compute_pod_resource_request,
    is_extended_resource_name,
    node_info,
    non_zero_request,
)
from model.controllers.scheduler.schedule import node_infos, run_filters, schedule_one
from model.labels import LabelSelector
from model.objects import (
    Container,
    Node,
    NodeSelectorRequirement,
    NodeSelectorTerm,
    NodeSpec,
    NodeStatus,
    ObjectMeta,
    Pod,
    PodSpec,
    PodStatus,
    ResourceRequirements,
    Taint,
    Toleration,
    TopologySpreadConstraint,
)


def container(name: str = "c", restart_policy: str | None = None, **req: str) -> Container:
    return Container(name=name, resources=ResourceRequirements(requests=tuple(sorted(
        (k.replace("_", "-"), v) for k, v in req.items()))), restart_policy=restart_policy)


def pod(*containers: Container, init: tuple[Container, ...] = (), node: str = "", name: str = "p",
        labels: tuple[tuple[str, str], ...] = (), **spec: object) -> Pod:
    return Pod(metadata=ObjectMeta(name=name, labels=labels),
               spec=PodSpec(containers=containers, init_containers=init, node_name=node, **spec))  # type: ignore[arg-type]


def node(name: str = "n", cpu: str = "4", memory: str = "8Gi", pods: str = "110",
         labels: tuple[tuple[str, str], ...] = (), taints: tuple[Taint, ...] = ()) -> Node:
    return Node(metadata=ObjectMeta(name=name, labels=labels), spec=NodeSpec(taints=taints),
                status=NodeStatus(allocatable=(("cpu", cpu), ("memory", memory), ("pods", pods))))


class TestEffectiveRequest:
    def test_init_container_is_a_maximum_not_a_sum(self) -> None:
        # fit.go computePodResourceRequest example: IC 2cpu/1G, 2cpu/3G; C 2cpu/1G, 1cpu/1G → 3 cpu, 3G.
        p = pod(container("c1", cpu="2", memory="1G"), container("c2", cpu="1", memory="1G"),
                init=(container("i1", cpu="2", memory="1G"), container("i2", cpu="2", memory="3G")))
        r = compute_pod_resource_request(p)
        assert (r.milli_cpu, r.memory) == (3000, 3_000_000_000)

    def test_sidecar_adds_to_containers_and_to_later_init_containers(self) -> None:
        p = pod(container("c", cpu="1"),
                init=(container("s", "Always", cpu="2"), container("i", cpu="4")))
        # long-running: 1 + 2 = 3; init phase: 2 (sidecar) + 4 = 6 → 6
        assert compute_pod_resource_request(p).milli_cpu == 6000

    def test_overhead_is_added(self) -> None:
        p = pod(container(cpu="1m", memory="1"), overhead=(("cpu", "3m"), ("memory", "13")))
        r = compute_pod_resource_request(p)
        assert (r.milli_cpu, r.memory) == (4, 14)

    def test_scoring_defaults_apply_only_to_missing_requests(self) -> None:
        assert non_zero_request(pod(container())) == (100, DEFAULT_MEMORY_REQUEST)
        assert non_zero_request(pod(container(cpu="0", memory="0"))) == (0, 0)
        assert non_zero_request(pod()) == (0, 0)


class TestFit:
    def test_equal_edge_case_fits(self) -> None:
        info = node_info(node(cpu="10m", memory="20"), [pod(container(cpu="5m", memory="19"), node="n")])
        assert noderesources.fit_filter(pod(container(cpu="5m", memory="1")), info).fits

    def test_the_pod_limit_applies_to_a_pod_requesting_nothing(self) -> None:
        info = node_info(node(pods="1"), [pod(node="n")])
        result = noderesources.fit_filter(pod(), info)
        assert not result.fits and result.reasons == ("Too many pods",)

    def test_request_above_whole_allocatable_is_unresolvable(self) -> None:
        result = noderesources.fit_filter(pod(container(cpu="5")), node_info(node(cpu="4"), []))
        assert result.code == noderesources.UNSCHEDULABLE_AND_UNRESOLVABLE

    def test_shortage_within_allocatable_is_plain_unschedulable(self) -> None:
        info = node_info(node(cpu="4"), [pod(container(cpu="3"), node="n")])
        result = noderesources.fit_filter(pod(container(cpu="2")), info)
        assert result.code == noderesources.UNSCHEDULABLE and result.reasons == ("Insufficient cpu",)


class TestScores:
    def test_least_allocated_example(self) -> None:
        # least_allocated_test.go: cpu 3000/4000, memory 5000/10000 → (25 + 50) / 2 = 37
        p = pod(container(cpu="1", memory="2000"), container(cpu="2", memory="3000"))
        infos = [node_info(node("node1", cpu="4", memory="10000"), [])]
        assert noderesources.score_resource_allocation(p, infos, noderesources.DEFAULT_RESOURCES).scores == (
            ("node1", 37),)

    def test_balanced_allocation_skips_best_effort_pods(self) -> None:
        assert noderesources.score_balanced_allocation(pod(container()), [node_info(node(), [])]).status == "Skip"


class TestTaints:
    def test_prefer_no_schedule_never_blocks(self) -> None:
        n = node(taints=(Taint(key="k", effect="PreferNoSchedule"),))
        assert tainttoleration.taint_toleration_filter(pod(), n).fits

    def test_numeric_operators_need_the_gate(self) -> None:
        tol = Toleration(key="sla", operator="Gt", value="10", effect="NoSchedule")
        taint = Taint(key="sla", value="11", effect="NoSchedule")
        assert not tainttoleration.tolerates_taint(tol, taint)
        assert tainttoleration.tolerates_taint(tol, taint, comparison_operators=True)


class TestNodeAffinity:
    def test_node_selector_and_terms(self) -> None:
        n = node(labels=(("zone", "a"),))
        assert node_affinity_filter(pod(node_selector=(("zone", "a"),)), n).fits
        assert not node_affinity_filter(pod(node_selector=(("zone", "b"),)), n).fits
        term = NodeSelectorTerm(match_expressions=(NodeSelectorRequirement("zone", "In", ("b", "c")),))
        assert not node_affinity_filter(pod(required_node_affinity=(term,)), n).fits
        # an empty term matches nothing (nodeaffinity.go)
        assert not node_affinity_filter(pod(required_node_affinity=(NodeSelectorTerm(),)), n).fits


def _spread_pod(when: str, max_skew: int = 1) -> Pod:
    sel = LabelSelector(match_labels=(("app", "web"),))
    c = TopologySpreadConstraint(max_skew=max_skew, topology_key="zone", when_unsatisfiable=when, label_selector=sel)
    return pod(container(cpu="10m"), labels=(("app", "web"),), topology_spread_constraints=(c,))


class TestTopologySpread:
    def nodes(self) -> list[Node]:
        return [node("a1", labels=(("zone", "a"),)), node("b1", labels=(("zone", "b"),))]

    def test_do_not_schedule_rejects_the_crowded_zone(self) -> None:
        bound = [pod(node="a1", name="x", labels=(("app", "web"),))]
        infos = node_infos(self.nodes(), bound)
        p = _spread_pod("DoNotSchedule")
        assert not topology_spread_filter(p, infos[0], infos).fits
        assert topology_spread_filter(p, infos[1], infos).fits

    def test_schedule_anyway_prefers_the_empty_zone(self) -> None:
        bound = [pod(node="a1", name="x", labels=(("app", "web"),))]
        infos = node_infos(self.nodes(), bound)
        scores = dict(topology_spread_score(_spread_pod("ScheduleAnyway"), infos, infos) or ())
        assert scores["b1"] > scores["a1"]

    def test_missing_topology_label_is_unresolvable(self) -> None:
        infos = node_infos([node("x")], [])
        assert topology_spread_filter(_spread_pod("DoNotSchedule"), infos[0], infos).code == (
            noderesources.UNSCHEDULABLE_AND_UNRESOLVABLE)


class TestScheduleOne:
    def test_ties_resolve_to_the_lowest_name_and_expose_all_best(self) -> None:
        result = schedule_one(pod(container(cpu="1")), [node("n2"), node("n1")], [])
        assert result.node == "n1" and result.best == ("n1", "n2")

    def test_no_fit_reports_the_reason_histogram(self) -> None:
        result = schedule_one(pod(container(cpu="8")), [node("a"), node("b", taints=(Taint(key="k", effect="NoSchedule"),))], [])
        assert result.node is None
        # The taint filter runs before NodeResourcesFit, so node b reports only the taint.
        assert result.message == "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s)."

    def test_terminal_pods_free_their_resources(self) -> None:
        done = Pod(metadata=ObjectMeta(name="done"), spec=PodSpec(node_name="n", containers=(container(cpu="4"),)),
                   status=PodStatus(phase="Succeeded"))
        assert schedule_one(pod(container(cpu="1")), [node("n")], [done]).node == "n"

    def test_unschedulable_node_is_skipped(self) -> None:
        cordoned = Node(metadata=ObjectMeta(name="a"), spec=NodeSpec(unschedulable=True),
                        status=node().status)
        assert schedule_one(pod(), [cordoned, node("b")], []).node == "b"


# ---------------------------------------------------------------------------------------------
# properties

cpu_m = st.integers(min_value=0, max_value=4000)
mem = st.integers(min_value=0, max_value=4096)


@given(alloc_cpu=st.integers(1, 8000), alloc_mem=st.integers(1, 8192), max_pods=st.integers(1, 5),
       existing=st.lists(st.tuples(cpu_m, mem), max_size=5), incoming=st.tuples(cpu_m, mem),
       init=st.lists(st.tuples(cpu_m, mem), max_size=2))
def test_a_pod_that_fits_leaves_the_node_not_overcommitted(alloc_cpu: int, alloc_mem: int, max_pods: int,
                                                           existing: list[tuple[int, int]],
                                                           incoming: tuple[int, int],
                                                           init: list[tuple[int, int]]) -> None:
    n = node(cpu=f"{alloc_cpu}m", memory=str(alloc_mem), pods=str(max_pods))
    bound: list[Pod] = []
    for i, (c, m) in enumerate(existing):  # admit existing pods one by one, as the scheduler would
        cand = pod(container(cpu=f"{c}m", memory=str(m)), node="n", name=f"e{i}")
        if noderesources.fit_filter(cand, node_info(n, bound)).fits:
            bound.append(cand)
    p = pod(container(cpu=f"{incoming[0]}m", memory=str(incoming[1])),
            init=tuple(container(f"i{i}", cpu=f"{c}m", memory=str(m)) for i, (c, m) in enumerate(init)))
    if noderesources.fit_filter(p, node_info(n, bound)).fits:
        after = node_info(n, [*bound, p])
        assert after.requested.milli_cpu <= alloc_cpu
        assert after.requested.memory <= alloc_mem
        assert len(after.pods) <= max_pods


keys = st.sampled_from(["", "a", "b"])
values = st.sampled_from(["", "x", "y"])
effects = st.sampled_from(["", "NoSchedule", "PreferNoSchedule", "NoExecute"])
taint_effects = st.sampled_from(["NoSchedule", "PreferNoSchedule", "NoExecute"])
operators = st.sampled_from(["", "Equal", "Exists"])


@given(key=keys, op=operators, value=values, effect=effects, tkey=keys.filter(bool), tvalue=values,
       teffect=taint_effects)
def test_toleration_matching_rules(key: str, op: str, value: str, effect: str, tkey: str, tvalue: str,
                                   teffect: str) -> None:
    tol = Toleration(key=key, operator=op, value=value, effect=effect)
    taint = Taint(key=tkey, value=tvalue, effect=teffect)
    got = tainttoleration.tolerates_taint(tol, taint)
    effect_ok = effect in ("", teffect)
    key_ok = key in ("", tkey)
    value_ok = op == "Exists" or value == tvalue
    assert got == (effect_ok and key_ok and value_ok)
    # An empty-key Exists toleration with no effect tolerates every taint.
    assert tainttoleration.tolerates_taint(Toleration(operator="Exists"), taint)


@given(st.lists(st.tuples(keys.filter(bool), values, taint_effects), max_size=4),
       st.lists(st.tuples(keys, operators, values, effects), max_size=4))
def test_filter_fails_exactly_on_an_untolerated_hard_taint(taints: list[tuple[str, str, str]],
                                                           tols: list[tuple[str, str, str, str]]) -> None:
    n = node(taints=tuple(Taint(key=k, value=v, effect=e) for k, v, e in taints))
    p = pod(tolerations=tuple(Toleration(key=k, operator=o, value=v, effect=e) for k, o, v, e in tols))
    hard_untolerated = any(t.effect in ("NoSchedule", "NoExecute")
                           and not tainttoleration.tolerations_tolerate_taint(p.spec.tolerations, t)
                           for t in n.spec.taints)
    assert tainttoleration.taint_toleration_filter(p, n).fits == (not hard_untolerated)


@given(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 3)), min_size=1, max_size=4), st.integers(0, 4))
def test_the_chosen_node_passes_every_filter(shape: list[tuple[int, int]], request: int) -> None:
    nodes = [node(f"n{i}", cpu=str(c)) for i, (c, _) in enumerate(shape)]
    bound = [pod(container(cpu="1"), node=f"n{i}", name=f"b{i}-{j}") for i, (_, k) in enumerate(shape)
             for j in range(k)]
    p = pod(container(cpu=str(request)))
    result = schedule_one(p, nodes, bound)
    infos = node_infos(nodes, bound)
    feasible = {i.name for i in infos if not run_filters(p, i, infos)}
    if result.node is None:
        assert not feasible
    else:
        assert result.node in feasible and result.node in result.best and set(result.best) <= feasible


@pytest.mark.parametrize(("name", "extended"), [
    ("pod.alpha.kubernetes.io/opaque-int-resource-foo", False),
    ("kubernetes.io/resource-foo", False),
    ("foo", False),
    ("a/b", True),
    ("requests.foobar", False),
    ("c/d/", False),          # "requests.c/d/" is no qualified name
    ("", False),
    ("Example.com/gpu", False),  # the prefix must be a lower-case DNS subdomain
    ("example.com/", False),
    ("example.com/a_b", True),
])
def test_extended_resource_names_follow_is_extended_resource_name(name: str, extended: bool) -> None:
    # pkg/apis/core/v1/helper: IsExtendedResourceName, including its IsQualifiedName check of the quota name.
    assert is_extended_resource_name(name) is extended


def test_a_request_for_a_name_that_is_no_resource_is_not_counted_by_the_fit_filter() -> None:
    # A name that is neither native nor a valid extended resource never reaches the node's accounting.
    out = evaluate("scheduler.fits", {
        "pod": {"spec": {"containers": [{"name": "c", "resources": {"requests": {"Example.com/a": "1"}}}]}},
        "node": {"status": {"allocatable": {"cpu": "10m", "pods": "5"}}}, "nodePods": []})
    assert out["fits"] is True
