"""Adoption and release of pods by their controller.

Mirrors ``pkg/controller/controller_ref_manager.go``: ``PodControllerRefManager.ClaimPods`` with
``ClaimObject`` (the current version, which refuses orphans from another namespace), ``AdoptPod``,
``ReleasePod`` and ``RecheckDeletionTimestamp``. The API side effects are values: each adoption or
release is a ``PodPatch`` whose outcome comes from a caller-supplied function, so a sync pass can
be replayed against a fake (tests, conformance) or a model API server (the transition system).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from model.controllers.controller_utils import CallError
from model.labels import Labels
from model.objects import ObjectMeta, OwnerReference, Pod, controller_ref

__all__ = ["PodPatch", "ClaimResult", "claim_pods", "recheck_deletion_timestamp"]


@dataclass(frozen=True, slots=True)
class PodPatch:
    """One strategic-merge patch of a pod's ownerReferences (guarded by the pod's UID).

    ``action`` is ``"adopt"`` (add ``owner_ref``, the controllerRef) or ``"release"`` (delete the
    owner reference with ``owner_ref.uid``); ``finalizers`` are the manager's finalizers, added on
    adoption and removed on release.
    """

    action: str
    namespace: str
    pod_name: str
    pod_uid: str
    owner_ref: OwnerReference
    finalizers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """Model-only: the outcome of ClaimPods: claimed pods (input order), patches attempted (in order), which
    pods were adopted or released, and the aggregated errors (empty: ClaimPods returned nil)."""

    claimed: tuple[Pod, ...]
    patches: tuple[PodPatch, ...]
    adopted: tuple[str, ...]
    released: tuple[str, ...]
    errors: tuple[str, ...]


def recheck_deletion_timestamp(live: ObjectMeta | CallError, expected_uid: str | None = None) -> CallError | None:
    """Mirrors RecheckDeletionTimestamp, with the ReplicaSet controller's UID check
    (replica_set.go claimPods): adoption is allowed only if the fresh GET succeeded, returned the
    same object (UID) and shows no deletionTimestamp."""
    if isinstance(live, CallError):
        return CallError(f"can't recheck DeletionTimestamp: {live.message}", live.reason)
    if expected_uid is not None and live.uid != expected_uid:
        return CallError(f"can't recheck DeletionTimestamp: original {live.namespace}/{live.name} is gone: "
                         f"got uid {live.uid}, wanted {expected_uid}")
    if live.deletion_timestamp is not None:
        return CallError(f"{live.namespace}/{live.name} has just been deleted")
    return None


def claim_pods(
    controller: ObjectMeta,
    controller_api_version: str,
    controller_kind: str,
    matches: Callable[[Labels], bool],
    pods: Sequence[Pod],
    can_adopt: Callable[[], CallError | None],
    patch_outcome: Callable[[PodPatch], CallError | None],
    finalizers: Sequence[str] = (),
) -> ClaimResult:
    """Mirrors pkg/controller/controller_ref_manager.go: PodControllerRefManager.ClaimPods.

    For each pod: owned by someone else → ignored; owned by us and matching → claimed (even while
    either is being deleted); owned by us, not matching → released unless we are being deleted
    (NotFound/Invalid patch errors ignored); an orphan that matches, is not being deleted, is in our
    namespace (or we are cluster-scoped) while we are not being deleted → adopted, after one
    ``can_adopt`` check per pass (a failed check fails every adoption without a patch). Errors are
    collected, never stop the loop.
    """
    claimed: list[Pod] = []
    patches: list[PodPatch] = []
    adopted: list[str] = []
    released: list[str] = []
    errors: list[str] = []
    adopt_checked = False
    adopt_error: CallError | None = None
    being_deleted = controller.deletion_timestamp is not None
    our_ref = OwnerReference(api_version=controller_api_version, kind=controller_kind, name=controller.name,
                             uid=controller.uid, controller=True, block_owner_deletion=True)

    for pod in pods:
        ref = controller_ref(pod.metadata)
        if ref is not None:
            if ref.uid != controller.uid:
                continue
            if matches(pod.metadata.labels):
                claimed.append(pod)
                continue
            if being_deleted:
                continue
            patch = PodPatch("release", pod.metadata.namespace, pod.metadata.name, pod.metadata.uid, our_ref,
                             tuple(finalizers))
            patches.append(patch)
            err = patch_outcome(patch)
            if err is not None and err.reason not in ("NotFound", "Invalid"):
                errors.append(err.message)
                continue
            released.append(pod.metadata.name)
            continue

        # An orphan.
        if being_deleted or not matches(pod.metadata.labels):
            continue
        if pod.metadata.deletion_timestamp is not None:
            continue
        if controller.namespace and controller.namespace != pod.metadata.namespace:
            continue
        if not adopt_checked:
            adopt_checked = True
            adopt_error = can_adopt()
        if adopt_error is not None:
            errors.append(f"can't adopt Pod {pod.metadata.namespace}/{pod.metadata.name} ({pod.metadata.uid}): "
                          f"{adopt_error.message}")
            continue
        patch = PodPatch("adopt", pod.metadata.namespace, pod.metadata.name, pod.metadata.uid, our_ref,
                         tuple(finalizers))
        patches.append(patch)
        err = patch_outcome(patch)
        if err is not None:
            if err.reason != "NotFound":
                errors.append(err.message)
            continue
        adopted.append(pod.metadata.name)
        claimed.append(pod)

    return ClaimResult(tuple(claimed), tuple(patches), tuple(adopted), tuple(released), tuple(errors))
