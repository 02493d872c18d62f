"""Deployment helpers: mirrors pkg/controller/deployment/util/deployment_util.go.

Fenceposts (maxSurge/maxUnavailable), the size the new ReplicaSet may grow to, revision and
replicas annotations, proportions for proportional scaling, finding the new and old ReplicaSets,
replica counts, conditions and the complete/progressing/timed-out tests. Also the pod-template
hash (pkg/controller/controller_utils.go ComputeHash) and the ReplicaSet orderings of
controller_utils.go that the deployment controller sorts by.

All functions are pure: they take model values and return new values. A ReplicaSet whose
``spec.replicas`` is nil counts as 0 (Go would dereference a nil pointer; the API defaults it to 1
before the controller ever sees it).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from model import evolve
from model.errors import ModelError
from model.intstr import get_scaled_value_from_int_or_percent
from model.objects import (
    Deployment,
    DeploymentCondition,
    DeploymentStatus,
    ObjectMeta,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetCondition,
    freeze_map,
    get_annotation,
    to_json,
)
from model.timeutil import GO_ZERO_TIME, NANOS, Time

# --- annotation keys, label key, strategy types, condition types and reasons -----------------

REVISION_ANNOTATION = "deployment.kubernetes.io/revision"
REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history"
DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas"
REPLICAS_BEFORE_SCALE_ANNOTATION = "deployment.kubernetes.io/replicaset-replicas-before-scale"
DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to"
LAST_APPLIED_CONFIG_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration"
DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY = "pod-template-hash"

ROLLING_UPDATE = "RollingUpdate"
RECREATE = "Recreate"
TERMINATION_COMPLETE = "TerminationComplete"
TERMINATION_STARTED = "TerminationStarted"

DEPLOYMENT_AVAILABLE = "Available"
DEPLOYMENT_PROGRESSING = "Progressing"
DEPLOYMENT_REPLICA_FAILURE = "ReplicaFailure"
RS_REPLICA_FAILURE = "ReplicaFailure"

ROLLBACK_REVISION_NOT_FOUND = "DeploymentRollbackRevisionNotFound"
ROLLBACK_TEMPLATE_UNCHANGED = "DeploymentRollbackTemplateUnchanged"
ROLLBACK_DONE = "DeploymentRollback"

REPLICA_SET_UPDATED_REASON = "ReplicaSetUpdated"
FAILED_RS_CREATE_REASON = "ReplicaSetCreateError"
NEW_REPLICA_SET_REASON = "NewReplicaSetCreated"
FOUND_NEW_RS_REASON = "FoundNewReplicaSet"
NEW_RS_AVAILABLE_REASON = "NewReplicaSetAvailable"
TIMED_OUT_REASON = "ProgressDeadlineExceeded"
PAUSED_DEPLOY_REASON = "DeploymentPaused"
RESUMED_DEPLOY_REASON = "DeploymentResumed"
MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable"
MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable"

MAX_INT32 = (1 << 31) - 1
# sync.go keeps revision-history annotations below this many characters.
MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000
# validation.DNS1123SubdomainMaxLength: the longest object name.
DNS1123_SUBDOMAIN_MAX_LENGTH = 253

# Annotations that belong to the controller and are never copied between Deployment and RS.
ANNOTATIONS_TO_SKIP = frozenset(
    {
        LAST_APPLIED_CONFIG_ANNOTATION,
        REVISION_ANNOTATION,
        REVISION_HISTORY_ANNOTATION,
        DESIRED_REPLICAS_ANNOTATION,
        MAX_REPLICAS_ANNOTATION,
        DEPRECATED_ROLLBACK_TO,
    }
)
# KEP-3973: with the DeploymentPodReplacementPolicy gate the controller also keeps the partial-scaling
# mark to itself (kubectl's rollback skips it too).
ANNOTATIONS_TO_SKIP_WITH_POLICY_GATE = ANNOTATIONS_TO_SKIP | {REPLICAS_BEFORE_SCALE_ANNOTATION}


def annotations_to_skip(pod_replacement_policy_gate: bool) -> frozenset[str]:
    """The controller-owned annotation keys (deployment_util.go: skipCopyAnnotation)."""
    return ANNOTATIONS_TO_SKIP_WITH_POLICY_GATE if pod_replacement_policy_gate else ANNOTATIONS_TO_SKIP

# --- small accessors --------------------------------------------------------------------------


def spec_replicas(rs: ReplicaSet | None) -> int:
    """Model-only: ``*(rs.Spec.Replicas)``; a nil RS or nil count is 0."""
    if rs is None or rs.spec.replicas is None:
        return 0
    return rs.spec.replicas


def d_replicas(d: Deployment) -> int:
    """Model-only: ``*(d.Spec.Replicas)``; nil counts as 0."""
    return d.spec.replicas or 0


def with_rs_replicas(rs: ReplicaSet, replicas: int) -> ReplicaSet:
    """Model-only: a copy of ``rs`` with ``spec.replicas`` set."""
    return evolve.replace(rs, spec=evolve.replace(rs.spec, replicas=replicas))


def with_annotations(obj: Any, annotations: dict[str, str]) -> Any:
    """Model-only: a copy of an object (RS or Deployment) with its annotations replaced by ``annotations``."""
    return evolve.replace(obj, metadata=evolve.replace(obj.metadata, annotations=freeze_map(annotations)))


def is_rolling_update(d: Deployment) -> bool:
    """Mirrors deployment_util.go: IsRollingUpdate."""
    return d.spec.strategy.type == ROLLING_UPDATE


def _rolling_params(d: Deployment) -> tuple[int | str | None, int | str | None]:
    ru = d.spec.strategy.rolling_update
    if ru is None:
        return None, None
    return ru.max_surge, ru.max_unavailable


def has_progress_deadline(d: Deployment) -> bool:
    """Mirrors deployment_util.go: HasProgressDeadline (nil or MaxInt32 means no deadline)."""
    pds = d.spec.progress_deadline_seconds
    return pds is not None and pds != MAX_INT32


def has_revision_history_limit(d: Deployment) -> bool:
    """Mirrors deployment_util.go: HasRevisionHistoryLimit (nil or MaxInt32 means keep all)."""
    limit = d.spec.revision_history_limit
    return limit is not None and limit != MAX_INT32


# --- fenceposts -------------------------------------------------------------------------------


def resolve_fenceposts(max_surge: int | str | None, max_unavailable: int | str | None, desired: int) -> tuple[int, int]:
    """Mirrors deployment_util.go: ResolveFenceposts.

    Surge rounds up, unavailable rounds down, nil counts as 0; if both come out 0 unavailable is
    forced to 1 so a rollout can always progress. Raises ``ModelError("Invalid")`` for a value
    GetScaledValueFromIntOrPercent rejects.
    """
    surge = get_scaled_value_from_int_or_percent(0 if max_surge is None else max_surge, desired, True)
    unavailable = get_scaled_value_from_int_or_percent(0 if max_unavailable is None else max_unavailable, desired, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


# resolve_fenceposts is pure on ints and strings; every rolling step asks it several times. A
# refusal (ModelError) is not remembered: it is raised anew each call, as before.
_resolve_fenceposts_cached = functools.lru_cache(maxsize=1024, typed=True)(resolve_fenceposts)


def _resolve_fenceposts_memo(max_surge: int | str | None, max_unavailable: int | str | None,
                             desired: int) -> tuple[int, int]:
    try:
        return _resolve_fenceposts_cached(max_surge, max_unavailable, desired)
    except TypeError:  # an unhashable value: decide without the memo
        return resolve_fenceposts(max_surge, max_unavailable, desired)


def _fenceposts_or_zero(d: Deployment) -> tuple[int, int]:
    # The Go callers ignore the error ("caught by validation"): ResolveFenceposts then returns 0, 0.
    surge, unavailable = _rolling_params(d)
    try:
        return _resolve_fenceposts_memo(surge, unavailable, d_replicas(d))
    except ModelError:
        return 0, 0


def max_unavailable(d: Deployment) -> int:
    """Mirrors deployment_util.go: MaxUnavailable (0 unless RollingUpdate with replicas > 0; capped at
    replicas)."""
    if not is_rolling_update(d) or d_replicas(d) == 0:
        return 0
    _, unavailable = _fenceposts_or_zero(d)
    return min(unavailable, d_replicas(d))


def min_available(d: Deployment) -> int:
    """Mirrors deployment_util.go: MinAvailable."""
    if not is_rolling_update(d):
        return 0
    return d_replicas(d) - max_unavailable(d)


def max_surge(d: Deployment) -> int:
    """Mirrors deployment_util.go: MaxSurge (0 unless RollingUpdate; not capped)."""
    if not is_rolling_update(d):
        return 0
    surge, _ = _fenceposts_or_zero(d)
    return surge


# --- replica counts ---------------------------------------------------------------------------


def get_replica_count(rss: Iterable[ReplicaSet | None]) -> int:
    """Mirrors deployment_util.go: GetReplicaCountForReplicaSets (sum of spec.replicas)."""
    return sum(spec_replicas(rs) for rs in rss if rs is not None)


def get_actual_replica_count(rss: Iterable[ReplicaSet | None]) -> int:
    """Mirrors deployment_util.go: GetActualReplicaCountForReplicaSets (sum of status.replicas)."""
    return sum(rs.status.replicas for rs in rss if rs is not None)


def get_replica_or_actual_count(rss: Iterable[ReplicaSet | None]) -> int:
    """Mirrors deployment_util.go: GetReplicaOrActualCountForReplicaSets (sum of max(spec, status))."""
    return sum(max(spec_replicas(rs), rs.status.replicas) for rs in rss if rs is not None)


def get_terminating_replica_count(rss: Iterable[ReplicaSet | None]) -> int | None:
    """Mirrors deployment_util.go: GetTerminatingReplicaCountForReplicaSets.

    None (unknown) when an observed RS (observedGeneration > 0) reports no terminating count; an RS
    that was never observed counts as 0.
    """
    total = 0
    for rs in rss:
        if rs is None:
            continue
        term = rs.status.terminating_replicas
        if term is None:
            if rs.status.observed_generation == 0:
                continue
            return None
        total += term
    return total


def get_ready_replica_count(rss: Iterable[ReplicaSet | None]) -> int:
    """Mirrors deployment_util.go: GetReadyReplicaCountForReplicaSets."""
    return sum(rs.status.ready_replicas for rs in rss if rs is not None)


def get_available_replica_count(rss: Iterable[ReplicaSet | None]) -> int:
    """Mirrors deployment_util.go: GetAvailableReplicaCountForReplicaSets."""
    return sum(rs.status.available_replicas for rs in rss if rs is not None)


def filter_active_replica_sets(rss: Iterable[ReplicaSet | None]) -> list[ReplicaSet]:
    """Mirrors controller_utils.go: FilterActiveReplicaSets (non-nil with spec.replicas > 0)."""
    return [rs for rs in rss if rs is not None and spec_replicas(rs) > 0]


# --- NewRSNewReplicas -------------------------------------------------------------------------


def _known_terminating_count(all_rss: Sequence[ReplicaSet | None]) -> int:
    # With TerminationComplete both strategies need the terminating count; unknown is an error.
    terminating = get_terminating_replica_count(all_rss)
    if terminating is None:
        raise ModelError(
            "Invalid",
            "could not calculate the new replica count: the number of terminating replicas is unknown",
            field="status.terminatingReplicas",
        )
    return terminating


def new_rs_new_replicas(
    d: Deployment,
    all_rss: Sequence[ReplicaSet | None],
    new_rs: ReplicaSet,
    pod_replacement_policy_gate: bool = False,
) -> int:
    """Mirrors deployment_util.go: NewRSNewReplicas.

    RollingUpdate: grow the new RS towards ``replicas`` without the total passing
    ``replicas + maxSurge`` (maxSurge resolved directly, no fencepost fix-up, so nil is an error).
    With the DeploymentPodReplacementPolicy gate and ``TerminationComplete``, the total counts
    ``max(spec, status)`` plus terminating pods, and an unknown terminating count is an error.
    Recreate: ``replicas``. Any other strategy: ``ModelError("Invalid")``.
    """
    stype = d.spec.strategy.type
    if stype == ROLLING_UPDATE:
        surge_value, _ = _rolling_params(d)
        surge = get_scaled_value_from_int_or_percent(surge_value, d_replicas(d), True)
        current = get_replica_count(all_rss)
        if pod_replacement_policy_gate and d.spec.pod_replacement_policy == TERMINATION_COMPLETE:
            current = get_replica_or_actual_count(all_rss)
            terminating = _known_terminating_count(all_rss)
            current += terminating
        max_total = d_replicas(d) + surge
        if current >= max_total:
            return spec_replicas(new_rs)
        grow = min(max_total - current, d_replicas(d) - spec_replicas(new_rs))
        return spec_replicas(new_rs) + grow
    if stype == RECREATE:
        if pod_replacement_policy_gate and d.spec.pod_replacement_policy == TERMINATION_COMPLETE:
            # recreate.go asks NewRSNewReplicas for the new size with TerminationComplete so that
            # terminating and surplus pods (also of the new RS) are waited for; the newest source of
            # this branch is not in the index, so the Recreate bound (replicas, no surge) is applied
            # the way the RollingUpdate branch applies its own.
            current = get_replica_or_actual_count(all_rss)
            terminating = _known_terminating_count(all_rss)
            room = d_replicas(d) - current - terminating
            if room <= 0:
                return min(spec_replicas(new_rs), d_replicas(d))
            return min(spec_replicas(new_rs) + room, d_replicas(d))
        return d_replicas(d)
    raise ModelError("Invalid", f"deployment type {stype} isn't supported", field="spec.strategy.type")


# --- annotations ------------------------------------------------------------------------------


def parse_nonnegative_int32(value: str) -> int:
    """Mirrors pkg/controller/deployment/util/deployment_util.go: getNonNegativeInt32FromAnnotation (its
    parse). Go's ``strconv.ParseUint(value, 10, 32)`` then the MaxInt32 check of
    getNonNegativeInt32FromAnnotation; raises ``ModelError`` with kind Syntax or Range."""
    if value == "":
        raise ModelError("Syntax", f'strconv.ParseUint: parsing "{value}": invalid syntax')
    n = 0
    for ch in value:
        if not "0" <= ch <= "9":
            raise ModelError("Syntax", f'strconv.ParseUint: parsing "{value}": invalid syntax')
        n = n * 10 + (ord(ch) - 48)
        if n > 0xFFFFFFFF:
            # ParseUint reports overflow as soon as it happens, before looking at later characters.
            raise ModelError("Range", f'strconv.ParseUint: parsing "{value}": value out of range')
    if n > MAX_INT32:
        raise ModelError("Range", f"value {n} is out of range (higher than {MAX_INT32})")
    return n


def get_nonnegative_int32_from_annotation(annotations: dict[str, str] | None, key: str) -> tuple[int, bool, ModelError | None]:
    """Mirrors deployment_util.go: getNonNegativeInt32FromAnnotation -> (value, ok, error)."""
    if annotations is None or key not in annotations:
        return 0, False, None
    try:
        return parse_nonnegative_int32(annotations[key]), True, None
    except ModelError as exc:
        return 0, False, exc


def get_desired_replicas_annotation(rs: ReplicaSet) -> tuple[int, bool]:
    """Mirrors deployment_util.go: GetDesiredReplicasAnnotation."""
    value, ok, _ = get_nonnegative_int32_from_annotation(dict(rs.metadata.annotations), DESIRED_REPLICAS_ANNOTATION)
    return value, ok


def get_max_replicas_annotation(rs: ReplicaSet) -> tuple[int, bool]:
    """Mirrors deployment_util.go: getMaxReplicasAnnotation."""
    value, ok, _ = get_nonnegative_int32_from_annotation(dict(rs.metadata.annotations), MAX_REPLICAS_ANNOTATION)
    return value, ok


def replicas_annotations_need_update(rs: ReplicaSet, desired: int, max_replicas: int) -> bool:
    """Mirrors deployment_util.go: ReplicasAnnotationsNeedUpdate."""
    ann = dict(rs.metadata.annotations)
    return ann.get(DESIRED_REPLICAS_ANNOTATION) != str(desired) or ann.get(MAX_REPLICAS_ANNOTATION) != str(max_replicas)


def set_replicas_annotations(rs: ReplicaSet, desired: int, max_replicas: int) -> tuple[ReplicaSet, bool]:
    """Mirrors deployment_util.go: SetReplicasAnnotations -> (new RS, updated)."""
    ann = dict(rs.metadata.annotations)
    updated = False
    for key, value in ((DESIRED_REPLICAS_ANNOTATION, str(desired)), (MAX_REPLICAS_ANNOTATION, str(max_replicas))):
        if ann.get(key) != value:
            ann[key] = value
            updated = True
    return (with_annotations(rs, ann) if updated else rs), updated


def _parse_int64(text: str) -> int:
    """Go's ``strconv.ParseInt(text, 10, 64)``; raises ModelError Syntax/Range."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not body.isascii() or not body.isdigit():
        raise ModelError("Syntax", f'strconv.ParseInt: parsing "{text}": invalid syntax')
    value = int(text)
    if not -(1 << 63) <= value < (1 << 63):
        raise ModelError("Range", f'strconv.ParseInt: parsing "{text}": value out of range')
    return value


