"""An explicit-state bounded model checker over the one transition system.

Breadth-first search from ``model.init_states()`` to a depth bound, over ``model.actions(state)`` and
``model.step(state, action)``. Each distinct state (after symmetry reduction, see
``checkers.symmetry``) is kept once with a parent link, so the first violation of each property is
found at the smallest depth and its trace is the shortest one. Because the representative kept for a
state is exactly the successor of its parent's representative, every trace is concrete: it replays
action by action.

Results per property are tri-state (``checkers.results``): proved (the state space was exhausted),
exhaustive to bound N, violated (with a trace), unknown (why). ``sometimes`` properties yield a
witness trace; one that no state satisfies is violated when the space was exhausted, unknown when
only a bound was reached.

Liveness (``eventually``, read as ``<>[]P`` once users and faults have stopped) is decided on the
explored graph (networkx): the edges whose category is in ``FAIR_CATEGORIES`` (controllers and
time) form the "faults have stopped" subgraph; a strongly connected component of it that is *weakly
fair* (every fair action enabled in all of its states is taken inside it) and contains a state
violating P is a lasso counterexample; so is a violating state with no fair successor at all (the
run stutters there forever).

Progress goes to stderr (states, distinct, depth, states/s); Ctrl-C stops the search and the
results say what was found so far.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

import networkx as nx

from checkers.results import Result, Trace
from invariants.property import Property
from model.errors import ModelError

FAIR_CATEGORIES = frozenset({"controller", "time"})


@dataclass
class Progress:
    """Rate-limited progress lines on a stream (stderr by default)."""

    label: str = "bmc"
    stream: TextIO | None = None
    every: float = 1.0
    enabled: bool = True
    _last: float = 0.0
    _start: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.stream is None:
            self.stream = sys.stderr

    def report(self, *, states: int, distinct: int, depth: int, force: bool = False, extra: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.every:
            return
        self._last = now
        elapsed = max(now - self._start, 1e-9)
        rate = states / elapsed
        assert self.stream is not None
        print(f"{self.label}: depth {depth}, states {states}, distinct {distinct}, "
              f"{rate:,.0f} states/s, {elapsed:.1f}s{extra}", file=self.stream, flush=True)


@dataclass
class BmcReport:
    """What one exploration found: a result per property plus the exploration's statistics."""

    results: dict[str, Result]
    distinct: int
    generated: int
    depth: int
    complete: bool
    interrupted: bool
    seconds: float
    stop_reason: str = ""

    def stats(self) -> dict[str, Any]:
        return {"distinct": self.distinct, "generated": self.generated, "depth": self.depth,
                "complete": self.complete, "interrupted": self.interrupted,
                "seconds": round(self.seconds, 3), "stopReason": self.stop_reason}


def successor(model: Any, state: Any, action: Any) -> Any | None:
    """``model.step``, except that a user action the cluster refuses (kubectl's error, a
    ``ModelError``) has no successor: the user simply got an error and nothing changed."""
    try:
        return model.step(state, action)
    except ModelError:
        if _category(action) == "user":
            return None
        raise


def identity_key(state: Any) -> Any:
    return state


def _category(action: Any) -> str:
    return str(getattr(action, "category", "controller"))


