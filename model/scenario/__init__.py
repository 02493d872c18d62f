"""Scenarios: Kubernetes end-to-end tests as executable files (``/work/shared/SCENARIOS.md``).

``parse`` loads and validates a scenario file, ``conditions`` and ``invariants`` judge states, and
``run`` drives the cluster transition system (``model.system``) through the steps.
"""
