"""Conformance operations of the ``hpa`` group (see CONFORMANCE.md, "hpa").

Each op translates the catalogue's JSON into model values, calls the decision function in
``model.controllers.podautoscaler`` and translates the answer back. Histories carry ``ageSeconds``
relative to ``now`` (a fixed instant for the ops that take no ``now``).

Mirrors, through ``model.controllers.podautoscaler``, pkg/controller/podautoscaler/horizontal.go and
replica_calculator.go, pkg/apis/autoscaling/v2/defaults.go and
pkg/apis/autoscaling/validation/validation.go.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model import quantity
from model.conformance.jsonread import read_time
from model.controllers.podautoscaler import horizontal as hz
from model.controllers.podautoscaler import replica_calculator as rc
from model.controllers.podautoscaler import types as t
from model.errors import ModelError
from model.labels import LabelSelector
from model.objects import Container, PodCondition, ResourceRequirements, from_json
from model.timeutil import GO_ZERO_TIME, NANOS, Time, parse_time

# An arbitrary instant for ops whose histories are relative and that take no ``now``.
_BASE_NOW = Time(1_700_000_000 * NANOS)


# ---------------------------------------------------------------------------------------------
# input decoding


def _labels(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in (value or {}).items()))


def _pod(data: Mapping[str, Any]) -> rc.HpaPod:
    conditions = tuple(from_json(PodCondition, c, "conditions") for c in data.get("conditions") or ())
    containers = tuple(from_json(Container, c, "containers") for c in data.get("containers") or ())
    inits = tuple(from_json(Container, c, "initContainers") for c in data.get("initContainers") or ())
    resources = data.get("resources")
    return rc.HpaPod(
        name=data.get("name", ""),
        phase=data.get("phase", ""),
        labels=_labels(data.get("labels")),
        deletion_timestamp=read_time(data.get("deletionTimestamp"), "deletionTimestamp"),
        start_time=read_time(data.get("startTime"), "startTime"),
        conditions=conditions,
        containers=containers,
        init_containers=inits,
        resources=from_json(ResourceRequirements, resources, "resources") if resources is not None else None,
    )


def _pods(value: Any) -> tuple[rc.HpaPod, ...]:
    return tuple(_pod(p) for p in value or ())


def _pod_metric(data: Mapping[str, Any], default_window: int) -> rc.PodMetric:
    ts = read_time(data.get("timestamp"), "timestamp")
    window = data.get("windowSeconds")
    return rc.PodMetric(
        value=quantity.milli_value(data["value"]),
        timestamp=ts if ts is not None else GO_ZERO_TIME,
        window=default_window if window is None else _seconds(window, field="windowSeconds"),
    )


def _pod_metrics_items(value: Any) -> tuple[rc.PodMetricsItem, ...]:
    items = []
    for m in value or ():
        ts = read_time(m.get("timestamp"), "timestamp")
        window = m.get("windowSeconds")
        items.append(
            rc.PodMetricsItem(
                name=m.get("name", ""),
                timestamp=ts if ts is not None else GO_ZERO_TIME,
                window=rc.DEFAULT_METRIC_WINDOW if window is None else _seconds(window, field="windowSeconds"),
                containers=tuple(
                    rc.ContainerMetrics(c.get("name", ""), _labels(c.get("usage"))) for c in m.get("containers") or ()
                ),
            )
        )
    return tuple(items)


def _tolerances(value: Any) -> rc.Tolerances:
    if value is None:
        return rc.Tolerances()
    if isinstance(value, int | float):
        return rc.Tolerances(float(value), float(value))
    return rc.Tolerances(float(value.get("scaleDown", 0.1)), float(value.get("scaleUp", 0.1)))


def _seconds(value: Any, default: float = 0, field: str = "") -> int:
    """A duration in seconds (a JSON number) as nanoseconds; anything else is an input error naming
    ``field`` (a string times NANOS would otherwise be repeated, not multiplied)."""
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError("Invalid", f"{field or 'seconds'} must be a number, got {type(value).__name__}",
                         field=field or None)
    return int(round(value * NANOS))


def _at(now: Time, age_seconds: Any) -> Time:
    return Time(now - int(round(float(age_seconds) * NANOS)))


def _recommendations(value: Any, now: Time) -> tuple[hz.Recommendation, ...]:
    return tuple(hz.Recommendation(int(r["replicas"]), _at(now, r.get("ageSeconds", 0))) for r in value or ())


def _events(value: Any, now: Time) -> tuple[hz.ScaleEvent, ...]:
    return tuple(
        hz.ScaleEvent(int(e["replicaChange"]), _at(now, e.get("ageSeconds", 0)), bool(e.get("outdated", False)))
        for e in value or ()
    )


def _rules(value: Any) -> t.HPAScalingRules | None:
    if value is None:
        return None
    return from_json(t.HPAScalingRules, t._normalize_quantities(value), "rules")


def _behavior(value: Any) -> t.HorizontalPodAutoscalerBehavior | None:
    if value is None:
        return None
    return t.HorizontalPodAutoscalerBehavior(scale_up=_rules(value.get("scaleUp")), scale_down=_rules(value.get("scaleDown")))


def _target(value: Any) -> t.MetricTarget:
    return from_json(t.MetricTarget, t._normalize_quantities({"target": value or {}})["target"], "target")


def _conditions(status: t.HorizontalPodAutoscalerStatus) -> list[dict[str, str]]:
    return [{"type": c.type, "status": c.status, "reason": c.reason} for c in status.conditions if c.type]


def _fail(kind: str, exc: rc.MetricError) -> dict[str, Any]:
    return {"error": {"kind": kind, "message": exc.message}}


def _resource_kind(container: str) -> str:
    return "FailedGetContainerResourceMetric" if container else "FailedGetResourceMetric"


def _pod_level_gate(inp: Mapping[str, Any]) -> bool:
    return bool((inp.get("featureGates") or {}).get("PodLevelResources", True))


# ---------------------------------------------------------------------------------------------
# replica calculator ops


def group_pods(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/replica_calculator.go: groupPods (op ``hpa.group_pods``)."""
    metrics = {name: _pod_metric(v, 0) for name, v in (inp.get("metrics") or {}).items()}
    g = rc.group_pods(
        _pods(inp.get("pods")),
        metrics,
        inp.get("resource", ""),
        _seconds(inp.get("cpuInitializationPeriodSeconds"), 120),
        _seconds(inp.get("delayOfInitialReadinessStatusSeconds"), 10),
        parse_time(inp["now"]),
    )
    return {
        "readyPodCount": g.ready_pod_count,
        "unreadyPods": sorted(g.unready_pods),
        "missingPods": sorted(g.missing_pods),
        "ignoredPods": sorted(g.ignored_pods),
    }


