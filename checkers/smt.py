"""z3 proofs over unbounded integers for the arithmetic at the heart of the controllers.

One helper, ``solve``, wraps the solver: a pinned random seed, a wall-clock ``timeout`` and an
``rlimit`` (a machine-independent budget), and a tri-state answer ``Proved | Refuted | Unknown``.

Each ``Obligation`` encodes one Kubernetes decision (the encodings below mirror
``model/controllers/deployment/util.py`` and ``rolling.py`` / ``sync.py``, and
``model/controllers/podautoscaler/horizontal.py`` and ``replica_calculator.py``) and states a claim
about it for *all* integer inputs. ``expect`` says what Kubernetes promises: ``proved`` for a
promise, ``refuted`` for a documented limit (semantics/deployment.md §15: e.g. the forced
maxUnavailable of 1, the clamp in proportional scaling) — a refutation is decoded into concrete
inputs and replayed through the Python model (``replay``), so a z3 counterexample is never taken on
trust. The encodings are plain functions over z3 terms; ``evaluate`` runs them on Python ints,
which is how the differential tests compare them with the model's own functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import z3

from checkers.results import Result

SEED = 20241125
TIMEOUT_MS = 20_000
RLIMIT = 50_000_000

# ----------------------------------------------------------------------------------------------
# the one solver helper


@dataclass(frozen=True)
class Proved:
    seconds: float = 0.0


@dataclass(frozen=True)
class Refuted:
    model: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True)
class Unknown:
    reason: str
    seconds: float = 0.0


Outcome = Proved | Refuted | Unknown


def solve(claim: z3.BoolRef, assumptions: Sequence[z3.BoolRef] = (), *, timeout_ms: int = TIMEOUT_MS,
          rlimit: int = RLIMIT, seed: int = SEED) -> Outcome:
    """Prove ``assumptions ⇒ claim`` for all values of its integer variables."""
    s = z3.Solver()
    s.set("timeout", timeout_ms)
    s.set("rlimit", rlimit)
    s.set("random_seed", seed)
    s.add(*assumptions)
    s.add(z3.Not(claim))
    start = time.monotonic()
    verdict = s.check()
    took = time.monotonic() - start
    if verdict == z3.unsat:
        return Proved(took)
    if verdict == z3.sat:
        m = s.model()
        values: dict[str, int] = {}
        for d in m.decls():
            v = m[d]
            if z3.is_int_value(v):
                values[d.name()] = v.as_long()
            elif z3.is_true(v) or z3.is_false(v):
                values[d.name()] = bool(z3.is_true(v))
        return Refuted(values, took)
    return Unknown(s.reason_unknown() or "solver gave up", took)


# ----------------------------------------------------------------------------------------------
# encodings (work on z3 terms; ``evaluate`` runs them on ints)

Int = Any  # a z3 ArithRef or a Python int


def _if(c: Any, a: Any, b: Any) -> Any:
    return z3.If(c, a, b)


def zmin(a: Int, b: Int) -> Int:
    return _if(a <= b, a, b)


def zmax(a: Int, b: Int) -> Int:
    return _if(a >= b, a, b)


def floor_div(a: Int, b: Int) -> Int:
    """Floor division for b > 0 (z3's ``/`` on Ints is Euclidean: floor for a positive divisor)."""
    return a / b


def ceil_div(a: Int, b: Int) -> Int:
    return -((-a) / b)


def scaled(value: Int, is_percent: Any, total: Int, round_up: bool) -> Int:
    """Mirrors intstr.GetScaledValueFromIntOrPercent for a valid value (``is_percent``: "N%")."""
    pct = ceil_div(value * total, 100) if round_up else floor_div(value * total, 100)
    return _if(is_percent, pct, value)


def resolve_fenceposts(surge: Int, surge_pct: Any, unav: Int, unav_pct: Any, desired: Int) -> tuple[Int, Int]:
    """Mirrors deployment util.ResolveFenceposts: surge rounds up, unavailable down, 0/0 forces 1."""
    s = scaled(surge, surge_pct, desired, True)
    u = scaled(unav, unav_pct, desired, False)
    return s, _if(z3.And(s == 0, u == 0), 1, u)


def max_unavailable(resolved_unav: Int, desired: Int) -> Int:
    """Mirrors util.MaxUnavailable for RollingUpdate: 0 when replicas is 0, else capped at replicas."""
    return _if(desired == 0, 0, zmin(resolved_unav, desired))


def new_rs_new_replicas(desired: Int, surge: Int, new: Int, old: Int) -> Int:
    """Mirrors util.NewRSNewReplicas (RollingUpdate; spec counts)."""
    total = new + old
    max_total = desired + surge
    return _if(total >= max_total, new, new + zmin(max_total - total, desired - new))


def reconcile_new(desired: Int, surge: Int, new: Int, old: Int) -> Int:
    """Mirrors rolling.go reconcileNewReplicaSet: the new RS's spec afterwards."""
    return _if(new == desired, new, _if(new > desired, desired, new_rs_new_replicas(desired, surge, new, old)))


def reconcile_old(desired: Int, max_unav: Int, new: Int, new_avail: Int, old: Int, old_avail: Int) -> Int:
    """Mirrors rolling.go reconcileOldReplicaSets for one old RS: its spec afterwards
    (cleanupUnhealthyReplicas, then scaleDownOldReplicaSetsForRollingUpdate on status counts)."""
    min_avail = desired - max_unav
    budget = (new + old) - min_avail - (new - new_avail)
    cleanup = _if(z3.And(budget > 0, old > 0, old > old_avail), zmin(budget, old - old_avail), 0)
    after_cleanup = old - cleanup
    available = new_avail + old_avail
    down = _if(z3.And(available > min_avail, after_cleanup > 0), zmin(after_cleanup, available - min_avail), 0)
    return _if(z3.Or(old == 0, budget <= 0), old, after_cleanup - down)


def round_half_away(num: Int, den: Int) -> Int:
    """Go's math.Round(num/den) for num >= 0, den > 0."""
    return floor_div(2 * num + den, 2 * den)


def rs_fraction(spec: Int, desired: Int, surge: Int, annotated_max: Int, status_replicas: Int) -> Int:
    """Mirrors util.getReplicaSetFraction."""
    target = desired + surge
    annotated = _if(annotated_max > 0, annotated_max, status_replicas)
    frac = _if(annotated == 0, 0, round_half_away(spec * target, zmax(annotated, 1)) - spec)
    return _if(desired == 0, -spec, frac)


def proportion(spec: Int, fraction: Int, to_add: Int, added: Int) -> Int:
    """Mirrors util.GetProportion."""
    room = to_add - added
    p = _if(to_add > 0, zmin(fraction, room), zmax(fraction, room))
    return _if(z3.Or(spec == 0, to_add == 0, to_add == added), 0, p)


def proportional_scale(desired: Int, surge: Int, r1: Int, m1: Int, r2: Int, m2: Int,
                       status_replicas: Int) -> tuple[Int, Int, Int]:
    """Mirrors sync.go scale() for two active RSs, ``r1`` first in the size order: (size1, size2, allowed)."""
    allowed = _if(desired > 0, desired + surge, 0)
    to_add = allowed - (r1 + r2)
    p1 = proportion(r1, rs_fraction(r1, desired, surge, m1, status_replicas), to_add, 0)
    p2 = proportion(r2, rs_fraction(r2, desired, surge, m2, status_replicas), to_add, p1)
    added = p1 + p2
    s1 = _if(to_add == 0, r1, zmax(0, r1 + p1 + (to_add - added)))
    s2 = _if(to_add == 0, r2, r2 + p2)
    return s1, s2, allowed


def hpa_convert_with_rules(current: Int, desired: Int, lo: Int, hi: Int) -> Int:
    """Mirrors horizontal.go convertDesiredReplicasWithRules (factor 2, minimum 4)."""
    limit = zmax(2 * current, 4)
    maximum = _if(hi > limit, limit, hi)
    return _if(desired < lo, lo, _if(desired > maximum, maximum, desired))


def hpa_within_tolerance(util: Int, target: Int, tol_pct: Int) -> Any:
    """Tolerances.isWithin(util/target) with both tolerances ``tol_pct``/100, exactly."""
    return z3.And(100 * util >= (100 - tol_pct) * target, 100 * util <= (100 + tol_pct) * target)


def hpa_replicas(current: Int, util: Int, target: Int, tol_pct: Int) -> Int:
    """Mirrors replica_calculator.go GetResourceReplicas when every pod is ready and has a sample."""
    return _if(hpa_within_tolerance(util, target, tol_pct), current, ceil_div(util * current, target))


def evaluate(term: Any, **values: int | bool) -> int | bool:
    """Evaluate an encoding on concrete values (variables named as in ``values``)."""
    subs = []
    for name, v in values.items():
        if isinstance(v, bool):
            subs.append((z3.Bool(name), z3.BoolVal(v)))
        else:
            subs.append((z3.Int(name), z3.IntVal(v)))
    out = z3.simplify(z3.substitute(term, *subs)) if subs else z3.simplify(term)
    if z3.is_int_value(out):
        return out.as_long()
    if z3.is_true(out):
        return True
    if z3.is_false(out):
        return False
    raise ValueError(f"not fully evaluated: {out}")


# ----------------------------------------------------------------------------------------------
# obligations

Int_ = z3.Int
B = z3.Bool


@dataclass(frozen=True)
class Obligation:
    """A claim about one decision; ``expect`` is ``proved`` (a promise) or ``refuted`` (a known limit)."""

    name: str
    prop: str                       # the invariant it supports (invariants catalogue name)
    doc: str
    build: Callable[[], tuple[Sequence[z3.BoolRef], z3.BoolRef]]
    expect: str = "proved"
    replay: Callable[[dict[str, int]], str] | None = None


def _nonneg(*xs: Any) -> list[Any]:
    return [x >= 0 for x in xs]


def _fencepost_forced_progress() -> tuple[list[Any], Any]:
    sv, uv, d = Int_("surge"), Int_("unavailable"), Int_("desired")
    sp, up = B("surge_pct"), B("unavailable_pct")
    s, u = resolve_fenceposts(sv, sp, uv, up, d)
    return [*_nonneg(sv, uv, d)], z3.And(s + u >= 1, s >= 0, u >= 0)


def _fencepost_unavailable_bounded() -> tuple[list[Any], Any]:
    sv, uv, d = Int_("surge"), Int_("unavailable"), Int_("desired")
    sp, up = B("surge_pct"), B("unavailable_pct")
    _, u = resolve_fenceposts(sv, sp, uv, up, d)
    mu = max_unavailable(u, d)
    return [*_nonneg(sv, uv, d)], z3.And(mu >= 0, mu <= d)


def _fencepost_respects_request() -> tuple[list[Any], Any]:
    """Claim (a known limit): the resolved unavailability never exceeds what the user asked."""
    sv, uv, d = Int_("surge"), Int_("unavailable"), Int_("desired")
    sp, up = B("surge_pct"), B("unavailable_pct")
    _, u = resolve_fenceposts(sv, sp, uv, up, d)
    asked = scaled(uv, up, d, False)
    return [*_nonneg(sv, uv, d), d > 0, uv <= 100], u <= asked


def _replay_fencepost(m: dict[str, int]) -> str:
    from model.controllers.deployment.util import resolve_fenceposts as py_resolve

    surge: int | str = f"{m.get('surge', 0)}%" if m.get("surge_pct") else m.get("surge", 0)
    unav: int | str = f"{m.get('unavailable', 0)}%" if m.get("unavailable_pct") else m.get("unavailable", 0)
    s, u = py_resolve(surge, unav, m.get("desired", 0))
    asked = (m.get("unavailable", 0) * m.get("desired", 0)) // 100 if m.get("unavailable_pct") else m.get("unavailable", 0)
    if u <= asked:
        raise AssertionError(f"the Python model does not reproduce the refutation: {s}, {u} for {m}")
    return f"maxSurge={surge!r} maxUnavailable={unav!r} replicas={m.get('desired')}: unavailable resolves to {u} > {asked}"


def _surge_inductive() -> tuple[list[Any], Any]:
    d, s, n, o = Int_("replicas"), Int_("surge"), Int_("new"), Int_("old")
    n2 = reconcile_new(d, s, n, o)
    return [*_nonneg(d, s, n, o), n + o <= d + s], n2 + o <= d + s


def _surge_never_grows_beyond() -> tuple[list[Any], Any]:
    """Above the bound (maxSurge lowered), a step never grows the total."""
    d, s, n, o = Int_("replicas"), Int_("surge"), Int_("new"), Int_("old")
    n2 = reconcile_new(d, s, n, o)
    return [*_nonneg(d, s, n, o), n + o > d + s], n2 + o <= n + o


def _old_scale_down_only() -> tuple[list[Any], Any]:
    d, mu, n, an, o, ao = Int_("replicas"), Int_("maxUnavailable"), Int_("new"), Int_("newAvailable"), Int_("old"), Int_("oldAvailable")
    o2 = reconcile_old(d, mu, n, an, o, ao)
    return [*_nonneg(d, mu, n, an, o, ao), mu <= d, an <= n, ao <= o], z3.And(o2 <= o, o2 >= 0)


def _availability_inductive() -> tuple[list[Any], Any]:
    d, mu, n, an, o, ao = Int_("replicas"), Int_("maxUnavailable"), Int_("new"), Int_("newAvailable"), Int_("old"), Int_("oldAvailable")
    o2 = reconcile_old(d, mu, n, an, o, ao)
    removed = o - o2
    # the ReplicaSet controller deletes unavailable pods first (controller_utils ranking)
    lost = zmax(0, removed - (o - ao))
    pre = [*_nonneg(d, mu, n, an, o, ao), mu <= d, an <= n, ao <= o, an + ao >= d - mu]
    return pre, an + ao - lost >= d - mu


def _proportional_exact() -> tuple[list[Any], Any]:
    d, s, r1, m1, r2, m2, st = Int_("replicas"), Int_("surge"), Int_("rs1"), Int_("rs1Max"), Int_("rs2"), Int_("rs2Max"), Int_("statusReplicas")
    s1, s2, allowed = proportional_scale(d, s, r1, m1, r2, m2, st)
    to_add = allowed - (r1 + r2)
    p1 = proportion(r1, rs_fraction(r1, d, s, m1, st), to_add, 0)
    p2 = proportion(r2, rs_fraction(r2, d, s, m2, st), to_add, p1)
    no_clamp = r1 + p1 + (to_add - p1 - p2) >= 0
    pre = [*_nonneg(d, s, m1, m2, st), r1 >= r2, r2 >= 1, no_clamp]
    return pre, z3.And(s1 + s2 == allowed, s2 >= 0)


def _proportional_clamped() -> tuple[list[Any], Any]:
    """Claim (a known limit, §15.5): proportional scaling always lands exactly on replicas + maxSurge."""
    d, s, r1, m1, r2, m2, st = Int_("replicas"), Int_("surge"), Int_("rs1"), Int_("rs1Max"), Int_("rs2"), Int_("rs2Max"), Int_("statusReplicas")
    s1, s2, allowed = proportional_scale(d, s, r1, m1, r2, m2, st)
    pre = [*_nonneg(d, s, m1, m2, st), r1 > r2, r2 >= 1, d >= 1, d <= 50, s <= 50, m1 <= 100, m2 <= 100]
    return pre, s1 + s2 == allowed


def _replay_proportional(m: dict[str, int]) -> str:
    from model.conformance import evaluate as conform

    out = conform("deployment.scale", proportional_case(m))
    if "error" in out:
        raise AssertionError(f"deployment.scale failed: {out['error']}")
    sizes = out["replicas"]
    allowed = m["replicas"] + m.get("surge", 0)
    total = sizes["rs1"] + sizes["rs2"]
    if total == allowed:
        raise AssertionError(f"the Python model lands on {allowed}: no refutation for {m}")
    return f"sizes {sizes['rs1']}+{sizes['rs2']} = {total} ≠ replicas + maxSurge = {allowed}"


def proportional_case(m: dict[str, int]) -> dict[str, Any]:
    """A ``deployment.scale`` input for the two-RS encoding's variables (rs1 first in size order)."""
    d, s = m.get("replicas", 0), m.get("surge", 0)
    r1, r2 = m.get("rs1", 0), m.get("rs2", 0)
    to_add = (d + s if d > 0 else 0) - (r1 + r2)
    # ties in size: newer first when growing, older first when shrinking (rs1 must come first)
    t1, t2 = ("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z") if to_add > 0 else \
        ("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")

    def rs(name: str, spec: int, mx: int, ts: str) -> dict[str, Any]:
        ann = {"deployment.kubernetes.io/desired-replicas": "1000"}
        if mx > 0:
            ann["deployment.kubernetes.io/max-replicas"] = str(mx)
        return {"metadata": {"name": name, "creationTimestamp": ts, "annotations": ann},
                "spec": {"replicas": spec}, "status": {"replicas": spec, "availableReplicas": 0}}

    return {
        "deployment": {"metadata": {"name": "web"},
                       "spec": {"replicas": d, "strategy": {"type": "RollingUpdate",
                                                            "rollingUpdate": {"maxSurge": s, "maxUnavailable": 1}}},
                       "status": {"replicas": m.get("statusReplicas", 0)}},
        "newRS": rs("rs1", r1, m.get("rs1Max", 0), t1),
        "oldRSs": [rs("rs2", r2, m.get("rs2Max", 0), t2)],
    }


def _hpa_bounds() -> tuple[list[Any], Any]:
    c, d, lo, hi = Int_("current"), Int_("desired"), Int_("minReplicas"), Int_("maxReplicas")
    r = hpa_convert_with_rules(c, d, lo, hi)
    return [lo >= 1, lo <= hi, c >= lo, c <= hi, d >= 0], z3.And(r >= lo, r <= hi, r <= zmax(2 * c, 4))


def _hpa_bounds_unguarded() -> tuple[list[Any], Any]:
    """Claim (a known limit): the clamp alone keeps replicas ≥ minReplicas (it needs reconcile's guard)."""
    c, d, lo, hi = Int_("current"), Int_("desired"), Int_("minReplicas"), Int_("maxReplicas")
    r = hpa_convert_with_rules(c, d, lo, hi)
    return [lo >= 1, lo <= hi, c >= 1, c <= hi, d >= 0, hi <= 1000], r >= lo


def _replay_hpa_bounds(m: dict[str, int]) -> str:
    from model.conformance import evaluate as conform

    inp = {"currentReplicas": m.get("current", 0), "desiredReplicas": m.get("desired", 0),
           "minReplicas": m.get("minReplicas", 0), "maxReplicas": m.get("maxReplicas", 0),
           "scaleUpLimitFactor": 2, "scaleUpLimitMinimum": 4}
    out = conform("hpa.convert_with_rules", inp)
    if "error" in out:
        if out["error"].get("kind") == "Unsupported":
            raise RuntimeError("hpa.convert_with_rules is not in this build")
        raise AssertionError(f"hpa.convert_with_rules: {out['error']['message']}")
    if out["replicas"] >= inp["minReplicas"]:
        raise AssertionError(f"the Python model keeps the bound for {inp}")
    return f"{inp}: replicas {out['replicas']} < minReplicas {inp['minReplicas']} ({out['reason']})"


def _hpa_tolerance_no_change() -> tuple[list[Any], Any]:
    c, u, t, tol = Int_("current"), Int_("utilization"), Int_("target"), Int_("tolerancePct")
    r = hpa_replicas(c, u, t, tol)
    return [c >= 1, u >= 0, t >= 1, tol >= 0, tol <= 100, hpa_within_tolerance(u, t, tol)], r == c


def _hpa_direction() -> tuple[list[Any], Any]:
    c, u, t, tol = Int_("current"), Int_("utilization"), Int_("target"), Int_("tolerancePct")
    r = hpa_replicas(c, u, t, tol)
    up = 100 * u > (100 + tol) * t
    down = 100 * u < (100 - tol) * t
    return [c >= 1, u >= 0, t >= 1, tol >= 0, tol <= 100], z3.And(z3.Implies(up, r > c), z3.Implies(down, r <= c))


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation("fenceposts-allow-progress", "rolling_update_surge_bound",
               "ResolveFenceposts: surge + unavailable ≥ 1 for every input, so a rollout can always move.",
               _fencepost_forced_progress),
    Obligation("max-unavailable-within-replicas", "rolling_update_availability_floor",
               "MaxUnavailable is between 0 and replicas, so minAvailable is never negative.",
               _fencepost_unavailable_bounded),
    Obligation("fenceposts-respect-request", "rolling_update_availability_floor",
               "Known limit (§15.4): when both fenceposts round to 0, maxUnavailable is forced to 1 — "
               "more than the user asked for.", _fencepost_respects_request, "refuted", _replay_fencepost),
    Obligation("surge-bound-inductive", "rolling_update_surge_bound",
               "One reconcileNewReplicaSet step keeps Σ spec ≤ replicas + maxSurge (inductive).", _surge_inductive),
    Obligation("surge-bound-no-growth-above", "rolling_update_surge_bound",
               "Above the bound (maxSurge lowered mid-rollout) a step never grows the total (§15.6).",
               _surge_never_grows_beyond),
    Obligation("old-rs-only-shrinks", "rolling_update_surge_bound",
               "reconcileOldReplicaSets only scales old ReplicaSets down, never below 0.", _old_scale_down_only),
    Obligation("availability-floor-inductive", "rolling_update_availability_floor",
               "One reconcileOldReplicaSets step keeps available ≥ replicas − maxUnavailable when the status "
               "is fresh and the ReplicaSet controller deletes unavailable pods first (inductive).",
               _availability_inductive),
    Obligation("proportional-scaling-exact", "proportional_scaling_exact",
               "Proportional scaling distributes exactly replicas + maxSurge when the leftover needs no clamp.",
               _proportional_exact),
    Obligation("proportional-scaling-clamped", "proportional_scaling_exact",
               "Known limit (§15.5): the leftover is clamped at 0, so the total can overshoot replicas + maxSurge.",
               _proportional_clamped, "refuted", _replay_proportional),
    Obligation("hpa-clamp-within-bounds", "hpa_replicas_within_bounds",
               "convertDesiredReplicasWithRules keeps minReplicas ≤ replicas ≤ maxReplicas and ≤ max(2×current, 4) "
               "once reconcile's guard has put current within [min, max].", _hpa_bounds),
    Obligation("hpa-clamp-needs-guard", "hpa_replicas_within_bounds",
               "Known limit: without reconcile's currentReplicas < minReplicas guard, the scale-up limit can "
               "undercut minReplicas.", _hpa_bounds_unguarded, "refuted", _replay_hpa_bounds),
    Obligation("hpa-tolerance-no-change", "hpa_tolerance",
               "Inside the tolerance band the HPA keeps the current replica count.", _hpa_tolerance_no_change),
    Obligation("hpa-scales-in-the-metric-direction", "hpa_tolerance",
               "Above the band the HPA scales up; below it never scales up.", _hpa_direction),
)


