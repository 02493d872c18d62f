"""The controller/replicaset ops accept full v1 objects as Kubernetes serialises them, and the mined
case file is what its generator writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from model.conformance import evaluate

CASES = Path(__file__).parent / "conformance_cases"


def _pod(name: str, state: object, restarts: int) -> dict[str, object]:
    return {
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"nodeName": "n", "containers": [{"name": "c", "image": "i", "imagePullPolicy": "Always"}]},
        "status": {"phase": "Running",
                   "containerStatuses": [{"name": "c", "restartCount": restarts, "state": state,
                                          "lastState": {}}]},
    }


def test_container_state_objects_are_read() -> None:
    # v1.ContainerState is an object keyed by the state; restarts still decide the order.
    pods = [_pod("calm", {"running": {"startedAt": "2024-05-01T12:00:00Z"}}, 0),
            _pod("flappy", {"waiting": {"reason": "CrashLoopBackOff"}}, 7)]
    assert evaluate("controller.sort_active_pods", {"pods": pods}) == {"order": ["flappy", "calm"]}


def test_rc_to_rs_copies_template_metadata_and_status_verbatim() -> None:
    template = {"metadata": {"labels": {"name": "foo"}},
                "spec": {"containers": [{"name": "c", "image": "foo/bar", "imagePullPolicy": "IfNotPresent"}],
                         "dnsPolicy": "Default", "nodeSelector": {"baz": "blah"}}}
    rc = {"metadata": {"name": "foobar", "namespace": "default", "resourceVersion": "18"},
          "spec": {"replicas": 2, "selector": {"foo": "bar"}, "template": template},
          "status": {"replicas": 1, "observedGeneration": 3}}
    rs = evaluate("replication.rc_to_rs", {"replicationController": rc})["replicaSet"]
    assert rs["spec"]["template"] == template
    assert rs["spec"]["selector"] == {"matchLabels": {"foo": "bar"}}
    assert rs["metadata"]["resourceVersion"] == "18"
    assert rs["status"]["replicas"] == 1 and rs["status"]["observedGeneration"] == 3
    assert "kind" not in rs and "apiVersion" not in rs


def test_mined_case_file_is_generated(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(CASES / "gen_replicaset_mined.py"), str(tmp_path)], check=True,
                   capture_output=True)
    assert (tmp_path / "replicaset_mined.jsonl").read_text() == (CASES / "replicaset_mined.jsonl").read_text()


def test_sync_sees_only_pods_of_the_replicaset_namespace() -> None:
    # The pod lister is namespaced: a pod elsewhere is not counted even if its controllerRef names the RS.
    rs = {"metadata": {"name": "r", "namespace": "default", "uid": "ru"},
          "spec": {"replicas": 1, "selector": {"matchLabels": {"a": "b"}},
                   "template": {"metadata": {"labels": {"a": "b"}}}}}
    elsewhere = {"metadata": {"name": "p", "namespace": "other", "uid": "pu", "labels": {"a": "b"},
                              "ownerReferences": [{"uid": "ru", "controller": True}]},
                 "status": {"phase": "Running"}}
    out = evaluate("replicaset.sync", {"replicaSet": rs, "pods": [elsewhere]})
    assert (out["createCalls"], out["deletes"], out["patches"]) == (1, 0, 0)


def test_missing_related_pods_are_the_pods_themselves() -> None:
    # TestGetPodsToDelete's convention: related defaults to the pods being ranked.
    def ready(name: str, node: str) -> dict[str, object]:
        return {"metadata": {"name": name}, "spec": {"nodeName": node},
                "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}

    pods = [ready("alone", "n1"), ready("doubled-a", "n2"), ready("doubled-b", "n2")]
    assert evaluate("replicaset.colocation_ranks", {"podsToRank": pods}) == {"ranks": [1, 2, 2]}
    assert evaluate("replicaset.colocation_ranks", {"podsToRank": pods, "relatedPods": []}) == {"ranks": [0, 0, 0]}
    out = evaluate("replicaset.get_pods_to_delete", {"filteredPods": pods, "diff": 1, "now": "2024-05-01T12:00:00Z"})
    assert out["podsToDelete"][0].startswith("doubled")


def test_rc_to_rs_selector_nil_empty_and_set() -> None:
    # Convert_Map_string_To_string_To_v1_LabelSelector: nil map -> nil selector; empty map -> a
    # selector with nothing set (which selects everything); otherwise matchLabels.
    def selector(sel: object) -> object:
        rc = {"metadata": {"name": "rc"}, "spec": {"replicas": 1, "selector": sel}}
        return evaluate("replication.rc_to_rs", {"replicationController": rc})["replicaSet"]["spec"]["selector"]

    assert selector(None) is None
    assert selector({}) == {}
    assert selector({"a": "b"}) == {"matchLabels": {"a": "b"}}


def test_sync_reads_a_replication_controller_through_the_adapter() -> None:
    # An RC's selector is a plain label map; read as an RS it would be an empty (select-all) selector.
    rc = {"apiVersion": "v1", "kind": "ReplicationController",
          "metadata": {"name": "rc", "namespace": "default", "uid": "rcu"},
          "spec": {"replicas": 1, "selector": {"app": "a"}, "template": {"metadata": {"labels": {"app": "a"}}}}}
    stranger = {"metadata": {"name": "q", "namespace": "default", "uid": "qu", "labels": {"app": "b"}},
                "status": {"phase": "Running"}}
    out = evaluate("replicaset.sync", {"replicaSet": rc, "pods": [stranger]})
    assert (out["createCalls"], out["patches"]) == (1, 0)


def test_a_plain_label_map_selector_means_match_labels() -> None:
    # TestClaimPods builds its selector with labels.Set{"type": "production"}.AsSelector().
    ctrl = {"apiVersion": "", "kind": "", "metadata": {"name": "", "namespace": "default", "uid": ""}}
    prod = {"metadata": {"name": "pod1", "namespace": "default", "labels": {"type": "production"}}}
    test = {"metadata": {"name": "pod2", "namespace": "default", "labels": {"type": "testing"}}}
    out = evaluate("controller.claim_pods", {"controller": ctrl, "selector": {"type": "production"}, "pods": [prod, test]})
    assert (out["claimedPodNames"], out["patches"]) == (["pod1"], 1)
    # ...while an empty LabelSelector still selects everything and null selects nothing.
    assert evaluate("controller.claim_pods", {"controller": ctrl, "selector": {}, "pods": [prod, test]})["patches"] == 2
    assert evaluate("controller.claim_pods", {"controller": ctrl, "selector": None, "pods": [prod, test]})["patches"] == 0
