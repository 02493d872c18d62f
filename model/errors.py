"""Errors the model reports as values: a field path, a Kubernetes reason, a message.

Mirrors the shape of ``k8s.io/apimachinery/pkg/util/validation/field.Error``: a user-facing error
names the field and what is wrong with it, never a traceback.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class FieldError:
    """One validation finding, formatted as ``field.Error.Error()`` does."""

    type: str  # "Required value", "Invalid value", "Forbidden", "Unsupported value", "Duplicate value"
    field: str
    value: Any = None
    detail: str = ""

    def __str__(self) -> str:
        if self.type in ("Required value", "Forbidden"):
            text = f"{self.field}: {self.type}"
        else:
            text = f"{self.field}: {self.type}: {_render_value(self.value)}"
        return f"{text}: {self.detail}" if self.detail else text


def _render_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


class ValidationError(ModelError):
    """An object Kubernetes' validation rejects; carries every offending field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = tuple(errors)
        first = errors[0]
        super().__init__("Invalid", "; ".join(str(e) for e in errors), field=first.field)


def error_output(exc: ModelError) -> dict[str, Any]:
    """The catalogue's error object for an exception."""
    err: dict[str, Any] = {"kind": exc.kind, "message": exc.message}
    if exc.field is not None:
        err["field"] = exc.field
    err.update(exc.extra)
    return {"error": err}
