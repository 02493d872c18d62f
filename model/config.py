"""The cluster a model run starts from: a frozen ``ClusterConfig``, the default one, loading from YAML.

A config is everything ``model.system.Model`` needs and nothing it computes: the nodes (capacity,
labels, zone), the objects a user has applied before the run starts (Deployments, ReplicaSets,
Services, HPAs... as ``model.objects`` values), a script of pending user actions, the fault budget,
the bounds (``max_seconds``) and the switches that select a model variant
(``variant`` — ``None`` is the real model, the names are catalogued in ``model.variants``) and
feature toggles (``level_triggered``, ``informer_lag``, ``controller_managers``).

All Kubernetes timing defaults the system uses live here, in one place (``Timings``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from model.commonvalidation import validate_labels
from model.errors import ModelError
from model.labels import LabelSelector
from model.namevalidation import is_dns1123_label, is_dns1123_subdomain
from model.objects import (
    Container,
    Deployment,
    DeploymentSpec,
    DeploymentStrategy,
    ObjectMeta,
    PodSpec,
    PodTemplateSpec,
    ResourceRequirements,
    RollingUpdateDeployment,
    freeze_map,
)

__all__ = [
    "NodeConfig",
    "FaultBudget",
    "Timings",
    "ClusterConfig",
    "default_config",
    "load_config",
    "load_cluster_file",
    "FAULT_KINDS",
]


@dataclass(frozen=True, slots=True)
class NodeConfig:
    """One node of the cluster: allocatable resources as quantity strings, labels, zone."""

    name: str
    cpu: str = "4"
    memory: str = "8Gi"
    pods: int = 110
    labels: tuple[tuple[str, str], ...] = ()
    zone: str = ""


# Names of the fault budgets; ``FaultBudget`` has one int field per name.
FAULT_KINDS = (
    "node_failures",       # a node's kubelet goes silent (and may come back: node_recoveries)
    "node_recoveries",
    "pod_crashes",         # a running container exits; the kubelet restarts it
    "image_pull_failures",  # an image becomes unpullable
    "dropped_events",      # a watch event never reaches an informer cache
    "duplicated_events",   # a watch event is delivered twice
    "controller_crashes",  # kube-controller-manager restarts mid-reconcile (loses queues, expectations)
    "write_conflicts",     # the next controller write fails with a 409 Conflict
    "lease_losses",        # the leading controller-manager stops renewing its lease
    "clock_skews",         # one controller-manager's clock jumps ahead
)


@dataclass(frozen=True, slots=True)
class FaultBudget:
    """How many faults of each kind may still happen (all 0: a fault-free run)."""

    node_failures: int = 0
    node_recoveries: int = 0
    pod_crashes: int = 0
    image_pull_failures: int = 0
    dropped_events: int = 0
    duplicated_events: int = 0
    controller_crashes: int = 0
    write_conflicts: int = 0
    lease_losses: int = 0
    clock_skews: int = 0

    def left(self, kind: str) -> int:
        return int(getattr(self, kind))

    def spend(self, kind: str) -> FaultBudget:
        return dataclasses.replace(self, **{kind: self.left(kind) - 1})

    def total(self) -> int:
        return sum(self.left(k) for k in FAULT_KINDS)


@dataclass(frozen=True, slots=True)
class Timings:
    """Kubernetes' timing defaults, in seconds (flags of kube-controller-manager and the kubelet)."""

    node_monitor_grace: int = 40          # --node-monitor-grace-period (50 s since v1.32)
    default_toleration: int = 300         # DefaultTolerationSeconds admission plugin
    resync: int = 30                      # informer relist after a broken watch (model abstraction)
    expectations_ttl: int = 300           # controller.ExpectationsTimeout
    hpa_sync: int = 15                    # --horizontal-pod-autoscaler-sync-period
    metrics_delay: int = 0                # metrics-server scrape delay seen by the HPA
    lease_duration: int = 15              # --leader-elect-lease-duration
    renew_deadline: int = 10              # --leader-elect-renew-deadline
    retry_period: int = 2                 # --leader-elect-retry-period
    clock_skew: int = 5                   # how far a skewed clock jumps
    termination: int = 0                  # how long a container takes to exit after SIGTERM
    readiness: int = 0                    # from container start to passing its readiness probe


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """A frozen description of one model run. Build with ``default_config`` or ``load_config``.

    ``objects`` are applied, in order, by the user before anything runs (``kubectl apply``).
    ``script`` holds user actions (``model.useractions`` values) the model offers, in order, as the
    run proceeds — e.g. the pending image update of the default config. ``start_settled`` makes
    ``init_states`` return the state after the deterministic runner has settled the cluster, so
    that exploration starts from a running application.
    """

    nodes: tuple[NodeConfig, ...] = ()
    objects: tuple[Any, ...] = ()
    script: tuple[Any, ...] = ()
    faults: FaultBudget = FaultBudget()
    max_seconds: int = 600
    variant: str | None = None
    level_triggered: bool = True
    informer_lag: bool = True
    controller_managers: int = 1
    namespace: str = "default"
    start_settled: bool = False
    start_time: int = 1_700_000_000 * 1_000_000_000  # 2023-11-14T22:13:20Z, in ns
    timings: Timings = field(default_factory=Timings)
    # autoscale-system: Cluster Autoscaler node groups (model.wiring.clusterautoscaler.NodeGroup)
    node_groups: tuple[Any, ...] = ()

    def with_variant(self, variant: str | None) -> ClusterConfig:
        return dataclasses.replace(self, variant=variant)

    def with_faults(self, **budget: int) -> ClusterConfig:
        return dataclasses.replace(self, faults=dataclasses.replace(self.faults, **budget))


