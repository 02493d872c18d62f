"""Private stand-in for ``model.intstr`` until the foundation helper's module is on main.

Mirrors staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go: GetScaledValueFromIntOrPercent
(strict: exactly one trailing ``%`` after a Go ``Atoi`` integer).
"""

from __future__ import annotations

import re

from model.errors import ModelError

_ATOI = re.compile(r"^[+-]?[0-9]+$")


def get_scaled_value_from_int_or_percent(value: int | str | None, total: int, round_up: bool) -> int:
    """Mirrors intstr.go: GetScaledValueFromIntOrPercent (exact integer ceil/floor)."""
    if value is None:
        raise ModelError("Invalid", "nil value for IntOrString")
    if isinstance(value, bool):
        raise ModelError("Invalid", f"invalid type: neither int nor percentage: {value!r}")
    if isinstance(value, int):
        return value
    if not isinstance(value, str) or not value.endswith("%"):
        raise ModelError("Invalid", "invalid value for IntOrString: invalid type: string is not a percentage")
    body = value[:-1]
    if not _ATOI.match(body):
        raise ModelError("Invalid", f'invalid value for IntOrString: invalid value "{value}": '
                                    f'strconv.Atoi: parsing "{body}": invalid syntax')
    p = int(body)
    num = p * total
    return -((-num) // 100) if round_up else num // 100
