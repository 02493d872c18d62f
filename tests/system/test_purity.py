"""``step`` is pure: it never mutates its input, and equal inputs give equal outputs."""

from __future__ import annotations

import copy
import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from model.config import default_config
from model.system import Model

_CFG = dataclasses.replace(default_config(), start_settled=False, controller_managers=2).with_faults(
    node_failures=1, node_recoveries=1, pod_crashes=1, dropped_events=1, duplicated_events=1,
    controller_crashes=1, write_conflicts=1, image_pull_failures=1, lease_losses=1, clock_skews=1)
_MODEL = Model(_CFG)
_INIT = _MODEL.init_states()[0]


@settings(max_examples=40)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=60))
def test_step_never_mutates_its_input(choices: list[int]) -> None:
    s = _INIT
    for c in choices:
        actions = _MODEL.actions(s)
        assert actions == _MODEL.actions(s)  # deterministic order
        if not actions:
            break
        a = actions[c % len(actions)]
        snapshot = copy.deepcopy(s)
        h = hash(s)
        t = _MODEL.step(s, a)
        assert s == snapshot and hash(s) == h
        assert _MODEL.step(snapshot, a) == t
        assert str(a) and a.actor and a.category in ("controller", "user", "fault", "time")
        s = t


def _rich_model() -> Model:
    from model.config import web_deployment
    from model.controllers.podautoscaler.types import hpa_from_json
    from model.objects import ObjectMeta, Service, ServiceSpec
    from model.useractions import SetCPULoad

    hpa = hpa_from_json({
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web", "apiVersion": "apps/v1"},
                 "minReplicas": 1, "maxReplicas": 3,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                     "type": "Utilization", "averageUtilization": 50}}}]}})
    svc = Service(metadata=ObjectMeta(name="web", namespace="default"), spec=ServiceSpec(selector=(("app", "web"),)))
    cfg = dataclasses.replace(default_config(), objects=(web_deployment(replicas=1), hpa, svc),
                              script=(SetCPULoad("Deployment", "web", 300),), start_settled=False,
                              controller_managers=2).with_faults(lease_losses=1, node_failures=1, pod_crashes=1)
    return Model(cfg)


_RICH = _rich_model()


@settings(max_examples=20)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=80))
def test_step_is_pure_with_hpa_service_and_leader_election(choices: list[int]) -> None:
    (s,) = _RICH.init_states()
    for c in choices:
        actions = _RICH.actions(s)
        if not actions:
            break
        a = actions[c % len(actions)]
        snapshot = copy.deepcopy(s)
        t = _RICH.step(s, a)
        assert s == snapshot and hash(s) == hash(snapshot)
        assert _RICH.step(snapshot, a) == t
        s = t
