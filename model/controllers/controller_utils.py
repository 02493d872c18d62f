"""Shared pod helpers of the workload controllers.

Mirrors ``pkg/controller/controller_utils.go`` (active pods, the ``ActivePods`` and
``ActivePodsWithRanks`` scale-down orders, ``ControllerExpectations`` /
``UIDTrackingControllerExpectations``, ``GetPodFromTemplate``) and the pod helpers it uses from
``pkg/api/v1/pod/util.go`` (``IsPodReady``, ``IsPodAvailable``) and ``pkg/apis/core/helper``
(``GetDeletionCostFromPodAnnotations``). Everything is a pure function of frozen values; the
clock is always an argument (``int`` nanoseconds, see ``model.timeutil``).

The scale-down order, in the words of semantics/replicaset.md §3, "a before b" meaning "delete a
first":

1. unassigned before assigned;  2. phase Pending < Unknown < Running;  3. not ready before ready;
4. lower ``controller.kubernetes.io/pod-deletion-cost`` first (gate PodDeletionCost);
5. higher co-location rank first;  6. both ready: more recently ready first (logarithmic buckets
   with a UID tie-break under LogarithmicScaleDown);  7. more restarts first (max over containers,
   then over sidecars);  8. newer first (same two modes as 6).

The classic six-rule description (unassigned, phase, not-ready, most recently ready, most
restarts, newest) is the special case without ranks, without deletion cost and with
LogarithmicScaleDown off: ``classic_less`` states it and the tests show that
``active_pods_with_ranks_less`` reduces to it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from model.controllers.gosort import go_sort
from model.objects import ObjectMeta, OwnerReference, Pod, PodCondition, PodTemplateSpec, get_annotation
from model.timeutil import NANOS, is_zero

__all__ = [
    "BURST_REPLICAS",
    "EXPECTATIONS_TIMEOUT",
    "SLOW_START_INITIAL_BATCH_SIZE",
    "POD_DELETION_COST_ANNOTATION",
    "RankGates",
    "DEFAULT_GATES",
    "CallError",
    "ControlleeExpectations",
    "SlowStartResult",
    "is_pod_active",
    "filter_active_pods",
    "is_pod_terminating",
    "get_pod_ready_condition",
    "is_pod_ready",
    "is_pod_available",
    "pod_ready_time",
    "max_container_restarts",
    "deletion_cost",
    "after_or_zero",
    "logarithmic_rank_diff",
    "active_pods_less",
    "active_pods_with_ranks_less",
    "classic_less",
    "go_sort",
    "sort_active_pods",
    "rank_pods_for_deletion",
    "expectations_satisfied",
    "expect_creations",
    "expect_deletions",
    "creation_observed",
    "deletion_observed",
    "slow_start_batch",
    "pod_key",
    "get_pod_from_template",
    "new_controller_ref",
]

BURST_REPLICAS = 500
"""At most this many creates or deletes per ReplicaSet sync (replica_set.go BurstReplicas)."""

SLOW_START_INITIAL_BATCH_SIZE = 1
"""The first batch of a slow start (controller_utils.go SlowStartInitialBatchSize)."""

EXPECTATIONS_TIMEOUT = 5 * 60 * NANOS
"""Outstanding expectations older than this are ignored (controller_utils.go ExpectationsTimeout)."""

POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost"

_PHASE_ORDINAL = {"Pending": 0, "Unknown": 1, "Running": 2}


@dataclass(frozen=True, slots=True)
class RankGates:
    """The feature gates the ranked order reads; both are on by default since v1.22."""

    pod_deletion_cost: bool = True
    logarithmic_scale_down: bool = True


DEFAULT_GATES = RankGates()
"""The gates as a current release ships them."""


@dataclass(frozen=True, slots=True)
class CallError:
    """The failure of one API call. ``reason`` is the apimachinery StatusReason that callers test
    (``NotFound``, ``Invalid``; ``NamespaceTerminating`` for a create refused because the namespace
    is being deleted; ``""`` for anything else)."""

    message: str
    reason: str = ""


# ---------------------------------------------------------------------------------------------
# pod predicates


def is_pod_active(pod: Pod) -> bool:
    """Mirrors controller_utils.go IsPodActive: not Succeeded, not Failed, no deletionTimestamp."""
    return pod.status.phase not in ("Succeeded", "Failed") and pod.metadata.deletion_timestamp is None


def filter_active_pods(pods: Sequence[Pod]) -> tuple[Pod, ...]:
    """Mirrors controller_utils.go FilterActivePods (input order kept)."""
    return tuple(p for p in pods if is_pod_active(p))


def is_pod_terminating(pod: Pod) -> bool:
    """Mirrors controller_utils.go IsPodTerminating: has a deletionTimestamp and is not terminal."""
    return pod.status.phase not in ("Succeeded", "Failed") and pod.metadata.deletion_timestamp is not None


def get_pod_ready_condition(pod: Pod) -> PodCondition | None:
    """Mirrors pkg/api/v1/pod GetPodReadyCondition: the first condition of type Ready."""
    for cond in pod.status.conditions:
        if cond.type == "Ready":
            return cond
    return None


def is_pod_ready(pod: Pod) -> bool:
    """Mirrors pkg/api/v1/pod IsPodReady: the Ready condition exists and is True."""
    cond = get_pod_ready_condition(pod)
    return cond is not None and cond.status == "True"


def is_pod_available(pod: Pod, min_ready_seconds: int, now: int) -> bool:
    """Mirrors pkg/api/v1/pod IsPodAvailable (current form).

    Ready, and either ``min_ready_seconds == 0`` or the Ready transition time is set and
    ``transition + min_ready_seconds`` is not after ``now``. Current Kubernetes compares with
    ``<=`` (a pod ready for exactly minReadySeconds is available; kubernetes/kubernetes PR #132122,
    1.34); releases before that used a strict ``Before``.
    """
    if not is_pod_ready(pod):
        return False
    if min_ready_seconds == 0:
        return True
    cond = get_pod_ready_condition(pod)
    assert cond is not None
    ltt = cond.last_transition_time
    return not is_zero(ltt) and ltt is not None and ltt + min_ready_seconds * NANOS <= now


def pod_ready_time(pod: Pod) -> int | None:
    """Mirrors controller_utils.go podReadyTime: the first Ready=True condition's transition time
    (None, i.e. zero, when unset or when the pod is not ready)."""
    if is_pod_ready(pod):
        for cond in pod.status.conditions:
            if cond.type == "Ready" and cond.status == "True":
                return cond.last_transition_time
    return None


def max_container_restarts(pod: Pod) -> tuple[int, int]:
    """Mirrors controller_utils.go maxContainerRestarts: (max restarts over regular containers,
    max over sidecars, i.e. init containers with ``restartPolicy: Always``)."""
    regular = max((c.restart_count for c in pod.status.container_statuses), default=0)
    regular = max(regular, 0)
    sidecar_names = {c.name for c in pod.spec.init_containers if c.restart_policy == "Always"}
    sidecar = max((c.restart_count for c in pod.status.init_container_statuses if c.name in sidecar_names),
                  default=0)
    return regular, max(sidecar, 0)


def _compare_max_container_restarts(a: Pod, b: Pod) -> bool | None:
    """Mirrors controller_utils.go compareMaxContainerRestarts: True when ``a`` restarted more,
    False when ``b`` did, None when equal (regular first, then sidecars)."""
    reg_a, side_a = max_container_restarts(a)
    reg_b, side_b = max_container_restarts(b)
    if reg_a != reg_b:
        return reg_a > reg_b
    if side_a != side_b:
        return side_a > side_b
    return None


def _parse_int32(text: str) -> int | None:
    """strconv.ParseInt(text, 10, 32): optional sign then decimal digits, in int32 range."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not body.isascii() or not body.isdigit():
        return None
    value = int(text)
    if not -(2**31) <= value < 2**31:
        return None
    return value


