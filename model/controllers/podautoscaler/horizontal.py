"""One pass of the horizontal pod autoscaler, as a pure function.

Mirrors ``pkg/controller/podautoscaler/horizontal.go``: ``reconcileAutoscaler``,
``computeReplicasForMetrics``/``computeReplicasForMetric`` (and the ``computeStatusFor*Metric``
helpers), ``validateAndParseSelector``, ``normalizeDesiredReplicas`` (``stabilizeRecommendation``,
``convertDesiredReplicasWithRules``, ``calculateScaleUpLimit``), ``normalizeDesiredReplicasWithBehaviors``
(``maybeInitScaleDownStabilizationWindow``, ``stabilizeRecommendationWithBehaviors``,
``convertDesiredReplicasWithBehaviorRate``, ``calculateScaleUpLimitWithScalingRules``,
``calculateScaleDownLimitWithBehaviors``, ``getReplicasChangePerPeriod``), ``storeScaleEvent``,
``recordInitialRecommendation``, ``tolerancesForHpa``, ``setCondition`` and ``setStatus``.

The controller's in-process memory (per HPA: recommendations, scale-up and scale-down events) is an
explicit value, ``HpaMemory``, passed in and returned.

API for the transition system (call once per HPA every sync period, 15 s by default)::

    result = reconcile(
        hpa,            # types.HorizontalPodAutoscaler (defaulted or not; defaults are applied)
        scale,          # Scale(spec_replicas, status_replicas, selector) read from the target, or
                        #   None when the /scale subresource could not be read
        pods,           # tuple[HpaPod, ...]: the pods of the HPA's namespace (hpa_pod_from_pod converts)
        metrics,        # MetricsSnapshot: what the metrics APIs answer now
        memory,         # HpaMemory: what the controller remembers about this HPA (HpaMemory() at start)
        now,            # Time (int nanoseconds)
        config,         # ControllerConfig: the controller flags
        other_hpas=(),  # OtherHpa selectors of the namespace, for the AmbiguousSelector check
        scale_update_fails=False,
    )
    result.status       # the new HorizontalPodAutoscalerStatus to write
    result.scale        # the new scale spec.replicas written, or None when nothing was written
    result.memory       # the controller's memory afterwards
    result.error        # the error reconcileAutoscaler returned (the key is requeued), or None

``sync_hpa(hpa, spec_replicas, status_replicas, label_selector, v1_pods, {pod: cpu_millicores}, memory,
now, config)`` does the same from v1 objects and per-pod CPU usage. Helpers: ``hpa_pod_from_pod(pod)`` (a ``v1.Pod`` as the autoscaler sees it),
``metrics_from_usage({pod: millicores}, now)`` (what metrics-server reports for given usage),
``selector_string(label_selector)`` (the ``/scale`` status selector of a workload), and
``current_cpu_utilization(status)``. ``ControllerConfig().sync_period`` is the 15 s resync.
Deleting an HPA should drop its memory (``reconcileKey``). Times are ``model.timeutil`` nanoseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from model import labels as _labels
from model import quantity
from model.labels import LabelSelector
from model.objects import Pod
from model.timeutil import NANOS, Time

from . import replica_calculator as rc
from .replica_calculator import (
    INT32_MAX,
    INT32_MIN,
    HpaPod,
    MetricError,
    PodMetric,
    PodMetricsItem,
    Tolerances,
    UsageProposal,
    get_external_metric_replicas,
    get_external_per_pod_metric_replicas,
    get_object_metric_replicas,
    get_object_per_pod_metric_replicas,
    get_raw_resource_replicas,
    get_resource_replicas,
    go_int32,
    pod_resource_metrics,
)
from .types import (
    AVERAGE_VALUE,
    CONTAINER_RESOURCE,
    DISABLED_POLICY,
    EXTERNAL,
    MIN_POLICY,
    OBJECT,
    PERCENT_POLICY,
    PODS,
    PODS_POLICY,
    RESOURCE,
    VALUE,
    CrossVersionObjectReference,
    HorizontalPodAutoscaler,
    HorizontalPodAutoscalerBehavior,
    HorizontalPodAutoscalerCondition,
    HorizontalPodAutoscalerStatus,
    HPAScalingRules,
    MetricSpec,
    MetricStatus,
    MetricValueStatus,
    generate_scale_down_rules,
    generate_scale_up_rules,
    set_defaults_spec,
)

# ---------------------------------------------------------------------------------------------
# values


@dataclass(frozen=True, slots=True)
class ControllerConfig:
    """Mirrors pkg/controller/podautoscaler/config/types.go: HPAControllerConfiguration. The
    kube-controller-manager flags the HPA controller reads (durations in nanoseconds)."""

    tolerance: float = 0.1
    cpu_initialization_period: int = 300 * NANOS
    delay_of_initial_readiness_status: int = 30 * NANOS
    downscale_stabilization_window: int = 300 * NANOS
    scale_up_limit_factor: float = 2.0
    scale_up_limit_minimum: float = 4.0
    configurable_tolerance: bool = True  # HPAConfigurableTolerance gate
    pod_level_resources: bool = True  # PodLevelResources gate
    sync_period: int = 15 * NANOS


@dataclass(frozen=True, slots=True)
class Recommendation:
    """``timestampedRecommendation``."""

    replicas: int
    timestamp: Time


@dataclass(frozen=True, slots=True)
class ScaleEvent:
    """``timestampedScaleEvent``: a positive replica change; outdated events may be overwritten."""

    replica_change: int
    timestamp: Time
    outdated: bool = False


@dataclass(frozen=True, slots=True)
class HpaMemory:
    """What the controller remembers about one HPA. ``recommendations`` None: nothing yet."""

    recommendations: tuple[Recommendation, ...] | None = None
    scale_up_events: tuple[ScaleEvent, ...] = ()
    scale_down_events: tuple[ScaleEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class Scale:
    """The target's ``/scale`` subresource: spec and status replicas, the status selector string."""

    spec_replicas: int
    status_replicas: int
    selector: str


