"""Date axes that read as dates: a sensible minimum span and ticks in years or months, never
hours, however narrow the data (one day of records is still a readable axis)."""

from __future__ import annotations

import pandas as pd

MIN_SPAN_DAYS = 365  # an axis never spans less than a year: a one-day range would tick in hours


def date_axis(first, last, *, pad_days: int = 120) -> dict:
    """A plotly date axis for data from ``first`` to ``last`` (anything ``pd.Timestamp`` takes):
    padded, at least ``MIN_SPAN_DAYS`` wide, ticking every year (or every 2, 5, 10 years on long
    spans) or, under three years, every quarter, with a format to match."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    start, end = first - pd.Timedelta(days=pad_days), last + pd.Timedelta(days=pad_days)
    short = pd.Timedelta(days=MIN_SPAN_DAYS) - (end - start)
    if short > pd.Timedelta(0):
        start, end = start - short / 2, end + short / 2
    years = (end - start).days / 365.25
    if years < 3:
        ticks = {"dtick": "M3", "tickformat": "%b<br>%Y"}  # two lines: no tilted labels on a phone
    else:
        step = next(s for s in (1, 2, 5, 10, 20) if years / s <= 12)
        ticks = {"dtick": f"M{12 * step}", "tickformat": "%Y"}
    return {
        "type": "date",
        "range": [f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"],
        "tick0": f"{start.year}-01-01",
        **ticks,
    }
