"""Wiring of the Vertical Pod Autoscaler (kubernetes/autoscaler ``vertical-pod-autoscaler``).

Three processes, each calling decisions in ``model.controllers.vpa``:

* **recommender** (``pkg/recommender/routines/recommender.go: RunOnce``) — every
  ``RECOMMENDER_INTERVAL`` (1 min, ``--recommender-interval``) after a VPA is first seen,
  ``VpaRecommend(ns/name)`` takes one CPU usage sample per container of the target's Running pods
  (the load ``SetCPULoad`` put on the target, split as the HPA wiring splits it, and lagging by
  ``timings.metrics_delay`` as the HPA's does: the same metrics-server),
  adds it to the container's usage history with the weight the recommender gives it (the
  container's CPU request, at least ``MIN_SAMPLE_WEIGHT``: ``AggregateContainerState.addCPUSample``),
  and writes ``status.recommendation`` (target, lowerBound, upperBound) from ``vpa.recommend`` with
  the history's percentiles and confidence (``getConfidence``: the smaller of the history's span in
  days and its sample count / 1440);
* **updater** (``pkg/updater/logic/updater.go: RunOnce``) — every ``updater-interval`` (1 min),
  ``VpaUpdate(ns/name)`` ranks the VPA's live pods (``vpa.update_priority``/``should_update``: out of
  the recommended range, or old enough and far enough from the target), grows-first then by larger
  difference, and evicts them one by one while the replica group allows it (``vpa.eviction_allowed``:
  ``min-replicas`` 2 live pods, ``eviction-tolerance`` 0.5) — only in update modes that evict
  (``Auto``, ``Recreate``, ``InPlaceOrRecreate``);
* **admission controller** (``pkg/admission-controller``) — ``admit`` is the mutating webhook on pod
  creation: a new pod of a VPA's target (mode other than ``Off``) gets the recommended target as its
  container CPU requests (``vpa.admit``), limits scaled in proportion, and a ``vpaUpdates``
  annotation. The system calls it from ``model.system.commit`` for every write.

The VPA object itself is ``VerticalPodAutoscaler`` (``autoscaling.k8s.io/v1``), a small frozen type
defined here; ``load_vpa`` reads it from a manifest document. It lives in the API server like any
object; these processes read the API server directly (their informer lag is not modelled).

``spec.resourcePolicy.containerPolicies`` (``containerName``, ``*`` for the rest; ``mode: Off``;
``minAllowed``/``maxAllowed``) caps the published target and bounds (``uncappedTarget`` keeps the
raw target), as the recommender's ``getCappedRecommendation`` does.

Deviations (kept small on purpose): only CPU is recommended (memory use is not an environment
input; as if ``controlledResources: [cpu]``); the usage histogram has exact buckets (one per distinct
millicore value) and no decay (its 24 h half-life is negligible over a model run), so a percentile is
a sampled value rather than the end of an exponential bucket; PodDisruptionBudgets and the eviction
rate limit are not modelled.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model import apiserver as api
from model.apiserver import ApiError, Create, Write
from model.controllers import vpa
from model.errors import FieldError, ModelError, ValidationError
from model.labels import Labels
from model.objects import ObjectMeta, Pod, controller_ref, freeze_map, from_json
from model.quantity import milli_value
from model.wiring.common import selector_matches

if TYPE_CHECKING:
    from model.system import Model, State

__all__ = [
    "VPA_KIND",
    "API_VERSION",
    "RECOMMENDER",
    "UPDATER",
    "RECOMMENDER_INTERVAL",
    "UPDATER_INTERVAL",
    "UPDATE_MODES",
    "EVICTING_MODES",
    "TargetRef",
    "UpdatePolicy",
    "ContainerResourcePolicy",
    "PodResourcePolicy",
    "VpaSpec",
    "RecommendedContainerResources",
    "RecommendedPodResources",
    "VpaStatus",
    "VerticalPodAutoscaler",
    "ContainerHistory",
    "VpaMemory",
    "VpaRecommend",
    "VpaUpdate",
    "load_vpa",
    "vpa_from_json",
    "actions",
    "timed_events",
    "admit",
    "recommendation_for",
    "percentile",
]

VPA_KIND = "VerticalPodAutoscaler"
API_VERSION = "autoscaling.k8s.io/v1"
RECOMMENDER = "vpa-recommender"
UPDATER = "vpa-updater"
RECOMMENDER_INTERVAL = 60  # --recommender-interval (1 min)
UPDATER_INTERVAL = vpa.UPDATER_INTERVAL_SECONDS
MIN_SAMPLE_WEIGHT = 100  # millicores: the recommender's minSampleWeight (0.1 core)
SECONDS_PER_DAY = 24 * 3600
SAMPLES_PER_DAY = 60 * 24  # getConfidence: one sample a minute makes a day of confidence
UPDATE_MODES = ("Off", "Initial", "Recreate", "InPlaceOrRecreate", "Auto")
EVICTING_MODES = ("Recreate", "InPlaceOrRecreate", "Auto")
UPDATES_ANNOTATION = "vpaUpdates"
OBSERVED_ANNOTATION = "vpaObservedContainers"


# ---------------------------------------------------------------------------------------------
# the API object


@dataclass(frozen=True, slots=True)
class TargetRef:
    """``autoscaling/v1.CrossVersionObjectReference``: the workload whose pods the VPA sizes."""

    api_version: str = "apps/v1"
    kind: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class UpdatePolicy:
    """``PodUpdatePolicy``: ``update_mode`` (default ``Auto``) and an optional ``min_replicas``
    overriding the updater's ``--min-replicas``."""

    update_mode: str = "Auto"
    min_replicas: int | None = None


