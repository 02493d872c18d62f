"""The NodeResourcesFit filter and the resource scoring strategies.

Mirrors pkg/scheduler/framework/plugins/noderesources: fit.go (``Fit.Filter``, ``fitsRequest``,
``InsufficientResource`` with its ``Unresolvable`` flag), resource_allocation.go
(``resourceAllocationScorer.score``, ``calculateResourceAllocatableRequest``,
``calculatePodResourceRequestList``, ``isBestEffortPod``), least_allocated.go
(``leastResourceScorer``), most_allocated.go (``mostResourceScorer``), balanced_allocation.go
(``BalancedAllocation.PreScore``, ``balancedResourceScorer``) and the argument validation in
pkg/scheduler/apis/config/validation/validation_pluginargs.go (``validateResources``,
``ValidateNodeResourcesBalancedAllocationArgs``).

Scores are integers 0..MAX_NODE_SCORE computed with Go's truncating int64 arithmetic; the balanced
score uses floating point exactly as Go does (float64, truncated by ``int64()``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from model.controllers.scheduler.resources import (
    CPU,
    EPHEMERAL_STORAGE,
    MEMORY,
    NON_ZERO_DEFAULTS,
    PODS,
    NodeInfo,
    Resource,
    amount,
    compute_pod_resource_request,
    is_extended_resource_name,
    is_scalar_resource_name,
    pod_requests,
)
from model.errors import ModelError
from model.objects import Pod

MAX_NODE_SCORE = 100
MIN_NODE_SCORE = 0

UNSCHEDULABLE = "Unschedulable"
UNSCHEDULABLE_AND_UNRESOLVABLE = "UnschedulableAndUnresolvable"

DEFAULT_RESOURCES: tuple[tuple[str, int], ...] = ((CPU, 1), (MEMORY, 1))
"""The default scoring resources and weights of NodeResourcesFit and BalancedAllocation."""


@dataclass(frozen=True, slots=True)
class InsufficientResource:
    """``noderesources.InsufficientResource``."""

    resource_name: str
    reason: str
    requested: int
    used: int
    capacity: int
    unresolvable: bool = False


def fits_request(pod_request: Resource, info: NodeInfo, ignored_resources: Iterable[str] = (),
                 ignored_resource_groups: Iterable[str] = ()) -> tuple[InsufficientResource, ...]:
    """Every resource the node lacks for the pod. Mirrors noderesources/fit.go: fitsRequest.

    The pod-count check applies to every pod; the others only to a pod that requests something,
    and each only for a positive request larger than what is left (allocatable − requested).
    A request larger than the whole allocatable is unresolvable (preemption cannot help).
    """
    ignored = set(ignored_resources)
    groups = set(ignored_resource_groups)
    out: list[InsufficientResource] = []
    allowed = info.allocatable.allowed_pod_number
    if len(info.pods) + 1 > allowed:
        out.append(InsufficientResource(PODS, "Too many pods", 1, len(info.pods), allowed))
    if (pod_request.milli_cpu == 0 and pod_request.memory == 0 and pod_request.ephemeral_storage == 0
            and not pod_request.scalar_resources):
        return tuple(out)
    for name, req in ((CPU, pod_request.milli_cpu), (MEMORY, pod_request.memory),
                      (EPHEMERAL_STORAGE, pod_request.ephemeral_storage)):
        alloc, used = info.allocatable.get(name), info.requested.get(name)
        if req > 0 and req > alloc - used:
            out.append(InsufficientResource(name, f"Insufficient {name}", req, used, alloc, req > alloc))
    for name, req in pod_request.scalar_resources:
        if req == 0:
            continue
        if is_extended_resource_name(name) and (name in ignored or name.split("/")[0] in groups):
            continue
        alloc, used = info.allocatable.scalar(name), info.requested.scalar(name)
        if req > alloc - used:
            out.append(InsufficientResource(name, f"Insufficient {name}", req, used, alloc, req > alloc))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class FilterResult:
    """Model-only (a filter's ``framework.Status``): A filter plugin's verdict: success, or a code and the
    reasons."""

    fits: bool
    code: str | None = None
    reasons: tuple[str, ...] = ()
    insufficient: tuple[InsufficientResource, ...] = ()


def fit_filter(pod: Pod, info: NodeInfo, ignored_resources: Iterable[str] = (),
               ignored_resource_groups: Iterable[str] = (), pod_level_resources: bool = True) -> FilterResult:
    """Mirrors pkg/scheduler/framework/plugins/noderesources/fit.go: Fit.Filter. NodeResourcesFit ``Filter``:
    Unschedulable with every shortage as a reason, or UnschedulableAndUnresolvable when some request exceeds
    the node's whole allocatable."""
    insufficient = fits_request(compute_pod_resource_request(pod, pod_level_resources=pod_level_resources),
                                info, ignored_resources,
                                ignored_resource_groups)
    if not insufficient:
        return FilterResult(True)
    code = UNSCHEDULABLE_AND_UNRESOLVABLE if any(r.unresolvable for r in insufficient) else UNSCHEDULABLE
    return FilterResult(False, code, tuple(r.reason for r in insufficient), insufficient)


# ---------------------------------------------------------------------------------------------
# scoring


def validate_scoring_resources(resources: Sequence[tuple[str, int]],
                               path: str = "scoringStrategy.resources") -> None:
    """Weights must be in 1..100. Mirrors validation_pluginargs.go: validateResources."""
    for i, (name, weight) in enumerate(resources):
        if weight <= 0 or weight > 100:
            raise ModelError("InvalidArgs", f"{path}[{i}].weight: Invalid value: {weight}: resource weight "
                             f"of {name} not in valid range (0, 100]", field=f"{path}[{i}].weight",
                             type="FieldValueInvalid")


def validate_balanced_allocation_resources(resources: Sequence[tuple[str, int]],
                                           path: str = "resources") -> None:
    """Names unique, weights exactly 1. Mirrors pkg/scheduler/apis/config/validation/validation_pluginargs.go: ValidateNodeResourcesBalancedAllocationArgs."""
    seen: set[str] = set()
    for i, (name, weight) in enumerate(resources):
        if name in seen:
            raise ModelError("InvalidArgs", f"{path}[{i}].name: Duplicate value: {name!r}",
                             field=f"{path}[{i}].name", type="FieldValueDuplicate")
        seen.add(name)
        if weight != 1:
            raise ModelError("InvalidArgs", f"{path}[{i}].weight: Invalid value: {weight}: must be 1",
                             field=f"{path}[{i}].weight", type="FieldValueInvalid")


def pod_resource_request_list(pod: Pod, resources: Sequence[tuple[str, int]], *,
                              use_requested: bool, pod_level_resources: bool = True) -> tuple[int, ...]:
    """The incoming pod's request for each scored resource. Mirrors
    resource_allocation.go: calculatePodResourceRequestList (non-zero defaults unless
    ``use_requested``, as BalancedAllocation sets it)."""
    reqs = pod_requests(pod, non_missing=None if use_requested else NON_ZERO_DEFAULTS,
                        pod_level_resources=pod_level_resources)
    return tuple(amount(name, reqs[name]) if name in reqs else 0 for name, _ in resources)


def _allocatable_requested(info: NodeInfo, name: str, pod_request: int,
                           use_requested: bool) -> tuple[int, int]:
    """Mirrors resource_allocation.go: calculateResourceAllocatableRequest; (0, 0) skips."""
    requested = info.requested if use_requested else info.non_zero_requested
    if pod_request == 0 and is_scalar_resource_name(name):
        return 0, 0
    if name == CPU:
        return info.allocatable.milli_cpu, requested.milli_cpu + pod_request
    if name == MEMORY:
        return info.allocatable.memory, requested.memory + pod_request
    if name == EPHEMERAL_STORAGE:
        return info.allocatable.ephemeral_storage, info.requested.ephemeral_storage + pod_request
    if info.allocatable.has_scalar(name):
        return info.allocatable.scalar(name), info.requested.scalar(name) + pod_request
    return 0, 0


def _vectors(info: NodeInfo, resources: Sequence[tuple[str, int]], pod_reqs: Sequence[int],
             use_requested: bool) -> tuple[list[int], list[int]]:
    requested = [0] * len(resources)
    allocatable = [0] * len(resources)
    for i, (name, _) in enumerate(resources):
        alloc, req = _allocatable_requested(info, name, pod_reqs[i], use_requested)
        if alloc == 0:
            continue
        allocatable[i], requested[i] = alloc, req
    return requested, allocatable


def least_requested_score(requested: int, capacity: int) -> int:
    """Mirrors least_allocated.go: leastRequestedScore."""
    if capacity == 0 or requested > capacity:
        return 0
    return (capacity - requested) * MAX_NODE_SCORE // capacity


def most_requested_score(requested: int, capacity: int) -> int:
    """Mirrors most_allocated.go: mostRequestedScore (requests above capacity count as full)."""
    if capacity == 0:
        return 0
    requested = min(requested, capacity)
    return requested * MAX_NODE_SCORE // capacity


def _weighted(requested: Sequence[int], allocatable: Sequence[int],
              resources: Sequence[tuple[str, int]], per_resource: Callable[[int, int], int]) -> int:
    node_score = weight_sum = 0
    for i in range(len(requested)):
        if allocatable[i] == 0:
            continue
        weight = resources[i][1]
        node_score += per_resource(requested[i], allocatable[i]) * weight
        weight_sum += weight
    return 0 if weight_sum == 0 else node_score // weight_sum


def balanced_resource_score(requested: Sequence[int], allocatable: Sequence[int]) -> int:
    """Mirrors balanced_allocation.go: balancedResourceScorer (1 − standard deviation of the
    utilisation fractions, each capped at 1)."""
    fractions: list[float] = []
    total = 0.0
    for req, alloc in zip(requested, allocatable, strict=True):
        if alloc == 0:
            continue
        f = min(req / alloc, 1.0)
        total += f
        fractions.append(f)
    std = 0.0
    if len(fractions) == 2:
        std = abs((fractions[0] - fractions[1]) / 2)
    elif len(fractions) > 2:
        mean = total / len(fractions)
        std = math.sqrt(sum((f - mean) * (f - mean) for f in fractions) / len(fractions))
    return int((1 - std) * MAX_NODE_SCORE)


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """Per-node scores in node order; ``status`` "Success", "Error" or "Skip"."""

    scores: tuple[tuple[str, int], ...]
    status: str = "Success"


def score_resource_allocation(pod: Pod, infos: Sequence[NodeInfo],
                              resources: Sequence[tuple[str, int]] | None,
                              strategy: str = "LeastAllocated", pod_level_resources: bool = True) -> ScoreResult:
    """NodeResourcesFit ``PreScore`` + ``Score`` with the LeastAllocated or MostAllocated strategy.

    Mirrors resource_allocation.go: score. No configured resources is an Error status (every
    score 0); a resource with zero allocatable on the node, or a scalar the pod does not request,
    takes no part.
    """
    if resources is not None:
        validate_scoring_resources(resources)
    if not resources:
        return ScoreResult(tuple((i.name, MIN_NODE_SCORE) for i in infos), "Error")
    per = least_requested_score if strategy == "LeastAllocated" else most_requested_score
    pod_reqs = pod_resource_request_list(pod, resources, use_requested=False,
                                         pod_level_resources=pod_level_resources)
    out = []
    for info in infos:
        requested, allocatable = _vectors(info, resources, pod_reqs, False)
        out.append((info.name, _weighted(requested, allocatable, resources, per)))
    return ScoreResult(tuple(out))


def score_balanced_allocation(pod: Pod, infos: Sequence[NodeInfo],
                              resources: Sequence[tuple[str, int]] | None = None,
                              pod_level_resources: bool = True, improvement: bool = False) -> ScoreResult:
    """Mirrors pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go:
    BalancedAllocation.PreScore / Score. NodeResourcesBalancedAllocation ``PreScore`` + ``Score``; status
    "Skip" for a best-effort pod (no request for any scored resource), which makes the plugin sit the cycle
    out. ``resources`` None takes the plugin's defaulted arguments (cpu and memory, weight 1).

    ``improvement`` selects the newest upstream scorer (Kubernetes master, 2026): the balance score
    with the pod compared with the one without it, ``50 + (50 + with − without) / 2`` in integer
    arithmetic. The default is the released scorer (the balance with the pod), which
    semantics/replicaset.md §6.5 specifies."""
    if resources is None:
        resources = DEFAULT_RESOURCES
    validate_balanced_allocation_resources(resources)
    pod_reqs = pod_resource_request_list(pod, resources, use_requested=True,
                                         pod_level_resources=pod_level_resources)
    if all(r == 0 for r in pod_reqs):
        return ScoreResult((), "Skip")
    out = []
    for info in infos:
        requested, allocatable = _vectors(info, resources, pod_reqs, True)
        with_pod = balanced_resource_score(requested, allocatable)
        if improvement:
            # The node's usage without the pod, over the same (non-skipped) resources.
            before = [requested[i] - pod_reqs[i] if allocatable[i] else 0 for i in range(len(resources))]
            without = balanced_resource_score(before, allocatable)
            half = MAX_NODE_SCORE // 2
            with_pod = half + _go_div(half + with_pod - without, 2)
        out.append((info.name, with_pod))
    return ScoreResult(tuple(out))


def _go_div(a: int, b: int) -> int:
    """Go's integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q
