"""Rollback: mirrors pkg/controller/deployment/rollback.go, plus ``kubectl rollout undo``.

The controller path serves the legacy ``spec.rollbackTo`` (extensions/v1beta1, apps/v1beta1), kept
in apps/v1 as the annotation ``deprecated.deployment.rollback.to``: copy the template of the
ReplicaSet with the wanted revision into the Deployment, take that RS's annotations, and clear the
request. ``undo`` is what kubectl does on apps/v1 (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
rollback.go: DeploymentRollbacker.Rollback): it never goes through the controller.
"""

from __future__ import annotations

import dataclasses

from model.controllers.deployment import util
from model.controllers.deployment.context import Pass
from model.controllers.deployment.sync import get_all_replica_sets_and_sync_revision, get_rollback_to
from model.errors import ModelError
from model.objects import Deployment, ReplicaSet


def _clear_rollback_to(d: Deployment) -> Deployment:
    ann = {k: v for k, v in d.metadata.annotations if k != util.DEPRECATED_ROLLBACK_TO}
    d = util.with_annotations(d, ann)
    return dataclasses.replace(d, spec=dataclasses.replace(d.spec, rollback_to=None))


def update_deployment_and_clear_rollback_to(p: Pass) -> None:
    """Mirrors rollback.go: updateDeploymentAndClearRollbackTo."""
    p.d = _clear_rollback_to(p.d)
    p.update_deployment()


def rollback_to_template(p: Pass, rs: ReplicaSet) -> bool:
    """Mirrors rollback.go: rollbackToTemplate -> performed (False when the template is unchanged)."""
    performed = False
    if not util.equal_ignore_hash(p.d.spec.template, rs.spec.template):
        p.d = util.set_deployment_annotations_to(util.set_from_replica_set_template(p.d, rs.spec.template), rs,
                                                 p.gates.deployment_pod_replacement_policy)
        performed = True
    else:
        p.event("Warning", util.ROLLBACK_TEMPLATE_UNCHANGED,
                f'The rollback revision contains the same template as current deployment "{p.d.metadata.name}"')
    update_deployment_and_clear_rollback_to(p)
    return performed


def rollback(p: Pass, rs_list: list[ReplicaSet], namespace_rss: dict[str, ReplicaSet] | None = None) -> None:
    """Mirrors rollback.go: rollback.

    Revision 0 means the last revision (the second highest); a revision no RS carries gives the
    warning DeploymentRollbackRevisionNotFound. The request is cleared in every case.
    """
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(p, rs_list, True, namespace_rss)
    all_rss = [rs for rs in [*old_rss, new_rs] if rs is not None]
    target = get_rollback_to(p.d)
    assert target is not None
    if target == 0:
        target = util.last_revision(all_rss)
        if target == 0:
            p.event("Warning", util.ROLLBACK_REVISION_NOT_FOUND, "Unable to find last revision.")
            update_deployment_and_clear_rollback_to(p)
            return
    for rs in all_rss:
        try:
            v = util.revision(rs)
        except ModelError:
            continue
        if v == target:
            if rollback_to_template(p, rs):
                p.event("Normal", util.ROLLBACK_DONE, f'Rolled back deployment "{p.d.metadata.name}" to revision {target}')
            return
    p.event("Warning", util.ROLLBACK_REVISION_NOT_FOUND, "Unable to find the revision to rollback to.")
    update_deployment_and_clear_rollback_to(p)


def undo(d: Deployment, rs_list: list[ReplicaSet], to_revision: int = 0) -> Deployment:
    """Mirrors staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go: DeploymentRollbacker.Rollback.
    What ``kubectl rollout undo [--to-revision=N]`` does on apps/v1 (DeploymentRollbacker.Rollback).

    Picks the RS of ``to_revision`` (0: the revision before the current one, LastRevision), copies its
    template minus the pod-template-hash label into the Deployment and merges its annotations (other
    than controller-owned ones) over the Deployment's, as kubectl's patch does. Refuses a paused Deployment, a negative revision, and a
    revision no ReplicaSet carries (never existed or cleaned up by revisionHistoryLimit), each as a
    clear ``ModelError``. The same template is not an error: the Deployment comes back unchanged.
    """
    if d.spec.paused:
        raise ModelError("Invalid", f'you cannot rollback a paused deployment; resume it first with '
                                    f'"kubectl rollout resume deployment/{d.metadata.name}" and try again',
                         field="spec.paused")
    if to_revision < 0:
        raise ModelError("Invalid", f"unable to find specified revision {to_revision} in history", field="toRevision")
    by_revision: dict[int, ReplicaSet] = {}
    for rs in rs_list:
        try:
            by_revision[util.revision(rs)] = rs
        except ModelError:
            continue
    if to_revision == 0:
        if len(by_revision) < 2:
            raise ModelError("Invalid", f'no rollout history found for deployment "{d.metadata.name}"',
                             field="toRevision")
        to_revision = sorted(by_revision)[-2]
    found = by_revision.get(to_revision)
    if found is None:
        raise ModelError("Invalid", f"unable to find specified revision {to_revision} in history", field="toRevision")
    rs = found
    if util.equal_ignore_hash(d.spec.template, rs.spec.template):
        return d
    # kubectl sends a patch: the RS's annotations are merged over the Deployment's.
    ann = dict(d.metadata.annotations)
    ann.update({k: v for k, v in rs.metadata.annotations if k not in util.ANNOTATIONS_TO_SKIP_WITH_POLICY_GATE})
    return util.with_annotations(util.set_from_replica_set_template(d, rs.spec.template), ann)