def deletion_cost(pod: Pod) -> int:
    """Mirrors pkg/apis/core/helper GetDeletionCostFromPodAnnotations: the int32 value of the
    pod-deletion-cost annotation; 0 when missing or invalid ("+1", "007", "", out of range)."""
    value = get_annotation(pod.metadata, POD_DELETION_COST_ANNOTATION)
    if value is None:
        return 0
    # Only "-...", "0" itself, or a non-zero leading digit may start a valid value.
    if not value or not (value[0] == "-" or value == "0" or "1" <= value[0] <= "9"):
        return 0
    parsed = _parse_int32(value)
    return 0 if parsed is None else parsed


# ---------------------------------------------------------------------------------------------
# orders


def after_or_zero(t1: int | None, t2: int | None) -> bool:
    """Mirrors controller_utils.go afterOrZero: t1 after t2, where a zero time counts as the latest."""
    if is_zero(t1) or is_zero(t2):
        return is_zero(t1)
    assert t1 is not None and t2 is not None
    return t1 > t2


def _go_log2(x: float) -> float:
    """Go's math.Log2: exact for powers of two, else Log(frac)/Ln2 + exp with frac in [0.5, 1)."""
    frac, exp = math.frexp(x)
    if frac == 0.5:
        return float(exp - 1)
    return math.log(frac) * (1 / math.log(2)) + exp


