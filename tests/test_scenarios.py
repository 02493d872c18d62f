"""Scenario files run on the real transition system, and the runner's step semantics.

* Every ``tests/scenarios/*.yaml`` parses, and passes on the deterministic interleaving.
* ``--explore`` checks small scenarios across all interleavings.
* The runner's semantics (SCENARIOS.md): every step kind acts, ``waitFor`` ends at the first
  state where its condition holds and measures time from ``since``, ``notBeforeSeconds`` and
  timeouts fail, ``wait`` conditions must hold throughout, ``podCreations`` counts pods created
  after a step.
* A known-bad model variant makes the matching scenario fail with a readable report.
* The CLI prints per-scenario results and ``N passed, N failed``; malformed files are reported
  with file, step and field.
"""

from __future__ import annotations

import glob
import os
import textwrap

import pytest

from model.scenario.parse import load_scenario, parse_scenario
from model.scenario.run import run_scenario

HERE = os.path.dirname(__file__)
FILES = sorted(glob.glob(os.path.join(HERE, "scenarios", "*.yaml")))


def _system_available() -> bool:
    try:
        import model.runner  # noqa: F401
        import model.system  # noqa: F401
        import model.useractions  # noqa: F401
    except ImportError:
        return False
    return True


needs_system = pytest.mark.skipif(not _system_available(), reason="model.system has not landed on this branch")


def test_there_are_scenarios_for_every_area() -> None:
    names = {os.path.basename(f)[:-5] for f in FILES}
    for prefix in ("deployment-", "replicaset-", "rc-", "hpa-", "taint-", "node-loss-"):
        assert any(n.startswith(prefix) for n in names), prefix


@pytest.mark.parametrize("path", FILES, ids=lambda p: os.path.basename(p)[:-5])
def test_scenario_file_is_valid(path: str) -> None:
    sc = load_scenario(path)
    assert sc.source.startswith("kubernetes/kubernetes test/e2e/")
    assert "@" in sc.source
    assert sc.summary


@needs_system
@pytest.mark.parametrize("path", FILES, ids=lambda p: os.path.basename(p)[:-5])
def test_scenario_passes(path: str) -> None:
    result = run_scenario(load_scenario(path))
    assert result.error is None, result.error
    assert result.failure is None, result.failure.render()


@needs_system
@pytest.mark.parametrize("path", FILES, ids=lambda p: os.path.basename(p)[:-5])
def test_scenario_passes_on_a_random_fair_interleaving(path: str) -> None:
    # A scenario states what Kubernetes promises, so it must not depend on one schedule.
    result = run_scenario(load_scenario(path), seed=2)
    assert result.error is None, result.error
    assert result.failure is None, result.failure.render()


# ---------------------------------------------------------------------------------------------
# runner semantics on small inline scenarios

RS = """\
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: httpd, image: registry.k8s.io/e2e-test-images/httpd:2.4.38-4}]
"""

DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, labels: {app: app}}
spec:
  replicas: 2
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: main, image: registry.k8s.io/e2e-test-images/agnhost:2.53}]
"""


def inline(steps: str, name: str = "inline", nodes: str = "[{name: node-1}, {name: node-2}]") -> object:
    text = f"name: {name}\nsummary: test\ncluster:\n  nodes: {nodes}\nsteps:\n" + textwrap.indent(
        textwrap.dedent(steps), "  ")
    return parse_scenario(text, f"{name}.yaml")


def apply_step(manifest: str, step_id: str | None = None) -> str:
    head = f"- id: {step_id}\n  apply: |\n" if step_id else "- apply: |\n"
    return head + textwrap.indent(manifest, "    ")


def run_inline(steps: str, **kw: object):  # type: ignore[no-untyped-def]
    return run_scenario(inline(steps), **kw)  # type: ignore[arg-type]


@needs_system
def test_user_steps_take_effect_instantly() -> None:
    steps = apply_step(RS) + apply_step(DEPLOY) + """\
- scale: {kind: ReplicaSet, name: web, replicas: 3}
- scale: {kind: Deployment, name: app, replicas: 4, via: scaleSubresource}
- expect:
    replicaSets: [{name: web, specReplicas: 3}]
    deployment: {name: app, spec: {replicas: 4}}
