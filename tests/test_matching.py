"""The case-matching rules of CONFORMANCE.md ("Matching a case")."""

from __future__ import annotations

from model.conformance.matching import FAIL, PASS, SKIP, judge, mismatch


def test_expect_is_partial_and_recursive() -> None:
    assert mismatch("op", {"a": {"b": 1}}, {"a": {"b": 1, "c": 2}, "d": 3}) is None
    assert mismatch("op", {"a": {"b": 1}}, {"a": {"b": 2}}) == "a.b: expected 1, got 2"
    assert mismatch("op", {"a": 1}, {}) == "a: missing"


def test_lists_match_element_by_element_with_equal_length() -> None:
    assert mismatch("op", {"l": [1, 2]}, {"l": [1, 2]}) is None
    assert mismatch("op", {"l": [1, 2]}, {"l": [2, 1]}) is not None
    assert mismatch("op", {"l": [1]}, {"l": [1, 2]}) is not None
    assert mismatch("op", {"l": [{"a": 1}]}, {"l": [{"a": 1, "b": 2}]}) is None


def test_set_outputs_ignore_order() -> None:
    out = {"conditions": [{"type": "A", "status": "True"}, {"type": "B", "status": "False"}]}
    assert mismatch("hpa.reconcile", {"conditions": [{"type": "B"}, {"type": "A"}]}, out) is None
    assert mismatch("other.op", {"conditions": [{"type": "B"}, {"type": "A"}]}, out) is not None
    assert mismatch("hpa.reconcile", {"conditions": [{"type": "B"}]}, out) is not None


def test_bool_is_not_a_number() -> None:
    assert mismatch("op", {"x": 1}, {"x": True}) is not None
    assert mismatch("op", {"x": True}, {"x": 1}) is not None
    assert mismatch("op", {"x": 1}, {"x": 1.0}) is None


def test_le() -> None:
    assert mismatch("op", {"x": {"$le": 3}}, {"x": 3}) is None
    assert mismatch("op", {"x": {"$le": 3}}, {"x": 4}) is not None
    assert mismatch("op", {"x": {"$le": 3}}, {"x": "2"}) is not None


def test_error_forms() -> None:
    err = {"error": {"kind": "Invalid", "message": "spec.replicas: must be >= 0", "field": "spec.replicas"}}
    assert mismatch("op", {"error": True}, err) is None
    assert mismatch("op", {"error": "invalid"}, err) is None  # kind, case-insensitively
    assert mismatch("op", {"error": "must be >= 0"}, err) is None  # message contains
    assert mismatch("op", {"error": "Syntax"}, err) is not None
    assert mismatch("op", {"error": {"kind": "INVALID", "field": "spec.replicas"}}, err) is None
    assert mismatch("op", {"error": True}, {"value": 1}) is not None
    # a boolean error flag in a normal output
    assert mismatch("replicaset.sync", {"error": True, "deletes": 1}, {"error": True, "deletes": 1}) is None
    assert mismatch("replicaset.sync", {"error": False}, {"error": False}) is None
    assert mismatch("replicaset.sync", {"error": False}, {"error": True}) is not None
    # an error carried as a value may be null
    assert mismatch("op", {"error": None}, {"value": 1, "error": None}) is None


def test_first_error_contains() -> None:
    out = {"valid": False, "errors": ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]}
    assert mismatch("deployment.validate", {"valid": False, "firstErrorContains": "spec.replicas"}, out) is None
    assert mismatch("deployment.validate", {"valid": False, "firstErrorContains": "spec.selector"}, out) is not None
    assert mismatch("deployment.validate", {"valid": False, "firstErrorContains": "x"}, {"valid": False, "errors": []}) is not None


def test_unsupported_is_skipped_not_passed() -> None:
    out = {"error": {"kind": "Unsupported", "message": "operation 'x' is not implemented"}}
    assert judge("x", {"value": 1}, out).status == SKIP
    assert judge("x", {"error": True}, out).status == SKIP
    assert judge("x", {"value": 1}, {"value": 1}).status == PASS
    assert judge("x", {"value": 1}, {"value": 2}).status == FAIL


def test_failed_operation_is_reported_with_its_error() -> None:
    problem = mismatch("op", {"value": 1}, {"error": {"kind": "Invalid", "message": "bad"}})
    assert problem is not None and "bad" in problem
