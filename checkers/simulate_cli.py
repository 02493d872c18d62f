"""``kubeproof simulate MANIFESTS...``: the story of a deployment, told for the user's own manifests.

One run of the model (``model.runner.settle``, the deterministic fair interleaving) from
``kubectl apply`` to a running application — or to the fault the user injects — printed step by
step (time, which component acted, what it wrote to the API server) and, on request, as a Mermaid
``sequenceDiagram``.

Faults: ``--fault KIND[:ARG][@SECONDS]`` injects KIND at simulated time SECONDS (default 0, right
after the apply). Kinds: ``stop-node:NODE``, ``start-node:NODE``, ``unpullable:IMAGE``,
``crash-pod:POD``, ``drop-event`` (the oldest watch event not yet delivered to
kube-controller-manager is lost — give it the same time as the change whose event should be lost,
after it),
``conflict`` (the next controller write gets a 409), ``controller-crash:CONTROLLER``
(``deployment-controller`` or ``replicaset-controller``), ``update-image:DEPLOYMENT/CONTAINER=IMAGE``,
``scale:DEPLOYMENT=N``, ``cpu-load:DEPLOYMENT=MILLICORES`` (what an HorizontalPodAutoscaler sees).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from model.errors import ModelError
from model.objects import to_json

__all__ = ["register", "simulate", "Story", "story_lines", "mermaid", "describe_changes"]


def register(sub: Any) -> None:
    """Add ``simulate`` to the ``kubeproof`` parser."""
    p = sub.add_parser(
        "simulate",
        help="tell the story of a deployment: one run of the model from kubectl apply to a running app",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("manifests", nargs="+", metavar="MANIFEST", help="YAML manifests (multi-document), or directories of them (their *.yaml, *.yml, *.json, "
                   "as kubectl apply -f DIR)")
    p.add_argument("--cluster", metavar="FILE", help="cluster file (nodes, faults, maxSeconds)")
    p.add_argument("--fault", action="append", default=[], metavar="KIND[:ARG][@SECONDS]",
                   help="inject a fault at a simulated time (repeatable)")
    p.add_argument("--max-seconds", type=_non_negative, default=None, metavar="N",
                   help="stop after N simulated seconds")
    p.add_argument("--mermaid", metavar="FILE", help="also write a Mermaid sequenceDiagram to FILE ('-' = stdout)")
    p.add_argument("--variant", default=None, help="run a known-bad model variant (kubeproof variants)")
    p.add_argument("--verbose", action="store_true", help="also show steps that wrote nothing")
    p.add_argument("--seed", type=int, default=None, metavar="N",
                   help="use the seeded random fair interleaving instead of the deterministic round-robin")
    p.set_defaults(func=_main)


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: must be a whole number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"invalid value {value}: must be greater than or equal to 0")
    return value


# ---------------------------------------------------------------------------------------------
# faults


@dataclass(frozen=True)
class ScheduledFault:
    at: int
    kind: str
    arg: str

    def __str__(self) -> str:
        return f"{self.kind}{':' + self.arg if self.arg else ''}{'@' + str(self.at) if self.at else ''}"


_FAULT_KINDS = ("stop-node", "start-node", "unpullable", "crash-pod", "drop-event", "conflict",
                "controller-crash", "update-image", "scale", "cpu-load")


def parse_fault(text: str) -> ScheduledFault:
    body, _, at = text.partition("@")
    kind, _, arg = body.partition(":")
    if kind not in _FAULT_KINDS:
        raise ModelError("Invalid", f"--fault {text!r}: unknown kind {kind!r}; expected one of "
                         + ", ".join(_FAULT_KINDS), field="--fault")
    try:
        seconds = int(at) if at else 0
    except ValueError:
        raise ModelError("Invalid", f"--fault {text!r}: the time after '@' must be whole seconds",
                         field="--fault") from None
    if seconds < 0:
        raise ModelError("Invalid", f"--fault {text!r}: the time must not be negative", field="--fault")
    needs_arg = kind not in ("drop-event", "conflict")
    if needs_arg and not arg:
        raise ModelError("Invalid", f"--fault {text!r}: {kind} needs an argument: {_FAULT_FORMS[kind]}",
                         field="--fault")
    if not needs_arg and arg:
        raise ModelError("Invalid", f"--fault {text!r}: {kind} takes no argument (write --fault {kind}@SECONDS)",
                         field="--fault")
    form_ok = {"update-image": lambda a: bool(re.fullmatch(r"[^/=]+/[^/=]+=.+", a)),
               "scale": lambda a: bool(re.fullmatch(r"[^=]+=[0-9]+", a)),
               "cpu-load": lambda a: bool(re.fullmatch(r"[^=]+=[0-9]+", a))}.get(kind)
    if form_ok is not None and not form_ok(arg):
        raise ModelError("Invalid", f"--fault {text!r}: expected {_FAULT_FORMS[kind]}", field="--fault")
    if kind == "scale":
        from model.manifests import MODEL_MAX_REPLICAS

        n = int(arg.partition("=")[2])
        if n >= 2**31:  # the Scale subresource's spec.replicas is an int32, as a Deployment's is
            raise ModelError("Invalid", f"--fault {text!r}: spec.replicas: cannot unmarshal number {n} into an "
                             "int32 field", field="--fault")
        if n > MODEL_MAX_REPLICAS:
            raise ModelError("Invalid", f"--fault {text!r}: spec.replicas: {n}: more replicas than kubeproof "
                             f"models (at most {MODEL_MAX_REPLICAS})", field="--fault")
    return ScheduledFault(seconds, kind, arg)


_FAULT_FORMS = {
    "stop-node": "stop-node:NODE", "start-node": "start-node:NODE", "unpullable": "unpullable:IMAGE",
    "crash-pod": "crash-pod:POD (a pod name or its prefix)", "drop-event": "drop-event", "conflict": "conflict",
    "controller-crash": "controller-crash:CONTROLLER", "update-image": "update-image:DEPLOYMENT/CONTAINER=IMAGE",
    "scale": "scale:DEPLOYMENT=N (N a whole number)", "cpu-load": "cpu-load:DEPLOYMENT=MILLICORES (a whole number)",
}


def _inject(model: Any, state: Any, fault: ScheduledFault) -> tuple[Any, Any]:
    """The action that injects ``fault`` in ``state`` (budget-free: the user asked for it)."""
    from model import system as sy
    from model import useractions as ua

    k, arg = fault.kind, fault.arg
    if k == "stop-node":
        return ua.StopNode(arg), None
    if k == "start-node":
        return ua.StartNode(arg), None
    if k == "unpullable":
        return ua.MakeImageUnpullable(arg), None
    if k == "update-image":
        dep, _, rest = arg.partition("/")
        container, _, image = rest.partition("=")
        if not (dep and container and image):
            raise ModelError("Invalid", "--fault update-image:DEPLOYMENT/CONTAINER=IMAGE", field="--fault")
        return ua.UpdateImage(dep, container, image), None
    if k == "cpu-load":
        dep, _, n = arg.partition("=")
        if not n.isdigit():
            raise ModelError("Invalid", "--fault cpu-load:DEPLOYMENT=MILLICORES", field="--fault")
        return ua.SetCPULoad("Deployment", dep, int(n)), None
    if k == "scale":
        dep, _, n = arg.partition("=")
        if not n.isdigit():
            raise ModelError("Invalid", "--fault scale:DEPLOYMENT=N", field="--fault")
        return ua.Scale("Deployment", dep, int(n)), None
    budget = {"crash-pod": "pod_crashes", "drop-event": "dropped_events", "conflict": "write_conflicts",
              "controller-crash": "controller_crashes"}[k]
    state = dataclasses.replace(state, faults_left=dataclasses.replace(
        state.faults_left, **{budget: state.faults_left.left(budget) + 1}))
    if k == "crash-pod":
        pods = [p for p in state.objects("Pod") if p.metadata.name.startswith(arg)]
        if not pods:
            raise ModelError("NotFound", f"--fault crash-pod:{arg}: no pod named {arg}* at t={state.clock}s",
                             field="--fault")
        return sy.PodCrash(f"{pods[0].metadata.namespace}/{pods[0].metadata.name}"), state
    if k == "drop-event":
        return sy.DropEvent("kcm"), state
    if k == "conflict":
        return sy.WriteConflict(), state
    if arg not in sy.QUEUE_CONTROLLERS:
        raise ModelError("Invalid", f"--fault controller-crash:{arg}: expected one of "
                         + ", ".join(sy.QUEUE_CONTROLLERS), field="--fault")
    return sy.ControllerCrash(arg), state


# ---------------------------------------------------------------------------------------------
# the story


@dataclass(frozen=True)
class Event:
    clock: int
    actor: str
    action: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    events: tuple[Event, ...]
    final: Any


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a simulation; carries the story up to the last completed step."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list) and value and all(isinstance(v, dict) and "type" in v for v in value):
        for v in value:  # conditions: keyed by type
            out.update(_flat({k: x for k, x in v.items() if k != "type"}, f"{prefix}[{v['type']}]"))
    else:
        out[prefix] = value
    return out


_NOISE = ("metadata.resourceVersion", "metadata.managedFields", "lastUpdateTime", "lastHeartbeatTime",
          "lastTransitionTime", "message", "status.containerStatuses", "conditions[Initialized]",
          "conditions[ContainersReady]", "conditions[PodScheduled]", "status.startTime", "fullyLabeledReplicas",
          "observedGeneration")


def _summary(obj: Any) -> str:
    kind = obj.kind
    if kind == "ReplicaSet":
        return f"replicas={obj.spec.replicas}"
    if kind == "Pod":
        return f"node={obj.spec.node_name or '-'} phase={obj.status.phase}"
    return ""


def describe_changes(before: Any, after: Any) -> tuple[str, ...]:
    """What changed in the API server between two states, one line per object."""
    old = dict(before.store.objects)
    new = dict(after.store.objects)
    lines: list[str] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        kind, _, name = key
        if a is None:
            lines.append(f"created {kind} {name} {_summary(b)}".rstrip())
            continue
        if b is None:
            lines.append(f"deleted {kind} {name}")
            continue
        fa, fb = _flat(to_json(a)), _flat(to_json(b))
        diffs = []
        for path in sorted(set(fa) | set(fb)):
            if any(n in path for n in _NOISE) or fa.get(path) == fb.get(path):
                continue
            diffs.append(f"{path}: {_short(fa.get(path))} → {_short(fb.get(path))}")
        if diffs:
            extra = f" (+{len(diffs) - 4} more)" if len(diffs) > 4 else ""
            lines.append(f"updated {kind} {name}: " + "; ".join(diffs[:4]) + extra)
    return tuple(lines)


def _short(v: Any) -> str:
    if v is None:
        return "∅"
    text = str(v)
    return text if len(text) <= 40 else text[:37] + "..."


def simulate(model: Any, faults: Sequence[ScheduledFault] = (), max_seconds: int = 600,
             verbose: bool = False, seed: int | None = None) -> Story:
    """Run the model from its initial state (the manifests applied) with faults injected on time.

    Ctrl-C raises ``Interrupted`` carrying the story up to the last completed step."""
    (state,) = model.init_states()
    events: list[Event] = []
    for obj in model.config.objects:
        events.append(Event(0, "user", f"kubectl apply {obj.kind}/{obj.metadata.name}",
                            (f"created {obj.kind} {obj.metadata.name}",)))

    def record(trace: Any, start: Any) -> None:
        prev = start
        for action, st in trace:
            changes = describe_changes(prev, st)
            if changes or verbose:
                events.append(Event(st.clock, action.actor, str(action), changes))
            prev = st

    progress = _Progress(state)
    try:
        return _simulate(model, state, events, record, progress, faults, max_seconds, seed)
    except KeyboardInterrupt:
        partial = list(events)
        prev = progress.start
        for action, st in progress.steps:
            changes = describe_changes(prev, st)
            if changes:
                partial.append(Event(st.clock, action.actor, str(action), changes))
            prev = st
        raise Interrupted(Story(tuple(partial), prev)) from None


class _Progress:
    """The steps of the run in progress (from ``start``), so that Ctrl-C can still tell the story."""

    def __init__(self, start: Any) -> None:
        self.start = start
        self.steps: list[tuple[Any, Any]] = []

    def restart(self, start: Any) -> None:
        self.start, self.steps = start, []

    def on_change(self, state: Any, action: Any) -> None:
        self.steps.append((action, state))


def _simulate(model: Any, state: Any, events: list[Event], record: Any, progress: _Progress,
              faults: Sequence[ScheduledFault], max_seconds: int, seed: int | None) -> Story:
    from model.runner import advance, settle

    pending = sorted(faults, key=lambda f: f.at)
    end = state.clock + max_seconds
    for fault in pending:
        if fault.at > state.clock:
            start = state
            progress.restart(start)
            state, trace = advance(model, state, min(fault.at, end) - state.clock, on_change=progress.on_change,
                                   seed=seed)
            record(trace, start)
        if fault.at > end:
            break
        try:
            action, with_budget = _inject(model, state, fault)
            start = state if with_budget is None else with_budget
            state = model.step(start, action)
        except ModelError as exc:
            # Name the fault the user wrote: "nodes "x" not found" alone does not say where it came from.
            detail = exc.message if exc.kind == "NotFound" or not exc.field or exc.field in exc.message \
                or exc.field == "--fault" else f"{exc.field}: {exc.message}"
            prefix = f"--fault {str(fault)!r} at t={state.clock}s: "
            raise ModelError(exc.kind, detail if detail.startswith("--fault") else prefix + detail,
                             field="--fault") from None
        events.append(Event(state.clock, action.actor, str(action), describe_changes(start, state)))
    start = state
    progress.restart(start)
    state, trace = settle(model, state, max(0, end - state.clock), on_change=progress.on_change, seed=seed)
    record(trace, start)
    return Story(tuple(events), state)


def story_lines(story: Story) -> list[str]:
    lines = []
    width = max((len(e.actor) for e in story.events), default=10)
    for e in story.events:
        head = f"[t={e.clock:>4}s] {e.actor:<{width}}  "
        if not e.changes:
            lines.append(head + e.action)
            continue
        lines.append(head + e.changes[0])
        lines.extend(" " * len(head) + c for c in e.changes[1:])
    return lines


def outcome_lines(state: Any) -> list[str]:
    out = []
    for d in state.objects("Deployment"):
        st = d.status
        complete = (st.updated_replicas == st.replicas == st.available_replicas == (d.spec.replicas or 0)
                    and st.observed_generation >= d.metadata.generation)
        out.append(f"Deployment {d.metadata.name}: {st.available_replicas}/{d.spec.replicas} available, "
                   f"{st.updated_replicas} updated — {'rollout complete' if complete else 'NOT complete'}")
    for p in state.objects("Pod"):
        ready = any(c.type == "Ready" and c.status == "True" for c in p.status.conditions)
        term = " terminating" if p.metadata.deletion_timestamp is not None else ""
        out.append(f"  pod {p.metadata.name} on {p.spec.node_name or '(unscheduled)'}: "
                   f"{p.status.phase}{' Ready' if ready else ''}{term}")
    return out


def mermaid(story: Story) -> str:
    """The story as a Mermaid sequenceDiagram (every component talks to the API server)."""
    actors: list[str] = ["user"]
    for e in story.events:
        if e.actor not in actors and e.actor != "clock":
            actors.append(e.actor)
    alias = {a: f"P{i}" for i, a in enumerate(actors)}
    lines = ["sequenceDiagram"]
    for a in actors[:1]:
        lines.append(f"    actor {alias[a]} as {a}")
    lines.append("    participant API as apiserver")
    for a in actors[1:]:
        if a == "apiserver":
            continue
        lines.append(f"    participant {alias[a]} as {a}")
    last = None
    for e in story.events:
        if e.clock != last:
            lines.append(f"    Note over API: t = {e.clock}s")
            last = e.clock
        if e.actor == "clock" or not e.changes:
            continue
        src = "API" if e.actor == "apiserver" else alias[e.actor]
        for c in e.changes:
            text = c.replace(";", ",").replace("#", "").replace(":", " -")
            lines.append(f"    {src}->>API: {text}" if src != "API" else f"    Note over API: {text}")
    return "\n".join(lines) + "\n"


def _main(args: argparse.Namespace) -> int:
    from model.config import load_config
    from model.system import Model

    faults = [parse_fault(f) for f in args.fault]
    if args.mermaid and args.mermaid != "-":
        _check_writable(args.mermaid)
    overrides: dict[str, Any] = {}
    if args.variant is not None:
        overrides["variant"] = args.variant
    config = load_config(args.manifests, args.cluster, **overrides)
    max_seconds = args.max_seconds if args.max_seconds is not None else config.max_seconds
    for fault in faults:
        if fault.at > max_seconds:
            # It would silently never happen: say so rather than tell a story without it.
            raise ModelError("Invalid", f"--fault {str(fault)!r}: t={fault.at}s is after the end of the simulation "
                             f"(t={max_seconds}s); raise --max-seconds or inject it earlier", field="--fault")
    config = dataclasses.replace(config, max_seconds=max(config.max_seconds, max_seconds) + 10**6,
                                 start_settled=False, script=())
    interrupted = False
    try:
        story = simulate(Model(config), faults, max_seconds, args.verbose, args.seed)
    except Interrupted as exc:
        story, interrupted = exc.story, True
    for line in story_lines(story):
        print(line)
    print()
    if interrupted:
        print(f"kubeproof: interrupted at simulated t={story.final.clock}s; the story so far is above "
              "(no diagram written)", file=sys.stderr)
        for line in outcome_lines(story.final):
            print(line)
        return 130
    for line in outcome_lines(story.final):
        print(line)
    if args.mermaid:
        text = mermaid(story)
        if args.mermaid == "-":
            sys.stdout.write(text)
        else:
            _write_whole(args.mermaid, text)
            print(f"\nMermaid sequence diagram written to {args.mermaid}")
    return 0


def _check_writable(path: str) -> None:
    """Fail before the run, not after it, when --mermaid names a place we cannot write."""
    if os.path.isdir(path):
        raise ModelError("Invalid", f"--mermaid {path}: is a directory; give a file name such as story.md",
                         field="--mermaid")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise ModelError("Invalid", f"--mermaid {path}: the directory {parent} does not exist", field="--mermaid")
    if not os.access(parent, os.W_OK):
        raise ModelError("Invalid", f"--mermaid {path}: the directory {parent} is not writable", field="--mermaid")


def _write_whole(path: str, text: str) -> None:
    """Write via a temporary file and rename, so an interrupt never leaves half a diagram behind."""
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:  # name the file the user gave, not our temporary one
        raise ModelError("Invalid", f"--mermaid {path}: cannot write: {exc.strerror or exc}",
                         field="--mermaid") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
