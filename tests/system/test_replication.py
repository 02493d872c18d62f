"""A ReplicationController runs through the same ReplicaSet controller pass behind the RC→RS
adapter: its pods carry a ReplicationController controllerRef and its status is written back as
an RC."""

from __future__ import annotations

import dataclasses

from model.config import default_config
from model.objects import (
    Container,
    ObjectMeta,
    PodSpec,
    PodTemplateSpec,
    ReplicationController,
    ReplicationControllerSpec,
)
from model.runner import settle
from model.system import Model
from model.useractions import Apply, Scale


def _rc(replicas: int) -> ReplicationController:
    labels = (("app", "legacy"),)
    return ReplicationController(
        metadata=ObjectMeta(name="legacy", namespace="default"),
        spec=ReplicationControllerSpec(replicas=replicas, selector=labels, template=PodTemplateSpec(
            metadata=ObjectMeta(labels=labels),
            spec=PodSpec(containers=(Container(name="c", image="registry.k8s.io/pause:3.9"),)))),
    )


def test_replication_controller_creates_scales_and_reports_status() -> None:
    m = Model(dataclasses.replace(default_config(), script=(), objects=()))
    (s,) = m.init_states()
    s = m.step(s, Apply(_rc(3)))
    s, _ = settle(m, s, 60)
    pods = s.objects("Pod")
    assert len(pods) == 3
    assert all(p.metadata.owner_references[0].kind == "ReplicationController" for p in pods)
    rc = s.get("ReplicationController", "legacy")
    assert isinstance(rc, ReplicationController)
    assert (rc.status.replicas, rc.status.ready_replicas, rc.status.available_replicas) == (3, 3, 3)
    s = m.step(s, Scale("rc", "legacy", 1))
    s, _ = settle(m, s, 60)
    assert len(s.objects("Pod")) == 1
    assert s.get("ReplicationController", "legacy").status.replicas == 1
