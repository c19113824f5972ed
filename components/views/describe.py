"""Each chart in words, from the records in view: its accessible description (``aria-describedby``)
and the text of its "Describe this chart" disclosure.

Modelled on Datawrapper's alt descriptions and the Highcharts accessibility module's summaries:
what is shown, how much, over what span, and the few facts a sighted reader takes in at a glance
(the largest group, the extremes). Every number is counted from the same frame the chart draws.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.data import Filters
from components.labels import join_and
from components.views.reactions_rows import selection_words
from components.views.worldmap import own_statements as worldmap_stances


def _n(count: int, one: str, many: str | None = None) -> str:
    """``no summits``, ``1 summit``, ``2 summits``."""
    return f"{count or 'no'} {one if count == 1 else (many or one + 's')}"


def _scope(ctx, f: Filters, *, countries: str = "involving", domains: bool = True) -> str:
    """`` involving Japan, in Cyber defence``: the filters that narrow a chart, in words
    (``countries`` says how a chart relates its records to the country filter)."""
    parts = []
    if f.countries:
        parts.append(f" {countries} {selection_words(f.countries, ctx.names)}")
    if f.domains and domains:
        parts.append(f" in {join_and(ctx.domain_labels.get(d, d) for d in f.domains)}")
    return ",".join(parts)


def _top(counts: pd.Series, labels: Mapping[str, str], limit: int = 3) -> str:
    """``Resilience (4), Practical cooperation (4) and Dialogue (2)``: the largest groups first."""
    counts = counts.sort_values(ascending=False, kind="stable").head(limit)
    return join_and(f"{labels.get(k, k)} ({v})" for k, v in counts.items())


def timeline(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``13 events involving South Korea, 2006–2025; most in 2022 (4); 4 summits and 3 programme
    milestones.`` (the busiest year only when one year has more than one event)."""
    if df.empty:
        return f"No events{_scope(ctx, f)} in the years chosen."
    years = df["year"].astype(int)
    per_year = years.value_counts().sort_index()
    busiest = per_year.idxmax()  # the earliest of the busiest years
    kinds = df["event_type"]
    marks = [
        _n(int((kinds == "summit").sum()), "summit"),
        _n(int((kinds == "programme").sum()), "programme milestone"),
    ]
    if len(per_year) == 1:
        return f"{_n(len(df), 'event')}{_scope(ctx, f)}, all in {busiest}; {join_and(marks)}."
    most = f"most in {busiest} ({per_year[busiest]}); " if per_year[busiest] > 1 else ""
    return f"{_n(len(df), 'event')}{_scope(ctx, f)}, {years.min()}–{years.max()}; {most}{join_and(marks)}."


