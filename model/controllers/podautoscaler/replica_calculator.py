"""Per-metric replica proposals of the horizontal pod autoscaler.

Mirrors ``pkg/controller/podautoscaler/replica_calculator.go`` (``groupPods``, ``calculateRequests``,
``GetResourceReplicas``, ``GetRawResourceReplicas``, ``GetMetricReplicas``/``calcPlainMetricReplicas``,
``GetObjectMetricReplicas``, ``GetObjectPerPodMetricReplicas``, ``GetExternalMetricReplicas``,
``GetExternalPerPodMetricReplicas``), ``metrics/utilization.go`` (``GetResourceUtilizationRatio``,
``GetMetricUsageRatio``) and the per-pod aggregation of ``metrics/client.go``.

Arithmetic is Kubernetes': milli-values in int64 (wrapping where Go wraps, saturating where it
saturates), ratios in float64 (Python floats are IEEE doubles, so the same roundings), replica counts
truncated to int32 the way Go converts floats. Failures raise ``MetricError`` carrying Kubernetes'
message; the caller attaches the ``ScalingActive`` reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from model import quantity
from model.labels import Labels
from model.objects import Container, PodCondition, ResourceRequirements
from model.timeutil import GO_ZERO_TIME, NANOS, Time

INT32_MAX = 2**31 - 1
INT32_MIN = -(2**31)
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)

# metav1.Duration of a metrics-server sample when the custom metrics API gives none.
DEFAULT_METRIC_WINDOW = 60 * NANOS


class MetricError(Exception):
    """A replica calculation failed; ``message`` is the error text Kubernetes reports."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------------------------
# values


@dataclass(frozen=True, slots=True)
class Tolerances:
    """``Tolerances``: the usage-ratio band inside which nothing scales."""

    scale_down: float = 0.1
    scale_up: float = 0.1

    def is_within(self, ratio: float) -> bool:
        """Mirrors pkg/controller/podautoscaler/replica_calculator.go: Tolerances.isWithin: ``1 - down <=
        ratio <= 1 + up`` (inclusive)."""
        return (1.0 - self.scale_down) <= ratio <= (1.0 + self.scale_up)


@dataclass(frozen=True, slots=True)
class HpaPod:
    """A pod as the autoscaler reads it (the catalogue's flattened ``HpaPod``)."""

    name: str
    phase: str = "Running"
    labels: Labels = ()
    deletion_timestamp: Time | None = None
    start_time: Time | None = None
    conditions: tuple[PodCondition, ...] = ()
    containers: tuple[Container, ...] = ()
    init_containers: tuple[Container, ...] = ()
    resources: ResourceRequirements | None = None  # pod-level resources (KEP-2837)

    def ready_condition(self) -> PodCondition | None:
        """Mirrors pkg/api/v1/pod/util.go: GetPodReadyCondition. ``podutil.GetPodCondition(status,
        PodReady)``."""
        for c in self.conditions:
            if c.type == "Ready":
                return c
        return None

    def is_ready(self) -> bool:
        """Mirrors pkg/api/v1/pod/util.go: IsPodReady: a Ready condition with status True."""
        c = self.ready_condition()
        return c is not None and c.status == "True"


@dataclass(frozen=True, slots=True)
class PodMetric:
    """``metrics.PodMetric``: one pod's sample, a milli-value with its timestamp and window."""

    value: int
    timestamp: Time = GO_ZERO_TIME
    window: int = DEFAULT_METRIC_WINDOW  # nanoseconds


@dataclass(frozen=True, slots=True)
class ContainerMetrics:
    """One container of a metrics.k8s.io ``PodMetrics`` item: usage quantities by resource."""

    name: str
    usage: Labels = ()