def revision(obj: ReplicaSet | Deployment) -> int:
    """Mirrors deployment_util.go: Revision (missing annotation is 0; a bad one raises Syntax/Range)."""
    value = get_annotation(obj.metadata, REVISION_ANNOTATION)
    if value is None:
        return 0
    return _parse_int64(value)


def _revision_or_none(rs: ReplicaSet) -> int | None:
    try:
        return revision(rs)
    except ModelError:
        return None


def max_revision(rss: Iterable[ReplicaSet | None]) -> int:
    """Mirrors deployment_util.go: MaxRevision (unparsable revisions are skipped)."""
    best = 0
    for rs in rss:
        if rs is None:
            continue
        v = _revision_or_none(rs)
        if v is not None and v > best:
            best = v
    return best


def last_revision(rss: Iterable[ReplicaSet | None]) -> int:
    """Mirrors deployment_util.go: LastRevision (the second-highest revision)."""
    top, second = 0, 0
    for rs in rss:
        if rs is None:
            continue
        v = _revision_or_none(rs)
        if v is None:
            continue
        if v >= top:
            second, top = top, v
        elif v > second:
            second = v
    return second


def copy_deployment_annotations_to_replica_set(d: Deployment, ann: dict[str, str],
                                               pod_replacement_policy_gate: bool = False) -> bool:
    """Mirrors deployment_util.go: copyDeploymentAnnotationsToReplicaSet (updates ``ann`` in place;
    returns whether anything changed). Controller-owned keys are skipped."""
    skip = annotations_to_skip(pod_replacement_policy_gate)
    changed = False
    for k, v in d.metadata.annotations:
        if k in skip or ann.get(k) == v:
            continue
        ann[k] = v
        changed = True
    return changed