@dataclass(frozen=True, slots=True)
class ContainerResourcePolicy:
    """``ContainerResourcePolicy``: for ``container_name`` (``*``: every container without its own
    policy), ``mode`` ``Auto`` or ``Off`` (no recommendation), and the allowed CPU/memory range."""

    container_name: str = "*"
    mode: str = "Auto"
    min_allowed: Labels = ()
    max_allowed: Labels = ()


@dataclass(frozen=True, slots=True)
class PodResourcePolicy:
    container_policies: tuple[ContainerResourcePolicy, ...] = ()

    def for_container(self, name: str) -> ContainerResourcePolicy | None:
        own = next((p for p in self.container_policies if p.container_name == name), None)
        return own or next((p for p in self.container_policies if p.container_name == "*"), None)


@dataclass(frozen=True, slots=True)
class VpaSpec:
    target_ref: TargetRef = TargetRef()
    update_policy: UpdatePolicy | None = None
    resource_policy: PodResourcePolicy | None = None


@dataclass(frozen=True, slots=True)
class RecommendedContainerResources:
    """One container's recommendation; amounts are quantity strings (``cpu: "230m"``)."""

    container_name: str = ""
    target: Labels = ()
    lower_bound: Labels = ()
    upper_bound: Labels = ()
    uncapped_target: Labels = ()


@dataclass(frozen=True, slots=True)
class RecommendedPodResources:
    container_recommendations: tuple[RecommendedContainerResources, ...] = ()


@dataclass(frozen=True, slots=True)
class VpaStatus:
    recommendation: RecommendedPodResources | None = None


@dataclass(frozen=True, slots=True)
class VerticalPodAutoscaler:
    """``autoscaling.k8s.io/v1`` VerticalPodAutoscaler (the fields the model acts on)."""

    metadata: ObjectMeta = ObjectMeta()
    spec: VpaSpec = VpaSpec()
    status: VpaStatus = VpaStatus()
    kind: str = VPA_KIND
    api_version: str = API_VERSION

    @property
    def update_mode(self) -> str:
        p = self.spec.update_policy
        return p.update_mode if p is not None and p.update_mode else "Auto"


