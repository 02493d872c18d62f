"""The ReplicationController controller: the ReplicaSet controller behind an RC→RS adapter.

Mirrors ``pkg/controller/replication/replication_controller.go`` (NewReplicationManager builds a
``ReplicaSetController`` for kind ``v1 ReplicationController``) and
``pkg/controller/replication/conversion.go`` (``convertRCtoRS`` / ``convertRStoRC``, through the
``Convert_v1_ReplicationController_To_apps_ReplicaSet`` conversion). semantics/replicaset.md §1.9.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from model.controllers.controller_utils import ControlleeExpectations
from model.controllers.replicaset import SyncResult, sync_replicaset
from model.labels import LabelSelector
from model.objects import Pod, ReplicaSet, ReplicaSetSpec, ReplicationController, ReplicationControllerSpec

__all__ = ["rc_to_rs", "rs_to_rc", "sync_replication_controller"]


def rc_to_rs(rc: ReplicationController) -> ReplicaSet:
    """Mirrors conversion.go convertRCtoRS: the selector map becomes ``matchLabels`` (a nil map a
    nil selector, which selects nothing), replicas, minReadySeconds, template, metadata and status
    are carried over. The result keeps ``kind: ReplicationController`` so the shared controller
    code stamps the RC's kind into controllerRefs (the RS controller instance for RCs is built for
    that GroupVersionKind)."""
    selector = None if rc.spec.selector is None else LabelSelector(match_labels=rc.spec.selector)
    spec = ReplicaSetSpec(replicas=rc.spec.replicas, selector=selector, template=rc.spec.template,
                          min_ready_seconds=rc.spec.min_ready_seconds)
    return ReplicaSet(metadata=rc.metadata, spec=spec, status=rc.status, kind="ReplicationController",
                      api_version="v1")


def rs_to_rc(rs: ReplicaSet) -> ReplicationController:
    """Mirrors conversion.go convertRStoRC (writes go back as RCs): ``matchLabels`` becomes the
    selector map; an RS selector with expressions has no RC form and is refused."""
    selector = None
    if rs.spec.selector is not None:
        if rs.spec.selector.match_expressions:
            raise ValueError("a ReplicationController selector cannot hold matchExpressions")
        selector = rs.spec.selector.match_labels
    spec = ReplicationControllerSpec(replicas=rs.spec.replicas, selector=selector, template=rs.spec.template,
                                     min_ready_seconds=rs.spec.min_ready_seconds)
    return ReplicationController(metadata=rs.metadata, spec=spec, status=rs.status)


def sync_replication_controller(rc: ReplicationController, pods: Sequence[Pod],
                                controllers: Sequence[ReplicationController] | None = None,
                                expectations: ControlleeExpectations | None = None, now: int = 0,
                                **kwargs: Any) -> SyncResult:
    """Mirrors replication_controller.go (the RS controller for kind ReplicationController): one pass, ``sync_replicaset`` over the converted RC (same keyword
    arguments). The status in the result is an RS status, which has the RC status fields."""
    rss = None if controllers is None else tuple(rc_to_rs(c) for c in controllers)
    return sync_replicaset(rc_to_rs(rc), pods, rss, expectations, now, **kwargs)
