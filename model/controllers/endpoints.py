"""Which pods a Service sends traffic to.

Mirrors pkg/controller/endpointslice (staging/src/k8s.io/endpointslice/utils.go
``podToEndpoint``: ``ready = publishNotReadyAddresses || IsPodReady(pod)``, a terminating pod is
never ready but may be serving), pkg/api/v1/pod ``ShouldPodBeInEndpoints`` (no terminal pods, no
pods without an IP, terminating pods kept with ``terminating: true``) and kube-proxy's choice
(pkg/proxy/topology.go ``CategorizeEndpoints``): ready endpoints when any exist, otherwise the
serving-and-terminating ones.

The model has no pod IPs: a pod has one once it is bound and Running. A Service with an empty
selector gets no managed endpoints.

API for the transition system: ``service_selects(service, pod)``, ``endpoints(service, pods)`` →
tuple of ``Endpoint(pod, ready, serving, terminating)`` sorted by pod name, and
``routed_pods(service, pods)`` → names of the pods that receive traffic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from model.objects import Pod, Service


def is_pod_ready(pod: Pod) -> bool:
    """Mirrors pkg/api/v1/pod/util.go: IsPodReady: the Ready condition is True."""
    return any(c.type == "Ready" and c.status == "True" for c in pod.status.conditions)


def service_selects(service: Service, pod: Pod) -> bool:
    """Mirrors pkg/controller/endpointslice/endpointslice_controller.go: syncService (its pod selection). The
    Service's (non-empty, equality-only) selector matches the pod in its namespace."""
    if not service.spec.selector or pod.metadata.namespace != service.metadata.namespace:
        return False
    labels = dict(pod.metadata.labels)
    return all(labels.get(k) == v for k, v in service.spec.selector)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Mirrors staging/src/k8s.io/api/discovery/v1/types.go: Endpoint. One endpoint and its conditions
    (discovery/v1 EndpointConditions)."""

    pod: str
    ready: bool
    serving: bool
    terminating: bool


def endpoints(service: Service, pods: Iterable[Pod], publish_not_ready: bool = False) -> tuple[Endpoint, ...]:
    """Mirrors staging/src/k8s.io/endpointslice/utils.go: podToEndpoint, over the pods pkg/api/v1/pod
    ShouldPodBeInEndpoints keeps. The Service's endpoints, sorted by pod name."""
    out = []
    for p in pods:
        if not service_selects(service, p):
            continue
        if p.status.phase in ("Succeeded", "Failed") or not p.spec.node_name or p.status.phase != "Running":
            continue
        terminating = p.metadata.deletion_timestamp is not None
        serving = publish_not_ready or is_pod_ready(p)
        out.append(Endpoint(p.metadata.name, serving and not terminating, serving, terminating))
    return tuple(sorted(out, key=lambda e: e.pod))


def routed_pods(service: Service, pods: Iterable[Pod], publish_not_ready: bool = False) -> tuple[str, ...]:
    """Mirrors pkg/proxy/topology.go: CategorizeEndpoints. Pods that get traffic: the ready endpoints, or
    failing those the serving terminating ones."""
    eps = endpoints(service, pods, publish_not_ready)
    ready = tuple(e.pod for e in eps if e.ready)
    if ready:
        return ready
    return tuple(e.pod for e in eps if e.serving and e.terminating)