_SPEC_KEYS = {"targetRef", "updatePolicy", "resourcePolicy", "recommenders"}
_POLICY_KEYS = {"updateMode", "minReplicas", "evictionRequirements"}


def vpa_from_json(doc: dict[str, Any], namespace: str = "default") -> VerticalPodAutoscaler:
    """A VerticalPodAutoscaler from its JSON/YAML document, validated as the CRD schema and the
    admission controller's ``ValidateVPA`` would (errors name the field); unset ``updateMode`` is
    ``Auto``."""
    if not isinstance(doc, dict):
        raise ModelError("Invalid", "a VerticalPodAutoscaler manifest is a mapping")
    if doc.get("kind", VPA_KIND) != VPA_KIND:
        raise ModelError("Invalid", f"kind: Unsupported value: {doc.get('kind')!r}", field="kind")
    if doc.get("apiVersion", API_VERSION) != API_VERSION:
        raise ModelError("Invalid", f'no matches for kind "{VPA_KIND}" in version "{doc.get("apiVersion")}" '
                         f"(use {API_VERSION})", field="apiVersion")
    spec = doc.get("spec") or {}
    if not isinstance(spec, dict):
        raise ModelError("Invalid", "spec: expected an object", field="spec")
    for key in sorted(set(spec) - _SPEC_KEYS):
        raise ModelError("Invalid", f'strict decoding error: unknown field "spec.{key}"', field=f"spec.{key}")
    policy = spec.get("updatePolicy") or {}
    if isinstance(policy, dict):
        for key in sorted(set(policy) - _POLICY_KEYS):
            raise ModelError("Invalid", f'strict decoding error: unknown field "spec.updatePolicy.{key}"',
                             field=f"spec.updatePolicy.{key}")
    obj = from_json(VerticalPodAutoscaler, {k: v for k, v in doc.items() if k != "status"})
    meta = obj.metadata
    if not meta.namespace:
        meta = dataclasses.replace(meta, namespace=namespace)
    errors: list[FieldError] = []
    if not meta.name:
        errors.append(FieldError.required("metadata.name", "name or generateName is required"))
    ref = obj.spec.target_ref
    if "targetRef" not in spec:
        errors.append(FieldError.required("spec.targetRef"))
    else:
        if not ref.kind:
            errors.append(FieldError.required("spec.targetRef.kind"))
        if not ref.name:
            errors.append(FieldError.required("spec.targetRef.name"))
    p = obj.spec.update_policy
    if p is not None:
        if p.update_mode not in UPDATE_MODES:
            errors.append(FieldError.not_supported("spec.updatePolicy.updateMode", p.update_mode, UPDATE_MODES))
        if p.min_replicas is not None and p.min_replicas <= 0:
            errors.append(FieldError.invalid("spec.updatePolicy.minReplicas", p.min_replicas,
                                             "must be greater than 0"))
    rp = obj.spec.resource_policy
    for i, cp in enumerate(rp.container_policies if rp is not None else ()):
        path = f"spec.resourcePolicy.containerPolicies[{i}]"
        if cp.mode not in ("Auto", "Off"):
            errors.append(FieldError.not_supported(f"{path}.mode", cp.mode, ("Auto", "Off")))
        for field_name, amounts in (("minAllowed", cp.min_allowed), ("maxAllowed", cp.max_allowed)):
            for k, q in amounts:
                try:
                    milli_value(q)
                except ModelError:
                    errors.append(FieldError.invalid(f"{path}.{field_name}.{k}", q, "must be a quantity"))
        lo, hi = dict(cp.min_allowed).get("cpu"), dict(cp.max_allowed).get("cpu")
        if lo is not None and hi is not None and not errors and milli_value(lo) > milli_value(hi):
            errors.append(FieldError.invalid(f"{path}.maxAllowed.cpu", hi, "must be at least minAllowed"))
    if errors:
        raise ValidationError(errors)
    if p is None:
        p = UpdatePolicy()
    elif not p.update_mode:
        p = dataclasses.replace(p, update_mode="Auto")
    return dataclasses.replace(obj, metadata=meta, spec=dataclasses.replace(obj.spec, update_policy=p))


