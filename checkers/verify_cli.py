"""``kubeproof verify``, ``kubeproof variants`` and ``kubeproof replay``.

``verify`` checks every property of the catalogue (``invariants``) with three checkers — z3 proofs
over unbounded integers, the explicit-state model checker (bmc) and a Hypothesis exploration — and
prints a property × checker table: proved / exhaustive to bound N / no violation in K runs /
reached / VIOLATED / unknown (never success). It writes a report under ``reports/runs/<time>/``
(summary.md, summary.json, and an ITF + Markdown file pair per counterexample). Exit status 1 when
a property is VIOLATED, 130 when interrupted (the report of what was found is still written).

Without --setup, --manifests or --variant, verify runs its default suite: small clusters (each a
story: a rollout, an undo, a scale-up, lagging caches, a Recreate rollout, leader election, an HPA)
that the model checker explores completely, so its cells say "proved on ..." — then the built-in
default cluster (2 replicas, lagging caches), too large to exhaust: "exhaustive to bound N" within
the time left. The Hypothesis exploration runs K shrinking, reproducible runs on every cluster;
a violation is shrunk to a short trace. A first table lists the clusters (numbered), the second
names them by number in its cells.

With --setup NAME (see `kubeproof variants` and checkers/systemspec.py), --manifests FILE... or
--variant NAME (the variant's own small cluster), verify checks that one cluster.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkers.results import Result
from model.errors import ModelError

CHECKERS = ("z3", "bmc", "hypothesis")


def register(sub: Any) -> None:
    """Add ``verify``, ``variants`` and ``replay`` to the ``kubeproof`` parser."""
    p = sub.add_parser("verify", help="check every property with z3, the model checker and Hypothesis",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bound", type=int, default=None, metavar="N",
                   help="depth bound of the model checker (default: as deep as --seconds allows)")
    p.add_argument("--seconds", type=float, default=120.0, metavar="S",
                   help="time budget for the whole run (default 120)")
    p.add_argument("--config", metavar="CLUSTER.yaml", help="cluster file (nodes, faults, maxSeconds...)")
    p.add_argument("--manifests", nargs="+", metavar="FILE|DIR", help="manifests to deploy instead of the default suite")
    p.add_argument("--setup", default=None, metavar="NAME",
                   help="check one named small cluster (see `kubeproof variants`); default: the default suite")
    p.add_argument("--property", action="append", metavar="NAME", help="check only this property (repeatable)")
    p.add_argument("--variant", metavar="NAME", help="check a known-bad model variant (see `kubeproof variants`)")
    p.add_argument("--runs", type=int, default=40, metavar="K", help="Hypothesis runs per cluster (default 40)")
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


@dataclass
class Cluster:
    """One cluster a verify run checks: its model, how to rebuild it, and what was found on it."""

    label: str                     # the setup's name ("manifests" for --manifests)
    story: str
    model: Any
    spec: Any
    exhaust: bool = True           # a small cluster of the suite, meant to be explored completely
    skip: tuple[str, ...] = ()
    why_skip: str = ""
    bmc: Any = None                # the BmcReport
    results: list[Result] = field(default_factory=list)
    hypothesis_seconds: float = 0.0


def _check_paths(args: argparse.Namespace) -> None:
    if args.config and not args.manifests:
        raise ModelError("Invalid", "--config needs --manifests (the cluster file describes nodes, not workloads)",
                         field="--config")
    for flag, path in [*(("--manifests", m) for m in args.manifests or []), *([("--config", args.config)] if args.config else [])]:
        if not Path(path).exists():  # a directory of manifests is fine (kubectl apply -f DIR); the loaders say the rest
            raise ModelError("NotFound", f"{path}: no such file or directory", field=flag)


def _model_and_spec(args: argparse.Namespace) -> tuple[Any, Any]:
    from checkers.systemspec import EXPECTED, build_system, spec_for

    _check_paths(args)
    setup = args.setup
    if setup is None:
        setup = EXPECTED[args.variant][0] if args.variant in EXPECTED and not args.manifests else "default"
    spec = spec_for(args.variant, setup, args.manifests, args.config)
    return build_system(args.variant, setup, args.manifests, args.config), spec


def clusters_for(args: argparse.Namespace) -> list[Cluster]:
    """The clusters a verify run checks: the one named by --setup/--manifests/--variant, or the
    default suite followed by the built-in default cluster."""
    from checkers.systemspec import DEFAULT_SUITE, build_system, spec_for

    if args.setup or args.manifests or args.variant or args.config:
        model, spec = _model_and_spec(args)
        label = "manifests" if args.manifests else str(spec.args.get("setup", "default"))
        from model.manifests import REPLICATED_KINDS

        if args.manifests and not any(getattr(o, "kind", "") in REPLICATED_KINDS for o in model.config.objects):
            # a bare Pod or Service has no controller whose promises the properties state
            raise ModelError("Invalid", f"{', '.join(args.manifests)}: nothing to verify: no "
                             "Deployment, ReplicaSet or ReplicationController among the manifests",
                             field="--manifests")
        # a cluster of the suite leaves out the same properties on its own (its story cannot reach them)
        entry = next((s for s in DEFAULT_SUITE if s.setup == label and not args.manifests), None)
        return [Cluster(label, "", model, spec, exhaust=False, skip=entry.skip if entry else (),
                        why_skip=entry.why_skip if entry else "")]
    out = [Cluster(s.setup, s.story, build_system(None, s.setup), spec_for(None, s.setup), skip=s.skip,
                   why_skip=s.why_skip) for s in DEFAULT_SUITE]
    out.append(Cluster("default", "the built-in cluster: 2 replicas, lagging caches",
                       build_system(None, "default"), spec_for(None, "default"), exhaust=False))
    return out


def _say(progress: bool, text: str) -> None:
    if progress:
        print(text, file=sys.stderr, flush=True)


def cmd_verify(args: argparse.Namespace) -> int:
    import invariants
    from checkers import bmc, smt, stateful
    from checkers.symmetry import key_function

    props = invariants.select(args.property)
    clusters = clusters_for(args)
    suite = len(clusters) > 1
    progress = not args.quiet
    start = time.monotonic()
    budget = max(args.seconds, 1.0)
    z3_results: list[Result] = []
    interrupted = False

    def left() -> float:
        return budget - (time.monotonic() - start)

    def checked(c: Cluster) -> list[Any]:
        return [p for p in props if p.name not in c.skip]

    try:
        if not args.no_z3:
            names = [p.name for p in props]
            z3_results = [r for r in smt.results() if r.property in names]
            _say(progress, f"z3: {len(z3_results)} obligations in {time.monotonic() - start:.1f}s")

        # 1. the model checker: the small clusters completely (bounded by a share of the budget on a
        # slow machine), then the large one as deep as the time left allows
        small = [c for c in clusters if c.exhaust]
        for i, c in enumerate(small):
            share = max(left() * 0.5 / (len(small) - i), 1.0)
            c.bmc = bmc.check(c.model, checked(c), bound=args.bound if args.bound is not None else 1000,
                              seconds=share, key=key_function(c.model))
            c.results.extend(_tag(c.bmc.results.values(), c))
            _say(progress, f"bmc [{i + 1}/{len(small)}] {c.label}: {_bmc_summary(c)} in {c.bmc.seconds:.1f}s")
            if c.bmc.interrupted:
                raise KeyboardInterrupt
        hyp_share = 0.35 if suite else 0.4
        for c in clusters:
            if c.exhaust:
                continue
            bound = args.bound if args.bound is not None else 60
            seconds = None if args.bound is not None else float(round(max(left() * (1 - hyp_share), budget * 0.1)))
            c.bmc = bmc.check(c.model, checked(c), bound=bound, seconds=seconds, key=key_function(c.model),
                              progress=bmc.Progress(label=f"bmc {c.label}", enabled=progress, every=2.0))
            c.results.extend(_tag(c.bmc.results.values(), c))
            if c.bmc.interrupted:
                raise KeyboardInterrupt

        # 2. Hypothesis on every cluster, sharing what is left of the budget
        for i, c in enumerate(clusters):
            share = max(left() / (len(clusters) - i), budget * 0.15 / len(clusters))
            t0 = time.monotonic()
            found = stateful.explore(c.model, checked(c), examples=args.runs, steps=60 if not c.exhaust else 40,
                                     seconds=share)
            c.hypothesis_seconds = time.monotonic() - t0
            c.results.extend(_tag(found.values(), c))
            runs = max((r.stats.get("runs", 0) for r in found.values()), default=0)
            _say(progress, f"hypothesis {c.label}: {runs} runs in {c.hypothesis_seconds:.1f}s")
    except KeyboardInterrupt:
        interrupted = True
        _say(progress, "interrupted: reporting what was found so far")

    for c in clusters:
        for name in c.skip:
            if any(p.name == name for p in props):
                c.results.extend(Result(name, checker, "n/a", f"not checked here: {c.why_skip}", setup=c.label)
                                 for checker in ("bmc", "hypothesis"))
    results = [*z3_results, *(r for c in clusters for r in c.results)]
    table = render_suite(props, z3_results, clusters) if suite else render_table(props, results)
    print(table)
    out_dir = write_report(Path(args.reports), props, z3_results, clusters, args, table, interrupted)
    print(f"\nreport: {out_dir / 'summary.md'}")
    violated = sorted({r.property for r in results if r.status == "violated"})
    if violated:
        print(f"{len(violated)} propert{'y' if len(violated) == 1 else 'ies'} VIOLATED")
        return 1
    return 130 if interrupted else 0


def _tag(results: Any, c: Cluster) -> list[Result]:
    return [dataclasses.replace(r, setup=c.label, stats=dict(r.stats)) for r in results]


# ----------------------------------------------------------------------------------------------
# tables


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


def _grid(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_table(props: Any, results: list[Result]) -> str:
    """One cluster: a row per property, a column per checker."""
    rows: list[tuple[str, ...]] = [("property", "kind", *CHECKERS)]
    for p in props:
        rows.append((p.name, p.kind, *(_cell(results, p.name, c) for c in CHECKERS)))
    return _grid(rows)


def _numbers(ns: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3,5"."""
    parts: list[str] = []
    i = 0
    while i < len(ns):
        j = i
        while j + 1 < len(ns) and ns[j + 1] == ns[j] + 1:
            j += 1
        parts.append(f"{ns[i]}-{ns[j]}" if j - i >= 2 else ",".join(str(n) for n in ns[i:j + 1]))
        i = j + 1
    return ",".join(parts)


