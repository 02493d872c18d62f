"""The scenario runner's one door into the cluster transition system.

Everything the scenario language needs from ``model.system``, ``model.runner``,
``model.useractions``, ``model.config`` and ``model.manifests`` goes through ``World``, so that the
runner, the explorer and the trace writer stay independent of the system's internal layout.

What the API server does to a user's write and the system's store does not model is done here:
an update is validated like a create (plus apps/v1's immutable selectors and the status rules),
re-applying a Pod is a pod update (only images, added tolerations and activeDeadlineSeconds may
change), and ConfigMap/Secret/ServiceAccount/Namespace manifests are accepted and left out (they
change nothing the model simulates). ``settle`` lasts its full ``maxSeconds`` when a timed action
after that limit would still change an object (SCENARIOS.md: not quiescent).
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Callable
from typing import Any

from model.errors import ModelError, ValidationError
from model.objects import (
    Deployment,
    Node,
    Pod,
    ReplicaSet,
    ReplicationController,
    Service,
    freeze_map,
    from_json,
)
from model.scenario.conditions import View
from model.scenario.parse import Scenario, split_manifests
from model.timeutil import NANOS

INTERLEAVING = """\
Deterministic fair interleaving (the default; model.runner). Time stands still while any
controller action is enabled. The enabled actions are taken in rounds: in each round every actor
that has something to do acts once, in this order - the API server's watch deliveries (the
controller-manager's informer, then the scheduler's; then relists), the deployment controller, the
ReplicaSet controller, the scheduler, the kubelets (in the order of cluster.nodes), the node
lifecycle controller, the taint eviction controller, the garbage collector, the HPA, leader
election - and each action is recomputed just before it runs. Within one actor the first enabled
action wins: work queues in FIFO order, the pending pod created first (then by name) for the
scheduler, pods in API order (by name) for a kubelet, object keys in order for the level-driven
controllers. When no controller action is enabled, the clock jumps to the earliest pending timed
event (a requeue, a grace period or toleration running out, a container becoming ready, an HPA
sync every 15 s). With --seed N each step instead picks uniformly at random among all enabled
controller actions, from a generator seeded with N (per span of time); time still advances only
when no controller action is enabled, so every enabled action eventually runs. User steps never
interleave with controllers: each happens at one instant, between spans of time."""

_KINDS: dict[str, type] = {
    "Deployment": Deployment,
    "ReplicaSet": ReplicaSet,
    "ReplicationController": ReplicationController,
    "Pod": Pod,
    "Service": Service,
    "Node": Node,
}


def load_manifest(doc: dict[str, Any], namespace: str = "default", source: str = "<manifest>",
                  index: int | None = None) -> Any:
    """One manifest as the API server would store it: checked, defaulted and validated by
    ``model.manifests.load_object`` (errors name ``source``, the document and the field).

    A field the manifest schema does not list (a strict-decoding error) is ignored rather than
    rejected, as long as the fields the model reads are valid: scenario manifests come from e2e
    tests, which may use fields outside the model's scope."""
    from model import manifests

    try:
        return manifests.load_object(doc, namespace=namespace, source=source, index=index)
    except ModelError as exc:
        if exc.kind == "Unsupported":
            raise UnsupportedKind(exc.kind, exc.message, field=exc.field) from None
        if "strict decoding error" not in exc.message:
            raise
    cls = _KINDS.get(str(doc.get("kind")))
    if cls is None:  # pragma: no cover - load_object rejects unknown kinds first
        raise ModelError("Invalid", f"{source}: kind: unsupported kind {doc.get('kind')!r}", field="kind")
    obj: Any = manifests.apply_defaults(from_json(cls, doc), namespace)
    errors = manifests.validate_object(obj)
    if errors:
        raise ValidationError(errors)
    return obj


def known_kinds() -> tuple[str, ...]:
    """The manifest kinds the model's loader knows (empty when it cannot tell)."""
    try:
        from model.manifests import API_VERSIONS
    except ImportError:
        return ()
    return tuple(k for k in API_VERSIONS if k != "List")


