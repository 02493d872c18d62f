"""Small helpers the wiring shares."""

from __future__ import annotations

from collections.abc import Iterable

from model.labels import Labels, LabelSelector
from model.labels import selector_matches as _selector_matches

__all__ = ["selector_matches", "labels_include"]


def labels_include(labels: Labels, wanted: Iterable[tuple[str, str]]) -> bool:
    """Every (key, value) of ``wanted`` is among ``labels`` (a scenario/kubectl ``-l`` set selector)."""
    have = dict(labels)
    return all(have.get(k) == v for k, v in wanted)


def selector_matches(sel: LabelSelector | None, labels: Labels) -> bool:
    """``metav1.LabelSelectorAsSelector(sel).Matches(labels)`` (foundation's ``model.labels``);
    an invalid selector matches nothing."""
    try:
        return bool(_selector_matches(sel, labels))
    except Exception:  # noqa: BLE001 - an unconvertible selector selects nothing here
        return False
