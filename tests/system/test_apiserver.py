"""The API server store, the informer caches and the runner, unit by unit."""

from __future__ import annotations

import dataclasses

import pytest

from model import apiserver as api
from model.apiserver import ApiError, Store
from model.config import default_config, web_deployment
from model.informers import Informer, cache_get, deliver_head, drop_head, notify, relist
from model.objects import ObjectMeta, Pod, PodSpec
from model.runner import advance, run_until, settle
from model.system import Model
from model.timeutil import NANOS

NOW = 1_700_000_000 * NANOS


def _store_with_deployment() -> tuple[Store, object]:
    return api.create(Store(), web_deployment(), NOW)


def test_create_assigns_uid_resource_version_generation_and_generated_names() -> None:
    store, d = _store_with_deployment()
    assert (d.metadata.uid, d.metadata.resource_version, d.metadata.generation) == ("u1", "1", 1)
    with pytest.raises(ApiError) as err:
        api.create(store, web_deployment(), NOW)
    assert err.value.reason == "AlreadyExists"
    pod = Pod(metadata=ObjectMeta(generate_name="web-", namespace="default"))
    store, p1 = api.create(store, pod, NOW)
    store, p2 = api.create(store, pod, NOW)
    assert p1.metadata.name != p2.metadata.name and p1.metadata.name.startswith("web-")
    # Admission: default tolerations for not-ready/unreachable, 300 s.
    assert {(t.key, t.toleration_seconds) for t in p1.spec.tolerations} == {
        ("node.kubernetes.io/not-ready", 300), ("node.kubernetes.io/unreachable", 300)}


def test_update_with_a_stale_resource_version_is_a_conflict_and_spec_changes_bump_generation() -> None:
    store, d = _store_with_deployment()
    store, d2 = api.update(store, dataclasses.replace(d, spec=dataclasses.replace(d.spec, replicas=5)))
    assert d2.metadata.generation == 2 and d2.metadata.resource_version == "2"
    with pytest.raises(ApiError) as err:
        api.update(store, dataclasses.replace(d, spec=dataclasses.replace(d.spec, replicas=7)))
    assert err.value.reason == "Conflict"
    # A status update keeps spec; a main-resource update keeps status.
    store, d3 = api.update_status(store, dataclasses.replace(d2, spec=dataclasses.replace(d2.spec, replicas=1),
                                                              status=dataclasses.replace(d2.status, replicas=5)))
    assert d3.spec.replicas == 5 and d3.status.replicas == 5 and d3.metadata.generation == 2
    # A no-op write does not bump the resourceVersion.
    store2, same = api.update(store, d3)
    assert store2 is store and same.metadata.resource_version == d3.metadata.resource_version


def test_graceful_pod_deletion_and_binding_once() -> None:
    store = Store()
    store, p = api.create(store, Pod(metadata=ObjectMeta(name="p", namespace="default"), spec=PodSpec()), NOW)
    store, bound = api.bind(store, "default", "p", "node-1")
    assert bound.spec.node_name == "node-1"
    with pytest.raises(ApiError) as err:
        api.bind(store, "default", "p", "node-2")
    assert err.value.reason == "Conflict"
    store, gone = api.delete(store, "Pod", "default", "p", NOW)
    live = api.get(store, "Pod", "default", "p")
    assert live.metadata.deletion_timestamp == NOW + 30 * NANOS  # bound: graceful, 30 s default
    store, _ = api.delete(store, "Pod", "default", "p", NOW, grace_seconds=0)
    assert api.get(store, "Pod", "default", "p") is None
    # An unbound pod goes at once.
    store, _ = api.create(store, Pod(metadata=ObjectMeta(name="q", namespace="default")), NOW)
    store, _ = api.delete(store, "Pod", "default", "q", NOW)
    assert api.get(store, "Pod", "default", "q") is None


def test_informer_delivery_drop_and_relist() -> None:
    store, d = _store_with_deployment()
    key = api.key_of(d)
    inf = notify(Informer("kcm"), key)
    inf2, k, old, new = deliver_head(inf, store)
    assert (k, old, new) == (key, None, d) and cache_get(inf2, *key) == d
    dropped = drop_head(inf, now=7)
    assert cache_get(dropped, *key) is None and dropped.dropped_since == 7 and not dropped.pending
    fresh, changes = relist(dropped, store)
    assert cache_get(fresh, *key) == d and changes == ((key, None, d),) and fresh.dropped_since is None


def test_runner_advance_lands_exactly_and_run_until_stops_at_the_first_instant() -> None:
    m = Model(dataclasses.replace(default_config(), script=(), start_settled=False))
    (s,) = m.init_states()
    s2, _ = advance(m, s, 42)
    assert s2.clock == 42
    s3, trace, held = run_until(m, s, lambda st: len(st.objects("Pod")) == 2, 60)
    assert held and s3.clock == 0 and len(s3.objects("Pod")) == 2
    assert len(trace) < len(settle(m, s, 60)[1])