def set_new_replica_set_annotations(
    d: Deployment,
    rs: ReplicaSet,
    new_revision: str,
    exists: bool,
    rev_history_limit_in_chars: int = MAX_REV_HISTORY_LENGTH_IN_CHARS,
    pod_replacement_policy_gate: bool = False,
) -> tuple[ReplicaSet, bool]:
    """Mirrors deployment_util.go: SetNewReplicaSetAnnotations -> (new RS, annotations changed).

    Copies the Deployment's annotations (minus controller-owned ones), raises the revision to
    ``new_revision`` when it is numerically larger (keeping the old one in revision-history, trimmed
    from the front to ``rev_history_limit_in_chars``) and, for an RS about to be created, sets the
    desired/max replicas annotations. An unparsable old or new revision stops with no change reported.
    """
    ann = dict(rs.metadata.annotations)
    changed = copy_deployment_annotations_to_replica_set(d, ann, pod_replacement_policy_gate)
    old_revision = ann.get(REVISION_ANNOTATION)
    had_revision = old_revision is not None
    old_text = old_revision or ""
    try:
        old_int = _parse_int64(old_text)
    except ModelError:
        if old_text != "":
            return with_annotations(rs, ann), False
        old_int = 0
    try:
        new_int = _parse_int64(new_revision)
    except ModelError:
        return with_annotations(rs, ann), False
    if old_int < new_int:
        ann[REVISION_ANNOTATION] = new_revision
        changed = True
    if had_revision and old_int < new_int:
        history = ann.get(REVISION_HISTORY_ANNOTATION, "")
        old_revisions = history.split(",")
        if len(old_revisions[0]) == 0:
            ann[REVISION_HISTORY_ANNOTATION] = old_text
        else:
            total = len(history) + len(old_text) + 1
            start = 0
            while total > rev_history_limit_in_chars and start < len(old_revisions):
                total = total - len(old_revisions[start]) - 1
                start += 1
            if total <= rev_history_limit_in_chars:
                ann[REVISION_HISTORY_ANNOTATION] = ",".join([*old_revisions[start:], old_text])
    if not exists:
        desired = d_replicas(d)
        for key, value in ((DESIRED_REPLICAS_ANNOTATION, str(desired)), (MAX_REPLICAS_ANNOTATION, str(desired + max_surge(d)))):
            if ann.get(key) != value:
                ann[key] = value
                changed = True
    return with_annotations(rs, ann), changed


