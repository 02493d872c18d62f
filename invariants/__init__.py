"""Named properties of the cluster model, as data: what Kubernetes promises and where it does not.

Grouped by what they protect: ``rollout`` (Deployment rolling updates and rollbacks), ``replicaset``
(replica convergence, over-creation, scale-down order), ``scheduling`` (node capacity, binding),
``leader`` (leader election), ``autoscaling`` (HPA bounds, tolerance, stabilization) and
``convergence`` (liveness and reachability). Each module exposes ``PROPERTIES``.
"""

from __future__ import annotations

import importlib

from invariants.property import KINDS, Kind, Property

__all__ = ["KINDS", "Kind", "Property", "GROUPS", "all_properties", "get", "select"]

GROUPS = ("rollout", "replicaset", "scheduling", "leader", "autoscaling", "convergence")


def all_properties() -> tuple[Property, ...]:
    """Every property of the catalogue, in group order."""
    out: list[Property] = []
    for group in GROUPS:
        module = importlib.import_module(f"{__name__}.{group}")
        out.extend(module.PROPERTIES)
    return tuple(out)


def get(name: str) -> Property:
    """The property called ``name``; an unknown name is a clear error listing the known ones."""
    from model.errors import ModelError

    for p in all_properties():
        if p.name == name:
            return p
    known = ", ".join(p.name for p in all_properties())
    raise ModelError("Invalid", f"--property: unknown property {name!r}; known: {known}", field="--property")


def select(names: list[str] | None = None, kinds: tuple[str, ...] = KINDS) -> tuple[Property, ...]:
    """The named properties (all when ``names`` is empty), restricted to ``kinds``."""
    chosen = [get(n) for n in names] if names else list(all_properties())
    return tuple(p for p in chosen if p.kind in kinds)
