"""Write a scenario run as ITF (``*.itf.json``) and Markdown with a Mermaid sequence diagram.

ITF is Apalache/Quint's Informal Trace Format: ``{"#meta", "vars", "states"}`` with integers as
``{"#bigint": "3"}`` and maps as ``{"#map": [[k, v], ...]}``; the action that led to each state is
in ``mbt::actionTaken``. Each state records what a user observes (the same fields the conditions
read): per Deployment, ReplicaSet, Pod and Node a small summary, plus the model clock in seconds
and the scenario step that was running.

The Markdown lists, per state change, only what changed, and draws the run as a Mermaid
``sequenceDiagram`` between the user, the API server and the component that acted.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from model.scenario.conditions import View, first_image, node_ready, pod_ready, revision, spec_replicas
from model.timeutil import NANOS

VARS = ("time", "step", "deployments", "replicaSets", "pods", "nodes")


def summarize(view: View) -> dict[str, Any]:
    """The user-visible summary of one state (plain JSON values)."""
    return {
        "deployments": {
            d.metadata.name: {
                "replicas": spec_replicas(d), "updated": d.status.updated_replicas,
                "ready": d.status.ready_replicas, "available": d.status.available_replicas,
                "statusReplicas": d.status.replicas, "revision": revision(d.metadata) or "",
                "image": first_image(d.spec.template) or "", "paused": d.spec.paused,
            } for d in sorted(view.deployments, key=lambda d: d.metadata.name)
        },
        "replicaSets": {
            rs.metadata.name: {
                "replicas": spec_replicas(rs), "statusReplicas": rs.status.replicas,
                "ready": rs.status.ready_replicas, "available": rs.status.available_replicas,
                "revision": revision(rs.metadata) or "",
            } for rs in sorted(view.replicasets, key=lambda r: r.metadata.name)
        },
        "pods": {
            p.metadata.name: {
                "phase": p.status.phase or "Pending", "ready": pod_ready(p), "node": p.spec.node_name,
                "terminating": p.metadata.deletion_timestamp is not None,
            } for p in sorted(view.pods, key=lambda p: p.metadata.name)
        },
        "nodes": {
            n.metadata.name: {"ready": node_ready(n), "taints": [f"{t.key}:{t.effect}" for t in n.spec.taints]}
            for n in sorted(view.nodes, key=lambda n: n.metadata.name)
        },
    }


def itf_value(value: Any) -> Any:
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, int):
        return {"#bigint": str(value)}
    if isinstance(value, float):
        return {"#bigint": str(int(value))} if value.is_integer() else str(value)
    if isinstance(value, dict):
        return {"#map": [[itf_value(k), itf_value(v)] for k, v in value.items()]}
    if isinstance(value, list | tuple):
        return [itf_value(v) for v in value]
    if value is None:
        return ""
    return str(value)


def _rows(result: Any) -> list[dict[str, Any]]:
    rows = []
    world = result.world
    for entry in result.trace:
        view = world.view(entry.state)
        row = summarize(view)
        row["time"] = (view.now - world.start_time) / NANOS
        row["step"] = entry.step_index
        row["action"] = "init" if entry.action is None else str(entry.action)
        rows.append(row)
    return rows


def to_itf(result: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    states = []
    for i, row in enumerate(rows):
        state = {"#meta": {"index": i}, "mbt::actionTaken": row["action"]}
        for var in VARS:
            state[var] = itf_value(row[var])
        states.append(state)
    scenario = result.scenario
    return {
        "#meta": {
            "format": "ITF",
            "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
            "source": scenario.path,
            "description": f"kubeproof scenario {scenario.name}: "
                           + ("passed" if result.passed else "failed"),
            "failure": None if result.passed else _failure_text(result),
        },
        "vars": list(VARS),
        "states": states,
    }


def _failure_text(result: Any) -> str:
    if result.error:
        return str(result.error)
    return result.failure.render() if result.failure else ""


def _diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    out = []
    for var in ("deployments", "replicaSets", "pods", "nodes"):
        old, new = before.get(var, {}), after[var]
        for name in sorted(set(old) | set(new)):
            if name not in new:
                out.append(f"{var} {name} removed")
            elif name not in old:
                out.append(f"{var} {name} added {_compact(new[name])}")
            elif old[name] != new[name]:
                changes = {k: v for k, v in new[name].items() if old[name].get(k) != v}
                out.append(f"{var} {name} {_compact(changes)}")
    return out


def _compact(d: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in d.items())


_PARTICIPANTS = (
    ("user", "User"), ("deployment", "DeploymentController"), ("replicaset", "ReplicaSetController"),
    ("replication", "ReplicaSetController"), ("schedul", "Scheduler"), ("kubelet", "Kubelet"),
    ("nodelifecycle", "NodeLifecycle"), ("taint", "TaintEviction"), ("gc", "GarbageCollector"),
    ("garbage", "GarbageCollector"), ("hpa", "HPA"), ("autoscal", "HPA"), ("tick", "Clock"),
    ("time", "Clock"),
)


def participant(action: str) -> str:
    low = action.lower()
    for needle, name in _PARTICIPANTS:
        if needle in low:
            return name
    word = re.match(r"[A-Za-z]+", action)
    return word.group(0) if word else "Model"


def to_markdown(result: Any, rows: list[dict[str, Any]]) -> str:
    scenario = result.scenario
    lines = [f"# Scenario `{scenario.name}`", ""]
    if scenario.summary:
        lines += [scenario.summary.strip(), ""]
    if scenario.source:
        lines += [f"Source: {scenario.source}", ""]
    lines += ["**Result:** " + ("passed" if result.passed else "failed"), ""]
    if not result.passed:
        lines += ["```", _failure_text(result), "```", ""]
    lines += ["| # | t (s) | step | action | what changed |", "| --- | --- | --- | --- | --- |"]
    prev: dict[str, Any] = {}
    diagram = ["sequenceDiagram", "    participant User", "    participant APIServer"]
    for i, row in enumerate(rows):
        changes = _diff(prev, row) if i else ["initial state"]
        prev = row
        if not changes and i:
            continue
        text = "<br>".join(c.replace("|", "\\|") for c in changes[:12])
        if len(changes) > 12:
            text += f"<br>... {len(changes) - 12} more"
        lines.append(f"| {i} | {row['time']:g} | {row['step']} | `{row['action']}` | {text} |")
        if i:
            who = participant(row["action"])
            note = "; ".join(changes[:2]).replace(";", ",").replace("#", "")
            label = re.sub(r"[^A-Za-z0-9 _.,=/:()-]", "", f"{row['action']}")[:60]
            diagram.append(f"    {who}->>APIServer: t={row['time']:g}s {label}")
            if note:
                diagram.append(f"    Note over APIServer: {re.sub(r'[^A-Za-z0-9 _.,=/:()-]', '', note)[:100]}")
    lines += ["", "```mermaid", *diagram, "```", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class Observed:
    """One state of a scenario run as a user observes it (the trace's state variables)."""

    time: int
    step: int
    deployments: dict[str, Any] = field(default_factory=dict)
    replica_sets: dict[str, Any] = field(default_factory=dict)
    pods: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, Any] = field(default_factory=dict)


