"""Summary statistics shared by every measurement: min / median / p95, and ratios to the baseline."""

from __future__ import annotations

import statistics

KB = 1024
MB = 1024 * 1024


def stats(values: list[float], digits: int = 1) -> dict | None:
    """min / median / p95 / n of ``values`` (p95 interpolated between the samples); None when empty."""
    if not values:
        return None
    p95 = statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]
    return {
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "p95": round(p95, digits),
        "n": len(values),
    }


def ratio(a, b) -> float | None:
    """``a / b`` to two decimals, or None when either is missing (or ``b`` is zero)."""
    try:
        return round(a / b, 2) if a is not None and b else None
    except TypeError:
        return None
