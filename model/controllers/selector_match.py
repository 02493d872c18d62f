"""The two selector conversions the ReplicaSet controller uses, over ``model.labels``.

Mirrors ``metav1.LabelSelectorAsSelector`` (``apimachinery/pkg/apis/meta/v1/helpers.go``) and
``labels.Set.AsSelectorPreValidated`` (``apimachinery/pkg/labels``) as the controller calls them:
a converted selector offers ``matches(labels)``; conversion errors are
``ModelError("InvalidSelector")``. The selector semantics themselves live in ``model.labels``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from model import labels as lbl
from model.errors import ModelError
from model.labels import Labels, LabelSelector

__all__ = ["Selector", "label_selector_as_selector", "set_as_selector", "selector_matcher"]


@dataclass(frozen=True, slots=True)
class Selector:
    """A converted ``labels.Selector``."""

    inner: lbl.Selector

    @property
    def nothing(self) -> bool:
        """The distinct selector that matches no label set (from a nil LabelSelector)."""
        return self.inner.nothing

    @property
    def empty(self) -> bool:
        """``Selector.Empty()``: no requirements (matches everything, unless it is "nothing")."""
        return not self.inner.requirements

    def matches(self, labels: Labels) -> bool:
        return lbl.matches(self.inner, labels)


def label_selector_as_selector(selector: LabelSelector | None, path: str = "spec.selector") -> Selector:
    """Mirrors metav1.LabelSelectorAsSelector: nil selects nothing, empty selects everything;
    raises ``ModelError("InvalidSelector")`` (with ``path`` as the field) where Kubernetes errs."""
    try:
        return Selector(lbl.label_selector_as_selector(selector))
    except ModelError as exc:
        raise ModelError("InvalidSelector", f"{path}: {exc.message}", field=path) from None


def set_as_selector(labels: Labels) -> Selector:
    """Mirrors labels.Set(m).AsSelectorPreValidated(): every pair must be present; empty matches all."""
    return Selector(lbl.selector_from_set(labels))


def selector_matcher(selector: LabelSelector | None) -> Callable[[Labels], bool] | None:
    """Mirrors the error check around metav1.LabelSelectorAsSelector in replica_set.go
    getIndirectlyRelatedPods: the selector's ``matches`` function, or None when it does not convert."""
    try:
        return label_selector_as_selector(selector).matches
    except ModelError:
        return None