def worldmap(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """Group mode: how many allies and partners, which are outlined. Stance mode: which
    governments' statements are opposed, mixed or supportive on average."""
    if options["mode"] != "stance":
        groups = df["group"].value_counts()
        shown = set(df.loc[df["group"] == "IP4 partner", "iso3"])
        partners = [ctx.names[p] for p in ctx.partner_order if p in shown]
        named = f" ({join_and(partners)})" if partners else ""
        text = (
            f"{_n(int(groups.get('NATO ally', 0)), 'NATO ally', 'NATO allies')}; "
            f"{_n(len(partners), 'Indo-Pacific partner')}{named}; "
            f"{_n(int(groups.get('other partner', 0)), 'other partner')}; "
            f"{_n(int(groups.get('other', 0)), 'other country', 'other countries')} named in the data."
        )
        if f.countries:
            text += f" Outlined: {selection_words(f.countries, ctx.names)}."
        return text[0].upper() + text[1:]
    own = worldmap_stances(df, ctx.ds["countries"])
    if own.empty:
        return "No government statement is in view, so no country is coloured."
    mean = own.groupby("actor_id")["stance_score"].mean()
    sides = [
        ("opposed on average", mean[mean < 0]),
        ("mixed or neutral", mean[mean == 0]),
        ("supportive on average", mean[mean > 0]),
    ]
    said = "; ".join(f"{label}: {_names(ctx, side.index)}" for label, side in sides if len(side))
    return f"{_n(len(mean), 'government')} coloured by {_n(len(own), 'statement')} of their own; {said}."


def network(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``64 partnerships among 45 countries and organizations; largest frameworks: NATO
    membership (33), …``"""
    if df.empty:
        return f"No partnerships{_scope(ctx, f)} in view."
    nodes = set(df["from_id"]) | set(df["to_id"])
    inactive = int((df["status"] != "active").sum())
    frameworks = ctx.labels("partnerships", "framework")
    text = (
        f"{_n(len(df), 'partnership')}{_scope(ctx, f)} among {len(nodes)} countries and organizations; "
        f"largest frameworks: {_top(df['framework'].value_counts(), frameworks)}."
    )
    if inactive:
        text += f" {_n(inactive, 'link is', 'links are')} proposed or blocked, drawn dashed."
    return text


def itpp(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``10 of the programme's 16 areas, by objective: Resilience (4)…``"""
    total = ctx.programme.total
    if df.empty:
        return f"No area of the programme's {total}{_scope(ctx, f)} is in view."
    objectives = _top(df["objective"].value_counts(), ctx.labels("itpp_areas", "objective"))
    return f"{len(df)} of the programme's {total} areas{_scope(ctx, f)}, by objective: {objectives}."


def ip4(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """Attendance at the summits in view (by the leader or represented) and the programme dates."""
    if df.empty:
        return f"No summit attendance or programme{_scope(ctx, f)} in the years chosen."
    summits = df[df["record_type"] == "summit"]
    programmes = df[df["record_type"] == "programme"]
    parts = []
    if len(summits):
        how = summits["attendance"]
        represented = sorted({ctx.names[i] for i in summits.loc[how == "represented", "iso3"]})
        times = {kind: int((how == kind).sum()) for kind in ("attended", "represented", "absent")}
        text = (
            f"{_n(summits['summit'].nunique(), 'summit')}: "
            f"a leader attended {_n(times['attended'], 'time')}, "
            f"a representative {_n(times['represented'], 'time')}"
        )
        if represented:
            text += f" ({join_and(represented)})"
        if times["absent"]:
            text += f", no one {_n(times['absent'], 'time')}"
        parts.append(text)
    if len(programmes):
        years = programmes["agreed"].str[:4]
        dated = years[years != ""]
        text = _n(len(programmes), "programme document")
        if len(dated):
            text += (
                f" agreed {dated.min()}–{dated.max()}" if dated.nunique() > 1 else f" agreed in {dated.min()}"
            )
        if len(dated) < len(programmes):
            text += f" ({len(programmes) - len(dated)} with no date in the sources)"
        parts.append(text)
    return "; ".join(parts) + "."


def reactions(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """How many statements, how many are governments' or organizations' own, their stances."""
    scope = _scope(ctx, f, countries="by or about", domains=False)  # reactions have no domain
    if df.empty:
        return f"No reactions{scope} in the years chosen."
    own = df[df["position"]]
    stances = own["stance"].value_counts().sort_values(ascending=False, kind="stable")
    said = _n(len(df), "statement") + scope
    if own.empty:
        return f"{said}, all from other voices, none by a government or an organization."
    text = (
        f"{said}: {len(own)} by governments and organizations"
        f" ({join_and(f'{v} {k}' for k, v in stances.items())}), {len(df) - len(own)} from other voices."
    )
    by_actor = own.groupby("actor_id")["stance_score"].mean()
    if len(by_actor):
        low, high = by_actor.min(), by_actor.max()
        if low < 0:
            text += f" Most opposed: {_names(ctx, by_actor[by_actor == low].index)}."
        if high > 0:
            text += f" Most supportive: {_names(ctx, by_actor[by_actor == high].index)}."
    return text


def _names(ctx, actors) -> str:
    return join_and(sorted(ctx.names.get(a, a) for a in actors))
