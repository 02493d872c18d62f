"""Each condition key and invariant of SCENARIOS.md judged on hand-built states."""

from __future__ import annotations

from model.labels import LabelSelector
from model.objects import (
    Container,
    Deployment,
    DeploymentCondition,
    DeploymentSpec,
    DeploymentStatus,
    DeploymentStrategy,
    Node,
    NodeCondition,
    NodeSpec,
    NodeStatus,
    ObjectMeta,
    OwnerReference,
    Pod,
    PodCondition,
    PodSpec,
    PodStatus,
    PodTemplateSpec,
    ReplicaSet,
    ReplicaSetSpec,
    ReplicaSetStatus,
    RollingUpdateDeployment,
    Taint,
)
from model.scenario import invariants
from model.scenario.conditions import View, evaluate

REV = "deployment.kubernetes.io/revision"


def template(image: str, hash_: str | None = None) -> PodTemplateSpec:
    labels = (("app", "web"),) + ((("pod-template-hash", hash_),) if hash_ else ())
    return PodTemplateSpec(metadata=ObjectMeta(labels=labels),
                           spec=PodSpec(containers=(Container(name="httpd", image=image),),
                                        termination_grace_period_seconds=30))


def deployment(want: int = 3, image: str = "v2", **status: int) -> Deployment:
    return Deployment(
        metadata=ObjectMeta(name="web", uid="d1", labels=(("app", "web"),), generation=2,
                            annotations=((REV, "2"),)),
        spec=DeploymentSpec(replicas=want, selector=LabelSelector((("app", "web"),)), template=template(image),
                            strategy=DeploymentStrategy("RollingUpdate", RollingUpdateDeployment(1, 0))),
        status=DeploymentStatus(observed_generation=2, **status,
                                conditions=(DeploymentCondition("Available", "True", "MinimumReplicasAvailable"),
                                            DeploymentCondition("Progressing", "True", "NewReplicaSetAvailable"))),
    )


def rs(name: str, image: str, spec: int, ready: int, rev: str, owner: str | None = "web") -> ReplicaSet:
    refs = (OwnerReference("apps/v1", "Deployment", owner, "d1", True),) if owner else ()
    return ReplicaSet(
        metadata=ObjectMeta(name=name, labels=(("app", "web"), ("pod-template-hash", name[-3:])),
                            annotations=((REV, rev),), owner_references=refs, creation_timestamp=int(rev)),
        spec=ReplicaSetSpec(replicas=spec, template=template(image, name[-3:])),
        status=ReplicaSetStatus(replicas=spec, ready_replicas=ready, available_replicas=ready),
    )


def pod(name: str, owner: str, ready: bool = True, node: str = "n1", deleting: bool = False) -> Pod:
    return Pod(
        metadata=ObjectMeta(name=name, uid=name, labels=(("app", "web"),),
                            owner_references=(OwnerReference("apps/v1", "ReplicaSet", owner, "", True),),
                            deletion_timestamp=5 if deleting else None),
        spec=PodSpec(containers=(Container(name="httpd"),), node_name=node),
        status=PodStatus(phase="Running",
                         conditions=(PodCondition("Ready", "True" if ready else "False"),)),
    )


def node(name: str, ready: bool = True, taints: tuple[Taint, ...] = ()) -> Node:
    return Node(metadata=ObjectMeta(name=name), spec=NodeSpec(taints=taints),
                status=NodeStatus(conditions=(NodeCondition("Ready", "True" if ready else "Unknown"),)))