def load_vpa(text: str, namespace: str = "default") -> tuple[VerticalPodAutoscaler, ...]:
    """Every VerticalPodAutoscaler document of a YAML text (other kinds are an error)."""
    import yaml

    docs = [d for d in yaml.safe_load_all(text) if d is not None]
    return tuple(vpa_from_json(d, namespace) for d in docs)


# ---------------------------------------------------------------------------------------------
# memory (kept in State.vpas)


@dataclass(frozen=True, slots=True)
class ContainerHistory:
    """The recommender's ``AggregateContainerState`` for one container name of one VPA: CPU usage
    samples as (millicores, total weight) sorted by usage, first/last sample second, sample count."""

    container: str
    cpu: tuple[tuple[int, int], ...] = ()
    first_sample: int = 0
    last_sample: int = 0
    samples: int = 0

    def add(self, usage: int, weight: int, now: int) -> ContainerHistory:
        hist = dict(self.cpu)
        hist[usage] = hist.get(usage, 0) + weight
        first = now if self.samples == 0 else min(self.first_sample, now)
        return ContainerHistory(self.container, tuple(sorted(hist.items())), first, max(self.last_sample, now),
                                self.samples + 1)

    def confidence_days(self) -> float:
        """``getConfidence``: min(span of the history in days, samples / 1440)."""
        span = (self.last_sample - self.first_sample) / SECONDS_PER_DAY
        return min(span, self.samples / SAMPLES_PER_DAY)


@dataclass(frozen=True, slots=True)
class VpaMemory:
    """Per VPA: when the recommender and the updater run next (clock seconds), the usage history."""

    next_recommend: int
    next_update: int
    containers: tuple[ContainerHistory, ...] = ()


def percentile(hist: tuple[tuple[int, int], ...], percent: int) -> int:
    """The smallest sampled value whose cumulative weight reaches ``percent`` % of the total
    (``Histogram.Percentile`` with one exact bucket per value)."""
    total = sum(w for _, w in hist)
    acc = 0
    for value, weight in hist:
        acc += weight
        if acc * 100 >= percent * total:
            return value
    return hist[-1][0] if hist else 0


def _memory(state: State, key: str) -> VpaMemory | None:
    return next((m for k, m in state.vpas if k == key), None)


def _set_memory(state: State, key: str, mem: VpaMemory | None) -> State:
    rest = tuple(e for e in state.vpas if e[0] != key)
    if mem is not None:
        rest = tuple(sorted(rest + ((key, mem),), key=lambda e: e[0]))
    return dataclasses.replace(state, vpas=rest)


# ---------------------------------------------------------------------------------------------
# reading the target


def _vpas(state: State) -> tuple[VerticalPodAutoscaler, ...]:
    return api.list_kind(state.store, VPA_KIND)


def _target(state: State, v: VerticalPodAutoscaler) -> Any:
    ref = v.spec.target_ref
    return api.get(state.store, ref.kind, v.metadata.namespace, ref.name)


def _target_pods(state: State, v: VerticalPodAutoscaler, target: Any) -> tuple[Pod, ...]:
    sel = getattr(getattr(target, "spec", None), "selector", None)
    if sel is None:
        return ()
    return tuple(p for p in api.list_kind(state.store, "Pod", v.metadata.namespace)
                 if selector_matches(sel, p.metadata.labels))


def _cpu_request(c: Any) -> int | None:
    q = dict(c.resources.requests).get("cpu")
    return None if q is None else int(milli_value(q))


def recommendation_for(v: VerticalPodAutoscaler, container: str) -> vpa.ContainerRecommendation | None:
    """The VPA's published recommendation for one container, in millicores."""
    rec = v.status.recommendation
    if rec is None:
        return None
    for r in rec.container_recommendations:
        if r.container_name == container:
            def amounts(q: Labels) -> tuple[tuple[str, int], ...]:
                return tuple(sorted((k, int(milli_value(x))) for k, x in q if k == "cpu"))
            return vpa.ContainerRecommendation(amounts(r.target), amounts(r.lower_bound), amounts(r.upper_bound))
    return None


