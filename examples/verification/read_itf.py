#!/usr/bin/env python3
"""Read a kubeproof counterexample (ITF JSON) without kubeproof: the example of docs/verification.md.

    python3 examples/verification/read_itf.py TRACE.itf.json

ITF (the Informal Trace Format of Apalache and Quint) is plain JSON: ``#meta`` says what the
trace shows, ``vars`` names the state variables and ``states`` lists the states in order. Big
integers are ``{"#bigint": "123"}``, maps ``{"#map": [[key, value], ...]}``, sets
``{"#set": [...]}``, tuples ``{"#tup": [...]}``. kubeproof adds ``mbt::actionTaken`` to every state:
the action that led to it. This script decodes those forms and prints, per step, the action and
the replica counts of every Deployment and ReplicaSet in the API server's store.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def decode(value: Any) -> Any:
    """ITF values as plain Python: ints, dicts, lists and tuples."""
    if isinstance(value, dict):
        if "#bigint" in value:
            return int(value["#bigint"])
        if "#map" in value:
            return {_key(decode(k)): decode(v) for k, v in value["#map"]}
        if "#set" in value:
            return [decode(v) for v in value["#set"]]
        if "#tup" in value:
            return tuple(decode(v) for v in value["#tup"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def _key(k: Any) -> Any:
    return tuple(k) if isinstance(k, list) else k


def replicas(state: dict[str, Any]) -> str:
    """'Deployment web 2 | ReplicaSet web-abc 2/2 ...': spec.replicas (and status.replicas for RS)."""
    parts = []
    for key, obj in state["store"]["objects"]:
        kind, _namespace, name = key
        if kind == "Deployment":
            parts.append(f"Deployment {name} {obj['spec'].get('replicas')}")
        elif kind == "ReplicaSet":
            spec = obj["spec"].get("replicas")
            status = obj.get("status", {}).get("replicas", 0)
            parts.append(f"ReplicaSet {name} spec {spec} status {status}")
    return " | ".join(parts)


def main(path: str) -> None:
    trace = decode(json.load(open(path, encoding="utf-8")))
    meta = trace["#meta"]
    print(f"{meta['description']} ({len(trace['states']) - 1} steps)")
    for state in trace["states"]:
        index = state["#meta"]["index"]
        print(f"{index:>3}  {state['mbt::actionTaken']}")
        print(f"     {replicas(state)}")


if __name__ == "__main__":
    main(sys.argv[1])
