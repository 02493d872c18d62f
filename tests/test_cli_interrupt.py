"""Ctrl-C during ``kubeproof simulate``: exit 130, the story so far printed, no half-written diagram."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_sigint_during_simulate_keeps_the_story(tmp_path: Path) -> None:
    diagram = tmp_path / "story.md"
    # An HPA keeps syncing every 15 simulated seconds, so a huge horizon runs until interrupted.
    proc = subprocess.Popen(
        [sys.executable, "-m", "checkers.cli", "simulate", "--max-seconds", "100000000", "--cluster",
         str(ROOT / "examples" / "cluster.yaml"), str(ROOT / "examples" / "web-hpa.yaml"),
         "--mermaid", str(diagram)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted at simulated t=" in err
    assert "created Deployment web" in out and "Deployment web:" in out
    assert list(tmp_path.iterdir()) == []


def test_sigint_during_conform_check_prints_the_tally(tmp_path: Path) -> None:
    cases = ROOT / "tests" / "conformance_cases" / "intstr.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "checkers.cli", "conform", "check", "--impl", "sleep 100", str(cases)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err
    assert out.strip().endswith("(interrupted)")
