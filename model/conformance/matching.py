"""Matching a conformance case's ``expect`` against an operation's output (CONFORMANCE.md,
"Matching a case"). Pure functions: the ``conform run|check`` commands and the test suite share them.

Rules: ``expect`` is partial (keys it does not name are not checked); objects match recursively;
lists element by element with equal length, or regardless of order for the few outputs the
catalogue calls sets; numbers and strings by equality (a bool is never a number). Special forms:
``{"$le": N}``; ``"error": true`` (any error); ``"error": "<text>"`` (kind equal, case-insensitively,
or message containing the text); ``firstErrorContains`` (``deployment.validate``: ``errors[0]``
contains the text). An ``error.kind`` compares case-insensitively. An output whose error kind is
``Unsupported`` makes the case *skipped*, never passed.

Model-only: the matching rules are the catalogue's, not a Kubernetes function's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PASS, FAIL, SKIP = "pass", "fail", "skip"

# (op, top-level output key) pairs whose list the catalogue declares a set.
SET_FIELDS: frozenset[tuple[str, str]] = frozenset({
    ("hpa.reconcile", "conditions"),
    ("hpa.normalize", "conditions"),
    ("hpa.normalize_with_behavior", "conditions"),
})


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of one case: ``status`` is pass, fail or skip; ``reason`` explains fail/skip."""

    status: str
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Model-only: whether the case passed."""
        return self.status == PASS


def is_unsupported(output: Any) -> bool:
    """Model-only: whether the output is the model's "not implemented" answer."""
    if not isinstance(output, Mapping):
        return False
    err = output.get("error")
    return isinstance(err, Mapping) and str(err.get("kind", "")).lower() == "unsupported"


def judge(op: str, expect: Any, output: Any) -> Verdict:
    """Model-only: judge one case. Unsupported outputs are skipped; otherwise pass or fail with the first
    mismatch."""
    if is_unsupported(output):
        message = output["error"].get("message", "")
        return Verdict(SKIP, f"Unsupported: {message}" if message else "Unsupported")
    problem = mismatch(op, expect, output)
    return Verdict(PASS) if problem is None else Verdict(FAIL, problem)


def mismatch(op: str, expect: Any, output: Any) -> str | None:
    """Model-only: the first difference between ``expect`` and ``output`` as a readable sentence, or
    ``None``."""
    return _match(op, expect, output, "", top=True)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _show(v: Any) -> str:
    import json

    try:
        text = json.dumps(v, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(v)
    return text if len(text) <= 200 else text[:197] + "..."


def _match_error(expect: Any, actual: Any, path: str) -> str | None:
    if expect is True:
        if actual is None or actual is False:
            return f"{path}: expected an error, got none"
        return None
    if expect is False or expect is None:
        if actual not in (None, False):
            return f"{path}: expected no error, got {_show(actual)}"
        return None
    if isinstance(expect, str):
        if isinstance(actual, Mapping):
            kind = str(actual.get("kind", ""))
            message = str(actual.get("message", ""))
            if kind.lower() == expect.lower() or expect in message:
                return None
            return f"{path}: expected an error of kind or message {expect!r}, got {_show(actual)}"
        if actual is True:
            return f"{path}: expected error {expect!r}, got a bare error flag"
        return f"{path}: expected error {expect!r}, got {_show(actual)}"
    if isinstance(expect, Mapping):
        if not isinstance(actual, Mapping):
            return f"{path}: expected an error object, got {_show(actual)}"
        for key, want in expect.items():
            sub = f"{path}.{key}"
            if key not in actual:
                return f"{sub}: missing"
            if key == "kind" and isinstance(want, str):
                if str(actual[key]).lower() != want.lower():
                    return f"{sub}: expected {want!r}, got {_show(actual[key])}"
                continue
            problem = _match("", want, actual[key], sub)
            if problem:
                return problem
        return None
    return f"{path}: unsupported error expectation {_show(expect)}"


def _match(op: str, expect: Any, actual: Any, path: str, top: bool = False) -> str | None:
    if isinstance(expect, Mapping):
        if set(expect) == {"$le"}:
            bound = expect["$le"]
            if _is_number(actual) and actual <= bound:
                return None
            return f"{path or '.'}: expected a number <= {bound}, got {_show(actual)}"
        if not isinstance(actual, Mapping):
            return f"{path or '.'}: expected an object, got {_show(actual)}"
        for key, want in expect.items():
            sub = f"{path}.{key}" if path else key
            if key == "error":
                problem = _match_error(want, actual.get("error"), sub)
                if problem:
                    return problem
                continue
            if key == "firstErrorContains" and "firstErrorContains" not in actual:
                errors = actual.get("errors")
                if not isinstance(errors, Sequence) or isinstance(errors, str) or not errors:
                    return f"{sub}: expected a first error containing {want!r}, got errors {_show(errors)}"
                if not isinstance(want, str) or want not in str(errors[0]):
                    return f"{sub}: expected the first error to contain {want!r}, got {_show(errors[0])}"
                continue
            if key not in actual:
                if isinstance(actual.get("error"), Mapping):
                    return f"{sub}: missing; the operation failed: {_show(actual['error'])}"
                return f"{sub}: missing"
            if top and (op, key) in SET_FIELDS and isinstance(want, list):
                problem = _match_set(op, want, actual[key], sub)
            else:
                problem = _match(op, want, actual[key], sub)
            if problem:
                return problem
        return None
    if isinstance(expect, list):
        if not isinstance(actual, list):
            return f"{path or '.'}: expected a list, got {_show(actual)}"
        if len(expect) != len(actual):
            return f"{path or '.'}: expected {len(expect)} elements, got {len(actual)}: {_show(actual)}"
        for i, (want, have) in enumerate(zip(expect, actual, strict=True)):
            problem = _match(op, want, have, f"{path}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expect, bool) or isinstance(actual, bool):
        if expect is actual:
            return None
        return f"{path or '.'}: expected {_show(expect)}, got {_show(actual)}"
    if _is_number(expect):
        if _is_number(actual) and actual == expect:
            return None
        return f"{path or '.'}: expected {_show(expect)}, got {_show(actual)}"
    if expect == actual:
        return None
    return f"{path or '.'}: expected {_show(expect)}, got {_show(actual)}"


def _match_set(op: str, expect: list[Any], actual: Any, path: str) -> str | None:
    if not isinstance(actual, list):
        return f"{path}: expected a list, got {_show(actual)}"
    if len(expect) != len(actual):
        return f"{path}: expected {len(expect)} elements (a set), got {len(actual)}: {_show(actual)}"
    used = [False] * len(actual)

    def assign(i: int) -> bool:
        """Match expected element ``i`` onwards to unused outputs (backtracking)."""
        if i == len(expect):
            return True
        for j, have in enumerate(actual):
            if not used[j] and _match(op, expect[i], have, path) is None:
                used[j] = True
                if assign(i + 1):
                    return True
                used[j] = False
        return False

    if assign(0):
        return None
    return f"{path}: the set {_show(actual)} does not match {_show(expect)}"