@dataclass(frozen=True, slots=True)
class ObjectMetricValue:
    """Model-only: a custom-metrics API value describing one object (milli-value)."""

    described_object: CrossVersionObjectReference
    value: int
    timestamp: Time = Time(0)


@dataclass(frozen=True, slots=True)
class MetricsSnapshot:
    """Model-only: what the three metrics APIs would answer now. Maps are sorted tuples of pairs."""

    pod_metrics: tuple[PodMetricsItem, ...] = ()
    pods: tuple[tuple[str, tuple[tuple[str, PodMetric], ...]], ...] = ()  # metric -> (pod, sample)
    objects: tuple[tuple[str, ObjectMetricValue], ...] = ()  # metric -> value
    external: tuple[tuple[str, tuple[int, ...]], ...] = ()  # metric -> milli-values
    resource_metrics_error: bool = False
    custom_metrics_error: bool = False
    external_metrics_error: bool = False


@dataclass(frozen=True, slots=True)
class OtherHpa:
    """Model-only (an entry of horizontal.go's ``hpaSelectors``): Another HPA's selector, as the controller's
    selector store knows it."""

    namespace: str
    name: str
    selector: LabelSelector | None


@dataclass(frozen=True, slots=True)
class ReconcileResult:
    """The outcome of one ``reconcileAutoscaler`` pass."""

    status: HorizontalPodAutoscalerStatus
    scale: int | None
    memory: HpaMemory
    error: str | None = None


def hpa_pod_from_pod(pod: Pod) -> HpaPod:
    """Model-only: the autoscaler's view of a ``v1.Pod``."""
    return HpaPod(
        name=pod.metadata.name,
        phase=pod.status.phase,
        labels=pod.metadata.labels,
        deletion_timestamp=pod.metadata.deletion_timestamp,
        start_time=pod.status.start_time,
        conditions=pod.status.conditions,
        containers=pod.spec.containers,
        init_containers=pod.spec.init_containers,
        resources=pod.spec.resources,
    )


def metrics_from_usage(
    cpu_millicores: Mapping[str, int], now: Time, memory_bytes: Mapping[str, int] | None = None,
    containers: Mapping[str, Sequence[str]] | None = None,
) -> MetricsSnapshot:
    """Model-only: what metrics-server would report for pods using the given CPU (and memory): one sample per
    pod.

    A convenience for the transition system: usage is per pod name; the sample covers the last
    minute (metrics-server's window) and is stamped ``now``. With ``containers`` (pod name -> its
    container names) the pod's usage is split evenly among its containers, the remainder to the
    first ones, so ContainerResource metrics see their container; without, one container
    ``main`` carries it all. Either way the pod's total is the same, which is all a Resource
    metric reads.
    """
    items = []
    for name in sorted(cpu_millicores):
        names = tuple((containers or {}).get(name) or ("main",))
        cpu_share, cpu_extra = divmod(cpu_millicores[name], len(names))
        mem = memory_bytes.get(name) if memory_bytes is not None else None
        mem_share, mem_extra = divmod(mem, len(names)) if mem is not None else (0, 0)
        samples = []
        for i, cname in enumerate(names):
            usage: list[tuple[str, str]] = [("cpu", f"{cpu_share + (1 if i < cpu_extra else 0)}m")]
            if mem is not None:
                usage.append(("memory", str(mem_share + (1 if i < mem_extra else 0))))
            samples.append(rc.ContainerMetrics(cname, tuple(sorted(usage))))
        items.append(rc.PodMetricsItem(name, now, rc.DEFAULT_METRIC_WINDOW, tuple(samples)))
    return MetricsSnapshot(pod_metrics=tuple(items))


