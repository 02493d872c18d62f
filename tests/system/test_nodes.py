"""A node whose kubelet stops: the node lifecycle controller marks it unreachable after the grace
period, the taint eviction controller evicts its pods once their default 300 s toleration runs
out, and the ReplicaSet controller replaces them elsewhere (semantics/replicaset.md §7)."""

from __future__ import annotations

import dataclasses

import pytest

from model.config import NodeConfig, default_config
from model.runner import advance, settle
from model.system import Model
from model.useractions import StartNode, StopNode

pytest.importorskip("model.controllers.nodelifecycle")
pytest.importorskip("model.controllers.tainteviction")


def _ready(node) -> str:
    return next(c.status for c in node.status.conditions if c.type == "Ready")


def test_stopped_node_goes_unknown_after_grace_and_its_pods_are_evicted_after_300s() -> None:
    cfg = dataclasses.replace(default_config(), script=(), nodes=(
        NodeConfig("node-1", cpu="2", memory="4Gi"), NodeConfig("node-2", cpu="2", memory="4Gi")))
    m = Model(cfg)
    (s,) = m.init_states()
    victim = s.objects("Pod")[0]
    node = victim.spec.node_name
    start = s.clock
    s = m.step(s, StopNode(node))
    s, _ = advance(m, s, 40)  # grace 40 s: at exactly 40 s the heartbeat is not yet too old
    assert _ready(s.get("Node", node)) == "True"
    s, _ = advance(m, s, 1)
    n = s.get("Node", node)
    assert _ready(n) == "Unknown"
    assert {(t.key, t.effect) for t in n.spec.taints} >= {("node.kubernetes.io/unreachable", "NoExecute"),
                                                          ("node.kubernetes.io/unreachable", "NoSchedule")}
    s, _ = advance(m, s, 299)
    assert s.get("Pod", victim.metadata.name).metadata.deletion_timestamp is None
    s, _ = advance(m, s, 1)
    evicted = s.get("Pod", victim.metadata.name)
    assert evicted.metadata.deletion_timestamp is not None  # the silent kubelet cannot confirm it
    assert s.clock - start == 341
    s, _ = settle(m, s, 60)
    live = [p for p in s.objects("Pod") if p.metadata.deletion_timestamp is None]
    assert len(live) == 2 and all(p.spec.node_name != node for p in live)
    # The kubelet comes back: the node is Ready again, untainted, and the evicted pod goes away.
    s = m.step(s, StartNode(node))
    s, _ = settle(m, s, 60)
    assert _ready(s.get("Node", node)) == "True"
    assert s.get("Node", node).spec.taints == ()
    assert s.get("Pod", victim.metadata.name) is None