# Kinds a scenario may apply that change nothing the model simulates (configuration a pod may
# reference optionally, the scenario's own namespace): accepted and left out of the cluster.
INERT_KINDS = ("ConfigMap", "Namespace", "Secret", "ServiceAccount")


def is_inert(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("kind") in INERT_KINDS


class UnsupportedKind(ModelError):
    """A manifest kind this build of the model does not represent (a run-time, not a file, error)."""


class World:
    """A scenario's cluster: the model, its clock, user steps and the passage of time."""

    def __init__(self, scenario: Scenario, seed: int | None = None, variant: str | None = None,
                 model_factory: Callable[[Any], Any] | None = None) -> None:
        """``model_factory(config)`` builds the transition system (default ``model.system.Model``),
        e.g. a wrapper around it."""
        from model import config as cfg
        from model.system import Model

        nodes = tuple(
            cfg.NodeConfig(
                name=n.name,
                cpu=n.cpu or "4",
                memory=n.memory or "8Gi",
                pods=n.pods or 110,
                labels=freeze_map(dict(dict(n.labels), **{"kubernetes.io/hostname": n.name})),
            )
            for n in scenario.nodes
        ) or tuple(cfg.NodeConfig(f"node-{i}", labels=(("kubernetes.io/hostname", f"node-{i}"),))
                   for i in (1, 2, 3))
        if variant is not None:
            known_variants: Any = None
            try:
                from model.variants import VARIANTS

                known_variants = VARIANTS
            except ImportError:
                pass
            if known_variants is not None and variant not in known_variants:
                known = ", ".join(sorted(known_variants))
                raise ModelError("Invalid", f"variant: unknown model variant {variant!r} (known: {known})",
                                 field="variant")
        # The clock has no bound of its own: each step bounds the time it lets pass.
        self.config = cfg.ClusterConfig(nodes=nodes, variant=variant, max_seconds=10**9)
        self.model = (model_factory or Model)(self.config)
        self.seed = seed
        self.rng = random.Random(seed) if seed is not None else None
        self.spans = 0
        self.namespace = self.config.namespace
        self.start_time = self.config.start_time

    # --- reading ---------------------------------------------------------------------------

    def initial_state(self) -> Any:
        return self.model.init_states()[0]

    def now(self, state: Any) -> int:
        """The model clock in nanoseconds."""
        return int(self.start_time + state.clock * NANOS)

    def pods(self, state: Any) -> tuple[Pod, ...]:
        return tuple(state.objects("Pod", self.namespace))

    def view(self, state: Any, created: dict[str, Any] | None = None) -> View:
        return dataclasses.replace(World.view_of(state, self.namespace), now=self.now(state),
                                   created_since=created or {})

    @staticmethod
    def view_of(state: Any, ns: str = "default") -> View:
        """The API objects of ``state`` as conditions see them (without run history)."""
        return View(
            deployments=tuple(state.objects("Deployment", ns)),
            replicasets=tuple(state.objects("ReplicaSet", ns)),
            pods=tuple(state.objects("Pod", ns)),
            nodes=tuple(state.objects("Node")),
            rcs=tuple(state.objects("ReplicationController", ns)),
        )

    # --- time ------------------------------------------------------------------------------

    def _span_seed(self) -> int | None:
        """A seed per span of time, derived from the run's seed (so spans do not repeat choices)."""
        if self.seed is None:
            return None
        self.spans += 1
        return self.seed * 1_000_003 + self.spans

    def _runner_takes_seed(self) -> bool:
        import inspect

        from model import runner

        return "seed" in inspect.signature(runner.advance).parameters

    def advance(self, state: Any, seconds: float, on_change: Callable[[Any, Any], None]) -> Any:
        """Let exactly ``seconds`` pass, calling ``on_change(state, action)`` after each change."""
        from model import runner

        seconds = int(seconds)
        if self.seed is None:
            end, _ = runner.advance(self.model, state, seconds, on_change=on_change)
            return end
        if self._runner_takes_seed():
            seeded: Any = runner  # a runner with a seeded interleaving (newer model.runner)
            end, _ = seeded.advance(self.model, state, seconds, on_change=on_change, seed=self._span_seed())
            return end
        return self._random_run(state, state.clock + seconds, on_change, settle=False)

    # How far past ``maxSeconds`` a settle looks for a pending timed action that would change an
    # object (a toleration running out, a termination finishing), to tell "quiescent" from "not yet".
    SETTLE_HORIZON = 3600

    def settle(self, state: Any, max_seconds: int, on_change: Callable[[Any, Any], None]) -> Any:
        """Run until quiescent or ``max_seconds`` have passed (SCENARIOS.md ``settle``).

        The system's runner stops at the instant the cluster went still when nothing changes an
        object up to the limit. A pending timed action past the limit that would change one (a
        toleration that runs out later) means the cluster is not quiescent: then the settle lasts
        the full ``max_seconds``."""
        start = state.clock
        still = self._settle_until_still(state, max_seconds, on_change)
        limit = start + max_seconds
        if still.clock >= limit or not any(t > limit for t in self.model.timed_events(still)):
            return still
        at_limit = self.advance(still, limit - still.clock, on_change)
        return at_limit if self._changes_later(at_limit) else still

    def _changes_later(self, state: Any) -> bool:
        """Whether letting time run on (up to ``SETTLE_HORIZON`` s) would change an API object."""
        from model import runner

        class _Changed(Exception):
            pass

        def found(_s: Any, _a: Any = None) -> None:
            raise _Changed

        try:
            runner.advance(self.model, state, self.SETTLE_HORIZON, on_change=found)
        except _Changed:
            return True
        return False

    def _settle_until_still(self, state: Any, max_seconds: int, on_change: Callable[[Any, Any], None]) -> Any:
        from model import runner

        if self.seed is None:
            end, _ = runner.settle(self.model, state, max_seconds, on_change=on_change)
            return end
        if self._runner_takes_seed():
            seeded: Any = runner
            end, _ = seeded.settle(self.model, state, max_seconds, on_change=on_change, seed=self._span_seed())
            return end
        return self._random_run(state, state.clock + max_seconds, on_change, settle=True)

    def _random_run(self, state: Any, limit: int, on_change: Callable[[Any, Any], None], settle: bool) -> Any:
        """The seeded random fair interleaving for a runner without one: a uniform choice among
        the enabled controller actions; time advances (to the next timed event) only when none
        is enabled."""
        from model.system import Tick

        assert self.rng is not None
        model = self.model
        mark: Any = None  # the state at which the cluster last went still
        while True:
            enabled = model.controller_actions(state)
            if enabled:
                action = self.rng.choice(enabled)
                new = model.step(state, action)
                if new.store.objects != state.store.objects:
                    mark = None
                    on_change(new, action)
                state = new
                continue
            events = [t for t in model.timed_events(state) if t <= limit]
            if not events:
                break
            if mark is None:
                mark = state
            state = model.step(state, Tick(events[0] - state.clock))
        if settle:
            return mark if mark is not None else state
        if state.clock < limit:
            state = model.step(state, Tick(limit - state.clock))
            return self._random_run(state, limit, on_change, settle=False)
        return state

    # --- user steps ------------------------------------------------------------------------

    def user_actions(self, state: Any, kind: str, arg: Any) -> list[Any]:
        """The ``model.useractions`` values that perform one user step."""
        from model import useractions as ua

        if kind == "apply":
            docs = split_manifests(arg)
            # Like a PUT: annotations are replaced when the manifest has the field, even empty.
            return [ua.Apply(pod_update(state, self.namespace,
                                        load_manifest(doc, self.namespace, "apply", i + 1 if len(docs) > 1 else None)),
                             replace_annotations="annotations" in (doc.get("metadata") or {}))
                    for i, doc in enumerate(docs) if not is_inert(doc)]
        if kind == "updateImage":
            return [ua.UpdateImage(arg["deployment"], arg["container"], arg["image"])]
        if kind == "scale":
            return [ua.Scale(arg["kind"], arg["name"], arg["replicas"], arg.get("via", "spec"))]
        if kind == "pause":
            return [ua.Pause(arg["deployment"])]
        if kind == "resume":
            return [ua.Resume(arg["deployment"])]
        if kind == "rollbackTo":
            return [ua.RollbackTo(arg["deployment"], arg["revision"])]
        if kind == "makeImageUnpullable":
            return [ua.MakeImageUnpullable(arg["image"])]
        if kind == "patch":
            if "mergePatch" in arg:
                return [ua.MergePatch(arg["kind"], arg["name"], json.dumps(arg["mergePatch"], sort_keys=True),
                                      arg.get("subresource"))]
            return [ua.JsonPatch(arg["kind"], arg["name"], json.dumps(arg["jsonPatch"]), arg.get("subresource"))]
        if kind == "delete":
            policy = arg.get("propagationPolicy", "Background")
            grace = arg.get("gracePeriodSeconds")
            if "name" in arg:
                return [ua.DeleteObject(arg["kind"], arg["name"], policy, grace)]
            return [ua.DeleteCollection(arg["kind"], _labels(arg["selector"]), arg.get("count"), policy, grace)]
        if kind == "relabelPod":
            return [ua.RelabelPod(_labels(arg["selector"]), _labels(arg["labels"]))]
        if kind == "setCPULoad":
            return [ua.SetCPULoad(arg["target"]["kind"], arg["target"]["name"], arg["totalMillicores"])]
        if kind == "taintNode":
            if "add" in arg:
                t = arg["add"]
                value = t.get("value", "")
                return [ua.TaintNode(arg["node"], t["key"], t["effect"],
                                     ("true" if value else "false") if isinstance(value, bool) else str(value))]
            t = arg["remove"]
            return [ua.TaintNode(arg["node"], t["key"], t["effect"], remove=True)]
        if kind == "stopNode":
            return [ua.StopNode(arg["node"])]
        if kind == "startNode":
            return [ua.StartNode(arg["node"])]
        raise ModelError("Invalid", f"{kind}: not a user step")

    def user_step(self, state: Any, kind: str, arg: Any, on_change: Callable[[Any, Any], None]) -> Any:
        if kind == "patch" and arg.get("subresource") == "scale":
            check_scale_patch(arg)
        for action in self.user_actions(state, kind, arg):
            new = self.model.step(state, action)
            if new != state:
                validate_user_writes(state, new, self.namespace)
                on_change(new, action)
            state = new
        return state


def pod_update(state: Any, namespace: str, obj: Any) -> Any:
    """A manifest for a Pod that already exists, as the update the API server accepts.

    A pod's spec is immutable but for its containers' images, added tolerations and
    ``activeDeadlineSeconds`` (pkg/apis/core/validation: ValidatePodUpdate); what the scheduler and
    admission set (``nodeName``, default tolerations) stays, as ``kubectl apply``'s merge keeps it.
    Any other change of the spec is refused with the API server's Forbidden error."""
    if not isinstance(obj, Pod):
        return obj
    cur = next((p for p in state.objects("Pod", namespace) if p.metadata.name == obj.metadata.name), None)
    if cur is None:
        return obj
    new, old = obj.spec, cur.spec
    images = {c.name: c.image for c in new.containers}
    same_containers = [c.name for c in new.containers] == [c.name for c in old.containers]
    containers = tuple(dataclasses.replace(c, image=images.get(c.name, c.image)) for c in old.containers)
    tolerations = old.tolerations + tuple(t for t in new.tolerations if t not in old.tolerations)
    merged = dataclasses.replace(old, containers=containers, tolerations=tolerations,
                                 active_deadline_seconds=new.active_deadline_seconds
                                 if new.active_deadline_seconds is not None else old.active_deadline_seconds)
    # Fields the manifest leaves unset take what defaulting and admission stored.
    defaulted = {f.name: getattr(old, f.name) for f in dataclasses.fields(new)
                 if getattr(new, f.name) is None or getattr(new, f.name) == ""}
    unchanged = dataclasses.replace(new, **{**defaulted, "node_name": old.node_name, "containers": containers,
                                            "tolerations": tolerations,
                                            "active_deadline_seconds": merged.active_deadline_seconds})
    if not same_containers or unchanged != merged:
        raise ModelError("Forbidden", f"Pod {obj.metadata.name!r}: spec: Forbidden: pod updates may not change "
                         "fields other than `spec.containers[*].image`, `spec.activeDeadlineSeconds` or "
                         "`spec.tolerations` (only additions to existing tolerations)", field="spec")
    return dataclasses.replace(obj, spec=merged)


_VALIDATED_KINDS = ("Deployment", "ReplicaSet", "ReplicationController", "Pod", "Service", "Node")


def validate_user_writes(before: Any, after: Any, namespace: str) -> None:
    """Reject a user step whose writes the API server would refuse (an update is validated like a
    create; a Deployment's or ReplicaSet's selector is immutable in apps/v1; status fields must be
    valid), as ``ValidationError`` — the step then fails and changes nothing."""
    from model import manifests
    from model.errors import FieldError

    errors: list[Any] = []
    for kind in _VALIDATED_KINDS:
        ns = None if kind == "Node" else namespace
        old = {o.metadata.name: o for o in before.objects(kind, ns)}
        for obj in after.objects(kind, ns):
            prev = old.get(obj.metadata.name)
            if prev is obj or prev == obj:
                continue
            if prev is not None and obj.metadata.deletion_timestamp is not None \
                    and prev.metadata.deletion_timestamp is None:
                continue  # a deletion, not an update
            errors.extend(manifests.validate_object(obj, containers=prev is None or _containers_changed(prev, obj)))
            if prev is not None and kind in ("Deployment", "ReplicaSet") and prev.spec.selector != obj.spec.selector:
                errors.append(FieldError.invalid("spec.selector", _show_selector(obj.spec.selector),
                                                 "field is immutable"))
            if prev is not None and prev.status != getattr(obj, "status", prev.status):
                errors.extend(_status_errors(obj))
    if errors:
        raise ValidationError(errors)


def _containers_changed(prev: Any, obj: Any) -> bool:
    template = getattr(obj.spec, "template", None)
    if template is None:
        return prev.spec != obj.spec
    return getattr(prev.spec, "template", None) != template


def _status_errors(obj: Any) -> list[Any]:
    from model import validation

    if isinstance(obj, Deployment):
        return list(validation.validate_deployment_status(obj.status))
    if isinstance(obj, ReplicaSet):
        return list(validation.validate_replica_set_status(obj.status))
    return []


def _show_selector(selector: Any) -> str:
    labels = getattr(selector, "match_labels", selector) or ()
    return "{" + ", ".join(f"{k}: {v}" for k, v in labels) + "}"


def check_scale_patch(arg: dict[str, Any]) -> None:
    """A patch of the Scale subresource must leave ``{spec: {replicas: <int>}}`` (the API server
    decodes the patched Scale before using it)."""
    from model import useractions as ua

    scale = {"spec": {"replicas": 1}}
    out = (ua.merge_patch(scale, arg["mergePatch"]) if "mergePatch" in arg
           else ua.json_patch(scale, arg["jsonPatch"]))
    spec = out.get("spec") if isinstance(out, dict) else None
    if not isinstance(spec, dict):
        raise ModelError("Invalid", f"the patched Scale must have a spec mapping, got {json.dumps(spec)}",
                         field="spec")


def _labels(m: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return freeze_map({str(k): v if isinstance(v, str) else json.dumps(v) for k, v in m.items()})
