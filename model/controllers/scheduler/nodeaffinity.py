"""The NodeAffinity filter: ``spec.nodeSelector`` and required node affinity.

Mirrors pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (``Filter``) and
staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
(``GetRequiredNodeAffinity``, ``RequiredNodeAffinity.Match``, ``NodeSelector.Match``): the node
must carry every ``nodeSelector`` label, and match at least one of the required terms (terms are
ORed, a term's expressions and fields ANDed, an empty term matches nothing). Operators In, NotIn,
Exists, DoesNotExist, Gt, Lt (``nodeSelectorRequirementsAsSelector``); ``matchFields`` supports
``metadata.name`` with In/NotIn. Only the required part is modelled (PodSpec has no preferred
terms), so NodeAffinity adds no score.
"""

from __future__ import annotations

import re

from model.controllers.scheduler.noderesources import UNSCHEDULABLE_AND_UNRESOLVABLE, FilterResult
from model.objects import Node, NodeSelectorRequirement, NodeSelectorTerm, Pod

ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector"

_INT = re.compile(r"^[+-]?[0-9]+$")


def _requirement_matches(req: NodeSelectorRequirement, labels: dict[str, str]) -> bool | None:
    """Does one expression match the labels? None when the requirement itself is invalid."""
    present = req.key in labels
    value = labels.get(req.key)
    op = req.operator
    if op == "In":
        if not req.values:
            return None
        return present and value in req.values
    if op == "NotIn":
        return None if not req.values else (not present or value not in req.values)
    if op == "Exists":
        return None if req.values else present
    if op == "DoesNotExist":
        return None if req.values else not present
    if op in ("Gt", "Lt"):
        if len(req.values) != 1 or not _INT.match(req.values[0]):
            return None
        if not present or value is None or not _INT.match(value):
            return False
        bound, actual = int(req.values[0]), int(value)
        return actual > bound if op == "Gt" else actual < bound
    return None


def term_matches(term: NodeSelectorTerm, node: Node) -> bool:
    """Mirrors staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go:
    nodeSelectorTerm.match. A term matches when it has requirements and all of them match (invalid → no
    match)."""
    if not term.match_expressions and not term.match_fields:
        return False
    labels = dict(node.metadata.labels)
    for req in term.match_expressions:
        if not _requirement_matches(req, labels):
            return False
    for req in term.match_fields:
        if req.key != "metadata.name" or req.operator not in ("In", "NotIn") or len(req.values) != 1:
            return False
        if not _requirement_matches(req, {"metadata.name": node.metadata.name}):
            return False
    return True


def required_node_affinity_matches(pod: Pod, node: Node) -> bool:
    """Mirrors staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go:
    RequiredNodeAffinity.Match: node selector labels and any required term."""
    labels = dict(node.metadata.labels)
    for k, v in pod.spec.node_selector:
        if labels.get(k) != v:
            return False
    terms = pod.spec.required_node_affinity
    if terms is None:
        return True
    return any(term_matches(t, node) for t in terms)


def node_affinity_filter(pod: Pod, node: Node) -> FilterResult:
    """Mirrors pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go: NodeAffinity.Filter.
    NodeAffinity ``Filter``."""
    if required_node_affinity_matches(pod, node):
        return FilterResult(True)
    return FilterResult(False, UNSCHEDULABLE_AND_UNRESOLVABLE, (ERR_REASON_POD,))
