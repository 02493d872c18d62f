"""Leader election among kube-controller-manager replicas: a leader whose renewals fail steps down
after renewDeadline (10 s) and a follower takes over once the lease (15 s) expired on its own
clock — never two leaders, unless clocks jump by more than leaseDuration − renewDeadline or the
leader checks the wrong side of the expiry (variant)."""

from __future__ import annotations

import dataclasses

from model.config import default_config
from model.runner import advance
from model.system import ClockSkew, LeaseLoss, Model, State


def _model(variant: str | None = None, **faults: int) -> Model:
    cfg = dataclasses.replace(default_config(), script=(), controller_managers=2, variant=variant)
    return Model(cfg.with_faults(**faults))


def _leaders_over(m: Model, s: State, seconds: int) -> list[tuple[int, tuple[str, ...]]]:
    seen: list[tuple[int, tuple[str, ...]]] = [(s.clock, s.leaders())]
    _, trace = advance(m, s, seconds)
    for _, st in trace:
        if st.leaders() != seen[-1][1]:
            seen.append((st.clock, st.leaders()))
    return seen


def test_lease_loss_hands_over_without_two_leaders() -> None:
    m = _model(lease_losses=1)
    (s,) = m.init_states()
    t0 = s.clock
    assert s.leaders() == ("kcm-1",)
    s = m.step(s, LeaseLoss("kcm-1"))
    history = _leaders_over(m, s, 30)
    assert history == [(t0, ("kcm-1",)), (t0 + 10, ()), (t0 + 15, ("kcm-2",))]
    assert all(len(ls) <= 1 for _, ls in history)


def test_controllers_do_not_act_without_a_leader() -> None:
    m = _model(lease_losses=1)
    (s,) = m.init_states()
    s = m.step(s, LeaseLoss("kcm-1"))
    s, _ = advance(m, s, 11)
    assert s.leaders() == ()
    from model.useractions import Scale

    s = m.step(s, Scale("deployment", "web", 3))
    s, _ = advance(m, s, 3)  # still leaderless: nobody creates the third pod
    assert len(s.objects("Pod")) == 2
    s, _ = advance(m, s, 10)  # kcm-2 leads from t0+15 and catches up
    assert s.leaders() == ("kcm-2",)
    assert len([p for p in s.objects("Pod") if p.metadata.deletion_timestamp is None]) == 3


def test_wrong_side_expiry_check_gives_two_leaders() -> None:
    m = _model("lease-expiry-wrong-side", lease_losses=1)
    (s,) = m.init_states()
    s = m.step(s, LeaseLoss("kcm-1"))
    history = _leaders_over(m, s, 30)
    assert any(len(ls) == 2 for _, ls in history)


def test_a_clock_jump_larger_than_the_safety_margin_gives_two_leaders() -> None:
    m = _model(lease_losses=1, clock_skews=2)
    (s,) = m.init_states()
    s = m.step(s, LeaseLoss("kcm-1"))
    s = m.step(s, ClockSkew("kcm-2"))
    s = m.step(s, ClockSkew("kcm-2"))  # 10 s ahead: the lease looks expired after 5 s
    history = _leaders_over(m, s, 30)
    assert any(len(ls) == 2 for _, ls in history)


def test_a_single_replica_comes_back_as_leader_after_a_full_lease_duration() -> None:
    cfg = dataclasses.replace(default_config(), script=()).with_faults(lease_losses=1)
    m = Model(cfg)
    (s,) = m.init_states()
    t0 = s.clock
    s = m.step(s, LeaseLoss("kcm-1"))
    # It steps down at t0+10, restarts, and its new elector waits a lease duration from then.
    assert _leaders_over(m, s, 40) == [(t0, ("kcm-1",)), (t0 + 10, ()), (t0 + 25, ("kcm-1",))]
