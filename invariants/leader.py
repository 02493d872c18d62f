"""Leader election: at most one kube-controller-manager acts as the leader.

Mirrors the promise of ``client-go/tools/leaderelection`` (lease renewal, renewDeadline <
leaseDuration) as ``model/controllers/leaderelection.py`` decides it.
"""

from __future__ import annotations

from typing import Any

from invariants.property import Property


def _leaders(model: Any, state: Any) -> tuple[str, ...] | None:
    fn = getattr(model, "acting_leaders", None)
    if callable(fn):
        return tuple(fn(state))
    leaders = getattr(state, "leaders", None)
    if callable(leaders):
        leaders = leaders()
    return tuple(leaders) if leaders is not None else None


def _single_leader(model: Any, state: Any) -> bool:
    leaders = _leaders(model, state)
    return leaders is None or len(leaders) <= 1


def _applies(model: Any) -> bool:
    cfg = getattr(model, "config", None)
    if getattr(cfg, "controller_managers", 1) < 2:
        return False
    try:
        return _leaders(model, model.init_states()[0]) is not None
    except Exception:
        return False


AT_MOST_ONE_LEADER = Property(
    "at_most_one_active_leader", "always", _single_leader,
    """At most one controller-manager replica believes it holds the leader lease and acts.

    A leader stops acting when it cannot renew within renewDeadline, which is shorter than
    leaseDuration, and a follower takes over only once the lease has expired. Kubernetes does NOT
    promise it under clock skew larger than leaseDuration − renewDeadline, nor for a process paused
    (e.g. GC) after its last renewal check — the lease is not a fencing token. Applies to
    configurations with two or more controller-managers whose model exposes the acting leaders.""",
    applies=_applies,
    group="leader",
)

PROPERTIES = (AT_MOST_ONE_LEADER,)
