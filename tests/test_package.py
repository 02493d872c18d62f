"""The package's entry points exist and the conformance surface answers unknown ops as Unsupported."""

from __future__ import annotations

from checkers.cli import build_parser
from model.conformance import evaluate


def test_unknown_operation_is_unsupported_not_an_exception() -> None:
    out = evaluate("no.such_op", {})
    assert out["error"]["kind"] == "Unsupported"


def test_cli_has_the_documented_subcommands() -> None:
    parser = build_parser()
    text = parser.format_help()
    for command in ("verify", "conform", "simulate", "scenario"):
        assert command in text