def _capped(amounts: tuple[tuple[str, int], ...], policy: ContainerResourcePolicy | None) -> Labels:
    """``getCappedRecommendation``: each amount raised to ``minAllowed`` and lowered to ``maxAllowed``."""
    if policy is None:
        return _quantities(amounts)
    lo = {k: int(milli_value(q)) for k, q in policy.min_allowed if k == "cpu"}
    hi = {k: int(milli_value(q)) for k, q in policy.max_allowed if k == "cpu"}

    def cap(k: str, m: int) -> int:
        if k in lo:
            m = max(m, lo[k])
        if k in hi:
            m = min(m, hi[k])
        return m

    return _quantities(tuple((k, cap(k, m)) for k, m in amounts))


def _quantities(amounts: tuple[tuple[str, int], ...]) -> Labels:
    return freeze_map({k: f"{m}m" for k, m in amounts})


# ---------------------------------------------------------------------------------------------
# actions


@dataclass(frozen=True, slots=True)
class VpaRecommend:
    """The recommender's loop for one VPA: sample usage, publish the recommendation."""

    key: str  # ns/name

    actor = RECOMMENDER
    category = "controller"

    def __str__(self) -> str:
        return f'VpaRecommend("{self.key}")'

    def run(self, model: Model, state: State) -> State:
        ns, name = self.key.split("/", 1)
        v = api.get(state.store, VPA_KIND, ns, name)
        if v is None:  # the VPA is gone: so is its state
            return _set_memory(state, self.key, None)
        mem = _memory(state, self.key) or VpaMemory(state.clock, state.clock + UPDATER_INTERVAL)
        mem = dataclasses.replace(mem, next_recommend=state.clock + RECOMMENDER_INTERVAL)
        target = _target(state, v)
        if target is None:
            return _set_memory(state, self.key, mem)
        from model.wiring.hpa import split_load

        pods = _target_pods(state, v, target)
        ref = v.spec.target_ref
        load = next((mc for kind, n, mc in state.env.cpu_load if kind == ref.kind and n == ref.name), 0)
        for kind, n, before, at in getattr(state.env, "load_changes", ()):  # metrics-server lags as for the HPA
            if (kind, n) == (ref.kind, ref.name) and state.clock - at < model.config.timings.metrics_delay:
                load = before
        usage = split_load(pods, load)
        hist = {h.container: h for h in mem.containers}
        for p in sorted(pods, key=lambda p: p.metadata.name):
            if p.status.phase != "Running" or p.metadata.name not in usage:
                continue
            containers = p.spec.containers
            share, extra = divmod(usage[p.metadata.name], max(1, len(containers)))
            for i, c in enumerate(containers):
                used = share + (extra if i == 0 else 0)
                weight = max(_cpu_request(c) or 0, MIN_SAMPLE_WEIGHT)
                hist[c.name] = hist.get(c.name, ContainerHistory(c.name)).add(used, weight, state.clock)
        mem = dataclasses.replace(mem, containers=tuple(hist[k] for k in sorted(hist)))
        state = _set_memory(state, self.key, mem)
        template = getattr(target.spec, "template", None)
        per_pod = len(template.spec.containers) if template is not None and template.spec.containers else 1
        recs = []
        for h in mem.containers:
            if not h.cpu:
                continue
            policy = v.spec.resource_policy.for_container(h.container) if v.spec.resource_policy else None
            if policy is not None and policy.mode == "Off":
                continue  # a container the VPA must not touch gets no recommendation
            pct = vpa.Percentiles(percentile(h.cpu, 50), percentile(h.cpu, 90), percentile(h.cpu, 95))
            r = vpa.recommend({"cpu": pct}, h.confidence_days(), per_pod)
            recs.append(RecommendedContainerResources(h.container, _capped(r.target, policy),
                                                      _capped(r.lower_bound, policy), _capped(r.upper_bound, policy),
                                                      _quantities(r.target)))
        if not recs:
            return state
        status = VpaStatus(RecommendedPodResources(tuple(recs)))
        if status == v.status:
            return state
        return _commit(model, state, api.UpdateStatus(dataclasses.replace(v, status=status)))


