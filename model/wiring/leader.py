"""Wiring of leader election among kube-controller-manager replicas
(``staging/src/k8s.io/client-go/tools/leaderelection``), over the
``model.controllers.leaderelection`` decisions.

Modelling choices (keep the state small, keep what matters for safety):

* A healthy leader renews its Lease every ``retryPeriod``; those renewals are not steps of the
  model — while its renewals succeed, the lease simply counts as fresh (as node heartbeats do).
* The ``LeaseLoss`` fault makes the leader's renewals fail from time ``t0`` on (its workers keep
  running). It steps down ``renewDeadline`` after its last renewal (``must_step_down``).
* A follower last saw the record change at ``t0`` (its ``observedTime``); it may take over when
  ``try_acquire_or_renew`` finds the lease expired on *its own* clock. A ``ClockSkew`` fault makes
  one replica's clock jump ahead, which shortens the expiry it sees.
* Safety (at most one leader) rests on ``renewDeadline + skew < leaseDuration``.

Variant ``lease-expiry-wrong-side``: the leader steps down only after ``leaseDuration +
retryPeriod`` (it checks the wrong side of the expiry), so a follower can take over while the old
leader still believes it leads.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.controllers import leaderelection as le
from model.objects import LeaseSpec
from model.timeutil import NANOS, Time

__all__ = ["Manager", "LEASE_NAMESPACE", "LEASE_NAME", "step_down_due", "acquire_due", "try_acquire"]

LEASE_NAMESPACE = "kube-system"
LEASE_NAME = "kube-controller-manager"


@dataclass(frozen=True, slots=True)
class Manager:
    """One kube-controller-manager replica: is it leading; since when its renewals have failed
    (clock seconds; None = renewing fine); how far its clock has jumped ahead (seconds); how many
    times its process restarted (each run has its own elector identity, as a real replica's
    ``hostname_uuid`` does); when its current run first observed the Lease (clock seconds)."""

    identity: str
    leading: bool = False
    failing_since: int | None = None
    skew: int = 0
    epoch: int = 0
    observed_at: int | None = None

    @property
    def holder(self) -> str:
        """The identity this run writes into the Lease."""
        return self.identity if self.epoch == 0 else f"{self.identity}_{self.epoch}"


def step_down_deadline(renew_deadline: int, lease_duration: int, retry_period: int, variant: str | None) -> int:
    if variant == "lease-expiry-wrong-side":
        return lease_duration + retry_period
    return renew_deadline


def step_down_due(m: Manager, clock: int, deadline: int) -> bool:
    """The leader has not renewed for ``deadline`` seconds (``must_step_down``)."""
    if not m.leading or m.failing_since is None:
        return False
    return le.must_step_down(m.failing_since * NANOS, Time(clock * NANOS), deadline)


def restarted(m: Manager, clock: int) -> Manager:
    """The replica lost leadership: kube-controller-manager exits and comes back as a follower
    with a fresh elector (a new identity) that first sees the Lease now."""
    return Manager(m.identity, False, None, m.skew, m.epoch + 1, clock)


def last_change(managers: tuple[Manager, ...], lease: LeaseSpec | None, start: int) -> int | None:
    """When the Lease record last changed (clock seconds), or None while a healthy leader keeps
    renewing it."""
    if lease is None:
        return None
    holder = next((m for m in managers if m.holder == lease.holder_identity), None)
    if holder is not None and holder.leading and holder.failing_since is None:
        return None
    renewed = lease.renew_time if lease.renew_time is not None else start
    return (renewed - start) // NANOS


def _observed(m: Manager, changed_at: int) -> int:
    return changed_at if m.observed_at is None else max(changed_at, m.observed_at)


def try_acquire(m: Manager, lease: LeaseSpec | None, changed_at: int | None, clock: int,
                lease_duration: int, start: int = 0) -> LeaseSpec | None:
    """The Lease a follower writes to take over now, or None when the lease is still valid to it."""
    if m.leading:
        return None
    if lease is not None and changed_at is None:
        return None  # the holder keeps renewing
    now = Time(start + (clock + m.skew) * NANOS)
    observed_time = None if lease is None or changed_at is None else start + _observed(m, changed_at) * NANOS
    elector = le.ElectorState(m.holder, lease, observed_time)
    decision = le.try_acquire_or_renew(elector, lease, now, lease_duration)
    return decision.write if decision.acquired else None


def acquire_due(m: Manager, changed_at: int | None, lease_duration: int) -> int | None:
    """The clock second at which follower ``m`` would find the lease expired."""
    if m.leading or changed_at is None:
        return None
    return _observed(m, changed_at) + lease_duration - m.skew
