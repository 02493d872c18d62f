"""Conformance operations of the ``validation`` (deployment.validate, set_defaults, validate_status*) group (see CONFORMANCE.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {}
