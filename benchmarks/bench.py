"""Benchmarks of the checkers, printed as tables (a script, not a timed test).

    python3 benchmarks/bench.py            # everything (several minutes)
    python3 benchmarks/bench.py --quick    # smaller sizes

* distinct states/s (wall and CPU) of the model checker: the default cluster to a bound, and a
  rollout explored to exhaustion with every property (rollout-2-fresh-caches; rollout-1 with --quick);
* time to exhaust small rollouts (every property proved);
* states with and without symmetry reduction (the toy model declares its symmetry; the cluster
  model is not name-symmetric, see checkers/symmetry.py);
* time to verify rolling updates, replicas 1..10 × (maxSurge, maxUnavailable) pairs, on 3 nodes
  with one node failure, to a fixed bound;
* the rollout-level model (checkers/rollout_model.py): states with and without node symmetry and
  the pool placement, and the time to verify rolling updates *exhaustively* (every property proved,
  liveness included) over every (maxSurge, maxUnavailable) pair on 3 nodes with one node failure;
  ``--rollout-only`` runs just these two sections;
* z3 proof times per obligation;
* time to the first counterexample of each known-bad variant.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import invariants  # noqa: E402
from checkers import bmc, smt  # noqa: E402
from checkers.systemspec import EXPECTED, build_system  # noqa: E402
from checkers.toy import ToyModel, toy_properties  # noqa: E402


def table(title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n## {title}\n")
    for i, r in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    sys.stdout.flush()


def throughput(bound: int, exhaustive_setup: str) -> None:
    rows = []
    for setup, depth, props in (("default", bound, invariants.select(kinds=("always",))),
                                (exhaustive_setup, 1000, invariants.all_properties())):
        model = build_system(None, setup)
        start, cpu = time.monotonic(), time.process_time()
        report = bmc.check(model, props, bound=depth, stop_when_decided=False)
        took, cpu = time.monotonic() - start, time.process_time() - cpu
        rows.append((setup, "exhausted" if report.complete else depth, report.distinct, report.generated,
                     f"{took:.1f}", f"{cpu:.1f}", f"{report.distinct / took:,.0f}",
                     f"{report.distinct / max(cpu, 1e-9):,.0f}"))
    table("Model checker throughput (default: safety properties; rollout: every property)",
          ("setup", "bound", "distinct", "generated", "seconds", "cpu seconds", "distinct/s", "distinct/cpu-s"),
          rows)


def exhaustive(setups: list[str]) -> None:
    rows = []
    for setup in setups:
        start = time.monotonic()
        report = bmc.check(build_system(None, setup), invariants.all_properties(), bound=1000)
        took = time.monotonic() - start
        verdicts = sorted({r.status for r in report.results.values()})
        rows.append((setup, report.distinct, report.depth, "yes" if report.complete else "no", f"{took:.1f}",
                     ", ".join(verdicts)))
    table("Exhaustive proofs (every property, state space exhausted)",
          ("setup", "distinct", "depth", "complete", "seconds", "verdicts"), rows)


def symmetry(sizes: list[int]) -> None:
    rows = []
    for r in sizes:
        m = ToyModel(r, 1, 1, faults=True)
        plain = bmc.check(m, toy_properties(), bound=60, stop_when_decided=False)
        reduced = bmc.check(m, toy_properties(), bound=60, key=m.canonical, stop_when_decided=False)
        rows.append((f"toy replicas={r}, faults", plain.distinct, reduced.distinct,
                     f"{plain.distinct / max(reduced.distinct, 1):.1f}x", f"{plain.seconds:.2f}s / {reduced.seconds:.2f}s"))
    table("Symmetry reduction (states without / with)", ("model", "without", "with", "reduction", "time"), rows)


def rolling_sweep(replicas: list[int], bound: int, seconds: float) -> None:
    from checkers.sweep import jobs, sweep

    pairs: list[tuple[int | str, int | str]] = [(1, 0), (0, 1), (1, 1), ("25%", "25%")]
    todo = jobs(replicas, pairs, nodes=3, node_failures=1, bound=bound, seconds=seconds)
    start = time.monotonic()
    results = sweep(todo)
    rows = [(r["job"], r["distinct"], r["depth"], r["seconds"], ", ".join(r["violated"]) or "none") for r in results]
    table(f"Rolling updates on 3 nodes with one node failure, bound {bound} "
          f"({len(todo)} configurations, {time.monotonic() - start:.1f}s wall)",
          ("configuration", "distinct", "depth", "seconds", "violated"), rows)


def rollout_symmetry(cases: list[tuple[int, int, int]]) -> None:
    from checkers.rollout_model import RolloutModel, rollout_properties

    rows = []
    for replicas, nodes, failures in cases:
        counts = []
        for symmetric, placement in ((False, "nodes"), (True, "nodes"), (True, "pool")):
            m = RolloutModel(replicas, 1, 1, nodes, failures, symmetry=symmetric, placement=placement)
            report = bmc.check(m, rollout_properties(), bound=10_000, key=m.canonical if symmetric else None,
                               stop_when_decided=False)
            counts.append((report.distinct, report.seconds))
        rows.append((f"replicas={replicas} 1/1 nodes={nodes} failures={failures}",
                     *(f"{n:,} ({t:.1f}s)" for n, t in counts)))
    table("Rollout model: distinct states (node-ordered / node multiset / healthy nodes pooled)",
          ("configuration", "node-ordered", "sorted nodes", "pool"), rows)


def rollout_sweep(replicas: list[int], failures: int = 1) -> None:
    from checkers.sweep import ALL_PAIRS, jobs, sweep

    todo = jobs(replicas, ALL_PAIRS, nodes=3, node_failures=failures, bound=10_000, model="rollout")
    start = time.monotonic()
    results = sweep(todo)
    wall = time.monotonic() - start
    per: dict[int, list[dict[str, object]]] = {}
    for job, res in zip(todo, results, strict=True):
        per.setdefault(job.replicas, []).append(res)
    rows = []
    for r, group in per.items():
        states = [int(str(g["distinct"])) for g in group]
        bad = [str(g["job"]) for g in group if g["violated"] or not g["complete"]]
        rows.append((r, len(group), f"{min(states):,}..{max(states):,}",
                     f"{sum(float(str(g['cpu'])) for g in group):.1f}", ", ".join(bad) or "none"))
    table(f"Rollout model, exhaustive: every pair, 3 nodes, {failures} node failure(s) "
          f"({len(todo)} configurations, {wall:.1f}s wall on {os.cpu_count()} cores)",
          ("replicas", "configs", "distinct", "cpu seconds", "violated or not exhausted"), rows)


def z3_times() -> None:
    rows = []
    for ob in smt.OBLIGATIONS:
        outcome, text = smt.discharge(ob)
        rows.append((ob.name, ob.expect, type(outcome).__name__, f"{outcome.seconds:.3f}"))
    table("z3 obligations", ("obligation", "expected", "outcome", "seconds"), rows)


def variants() -> None:
    rows = []
    for name, (setup, prop) in EXPECTED.items():
        p = invariants.get(prop)
        start = time.monotonic()
        report = bmc.check(build_system(name, setup), [p], bound=40 if p.kind != "eventually" else 8)
        r = report.results[prop]
        rows.append((name, prop, r.status, len(r.trace) if r.trace else "—", report.distinct,
                     f"{time.monotonic() - start:.2f}"))
    table("Time to the first counterexample per variant",
          ("variant", "property", "result", "steps", "distinct", "seconds"), rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rollout-only", action="store_true", help="only the rollout-model sections")
    args = ap.parse_args()
    print("# kubeproof benchmarks")
    if args.rollout_only:
        rollout_symmetry([(2, 2, 0), (2, 3, 1), (3, 3, 1)] if not args.quick else [(2, 2, 0), (2, 3, 1)])
        rollout_sweep(list(range(1, 4)) if args.quick else list(range(1, 11)))
        return 0
    throughput(14 if args.quick else 22, "rollout-1-fresh-caches" if args.quick else "rollout-2-fresh-caches")
    exhaustive(["rollout-1-fresh-caches"] if args.quick else ["rollout-1-fresh-caches", "rollout-2-fresh-caches"])
    symmetry([2, 3] if args.quick else [2, 3, 4])
    rollout_symmetry([(2, 2, 0), (2, 3, 1)] if args.quick else [(2, 2, 0), (2, 3, 1), (3, 3, 1)])
    z3_times()
    variants()
    rolling_sweep(list(range(1, 4)) if args.quick else list(range(1, 11)), 8 if args.quick else 12,
                  20.0 if args.quick else 60.0)
    rollout_sweep(list(range(1, 4)) if args.quick else list(range(1, 11)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
