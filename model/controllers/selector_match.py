"""The selector conversions the ReplicaSet controller (and the scheduler) make, over ``model.labels``.

Mirrors ``metav1.LabelSelectorAsSelector`` (``apimachinery/pkg/apis/meta/v1/helpers.go``) and
``labels.Set.AsSelectorPreValidated`` (``apimachinery/pkg/labels``) as the controllers call them:
the result is a ``model.labels.Selector`` (``matches(labels)``, ``nothing``, ``empty``); conversion
errors are ``ModelError("InvalidSelector")`` naming the selector's field. The selector semantics
themselves live in ``model.labels``.
"""

from __future__ import annotations

from collections.abc import Callable

from model import labels as lbl
from model.errors import ModelError
from model.labels import Labels, LabelSelector, Selector

__all__ = ["Selector", "label_selector_as_selector", "set_as_selector", "selector_matcher"]


def label_selector_as_selector(selector: LabelSelector | None, path: str = "spec.selector") -> Selector:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go: LabelSelectorAsSelector: nil
    selects nothing, empty selects everything; raises ``ModelError("InvalidSelector")`` (with ``path`` as the
    field) where Kubernetes errs."""
    try:
        return lbl.label_selector_as_selector(selector)
    except ModelError as exc:
        raise ModelError("InvalidSelector", f"{path}: {exc.message}", field=path) from None


def set_as_selector(labels: Labels) -> Selector:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/labels/labels.go: Set.AsSelectorPreValidated: every pair
    must be present; empty matches all."""
    return lbl.selector_from_set(labels)


def selector_matcher(selector: LabelSelector | None) -> Callable[[Labels], bool] | None:
    """Mirrors the error check around metav1.LabelSelectorAsSelector in replica_set.go
    getIndirectlyRelatedPods: the selector's ``matches`` function, or None when it does not convert."""
    try:
        return label_selector_as_selector(selector).matches
    except ModelError:
        return None
