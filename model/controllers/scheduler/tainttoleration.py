"""Taints and tolerations: matching, the TaintToleration filter and score.

Mirrors staging/src/k8s.io/api/core/v1/toleration.go (``Toleration.ToleratesTaint`` with the
numeric ``Gt``/``Lt`` operators behind the TaintTolerationComparisonOperators gate,
``compareNumericValues``), staging/src/k8s.io/apimachinery/pkg/api/validate/content
(``IsDecimalInteger``), staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go and
pkg/apis/core/v1/helper (``TolerationsTolerateTaint``, ``FindMatchingUntoleratedTaint``),
pkg/scheduler/framework/plugins/helper (``DoNotScheduleTaintsFilterFunc``,
``DefaultNormalizeScore``) and pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go
(``Filter``, ``PreScore``/``getAllTolerationPreferNoSchedule``,
``countIntolerableTaintsPreferNoSchedule``, ``NormalizeScore``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from model.controllers.scheduler.noderesources import (
    MAX_NODE_SCORE,
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    FilterResult,
)
from model.objects import Node, Pod, Taint, Toleration

NO_SCHEDULE = "NoSchedule"
PREFER_NO_SCHEDULE = "PreferNoSchedule"
NO_EXECUTE = "NoExecute"

ERR_REASON_UNTOLERATED = "node(s) had untolerated taint(s)"

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def is_decimal_integer(value: str) -> bool:
    """Canonical decimal integer: "0", or an optional "-" and digits without a leading zero.
    Mirrors staging/src/k8s.io/apimachinery/pkg/api/validate/content: IsDecimalInteger."""
    if not value:
        return False
    i = 1 if value[0] == "-" else 0
    if i == len(value):
        return False
    if value[i] == "0":
        return len(value) == 1
    return all("0" <= ch <= "9" for ch in value[i:])


def _parse_int64(value: str) -> int | None:
    if not is_decimal_integer(value):
        return None
    n = int(value)
    return n if _INT64_MIN <= n <= _INT64_MAX else None


def tolerates_taint(toleration: Toleration, taint: Taint, comparison_operators: bool = False) -> bool:
    """Does one toleration tolerate one taint? Mirrors staging/src/k8s.io/api/core/v1/toleration.go: Toleration.ToleratesTaint.

    Effects must agree unless the toleration's is empty; keys must agree unless the toleration's
    is empty; ``Exists`` ignores the value, ``Equal``/empty compares it; ``Gt``/``Lt`` compare
    canonical int64 values (taint > / < toleration) only when the gate is on; any other operator
    matches nothing.
    """
    if toleration.effect and toleration.effect != taint.effect:
        return False
    if toleration.key and toleration.key != taint.key:
        return False
    op = toleration.operator
    if op in ("", "Equal"):
        return toleration.value == taint.value
    if op == "Exists":
        return True
    if op in ("Gt", "Lt"):
        if not comparison_operators:
            return False
        tol, tnt = _parse_int64(toleration.value), _parse_int64(taint.value)
        if tol is None or tnt is None:
            return False
        return tnt > tol if op == "Gt" else tnt < tol
    return False


def tolerations_tolerate_taint(tolerations: Iterable[Toleration], taint: Taint,
                               comparison_operators: bool = False) -> bool:
    """Mirrors pkg/apis/core/v1/helper/helpers.go: TolerationsTolerateTaint: some toleration tolerates the
    taint."""
    return any(tolerates_taint(t, taint, comparison_operators) for t in tolerations)


def find_matching_untolerated_taint(taints: Iterable[Taint], tolerations: Sequence[Toleration],
                                    inclusion: Callable[[Taint], bool] | None = None,
                                    comparison_operators: bool = False) -> Taint | None:
    """The first taint (passing ``inclusion``) that no toleration tolerates, else None.
    Mirrors pkg/apis/core/v1/helper/helpers.go: FindMatchingUntoleratedTaint."""
    for taint in taints:
        if inclusion is not None and not inclusion(taint):
            continue
        if not tolerations_tolerate_taint(tolerations, taint, comparison_operators):
            return taint
    return None


def do_not_schedule_taint(taint: Taint) -> bool:
    """Mirrors pkg/scheduler/framework/plugins/helper/taint.go: DoNotScheduleTaintsFilterFunc: NoSchedule and
    NoExecute taints."""
    return taint.effect in (NO_SCHEDULE, NO_EXECUTE)


def taint_toleration_filter(pod: Pod, node: Node, comparison_operators: bool = False) -> FilterResult:
    """Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: TaintToleration.Filter.
    TaintToleration ``Filter``: an untolerated NoSchedule/NoExecute taint rejects the node
    (UnschedulableAndUnresolvable); PreferNoSchedule never does."""
    taint = find_matching_untolerated_taint(node.spec.taints, pod.spec.tolerations,
                                            do_not_schedule_taint, comparison_operators)
    if taint is None:
        return FilterResult(True)
    return FilterResult(False, UNSCHEDULABLE_AND_UNRESOLVABLE, (ERR_REASON_UNTOLERATED,))


def prefer_no_schedule_tolerations(tolerations: Iterable[Toleration]) -> tuple[Toleration, ...]:
    """Mirrors taint_toleration.go: getAllTolerationPreferNoSchedule (effect empty or
    PreferNoSchedule)."""
    return tuple(t for t in tolerations if t.effect in ("", PREFER_NO_SCHEDULE))


def count_intolerable_prefer_no_schedule(taints: Iterable[Taint], tolerations: Sequence[Toleration],
                                         comparison_operators: bool = False) -> int:
    """Mirrors taint_toleration.go: countIntolerableTaintsPreferNoSchedule."""
    return sum(1 for t in taints if t.effect == PREFER_NO_SCHEDULE
               and not tolerations_tolerate_taint(tolerations, t, comparison_operators))


def default_normalize_score(scores: Sequence[int], reverse: bool,
                            max_priority: int = MAX_NODE_SCORE) -> tuple[int, ...]:
    """Mirrors pkg/scheduler/framework/plugins/helper/normalize_score.go: DefaultNormalizeScore: scale to
    0..max by the largest; ``reverse`` flips."""
    max_count = max(scores, default=0)
    if max_count <= 0:
        return tuple(max_priority if reverse else s for s in scores)
    out = []
    for s in scores:
        v = max_priority * s // max_count
        out.append(max_priority - v if reverse else v)
    return tuple(out)


def taint_toleration_score(pod: Pod, nodes: Sequence[Node],
                           comparison_operators: bool = False) -> tuple[tuple[str, int], ...]:
    """Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: TaintToleration.Score /
    NormalizeScore. TaintToleration ``Score`` then ``NormalizeScore``: fewer untolerated PreferNoSchedule
    taints score higher; 100 everywhere when no node has any."""
    tolerations = prefer_no_schedule_tolerations(pod.spec.tolerations)
    raw = [count_intolerable_prefer_no_schedule(n.spec.taints, tolerations, comparison_operators)
           for n in nodes]
    norm = default_normalize_score(raw, reverse=True)
    return tuple((n.metadata.name, s) for n, s in zip(nodes, norm, strict=True))
