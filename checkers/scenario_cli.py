"""``kubeproof scenario run FILE... [--trace DIR] [--seed N] [--explore [--bound N]]``.

Runs scenario files (``docs/spec/SCENARIOS.md``) on the model and prints, per scenario, ``PASS``
or the first failing step with the condition that failed and the state of the objects involved,
then ``N passed, N failed``. Exit status 2 when a file is not a valid scenario (it is listed as
``INVALID`` with every problem, and counted as failed), else 1 when any scenario fails, else 0.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Any

from model.errors import ModelError
from model.scenario.parse import ScenarioFileError, load_scenario


def register(sub: Any) -> None:
    """Add ``scenario run`` to the ``kubeproof`` parser."""
    p = sub.add_parser("scenario", help="run scenario files (Kubernetes e2e behaviour) on the model")
    ssub = p.add_subparsers(dest="scenario_command", metavar="SUBCOMMAND")
    ssub.required = True
    from model.scenario.world import INTERLEAVING

    run = ssub.add_parser("run", help="run scenario files and report the first failing step of each",
                          description="Run scenario files (SCENARIOS.md) on the model. Prints PASS or the "
                                      "first failing step of each, then 'N passed, N failed'; exit 1 on "
                                      "any failure.",
                          epilog="Interleavings.\n" + INTERLEAVING,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files (or directories of them)")
    run.add_argument("--trace", metavar="DIR", help="write each run as ITF (.itf.json) and Markdown to DIR")
    run.add_argument("--seed", type=int, metavar="N",
                     help="use the seeded random fair interleaving instead of the deterministic one")
    run.add_argument("--explore", action="store_true",
                     help="check every expect/waitFor/settle invariant across all interleavings")
    run.add_argument("--bound", type=int, default=None, metavar="N",
                     help="with --explore: at most N distinct states explored per step (default 10000)")
    run.add_argument("--variant", metavar="NAME", help=argparse.SUPPRESS)
    run.set_defaults(func=_run)


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            files = sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith((".yaml", ".yml")))
            if not files:
                raise ModelError("Invalid", f"{p}: a directory with no scenario files (*.yaml, *.yml)")
            out.extend(files)
        else:
            out.append(p)
    return out


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _run(args: argparse.Namespace) -> int:
    from model.scenario.run import run_scenario

    if args.bound is not None and args.bound <= 0:
        raise ModelError("Invalid", f"--bound: Invalid value: {args.bound}: must be greater than 0")
    if args.variant is not None:
        from model.variants import VARIANTS

        if args.variant not in VARIANTS:
            raise ModelError("Invalid", f"--variant: Unsupported value: {args.variant!r}; known: "
                             + ", ".join(VARIANTS))
    if args.trace and os.path.exists(args.trace) and not os.path.isdir(args.trace):
        raise ModelError("Invalid", f"--trace {args.trace}: not a directory (traces are written as "
                         "DIR/<scenario>.itf.json and DIR/<scenario>.md)")
    if args.trace:
        try:  # before the runs: asked-for traces that cannot be written are an input error, not a warning
            os.makedirs(args.trace, exist_ok=True)
        except OSError as exc:
            raise ModelError("Invalid", f"--trace {args.trace}: cannot create the directory: "
                             f"{exc.strerror or exc}") from None
    passed = failed = bounded = invalid = 0
    interrupted = False
    try:
        for path in _expand(args.files):
            try:
                scenario = load_scenario(path)
            except (ScenarioFileError, OSError, UnicodeDecodeError, RecursionError) as exc:
                failed += 1
                invalid += 1
                print(f"INVALID {path}")
                for p in _problems(exc):
                    print(f"    {path}: {p}")
                continue
            if args.explore:
                from model.scenario.explore import explore_scenario

                outcome = explore_scenario(scenario, bound=args.bound, variant=args.variant)
                if outcome.ok and not outcome.complete:
                    bounded += 1
                    print(f"BOUNDED {scenario.name}: no step broken as far as explored ({outcome.summary()})")
                elif outcome.ok:
                    passed += 1
                    print(f"PASS {scenario.name} (explored {outcome.summary()})")
                else:
                    failed += 1
                    print(f"FAIL {scenario.name} (explored {outcome.summary()})")
                    print(_indent(outcome.render()))
                if args.trace and outcome.result is not None:
                    _write_trace(args.trace, outcome.result)
                continue
            result = run_scenario(scenario, seed=args.seed, record_trace=bool(args.trace), variant=args.variant)
            if result.passed:
                passed += 1
                print(f"PASS {scenario.name} ({len(scenario.steps)} steps, {result.seconds:g}s simulated)")
            else:
                failed += 1
                print(f"FAIL {scenario.name} ({path})")
                if result.error:
                    print(_indent(result.error))
                elif result.failure:
                    print(_indent(result.failure.render()))
            if args.trace:
                _write_trace(args.trace, result)
    except KeyboardInterrupt:
        # Ctrl-C: keep the results so far and say how far the run got.
        interrupted = True
    extra = f", {bounded} bounded" if bounded else ""
    print(f"{passed} passed, {failed} failed{extra}{' (interrupted)' if interrupted else ''}")
    if interrupted:
        print("kubeproof: interrupted", file=sys.stderr)
        return 130
    if invalid:
        print(f"kubeproof: error: {invalid} file(s) are not valid scenarios (see INVALID above; the format is "
              "in SCENARIOS.md)", file=sys.stderr)
        return 2
    return 1 if failed else 0


def _problems(exc: Exception) -> list[str]:
    """The problems of an unreadable scenario file, in user terms (no parser internals)."""
    if isinstance(exc, UnicodeDecodeError):
        return ["not a UTF-8 text file (a scenario is YAML)"]
    if isinstance(exc, RecursionError):
        return ["not valid YAML: nested too deeply"]
    if isinstance(exc, OSError):
        return [f"cannot read file: {exc.strerror or exc}"]
    problems = list(getattr(exc, "problems", []) or [str(exc)])
    # PyYAML names the stream "<unicode string>"; the file name is already on the line.
    return [re.sub(r'\s*in "<unicode string>"', "", str(p)) for p in problems]


def _write_trace(directory: str, result: Any) -> None:
    from model.scenario.tracing import write_trace

    try:
        paths = write_trace(directory, result)
    except OSError as exc:
        print(f"    trace not written: {exc}", file=sys.stderr)
        return
    print(f"    trace: {', '.join(paths)}")