def web_deployment(
    name: str = "web", replicas: int = 2, image: str = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4",
    namespace: str = "default", cpu: str = "100m", max_surge: int | str = "25%",
    max_unavailable: int | str = "25%", strategy: str = "RollingUpdate",
) -> Deployment:
    """A defaulted Deployment as ``kubectl apply`` of a minimal manifest would store it."""
    labels = freeze_map({"app": name})
    rolling = (
        RollingUpdateDeployment(max_surge=max_surge, max_unavailable=max_unavailable)
        if strategy == "RollingUpdate" else None
    )
    return Deployment(
        metadata=ObjectMeta(name=name, namespace=namespace, labels=labels),
        spec=DeploymentSpec(
            replicas=replicas,
            selector=LabelSelector(match_labels=labels),
            template=PodTemplateSpec(
                metadata=ObjectMeta(labels=labels),
                spec=PodSpec(
                    containers=(Container(name=name, image=image,
                                          resources=ResourceRequirements(requests=(("cpu", cpu),))),),
                    restart_policy="Always",
                    termination_grace_period_seconds=30,
                    scheduler_name="default-scheduler",
                ),
            ),
            strategy=DeploymentStrategy(type=strategy, rolling_update=rolling),
            revision_history_limit=10,
            progress_deadline_seconds=600,
        ),
    )


def default_config() -> ClusterConfig:
    """The built-in cluster of ``kubeproof verify``: 2 nodes, Deployment ``web`` with 2 replicas
    running, and one pending user action (an image update), so the space explored is a rollout."""
    from model.useractions import UpdateImage  # the script holds user action values

    return ClusterConfig(
        nodes=(NodeConfig("node-1", cpu="2", memory="4Gi"), NodeConfig("node-2", cpu="2", memory="4Gi")),
        objects=(web_deployment(),),
        script=(UpdateImage("web", "web", "registry.k8s.io/e2e-test-images/httpd:2.4.39-4"),),
        max_seconds=300,
        start_settled=True,
    )


# ---------------------------------------------------------------------------------------------
# loading


_CLUSTER_KEYS = {"nodes", "faults", "maxSeconds", "variant", "levelTriggered", "informerLag",
                 "controllerManagers", "namespace", "startSettled", "timings"}
_NODE_KEYS = {"name", "cpu", "memory", "pods", "labels", "zone"}
_CLUSTER_KEYS |= {"nodeGroups"}  # autoscale-system: Cluster Autoscaler node groups


