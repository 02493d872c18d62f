"""Resource quantities as the API server stores them (``k8s.io/apimachinery/pkg/api/resource``
``quantity.go``: ``UnmarshalJSON``/``ParseQuantity`` then ``MarshalJSON``/``String``).

Every object the API server persists has been decoded and re-encoded, so each ``resource.Quantity``
in it is stored in canonical form: ``cpu: 1000m`` is stored as ``1``, ``memory: 1024Mi`` as ``1Gi``.
Two writes that differ only in how a quantity is spelled therefore store the same object (no new
generation, no new pod-template hash). ``canonical_quantities`` applies that round trip to the
quantity fields the model keeps: container and pod-level requests/limits, pod overhead, node
capacity/allocatable and HPA metric targets/tolerances. A malformed quantity is left as written:
validation, not storage, reports it.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any

from model.errors import ModelError
from model.labels import Labels
from model.quantity import canonical

_TEMPLATE_KINDS = frozenset({"Deployment", "ReplicaSet", "ReplicationController"})


def _text(q: Any) -> Any:
    if q is None:
        return None
    try:
        return canonical(q)
    except ModelError:
        return q


def _qmap(items: Labels) -> Labels:
    if not items:
        return items
    out = _changed_qmap(items)
    return items if out is None else out


@lru_cache(maxsize=4096)
def _changed_qmap(items: Labels) -> Labels | None:
    # memoised: every pod a ReplicaSet creates carries the same (already canonical) requests
    out = tuple((k, _text(v)) for k, v in items)
    return None if out == items else out


def _resources(res: Any) -> Any:
    if res is None:
        return None
    requests, limits = _qmap(res.requests), _qmap(res.limits)
    if requests is res.requests and limits is res.limits:
        return res
    return dataclasses.replace(res, requests=requests, limits=limits)


def _containers(containers: tuple[Any, ...]) -> tuple[Any, ...]:
    if not containers:
        return containers
    out = []
    changed = False
    for c in containers:
        res = _resources(c.resources)
        if res is not c.resources:
            c = dataclasses.replace(c, resources=res)
            changed = True
        out.append(c)
    return tuple(out) if changed else containers


def pod_spec(spec: Any) -> Any:
    """A ``v1.PodSpec`` with its quantities (containers, init containers, overhead, pod-level
    resources) in stored form; the same value when nothing changes."""
    containers = _containers(spec.containers)
    init_containers = _containers(spec.init_containers)
    overhead = _qmap(spec.overhead)
    resources = _resources(spec.resources)
    if (containers is spec.containers and init_containers is spec.init_containers
            and overhead is spec.overhead and resources is spec.resources):
        return spec
    return dataclasses.replace(spec, containers=containers, init_containers=init_containers,
                               overhead=overhead, resources=resources)


def _target(target: Any) -> Any:
    value, average = _text(target.value), _text(target.average_value)
    if value == target.value and average == target.average_value:
        return target
    return dataclasses.replace(target, value=value, average_value=average)


def _metric(metric: Any) -> Any:
    for name in ("resource", "container_resource", "pods", "object", "external"):
        source = getattr(metric, name)
        if source is not None:
            target = _target(source.target)
            if target is not source.target:
                metric = dataclasses.replace(metric, **{name: dataclasses.replace(source, target=target)})
    return metric


def _rules(rules: Any) -> Any:
    if rules is None or rules.tolerance is None:
        return rules
    tolerance = _text(rules.tolerance)
    return rules if tolerance == rules.tolerance else dataclasses.replace(rules, tolerance=tolerance)


def _hpa_spec(spec: Any) -> Any:
    metrics = tuple(_metric(m) for m in spec.metrics)
    behavior = spec.behavior
    if behavior is not None:
        up, down = _rules(behavior.scale_up), _rules(behavior.scale_down)
        if up is not behavior.scale_up or down is not behavior.scale_down:
            behavior = dataclasses.replace(behavior, scale_up=up, scale_down=down)
    if metrics == spec.metrics and behavior is spec.behavior:
        return spec
    return dataclasses.replace(spec, metrics=metrics, behavior=behavior)


def canonical_quantities(obj: Any) -> Any:
    """Model-only (the effect of quantity.go's UnmarshalJSON + MarshalJSON on a stored object):
    ``obj`` with every quantity the model keeps in the form the API server stores; ``obj`` itself
    when it is already canonical."""
    kind = getattr(obj, "kind", "")
    if kind == "Pod":
        spec = pod_spec(obj.spec)
        return obj if spec is obj.spec else dataclasses.replace(obj, spec=spec)
    if kind in _TEMPLATE_KINDS:
        template = getattr(obj.spec, "template", None)
        if template is None:
            return obj
        spec = pod_spec(template.spec)
        if spec is template.spec:
            return obj
        return dataclasses.replace(obj, spec=dataclasses.replace(obj.spec,
                                                                 template=dataclasses.replace(template, spec=spec)))
    if kind == "Node":
        capacity, allocatable = _qmap(obj.status.capacity), _qmap(obj.status.allocatable)
        if capacity is obj.status.capacity and allocatable is obj.status.allocatable:
            return obj
        return dataclasses.replace(obj, status=dataclasses.replace(obj.status, capacity=capacity,
                                                                   allocatable=allocatable))
    if kind == "HorizontalPodAutoscaler":
        spec = _hpa_spec(obj.spec)
        return obj if spec is obj.spec else dataclasses.replace(obj, spec=spec)
    return obj
