"""The PodTopologySpread filter (DoNotSchedule) and score (ScheduleAnyway).

Mirrors pkg/scheduler/framework/plugins/podtopologyspread: filtering.go (``calPreFilterState``,
``Filter``, ``minMatchNum`` with ``minDomains``), scoring.go (``initPreScoreState``, ``PreScore``,
``Score``, ``NormalizeScore``, ``scoreForCount``, ``topologyNormalizingWeight``) and common.go
(``countPodsMatchSelector``, ``nodeLabelsMatchSpreadConstraints``).

Counted pods: same namespace as the incoming pod, not terminating, matched by the constraint's
selector (a nil selector matches nothing, an empty one everything). Only nodes that satisfy the
pod's required node affinity and carry every constraint's topology key count (the default
``nodeAffinityPolicy: Honor``, ``nodeTaintsPolicy: Ignore``). Deviation: the cluster-level default
constraints (hostname maxSkew 3, zone maxSkew 5, selector from the owning controller) are not
applied to pods without constraints of their own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from model.controllers.scheduler.nodeaffinity import required_node_affinity_matches
from model.controllers.scheduler.noderesources import (
    MAX_NODE_SCORE,
    UNSCHEDULABLE,
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    FilterResult,
    NodeInfo,
)
from model.controllers.selector_match import selector_matcher
from model.labels import Labels, LabelSelector
from model.objects import Node, Pod, TopologySpreadConstraint

LABEL_HOSTNAME = "kubernetes.io/hostname"
ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints"
ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)"


def selector_matches(selector: LabelSelector | None, labels: Labels) -> bool:
    """Mirrors pkg/scheduler/framework/plugins/podtopologyspread/common.go: countPodsMatchSelector (its
    per-pod selector test). ``metav1.LabelSelectorAsSelector(selector).Matches(labels)``: nil selects nothing;
    a selector that does not convert (rejected by validation upstream) selects nothing either."""
    matches = selector_matcher(selector)
    return matches is not None and matches(labels)


def count_pods_match_selector(pods: Sequence[Pod], selector: LabelSelector | None, namespace: str) -> int:
    """Mirrors pkg/scheduler/framework/plugins/podtopologyspread/common.go: countPodsMatchSelector."""
    return sum(1 for p in pods if p.metadata.deletion_timestamp is None
               and p.metadata.namespace == namespace and selector_matches(selector, p.metadata.labels))


def _has_keys(node: Node, constraints: Sequence[TopologySpreadConstraint]) -> bool:
    labels = dict(node.metadata.labels)
    return all(c.topology_key in labels for c in constraints)


def _constraints(pod: Pod, when: str) -> tuple[TopologySpreadConstraint, ...]:
    return tuple(c for c in pod.spec.topology_spread_constraints if c.when_unsatisfiable == when)


def topology_spread_filter(pod: Pod, info: NodeInfo, all_nodes: Sequence[NodeInfo]) -> FilterResult:
    """Mirrors pkg/scheduler/framework/plugins/podtopologyspread/filtering.go: PodTopologySpread.Filter.
    PodTopologySpread ``Filter`` for the DoNotSchedule constraints: ``existing matching + self-match − global
    minimum ≤ maxSkew``."""
    constraints = _constraints(pod, "DoNotSchedule")
    if not constraints:
        return FilterResult(True)
    labels = dict(info.node.metadata.labels)
    for c in constraints:
        if c.topology_key not in labels:
            return FilterResult(False, UNSCHEDULABLE_AND_UNRESOLVABLE, (ERR_REASON_NODE_LABEL_NOT_MATCH,))
    for c in constraints:
        counts: dict[str, int] = {}
        for other in all_nodes:
            if not required_node_affinity_matches(pod, other.node) or not _has_keys(other.node, constraints):
                continue
            value = dict(other.node.metadata.labels)[c.topology_key]
            counts[value] = counts.get(value, 0) + count_pods_match_selector(
                other.pods, c.label_selector, pod.metadata.namespace)
        min_match = min(counts.values()) if counts else 0
        if c.min_domains is not None and len(counts) < c.min_domains:
            min_match = 0
        self_match = 1 if selector_matches(c.label_selector, pod.metadata.labels) else 0
        skew = counts.get(labels[c.topology_key], 0) + self_match - min_match
        if skew > c.max_skew:
            return FilterResult(False, UNSCHEDULABLE, (ERR_REASON_CONSTRAINTS_NOT_MATCH,))
    return FilterResult(True)


def _round_half_away(x: float) -> int:
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def topology_spread_score(pod: Pod, filtered: Sequence[NodeInfo],
                          all_nodes: Sequence[NodeInfo]) -> tuple[tuple[str, int], ...] | None:
    """Mirrors pkg/scheduler/framework/plugins/podtopologyspread/scoring.go: PreScore / Score /
    NormalizeScore. PodTopologySpread ``PreScore``/``Score``/``NormalizeScore`` for the ScheduleAnyway
    constraints over the nodes that passed filtering; None when the plugin skips (no such constraint). Fewer
    matching pods in a node's domains → higher score."""
    constraints = _constraints(pod, "ScheduleAnyway")
    if not constraints:
        return None
    ignored = {i.name for i in filtered if not _has_keys(i.node, constraints)}
    domains: list[dict[str, int]] = [{} for _ in constraints]
    for info in filtered:
        if info.name in ignored:
            continue
        labels = dict(info.node.metadata.labels)
        for k, c in enumerate(constraints):
            if c.topology_key != LABEL_HOSTNAME:
                domains[k].setdefault(labels[c.topology_key], 0)
    weights = []
    for k, c in enumerate(constraints):
        size = len(filtered) - len(ignored) if c.topology_key == LABEL_HOSTNAME else len(domains[k])
        weights.append(math.log(size + 2))
    for other in all_nodes:
        if not required_node_affinity_matches(pod, other.node) or not _has_keys(other.node, constraints):
            continue
        labels = dict(other.node.metadata.labels)
        for k, c in enumerate(constraints):
            value = labels[c.topology_key]
            if c.topology_key == LABEL_HOSTNAME or value not in domains[k]:
                continue
            domains[k][value] += count_pods_match_selector(other.pods, c.label_selector, pod.metadata.namespace)
    raw: list[int | None] = []
    for info in filtered:
        if info.name in ignored:
            raw.append(None)
            continue
        labels = dict(info.node.metadata.labels)
        score = 0.0
        for k, c in enumerate(constraints):
            if c.topology_key == LABEL_HOSTNAME:
                cnt = count_pods_match_selector(info.pods, c.label_selector, pod.metadata.namespace)
            else:
                cnt = domains[k][labels[c.topology_key]]
            score += cnt * weights[k] + (c.max_skew - 1)
        raw.append(_round_half_away(score))
    valid = [s for s in raw if s is not None]
    min_s = min(valid, default=0)
    max_s = max(valid, default=0)
    out = []
    for info, s in zip(filtered, raw, strict=True):
        if s is None:
            out.append((info.name, 0))
        elif max_s == 0:
            out.append((info.name, MAX_NODE_SCORE))
        else:
            out.append((info.name, MAX_NODE_SCORE * (max_s + min_s - s) // max_s))
    return tuple(out)
