"""``Property``: a named claim about the cluster model, as data.

Three kinds, as in TLA+ and Stateright:

* ``always`` (safety) — ``holds(model, state)`` must be true in every reachable state; a property
  about *transitions* (e.g. "a pod is bound at most once") also gives ``step(model, before, action,
  after)``, checked on every explored edge;
* ``sometimes`` (reachability) — some reachable state satisfies ``holds``; a model in which "a
  rollout completes" is unreachable is vacuous, and every safety proof over it is worthless;
* ``eventually`` (liveness under weak fairness of controller actions) — on every fair run in which
  users and faults have stopped, ``holds`` eventually becomes true and stays true (Anvil's
  eventually-stable reconciliation, ``<>[]holds``).

``applies(model)`` says whether the property is meaningful for a configuration (an HPA property in
a cluster without an HPA is vacuously true and is reported as "not applicable", not as proved).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["always", "sometimes", "eventually"]
KINDS: tuple[Kind, ...] = ("always", "sometimes", "eventually")


def _always_applies(model: Any) -> bool:
    return True


def _no_step(model: Any, before: Any, action: Any, after: Any) -> bool:
    return True


@dataclass(frozen=True)
class Property:
    """A named property of the transition system; ``doc`` states the Kubernetes promise and its limits."""

    name: str
    kind: Kind
    holds: Callable[[Any, Any], bool]
    doc: str
    step: Callable[[Any, Any, Any, Any], bool] | None = None
    applies: Callable[[Any], bool] = _always_applies
    group: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"property {self.name}: kind must be one of {KINDS}, not {self.kind!r}")
        if self.step is not None and self.kind != "always":
            raise ValueError(f"property {self.name}: only 'always' properties may constrain steps")

    @property
    def summary(self) -> str:
        """The first line of the doc."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def check_step(self, model: Any, before: Any, action: Any, after: Any) -> bool:
        """The transition part of an ``always`` property (true when there is none)."""
        return (self.step or _no_step)(model, before, action, after)


def state_true(model: Any, state: Any) -> bool:
    """The state part of a property that constrains only transitions."""
    return True
