"""Wiring of the endpoints controller (``pkg/controller/endpoint``): each Service's Endpoints
object lists the pods that get its traffic, computed by
``model.controllers.endpoints.endpoints``. Level-driven: an action exists exactly when a Service's
Endpoints object differs from what it should be (or a Service is gone and its Endpoints remain).

``Endpoints`` is modelled here (``model.objects`` has no such type): the ready and not-ready
addresses by pod name (v1 ``EndpointSubset.addresses`` / ``notReadyAddresses``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from model.apiserver import Create, Delete, Update, Write
from model.controllers import endpoints as ep
from model.objects import ObjectMeta, Pod, Service

__all__ = ["Endpoints", "endpoints_writes"]


@dataclass(frozen=True, slots=True)
class Endpoints:
    """``v1.Endpoints`` reduced to what the model tracks: pod names, sorted."""

    metadata: ObjectMeta = ObjectMeta()
    addresses: tuple[str, ...] = ()
    not_ready_addresses: tuple[str, ...] = ()
    kind: str = "Endpoints"
    api_version: str = "v1"


def desired(service: Service, pods: tuple[Pod, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    eps = ep.endpoints(service, pods)
    ready = tuple(e.pod for e in eps if e.ready)
    not_ready = tuple(e.pod for e in eps if not e.ready and not e.terminating)
    return ready, not_ready


def endpoints_writes(service: Service | None, current: Endpoints | None, pods: tuple[Pod, ...],
                     namespace: str, name: str) -> tuple[Write, ...]:
    if service is None:
        return (Delete("Endpoints", namespace, name),) if current is not None else ()
    ready, not_ready = desired(service, pods)
    if current is None:
        return (Create(Endpoints(ObjectMeta(name=name, namespace=namespace), ready, not_ready)),)
    if (current.addresses, current.not_ready_addresses) == (ready, not_ready):
        return ()
    return (Update(dataclasses.replace(current, addresses=ready, not_ready_addresses=not_ready)),)
