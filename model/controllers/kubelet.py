"""The kubelet's view of a pod's life, as a data table, and pure step functions over it.

Mirrors, at the level the workload controllers observe, pkg/kubelet/kubelet.go (``SyncPod``,
``SyncTerminatingPod``), pkg/kubelet/kuberuntime/kuberuntime_manager.go (``doBackOff``: a crashed
container waits ``CrashLoopBackOff``), pkg/kubelet/images/image_manager.go (``ErrImagePull`` then
``ImagePullBackOff``), pkg/kubelet/status/status_manager.go and pkg/kubelet/prober (the Ready
condition follows readiness), pkg/kubelet/kubelet.go ``MaxContainerBackOff`` (300 s) with the
initial back-off of 10 s doubling per restart (pkg/kubelet/kubelet.go ``backOffPeriod``), and the
graceful termination of pkg/kubelet/kuberuntime/kuberuntime_container.go ``killContainer``
(SIGTERM, then SIGKILL once ``terminationGracePeriodSeconds`` — default 30 — has passed).

``TRANSITIONS`` is the table; ``mermaid()`` renders it (docs are generated from it, so the
diagram cannot drift from the model). The pod's lifecycle state is derived from its status
(``lifecycle_state``), and ``kubelet_step(pod, event, now)`` applies one row to a ``Pod``.

API for the transition system:
* ``enabled_events(pod)`` → the events the table allows from the pod's state;
  ``natural_event(pod, unpullable, now, wake_at)`` → the one a healthy kubelet produces next;
* ``kubelet_step(pod, event, now)`` → ``KubeletStep(pod | None (gone), wake_at | None)``;
  ``wake_at`` is when the timed follow-up (BackOffExpired, GracePeriodExpired) becomes due;
* ``crash_loop_backoff(restarts)``, ``image_pull_backoff(failures)`` in nanoseconds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from model.objects import ContainerStatus, Pod, PodCondition, PodStatus
from model.timeutil import NANOS, Time

# States (derived from the pod's status; see lifecycle_state).
PENDING = "Pending"  # scheduled, pulling the image / creating containers
IMAGE_PULL_BACK_OFF = "ImagePullBackOff"
RUNNING = "Running"  # containers started, not (yet) Ready
READY = "Ready"
CRASH_LOOP_BACK_OFF = "CrashLoopBackOff"
TERMINATING = "Terminating"
GONE = "Gone"

STATES = (PENDING, IMAGE_PULL_BACK_OFF, RUNNING, READY, CRASH_LOOP_BACK_OFF, TERMINATING, GONE)

# Events.
IMAGE_PULLED = "ImagePulled"
IMAGE_PULL_FAILED = "ImagePullFailed"
BACK_OFF_EXPIRED = "BackOffExpired"
READINESS_SUCCEEDED = "ReadinessSucceeded"
READINESS_FAILED = "ReadinessFailed"
CONTAINER_EXITED = "ContainerExited"
DELETION_REQUESTED = "DeletionRequested"
CONTAINERS_STOPPED = "ContainersStopped"
GRACE_PERIOD_EXPIRED = "GracePeriodExpired"

INITIAL_BACK_OFF = 10 * NANOS
MAX_CONTAINER_BACK_OFF = 300 * NANOS
DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Transition:
    """One row: in ``source`` on ``event`` go to ``target``; ``effect`` says what the kubelet does."""

    source: str
    event: str
    target: str
    effect: str


_ALIVE = (PENDING, IMAGE_PULL_BACK_OFF, RUNNING, READY, CRASH_LOOP_BACK_OFF)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(PENDING, IMAGE_PULLED, RUNNING, "containers started; phase Running; Ready stays False"),
    Transition(PENDING, IMAGE_PULL_FAILED, IMAGE_PULL_BACK_OFF,
               "waiting ErrImagePull then ImagePullBackOff; retry after the pull back-off"),
    Transition(IMAGE_PULL_BACK_OFF, BACK_OFF_EXPIRED, PENDING, "pull retried"),
    Transition(RUNNING, READINESS_SUCCEEDED, READY, "Ready condition True (lastTransitionTime now)"),
    Transition(RUNNING, CONTAINER_EXITED, CRASH_LOOP_BACK_OFF,
               "restartCount + 1; waiting CrashLoopBackOff for the crash back-off"),
    Transition(READY, READINESS_FAILED, RUNNING, "Ready condition False"),
    Transition(READY, CONTAINER_EXITED, CRASH_LOOP_BACK_OFF,
               "restartCount + 1; Ready False; waiting CrashLoopBackOff for the crash back-off"),
    Transition(CRASH_LOOP_BACK_OFF, BACK_OFF_EXPIRED, RUNNING, "container restarted; Ready stays False"),
    *(Transition(s, DELETION_REQUESTED, TERMINATING,
                 "deletionTimestamp seen: Ready False, SIGTERM, grace period starts") for s in _ALIVE),
    Transition(TERMINATING, CONTAINERS_STOPPED, GONE, "containers exited; final status; object removed"),
    Transition(TERMINATING, GRACE_PERIOD_EXPIRED, GONE, "SIGKILL; final status; object removed"),
)


def transitions_from(state: str) -> tuple[Transition, ...]:
    """Model-only: the rows leaving a state."""
    return tuple(t for t in TRANSITIONS if t.source == state)


def mermaid() -> str:
    """Model-only: the table as a Mermaid ``stateDiagram-v2`` (generated documentation)."""
    lines = ["stateDiagram-v2", f"    [*] --> {PENDING}"]
    seen: set[tuple[str, str, str]] = set()
    for t in TRANSITIONS:
        key = (t.source, t.target, t.event)
        if key not in seen:
            seen.add(key)
            lines.append(f"    {t.source} --> {t.target}: {t.event}")
    lines.append(f"    {GONE} --> [*]")
    return "\n".join(lines) + "\n"


def crash_loop_backoff(restarts: int) -> int:
    """Mirrors pkg/kubelet/kuberuntime/kuberuntime_manager.go: doBackOff. Back-off before restart number
    ``restarts`` (≥ 1): 10 s doubling, capped at 300 s."""
    if restarts <= 0:
        return 0
    return min(INITIAL_BACK_OFF * 2 ** min(restarts - 1, 32), MAX_CONTAINER_BACK_OFF)


def image_pull_backoff(failures: int) -> int:
    """Mirrors pkg/kubelet/images/image_manager.go: EnsureImageExists (its back-off). Back-off before pull
    retry number ``failures``: the same 10 s doubling to 300 s."""
    return crash_loop_backoff(failures)


def _ready(pod: Pod) -> bool:
    return any(c.type == "Ready" and c.status == "True" for c in pod.status.conditions)


def lifecycle_state(pod: Pod) -> str:
    """Model-only: the table state a pod's status describes (a bound pod; see module docstring)."""
    if pod.metadata.deletion_timestamp is not None:
        return TERMINATING
    statuses = pod.status.container_statuses
    if any(s.state == "waiting" and s.reason == "CrashLoopBackOff" for s in statuses):
        return CRASH_LOOP_BACK_OFF
    if any(s.state == "waiting" and s.reason in ("ImagePullBackOff", "ErrImagePull") for s in statuses):
        return IMAGE_PULL_BACK_OFF
    if pod.status.phase == "Running":
        return READY if _ready(pod) else RUNNING
    return PENDING


