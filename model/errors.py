"""Errors the model reports as values: a field path, a Kubernetes reason, a message.

Mirrors the shape of ``k8s.io/apimachinery/pkg/util/validation/field.Error``: a user-facing error
names the field and what is wrong with it, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class ModelError(Exception):
    """An error with a catalogue ``kind`` (Invalid, InvalidSelector, Syntax, Range, Unsupported...)."""

    def __init__(self, kind: str, message: str, field: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.field = field
        self.extra = extra


OMIT_VALUE: Any = object()
"""A ``FieldError.value`` that is not shown (Go's ``field.OmitValueType``)."""

# field.ErrorType.String(): the texts that name the type of a finding.
REQUIRED = "Required value"
INVALID = "Invalid value"
FORBIDDEN = "Forbidden"
NOT_SUPPORTED = "Unsupported value"
DUPLICATE = "Duplicate value"
NOT_FOUND = "Not found"
TOO_LONG = "Too long"
TOO_MANY = "Too many"
INTERNAL = "Internal error"
_NO_VALUE_TYPES = (REQUIRED, FORBIDDEN, TOO_LONG, "Too short", INTERNAL)


@dataclass(frozen=True)
class FieldError:
    """One validation finding, formatted as ``field.Error.Error()`` does (errors.go: ErrorBody)."""

    type: str  # "Required value", "Invalid value", "Forbidden", "Unsupported value", "Duplicate value"
    field: str
    value: Any = None
    detail: str = ""

    def __str__(self) -> str:
        if self.type in _NO_VALUE_TYPES or self.value is OMIT_VALUE:
            text = f"{self.field}: {self.type}"
        else:
            text = f"{self.field}: {self.type}: {render_value(self.value)}"
        return f"{text}: {self.detail}" if self.detail else text

    @staticmethod
    def invalid(field: str, value: Any, detail: str) -> FieldError:
        """Mirrors staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go: Invalid."""
        return FieldError(INVALID, field, value, detail)

    @staticmethod
    def required(field: str, detail: str = "") -> FieldError:
        """Mirrors staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go: Required."""
        return FieldError(REQUIRED, field, None, detail)

    @staticmethod
    def forbidden(field: str, detail: str) -> FieldError:
        """Mirrors staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go: Forbidden."""
        return FieldError(FORBIDDEN, field, None, detail)

    @staticmethod
    def not_supported(field: str, value: Any, valid: tuple[str, ...] | list[str]) -> FieldError:
        """Mirrors staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go: NotSupported: the
        detail lists the supported values, each quoted."""
        detail = "supported values: " + ", ".join(_go_quote(v) for v in valid) if valid else ""
        return FieldError(NOT_SUPPORTED, field, value, detail)


def _go_quote(text: str) -> str:
    # Go's %q / strconv.Quote: a double-quoted string with backslash escapes; JSON's escaping agrees
    # for the printable ASCII that API values use.
    return json.dumps(text, ensure_ascii=False)


def render_value(value: Any) -> str:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go: Error.ErrorBody (its value
    rendering). A bad value as ErrorBody prints it: simple types with %v, strings with %q, the rest as
    JSON."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _go_quote(value)
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(_jsonable(value), separators=(",", ":"), ensure_ascii=False)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


class ValidationError(ModelError):
    """Mirrors staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go: ErrorList. An object
    Kubernetes' validation rejects; carries every offending field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = tuple(errors)
        first = errors[0]
        super().__init__("Invalid", "; ".join(str(e) for e in errors), field=first.field)


def error_output(exc: ModelError) -> dict[str, Any]:
    """Model-only: the catalogue's error object for an exception."""
    err: dict[str, Any] = {"kind": exc.kind, "message": exc.message}
    if exc.field is not None:
        err["field"] = exc.field
    err.update(exc.extra)
    return {"error": err}