@dataclass(frozen=True, slots=True)
class PodMetricsItem:
    """A metrics.k8s.io ``PodMetrics`` item."""

    name: str
    timestamp: Time = GO_ZERO_TIME
    window: int = DEFAULT_METRIC_WINDOW
    containers: tuple[ContainerMetrics, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupedPods:
    """The result of ``groupPods``."""

    ready_pod_count: int
    unready_pods: frozenset[str]
    missing_pods: frozenset[str]
    ignored_pods: frozenset[str]


@dataclass(frozen=True, slots=True)
class ResourceProposal:
    """``GetResourceReplicas``'s answer: replicas, utilization (percent), raw average (milli)."""

    replicas: int
    utilization: int
    raw_utilization: int


@dataclass(frozen=True, slots=True)
class UsageProposal:
    """Model-only: the answer of the plain, object and external calculations: replicas and usage (milli)."""

    replicas: int
    usage: int


# ---------------------------------------------------------------------------------------------
# Go arithmetic


def _wrap64(x: int) -> int:
    return (x + 2**63) % 2**64 - 2**63


def go_int32(x: float) -> int:
    """Model-only (Go's conversion, not a Kubernetes function): Go's ``int32(f)`` on amd64: truncation; NaN
    and out-of-range give MinInt32."""
    if math.isnan(x) or math.isinf(x) or not (INT32_MIN <= x < 2**31):
        return INT32_MIN
    return int(x)


def go_int64(x: float) -> int:
    """Model-only (Go's conversion, not a Kubernetes function): Go's ``int64(f)`` on amd64: truncation; NaN
    and out-of-range give MinInt64."""
    if math.isnan(x) or math.isinf(x) or not (-(2.0**63) <= x < 2.0**63):
        return INT64_MIN
    return int(x)


def fdiv(a: float, b: float) -> float:
    """Model-only (Go's float division): IEEE division as Go does it (x/0 is ±Inf, 0/0 NaN)."""
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * (math.copysign(1.0, b))
    return a / b


def _ceil_f(x: float) -> float:
    return x if math.isinf(x) or math.isnan(x) else float(math.ceil(x))


# ---------------------------------------------------------------------------------------------
# metrics client


def pod_resource_metrics(items: Iterable[PodMetricsItem], resource: str, container: str = "") -> dict[str, PodMetric]:
    """Mirrors metrics/client.go: ``GetResourceMetric``'s aggregation
    (``getPodMetrics``/``getContainerMetrics``).

    A pod's sample is the sum over its containers; a container lacking the resource drops the pod.
    With ``container`` only that container counts, and a pod without it gets no sample.
    An empty list is an error.
    """
    items = tuple(items)
    if not items:
        raise MetricError("no metrics returned from resource metrics API")
    out: dict[str, PodMetric] = {}
    for m in items:
        if container:
            for c in m.containers:
                if c.name == container:
                    usage = dict(c.usage)
                    if resource in usage:
                        out[m.name] = PodMetric(quantity.milli_value(usage[resource]), m.timestamp, m.window)
                    break
            continue
        total = 0
        missing = not m.containers
        for c in m.containers:
            usage = dict(c.usage)
            if resource not in usage:
                missing = True
                break
            total = _wrap64(total + quantity.milli_value(usage[resource]))
        if not missing:
            out[m.name] = PodMetric(total, m.timestamp, m.window)
    return out


# ---------------------------------------------------------------------------------------------
# grouping and requests


def group_pods(
    pods: Iterable[HpaPod],
    metrics: Mapping[str, PodMetric],
    resource: str,
    cpu_initialization_period: int,
    delay_of_initial_readiness_status: int,
    now: Time,
) -> GroupedPods:
    """Mirrors replica_calculator.go: groupPods (durations and times in nanoseconds)."""
    ready = 0
    unready: set[str] = set()
    missing: set[str] = set()
    ignored: set[str] = set()
    for pod in pods:
        if pod.deletion_timestamp is not None or pod.phase == "Failed":
            ignored.add(pod.name)
            continue
        if pod.phase == "Pending":
            unready.add(pod.name)
            continue
        metric = metrics.get(pod.name)
        if metric is None:
            missing.add(pod.name)
            continue
        if resource == "cpu":
            cond = pod.ready_condition()
            if cond is None or pod.start_time is None:
                is_unready = True
            else:
                transition = cond.last_transition_time if cond.last_transition_time is not None else GO_ZERO_TIME
                if pod.start_time + cpu_initialization_period > now:
                    # Still initializing: the sample may hold start-up CPU.
                    is_unready = cond.status == "False" or metric.timestamp < transition + metric.window
                else:
                    # Unready and never became ready after the initial readiness delay.
                    is_unready = cond.status == "False" and pod.start_time + delay_of_initial_readiness_status > transition
            if is_unready:
                unready.add(pod.name)
                continue
        ready += 1
    return GroupedPods(ready, frozenset(unready), frozenset(missing), frozenset(ignored))


_SUPPORTED_POD_LEVEL = ("cpu", "memory")


def _is_pod_level_requests_set(pod: HpaPod) -> bool:
    if pod.resources is None:
        return False
    return any(name in _SUPPORTED_POD_LEVEL or name.startswith("hugepages-") for name, _ in pod.resources.requests)


def _restartable(c: Container) -> bool:
    return c.restart_policy == "Always"


def _pod_level_request(pod: HpaPod, resource: str) -> int:
    """``resourcehelpers.PodRequests`` for one resource, pod-level requests winning (milli)."""
    assert pod.resources is not None
    pod_level = dict(pod.resources.requests)
    if resource in pod_level and (resource in _SUPPORTED_POD_LEVEL or resource.startswith("hugepages-")):
        return quantity.milli_value(pod_level[resource])
    # Fall back to the aggregated container requests (containers, sidecars, max with init containers).
    total: int | None = None
    sidecars = 0
    init_max: int | None = None
    for c in pod.containers:
        reqs = dict(c.resources.requests)
        if resource in reqs:
            total = (total or 0) + quantity.milli_value(reqs[resource])
    for c in pod.init_containers:
        reqs = dict(c.resources.requests)
        if _restartable(c):
            if resource in reqs:
                v = quantity.milli_value(reqs[resource])
                total = (total or 0) + v
                sidecars += v
        elif resource in reqs or sidecars:
            v = quantity.milli_value(reqs[resource]) if resource in reqs else 0
            init_max = max(init_max or 0, v + sidecars)
    if init_max is not None:
        total = max(total or 0, init_max)
    if total is None:
        raise MetricError(f"missing pod-level request for {resource} in Pod {pod.name}")
    return total


def _container_request(pod: HpaPod, container: str, resource: str) -> int:
    """Mirrors replica_calculator.go: calculatePodRequestsFromContainers."""
    containers = list(pod.containers) + [c for c in pod.init_containers if _restartable(c)]
    request = 0
    for c in containers:
        if container == "" or container == c.name:
            reqs = dict(c.resources.requests)
            if resource not in reqs:
                raise MetricError(f"missing request for {resource} in container {c.name} of Pod {pod.name}")
            request = _wrap64(request + quantity.milli_value(reqs[resource]))
        if container == c.name:
            return request
    if container:
        raise MetricError(f"container {container} not found in Pod {pod.name}")
    return request


def calculate_requests(
    pods: Iterable[HpaPod], container: str, resource: str, pod_level_resources: bool = True
) -> dict[str, int]:
    """Mirrors replica_calculator.go: calculateRequests (milli-values by pod name)."""
    out: dict[str, int] = {}
    for pod in pods:
        if pod_level_resources and container == "" and _is_pod_level_requests_set(pod):
            out[pod.name] = _pod_level_request(pod, resource)
        else:
            out[pod.name] = _container_request(pod, container, resource)
    return out


# ---------------------------------------------------------------------------------------------
# usage ratios


def resource_utilization_ratio(
    metrics: Mapping[str, PodMetric], requests: Mapping[str, int], target_utilization: int
) -> tuple[float, int, int]:
    """Mirrors metrics/utilization.go: GetResourceUtilizationRatio -> (ratio, percent, raw average)."""
    metrics_total = 0
    requests_total = 0
    entries = 0
    for name, metric in metrics.items():
        if name not in requests:
            continue  # samples of pods we do not know are extraneous
        metrics_total = _wrap64(metrics_total + metric.value)
        requests_total = _wrap64(requests_total + requests[name])
        entries += 1
    if requests_total == 0:
        raise MetricError("no metrics returned matched known pods")
    utilization = _go_div(_wrap64(metrics_total * 100), requests_total)
    utilization32 = _wrap32(utilization)
    return fdiv(float(utilization32), float(target_utilization)), utilization32, _go_div(metrics_total, entries)


def metric_usage_ratio(metrics: Mapping[str, PodMetric], target_usage: int) -> tuple[float, int]:
    """Mirrors metrics/utilization.go: GetMetricUsageRatio -> (ratio, average milli-value)."""
    total = 0
    for metric in metrics.values():
        total = _wrap64(total + metric.value)
    usage = _go_div(total, len(metrics))
    return fdiv(float(usage), float(target_usage)), usage


def _go_div(a: int, b: int) -> int:
    """Go integer division truncates toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _wrap32(x: int) -> int:
    return (x + 2**31) % 2**32 - 2**31


# ---------------------------------------------------------------------------------------------
# the calculations


def _rebalanced_replicas(
    current_replicas: int,
    ratio: float,
    new_ratio: float,
    sample_count: int,
    tolerances: Tolerances,
) -> int:
    """The common tail of the resource and plain calculations once samples were invented."""
    if tolerances.is_within(new_ratio) or (ratio < 1.0 and new_ratio > 1.0) or (ratio > 1.0 and new_ratio < 1.0):
        # too small a change, or the invented samples flipped the direction
        return current_replicas
    new_replicas = go_int32(_ceil_f(new_ratio * float(sample_count)))
    if (new_ratio < 1.0 and new_replicas > current_replicas) or (new_ratio > 1.0 and new_replicas < current_replicas):
        # the sample count alone would reverse the direction
        return current_replicas
    return new_replicas


def _usable_samples(metrics: Mapping[str, PodMetric], pods: tuple[HpaPod, ...], resource: str,
                    cpu_initialization_period: int, delay_of_initial_readiness_status: int,
                    now: Time) -> tuple[dict[str, PodMetric], GroupedPods]:
    # The opening GetResourceReplicas and calcPlainMetricReplicas share: group the pods, drop the
    # samples of ignored and unready ones, and fail when no pod or no usable sample is left.
    if not pods:
        raise MetricError("no pods returned by selector while calculating replica count")
    samples = dict(metrics)
    groups = group_pods(pods, samples, resource, cpu_initialization_period, delay_of_initial_readiness_status, now)
    for name in groups.ignored_pods | groups.unready_pods:
        samples.pop(name, None)
    if not samples:
        raise MetricError("did not receive metrics for targeted pods (pods might be unready)")
    return samples, groups


def get_resource_replicas(
    current_replicas: int,
    target_utilization: int,
    resource: str,
    tolerances: Tolerances,
    pods: Iterable[HpaPod],
    metrics: Mapping[str, PodMetric],
    container: str = "",
    *,
    cpu_initialization_period: int,
    delay_of_initial_readiness_status: int,
    now: Time,
    pod_level_resources: bool = True,
) -> ResourceProposal:
    """Mirrors replica_calculator.go: GetResourceReplicas, after the metrics client's aggregation.

    ``metrics`` are the per-pod samples (``pod_resource_metrics``); ``pods`` what the selector lists.
    """
    pods = tuple(pods)
    samples, groups = _usable_samples(metrics, pods, resource, cpu_initialization_period,
                                      delay_of_initial_readiness_status, now)
    requests = calculate_requests(pods, container, resource, pod_level_resources)
    ratio, utilization, raw = resource_utilization_ratio(samples, requests, target_utilization)

    scale_up_with_unready = bool(groups.unready_pods) and ratio > 1.0
    if not scale_up_with_unready and not groups.missing_pods:
        if tolerances.is_within(ratio):
            return ResourceProposal(current_replicas, utilization, raw)
        return ResourceProposal(go_int32(_ceil_f(ratio * float(groups.ready_pod_count))), utilization, raw)

    if groups.missing_pods:
        if ratio < 1.0:
            # scale-down: a silent pod is taken at 100 % of its request (or the target, if higher)
            fallback = max(100, target_utilization)
            for name in groups.missing_pods:
                samples[name] = PodMetric(_go_div(_wrap64(requests[name] * fallback), 100))
        elif ratio > 1.0:
            # scale-up: a silent pod is taken at 0 %
            for name in groups.missing_pods:
                samples[name] = PodMetric(0)
    if scale_up_with_unready:
        for name in groups.unready_pods:
            samples[name] = PodMetric(0)

    new_ratio, _, _ = resource_utilization_ratio(samples, requests, target_utilization)
    return ResourceProposal(
        _rebalanced_replicas(current_replicas, ratio, new_ratio, len(samples), tolerances), utilization, raw
    )


def calc_plain_metric_replicas(
    metrics: Mapping[str, PodMetric],
    current_replicas: int,
    target_usage: int,
    tolerances: Tolerances,
    pods: Iterable[HpaPod],
    resource: str,
    *,
    cpu_initialization_period: int,
    delay_of_initial_readiness_status: int,
    now: Time,
) -> UsageProposal:
    """Mirrors replica_calculator.go: calcPlainMetricReplicas (Pods metrics, AverageValue resource
    targets)."""
    pods = tuple(pods)
    samples, groups = _usable_samples(metrics, pods, resource, cpu_initialization_period,
                                      delay_of_initial_readiness_status, now)
    ratio, usage = metric_usage_ratio(samples, target_usage)

    scale_up_with_unready = bool(groups.unready_pods) and ratio > 1.0
    if not scale_up_with_unready and not groups.missing_pods:
        if tolerances.is_within(ratio):
            return UsageProposal(current_replicas, usage)
        return UsageProposal(go_int32(_ceil_f(ratio * float(groups.ready_pod_count))), usage)

    if groups.missing_pods:
        if ratio < 1.0:
            for name in groups.missing_pods:
                samples[name] = PodMetric(target_usage)
        elif ratio > 1.0:
            for name in groups.missing_pods:
                samples[name] = PodMetric(0)
    if scale_up_with_unready:
        for name in groups.unready_pods:
            samples[name] = PodMetric(0)

    new_ratio, _ = metric_usage_ratio(samples, target_usage)
    return UsageProposal(_rebalanced_replicas(current_replicas, ratio, new_ratio, len(samples), tolerances), usage)


def get_raw_resource_replicas(
    current_replicas: int,
    target_usage: int,
    resource: str,
    tolerances: Tolerances,
    pods: Iterable[HpaPod],
    metrics: Mapping[str, PodMetric],
    *,
    cpu_initialization_period: int,
    delay_of_initial_readiness_status: int,
    now: Time,
) -> UsageProposal:
    """Mirrors replica_calculator.go: GetRawResourceReplicas (an AverageValue target on a resource)."""
    return calc_plain_metric_replicas(
        metrics,
        current_replicas,
        target_usage,
        tolerances,
        pods,
        resource,
        cpu_initialization_period=cpu_initialization_period,
        delay_of_initial_readiness_status=delay_of_initial_readiness_status,
        now=now,
    )


def pod_metric_values(values: Iterable[tuple[str, int, Time, int]]) -> dict[str, PodMetric]:
    """Mirrors metrics/client.go: GetRawMetric's conversion; an empty answer is an error."""
    out: dict[str, PodMetric] = {}
    values = tuple(values)
    if not values:
        raise MetricError("no metrics returned from custom metrics API")
    for name, milli, ts, window in values:
        out[name] = PodMetric(milli, ts, window)
    return out


def ready_pods_count(pods: Iterable[HpaPod]) -> int:
    """Mirrors replica_calculator.go: getReadyPodsCount (Running and Ready); no pods is an error."""
    pods = tuple(pods)
    if not pods:
        raise MetricError("no pods returned by selector while calculating replica count")
    return sum(1 for p in pods if p.phase == "Running" and p.is_ready())


def usage_ratio_replica_count(
    current_replicas: int, usage_ratio: float, tolerances: Tolerances, pods: Iterable[HpaPod]
) -> int:
    """Mirrors replica_calculator.go: getUsageRatioReplicaCount (scale from zero ignores tolerance and
    pods)."""
    if current_replicas != 0:
        if tolerances.is_within(usage_ratio):
            return current_replicas
        try:
            ready = ready_pods_count(pods)
        except MetricError as exc:
            raise MetricError(f"unable to calculate ready pods: {exc.message}") from exc
        proposal = usage_ratio * float(ready)
        if proposal > INT32_MAX:
            return INT32_MAX
        return go_int32(_ceil_f(proposal))
    return go_int32(_ceil_f(usage_ratio))


def get_object_metric_replicas(
    current_replicas: int, target_usage: int, usage: int, tolerances: Tolerances, pods: Iterable[HpaPod]
) -> UsageProposal:
    """Mirrors replica_calculator.go: GetObjectMetricReplicas (a Value target on an object's metric)."""
    ratio = fdiv(float(usage), float(target_usage))
    return UsageProposal(usage_ratio_replica_count(current_replicas, ratio, tolerances, pods), usage)


def get_object_per_pod_metric_replicas(
    status_replicas: int, target_average_usage: int, usage: int, tolerances: Tolerances
) -> UsageProposal:
    """Mirrors replica_calculator.go: GetObjectPerPodMetricReplicas (an AverageValue target on an object)."""
    replicas = status_replicas
    ratio = fdiv(float(usage), float(target_average_usage) * float(replicas))
    if not tolerances.is_within(ratio):
        replicas = go_int32(_ceil_f(fdiv(float(usage), float(target_average_usage))))
    average = go_int64(_ceil_f(fdiv(float(usage), float(status_replicas))))
    return UsageProposal(replicas, average)


def sum_external(values: Iterable[int]) -> int:
    """Mirrors pkg/controller/podautoscaler/replica_calculator.go: GetExternalMetricReplicas (its sum). The
    external series summed, saturating at MaxInt64 (``GetExternalMetricReplicas``)."""
    usage = 0
    for v in values:
        if v > 0 and usage > INT64_MAX - v:
            return INT64_MAX
        usage = _wrap64(usage + v)
    return usage


def get_external_metric_replicas(
    current_replicas: int, target_usage: int, values: Iterable[int], tolerances: Tolerances, pods: Iterable[HpaPod]
) -> UsageProposal:
    """Mirrors replica_calculator.go: GetExternalMetricReplicas (a Value target: the sum of all series)."""
    values = tuple(values)
    if not values:
        raise MetricError("no metrics returned from external metrics API")
    usage = sum_external(values)
    ratio = fdiv(float(usage), float(target_usage))
    return UsageProposal(usage_ratio_replica_count(current_replicas, ratio, tolerances, pods), usage)


def get_external_per_pod_metric_replicas(
    status_replicas: int, target_usage_per_pod: int, values: Iterable[int], tolerances: Tolerances
) -> UsageProposal:
    """Mirrors replica_calculator.go: GetExternalPerPodMetricReplicas (an AverageValue target)."""
    values = tuple(values)
    if not values:
        raise MetricError("no metrics returned from external metrics API")
    usage = 0
    for v in values:
        usage = _wrap64(usage + v)
        if usage < 0:
            usage = INT64_MAX  # only an int64 overflow gets here
            break
    replicas = status_replicas
    ratio = fdiv(float(usage), float(target_usage_per_pod) * float(replicas))
    if not tolerances.is_within(ratio):
        proposal = _ceil_f(fdiv(float(usage), float(target_usage_per_pod)))
        replicas = INT32_MAX if proposal > float(INT32_MAX) else go_int32(proposal)
    if float(usage) >= float(INT64_MAX):
        average = INT64_MAX
    else:
        average = go_int64(_ceil_f(fdiv(float(usage), float(status_replicas))))
    return UsageProposal(replicas, average)
