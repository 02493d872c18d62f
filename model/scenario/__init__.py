"""Scenarios: Kubernetes end-to-end tests as executable files (``docs/spec/SCENARIOS.md``).

A scenario does to the model what an e2e test in ``kubernetes/kubernetes/test/e2e`` does to a real
cluster: apply manifests, act as a user, inject faults, let the controllers run, and check what a
user would observe. Run them with ``kubeproof scenario run FILE... [--trace DIR] [--seed N]
[--explore [--bound N]]``.

Modules:

* ``schema`` — the language as data: every step kind, its argument's fields, every condition key.
* ``parse`` — load and validate a file; every problem is reported as ``FILE: steps[i].<kind>.<field>:
  what is wrong`` (``ScenarioFileError``), manifests included (``model.manifests``).
* ``conditions`` — judge ``expect``/``waitFor``/``wait`` conditions on a state; a failing condition
  is explained with the state of the objects involved.
* ``invariants`` — ``noOldAndNewPodsTogether`` and ``rollingUpdateBounds`` (the e2e framework's
  ``checkRollingUpdateStatus``), checked after every state change of a ``settle``.
* ``world`` — the one door into the transition system (``model.system``, ``model.runner``,
  ``model.useractions``); its ``INTERLEAVING`` text documents the schedules.
* ``run`` — one run on one interleaving (deterministic by default, or ``seed``-ed random).
* ``explore`` — every interleaving, breadth-first, up to a bound; reports a shortest breaking one.
* ``tracing`` — a run as ITF + Markdown/Mermaid (through ``checkers.traces`` when present).

Time is the model clock. ``waitFor`` ends at the first state change after which its condition
holds and measures elapsed time from the end of the step named by ``since``; the HPA timing
convention of SCENARIOS.md is a convention for writing scenarios (lower bounds ``W - 15`` s for
stabilization windows, gaps between ``spec.replicas`` changes for rate limits, upper bounds as the
tests compute them), which these semantics make checkable.
"""
