"""Conformance operations of the ``labels`` group (see CONFORMANCE.md).

Mirrors staging/src/k8s.io/apimachinery/pkg/labels/selector.go and pkg/apis/meta/v1/helpers.go
through ``model.labels``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.errors import ModelError
from model.labels import (
    Requirement,
    Selector,
    label_selector_as_selector,
    label_selector_from_json,
    matches,
    parse,
    requirement_errors,
    requirements_match,
    requirements_string,
    selector_string,
)


def _labels(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", "labels must be a map of strings", field="labels")
    return {str(k): "" if v is None else str(v) for k, v in raw.items()}


def _requirement(raw: Any) -> Requirement:
    if not isinstance(raw, Mapping):
        raise ModelError("Invalid", "a requirement must be an object")
    return Requirement(
        key=str(raw.get("key") or ""),
        operator=str(raw.get("operator") or ""),
        values=tuple(str(v) for v in (raw.get("values") or ())),
    )


def _requirement_json(req: Requirement) -> dict[str, Any]:
    return {"key": req.key, "operator": req.operator, "values": sorted(req.values)}


def _selector_text(inp: Mapping[str, Any]) -> str:
    text = inp.get("selector")
    if not isinstance(text, str):
        raise ModelError("Invalid", "selector must be a string", field="selector")
    return text


def parse_op(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/labels/selector.go: Parse (op ``labels.parse``)."""
    try:
        selector = parse(_selector_text(inp))
    except ModelError as exc:
        if exc.kind != "InvalidSelector":
            raise
        return {"valid": False, "message": exc.message}
    return {
        "valid": True,
        "string": selector_string(selector),
        "requirements": [_requirement_json(r) for r in selector.requirements],
    }


def selector_matches_op(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/labels/selector.go: Parse, then Selector.Matches (op
    ``labels.selector_matches``)."""
    return {"matches": matches(parse(_selector_text(inp)), _labels(inp.get("labels")))}


def new_requirement_op(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/labels/selector.go: NewRequirement, its verdict and
    findings (op ``labels.new_requirement``)."""
    values = inp.get("values") or []
    if not isinstance(values, list):
        raise ModelError("Invalid", "values must be a list of strings", field="values")
    errs = requirement_errors(str(inp.get("key", "")), str(inp.get("operator", "")), [str(v) for v in values])
    out: dict[str, Any] = {"valid": not errs}
    if errs:
        out["errors"] = [str(e) for e in errs]
    return out


def requirements_match_op(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/labels/selector.go: Requirement.Matches, ANDed (op
    ``labels.requirements_match``)."""
    reqs = [_requirement(r) for r in inp.get("requirements") or ()]
    return {"matches": requirements_match(reqs, _labels(inp.get("labels")))}


def requirements_to_string_op(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/labels/selector.go: internalSelector.String (op
    ``labels.requirements_to_string``)."""
    reqs = [_requirement(r) for r in inp.get("requirements") or ()]
    return {"string": requirements_string(reqs)}


def _selector_out(selector: Selector) -> dict[str, Any]:
    if selector.nothing:
        return {"kind": "nothing", "string": ""}
    if not selector.requirements:
        return {"kind": "everything", "string": "", "requirements": []}
    return {
        "kind": "requirements",
        "string": selector_string(selector),
        "requirements": [_requirement_json(r) for r in selector.requirements],
    }


def label_selector_as_selector_op(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go: LabelSelectorAsSelector (op
    ``labels.label_selector_as_selector``)."""
    try:
        selector = label_selector_from_json(inp.get("selector"))
    except ModelError as exc:
        raise ModelError("InvalidSelector", exc.message, field=exc.field) from None
    return _selector_out(label_selector_as_selector(selector))


def label_selector_matches_op(inp: Mapping[str, Any]) -> dict[str, Any]:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go: LabelSelectorAsSelector, then
    Matches (op ``labels.label_selector_matches``)."""
    try:
        selector = label_selector_from_json(inp.get("selector"))
    except ModelError as exc:
        raise ModelError("InvalidSelector", exc.message, field=exc.field) from None
    return {"matches": matches(label_selector_as_selector(selector), _labels(inp.get("labels")))}


OPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "labels.parse": parse_op,
    "labels.selector_matches": selector_matches_op,
    "labels.new_requirement": new_requirement_op,
    "labels.requirements_match": requirements_match_op,
    "labels.requirements_to_string": requirements_to_string_op,
    "labels.label_selector_as_selector": label_selector_as_selector_op,
    "labels.label_selector_matches": label_selector_matches_op,
}