def selector_string(selector: LabelSelector | None) -> str:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go: LabelSelectorAsSelector, then
    Selector.String. The ``status.selector`` string a workload's ``/scale`` reports for its label selector
    (``LabelSelectorAsSelector(...).String()``); a nil selector reports ""."""
    if selector is None:
        return ""
    return _labels.selector_string(_labels.label_selector_as_selector(selector))


def _age(now: Time, t: Time) -> int:
    return now - t


# ---------------------------------------------------------------------------------------------
# conditions


Conditions = dict[str, tuple[str, str, str]]


def _set(conds: Conditions, ctype: str, status: str, reason: str, message: str) -> None:
    """``setCondition``: one condition per type; the last write wins."""
    conds[ctype] = (status, reason, message)


def _condition_tuple(
    conds: Conditions, old: Iterable[HorizontalPodAutoscalerCondition], now: Time
) -> tuple[HorizontalPodAutoscalerCondition, ...]:
    """``setConditionInList``: the transition time moves only when the status changes."""
    by_type = {c.type: c for c in old}
    order = [c.type for c in old] + [t for t in conds if t not in by_type]
    out = []
    for ctype in order:
        if ctype not in conds:
            out.append(by_type[ctype])
            continue
        status, reason, message = conds[ctype]
        prev = by_type.get(ctype)
        when = prev.last_transition_time if prev is not None and prev.status == status else now
        out.append(HorizontalPodAutoscalerCondition(ctype, status, reason, message, when))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# tolerances


def tolerances_for_hpa(behavior: HorizontalPodAutoscalerBehavior | None, config: ControllerConfig) -> Tolerances:
    """Mirrors horizontal.go: tolerancesForHpa (per-direction tolerance only with the gate on)."""
    down = up = config.tolerance
    if behavior is None or not config.configurable_tolerance:
        return Tolerances(down, up)
    if behavior.scale_down is not None and behavior.scale_down.tolerance is not None:
        down = quantity.as_approximate_float64(behavior.scale_down.tolerance)
    if behavior.scale_up is not None and behavior.scale_up.tolerance is not None:
        up = quantity.as_approximate_float64(behavior.scale_up.tolerance)
    return Tolerances(down, up)


# ---------------------------------------------------------------------------------------------
# metrics


@dataclass(frozen=True, slots=True)
class MetricOutcome:
    """Model-only: one metric's proposal, or the condition and error that made it invalid."""

    replicas: int = 0
    name: str = ""
    status: MetricStatus | None = None
    failed_reason: str = ""
    error: str = ""


def _unable(reason: str, err: str) -> MetricOutcome:
    return MetricOutcome(failed_reason=reason, error=err)


