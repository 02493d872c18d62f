"""Random exploration of the transition system: a Hypothesis ``RuleBasedStateMachine`` and a seeded
fair-walk simulator.

``machine_for(model, properties)`` builds a state machine whose one rule picks among
``model.actions(state)`` (Hypothesis chooses the index, so failures shrink to short action
sequences), with an ``@invariant`` that checks every ``always`` property, ``event()`` per action
kind and ``target()`` on the surge in use and the availability deficit (so Hypothesis steers towards
the edges of the rollout bounds). Profiles dev/ci/nightly (tests/conftest.py) size it.

``simulate(model, properties, runs, steps, seed)`` is the quick driver ``kubeproof verify`` uses:
seeded random runs in which users and faults act with some probability, then controllers run
fairly until quiescent; ``always`` properties are checked on every state and step, ``sometimes``
properties collect witnesses, and ``eventually`` properties are checked at the end of each run
(where nothing more can happen). A violation keeps its trace; results say "no violation in K runs".
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Sequence
from typing import Any

from hypothesis import event, target
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from checkers.bmc import successor
from checkers.results import Result, Trace
from invariants.property import Property


def _surge_in_use(model: Any, state: Any) -> int:
    try:
        from invariants import view

        total = 0
        for d in view.deployments(state):
            rss = view.owned_rss(state, d)
            total = max(total, sum(rs.spec.replicas or 0 for rs in rss) - (d.spec.replicas or 0))
        return total
    except Exception:
        return 0


def _availability_deficit(model: Any, state: Any) -> int:
    try:
        from invariants import view
        from model.controllers.deployment import util

        worst = 0
        for d in view.deployments(state):
            ready = sum(1 for rs in view.owned_rss(state, d) for p in view.owned_pods(state, rs)
                        if view.is_pod_active(p) and view.is_pod_ready(p))
            worst = max(worst, (d.spec.replicas or 0) - ready)
        _ = util
        return worst
    except Exception:
        return 0


def machine_for(model: Any, properties: Sequence[Property]) -> type[RuleBasedStateMachine]:
    """A Hypothesis state machine over ``model`` checking the ``always`` properties."""
    props = [p for p in properties if p.kind == "always" and p.applies(model)]

    class ClusterMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.state: Any = None
            self.steps: list[str] = []
            self.max_surge = 0
            self.max_deficit = 0

        @initialize(index=st.integers(min_value=0, max_value=7))
        def start(self, index: int) -> None:
            inits = model.init_states()
            self.state = inits[index % len(inits)]

        @rule(choice=st.integers(min_value=0, max_value=1 << 16))
        def act(self, choice: int) -> None:
            actions = model.actions(self.state)
            if not actions:
                event("quiescent")
                return
            action = actions[choice % len(actions)]
            event(f"action: {type(action).__name__}")
            before = self.state
            nxt = successor(model, before, action)
            if nxt is None:
                event("user action refused")
                return
            self.state = nxt
            self.steps.append(str(action))
            for p in props:
                if p.step is not None:
                    assert p.check_step(model, before, action, self.state), \
                        f"{p.name} broken by step {len(self.steps)}: {action}"

        @invariant()
        def always_properties_hold(self) -> None:
            if self.state is None:
                return
            for p in props:
                assert p.holds(model, self.state), f"{p.name} violated after {self.steps}"
            self.max_surge = max(self.max_surge, _surge_in_use(model, self.state))
            self.max_deficit = max(self.max_deficit, _availability_deficit(model, self.state))

        def teardown(self) -> None:
            # one target per label and test case: the worst seen along the run
            target(float(self.max_surge), label="surge in use")
            target(float(self.max_deficit), label="availability deficit")

    ClusterMachine.__name__ = f"ClusterMachine_{type(model).__name__}"
    return ClusterMachine


# ----------------------------------------------------------------------------------------------
# seeded fair walks


def _pick(rng: random.Random, actions: Sequence[Any], p_disturb: float) -> Any:
    calm = [a for a in actions if getattr(a, "category", "controller") in ("controller", "time")]
    wild = [a for a in actions if getattr(a, "category", "controller") not in ("controller", "time")]
    if wild and (not calm or rng.random() < p_disturb):
        return rng.choice(wild)
    ctrl = [a for a in calm if getattr(a, "category", "") == "controller"]
    return rng.choice(ctrl or calm)


def simulate(model: Any, properties: Sequence[Property], *, runs: int = 20, steps: int = 400, seed: int = 0,
             seconds: float | None = None, progress: bool = False, p_disturb: float = 0.2) -> dict[str, Result]:
    """Seeded random runs; a result per property (``sampled``, ``violated`` or ``unknown``)."""
    props = [p for p in properties if p.applies(model)]
    always = [p for p in props if p.kind == "always"]
    sometimes = [p for p in props if p.kind == "sometimes"]
    eventually = [p for p in props if p.kind == "eventually"]
    found: dict[str, Result] = {}
    start = time.monotonic()
    done = 0
    try:
        for run in range(runs):
            if seconds is not None and time.monotonic() - start > seconds:
                break
            rng = random.Random(seed * 100_003 + run)
            inits = model.init_states()
            state = inits[rng.randrange(len(inits))]
            states: list[Any] = [state]
            actions: list[Any] = []
            for p in always:
                if p.name not in found and not p.holds(model, state):
                    found[p.name] = _res(p, states, actions, run)
            quiet = False
            for _ in range(steps):
                enabled = model.actions(state)
                if not enabled:
                    quiet = True
                    break
                action = _pick(rng, enabled, p_disturb)
                nxt = successor(model, state, action)
                if nxt is None:
                    continue
                states.append(nxt)
                actions.append(action)
                for p in always:
                    if p.name in found:
                        continue
                    if (p.step is not None and not p.check_step(model, state, action, nxt)) \
                            or not p.holds(model, nxt):
                        found[p.name] = _res(p, states, actions, run)
                for p in sometimes:
                    if p.name not in found and p.holds(model, nxt):
                        found[p.name] = Result(p.name, "simulation", "proved", f"reached in run {run}, "
                                               f"{len(actions)} steps", Trace(tuple(states), tuple(actions),
                                                                             None, p.name, p.kind))
                state = nxt
            if quiet:
                for p in eventually:
                    if p.name not in found and not p.holds(model, state):
                        found[p.name] = Result(p.name, "simulation", "violated",
                                               f"run {run} stops in a state where it does not hold",
                                               Trace(tuple(states), tuple(actions), len(states) - 1, p.name,
                                                     p.kind, "the run stops here: nothing more can happen"))
            done += 1
            if progress:
                print(f"simulation: run {done}/{runs}, {len(actions)} steps, {time.monotonic() - start:.1f}s",
                      file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    out: dict[str, Result] = {}
    for p in properties:
        if not p.applies(model):
            out[p.name] = Result(p.name, "simulation", "n/a", "not applicable to this configuration")
        elif p.name in found:
            out[p.name] = found[p.name]
        elif done == 0:
            out[p.name] = Result(p.name, "simulation", "unknown", "no run finished")
        elif p.kind == "sometimes":
            out[p.name] = Result(p.name, "simulation", "unknown", f"not reached in {done} runs")
        else:
            out[p.name] = Result(p.name, "simulation", "sampled", f"no violation in {done} runs")
    return out


def _res(p: Property, states: list[Any], actions: list[Any], run: int) -> Result:
    return Result(p.name, "simulation", "violated", f"run {run}, step {len(actions)}",
                  Trace(tuple(states), tuple(actions), None, p.name, p.kind))
