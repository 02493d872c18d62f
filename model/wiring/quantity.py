"""Quantity parsing for the wiring: the foundation's ``model.quantity`` when present, else a
minimal STAND-IN that handles the forms manifests use (``500m``, ``2``, ``128Mi``, ``1G``)."""

from __future__ import annotations

import importlib
import math

_SUFFIX = {
    "": 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15, "E": 10**18,
    "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60,
}


def milli_value(text: str) -> int:
    """``resource.Quantity.MilliValue()`` (rounded up, as Kubernetes does)."""
    try:
        q = importlib.import_module("model.quantity")
        fn = getattr(q, "milli_value", None)
        if fn is not None:
            return int(fn(text))
    except ImportError:
        pass
    s = str(text).strip()
    if s.endswith("m"):
        return math.ceil(float(s[:-1]))
    for suf in sorted(_SUFFIX, key=len, reverse=True):
        if suf and s.endswith(suf):
            return math.ceil(float(s[: -len(suf)]) * _SUFFIX[suf] * 1000)
    return math.ceil(float(s) * 1000)
