"""Random exploration of the transition system with Hypothesis, and a seeded fair-walk simulator.

``explore(model, properties, examples, steps)`` is the exploration ``kubeproof verify`` runs on
every cluster: a Hypothesis state machine whose one rule picks among ``model.actions(state)``
(users, faults, controllers, time; Hypothesis chooses the index, so a failing run shrinks to a short
action sequence), finished by the controllers and time acting in turn until the cluster comes to
rest. ``always`` properties are checked on every state and step, ``eventually`` ones where the run
comes to rest, ``sometimes`` ones collect a witness. Settings are explicit and reproducible
(derandomized, no example database, no deadline); a violation becomes a ``Trace`` of Hypothesis'
shrunk failing run, which ``kubeproof replay`` confirms like any other counterexample.

``machine_for(model, properties)`` is the state machine the test suite runs under the Hypothesis
profiles dev/ci/nightly (tests/conftest.py): the same rule, an ``@invariant`` over the ``always``
properties, ``event()`` per action kind and ``target()`` on the surge in use and the availability
deficit (so Hypothesis steers towards the edges of the rollout bounds).

``simulate(model, properties, runs, steps, seed)``: seeded random runs in which users and faults act
with some probability, then controllers run fairly until quiescent; results say "no violation in
K runs".
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
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


# ----------------------------------------------------------------------------------------------
# the Hypothesis exploration of `kubeproof verify`

CALM = ("controller", "time")


class _Record:
    """What the runs of one exploration saw, shared by every machine instance Hypothesis makes."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline
        self.runs = 0          # runs started before the deadline
        self.clean = 0         # runs that ended without a violation (every property checked throughout)
        self.settled = 0       # clean runs whose fair completion came to rest (eventually checked)
        self.failure: tuple[Property, Trace, str] | None = None
        self.witnesses: dict[str, tuple[int, Trace]] = {}

    def over(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline


def _explorer(model: Any, inits: tuple[Any, ...], props: Sequence[Property], rec: _Record,
              completion_steps: int) -> type[RuleBasedStateMachine]:
    always = [p for p in props if p.kind == "always"]
    sometimes = [p for p in props if p.kind == "sometimes"]
    eventually = [p for p in props if p.kind == "eventually"]

    class Explorer(RuleBasedStateMachine):
        """One run: an initial state, then actions chosen by Hypothesis among ``model.actions`` (users,
        faults, controllers, time); at the end the controllers run fairly until the cluster rests."""

        def __init__(self) -> None:
            super().__init__()
            self.states: list[Any] = []
            self.actions: list[Any] = []
            self.live = False
            self.failed = False

        def _fail(self, p: Property, detail: str, loop: int | None = None, note: str = "") -> None:
            trace = Trace(tuple(self.states), tuple(self.actions), loop, p.name, p.kind, note)
            rec.failure = (p, trace, detail)
            self.failed = True
            raise AssertionError(f"{p.name}: {detail}")

        def _arrive(self, before: Any, action: Any, after: Any) -> None:
            self.states.append(after)
            self.actions.append(action)
            for p in always:
                if (p.step is not None and not p.check_step(model, before, action, after)) \
                        or not p.holds(model, after):
                    self._fail(p, f"violated at step {len(self.actions)}")
            for p in sometimes:
                if p.name not in rec.witnesses and p.holds(model, after):
                    rec.witnesses[p.name] = (rec.runs, Trace(tuple(self.states), tuple(self.actions), None,
                                                             p.name, p.kind))

        @initialize(index=st.integers(min_value=0, max_value=7))
        def start(self, index: int) -> None:
            if rec.over():
                return
            self.live = True
            rec.runs += 1
            self.states = [inits[index % len(inits)]]
            for p in always:
                if not p.holds(model, self.states[0]):
                    self._fail(p, "violated in the initial state")

        @rule(choice=st.integers(min_value=0, max_value=1 << 16))
        def act(self, choice: int) -> None:
            if not self.live or rec.over():
                return
            state = self.states[-1]
            actions = model.actions(state)
            if not actions:
                return
            action = actions[choice % len(actions)]
            nxt = successor(model, state, action)
            if nxt is not None:  # a refused user action changes nothing
                self._arrive(state, action, nxt)

        def teardown(self) -> None:
            if not self.live or self.failed:
                return
            self._complete()
            if not self.failed:
                rec.clean += 1

        def _complete(self) -> None:
            if rec.over() or not (eventually or sometimes):
                return
            # users and faults stop; the controllers and time go on, in turn (weakly fair), until
            # nothing is left to do: an `eventually` property must hold where the run comes to rest
            for turn in range(completion_steps):
                state = self.states[-1]
                calm = [a for a in model.actions(state) if getattr(a, "category", "controller") in CALM]
                if not calm:
                    rec.settled += 1
                    for p in eventually:
                        if not p.holds(model, state):
                            self._fail(p, f"the run comes to rest after {len(self.actions)} steps where it "
                                       "does not hold", len(self.states) - 1,
                                       "the run stops here: nothing more can happen")
                    return
                action = calm[turn % len(calm)]
                nxt = successor(model, state, action)
                if nxt is None:
                    return
                self._arrive(state, action, nxt)

    Explorer.__name__ = "Explorer"
    return Explorer


def explore(model: Any, properties: Sequence[Property], *, examples: int = 40, steps: int = 40,
            seconds: float | None = None, completion_steps: int = 400, checker: str = "hypothesis",
            max_reruns: int = 4) -> dict[str, Result]:
    """Hypothesis-driven runs of ``model`` (``examples`` runs of up to ``steps`` chosen actions, each
    finished by a fair completion), reproducible: derandomized, no example database.

    A violated property's result carries Hypothesis' *shrunk* failing run as a ``Trace``; the
    exploration then goes on without that property (at most ``max_reruns`` times) to look for
    others. ``seconds`` is a budget: runs started after it do nothing and are not counted.
    """
    from hypothesis.configuration import set_hypothesis_home_dir

    # Hypothesis keeps a cache under ./.hypothesis even without an example database: a verify run
    # leaves nothing in the user's directory (unless HYPOTHESIS_STORAGE_DIRECTORY says where)
    scratch = None if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY") else tempfile.TemporaryDirectory()
    if scratch is not None:
        set_hypothesis_home_dir(scratch.name)
    try:
        return _explore(model, properties, examples, steps, seconds, completion_steps, checker, max_reruns)
    finally:
        if scratch is not None:
            set_hypothesis_home_dir(None)
            scratch.cleanup()


def _explore(model: Any, properties: Sequence[Property], examples: int, steps: int, seconds: float | None,
             completion_steps: int, checker: str, max_reruns: int) -> dict[str, Result]:
    from hypothesis import HealthCheck, Phase, Verbosity, settings
    from hypothesis.stateful import run_state_machine_as_test

    applicable = [p for p in properties if p.applies(model)]
    start = time.monotonic()
    inits = tuple(model.init_states())
    found: dict[str, Result] = {}
    witnesses: dict[str, tuple[int, Trace]] = {}
    runs = settled = 0
    config = settings(max_examples=max(1, examples), stateful_step_count=max(1, steps), deadline=None,
                      database=None, derandomize=True, suppress_health_check=list(HealthCheck),
                      print_blob=False, report_multiple_bugs=False, verbosity=Verbosity.quiet,
                      phases=(Phase.explicit, Phase.generate, Phase.target, Phase.shrink))
    for _ in range(max_reruns + 1):
        checked = [p for p in applicable if p.name not in found]
        if not any(p.kind != "sometimes" for p in checked):
            break
        rec = _Record(None if seconds is None else start + seconds)
        machine = _explorer(model, inits, checked, rec, completion_steps)
        try:
            run_state_machine_as_test(machine, settings=config)
        except AssertionError:
            if rec.failure is None:
                raise
        runs += rec.clean
        settled += rec.settled
        for name, witness in rec.witnesses.items():
            witnesses.setdefault(name, witness)
        if rec.failure is None:
            break
        p, trace, detail = rec.failure
        found[p.name] = Result(p.name, checker, "violated", f"{detail} (shrunk by Hypothesis)", trace)
        if rec.over():
            break
    out: dict[str, Result] = {}
    for p in properties:
        if not p.applies(model):
            out[p.name] = Result(p.name, checker, "n/a", "not applicable to this configuration")
        elif p.name in found:
            out[p.name] = found[p.name]
        elif p.kind == "sometimes":
            if p.name in witnesses:
                run, trace = witnesses[p.name]
                out[p.name] = Result(p.name, checker, "proved", f"reached in run {run}, {len(trace)} steps", trace)
            else:
                out[p.name] = Result(p.name, checker, "unknown", f"not reached in {runs} runs")
        elif runs == 0:
            out[p.name] = Result(p.name, checker, "unknown", "no run started within the time budget")
        elif p.kind == "eventually":
            if settled == 0:
                out[p.name] = Result(p.name, checker, "unknown", f"none of {runs} runs came to rest")
            else:
                out[p.name] = Result(p.name, checker, "sampled", f"no violation in {settled} runs")
        else:
            out[p.name] = Result(p.name, checker, "sampled", f"no violation in {runs} runs")
        out[p.name].stats.update({"runs": runs, "settled": settled, "seconds": round(time.monotonic() - start, 3)})
    return out
