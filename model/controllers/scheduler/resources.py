"""A pod's resource requests and a node's accounting, as the scheduler computes them.

Mirrors:
* staging/src/k8s.io/component-helpers/resource/helpers.go: ``PodRequests``,
  ``AggregateContainerRequests`` (init containers as a maximum, sidecars — restartable init
  containers — added to the long-running sum, pod-level requests, overhead) and the
  ``NonMissingContainerRequests`` option;
* pkg/scheduler/framework/types.go (staging k8s.io/kube-scheduler in newer releases):
  ``Resource`` (``Add``, ``SetMaxResource``), ``NodeInfo`` (``Requested``,
  ``NonZeroRequested``, ``Allocatable``, ``AllowedPodNumber``) and ``calculateResource``;
* pkg/scheduler/util/pod_resources.go: ``DefaultMilliCPURequest`` (100m) and
  ``DefaultMemoryRequest`` (200 MiB), the non-zero defaults used for scoring;
* pkg/apis/core/v1/helper/helpers.go: ``IsExtendedResourceName``, ``IsScalarResourceName`` and
  friends.

CPU is kept in millicores, every other resource in base units (``MilliValue``/``Value``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from model.controllers.scheduler import quantities
from model.namevalidation import is_qualified_name
from model.objects import Container, Labels, Node, Pod

CPU = "cpu"
MEMORY = "memory"
EPHEMERAL_STORAGE = "ephemeral-storage"
PODS = "pods"

DEFAULT_MILLI_CPU_REQUEST = 100
DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

# Pod-level requests (spec.resources) may set cpu, memory and hugepages-* (IsSupportedPodLevelResource).
_POD_LEVEL_RESOURCES = (CPU, MEMORY)


def is_supported_pod_level_resource(name: str) -> bool:
    """Mirrors staging/src/k8s.io/component-helpers/resource/helpers.go: IsSupportedPodLevelResource."""
    return name in _POD_LEVEL_RESOURCES or name.startswith("hugepages-")

ResourceList = dict[str, Fraction]


def is_prefixed_native_resource(name: str) -> bool:
    """Mirrors pkg/apis/core/v1/helper/helpers.go: IsPrefixedNativeResource: a name in the ``kubernetes.io/``
    namespace."""
    return "kubernetes.io/" in name


def is_native_resource(name: str) -> bool:
    """Mirrors pkg/apis/core/v1/helper/helpers.go: IsNativeResource: no domain, or the ``kubernetes.io/``
    domain."""
    return "/" not in name or is_prefixed_native_resource(name)


def is_extended_resource_name(name: str) -> bool:
    """Mirrors pkg/apis/core/v1/helper/helpers.go: IsExtendedResourceName: a fully-qualified name outside
    ``kubernetes.io/`` that is still a qualified name once turned into its quota name ``requests.<name>`` (so
    ``example.com/`` or an upper-case domain is no resource the scheduler counts at all)."""
    if is_native_resource(name) or name.startswith("requests."):
        return False
    return not is_qualified_name("requests." + name)


def is_hugepage_resource_name(name: str) -> bool:
    """Mirrors pkg/apis/core/v1/helper/helpers.go: IsHugePageResourceName."""
    return name.startswith("hugepages-")


def is_attachable_volume_resource_name(name: str) -> bool:
    """Mirrors pkg/apis/core/v1/helper/helpers.go: IsAttachableVolumeResourceName."""
    return name.startswith("attachable-volumes-")


def is_scalar_resource_name(name: str) -> bool:
    """Mirrors pkg/apis/core/v1/helper/helpers.go: IsScalarResourceName: extended, hugepages, prefixed-native
    or attachable volumes."""
    return (is_extended_resource_name(name) or is_hugepage_resource_name(name)
            or is_prefixed_native_resource(name) or is_attachable_volume_resource_name(name))


def resource_list(items: Labels | Mapping[str, str], field: str | None = None) -> ResourceList:
    """Model-only: parse a ``v1.ResourceList`` (pairs or a mapping of quantity strings)."""
    pairs = items.items() if isinstance(items, Mapping) else items
    return {name: quantities.parse(q, f"{field}.{name}" if field else None) for name, q in pairs}


def _add(into: ResourceList, other: Mapping[str, Fraction]) -> None:
    for name, q in other.items():
        into[name] = into.get(name, Fraction(0)) + q


def _max(into: ResourceList, other: Mapping[str, Fraction]) -> None:
    for name, q in other.items():
        if name not in into or q > into[name]:
            into[name] = q


def _container_requests(c: Container, non_missing: Mapping[str, Fraction] | None, path: str) -> ResourceList:
    reqs = resource_list(c.resources.requests, f"{path}.resources.requests")
    if non_missing:
        for name, q in non_missing.items():
            if name not in reqs:
                reqs[name] = q
    return reqs


def pod_requests(pod: Pod, *, non_missing: Mapping[str, Fraction] | None = None,
                 pod_level_resources: bool = True, exclude_overhead: bool = False) -> ResourceList:
    """The pod's effective requests per resource name.

    Mirrors staging/src/k8s.io/component-helpers/resource/helpers.go: PodRequests/AggregateContainerRequests: regular containers
    and sidecars summed; each regular init container needs its own request plus the sidecars
    started before it, and the pod needs the largest of those; pod-level ``spec.resources``
    requests replace the cpu/memory aggregate; overhead is added last. ``non_missing`` gives the
    amount a container counts for a resource it does not mention (the scoring defaults).
    """
    reqs: ResourceList = {}
    for i, c in enumerate(pod.spec.containers):
        _add(reqs, _container_requests(c, non_missing, f"spec.containers[{i}]"))
    sidecars: ResourceList = {}
    init_max: ResourceList = {}
    for i, c in enumerate(pod.spec.init_containers):
        creqs = _container_requests(c, non_missing, f"spec.initContainers[{i}]")
        if c.restart_policy == "Always":
            _add(reqs, creqs)
            _add(sidecars, creqs)
            need = dict(sidecars)
        else:
            need = dict(creqs)
            _add(need, sidecars)
        _max(init_max, need)
    _max(reqs, init_max)
    if pod_level_resources and pod.spec.resources is not None and pod.spec.resources.requests:
        for name, q in resource_list(pod.spec.resources.requests, "spec.resources.requests").items():
            if is_supported_pod_level_resource(name):
                reqs[name] = q
    if not exclude_overhead and pod.spec.overhead:
        _add(reqs, resource_list(pod.spec.overhead, "spec.overhead"))
    return reqs


NON_ZERO_DEFAULTS: Mapping[str, Fraction] = {
    CPU: Fraction(DEFAULT_MILLI_CPU_REQUEST, 1000),
    MEMORY: Fraction(DEFAULT_MEMORY_REQUEST),
}


def amount(name: str, q: Fraction) -> int:
    """Model-only: a quantity in the scheduler's integer unit: millicores for cpu, base units otherwise."""
    return quantities.milli_value(q) if name == CPU else quantities.value(q)