def set_deployment_revision(d: Deployment, rev: str) -> tuple[Deployment, bool]:
    """Mirrors deployment_util.go: SetDeploymentRevision."""
    if get_annotation(d.metadata, REVISION_ANNOTATION) == rev:
        return d, False
    ann = dict(d.metadata.annotations)
    ann[REVISION_ANNOTATION] = rev
    return with_annotations(d, ann), True


def set_deployment_annotations_to(d: Deployment, rollback_to_rs: ReplicaSet,
                                  pod_replacement_policy_gate: bool = False) -> Deployment:
    """Mirrors deployment_util.go: SetDeploymentAnnotationsTo (keep only controller-owned keys of the
    Deployment, then take every other annotation from the RS)."""
    skip = annotations_to_skip(pod_replacement_policy_gate)
    ann = {k: v for k, v in d.metadata.annotations if k in skip}
    for k, v in rollback_to_rs.metadata.annotations:
        if k not in skip:
            ann[k] = v
    return with_annotations(d, ann)


# --- proportions ------------------------------------------------------------------------------


def round_half_away_from_zero(num: int, den: int) -> int:
    """Mirrors k8s.io/utils/integer/integer.go: RoundToInt32 (exact form). ``math.Round(num/den)`` done
    exactly (Go's integer.RoundToInt32 on a float64 quotient)."""
    if den < 0:
        num, den = -num, -den
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return q if num >= 0 else -q


