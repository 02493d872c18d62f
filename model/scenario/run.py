"""Run a scenario's steps on the cluster transition system (``SCENARIOS.md``, "Step kinds").

Theory of operation
-------------------
A ``World`` (``model.scenario.world``) wraps ``model.system.Model``: it builds the initial state
from ``cluster.nodes``, performs user steps as instant state changes, reads objects, and lets time
pass through the system's runner (``model.runner``), calling back after every state change. The
runner here only decides *when to look*:

* ``settle``/``wait``/``waitFor`` are the only steps in which controllers, the scheduler and the
  kubelets run; every other step is one instant user change.
* After every state change the runner records the pods it has not seen before (for
  ``podCreations``), checks the settle invariants or the ``wait`` condition, and for ``waitFor``
  stops the moment the condition first holds — the remaining actions of that instant belong to
  the next step.
* Time is the model clock. Each step's end time is recorded; ``waitFor.since`` measures elapsed
  time from the end of the named step, so two ``waitFor`` steps can time the gap between two
  observations (the HPA timing convention: ``notBeforeSeconds`` is the lower bound of a gap,
  ``timeoutSeconds`` the test's upper bound, both counted from ``since``).

Interleavings. By default the system's deterministic fair interleaving decides which enabled
action runs next (see ``model.scenario.world.INTERLEAVING``); ``seed`` selects the system's
seeded random fair interleaving instead. ``model.scenario.explore`` checks steps across *all*
interleavings up to a bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from model.errors import ModelError
from model.scenario import conditions, invariants
from model.scenario.parse import Scenario, Step, substitute
from model.timeutil import NANOS

DEFAULT_SETTLE_SECONDS = 600


class _Stop(Exception):
    """Raised from a change callback to end a time span at the current state."""

    def __init__(self, state: Any, problem: str | None = None) -> None:
        super().__init__(problem or "stop")
        self.state = state
        self.problem = problem


@dataclass
class StepFailure:
    step: Step
    message: str
    at_seconds: float

    def render(self) -> str:
        return f"{self.step.label()} at t={_fmt_seconds(self.at_seconds)}: {self.message}"


@dataclass
class TraceEntry:
    """One state of the run: the action that led to it (``None`` for the first) and the step."""

    action: Any
    state: Any
    step_index: int


@dataclass
class ScenarioResult:
    scenario: Scenario
    failure: StepFailure | None = None
    error: str | None = None  # the scenario could not run (e.g. a user step the model rejected)
    seconds: float = 0.0
    steps_run: int = 0
    trace: list[TraceEntry] = field(default_factory=list)
    world: Any = None

    @property
    def passed(self) -> bool:
        return self.failure is None and self.error is None


def _describe_exception(exc: BaseException) -> str:
    """``Type: message (file:line)`` of the innermost frame, for a one-line report."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _fmt_seconds(s: float) -> str:
    return f"{s:g}s"


