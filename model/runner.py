"""Deterministic fair interleaving of the transition system: what ``simulate`` and scenarios run.

``settle(model, state, max_seconds)`` lets the cluster run on its own: it takes the enabled
``controller`` actions (watch delivery, controllers, scheduler, kubelets) round-robin by actor, in
the order ``Model.controller_actions`` lists them —

    apiserver (Deliver, Relist) → deployment-controller → replicaset-controller → scheduler →
    kubelet/<node> (nodes by name) → level-driven controllers

— one action per actor per round, each recomputed just before it runs. When no controller action
is enabled, time jumps to the next timed event (a ``Tick``). The run is *quiescent* when nothing is
enabled and no timed event up to the limit would change an API object: timed events whose effects
change no object (a requeue that finds nothing to do) are looked ahead and then discarded, so the
returned state is the one at the moment the cluster went still.

``advance(model, state, seconds)`` runs the same way for exactly ``seconds`` of simulated time.
``settle_random(model, state, max_seconds, seed)`` is the seeded random fair variant: each step
picks uniformly among the enabled controller actions.

Both return ``(state, trace)`` with ``trace`` a tuple of ``(action, state_after)`` pairs;
``on_change(state, action)`` is called after every step that changed an API object.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from model.errors import ModelError
from model.system import Model, State, Tick

__all__ = ["settle", "advance", "settle_random", "run_until", "Trace"]

Trace = tuple[tuple[Any, State], ...]

# Controllers that keep acting without time passing (a livelock, e.g. two writers undoing each
# other) would make a run endless: the runner gives up after this many rounds at one instant.
MAX_ROUNDS_PER_INSTANT = 2_000
OnChange = Callable[[State, Any], Any] | None


def _round(model: Model, state: State, trace: list[tuple[Any, State]], on_change: OnChange,
           rng: random.Random | None, stop: Callable[[State], bool] | None = None) -> tuple[State, bool, bool]:
    """One round-robin round. Returns (state, acted, changed an object)."""
    enabled = model.controller_actions(state)
    if not enabled:
        return state, False, False
    changed = False
    if rng is not None:
        action = rng.choice(enabled)
        new = model.step(state, action)
        trace.append((action, new))
        if new.store.objects != state.store.objects:
            changed = True
            if on_change is not None:
                on_change(new, action)
        return new, True, changed
    actors: list[str] = []
    for a in enabled:
        if a.actor not in actors:
            actors.append(a.actor)
    acted = False
    for actor in actors:
        mine = [a for a in model.controller_actions(state) if a.actor == actor]
        if not mine:
            continue
        action = mine[0]
        new = model.step(state, action)
        trace.append((action, new))
        acted = True
        if new.store.objects != state.store.objects:
            changed = True
            if on_change is not None:
                on_change(new, action)
        state = new
        if stop is not None and stop(state):
            break
    return state, acted, changed


def _run(model: Model, state: State, limit: int, on_change: OnChange, rng: random.Random | None,
         lookahead: bool, stop: Callable[[State], bool] | None = None) -> tuple[State, list[tuple[Any, State]]]:
    trace: list[tuple[Any, State]] = []
    mark: tuple[State, int] | None = None   # last still point, kept while nothing changes
    instant, steps_at_instant = state.clock, 0
    while True:
        if stop is not None and stop(state):
            return state, trace
        if state.clock != instant:
            instant, steps_at_instant = state.clock, 0
        steps_at_instant += 1
        if steps_at_instant > MAX_ROUNDS_PER_INSTANT:
            raise ModelError("Livelock", f"the cluster did not come to rest at t={state.clock}s: "
                             f"{MAX_ROUNDS_PER_INSTANT} rounds of controller actions without time passing "
                             f"(last: {', '.join(str(a) for a, _ in trace[-3:])})")
        state, acted, changed = _round(model, state, trace, on_change, rng, stop)
        if changed:
            mark = None
        if acted:
            continue
        events = [t for t in model.timed_events(state) if t <= limit]
        if not events:
            break
        if mark is None:
            mark = (state, len(trace))
        tick = Tick(events[0] - state.clock)
        state = model.step(state, tick)
        trace.append((tick, state))
    if lookahead and mark is not None:
        return mark[0], trace[: mark[1]]
    return state, trace


def settle(model: Model, state: State, max_seconds: float = 600, on_change: OnChange = None,
           seed: int | None = None) -> tuple[State, Trace]:
    """Run until quiescent or until ``max_seconds`` of simulated time have passed (with ``seed``:
    the seeded random fair interleaving)."""
    rng = random.Random(seed) if seed is not None else None
    state, trace = _run(model, state, state.clock + math.ceil(max_seconds), on_change, rng, lookahead=True)
    return state, tuple(trace)


def settle_random(model: Model, state: State, max_seconds: int = 600, seed: int = 0,
                  on_change: OnChange = None) -> tuple[State, Trace]:
    """``settle`` with a seeded random fair choice among the enabled controller actions."""
    state, trace = _run(model, state, state.clock + max_seconds, on_change, random.Random(seed), lookahead=True)
    return state, tuple(trace)


def advance(model: Model, state: State, seconds: float, on_change: OnChange = None,
            seed: int | None = None) -> tuple[State, Trace]:
    """Run for exactly ``seconds`` of simulated time (whole seconds: the clock's unit, rounded up);
    the clock ends at ``start + seconds``."""
    rng = random.Random(seed) if seed is not None else None
    end = state.clock + math.ceil(seconds)
    state, trace = _run(model, state, end, on_change, rng, lookahead=False)
    if state.clock < end:
        tick = Tick(end - state.clock)
        state = model.step(state, tick)
        trace.append((tick, state))
        state, more = _run(model, state, end, on_change, rng, lookahead=False)
        trace.extend(more)
    return state, tuple(trace)


def run_until(model: Model, state: State, condition: Callable[[State], bool], timeout_seconds: int,
              on_change: OnChange = None) -> tuple[State, Trace, bool]:
    """Run until ``condition(state)`` first holds (checked at the start and after every step) or
    ``timeout_seconds`` pass. Returns (state, trace, held)."""
    end = state.clock + timeout_seconds
    state, trace = _run(model, state, end, on_change, None, lookahead=False, stop=condition)
    return state, tuple(trace), condition(state)