- patch: {kind: ReplicaSet, name: web, mergePatch: {metadata: {labels: {tier: front}}, spec: {replicas: 2}}}
- patch: {kind: Deployment, name: app, subresource: scale, jsonPatch: [{op: replace, path: /spec/replicas, value: 5}]}
- expect:
    replicaSets: [{name: web, specReplicas: 2, labels: {tier: front}}]
    scale: {kind: Deployment, name: app, specReplicas: 5}
- pause: {deployment: app}
- expect: {deployment: {name: app, spec: {paused: true}}}
- resume: {deployment: app}
- updateImage: {deployment: app, container: main, image: registry.k8s.io/pause:3.10}
- expect: {deployment: {name: app, spec: {paused: false}, template_image: "registry.k8s.io/pause:3.10"}}
- taintNode: {node: node-1, add: {key: k, value: v, effect: NoSchedule}}
- expect: {node: {name: node-1, taints: [{key: k, value: v, effect: NoSchedule}]}}
- taintNode: {node: node-1, remove: {key: k, effect: NoSchedule}}
- makeImageUnpullable: {image: nothing}
- setCPULoad: {target: {kind: Deployment, name: app}, totalMillicores: 100}
- rollbackTo: {deployment: app, revision: 0}
- delete: {kind: ReplicaSet, name: web}
- expect: {replicaSets: {selector: {app: web}, count: 0}}
"""
    result = run_inline(steps)
    assert result.passed, result.failure.render() if result.failure else result.error


@needs_system
def test_node_steps_and_aliases() -> None:
    steps = apply_step(RS) + """\
- waitFor: {condition: {pods: {selector: {app: web}, count: 1, allReady: true}}, timeoutSeconds: 120}
- stopNode: {nodeOfPod: {selector: {app: web}}, as: lost}
- expect: {pod: {name: "${lost.pod}", nodeName: "${lost}"}}
- startNode: {node: "${lost}"}
- relabelPod: {selector: {app: web}, labels: {app: gone}}
- expect: {pod: {name: "${lost.pod}", labels: {app: gone}}}
- delete: {kind: Pod, selector: {app: gone}, count: 1, gracePeriodSeconds: 0}
- expect: {pod: {name: "${lost.pod}", deletionRequested: true}}
"""
    result = run_inline(steps)
    assert result.passed, result.failure.render() if result.failure else result.error


@needs_system
def test_wait_for_ends_when_the_condition_first_holds() -> None:
    steps = apply_step(RS, "created") + """\
- id: running
  waitFor: {condition: {pods: {selector: {app: web}, count: 1, allReady: true}}, timeoutSeconds: 120}
- expect: {pods: {selector: {app: web}, count: 1, allReady: true}, podCreations: {since: created, count: 1, containerNames: [httpd]}}
- waitFor: {condition: {pods: {selector: {app: web}, count: 1}}, timeoutSeconds: 0, since: running}
"""
    result = run_inline(steps)
    assert result.passed, result.failure.render() if result.failure else result.error


@needs_system
def test_wait_for_timeout_is_reported_with_the_objects() -> None:
    result = run_inline(apply_step(RS) + "- waitFor: {condition: {pods: {selector: {app: web}, count: 3}}, timeoutSeconds: 30}\n")
    assert result.failure is not None
    text = result.failure.render()
    assert text.startswith("steps[1] waitFor at t=30s: condition did not hold within 30s from the start of this step")
    assert "count is 1, not 3" in text and "Pod web-" in text


@needs_system
def test_not_before_seconds_fails_an_early_condition() -> None:
    steps = apply_step(RS, "created") + """\
- waitFor: {condition: {pods: {selector: {app: web}, count: 1}}, timeoutSeconds: 60, notBeforeSeconds: 10, since: created}
"""
    result = run_inline(steps)
    assert result.failure is not None
    assert "earlier than notBeforeSeconds 10" in result.failure.message


@needs_system
def test_wait_lets_exactly_the_time_pass_and_checks_its_condition() -> None:
    ok = run_inline(apply_step(RS) + "- wait: {seconds: 42}\n")
    assert ok.passed and ok.seconds == 42
    broken = run_inline(apply_step(RS) + """\
- settle: {}
- wait: {seconds: 10, condition: {pods: {selector: {app: web}, count: 1}}}
- scale: {kind: ReplicaSet, name: web, replicas: 2}
- wait: {seconds: 10, condition: {pods: {selector: {app: web}, count: 1}}}
""")
    assert broken.failure is not None and broken.failure.step.index == 4
    assert broken.failure.message.startswith("condition stopped holding: pods selector={'app': 'web'}: count is 2")


@needs_system
def test_pod_creations_count_pods_made_after_the_step() -> None:
    steps = apply_step(RS) + """\
