"""Leader election over a Lease: client-go's acquire/renew decision as a pure function.

Mirrors staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go:
``LeaderElector.tryAcquireOrRenew`` (create the lock when absent; an unexpired lock held by
another identity blocks; otherwise take it — keeping ``acquireTime`` and ``leaderTransitions``
when renewing, bumping ``leaderTransitions`` when taking over), ``isLeaseValid`` and ``IsLeader``;
``renew`` (a leader that cannot renew within ``RenewDeadline`` steps down) and
``NewLeaderElector``'s validation (``LeaseDuration > RenewDeadline > JitterFactor·RetryPeriod``,
JitterFactor 1.2).

Expiry is judged on the elector's own clock: ``observedTime`` is when this client last saw the
record change, not the ``renewTime`` written in it — a lease is valid while
``observedTime + leaseDurationSeconds > now``. kube-controller-manager and kube-scheduler default
to leaseDuration 15 s, renewDeadline 10 s, retryPeriod 2 s.

API for the transition system (times int nanoseconds):
* ``ElectorState(identity)`` — what one candidate remembers;
* ``try_acquire_or_renew(elector, lease, now, lease_duration_seconds=15)`` → ``LeaseDecision``
  (``acquired``, ``write``: the LeaseSpec to create/update or None, ``create``, new ``elector``);
  the write may still fail on a resourceVersion conflict — the caller then keeps the old state;
* ``must_step_down(last_renew, now, renew_deadline)``, ``retry_delay(retry_period)``,
  ``validate_config(...)``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from model.errors import ModelError
from model.objects import LeaseSpec
from model.timeutil import NANOS, Time

DEFAULT_LEASE_DURATION_SECONDS = 15
DEFAULT_RENEW_DEADLINE_SECONDS = 10
DEFAULT_RETRY_PERIOD_SECONDS = 2
JITTER_FACTOR = 1.2


@dataclass(frozen=True, slots=True)
class ElectorState:
    """Model-only (``LeaderElector.observedRecord``/``observedTime``): One candidate's memory: its identity,
    the record it last observed and when."""

    identity: str
    observed: LeaseSpec | None = None
    observed_time: int | None = None

    def is_leader(self) -> bool:
        """Mirrors staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go:
        LeaderElector.IsLeader: the last observed holder is this client."""
        return self.observed is not None and self.observed.holder_identity == self.identity

    def lease_valid(self, now: Time) -> bool:
        """Mirrors staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go:
        LeaderElector.isLeaseValid: ``observedTime + leaseDuration`` is after now."""
        if self.observed is None or self.observed_time is None:
            return False
        duration = (self.observed.lease_duration_seconds or 0) * NANOS
        return self.observed_time + duration > now


@dataclass(frozen=True, slots=True)
class LeaseDecision:
    """Model-only: the outcome of one tryAcquireOrRenew."""

    acquired: bool
    write: LeaseSpec | None
    create: bool
    elector: ElectorState


def try_acquire_or_renew(elector: ElectorState, lease: LeaseSpec | None, now: Time,
                         lease_duration_seconds: int = DEFAULT_LEASE_DURATION_SECONDS) -> LeaseDecision:
    """Mirrors staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go:
    LeaderElector.tryAcquireOrRenew. One attempt to acquire or renew. ``lease`` is the lock as read from the
    API (None: absent)."""
    desired = LeaseSpec(holder_identity=elector.identity, lease_duration_seconds=lease_duration_seconds,
                        acquire_time=now, renew_time=now, lease_transitions=None)
    if lease is None:
        return LeaseDecision(True, desired, True, ElectorState(elector.identity, desired, now))
    observed, observed_time = elector.observed, elector.observed_time
    if observed != lease:
        # A changed record restarts the expiry clock (setObservedRecord).
        observed, observed_time = lease, now
    current = ElectorState(elector.identity, observed, observed_time)
    if lease.holder_identity and current.lease_valid(now) and not current.is_leader():
        return LeaseDecision(False, None, False, current)
    if current.is_leader():
        write = dataclasses.replace(desired, acquire_time=lease.acquire_time,
                                    lease_transitions=lease.lease_transitions)
    else:
        write = dataclasses.replace(desired, lease_transitions=(lease.lease_transitions or 0) + 1)
    return LeaseDecision(True, write, False, ElectorState(elector.identity, write, now))


def retry_delay(retry_period_seconds: int = DEFAULT_RETRY_PERIOD_SECONDS, jittered: bool = False) -> int:
    """Mirrors staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go: LeaderElector.acquire (its
    retry period). Nanoseconds until the next attempt. A candidate retries with
    ``wait.JitterUntil(retryPeriod, JitterFactor 1.2)`` — anywhere in [retryPeriod, 2.2·retryPeriod) — and a
    leader renews every ``retryPeriod`` (``PollImmediateUntil``). The model has no randomness: it takes the
    lower bound, or the upper bound with ``jittered`` so a checker can explore both ends."""
    factor = 1 + JITTER_FACTOR if jittered else 1
    return int(retry_period_seconds * factor * NANOS)


def must_step_down(last_renew: int, now: Time, renew_deadline_seconds: int = DEFAULT_RENEW_DEADLINE_SECONDS) -> bool:
    """Mirrors staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go: LeaderElector.renew. A
    leader that has not renewed within the renew deadline stops leading (``renew``)."""
    return now - last_renew >= renew_deadline_seconds * NANOS


def validate_config(lease_duration: float, renew_deadline: float, retry_period: float) -> None:
    """Mirrors staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go: NewLeaderElector's checks;
    raises ``ModelError("Invalid")``."""
    if lease_duration <= renew_deadline:
        raise ModelError("Invalid", "leaseDuration must be greater than renewDeadline", field="leaseDuration")
    if renew_deadline <= JITTER_FACTOR * retry_period:
        raise ModelError("Invalid", "renewDeadline must be greater than retryPeriod*JitterFactor",
                         field="renewDeadline")
    if lease_duration < 1:
        raise ModelError("Invalid", "leaseDuration must be greater than zero", field="leaseDuration")
    if renew_deadline < 1:
        raise ModelError("Invalid", "renewDeadline must be greater than zero", field="renewDeadline")
    if retry_period < 1:
        raise ModelError("Invalid", "retryPeriod must be greater than zero", field="retryPeriod")