def wrap_int32(n: int) -> int:
    """Model-only: go's int32 wrap-around."""
    return (n + (1 << 31)) % (1 << 32) - (1 << 31)


def go_round_to_int32(num: int, den: int) -> int:
    """Mirrors k8s.io/utils/integer/integer.go: RoundToInt32. ``integer.RoundToInt32(float64(num) /
    float64(den))``: the IEEE quotient (as Go computes it), rounded half away from zero, converted to
    int32."""
    x = float(num) / float(den)
    whole = math.floor(abs(x))
    rounded = whole + 1 if abs(x) - whole >= 0.5 else whole
    return wrap_int32(int(rounded) if x >= 0 else -int(rounded))


def get_replica_set_fraction(rs: ReplicaSet, d: Deployment) -> int:
    """Mirrors deployment_util.go: getReplicaSetFraction.

    The RS's share of the new ``replicas + maxSurge`` relative to the size recorded in its
    max-replicas annotation (falling back to the Deployment's status.replicas), minus its size now.
    """
    if d_replicas(d) == 0:
        return -spec_replicas(rs)
    target = wrap_int32(d_replicas(d) + max_surge(d))
    annotated, ok = get_max_replicas_annotation(rs)
    if not ok or annotated == 0:
        annotated = d.status.replicas
    if annotated == 0:
        return 0
    # Go multiplies in int32 (wrapping) before converting to float64.
    return wrap_int32(go_round_to_int32(wrap_int32(spec_replicas(rs) * target), annotated) - spec_replicas(rs))


