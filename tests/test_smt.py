"""z3 proofs: each obligation gives its expected verdict, refutations replay through the Python model,
and each encoding agrees with the model's own functions on Hypothesis-generated inputs."""

from __future__ import annotations

import math
from typing import Any

import pytest
import z3
from hypothesis import assume, given
from hypothesis import strategies as st

from checkers import smt
from model.conformance import evaluate as conform


@pytest.mark.parametrize("ob", smt.OBLIGATIONS, ids=lambda o: o.name)
def test_obligation_gives_the_expected_verdict(ob: smt.Obligation) -> None:
    outcome, text = smt.discharge(ob)
    if ob.expect == "proved":
        assert isinstance(outcome, smt.Proved), text
    else:
        assert isinstance(outcome, smt.Refuted), text
        if "replay unavailable" not in text:
            assert "replayed" in text and "NOT confirmed" not in text, text


def test_solver_helper_is_tri_state() -> None:
    x = z3.Int("x")
    assert isinstance(smt.solve(x * x >= 0), smt.Proved)
    refuted = smt.solve(x > 3, [x >= 0])
    assert isinstance(refuted, smt.Refuted) and refuted.model["x"] <= 3
    # a hard nonlinear claim with a tiny budget is unknown, never "proved"
    a, b, c = z3.Int("a"), z3.Int("b"), z3.Int("c")
    hard = smt.solve(a * a * a + b * b * b != c * c * c, [a > 0, b > 0, c > 0], timeout_ms=50, rlimit=2000)
    assert isinstance(hard, smt.Unknown | smt.Proved)


def _op(op: str, inp: dict[str, Any]) -> dict[str, Any]:
    out = conform(op, inp)
    if out.get("error", {}).get("kind") == "Unsupported":
        pytest.skip(f"{op} is not in this build")
    assert "error" not in out, out
    return out


small = st.integers(min_value=0, max_value=40)
pct = st.integers(min_value=0, max_value=100)


@given(surge=pct, surge_pct=st.booleans(), unav=pct, unav_pct=st.booleans(), desired=small)
def test_fencepost_encoding_matches_resolve_fenceposts(surge: int, surge_pct: bool, unav: int, unav_pct: bool,
                                                       desired: int) -> None:
    from model.controllers.deployment.util import resolve_fenceposts

    s_in: int | str = f"{surge}%" if surge_pct else surge
    u_in: int | str = f"{unav}%" if unav_pct else unav
    expected = resolve_fenceposts(s_in, u_in, desired)
    s, u = smt.resolve_fenceposts(z3.Int("s"), z3.Bool("sp"), z3.Int("u"), z3.Bool("up"), z3.Int("d"))
    vals = {"s": surge, "sp": surge_pct, "u": unav, "up": unav_pct, "d": desired}
    assert (smt.evaluate(s, **vals), smt.evaluate(u, **vals)) == expected


