"""What each filter keeps of each fact table: the predicates the filters' entries name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from components.data import Dataset
from components.data.checks import parse_date

BY, ABOUT = "by", "about"  # how a reaction meets a country filter


def touches(cells: Iterable[Iterable[str]], wanted: Iterable[str], index: pd.Index) -> pd.Series:
    """Each row's values meet ``wanted`` (always true when it is empty)."""
    wanted = frozenset(wanted)
    if not wanted:
        return pd.Series(True, index=index, dtype=bool)
    return pd.Series([not wanted.isdisjoint(c) for c in cells], index=index, dtype=bool)


def _year_of(value: str) -> int | None:
    parsed = parse_date(value) if value else None
    return parsed[0].year if parsed else None


def reaction_relations(df: pd.DataFrame, countries: Iterable[str]) -> pd.Series:
    """How each reaction meets a country filter: ``"by"`` when its actor (``actor_id``) is
    selected, else ``"about"`` when a selected actor is in its ``about``, else ``""``.

    With no actor selected every row is ``""``: nothing is by or about a selection."""
    wanted = frozenset(countries)
    if not wanted:
        return pd.Series("", index=df.index, dtype=object)
    return pd.Series(
        [
            BY if actor in wanted else ABOUT if not wanted.isdisjoint(about) else ""
            for actor, about in zip(df["actor_id"], df["about"])
        ],
        index=df.index,
        dtype=object,
    )


def in_years(years: pd.Series, span) -> pd.Series:
    lo, hi = (v if v is not None else edge for v, edge in zip(span, (-10_000, 10_000)))
    return years.isna() | ((years >= lo) & (years <= hi))


def ip4_years(df: pd.DataFrame) -> pd.Series:
    return pd.Series(
        [_year_of(s or a) for s, a in zip(df["summit_date"], df["agreed"])], index=df.index, dtype="Int64"
    )


def programme_meets(df: pd.DataFrame, keep: bool) -> pd.Series:
    """Every area of the programme, or none."""
    return pd.Series(keep, index=df.index, dtype=bool)


def programme(ds: Dataset) -> Mapping:
    return ds.table("itpp_areas").extras["programme"]
