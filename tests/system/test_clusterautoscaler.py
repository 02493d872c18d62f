"""The Cluster Autoscaler wired into the cluster (semantics/autoscaling.md §13).

Scale-up: pods the scheduler marked Unschedulable that would fit a fresh node of a group make the
group grow; the node appears after the group's provisioning delay and the scheduler binds the pods.
Scale-down: a group node below 50 % utilization whose pods fit elsewhere for 10 minutes (and at
least 10 minutes after the last scale-up) is drained — tainted ``ToBeDeletedByClusterAutoscaler``
and its pods evicted — and then deleted.
"""

from __future__ import annotations

import dataclasses

import pytest

from model.config import ClusterConfig, NodeConfig, cluster_kwargs, web_deployment
from model.errors import ModelError
from model.runner import advance, settle
from model.system import Model
from model.useractions import Scale, StopNode
from model.wiring import clusterautoscaler as w

POOL = w.NodeGroup("pool", NodeConfig("", cpu="2", memory="4Gi"), min_size=0, max_size=3, provisioning_seconds=60)


def _model(*nodes: NodeConfig, replicas: int = 2, cpu: str = "600m", group: w.NodeGroup = POOL) -> Model:
    return Model(ClusterConfig(nodes=nodes or (NodeConfig("node-1", cpu="1", memory="4Gi"),),
                               node_groups=(group,), objects=(web_deployment(replicas=replicas, cpu=cpu),),
                               max_seconds=7200))


def _nodes(s) -> list[str]:
    return [n.metadata.name for n in s.objects("Node")]


def _placement(s) -> list[tuple[str, str]]:
    return sorted((p.spec.node_name, p.status.phase) for p in s.objects("Pod"))


def _ca_steps(trace) -> list[tuple[int, str]]:
    return [(after.clock, str(a)) for a, after in trace if a.actor in (w.ACTOR, w.CLOUD)]


# -- scale-up ---------------------------------------------------------------------------------------


def test_an_unschedulable_pod_gets_a_new_node_after_the_provisioning_delay() -> None:
    m = _model()  # node-1 has 1 CPU: one 600m pod fits, the second does not
    (s,) = m.init_states()
    s, trace = settle(m, s, 600)
    bind = next(after.clock for a, after in trace
                if str(a).startswith("Schedule") and any(p.spec.node_name == "pool-1" for p in after.objects("Pod")))
    steps = _ca_steps(trace)
    assert steps[0] == (0, "ClusterAutoscaler.RunOnce()")   # decides the scale-up at once
    assert s.cluster_autoscaler.last_scale_up == 0
    assert steps[1] == (60, 'NodeProvisioned("pool-1")')    # the provisioning delay later
    assert bind == 60
    assert _nodes(s) == ["node-1", "pool-1"]
    assert dict(s.get("Node", "pool-1").metadata.labels)[w.GROUP_LABEL] == "pool"
    assert _placement(s) == [("node-1", "Running"), ("pool-1", "Running")]


def test_scale_up_adds_as_many_nodes_as_bin_packing_needs() -> None:
    m = _model(replicas=5)  # 4 pods left over; a 2-CPU template node holds three 600m pods
    (s,) = m.init_states()
    s, trace = settle(m, s, 600)
    assert _nodes(s) == ["node-1", "pool-1", "pool-2"]
    assert [x for x in _ca_steps(trace) if "Provisioned" in x[1]] == [
        (60, 'NodeProvisioned("pool-1")'), (60, 'NodeProvisioned("pool-2")')]
    assert all(phase == "Running" for _, phase in _placement(s))


def test_scale_up_stops_at_the_group_max_size() -> None:
    m = _model(replicas=8, group=dataclasses.replace(POOL, max_size=1))
    (s,) = m.init_states()
    s, _ = settle(m, s, 600)
    assert _nodes(s) == ["node-1", "pool-1"]
    assert [n for n, _ in _placement(s)].count("") == 4  # 1 + 3 placed, 4 still pending


def test_a_pod_no_template_could_hold_triggers_nothing() -> None:
    m = _model(replicas=1, cpu="3")
    (s,) = m.init_states()
    s, trace = settle(m, s, 600)
    assert _nodes(s) == ["node-1"]
    assert _ca_steps(trace) == []
    assert _placement(s) == [("", "Pending")]


# -- scale-down -------------------------------------------------------------------------------------


def test_an_empty_node_is_removed_ten_minutes_after_it_became_unneeded() -> None:
    m = _model()
    (s,) = m.init_states()
    s, _ = settle(m, s, 600)
    assert _nodes(s) == ["node-1", "pool-1"]
    s = m.step(s, Scale("Deployment", "web", 1))  # at 60 s; the pod on pool-1 goes
    s, trace = settle(m, s, 3600)
    assert _nodes(s) == ["node-1"]
    steps = _ca_steps(trace)
    # unneeded from 60 s, scale-up at 0 s: removable at 60 + 600 = 660 s; taint first, delete next
    assert [t for t, _ in steps] == [60, 660, 660]
    tainted = trace[[i for i, (a, _) in enumerate(trace) if a.actor == w.ACTOR][1]][1]
    assert any(t.key == w.TO_BE_DELETED_TAINT and t.effect == "NoSchedule"
               for t in tainted.get("Node", "pool-1").spec.taints)
    assert s.env.node("pool-1") is None          # the VM is gone too
    assert _placement(s) == [("node-1", "Running")]