def calculate_requests(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/replica_calculator.go: calculateRequests (op
    ``hpa.calculate_requests``)."""
    container = inp.get("container", "") or ""
    try:
        reqs = rc.calculate_requests(_pods(inp.get("pods")), container, inp.get("resource", "cpu"), _pod_level_gate(inp))
    except rc.MetricError as exc:
        return _fail(_resource_kind(container), exc)
    return {"requests": reqs}


def resource_replicas(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/replica_calculator.go: GetResourceReplicas (op
    ``hpa.resource_replicas``, after the metrics client's aggregation)."""
    container = inp.get("container", "") or ""
    resource = inp.get("resource", "cpu")
    try:
        try:
            samples = rc.pod_resource_metrics(_pod_metrics_items(inp.get("podMetrics")), resource, container)
        except rc.MetricError as exc:
            raise rc.MetricError(f"unable to get metrics for resource {resource}: {exc.message}") from exc
        p = rc.get_resource_replicas(
            int(inp["currentReplicas"]),
            int(inp["targetAverageUtilization"]),
            resource,
            _tolerances(inp.get("tolerance")),
            _pods(inp.get("pods")),
            samples,
            container,
            cpu_initialization_period=_seconds(inp.get("cpuInitializationPeriodSeconds"), 120),
            delay_of_initial_readiness_status=_seconds(inp.get("delayOfInitialReadinessStatusSeconds"), 10),
            now=parse_time(inp["now"]),
            pod_level_resources=_pod_level_gate(inp),
        )
    except rc.MetricError as exc:
        return _fail(_resource_kind(container), exc)
    return {"replicas": p.replicas, "utilization": p.utilization, "rawUtilization": p.raw_utilization}


def pods_metric_replicas(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/replica_calculator.go: GetMetricReplicas / calcPlainMetricReplicas
    (op ``hpa.pods_metric_replicas``)."""
    metric = inp.get("metricName", "")
    resource = inp.get("resource", "") or ""
    try:
        values = inp.get("podMetricValues") or []
        if not values:
            raise rc.MetricError(f"unable to get metric {metric}: no metrics returned from custom metrics API")
        samples = {v.get("name", ""): _pod_metric(v, rc.DEFAULT_METRIC_WINDOW) for v in values}
        target = _target(inp.get("target"))
        if target.average_value is None:
            raise rc.MetricError("invalid pods metric source: no average value target was set")
        p = rc.calc_plain_metric_replicas(
            samples,
            int(inp["currentReplicas"]),
            quantity.milli_value(target.average_value),
            _tolerances(inp.get("tolerance")),
            _pods(inp.get("pods")),
            resource,
            cpu_initialization_period=_seconds(inp.get("cpuInitializationPeriodSeconds"), 120),
            delay_of_initial_readiness_status=_seconds(inp.get("delayOfInitialReadinessStatusSeconds"), 10),
            now=parse_time(inp["now"]) if inp.get("now") else _BASE_NOW,
        )
    except rc.MetricError as exc:
        return _fail("FailedGetResourceMetric" if resource else "FailedGetPodsMetric", exc)
    return {"replicas": p.replicas, "usage": p.usage}


def object_replicas(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/replica_calculator.go: GetObjectMetricReplicas /
    GetObjectPerPodMetricReplicas (op ``hpa.object_replicas``)."""
    target = _target(inp.get("target"))
    try:
        if inp.get("metricValue") is None:
            ref = inp.get("describedObject") or {}
            raise rc.MetricError(
                f"unable to get metric {inp.get('metricName', '')}: {ref.get('kind', '')} on  {ref.get('name', '')}/"
                "no metrics returned from custom metrics API"
            )
        value = quantity.milli_value(inp["metricValue"])
        tol = _tolerances(inp.get("tolerance"))
        if target.type == t.AVERAGE_VALUE and target.average_value is not None:
            p = rc.get_object_per_pod_metric_replicas(
                int(inp.get("statusReplicas", inp.get("specReplicas", 0))),
                quantity.milli_value(target.average_value),
                value,
                tol,
            )
        elif target.value is not None:
            p = rc.get_object_metric_replicas(
                int(inp.get("specReplicas", 0)), quantity.milli_value(target.value), value, tol, _pods(inp.get("pods"))
            )
        else:
            raise rc.MetricError("invalid object metric source: neither a value target nor an average value target was set")
    except rc.MetricError as exc:
        return _fail("FailedGetObjectMetric", exc)
    return {"replicas": p.replicas, "usage": p.usage}


def external_replicas(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/replica_calculator.go: GetExternalMetricReplicas /
    GetExternalPerPodMetricReplicas (op ``hpa.external_replicas``)."""
    target = _target(inp.get("target"))
    metric = inp.get("metricName", "")
    sel = inp.get("metricSelector")
    selector = from_json(LabelSelector, sel, "metricSelector") if sel is not None else None
    try:
        values = tuple(quantity.milli_value(v) for v in inp.get("metricValues") or ())
        if not values:
            raise rc.MetricError(
                f"unable to get external metric /{metric}/{hz._go_selector(selector)}: "
                "no metrics returned from external metrics API"
            )
        tol = _tolerances(inp.get("tolerance"))
        use_average = target.average_value is not None and not (target.type == t.VALUE and target.value is not None)
        if use_average:
            assert target.average_value is not None
            p = rc.get_external_per_pod_metric_replicas(
                int(inp.get("statusReplicas", inp.get("specReplicas", 0))),
                quantity.milli_value(target.average_value),
                values,
                tol,
            )
        elif target.value is not None:
            p = rc.get_external_metric_replicas(
                int(inp.get("specReplicas", 0)), quantity.milli_value(target.value), values, tol, _pods(inp.get("pods"))
            )
        else:
            raise rc.MetricError("invalid external metric source: neither a value target nor an average value target was set")
    except rc.MetricError as exc:
        return _fail("FailedGetExternalMetric", exc)
    return {"replicas": p.replicas, "usage": p.usage}


# ---------------------------------------------------------------------------------------------
# normalization ops


def stabilize(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: stabilizeRecommendation (op ``hpa.stabilize``)."""
    now = _BASE_NOW
    replicas, history = hz.stabilize_recommendation(
        _recommendations(inp.get("recommendations"), now),
        int(inp["prenormalizedDesiredReplicas"]),
        _seconds(inp.get("downscaleStabilizationWindowSeconds"), 300),
        now,
    )
    return {"replicas": replicas, "recommendationsCount": len(history), "recommendations": [r.replicas for r in history]}


def convert_with_rules(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: convertDesiredReplicasWithRules (op
    ``hpa.convert_with_rules``)."""
    replicas, reason, message = hz.convert_desired_replicas_with_rules(
        int(inp["currentReplicas"]),
        int(inp["desiredReplicas"]),
        int(inp.get("minReplicas", 1)),
        int(inp["maxReplicas"]),
        float(inp.get("scaleUpLimitFactor", 2.0)),
        float(inp.get("scaleUpLimitMinimum", 4.0)),
    )
    return {"replicas": replicas, "reason": reason, "message": message}


def _window(rules: Any, default: int) -> int:
    if not rules or rules.get("stabilizationWindowSeconds") is None:
        return default
    return int(rules["stabilizationWindowSeconds"])


def stabilize_with_behavior(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: stabilizeRecommendationWithBehaviors (op
    ``hpa.stabilize_with_behavior``; windows given)."""
    now = _BASE_NOW
    behavior = inp.get("behavior") or {}
    replicas, reason, message, history = hz.stabilize_recommendation_with_behaviors(
        _recommendations(inp.get("recommendations"), now),
        int(inp["currentReplicas"]),
        int(inp["desiredReplicas"]),
        _window(behavior.get("scaleUp"), 0) * NANOS,
        _window(behavior.get("scaleDown"), 0) * NANOS,
        now,
    )
    return {"replicas": replicas, "recommendations": [r.replicas for r in history], "reason": reason,
            "message": message}


def _resolved_rules(inp: Mapping[str, Any], window_seconds: int) -> tuple[t.HPAScalingRules, t.HPAScalingRules]:
    behavior = _behavior(inp.get("behavior")) or t.HorizontalPodAutoscalerBehavior()
    config = hz.ControllerConfig(downscale_stabilization_window=window_seconds * NANOS)
    return hz.resolve_behavior(behavior, config)


def behavior_rate_limit(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: convertDesiredReplicasWithBehaviorRate (op
    ``hpa.behavior_rate_limit``)."""
    now = _BASE_NOW
    up, down = _resolved_rules(inp, 300)
    replicas, reason, message = hz.convert_desired_replicas_with_behavior_rate(
        int(inp["currentReplicas"]),
        int(inp["desiredReplicas"]),
        int(inp.get("minReplicas", 1)),
        int(inp["maxReplicas"]),
        up,
        down,
        _events(inp.get("scaleUpEvents"), now),
        _events(inp.get("scaleDownEvents"), now),
        now,
    )
    return {"replicas": replicas, "reason": reason, "message": message}


def _given_rules(inp: Mapping[str, Any]) -> t.HPAScalingRules:
    rules = _rules(inp.get("rules"))
    if rules is None:
        raise ModelError("Invalid", "rules: Required value", field="rules")
    return rules


def scale_up_limit(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: calculateScaleUpLimitWithScalingRules (op
    ``hpa.scale_up_limit``)."""
    now = _BASE_NOW
    limit = hz.calculate_scale_up_limit_with_scaling_rules(
        int(inp["currentReplicas"]),
        _events(inp.get("scaleUpEvents"), now),
        _events(inp.get("scaleDownEvents"), now),
        _given_rules(inp),
        now,
    )
    return {"limit": limit}


def scale_down_limit(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: calculateScaleDownLimitWithBehaviors (op
    ``hpa.scale_down_limit``)."""
    now = _BASE_NOW
    limit = hz.calculate_scale_down_limit_with_behaviors(
        int(inp["currentReplicas"]),
        _events(inp.get("scaleUpEvents"), now),
        _events(inp.get("scaleDownEvents"), now),
        _given_rules(inp),
        now,
    )
    return {"limit": limit}


def replicas_change_per_period(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: getReplicasChangePerPeriod (op
    ``hpa.replicas_change_per_period``)."""
    now = _BASE_NOW
    change = hz.replicas_change_per_period(int(inp["periodSeconds"]), _events(inp.get("events"), now), now)
    return {"replicaChange": change}


def store_scale_event(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: storeScaleEvent (op ``hpa.store_scale_event``)."""
    now = _BASE_NOW
    prev, new = int(inp["prevReplicas"]), int(inp["newReplicas"])
    events = _events(inp.get("events"), now)
    memory = hz.HpaMemory(
        scale_up_events=events if new > prev else (), scale_down_events=events if new <= prev else ()
    )
    after = hz.store_scale_event(_behavior(inp.get("behavior")), memory, prev, new, now)
    stored = after.scale_up_events if new > prev else after.scale_down_events
    return {"events": [{"replicaChange": e.replica_change, "outdated": e.outdated} for e in stored]}


def _min_max(inp: Mapping[str, Any]) -> tuple[int, int]:
    spec = (inp.get("hpa") or {}).get("spec") or {}
    min_r = inp.get("minReplicas", spec.get("minReplicas"))
    max_r = inp.get("maxReplicas", spec.get("maxReplicas"))
    return (1 if min_r is None else int(min_r)), int(max_r)


def _conds_out(conds: hz.Conditions) -> list[dict[str, str]]:
    return [{"type": k, "status": v[0], "reason": v[1]} for k, v in conds.items()]


def normalize(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: normalizeDesiredReplicas (op ``hpa.normalize``:
    stabilize, then the min/max/scale-up rules)."""
    now = _BASE_NOW
    min_r, max_r = _min_max(inp)
    config = hz.ControllerConfig(
        downscale_stabilization_window=_seconds(inp.get("downscaleStabilizationWindowSeconds"), 300),
        scale_up_limit_factor=float(inp.get("scaleUpLimitFactor", 2.0)),
        scale_up_limit_minimum=float(inp.get("scaleUpLimitMinimum", 4.0)),
    )
    conds: hz.Conditions = {}
    desired = inp.get("prenormalizedDesiredReplicas", inp.get("desiredReplicas"))
    replicas, history = hz.normalize_desired_replicas(
        _recommendations(inp.get("recommendations"), now),
        int(inp["currentReplicas"]),
        int(desired),
        min_r,
        max_r,
        config,
        now,
        conds,
    )
    return {"replicas": replicas, "recommendations": [r.replicas for r in history], "conditions": _conds_out(conds)}


def normalize_with_behavior(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: normalizeDesiredReplicasWithBehaviors (op
    ``hpa.normalize_with_behavior``)."""
    now = _BASE_NOW
    min_r, max_r = _min_max(inp)
    spec = (inp.get("hpa") or {}).get("spec") or {}
    behavior = _behavior(inp["behavior"] if "behavior" in inp else spec.get("behavior"))
    config = hz.ControllerConfig(
        downscale_stabilization_window=_seconds(inp.get("downscaleStabilizationWindowSeconds"), 300)
    )
    memory = hz.HpaMemory(
        recommendations=_recommendations(inp.get("recommendations"), now),
        scale_up_events=_events(inp.get("scaleUpEvents"), now),
        scale_down_events=_events(inp.get("scaleDownEvents"), now),
    )
    conds: hz.Conditions = {}
    desired = inp.get("prenormalizedDesiredReplicas", inp.get("desiredReplicas"))
    replicas, history = hz.normalize_desired_replicas_with_behaviors(
        behavior or t.HorizontalPodAutoscalerBehavior(),
        memory,
        int(inp["currentReplicas"]),
        int(desired),
        min_r,
        max_r,
        config,
        now,
        conds,
    )
    return {"replicas": replicas, "recommendations": [r.replicas for r in history], "conditions": _conds_out(conds)}


# ---------------------------------------------------------------------------------------------
# reconcile


def _snapshot(inp: Mapping[str, Any]) -> hz.MetricsSnapshot:
    faults = inp.get("faults") or {}
    custom = inp.get("customMetrics") or {}
    pods_series = []
    for metric, values in sorted((custom.get("pods") or {}).items()):
        pods_series.append(
            (metric, tuple(sorted((v.get("name", ""), _pod_metric(v, rc.DEFAULT_METRIC_WINDOW)) for v in values or ())))
        )
    objects = []
    for metric, v in sorted((custom.get("object") or {}).items()):
        ref = v.get("describedObject") or {}
        ts = read_time(v.get("timestamp"), "timestamp")
        objects.append(
            (
                metric,
                hz.ObjectMetricValue(
                    t.CrossVersionObjectReference(ref.get("kind", ""), ref.get("name", ""), ref.get("apiVersion", "")),
                    quantity.milli_value(v["value"]),
                    ts if ts is not None else Time(0),
                ),
            )
        )
    external = [
        (metric, tuple(quantity.milli_value(q) for q in values or ()))
        for metric, values in sorted((inp.get("externalMetrics") or {}).items())
    ]
    return hz.MetricsSnapshot(
        pod_metrics=_pod_metrics_items(inp.get("podMetrics")),
        pods=tuple(pods_series),
        objects=tuple(objects),
        external=tuple(external),
        resource_metrics_error=bool(faults.get("resourceMetricsError")),
        custom_metrics_error=bool(faults.get("customMetricsError")),
        external_metrics_error=bool(faults.get("externalMetricsError")),
    )


def reconcile(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/controller/podautoscaler/horizontal.go: reconcileAutoscaler (op ``hpa.reconcile``, one
    pass)."""
    now = parse_time(inp["now"])
    cfg = inp.get("config") or {}
    gates = inp.get("featureGates") or {}
    config = hz.ControllerConfig(
        tolerance=float(cfg.get("tolerance", 0.1)),
        cpu_initialization_period=_seconds(cfg.get("cpuInitializationPeriodSeconds"), 300),
        delay_of_initial_readiness_status=_seconds(cfg.get("delayOfInitialReadinessStatusSeconds"), 30),
        downscale_stabilization_window=_seconds(cfg.get("downscaleStabilizationWindowSeconds"), 300),
        scale_up_limit_factor=float(cfg.get("scaleUpLimitFactor", 2.0)),
        scale_up_limit_minimum=float(cfg.get("scaleUpLimitMinimum", 4.0)),
        configurable_tolerance=bool(gates.get("HPAConfigurableTolerance", True)),
        pod_level_resources=bool(gates.get("PodLevelResources", True)),
    )
    hpa_json = dict(inp.get("hpa") or {})
    hpa_json.setdefault("metadata", {})
    hpa = t.hpa_from_json(hpa_json)
    faults = inp.get("faults") or {}
    sc = inp.get("scale") or {}
    scale = None
    if not faults.get("scaleGetError"):
        scale = hz.Scale(int(sc.get("specReplicas", 0)), int(sc.get("statusReplicas", 0)), sc.get("selector", "") or "")
    others = []
    for o in inp.get("otherHpas") or ():
        sel = o.get("selector")
        others.append(
            hz.OtherHpa(
                o.get("namespace", hpa.metadata.namespace),
                o.get("name", ""),
                from_json(LabelSelector, sel, "selector") if sel is not None else None,
            )
        )
    recs = inp.get("recommendations")
    memory = hz.HpaMemory(
        recommendations=None if recs is None else _recommendations(recs, now),
        scale_up_events=_events(inp.get("scaleUpEvents"), now),
        scale_down_events=_events(inp.get("scaleDownEvents"), now),
    )
    result = hz.reconcile(
        hpa,
        scale,
        _pods(inp.get("pods")),
        _snapshot(inp),
        memory,
        now,
        config,
        others,
        scale_update_fails=bool(faults.get("scaleUpdateError")),
    )
    out: dict[str, Any] = {
        "desiredReplicas": result.status.desired_replicas,
        "currentReplicas": result.status.current_replicas,
        "scaleUpdated": result.scale is not None,
        "conditions": _conditions(result.status),
        "recommendations": [r.replicas for r in result.memory.recommendations or ()],
    }
    cpu = hz.current_cpu_utilization(result.status)
    if cpu is not None:
        out["currentCpuUtilization"] = cpu
    if result.error is not None:
        out["reconcileError"] = result.error
    return out


# ---------------------------------------------------------------------------------------------
# API ops


def validate(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/apis/autoscaling/validation/validation.go: ValidateHorizontalPodAutoscaler /
    ValidateHorizontalPodAutoscalerUpdate (op ``hpa.validate``)."""
    fg = inp.get("featureGates") or {}
    gates = t.FeatureGates(
        hpa_configurable_tolerance=bool(fg.get("HPAConfigurableTolerance", True)),
        hpa_scale_to_zero=bool(fg.get("HPAScaleToZero", False)),
    )
    hpa = t.hpa_from_json(inp.get("hpa") or {})
    old = t.hpa_from_json(inp["oldHpa"]) if inp.get("oldHpa") is not None else None
    try:
        errs = t.validate_hpa(hpa, gates, old)
    except ModelError as exc:
        return {"valid": False, "errorCount": 1, "error": {"kind": "Invalid", "message": exc.message, "field": exc.field}}
    if not errs:
        return {"valid": True, "errorCount": 0}
    first = errs[0]
    return {
        "valid": False,
        "errorCount": len(errs),
        "error": {"kind": "Invalid", "message": str(first), "field": first.field},
        "errors": [str(e) for e in errs],
    }


def default(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors pkg/apis/autoscaling/v2/defaults.go: SetDefaults_HorizontalPodAutoscaler (op ``hpa.default``; a
    null behavior stays null)."""
    spec = t.spec_from_json(inp.get("spec") or {})
    out = t.spec_to_json(t.set_defaults_spec(spec))
    out.setdefault("behavior", None)
    return {"spec": out}


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "hpa.group_pods": group_pods,
    "hpa.calculate_requests": calculate_requests,
    "hpa.resource_replicas": resource_replicas,
    "hpa.pods_metric_replicas": pods_metric_replicas,
    "hpa.object_replicas": object_replicas,
    "hpa.external_replicas": external_replicas,
    "hpa.stabilize": stabilize,
    "hpa.convert_with_rules": convert_with_rules,
    "hpa.stabilize_with_behavior": stabilize_with_behavior,
    "hpa.behavior_rate_limit": behavior_rate_limit,
    "hpa.scale_up_limit": scale_up_limit,
    "hpa.scale_down_limit": scale_down_limit,
    "hpa.replicas_change_per_period": replicas_change_per_period,
    "hpa.store_scale_event": store_scale_event,
    "hpa.normalize": normalize,
    "hpa.normalize_with_behavior": normalize_with_behavior,
    "hpa.reconcile": reconcile,
    "hpa.validate": validate,
    "hpa.default": default,
}