def _log_bucket(t: int, now: int) -> int:
    d = now - t
    # time.Time.Sub saturates at the int64 range.
    d = max(min(d, 2**63 - 1), -(2**63))
    return int(_go_log2(float(d))) if d > 0 else -1


def logarithmic_rank_diff(t1: int, t2: int, now: int) -> int:
    """Mirrors controller_utils.go logarithmicRankDiff: floor(log2(now - t)) of each time measured
    in nanoseconds (-1 when not positive), first minus second."""
    return _log_bucket(t1, now) - _log_bucket(t2, now)


def _assigned_phase_ready_less(a: Pod, b: Pod) -> bool | None:
    """Rules 1-3 that ActivePods.Less and ActivePodsWithRanks.Less share (unassigned, phase, not
    ready first), or None when they do not tell the pods apart."""
    if a.spec.node_name != b.spec.node_name and (not a.spec.node_name or not b.spec.node_name):
        return not a.spec.node_name
    pa, pb = _PHASE_ORDINAL.get(a.status.phase, 0), _PHASE_ORDINAL.get(b.status.phase, 0)
    if pa != pb:
        return pa < pb
    ra, rb = is_pod_ready(a), is_pod_ready(b)
    if ra != rb:
        return not ra
    return None


def active_pods_less(a: Pod, b: Pod) -> bool:
    """Mirrors controller_utils.go ActivePods.Less: True when ``a`` should be deleted before ``b``.

    The plain order: unassigned, phase, not ready, more recently ready (zero = most recent), more
    restarts (then sidecar restarts), newer (zero creation time = newest).
    """
    first = _assigned_phase_ready_less(a, b)
    if first is not None:
        return first
    ra, rb = is_pod_ready(a), is_pod_ready(b)
    if ra and rb:
        ta, tb = pod_ready_time(a), pod_ready_time(b)
        if not _time_equal(ta, tb):
            return after_or_zero(ta, tb)
    res = _compare_max_container_restarts(a, b)
    if res is not None:
        return res
    ca, cb = a.metadata.creation_timestamp, b.metadata.creation_timestamp
    if not _time_equal(ca, cb):
        return after_or_zero(ca, cb)
    return False


def _time_equal(t1: int | None, t2: int | None) -> bool:
    """metav1.Time.Equal: unset and Go's zero time are the same instant."""
    if is_zero(t1) and is_zero(t2):
        return True
    return t1 == t2


def _time_rule(t1: int | None, t2: int | None, uid1: str, uid2: str, now: int | None,
               logarithmic: bool) -> bool:
    """Rules 6 and 8 for two different times: plain "after or zero", or logarithmic buckets with
    the UID tie-break (which ends the comparison)."""
    if not logarithmic or is_zero(now) or is_zero(t1) or is_zero(t2):
        return after_or_zero(t1, t2)
    assert t1 is not None and t2 is not None and now is not None
    diff = logarithmic_rank_diff(t1, t2, now)
    if diff == 0:
        return uid1 < uid2
    return diff < 0


def active_pods_with_ranks_less(a: Pod, rank_a: int, b: Pod, rank_b: int, now: int | None,
                                gates: RankGates = DEFAULT_GATES) -> bool:
    """Mirrors controller_utils.go ActivePodsWithRanks.Less: True when ``a`` (with co-location rank
    ``rank_a``) should be deleted before ``b``. ``now`` None is an unset ``Now`` (plain times)."""
    first = _assigned_phase_ready_less(a, b)
    if first is not None:
        return first
    ra, rb = is_pod_ready(a), is_pod_ready(b)
    if gates.pod_deletion_cost:
        ca, cb = deletion_cost(a), deletion_cost(b)
        if ca != cb:
            return ca < cb
    if rank_a != rank_b:
        return rank_a > rank_b
    if ra and rb:
        ta, tb = pod_ready_time(a), pod_ready_time(b)
        if not _time_equal(ta, tb):
            return _time_rule(ta, tb, a.metadata.uid, b.metadata.uid, now, gates.logarithmic_scale_down)
    res = _compare_max_container_restarts(a, b)
    if res is not None:
        return res
    ta, tb = a.metadata.creation_timestamp, b.metadata.creation_timestamp
    if not _time_equal(ta, tb):
        return _time_rule(ta, tb, a.metadata.uid, b.metadata.uid, now, gates.logarithmic_scale_down)
    return False


