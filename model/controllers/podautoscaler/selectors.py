"""Label selectors as the HPA uses them: the scale subresource's selector string and metav1 selectors.

Mirrors ``labels.Parse`` (selector.go) and ``metav1.LabelSelectorAsSelector`` (helpers.go) for
matching only. Kept local until the foundation's ``model.labels`` functions are on main.
A selector is a tuple of ``(key, operator, values)`` requirements; ``None`` selects nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from model.errors import ModelError
from model.labels import LabelSelector

Req = tuple[str, str, tuple[str, ...]]
Selector = tuple[Req, ...]

_TERM = re.compile(
    r"^\s*(?:(?P<not>!)\s*(?P<nkey>[^\s=!,()<>]+)"
    r"|(?P<key>[^\s=!,()<>]+)\s*(?:(?P<op>==|=|!=|>|<)\s*(?P<val>[^\s,()=!<>]*)"
    r"|\s+(?P<setop>in|notin)\s*\((?P<set>[^()]*)\))?)\s*$"
)


def _split_terms(text: str) -> list[str]:
    terms, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            terms.append(cur)
            cur = ""
        else:
            cur += ch
    terms.append(cur)
    return terms


def parse(text: str) -> Selector:
    """``labels.Parse``: a selector string such as ``app=web,tier in (a,b)``; empty selects everything."""
    if text.strip() == "":
        return ()
    reqs: list[Req] = []
    for term in _split_terms(text):
        m = _TERM.match(term)
        if m is None:
            raise ModelError("InvalidSelector", f"unable to parse requirement: {term.strip()!r}")
        if m.group("nkey"):
            reqs.append((m.group("nkey"), "!", ()))
        elif m.group("op"):
            op = {"==": "=", "=": "=", "!=": "!=", ">": "gt", "<": "lt"}[m.group("op")]
            reqs.append((m.group("key"), op, (m.group("val"),)))
        elif m.group("setop"):
            values = tuple(sorted(v.strip() for v in m.group("set").split(",")))
            reqs.append((m.group("key"), m.group("setop"), values))
        else:
            reqs.append((m.group("key"), "exists", ()))
    return tuple(reqs)


def from_label_selector(sel: LabelSelector | None) -> Selector | None:
    """``metav1.LabelSelectorAsSelector``: nil selects nothing, empty selects everything."""
    if sel is None:
        return None
    reqs: list[Req] = [(k, "=", (v,)) for k, v in sel.match_labels]
    for expr in sel.match_expressions:
        op = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}.get(expr.operator)
        if op is None:
            raise ModelError("InvalidSelector", f'"{expr.operator}" is not a valid label selector operator')
        reqs.append((expr.key, op, tuple(sorted(expr.values))))
    return tuple(reqs)


def matches(selector: Selector | None, labels: Mapping[str, str]) -> bool:
    """``Selector.Matches``: every requirement holds."""
    if selector is None:
        return False
    for key, op, values in selector:
        present = key in labels
        val = labels.get(key, "")
        if op == "=" and not (present and val == values[0]):
            return False
        if op == "!=" and present and val == values[0]:
            return False
        if op == "in" and not (present and val in values):
            return False
        if op == "notin" and present and val in values:
            return False
        if op == "exists" and not present:
            return False
        if op == "!" and present:
            return False
        if op in ("gt", "lt"):
            try:
                lhs, rhs = int(val), int(values[0])
            except ValueError:
                return False
            if not present or (op == "gt" and not lhs > rhs) or (op == "lt" and not lhs < rhs):
                return False
    return True
