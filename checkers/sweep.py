"""A sweep of the model checker over many small configurations, in parallel.

Each configuration is a rolling update: replicas × (maxSurge, maxUnavailable) pairs × nodes × node
failures. ``--model cluster`` (the default) checks the cluster model
(``checkers.systemspec.rolling_update_config``) to a depth bound — it is too large to exhaust;
``--model rollout`` checks the rollout-level abstraction (``checkers.rollout_model``, pool
placement, node symmetry) *to completion*: every property proved or violated, liveness included.
``--pairs all`` is every integer pair in 0..2 × 0..2 except 0/0 (validation rejects it) plus
25%/25% (``ALL_PAIRS``). Work runs on a
``concurrent.futures.ProcessPoolExecutor`` (one process per core); with ``--dask`` and Dask
installed, on a local Dask cluster instead (the extra is optional: without it the flag says so and
the process pool is used).

    python3 -m checkers.sweep --replicas 1 2 3 --pairs 1/0 0/1 25%/25% --bound 12
    python3 -m checkers.sweep --model rollout --replicas 1 2 3 4 --pairs all --node-failures 1
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Job:
    replicas: int
    surge: int | str
    unavailable: int | str
    nodes: int = 3
    node_failures: int = 0
    bound: int = 12
    seconds: float | None = None
    properties: tuple[str, ...] = ()
    model: str = "cluster"

    def label(self) -> str:
        return (f"replicas={self.replicas} surge={self.surge} unavailable={self.unavailable} "
                f"nodes={self.nodes} failures={self.node_failures}")


ALL_PAIRS: tuple[tuple[int | str, int | str], ...] = (
    *((s, u) for s in range(3) for u in range(3) if (s, u) != (0, 0)), ("25%", "25%"))


def run_rollout_job(job: Job) -> dict[str, Any]:
    """Check one configuration of the rollout-level model to completion (runs in a worker process)."""
    from checkers import bmc
    from checkers.rollout_model import RolloutModel, rollout_properties

    model = RolloutModel(job.replicas, job.surge, job.unavailable, job.nodes, job.node_failures, placement="pool")
    props = [p for p in rollout_properties() if not job.properties or p.name in job.properties]
    start, cpu = time.monotonic(), time.process_time()
    report = bmc.check(model, props, bound=job.bound, key=model.canonical, seconds=job.seconds,
                       stop_when_decided=False)
    # an observation (a `sometimes` that may or may not be reachable) is reported, never a failure
    observations = {p.name for p in props if p.group == "observation"}
    bad = sorted(n for n, r in report.results.items() if n not in observations
                 and (r.status == "violated" or (r.status == "unknown" and report.complete)))
    return {"job": job.label(), "distinct": report.distinct, "depth": report.depth, "complete": report.complete,
            "seconds": round(time.monotonic() - start, 2), "cpu": round(time.process_time() - cpu, 2),
            "violated": bad, "results": {n: r.cell() for n, r in report.results.items()}}


def run_job(job: Job) -> dict[str, Any]:
    """Explore one configuration (runs in a worker process)."""
    if job.model == "rollout":
        return run_rollout_job(job)
    import invariants
    from checkers import bmc
    from checkers.systemspec import build_system

    model = build_system(rolling={"replicas": job.replicas, "surge": job.surge, "unavailable": job.unavailable,
                                  "nodes": job.nodes, "node_failures": job.node_failures})
    props = invariants.select(list(job.properties) or None, kinds=("always",))
    start = time.monotonic()
    report = bmc.check(model, props, bound=job.bound, seconds=job.seconds, stop_when_decided=False)
    return {"job": job.label(), "distinct": report.distinct, "depth": report.depth, "complete": report.complete,
            "seconds": round(time.monotonic() - start, 2),
            "violated": sorted(n for n, r in report.results.items() if r.status == "violated"),
            "results": {n: r.cell() for n, r in report.results.items()}}


def jobs(replicas: Iterable[int], pairs: Iterable[tuple[int | str, int | str]], nodes: int = 3,
         node_failures: int = 0, bound: int = 12, seconds: float | None = None,
         properties: Sequence[str] = (), model: str = "cluster") -> list[Job]:
    return [Job(r, s, u, nodes, node_failures, bound, seconds, tuple(properties), model)
            for r in replicas for s, u in pairs if not (s in (0, "0%") and u in (0, "0%"))]


def sweep(todo: Sequence[Job], workers: int | None = None, use_dask: bool = False) -> list[dict[str, Any]]:
    """Run every job; results in job order."""
    if use_dask:
        try:
            import dask  # noqa: F401
            from dask.distributed import Client, LocalCluster
        except ImportError:
            print("sweep: dask is not installed; using a process pool", file=sys.stderr)
        else:
            with LocalCluster(n_workers=workers or os.cpu_count() or 1) as cluster, Client(cluster) as client:
                return list(client.gather(client.map(run_job, todo)))
    # the largest configurations first, so that no worker is left with a big one at the end
    order = sorted(range(len(todo)), key=lambda i: -todo[i].replicas)
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        done = dict(zip(order, pool.map(run_job, [todo[i] for i in order]), strict=True))
    return [done[i] for i in range(len(todo))]


def _pair(text: str) -> tuple[int | str, int | str]:
    s, _, u = text.partition("/")

    def one(x: str) -> int | str:
        return x if x.endswith("%") else int(x)
    return one(s), one(u)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m checkers.sweep", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--replicas", type=int, nargs="+", default=[1, 2, 3])
    p.add_argument("--model", choices=["cluster", "rollout"], default="cluster",
                   help="cluster: the full model to --bound; rollout: the rollout-level abstraction, to completion")
    p.add_argument("--pairs", nargs="+", default=["1/0", "0/1", "1/1", "25%/25%"],
                   help="maxSurge/maxUnavailable pairs, or 'all' (ALL_PAIRS)")
    p.add_argument("--nodes", type=int, default=3)
    p.add_argument("--node-failures", type=int, default=0)
    p.add_argument("--bound", type=int, default=None, help="depth bound (default 12; rollout: unbounded)")
    p.add_argument("--seconds", type=float, default=None, help="budget per configuration")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--dask", action="store_true", help="run on a local Dask cluster (optional extra)")
    args = p.parse_args(argv)
    pairs = list(ALL_PAIRS) if args.pairs == ["all"] else [_pair(x) for x in args.pairs]
    bound = args.bound if args.bound is not None else (10_000 if args.model == "rollout" else 12)
    todo = jobs(args.replicas, pairs, args.nodes, args.node_failures, bound, args.seconds, model=args.model)
    start = time.monotonic()
    bad = 0
    for res in sweep(todo, args.workers, args.dask):
        flag = "VIOLATED " + ", ".join(res["violated"]) if res["violated"] else "ok"
        if args.model == "rollout" and not res["complete"]:
            flag += " (NOT exhausted)"
        bad += bool(res["violated"]) or (args.model == "rollout" and not res["complete"])
        cpu = f" (cpu {res['cpu']}s)" if "cpu" in res else ""
        print(f"{res['job']}: {res['distinct']} states, depth {res['depth']}, {res['seconds']}s{cpu} — {flag}")
    print(f"{len(todo)} configurations in {time.monotonic() - start:.1f}s, {bad} with violations"
          + (" or not exhausted" if args.model == "rollout" else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