def world(**status: int) -> View:
    st = {"replicas": 3, "updated_replicas": 3, "ready_replicas": 3, "available_replicas": 3}
    st.update(status)
    return View(
        deployments=(deployment(**st),),
        replicasets=(rs("web-aaa", "v1", 0, 0, "1"), rs("web-bbb", "v2", 3, 3, "2"),
                     rs("other-ccc", "v0", 1, 1, "1", owner=None)),
        pods=(pod("web-bbb-1", "web-bbb"), pod("web-bbb-2", "web-bbb"), pod("web-bbb-3", "web-bbb", node="n2"),
              pod("web-aaa-1", "web-aaa", ready=False, deleting=True)),
        nodes=(node("n1"), node("n2", ready=False,
                                taints=(Taint("node.kubernetes.io/unreachable", "", "NoExecute"),))),
        created_since={"s": (("web-bbb-3", ("httpd",)),)},
    )


def holds(cond: dict, view: View | None = None) -> bool:
    return evaluate(cond, view or world()) is None


def test_deployment_matchers() -> None:
    assert holds({"deployment": {"name": "web", "complete": True, "revision": "2", "template_image": "v2",
                                 "spec": {"replicas": 3, "paused": False}, "labels": {"app": "web"},
                                 "template": {"terminationGracePeriodSeconds": 30},
                                 "status": {"replicas": 3, "availableReplicas": {"min": 2}},
                                 "observedGenerationCurrent": True}})
    assert holds({"deployment": {"name": "gone", "exists": False}})
    assert not holds({"deployment": {"name": "gone"}})
    assert not holds({"deployment": {"name": "web", "complete": True}}, world(available_replicas=2))
    assert not holds({"deployment": {"name": "web", "revision": 3}})
    assert not holds({"deployment": [{"name": "web"}, {"name": "web", "spec": {"paused": True}}]})


def test_deployment_conditions_match_distinct_status_conditions() -> None:
    assert holds({"deployment": {"name": "web", "conditions": [
        {"type": "Progressing", "reason": "NewReplicaSetAvailable"}, {"type": "Available", "status": "True"}]}})
    assert not holds({"deployment": {"name": "web", "conditions": [
        {"status": "True"}, {"status": "True"}, {"status": "True"}]}})


def test_new_and_old_replicasets() -> None:
    assert holds({"deployment": {"name": "web", "newReplicaSet": {"name": "web-bbb", "revision": "2"},
                                 "oldReplicaSets": {"count": 1, "items": [{"specReplicas": 0}]}}})
    assert not holds({"deployment": {"name": "web", "newReplicaSet": {"exists": False}}})
    problem = evaluate({"deployment": {"name": "web", "oldReplicaSets": {"count": 0}}}, world())
    assert problem is not None and "oldReplicaSets count is 1, not 0" in problem and "web-aaa" in problem


def test_replicasets_selector_count_items() -> None:
    assert holds({"replicaSets": {"selector": {"app": "web"}, "count": 3}})
    assert holds({"replicaSets": [{"namePrefix": "web-", "specReplicas": 0},
                                  {"namePrefix": "web-", "specReplicas": 3, "controller": {"kind": "Deployment", "name": "web"}},
                                  {"name": "other-ccc", "controller": None}]})
    # two items cannot both match the one ReplicaSet scaled to 3
    assert not holds({"replicaSets": [{"specReplicas": 3}, {"specReplicas": 3}]})
    assert holds({"replicaSets": [{"name": "nope", "exists": False}]})
    # a missing revision annotation reads as "" (a Go map lookup)
    bare = rs("plain-ddd", "v0", 0, 0, "1", owner=None)
    bare = bare.__class__(metadata=bare.metadata.__class__(name="plain-ddd"), spec=bare.spec, status=bare.status)
    assert holds({"replicaSets": [{"name": "plain-ddd", "revision": ""}]}, View(replicasets=(bare,)))
    assert not holds({"replicaSets": [{"name": "other-ccc", "revision": ""}]})
    assert not holds({"replicaSets": [{"namePrefix": "other", "exists": False}]})
    # without a name, exists: false means no ReplicaSet matches the other keys
    assert holds({"replicaSets": [{"exists": False, "template_image": "v9"}]})
    assert not holds({"replicaSets": [{"exists": False, "template_image": "v1"}]})