def get_proportion(rs: ReplicaSet | None, d: Deployment, to_add: int, added: int) -> int:
    """Mirrors deployment_util.go: GetProportion (the fraction, bounded by what is left to add)."""
    if rs is None or spec_replicas(rs) == 0 or to_add == 0 or to_add == added:
        return 0
    fraction = get_replica_set_fraction(rs, d)
    allowed = to_add - added
    if to_add > 0:
        return min(fraction, allowed)
    return max(fraction, allowed)


def is_saturated(d: Deployment, rs: ReplicaSet | None) -> bool:
    """Mirrors deployment_util.go: IsSaturated (spec, desired annotation and available all equal replicas)."""
    if rs is None:
        return False
    desired_text = get_annotation(rs.metadata, DESIRED_REPLICAS_ANNOTATION) or ""
    try:
        desired = _parse_int64(desired_text)  # Go uses Atoi: same grammar on 64-bit platforms
    except ModelError:
        return False
    desired = (desired + (1 << 31)) % (1 << 32) - (1 << 31)  # Go compares int32(desired)
    n = d_replicas(d)
    return spec_replicas(rs) == n and desired == n and rs.status.available_replicas == n


# --- orderings (controller_utils.go) -----------------------------------------------------------


def _ts(rs: ReplicaSet) -> int:
    ts = rs.metadata.creation_timestamp
    return GO_ZERO_TIME if ts is None else ts


def by_creation_timestamp_key(rs: ReplicaSet) -> tuple[int, str]:
    """Sort key of controller_utils.go: ReplicaSetsByCreationTimestamp (oldest first, then name)."""
    return (_ts(rs), rs.metadata.name)


def sort_by_creation_timestamp(rss: Iterable[ReplicaSet]) -> list[ReplicaSet]:
    """Sorted as controller_utils.go: ReplicaSetsByCreationTimestamp."""
    return sorted(rss, key=by_creation_timestamp_key)


def sort_by_size_newer(rss: Iterable[ReplicaSet]) -> list[ReplicaSet]:
    """controller_utils.go: ReplicaSetsBySizeNewer (largest first; ties newer first)."""

    def cmp(a: ReplicaSet, b: ReplicaSet) -> int:
        if spec_replicas(a) != spec_replicas(b):
            return -1 if spec_replicas(a) > spec_replicas(b) else 1
        ka, kb = by_creation_timestamp_key(a), by_creation_timestamp_key(b)
        return -1 if kb < ka else (1 if ka < kb else 0)

    return sorted(rss, key=functools.cmp_to_key(cmp))


def sort_by_size_older(rss: Iterable[ReplicaSet]) -> list[ReplicaSet]:
    """controller_utils.go: ReplicaSetsBySizeOlder (largest first; ties older first)."""
    return sorted(rss, key=lambda rs: (-spec_replicas(rs), *by_creation_timestamp_key(rs)))


def sort_by_revision(rss: Iterable[ReplicaSet]) -> list[ReplicaSet]:
    """deployment_util.go: ReplicaSetsByRevision (revision ascending; equal or unparsable revisions
    fall back to creation time, then name)."""

    def cmp(a: ReplicaSet, b: ReplicaSet) -> int:
        ra, rb = _revision_or_none(a), _revision_or_none(b)
        if ra is None or rb is None or ra == rb:
            ka, kb = by_creation_timestamp_key(a), by_creation_timestamp_key(b)
            return -1 if ka < kb else (1 if kb < ka else 0)
        return -1 if ra < rb else 1

    return sorted(rss, key=functools.cmp_to_key(cmp))


# --- templates, new/old RSs --------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # pure; a template's labels are compared on every Deployment sync
def _labels_without_hash(labels: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in labels if k != DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY)