def suite_cell(prop: Any, checker: str, clusters: list[Cluster]) -> str:
    """The cell of one property and one exploring checker over the numbered clusters.

    "proved on 1-8" (or "reached") names the clusters whose exploration proved it — for the model
    checker, those it explored completely; "bound N on 9": exhaustive to bound N only; Hypothesis'
    runs add up over the clusters."""
    groups: dict[str, list[int]] = {}
    bounds: dict[int, list[int]] = {}
    runs = 0
    violated: list[tuple[int, Result]] = []
    for n, c in enumerate(clusters, 1):
        r = next((r for r in c.results if r.property == prop.name and r.checker == checker), None)
        if r is None or r.status == "n/a":
            continue
        if r.status == "violated":
            violated.append((n, r))
        elif r.status == "proved":
            groups.setdefault("reached" if prop.kind == "sometimes" else "proved", []).append(n)
        elif r.status == "bounded":
            bounds.setdefault(_bound_of(r, int(r.stats.get("depth", 0))), []).append(n)
        elif r.status == "sampled":
            runs += int(r.stats.get("settled" if prop.kind == "eventually" else "runs", 0))
        else:
            groups.setdefault("unknown", []).append(n)
    parts: list[str] = []
    if violated:
        steps = min(len(r.trace) for _, r in violated if r.trace is not None) if any(
            r.trace is not None for _, r in violated) else None
        parts.append(f"VIOLATED on {_numbers([n for n, _ in violated])}"
                     + (f" ({steps} steps)" if steps is not None else ""))
    for word in ("proved", "reached"):
        if word in groups:
            parts.append(f"{word} on {_numbers(groups[word])}")
    for bound, ns in sorted(bounds.items()):
        parts.append(f"bound {bound} on {_numbers(ns)}")
    if runs:
        parts.append(f"no violation in {runs} runs")
    if "unknown" in groups:
        parts.append(f"unknown on {_numbers(groups['unknown'])}")
    return "; ".join(parts) if parts else "not applicable"


