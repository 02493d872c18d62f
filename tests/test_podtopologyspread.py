"""PodTopologySpread scoring, re-expressing rows of Kubernetes'
pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go (TestPodTopologySpreadScore).

``nodes`` are the candidates (passed filtering); ``failed`` nodes still hold counted pods.
"""

from __future__ import annotations

import pytest

from model.controllers.scheduler.podtopologyspread import topology_spread_score
from model.controllers.scheduler.schedule import node_infos
from model.labels import LabelSelector, LabelSelectorRequirement
from model.objects import Node, ObjectMeta, Pod, PodSpec, TopologySpreadConstraint

HOST = "kubernetes.io/hostname"
FOO = LabelSelector(match_expressions=(LabelSelectorRequirement("foo", "Exists"),))


def incoming(*constraints: tuple[int, str], selector: LabelSelector | None = FOO) -> Pod:
    return Pod(metadata=ObjectMeta(name="p", labels=(("foo", ""),)), spec=PodSpec(topology_spread_constraints=tuple(
        TopologySpreadConstraint(max_skew=skew, topology_key=key, when_unsatisfiable="ScheduleAnyway",
                                 label_selector=selector) for skew, key in constraints)))


def node(name: str, **labels: str) -> Node:
    lab = {HOST: name, **{k.replace("_", "/"): v for k, v in labels.items()}}
    return Node(metadata=ObjectMeta(name=name, labels=tuple(sorted(lab.items()))))


def spread(counts: dict[str, int]) -> list[Pod]:
    return [Pod(metadata=ObjectMeta(name=f"p-{n}{i}", labels=(("foo", ""),)), spec=PodSpec(node_name=n))
            for n, k in counts.items() for i in range(k)]


def score(pod: Pod, nodes: list[Node], failed: list[Node], existing: list[Pod]) -> dict[str, int]:
    all_infos = node_infos(nodes + failed, existing)
    candidates = [i for i in all_infos if i.name in {n.metadata.name for n in nodes}]
    return dict(topology_spread_score(pod, candidates, all_infos) or ())


ABCD = [node("node-a"), node("node-b"), node("node-c"), node("node-d")]


@pytest.mark.parametrize(("name", "pod", "nodes", "failed", "counts", "want"), [
    ("one constraint on node, no existing pods", incoming((1, HOST)), ABCD[:2], [], {},
     {"node-a": 100, "node-b": 100}),
    ("one constraint on node, all 4 nodes are candidates", incoming((1, HOST)), ABCD, [],
     {"node-a": 2, "node-b": 1, "node-d": 3}, {"node-a": 20, "node-b": 60, "node-c": 100, "node-d": 0}),
    ("one constraint on node, null selector", incoming((1, HOST), selector=None), ABCD, [],
     {"node-a": 2, "node-b": 1, "node-d": 3}, {"node-a": 100, "node-b": 100, "node-c": 100, "node-d": 100}),
    ("one constraint on node, all 4 nodes are candidates, maxSkew=2", incoming((2, HOST)), ABCD, [],
     {"node-a": 2, "node-b": 1, "node-d": 3}, {"node-a": 33, "node-b": 66, "node-c": 100, "node-d": 16}),
    ("one constraint on node, all 4 nodes are candidates, maxSkew=3", incoming((3, HOST)), ABCD, [],
     {"node-a": 4, "node-b": 3, "node-c": 2, "node-d": 1},
     {"node-a": 44, "node-b": 66, "node-c": 77, "node-d": 100}),
    ("one constraint on node, 3 out of 4 nodes are candidates", incoming((1, HOST)),
     [node("node-a"), node("node-b"), node("node-x")], [node("node-y")],
     {"node-a": 4, "node-b": 2, "node-x": 1, "node-y": 3}, {"node-a": 33, "node-b": 83, "node-x": 100}),
    ("one constraint on node, one node doesn't match topology key", incoming((1, HOST)),
     [node("node-a"), Node(metadata=ObjectMeta(name="node-b", labels=(("n", "node-b"),))), node("node-x")],
     [node("node-y")], {"node-a": 4, "node-b": 2, "node-x": 1, "node-y": 3},
     {"node-a": 16, "node-b": 0, "node-x": 100}),
    ("one constraint on zone, 3 out of 4 nodes are candidates", incoming((1, "zone")),
     [node("node-a", zone="zone1"), node("node-b", zone="zone1"), node("node-x", zone="zone2")],
     [node("node-y", zone="zone2")], {"node-a": 4, "node-b": 2, "node-x": 1, "node-y": 3},
     {"node-a": 75, "node-b": 75, "node-x": 100}),
])
def test_pod_topology_spread_score(name: str, pod: Pod, nodes: list[Node], failed: list[Node],
                                   counts: dict[str, int], want: dict[str, int]) -> None:
    assert score(pod, nodes, failed, spread(counts)) == want, name