def test_an_underutilized_node_is_drained_and_its_pod_moves() -> None:
    # pool-1 starts in the group; each node gets one 500m pod (25 % of 2 CPUs): pool-1's fits on node-1.
    m = _model(NodeConfig("node-1", cpu="2", memory="4Gi"),
               NodeConfig("pool-1", cpu="2", memory="4Gi", labels=((w.GROUP_LABEL, "pool"),)), cpu="500m")
    (s,) = m.init_states()
    s, _ = settle(m, s, 0)
    assert _placement(s) == [("node-1", "Running"), ("pool-1", "Running")]
    s, trace = advance(m, s, 599)
    assert _nodes(s) == ["node-1", "pool-1"] and s.cluster_autoscaler.unneeded == (("pool-1", 0),)
    s, trace = settle(m, s, 600)
    steps = _ca_steps(trace)
    assert steps[0] == (600, "ClusterAutoscaler.RunOnce()")  # drain: taint + evict
    drained = next(after for a, after in trace if a.actor == w.ACTOR)
    assert any(p.metadata.deletion_timestamp is not None for p in drained.objects("Pod")
               if p.spec.node_name == "pool-1")
    assert _nodes(s) == ["node-1"]
    assert _placement(s) == [("node-1", "Running"), ("node-1", "Running")]


def test_a_node_whose_pod_fits_nowhere_else_stays() -> None:
    m = _model()  # after the scale-up pool-1 is 30 % used, but node-1 has no room for its pod
    (s,) = m.init_states()
    s, _ = settle(m, s, 600)
    s, _ = advance(m, s, 1800)
    assert _nodes(s) == ["node-1", "pool-1"]
    assert s.cluster_autoscaler.unneeded == ()


def test_a_node_above_half_utilization_stays() -> None:
    m = _model(NodeConfig("node-1", cpu="4", memory="4Gi"),
               NodeConfig("pool-1", cpu="2", memory="4Gi", labels=((w.GROUP_LABEL, "pool"),)),
               replicas=2, cpu="1200m")  # 60 % of pool-1
    (s,) = m.init_states()
    s, _ = settle(m, s, 0)
    assert ("pool-1", "Running") in _placement(s)
    s, _ = advance(m, s, 1800)
    assert _nodes(s) == ["node-1", "pool-1"]


def test_the_group_min_size_is_kept() -> None:
    m = _model(NodeConfig("node-1", cpu="2", memory="4Gi"),
               NodeConfig("pool-1", cpu="2", memory="4Gi", labels=((w.GROUP_LABEL, "pool"),)),
               replicas=1, cpu="100m", group=dataclasses.replace(POOL, min_size=1))
    (s,) = m.init_states()
    s, _ = advance(m, s, 1800)
    assert _nodes(s) == ["node-1", "pool-1"]


# -- config ---------------------------------------------------------------------------------------


def test_node_groups_load_from_a_cluster_file_mapping() -> None:
    kw = cluster_kwargs({"nodes": [{"name": "node-1"}], "nodeGroups": [
        {"name": "pool", "maxSize": 5, "provisioningSeconds": 90, "template": {"cpu": "8", "labels": {"t": "x"}}}]})
    (g,) = kw["node_groups"]
    assert (g.name, g.min_size, g.max_size, g.provisioning_seconds) == ("pool", 0, 5, 90)
    assert (g.template.cpu, g.template.memory, g.template.labels) == ("8", "8Gi", (("t", "x"),))
    with pytest.raises(ModelError) as exc:
        cluster_kwargs({"nodes": [{"name": "node-1"}], "nodeGroups": [{"name": "pool", "maxSize": -1}]})
    assert exc.value.field == "nodeGroups[0].maxSize"
    with pytest.raises(ModelError) as exc:
        cluster_kwargs({"nodes": [{"name": "node-1"}], "nodeGroups": [{"name": "pool", "size": 1}]})
    assert exc.value.field == "nodeGroups[0].size"


def test_without_node_groups_nothing_autoscales() -> None:
    m = Model(ClusterConfig(nodes=(NodeConfig("node-1", cpu="1"),), objects=(web_deployment(cpu="600m"),)))
    (s,) = m.init_states()
    s, trace = settle(m, s, 600)
    assert _ca_steps(trace) == [] and s.cluster_autoscaler is None


def _two_nodes_one_pod_each(**kw) -> Model:
    """node-1 and pool-1 (in the group), 2 CPUs each; web's two 500m pods land one on each."""
    return _model(NodeConfig("node-1", cpu="2", memory="4Gi"),
                  NodeConfig("pool-1", cpu="2", memory="4Gi", labels=((w.GROUP_LABEL, "pool"),)), cpu="500m", **kw)


