"""Symmetry reduction: the canonical key under which the model checker stores a state.

A model that knows its symmetries declares them with ``canonical(state)`` (the toy model forgets the
names of interchangeable pods of one revision); the key is then that value, and the model checker
keeps one representative per class. Soundness needs the model to behave the same on every member
of a class — renaming pods must not change what can happen.

The cluster model does not meet that test: the scheduler takes pending pods in (creationTimestamp,
name) order and the ReplicaSet controller breaks deletion ties by UID, so two states that differ only
by a permutation of pod names can have different successors. For it the key is the state itself
(no reduction) — the checker stays exact rather than fast. ``benchmarks/bench.py`` measures both.
"""

from __future__ import annotations

from typing import Any


def key_for(model: Any, state: Any) -> Any:
    """The canonical key of ``state`` (``model.canonical`` when the model declares one)."""
    canonical = getattr(model, "canonical", None)
    return canonical(state) if callable(canonical) else state


def key_function(model: Any, enabled: bool = True) -> Any:
    """A one-argument key for ``checkers.bmc.check`` (None when there is nothing to reduce)."""
    canonical = getattr(model, "canonical", None)
    if not enabled or not callable(canonical):
        return None
    return canonical
