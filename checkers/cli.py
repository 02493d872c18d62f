"""The ``kubeproof`` command line.

Each subcommand lives in its own module and adds itself with ``register(subparsers)``; this file only
assembles them, so that a user error anywhere becomes one clear line and exit status 2, never a
traceback. Exit statuses: 0 fine, 1 a property VIOLATED / cases failed, 2 bad usage or input,
3 an internal error (a bug; ``KUBEPROOF_DEBUG=1`` shows the traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import sys
from collections.abc import Sequence

from model.errors import ModelError

# module name -> the subcommands it registers
_COMMAND_MODULES = (
    "checkers.verify_cli",     # verify, variants, replay
    "checkers.conform_cli",    # conform serve|run|check
    "checkers.simulate_cli",   # simulate
    "checkers.scenario_cli",   # scenario run
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kubeproof",
        description="An executable, formally checked model of Kubernetes workload controllers.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


# (command, option attribute, flag, smallest allowed value): numeric options whose subcommand does not
# range-check them itself; a negative budget or bound would otherwise be silently taken as "none".
_MINIMUMS = (("verify", "seconds", "--seconds", 0), ("verify", "bound", "--bound", 0),
             ("verify", "runs", "--runs", 0))


def _check_ranges(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    for command, attr, flag, least in _MINIMUMS:
        value = getattr(args, attr, None)
        if args.command != command or value is None:
            continue
        if not math.isfinite(value):
            # nan compares false with everything: a nan budget would never run out
            parser.exit(2, f"{parser.prog} {command}: error: argument {flag}: invalid value {value}: "
                           "must be a finite number\n")
        if value < least:
            parser.exit(2, f"{parser.prog} {command}: error: argument {flag}: invalid value {value:g}: "
                           f"must be greater than or equal to {least}\n")
    reports = getattr(args, "reports", None)
    if args.command == "verify" and reports:
        # found before a run of minutes, not when its report is written
        if os.path.exists(reports) and not os.path.isdir(reports):
            parser.exit(2, f"{parser.prog} verify: error: argument --reports: {reports} is not a directory\n")
        existing = os.path.abspath(reports)
        while not os.path.exists(existing):  # the directory is made later; its nearest existing ancestor
            existing = os.path.dirname(existing)
        if not os.path.isdir(existing) or not os.access(existing, os.W_OK):
            parser.exit(2, f"{parser.prog} verify: error: argument --reports: cannot create {reports} "
                           f"({existing} is not a writable directory)\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_ranges(parser, args)
    try:
        return int(args.func(args) or 0)
    except ModelError as exc:
        # The field leads unless the message already names it (located messages put the file first).
        where = f"{exc.field}: " if exc.field and exc.field not in exc.message else ""
        print(f"kubeproof: error: {where}{exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kubeproof: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``kubeproof ... | head``): not an error of ours; silence the flush at exit.
        sys.stderr.close()
        return 0
    except OSError as exc:
        # A file the user named could not be read or written (a directory, a missing folder...).
        name = f"{exc.filename}: " if exc.filename else ""
        print(f"kubeproof: error: {name}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"kubeproof: error: an input file is not UTF-8 text ({exc.reason} at byte {exc.start})",
              file=sys.stderr)
        return 2
    except RecursionError:
        # Python's parsers recurse per level of nesting: an input nested thousands deep lands here.
        print("kubeproof: error: an input is nested too deeply to read", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, never a wall of traceback
        if os.environ.get("KUBEPROOF_DEBUG"):
            raise
        print(f"kubeproof: internal error: {type(exc).__name__}: {exc}\n"
              "  (a bug in kubeproof; rerun with KUBEPROOF_DEBUG=1 for the traceback and report it)",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