def classic_less(a: Pod, b: Pod) -> bool:
    """Model-only (no Kubernetes function): The classic six-rule scale-down description, as often quoted for
    older Kubernetes: unassigned < assigned; Pending < Unknown < Running; not ready < ready; both ready: more
    recently ready first (unset = most recent); more restarts first (highest per-container count); newer first
    (unset = newest). ``active_pods_with_ranks_less`` reduces to this with equal ranks, no deletion-cost
    annotations, LogarithmicScaleDown off and no sidecar containers."""
    def node_key(p: Pod) -> int:
        return 0 if not p.spec.node_name else 1

    if node_key(a) != node_key(b):
        return node_key(a) < node_key(b)
    if _PHASE_ORDINAL.get(a.status.phase, 0) != _PHASE_ORDINAL.get(b.status.phase, 0):
        return _PHASE_ORDINAL.get(a.status.phase, 0) < _PHASE_ORDINAL.get(b.status.phase, 0)
    if is_pod_ready(a) != is_pod_ready(b):
        return not is_pod_ready(a)
    if is_pod_ready(a):
        ta, tb = pod_ready_time(a), pod_ready_time(b)
        if not _time_equal(ta, tb):
            return after_or_zero(ta, tb)
    restarts_a = max((c.restart_count for c in a.status.container_statuses), default=0)
    restarts_b = max((c.restart_count for c in b.status.container_statuses), default=0)
    if restarts_a != restarts_b:
        return restarts_a > restarts_b
    ca, cb = a.metadata.creation_timestamp, b.metadata.creation_timestamp
    if not _time_equal(ca, cb):
        return after_or_zero(ca, cb)
    return False


def sort_active_pods(pods: Sequence[Pod]) -> tuple[Pod, ...]:
    """Mirrors controller_utils.go ActivePods with sort.Sort: pods in plain deletion order, first to
    delete first (Go's unstable pdqsort, see ``gosort``)."""
    return go_sort(pods, active_pods_less)


def rank_pods_for_deletion(pods: Sequence[Pod], ranks: Sequence[int], now: int | None,
                           gates: RankGates = DEFAULT_GATES) -> tuple[tuple[Pod, int], ...]:
    """Mirrors controller_utils.go ActivePodsWithRanks with sort.Sort: pods with their ranks in
    deletion order (the pair of lists swapped together, as Go's Swap does)."""
    if len(pods) != len(ranks):
        raise ValueError("pods and ranks must have the same length")
    pairs = tuple(zip(pods, ranks, strict=True))
    return go_sort(pairs, lambda x, y: active_pods_with_ranks_less(x[0], x[1], y[0], y[1], now, gates))


# ---------------------------------------------------------------------------------------------
# expectations


@dataclass(frozen=True, slots=True)
class ControlleeExpectations:
    """One controller's expectations record (``ControlleeExpectations`` plus the key set of
    ``UIDTrackingControllerExpectations``): creations and deletions it still waits to observe.

    ``add``/``dele`` may go negative (more observed than expected); ``timestamp`` is when the record
    was set (ns); ``delete_keys`` are the ``namespace/name`` keys of pods expected to disappear.
    """

    add: int = 0
    dele: int = 0
    timestamp: int = 0
    delete_keys: tuple[str, ...] = ()

    def fulfilled(self) -> bool:
        """Mirrors pkg/controller/controller_utils.go: ControlleeExpectations.Fulfilled: nothing more to
        observe."""
        return self.add <= 0 and self.dele <= 0

    def expired(self, now: int) -> bool:
        """Mirrors pkg/controller/controller_utils.go: ControlleeExpectations.isExpired: older than
        ExpectationsTimeout."""
        return now - self.timestamp > EXPECTATIONS_TIMEOUT


def expectations_satisfied(exp: ControlleeExpectations | None, now: int) -> bool:
    """Mirrors pkg/controller/controller_utils.go: ControllerExpectations.SatisfiedExpectations: no record,
    fulfilled, or expired."""
    return exp is None or exp.fulfilled() or exp.expired(now)


def expect_creations(count: int, now: int) -> ControlleeExpectations:
    """Mirrors pkg/controller/controller_utils.go: ExpectCreations (SetExpectations(key, n, 0)): a fresh
    record replacing any other."""
    return ControlleeExpectations(add=count, dele=0, timestamp=now)