def enabled_events(pod: Pod) -> tuple[str, ...]:
    """Model-only: events the table allows for the pod now."""
    return tuple(t.event for t in transitions_from(lifecycle_state(pod)))


def natural_event(pod: Pod, unpullable: tuple[str, ...] | frozenset[str] = (), now: int | None = None,
                  wake_at: int | None = None) -> str | None:
    """Model-only: the event a healthy kubelet produces next for the pod, given the images that cannot be
    pulled and (for timed rows) whether ``wake_at`` has passed; None when it waits. Crashes, readiness
    failures and deletion are faults/user actions, not natural events."""
    state = lifecycle_state(pod)
    due = wake_at is None or (now is not None and now >= wake_at)
    if state == PENDING:
        bad = any(c.image in unpullable for c in pod.spec.containers)
        return IMAGE_PULL_FAILED if bad else IMAGE_PULLED
    if state in (IMAGE_PULL_BACK_OFF, CRASH_LOOP_BACK_OFF):
        return BACK_OFF_EXPIRED if due else None
    if state == RUNNING:
        return READINESS_SUCCEEDED
    if state == TERMINATING:
        return CONTAINERS_STOPPED
    return None


@dataclass(frozen=True, slots=True)
class KubeletStep:
    """Model-only: result of one step: the updated pod (None once gone) and when a timed follow-up is due."""

    pod: Pod | None
    wake_at: int | None = None