class _Explorer:
    def __init__(self, model: Any, properties: Sequence[Property], key: Callable[[Any], Any],
                 keep_graph: bool) -> None:
        self.model = model
        self.properties = properties
        self.key = key
        self.keep_graph = keep_graph
        self.ids: dict[Any, int] = {}
        self.states: list[Any] = []
        self.parent: list[tuple[int, Any] | None] = []
        self.depth: list[int] = []
        self.expanded: list[bool] = []
        # fair edges (src, dst, action text) for liveness
        self.edges: list[tuple[int, int, str]] = []
        self.generated = 0

    def add(self, state: Any, parent: tuple[int, Any] | None, depth: int) -> tuple[int, bool]:
        k = self.key(state)
        found = self.ids.get(k)
        if found is not None:
            return found, False
        sid = len(self.states)
        self.ids[k] = sid
        self.states.append(state)
        self.parent.append(parent)
        self.depth.append(depth)
        self.expanded.append(False)
        return sid, True

    def trace_to(self, sid: int) -> tuple[list[Any], list[Any]]:
        states: list[Any] = []
        actions: list[Any] = []
        cur: int | None = sid
        while cur is not None:
            states.append(self.states[cur])
            link = self.parent[cur]
            if link is None:
                cur = None
            else:
                actions.append(link[1])
                cur = link[0]
        states.reverse()
        actions.reverse()
        return states, actions


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """Python's cyclic garbage collector runs after every few hundred allocations and, in its older
    generations, walks every object alive; an exploration keeps every state alive and allocates
    millions of acyclic frozen values, so the collector took about a third of the checker's time
    finding nothing. It runs rarely during an exploration (not never: a cycle is still freed) and
    as before afterwards. Only time changes."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 100_000), max(old[1], 50), max(old[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def check(
    model: Any,
    properties: Iterable[Property],
    *,
    bound: int = 10,
    key: Callable[[Any], Any] | None = None,
    max_states: int | None = None,
    seconds: float | None = None,
    progress: Progress | None = None,
    stop_when_decided: bool = True,
) -> BmcReport:
    """Explore ``model`` breadth-first to depth ``bound`` and decide each property.

    ``key`` maps a state to its canonical form (symmetry reduction); identity by default.
    ``max_states``/``seconds`` are budgets: reaching one leaves undecided properties unknown.
    """
    with _rare_collections():
        return _check(model, properties, bound=bound, key=key, max_states=max_states, seconds=seconds,
                      progress=progress, stop_when_decided=stop_when_decided)


def _check(
    model: Any,
    properties: Iterable[Property],
    *,
    bound: int,
    key: Callable[[Any], Any] | None,
    max_states: int | None,
    seconds: float | None,
    progress: Progress | None,
    stop_when_decided: bool,
) -> BmcReport:
    props = [p for p in properties if p.applies(model)]
    not_applicable = [p for p in properties if not p.applies(model)]
    always = [p for p in props if p.kind == "always"]
    sometimes = [p for p in props if p.kind == "sometimes"]
    eventually = [p for p in props if p.kind == "eventually"]
    ex = _Explorer(model, props, key or identity_key, keep_graph=bool(eventually))
    progress = progress or Progress(enabled=False)
    violated: dict[str, Result] = {}
    witnessed: dict[str, Result] = {}
    start = time.monotonic()
    interrupted = False
    stop_reason = ""
    depth_reached = 0
    full_depth = 0

    def check_state(sid: int) -> None:
        state = ex.states[sid]
        for p in always:
            if p.name not in violated and not p.holds(model, state):
                s, a = ex.trace_to(sid)
                violated[p.name] = _violation(p, s, a, f"violated at depth {ex.depth[sid]}")
        for p in sometimes:
            if p.name not in witnessed and p.holds(model, state):
                s, a = ex.trace_to(sid)
                witnessed[p.name] = Result(p.name, "bmc", "proved",
                                           f"reached in {len(a)} steps",
                                           Trace(tuple(s), tuple(a), None, p.name, p.kind))

    def decided() -> bool:
        return (not eventually and all(p.name in violated for p in always)
                and all(p.name in witnessed for p in sometimes))

    frontier: list[int] = []
    try:
        for init in model.init_states():
            sid, new = ex.add(init, None, 0)
            if new:
                check_state(sid)
                frontier.append(sid)
        depth = 0
        while frontier and depth < bound:
            if stop_when_decided and decided():
                stop_reason = "every property decided"
                break
            next_frontier: list[int] = []
            for sid in frontier:
                state = ex.states[sid]
                for action in model.actions(state):
                    succ = successor(model, state, action)
                    if succ is None:
                        continue
                    ex.generated += 1
                    for p in always:
                        if p.step is not None and p.name not in violated and \
                                not p.check_step(model, state, action, succ):
                            s, a = ex.trace_to(sid)
                            violated[p.name] = _violation(p, [*s, succ], [*a, action],
                                                          f"violated by step {len(a) + 1}")
                    tid, new = ex.add(succ, (sid, action), depth + 1)
                    if ex.keep_graph and _category(action) in FAIR_CATEGORIES:
                        ex.edges.append((sid, tid, str(action)))
                    if new:
                        check_state(tid)
                        next_frontier.append(tid)
                ex.expanded[sid] = True
                progress.report(states=ex.generated, distinct=len(ex.states), depth=depth + 1)
                if max_states is not None and len(ex.states) >= max_states:
                    stop_reason = f"state budget {max_states} reached"
                    break
                if seconds is not None and time.monotonic() - start > seconds:
                    stop_reason = f"time budget {seconds:g}s reached"
                    break
            depth += 1
            depth_reached = depth
            if stop_reason:
                break
            full_depth = depth
            frontier = next_frontier
    except KeyboardInterrupt:
        interrupted = True
        stop_reason = "interrupted"
    elapsed = time.monotonic() - start
    complete = not frontier and not stop_reason and not interrupted
    if not frontier and stop_reason == "every property decided":
        complete = True
    progress.report(states=ex.generated, distinct=len(ex.states), depth=depth_reached, force=True,
                    extra=" (done)" if complete else f" ({stop_reason or f'bound {bound}'})")

    results: dict[str, Result] = {}
    bound_text = f"exhaustive to bound {bound}"
    for p in always:
        if p.name in violated:
            results[p.name] = violated[p.name]
        elif complete:
            results[p.name] = Result(p.name, "bmc", "proved", f"proved ({len(ex.states)} states)")
        elif interrupted and full_depth == 0:
            results[p.name] = Result(p.name, "bmc", "unknown", f"{stop_reason} before depth 1 was explored")
        elif stop_reason and stop_reason != "every property decided":
            results[p.name] = Result(p.name, "bmc", "bounded",
                                     f"exhaustive to bound {full_depth} ({stop_reason})")
        else:
            results[p.name] = Result(p.name, "bmc", "bounded", bound_text)
    for p in sometimes:
        if p.name in witnessed:
            results[p.name] = witnessed[p.name]
        elif complete:
            results[p.name] = Result(p.name, "bmc", "violated", "unreachable: no reachable state satisfies it")
        else:
            scope = f"bound {full_depth} ({stop_reason})" if stop_reason else f"bound {bound}"
            results[p.name] = Result(p.name, "bmc", "unknown", f"not reached within {scope}")
    for p in eventually:
        if interrupted:
            results[p.name] = Result(p.name, "bmc", "unknown", "interrupted before the liveness check")
            continue
        scope = bound_text if not stop_reason else f"bound {full_depth} ({stop_reason})"
        results[p.name] = _check_liveness(ex, p, complete, scope)
    for p in not_applicable:
        results[p.name] = Result(p.name, "bmc", "n/a", "not applicable to this configuration")
    report = BmcReport(results, len(ex.states), ex.generated, depth_reached, complete, interrupted, elapsed,
                       stop_reason)
    for r in results.values():
        r.stats.update(report.stats())
    return report


def _violation(p: Property, states: list[Any], actions: list[Any], detail: str) -> Result:
    return Result(p.name, "bmc", "violated", detail, Trace(tuple(states), tuple(actions), None, p.name, p.kind))


# ----------------------------------------------------------------------------------------------
# liveness


def _check_liveness(ex: _Explorer, p: Property, complete: bool, scope: str) -> Result:
    model = ex.model
    graph, expanded, components = _fair_graph(ex)
    bad_cache: dict[int, bool] = {}

    def bad(sid: int) -> bool:
        if sid not in bad_cache:
            bad_cache[sid] = not p.holds(model, ex.states[sid])
        return bad_cache[sid]

    # states with no fair successor at all (explored: everything else is frontier) stutter forever
    stuck: list[int] = []
    for sid in expanded:
        if not any(True for _ in _fair_out(ex, sid)) and bad(sid):
            stuck.append(sid)
    candidates: list[tuple[int, list[Any], int | None]] = []
    if stuck:
        sid = min(stuck, key=lambda s: ex.depth[s])
        candidates.append((ex.depth[sid], [sid], None))
    for comp in components:
        comp_set = set(comp)
        if len(comp_set) == 1:
            (only,) = comp_set
            if not graph.has_edge(only, only):
                continue
        bad_states = [s for s in comp_set if bad(s)]
        if not bad_states:
            continue
        if not _weakly_fair(graph, comp_set):
            continue
        entry = min(bad_states, key=lambda s: ex.depth[s])
        cycle = _fair_cycle(graph, comp_set, entry)
        if cycle is None:
            continue
        candidates.append((ex.depth[entry], [entry], 0))
        candidates[-1] = (ex.depth[entry], cycle, 0)
    if not candidates:
        if complete:
            return Result(p.name, "bmc", "proved", f"proved: no fair lasso ({len(ex.states)} states)")
        return Result(p.name, "bmc", "bounded", f"no fair lasso within {scope}")
    candidates.sort(key=lambda c: (c[0], len(c[1])))
    _, cycle, _ = candidates[0]
    entry = cycle[0]
    states, actions = ex.trace_to(entry)
    loop = len(states) - 1
    if len(cycle) == 1:
        note = "the run stops here: no controller can act, and the property never holds"
        return Result(p.name, "bmc", "violated", "a stuck state where it never holds",
                      Trace(tuple(states), tuple(actions), loop, p.name, p.kind, note))
    # cycle is [entry, a1, s1, a2, s2, ..., entry] flattened as node, label, node, ...
    nodes: list[int] = cycle[0::2]
    labels: list[str] = cycle[1::2]
    for text, node in zip(labels, nodes[1:], strict=True):
        action, succ = _follow(model, ex.key, states[-1], ex.key(ex.states[node]), text)
        actions.append(action)
        states.append(succ)
    note = "a fair cycle on which the property does not stay true"
    return Result(p.name, "bmc", "violated", f"fair lasso with a {len(labels)}-step cycle",
                  Trace(tuple(states), tuple(actions), loop, p.name, p.kind, note))


def _fair_graph(ex: _Explorer) -> tuple[Any, list[int], list[set[int]]]:
    """The fair subgraph of the explored states, its expanded states and its strongly connected
    components: the same for every liveness property of one exploration, so built once."""
    cached = getattr(ex, "_fair_graph", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    graph = nx.MultiDiGraph()
    enabled_index: dict[int, set[str]] = {}
    for src, _dst, label in ex.edges:
        enabled_index.setdefault(src, set()).add(label)
    graph.graph["enabled"] = enabled_index
    expanded = [sid for sid in range(len(ex.states)) if ex.expanded[sid]]
    graph.add_nodes_from(expanded)
    for src, dst, label in ex.edges:
        if ex.expanded[dst]:
            graph.add_edge(src, dst, action=label)
    built = (graph, expanded, list(nx.strongly_connected_components(graph)))
    ex._fair_graph = built  # type: ignore[attr-defined]
    return built


def _fair_out(ex: _Explorer, sid: int) -> Iterable[str]:
    # enabled fair actions (from the recorded edges; computed lazily once)
    cache = getattr(ex, "_fair_index", None)
    if cache is None:
        cache = {}
        for src, _dst, label in ex.edges:
            cache.setdefault(src, set()).add(label)
        ex._fair_index = cache  # type: ignore[attr-defined]
    return cache.get(sid, set())


def _enabled(graph: Any, sid: int) -> set[str]:
    """Every fair action enabled in ``sid`` — including those leading to unexplored states, which
    the graph leaves out (a cycle that ignores one of them is not fair)."""
    index = graph.graph.get("enabled")
    if index is not None:
        return set(index.get(sid, ()))
    return {d["action"] for _, _, d in graph.out_edges(sid, data=True)}


def _weakly_fair(graph: Any, comp: set[int]) -> bool:
    """Every action enabled in all states of ``comp`` is taken by an edge inside ``comp``."""
    always_enabled: set[str] | None = None
    for s in comp:
        en = _enabled(graph, s)
        always_enabled = en if always_enabled is None else always_enabled & en
        if not always_enabled:
            return True
    taken = {d["action"] for u, v, d in graph.edges(comp, data=True) if v in comp}
    return not (always_enabled or set()) - taken


def _fair_cycle(graph: Any, comp: set[int], entry: int) -> list[Any] | None:
    """A cycle through ``entry`` inside ``comp`` that is weakly fair: node, action, node, ..., entry."""
    sub = graph.subgraph(comp)
    inner = [(u, v, d["action"]) for u, v, d in sub.edges(data=True)]
    path: list[Any] = [entry]
    taken: set[str] = set()
    visited: set[int] = {entry}

    def go(target: int) -> None:
        cur = path[-1]
        if cur == target:
            return
        hops = nx.shortest_path(sub, cur, target)
        for a, b in zip(hops, hops[1:], strict=False):
            label = next(iter(sub.get_edge_data(a, b).values()))["action"]
            path.extend([label, b])
            taken.add(label)
            visited.add(b)

    def take(u: int, v: int, label: str) -> None:
        go(u)
        path.extend([label, v])
        taken.add(label)
        visited.add(v)

    for _ in range(len(comp) + 8):
        common: set[str] | None = None
        for s in visited:
            en = _enabled(graph, s)
            common = en if common is None else common & en
        missing = sorted((common or set()) - taken)
        if not missing:
            break
        for label in missing:
            edge = next(((u, v) for u, v, lab in inner if lab == label), None)
            if edge is None:
                # never taken inside: visit a state where it is disabled instead
                where = next((s for s in comp if label not in _enabled(graph, s)), None)
                if where is None:
                    return None
                go(where)
            else:
                take(edge[0], edge[1], label)
    if path[-1] != entry or len(path) == 1:
        if len(path) == 1:
            # a self-loop cycle
            loop_label = next((lab for u, v, lab in inner if u == entry and v == entry), None)
            if loop_label is None:
                out = next((lab_v for lab_v in ((lab, v) for u, v, lab in inner if u == entry)), None)
                if out is None:
                    return None
                path.extend([out[0], out[1]])
                taken.add(out[0])
                go(entry)
            else:
                path.extend([loop_label, entry])
        else:
            go(entry)
    return path


def _follow(model: Any, key: Callable[[Any], Any], state: Any, target: Any, text: str) -> tuple[Any, Any]:
    """The action from the concrete ``state`` that reaches the canonical state ``target``, preferring
    the recorded action text (under symmetry reduction the same step may name another pod)."""
    actions = sorted(model.actions(state), key=lambda a: str(a) != text)
    for action in actions:
        succ = model.step(state, action)
        if key(succ) == target:
            return action, succ
    raise RuntimeError(f"cannot rebuild the lasso step {text!r}: the model is not symmetric under the key")
