"""deployment.equal_ignore_hash compares templates as apiequality.Semantic.DeepEqual does: a pointer
field set to its zero value differs from an absent one; a plain field, an empty slice or an empty map
does not."""

from __future__ import annotations

from typing import Any

import pytest

from model.conformance import evaluate


def _equal(spec1: dict[str, Any], spec2: dict[str, Any]) -> bool:
    out = evaluate("deployment.equal_ignore_hash",
                   {"template1": {"metadata": {"labels": {"app": "x"}}, "spec": spec1},
                    "template2": {"metadata": {"labels": {"app": "x", "pod-template-hash": "abc"}}, "spec": spec2}})
    return bool(out["equal"])


@pytest.mark.parametrize("spec", [
    {"terminationGracePeriodSeconds": 0},         # *int64
    {"securityContext": {}},                      # *PodSecurityContext
    {"enableServiceLinks": False},                # *bool
    {"securityContext": {"runAsNonRoot": False}},  # pointers inside the security context
    {"containers": [{"name": "c", "securityContext": {}}]},
    {"containers": [{"name": "c", "restartPolicy": ""}]},
])
def test_explicit_zero_pointer_differs_from_unset(spec: dict[str, Any]) -> None:
    unset = {"containers": [{"name": "c"}]} if "containers" in spec else {}
    assert not _equal(spec, unset)
    assert not _equal(unset, spec)


@pytest.mark.parametrize("spec", [
    {"hostNetwork": False},
    {"nodeSelector": {}},
    {"tolerations": []},
    {"containers": [{"name": "c", "image": "", "resources": {}, "env": []}]},
])
def test_zero_plain_fields_and_empty_collections_equal_unset(spec: dict[str, Any]) -> None:
    unset = {"containers": [{"name": "c"}]} if "containers" in spec else {}
    assert _equal(spec, unset)
    assert _equal(unset, spec)