def test_the_unneeded_clock_restarts_when_the_node_is_needed_again() -> None:
    m = _two_nodes_one_pod_each()
    (s,) = m.init_states()
    s, _ = advance(m, s, 300)
    assert s.cluster_autoscaler.unneeded == (("pool-1", 0),)
    s = m.step(s, Scale("Deployment", "web", 4))   # two 500m pods per node: pool-1 at 50 %
    s, _ = advance(m, s, 100)
    assert s.cluster_autoscaler.unneeded == ()
    s = m.step(s, Scale("Deployment", "web", 2))   # at 400 s
    s, _ = advance(m, s, 0)
    assert s.cluster_autoscaler.unneeded == (("pool-1", 400),)
    s, trace = settle(m, s, 3600)
    assert _nodes(s) == ["node-1"]
    assert _ca_steps(trace)[0][0] == 1000           # 400 + 600, not 0 + 600


def test_a_stopped_node_is_removed_after_the_unready_time_and_a_stuck_drain() -> None:
    m = _two_nodes_one_pod_each()
    (s,) = m.init_states()
    s, _ = settle(m, s, 0)
    s = m.step(s, StopNode("pool-1"))
    s, trace = advance(m, s, 1199)
    assert _nodes(s) == ["node-1", "pool-1"]          # NotReady: 20 min unneeded, not 10
    s, trace = settle(m, s, 3600)
    steps = _ca_steps(trace)
    assert [t for t, _ in steps] == [1200, 1800]      # drain at 1200 s; its pod cannot terminate,
    assert _nodes(s) == ["node-1"]                     # so the node goes 600 s later
    assert _placement(s) == [("node-1", "Running"), ("node-1", "Running")]


def test_states_stay_hashable_and_steps_pure() -> None:
    m = _model()
    (s,) = m.init_states()
    s, trace = settle(m, s, 600)
    for (a, after), (_, before) in zip(trace[1:], trace, strict=False):
        frozen = hash(before)
        assert m.step(before, a) == after and hash(before) == frozen
    assert hash(s.cluster_autoscaler) is not None


@pytest.mark.parametrize("seed", range(6))
def test_under_random_interleavings_the_group_stays_in_bounds_and_no_running_pod_loses_its_node(seed) -> None:
    from model.runner import settle_random

    m = _model(replicas=5, group=dataclasses.replace(POOL, max_size=2))
    (s,) = m.init_states()
    s, first = settle_random(m, s, 900, seed=seed)
    s = m.step(s, Scale("Deployment", "web", 1))
    s, second = settle_random(m, s, 3600, seed=seed)
    before = m.init_states()[0]
    for _, after in first + second:
        members = [n for n in after.objects("Node") if dict(n.metadata.labels).get(w.GROUP_LABEL) == "pool"]
        upcoming = after.cluster_autoscaler.upcoming if after.cluster_autoscaler else ()
        assert len(members) + len(upcoming) <= 2
        names = {n.metadata.name for n in after.objects("Node")}
        gone = {n.metadata.name for n in before.objects("Node")} - names
        # a node is deleted only once no pod that is not being deleted is bound to it
        assert not [p for p in after.objects("Pod") if p.spec.node_name in gone and p.metadata.deletion_timestamp is None]
        before = after
    assert _nodes(s) == ["node-1"]
    assert _placement(s) == [("node-1", "Running")]


def _groups_model(*groups: w.NodeGroup, cpu: str, node_selector: tuple[tuple[str, str], ...] = ()) -> Model:
    d = web_deployment(replicas=1, cpu=cpu)
    tpl = d.spec.template
    d = dataclasses.replace(d, spec=dataclasses.replace(d.spec, template=dataclasses.replace(
        tpl, spec=dataclasses.replace(tpl.spec, node_selector=node_selector))))
    return Model(ClusterConfig(nodes=(NodeConfig("node-1", cpu="1", memory="4Gi"),), node_groups=groups,
                               objects=(d,), max_seconds=3600))


def test_the_least_waste_expander_picks_the_tighter_template() -> None:
    big = w.NodeGroup("big", NodeConfig("", cpu="8", memory="4Gi"))
    small = w.NodeGroup("small", NodeConfig("", cpu="2", memory="4Gi"))
    m = _groups_model(big, small, cpu="1500m")
    (s,) = m.init_states()
    s, _ = settle(m, s, 600)
    assert _nodes(s) == ["node-1", "small-1"]
    assert _placement(s) == [("small-1", "Running")]


def test_a_group_whose_template_the_pod_does_not_select_is_not_grown() -> None:
    plain = w.NodeGroup("a-plain", NodeConfig("", cpu="2", memory="4Gi"))
    ssd = w.NodeGroup("ssd", NodeConfig("", cpu="2", memory="4Gi", labels=(("disk", "ssd"),)))
    m = _groups_model(plain, ssd, cpu="100m", node_selector=(("disk", "ssd"),))
    (s,) = m.init_states()
    s, _ = settle(m, s, 600)
    assert _nodes(s) == ["node-1", "ssd-1"]
    assert _placement(s) == [("ssd-1", "Running")]