- id: first
  settle: {}
- delete: {kind: Pod, selector: {app: web}, gracePeriodSeconds: 0}
- settle: {}
- expect: {podCreations: {since: first, count: 1, containerNames: [httpd]}}
- expect: {podCreations: {since: first, count: 0}}
"""
    result = run_inline(steps)
    assert result.failure is not None and result.failure.step.index == 5
    assert "1 pods created, not 0" in result.failure.message


@needs_system
def test_seeded_interleavings_pass_too() -> None:
    steps = apply_step(DEPLOY) + """\
- waitFor: {condition: {deployment: {name: app, complete: true}}, timeoutSeconds: 300}
- scale: {kind: Deployment, name: app, replicas: 3}
- waitFor: {condition: {deployment: {name: app, complete: true}, pods: {selector: {app: app}, count: 3}}, timeoutSeconds: 300}
"""
    for seed in (1, 2, 3):
        result = run_inline(steps, seed=seed)
        assert result.passed, result.failure.render() if result.failure else result.error


@needs_system
def test_a_rejected_user_step_is_a_readable_failure() -> None:
    result = run_inline("- scale: {kind: Deployment, name: missing, replicas: 1}\n")
    assert result.failure is not None
    assert result.failure.render().startswith("steps[0] scale at t=0s: the model rejected this step:")


# ---------------------------------------------------------------------------------------------
# exploring all interleavings


@needs_system
@pytest.mark.parametrize("name", ["taint-toleration-keeps-pod", "taint-finite-toleration",
                                  "replicaset-adopt-and-release"])
def test_explore_checks_every_interleaving_of_small_scenarios(name: str) -> None:
    from model.scenario.explore import explore_scenario

    path = os.path.join(HERE, "scenarios", f"{name}.yaml")
    outcome = explore_scenario(load_scenario(path), bound=20000)
    assert outcome.ok and outcome.complete, outcome.render()
    assert outcome.distinct > 50


@needs_system
def test_explore_reports_a_shortest_breaking_interleaving() -> None:
    from model.scenario.explore import explore_scenario

    sc = inline(apply_step(RS.replace("replicas: 1", "replicas: 1")) + """\
- waitFor: {condition: {pods: {selector: {app: web}, count: 2}}, timeoutSeconds: 20}
""", nodes="[{name: node-1}]")
    outcome = explore_scenario(sc, bound=20000)  # type: ignore[arg-type]
    assert not outcome.ok and outcome.failure is not None
    text = outcome.render()
    assert "condition did not hold within 20s" in text
    assert "shortest breaking interleaving" in text and "kubectl apply ReplicaSet/web" in text


# ---------------------------------------------------------------------------------------------
# a broken model


ROLLING = """\
- apply: |
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: app, labels: {app: app}}
    spec:
      replicas: 4
      strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
      selector: {matchLabels: {app: app}}
      template:
        metadata: {labels: {app: app}}
        spec:
          terminationGracePeriodSeconds: 0
          containers: [{name: main, image: registry.k8s.io/e2e-test-images/agnhost:2.53}]
