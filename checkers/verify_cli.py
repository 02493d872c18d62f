"""``kubeproof verify``, ``kubeproof variants`` and ``kubeproof replay``.

``verify`` checks every property of the catalogue (``invariants``) on one cluster with three
checkers — z3 proofs over unbounded integers, the bounded model checker and seeded random runs —
prints a property × checker table (proved / exhaustive to bound N / no violation in K runs /
VIOLATED / unknown), and writes a report under ``reports/runs/<time>/`` (summary.md,
summary.json, and an ITF + Markdown file pair per counterexample). Exit status 1 when a property
is VIOLATED.

The default cluster's state space is too large to exhaust in minutes, so the model checker reports
"exhaustive to bound N". A setup small enough to exhaust, where every property is *proved*:
``kubeproof verify --setup rollout-2-fresh-caches --seconds 300`` (a two-replica rollout whose
caches never lag; about a minute of model checking).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from checkers.results import Result
from model.errors import ModelError

CHECKERS = ("z3", "bmc", "simulation")


def register(sub: Any) -> None:
    """Add ``verify``, ``variants`` and ``replay`` to the ``kubeproof`` parser."""
    p = sub.add_parser("verify", help="check every property with z3, the bounded model checker and random runs",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bound", type=int, default=None, metavar="N",
                   help="depth bound of the model checker (default: as deep as --seconds allows, at most 60)")
    p.add_argument("--seconds", type=float, default=120.0, metavar="S",
                   help="time budget for the whole run (default 120)")
    p.add_argument("--config", metavar="CLUSTER.yaml", help="cluster file (nodes, faults, maxSeconds...)")
    p.add_argument("--manifests", nargs="+", metavar="FILE", help="manifests to deploy instead of the default cluster")
    p.add_argument("--setup", default=None, metavar="NAME",
                   help="a named small cluster (see `kubeproof variants`); default: the built-in cluster")
    p.add_argument("--property", action="append", metavar="NAME", help="check only this property (repeatable)")
    p.add_argument("--variant", metavar="NAME", help="check a known-bad model variant (see `kubeproof variants`)")
    p.add_argument("--runs", type=int, default=40, metavar="K", help="random runs (default 40)")
    p.add_argument("--reports", default="reports/runs", metavar="DIR", help="where to write the report")
    p.add_argument("--no-z3", action="store_true", help="skip the z3 proofs")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=cmd_verify)

    v = sub.add_parser("variants", help="list the known-bad model variants and the property that catches each")
    v.set_defaults(func=cmd_variants)

    r = sub.add_parser("replay", help="re-execute a counterexample trace (FILE.itf.json) and confirm it")
    r.add_argument("file", metavar="FILE.itf.json")
    r.set_defaults(func=cmd_replay)


# ----------------------------------------------------------------------------------------------


def _model_and_spec(args: argparse.Namespace) -> tuple[Any, Any]:
    from checkers.systemspec import EXPECTED, build_system, spec_for

    if args.config and not args.manifests:
        raise ModelError("Invalid", "--config needs --manifests (the cluster file describes nodes, not workloads)",
                         field="--config")
    for flag, path in [*(("--manifests", m) for m in args.manifests or []), *([("--config", args.config)] if args.config else [])]:
        if not Path(path).exists():  # a directory of manifests is fine (kubectl apply -f DIR); the loaders say the rest
            raise ModelError("NotFound", f"{path}: no such file or directory", field=flag)
    setup = args.setup
    if setup is None:
        setup = EXPECTED[args.variant][0] if args.variant in EXPECTED and not args.manifests else "default"
    spec = spec_for(args.variant, setup, args.manifests, args.config)
    return build_system(args.variant, setup, args.manifests, args.config), spec


def cmd_verify(args: argparse.Namespace) -> int:
    import invariants
    from checkers import bmc, smt, stateful

    props = invariants.select(args.property)
    model, spec = _model_and_spec(args)
    progress = not args.quiet
    start = time.monotonic()
    budget = max(args.seconds, 1.0)
    results: list[Result] = []

    if not args.no_z3:
        names = [p.name for p in props]
        z3_results = [r for r in smt.results() if r.property in names]
        results.extend(z3_results)
        if progress:
            print(f"z3: {len(z3_results)} obligations in {time.monotonic() - start:.1f}s", file=sys.stderr)

    bound = args.bound if args.bound is not None else 60
    bmc_seconds = None if args.bound is not None else budget * 0.6
    from checkers.symmetry import key_function

    report = bmc.check(model, props, bound=bound, seconds=bmc_seconds, key=key_function(model),
                       progress=bmc.Progress(enabled=progress, every=2.0))
    results.extend(report.results.values())

    if not report.interrupted:  # Ctrl-C during the model check: report what was found, then stop
        left = max(budget - (time.monotonic() - start), budget * 0.15)
        sim = stateful.simulate(model, props, runs=args.runs, steps=600, seconds=left, progress=False)
        results.extend(sim.values())
        if progress:
            print(f"simulation: {args.runs} runs done in {time.monotonic() - start:.1f}s total", file=sys.stderr)

    table = render_table(props, results)
    print(table)
    out_dir = write_report(Path(args.reports), props, results, spec, report, args, table)
    print(f"\nreport: {out_dir / 'summary.md'}")
    violated = [r for r in results if r.status == "violated"]
    if violated:
        print(f"{len({r.property for r in violated})} propert{'y' if len(violated) == 1 else 'ies'} VIOLATED")
        return 1
    return 130 if report.interrupted else 0


def _cell(results: list[Result], prop: str, checker: str) -> str:
    rs = [r for r in results if r.property == prop and r.checker == checker]
    if not rs:
        return "—"
    bad = [r for r in rs if r.status == "violated"]
    if bad:
        return bad[0].cell()
    unknown = [r for r in rs if r.status == "unknown"]
    if unknown:
        return unknown[0].cell()
    if checker == "z3":
        return f"proved ({len(rs)})" if len(rs) > 1 else rs[0].cell()
    return rs[0].cell()


def render_table(props: Any, results: list[Result]) -> str:
    rows = [("property", "kind", *CHECKERS)]
    for p in props:
        rows.append((p.name, p.kind, *(_cell(results, p.name, c) for c in CHECKERS)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_report(root: Path, props: Any, results: list[Result], spec: Any, report: Any,
                 args: argparse.Namespace, table: str) -> Path:
    from checkers.traces import write_atomic, write_trace

    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = root / stamp
    n = 1
    while out.exists():
        n += 1
        out = root / f"{stamp}-{n}"
    docs = {p.name: p.doc for p in props}
    files: dict[str, list[str]] = {}
    for r in results:
        if r.trace is None or r.status not in ("violated",):
            continue
        stem = out / "traces" / f"{r.property}.{r.checker}"
        itf_path, md_path = write_trace(r.trace, spec, stem, title=f"{r.property} violated ({r.checker})",
                                        doc=docs.get(r.property, ""))
        files.setdefault(r.property, []).extend([str(itf_path.relative_to(out)), str(md_path.relative_to(out))])
    summary = {
        "model": spec.to_json(),
        "bmc": report.stats(),
        "args": {"bound": args.bound, "seconds": args.seconds, "runs": args.runs, "variant": args.variant,
                 "property": args.property},
        "results": [r.to_json() for r in results],
        "traces": files,
        "violated": sorted({r.property for r in results if r.status == "violated"}),
    }
    write_atomic(out / "summary.json", json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    md = [f"# kubeproof verify — {stamp}", "",
          f"* model: `{spec.factory}` {json.dumps(spec.args, sort_keys=True)}",
          f"* model checker: {report.distinct} distinct states, depth {report.depth}, "
          f"{'complete' if report.complete else report.stop_reason or 'bounded'}", "",
          "```", table, "```", ""]
    if files:
        md += ["## Counterexamples", ""]
        for prop, paths in sorted(files.items()):
            md += [f"* `{prop}`: " + ", ".join(f"[{p}]({p})" for p in paths)]
        md += [""]
    md += ["How to read a trace: see reports/README.md. Replay one with "
           "`python3 -m checkers.cli replay FILE.itf.json`.", ""]
    write_atomic(out / "summary.md", "\n".join(md))
    return out


# ----------------------------------------------------------------------------------------------


def cmd_variants(args: argparse.Namespace) -> int:
    from checkers.systemspec import EXPECTED
    from model.variants import VARIANTS

    rows = [("variant", "status", "caught by", "setup", "what goes wrong")]
    for name, v in VARIANTS.items():
        setup, prop = EXPECTED.get(name, ("—", "— (" + v.breaks.split(" (")[0] + ")"))
        rows.append((name, v.status, prop, setup, v.description))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for i, r in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
        if i == 0:
            print("  ".join("-" * w for w in widths) + "  " + "-" * 15)
    print("\nCheck one: kubeproof verify --variant NAME  (from a checkout: python3 -m checkers.cli verify --variant NAME)")
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from checkers.symmetry import key_for
    from checkers.traces import load_itf, replay

    doc = load_itf(Path(args.file))
    try:
        outcome = replay(doc, key=key_for)
    except ModelError as exc:  # the model the trace records cannot be rebuilt here
        where = f"{exc.field}: " if exc.field and exc.field not in exc.message else ""
        raise ModelError(exc.kind, f"{args.file}: cannot replay: {where}{exc.message}") from None
    print(outcome.message)
    return 0 if outcome.confirmed else 1
