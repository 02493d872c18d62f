"""Subcommands registered by ``conform_cli`` (under construction)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add this module's subcommands to the ``kubeproof`` parser."""
    name = "conform"
    p = sub.add_parser(name, help=f"{name} (not available yet)")
    p.set_defaults(func=_unavailable)


def _unavailable(args: argparse.Namespace) -> int:
    print(f"kubeproof: '{args.command}' is not available in this build yet", file=sys.stderr)
    return 2
