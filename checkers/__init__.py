"""Drivers over the one transition system in ``model/``: stateful tests, BMC, z3 proofs, traces, CLI."""