def expect_deletions(keys: Sequence[str], now: int) -> ControlleeExpectations:
    """Mirrors pkg/controller/controller_utils.go: UIDTrackingControllerExpectations.ExpectDeletions: the key
    set (de-duplicated) and a fresh record expecting as many deletions as distinct keys."""
    unique = tuple(sorted(set(keys)))
    return ControlleeExpectations(add=0, dele=len(unique), timestamp=now, delete_keys=unique)


def creation_observed(exp: ControlleeExpectations | None) -> ControlleeExpectations | None:
    """Mirrors pkg/controller/controller_utils.go: CreationObserved: lowers ``add`` by one (no record: nothing
    happens)."""
    return None if exp is None else replace(exp, add=exp.add - 1)


def deletion_observed(exp: ControlleeExpectations | None, key: str) -> ControlleeExpectations | None:
    """Mirrors pkg/controller/controller_utils.go: UIDTrackingControllerExpectations.DeletionObserved: counts
    only a key that was expected, once (the deletionTimestamp update and the final delete count as one)."""
    if exp is None or key not in exp.delete_keys:
        return exp
    return replace(exp, dele=exp.dele - 1, delete_keys=tuple(k for k in exp.delete_keys if k != key))


# ---------------------------------------------------------------------------------------------
# slow start


@dataclass(frozen=True, slots=True)
class SlowStartResult:
    """What ``slowStartBatch`` did: successful calls, calls made, and the error it returned."""

    successes: int
    call_count: int
    error: CallError | None


def slow_start_batch(count: int, initial_batch_size: int,
                     call: Callable[[int], CallError | None]) -> SlowStartResult:
    """Mirrors replica_set.go slowStartBatch.

    Calls ``call(k)`` for k = 1, 2, ... in batches of ``min(remaining, initial)``, doubling after each
    batch that fully succeeded; a batch with a failure is completed and then the loop stops,
    returning the successes so far and the batch's first failure. ``call`` says how call ``k``
    ends (None = success); the batch's calls are concurrent in Kubernetes, numbered here in issue
    order.
    """
    remaining = count
    successes = 0
    calls = 0
    batch = min(remaining, initial_batch_size)
    while batch > 0:
        first_error: CallError | None = None
        failures = 0
        for _ in range(batch):
            calls += 1
            err = call(calls)
            if err is not None:
                failures += 1
                if first_error is None:
                    first_error = err
        successes += batch - failures
        if first_error is not None:
            return SlowStartResult(successes, calls, first_error)
        remaining -= batch
        batch = min(2 * batch, remaining)
    return SlowStartResult(successes, calls, None)


# ---------------------------------------------------------------------------------------------
# pods from templates


def pod_key(pod: Pod) -> str:
    """Mirrors controller_utils.go PodKey: ``namespace/name``."""
    return f"{pod.metadata.namespace}/{pod.metadata.name}"


def new_controller_ref(owner: ObjectMeta, api_version: str, kind: str) -> OwnerReference:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go: NewControllerRef:
    controller and blockOwnerDeletion both true."""
    return OwnerReference(api_version=api_version, kind=kind, name=owner.name, uid=owner.uid,
                          controller=True, block_owner_deletion=True)


_MAX_POD_NAME = 253


def _pods_prefix(controller_name: str) -> str:
    """Mirrors controller_utils.go getPodsPrefix: ``<name>-`` unless that is not a valid
    generateName prefix, in which case the bare name."""
    prefix = f"{controller_name}-"
    # ValidatePodName(prefix, true) trims to the name length budget minus the random suffix (5).
    if len(prefix) > _MAX_POD_NAME - 5:
        return controller_name
    return prefix


def get_pod_from_template(template: PodTemplateSpec | None, parent: ObjectMeta,
                          controller_ref: OwnerReference | None) -> Pod:
    """Mirrors controller_utils.go GetPodFromTemplate: the template's labels, annotations,
    finalizers and spec, ``generateName = "<parent>-"``, and the controllerRef as the only owner
    reference. The pod's namespace is the parent's (the namespace the create is sent to)."""
    tmpl = template or PodTemplateSpec()
    meta = ObjectMeta(
        namespace=parent.namespace,
        labels=tmpl.metadata.labels,
        annotations=tmpl.metadata.annotations,
        finalizers=tmpl.metadata.finalizers,
        generate_name=_pods_prefix(parent.name),
        owner_references=(controller_ref,) if controller_ref is not None else (),
    )
    return Pod(metadata=meta, spec=tmpl.spec)
