"""The Vertical Pod Autoscaler's observable decisions: recommendation, eviction choice, admission.

Mirrors kubernetes/autoscaler ``vertical-pod-autoscaler``:
* ``pkg/recommender/logic/recommender.go`` (``CreatePodResourceRecommender``,
  ``GetRecommendedPodResources``) and ``logic/estimator.go`` (percentile, margin, confidence-multiplier
  and minimum-resource estimators) — ``recommend``;
* ``pkg/updater/priority/update_priority_calculator.go`` (``UpdatePriorityCalculator.AddPod``) and
  ``priority_processor.go`` (``GetUpdatePriority``) — ``update_priority`` and ``should_update``;
* the admission controller's patch of container requests (``pkg/admission-controller``) — ``admit``.

How the recommender decays and buckets its usage histograms is not modelled: callers give the
percentiles. Resource amounts are integers as in the recommender's ``model.ResourceAmount``:
millicores for CPU, bytes for memory.

Conformance ops (``model/conformance/autoscaler.py``, proposed shapes):

``vpa.recommend``
    in ``{percentiles: {cpu: {p50, p90, p95}, memory: {p50, p90, p95}}, historyDays: number,
    containersPerPod: int}`` — percentiles are Quantities (or numbers: millicores, bytes);
    ``historyDays`` is the confidence (history length in days; 0 = no history).
    out ``{target, lowerBound, upperBound: {cpu: Quantity "<n>m", memory: Quantity "<bytes>"}}``.
    target = max(min, p90 + ⌊p90·0.15⌋); lowerBound = max(min, ⌊(p50 + ⌊p50·0.15⌋)·(1 + 0.001/d)^-2⌋);
    upperBound = max(min, ⌊(p95 + ⌊p95·0.15⌋)·(1 + 1/d)⌋), every product saturating at 10^14 and
    the minimum being ⌊25m / containersPerPod⌋ CPU and ⌊250 MiB / containersPerPod⌋ memory.

``vpa.updater_should_update``
    in ``{requests: {cpu?, memory?: Quantity}, recommendation: {target, lowerBound, upperBound},
    podAgeSeconds: number|null, resourceDiff?: number, quickOOM: bool}`` (``resourceDiff`` absent:
    computed as Σ_resource |request − target| / max(request, 1) in milli-units).
    Optional ``minChangePriority: number`` (``UpdateConfig.MinChangePriority``, default 0.1).
    out ``{update: bool, reason}``; reasons: ``OutsideRecommendedRange``, ``QuickOOM``,
    ``ResourceDiffAboveThreshold`` (update) and ``MissingStartTime``, ``PodTooYoung``,
    ``ResourceDiffTooLow``, ``ResourceWouldNotChange`` (no update). Thresholds: 12 h lifetime, 0.1 diff.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

NANOS = 1_000_000_000

MAX_RESOURCE_AMOUNT = 10**14  # model.MaxResourceAmount

# Recommender flags and their defaults.
SAFETY_MARGIN_FRACTION = 0.15
POD_MIN_CPU_MILLICORES = 25.0
POD_MIN_MEMORY_MB = 250.0
TARGET_PERCENTILE = 0.9
LOWER_BOUND_PERCENTILE = 0.5
UPPER_BOUND_PERCENTILE = 0.95

# Updater flags and their defaults.
POD_UPDATE_THRESHOLD = 0.1  # --pod-update-threshold (MinChangePriority)
POD_LIFETIME_UPDATE_THRESHOLD_SECONDS = 12 * 3600  # --in-recommendation-bounds-eviction-lifetime-threshold
EVICT_AFTER_OOM_THRESHOLD_SECONDS = 600  # --evict-after-oom-threshold
UPDATER_INTERVAL_SECONDS = 60  # --updater-interval
MIN_REPLICAS = 2  # --min-replicas
EVICTION_TOLERANCE = 0.5  # --eviction-tolerance


def _amount(x: float) -> int:
    """``resourceAmountFromFloat``: negative to 0, saturating at MaxResourceAmount, truncating."""
    if math.isnan(x) or x < 0:
        return 0
    if x > MAX_RESOURCE_AMOUNT:
        return MAX_RESOURCE_AMOUNT
    return int(x)


def scale_resource(amount: int, factor: float) -> int:
    """Mirrors vertical-pod-autoscaler pkg/recommender/model/types.go: ScaleResource."""
    if math.isinf(factor) and amount == 0:
        return 0
    return _amount(float(amount) * factor)


def _with_margin(base: int, fraction: float = SAFETY_MARGIN_FRACTION) -> int:
    """``WithCPUMargin``/``WithMemoryMargin``: base plus a truncated fraction of it."""
    return base + scale_resource(base, fraction)


def confidence_factor(multiplier: float, exponent: float, history_days: float) -> float:
    """Mirrors vertical-pod-autoscaler pkg/recommender/logic/estimator.go:
    confidenceMultiplier.GetResourceEstimation. ``(1 + multiplier / confidence) ** exponent``
    (``WithCPUConfidenceMultiplier``)."""
    if history_days <= 0:
        return math.inf if exponent > 0 else 0.0
    return float((1.0 + multiplier / history_days) ** exponent)


@dataclass(frozen=True, slots=True)
class Percentiles:
    """Model-only: one resource's usage percentiles (millicores or bytes)."""

    p50: int
    p90: int
    p95: int


@dataclass(frozen=True, slots=True)
class ContainerRecommendation:
    """``RecommendedContainerResources``: amounts by resource name (``cpu`` millicores, ``memory`` bytes)."""

    target: tuple[tuple[str, int], ...]
    lower_bound: tuple[tuple[str, int], ...]
    upper_bound: tuple[tuple[str, int], ...]


