"""Checker results: tri-state, never a bare bool.

* ``proved`` — holds in every reachable state (the state space was exhausted, or z3 proved it for
  unbounded integers); for a ``sometimes`` property: a witness was found;
* ``bounded`` — no violation in every state up to depth N (exhaustive to the bound only);
* ``sampled`` — no violation in K random runs (Hypothesis);
* ``violated`` — a counterexample trace (or a z3 model) exists;
* ``unknown`` — with the reason (bound reached for reachability, solver timeout, interrupted).

``unknown`` is never success: ``is_ok()`` is true only for proved, bounded and sampled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["proved", "bounded", "sampled", "violated", "unknown", "n/a"]


@dataclass(frozen=True)
class Trace:
    """A run of the model: ``states[0]`` is initial, ``actions[i]`` leads from ``states[i]`` to
    ``states[i+1]``. ``loop`` (for a lasso) is the index the run returns to forever after the last
    state; the last state then equals ``states[loop]``."""

    states: tuple[Any, ...]
    actions: tuple[Any, ...]
    loop: int | None = None
    property: str = ""
    kind: str = "always"
    note: str = ""

    def __len__(self) -> int:
        return len(self.actions)


@dataclass(frozen=True)
class Result:
    """One property checked by one checker."""

    property: str
    checker: str
    status: Status
    detail: str = ""
    trace: Trace | None = None
    stats: dict[str, Any] = field(default_factory=dict, compare=False)
    setup: str = ""  # the named cluster it was checked on, when a run checks several

    def is_ok(self) -> bool:
        return self.status in ("proved", "bounded", "sampled", "n/a")

    def cell(self) -> str:
        """The text of this result in the property × checker table."""
        if self.status == "violated":
            steps = f" ({len(self.trace)} steps)" if self.trace is not None else ""
            return f"VIOLATED{steps}"
        if self.status == "unknown":
            return f"unknown: {self.detail}" if self.detail else "unknown"
        if self.detail:
            return self.detail
        return self.status

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"property": self.property, "checker": self.checker, "status": self.status,
                               "detail": self.detail}
        if self.trace is not None:
            out["traceLength"] = len(self.trace)
            out["lasso"] = self.trace.loop is not None
        if self.stats:
            out["stats"] = self.stats
        if self.setup:
            out["setup"] = self.setup
        return out