@dataclass(frozen=True, slots=True)
class VpaUpdate:
    """The updater's loop for one VPA: evict the pods whose requests should change, as far as the
    eviction tolerance allows."""

    key: str

    actor = UPDATER
    category = "controller"

    def __str__(self) -> str:
        return f'VpaUpdate("{self.key}")'

    def run(self, model: Model, state: State) -> State:
        ns, name = self.key.split("/", 1)
        v = api.get(state.store, VPA_KIND, ns, name)
        mem = _memory(state, self.key)
        if v is None or mem is None:
            return _set_memory(state, self.key, None)
        state = _set_memory(state, self.key, dataclasses.replace(mem, next_update=state.clock + UPDATER_INTERVAL))
        for w in eviction_writes(model, state, v):
            state = _commit(model, state, w)
        return state


def eviction_writes(model: Model, state: State, v: VerticalPodAutoscaler) -> tuple[Write, ...]:
    """The updater's evictions for one VPA now (``UpdatePriorityCalculator`` then
    ``PodsEvictionRestriction.CanEvict`` per pod, in priority order)."""
    if v.update_mode not in EVICTING_MODES or v.status.recommendation is None:
        return ()
    target = _target(state, v)
    if target is None:
        return ()
    from model.system import now_ns

    now = now_ns(model.config, state)
    live = [p for p in _target_pods(state, v, target) if p.metadata.deletion_timestamp is None
            and p.status.phase not in ("Succeeded", "Failed")]
    groups: dict[tuple[str, str], list[Pod]] = {}
    for p in live:
        ref = controller_ref(p.metadata)
        if ref is not None:
            groups.setdefault((ref.kind, ref.name), []).append(p)
    policy = v.spec.update_policy
    min_replicas = policy.min_replicas if policy is not None and policy.min_replicas else vpa.MIN_REPLICAS
    candidates: list[tuple[bool, float, str, Pod, tuple[str, str]]] = []
    stats: dict[tuple[str, str], tuple[int, int]] = {}  # (configured, running)
    for creator, pods in groups.items():
        if len(pods) < min_replicas:  # too few live replicas: the group is left alone
            continue
        owner = api.get(state.store, creator[0], v.metadata.namespace, creator[1])
        configured = getattr(getattr(owner, "spec", None), "replicas", None)
        if configured is None:
            continue
        stats[creator] = (configured, sum(1 for p in pods if p.status.phase != "Pending"))
        for p in pods:
            prio = _pod_priority(v, p)
            if prio is None:
                continue
            age = None if p.status.start_time is None else (now - p.status.start_time) / 1e9
            update, _reason = vpa.should_update(prio, age, quick_oom=False)
            if update:
                candidates.append((not prio.scale_up, -prio.resource_diff, p.metadata.name, p, creator))
    candidates.sort(key=lambda c: c[:3])
    evicted: dict[tuple[str, str], int] = {}
    writes: list[Write] = []
    for _, _, _, p, creator in candidates:
        configured, running = stats[creator]
        n = evicted.get(creator, 0)
        if vpa.eviction_allowed(configured, running, n, min_replicas, pod_pending=p.status.phase == "Pending"):
            evicted[creator] = n + 1
            writes.append(api.Delete("Pod", p.metadata.namespace, p.metadata.name, uid=p.metadata.uid))
    return tuple(writes)


