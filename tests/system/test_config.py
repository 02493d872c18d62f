"""ClusterConfig: the default cluster, loading manifests and cluster files, field-naming errors."""

from __future__ import annotations

import pytest

from model.config import ClusterConfig, default_config, load_config
from model.errors import ModelError
from model.system import Model


def test_default_config_is_a_small_running_app_with_a_pending_update() -> None:
    cfg = default_config()
    assert len(cfg.nodes) == 2 and cfg.variant is None and cfg.level_triggered
    (s,) = Model(cfg).init_states()
    d = s.get("Deployment", "web")
    assert d.status.available_replicas == d.spec.replicas == 2
    assert [str(a) for a in Model(cfg).user_actions(s)] == [
        "kubectl set image deployment/web web=registry.k8s.io/e2e-test-images/httpd:2.4.39-4"]
    assert hash(cfg) == hash(default_config())  # frozen, comparable


def test_load_config_reads_manifests_and_cluster_file() -> None:
    cfg = load_config(["examples/web.yaml"], "examples/cluster.yaml")
    assert isinstance(cfg, ClusterConfig)
    assert [n.name for n in cfg.nodes] == ["node-1", "node-2"]
    assert [n.zone for n in cfg.nodes] == ["zone-a", "zone-b"]
    assert sorted(o.kind for o in cfg.objects) == ["Deployment", "Service"]
    d = next(o for o in cfg.objects if o.kind == "Deployment")
    assert d.spec.revision_history_limit == 10  # defaults applied by the loader


def test_invalid_manifest_names_file_and_field(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: -1\n"
                   "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
                   "    spec: {containers: [{name: c, image: x}]}\n")
    with pytest.raises(ModelError) as err:
        load_config([str(bad)])
    assert str(bad) in err.value.message and "spec.replicas: Invalid value: -1" in err.value.message


def test_cluster_file_errors_name_the_field(tmp_path) -> None:
    f = tmp_path / "cluster.yaml"
    f.write_text("nodes:\n  - {name: a, colour: blue}\n")
    with pytest.raises(ModelError) as err:
        load_config(["examples/web.yaml"], str(f))
    assert err.value.field == "nodes[0].colour"
    f.write_text("nodes: [{name: a}]\nfaults: {meteorStrikes: 1}\n")
    with pytest.raises(ModelError) as err:
        load_config(["examples/web.yaml"], str(f))
    assert err.value.field == "faults.meteorStrikes"
    f.write_text("nodes: [{name: a}]\nvariant: made-up\n")
    with pytest.raises(ModelError) as err:
        load_config(["examples/web.yaml"], str(f))
    assert err.value.field == "variant"


def test_cluster_file_timings(tmp_path) -> None:
    f = tmp_path / "cluster.yaml"
    f.write_text("nodes: [{name: a}]\ntimings: {nodeMonitorGrace: 50, readiness: 3}\n")
    cfg = load_config(["examples/web.yaml"], str(f))
    assert (cfg.timings.node_monitor_grace, cfg.timings.readiness, cfg.timings.default_toleration) == (50, 3, 300)
    f.write_text("nodes: [{name: a}]\ntimings: {warpSpeed: 9}\n")
    with pytest.raises(ModelError) as err:
        load_config(["examples/web.yaml"], str(f))
    assert err.value.field == "timings.warpSpeed"
