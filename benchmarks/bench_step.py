"""Throughput of the cluster transition system under the bounded model checker (a script, not a test).

    python3 benchmarks/bench_step.py [--bound N]

Explores the default cluster breadth-first to a fixed bound with all safety properties and prints
distinct states, generated states, seconds and states/s. The exploration is fixed, so the counts
must not change between runs; only the time does.

Measured (bound 26: 4667 distinct, 10999 generated; shared, noisy machine, several runs):
  before (f9c2e4e):                     2.0-2.5 s,  ~1.8-2.3k distinct/s
  bisect without key function:          ~2.0 s,     ~2.3k distinct/s
  map hashes over keys+resourceVersion: 1.65-1.9 s, ~2.4-2.85k distinct/s
  (tried and reverted: memoizing kind listings per map object -- slower.)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bound", type=int, default=26)
    args = parser.parse_args()
    model = build_system(None, "default")
    start = time.monotonic()
    report = bmc.check(model, invariants.select(kinds=("always",)), bound=args.bound, stop_when_decided=False)
    took = time.monotonic() - start
    print(f"bound={args.bound} distinct={report.distinct} generated={report.generated} "
          f"seconds={took:.2f} distinct/s={report.distinct / took:,.0f} generated/s={report.generated / took:,.0f}")


if __name__ == "__main__":
    main()
