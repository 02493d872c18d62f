"""Label selectors: ``k8s.io/apimachinery/pkg/labels`` and ``metav1.LabelSelector``.

Data types are defined here; parsing, matching and conversion functions mirror
``labels/selector.go`` and ``apis/meta/v1/helpers.go`` (checked against kubernetes/apimachinery
@ eed236ce, 2026-07, with ``selector_test.go`` and ``helpers_test.go``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from model.errors import FieldError, ModelError
from model.intstr import atoi
from model.namevalidation import is_label_key, is_label_value

# A label map, frozen: sorted (key, value) pairs.
Labels = tuple[tuple[str, str], ...]


def freeze_map(mapping: dict[str, str] | None) -> Labels:
    """Model-only: a dict as a sorted tuple of pairs (the form state keeps)."""
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


@dataclass(frozen=True, slots=True)
class Selector:
    """``labels.Selector``: the AND of ``requirements`` (sorted by key), or the distinct "nothing"
    selector that matches no label set. ``Selector()`` is "everything"."""

    requirements: tuple[Requirement, ...] = ()
    nothing: bool = False

    @property
    def empty(self) -> bool:
        """Mirrors selector.go: internalSelector.Empty / nothingSelector.Empty (no requirements;
        the "nothing" selector is not empty)."""
        return not self.nothing and not self.requirements

    def matches(self, labels: Mapping[str, str] | Labels | None) -> bool:
        """Mirrors selector.go: Selector.Matches (see the module function ``matches``)."""
        return matches(self, labels)


EVERYTHING = Selector()
NOTHING = Selector(nothing=True)

# selection.Operator values.
EQUALS, DOUBLE_EQUALS, NOT_EQUALS = "=", "==", "!="
IN, NOT_IN, EXISTS, DOES_NOT_EXIST = "in", "notin", "exists", "!"
GREATER_THAN, LESS_THAN = "gt", "lt"
_BINARY_OPERATORS = (IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN)
_VALID_OPERATORS = _BINARY_OPERATORS + (EXISTS, DOES_NOT_EXIST)

# metav1.LabelSelectorOperator -> selection.Operator
_METAV1_OPERATORS = {"In": IN, "NotIn": NOT_IN, "Exists": EXISTS, "DoesNotExist": DOES_NOT_EXIST}


def _go_sprint_list(values: tuple[str, ...] | list[str]) -> list[str]:
    return list(values)


def requirement_errors(key: str, operator: str, values: tuple[str, ...] | list[str], path: str = "") -> list[FieldError]:
    """The findings of selector.go: NewRequirement, in its order (key, operator/value count, values)."""
    def child(name: str) -> str:
        """A field path below ``path``."""
        return f"{path}.{name}" if path else name

    errs: list[FieldError] = []
    key_problems = is_label_key(key)
    if key_problems:
        errs.append(FieldError.invalid(child("key"), key, "; ".join(key_problems)))
    vpath = child("values")
    vals = _go_sprint_list(values)
    if operator in (IN, NOT_IN):
        if not vals:
            errs.append(FieldError.invalid(vpath, vals, "for 'in', 'notin' operators, values set can't be empty"))
    elif operator in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS):
        if len(vals) != 1:
            errs.append(FieldError.invalid(vpath, vals, "exact-match compatibility requires one single value"))
    elif operator in (EXISTS, DOES_NOT_EXIST):
        if vals:
            errs.append(FieldError.invalid(vpath, vals, "values set must be empty for exists and does not exist"))
    elif operator in (GREATER_THAN, LESS_THAN):
        if len(vals) != 1:
            errs.append(FieldError.invalid(vpath, vals, "for 'Gt', 'Lt' operators, exactly one value is required"))
        for i, v in enumerate(vals):
            if _parse_int64(v) is None:
                errs.append(FieldError.invalid(f"{vpath}[{i}]", v, "for 'Gt', 'Lt' operators, the value must be an integer"))
    else:
        errs.append(FieldError.not_supported(child("operator"), operator, _VALID_OPERATORS))
    for i, v in enumerate(vals):
        value_problems = is_label_value(v)
        if value_problems:
            errs.append(FieldError.invalid(f"{vpath}[{i}][{key}]", v, "; ".join(value_problems)))
    return errs


def new_requirement(key: str, operator: str, values: tuple[str, ...] | list[str] = ()) -> Requirement:
    """Mirrors selector.go: NewRequirement. Raises ``ModelError("InvalidRequirement")`` listing every
    finding; the values are kept in the order given (``String()`` sorts them)."""
    errs = requirement_errors(key, operator, values)
    if errs:
        raise ModelError("InvalidRequirement", _aggregate(errs), field=errs[0].field)
    return Requirement(key, operator, tuple(values))


def _aggregate(errs: list[FieldError]) -> str:
    # utilerrors.Aggregate.Error(): one message alone, several as "[a, b]".
    texts = [str(e) for e in errs]
    return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"


def _parse_int64(text: str) -> int | None:
    # strconv.ParseInt(s, 10, 64): optional sign, ASCII digits, int64 range.
    try:
        return atoi(text)
    except ModelError:
        return None


def _lookup(labels: Mapping[str, str], key: str) -> str | None:
    return labels.get(key)


def requirement_matches(req: Requirement, labels: Mapping[str, str]) -> bool:
    """Mirrors selector.go: Requirement.Matches (an unknown or zero operator matches nothing)."""
    op = req.operator
    if op in (IN, EQUALS, DOUBLE_EQUALS):
        value = labels.get(req.key)
        return value is not None and value in req.values
    if op in (NOT_IN, NOT_EQUALS):
        value = labels.get(req.key)
        return value is None or value not in req.values
    if op == EXISTS:
        return req.key in labels
    if op == DOES_NOT_EXIST:
        return req.key not in labels
    if op in (GREATER_THAN, LESS_THAN):
        value = labels.get(req.key)
        if value is None:
            return False
        have = _parse_int64(value)
        if have is None or len(req.values) != 1:
            return False
        want = _parse_int64(req.values[0])
        if want is None:
            return False
        return have > want if op == GREATER_THAN else have < want
    return False


def _as_mapping(labels: Mapping[str, str] | Labels | None) -> Mapping[str, str]:
    if labels is None:
        return {}
    if isinstance(labels, Mapping):
        return labels
    return dict(labels)


def matches(selector: Selector, labels: Mapping[str, str] | Labels | None) -> bool:
    """Mirrors selector.go: internalSelector.Matches / nothingSelector.Matches."""
    if selector.nothing:
        return False
    if labels is None or isinstance(labels, tuple):
        return _matches_frozen(selector, labels or ())
    return all(requirement_matches(r, labels) for r in selector.requirements)


@lru_cache(maxsize=65536)
def _matches_frozen(selector: Selector, labels: Labels) -> bool:
    # Controllers ask the same (selector, labels) questions over and over while the model checker
    # explores states; both are frozen values, so the answer is cached.
    mapping = dict(labels)
    return all(requirement_matches(r, mapping) for r in selector.requirements)


def requirements_match(requirements: tuple[Requirement, ...] | list[Requirement], labels: Mapping[str, str] | Labels) -> bool:
    """Mirrors selector.go: internalSelector.Matches over bare requirements. The AND of
    ``Requirement.Matches`` over the given requirements (no validation)."""
    mapping = _as_mapping(labels)
    return all(requirement_matches(r, mapping) for r in requirements)


_OPERATOR_TEXT = {
    EQUALS: "=", DOUBLE_EQUALS: "==", NOT_EQUALS: "!=", IN: " in ", NOT_IN: " notin ",
    GREATER_THAN: ">", LESS_THAN: "<",
}


def requirement_string(req: Requirement) -> str:
    """Mirrors selector.go: Requirement.String (values sorted on output when there are several)."""
    op = req.operator
    out = "!" + req.key if op == DOES_NOT_EXIST else req.key
    if op in (EXISTS, DOES_NOT_EXIST):
        return out
    out += _OPERATOR_TEXT.get(op, "")
    body = req.values[0] if len(req.values) == 1 else ",".join(sorted(req.values))
    if op in (IN, NOT_IN):
        body = f"({body})"
    return out + body


def requirements_string(requirements: tuple[Requirement, ...] | list[Requirement]) -> str:
    """Mirrors selector.go: internalSelector.String (requirements joined by "," in the given order)."""
    return ",".join(requirement_string(r) for r in requirements)


def selector_string(selector: Selector) -> str:
    """Mirrors selector.go: internalSelector.String / nothingSelector.String. ``Selector.String()``: "" for
    both "nothing" and "everything"."""
    return "" if selector.nothing else requirements_string(selector.requirements)


def _sorted_by_key(reqs: list[Requirement]) -> tuple[Requirement, ...]:
    # Go sorts with sort.Sort(ByKey); requirements with equal keys keep their relative order here.
    return tuple(sorted(reqs, key=lambda r: r.key))


# --- the string syntax: a lexer and a recursive-descent parser, as selector.go's Lexer/Parser ---

_ERROR, _EOS, _CPAR, _COMMA, _NOT, _DEQ, _EQ, _GT, _ID, _IN, _LT, _NEQ, _NOTIN, _OPAR = range(14)
_STRING_TOKENS = {
    ")": _CPAR, ",": _COMMA, "!": _NOT, "==": _DEQ, "=": _EQ, ">": _GT, "in": _IN, "<": _LT,
    "!=": _NEQ, "notin": _NOTIN, "(": _OPAR,
}
_SPECIAL = frozenset("=!(),><")
_WHITESPACE = frozenset(" \t\r\n")


def _lex(text: str) -> list[tuple[int, str]]:
    """Tokenise a selector string (selector.go: Lexer.Lex), ending with an end-of-string token."""
    items: list[tuple[int, str]] = []
    pos, n = 0, len(text)

    def read() -> str:
        """The next character, or NUL at the end."""
        nonlocal pos
        # A NUL character reads as the end of the input, as the Go lexer's zero byte does.
        if pos < n:
            ch = text[pos]
            pos += 1
            return ch
        return "\x00"

    while True:
        ch = read()
        while ch in _WHITESPACE:
            ch = read()
        if ch == "\x00":
            items.append((_EOS, ""))
            return items
        if ch in _SPECIAL:
            buffer = ch
            last: tuple[int, str] | None = (_STRING_TOKENS[buffer], buffer) if buffer in _STRING_TOKENS else None
            while True:
                ch = read()
                if ch == "\x00":
                    break
                if ch in _SPECIAL:
                    buffer += ch
                    if buffer in _STRING_TOKENS:
                        last = (_STRING_TOKENS[buffer], buffer)
                    elif last is not None:
                        pos -= 1
                        break
                else:
                    pos -= 1
                    break
            items.append(last if last is not None else (_ERROR, f"error expected: keyword found '{buffer}'"))
        else:
            buffer = ch
            while True:
                ch = read()
                if ch == "\x00":
                    break
                if ch in _SPECIAL or ch in _WHITESPACE:
                    pos -= 1
                    break
                buffer += ch
            items.append((_STRING_TOKENS[buffer], buffer) if buffer in _STRING_TOKENS else (_ID, buffer))


class _Parser:
    """selector.go: Parser. In a value position the keywords ``in``/``notin`` are identifiers."""

    def __init__(self, text: str) -> None:
        self.items = _lex(text)
        self.position = 0

    def lookahead(self, values: bool) -> tuple[int, str]:
        """The next token without consuming it (selector.go: Parser.lookahead)."""
        tok, lit = self.items[self.position]
        if values and tok in (_IN, _NOTIN):
            tok = _ID
        return tok, lit

    def consume(self, values: bool) -> tuple[int, str]:
        """The next token, consumed (selector.go: Parser.consume)."""
        tok, lit = self.lookahead(values)
        self.position += 1
        return tok, lit

    def parse(self) -> list[Requirement]:
        """Mirrors selector.go: Parser.parse (requirements separated by commas)."""
        reqs: list[Requirement] = []
        while True:
            tok, lit = self.lookahead(True)
            if tok in (_ID, _NOT):
                try:
                    reqs.append(self.parse_requirement())
                except ModelError as exc:
                    raise ModelError("InvalidSelector", f"unable to parse requirement: {exc.message}") from None
                tok, lit = self.consume(True)
                if tok == _EOS:
                    return reqs
                if tok == _COMMA:
                    tok2, lit2 = self.lookahead(True)
                    if tok2 not in (_ID, _NOT):
                        raise ModelError("InvalidSelector", f"found '{lit2}', expected: identifier after ','")
                else:
                    raise ModelError("InvalidSelector", f"found '{lit}', expected: ',' or 'end of string'")
            elif tok == _EOS:
                return reqs
            else:
                raise ModelError("InvalidSelector", f"found '{lit}', expected: !, identifier, or 'end of string'")

    def parse_requirement(self) -> Requirement:
        """Mirrors selector.go: Parser.parseRequirement."""
        key, operator = self.parse_key_and_infer_operator()
        if operator in (EXISTS, DOES_NOT_EXIST):
            return new_requirement(key, operator, ())
        operator = self.parse_operator()
        if operator in (IN, NOT_IN):
            values = self.parse_values()
        else:
            values = self.parse_exact_value()
        return new_requirement(key, operator, tuple(sorted(values)))

    def parse_key_and_infer_operator(self) -> tuple[str, str]:
        """Mirrors selector.go: Parser.parseKeyAndInferOperator (``!k`` and bare ``k``)."""
        operator = ""
        tok, literal = self.consume(True)
        if tok == _NOT:
            operator = DOES_NOT_EXIST
            tok, literal = self.consume(True)
        if tok != _ID:
            raise ModelError("InvalidSelector", f"found '{literal}', expected: identifier")
        problems = is_label_key(literal)
        if problems:
            raise ModelError("InvalidSelector", str(FieldError.invalid("", literal, "; ".join(problems))).lstrip(": "))
        if self.lookahead(True)[0] in (_EOS, _COMMA) and operator != DOES_NOT_EXIST:
            operator = EXISTS
        return literal, operator

    def parse_operator(self) -> str:
        """Mirrors selector.go: Parser.parseOperator."""
        tok, lit = self.consume(False)
        op = {_IN: IN, _EQ: EQUALS, _DEQ: DOUBLE_EQUALS, _GT: GREATER_THAN, _LT: LESS_THAN,
              _NOTIN: NOT_IN, _NEQ: NOT_EQUALS}.get(tok)
        if op is None:
            raise ModelError("InvalidSelector", f"found '{lit}', expected: {', '.join(_BINARY_OPERATORS)}")
        return op

    def parse_values(self) -> set[str]:
        """Mirrors selector.go: Parser.parseValues (``(a,b)``; ``()`` is the empty value)."""
        tok, lit = self.consume(True)
        if tok != _OPAR:
            raise ModelError("InvalidSelector", f"found '{lit}' expected: '('")
        tok, lit = self.lookahead(True)
        if tok in (_ID, _COMMA):
            values = self.parse_identifiers_list()
            if self.consume(True)[0] != _CPAR:
                raise ModelError("InvalidSelector", f"found '{lit}', expected: ')'")
            return values
        if tok == _CPAR:
            self.consume(True)
            return {""}
        raise ModelError("InvalidSelector", f"found '{lit}', expected: ',', ')' or identifier")

    def parse_identifiers_list(self) -> set[str]:
        """Mirrors selector.go: Parser.parseIdentifiersList (empty items are the empty value)."""
        values: set[str] = set()
        while True:
            tok, lit = self.consume(True)
            if tok == _ID:
                values.add(lit)
                tok2, lit2 = self.lookahead(True)
                if tok2 == _COMMA:
                    continue
                if tok2 == _CPAR:
                    return values
                raise ModelError("InvalidSelector", f"found '{lit2}', expected: ',' or ')'")
            if tok == _COMMA:
                if not values:
                    values.add("")  # "(," starts with an empty value
                tok2 = self.lookahead(True)[0]
                if tok2 == _CPAR:
                    values.add("")  # ",)" ends with one
                    return values
                if tok2 == _COMMA:
                    values.add("")  # ",," holds one
            else:
                raise ModelError("InvalidSelector", f"found '{lit}', expected: ',', or identifier")

    def parse_exact_value(self) -> set[str]:
        """Mirrors selector.go: Parser.parseExactValue (a missing value is the empty value)."""
        tok = self.lookahead(True)[0]
        if tok in (_EOS, _COMMA):
            return {""}
        tok, lit = self.consume(True)
        if tok == _ID:
            return {lit}
        raise ModelError("InvalidSelector", f"found '{lit}', expected: identifier")


@lru_cache(maxsize=4096)
def parse(text: str) -> Selector:
    """Mirrors selector.go: Parse. Raises ``ModelError("InvalidSelector")``; "" is everything."""
    return Selector(_sorted_by_key(_Parser(text).parse()))


def selector_from_set(labels: Mapping[str, str] | Labels | None) -> Selector:
    """Mirrors selector.go: SelectorFromSet (no validation; nil and empty both select everything)."""
    mapping = _as_mapping(labels)
    return Selector(tuple(Requirement(k, EQUALS, (v,)) for k, v in sorted(mapping.items())))


@lru_cache(maxsize=4096)
def label_selector_as_selector(selector: LabelSelector | None) -> Selector:
    """Mirrors apis/meta/v1/helpers.go: LabelSelectorAsSelector.

    ``None`` selects nothing; a selector with neither matchLabels nor matchExpressions selects
    everything. Raises ``ModelError("InvalidSelector")`` for an unknown operator or a requirement
    NewRequirement rejects.
    """
    if selector is None:
        return NOTHING
    if not selector.match_labels and not selector.match_expressions:
        return EVERYTHING
    reqs: list[Requirement] = []
    try:
        for key, value in selector.match_labels:
            reqs.append(new_requirement(key, EQUALS, (value,)))
        for expr in selector.match_expressions:
            op = _METAV1_OPERATORS.get(expr.operator)
            if op is None:
                raise ModelError("InvalidSelector", f'"{expr.operator}" is not a valid label selector operator')
            reqs.append(new_requirement(expr.key, op, tuple(expr.values)))
    except ModelError as exc:
        raise ModelError("InvalidSelector", exc.message, field=exc.field) from None
    return Selector(_sorted_by_key(reqs))


def selector_matches(selector: LabelSelector | None, labels: Mapping[str, str] | Labels | None) -> bool:
    """Mirrors apis/meta/v1/helpers.go: LabelSelectorAsSelector, then Selector.Matches.
    ``LabelSelectorAsSelector(selector).Matches(labels)``: a nil selector matches nothing, an empty one
    everything; an invalid one raises ``ModelError("InvalidSelector")``."""
    return matches(label_selector_as_selector(selector), labels)


def label_selector_from_json(data: Any) -> LabelSelector | None:
    """Model-only: a ``metav1.LabelSelector`` from its JSON form (``null`` stays nil)."""
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise ModelError("Invalid", "a label selector must be an object or null")
    match_labels = data.get("matchLabels") or {}
    if not isinstance(match_labels, Mapping):
        raise ModelError("Invalid", "matchLabels must be a map of strings", field="matchLabels")
    exprs = []
    for i, e in enumerate(data.get("matchExpressions") or ()):
        if not isinstance(e, Mapping):
            raise ModelError("Invalid", "a match expression must be an object", field=f"matchExpressions[{i}]")
        exprs.append(LabelSelectorRequirement(
            key=str(e.get("key") or ""), operator=str(e.get("operator") or ""),
            values=tuple(str(v) for v in (e.get("values") or ())),
        ))
    return LabelSelector(freeze_map({str(k): str(v) for k, v in match_labels.items()}), tuple(exprs))