def _pod_priority(v: VerticalPodAutoscaler, p: Pod) -> vpa.UpdatePriority | None:
    """``GetUpdatePriority`` for a pod: out of range if any container is; the difference is taken
    over the pod's summed requests and targets per resource."""
    outside = scale_up = False
    total_req = total_target = 0
    seen = False
    for c in p.spec.containers:
        rec = recommendation_for(v, c.name)
        if rec is None:
            continue
        seen = True
        req = _cpu_request(c)
        one = vpa.update_priority({} if req is None else {"cpu": req}, rec)
        outside = outside or one.outside_recommended_range
        scale_up = scale_up or one.scale_up
        total_req += req or 0
        total_target += dict(rec.target).get("cpu", 0)
    if not seen:
        return None
    diff = abs(max(total_req, 1) - total_target) / max(total_req, 1)
    return vpa.UpdatePriority(outside, scale_up, diff)


def _commit(model: Model, state: State, write: Write) -> State:
    from model.system import commit

    try:
        return commit(model.config, state, write)
    except ApiError:
        return state


# ---------------------------------------------------------------------------------------------
# the system's hooks


def actions(model: Model, state: State) -> tuple[Any, ...]:
    """The VPA processes' enabled actions: a loop whose interval has passed (or a new/deleted VPA)."""
    out: list[Any] = []
    keys = {f"{v.metadata.namespace}/{v.metadata.name}" for v in _vpas(state)} | {k for k, _ in state.vpas}
    for key in sorted(keys):
        mem = _memory(state, key)
        exists = api.get(state.store, VPA_KIND, *key.split("/", 1)) is not None
        if mem is None or not exists or mem.next_recommend <= state.clock:
            out.append(VpaRecommend(key))
        elif mem.next_update <= state.clock:
            out.append(VpaUpdate(key))
    return tuple(out)


def timed_events(model: Model, state: State) -> tuple[int, ...]:
    return tuple(t for _, m in state.vpas for t in (m.next_recommend, m.next_update))


def admit(state: State, write: Write) -> Write:
    """The VPA admission controller on pod creation: the containers of a pod of a VPA's target
    get the recommended CPU target as request (limits keep their ratio to the request)."""
    if not isinstance(write, Create) or write.obj.kind != "Pod":
        return write
    pod = write.obj
    for v in api.list_kind(state.store, VPA_KIND, pod.metadata.namespace):
        if v.update_mode == "Off" or v.status.recommendation is None:
            continue
        target = _target(state, v)
        sel = getattr(getattr(target, "spec", None), "selector", None)
        if sel is None or not selector_matches(sel, pod.metadata.labels):
            continue
        return Create(_patched(pod, v))
    return write


def _patched(pod: Pod, v: VerticalPodAutoscaler) -> Pod:
    containers = []
    updated = []
    for i, c in enumerate(pod.spec.containers):
        rec = recommendation_for(v, c.name)
        if rec is None:
            containers.append(c)
            continue
        old = _cpu_request(c)
        new = vpa.admit({} if old is None else {"cpu": old}, rec)["cpu"]
        requests = dict(c.resources.requests)
        requests["cpu"] = f"{new}m"
        limits = dict(c.resources.limits)
        if "cpu" in limits and old:
            limits["cpu"] = f"{int(milli_value(limits['cpu'])) * new // old}m"
        resources = dataclasses.replace(c.resources, requests=freeze_map(requests), limits=freeze_map(limits))
        containers.append(dataclasses.replace(c, resources=resources))
        updated.append(f"container {i}: cpu request" + (", cpu limit" if "cpu" in limits and old else ""))
    if not updated:
        return pod
    ann = dict(pod.metadata.annotations)
    ann[UPDATES_ANNOTATION] = f"Pod resources updated by {v.metadata.name}: " + "; ".join(updated)
    ann[OBSERVED_ANNOTATION] = ", ".join(c.name for c in pod.spec.containers)
    meta = dataclasses.replace(pod.metadata, annotations=freeze_map(ann))
    return dataclasses.replace(pod, metadata=meta, spec=dataclasses.replace(pod.spec, containers=tuple(containers)))
