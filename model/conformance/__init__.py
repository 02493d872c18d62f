"""The conformance surface: ``evaluate(op, input)`` over the catalogue in CONFORMANCE.md.

Each group of operations lives in a module of this package named for the Kubernetes package whose
decision it mirrors (``intstr``, ``labels``, ``controller``, ``replicaset``, ``deployment``,
``scheduler``, ``nodelifecycle``, ``gc``, ``hpa``, ``autoscaler``, ``validation``). A module exposes ``OPS``, a mapping
from op name to a function ``dict -> dict``; those functions only translate JSON to model values and
back, the decisions themselves live in ``model/``.

``evaluate`` never raises: a bad input, a wrong shape or an internal failure becomes an error output.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from model.errors import ModelError, error_output

OpFn = Callable[[Mapping[str, Any]], dict[str, Any]]

_GROUPS = (
    "intstr",
    "labels",
    "controller",
    "replicaset",
    "deployment",
    "scheduler",
    "nodelifecycle",
    "gc",
    "hpa",
    "autoscaler",
    "validation",
)


def _load_ops() -> dict[str, OpFn]:
    ops: dict[str, OpFn] = {}
    for group in _GROUPS:
        module = importlib.import_module(f"{__name__}.{group}")
        for name, fn in getattr(module, "OPS", {}).items():
            if name in ops:
                raise RuntimeError(f"conformance op {name!r} registered twice")
            ops[name] = fn
    return ops


_OPS: dict[str, OpFn] | None = None


def operations() -> dict[str, OpFn]:
    """Model-only: the registered operations, by name (the catalogue of CONFORMANCE.md)."""
    global _OPS
    if _OPS is None:
        _OPS = _load_ops()
    return _OPS


def evaluate(op: str, input: Mapping[str, Any]) -> dict[str, Any]:
    """Model-only: evaluate one catalogue operation on a JSON input.

    Each operation mirrors the Kubernetes function its group module names; failures are outputs,
    never exceptions (CONFORMANCE.md, "Errors")."""
    fn = operations().get(op)
    if fn is None:
        return {"error": {"kind": "Unsupported", "message": f"operation {op!r} is not implemented"}}
    if not isinstance(input, Mapping):
        return {"error": {"kind": "Invalid", "message": "input must be a JSON object"}}
    try:
        return fn(input)
    except ModelError as exc:
        return error_output(exc)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError, RecursionError) as exc:
        # ArithmeticError: a zero divisor or an out-of-range number in the input (2**63 seconds, 1e400)
        return {"error": {"kind": "Invalid", "message": f"malformed input for {op}: {exc!r}"}}