def compute_replicas_for_metric(
    spec: MetricSpec,
    namespace: str,
    spec_replicas: int,
    status_replicas: int,
    pods: tuple[HpaPod, ...],
    metrics: MetricsSnapshot,
    tolerances: Tolerances,
    config: ControllerConfig,
    now: Time,
) -> MetricOutcome:
    """Mirrors horizontal.go: computeReplicasForMetric and the computeStatusFor*Metric helpers."""
    timing: dict[str, Any] = {
        "cpu_initialization_period": config.cpu_initialization_period,
        "delay_of_initial_readiness_status": config.delay_of_initial_readiness_status,
        "now": now,
    }
    if spec.type in (RESOURCE, CONTAINER_RESOURCE):
        src = spec.resource if spec.type == RESOURCE else spec.container_resource
        reason = "FailedGetResourceMetric" if spec.type == RESOURCE else "FailedGetContainerResourceMetric"
        if src is None:
            return _unable(reason, f"failed to get {spec.type} metric value: missing metric source")
        container = getattr(src, "container", "")
        resource = src.name
        wrap = (
            f"failed to get {resource} resource metric value: "
            if spec.type == RESOURCE
            else f"failed to get {container} container metric value: "
        )
        target = src.target
        try:
            if metrics.resource_metrics_error:
                raise MetricError(f"unable to get metrics for resource {resource}: resource metrics API unavailable")
            try:
                samples = pod_resource_metrics(metrics.pod_metrics, resource, container)
            except MetricError as exc:
                raise MetricError(f"unable to get metrics for resource {resource}: {exc.message}") from exc
            if target.average_value is not None:
                try:
                    raw = get_raw_resource_replicas(
                        spec_replicas, quantity.milli_value(target.average_value), resource, tolerances, pods, samples, **timing
                    )
                except MetricError as exc:
                    raise MetricError(f"failed to get {resource} usage: {exc.message}") from exc
                status = MetricStatus(spec.type, resource, container, MetricValueStatus(average_value=raw.usage))
                return MetricOutcome(raw.replicas, f"{resource} resource", status)
            if target.average_utilization is None:
                raise MetricError(
                    "invalid resource metric source: neither an average utilization target nor an average value "
                    "(usage) target was set"
                )
            try:
                prop = get_resource_replicas(
                    spec_replicas,
                    target.average_utilization,
                    resource,
                    tolerances,
                    pods,
                    samples,
                    container,
                    pod_level_resources=config.pod_level_resources,
                    **timing,
                )
            except MetricError as exc:
                raise MetricError(f"failed to get {resource} utilization: {exc.message}") from exc
        except MetricError as exc:
            return _unable(reason, wrap + exc.message)
        name = (
            f"{resource} resource utilization (percentage of request)"
            if spec.type == RESOURCE
            else f"{resource} container resource utilization (percentage of request)"
        )
        status = MetricStatus(
            spec.type,
            resource,
            container,
            MetricValueStatus(average_value=prop.raw_utilization, average_utilization=prop.utilization),
        )
        return MetricOutcome(prop.replicas, name, status)

    if spec.type == PODS:
        if spec.pods is None:
            return _unable("FailedGetPodsMetric", "failed to get pods metric value: missing metric source")
        metric = spec.pods.metric.name
        try:
            if metrics.custom_metrics_error:
                raise MetricError(
                    f"unable to get metric {metric}: unable to fetch metrics from custom metrics API: unavailable"
                )
            series = dict(metrics.pods).get(metric, ())
            if not series:
                raise MetricError(f"unable to get metric {metric}: no metrics returned from custom metrics API")
            if spec.pods.target.average_value is None:
                raise MetricError("invalid pods metric source: no average value target was set")
            plain = get_raw_resource_replicas(
                spec_replicas, quantity.milli_value(spec.pods.target.average_value), "", tolerances, pods, dict(series), **timing
            )
        except MetricError as exc:
            return _unable("FailedGetPodsMetric", f"failed to get pods metric value: {exc.message}")
        status = MetricStatus(PODS, metric, "", MetricValueStatus(average_value=plain.usage))
        return MetricOutcome(plain.replicas, f"pods metric {metric}", status)

    if spec.type == OBJECT:
        if spec.object is None:
            return _unable("FailedGetObjectMetric", "failed to get object metric value: missing metric source")
        src_o = spec.object
        metric = src_o.metric.name
        target = src_o.target
        ref = src_o.described_object
        try:
            if metrics.custom_metrics_error or metric not in dict(metrics.objects):
                raise MetricError(
                    f"unable to get metric {metric}: {ref.kind} on {namespace} {ref.name}/unable to fetch metrics "
                    "from custom metrics API"
                )
            value = dict(metrics.objects)[metric].value
            prop_u: UsageProposal
            if target.type == VALUE and target.value is not None:
                prop_u = get_object_metric_replicas(spec_replicas, quantity.milli_value(target.value), value, tolerances, pods)
                status = MetricStatus(OBJECT, metric, "", MetricValueStatus(value=prop_u.usage))
            elif target.type == AVERAGE_VALUE and target.average_value is not None:
                prop_u = get_object_per_pod_metric_replicas(
                    status_replicas, quantity.milli_value(target.average_value), value, tolerances
                )
                status = MetricStatus(OBJECT, metric, "", MetricValueStatus(average_value=prop_u.usage))
            else:
                raise MetricError("invalid object metric source: neither a value target nor an average value target was set")
        except MetricError as exc:
            return _unable("FailedGetObjectMetric", f"failed to get object metric value: {exc.message}")
        return MetricOutcome(prop_u.replicas, f"{ref.kind} metric {metric}", status)

    if spec.type == EXTERNAL:
        if spec.external is None:
            return _unable("FailedGetExternalMetric", "failed to get external metric value: missing metric source")
        metric = spec.external.metric.name
        target = spec.external.target
        try:
            prefix = f"unable to get external metric {namespace}/{metric}/{_go_selector(spec.external.metric.selector)}: "
            if metrics.external_metrics_error:
                raise MetricError(prefix + "unable to fetch metrics from external metrics API: unavailable")
            values = dict(metrics.external).get(metric, ())
            if not values:
                raise MetricError(prefix + "no metrics returned from external metrics API")
            if target.average_value is not None:
                prop_u = get_external_per_pod_metric_replicas(
                    status_replicas, quantity.milli_value(target.average_value), values, tolerances
                )
                status = MetricStatus(EXTERNAL, metric, "", MetricValueStatus(average_value=prop_u.usage))
            elif target.value is not None:
                prop_u = get_external_metric_replicas(spec_replicas, quantity.milli_value(target.value), values, tolerances, pods)
                status = MetricStatus(EXTERNAL, metric, "", MetricValueStatus(value=prop_u.usage))
            else:
                raise MetricError("invalid external metric source: neither a value target nor an average value target was set")
        except MetricError as exc:
            return _unable("FailedGetExternalMetric", f"failed to get {metric} external metric value: {exc.message}")
        return MetricOutcome(prop_u.replicas, f"external metric {metric}", status)

    return _unable("InvalidMetricSourceType", f'unknown metric source type "{spec.type}"')


def _go_selector(sel: LabelSelector | None) -> str:
    """``%+v`` of a ``*metav1.LabelSelector`` (only used inside error messages)."""
    if sel is None:
        return "nil"
    labels = "".join(f"{k}: {v}," for k, v in sel.match_labels)
    return f"&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{}},}}"


@dataclass(frozen=True, slots=True)
class MetricsResult:
    """``computeReplicasForMetrics``: replicas (-1 when nothing can be done), statuses, error."""

    replicas: int
    metric: str
    statuses: tuple[MetricStatus, ...]
    error: str | None


def validate_and_parse_selector(
    hpa: HorizontalPodAutoscaler,
    selector: str,
    pods: tuple[HpaPod, ...],
    other_hpas: Iterable[OtherHpa],
    conds: Conditions,
) -> tuple[_labels.Selector | None, str | None]:
    """Mirrors horizontal.go: validateAndParseSelector (missing, unparsable, ambiguous)."""
    if selector == "":
        _set(conds, "ScalingActive", "False", "InvalidSelector", "the HPA target's scale is missing a selector")
        return None, "selector is required"
    try:
        parsed = _labels.parse(selector)
    except Exception as exc:  # noqa: BLE001 - any parse failure is an invalid selector
        msg = f"couldn't convert selector into a corresponding internal selector object: {exc}"
        _set(conds, "ScalingActive", "False", "InvalidSelector", msg)
        return None, msg
    selected = [p for p in pods if _labels.matches(parsed, p.labels)]
    controlling = {(hpa.metadata.namespace, hpa.metadata.name)}
    for other in other_hpas:
        if other.namespace != hpa.metadata.namespace or other.name == hpa.metadata.name:
            continue
        other_sel = _labels.label_selector_as_selector(other.selector)
        if any(_labels.matches(other_sel, p.labels) for p in selected):
            controlling.add((other.namespace, other.name))
    if len(controlling) > 1:
        names = ", ".join(f"{ns}/{n}" for ns, n in sorted(controlling))
        msg = f"pods by selector {selector} are controlled by multiple HPAs: [{names}]"
        _set(conds, "ScalingActive", "False", "AmbiguousSelector", msg)
        return None, msg
    return parsed, None


