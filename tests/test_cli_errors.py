"""A new user's mistakes on the command line: one clear line naming the file and field, exit status 2,
never a traceback (exit 1 is kept for "cases failed" / "property violated")."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from checkers.cli import main

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "examples" / "web.yaml"
CLUSTER = ROOT / "examples" / "cluster.yaml"


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    return code, out, err


def _web(tmp_path: Path, old: str, new: str) -> Path:
    text = WEB.read_text()
    assert old in text
    path = tmp_path / "web.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


# --- manifests -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "message"), [
    ("maxSurge: 1", "maxSurge: 0",
     "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"),
    ("maxUnavailable: 0", 'maxUnavailable: "150%"',
     'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'),
    ("replicas: 3", "replicas: -2", "spec.replicas: Invalid value: -2: must be greater than or equal to 0"),
    ("kind: Deployment", "kind: Deploymint", 'no matches for kind "Deploymint" in version "apps/v1"'),
    ("  replicas: 3", "  replicas: 3\n  replicaz: 4", 'unknown field "spec.replicaz"'),
])
def test_invalid_manifest_names_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               old: str, new: str, message: str) -> None:
    path = _web(tmp_path, old, new)
    code, _, err = _cli(["simulate", "--max-seconds", "5", str(path)], capsys)
    assert code == 2
    assert str(path) in err and message in err


def test_selector_not_matching_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = WEB.read_text()
    head, tail = text.split("  template:", 1)
    path = tmp_path / "web.yaml"
    path.write_text(head + "  template:" + tail.replace("app: web", "app: other", 1))
    code, _, err = _cli(["simulate", str(path)], capsys)
    assert code == 2 and "spec.template.metadata.labels: Invalid value" in err


@pytest.mark.parametrize("content", [b"", b"---\n---\n", b"\x91\xff\x00binary"])
def test_empty_or_binary_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(content)
    code, _, err = _cli(["simulate", str(path)], capsys)
    assert code == 2 and str(path) in err


def test_missing_file_and_empty_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["simulate", str(tmp_path / "nope.yaml")], capsys)
    assert code == 2 and "No such file" in err
    code, _, err = _cli(["simulate", str(tmp_path)], capsys)
    assert code == 2 and "no manifest files" in err


def test_malformed_yaml_gives_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\nspec: [\n")
    code, _, err = _cli(["simulate", str(path)], capsys)
    assert code == 2 and "line 4, column 5" in err


# --- cluster files ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ('nodes: "three"\n', "nodes: a non-empty list of nodes is required"),
    ("nodes:\n  - {name: n1, cpu: lots}\n", "nodes[0].cpu: Invalid value: \"lots\""),
    ("nodes:\n  - {name: n1, pods: many}\n", "nodes[0].pods: Invalid value: \"many\""),
    ("nodes:\n  - {name: n1, colour: red}\n", 'unknown field "nodes[0].colour"'),
    ("nodes:\n  - {name: n1}\nmaxSeconds: abc\n", "maxSeconds: Invalid value: \"abc\": must be an integer"),
    ("nodes:\n  - {name: n1}\nmaxSeconds: -1\n", "maxSeconds: Invalid value: -1"),
    ("- just\n- a list\n", "a cluster file is a YAML mapping"),
])
def test_bad_cluster_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    path = tmp_path / "cluster.yaml"
    path.write_text(text)
    code, _, err = _cli(["simulate", "--cluster", str(path), str(WEB)], capsys)
    assert code == 2 and message in err and str(path) in err
    assert err.count(str(path)) == 1  # named once, not "field: file: field: ..."


def test_binary_cluster_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cluster.yaml"
    path.write_bytes(b"\x91\xff\x00")
    code, _, err = _cli(["simulate", "--cluster", str(path), str(WEB)], capsys)
    assert code == 2 and "not a UTF-8 text file" in err


# --- simulate options ------------------------------------------------------------------------------

@pytest.mark.parametrize(("fault", "message"), [
    ("bogus", "unknown kind 'bogus'"),
    ("stop-node", "stop-node needs an argument"),
    ("stop-node:nosuch", 'nodes "nosuch" not found'),
    ("crash-pod:nosuch", "no pod named nosuch"),
    ("stop-node:node-1@abc", "whole seconds"),
    ("stop-node:node-1@-3", "must not be negative"),
    ("scale:web=abc", "expected scale:DEPLOYMENT=N"),
    ("scale:nosuch=3", 'deployments "nosuch" not found'),
    ("update-image:web", "expected update-image:DEPLOYMENT/CONTAINER=IMAGE"),
    ("update-image:web/nosuch=img", 'unable to find container named "nosuch"'),
    ("cpu-load:web=x", "expected cpu-load:DEPLOYMENT=MILLICORES"),
    ("drop-event:x", "drop-event takes no argument"),
])
def test_bad_fault(capsys: pytest.CaptureFixture[str], fault: str, message: str) -> None:
    code, _, err = _cli(["simulate", "--max-seconds", "5", "--cluster", str(CLUSTER), "--fault", fault, str(WEB)],
                        capsys)
    assert code == 2 and "--fault" in err and message in err


@pytest.mark.parametrize("value", ["-5", "abc"])
def test_bad_max_seconds(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = _cli(["simulate", "--max-seconds", value, str(WEB)], capsys)
    assert code == 2 and "--max-seconds" in err


def test_mermaid_target_checked_before_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(["simulate", "--mermaid", str(tmp_path), str(WEB)], capsys)
    assert code == 2 and "is a directory" in err and out == ""
    code, out, err = _cli(["simulate", "--mermaid", str(tmp_path / "no" / "x.md"), str(WEB)], capsys)
    assert code == 2 and "does not exist" in err and out == ""


def test_unknown_variant(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["simulate", "--variant", "nosuch", str(WEB)], capsys)
    assert code == 2 and "nosuch" in err


# --- conform ---------------------------------------------------------------------------------------

GOOD = {"id": "g", "op": "intstr.get_scaled_value",
        "input": {"value": "50%", "total": 10, "roundUp": True}, "expect": {"value": 5}}


def test_malformed_case_lines_are_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([json.dumps(GOOD), "not json", json.dumps({"id": "b", "input": {}}),
                               json.dumps({"id": "c", "op": "x", "input": 3, "expect": {}})]) + "\n")
    code, out, err = _cli(["conform", "run", str(path)], capsys)
    assert code == 2
    assert f"{path}:2: not JSON" in err
    assert f"{path}:3: op: Required value" in err
    assert f"{path}:4: input: Invalid value" in err
    assert out.splitlines()[-1] == "1 passed, 0 failed, 0 skipped, 3 malformed"


@pytest.mark.parametrize("content", [b"", b"\x91\xff\x00"])
def test_empty_or_binary_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_bytes(content)
    code, _, err = _cli(["conform", "run", str(path)], capsys)
    assert code == 2 and "kubeproof: error:" in err


def test_case_directory_without_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["conform", "run", str(tmp_path)], capsys)
    assert code == 2 and "no *.jsonl case files" in err


def _cases(tmp_path: Path) -> str:
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    return str(path)


@pytest.mark.parametrize(("impl", "message"), [
    ("/no/such/command", "cannot start '/no/such/command'"),
    ("'unterminated", "No closing quotation"),
    ("true", "before answering any case"),
    (f"{sys.executable} -c 'raise SystemExit(3)'", "before answering any case"),
])
def test_broken_impl(tmp_path: Path, capsys: pytest.CaptureFixture[str], impl: str, message: str) -> None:
    code, _, err = _cli(["conform", "check", "--timeout", "20", "--impl", impl, _cases(tmp_path)], capsys)
    assert code == 2 and message in err


def test_negative_timeout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["conform", "check", "--timeout", "-1", "--impl", "cat", _cases(tmp_path)], capsys)
    assert code == 2 and "--timeout" in err


# --- scenario --------------------------------------------------------------------------------------

def test_non_scenario_yaml_is_invalid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(["scenario", "run", str(WEB)], capsys)
    assert code == 2 and f"INVALID {WEB}" in out and "<unicode string>" not in out


def test_binary_and_empty_dir_scenarios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["scenario", "run", str(tmp_path)], capsys)
    assert code == 2 and "no scenario files" in err
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\x91\xff\x00")
    code, out, _ = _cli(["scenario", "run", str(path)], capsys)
    assert code == 2 and "not a UTF-8 text file" in out


def test_scenario_unknown_variant(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["scenario", "run", "--variant", "nosuch", str(WEB)], capsys)
    assert code == 2 and "--variant" in err


# --- the last line of defence ----------------------------------------------------------------------

def test_unexpected_os_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["replay", str(tmp_path)], capsys)
    assert code == 2 and err.startswith("kubeproof: error:") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("flag", "value"), [("--seconds", "-5"), ("--bound", "-1"), ("--runs", "-3")])
def test_verify_rejects_negative_budgets(capsys: pytest.CaptureFixture[str], flag: str, value: str) -> None:
    code, _, err = _cli(["verify", flag, value], capsys)
    assert code == 2 and f"argument {flag}: invalid value {value}" in err


def test_duplicate_objects_across_manifests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["simulate", str(WEB), str(WEB)], capsys)
    assert code == 2 and "Deployment default/web: metadata.name: Duplicate value: 'web'" in err


def test_scenario_trace_must_be_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    scenario = ROOT / "tests" / "scenarios" / "deployment-rollback.yaml"
    code, out, err = _cli(["scenario", "run", "--trace", str(target), str(scenario)], capsys)
    assert code == 2 and "not a directory" in err and out == ""


@pytest.mark.parametrize(("old", "new", "message"), [
    ("replicas: 3", "replicas: 99999999999999999999",
     "spec.replicas: cannot unmarshal number 99999999999999999999 into an int32 field"),
    ("- port: 80", "- port: 0", "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"),
    ("- port: 80", "- port: 70000", "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535"),
    ("- port: 80", "- port: http", 'spec.ports[0].port: expected an integer, got string "http"'),
])
def test_numbers_kubernetes_would_reject(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         old: str, new: str, message: str) -> None:
    code, _, err = _cli(["simulate", str(_web(tmp_path, old, new))], capsys)
    assert code == 2 and message in err


def test_fault_after_the_end_is_not_silently_dropped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(["simulate", "--max-seconds", "10", "--cluster", str(CLUSTER),
                           "--fault", "stop-node:node-1@1000", str(WEB)], capsys)
    assert code == 2 and "after the end of the simulation" in err and out == ""
