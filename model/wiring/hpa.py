"""Wiring of the horizontal pod autoscaler (``pkg/controller/podautoscaler/horizontal.go``).

Every ``sync_period`` (15 s) after an HPA was first seen, ``Reconcile("horizontal-pod-autoscaler",
ns/name)`` runs one ``reconcileAutoscaler`` —
``model.controllers.podautoscaler.horizontal.reconcile`` — with:

* the HPA from the kube-controller-manager cache, the namespace's pods from the same cache;
* the target's ``/scale`` read live from the API server (as the controller's scale client does);
* metrics as an environment input: the load ``SetCPULoad`` put on the target, split evenly among
  its Running and Ready pods (other Running pods report 0; pods not Running report nothing); for
  ``Timings.metrics_delay`` seconds after a load change the previous load is still reported (the
  scrape lag; default 0);
* the controller's in-memory history (``HpaMemory``), kept in ``State.hpas``.

It writes the target's ``spec.replicas`` (the scale subresource: same effect) and the HPA status.

Variants: ``hpa-no-stabilization`` (the controller is told the down-scale stabilization window is
0 s), ``hpa-ignores-bounds`` (the controller is told min 1 / max 2^31-1 replicas),
``hpa-ignores-tolerance`` (the controller is told a tolerance of 0).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from typing import Any

from model.apiserver import Update, UpdateStatus, Write
from model.objects import Pod
from model.timeutil import Time

__all__ = ["available", "HPA_KIND", "reconcile", "split_load"]

HPA_KIND = "HorizontalPodAutoscaler"


@functools.cache
def _h() -> Any:
    try:
        return importlib.import_module("model.controllers.podautoscaler.horizontal")
    except ImportError:
        return None


def available() -> bool:
    return _h() is not None


def _running_ready(p: Pod) -> bool:
    return (p.status.phase == "Running" and p.metadata.deletion_timestamp is None
            and any(c.type == "Ready" and c.status == "True" for c in p.status.conditions))


def split_load(pods: tuple[Pod, ...], millicores: int) -> dict[str, int]:
    """Per-pod CPU usage: ``millicores`` split evenly among the Running and Ready pods (the
    remainder to the first ones by name); other Running pods use 0."""
    ready = sorted(p.metadata.name for p in pods if _running_ready(p))
    out = {p.metadata.name: 0 for p in pods if p.status.phase == "Running"}
    if ready:
        share, extra = divmod(millicores, len(ready))
        for i, name in enumerate(ready):
            out[name] = share + (1 if i < extra else 0)
    return out


def _transform(hpa: Any, config: Any, variant: str | None) -> tuple[Any, Any]:
    if variant == "hpa-no-stabilization":
        config = dataclasses.replace(config, downscale_stabilization_window=0)
        b = hpa.spec.behavior
        if b is not None and b.scale_down is not None:
            b = dataclasses.replace(b, scale_down=dataclasses.replace(b.scale_down, stabilization_window_seconds=0))
            hpa = dataclasses.replace(hpa, spec=dataclasses.replace(hpa.spec, behavior=b))
    if variant == "hpa-ignores-tolerance":
        config = dataclasses.replace(config, tolerance=0.0)
    if variant == "hpa-ignores-bounds":
        hpa = dataclasses.replace(hpa, spec=dataclasses.replace(hpa.spec, min_replicas=1, max_replicas=2**31 - 1))
    return hpa, config


def reconcile(hpa: Any, target: Any | None, pods: tuple[Pod, ...], load: int, memory: Any, now: Time,
              variant: str | None = None) -> tuple[tuple[Write, ...], Any, str | None]:
    """One pass for one HPA: (writes, memory afterwards, error)."""
    h = _h()
    if h is None or hpa is None:
        return (), memory, None
    config = h.ControllerConfig()
    hpa_in, config = _transform(hpa, config, variant)
    scale = None
    target_pods: tuple[Pod, ...] = ()
    if target is not None:
        # scen-hardening: a ReplicationController's selector is a plain label map (its Scale
        # subresource reports it as a set-based selector string all the same).
        selector = target.spec.selector
        if isinstance(selector, tuple):
            from model.labels import LabelSelector

            selector = LabelSelector(match_labels=selector)
        scale = h.Scale(target.spec.replicas if target.spec.replicas is not None else 1, target.status.replicas,
                        h.selector_string(selector))
        from model.wiring.common import selector_matches

        target_pods = tuple(p for p in pods if selector_matches(selector, p.metadata.labels))
    metrics = h.metrics_from_usage(split_load(target_pods, load), now,
                                   containers={p.metadata.name: tuple(c.name for c in p.spec.containers)
                                               for p in target_pods})
    res = h.reconcile(hpa_in, scale, tuple(h.hpa_pod_from_pod(p) for p in pods), metrics,
                      memory if memory is not None else h.HpaMemory(), now, config)
    writes: list[Write] = []
    if res.scale is not None and target is not None:
        writes.append(Update(dataclasses.replace(target, spec=dataclasses.replace(target.spec, replicas=res.scale))))
    if res.status != hpa.status:
        writes.append(UpdateStatus(dataclasses.replace(hpa, status=res.status)))
    return tuple(writes), res.memory, res.error
