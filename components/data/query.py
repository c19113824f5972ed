"""Queries: the records of each table that a filter state keeps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from components.data.checks import parse_date
from components.data.load import Dataset


@dataclass(frozen=True)
class Filters:
    """Validated global filters; empty sets and None mean "all"."""

    countries: tuple[str, ...] = ()  # in the reader's order, as the link shows them
    domains: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    min_grade: str | None = None  # minimum two-part grade: "B2", "B" (reliability only) or "2"


def _touches(cells: Iterable[Iterable[str]], wanted: Iterable[str], index: pd.Index) -> pd.Series:
    """Boolean mask: each row's values meet ``wanted`` (always true when it is empty)."""
    wanted = frozenset(wanted)
    if not wanted:
        return pd.Series(True, index=index, dtype=bool)
    return pd.Series([not wanted.isdisjoint(c) for c in cells], index=index, dtype=bool)


def _graded(df: pd.DataFrame, ds: Dataset, f: Filters) -> pd.Series:
    """Rows whose source reliability and information credibility both meet ``f.min_grade``."""
    minimum = ds.rule.parse(f.min_grade) if f.min_grade else None
    if minimum is None:
        return pd.Series(True, index=df.index, dtype=bool)
    return df["grade"].isin({c for c in ds.rule.codes if ds.rule.at_least(c, *minimum)})


def _in_years(years: pd.Series, f: Filters) -> pd.Series:
    lo = f.year_from if f.year_from is not None else -10_000
    hi = f.year_to if f.year_to is not None else 10_000
    return years.isna() | ((years >= lo) & (years <= hi))


def events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events involving any selected actor and domain within the period."""
    df = ds["events"]
    mask = _in_years(df["year"], f)
    mask &= _touches((c + o for c, o in zip(df["countries"], df["organizations"])), f.countries, df.index)
    mask &= _touches(df["domains"], f.domains, df.index)
    return df[mask & _graded(df, ds, f)]


def partnerships(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Edges touching a selected actor, in a selected domain, existing by the period's end.

    Edges without domains (e.g. membership) have no domain dimension and pass the
    domain filter only when it is empty; edges with no ``since`` year are undated and
    pass the period filter.
    """
    df = ds["partnerships"]
    hi = f.year_to if f.year_to is not None else 10_000
    mask = df["since"].isna() | (df["since"] <= hi)
    mask &= _touches(zip(df["from_id"], df["to_id"]), f.countries, df.index)
    mask &= _touches(df["domains"], f.domains, df.index)
    return df[mask & _graded(df, ds, f)]


def itpp_areas(ds: Dataset, f: Filters) -> pd.DataFrame:
    """ITPP areas, when the filters include the programme's parties and period
    (``x-programme`` of the package's itpp_areas resource)."""
    df = ds["itpp_areas"]
    programme = ds.table("itpp_areas").extras["programme"]
    first, last = programme["period"]
    lo = f.year_from if f.year_from is not None else -10_000
    hi = f.year_to if f.year_to is not None else 10_000
    if (f.countries and frozenset(f.countries).isdisjoint(programme["actors"])) or hi < first or lo > last:
        return df.iloc[0:0]
    return df[_touches(df["domains"], f.domains, df.index) & _graded(df, ds, f)]


def ip4(ds: Dataset, f: Filters) -> pd.DataFrame:
    """IP4 records of a selected partner (or of the IP4 grouping) in the period."""
    df = ds["ip4"]
    group = ds.table("ip4").extras["group"]
    years = pd.Series(
        [_year_of(s or a) for s, a in zip(df["summit_date"], df["agreed"])],
        index=df.index,
        dtype="Int64",
    )
    mask = _in_years(years, f)
    mask &= _touches(((c, group) for c in df["iso3"]), f.countries, df.index)
    return df[mask & _graded(df, ds, f)]


BY, ABOUT = "by", "about"  # how a reaction meets a country filter


def reaction_relations(df: pd.DataFrame, countries: Iterable[str]) -> pd.Series:
    """How each reaction meets a country filter: ``"by"`` when its actor (``actor_id``) is
    selected, else ``"about"`` when a selected actor is in its ``about``, else ``""``.

    With no actor selected every row is ``""``: nothing is by or about a selection.
    """
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


def reactions(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Reactions by a selected actor or about one (its id in ``about``: a reaction to its
    cooperation), in the period (no domain dimension). No actor selected keeps them all."""
    df = ds["reactions"]
    mask = _in_years(df["year"], f)
    if f.countries:
        mask &= reaction_relations(df, f.countries) != ""
    return df[mask & _graded(df, ds, f)]


def _year_of(value: str) -> int | None:
    parsed = parse_date(value) if value else None
    return parsed[0].year if parsed else None
