"""Every command answers bad input as Kubernetes (or a careful CLI) would: exit status 2 and a short
message naming the file, document and field, never a traceback and never a silently wrong model.

Each row is one bad input a user could hand a command; the CLI runs in-process (``checkers.cli.main``)
so the whole table takes a few seconds. The messages for manifests are Kubernetes' own wording
(``ValidateDeployment``, ``ValidatePositiveIntOrPercent``, strict decoding's ``unknown field``)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from checkers.cli import main

ROOT = Path(__file__).resolve().parents[1]
WEB = (ROOT / "examples" / "web.yaml").read_text()
CLUSTER = (ROOT / "examples" / "cluster.yaml").read_text()
GALLERY_TRACE = ROOT / "reports" / "gallery" / "double-bind.itf.json"
# where a verify run that wrongly accepted its input would write (never, when the tests pass)
NO_REPORTS = str(Path(tempfile.gettempdir()) / "kubeproof-bad-input-reports")


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _web(old: str, new: str) -> str:
    assert old in WEB
    return WEB.replace(old, new, 1)


# --- manifests: the same answers for every command that takes them -----------------------------------

# name -> file contents (bytes for non-text), message expected in stderr
MANIFESTS: dict[str, tuple[str | bytes, str]] = {
    "empty": ("", "no objects passed to apply"),
    "only separators": ("---\n---\n", "no objects passed to apply"),
    "tab indentation": ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n\tname: web\n",
                        "line 4, column 1: invalid YAML: found character '\\t' that cannot start any token"),
    "unclosed quote": ('apiVersion: "apps/v1\nkind: Deployment\n', "invalid YAML"),
    "a list": ("- a\n- b\n", "document 1: a manifest must be a mapping (an object), got array"),
    "a scalar": ("hello\n", "document 1: a manifest must be a mapping (an object), got string"),
    "binary": (b"\xff\xfe\x00\x91binary", "not a UTF-8 text file"),
    "no kind": ("apiVersion: apps/v1\nmetadata: {name: x}\n", "Object 'Kind' is missing"),
    "unknown kind": (_web("kind: Deployment", "kind: Deploymint"),
                     'no matches for kind "Deploymint" in version "apps/v1"'),
    "wrong apiVersion": (_web("apiVersion: apps/v1", "apiVersion: extensions/v1beta1"),
                         'no matches for kind "Deployment" in version "extensions/v1beta1"'),
    "unknown field": (_web("  replicas: 3", "  replicas: 3\n  replicaz: 4"),
                      'strict decoding error: unknown field "spec.replicaz"'),
    "nested unknown field": (_web("maxSurge: 1", "maxSurge: 1\n      maxSurgee: 2"),
                             'unknown field "spec.strategy.rollingUpdate.maxSurgee"'),
    "duplicate key": (_web("  replicas: 3", "  replicas: 3\n  replicas: 4"), 'duplicate'),
    "replicas as a string": (_web("replicas: 3", 'replicas: "3"'),
                             'spec.replicas: expected an integer, got string "3"'),
    "negative replicas": (_web("replicas: 3", "replicas: -2"),
                          "spec.replicas: Invalid value: -2: must be greater than or equal to 0"),
    "int32 overflow": (_web("replicas: 3", "replicas: 2147483648"),
                       "spec.replicas: cannot unmarshal number 2147483648 into an int32 field"),
    "maxSurge 0 and maxUnavailable 0": (
        _web("maxSurge: 1", "maxSurge: 0"),
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"),
    "maxUnavailable 150%": (
        _web("maxUnavailable: 0", 'maxUnavailable: "150%"'),
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'),
    "negative maxSurge": (_web("maxSurge: 1", "maxSurge: -1"),
                          "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"),
    "maxSurge not a percent": (_web("maxSurge: 1", 'maxSurge: "lots"'),
                               'spec.strategy.rollingUpdate.maxSurge: Invalid value: "lots"'),
    "unknown strategy": (_web("type: RollingUpdate", "type: BlueGreen"),
                         'spec.strategy: Unsupported value: {"Type":"BlueGreen"'),
    "selector not matching": (_web("      labels:\n        app: web", "      labels:\n        app: other"),
                              "spec.template.metadata.labels: Invalid value"),
    "bad cpu quantity": (_web("cpu: 250m", "cpu: 2x"), "spec.template.spec.containers[0].resources.requests.cpu"),
    "bad name": (_web("  name: web\n  labels", "  name: Web_1\n  labels"), "metadata.name: Invalid value: \"Web_1\""),
    "a list kind with bad items": ("apiVersion: v1\nkind: List\nitems: 3\n", "items must be a list"),
    "more replicas than the model runs": (_web("replicas: 3", "replicas: 3000000"),
                                          "spec.replicas: 3000000: more replicas than kubeproof models"),
}


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


# how each command takes manifests (verify with a budget that fails fast if the input were accepted)
MANIFEST_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "simulate": lambda p: ["simulate", "--max-seconds", "1", p],
    "verify": lambda p: ["verify", "--quiet", "--no-z3", "--bound", "1", "--runs", "1", "--reports", NO_REPORTS,
                         "--manifests", p],
}


@pytest.mark.parametrize("command", sorted(MANIFEST_COMMANDS))
@pytest.mark.parametrize("case", sorted(MANIFESTS))
def test_bad_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, case: str) -> None:
    content, message = MANIFESTS[case]
    path = _write(tmp_path / "m.yaml", content)
    code, out, err = _cli(MANIFEST_COMMANDS[command](str(path)), capsys)
    assert code == 2, out + err
    assert str(path) in err and message in err, err
    assert len(err.strip().splitlines()) <= 3


@pytest.mark.parametrize("command", sorted(MANIFEST_COMMANDS))
def test_manifest_directory_is_applied_like_kubectl_apply_f(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            command: str) -> None:
    deployment, service = WEB.split("---\n")
    (tmp_path / "b-service.yml").write_text(service)
    (tmp_path / "a-deployment.yaml").write_text(deployment)
    (tmp_path / "README.txt").write_text("not a manifest: ignored, as kubectl apply -f DIR does")
    argv = MANIFEST_COMMANDS[command](str(tmp_path))
    if command == "verify":
        argv[argv.index(NO_REPORTS)] = str(tmp_path / "reports")
    code, out, err = _cli(argv, capsys)
    assert code == 0, err
    if command == "simulate":
        assert "Running Ready" in out


@pytest.mark.parametrize("command", sorted(MANIFEST_COMMANDS))
def test_manifest_directory_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _cli(MANIFEST_COMMANDS[command](str(empty)), capsys)
    assert code == 2 and f"{empty}: a directory with no manifest files" in err
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.yaml").write_text(WEB)
    (mixed / "b.yml").write_text("kind: Foo\n")
    code, _, err = _cli(MANIFEST_COMMANDS[command](str(mixed)), capsys)
    assert code == 2 and f"{mixed / 'b.yml'}, document 1: Object 'apiVersion' is missing" in err
    code, _, err = _cli(MANIFEST_COMMANDS[command](str(tmp_path / "missing")), capsys)
    assert code == 2 and str(tmp_path / "missing") in err and "o such file" in err


# --- cluster files -------------------------------------------------------------------------------------

CLUSTERS: dict[str, tuple[str | bytes, str]] = {
    "empty": ("", "nodes: a non-empty list of nodes is required"),
    "a list": ("- a\n", "a cluster file is a YAML mapping"),
    "tabs": ("nodes:\n\t- name: n\n", "invalid YAML"),
    "binary": (b"\xff\xfe\x00", "not a UTF-8 text file"),
    "unknown top field": (CLUSTER + "colour: red\n", 'unknown field "colour"'),
    "unknown node field": ("nodes:\n  - {name: n1, gpu: 1}\n", 'unknown field "nodes[0].gpu"'),
    "bad cpu": ("nodes:\n  - {name: n1, cpu: 2x}\n", 'nodes[0].cpu: Invalid value: "2x"'),
    "negative memory": ("nodes:\n  - {name: n1, memory: -1Gi}\n", "nodes[0].memory: Invalid value: \"-1Gi\""),
    "pods as text": ("nodes:\n  - {name: n1, pods: many}\n", 'nodes[0].pods: Invalid value: "many"'),
    "duplicate node": ("nodes:\n  - {name: n1}\n  - {name: n1}\n", "nodes[1].name: Duplicate value"),
    "nameless node": ("nodes:\n  - {cpu: '2'}\n", "nodes[0].name: Required value"),
    "negative maxSeconds": ("nodes:\n  - {name: n1}\nmaxSeconds: -1\n", "maxSeconds: Invalid value: -1"),
    "unknown fault": ("nodes:\n  - {name: n1}\nfaults: {meteorStrikes: 1}\n", "faults.meteorStrikes: Unsupported value"),
    "negative fault budget": ("nodes:\n  - {name: n1}\nfaults: {nodeFailures: -1}\n",
                              "faults.nodeFailures: must be a non-negative integer"),
    "unknown timing": ("nodes:\n  - {name: n1}\ntimings: {warp: 1}\n", "timings.warp: Unsupported value"),
    "unknown variant": ("nodes:\n  - {name: n1}\nvariant: nosuch\n",
                        'variant: Unsupported value: "nosuch": supported values: "surge-rounds-up-unavailable"'),
    "node name not a DNS subdomain": ("nodes:\n  - {name: Node_1}\n",
                                      'nodes[0].name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain'),
    "label value a list": ("nodes:\n  - {name: n1, labels: {disk: [ssd]}}\n",
                           'nodes[0].labels.disk: expected a string, got ["ssd"]'),
    "label key with a space": ("nodes:\n  - {name: n1, labels: {\"disk type\": ssd}}\n",
                               'nodes[0].labels: Invalid value: "disk type": name part must consist of'),
    "label value with a space": ("nodes:\n  - {name: n1, labels: {disk: \"fast ssd\"}}\n",
                                 'nodes[0].labels: Invalid value: "fast ssd": a valid label must be'),
    "zone not a string": ("nodes:\n  - {name: n1, zone: [a]}\n", 'nodes[0].zone: expected a string, got ["a"]'),
    "capacity beyond int64": ("nodes:\n  - {name: n1, cpu: 99999999999999999999Ei}\n",
                              'nodes[0].cpu: Invalid value: "99999999999999999999Ei": too large'),
    "namespace not a DNS label": ("nodes:\n  - {name: n1}\nnamespace: Team_A\n",
                                  'namespace: Invalid value: "Team_A": a lowercase RFC 1123 label'),
    "no controller manager": ("nodes:\n  - {name: n1}\ncontrollerManagers: 0\n",
                              "controllerManagers: Invalid value: 0: must be greater than or equal to 1"),
}


@pytest.mark.parametrize("case", sorted(CLUSTERS))
def test_bad_cluster_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    content, message = CLUSTERS[case]
    cluster = _write(tmp_path / "cluster.yaml", content)
    web = _write(tmp_path / "web.yaml", WEB)
    for argv in (["simulate", "--max-seconds", "1", "--cluster", str(cluster), str(web)],
                 ["verify", "--quiet", "--no-z3", "--bound", "1", "--runs", "1", "--reports", NO_REPORTS,
                  "--config", str(cluster), "--manifests", str(web)]):
        code, out, err = _cli(argv, capsys)
        assert code == 2, out + err
        assert message in err, err


def test_cluster_file_that_is_a_directory_or_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    web = _write(tmp_path / "web.yaml", WEB)
    code, _, err = _cli(["verify", "--quiet", "--config", str(tmp_path), "--manifests", str(web)], capsys)
    assert code == 2 and "cannot read cluster file: Is a directory" in err
    code, _, err = _cli(["verify", "--quiet", "--config", str(tmp_path / "no.yaml"), "--manifests", str(web)], capsys)
    assert code == 2 and f"--config: {tmp_path / 'no.yaml'}: no such file or directory" in err


# --- options -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "message"), [
    (["verify", "--seconds", "nan"], "argument --seconds: invalid value nan: must be a finite number"),
    (["verify", "--seconds", "inf"], "argument --seconds: invalid value inf: must be a finite number"),
    (["verify", "--seconds", "-1"], "argument --seconds: invalid value -1"),
    (["verify", "--bound", "-1"], "argument --bound: invalid value -1"),
    (["verify", "--bound", "x"], "argument --bound: invalid int value: 'x'"),
    (["verify", "--runs", "-3"], "argument --runs: invalid value -3"),
    (["verify", "--property", "nosuch"], "unknown property 'nosuch'"),
    (["verify", "--variant", "nosuch"], "unknown variant 'nosuch'"),
    (["verify", "--setup", "nosuch"], "unknown setup 'nosuch'"),
    (["verify", "--config", "examples/cluster.yaml"], "--config needs --manifests"),
    (["verify", "--reports", str(ROOT / "README.md")], "argument --reports: "),
    (["simulate", "--max-seconds", "-5", "x.yaml"], "--max-seconds"),
    (["simulate", "--seed", "x", "x.yaml"], "argument --seed: invalid int value"),
    (["simulate", "--variant", "nosuch", str(ROOT / "examples" / "web.yaml")],
     'variant: Unsupported value: "nosuch": supported values: "surge-rounds-up-unavailable"'),
    (["scenario", "run", "--explore", "--bound", "0", "x.yaml"], "--bound: Invalid value: 0"),
    (["conform", "check", "--impl", "cat", "--timeout", "nan", "x.jsonl"], "argument --timeout: invalid value nan"),
    (["conform", "check", "--impl", "", "x.jsonl"], "--impl needs a command"),
    (["conform", "ops", "extra"], "unrecognized arguments: extra"),
    (["simulate", "--fault", "scale:web=99999999999", str(ROOT / "examples" / "web.yaml")],
     "spec.replicas: cannot unmarshal number 99999999999 into an int32 field"),
    (["simulate", "--fault", "scale:web=100000", str(ROOT / "examples" / "web.yaml")],
     "spec.replicas: 100000: more replicas than kubeproof models"),
    (["simulate", "--fault", "scale:web=-1", str(ROOT / "examples" / "web.yaml")], "expected scale:DEPLOYMENT=N"),
    (["nosuch"], "invalid choice: 'nosuch'"),
    ([], "the following arguments are required: COMMAND"),
])
def test_bad_option(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = _cli([*argv, *(["--quiet"] if argv[:1] == ["verify"] else [])], capsys)
    assert code == 2, out + err
    assert message in err, err


# --- replay ----------------------------------------------------------------------------------------------

def _trace(change: Callable[[dict], object]) -> str:
    doc = json.loads(GALLERY_TRACE.read_text())
    change(doc)
    return json.dumps(doc)


TRACES: dict[str, tuple[str | bytes, str]] = {
    "empty": ("", "not a kubeproof trace (the file is empty)"),
    "truncated": (GALLERY_TRACE.read_text()[:300], "not a kubeproof trace (not JSON: Unterminated string"),
    "not JSON": ("states: []\n", "not a kubeproof trace (not JSON: Expecting value: line 1 column 1)"),
    "binary": (b"\xff\xfe\x00\x01", "not a kubeproof trace (not UTF-8 text: byte 0xff at offset 0)"),
    "an array": ("[1, 2]", "not a kubeproof trace (expected a JSON object with \"#meta\" and \"states\", got an array)"),
    "no states": ('{"#meta": {}, "states": []}', 'not a kubeproof trace (needs a non-empty "states" list)'),
    "a state that is not an object": (_trace(lambda d: d["states"].__setitem__(1, 7)),
                                      "not a kubeproof trace (states[1] is a number, not an object)"),
    "a step without its action": (_trace(lambda d: d["states"][1].pop("mbt::actionTaken")),
                                  'states[1] has no "mbt::actionTaken" string'),
    "another tool's ITF": (_trace(lambda d: d["#meta"].pop("model")),
                           'no "#meta.model" record of the model that produced it'),
    "a factory that is not a model": (
        _trace(lambda d: d["#meta"]["model"].update(factory="os:system", args={"command": "echo hi"})),
        "\"#meta.model.factory\" is 'os:system', not one of kubeproof's models"),
    "unknown variant": (_trace(lambda d: d["#meta"]["model"]["args"].update(variant="nosuch")),
                        '"#meta.model.args.variant" is "nosuch", a variant this kubeproof does not have'),
    "no property": (_trace(lambda d: d["#meta"].pop("property")), 'no "#meta.property"'),
    "bad kind": (_trace(lambda d: d["#meta"].update(kind="never")), '"#meta.kind" is "never"'),
    "bad loop": (_trace(lambda d: d.update(loop=99)), '"loop" is 99; expected the index of a state (0 to 11)'),
    "unknown setup": (_trace(lambda d: d["#meta"]["model"]["args"].update(setup="nosuch")),
                      "cannot replay: unknown setup 'nosuch'"),
    "arguments of another version": (_trace(lambda d: d["#meta"]["model"]["args"].update(colour="red")),
                                     "cannot replay: #meta.model.args do not fit checkers.systemspec:build_system"),
    "unknown property": (_trace(lambda d: d["#meta"].update(property="nosuch")),
                         "cannot replay: #meta.property: trace names an unknown property 'nosuch'"),
    "manifests gone": (_trace(lambda d: d["#meta"]["model"]["args"].update(manifests=["/nonexistent/m.yaml"])),
                       "cannot replay: /nonexistent/m.yaml: cannot read: No such file or directory"),
}


@pytest.mark.parametrize("case", sorted(TRACES))
def test_replay_of_what_is_not_a_trace(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    content, message = TRACES[case]
    path = _write(tmp_path / "t.itf.json", content)
    code, out, err = _cli(["replay", str(path)], capsys)
    assert code == 2, out + err
    assert err.startswith(f"kubeproof: error: {path}: ") and message in err, err
    assert len(err.strip().splitlines()) == 1


def test_replay_missing_file_or_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["replay", str(tmp_path / "no.itf.json")], capsys)
    assert code == 2 and f"{tmp_path / 'no.itf.json'}: no such trace file" in err
    code, _, err = _cli(["replay", str(tmp_path)], capsys)
    assert code == 2 and f"{tmp_path}: is a directory, not a trace file" in err


def test_replay_of_a_tampered_trace_is_not_confirmed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "t.itf.json", _trace(lambda d: d["states"][2].update(clock={"#bigint": "99"})))
    code, out, _ = _cli(["replay", str(path)], capsys)
    assert code == 1 and "differs from the recording" in out
    code, out, _ = _cli(["replay", str(GALLERY_TRACE)], capsys)
    assert code == 0 and out.startswith("confirmed")


def test_an_autoscaler_that_could_scale_beyond_the_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "examples" / "web-hpa.yaml").read_text()
    assert "maxReplicas: 6" in text
    path = _write(tmp_path / "hpa.yaml", text.replace("maxReplicas: 6", "maxReplicas: 100000"))
    code, _, err = _cli(["simulate", "--fault", "cpu-load:web=100000@1", str(path)], capsys)
    assert code == 2 and "document 2 (HorizontalPodAutoscaler 'web'): spec.maxReplicas: 100000: more replicas" in err


def test_replicas_beyond_the_model_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = _write(tmp_path / "a.yaml", _web("replicas: 3", "replicas: 300"))
    two = _write(tmp_path / "b.yaml", _web("replicas: 3", "replicas: 300").replace("name: web\n", "name: web2\n"))
    code, _, err = _cli(["simulate", str(one), str(two)], capsys)
    assert code == 2 and "the workloads ask for 600 replicas in all" in err


# --- scenarios -----------------------------------------------------------------------------------------

SCENARIO_HEAD = "name: s\ncluster:\n  nodes:\n    - {name: node-1, cpu: \"4\", memory: 8Gi}\n"
APPLY = """steps:
  - apply: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        replicas: 1
        selector: {matchLabels: {a: b}}
        strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
        template:
          metadata: {labels: {a: b}}
          spec: {containers: [{name: c, image: i}]}
