"""Label selectors: ``k8s.io/apimachinery/pkg/labels`` and ``metav1.LabelSelector``.

Data types are defined here; parsing, matching and conversion functions mirror
``labels/selector.go`` and ``apis/meta/v1/helpers.go``.
"""

from __future__ import annotations

from dataclasses import dataclass

# A label map, frozen: sorted (key, value) pairs.
Labels = tuple[tuple[str, str], ...]


def freeze_map(mapping: dict[str, str] | None) -> Labels:
    """A dict as a sorted tuple of pairs (the form state keeps)."""
    return tuple(sorted((mapping or {}).items()))


@dataclass(frozen=True, slots=True)
class LabelSelectorRequirement:
    """``metav1.LabelSelectorRequirement``: operator In, NotIn, Exists or DoesNotExist."""

    key: str
    operator: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LabelSelector:
    """``metav1.LabelSelector``. A nil selector is ``None`` where it is used (it selects nothing)."""

    match_labels: Labels = ()
    match_expressions: tuple[LabelSelectorRequirement, ...] = ()


@dataclass(frozen=True, slots=True)
class Requirement:
    """``labels.Requirement``: operator is Go's ``selection.Operator`` string ("=", "in", "gt", ...)."""

    key: str
    operator: str
    values: tuple[str, ...] = ()
