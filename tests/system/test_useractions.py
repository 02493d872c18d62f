"""User actions through the API server, and what the controllers make of them."""

from __future__ import annotations

import dataclasses
import json

import pytest

from model.config import default_config
from model.errors import ModelError
from model.runner import settle
from model.system import Model, State
from model.useractions import (
    DeleteCollection,
    DeleteObject,
    Drain,
    JsonPatch,
    MergePatch,
    Pause,
    RelabelPod,
    Resume,
    RollbackTo,
    Scale,
    TaintNode,
    Undo,
    UpdateImage,
)

OLD = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4"
NEW = "registry.k8s.io/e2e-test-images/httpd:2.4.39-4"

pytest.importorskip("model.controllers.gc")


def _start() -> tuple[Model, State]:
    m = Model(dataclasses.replace(default_config(), script=()))
    (s,) = m.init_states()
    return m, s


def _kinds(s: State) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(o.kind, o.metadata.name, tuple(r.kind for r in o.metadata.owner_references))
            for _, o in s.store.objects if o.kind in ("Deployment", "ReplicaSet", "Pod")]


def test_background_deletion_garbage_collects_replicasets_and_pods() -> None:
    m, s = _start()
    s = m.step(s, DeleteObject("deployment", "web"))
    assert s.get("Deployment", "web") is None and len(s.objects("ReplicaSet")) == 1
    s, _ = settle(m, s, 60)
    assert _kinds(s) == []


def test_foreground_deletion_keeps_the_owner_until_dependents_are_gone() -> None:
    m, s = _start()
    s = m.step(s, DeleteObject("deployment", "web", propagation="Foreground"))
    d = s.get("Deployment", "web")
    assert d.metadata.deletion_timestamp is not None and d.metadata.finalizers == ("foregroundDeletion",)
    s, _ = settle(m, s, 60)
    assert _kinds(s) == []


def test_orphan_deletion_leaves_dependents_without_the_owner_reference() -> None:
    m, s = _start()
    s = m.step(s, DeleteObject("deployment", "web", propagation="Orphan"))
    s, _ = settle(m, s, 60)
    kinds = _kinds(s)
    assert [k for k in kinds if k[0] == "Deployment"] == []
    assert [k[2] for k in kinds if k[0] == "ReplicaSet"] == [()]
    assert all(k[2] == ("ReplicaSet",) for k in kinds if k[0] == "Pod")


def test_pause_holds_a_template_change_until_resume() -> None:
    m, s = _start()
    s = m.step(s, Pause("web"))
    s = m.step(s, UpdateImage("web", "web", NEW))
    s, _ = settle(m, s, 60)
    assert len(s.objects("ReplicaSet")) == 1
    s = m.step(s, Resume("web"))
    s, _ = settle(m, s, 60)
    assert {p.spec.containers[0].image for p in s.objects("Pod")} == {NEW}


def test_undo_and_the_rollback_annotation_return_to_the_previous_template() -> None:
    for undo in (Undo("web"), RollbackTo("web", 0)):
        m, s = _start()
        s = m.step(s, UpdateImage("web", "web", NEW))
        s, _ = settle(m, s, 60)
        s = m.step(s, undo)
        s, _ = settle(m, s, 60)
        d = s.get("Deployment", "web")
        assert d.spec.template.spec.containers[0].image == OLD
        assert dict(d.metadata.annotations)["deployment.kubernetes.io/revision"] == "3"
        assert {p.spec.containers[0].image for p in s.objects("Pod")} == {OLD}


def test_scale_through_a_merge_patch_of_the_scale_subresource() -> None:
    m, s = _start()
    s = m.step(s, MergePatch("deployment", "web", json.dumps({"spec": {"replicas": 4}}), subresource="scale"))
    assert s.get("Deployment", "web").spec.replicas == 4
    s, _ = settle(m, s, 60)
    assert len(s.objects("Pod")) == 4


def test_status_merge_patch_changes_only_status_and_json_patch_changes_spec() -> None:
    m, s = _start()
    before = s.get("Deployment", "web")
    s = m.step(s, MergePatch("deployment", "web", json.dumps({"spec": {"replicas": 9}, "status": {"replicas": 7}}),
                             subresource="status"))
    d = s.get("Deployment", "web")
    assert d.spec == before.spec and d.status.replicas == 7
    s = m.step(s, JsonPatch("deployment", "web", json.dumps([{"op": "replace", "path": "/spec/replicas", "value": 1}])))
    assert s.get("Deployment", "web").spec.replicas == 1
    assert s.get("Deployment", "web").metadata.generation == before.metadata.generation + 1


def test_relabelled_pod_is_released_and_replaced() -> None:
    m, s = _start()
    s = m.step(s, RelabelPod((("app", "web"),), (("app", "debug"),)))
    s, _ = settle(m, s, 60)
    pods = s.objects("Pod")
    assert len(pods) == 3
    debug = [p for p in pods if dict(p.metadata.labels).get("app") == "debug"]
    assert len(debug) == 1 and debug[0].metadata.owner_references == ()


def test_drain_moves_pods_off_the_node() -> None:
    m, s = _start()
    s = m.step(s, Drain("node-1"))
    s, _ = settle(m, s, 60)
    assert s.get("Node", "node-1").spec.unschedulable
    assert all(p.spec.node_name == "node-2" for p in s.objects("Pod"))


def test_noexecute_taint_evicts_untolerating_pods() -> None:
    m, s = _start()
    s = m.step(s, TaintNode("node-1", "dedicated", "NoExecute", value="db"))
    s, _ = settle(m, s, 60)
    assert all(p.spec.node_name == "node-2" for p in s.objects("Pod"))


def test_delete_collection_with_count_and_errors_name_the_field() -> None:
    m, s = _start()
    s = m.step(s, DeleteCollection("pod", (("app", "web"),), count=1))
    terminating = [p.metadata.deletion_timestamp is not None for p in s.objects("Pod")]
    assert terminating == [True, False]  # the first by name, gracefully (bound, 30 s grace)
    with pytest.raises(ModelError) as err:
        m.step(s, Scale("deployment", "nope", 1))
    assert "not found" in err.value.message
    with pytest.raises(ModelError) as err:
        m.step(s, Scale("deployment", "web", -1))
    assert err.value.field == "spec.replicas"
