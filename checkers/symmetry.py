"""Symmetry reduction: the canonical key under which the model checker stores a state.

A model that knows its symmetries declares them with ``canonical(state)`` (the toy model forgets the
names of interchangeable pods of one revision); the key is then that value, and the model checker
keeps one representative per class. Soundness needs the model to behave the same on every member
of a class — renaming pods must not change what can happen. Traces stay concrete: the checker keeps
the first state of each class it met, which is an actual successor of its parent.

The cluster model does not meet that test: the scheduler takes pending pods in (creationTimestamp,
name) order and the ReplicaSet controller breaks deletion ties by UID, so two states that differ only
by a permutation of pod names can have different successors. For it the key is the state itself
(no reduction) — the checker stays exact rather than fast.

The rollout-level model (``checkers.rollout_model``) is built to be symmetric, in two ways:

* **counting** — it never names pods: pods of one ReplicaSet in one phase on one node are a count,
  so the pod permutations the cluster model distinguishes collapse by construction (this is an
  abstraction, not a key: the victim choice of the ReplicaSet controller, which in Kubernetes
  depends on ready time, restarts, creation time and UID past the ranked keys, becomes a
  nondeterministic choice among the classes that tie);
* **node symmetry** — nodes are identical, and the scheduler may bind a pod to any schedulable node
  (Kubernetes breaks score ties at random; the model does not compute scores), so permuting nodes
  maps runs to runs. ``canonical`` sorts the nodes: one state per multiset of node states. With the
  ``pool`` placement the healthy nodes are merged into one count and only failed nodes are kept,
  sorted.

Whether the abstraction is faithful is tested, not assumed: ``checkers.rollout_model.simulation_gaps``
explores the cluster model and checks that every reachable state, abstracted, is reachable in the
rollout model (tests/test_rollout_model.py). ``benchmarks/bench.py`` reports the state counts with
and without each reduction; docs/rollout-model.md has the numbers.
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
