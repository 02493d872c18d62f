"""Label selectors as the HPA uses them: the scale subresource's selector string and metav1 selectors.

A thin adapter over ``model.labels`` (``labels.Parse``, ``metav1.LabelSelectorAsSelector``,
``Selector.Matches``); ``None`` stands for the nil selector, which selects nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from model import labels as _labels
from model.labels import LabelSelector

Selector = _labels.Selector


def parse(text: str) -> Selector:
    """``labels.Parse``: a selector string such as ``app=web,tier in (a,b)``; "" selects everything.
    Raises ``ModelError("InvalidSelector")``."""
    return _labels.parse(text)


def from_label_selector(sel: LabelSelector | None) -> Selector | None:
    """``metav1.LabelSelectorAsSelector``: nil selects nothing, empty selects everything."""
    return _labels.label_selector_as_selector(sel)


def matches(selector: Selector | None, labels: Mapping[str, str]) -> bool:
    """``Selector.Matches``."""
    if selector is None:
        return False
    return _labels.matches(selector, labels)