def _header(result: Any) -> str:
    scenario = result.scenario
    parts = [scenario.summary.strip()] if scenario.summary else []
    if scenario.source:
        parts.append(f"Source: {scenario.source}")
    parts.append("Result: " + ("passed" if result.passed else "failed"))
    if not result.passed:
        parts.append(_failure_text(result))
    return "\n\n".join(parts)


def _write_with_verification_traces(directory: str, result: Any, rows: list[dict[str, Any]]) -> list[str] | None:
    """Write through the verification suite's ITF/Markdown writer (``checkers.traces``), if present."""
    try:
        from pathlib import Path

        from checkers.results import Trace  # type: ignore[import-not-found]
        from checkers.traces import write_trace as write_itf  # type: ignore[import-not-found]
    except ImportError:
        return None
    states = tuple(Observed(int(r["time"]), int(r["step"]), r["deployments"], r["replicaSets"], r["pods"], r["nodes"])
                   for r in rows)
    actions = tuple(e.action for e in result.trace[1:])
    failing = result.failure.step.label() if result.failure is not None else "every step"
    trace = Trace(states=states, actions=actions, property=failing, kind="scenario",
                  note=_failure_text(result) if not result.passed else "")
    stem = Path(directory) / result.scenario.name
    itf_path, md_path = write_itf(trace, None, stem, title=f"Scenario {result.scenario.name}",
                                  doc=_header(result),
                                  extra_meta={"source": result.scenario.path,
                                              "description": f"kubeproof scenario {result.scenario.name}: "
                                                             + ("passed" if result.passed else "failed")})
    # A scenario trace records observations, not model states: it cannot be replayed.
    text = md_path.read_text(encoding="utf-8")
    md_path.write_text("".join(line for line in text.splitlines(keepends=True)
                               if not line.startswith("Replay:")), encoding="utf-8")
    return [str(itf_path), str(md_path)]


def write_trace(directory: str, result: Any) -> list[str]:
    """Write ``<name>.itf.json`` and ``<name>.md`` into ``directory``; return their paths.

    Uses the verification suite's writer (``checkers.traces``) when it is available, so scenario
    traces look like every other kubeproof trace; otherwise the minimal writer of this module."""
    os.makedirs(directory, exist_ok=True)
    rows = _rows(result)
    written = _write_with_verification_traces(directory, result, rows)
    if written is not None:
        return written
    base = os.path.join(directory, result.scenario.name)
    with open(base + ".itf.json", "w", encoding="utf-8") as f:
        json.dump(to_itf(result, rows), f, indent=1)
    with open(base + ".md", "w", encoding="utf-8") as f:
        f.write(to_markdown(result, rows))
    return [base + ".itf.json", base + ".md"]