"""
SCENARIOS: dict[str, tuple[str | bytes, str]] = {
    "empty": ("", "expected a mapping at the top"),
    "a list": ("- a\n", "expected a mapping at the top, got a list"),
    "tabs": ("name: s\nsteps:\n\t- settle: {}\n", "not valid YAML"),
    "binary": (b"\xff\xfe\x00", "not a UTF-8 text file"),
    "name not the file's": (SCENARIO_HEAD.replace("name: s", "name: t") + APPLY, "name: must equal the file name"),
    "unknown top-level field": (SCENARIO_HEAD + "variant: no-surge-bound\n" + APPLY,
                                "variant: unknown field (known: name, source, adaptation, summary, cluster, steps)"),
    "bad node cpu": (SCENARIO_HEAD.replace('cpu: \"4\"', "cpu: 4x") + APPLY,
                     'cluster.nodes[0].cpu: Invalid value: "4x": quantity "4x": quantities must match'),
    "negative node memory": (SCENARIO_HEAD.replace("memory: 8Gi", "memory: -8Gi") + APPLY,
                             'cluster.nodes[0].memory: Invalid value: "-8Gi": must be greater than or equal to 0'),
    "unknown node field": (SCENARIO_HEAD.replace("cpu:", "gpu:") + APPLY, "cluster.nodes[0].gpu: unknown field"),
    "unknown step": (SCENARIO_HEAD + APPLY + "  - teleport: {}\n", "steps[1].teleport: unknown step kind"),
    "maxSurge 0 and maxUnavailable 0": (SCENARIO_HEAD + APPLY.replace("maxSurge: 1", "maxSurge: 0"),
                                        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: "
                                        "may not be 0 when `maxSurge` is 0"),
    "maxUnavailable 150%": (SCENARIO_HEAD + APPLY.replace("maxUnavailable: 0", 'maxUnavailable: "150%"'),
                            'maxUnavailable: Invalid value: "150%": must not be greater than 100%'),
    "replicas as a string": (SCENARIO_HEAD + APPLY.replace("replicas: 1", 'replicas: "3"'),
                             'spec.replicas: expected an integer, got string "3"'),
    "more replicas than the model runs": (SCENARIO_HEAD + APPLY.replace("replicas: 1", "replicas: 100000"),
                                          "spec.replicas: 100000: more replicas than kubeproof models"),
    "negative timeout": (SCENARIO_HEAD + APPLY + "  - waitFor: {condition: {deployment: {name: d}}, timeoutSeconds: -5}\n",
                         "steps[1].waitFor.timeoutSeconds: must be >= 0, got -5"),
}


@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_bad_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    content, message = SCENARIOS[case]
    path = _write(tmp_path / "s.yaml", content)
    code, out, err = _cli(["scenario", "run", str(path)], capsys)
    assert code == 2, out + err
    assert f"INVALID {path}" in out and message in out, out
    assert "1 file(s) are not valid scenarios" in err


def test_scenario_missing_file_and_empty_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(["scenario", "run", str(tmp_path / "no.yaml")], capsys)
    assert code == 2 and "cannot read file: No such file or directory" in out
    code, _, err = _cli(["scenario", "run", str(tmp_path)], capsys)
    assert code == 2 and "a directory with no scenario files" in err


# --- inputs nested deeper than Python's parsers recurse ----------------------------------------------

DEEP_YAML = "a: " + "[" * 1500 + "]" * 1500 + "\n"
DEEP_JSON = "[" * 100000 + "]" * 100000 + "\n"


@pytest.mark.parametrize(("argv", "name", "stream", "message"), [
    (["simulate", "{}"], "m.yaml", "err", "invalid YAML: nested too deeply"),
    (["verify", "--quiet", "--manifests", "{}"], "m.yaml", "err", "invalid YAML: nested too deeply"),
    (["simulate", "--cluster", "{}", str(ROOT / "examples" / "web.yaml")], "c.yaml", "err",
     "invalid YAML: nested too deeply"),
    (["scenario", "run", "{}"], "s.yaml", "out", "not valid YAML: nested too deeply"),
    (["conform", "run", "{}"], "c.jsonl", "err", "c.jsonl:1: not JSON this reader accepts: nested too deeply"),
    (["replay", "{}"], "t.itf.json", "err", "not a kubeproof trace (not JSON this reader accepts: nested too deeply)"),
])
def test_deeply_nested_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], name: str,
                             stream: str, message: str) -> None:
    path = _write(tmp_path / name, DEEP_JSON if name.endswith("json") or name.endswith("jsonl") else DEEP_YAML)
    code, out, err = _cli([a.replace("{}", str(path)) for a in argv], capsys)
    assert code == 2, out + err
    assert message in (out if stream == "out" else err)


def test_serve_answers_a_deeply_nested_request() -> None:
    from checkers.conform_cli import answer_line

    answer = answer_line(DEEP_JSON)
    assert answer == {"id": None, "output": {"error": {"kind": "Invalid",
                                                       "message": "request is nested too deeply to decode"}}}


# --- conformance case files --------------------------------------------------------------------------

def test_a_file_that_is_not_json_lines_is_reported_briefly(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "web.jsonl", WEB)
    code, out, err = _cli(["conform", "run", str(path)], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 6 and lines[-1].endswith("more malformed lines not shown (is it a JSON Lines case file?)")
    every_line = sum(1 for line in WEB.splitlines() if line.strip())  # each one counted, not each one listed
    assert out.strip().endswith(f"0 passed, 0 failed, 0 skipped, {every_line} malformed")


@pytest.mark.parametrize(("line", "message"), [
    ("[1, 2]", "a case must be a JSON object, got an array"),
    ('"text"', "a case must be a JSON object, got a string"),
    ("null", "a case must be a JSON object, got null"),
    ('{"id": "a", "input": {}, "expect": {}}', "op: Required value"),
    ('{"id": "a", "op": 7, "input": {}, "expect": {}}', "op: Invalid value: 7: must be a string"),
    ('{"id": "a", "op": "x.y", "input": [], "expect": {}}', "input: Invalid value: must be a JSON object"),
    ('{"id": "a", "op": "x.y", "input": {}}', "expect: Required value"),
    ('{"id": "a", "op": "x.y", "input": {}, "expect": {}', "not JSON: Expecting ',' delimiter"),
])
def test_malformed_case_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str) -> None:
    path = _write(tmp_path / "c.jsonl", line + "\n")
    for argv in (["conform", "run", str(path)], ["conform", "check", "--impl", "cat", str(path)]):
        code, _, err = _cli(argv, capsys)
        assert code == 2 and f"{path}:1: {message}" in err, err


def test_yaml_numbers_and_booleans_in_node_labels_are_their_text(tmp_path: Path) -> None:
    from model.config import load_cluster_file

    path = _write(tmp_path / "c.yaml", "nodes:\n  - {name: n1, labels: {ssd: true, rack: 3}, zone: zone-a}\n")
    (node,) = load_cluster_file(str(path))["nodes"]
    assert node.labels == (("rack", "3"), ("ssd", "true")) and node.zone == "zone-a"


def test_replay_of_a_scenario_run_says_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = ROOT / "tests" / "scenarios" / "deployment-rollback.yaml"
    code, _, _ = _cli(["scenario", "run", "--trace", str(tmp_path), str(scenario)], capsys)
    assert code == 0
    (itf,) = tmp_path.glob("*.itf.json")
    code, _, err = _cli(["replay", str(itf)], capsys)
    assert code == 2 and "not a kubeproof trace (a scenario's run from `kubeproof scenario run --trace`" in err


# --- output places that cannot be written: refused before the run, naming the option ---------------------

def test_output_under_a_file_is_refused_before_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = _write(tmp_path / "file", "not a directory")
    scenario = str(ROOT / "tests" / "scenarios" / "deployment-rollback.yaml")
    code, out, err = _cli(["scenario", "run", "--trace", str(blocker / "traces"), scenario], capsys)
    assert code == 2 and out == "" and f"--trace {blocker / 'traces'}: cannot create the directory" in err
    code, out, err = _cli(["verify", "--quiet", "--reports", str(blocker / "runs"), "--setup", "rollout-1"], capsys)
    assert code == 2 and out == "" and f"argument --reports: cannot create {blocker / 'runs'}" in err


def test_verify_on_manifests_without_a_workload_controller_says_there_is_nothing_to_verify(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n"
                                       "spec:\n  containers:\n  - name: c\n    image: nginx\n")
    code, out, err = _cli(["verify", "--manifests", str(tmp_path), "--quiet"], capsys)
    assert code == 2, out + err
    assert "nothing to verify: no Deployment, ReplicaSet or ReplicationController" in err