def _bound_of(r: Result, fallback: int) -> int:
    m = re.search(r"bound (\d+)", r.detail)
    return int(m.group(1)) if m else fallback


def render_suite(props: Any, z3_results: list[Result], clusters: list[Cluster]) -> str:
    """The clusters (numbered), then a row per property whose cells name the clusters by number."""
    rows: list[tuple[str, ...]] = [("#", "cluster", "story", "bmc", "hypothesis")]
    for n, c in enumerate(clusters, 1):
        rows.append((str(n), c.label, c.story, _bmc_summary(c), _hypothesis_summary(c)))
    head = _grid(rows)
    rows = [("property", "kind", *CHECKERS)]
    for p in props:
        rows.append((p.name, p.kind, _cell(z3_results, p.name, "z3"),
                     suite_cell(p, "bmc", clusters), suite_cell(p, "hypothesis", clusters)))
    legend = ("proved on 1-8: the model checker explored clusters 1-8 completely; bound N on 9: every run of "
              "up to N steps\nof cluster 9 checked (exhaustive to bound N); runs: Hypothesis runs over all "
              "clusters; reached: a witness.")
    return head + "\n\n" + _grid(rows) + "\n\n" + legend


def _bmc_summary(c: Cluster) -> str:
    r = c.bmc
    if r is None:
        return "not run"
    if r.complete:
        return f"{r.distinct:,} states, complete"
    bounded = [x for x in c.results if x.checker == "bmc" and x.status == "bounded"]
    bound = _bound_of(bounded[0], r.depth) if bounded else r.depth
    return f"{r.distinct:,} states, bound {bound}" + (" (interrupted)" if r.interrupted else "")


