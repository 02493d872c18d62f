"""The ``kubeproof`` command line.

Each subcommand lives in its own module and adds itself with ``register(subparsers)``; this file only
assembles them, so that a user error anywhere becomes one clear line and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ModelError as exc:
        where = f"{exc.field}: " if exc.field and not exc.message.startswith(exc.field) else ""
        print(f"kubeproof: error: {where}{exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kubeproof: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
