"""The hand-offs of a Deployment becoming a running application, one component at a time:
Deployment → (deployment controller) ReplicaSet → (replicaset controller) Pods → (scheduler) binding
→ (kubelet) Running and Ready → (replicaset controller) RS status → (deployment controller) status."""

from __future__ import annotations

import dataclasses

from model.config import default_config
from model.controllers.controller_utils import is_pod_ready as is_ready
from model.system import Deliver, KubeletSync, Model, Reconcile, Schedule, State


def _model() -> Model:
    return Model(dataclasses.replace(default_config(), start_settled=False, script=()))


def _deliver_all(m: Model, s: State, informer: str) -> State:
    while s.informer(informer).pending:
        s = m.step(s, Deliver(informer))
    return s


def test_deployment_to_ready_pods_hand_off_by_hand_off() -> None:
    m = _model()
    (s,) = m.init_states()
    assert [d.metadata.name for d in s.objects("Deployment")] == ["web"]
    assert s.objects("ReplicaSet") == () and s.objects("Pod") == ()
    # Nothing is in the controller's queue until the watch event reaches its cache.
    assert s.queue("deployment-controller") == ()
    s = _deliver_all(m, s, "kcm")
    assert s.queue("deployment-controller") == ("default/web",)

    # The Deployment controller creates the new ReplicaSet, owned by the Deployment.
    s = m.step(s, Reconcile("deployment-controller", "default/web"))
    (rs,) = s.objects("ReplicaSet")
    d = s.get("Deployment", "web")
    assert rs.spec.replicas == 2
    assert rs.metadata.owner_references[0].uid == d.metadata.uid
    assert dict(rs.metadata.annotations)["deployment.kubernetes.io/revision"] == "1"

    s = _deliver_all(m, s, "kcm")
    rs_key = f"default/{rs.metadata.name}"
    assert rs_key in s.queue("replicaset-controller")

    # The ReplicaSet controller creates two pods and expects to see them.
    s = m.step(s, Reconcile("replicaset-controller", rs_key))
    pods = s.objects("Pod")
    assert len(pods) == 2
    assert all(p.metadata.owner_references[0].uid == rs.metadata.uid for p in pods)
    assert all(p.spec.node_name == "" and p.status.phase == "Pending" for p in pods)
    exp = s.expectation(rs_key)
    assert exp is not None and exp.add == 2
    # Its cache has not seen them yet: a second sync would not create more.
    s2 = m.step(s, Reconcile("replicaset-controller", rs_key)) if rs_key in s.queue("replicaset-controller") else s
    assert len(s2.objects("Pod")) == 2

    # Watch events reach the scheduler; it binds each pod to a node.
    s = _deliver_all(m, s, "scheduler")
    for p in pods:
        s = m.step(s, Schedule(f"default/{p.metadata.name}"))
    bound = s.objects("Pod")
    assert sorted(p.spec.node_name for p in bound) == ["node-1", "node-2"]

    # Each kubelet pulls the image and starts the containers (Running, not yet Ready), then the
    # containers become ready (the kubelet's pod lifecycle table: ImagePulled, ReadinessSucceeded).
    for p in bound:
        assert KubeletSync(p.spec.node_name, f"default/{p.metadata.name}") in m.actions(s)
        s = m.step(s, KubeletSync(p.spec.node_name, f"default/{p.metadata.name}"))
    assert all(p.status.phase == "Running" and not is_ready(p) for p in s.objects("Pod"))
    for p in bound:
        s = m.step(s, KubeletSync(p.spec.node_name, f"default/{p.metadata.name}"))
    assert all(p.status.phase == "Running" and is_ready(p) for p in s.objects("Pod"))

    # The ReplicaSet controller observes the creations and writes its status.
    s = _deliver_all(m, s, "kcm")
    assert s.expectation(rs_key).add == 0
    s = m.step(s, Reconcile("replicaset-controller", rs_key))
    rs = s.get("ReplicaSet", rs.metadata.name)
    assert (rs.status.replicas, rs.status.ready_replicas, rs.status.available_replicas) == (2, 2, 2)

    # The Deployment controller reports the rollout complete.
    s = _deliver_all(m, s, "kcm")
    s = m.step(s, Reconcile("deployment-controller", "default/web"))
    st = s.get("Deployment", "web").status
    assert (st.replicas, st.updated_replicas, st.available_replicas) == (2, 2, 2)
    assert any(c.type == "Progressing" and c.reason == "NewReplicaSetAvailable" for c in st.conditions)


def test_stale_resource_version_is_a_conflict_and_the_key_is_requeued() -> None:
    from model.useractions import Scale

    m = _model()
    (s,) = m.init_states()
    s = _deliver_all(m, s, "kcm")
    # The user scales the Deployment; the controller's cache still has the old version.
    s = m.step(s, Scale("deployment", "web", 3))
    before = s.get("Deployment", "web")
    s = m.step(s, Reconcile("deployment-controller", "default/web"))
    # The ReplicaSet was created (sized from the cached spec), but the status write carried the
    # stale resourceVersion: refused with a Conflict, and the key is back in the queue.
    (rs,) = s.objects("ReplicaSet")
    assert rs.spec.replicas == 2
    assert s.get("Deployment", "web").status == before.status
    assert s.queue("deployment-controller") == ("default/web",)


def test_readiness_delay_holds_the_rollout_for_that_long() -> None:
    from model.runner import run_until
    from model.useractions import UpdateImage

    base = default_config()
    m = Model(dataclasses.replace(base, script=(), timings=dataclasses.replace(base.timings, readiness=5)))
    (s,) = m.init_states()
    t0 = s.clock
    s = m.step(s, UpdateImage("web", "web", "registry.k8s.io/e2e-test-images/httpd:2.4.39-4"))

    def done(st: State) -> bool:
        d = st.get("Deployment", "web")
        return (d.status.observed_generation >= d.metadata.generation
                and d.status.updated_replicas == d.status.available_replicas == 2 == d.status.replicas)

    s, _, held = run_until(m, s, done, 60)
    # maxSurge 1, maxUnavailable 0: two new pods, one after the other, 5 s each to become ready.
    assert held and s.clock - t0 == 10