def load_cluster_file(path: str) -> dict[str, Any]:
    """Parse a cluster file (YAML mapping) and return ClusterConfig keyword arguments."""
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    except OSError as exc:
        raise ModelError("NotFound", f"{path}: cannot read cluster file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ModelError("Invalid", f"{path}: not a UTF-8 text file (a cluster file is YAML)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ModelError("Syntax", f"{path}: {at}invalid YAML: {problem}") from None
    except RecursionError:
        raise ModelError("Syntax", f"{path}: invalid YAML: nested too deeply") from None
    if not isinstance(data, dict):
        raise ModelError("Invalid", f"{path}: a cluster file is a YAML mapping with at least `nodes:` "
                         f"(see examples/cluster.yaml), got {type(data).__name__}")
    if "cluster" in data and isinstance(data["cluster"], dict):  # scenario-style nesting
        data = data["cluster"]
    return cluster_kwargs(data, path)


def cluster_kwargs(data: dict[str, Any], where: str = "cluster") -> dict[str, Any]:
    """ClusterConfig keyword arguments from a cluster mapping (the cluster file / scenario shape)."""
    unknown = sorted(set(data) - _CLUSTER_KEYS)
    if unknown:
        raise ModelError("Invalid", f'{where}: unknown field "{unknown[0]}" (a cluster file has: '
                         + ", ".join(sorted(_CLUSTER_KEYS)) + ")", field=unknown[0])
    out: dict[str, Any] = {}
    nodes = data.get("nodes", [])
    if not isinstance(nodes, list) or not nodes:
        raise ModelError("Invalid", f"{where}: nodes: a non-empty list of nodes is required", field="nodes")
    parsed = []
    seen: set[str] = set()
    for i, n in enumerate(nodes):
        path = f"nodes[{i}]"
        if not isinstance(n, dict) or not isinstance(n.get("name"), str) or not n["name"]:
            raise ModelError("Invalid", f"{where}: {path}.name: Required value", field=f"{path}.name")
        bad = sorted(set(n) - _NODE_KEYS)
        if bad:
            raise ModelError("Invalid", f'{where}: unknown field "{path}.{bad[0]}" (a node has: '
                             + ", ".join(sorted(_NODE_KEYS)) + ")", field=f"{path}.{bad[0]}")
        if n["name"] in seen:
            raise ModelError("Invalid", f"{where}: {path}.name: Duplicate value: {n['name']!r}",
                             field=f"{path}.name")
        seen.add(n["name"])
        # a node is a Node object: its name a DNS subdomain (ValidateNodeName), its labels valid labels
        _check_name(n["name"], f"{path}.name", where, is_dns1123_subdomain)
        labels = n.get("labels") or {}
        if not isinstance(labels, dict):
            raise ModelError("Invalid", f"{where}: {path}.labels: expected a map", field=f"{path}.labels")
        for key, value in labels.items():
            if not isinstance(value, str | int | float | bool) or value is None:
                raise ModelError("Invalid", f"{where}: {path}.labels.{key}: expected a string, got {_show(value)}",
                                 field=f"{path}.labels.{key}")
        label_errors = validate_labels(freeze_map({str(k): _label_text(v) for k, v in labels.items()}),
                                       f"{path}.labels")
        if "zone" in n:
            if not isinstance(n["zone"], str):
                raise ModelError("Invalid", f"{where}: {path}.zone: expected a string, got {_show(n['zone'])}",
                                 field=f"{path}.zone")
            label_errors += validate_labels(freeze_map({"topology.kubernetes.io/zone": n["zone"]}), f"{path}.zone")
        if label_errors:
            raise ModelError("Invalid", f"{where}: {label_errors[0]}", field=label_errors[0].field)
        for res in ("cpu", "memory"):
            if res in n:
                _check_quantity(n[res], f"{path}.{res}", where)
        pods = n.get("pods", 110)
        if not isinstance(pods, int) or isinstance(pods, bool) or pods < 0:
            raise ModelError("Invalid", f"{where}: {path}.pods: Invalid value: {_show(pods)}: "
                             "must be a non-negative integer", field=f"{path}.pods")
        parsed.append(NodeConfig(
            name=n["name"], cpu=str(n.get("cpu", "4")), memory=str(n.get("memory", "8Gi")),
            pods=pods, labels=freeze_map({str(k): _label_text(v) for k, v in labels.items()}),
            zone=str(n.get("zone", "")),
        ))
    out["nodes"] = tuple(parsed)
    if "faults" in data:
        faults = data["faults"] or {}
        if not isinstance(faults, dict):
            raise ModelError("Invalid", f"{where}: faults: expected a map", field="faults")
        budget: dict[str, int] = {}
        for k, v in faults.items():
            snake = _snake(str(k))
            if snake not in FAULT_KINDS:
                raise ModelError("Invalid", f"{where}: faults.{k}: Unsupported value; expected one of "
                                 + ", ".join(_camel(x) for x in FAULT_KINDS), field=f"faults.{k}")
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ModelError("Invalid", f"{where}: faults.{k}: must be a non-negative integer",
                                 field=f"faults.{k}")
            budget[snake] = v
        out["faults"] = FaultBudget(**budget)
    for key, attr, typ in (("maxSeconds", "max_seconds", int), ("levelTriggered", "level_triggered", bool),
                           ("informerLag", "informer_lag", bool), ("controllerManagers", "controller_managers", int),
                           ("namespace", "namespace", str), ("startSettled", "start_settled", bool)):
        if key in data:
            if not isinstance(data[key], typ) or (typ is int and isinstance(data[key], bool)):
                expected = {int: "an integer", bool: "true or false", str: "a string"}[typ]
                raise ModelError("Invalid", f"{where}: {key}: Invalid value: {_show(data[key])}: must be {expected}",
                                 field=key)
            least = 1 if key == "controllerManagers" else 0  # someone must run the controllers
            if typ is int and data[key] < least:
                raise ModelError("Invalid", f"{where}: {key}: Invalid value: {data[key]}: "
                                 f"must be greater than or equal to {least}", field=key)
            out[attr] = data[key]
    if "namespace" in data:
        _check_name(data["namespace"], "namespace", where, is_dns1123_label)
    if "variant" in data:
        from model.variants import VARIANTS

        if data["variant"] is not None and data["variant"] not in VARIANTS:
            raise ModelError("Invalid", f"{where}: variant: Unsupported value: {_show(data['variant'])}: "
                             "supported values: " + ", ".join(f'"{v}"' for v in VARIANTS), field="variant")
        out["variant"] = data["variant"]
    if "timings" in data:
        timings = data["timings"] or {}
        if not isinstance(timings, dict):
            raise ModelError("Invalid", f"{where}: timings: expected a map", field="timings")
        known = {f.name for f in dataclasses.fields(Timings)}
        values: dict[str, int] = {}
        for k, v in timings.items():
            snake = _snake(str(k))
            if snake not in known:
                raise ModelError("Invalid", f"{where}: timings.{k}: Unsupported value; expected one of "
                                 + ", ".join(sorted(_camel(x) for x in known)), field=f"timings.{k}")
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ModelError("Invalid", f"{where}: timings.{k}: must be a non-negative integer (seconds)",
                                 field=f"timings.{k}")
            values[snake] = v
        out["timings"] = Timings(**values)
    if "nodeGroups" in data:  # autoscale-system
        from model.wiring.clusterautoscaler import parse_node_groups

        out["node_groups"] = parse_node_groups(data["nodeGroups"], where)
    return out


def _show(value: Any) -> str:
    """A value as Kubernetes' field errors print it (JSON: strings in double quotes)."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def _label_text(value: Any) -> str:
    # YAML reads `ssd: true` or `rack: 3` as a bool or a number; the label is the text the user wrote
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _check_name(value: Any, path: str, where: str, rule: Any) -> None:
    problems = rule(value) if isinstance(value, str) else ["must be a string"]
    if problems:
        raise ModelError("Invalid", f"{where}: {path}: Invalid value: {_show(value)}: {problems[0]}", field=path)


def _check_quantity(value: Any, path: str, where: str) -> None:
    """A node's capacity must be a Kubernetes quantity ("2", "500m", "4Gi")."""
    from model.quantity import parse_quantity

    problem = ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        problem = "must be a quantity such as \"2\", \"500m\" or \"4Gi\""
    else:
        try:
            amount = parse_quantity(value)
            if amount < 0:
                problem = "must be greater than or equal to 0"
            elif amount * 1000 >= 2**63:
                # beyond int64 milli-units Kubernetes' MilliValue() no longer holds it: no node has this
                problem = "too large (at most 9223372036854775 whole units)"
        except ModelError as exc:
            problem = exc.message
    if problem:
        raise ModelError("Invalid", f"{where}: {path}: Invalid value: {_show(value)}: {problem}", field=path)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def load_config(manifest_paths: Sequence[str], cluster_file: str | None = None, **overrides: Any) -> ClusterConfig:
    """A ClusterConfig from multi-document YAML manifests (+ an optional cluster file).

    Manifests are parsed, defaulted and validated by ``model.manifests`` (the foundation's loader);
    an invalid manifest is a ``ModelError`` naming the file and the field. Without a cluster file
    the cluster has three nodes (4 CPUs, 8Gi each)."""
    objects = _load_manifest_files(manifest_paths)
    if manifest_paths and not objects:
        # kubectl apply says the same: nothing to deploy is a mistake, not an empty success.
        raise ModelError("Invalid", f"{', '.join(map(str, manifest_paths))}: no objects passed to apply "
                         "(the manifests hold no YAML documents; expected at least one Deployment, "
                         "ReplicaSet, Pod...)")
    from model.manifests import MODEL_MAX_REPLICAS, REPLICATED_KINDS

    total = sum(obj.spec.replicas or 0 for obj in objects if obj.kind in REPLICATED_KINDS)
    if total > MODEL_MAX_REPLICAS:
        raise ModelError("Invalid", f"{', '.join(map(str, manifest_paths))}: the workloads ask for {total} "
                         f"replicas in all (spec.replicas), more than kubeproof models (at most {MODEL_MAX_REPLICAS})")
    seen: set[tuple[str, str, str]] = set()
    for obj in objects:
        key = (obj.kind, obj.metadata.namespace or "default", obj.metadata.name)
        if key in seen:
            # One initial object per name: a second copy would silently replace the first.
            raise ModelError("Invalid", f"{key[0]} {key[1]}/{key[2]}: metadata.name: Duplicate value: "
                             f"{key[2]!r} is defined more than once in {', '.join(map(str, manifest_paths))} "
                             "(remove one copy)")
        seen.add(key)
    kwargs: dict[str, Any] = {}
    if cluster_file:
        kwargs = load_cluster_file(cluster_file)
    else:
        kwargs["nodes"] = tuple(NodeConfig(f"node-{i}") for i in (1, 2, 3))
    kwargs.update(overrides)
    cfg = ClusterConfig(objects=tuple(objects), **kwargs)
    if cfg.variant is not None:
        from model.variants import VARIANTS

        if cfg.variant not in VARIANTS:
            raise ModelError("Invalid", f"variant: Unsupported value: {_show(cfg.variant)}: supported values: "
                             + ", ".join(f'"{v}"' for v in VARIANTS), field="variant")
    return cfg


def _load_manifest_files(paths: Sequence[str]) -> tuple[Any, ...]:
    """The manifests' objects, strictly decoded, defaulted and validated (``model.manifests``)."""
    from model.manifests import load_manifest_files

    return tuple(load_manifest_files(list(paths)))


def _standin_defaults(obj: Any) -> Any:
    from model.objects import Deployment

    if not isinstance(obj, Deployment):
        return obj
    spec = obj.spec
    strategy = spec.strategy
    if not strategy.type:
        strategy = DeploymentStrategy(type="RollingUpdate")
    if strategy.type == "RollingUpdate":
        ru = strategy.rolling_update or RollingUpdateDeployment()
        strategy = dataclasses.replace(strategy, rolling_update=RollingUpdateDeployment(
            max_surge="25%" if ru.max_surge is None else ru.max_surge,
            max_unavailable="25%" if ru.max_unavailable is None else ru.max_unavailable))
    spec = dataclasses.replace(
        spec, replicas=1 if spec.replicas is None else spec.replicas, strategy=strategy,
        revision_history_limit=10 if spec.revision_history_limit is None else spec.revision_history_limit,
        progress_deadline_seconds=600 if spec.progress_deadline_seconds is None else spec.progress_deadline_seconds,
    )
    return dataclasses.replace(obj, spec=spec)
