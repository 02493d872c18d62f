"""The labelled transitions of the cluster: small frozen action values.

Each action has an ``actor`` (who acts: a controller, ``scheduler``, ``kubelet/<node>``,
``apiserver``, ``user``, ``env``, ``clock``), a ``category`` (``controller`` — weakly fair —,
``user``, ``fault``, ``time``) and a ``str()`` that traces show. ``model.system.Model.step`` gives
them meaning; user actions live in ``model.useractions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "Tick",
    "Deliver",
    "Relist",
    "Reconcile",
    "Schedule",
    "KubeletSync",
    "NodeReady",
    "LeaderElection",
    "Fault",
    "NodeFail",
    "NodeRecover",
    "PodCrash",
    "ImagePullFail",
    "DropEvent",
    "DuplicateEvent",
    "ControllerCrash",
    "LeaseLoss",
    "ClockSkew",
    "WriteConflict",
    "Action",
]


# ---------------------------------------------------------------------------------------------
# actions


@dataclass(frozen=True, slots=True)
class Tick:
    seconds: int

    actor = "clock"
    category = "time"

    def __str__(self) -> str:
        return f"Tick({self.seconds})"


@dataclass(frozen=True, slots=True)
class Deliver:
    """The API server delivers the oldest pending watch event to a process's cache."""

    informer: str

    actor = "apiserver"
    category = "controller"

    def __str__(self) -> str:
        return f"Deliver({self.informer})"


@dataclass(frozen=True, slots=True)
class Relist:
    """A broken watch: the reflector relists and a level-triggered process re-enqueues all keys."""

    informer: str

    actor = "apiserver"
    category = "controller"

    def __str__(self) -> str:
        return f"Relist({self.informer})"


@dataclass(frozen=True, slots=True)
class Reconcile:
    controller: str
    key: str

    category = "controller"

    @property
    def actor(self) -> str:
        return self.controller

    def __str__(self) -> str:
        return f'Reconcile("{self.controller}", "{self.key}")'


@dataclass(frozen=True, slots=True)
class Schedule:
    pod: str  # ns/name

    actor = "scheduler"
    category = "controller"

    def __str__(self) -> str:
        return f'Schedule("{self.pod}")'


@dataclass(frozen=True, slots=True)
class KubeletSync:
    node: str
    pod: str  # ns/name

    category = "controller"

    @property
    def actor(self) -> str:
        return f"kubelet/{self.node}"

    def __str__(self) -> str:
        return f'KubeletSync("{self.node}", "{self.pod}")'


@dataclass(frozen=True, slots=True)
class NodeReady:
    """A running kubelet posts its node's Ready condition."""

    node: str

    category = "controller"

    @property
    def actor(self) -> str:
        return f"kubelet/{self.node}"

    def __str__(self) -> str:
        return f'NodeReady("{self.node}")'


@dataclass(frozen=True, slots=True)
class LeaderElection:
    """One kube-controller-manager replica's elector acts: a follower takes an expired lease, or a
    leader that could not renew within its deadline steps down."""

    identity: str

    category = "controller"

    @property
    def actor(self) -> str:
        return f"leader-election/{self.identity}"

    def __str__(self) -> str:
        return f'LeaderElection("{self.identity}")'


class Fault:
    """Marker base of fault actions: actor ``env``, category ``fault``, one budget unit each."""

    actor = "env"
    category = "fault"
    budget = ""


@dataclass(frozen=True, slots=True)
class NodeFail(Fault):
    node: str
    budget = "node_failures"

    def __str__(self) -> str:
        return f'Fault.NodeFail("{self.node}")'


@dataclass(frozen=True, slots=True)
class NodeRecover(Fault):
    node: str
    budget = "node_recoveries"

    def __str__(self) -> str:
        return f'Fault.NodeRecover("{self.node}")'


@dataclass(frozen=True, slots=True)
class PodCrash(Fault):
    pod: str
    budget = "pod_crashes"

    def __str__(self) -> str:
        return f'Fault.PodCrash("{self.pod}")'


@dataclass(frozen=True, slots=True)
class ImagePullFail(Fault):
    image: str
    budget = "image_pull_failures"

    def __str__(self) -> str:
        return f'Fault.ImagePullFail("{self.image}")'


@dataclass(frozen=True, slots=True)
class DropEvent(Fault):
    informer: str
    budget = "dropped_events"

    def __str__(self) -> str:
        return f'Fault.DropEvent("{self.informer}")'


@dataclass(frozen=True, slots=True)
class DuplicateEvent(Fault):
    informer: str
    budget = "duplicated_events"

    def __str__(self) -> str:
        return f'Fault.DuplicateEvent("{self.informer}")'


@dataclass(frozen=True, slots=True)
class ControllerCrash(Fault):
    """kube-controller-manager restarts in the middle of the head reconcile of ``controller``:
    only that reconcile's first write is made; queues, expectations and the cache are lost and
    rebuilt from a fresh list (every key enqueued)."""

    controller: str
    budget = "controller_crashes"

    def __str__(self) -> str:
        return f'Fault.ControllerCrash("{self.controller}")'


@dataclass(frozen=True, slots=True)
class LeaseLoss(Fault):
    """The leading controller-manager's lease renewals start failing (its workers keep running)."""

    identity: str
    budget = "lease_losses"

    def __str__(self) -> str:
        return f'Fault.LeaseLoss("{self.identity}")'


@dataclass(frozen=True, slots=True)
class ClockSkew(Fault):
    """A controller-manager replica's clock jumps ahead by ``timings.clock_skew`` seconds."""

    identity: str
    budget = "clock_skews"

    def __str__(self) -> str:
        return f'Fault.ClockSkew("{self.identity}")'


@dataclass(frozen=True, slots=True)
class WriteConflict(Fault):
    """The next controller write fails with 409 Conflict (another writer got there first)."""

    budget = "write_conflicts"

    def __str__(self) -> str:
        return "Fault.WriteConflict()"


Action = Any  # every action class above, and the user actions of model.useractions


