"""Level- versus edge-triggered controllers: a dropped watch event.

Kubernetes' controllers are level-triggered: a broken watch makes the informer relist, and every
key is reconciled against the current state, so a lost event only delays convergence. An
edge-triggered controller acts only on the events it receives, and the one it lost may be the last
one that object will ever produce."""

from __future__ import annotations

import dataclasses

import pytest

from model.config import default_config
from model.runner import settle
from model.system import DropEvent, Model
from model.useractions import UpdateImage

NEW_IMAGE = "registry.k8s.io/e2e-test-images/httpd:2.4.39-4"


def _rolled_out(state) -> bool:
    d = state.get("Deployment", "web")
    return (
        d.status.updated_replicas == d.spec.replicas == d.status.available_replicas == d.status.replicas
        and d.status.observed_generation >= d.metadata.generation
        and all(p.spec.containers[0].image == NEW_IMAGE for p in state.objects("Pod"))
    )


def _run(variant: str | None) -> tuple[object, object]:
    cfg = dataclasses.replace(default_config(), script=(), variant=variant, max_seconds=600).with_faults(
        dropped_events=1)
    m = Model(cfg)
    (s,) = m.init_states()
    s = m.step(s, UpdateImage("web", "web", NEW_IMAGE))
    assert s.informer("kcm").pending[0] == ("Deployment", "default", "web")
    s = m.step(s, DropEvent("kcm"))  # the controller-manager never hears of the new template
    s, _ = settle(m, s, 600)
    return m, s


def test_level_triggered_converges_after_a_dropped_event() -> None:
    _, s = _run(None)
    assert _rolled_out(s)


def test_edge_triggered_never_sees_the_dropped_update() -> None:
    _, s = _run("edge-triggered")
    assert not _rolled_out(s)
    assert len(s.objects("ReplicaSet")) == 1


@pytest.mark.parametrize("variant", [None, "edge-triggered"])
def test_without_the_drop_both_converge(variant: str | None) -> None:
    cfg = dataclasses.replace(default_config(), script=(), variant=variant)
    m = Model(cfg)
    (s,) = m.init_states()
    s = m.step(s, UpdateImage("web", "web", NEW_IMAGE))
    s, _ = settle(m, s, 600)
    assert _rolled_out(s)


def test_without_informer_lag_caches_never_lag_between_steps() -> None:
    cfg = dataclasses.replace(default_config(), script=(), informer_lag=False)
    m = Model(cfg)
    (s,) = m.init_states()
    kcm = dict(s.informer("kcm").cache)
    assert all(kcm.get(k) == o for k, o in s.store.objects if k[0] in ("Deployment", "ReplicaSet", "Pod"))
    s = m.step(s, UpdateImage("web", "web", NEW_IMAGE))
    s, trace = settle(m, s, 600)
    assert _rolled_out(s)
    assert not any(type(a).__name__ == "Deliver" for a, _ in trace)
    assert all(not i.pending for _, st in trace for i in st.informers)
