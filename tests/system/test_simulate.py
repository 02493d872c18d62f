"""``kubeproof simulate`` on the example manifests, end to end."""

from __future__ import annotations

import pytest

from checkers.cli import main


def test_simulate_web_example_reaches_a_running_app(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    out_file = tmp_path / "web.mmd"
    rc = main(["simulate", "examples/web.yaml", "--cluster", "examples/cluster.yaml", "--mermaid", str(out_file)])
    out = capsys.readouterr().out
    assert rc == 0
    assert "created ReplicaSet web-" in out
    assert "scheduler" in out and "kubelet/node-1" in out
    assert "Deployment web: 3/3 available, 3 updated — rollout complete" in out
    diagram = out_file.read_text()
    assert diagram.startswith("sequenceDiagram")
    assert "participant API as apiserver" in diagram


def test_simulate_with_an_unpullable_image_update_stalls_the_rollout(capsys: pytest.CaptureFixture[str]) -> None:
    image = "registry.k8s.io/e2e-test-images/httpd:broken"
    rc = main(["simulate", "examples/web.yaml", "--cluster", "examples/cluster.yaml",
               "--fault", f"unpullable:{image}@10", "--fault", f"update-image:web/httpd={image}@20",
               "--max-seconds", "120"])
    out = capsys.readouterr().out
    assert rc == 0
    # maxUnavailable 0: the old pods all stay, one surge pod is stuck pulling.
    assert "Deployment web: 3/3 available, 1 updated — NOT complete" in out


def test_simulate_rejects_an_unknown_fault(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["simulate", "examples/web.yaml", "--fault", "meteor-strike"])
    assert rc == 2
    assert "unknown kind 'meteor-strike'" in capsys.readouterr().err


def test_simulate_story_after_a_node_stops(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["simulate", "examples/web.yaml", "--cluster", "examples/cluster.yaml", "--fault", "stop-node:node-1@30",
               "--max-seconds", "500", "--seed", "3"])
    out = capsys.readouterr().out
    assert rc == 0
    # 30 s + 40 s grace (+1: strictly after) → NotReady; +300 s default toleration → evicted.
    assert "[t=  71s] node-lifecycle-controller" in out
    assert "[t= 371s] taint-eviction-controller" in out
    assert "Deployment web: 3/3 available, 3 updated — rollout complete" in out


def test_simulate_an_hpa_reacting_to_load(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["simulate", "examples/web-hpa.yaml", "--cluster", "examples/cluster.yaml",
               "--fault", "cpu-load:web=1500@30", "--max-seconds", "300"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "horizontal-pod-autoscaler  updated Deployment web: metadata.generation: 1 → 2; spec.replicas: 2 → 4" in out
    assert "Deployment web: 6/6 available" in out  # 1500m over 250m requests at 60 %: 10 wanted, max 6


def test_simulate_a_dropped_event_delays_the_rollout_until_the_relist(capsys: pytest.CaptureFixture[str]) -> None:
    image = "registry.k8s.io/e2e-test-images/httpd:2.4.39-4"
    rc = main(["simulate", "examples/web.yaml", "--cluster", "examples/cluster.yaml",
               "--fault", f"update-image:web/httpd={image}@10", "--fault", "drop-event@10", "--max-seconds", "120"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "Fault.DropEvent" in out
    # Nothing happens until the informer relists 30 s later; then the rollout runs.
    assert "[t=  40s] deployment-controller" in out
    assert "Deployment web: 3/3 available, 3 updated — rollout complete" in out
