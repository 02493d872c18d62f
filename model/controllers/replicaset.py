"""The ReplicaSet controller, one sync pass as a pure function.

Mirrors ``pkg/controller/replicaset/replica_set.go`` (``syncReplicaSet``, ``manageReplicas``,
``claimPods``, ``getPodsToDelete``, ``getPodsRankedByRelatedPodsOnSameNode``,
``getReplicaSetsWithSameController``, ``getIndirectlyRelatedPods``) and
``replica_set_utils.go`` (``calculateStatus``, the ReplicaFailure condition helpers,
``updateReplicaSetStatus``'s "skip when unchanged" test). semantics/replicaset.md §1, §2, §5.

``sync_replicaset`` takes what the controller reads (the cached RS, the namespace's pods from the
informer, the RS informer's contents for sibling lookup, the expectations record, the clock) plus
functions that say how each API call ends, and returns a ``SyncResult`` listing every call it made
(pod creates with the pods built from the template, deletes in ranked order, adoption/release
patches), the status to write (None when unchanged), the new expectations record and the error the
pass returns. The ReplicationController controller is the same pass over a converted object
(``model.controllers.replication``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from model.controllers.controller_ref_manager import (
    ClaimResult,
    PodPatch,
    claim_pods,
    recheck_deletion_timestamp,
)
from model.controllers.controller_utils import (
    BURST_REPLICAS,
    DEFAULT_GATES,
    SLOW_START_INITIAL_BATCH_SIZE,
    CallError,
    ControlleeExpectations,
    RankGates,
    creation_observed,
    deletion_observed,
    expect_creations,
    expect_deletions,
    expectations_satisfied,
    filter_active_pods,
    get_pod_from_template,
    is_pod_active,
    is_pod_available,
    is_pod_ready,
    new_controller_ref,
    pod_key,
    rank_pods_for_deletion,
    slow_start_batch,
)
from model.controllers.selector_match import label_selector_as_selector, selector_matcher, set_as_selector
from model.errors import ModelError
from model.objects import ObjectMeta, Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus, controller_ref
from model.timeutil import NANOS, Time

__all__ = [
    "BURST_REPLICAS",
    "REPLICA_FAILURE",
    "CreateCall",
    "DeleteCall",
    "SyncResult",
    "controller_gvk",
    "desired_replicas",
    "colocation_ranks",
    "get_pods_to_delete",
    "replicasets_with_same_controller",
    "indirectly_related_pods",
    "calculate_status",
    "status_needs_update",
    "pod_from_template",
    "sync_replicaset",
]

REPLICA_FAILURE = "ReplicaFailure"


def controller_gvk(rs: ReplicaSet) -> tuple[str, str]:
    """The (apiVersion, kind) the controller stamps into controllerRefs: the RS controller is
    ``apps/v1 ReplicaSet``; the same code serving RCs (replication.go) uses ``v1 ReplicationController``."""
    if rs.kind == "ReplicationController":
        return "v1", "ReplicationController"
    return "apps/v1", "ReplicaSet"


def desired_replicas(rs: ReplicaSet) -> int:
    """Mirrors replica_set.go's reads of ``*rs.Spec.Replicas``; an unset value is what API defaulting makes of
    it (1)."""
    return 1 if rs.spec.replicas is None else rs.spec.replicas


# ---------------------------------------------------------------------------------------------
# scale-down choice


def colocation_ranks(pods_to_rank: Sequence[Pod], related_pods: Sequence[Pod]) -> tuple[int, ...]:
    """Mirrors the rank step of replica_set.go getPodsRankedByRelatedPodsOnSameNode: per pod, how many
    *active* related pods share its ``spec.nodeName`` (unscheduled pods share the key "")."""
    on_node: dict[str, int] = {}
    for pod in related_pods:
        if is_pod_active(pod):
            on_node[pod.spec.node_name] = on_node.get(pod.spec.node_name, 0) + 1
    return tuple(on_node.get(p.spec.node_name, 0) for p in pods_to_rank)


def get_pods_to_delete(filtered_pods: Sequence[Pod], related_pods: Sequence[Pod], diff: int, now: int | None,
                       gates: RankGates = DEFAULT_GATES) -> tuple[Pod, ...]:
    """Mirrors replica_set.go getPodsToDelete: when only some pods go, rank them by co-location and
    sort by ActivePodsWithRanks (``now`` is the sort's ``Now``); when all go, keep list order."""
    pods = tuple(filtered_pods)
    if diff < len(pods):
        ranks = colocation_ranks(pods, related_pods)
        pods = tuple(p for p, _ in rank_pods_for_deletion(pods, ranks, now, gates))
    return pods[:max(diff, 0)]


# ---------------------------------------------------------------------------------------------
# related objects


def replicasets_with_same_controller(rs: ReplicaSet, all_replicasets: Sequence[ReplicaSet]) -> tuple[ReplicaSet, ...]:
    """Mirrors replica_set.go getReplicaSetsWithSameController: every RS (any namespace, any
    state) whose controllerRef UID equals this RS's; none when this RS has no controller."""
    ref = controller_ref(rs.metadata)
    if ref is None:
        return ()
    out = []
    for other in all_replicasets:
        other_ref = controller_ref(other.metadata)
        if other_ref is not None and other_ref.uid == ref.uid:
            out.append(other)
    return tuple(out)


def indirectly_related_pods(rs: ReplicaSet, all_replicasets: Sequence[ReplicaSet],
                            pods: Sequence[Pod]) -> tuple[Pod, ...]:
    """Mirrors replica_set.go getIndirectlyRelatedPods: pods selected by any sibling RS (in the
    sibling's namespace), de-duplicated by pod UID; a sibling whose selector does not convert
    contributes nothing. Pods without a UID are de-duplicated by namespace/name instead."""
    seen: set[tuple[str, str]] = set()
    out: list[Pod] = []
    for sibling in replicasets_with_same_controller(rs, all_replicasets):
        matches = selector_matcher(sibling.spec.selector)
        if matches is None:
            continue
        for pod in pods:
            # The pod lister of namespace "" (metav1.NamespaceAll) lists every namespace.
            in_namespace = not sibling.metadata.namespace or pod.metadata.namespace == sibling.metadata.namespace
            if not in_namespace or not matches(pod.metadata.labels):
                continue
            ident = ("uid", pod.metadata.uid) if pod.metadata.uid else (pod.metadata.namespace, pod.metadata.name)
            if ident in seen:
                continue
            seen.add(ident)
            out.append(pod)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# status


def calculate_status(rs: ReplicaSet, filtered_pods: Sequence[Pod], manage_replicas_err: str | None,
                     now: int) -> ReplicaSetStatus:
    """Mirrors replica_set_utils.go calculateStatus.

    Counts the owned active pods, those carrying every template label, the ready ones and the
    available ones (minReadySeconds against ``now``); adds a ReplicaFailure condition (reason
    FailedCreate / FailedDelete by the sign of the replica difference, message the error text,
    transition time ``now``) when the pass failed and there is none, removes it when the pass
    succeeded, and otherwise leaves conditions alone. ``observedGeneration`` is untouched here;
    it is set when the status is written.
    """
    template_labels = rs.spec.template.metadata.labels if rs.spec.template is not None else ()
    fully = set_as_selector(template_labels)
    fully_labeled = ready = available = 0
    for pod in filtered_pods:
        if fully.matches(pod.metadata.labels):
            fully_labeled += 1
        if is_pod_ready(pod):
            ready += 1
            if is_pod_available(pod, rs.spec.min_ready_seconds, now):
                available += 1

    conditions = rs.status.conditions
    has_failure = any(c.type == REPLICA_FAILURE for c in conditions)
    if manage_replicas_err is not None and not has_failure:
        diff = len(filtered_pods) - desired_replicas(rs)
        reason = "FailedCreate" if diff < 0 else "FailedDelete" if diff > 0 else ""
        cond = ReplicaSetCondition(type=REPLICA_FAILURE, status="True", reason=reason,
                                   message=manage_replicas_err, last_transition_time=Time(now))
        conditions = tuple(c for c in conditions if c.type != REPLICA_FAILURE) + (cond,)
    elif manage_replicas_err is None and has_failure:
        conditions = tuple(c for c in conditions if c.type != REPLICA_FAILURE)

    return replace(rs.status, replicas=len(filtered_pods), fully_labeled_replicas=fully_labeled,
                   ready_replicas=ready, available_replicas=available, conditions=conditions)


def status_needs_update(rs: ReplicaSet, new_status: ReplicaSetStatus) -> bool:
    """Mirrors the early return of replica_set_utils.go updateReplicaSetStatus: write only when a
    counter or the conditions changed, or the generation has not been observed yet."""
    old = rs.status
    return not (old.replicas == new_status.replicas
                and old.fully_labeled_replicas == new_status.fully_labeled_replicas
                and old.ready_replicas == new_status.ready_replicas
                and old.available_replicas == new_status.available_replicas
                and rs.metadata.generation == old.observed_generation
                and old.conditions == new_status.conditions)


# ---------------------------------------------------------------------------------------------
# the sync pass


def pod_from_template(rs: ReplicaSet) -> Pod:
    """The pod a create call sends for this RS (controller_utils.go GetPodFromTemplate with the
    controllerRef of metav1.NewControllerRef): template labels, annotations, finalizers and spec,
    ``generateName = "<rs>-"``, owner ``{apiVersion, kind, name, uid, controller, blockOwnerDeletion}``."""
    api_version, kind = controller_gvk(rs)
    return get_pod_from_template(rs.spec.template, rs.metadata, new_controller_ref(rs.metadata, api_version, kind))


@dataclass(frozen=True, slots=True)
class CreateCall:
    """One pod create the pass issued (1-based ``index`` in issue order) and how it ended."""

    index: int
    pod: Pod
    error: CallError | None


@dataclass(frozen=True, slots=True)
class DeleteCall:
    """Model-only: one pod delete the pass issued and how it ended."""

    namespace: str
    pod_name: str
    error: CallError | None


@dataclass(frozen=True, slots=True)
class SyncResult:
    """Everything one ``syncReplicaSet`` pass did.

    ``creates``/``deletes``/``patches`` are the API calls in issue order with their outcomes;
    ``claimed`` the pods the RS owns after adoption/release; ``status`` the status the pass
    computed and ``status_write`` whether it is written (the API write is skipped when unchanged);
    ``expectations`` the record after the pass (None: no record); ``error`` what the pass returns
    (the work queue then retries with rate limiting); ``requeue_after`` the extra delayed requeue (ns)
    that waits for minReadySeconds; ``managed`` whether manageReplicas ran; ``selector_error`` set
    when the selector did not convert (the pass then did nothing and is not retried).
    """

    creates: tuple[CreateCall, ...] = ()
    deletes: tuple[DeleteCall, ...] = ()
    patches: tuple[tuple[PodPatch, CallError | None], ...] = ()
    claimed: tuple[Pod, ...] = ()
    status: ReplicaSetStatus | None = None
    status_write: bool = False
    expectations: ControlleeExpectations | None = None
    error: str | None = None
    requeue_after: int | None = None
    managed: bool = False
    selector_error: str | None = None

    @property
    def pods_to_create(self) -> tuple[Pod, ...]:
        """Model-only: the pods whose create succeeded (what the API server now holds, names still to
        generate)."""
        return tuple(c.pod for c in self.creates if c.error is None)

    @property
    def pods_deleted(self) -> tuple[str, ...]:
        """Model-only: names of the pods whose delete succeeded."""
        return tuple(d.pod_name for d in self.deletes if d.error is None)


def _ok_create(_index: int, _pod: Pod) -> CallError | None:
    return None


def _ok_delete(_namespace: str, _name: str) -> CallError | None:
    return None


def _ok_patch(_patch: PodPatch) -> CallError | None:
    return None


def sync_replicaset(
    rs: ReplicaSet,
    pods: Sequence[Pod],
    replicasets: Sequence[ReplicaSet] | None = None,
    expectations: ControlleeExpectations | None = None,
    now: int = 0,
    *,
    live_rs: ReplicaSet | CallError | None = None,
    create_outcome: Callable[[int, Pod], CallError | None] = _ok_create,
    delete_outcome: Callable[[str, str], CallError | None] = _ok_delete,
    patch_outcome: Callable[[PodPatch], CallError | None] = _ok_patch,
    burst_replicas: int = BURST_REPLICAS,
    gates: RankGates = DEFAULT_GATES,
    rank_now: int | None | Literal["now"] = "now",
    refuse_unlabeled: bool = True,
) -> SyncResult:
    """Mirrors replica_set.go syncReplicaSet (one pass, the RS found in the cache).

    * ``pods``: every pod of the RS's namespace in the informer cache (any owner, any phase);
    * ``replicasets``: the RS informer's contents, for sibling lookup (default: just ``rs``);
    * ``expectations``: this RS's record (None: none); ``now``: the clock (ns);
    * ``live_rs``: what a quorum GET returns before the first adoption (default ``rs``; a
      ``CallError`` when the GET fails);
    * ``create_outcome(k, pod)``, ``delete_outcome(namespace, name)``, ``patch_outcome(patch)``:
      how each API call ends (default: success);
    * ``rank_now``: the ``Now`` of the deletion sort: ``"now"`` (default) is ``now``, None is an
      unset ``Now`` (plain time comparisons), an int an explicit time;
    * ``refuse_unlabeled``: RealPodControl's refusal to create a pod without labels (the call fails
      before reaching the API server); Kubernetes' FakePodControl has no such check.

    Step order as in Kubernetes: expectations are read before pods are listed; an invalid selector
    ends the pass quietly; claim errors end it with an error before any create/delete; an RS being
    deleted never creates or deletes; status is always computed.
    """
    all_rss = tuple(replicasets) if replicasets is not None else (rs,)
    needs_sync = expectations_satisfied(expectations, now)
    try:
        selector = label_selector_as_selector(rs.spec.selector)
    except ModelError as exc:
        return SyncResult(expectations=expectations, selector_error=exc.message)

    active = filter_active_pods(pods)
    api_version, kind = controller_gvk(rs)
    live = rs if live_rs is None else live_rs

    def can_adopt() -> CallError | None:
        return recheck_deletion_timestamp(live.metadata if isinstance(live, ReplicaSet) else live, rs.metadata.uid)

    patch_log: list[tuple[PodPatch, CallError | None]] = []

    def record_patch(patch: PodPatch) -> CallError | None:
        err = patch_outcome(patch)
        patch_log.append((patch, err))
        return err

    claim: ClaimResult = claim_pods(rs.metadata, api_version, kind, selector.matches, active, can_adopt, record_patch)
    if claim.errors:
        return SyncResult(patches=tuple(patch_log), expectations=expectations, error="; ".join(claim.errors))
    owned = claim.claimed

    creates: tuple[CreateCall, ...] = ()
    deletes: tuple[DeleteCall, ...] = ()
    manage_err: str | None = None
    managed = False
    if needs_sync and rs.metadata.deletion_timestamp is None:
        managed = True
        sort_now = now if rank_now == "now" else rank_now
        creates, deletes, expectations, manage_err = _manage_replicas(
            rs, owned, all_rss, pods, expectations, now, create_outcome, delete_outcome, burst_replicas, gates,
            sort_now, refuse_unlabeled)

    status = calculate_status(rs, owned, manage_err, now)
    write = status_needs_update(rs, status)
    if write:
        status = replace(status, observed_generation=rs.metadata.generation)
    requeue_after = None
    if (manage_err is None and rs.spec.min_ready_seconds > 0 and status.ready_replicas == desired_replicas(rs)
            and status.available_replicas != desired_replicas(rs)):
        requeue_after = rs.spec.min_ready_seconds * NANOS
    return SyncResult(creates=creates, deletes=deletes, patches=tuple(patch_log), claimed=owned, status=status,
                      status_write=write, expectations=expectations, error=manage_err,
                      requeue_after=requeue_after, managed=managed)


def _manage_replicas(
    rs: ReplicaSet,
    owned: tuple[Pod, ...],
    all_rss: tuple[ReplicaSet, ...],
    namespace_pods: Sequence[Pod],
    expectations: ControlleeExpectations | None,
    now: int,
    create_outcome: Callable[[int, Pod], CallError | None],
    delete_outcome: Callable[[str, str], CallError | None],
    burst: int,
    gates: RankGates,
    sort_now: int | None,
    refuse_unlabeled: bool,
) -> tuple[tuple[CreateCall, ...], tuple[DeleteCall, ...], ControlleeExpectations | None, str | None]:
    """Mirrors replica_set.go manageReplicas: create or delete at most ``burst`` pods."""
    diff = len(owned) - desired_replicas(rs)
    if diff < 0:
        count = min(-diff, burst)
        exp: ControlleeExpectations | None = expect_creations(count, now)
        template_pod = pod_from_template(rs)
        calls: list[CreateCall] = []

        def create(k: int) -> CallError | None:
            if refuse_unlabeled and not template_pod.metadata.labels:
                err: CallError | None = CallError("unable to create pods, no labels")
            else:
                err = create_outcome(k, template_pod)
            calls.append(CreateCall(k, template_pod, err))
            # A create refused because the namespace is terminating counts as done.
            if err is not None and err.reason == "NamespaceTerminating":
                return None
            return err

        result = slow_start_batch(count, SLOW_START_INITIAL_BATCH_SIZE, create)
        for _ in range(count - result.successes):
            exp = creation_observed(exp)
        return tuple(calls), (), exp, None if result.error is None else result.error.message

    if diff > 0:
        count = min(diff, burst)
        siblings_pods = indirectly_related_pods(rs, all_rss, namespace_pods)
        victims = get_pods_to_delete(owned, siblings_pods, count, sort_now, gates)
        exp = expect_deletions([pod_key(p) for p in victims], now)
        deletes: list[DeleteCall] = []
        first_error: str | None = None
        for pod in victims:
            err = delete_outcome(pod.metadata.namespace, pod.metadata.name)
            deletes.append(DeleteCall(pod.metadata.namespace, pod.metadata.name, err))
            if err is not None:
                exp = deletion_observed(exp, pod_key(pod))
                if err.reason != "NotFound" and first_error is None:
                    first_error = err.message
        return (), tuple(deletes), exp, first_error

    return (), (), expectations, None


def owner_of(meta: ObjectMeta) -> str | None:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go: GetControllerOf, reduced to
    the UID: the object's controller, if any (a convenience for callers wiring informers)."""
    ref = controller_ref(meta)
    return None if ref is None else ref.uid