def obligations(names: Sequence[str] | None = None) -> tuple[Obligation, ...]:
    if not names:
        return OBLIGATIONS
    return tuple(o for o in OBLIGATIONS if o.name in names or o.prop in names)


def discharge(ob: Obligation, **kwargs: Any) -> tuple[Outcome, str]:
    """Run one obligation; a refutation is replayed through the Python model. Returns (outcome, text)."""
    pre, claim = ob.build()
    out = solve(claim, pre, **kwargs)
    if isinstance(out, Proved):
        return out, f"proved ({out.seconds:.2f}s)"
    if isinstance(out, Unknown):
        return out, f"unknown: {out.reason}"
    text = f"refuted by {out.model}"
    if ob.replay is not None:
        try:
            text = f"refuted, replayed: {ob.replay(out.model)}"
        except AssertionError as exc:
            text = f"refuted, NOT confirmed by the Python model: {exc}"
        except Exception as exc:  # an unimplemented op: say so, never hide it
            text = f"refuted (replay unavailable: {exc})"
    return out, text


def results(names: Sequence[str] | None = None, **kwargs: Any) -> list[Result]:
    """Every obligation as a checker Result (``prop`` is the invariant it backs)."""
    out: list[Result] = []
    for ob in obligations(names):
        outcome, text = discharge(ob, **kwargs)
        stats = {"obligation": ob.name, "expect": ob.expect, "seconds": round(outcome.seconds, 3)}
        if isinstance(outcome, Unknown):
            out.append(Result(ob.prop, "z3", "unknown", f"{ob.name}: {outcome.reason}", stats=stats))
        elif isinstance(outcome, Proved) and ob.expect == "proved":
            out.append(Result(ob.prop, "z3", "proved", f"proved ({ob.name})", stats=stats))
        elif isinstance(outcome, Refuted) and ob.expect == "refuted" and "NOT confirmed" not in text:
            out.append(Result(ob.prop, "z3", "proved", f"limit confirmed ({ob.name})",
                              stats={**stats, "detail": text}))
        else:
            out.append(Result(ob.prop, "z3", "violated", f"{ob.name}: {text}", stats=stats))
    return out