def test_pods() -> None:
    assert holds({"pods": {"selector": {"app": "web"}, "count": 3, "allRunning": True, "allReady": True,
                           "allControlledBy": {"kind": "ReplicaSet", "name": "web-bbb"}}})
    assert holds({"pods": {"includeTerminating": True, "count": 4, "noneControlledBy": {"kind": "ReplicaSet", "name": "x"}}})
    assert holds({"pods": {"onNode": "n2", "count": 1}})
    assert not holds({"pods": {"includeTerminating": True, "allReady": True}})
    assert not holds({"pods": {"noneReady": True}})


def test_pod() -> None:
    assert holds({"pod": {"name": "web-bbb-3", "nodeName": "n2", "ready": True, "phase": "Running",
                          "terminating": False, "labels": {"app": "web"}}})
    assert holds({"pod": [{"name": "web-aaa-1", "terminating": True, "deletionRequested": True},
                          {"name": "vanished", "deletionRequested": True}, {"name": "vanished", "exists": False}]})
    assert not holds({"pod": {"name": "vanished"}})
    assert not holds({"pod": {"name": "web-bbb-1", "deletionRequested": True}})


def test_node_and_scale() -> None:
    assert holds({"node": {"name": "n2", "ready": False, "taints": [{"key": "node.kubernetes.io/unreachable",
                                                                    "effect": "NoExecute"}]}})
    assert not holds({"node": {"name": "n1", "taints": [{"key": "a", "effect": "NoSchedule"}]}})
    assert holds({"scale": {"kind": "Deployment", "name": "web", "specReplicas": 3, "statusReplicas": 3}})
    assert holds({"scale": {"kind": "ReplicaSet", "name": "web-aaa", "specReplicas": 0}})
    assert not holds({"scale": {"kind": "ReplicaSet", "name": "web-bbb", "statusReplicas": {"max": 2}}})


def test_pod_creations() -> None:
    assert holds({"podCreations": {"since": "s", "count": 1, "containerNames": ["httpd"]}})
    assert not holds({"podCreations": {"since": "s", "count": 1, "containerNames": ["agnhost"]}})
    assert not holds({"podCreations": {"since": "s", "count": 0}})


def test_failure_explains_with_objects() -> None:
    problem = evaluate({"notes": "x", "pods": {"selector": {"app": "web"}, "count": 2}}, world())
    assert problem is not None
    assert problem.startswith("pods selector={'app': 'web'}: count is 3, not 2")
    assert "Pod web-bbb-3: phase Running, ready True, node n2" in problem


def test_rolling_update_bounds() -> None:
    # maxSurge 1, maxUnavailable 0 on 3 replicas: 4 pods at most, 3 available at least
    base = world(updated_replicas=1)
    assert invariants.check([{"rollingUpdateBounds": {"deployment": "web"}}], base) is None
    short = world(updated_replicas=1, available_replicas=2)
    problem = invariants.check([{"rollingUpdateBounds": {"deployment": "web"}}], short)
    assert problem is not None and "2 available, fewer than spec.replicas - maxUnavailable = 3" in problem


def test_fenceposts_round_surge_up_and_unavailable_down() -> None:
    d = deployment(want=10)
    d = d.__class__(metadata=d.metadata, status=d.status, spec=d.spec.__class__(
        replicas=10, template=d.spec.template,
        strategy=DeploymentStrategy("RollingUpdate", RollingUpdateDeployment("25%", "25%"))))
    assert invariants.resolve_fenceposts(d) == (3, 2)


def test_no_old_and_new_pods_together() -> None:
    inv = [{"noOldAndNewPodsTogether": {"deployment": "web"}}]
    assert invariants.check(inv, world()) is None
    assert invariants.check(inv, world(replicas=0, updated_replicas=0)) is None
    problem = invariants.check(inv, world(replicas=4, updated_replicas=1))
    assert problem is not None and "1 updated pods while status.replicas is 4" in problem
