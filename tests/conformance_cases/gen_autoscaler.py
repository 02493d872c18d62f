"""Writes autoscaler.jsonl: proposed vpa.* and ca.* ops (kubernetes/autoscaler).

Sources: vertical-pod-autoscaler/pkg/recommender/logic/recommender_test.go (minimum resources) and the
multipliers documented in recommender.go; updater/priority/update_priority_calculator.go (AddPod's
rules, default flags); cluster-autoscaler/config/flags/flags.go defaults (scale-down threshold 0.5,
unneeded 10 min, unready 20 min, delay after add 10 min, delay after failure 3 min).

Run: python3 tests/conformance_cases/gen_autoscaler.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

cases: list[dict[str, Any]] = []


def case(cid: str, op: str, inp: dict[str, Any], expect: dict[str, Any]) -> None:
    cases.append({"id": cid, "op": op, "input": inp, "expect": expect})


TINY = {"cpu": {"p50": "1m", "p90": "1m", "p95": "1m"}, "memory": {"p50": 1000000, "p90": 1000000, "p95": 1000000}}
case("recommender_test.go:TestMinResourcesApplied", "vpa.recommend",
     {"percentiles": TINY, "historyDays": 7, "containersPerPod": 1},
     {"target": {"cpu": "25m", "memory": str(250 * 1024 * 1024)}})
case("recommender_test.go:TestMinResourcesSplitAcrossContainers", "vpa.recommend",
     {"percentiles": TINY, "historyDays": 7, "containersPerPod": 2},
     {"target": {"cpu": "12m", "memory": str(250 * 1024 * 1024 // 2)}})
BIG = {"cpu": {"p50": "1", "p90": "2", "p95": "4"}, "memory": {"p50": "1Gi", "p90": "2Gi", "p95": "4Gi"}}
# recommender.go: upper bound multiplier (1 + 1/days): 24h history -> x2; lower bound (1 + 0.001/days)^-2.
case("recommender.go:CreatePodResourceRecommender#24h", "vpa.recommend",
     {"percentiles": BIG, "historyDays": 1, "containersPerPod": 1},
     {"target": {"cpu": "2300m", "memory": str(2 * 2**30 + int(2 * 2**30 * 0.15))},
      "upperBound": {"cpu": "9200m"}, "lowerBound": {"cpu": "1147m"}})
case("recommender.go:CreatePodResourceRecommender#no-history", "vpa.recommend",
     {"percentiles": BIG, "historyDays": 0, "containersPerPod": 1},
     {"upperBound": {"cpu": "100000000000000m", "memory": "100000000000000"}, "lowerBound": {"cpu": "25m"}})

REC = {"target": {"cpu": "300m", "memory": "300Mi"}, "lowerBound": {"cpu": "200m", "memory": "200Mi"},
       "upperBound": {"cpu": "400m", "memory": "400Mi"}}
U = "update_priority_calculator.go:AddPod"
case(U + "#outside-range-below", "vpa.updater_should_update",
     {"requests": {"cpu": "100m", "memory": "300Mi"}, "recommendation": REC, "podAgeSeconds": 60, "quickOOM": False},
     {"update": True, "reason": "OutsideRecommendedRange"})
case(U + "#outside-range-above", "vpa.updater_should_update",
     {"requests": {"cpu": "500m", "memory": "300Mi"}, "recommendation": REC, "podAgeSeconds": 60, "quickOOM": False},
     {"update": True, "reason": "OutsideRecommendedRange"})
case(U + "#in-range-short-lived", "vpa.updater_should_update",
     {"requests": {"cpu": "250m", "memory": "250Mi"}, "recommendation": REC, "podAgeSeconds": 3600, "quickOOM": False},
     {"update": False})
case(U + "#in-range-long-lived-big-diff", "vpa.updater_should_update",
     {"requests": {"cpu": "250m", "memory": "250Mi"}, "recommendation": REC, "podAgeSeconds": 13 * 3600,
      "quickOOM": False},
     {"update": True})
case(U + "#in-range-long-lived-small-diff", "vpa.updater_should_update",
     {"requests": {"cpu": "300m", "memory": "300Mi"}, "recommendation": REC, "podAgeSeconds": 13 * 3600,
      "resourceDiff": 0.05, "quickOOM": False},
     {"update": False})
case(U + "#no-start-time", "vpa.updater_should_update",
     {"requests": {"cpu": "250m", "memory": "250Mi"}, "recommendation": REC, "podAgeSeconds": None, "quickOOM": False},
     {"update": False})
case(U + "#quick-oom", "vpa.updater_should_update",
     {"requests": {"cpu": "250m", "memory": "250Mi"}, "recommendation": REC, "podAgeSeconds": 60, "quickOOM": True},
     {"update": True, "reason": "QuickOOM"})
case(U + "#quick-oom-no-change", "vpa.updater_should_update",
     {"requests": {"cpu": "300m", "memory": "300Mi"}, "recommendation": REC, "podAgeSeconds": 60, "quickOOM": True},
     {"update": False})

ALLOC = {"cpu": "4", "memory": "8Gi"}
D = "flags.go:scale-down"
case(D + "#underutilized-long-enough", "ca.node_scale_down_candidate",
     {"allocatable": ALLOC, "podRequests": [{"cpu": "1", "memory": "1Gi"}], "unneededSinceSeconds": 600,
      "lastScaleUpAgeSeconds": 3600, "ready": True}, {"candidate": True, "removable": True})
case(D + "#underutilized-not-long-enough", "ca.node_scale_down_candidate",
     {"allocatable": ALLOC, "podRequests": [{"cpu": "1", "memory": "1Gi"}], "unneededSinceSeconds": 599,
      "lastScaleUpAgeSeconds": 3600, "ready": True}, {"candidate": True, "removable": False})
case(D + "#memory-bound-utilization", "ca.node_scale_down_candidate",
     {"allocatable": ALLOC, "podRequests": [{"cpu": "100m", "memory": "4Gi"}], "unneededSinceSeconds": 3600,
      "lastScaleUpAgeSeconds": 3600, "ready": True}, {"candidate": False, "removable": False})
case(D + "#delay-after-add", "ca.node_scale_down_candidate",
     {"allocatable": ALLOC, "podRequests": [], "unneededSinceSeconds": 3600, "lastScaleUpAgeSeconds": 300,
      "ready": True}, {"candidate": True, "removable": False})
case(D + "#unready-needs-20-minutes", "ca.node_scale_down_candidate",
     {"allocatable": ALLOC, "podRequests": [], "unneededSinceSeconds": 900, "lastScaleUpAgeSeconds": None,
      "ready": False}, {"candidate": True, "removable": False})
case(D + "#pods-do-not-fit-elsewhere", "ca.node_scale_down_candidate",
     {"allocatable": ALLOC, "podRequests": [{"cpu": "1"}], "unneededSinceSeconds": 3600, "lastScaleUpAgeSeconds": None,
      "ready": True, "podsFitElsewhere": False}, {"candidate": True, "removable": False})

S = "flags.go:scale-up"
GROUPS = [{"name": "small", "allocatable": {"cpu": "2", "memory": "4Gi"}},
          {"name": "large", "allocatable": {"cpu": "16", "memory": "64Gi"}}]
case(S + "#pod-fits-a-template", "ca.needs_scale_up",
     {"unschedulablePods": [{"name": "p", "requests": {"cpu": "1", "memory": "1Gi"}}], "nodeGroupTemplates": GROUPS},
     {"scaleUp": True, "nodeGroup": "small"})
case(S + "#pod-fits-no-template", "ca.needs_scale_up",
     {"unschedulablePods": [{"name": "p", "requests": {"cpu": "32"}}], "nodeGroupTemplates": GROUPS},
     {"scaleUp": False})
case(S + "#expendable-pod", "ca.needs_scale_up",
     {"unschedulablePods": [{"name": "p", "requests": {"cpu": "1"}, "priority": -11}], "nodeGroupTemplates": GROUPS},
     {"scaleUp": False})
case(S + "#group-at-max-size", "ca.needs_scale_up",
     {"unschedulablePods": [{"name": "p", "requests": {"cpu": "1"}}],
      "nodeGroupTemplates": [{"name": "small", "allocatable": {"cpu": "2", "memory": "4Gi"}, "currentSize": 3,
                              "maxSize": 3}]},
     {"scaleUp": False})
case(S + "#no-pending-pods", "ca.needs_scale_up", {"unschedulablePods": [], "nodeGroupTemplates": GROUPS},
     {"scaleUp": False})

if __name__ == "__main__":
    out = Path(__file__).with_name("autoscaler.jsonl")
    with out.open("w") as f:
        for c in cases:
            f.write(json.dumps(c) + "\n")
    print(f"{len(cases)} cases -> {out}")