# ---- filtering_test.go: TestSingleConstraint (DoNotSchedule) ----

from model.controllers.scheduler.podtopologyspread import topology_spread_filter  # noqa: E402


def hard(key: str, skew: int = 1, sel: str = "foo", label: str = "foo") -> Pod:
    return Pod(metadata=ObjectMeta(name="p", labels=((label, ""),)), spec=PodSpec(topology_spread_constraints=(
        TopologySpreadConstraint(max_skew=skew, topology_key=key, when_unsatisfiable="DoNotSchedule",
                                 label_selector=LabelSelector(match_expressions=(
                                     LabelSelectorRequirement(sel, "Exists"),))),)))


def zn(name: str, zone_key: str = "zone", zone: str = "zone1") -> Node:
    return Node(metadata=ObjectMeta(name=name, labels=tuple(sorted({zone_key: zone, "node": name}.items()))))


FOUR = [zn("node-a"), zn("node-b"), zn("node-x", zone="zone2"), zn("node-y", zone="zone2")]
S, U, UU = "Success", "Unschedulable", "UnschedulableAndUnresolvable"


def codes(pod: Pod, nodes: list[Node], existing: list[Pod]) -> dict[str, str]:
    infos = node_infos(nodes, existing)
    out = {}
    for i in infos:
        r = topology_spread_filter(pod, i, infos)
        out[i.name] = S if r.fits else str(r.code)
    return out


@pytest.mark.parametrize(("name", "pod", "nodes", "counts", "want"), [
    ("no existing pods", hard("zone"), FOUR, {}, {"node-a": S, "node-b": S, "node-x": S, "node-y": S}),
    ("no existing pods, incoming pod doesn't match itself", hard("zone", sel="bar"), FOUR, {},
     {"node-a": S, "node-b": S, "node-x": S, "node-y": S}),
    ("pods spread across zones as 3/3, all nodes fit", hard("zone"), FOUR,
     {"node-a": 2, "node-b": 1, "node-y": 3}, {"node-a": S, "node-b": S, "node-x": S, "node-y": S}),
    ("pods spread across zones as 1/2 due to absence of label 'zone' on node-b", hard("zone"),
     [zn("node-a"), zn("node-b", zone_key="zon"), zn("node-x", zone="zone2"), zn("node-y", zone="zone2")],
     {"node-a": 1, "node-b": 1, "node-x": 1, "node-y": 1}, {"node-a": S, "node-b": UU, "node-x": U, "node-y": U}),
    ("pod cannot be scheduled as all nodes don't have label 'rack'", hard("rack"), [FOUR[0], FOUR[2]], {},
     {"node-a": UU, "node-x": UU}),
    ("pods spread across nodes as 2/1/0/3, only node-x fits", hard("node"), FOUR,
     {"node-a": 2, "node-b": 1, "node-y": 3}, {"node-a": U, "node-b": U, "node-x": S, "node-y": U}),
    ("pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit", hard("node", skew=2), FOUR,
     {"node-a": 2, "node-b": 1, "node-y": 3}, {"node-a": U, "node-b": S, "node-x": S, "node-y": U}),
    ("pods spread across nodes as 2/1/0/3, but pod doesn't match itself", hard("node", label="bar"), FOUR,
     {"node-a": 2, "node-b": 1, "node-y": 3}, {"node-a": U, "node-b": S, "node-x": S, "node-y": U}),
])
def test_single_constraint(name: str, pod: Pod, nodes: list[Node], counts: dict[str, int],
                           want: dict[str, str]) -> None:
    assert codes(pod, nodes, spread(counts)) == want, name


def test_existing_pods_in_a_different_namespace_do_not_count() -> None:
    others = [Pod(metadata=ObjectMeta(name="p-a1", namespace="ns1", labels=(("foo", ""),)), spec=PodSpec(node_name="node-a")),
              Pod(metadata=ObjectMeta(name="p-b1", namespace="ns2", labels=(("foo", ""),)), spec=PodSpec(node_name="node-a"))]
    assert codes(hard("zone"), FOUR, others + spread({"node-x": 1, "node-y": 1})) == {
        "node-a": S, "node-b": S, "node-x": U, "node-y": U}


def test_terminating_pods_are_excluded() -> None:
    nodes = [Node(metadata=ObjectMeta(name=n, labels=(("node", n),))) for n in ("node-a", "node-b")]
    gone = Pod(metadata=ObjectMeta(name="p-a", labels=(("foo", ""),), deletion_timestamp=1), spec=PodSpec(node_name="node-a"))
    assert codes(hard("node"), nodes, [gone, *spread({"node-b": 1})]) == {"node-a": S, "node-b": U}
