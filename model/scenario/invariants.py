"""Invariants a ``settle`` step checks after every state change (``SCENARIOS.md``, "Invariants").

* ``noOldAndNewPodsTogether`` — the Recreate promise the e2e ``testRecreateDeployment`` watches for
  (test/e2e/apps/deployment.go: ``checkDeploymentNoOldAndNewPods``-style watch): never
  ``status.updatedReplicas > 0`` while ``status.replicas != status.updatedReplicas``.
* ``rollingUpdateBounds`` — the e2e framework's ``checkRollingUpdateStatus``
  (test/e2e/framework/deployment, test/utils/deployment.go): while the Deployment is not complete,
  the ReplicaSets it controls together ask for at most ``spec.replicas + maxSurge`` pods and at least
  ``spec.replicas - maxUnavailable`` are available. maxSurge/maxUnavailable resolve as
  ``pkg/controller/deployment/util``'s ``MaxSurge``/``MaxUnavailable`` (``ResolveFenceposts``:
  surge rounded up, unavailable rounded down, both 0 makes unavailable 1).
"""

from __future__ import annotations

from typing import Any

from model.objects import Deployment, IntOrString
from model.scenario.conditions import (
    View,
    deployment_complete,
    new_replicaset,
    owned_replicasets,
    show_deployment,
    show_replicaset,
    spec_replicas,
)

DEFAULT_SURGE: IntOrString = "25%"
DEFAULT_UNAVAILABLE: IntOrString = "25%"


def scaled_value(value: IntOrString | None, total: int, round_up: bool, default: IntOrString) -> int:
    """Mirrors apimachinery intstr: GetScaledValueFromIntOrPercent (a percentage of ``total``)."""
    if value is None:
        value = default
    if isinstance(value, int):
        return value
    text = value.strip()
    if not text.endswith("%"):
        return int(text)
    pct = int(text[:-1])
    exact = pct * total
    return -(-exact // 100) if round_up else exact // 100


def resolve_fenceposts(d: Deployment) -> tuple[int, int]:
    """Mirrors pkg/controller/deployment/util: ResolveFenceposts -> (maxSurge, maxUnavailable)."""
    ru = d.spec.strategy.rolling_update
    desired = spec_replicas(d)
    surge = scaled_value(ru.max_surge if ru else None, desired, True, DEFAULT_SURGE)
    unavailable = scaled_value(ru.max_unavailable if ru else None, desired, False, DEFAULT_UNAVAILABLE)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


def _is_rolling(d: Deployment) -> bool:
    return d.spec.strategy.type in ("", "RollingUpdate")


def max_surge(d: Deployment) -> int:
    """Mirrors pkg/controller/deployment/util: MaxSurge (0 unless RollingUpdate)."""
    return resolve_fenceposts(d)[0] if _is_rolling(d) else 0


def max_unavailable(d: Deployment) -> int:
    """Mirrors pkg/controller/deployment/util: MaxUnavailable (capped at spec.replicas)."""
    if not _is_rolling(d) or spec_replicas(d) == 0:
        return 0
    return min(resolve_fenceposts(d)[1], spec_replicas(d))


def no_old_and_new_pods_together(arg: dict[str, Any], view: View) -> str | None:
    d = view.deployment(arg["deployment"])
    if d is None:
        return None
    s = d.status
    if s.updated_replicas > 0 and s.replicas != s.updated_replicas:
        return (f"noOldAndNewPodsTogether: {s.updated_replicas} updated pods while status.replicas is "
                f"{s.replicas}\n    {show_deployment(d)}"
                + "".join(f"\n    {show_replicaset(rs)}" for rs in owned_replicasets(view, d)))
    return None


def rolling_update_bounds(arg: dict[str, Any], view: View) -> str | None:
    d = view.deployment(arg["deployment"])
    if d is None or deployment_complete(d):
        return None
    if new_replicaset(view, d) is None:
        # As checkRollingUpdateStatus: nothing to bound before the new ReplicaSet exists.
        return None
    rss = owned_replicasets(view, d)
    total = sum(spec_replicas(rs) for rs in rss)
    ceiling = spec_replicas(d) + max_surge(d)
    floor = spec_replicas(d) - max_unavailable(d)
    listing = f"\n    {show_deployment(d)}" + "".join(f"\n    {show_replicaset(rs)}" for rs in rss)
    if total > ceiling:
        return (f"rollingUpdateBounds: ReplicaSets ask for {total} pods, more than spec.replicas + "
                f"maxSurge = {ceiling}{listing}")
    if d.status.available_replicas < floor:
        return (f"rollingUpdateBounds: {d.status.available_replicas} available, fewer than spec.replicas - "
                f"maxUnavailable = {floor}{listing}")
    return None


INVARIANTS = {
    "noOldAndNewPodsTogether": no_old_and_new_pods_together,
    "rollingUpdateBounds": rolling_update_bounds,
}


def check(invariants: list[dict[str, Any]], view: View) -> str | None:
    """The first broken invariant of the list, explained, or None."""
    for item in invariants:
        for name, arg in item.items():
            if name == "notes":
                continue
            problem = INVARIANTS[name](arg, view)
            if problem:
                return problem
    return None


__all__ = ["check", "max_surge", "max_unavailable", "resolve_fenceposts"]