class Runner:
    """Runs one scenario once, on one interleaving."""

    def __init__(self, scenario: Scenario, world: Any, record_trace: bool = False) -> None:
        self.scenario = scenario
        self.world = world
        self.record = record_trace
        self.aliases: dict[str, str] = {}
        self.step_end: dict[str, int] = {}
        # pods in order of first observation: (key, name, container names)
        self.seen_pods: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
        self.seen_order: list[tuple[str, tuple[str, ...]]] = []
        self.marks: dict[str, int] = {}
        self.trace: list[TraceEntry] = []
        self.step_index = -1

    # --- observation -----------------------------------------------------------------------

    def observe(self, state: Any, action: Any = None, record: bool = True) -> None:
        for pod in self.world.pods(state):
            key = (pod.metadata.name, pod.metadata.uid)
            if key not in self.seen_pods:
                entry = (pod.metadata.name, tuple(c.name for c in pod.spec.containers))
                self.seen_pods[key] = entry
                self.seen_order.append(entry)
        if self.record and record:
            self.trace.append(TraceEntry(action, state, self.step_index))

    def view(self, state: Any) -> conditions.View:
        created = {sid: tuple(self.seen_order[mark:]) for sid, mark in self.marks.items()}
        return self.world.view(state, created)

    def seconds(self, state: Any) -> float:
        return (self.world.now(state) - self.world.start_time) / NANOS

    # --- the run ---------------------------------------------------------------------------

    def run(self) -> ScenarioResult:
        result = ScenarioResult(self.scenario, world=self.world)
        try:
            state = self.world.initial_state()
        except ModelError as exc:
            result.error = f"the cluster could not be built: {exc.message}"
            return result
        except Exception as exc:  # a bug in the model
            result.error = f"the cluster could not be built: internal error: {_describe_exception(exc)}"
            return result
        self.observe(state)
        for step in self.scenario.steps:
            self.step_index = step.index
            arg = substitute(step.arg, self.aliases)
            try:
                state, problem = self.run_step(step, arg, state)
            except ModelError as exc:
                where = f"{exc.field}: " if exc.field and exc.field not in exc.message else ""
                problem = f"the model rejected this step: {where}{exc.message}"
            except _Stop:
                raise
            except Exception as exc:  # a bug in the model: report it on this step, keep going
                problem = f"internal error in the model: {_describe_exception(exc)}"
            result.steps_run = step.index + 1
            if problem is not None:
                result.failure = StepFailure(step, problem, self.seconds(state))
                break
            self.observe(state, record=False)
            if step.id is not None:
                self.step_end[step.id] = self.world.now(state)
                self.marks[step.id] = len(self.seen_order)
        result.seconds = self.seconds(state)
        result.trace = self.trace
        return result

    def run_step(self, step: Step, arg: Any, state: Any) -> tuple[Any, str | None]:
        kind = step.kind
        if kind == "expect":
            return state, conditions.evaluate(arg, self.view(state))
        if kind == "settle":
            return self.settle(arg or {}, state)
        if kind == "wait":
            return self.wait(arg, state)
        if kind == "waitFor":
            return self.wait_for(arg, state)
        if kind == "stopNode" and "nodeOfPod" in arg:
            node, pod = self.node_of_pod(arg["nodeOfPod"]["selector"], state)
            if node is None:
                return state, (f"stopNode: no non-terminating pod with labels {arg['nodeOfPod']['selector']} "
                               f"is on a node")
            if arg.get("as"):
                self.aliases[arg["as"]] = node
                self.aliases[arg["as"] + ".pod"] = pod
            arg = {"node": node}
        new_state = self.world.user_step(state, kind, arg, lambda s, a: self.observe(s, a))
        return new_state, None

    def node_of_pod(self, selector: dict[str, Any], state: Any) -> tuple[str | None, str]:
        pods = [p for p in self.world.pods(state)
                if p.metadata.deletion_timestamp is None and p.spec.node_name
                and conditions.labels_include(p.metadata.labels, selector)]
        if not pods:
            return None, ""
        pod = min(pods, key=lambda p: p.metadata.name)
        return pod.spec.node_name, pod.metadata.name

    def _span(self, state: Any, seconds: float | None, check: Callable[[Any], str | None] | None,
              stop_when: Callable[[Any], bool] | None) -> tuple[Any, str | None]:
        """Let time pass (``seconds`` None: settle), calling ``check`` after each change."""

        def on_change(new_state: Any, action: Any = None) -> None:
            self.observe(new_state, action)
            if check is not None:
                problem = check(new_state)
                if problem:
                    raise _Stop(new_state, problem)
            if stop_when is not None and stop_when(new_state):
                raise _Stop(new_state)

        try:
            if seconds is None:
                raise AssertionError("use settle")
            end = self.world.advance(state, seconds, on_change)
        except _Stop as stop:
            return stop.state, stop.problem
        return end, None

    def settle(self, arg: dict[str, Any], state: Any) -> tuple[Any, str | None]:
        invs = arg.get("invariants") or []
        max_seconds = arg.get("maxSeconds", DEFAULT_SETTLE_SECONDS)

        def on_change(new_state: Any, action: Any = None) -> None:
            self.observe(new_state, action)
            if invs:
                problem = invariants.check(invs, self.view(new_state))
                if problem:
                    raise _Stop(new_state, problem)

        try:
            return self.world.settle(state, max_seconds, on_change), None
        except _Stop as stop:
            return stop.state, stop.problem

    def wait(self, arg: dict[str, Any], state: Any) -> tuple[Any, str | None]:
        cond = arg.get("condition")
        check = None
        if cond is not None:
            problem = conditions.evaluate(cond, self.view(state))
            if problem:
                return state, f"condition does not hold at the start of the wait: {problem}"

            def check(s: Any) -> str | None:
                p = conditions.evaluate(cond, self.view(s))
                return None if p is None else f"condition stopped holding: {p}"

        return self._span(state, arg["seconds"], check, None)

    def wait_for(self, arg: dict[str, Any], state: Any) -> tuple[Any, str | None]:
        cond = arg["condition"]
        origin = self.step_end[arg["since"]] if "since" in arg else self.world.now(state)
        timeout = arg["timeoutSeconds"]
        not_before = arg.get("notBeforeSeconds")
        since_text = f"since the end of step {arg['since']!r}" if "since" in arg else "from the start of this step"

        def elapsed(s: Any) -> float:
            return (self.world.now(s) - origin) / NANOS

        def verdict(s: Any, at_start: bool = False) -> str | None:
            # At the start of the step the condition may have come true during an earlier step,
            # so only the lower bound can be judged there.
            if not at_start and elapsed(s) > timeout:
                return (f"condition held only after {_fmt_seconds(elapsed(s))} {since_text}, later than "
                        f"timeoutSeconds {timeout}")
            if not_before is not None and elapsed(s) < not_before:
                return (f"condition held after {_fmt_seconds(elapsed(s))} {since_text}, earlier than "
                        f"notBeforeSeconds {not_before}")
            return None

        if conditions.evaluate(cond, self.view(state)) is None:
            return state, verdict(state, at_start=True)
        remaining = timeout - elapsed(state)
        if remaining < 0:
            remaining = 0
        end, _ = self._span(state, remaining, None, lambda s: conditions.evaluate(cond, self.view(s)) is None)
        problem = conditions.evaluate(cond, self.view(end))
        if problem is None:
            return end, verdict(end)
        return end, f"condition did not hold within {timeout}s {since_text}: {problem}"


def run_scenario(scenario: Scenario, seed: int | None = None, record_trace: bool = False,
                 variant: str | None = None, model_factory: Any = None) -> ScenarioResult:
    """Run every step of ``scenario`` on one interleaving (deterministic, or seeded random)."""
    from model.scenario.world import World

    try:
        world = World(scenario, seed=seed, variant=variant, model_factory=model_factory)
    except ModelError as exc:
        return ScenarioResult(scenario, error=f"the cluster could not be built: {exc.message}")
    except Exception as exc:  # a bug in the model
        return ScenarioResult(scenario, error=f"the cluster could not be built: internal error: "
                                              f"{_describe_exception(exc)}")
    return Runner(scenario, world, record_trace).run()