def _without_hash_label(template: PodTemplateSpec) -> PodTemplateSpec:
    labels = _labels_without_hash(template.metadata.labels)
    return evolve.replace(template, metadata=evolve.replace(template.metadata, labels=labels))


# The fields ``==`` compares, minus the ones equal_ignore_hash looks at separately: comparing these
# tuples is exactly the dataclass equality of the templates with the hash label dropped, without
# building two stripped copies per comparison (it runs for every RS on every Deployment sync).
_TEMPLATE_REST = operator.attrgetter(*[f.name for f in dataclasses.fields(PodTemplateSpec)
                                       if f.compare and f.name != "metadata"])
_META_REST = operator.attrgetter(*[f.name for f in dataclasses.fields(ObjectMeta) if f.compare and f.name != "labels"])
_EMPTY_TEMPLATE = PodTemplateSpec()


def equal_ignore_hash(t1: PodTemplateSpec | None, t2: PodTemplateSpec | None) -> bool:
    """Mirrors deployment_util.go: EqualIgnoreHash (templates equal once the pod-template-hash label
    is dropped from both; maps are sorted tuples, so nil and empty already compare equal)."""
    a = _EMPTY_TEMPLATE if t1 is None else t1
    b = _EMPTY_TEMPLATE if t2 is None else t2
    if a is b:
        return True
    if type(a) is not type(b) or _TEMPLATE_REST(a) != _TEMPLATE_REST(b):
        return False
    ma, mb = a.metadata, b.metadata
    if ma is mb:
        return True
    return (type(ma) is type(mb) and _META_REST(ma) == _META_REST(mb)
            and _labels_without_hash(ma.labels) == _labels_without_hash(mb.labels))


def find_new_replica_set(d: Deployment, rs_list: Iterable[ReplicaSet]) -> ReplicaSet | None:
    """Mirrors deployment_util.go: FindNewReplicaSet (the oldest RS whose template equals the
    Deployment's, ignoring the hash label)."""
    for rs in sort_by_creation_timestamp(rs_list):
        if equal_ignore_hash(rs.spec.template, d.spec.template):
            return rs
    return None


def find_old_replica_sets(d: Deployment, rs_list: Iterable[ReplicaSet]) -> tuple[list[ReplicaSet], list[ReplicaSet]]:
    """Mirrors deployment_util.go: FindOldReplicaSets -> (required old RSs with replicas, all old RSs).

    FindNewReplicaSet sorts the caller's list in place, so both lists come out by creation time.
    The new RS is excluded by UID, as Kubernetes does.
    """
    ordered = sort_by_creation_timestamp(rs_list)
    new_rs = find_new_replica_set(d, ordered)
    required: list[ReplicaSet] = []
    all_old: list[ReplicaSet] = []
    for rs in ordered:
        if new_rs is not None and rs.metadata.uid == new_rs.metadata.uid:
            continue
        all_old.append(rs)
        if spec_replicas(rs) != 0:
            required.append(rs)
    return required, all_old


def find_active_or_latest(new_rs: ReplicaSet | None, old_rss: Sequence[ReplicaSet]) -> ReplicaSet | None:
    """Mirrors deployment_util.go: FindActiveOrLatest (the only active RS; with none active the new
    RS, else the newest old one; None when several are active)."""
    if new_rs is None and not old_rss:
        return None
    newest_first = sorted(old_rss, key=by_creation_timestamp_key, reverse=True)
    active = filter_active_replica_sets([*newest_first, new_rs])
    if len(active) == 0:
        return new_rs if new_rs is not None else newest_first[0]
    if len(active) == 1:
        return active[0]
    return None


def set_from_replica_set_template(d: Deployment, template: PodTemplateSpec | None) -> Deployment:
    """Mirrors deployment_util.go: SetFromReplicaSetTemplate (the RS template minus the hash label)."""
    t = _without_hash_label(template or PodTemplateSpec())
    return evolve.replace(d, spec=evolve.replace(d.spec, template=t))


# --- conditions ---------------------------------------------------------------------------------


def new_deployment_condition(ctype: str, status: str, reason: str, message: str, now: int) -> DeploymentCondition:
    """Mirrors deployment_util.go: NewDeploymentCondition (both times are ``now``)."""
    return DeploymentCondition(type=ctype, status=status, reason=reason, message=message,
                               last_update_time=Time(now), last_transition_time=Time(now))


def get_deployment_condition(status: DeploymentStatus, ctype: str) -> DeploymentCondition | None:
    """Mirrors deployment_util.go: GetDeploymentCondition."""
    for c in status.conditions:
        if c.type == ctype:
            return c
    return None


