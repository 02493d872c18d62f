"""Times as integers: nanoseconds since the Unix epoch, Go's zero time as its own value.

Kubernetes serialises ``metav1.Time`` as RFC 3339 (seconds) and ``metav1.MicroTime`` with fractions;
the conformance catalogue allows up to nine fractional digits. Keeping times as ``int`` makes
state values small, hashable and exact. ``None`` is an unset (nil) time; ``GO_ZERO_TIME`` is
``0001-01-01T00:00:00Z``, which Go code treats as "zero" through ``IsZero()``.

Mirrors the JSON forms of staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go and
micro_time.go.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import NewType

from model.errors import ModelError

Time = NewType("Time", int)

NANOS = 1_000_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GO_ZERO_TIME = Time(-62135596800 * NANOS)

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$"
)


def parse_time(text: str) -> Time:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go: Time.UnmarshalJSON. Parse an RFC 3339
    timestamp (as ``metav1.Time``/``MicroTime`` unmarshal) to nanoseconds."""
    m = _RFC3339.match(text.strip()) if isinstance(text, str) else None
    if m is None:
        raise ModelError("Invalid", f"not an RFC 3339 time: {text!r}")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    frac = m.group(7) or ""
    nanos = int(frac.ljust(9, "0")) if frac else 0
    tz = m.group(8)
    offset = 0
    if tz not in ("Z", "z"):
        sign = 1 if tz[0] == "+" else -1
        offset = sign * (int(tz[1:3]) * 3600 + int(tz[4:6]) * 60)
    dt = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    seconds = (dt - _EPOCH).days * 86400 + (dt - _EPOCH).seconds - offset
    return Time(seconds * NANOS + nanos)


def format_time(t: int) -> str:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go: Time.MarshalJSON (with fractions as
    MicroTime). RFC 3339 in UTC, with fractional seconds only when there are any (trailing zeros dropped)."""
    seconds, nanos = divmod(t, NANOS)
    dt = _EPOCH + timedelta(seconds=seconds)
    base = f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}"
    if nanos:
        base += "." + f"{nanos:09d}".rstrip("0")
    return base + "Z"


def is_zero(t: int | None) -> bool:
    """Mirrors staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go: Time.IsZero. Go's ``Time.IsZero`` for
    a set time; an unset time counts as zero too (a nil ``*metav1.Time``)."""
    return t is None or t == GO_ZERO_TIME


def seconds(n: float) -> int:
    """Model-only: a duration of ``n`` seconds in nanoseconds."""
    return int(round(n * NANOS))
