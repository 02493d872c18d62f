"""A small label-selector matcher for the ReplicaSet controller.

Mirrors ``metav1.LabelSelectorAsSelector`` (``apimachinery/pkg/apis/meta/v1/helpers.go``) and
``labels.Set.AsSelectorPreValidated`` with ``Selector.Matches`` (``apimachinery/pkg/labels``), the
two conversions the controller uses. The general selector library is ``model.labels`` (owned by
the foundation helper); this module keeps the controller self-contained and answers exactly the
questions the controller asks: "is this LabelSelector valid?" and "does it match these labels?".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from model.errors import ModelError
from model.labels import Labels, LabelSelector

_NAME = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


def _check_key(key: str, path: str) -> None:
    """A label key is a qualified name: optional DNS-subdomain prefix and ``/``, then a name."""
    prefix, slash, name = key.rpartition("/")
    if not slash:
        prefix, name = "", key
    if slash and (not prefix or len(prefix) > 253 or not _DNS1123_SUBDOMAIN.match(prefix)):
        raise ModelError("InvalidSelector", f"{path}: invalid label key {key!r}: bad prefix", field=path)
    if not name or len(name) > 63 or not _NAME.match(name):
        raise ModelError("InvalidSelector", f"{path}: invalid label key {key!r}", field=path)


def _check_value(value: str, path: str) -> None:
    if value == "":
        return
    if len(value) > 63 or not _NAME.match(value):
        raise ModelError("InvalidSelector", f"{path}: invalid label value {value!r}", field=path)


@dataclass(frozen=True, slots=True)
class _Req:
    key: str
    op: str  # "in", "notin", "exists", "!"
    values: frozenset[str]

    def matches(self, labels: dict[str, str]) -> bool:
        if self.op == "in":
            return self.key in labels and labels[self.key] in self.values
        if self.op == "notin":
            return self.key not in labels or labels[self.key] not in self.values
        if self.op == "exists":
            return self.key in labels
        return self.key not in labels


@dataclass(frozen=True, slots=True)
class Selector:
    """A converted selector: ``nothing`` selects no label set; no requirements select everything."""

    requirements: tuple[_Req, ...] = ()
    nothing: bool = False

    def matches(self, labels: Labels) -> bool:
        if self.nothing:
            return False
        as_dict = dict(labels)
        return all(r.matches(as_dict) for r in self.requirements)


NOTHING = Selector(nothing=True)
EVERYTHING = Selector()

_OPS = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}


def label_selector_as_selector(selector: LabelSelector | None, path: str = "spec.selector") -> Selector:
    """Mirrors metav1.LabelSelectorAsSelector: nil selects nothing, empty selects everything.

    Raises ``ModelError("InvalidSelector")`` where Kubernetes returns an error (unknown operator,
    values where none are allowed, no values for In/NotIn, malformed keys or values).
    """
    if selector is None:
        return NOTHING
    if not selector.match_labels and not selector.match_expressions:
        return EVERYTHING
    reqs: list[_Req] = []
    for key, value in selector.match_labels:
        _check_key(key, f"{path}.matchLabels")
        _check_value(value, f"{path}.matchLabels")
        reqs.append(_Req(key, "in", frozenset((value,))))
    for i, expr in enumerate(selector.match_expressions):
        sub = f"{path}.matchExpressions[{i}]"
        op = _OPS.get(expr.operator)
        if op is None:
            raise ModelError("InvalidSelector", f"{sub}.operator: {expr.operator!r} is not a valid label selector operator",
                             field=f"{sub}.operator")
        _check_key(expr.key, f"{sub}.key")
        if op in ("in", "notin") and not expr.values:
            raise ModelError("InvalidSelector", f"{sub}.values: for 'in', 'notin' operators, values set can't be empty",
                             field=f"{sub}.values")
        if op in ("exists", "!") and expr.values:
            raise ModelError("InvalidSelector", f"{sub}.values: values set must be empty for exists and does not exist",
                             field=f"{sub}.values")
        for value in expr.values:
            _check_value(value, f"{sub}.values")
        reqs.append(_Req(expr.key, op, frozenset(expr.values)))
    return Selector(tuple(sorted(reqs, key=lambda r: r.key)))


def set_as_selector(labels: Labels) -> Selector:
    """Mirrors labels.Set(m).AsSelectorPreValidated(): every pair must be present; empty matches all."""
    return Selector(tuple(_Req(k, "in", frozenset((v,))) for k, v in labels))


def selector_matcher(selector: LabelSelector | None) -> Callable[[Labels], bool] | None:
    """The selector's ``matches`` function, or None when the selector does not convert."""
    try:
        return label_selector_as_selector(selector).matches
    except ModelError:
        return None