def _deployment(replicas: int, surge: int, unav: int) -> dict[str, Any]:
    return {"metadata": {"name": "web"},
            "spec": {"replicas": replicas,
                     "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unav}}}}


def _rs(name: str, spec: int, available: int, ts: str) -> dict[str, Any]:
    return {"metadata": {"name": name, "creationTimestamp": ts}, "spec": {"replicas": spec},
            "status": {"replicas": spec, "readyReplicas": available, "availableReplicas": available}}


@given(d=small, surge=small, n=small, o=small)
def test_reconcile_new_encoding_matches_the_model(d: int, surge: int, n: int, o: int) -> None:
    out = _op("deployment.reconcile_new_replica_set", {
        "deployment": _deployment(d, surge, 1), "newRS": _rs("new", n, 0, "2024-01-02T00:00:00Z"),
        "oldRSs": [_rs("old", o, o, "2024-01-01T00:00:00Z")]})
    enc = smt.reconcile_new(z3.Int("d"), z3.Int("s"), z3.Int("n"), z3.Int("o"))
    s = smt.evaluate(smt.resolve_fenceposts(z3.IntVal(surge), False, z3.IntVal(1), False, z3.IntVal(d))[0])
    assert out["replicas"]["new"] == smt.evaluate(enc, d=d, s=s, n=n, o=o)


@given(d=small, unav=small, n=small, an=small, o=small, ao=small)
def test_reconcile_old_encoding_matches_the_model(d: int, unav: int, n: int, an: int, o: int, ao: int) -> None:
    assume(an <= n and ao <= o)
    out = _op("deployment.reconcile_old_replica_sets", {
        "deployment": _deployment(d, 1, unav), "newRS": _rs("new", n, an, "2024-01-02T00:00:00Z"),
        "oldRSs": [_rs("old", o, ao, "2024-01-01T00:00:00Z")]})
    _, resolved = smt.resolve_fenceposts(z3.IntVal(1), False, z3.IntVal(unav), False, z3.IntVal(d))
    mu = smt.evaluate(smt.max_unavailable(resolved, z3.IntVal(d)))
    enc = smt.reconcile_old(z3.Int("d"), z3.Int("mu"), z3.Int("n"), z3.Int("an"), z3.Int("o"), z3.Int("ao"))
    assert out["replicas"]["old"] == smt.evaluate(enc, d=d, mu=mu, n=n, an=an, o=o, ao=ao)


@given(d=st.integers(0, 30), s=st.integers(0, 10), r1=st.integers(1, 30), r2=st.integers(1, 30),
       m1=st.integers(0, 60), m2=st.integers(0, 60), status=st.integers(0, 60))
def test_proportional_encoding_matches_deployment_scale(d: int, s: int, r1: int, r2: int, m1: int, m2: int,
                                                        status: int) -> None:
    assume(r1 >= r2)
    m = {"replicas": d, "surge": s, "rs1": r1, "rs2": r2, "rs1Max": m1, "rs2Max": m2, "statusReplicas": status}
    out = _op("deployment.scale", smt.proportional_case(m))
    names = ["replicas", "surge", "rs1", "rs1Max", "rs2", "rs2Max", "statusReplicas"]
    s1, s2, _ = smt.proportional_scale(*(z3.Int(n) for n in names))
    resolved_surge = smt.evaluate(smt.resolve_fenceposts(z3.IntVal(s), False, z3.IntVal(1), False, z3.IntVal(d))[0])
    vals = {**m, "surge": resolved_surge}
    assert (out["replicas"]["rs1"], out["replicas"]["rs2"]) == (smt.evaluate(s1, **vals), smt.evaluate(s2, **vals))


@given(c=st.integers(0, 60), desired=st.integers(0, 200), lo=st.integers(1, 30), hi=st.integers(1, 60))
def test_hpa_clamp_encoding_matches_convert_with_rules(c: int, desired: int, lo: int, hi: int) -> None:
    assume(lo <= hi)
    out = _op("hpa.convert_with_rules", {"currentReplicas": c, "desiredReplicas": desired, "minReplicas": lo,
                                         "maxReplicas": hi, "scaleUpLimitFactor": 2, "scaleUpLimitMinimum": 4})
    enc = smt.hpa_convert_with_rules(z3.Int("c"), z3.Int("x"), z3.Int("lo"), z3.Int("hi"))
    assert out["replicas"] == smt.evaluate(enc, c=c, x=desired, lo=lo, hi=hi)


@given(c=st.integers(1, 8), util=st.integers(0, 300), target=st.integers(1, 200))
def test_hpa_tolerance_encoding_matches_resource_replicas(c: int, util: int, target: int) -> None:
    # Go computes ceil(float64(util)/float64(target) * c); the z3 encoding is exact. They differ where
    # float64 rounding lifts an integral product just above it (util 29, target 7, c 7: 30, not 29).
    assume(math.ceil(util / target * c) == -(-util * c // target))
    start = "2024-01-01T00:00:00Z"
    now = "2024-01-01T01:00:00Z"
    pods = [{"name": f"p{i}", "phase": "Running", "startTime": start,
             "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": start}],
             "containers": [{"name": "c", "resources": {"requests": {"cpu": "1000m"}}}]} for i in range(c)]
    metrics = [{"name": f"p{i}", "timestamp": "2024-01-01T00:59:00Z", "windowSeconds": 60,
                "containers": [{"name": "c", "usage": {"cpu": f"{util * 10}m"}}]} for i in range(c)]
    out = _op("hpa.resource_replicas", {
        "currentReplicas": c, "targetAverageUtilization": target, "resource": "cpu", "container": "",
        "tolerance": {"scaleDown": 0.1, "scaleUp": 0.1}, "cpuInitializationPeriodSeconds": 300,
        "delayOfInitialReadinessStatusSeconds": 30, "now": now, "pods": pods, "podMetrics": metrics})
    enc = smt.hpa_replicas(z3.Int("c"), z3.Int("u"), z3.Int("t"), z3.Int("tol"))
    assert out["utilization"] == util
    assert out["replicas"] == smt.evaluate(enc, c=c, u=util, t=target, tol=10)
