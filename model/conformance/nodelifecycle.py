"""Conformance operations of the ``nodelifecycle`` group (see CONFORMANCE.md) — proposed ops.

``nodelifecycle.observe_node``
    in: ``{node: Node, lastHeartbeat: Time|null, now: Time, gracePeriodSeconds?: int (40),
    startupGracePeriodSeconds?: int (60)}``. ``lastHeartbeat`` is the last renewal of the node's
    status or Lease; null means never (the node's ``creationTimestamp`` and the startup grace
    count). An absent ``lastHeartbeat`` is read from the node itself: its Ready condition's
    ``lastHeartbeatTime`` (what the controller's probe timestamp tracks, tryUpdateNodeHealth), else
    never. out: ``{readyCondition: "True"|"False"|"Unknown", timedOut: bool, taints: Taint[]}``:
    ``timedOut`` when ``now > lastHeartbeat + grace`` (strict), which forces Ready (and the
    pressure conditions) to Unknown; ``taints`` are the node-lifecycle taints the node converges
    to for Ready — ``node.kubernetes.io/not-ready`` (Ready False) or ``.../unreachable`` (Unknown),
    first with effect NoSchedule then NoExecute (the NoExecute one with ``timeAdded``: kept from
    the node when present, else ``now``); none for Ready True, and none for a node that never
    reported Ready and is still within the startup grace. Zone rate limiting is not part of the op.

``tainteviction.plan``
    in: ``{taints: Taint[], tolerations: Toleration[], now: Time, scheduledAt?: Time|null,
    featureGates?}`` — ``scheduledAt`` is when an eviction already pending for the pod was
    scheduled. out: ``{action: "none"|"evictNow"|"evictAt", at?: Time}`` (``at`` only for evictAt):
    only NoExecute taints count; none → "none"; one not tolerated → "evictNow"; all tolerated →
    the first tolerating toleration of each taint is used and the shortest ``tolerationSeconds``
    among them decides (none set → "none"; ≤ 0 → "evictNow"); the deadline is
    ``(scheduledAt or now) + seconds``, "evictNow" when it is not after ``now``. Optional
    ``scheduledFireAt: Time`` is the fire time of that pending eviction: one created before ``now``
    is kept unchanged by Kubernetes (a longer toleration does not postpone it), so its fire time is
    the answer when given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.conformance.jsonread import read_time
from model.controllers import nodelifecycle, tainteviction
from model.errors import ModelError
from model.objects import Node, Taint, Toleration, from_json, to_json
from model.timeutil import NANOS, Time, format_time


def _time(value: Any, field: str) -> Time:
    t = read_time(value, field)
    if t is None:
        raise ModelError("Invalid", f"{field}: expected an RFC 3339 time", field=field)
    return t


def _int(inp: Mapping[str, Any], key: str, default: int) -> int:
    value = inp.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError("Invalid", f"{key}: expected an integer", field=key)
    return value


def observe_node(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: tryUpdateNodeHealth, with the
    condition taints (op ``nodelifecycle.observe_node``)."""
    node = from_json(Node, inp.get("node"), "node")
    hb = inp.get("lastHeartbeat")
    last = None if hb is None else _time(hb, "lastHeartbeat")
    if "lastHeartbeat" not in inp:
        ready = nodelifecycle.get_condition(node, "Ready")
        last = None if ready is None else ready.last_heartbeat_time
    now = _time(inp.get("now"), "now")
    grace = _int(inp, "gracePeriodSeconds", 40) * NANOS
    startup = _int(inp, "startupGracePeriodSeconds", 60) * NANOS
    obs = nodelifecycle.observe_node(node, last, now, grace, startup)
    taints = [t for t in obs.node.spec.taints
              if t.key in (nodelifecycle.TAINT_NOT_READY, nodelifecycle.TAINT_UNREACHABLE)
              and t.effect in (nodelifecycle.NO_SCHEDULE, nodelifecycle.NO_EXECUTE)]
    taints.sort(key=lambda t: t.effect != nodelifecycle.NO_SCHEDULE)
    return {"readyCondition": obs.ready, "timedOut": obs.timed_out, "taints": [to_json(t) for t in taints]}


def plan(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/tainteviction/taint_eviction.go: processPodOnNode (op
    ``tainteviction.plan``)."""
    taints = [from_json(Taint, t, f"taints[{i}]") for i, t in enumerate(inp.get("taints") or [])]
    tols = [from_json(Toleration, t, f"tolerations[{i}]") for i, t in enumerate(inp.get("tolerations") or [])]
    now = _time(inp.get("now"), "now")
    sched = inp.get("scheduledAt")
    fire = inp.get("scheduledFireAt")
    gates = inp.get("featureGates") or {}
    result = tainteviction.plan(taints, tols, now, None if sched is None else _time(sched, "scheduledAt"),
                                bool(gates.get("TaintTolerationComparisonOperators", False)),
                                None if fire is None else _time(fire, "scheduledFireAt"))
    out: dict[str, Any] = {"action": result.action}
    if result.at is not None:
        out["at"] = format_time(result.at)
    return out


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "nodelifecycle.observe_node": observe_node,
    "tainteviction.plan": plan,
}