def compute_replicas_for_metrics(
    hpa: HorizontalPodAutoscaler,
    scale: Scale,
    pods: tuple[HpaPod, ...],
    metrics: MetricsSnapshot,
    other_hpas: Iterable[OtherHpa],
    config: ControllerConfig,
    now: Time,
    conds: Conditions,
) -> MetricsResult:
    """Mirrors horizontal.go: computeReplicasForMetrics (the maximum proposal; partial data never scales
    down)."""
    parsed, err = validate_and_parse_selector(hpa, scale.selector, pods, other_hpas, conds)
    if err is not None:
        return MetricsResult(-1, "", (), err)
    selected = tuple(p for p in pods if parsed is not None and _labels.matches(parsed, p.labels))
    tolerances = tolerances_for_hpa(hpa.spec.behavior, config)
    specs = hpa.spec.metrics
    replicas = 0
    metric = ""
    statuses: list[MetricStatus] = []
    invalid = 0
    first: MetricOutcome | None = None
    for spec in specs:
        out = compute_replicas_for_metric(
            spec, hpa.metadata.namespace, scale.spec_replicas, scale.status_replicas, selected, metrics, tolerances, config, now
        )
        statuses.append(out.status if out.status is not None else MetricStatus())
        if out.failed_reason:
            if invalid == 0:
                first = out
            invalid += 1
            continue
        if replicas == 0 or out.replicas > replicas:
            replicas = out.replicas
            metric = out.name
    error = None
    if first is not None:
        error = f"invalid metrics ({invalid} invalid out of {len(specs)}), first error is: {first.error}"
    if invalid >= len(specs) or (invalid > 0 and replicas < scale.spec_replicas):
        if first is not None:
            _set(
                conds,
                "ScalingActive",
                "False",
                first.failed_reason,
                f"the HPA was unable to compute the replica count: {first.error}",
            )
        return MetricsResult(-1, "", tuple(statuses), error)
    _set(
        conds,
        "ScalingActive",
        "True",
        "ValidMetricFound",
        f"the HPA was able to successfully calculate a replica count from {metric}",
    )
    return MetricsResult(replicas, metric, tuple(statuses), error)


# ---------------------------------------------------------------------------------------------
# normalization without behavior


def stabilize_recommendation(
    recommendations: tuple[Recommendation, ...], prenormalized: int, window: int, now: Time
) -> tuple[int, tuple[Recommendation, ...]]:
    """Mirrors horizontal.go: stabilizeRecommendation -> (max of fresh ones, history afterwards)."""
    best = prenormalized
    old_index = -1
    for i, rec in enumerate(recommendations):
        if rec.timestamp < now - window:
            old_index = i
        elif rec.replicas > best:
            best = rec.replicas
    new = Recommendation(prenormalized, now)
    if old_index >= 0:
        history = recommendations[:old_index] + (new,) + recommendations[old_index + 1 :]
    else:
        history = recommendations + (new,)
    return best, history


def calculate_scale_up_limit(current_replicas: int, factor: float = 2.0, minimum: float = 4.0) -> int:
    """Mirrors horizontal.go: calculateScaleUpLimit, ``max(factor * current, minimum)``."""
    return go_int32(max(factor * float(current_replicas), minimum))


def convert_desired_replicas_with_rules(
    current_replicas: int,
    desired_replicas: int,
    min_replicas: int,
    max_replicas: int,
    factor: float = 2.0,
    minimum: float = 4.0,
) -> tuple[int, str, str]:
    """Mirrors horizontal.go: convertDesiredReplicasWithRules -> (replicas, reason, message)."""
    limit = calculate_scale_up_limit(current_replicas, factor, minimum)
    if max_replicas > limit:
        maximum = limit
        reason, message = "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"
    else:
        maximum = max_replicas
        reason, message = "TooManyReplicas", "the desired replica count is more than the maximum replica count"
    if desired_replicas < min_replicas:
        return min_replicas, "TooFewReplicas", "the desired replica count is less than the minimum replica count"
    if desired_replicas > maximum:
        return maximum, reason, message
    return desired_replicas, "DesiredWithinRange", "the desired count is within the acceptable range"


