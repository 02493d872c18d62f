"""Throughput of the cluster transition system under the bounded model checker (a script, not a test).

    python3 benchmarks/bench_step.py [--bound N]            # the default cluster to bound N (26)
    python3 benchmarks/bench_step.py --exhaustive           # rollout-2-fresh-caches, every property,
                                                            # state space exhausted (~76k states)
    python3 benchmarks/bench_step.py --setup NAME --bound N [--all-properties] [--repeat K]

Prints distinct states, generated states, wall and CPU seconds and distinct states per second. The
exploration is fixed, so the counts must not change between runs; only the time does. On a shared
machine compare CPU seconds (wall time includes waiting for the CPU), measured in the same minute.

Measured (default, bound 26: 4667 distinct, 10999 generated; shared, noisy machine, several runs):
  before (f9c2e4e):                     2.0-2.5 s,  ~1.8-2.3k distinct/s
  bisect without key function:          ~2.0 s,     ~2.3k distinct/s
  map hashes over keys+resourceVersion: 1.65-1.9 s, ~2.4-2.85k distinct/s
  (tried and reverted: memoizing kind listings per map object -- slower.)

The perf round (memo tables, see "Performance" in model/system.py; rare garbage collection in
checkers/bmc.py), CPU seconds on a loaded 2-core machine, before and after in the same minutes:
  default, bound 26, safety properties:         232d172 1.9-2.2 s  ->  1.0 s      (~2x)
  rollout-2-fresh-caches exhaustive, all props: 232d172 46-52 CPU-s (1.5-1.7k distinct/CPU-s)
                                                ->  ~23 CPU-s (3.3k distinct/CPU-s)   (2.0-2.3x)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import invariants  # noqa: E402
from checkers import bmc  # noqa: E402
from checkers.systemspec import build_system  # noqa: E402


def run(setup: str, bound: int, all_properties: bool) -> str:
    model = build_system(None, setup)
    props = invariants.all_properties() if all_properties else invariants.select(kinds=("always",))
    start, cpu = time.monotonic(), time.process_time()
    report = bmc.check(model, props, bound=bound, stop_when_decided=False)
    took, cpu = time.monotonic() - start, time.process_time() - cpu
    return (f"setup={setup} bound={bound} distinct={report.distinct} generated={report.generated} "
            f"complete={report.complete} seconds={took:.2f} cpu={cpu:.2f} "
            f"distinct/s={report.distinct / took:,.0f} distinct/cpu-s={report.distinct / max(cpu, 1e-9):,.0f} "
            f"generated/s={report.generated / took:,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", default="default")
    parser.add_argument("--bound", type=int, default=None)
    parser.add_argument("--all-properties", action="store_true", help="also sometimes/eventually properties")
    parser.add_argument("--exhaustive", action="store_true",
                        help="rollout-2-fresh-caches, every property, to exhaustion")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    setup, bound, every = args.setup, args.bound, args.all_properties
    if args.exhaustive:
        setup, bound, every = "rollout-2-fresh-caches", bound or 1000, True
    for _ in range(args.repeat):
        print(run(setup, bound if bound is not None else 26, every), flush=True)


if __name__ == "__main__":
    main()