@dataclass(frozen=True, slots=True)
class Resource:
    """``framework.Resource``: cpu in millicores, the rest in base units; scalars sorted pairs."""

    milli_cpu: int = 0
    memory: int = 0
    ephemeral_storage: int = 0
    allowed_pod_number: int = 0
    scalar_resources: tuple[tuple[str, int], ...] = ()

    def scalar(self, name: str) -> int:
        """Model-only: the amount of one scalar resource (``ScalarResources[name]``, 0 when absent)."""
        for k, v in self.scalar_resources:
            if k == name:
                return v
        return 0

    def get(self, name: str) -> int:
        """Model-only: the amount of one resource (0 when absent)."""
        if name == CPU:
            return self.milli_cpu
        if name == MEMORY:
            return self.memory
        if name == EPHEMERAL_STORAGE:
            return self.ephemeral_storage
        if name == PODS:
            return self.allowed_pod_number
        return self.scalar(name)

    def has_scalar(self, name: str) -> bool:
        """Model-only: whether ``ScalarResources`` holds the resource."""
        return any(k == name for k, _ in self.scalar_resources)


def resource_from_list(rl: Mapping[str, Fraction], *, keep_zero_scalars: bool = True) -> Resource:
    """Mirrors pkg/scheduler/framework/types.go: Resource.Add, of one list into an empty Resource
    (``SetMaxResource`` of a fresh one)."""
    cpu = mem = eph = pods = 0
    scalars: dict[str, int] = {}
    for name, q in rl.items():
        if name == CPU:
            cpu += quantities.milli_value(q)
        elif name == MEMORY:
            mem += quantities.value(q)
        elif name == EPHEMERAL_STORAGE:
            eph += quantities.value(q)
        elif name == PODS:
            pods += quantities.value(q)
        elif is_scalar_resource_name(name):
            v = quantities.value(q)
            if v or keep_zero_scalars:
                scalars[name] = scalars.get(name, 0) + v
    return Resource(cpu, mem, eph, pods, tuple(sorted(scalars.items())))