def normalize_desired_replicas(
    recommendations: tuple[Recommendation, ...],
    current_replicas: int,
    prenormalized: int,
    min_replicas: int,
    max_replicas: int,
    config: ControllerConfig,
    now: Time,
    conds: Conditions,
) -> tuple[int, tuple[Recommendation, ...]]:
    """Mirrors horizontal.go: normalizeDesiredReplicas (the path without ``spec.behavior``)."""
    stabilized, history = stabilize_recommendation(
        recommendations, prenormalized, config.downscale_stabilization_window, now
    )
    if stabilized != prenormalized:
        _set(
            conds,
            "AbleToScale",
            "True",
            "ScaleDownStabilized",
            "recent recommendations were higher than current one, applying the highest recent recommendation",
        )
    else:
        _set(conds, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size")
    desired, reason, message = convert_desired_replicas_with_rules(
        current_replicas, stabilized, min_replicas, max_replicas, config.scale_up_limit_factor, config.scale_up_limit_minimum
    )
    _set(conds, "ScalingLimited", "False" if desired == stabilized else "True", reason, message)
    return desired, history


# ---------------------------------------------------------------------------------------------
# normalization with behavior


def stabilize_recommendation_with_behaviors(
    recommendations: tuple[Recommendation, ...],
    current_replicas: int,
    desired_replicas: int,
    scale_up_window: int,
    scale_down_window: int,
    now: Time,
) -> tuple[int, str, str, tuple[Recommendation, ...]]:
    """Mirrors horizontal.go: stabilizeRecommendationWithBehaviors (windows in nanoseconds).

    Returns (replicas, reason, message, history afterwards).
    """
    up = desired_replicas
    down = desired_replicas
    up_cutoff = now - scale_up_window
    down_cutoff = now - scale_down_window
    old_index = -1
    for i, rec in enumerate(recommendations):
        if rec.timestamp > up_cutoff:
            up = min(rec.replicas, up)
        if rec.timestamp > down_cutoff:
            down = max(rec.replicas, down)
        if rec.timestamp < up_cutoff and rec.timestamp < down_cutoff:
            old_index = i
    recommendation = current_replicas
    if recommendation < up:
        recommendation = up
    if recommendation > down:
        recommendation = down
    new = Recommendation(desired_replicas, now)
    if old_index >= 0:
        history = recommendations[:old_index] + (new,) + recommendations[old_index + 1 :]
    else:
        history = recommendations + (new,)
    if desired_replicas >= current_replicas:
        reason = "ScaleUpStabilized"
        message = "recent recommendations were lower than current one, applying the lowest recent recommendation"
    else:
        reason = "ScaleDownStabilized"
        message = "recent recommendations were higher than current one, applying the highest recent recommendation"
    return recommendation, reason, message, history


def replicas_change_per_period(period_seconds: int, events: Iterable[ScaleEvent], now: Time) -> int:
    """Mirrors horizontal.go: getReplicasChangePerPeriod (events strictly younger than the period)."""
    cutoff = now - period_seconds * NANOS
    return sum(e.replica_change for e in events if e.timestamp > cutoff)


def _go_min(a: int, b: int) -> int:
    return a if a < b else b


def _go_max(a: int, b: int) -> int:
    return a if a > b else b


def calculate_scale_up_limit_with_scaling_rules(
    current_replicas: int,
    scale_up_events: Iterable[ScaleEvent],
    scale_down_events: Iterable[ScaleEvent],
    rules: HPAScalingRules,
    now: Time,
) -> int:
    """Mirrors horizontal.go: calculateScaleUpLimitWithScalingRules (the raw policy limit)."""
    ups = tuple(scale_up_events)
    downs = tuple(scale_down_events)
    if rules.select_policy == DISABLED_POLICY:
        return current_replicas
    if rules.select_policy == MIN_POLICY:
        result, pick = INT32_MAX, _go_min
    else:
        result, pick = INT32_MIN, _go_max
    proposed = 0
    for policy in rules.policies or ():
        added = replicas_change_per_period(policy.period_seconds, ups, now)
        deleted = replicas_change_per_period(policy.period_seconds, downs, now)
        start = current_replicas - added + deleted
        if policy.type == PODS_POLICY:
            proposed = start + policy.value
        elif policy.type == PERCENT_POLICY:
            # rounded up so that a small percentage still adds a pod
            proposed = go_int32(math.ceil(float(start) * (1 + float(policy.value) / 100)))
        result = pick(result, proposed)
    return result


def calculate_scale_down_limit_with_behaviors(
    current_replicas: int,
    scale_up_events: Iterable[ScaleEvent],
    scale_down_events: Iterable[ScaleEvent],
    rules: HPAScalingRules,
    now: Time,
) -> int:
    """Mirrors horizontal.go: calculateScaleDownLimitWithBehaviors (the raw policy limit)."""
    ups = tuple(scale_up_events)
    downs = tuple(scale_down_events)
    if rules.select_policy == DISABLED_POLICY:
        return current_replicas
    if rules.select_policy == MIN_POLICY:
        result, pick = INT32_MIN, _go_max
    else:
        result, pick = INT32_MAX, _go_min
    proposed = 0
    for policy in rules.policies or ():
        added = replicas_change_per_period(policy.period_seconds, ups, now)
        deleted = replicas_change_per_period(policy.period_seconds, downs, now)
        start = current_replicas - added + deleted
        if policy.type == PODS_POLICY:
            proposed = start - policy.value
        elif policy.type == PERCENT_POLICY:
            proposed = go_int32(float(start) * (1 - float(policy.value) / 100))
        result = pick(result, proposed)
    return result


def convert_desired_replicas_with_behavior_rate(
    current_replicas: int,
    desired_replicas: int,
    min_replicas: int,
    max_replicas: int,
    scale_up: HPAScalingRules,
    scale_down: HPAScalingRules,
    scale_up_events: tuple[ScaleEvent, ...],
    scale_down_events: tuple[ScaleEvent, ...],
    now: Time,
) -> tuple[int, str, str]:
    """Mirrors horizontal.go: convertDesiredReplicasWithBehaviorRate -> (replicas, reason, message)."""
    if desired_replicas > current_replicas:
        limit = calculate_scale_up_limit_with_scaling_rules(current_replicas, scale_up_events, scale_down_events, scale_up, now)
        if limit < current_replicas:
            limit = current_replicas  # wait until old scale-up events age out
        maximum = max_replicas
        if maximum > limit:
            maximum = limit
            reason, message = "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"
        else:
            reason, message = "TooManyReplicas", "the desired replica count is more than the maximum replica count"
        if desired_replicas > maximum:
            return maximum, reason, message
    elif desired_replicas < current_replicas:
        limit = calculate_scale_down_limit_with_behaviors(
            current_replicas, scale_up_events, scale_down_events, scale_down, now
        )
        if limit > current_replicas:
            limit = current_replicas
        minimum = min_replicas
        if minimum < limit:
            minimum = limit
            reason, message = "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"
        else:
            reason, message = "TooFewReplicas", "the desired replica count is less than the minimum replica count"
        if desired_replicas < minimum:
            return minimum, reason, message
    return desired_replicas, "DesiredWithinRange", "the desired count is within the acceptable range"


def resolve_behavior(
    behavior: HorizontalPodAutoscalerBehavior, config: ControllerConfig
) -> tuple[HPAScalingRules, HPAScalingRules]:
    """Mirrors pkg/apis/autoscaling/v2/defaults.go: SetDefaults_HorizontalPodAutoscalerBehavior, then
    horizontal.go: maybeInitScaleDownStabilizationWindow. API defaults per direction, then
    ``maybeInitScaleDownStabilizationWindow`` from the flag."""
    up = generate_scale_up_rules(behavior.scale_up)
    down = generate_scale_down_rules(behavior.scale_down)
    if down.stabilization_window_seconds is None:
        down = replace(down, stabilization_window_seconds=int(config.downscale_stabilization_window // NANOS))
    if up.stabilization_window_seconds is None:
        up = replace(up, stabilization_window_seconds=0)
    return up, down


def normalize_desired_replicas_with_behaviors(
    behavior: HorizontalPodAutoscalerBehavior,
    memory: HpaMemory,
    current_replicas: int,
    prenormalized: int,
    min_replicas: int,
    max_replicas: int,
    config: ControllerConfig,
    now: Time,
    conds: Conditions,
) -> tuple[int, tuple[Recommendation, ...]]:
    """Mirrors horizontal.go: normalizeDesiredReplicasWithBehaviors."""
    up, down = resolve_behavior(behavior, config)
    stabilized, reason, message, history = stabilize_recommendation_with_behaviors(
        memory.recommendations or (),
        current_replicas,
        prenormalized,
        (up.stabilization_window_seconds or 0) * NANOS,
        (down.stabilization_window_seconds or 0) * NANOS,
        now,
    )
    if stabilized != prenormalized:
        _set(conds, "AbleToScale", "True", reason, message)
    else:
        _set(conds, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size")
    desired, reason, message = convert_desired_replicas_with_behavior_rate(
        current_replicas,
        stabilized,
        min_replicas,
        max_replicas,
        up,
        down,
        memory.scale_up_events,
        memory.scale_down_events,
        now,
    )
    _set(conds, "ScalingLimited", "False" if desired == stabilized else "True", reason, message)
    return desired, history


def longest_policy_period(rules: HPAScalingRules) -> int:
    """Mirrors horizontal.go: getLongestPolicyPeriod (seconds)."""
    longest = 0
    for p in rules.policies or ():
        if p.period_seconds > longest:
            longest = p.period_seconds
    return longest


def store_scale_event(
    behavior: HorizontalPodAutoscalerBehavior | None,
    memory: HpaMemory,
    prev_replicas: int,
    new_replicas: int,
    now: Time,
) -> HpaMemory:
    """Mirrors horizontal.go: storeScaleEvent (and markScaleEventsOutdated); nothing without behavior."""
    if behavior is None:
        return memory
    scaling_up = new_replicas > prev_replicas
    # the API server defaults a present behavior, so a missing direction has the default policies
    rules = generate_scale_up_rules(behavior.scale_up) if scaling_up else generate_scale_down_rules(behavior.scale_down)
    events = memory.scale_up_events if scaling_up else memory.scale_down_events
    cutoff = now - longest_policy_period(rules) * NANOS
    marked = tuple(replace(e, outdated=True) if e.timestamp < cutoff else e for e in events)
    old_index = -1
    for i, e in enumerate(marked):
        if e.outdated:
            old_index = i
    change = new_replicas - prev_replicas if scaling_up else prev_replicas - new_replicas
    new = ScaleEvent(change, now, False)
    if old_index >= 0:
        stored = marked[:old_index] + (new,) + marked[old_index + 1 :]
    else:
        stored = marked + (new,)
    if scaling_up:
        return replace(memory, scale_up_events=stored)
    return replace(memory, scale_down_events=stored)


# ---------------------------------------------------------------------------------------------
# reconcile


def reconcile(
    hpa: HorizontalPodAutoscaler,
    scale: Scale | None,
    pods: Iterable[HpaPod],
    metrics: MetricsSnapshot,
    memory: HpaMemory,
    now: Time,
    config: ControllerConfig = ControllerConfig(),
    other_hpas: Iterable[OtherHpa] = (),
    scale_update_fails: bool = False,
) -> ReconcileResult:
    """Mirrors horizontal.go: reconcileAutoscaler, one pass for one HPA (see the module docstring)."""
    hpa = replace(hpa, spec=set_defaults_spec(hpa.spec))
    pods = tuple(pods)
    old_status = hpa.status
    conds: Conditions = {}

    def status_with(desired: int, current: int, statuses: tuple[MetricStatus, ...], rescaled: bool) -> HorizontalPodAutoscalerStatus:
        return replace(
            old_status,
            current_replicas=current,
            desired_replicas=desired,
            current_metrics=statuses,
            last_scale_time=now if rescaled else old_status.last_scale_time,
            conditions=_condition_tuple(conds, old_status.conditions, now),
        )

    if scale is None:
        _set(conds, "AbleToScale", "False", "FailedGetScale", "the HPA controller was unable to get the target's current scale")
        status = replace(old_status, conditions=_condition_tuple(conds, old_status.conditions, now))
        return ReconcileResult(status, None, memory, "failed to query scale subresource")
    _set(conds, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale")
    current = scale.spec_replicas
    if memory.recommendations is None:
        memory = replace(memory, recommendations=(Recommendation(current, now),))  # recordInitialRecommendation
    min_replicas = hpa.spec.min_replicas if hpa.spec.min_replicas is not None else 1
    max_replicas = hpa.spec.max_replicas
    statuses: tuple[MetricStatus, ...] = ()
    ret_err: str | None = None
    rescale = True
    if current == 0 and min_replicas != 0:
        desired = 0
        rescale = False
        _set(conds, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero")
    elif current > max_replicas:
        desired = max_replicas
    elif current < min_replicas:
        desired = min_replicas
    else:
        result = compute_replicas_for_metrics(hpa, scale, pods, metrics, other_hpas, config, now, conds)
        statuses = result.statuses
        if result.error is not None and result.replicas == -1:
            status = status_with(old_status.desired_replicas, current, statuses, False)
            return ReconcileResult(
                status, None, memory, f"failed to compute desired number of replicas based on listed metrics: {result.error}"
            )
        ret_err = result.error
        desired = max(0, result.replicas)
        recs = memory.recommendations or ()
        if hpa.spec.behavior is None:
            desired, recs = normalize_desired_replicas(recs, current, desired, min_replicas, max_replicas, config, now, conds)
        else:
            desired, recs = normalize_desired_replicas_with_behaviors(
                hpa.spec.behavior, memory, current, desired, min_replicas, max_replicas, config, now, conds
            )
        memory = replace(memory, recommendations=recs)
        rescale = desired != current

    if rescale:
        if scale_update_fails:
            _set(conds, "AbleToScale", "False", "FailedUpdateScale", "the HPA controller was unable to update the target scale")
            status = status_with(old_status.desired_replicas, current, statuses, False)
            return ReconcileResult(status, None, memory, "failed to rescale")
        _set(
            conds,
            "AbleToScale",
            "True",
            "SucceededRescale",
            f"the HPA controller was able to update the target scale to {desired}",
        )
        memory = store_scale_event(hpa.spec.behavior, memory, current, desired, now)
        return ReconcileResult(status_with(desired, current, statuses, True), desired, memory, ret_err)
    desired = current
    return ReconcileResult(status_with(desired, current, statuses, False), None, memory, ret_err)


def sync_hpa(
    hpa: HorizontalPodAutoscaler,
    target_spec_replicas: int,
    target_status_replicas: int,
    target_selector: LabelSelector | None,
    pods: Iterable[Pod],
    cpu_usage_millicores: Mapping[str, int],
    memory: HpaMemory,
    now: Time,
    config: ControllerConfig = ControllerConfig(),
    other_hpas: Iterable[OtherHpa] = (),
) -> ReconcileResult:
    """Model-only (around horizontal.go reconcileAutoscaler): One HPA sync over v1 objects: the target's
    replicas and selector, its namespace's pods and their CPU usage as metrics-server would report it (pods
    without usage report nothing). A convenience wrapper of ``reconcile`` for the transition system."""
    scale = Scale(target_spec_replicas, target_status_replicas, selector_string(target_selector))
    return reconcile(
        hpa,
        scale,
        tuple(hpa_pod_from_pod(p) for p in pods),
        metrics_from_usage(cpu_usage_millicores, now),
        memory,
        now,
        config,
        other_hpas,
    )


def current_cpu_utilization(status: HorizontalPodAutoscalerStatus) -> int | None:
    """Model-only: ``status.currentMetrics[cpu].current.averageUtilization``, when a CPU utilization metric
    reported one."""
    for m in status.current_metrics:
        if m.type in (RESOURCE, CONTAINER_RESOURCE) and m.name == "cpu" and m.current.average_utilization is not None:
            return m.current.average_utilization
    return None


def pods_by_name(pods: Iterable[HpaPod]) -> Mapping[str, HpaPod]:
    """Model-only: pods keyed by name (a convenience for callers)."""
    return {p.name: p for p in pods}
