"""The catalogue of known-bad model variants: realistic bugs, each a small switch on
``config.variant`` in the system's wiring (``model/wiring/*``, ``model/system.py``), each expected
to break a named invariant (``invariants``) — so the checkers can show
that they catch it.

A variant never edits another component's decision function: it transforms what the function is
told (its inputs) or what is done with its answer (its outputs). Where it is applied is listed.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Variant", "VARIANTS", "variant_names"]


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    description: str
    breaks: str        # the invariant (or property) it should violate
    where: str         # where the switch lives
    status: str = "implemented"   # or "planned": not wired yet (no effect)


_ALL = (
    Variant("surge-rounds-up-unavailable",
            "maxUnavailable percentages are rounded up instead of down, so more pods may be unavailable",
            "rollingUpdateBounds (availability floor: available >= replicas - maxUnavailable)",
            "model/wiring/deployment.py: transform_input (maxUnavailable replaced by its rounded-up value)"),
    Variant("no-surge-bound",
            "the new ReplicaSet is scaled to the full replica count at once, ignoring maxSurge",
            "rollingUpdateBounds (surge ceiling: sum of RS spec.replicas <= replicas + maxSurge)",
            "model/wiring/deployment.py: transform_output (new-RS writes get spec.replicas = replicas)"),
    Variant("scale-down-ready-first",
            "the ReplicaSet controller deletes ready pods before unready ones when scaling down",
            "availability floor during a rollout (ready pods lost while unready ones are kept)",
            "model/wiring/replicaset.py: on_delete (victims re-chosen ready-first)"),
    Variant("edge-triggered",
            "controllers act only on watch events: no relist after a broken watch, no resync",
            "eventually-converges (a dropped event is never recovered)",
            "model/system.py: Model._relist_due / timed_events"),
    Variant("recreate-no-wait",
            "a Recreate rollout starts new pods before the old ones have terminated",
            "noOldAndNewPodsTogether",
            "model/wiring/deployment.py: sync (old RS status.replicas and pods hidden from the controller)"),
    Variant("ignore-expectations",
            "the ReplicaSet controller ignores its expectations, so a stale cache makes it create pods twice",
            "no-overcreation (non-terminating pods of an RS <= spec.replicas + in-flight)",
            "model/wiring/replicaset.py: sync (expectations record replaced by None)"),
    Variant("scheduler-ignores-capacity",
            "the scheduler binds pods to nodes without room for their resource requests",
            "node-capacity (sum of requests on a node <= allocatable)",
            "model/wiring/scheduler.py: _fits (resource and pod-count checks skipped)"),
    Variant("double-bind",
            "the scheduler schedules an already-bound pod again and the API server accepts a re-binding",
            "bound-once (a pod's spec.nodeName never changes once set)",
            "model/system.py: _next_to_schedule/_schedule and apiserver.bind(allow_rebind)"),
    Variant("lease-expiry-wrong-side",
            "a follower takes the leader lease while the holder still believes it leads",
            "single-leader (at most one controller-manager acts as leader)",
            "model/wiring/leader.py: step_down_deadline (leaseDuration + retryPeriod instead of renewDeadline)"),
    Variant("history-deletes-rollback-target",
            "revision history cleanup ignores revisionHistoryLimit and deletes every drained old ReplicaSet",
            "rollback-target-kept (the ReplicaSets of the last revisionHistoryLimit revisions exist)",
            "model/wiring/deployment.py: transform_input (revisionHistoryLimit told as 0)"),
    Variant("hpa-no-stabilization",
            "the HPA scales down at once, without its stabilization window, so replicas flap",
            "hpa-no-flapping (no scale-down within the window after a scale-up)",
            "model/wiring/hpa.py: _transform (stabilization window told as 0 s)"),
    Variant("hpa-ignores-bounds",
            "the HPA writes replica counts outside [minReplicas, maxReplicas]",
            "hpa-bounds (minReplicas <= spec.replicas <= maxReplicas for the target)",
            "model/wiring/hpa.py: _transform (minReplicas 1, maxReplicas 2^31-1 told to the controller)"),
    Variant("undo-copies-current-template",
            "`kubectl rollout undo` writes the Deployment's current template back instead of the target revision's",
            "rollback_restores_template (after an undo the template is the target revision's)",
            "model/useractions.py: Undo.run (the target template replaced by the current one)"),
    Variant("deployment-ignores-replicaset-events",
            "the Deployment controller drops ReplicaSet update events (and has no resync), so it never sees "
            "new pods become available and the rollout never completes",
            "eventual_rollout_completion (a rollout completes once users and faults stop)",
            "model/events.py: _handle (updateReplicaSet enqueues nothing)"),
    Variant("hash-includes-generation",
            "the pod-template hash also covers the Deployment's generation, so a scale (a new generation, the "
            "same template) makes the controller create a second ReplicaSet for the same template",
            "one_replicaset_per_template (a Deployment owns at most one ReplicaSet per template)",
            "model/wiring/deployment.py: sync (_generation_hashed: other-named twins hidden, creates renamed)"),
    Variant("proportional-scaling-drops-leftover",
            "a resize mid-rollout shares replicas + maxSurge out in proportion but gives the rounding leftover "
            "to no ReplicaSet, so the ReplicaSets no longer add up",
            "proportional_scaling_exact (the active ReplicaSets add up to replicas + maxSurge after a resize)",
            "model/wiring/deployment.py: sync (_drop_leftover: the leftover taken back from the RS that got it)"),
    Variant("hpa-ignores-tolerance",
            "the HPA scales on any deviation of the usage ratio from 1, ignoring its 10 % tolerance",
            "hpa_tolerance (no scaling while the usage ratio is within [0.9, 1.1])",
            "model/wiring/hpa.py: _transform (tolerance told as 0)"),
)

VARIANTS: dict[str, Variant] = {v.name: v for v in _ALL}


def variant_names(implemented_only: bool = False) -> tuple[str, ...]:
    return tuple(v.name for v in _ALL if not implemented_only or v.status == "implemented")