def _set_ready(status: PodStatus, ready: bool, now: Time) -> tuple[PodCondition, ...]:
    want = "True" if ready else "False"
    conds = [c for c in status.conditions if c.type != "Ready"]
    old = next((c for c in status.conditions if c.type == "Ready"), None)
    if old is not None and old.status == want:
        return status.conditions
    conds.append(PodCondition(type="Ready", status=want, last_transition_time=now))
    return tuple(sorted(conds, key=lambda c: c.type))


def _containers(pod: Pod, state: str, reason: str = "", bump: bool = False) -> tuple[ContainerStatus, ...]:
    existing = {s.name: s for s in pod.status.container_statuses}
    out = []
    for c in pod.spec.containers:
        old = existing.get(c.name, ContainerStatus(name=c.name, image=c.image))
        out.append(dataclasses.replace(old, state=state, reason=reason, ready=False,
                                       restart_count=old.restart_count + (1 if bump else 0)))
    return tuple(out)


def restart_count(pod: Pod) -> int:
    """Model-only (as pkg/controller/controller_utils.go maxContainerRestarts reads it): The largest container
    restart count."""
    return max((s.restart_count for s in pod.status.container_statuses), default=0)


def kubelet_step(pod: Pod, event: str, now: Time, pull_failures: int = 1) -> KubeletStep:
    """Mirrors pkg/kubelet/kubelet.go: SyncPod / SyncTerminatingPod, one table row at a time. Apply the table
    row for (state of ``pod``, ``event``). Raises ValueError for an event the table does not allow in that
    state. ``pull_failures`` counts consecutive pull failures (for the pull back-off)."""
    state = lifecycle_state(pod)
    row = next((t for t in transitions_from(state) if t.event == event), None)
    if row is None:
        raise ValueError(f"kubelet: event {event} not allowed in state {state}")
    st = pod.status
    if row.target == GONE:
        return KubeletStep(None)
    if row.target == TERMINATING:
        grace = pod.metadata.deletion_grace_period_seconds
        if grace is None:
            grace = pod.spec.termination_grace_period_seconds
        if grace is None:
            grace = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS
        new = dataclasses.replace(st, conditions=_set_ready(st, False, now))
        return KubeletStep(dataclasses.replace(pod, status=new), now + grace * NANOS)
    if row.target == IMAGE_PULL_BACK_OFF:
        new = dataclasses.replace(st, phase="Pending", container_statuses=_containers(pod, "waiting", "ImagePullBackOff"))
        return KubeletStep(dataclasses.replace(pod, status=new), now + image_pull_backoff(pull_failures))
    if row.target == PENDING:
        new = dataclasses.replace(st, phase="Pending", container_statuses=_containers(pod, "waiting", "ContainerCreating"))
        return KubeletStep(dataclasses.replace(pod, status=new))
    if row.target == CRASH_LOOP_BACK_OFF:
        statuses = _containers(pod, "waiting", "CrashLoopBackOff", bump=True)
        new = dataclasses.replace(st, conditions=_set_ready(st, False, now), container_statuses=statuses)
        restarts = max(s.restart_count for s in statuses) if statuses else 1
        return KubeletStep(dataclasses.replace(pod, status=new), now + crash_loop_backoff(restarts))
    if row.target == RUNNING:
        start = st.start_time if st.start_time is not None else now
        new = dataclasses.replace(st, phase="Running", start_time=start, conditions=_set_ready(st, False, now),
                                  container_statuses=_containers(pod, "running"))
        return KubeletStep(dataclasses.replace(pod, status=new))
    # READY
    statuses = tuple(dataclasses.replace(s, ready=True) for s in st.container_statuses)
    new = dataclasses.replace(st, conditions=_set_ready(st, True, now), container_statuses=statuses)
    return KubeletStep(dataclasses.replace(pod, status=new))
