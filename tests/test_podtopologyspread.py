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
