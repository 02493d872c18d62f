"""A tiny rolling-update model the checkers are tested against, independent of ``model/``.

It has the shape of the real transition system (``init_states``, ``actions``, ``step``; actions with
``actor``, ``category`` and a readable ``str``) and just enough Deployment behaviour to exercise
every checker: a rollout from revision 1 to 2 under maxSurge/maxUnavailable, a ReplicaSet
controller that creates and deletes named pods, kubelets that make pods ready or remove them, a
user who edits the template, and a fault that kills a pod. Variants break it on purpose:

* ``ignore_surge`` — the new ReplicaSet is scaled straight to ``replicas`` (breaks the surge bound);
* ``never_ready`` — kubelets never report readiness (a rollout never completes: liveness);
* ``livelock`` — the deployment controller flips the new RS size back and forth forever.

With ``faults`` one ready pod may be killed once per run (the fault budget).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from invariants.property import Property


@dataclass(frozen=True, slots=True)
class TPod:
    name: str
    rev: int
    ready: bool = False
    terminating: bool = False


@dataclass(frozen=True, slots=True)
class TState:
    template: int
    rs: tuple[tuple[int, int], ...]      # (revision, spec replicas), sorted
    pods: tuple[TPod, ...]               # sorted by name
    counter: int
    faulted: bool = False


@dataclass(frozen=True, slots=True)
class TAction:
    kind: str
    target: str = ""
    actor: str = ""
    category: str = "controller"

    def __str__(self) -> str:
        return f"{self.kind}({self.target})" if self.target else self.kind


class ToyModel:
    """A rollout of ``replicas`` pods with the given surge and unavailability budgets."""

    def __init__(self, replicas: int = 2, surge: int = 1, unavailable: int = 0, variant: str = "",
                 faults: bool = False, user: bool = True) -> None:
        self.replicas = replicas
        self.surge = surge
        self.unavailable = unavailable
        self.variant = variant
        self.faults = faults
        self.user = user

    # -- the four things a checker needs
    def init_states(self) -> tuple[TState, ...]:
        pods = tuple(TPod(f"p{i}", 1, True) for i in range(self.replicas))
        return (TState(2 if not self.user else 1, ((1, self.replicas),), pods, self.replicas),)

    def actions(self, s: TState) -> tuple[TAction, ...]:
        out: list[TAction] = []
        if self.user and s.template == 1:
            out.append(TAction("UpdateTemplate", "rev2", "user", "user"))
        out.append(TAction("SyncDeployment", "web", "deployment"))
        for rev, _spec in s.rs:
            out.append(TAction("SyncReplicaSet", f"rs{rev}", "replicaset"))
        for p in s.pods:
            if not p.terminating and not p.ready and self.variant != "never_ready":
                out.append(TAction("KubeletReady", p.name, "kubelet"))
            if p.terminating:
                out.append(TAction("KubeletRemove", p.name, "kubelet"))
            if self.faults and not s.faulted and not p.terminating and p.ready:
                out.append(TAction("KillPod", p.name, "fault", "fault"))
        return tuple(out)

    def step(self, s: TState, a: TAction) -> TState:
        if a.kind == "UpdateTemplate":
            return replace(s, template=2)
        if a.kind == "SyncDeployment":
            return self._sync_deployment(s)
        if a.kind == "SyncReplicaSet":
            return self._sync_rs(s, int(a.target[2:]))
        if a.kind == "KubeletReady":
            return replace(s, pods=tuple(replace(p, ready=True) if p.name == a.target else p for p in s.pods))
        if a.kind == "KubeletRemove":
            return replace(s, pods=tuple(p for p in s.pods if p.name != a.target))
        if a.kind == "KillPod":
            return replace(s, faulted=True, pods=tuple(
                replace(p, terminating=True, ready=False) if p.name == a.target else p for p in s.pods))
        raise ValueError(a)

    # -- helpers used by properties
    def spec(self, s: TState, rev: int) -> int:
        return dict(s.rs).get(rev, 0)

    def live(self, s: TState, rev: int | None = None) -> list[TPod]:
        return [p for p in s.pods if not p.terminating and (rev is None or p.rev == rev)]

    def ready(self, s: TState, rev: int | None = None) -> int:
        return sum(1 for p in self.live(s, rev) if p.ready)

    def canonical(self, s: TState) -> Any:
        """Pods of one revision are interchangeable: forget their names."""
        return (s.template, s.rs, tuple(sorted((p.rev, p.ready, p.terminating) for p in s.pods)), s.faulted)

    # -- controllers
    def _sync_deployment(self, s: TState) -> TState:
        new = s.template
        specs = dict(s.rs)
        if new not in specs:
            specs[new] = 0
        total = sum(specs.values())
        if self.variant == "livelock" and new == 2:
            specs[new] = 1 if specs[new] == 0 else 0
            return replace(s, rs=tuple(sorted(specs.items())))
        if specs[new] != self.replicas:
            if self.variant == "ignore_surge":
                specs[new] = self.replicas
            else:
                room = self.replicas + self.surge - total
                if room > 0:
                    specs[new] = specs[new] + min(room, self.replicas - specs[new])
            if specs[new] != dict(s.rs).get(new):
                return replace(s, rs=tuple(sorted(specs.items())))
        old = [rev for rev in specs if rev != new and specs[rev] > 0]
        if old:
            min_avail = self.replicas - self.unavailable
            new_unavail = specs[new] - self.ready(s, new)
            budget = total - min_avail - new_unavail
            for rev in sorted(old):
                if budget <= 0:
                    break
                cut = min(budget, specs[rev])
                specs[rev] -= cut
                budget -= cut
        return replace(s, rs=tuple(sorted(specs.items())))

    def _sync_rs(self, s: TState, rev: int) -> TState:
        live = self.live(s, rev)
        want = self.spec(s, rev)
        if len(live) < want:
            name = f"p{s.counter}"
            pods = tuple(sorted((*s.pods, TPod(name, rev)), key=lambda p: p.name))
            return replace(s, pods=pods, counter=s.counter + 1)
        if len(live) > want:
            victim = sorted(live, key=lambda p: (p.ready, p.name))[0]
            return replace(s, pods=tuple(replace(p, terminating=True) if p is victim else p for p in s.pods))
        return s


def toy_properties() -> tuple[Property, ...]:
    def surge(m: Any, s: Any) -> bool:
        return sum(spec for _, spec in s.rs) <= m.replicas + m.surge

    def floor(m: Any, s: Any) -> bool:
        return s.faulted or m.ready(s) >= m.replicas - m.unavailable

    def complete(m: Any, s: Any) -> bool:
        return (s.template == 2 and m.ready(s, 2) == m.replicas and len(m.live(s)) == m.replicas
                and not any(p.terminating for p in s.pods))

    def converged(m: Any, s: Any) -> bool:
        return (m.ready(s, s.template) == m.replicas and len(s.pods) == m.replicas
                and m.spec(s, s.template) == m.replicas)

    def created_once(m: Any, before: Any, a: Any, after: Any) -> bool:
        return len(after.pods) <= len(before.pods) + 1

    return (
        Property("toy_surge", "always", surge, "Σ spec ≤ replicas + maxSurge."),
        Property("toy_availability", "always", floor, "Ready pods ≥ replicas − maxUnavailable (faults void it)."),
        Property("toy_one_pod_per_step", "always", lambda m, s: True,
                 "A step creates at most one pod.", step=created_once),
        Property("toy_rollout_completes", "sometimes", complete, "A rollout to revision 2 completes."),
        Property("toy_converges", "eventually", converged, "The rollout eventually completes and stays so."),
    )


def build(**kwargs: Any) -> ToyModel:
    """The factory recorded in trace metadata (``checkers.toy:build``)."""
    return ToyModel(**kwargs)