- waitFor: {condition: {deployment: {name: app, complete: true}}, timeoutSeconds: 300}
- updateImage: {deployment: app, container: main, image: registry.k8s.io/pause:3.10}
- settle: {invariants: [{rollingUpdateBounds: {deployment: app}}]}
- expect: {deployment: {name: app, complete: true, template_image: "registry.k8s.io/pause:3.10"}}
"""


@needs_system
def test_rolling_update_bounds_hold_on_the_model_and_catch_a_surge_bug() -> None:
    ok = run_inline(ROLLING)
    assert ok.passed, ok.failure.render() if ok.failure else ok.error
    broken = run_inline(ROLLING, variant="no-surge-bound")
    assert broken.failure is not None and broken.failure.step.index == 3
    text = broken.failure.render()
    assert "rollingUpdateBounds: ReplicaSets ask for" in text and "more than spec.replicas + maxSurge = 5" in text
    assert "Deployment app:" in text and "ReplicaSet app-" in text


@needs_system
def test_the_systems_recreate_no_wait_variant_fails_the_recreate_scenario() -> None:
    path = os.path.join(HERE, "scenarios", "deployment-recreate.yaml")
    result = run_scenario(load_scenario(path), variant="recreate-no-wait")
    assert result.failure is not None, "the recreate-no-wait variant must break deployment-recreate"
    text = result.failure.render()
    assert "Deployment test-recreate-deployment" in text and "ReplicaSet test-recreate-deployment-" in text


# ---------------------------------------------------------------------------------------------
# the command line


def test_cli_reports_malformed_files_with_file_step_and_field(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from checkers.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsteps:\n  - settle: {}\n  - scael: {kind: Deployment, name: x, replicas: 1}\n"
                   "  - scale: {kind: Deployment, name: x}\n  - apply: 'kind: Pod'\n")
    code = main(["scenario", "run", str(bad)])
    out = capsys.readouterr().out
    assert code == 2  # an invalid file is an input error
    assert f"{bad}: steps[1].scael: unknown step kind" in out
    assert f"{bad}: steps[2].scale.replicas: required field missing" in out
    assert f"{bad}: steps[3].apply.metadata.name: required field missing" in out
    assert out.rstrip().endswith("0 passed, 1 failed")


@needs_system
def test_cli_runs_scenarios_and_writes_traces(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from checkers.cli import main

    good = tmp_path / "good.yaml"
    good.write_text("name: good\nsummary: one pod\ncluster: {nodes: [{name: node-1}]}\nsteps:\n"
                    + textwrap.indent(apply_step(RS) + "- settle: {}\n- expect: {pods: {count: 1, allReady: true}}\n", "  "))
    failing = tmp_path / "failing.yaml"
    failing.write_text("name: failing\ncluster: {nodes: [{name: node-1}]}\nsteps:\n"
                       + textwrap.indent(apply_step(RS) + "- settle: {}\n- expect: {pods: {count: 2}}\n", "  "))
    code = main(["scenario", "run", str(good), str(failing), "--trace", str(tmp_path / "traces")])
    out = capsys.readouterr().out
    assert code == 1
    assert "PASS good" in out and "FAIL failing" in out
    assert "steps[2] expect" in out and "count is 1, not 2" in out
    assert out.rstrip().endswith("1 passed, 1 failed")
    itf = json.loads((tmp_path / "traces" / "good.itf.json").read_text())
    assert itf["vars"] and itf["states"][0]["mbt::actionTaken"] == "init"
    assert any(s["mbt::actionTaken"].startswith("kubectl apply") for s in itf["states"])
    md = (tmp_path / "traces" / "failing.md").read_text()
    assert "```mermaid" in md and "sequenceDiagram" in md and "count is 1, not 2" in md


@needs_system
def test_a_crash_in_the_model_is_reported_on_its_step_not_as_a_traceback() -> None:
    from model.system import Model

    class Crashing(Model):  # type: ignore[misc]
        def controller_actions(self, state):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    result = run_scenario(inline(apply_step(RS) + "- settle: {}\n"), model_factory=Crashing)  # type: ignore[arg-type]
    assert result.failure is not None
    assert result.failure.render().startswith("steps[1] settle at t=0s: internal error in the model: RuntimeError: boom")


@needs_system
@pytest.mark.slow
def test_recreate_never_runs_old_and_new_pods_together_in_any_interleaving() -> None:
    from model.scenario.explore import explore_scenario

    path = os.path.join(HERE, "scenarios", "deployment-recreate.yaml")
    outcome = explore_scenario(load_scenario(path), bound=200000)
    assert outcome.ok and outcome.complete, outcome.render()


@needs_system
def test_cli_explore_and_seed(capsys) -> None:  # type: ignore[no-untyped-def]
    from checkers.cli import main

    path = os.path.join(HERE, "scenarios", "taint-evicts-pod.yaml")
    assert main(["scenario", "run", path, "--explore", "--bound", "20000"]) == 0
    out = capsys.readouterr().out
    assert "PASS taint-evicts-pod (explored" in out and "all interleavings" in out
    assert main(["scenario", "run", path, "--explore", "--bound", "5"]) == 0
    out = capsys.readouterr().out
    assert "BOUNDED taint-evicts-pod" in out and out.rstrip().endswith("0 passed, 0 failed, 1 bounded")
    assert main(["scenario", "run", path, "--seed", "11"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("1 passed, 0 failed")