def add_resources(a: Resource, b: Resource) -> Resource:
    """Model-only: component-wise sum."""
    scalars = dict(a.scalar_resources)
    for k, v in b.scalar_resources:
        scalars[k] = scalars.get(k, 0) + v
    return Resource(a.milli_cpu + b.milli_cpu, a.memory + b.memory,
                    a.ephemeral_storage + b.ephemeral_storage,
                    a.allowed_pod_number + b.allowed_pod_number, tuple(sorted(scalars.items())))


def compute_pod_resource_request(pod: Pod, *, pod_level_resources: bool = True) -> Resource:
    """Mirrors pkg/scheduler/framework/plugins/noderesources/fit.go: computePodResourceRequest. The request
    the Fit filter checks (noderesources ``computePodResourceRequest``)."""
    return resource_from_list(pod_requests(pod, pod_level_resources=pod_level_resources))


def non_zero_request(pod: Pod, *, pod_level_resources: bool = True) -> tuple[int, int]:
    """Mirrors pkg/scheduler/framework/types.go: calculateResource (its non-zero requests). (millicores,
    bytes) the pod counts for in scoring: missing cpu/memory take the defaults."""
    reqs = pod_requests(pod, non_missing=NON_ZERO_DEFAULTS, pod_level_resources=pod_level_resources)
    return (quantities.milli_value(reqs.get(CPU, Fraction(0))),
            quantities.value(reqs.get(MEMORY, Fraction(0))))


def node_allocatable(node: Node) -> Resource:
    """Mirrors pkg/scheduler/framework/types.go: NodeInfo.SetNode. The node's ``status.allocatable``
    (``NodeInfo.SetNode``); capacity is never read. (The API server defaults an unset allocatable to capacity,
    ``SetDefaults_NodeStatus``; objects that did not pass through it — as in the scheduler's own tests — keep
    an empty allocatable.)"""
    return resource_from_list(resource_list(node.status.allocatable, "status.allocatable"))


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """``framework.NodeInfo``: the node, its pods, their summed requests (actual and non-zero)."""

    node: Node
    pods: tuple[Pod, ...]
    allocatable: Resource
    requested: Resource
    non_zero_requested: Resource

    @property
    def name(self) -> str:
        """Model-only: the node's name (``NodeInfo.Node().Name``)."""
        return self.node.metadata.name


def node_info(node: Node, pods: Iterable[Pod], *, pod_level_resources: bool = True) -> NodeInfo:
    """Mirrors pkg/scheduler/framework/types.go: NewNodeInfo / NodeInfo.AddPod. Build a NodeInfo from the node
    and the pods bound to it (``NodeInfo.AddPod`` for each)."""
    pods = tuple(pods)
    requested = Resource()
    nz_cpu = nz_mem = 0
    for p in pods:
        requested = add_resources(requested, compute_pod_resource_request(
            p, pod_level_resources=pod_level_resources))
        c, m = non_zero_request(p, pod_level_resources=pod_level_resources)
        nz_cpu += c
        nz_mem += m
    non_zero = Resource(nz_cpu, nz_mem, requested.ephemeral_storage, 0, requested.scalar_resources)
    return NodeInfo(node, pods, node_allocatable(node), requested, non_zero)
