"""``kubeproof conform serve | run | check`` end to end (subprocesses, as a user runs them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "checkers.cli", "conform"]
ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + args, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_serve_answers_in_order_and_survives_malformed_lines() -> None:
    requests = "\n".join([
        json.dumps({"id": 1, "op": "intstr.get_scaled_value", "input": {"value": "39%", "total": 10, "roundUp": True}}),
        "this is not json",
        json.dumps([1, 2]),
        json.dumps({"id": "no-op", "input": {}}),
        json.dumps({"id": "bad-input", "op": "labels.parse", "input": "x=y"}),
        json.dumps({"id": 2, "op": "no.such.op", "input": {}}),
        "",
        json.dumps({"id": 3, "op": "labels.selector_matches", "input": {"selector": "x=y", "labels": {"x": "y"}}}),
    ]) + "\n"
    proc = _run(["serve"], requests)
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [a["id"] for a in answers] == [1, None, None, "no-op", "bad-input", 2, 3]
    assert answers[0]["output"] == {"value": 4}
    assert answers[1]["output"]["error"]["kind"] == "Invalid"
    assert answers[2]["output"]["error"]["kind"] == "Invalid"
    assert answers[3]["output"]["error"]["kind"] == "Invalid"
    assert answers[4]["output"]["error"]["kind"] == "Invalid"
    assert answers[5]["output"]["error"]["kind"] == "Unsupported"
    assert answers[6]["output"] == {"matches": True}


def test_serve_survives_undecodable_bytes() -> None:
    raw = b'\xff\xfe not utf-8\n' + json.dumps({"id": 9, "op": "labels.parse", "input": {"selector": "a=b"}}).encode() + b"\n"
    proc = subprocess.run(CLI + ["serve"], input=raw, capture_output=True, cwd=ROOT, timeout=60)
    answers = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert answers[0]["output"]["error"]["kind"] == "Invalid"
    assert answers[1] == {"id": 9, "output": {"valid": True, "string": "a=b",
                                               "requirements": [{"key": "a", "operator": "=", "values": ["b"]}]}}


def _write_cases(tmp_path: Path) -> Path:
    cases = [
        {"id": "ok", "op": "intstr.get_scaled_value", "input": {"value": "50%", "total": 3, "roundUp": True}, "expect": {"value": 2}},
        {"id": "wrong", "op": "intstr.get_scaled_value", "input": {"value": "50%", "total": 3, "roundUp": False}, "expect": {"value": 2}},
        {"id": "unsupported", "op": "no.such.op", "input": {}, "expect": {"value": 1}},
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in cases) + "\n")
    return path


def test_run_reports_failures_and_skips(tmp_path: Path) -> None:
    proc = _run(["run", str(_write_cases(tmp_path))])
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[-1] == "1 passed, 1 failed, 1 skipped"
    assert len(lines) == 2 and lines[0].startswith("FAIL wrong")


def test_run_json(tmp_path: Path) -> None:
    proc = _run(["run", "--json", str(_write_cases(tmp_path))])
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["id"], r["ok"]) for r in results] == [("ok", True), ("wrong", False), ("unsupported", False)]
    assert results[2]["skipped"] is True
    assert "1 passed, 1 failed, 1 skipped" in proc.stderr


def test_run_passes_on_shipped_cases() -> None:
    files = [str(p) for p in sorted((ROOT / "tests" / "conformance_cases").glob("*.jsonl"))
             if p.name in ("intstr.jsonl", "labels.jsonl")]
    proc = _run(["run", *files])
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1].endswith("0 failed, 0 skipped")


def test_check_drives_another_implementation(tmp_path: Path) -> None:
    impl = f"{sys.executable} -m checkers.cli conform serve"
    proc = _run(["check", "--impl", impl, str(_write_cases(tmp_path))])
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1] == "1 passed, 1 failed, 1 skipped"


def test_check_with_an_implementation_that_dies(tmp_path: Path) -> None:
    impl = f"{sys.executable} -c 'import sys; sys.stdin.readline()'"
    proc = _run(["check", "--timeout", "10", "--impl", impl, str(_write_cases(tmp_path))])
    assert proc.returncode == 2  # not one answer: a broken --impl command is a usage error
    assert "before answering any case" in proc.stderr and "Traceback" not in proc.stderr


def test_run_missing_file_is_a_clear_error() -> None:
    proc = _run(["run", "/nonexistent/cases.jsonl"])
    assert proc.returncode == 2
    assert "cannot read" in proc.stderr and "Traceback" not in proc.stderr


def test_run_select_and_directory(tmp_path: Path) -> None:
    _write_cases(tmp_path)
    proc = _run(["run", "-k", "ok", str(tmp_path)])
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[-1] == "1 passed, 0 failed, 0 skipped"