def _hypothesis_summary(c: Cluster) -> str:
    runs = max((int(r.stats.get("runs", 0)) for r in c.results if r.checker == "hypothesis"), default=None)
    return "not run" if runs is None else f"{runs} runs"


# ----------------------------------------------------------------------------------------------
# the report


def write_report(root: Path, props: Any, z3_results: list[Result], clusters: list[Cluster],
                 args: argparse.Namespace, table: str, interrupted: bool = False) -> Path:
    from checkers.traces import write_atomic, write_trace

    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = root / stamp
    n = 1
    while out.exists():
        n += 1
        out = root / f"{stamp}-{n}"
    suite = len(clusters) > 1
    docs = {p.name: p.doc for p in props}
    files: dict[str, list[str]] = {}
    for c in clusters:
        for r in c.results:
            if r.trace is None or r.status != "violated":
                continue
            name = f"{r.property}.{r.checker}" + (f".{c.label}" if suite else "")
            itf_path, md_path = write_trace(r.trace, c.spec, out / "traces" / name,
                                            title=f"{r.property} violated ({r.checker})",
                                            doc=docs.get(r.property, ""))
            files.setdefault(r.property, []).extend([str(itf_path.relative_to(out)),
                                                     str(md_path.relative_to(out))])
    results = [*z3_results, *(r for c in clusters for r in c.results)]
    summary: dict[str, Any] = {
        "suite": suite,
        "clusters": [{"setup": c.label, "story": c.story, "model": c.spec.to_json(),
                      "bmc": c.bmc.stats() if c.bmc is not None else None,
                      "hypothesisSeconds": round(c.hypothesis_seconds, 3),
                      "skipped": {name: c.why_skip for name in c.skip}} for c in clusters],
        "args": {"bound": args.bound, "seconds": args.seconds, "runs": args.runs, "variant": args.variant,
                 "setup": args.setup, "property": args.property},
        "interrupted": interrupted,
        "results": [r.to_json() for r in results],
        "traces": files,
        "violated": sorted({r.property for r in results if r.status == "violated"}),
    }
    if not suite:  # one cluster: its model and exploration at the top level, as before the suite
        summary["model"] = clusters[0].spec.to_json()
        summary["bmc"] = clusters[0].bmc.stats() if clusters[0].bmc is not None else None
    write_atomic(out / "summary.json", json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    md = [f"# kubeproof verify — {stamp}", ""]
    for c in clusters:
        r = c.bmc
        explored = "not explored" if r is None else (
            f"{r.distinct} distinct states, depth {r.depth}, "
            f"{'complete' if r.complete else r.stop_reason or 'bounded'}")
        md.append(f"* `{c.label}`: `{c.spec.factory}` {json.dumps(c.spec.args, sort_keys=True)} — "
                  f"model checker: {explored}"
                  + (f"; not checked here: {', '.join(c.skip)} ({c.why_skip})" if c.skip else ""))
    if interrupted:
        md.append("* interrupted: the results are what was found until then")
    md += ["", "```", table, "```", ""]
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
