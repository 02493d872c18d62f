"""The NodeUnschedulable filter (cordoned nodes).

Mirrors pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go: ``Filter``.
A pod tolerating ``node.kubernetes.io/unschedulable:NoSchedule`` tolerates
``spec.unschedulable`` too.
"""

from __future__ import annotations

from model.controllers.scheduler.noderesources import UNSCHEDULABLE_AND_UNRESOLVABLE, FilterResult
from model.controllers.scheduler.tainttoleration import NO_SCHEDULE, tolerations_tolerate_taint
from model.objects import Node, Pod, Taint

TAINT_NODE_UNSCHEDULABLE = "node.kubernetes.io/unschedulable"
ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable"


def node_unschedulable_filter(pod: Pod, node: Node, comparison_operators: bool = False) -> FilterResult:
    """Mirrors pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go:
    NodeUnschedulable.Filter. Reject a node with ``spec.unschedulable`` unless the pod tolerates the
    unschedulable taint."""
    if not node.spec.unschedulable:
        return FilterResult(True)
    taint = Taint(key=TAINT_NODE_UNSCHEDULABLE, effect=NO_SCHEDULE)
    if tolerations_tolerate_taint(pod.spec.tolerations, taint, comparison_operators):
        return FilterResult(True)
    return FilterResult(False, UNSCHEDULABLE_AND_UNRESOLVABLE, (ERR_REASON_UNSCHEDULABLE,))
