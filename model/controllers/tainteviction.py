"""The taint-eviction controller's per-pod decision, and the default NoExecute tolerations.

Mirrors pkg/controller/tainteviction/taint_eviction.go (``processPodOnNode``,
``getMinTolerationTime``, ``getNoExecuteTaints``), pkg/apis/core/v1/helper/helpers.go
(``GetMatchingTolerations``: for each taint the FIRST tolerating toleration is the one used) and
plugin/pkg/admission/defaulttolerationseconds/admission.go (every pod gets
``not-ready:NoExecute`` and ``unreachable:NoExecute`` tolerations with ``tolerationSeconds: 300``
unless it already has a toleration for them).

API for the transition system (pure; times int nanoseconds):
* ``plan(taints, tolerations, now, scheduled_at=None)`` → ``EvictionPlan(action, at)`` with action
  "none" (cancel any pending eviction), "evictNow" or "evictAt";
* ``add_default_tolerations(tolerations, seconds=300)`` → the admitted tolerations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from model.controllers.scheduler.tainttoleration import NO_EXECUTE, tolerates_taint
from model.objects import Taint, Toleration
from model.timeutil import NANOS

TAINT_NOT_READY = "node.kubernetes.io/not-ready"
TAINT_UNREACHABLE = "node.kubernetes.io/unreachable"
DEFAULT_TOLERATION_SECONDS = 300

NONE = "none"
EVICT_NOW = "evictNow"
EVICT_AT = "evictAt"


def no_execute_taints(taints: Iterable[Taint]) -> tuple[Taint, ...]:
    """Mirrors pkg/controller/tainteviction/taint_eviction.go: getNoExecuteTaints."""
    return tuple(t for t in taints if t.effect == NO_EXECUTE)


def matching_tolerations(taints: Sequence[Taint], tolerations: Sequence[Toleration],
                         comparison_operators: bool = False) -> tuple[bool, tuple[Toleration, ...]]:
    """(all tolerated, the tolerations used). Mirrors pkg/apis/core/v1/helper/helpers.go: GetMatchingTolerations."""
    if not taints:
        return True, ()
    used: list[Toleration] = []
    for taint in taints:
        first = next((t for t in tolerations if tolerates_taint(t, taint, comparison_operators)), None)
        if first is None:
            return False, ()
        used.append(first)
    return True, tuple(used)


def min_toleration_seconds(tolerations: Sequence[Toleration]) -> int | None:
    """The shortest ``tolerationSeconds`` among the used tolerations; 0 when there are none or one
    is ≤ 0; None (tolerate forever) when none sets it. Mirrors pkg/controller/tainteviction/taint_eviction.go: getMinTolerationTime."""
    if not tolerations:
        return 0
    least: int | None = None
    for t in tolerations:
        if t.toleration_seconds is None:
            continue
        if t.toleration_seconds <= 0:
            return 0
        if least is None or t.toleration_seconds < least:
            least = t.toleration_seconds
    return least


@dataclass(frozen=True, slots=True)
class EvictionPlan:
    """The decision for one pod: ``action`` and, for "evictAt", the time."""

    action: str
    at: int | None = None


def plan(taints: Sequence[Taint], tolerations: Sequence[Toleration], now: int,
         scheduled_at: int | None = None, comparison_operators: bool = False,
         scheduled_fire_at: int | None = None) -> EvictionPlan:
    """Decide what happens to a pod on a node with these taints. Mirrors pkg/controller/tainteviction/taint_eviction.go: processPodOnNode.

    * no NoExecute taint → "none" (a pending eviction is cancelled);
    * some NoExecute taint not tolerated → "evictNow";
    * all tolerated, no used toleration sets ``tolerationSeconds`` → "none" (tolerate forever);
    * otherwise delete at the start of the eviction timer + the minimum ``tolerationSeconds``; the
      timer started at ``scheduled_at`` when an eviction is already pending, else now. A time not
      after ``now`` is "evictNow".

    A pending eviction created before ``now`` is kept as it is (processPodOnNode returns when
    ``createdAt + min`` is before ``now + min``): it still fires at its own time, so a lengthened
    toleration does not postpone it (taint_eviction_test.go TestUpdatePod "lengthening toleration
    shouldn't work"). When that fire time is known (``scheduled_fire_at``) it is the answer; without
    it the model estimates it as ``scheduled_at`` + the current minimum.
    """
    taints = no_execute_taints(taints)
    if not taints:
        return EvictionPlan(NONE)
    all_tolerated, used = matching_tolerations(taints, tolerations, comparison_operators)
    if not all_tolerated:
        return EvictionPlan(EVICT_NOW)
    least = min_toleration_seconds(used)
    if least is None:
        return EvictionPlan(NONE)
    start = scheduled_at if scheduled_at is not None and scheduled_at <= now else now
    at = start + least * NANOS
    if scheduled_at is not None and scheduled_at < now and scheduled_fire_at is not None:
        at = scheduled_fire_at
    if at <= now:
        return EvictionPlan(EVICT_NOW)
    return EvictionPlan(EVICT_AT, at)


def add_default_tolerations(tolerations: Sequence[Toleration],
                            seconds: int = DEFAULT_TOLERATION_SECONDS) -> tuple[Toleration, ...]:
    """Mirrors plugin/pkg/admission/defaulttolerationseconds/admission.go: Plugin.Admit: add ``Exists``
    NoExecute tolerations for not-ready and unreachable with ``tolerationSeconds`` unless one already
    tolerates them."""
    out = list(tolerations)
    for key in (TAINT_NOT_READY, TAINT_UNREACHABLE):
        # Any toleration with this key (or no key) and a NoExecute (or empty) effect counts.
        if not any(t.key in (key, "") and t.effect in ("", NO_EXECUTE) for t in tolerations):
            out.append(Toleration(key=key, operator="Exists", effect=NO_EXECUTE, toleration_seconds=seconds))
    return tuple(out)
