"""``kubeproof scenario run --explore``: check a scenario's steps across ALL interleavings.

The deterministic runner follows one interleaving of the controllers. The explorer instead keeps,
at each step boundary, the set of every distinct state some interleaving can reach, and runs each
step from all of them with a breadth-first search over ``Model.controller_actions`` plus the
clock's ``Tick`` (the fair actions; no faults, no scripted users):

* a user step is applied to every state of the frontier;
* ``expect`` must hold in every frontier state;
* ``settle`` explores until quiescence (no controller action enabled, no timed event within
  ``maxSeconds``) and checks its invariants in every state reached; the quiescent states (and
  those where ``maxSeconds`` ran out) form the next frontier;
* ``wait`` explores until the clock reaches its end and no action is enabled at that instant;
  its condition must hold in every state on the way;
* ``waitFor`` explores until the condition first holds on each path; a path on which it never
  holds within ``timeoutSeconds``, or first holds before ``notBeforeSeconds``, breaks the step.

The search is breadth-first with parent links, so the interleaving reported for a broken step is
a shortest one (in actions) from the scenario's start. ``bound`` caps the number of distinct
states explored per step; when it is reached the outcome is "bounded" (checked as far as
explored), never reported as a proof.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from model.errors import ModelError
from model.scenario import conditions, invariants
from model.scenario.parse import Scenario, Step, substitute
from model.scenario.run import ScenarioResult, StepFailure, TraceEntry
from model.timeutil import NANOS

DEFAULT_BOUND = 10000


@dataclass
class _Node:
    state: Any
    parent: int | None
    action: Any
    step_index: int


@dataclass
class ExploreOutcome:
    scenario: Scenario
    ok: bool = True
    complete: bool = True           # every step explored without hitting the bound
    distinct: int = 0               # distinct (state, step) nodes explored
    failure: StepFailure | None = None
    error: str | None = None
    bounded_steps: list[int] = field(default_factory=list)
    result: ScenarioResult | None = None  # the breaking interleaving, as a replayable trace

    def summary(self) -> str:
        scope = "all interleavings" if self.complete else (
            f"bounded: state bound reached in steps[{self.bounded_steps[0]}], later steps not explored")
        return f"{self.distinct} states, {scope}"

    def render(self) -> str:
        if self.error:
            return self.error
        if self.failure is None:
            return ""
        text = self.failure.render()
        if self.result is not None and self.result.trace:
            actions = [str(e.action) for e in self.result.trace[1:] if e.action is not None]
            text += f"\nshortest breaking interleaving ({len(actions)} actions):"
            text += "".join(f"\n  {i + 1}. {a}" for i, a in enumerate(actions))
        return text


class Explorer:
    def __init__(self, scenario: Scenario, bound: int | None = None, variant: str | None = None) -> None:
        from model.scenario.world import World

        self.scenario = scenario
        self.bound = bound or DEFAULT_BOUND
        self.world = World(scenario, variant=variant)
        self.model = self.world.model
        self.nodes: list[_Node] = []
        self.aliases: dict[str, str] = {}
        self.step_end: dict[str, dict[int, int]] = {}  # step id -> node id -> end time (ns)
        self.marks: dict[str, int] = {}                 # step id -> step index

    # --- bookkeeping -----------------------------------------------------------------------

    def _add(self, state: Any, parent: int | None, action: Any, step_index: int) -> int:
        self.nodes.append(_Node(state, parent, action, step_index))
        return len(self.nodes) - 1

    def _path(self, nid: int) -> list[_Node]:
        out = []
        cur: int | None = nid
        while cur is not None:
            out.append(self.nodes[cur])
            cur = self.nodes[cur].parent
        return out[::-1]

    def _view(self, nid: int, needs_history: bool) -> conditions.View:
        created: dict[str, Any] = {}
        if needs_history and self.marks:
            seen: dict[tuple[str, str], int] = {}
            order: list[tuple[str, tuple[str, ...]]] = []
            boundary: dict[int, int] = {}
            for node in self._path(nid):
                for pod in self.world.pods(node.state):
                    key = (pod.metadata.name, pod.metadata.uid)
                    if key not in seen:
                        seen[key] = len(order)
                        order.append((pod.metadata.name, tuple(c.name for c in pod.spec.containers)))
                boundary[node.step_index] = len(order)
            for sid, idx in self.marks.items():
                created[sid] = tuple(order[boundary.get(idx, len(order)):])
        return self.world.view(self.nodes[nid].state, created)

    def _fail(self, outcome: ExploreOutcome, step: Step, nid: int, message: str) -> ExploreOutcome:
        outcome.ok = False
        state = self.nodes[nid].state
        seconds = (self.world.now(state) - self.world.start_time) / NANOS
        outcome.failure = StepFailure(step, message, seconds)
        result = ScenarioResult(self.scenario, failure=outcome.failure, world=self.world, seconds=seconds)
        result.trace = [TraceEntry(n.action, n.state, n.step_index) for n in self._path(nid)]
        outcome.result = result
        return outcome

    # --- the run ---------------------------------------------------------------------------

    def run(self) -> ExploreOutcome:
        outcome = ExploreOutcome(self.scenario)
        try:
            root = self._add(self.world.initial_state(), None, None, -1)
        except ModelError as exc:
            outcome.ok = False
            outcome.error = f"the cluster could not be built: {exc.message}"
            return outcome
        frontier = [root]
        for step in self.scenario.steps:
            arg = substitute(step.arg, self.aliases)
            try:
                frontier, problem = self._step(step, arg, frontier, outcome)
            except ModelError as exc:
                outcome.ok = False
                outcome.error = f"{step.label()}: the model rejected this step: {exc.message}"
                return outcome
            except Exception as exc:  # a bug in the model
                from model.scenario.run import _describe_exception

                outcome.ok = False
                outcome.error = f"{step.label()}: internal error in the model: {_describe_exception(exc)}"
                return outcome
            if problem is not None:
                nid, message = problem
                outcome.distinct = len(self.nodes)
                return self._fail(outcome, step, nid, message)
            if not outcome.complete:
                break
            if step.id is not None:
                self.marks[step.id] = step.index
                self.step_end[step.id] = {n: self.world.now(self.nodes[n].state) for n in frontier}
        outcome.distinct = len(self.nodes)
        return outcome

    def _dedupe(self, nids: list[int]) -> list[int]:
        seen: dict[Any, int] = {}
        for n in nids:
            seen.setdefault(self.nodes[n].state, n)
        return list(seen.values())

    def _step(self, step: Step, arg: Any, frontier: list[int],
              outcome: ExploreOutcome) -> tuple[list[int], tuple[int, str] | None]:
        kind = step.kind
        history = "podCreations" in str(arg)
        if kind == "expect":
            for n in frontier:
                problem = conditions.evaluate(arg, self._view(n, history))
                if problem:
                    return frontier, (n, problem)
            return frontier, None
        if kind in ("settle", "wait", "waitFor"):
            return self._span(step, arg or {}, frontier, outcome, history)
        if kind == "stopNode" and "nodeOfPod" in arg:
            # The node is chosen from the first frontier state; aliases are one value per run.
            state = self.nodes[frontier[0]].state
            pods = [p for p in self.world.pods(state) if p.metadata.deletion_timestamp is None
                    and p.spec.node_name and conditions.labels_include(p.metadata.labels, arg["nodeOfPod"]["selector"])]
            if not pods:
                return frontier, (frontier[0], "stopNode: no non-terminating matching pod is on a node")
            pod = min(pods, key=lambda p: p.metadata.name)
            if arg.get("as"):
                self.aliases[arg["as"]] = pod.spec.node_name
                self.aliases[arg["as"] + ".pod"] = pod.metadata.name
            arg = {"node": pod.spec.node_name}
        from model.scenario.world import check_scale_patch, validate_user_writes

        if kind == "patch" and arg.get("subresource") == "scale":
            check_scale_patch(arg)
        out = []
        for n in frontier:
            state = self.nodes[n].state
            last = n
            for action in self.world.user_actions(state, kind, arg):
                before, state = state, self.model.step(state, action)
                validate_user_writes(before, state, self.world.namespace)
                last = self._add(state, last, action, step.index)
            out.append(last)
        return self._dedupe(out), None

    def _span(self, step: Step, arg: dict[str, Any], frontier: list[int], outcome: ExploreOutcome,
              history: bool) -> tuple[list[int], tuple[int, str] | None]:
        from model.system import Tick

        kind = step.kind
        model = self.model
        starts = {n: self.nodes[n].state.clock for n in frontier}
        cond: dict[str, Any] | None = arg.get("condition")
        invs = arg.get("invariants") or [] if kind == "settle" else []

        def origin_ns(root: int) -> int:
            if kind == "waitFor" and "since" in arg:
                ends = self.step_end[arg["since"]]
                # the frontier node descends from exactly one node of the 'since' frontier
                cur: int | None = root
                while cur is not None:
                    if cur in ends:
                        return ends[cur]
                    cur = self.nodes[cur].parent
            return self.world.now(self.nodes[root].state)

        def limit_for(root: int) -> int:
            start = starts[root]
            if kind == "settle":
                return start + int(arg.get("maxSeconds", 600))
            if kind == "wait":
                return start + int(arg["seconds"])
            elapsed = (self.world.now(self.nodes[root].state) - origin_ns(root)) // NANOS
            return start + max(0, int(arg["timeoutSeconds"] - elapsed))

        def holds(nid: int) -> str | None:
            return conditions.evaluate(cond or {}, self._view(nid, history))

        def check(nid: int) -> str | None:
            if kind == "settle" and invs:
                return invariants.check(invs, self._view(nid, False))
            if kind == "wait" and cond is not None:
                p = holds(nid)
                return None if p is None else f"condition stopped holding: {p}"
            return None

        def wait_for_done(nid: int, root: int) -> tuple[bool, str | None]:
            if holds(nid) is not None:
                return False, None
            elapsed = (self.world.now(self.nodes[nid].state) - origin_ns(root)) / NANOS
            nb = arg.get("notBeforeSeconds")
            if nb is not None and elapsed < nb:
                return True, f"condition held after {elapsed:g}s, earlier than notBeforeSeconds {nb}"
            return True, None

        out: list[int] = []
        root_of: dict[int, int] = {}
        queue: deque[int] = deque()
        # Two paths reaching the same state with the same deadline (and, for waitFor, the same
        # origin) have the same futures: explore them once.
        context: dict[int, tuple[int, int]] = {}

        def ctx(root: int) -> tuple[int, int]:
            if root not in context:
                context[root] = (limit_for(root), origin_ns(root) if kind == "waitFor" else 0)
            return context[root]

        seen: set[tuple[Any, tuple[int, int]]] = set()
        for n in frontier:
            problem = check(n)
            if problem:
                return frontier, (n, problem)
            if kind == "waitFor":
                done, problem = wait_for_done(n, n)
                if problem:
                    return frontier, (n, problem)
                if done:
                    out.append(n)
                    continue
            if (self.nodes[n].state, ctx(n)) in seen:
                continue
            root_of[n] = n
            queue.append(n)
            seen.add((self.nodes[n].state, ctx(n)))
        explored = 0
        while queue:
            nid = queue.popleft()
            root = root_of[nid]
            state = self.nodes[nid].state
            limit = ctx(root)[0]
            enabled = list(model.controller_actions(state))
            if not enabled:
                events = [t for t in model.timed_events(state) if t <= limit]
                if events:
                    enabled = [Tick(events[0] - state.clock)]
                elif kind != "settle" and state.clock < limit:
                    enabled = [Tick(limit - state.clock)]
                else:
                    if kind == "waitFor":
                        return out, (nid, f"condition did not hold within {arg['timeoutSeconds']}s: {holds(nid)}")
                    out.append(nid)
                    continue
            for action in enabled:
                new = model.step(state, action)
                key = (new, ctx(root))
                if key in seen:
                    continue
                seen.add(key)
                explored += 1
                child = self._add(new, nid, action, step.index)
                root_of[child] = root
                problem = check(child)
                if problem:
                    return out, (child, problem)
                if kind == "waitFor":
                    done, problem = wait_for_done(child, root)
                    if problem:
                        return out, (child, problem)
                    if done:
                        out.append(child)
                        continue
                queue.append(child)
            if explored >= self.bound and queue:
                # Checked as far as explored; later steps would start from an incomplete
                # frontier, so the exploration ends here (reported as bounded, not as a pass).
                outcome.complete = False
                outcome.bounded_steps.append(step.index)
                return [], None
        return self._dedupe(out), None


def explore_scenario(scenario: Scenario, bound: int | None = None, variant: str | None = None) -> ExploreOutcome:
    """Check ``scenario`` across all interleavings up to ``bound`` distinct states per step."""
    try:
        explorer = Explorer(scenario, bound, variant)
    except ModelError as exc:
        return ExploreOutcome(scenario, ok=False, error=f"the cluster could not be built: {exc.message}")
    return explorer.run()

