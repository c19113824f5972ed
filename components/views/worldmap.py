"""World map: NATO allies, IP4 partners and others, or each country's stance."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from components import filters, style
from components.filters import Filters
from components.i18n import ENGLISH, N_, Translator
from components.state import clicked_location
from components.views import base
from components.views.base import Option, View, fixed, number, said
from components.views.worldmap_stance import own_statements, stance_traces

HEIGHT = 380  # px, the figure and its placeholder
CONFIG = {"topojsonURL": "/assets/topojson/"}  # the base map, served by the app itself (air-gapped)
# the countries' groups (``countries.group``) in the legend and the hovers (msgids)
GROUP_LABELS = {
    "NATO ally": N_("NATO ally"),
    "IP4 partner": N_("IP4 partner"),
    "other partner": N_("other partner"),
    "other": N_("other"),
}


def records(ctx, f: Filters, options) -> pd.DataFrame:
    """The countries, or in stance mode the reactions that colour them."""
    return filters.rows(ctx.ds, "reactions", f) if options["mode"] == "stance" else ctx.ds["countries"]


def click(ctx, f: Filters, click_data) -> Filters:
    """A click on a country adds it to the country filter."""
    iso3 = clicked_location(click_data)
    if iso3 in ctx.names and iso3 not in f.countries:
        return replace(f, countries=(*f.countries, iso3))
    return f


def chart(ctx, df: pd.DataFrame, f: Filters, options, theme: str) -> go.Figure:
    return figure(
        ctx.ds["countries"],
        mode=options["mode"],
        reactions=filters.rows(ctx.ds, "reactions", f),
        selected=f.countries,
        grades=ctx.grades,
        names=ctx.names,
        theme=theme,
        tr=ctx.tr,
    )


def figure(
    countries: pd.DataFrame,
    *,
    mode: str = "group",
    reactions: pd.DataFrame | None = None,
    selected: Collection[str] = (),
    grades: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
    tr: Translator = ENGLISH,
) -> go.Figure:
    """Choropleth of countries by group, or by mean stance of their governments' statements.

    With a country filter, stance mode colours the selected countries by their own statements
    and the other governments by their reactions to the selection's cooperation (the rows
    ``filters.rows`` keeps, as in the reactions chart); hovers and the scale say which.

    Args:
        countries: ``countries.csv`` frame (all countries; the filter highlights).
        mode: ``"group"`` or ``"stance"``.
        reactions: filtered reactions (stance mode); only government statements count.
        selected: actor ids in the country filter (the reader's order); countries are outlined.
        grades: evidence grade code → label, for hovers.
        names: actor id → name, for the hovers and the selection in words (default: the
            countries' names).
        theme: colour mode.
        tr: the reader's language, for every other word.
    """
    selected = tuple(selected)
    names = names if names is not None else dict(zip(countries["iso3"], countries["name"]))
    annotations: list[dict] = []
    if mode == "stance":
        data = stance_traces(
            countries,
            reactions if reactions is not None else pd.DataFrame(),
            grades or {},
            theme,
            selected=selected,
            names=names,
            tr=tr,
        )
        if not data:
            annotations.append(_no_statements(tr))
    else:
        data = _group_traces(countries, theme, names, tr)
    if selected:
        data.append(_outline(countries, selected, theme, tr))
    return style.build_figure(data, _layout(annotations), theme)


def _no_statements(tr: Translator) -> dict:
    """The note in the middle of a stance map that no government statement is in view."""
    return {
        "text": tr._("No government statements match these filters."),
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"color": style.MUTED, "size": 14},
    }


def _outline(countries: pd.DataFrame, selected: tuple[str, ...], theme: str, tr: Translator) -> dict:
    """A transparent layer that outlines the countries in the filter, over either mode's colours."""
    sel = countries[countries["iso3"].isin(selected)]
    return {
        "type": "choropleth",
        "locations": sel["iso3"].tolist(),
        "z": [1] * len(sel),
        "locationmode": "ISO-3",
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False,
        "marker": {"line": {"color": style.ink(theme), "width": 2}},
        "hoverinfo": "skip",
        "name": tr._("Selected"),
    }


def _layout(annotations: list[dict]) -> dict:
    """The map's frame: a Natural Earth projection centred to keep the Indo-Pacific whole, the
    legend below, no margins."""
    return {
        "geo": {
            "projection": {"type": "natural earth", "rotation": {"lon": 20}},
            "lataxis": {"range": [-50, 82]},
            "showframe": False,
            "showcountries": True,
            "showland": True,
            "showocean": True,
            "resolution": 110,
        },
        "height": HEIGHT,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "legend": {"orientation": "h", "y": 0, "x": 0, "yanchor": "top", "title": {"text": ""}},
        "clickmode": "event",
        "annotations": annotations,
    }


def _group_traces(
    countries: pd.DataFrame, theme: str, names: Mapping[str, str], tr: Translator = ENGLISH
) -> list[dict]:
    """One choropleth per group of countries (NATO allies, IP4 partners, …), each in the legend,
    its hovers naming the group and the year a member joined NATO."""
    data = []
    for group, color in style.GROUP_COLORS.items():
        rows = countries[countries["group"] == group]
        if rows.empty:
            continue
        label = tr._(GROUP_LABELS.get(group, group))
        hover = [
            f"<b>{style.wrap(names.get(c, n), 40, 2)}</b><br>"
            + (tr._("{group} since {year}", group=label, year=int(y)) if pd.notna(y) else label)
            for c, n, y in zip(rows["iso3"], rows["name"], rows["nato_member_since"])
        ]
        data.append(
            {
                "type": "choropleth",
                "locations": rows["iso3"].tolist(),
                "z": [1] * len(rows),
                "locationmode": "ISO-3",
                "colorscale": [[0, color], [1, color]],
                "showscale": False,
                "marker": {"line": {"color": style.muted_line(theme), "width": 0.5}},
                "hovertext": hover,
                "hovertemplate": "%{hovertext}<extra></extra>",
                "name": label,
                "showlegend": True,
            }
        )
    return data


def describe(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """Group mode: how many allies and partners, which are outlined. Stance mode: which
    governments' statements are opposed, mixed or supportive on average."""
    tr = base.translator(ctx)
    if options["mode"] != "stance":
        groups = df["group"].value_counts()
        shown = set(df.loc[df["group"] == "IP4 partner", "iso3"])
        partners = [ctx.names[p] for p in ctx.partner_order if p in shown]
        allies, others = int(groups.get("NATO ally", 0)), int(groups.get("other partner", 0))
        rest = int(groups.get("other", 0))
        # each part first, then the sentence: a message's words are never built inside another's
        allies = base.some(allies, tr._("no NATO allies"), tr.n_("{n} NATO ally", "{n} NATO allies", allies))
        count = len(partners)
        named = tr._(" ({names})", names=tr.join(partners)) if partners else ""
        partners = base.some(
            count,
            tr._("no Indo-Pacific partners"),
            tr.n_("{n} Indo-Pacific partner", "{n} Indo-Pacific partners", count),
        )
        others = base.some(
            others, tr._("no other partners"), tr.n_("{n} other partner", "{n} other partners", others)
        )
        rest = base.some(
            rest, tr._("no other countries"), tr.n_("{n} other country", "{n} other countries", rest)
        )
        text = tr._(
            "{allies}; {partners}{named}; {other_partners}; {others} named in the data.",
            allies=allies,
            partners=partners,
            named=named,
            other_partners=others,
            others=rest,
        )
        if f.countries:
            outlined = tr._("Outlined: {actors}.", actors=base.selection_words(f.countries, ctx.names, tr=tr))
            text = base.sentences(tr, text, outlined)
        return text[0].upper() + text[1:]
    own = own_statements(df, ctx.ds["countries"])
    if own.empty:
        return tr._("No government statement is in view, so no country is coloured.")
    mean = own.groupby("actor_id")["stance_score"].mean()
    sides = [
        (tr._("opposed on average"), mean[mean < 0]),
        (tr._("mixed or neutral"), mean[mean == 0]),
        (tr._("supportive on average"), mean[mean > 0]),
    ]
    said = tr._("; ").join(
        tr._("{side}: {actors}", side=label, actors=base.names(ctx, side.index))
        for label, side in sides
        if len(side)
    )
    governments, statements = len(mean), len(own)
    return tr._(
        "{governments} coloured by {statements} of their own; {sides}.",
        governments=tr.n_("{n} government", "{n} governments", governments),
        statements=tr.n_("{n} statement", "{n} statements", statements),
        sides=said,
    )


VIEW = View(
    order=1,
    name="map",
    short=N_("Map"),
    title=said(N_("Who is who: allies, partners and the region")),
    reading=lambda ctx: ctx._(
        "NATO's {allies} allies and its {partners} Indo-Pacific partners; "
        "switch to see how governments react.",
        allies=ctx.ds["countries"]["nato_member_since"].notna().sum(),
        partners=number(len(ctx.partner_order), ctx.lang),
    ),
    description=N_(
        "World map coloured by NATO membership and IP4 partnership, "
        "or by governments' stance on NATO–Japan cooperation."
    ),
    describe=describe,
    modebar=("toImage", "zoomInGeo", "zoomOutGeo", "resetGeo"),
    height=HEIGHT,
    records=records,
    chart=chart,
    option=Option(
        "mode",
        "radio",
        fixed(("group", N_("Alliances and partners")), ("stance", N_("Regional reactions"))),
        lambda ds: "group",
        param="map",
    ),
    caption=lambda ctx, f: ctx._(
        "Click a country to add it to the filter. Boundaries are Natural Earth's "
        "1:110m de-facto lines and imply no position on disputed territories."
    ),
    click=click,
    config=CONFIG,
    traces=("choropleth",),
)
