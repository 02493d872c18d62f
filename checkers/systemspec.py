"""Building the real transition system for the checkers: the default cluster, a cluster from
manifests, or the small cluster in which a known-bad variant shows itself.

``build_system`` is the factory recorded in every trace (``checkers.modelspec``), so a trace names
its setup and variant and ``kubeproof replay`` rebuilds exactly that model.

Each setup in ``SETUPS`` is the smallest cluster (and user script and fault budget) in which the
variant's bug is reachable — the same situations the system's own variant tests use — with the
property that must catch it (``EXPECTED``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from checkers.modelspec import ModelSpec
from model.errors import ModelError

NEW_IMAGE = "registry.k8s.io/e2e-test-images/httpd:2.4.39-4"
FACTORY = "checkers.systemspec:build_system"


def _default() -> Any:
    from model.config import default_config

    return default_config()


def _with(**changes: Any) -> Callable[[], Any]:
    def build() -> Any:
        return dataclasses.replace(_default(), **changes)
    return build


def _rollout(replicas: int = 2, **deployment: Any) -> Callable[[], Any]:
    def build() -> Any:
        from model.config import web_deployment
        from model.useractions import UpdateImage

        d = web_deployment(replicas=replicas, **deployment)
        return dataclasses.replace(_default(), objects=(d,), script=(UpdateImage("web", "web", NEW_IMAGE),))
    return build


def _fresh_caches(replicas: int) -> Callable[[], Any]:
    def build() -> Any:
        return dataclasses.replace(_rollout(replicas)(), informer_lag=False)
    return build


def _rollout_then_undo() -> Any:
    from model.useractions import Undo

    cfg = _rollout(1)()
    return dataclasses.replace(cfg, script=(*cfg.script, Undo("web")))


def _crash_then_scale() -> Any:
    from model.config import FaultBudget, web_deployment
    from model.useractions import Scale

    return dataclasses.replace(_default(), objects=(web_deployment(replicas=3),),
                               script=(Scale("deployment", "web", 2),), faults=FaultBudget(pod_crashes=1))


def _stale_cache_start() -> Any:
    from model.config import web_deployment

    return dataclasses.replace(_default(), objects=(web_deployment(replicas=2),), script=(), start_settled=False)


def _tight_nodes() -> Any:
    from model.config import NodeConfig, web_deployment

    return dataclasses.replace(_default(), nodes=(NodeConfig("node-1", cpu="1"), NodeConfig("node-2", cpu="1")),
                               objects=(web_deployment(replicas=3, cpu="600m"),), script=(), start_settled=False)


def _unpullable_start() -> Any:
    from model.config import web_deployment
    from model.useractions import MakeImageUnpullable

    d = web_deployment(replicas=3)
    image = d.spec.template.spec.containers[0].image
    return dataclasses.replace(_default(), objects=(d,), script=(MakeImageUnpullable(image),), start_settled=False)


def _dropped_event_scale() -> Any:
    from model.config import FaultBudget, web_deployment
    from model.useractions import Scale

    return dataclasses.replace(_default(), objects=(web_deployment(replicas=1),),
                               script=(Scale("deployment", "web", 2),), faults=FaultBudget(dropped_events=1),
                               max_seconds=60)


def _recreate_slow_exit() -> Any:
    from model.config import web_deployment

    cfg = _rollout(1, strategy="Recreate")()
    return dataclasses.replace(cfg, objects=(web_deployment(replicas=1, strategy="Recreate"),),
                               timings=dataclasses.replace(cfg.timings, termination=5))


def _hpa_object(max_replicas: int = 5) -> Any:
    from model.controllers.podautoscaler import types

    return types.hpa_from_json({
        "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                 "minReplicas": 1, "maxReplicas": max_replicas,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                     "type": "Utilization", "averageUtilization": 100}}}]},
    })


def _hpa_load_then_idle() -> Any:
    from model.useractions import Apply, SetCPULoad

    return dataclasses.replace(_default(), script=(Apply(_hpa_object()), SetCPULoad("Deployment", "web", 400),
                                                   SetCPULoad("Deployment", "web", 0)))


def _hpa_overload() -> Any:
    from model.useractions import Apply, SetCPULoad

    return dataclasses.replace(_default(), script=(Apply(_hpa_object()), SetCPULoad("Deployment", "web", 2000)))


def _fresh_start(replicas: int) -> Callable[[], Any]:
    def build() -> Any:
        from model.config import web_deployment

        return dataclasses.replace(_default(), objects=(web_deployment(replicas=replicas),), script=(),
                                   start_settled=False, informer_lag=False)
    return build


def _scale_up() -> Any:
    from model.config import web_deployment
    from model.useractions import Scale

    return dataclasses.replace(_default(), objects=(web_deployment(replicas=1),),
                               script=(Scale("deployment", "web", 2),), informer_lag=False)


def _rollout_then_shrink() -> Any:
    from model.useractions import Scale

    cfg = _rollout(3, max_surge=1, max_unavailable=0)()
    return dataclasses.replace(cfg, script=(*cfg.script, Scale("deployment", "web", 2)), informer_lag=False)


def _hpa_near_target() -> Any:
    from model.useractions import Apply, SetCPULoad

    # 2 pods of 100m at a 100 % target: 210m is a usage ratio of 1.05, inside the 10 % band
    return dataclasses.replace(_default(), script=(Apply(_hpa_object()), SetCPULoad("Deployment", "web", 210)))


def _stale_start_1() -> Any:
    from model.config import web_deployment

    return dataclasses.replace(_default(), objects=(web_deployment(replicas=1),), script=(), start_settled=False)


def _two_managers() -> Any:
    return dataclasses.replace(_default(), script=(), controller_managers=2).with_faults(lease_losses=1)


@functools.cache
def _prelude_class() -> Any:
    from model.runner import settle
    from model.system import Model

    @dataclasses.dataclass(frozen=True, slots=True)
    class PreludeModel(Model):
        """The model whose initial state is the settled cluster after the user actions ``prelude``."""

        prelude: tuple[Any, ...] = ()

        def init_states(self) -> tuple[Any, ...]:
            out = []
            for state in Model.init_states(self):
                for action in self.prelude:
                    state, _ = settle(self, self.step(state, action), self.config.max_seconds)
                out.append(state)
            return tuple(out)

    return PreludeModel


def _prelude_model(cfg: Any, prelude: tuple[Any, ...]) -> Any:
    """A model whose initial state is the cluster after the user actions ``prelude``, each followed
    by the controllers running until nothing more happens. Exploration starts there, so a story such
    as "a finished rollout, then an undo" is explored without every moment at which the earlier
    steps could have interleaved with it."""
    return _prelude_class()(cfg, prelude)


def _fresh(build: Callable[[], Any]) -> Callable[[], Any]:
    """``build`` with watch events reaching the caches at once (``informer_lag=False``): the same
    story with far fewer interleavings, small enough for the model checker to exhaust."""
    def fresh() -> Any:
        return dataclasses.replace(build(), informer_lag=False)
    return fresh


def _undo_after_rollout() -> Any:
    from model.config import web_deployment
    from model.useractions import Undo

    return dataclasses.replace(_default(), objects=(web_deployment(replicas=1),), script=(Undo("web"),),
                               informer_lag=False)


def _image_update() -> tuple[Any, ...]:
    from model.useractions import UpdateImage

    return (UpdateImage("web", "web", NEW_IMAGE),)


def _hpa_small(load: tuple[int, ...], max_replicas: int, max_seconds: int = 300) -> Callable[[], Any]:
    def build() -> Any:
        from model.config import web_deployment
        from model.useractions import SetCPULoad

        # the HPA exists from the start (settled): the story is the load changing
        return dataclasses.replace(
            _default(), objects=(web_deployment(replicas=1), _hpa_object(max_replicas)), informer_lag=False,
            max_seconds=max_seconds, script=tuple(SetCPULoad("Deployment", "web", mc) for mc in load))
    return build


SETUPS: dict[str, Callable[[], Any]] = {
    "default": _default,
    "rollout-4-surge-1": _rollout(4, max_surge=1, max_unavailable=0),
    "rollout-4-unavailable-30": _rollout(4, max_surge=0, max_unavailable="30%"),
    "rollout-1": _rollout(1),
    "rollout-then-undo": _rollout_then_undo,
    # watch events reach the caches at once: small enough to exhaust (every property proved)
    "rollout-1-fresh-caches": _fresh_caches(1),
    "rollout-2-fresh-caches": _fresh_caches(2),
    "crash-then-scale": _crash_then_scale,
    "stale-cache-start": _stale_cache_start,
    "tight-nodes": _tight_nodes,
    "unpullable-start": _unpullable_start,
    "dropped-event-scale": _dropped_event_scale,
    "recreate-slow-exit": _recreate_slow_exit,
    "hpa-load-then-idle": _hpa_load_then_idle,
    "hpa-overload": _hpa_overload,
    "two-managers-lease-loss": _two_managers,
    # the application is created from nothing, watch events reach the caches at once
    "fresh-start-1": _fresh_start(1),
    "scale-1-to-2": _scale_up,
    "rollout-3-then-scale-2": _rollout_then_shrink,
    "hpa-near-target": _hpa_near_target,
    # small enough to exhaust in seconds: the default suite of `kubeproof verify` (DEFAULT_SUITE)
    "undo-after-rollout-1": _undo_after_rollout,
    "recreate-1-fresh-caches": _fresh(_recreate_slow_exit),
    "stale-cache-start-1": _stale_start_1,
    "hpa-1-near-target": _hpa_small((105,), 3),
    # the undo may come at any moment of the rollout (too large to exhaust in minutes)
    "rollout-then-undo-fresh-caches": _fresh(_rollout_then_undo),
}

# setup -> the user actions already done (each followed by the cluster settling) in its initial state
PRELUDES: dict[str, Callable[[], tuple[Any, ...]]] = {
    "undo-after-rollout-1": _image_update,
}

# variant -> (setup, property that must catch it)
EXPECTED: dict[str, tuple[str, str]] = {
    "no-surge-bound": ("default", "rolling_update_surge_bound"),
    "surge-rounds-up-unavailable": ("default", "rolling_update_availability_floor"),
    "scale-down-ready-first": ("crash-then-scale", "scale_down_victim_order"),
    "ignore-expectations": ("stale-cache-start", "no_overcreation_under_stale_caches"),
    "scheduler-ignores-capacity": ("tight-nodes", "no_node_overcommit"),
    "double-bind": ("unpullable-start", "pod_bound_at_most_once"),
    "edge-triggered": ("dropped-event-scale", "replicas_converge_despite_lost_events"),
    "recreate-no-wait": ("recreate-slow-exit", "recreate_old_and_new_never_together"),
    "history-deletes-rollback-target": ("rollout-1", "history_keeps_rollback_target"),
    "hpa-no-stabilization": ("hpa-load-then-idle", "hpa_no_flapping"),
    "hpa-ignores-bounds": ("hpa-overload", "hpa_replicas_within_bounds"),
    "lease-expiry-wrong-side": ("two-managers-lease-loss", "at_most_one_active_leader"),
    "undo-copies-current-template": ("rollout-then-undo", "rollback_restores_template"),
    "deployment-ignores-replicaset-events": ("fresh-start-1", "eventual_rollout_completion"),
    "hash-includes-generation": ("scale-1-to-2", "one_replicaset_per_template"),
    "proportional-scaling-drops-leftover": ("rollout-3-then-scale-2", "proportional_scaling_exact"),
    "hpa-ignores-tolerance": ("hpa-near-target", "hpa_tolerance"),
}


def rolling_update_config(replicas: int, surge: int | str, unavailable: int | str, nodes: int = 3,
                          node_failures: int = 0, max_seconds: int = 120) -> Any:
    """A rolling update of ``replicas`` pods on ``nodes`` identical nodes, with a fault budget."""
    from model.config import FaultBudget, NodeConfig, web_deployment
    from model.useractions import UpdateImage

    d = web_deployment(replicas=replicas, max_surge=surge, max_unavailable=unavailable)
    return dataclasses.replace(
        _default(), nodes=tuple(NodeConfig(f"node-{i + 1}", cpu="2", memory="4Gi") for i in range(nodes)),
        objects=(d,), script=(UpdateImage("web", "web", NEW_IMAGE),),
        faults=FaultBudget(node_failures=node_failures), max_seconds=max_seconds)


def build_system(variant: str | None = None, setup: str = "default", manifests: list[str] | None = None,
                 cluster: str | None = None, rolling: dict[str, Any] | None = None) -> Any:
    """The transition system for a setup (or manifests + optional cluster file, or the parameters of
    ``rolling_update_config``), with a variant."""
    from model.system import Model

    if rolling:
        cfg = rolling_update_config(**rolling)
        return Model(cfg.with_variant(variant) if variant else cfg)
    if manifests:
        from model.config import load_config

        cfg = load_config(manifests, cluster)
        if not cfg.script:
            # the story explored: the application is running, then each Deployment gets a new image
            from model.useractions import UpdateImage

            script = tuple(UpdateImage(o.metadata.name, o.spec.template.spec.containers[0].name,
                                       o.spec.template.spec.containers[0].image + "-next")
                           for o in cfg.objects if getattr(o, "kind", "") == "Deployment"
                           and o.spec.template.spec.containers)
            cfg = dataclasses.replace(cfg, start_settled=True, script=script)
    else:
        if setup not in SETUPS:
            raise ModelError("Invalid", f"unknown setup {setup!r}; known: {', '.join(SETUPS)}", field="setup")
        cfg = SETUPS[setup]()
    if variant:
        from model.variants import VARIANTS

        if variant not in VARIANTS:
            known = ", ".join(VARIANTS)
            raise ModelError("Invalid", f"--variant: unknown variant {variant!r}; known: {known}", field="--variant")
        cfg = cfg.with_variant(variant)
    if not manifests and setup in PRELUDES:
        return _prelude_model(cfg, PRELUDES[setup]())
    return Model(cfg)


def spec_for(variant: str | None = None, setup: str = "default", manifests: list[str] | None = None,
             cluster: str | None = None) -> ModelSpec:
    args: dict[str, Any] = {"variant": variant, "setup": setup}
    if manifests:
        args["manifests"] = list(manifests)
    if cluster:
        args["cluster"] = cluster
    return ModelSpec.of(FACTORY, **args)


@dataclasses.dataclass(frozen=True)
class SuiteSetup:
    """One cluster of the default suite: a named setup, the story it tells, and the properties left
    out on it (with why: a reachability property that the story cannot reach is not a finding)."""

    setup: str
    story: str
    skip: tuple[str, ...] = ()
    why_skip: str = ""


# What plain `kubeproof verify` checks: small clusters the model checker exhausts in seconds, chosen
# so that every property of the catalogue applies on at least one of them (tests pin both).
DEFAULT_SUITE: tuple[SuiteSetup, ...] = (
    SuiteSetup("rollout-1-fresh-caches", "a rolling update of 1 replica, caches never lag"),
    SuiteSetup("undo-after-rollout-1", "`kubectl rollout undo` after a finished rollout"),
    SuiteSetup("fresh-start-1", "the application created from nothing"),
    SuiteSetup("scale-1-to-2", "a scale-up from 1 to 2 replicas"),
    SuiteSetup("stale-cache-start-1", "creation with lagging caches (expectations matter)"),
    SuiteSetup("recreate-1-fresh-caches", "a Recreate rollout whose old pod exits slowly"),
    SuiteSetup("two-managers-lease-loss", "two controller-managers, the leader loses its lease",
               skip=("a_new_pod_becomes_ready",), why_skip="nothing creates a pod in this story"),
    SuiteSetup("hpa-1-near-target", "an HPA whose load stays inside its tolerance",
               skip=("a_new_pod_becomes_ready",), why_skip="the HPA must not scale, so no pod is created"),
)