def set_deployment_condition(status: DeploymentStatus, condition: DeploymentCondition) -> DeploymentStatus:
    """Mirrors deployment_util.go: SetDeploymentCondition.

    No change when status and reason are the same; the transition time is kept when only the reason
    changes; the new condition goes last.
    """
    current = get_deployment_condition(status, condition.type)
    if current is not None and current.status == condition.status and current.reason == condition.reason:
        return status
    if current is not None and current.status == condition.status:
        condition = evolve.replace(condition, last_transition_time=current.last_transition_time)
    kept = tuple(c for c in status.conditions if c.type != condition.type)
    return evolve.replace(status, conditions=(*kept, condition))


def remove_deployment_condition(status: DeploymentStatus, ctype: str) -> DeploymentStatus:
    """Mirrors deployment_util.go: RemoveDeploymentCondition."""
    return evolve.replace(status, conditions=tuple(c for c in status.conditions if c.type != ctype))


def replica_set_to_deployment_condition(cond: ReplicaSetCondition) -> DeploymentCondition:
    """Mirrors deployment_util.go: ReplicaSetToDeploymentCondition."""
    return DeploymentCondition(type=cond.type, status=cond.status, reason=cond.reason, message=cond.message,
                               last_update_time=cond.last_transition_time,
                               last_transition_time=cond.last_transition_time)


def deployment_complete(d: Deployment, status: DeploymentStatus) -> bool:
    """Mirrors deployment_util.go: DeploymentComplete."""
    n = d_replicas(d)
    return (status.updated_replicas == n and status.replicas == n and status.available_replicas == n
            and status.observed_generation >= d.metadata.generation)


def deployment_progressing(d: Deployment, new_status: DeploymentStatus) -> bool:
    """Mirrors deployment_util.go: DeploymentProgressing (more updated/ready/available, fewer old)."""
    old = d.status
    old_old = old.replicas - old.updated_replicas
    new_old = new_status.replicas - new_status.updated_replicas
    return (new_status.updated_replicas > old.updated_replicas or new_old < old_old
            or new_status.ready_replicas > old.ready_replicas
            or new_status.available_replicas > old.available_replicas)


def deployment_timed_out(d: Deployment, new_status: DeploymentStatus, now: int | None) -> bool:
    """Mirrors deployment_util.go: DeploymentTimedOut (``lastUpdateTime + deadline`` strictly before now)."""
    if not has_progress_deadline(d):
        return False
    cond = get_deployment_condition(new_status, DEPLOYMENT_PROGRESSING)
    if cond is None:
        return False
    if cond.reason == NEW_RS_AVAILABLE_REASON:
        return False
    if cond.reason == TIMED_OUT_REASON:
        return True
    if now is None:
        raise ModelError("Invalid", "a clock (now) is needed to judge the progress deadline", field="now")
    start = GO_ZERO_TIME if cond.last_update_time is None else cond.last_update_time
    assert d.spec.progress_deadline_seconds is not None
    return start + d.spec.progress_deadline_seconds * NANOS < now


# --- names and hashes ---------------------------------------------------------------------------

_SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


def safe_encode_string(s: str) -> str:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go: SafeEncodeString (each byte mapped into
    an alphabet without vowels or easily confused characters)."""
    return "".join(_SAFE_ALPHANUMS[b % len(_SAFE_ALPHANUMS)] for b in s.encode())


def compute_hash(template: PodTemplateSpec, collision_count: int | None) -> str:
    """Mirrors controller_utils.go: ComputeHash, deliberately not bit-for-bit.

    Kubernetes hashes a Go deep dump (``DeepHashObject``, spew output) of the template with FNV-32a,
    appends the collision count as 4 little-endian bytes and renders ``fmt.Sprint(sum32)`` with
    SafeEncodeString. The spew dump is Go-specific, so the model hashes canonical JSON of the
    template instead (a 32-bit value from SHA-256), then salts and encodes the same way. Same
    properties: deterministic, changes with the template and with the collision count.
    """
    canon = json.dumps(to_json(template), sort_keys=True, separators=(",", ":")).encode()
    h = hashlib.sha256(canon)
    if collision_count is not None:
        h.update((collision_count & 0xFFFFFFFF).to_bytes(8, "little"))
    value = int.from_bytes(h.digest()[:4], "big")
    return safe_encode_string(str(value))


def generate_replica_set_name(deployment_name: str, hash_: str) -> str:
    """Mirrors sync.go: generateReplicaSetName (``<name>-<hash>``, the name prefix cut so the whole
    stays within 253 characters; a hash too long to fit leaves the name uncut)."""
    room = DNS1123_SUBDOMAIN_MAX_LENGTH - len(hash_) - 1
    prefix = deployment_name
    if room > 0 and len(prefix) > room:
        prefix = prefix[:room]
    return f"{prefix}-{hash_}"
