"""The kube-scheduler's decisions as pure functions: filters, scores and one scheduling cycle.

Modules are named for the plugins in pkg/scheduler/framework/plugins they mirror; ``schedule``
puts them together (``schedule_one``).
"""