def minimums(containers_per_pod: int) -> dict[str, int]:
    """Mirrors vertical-pod-autoscaler pkg/recommender/logic/recommender.go: GetRecommendedPodResources (its
    per-container minimums). The per-container floors: the pod minimum split evenly between its containers."""
    fraction = 1.0 / float(containers_per_pod)
    min_cpu = scale_resource(_amount(POD_MIN_CPU_MILLICORES * 0.001 * 1000.0), fraction)
    min_memory = scale_resource(_amount(POD_MIN_MEMORY_MB * 1024 * 1024), fraction)
    return {"cpu": min_cpu, "memory": min_memory}


def recommend(usage: Mapping[str, Percentiles], history_days: float, containers_per_pod: int) -> ContainerRecommendation:
    """Mirrors recommender.go: GetRecommendedPodResources for one container's aggregated usage."""
    floors = minimums(containers_per_pod)
    target: dict[str, int] = {}
    lower: dict[str, int] = {}
    upper: dict[str, int] = {}
    for resource, pct in sorted(usage.items()):
        floor = floors.get(resource, 0)
        target[resource] = max(floor, _with_margin(pct.p90))
        lower[resource] = max(floor, scale_resource(_with_margin(pct.p50), confidence_factor(0.001, -2.0, history_days)))
        upper[resource] = max(floor, scale_resource(_with_margin(pct.p95), confidence_factor(1.0, 1.0, history_days)))
    return ContainerRecommendation(tuple(sorted(target.items())), tuple(sorted(lower.items())), tuple(sorted(upper.items())))


# ---------------------------------------------------------------------------------------------
# updater


@dataclass(frozen=True, slots=True)
class UpdatePriority:
    """``PodPriority``."""

    outside_recommended_range: bool
    scale_up: bool
    resource_diff: float


def update_priority(requests: Mapping[str, int], rec: ContainerRecommendation) -> UpdatePriority:
    """Mirrors priority_processor.go: GetUpdatePriority for one container (milli-units)."""
    lower = dict(rec.lower_bound)
    upper = dict(rec.upper_bound)
    outside = scale_up = False
    diff = 0.0
    for resource, recommended in rec.target:
        request = requests.get(resource)
        if request is None:
            # An unset request counts as 0: the pod grows and is out of range.
            scale_up = outside = True
            total_request = 1.0
        else:
            if recommended > request:
                scale_up = True
            if (resource in lower and request < lower[resource]) or (resource in upper and request > upper[resource]):
                outside = True
            total_request = max(float(request), 1.0)
        diff += abs(total_request - float(recommended)) / total_request
    return UpdatePriority(outside, scale_up, diff)


def should_update(priority: UpdatePriority, pod_age_seconds: float | None, quick_oom: bool,
                  min_change_priority: float = POD_UPDATE_THRESHOLD) -> tuple[bool, str]:
    """Mirrors update_priority_calculator.go: AddPod's decision whether the pod is an update candidate.
    ``min_change_priority`` is ``UpdateConfig.MinChangePriority`` (the ``--pod-update-threshold`` flag)."""
    if not priority.outside_recommended_range and not quick_oom:
        if pod_age_seconds is None:
            return False, "MissingStartTime"
        if pod_age_seconds < POD_LIFETIME_UPDATE_THRESHOLD_SECONDS:
            return False, "PodTooYoung"
        if priority.resource_diff < min_change_priority:
            return False, "ResourceDiffTooLow"
    if quick_oom and priority.resource_diff == 0:
        return False, "ResourceWouldNotChange"
    if priority.outside_recommended_range:
        return True, "OutsideRecommendedRange"
    if quick_oom:
        return True, "QuickOOM"
    return True, "ResourceDiffAboveThreshold"


def is_quick_oom(terminated_reason: str, started_at: int, finished_at: int) -> bool:
    """Mirrors vertical-pod-autoscaler pkg/updater/priority/update_priority_calculator.go:
    UpdatePriorityCalculator.AddPod (its quick-OOM check). A container OOM-killed less than
    ``evict-after-oom-threshold`` after it started (times in ns)."""
    return terminated_reason == "OOMKilled" and finished_at - started_at < EVICT_AFTER_OOM_THRESHOLD_SECONDS * NANOS


def admit(requests: Mapping[str, int], rec: ContainerRecommendation) -> dict[str, int]:
    """Mirrors vertical-pod-autoscaler pkg/admission-controller/resource/pod/patch/resource_updates.go:
    CalculatePatches. The admission controller's patch: a new pod's requests become the recommended target."""
    out = dict(requests)
    out.update(dict(rec.target))
    return out


def eviction_allowed(configured: int, running: int, evicted: int, min_replicas: int = MIN_REPLICAS,
                     tolerance: float = EVICTION_TOLERANCE, pod_pending: bool = False) -> bool:
    """Mirrors vertical-pod-autoscaler pkg/updater/restriction/pods_eviction_restriction.go: CanEvict. The
    updater's ``PodsEvictionRestriction.CanEvict`` for one replica group.

    Nothing is evicted from a group configured below ``min-replicas``; otherwise an eviction is allowed
    while more than ``configured - ⌊configured·tolerance⌋`` pods would stay running, and, when that
    tolerance rounds to zero, one pod of a fully running group may still go. A Pending pod may always go.
    """
    if configured < min_replicas:
        return False
    if pod_pending:
        return True  # a Pending pod serves nothing, so evicting it disrupts nothing
    tolerance_pods = int(float(configured) * tolerance)
    should_be_alive = configured - tolerance_pods
    if running - evicted > should_be_alive:
        return True
    return running == configured and tolerance_pods == 0 and evicted == 0
