"""Timeline: every event on a time axis, in lanes by domain or by actor."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go

from components import ids, style
from components.cards import card, graph

LANE_OPTIONS = (("domain", "Lanes by domain"), ("actor", "Lanes by country / organization"))
MILESTONE_TYPES = frozenset({"programme"})
SUMMIT_TYPES = frozenset({"summit"})


def layout() -> dbc.Col:
    controls = dbc.RadioItems(
        id=ids.TIMELINE_LANES,
        options=[{"label": label, "value": value} for value, label in LANE_OPTIONS],
        value="domain",
        inline=True,
        className="view-options",
    )
    return card(
        "timeline",
        "Timeline of Japan–NATO and IP4–NATO relations",
        "Each mark is a dated event from the sources; stars are summits, large squares the "
        "IPCP → ITPP programme milestones. Click a mark to read its evidence.",
        graph(
            ids.TIMELINE_GRAPH,
            "Scatter timeline of events by year, one lane per domain or actor.",
            height=850,
        ),
        controls=controls,
        wide=True,
    )


def _lanes(df: pd.DataFrame, lanes: str, names: Mapping[str, str], domain_labels: Mapping[str, str]):
    """One row per (event, lane): events that concern several lanes appear in each."""
    if lanes == "actor":
        keys = [c + o for c, o in zip(df["countries"], df["organizations"])]
        labels = names
    else:
        keys = list(df["domains"])
        labels = domain_labels
    out = df.assign(lane_key=keys).explode("lane_key")
    out = out[out["lane_key"].notna()]
    return out.assign(lane=[labels.get(k, k) for k in out["lane_key"]])


def figure(
    df: pd.DataFrame,
    *,
    lanes: str = "domain",
    names: Mapping[str, str] | None = None,
    domain_labels: Mapping[str, str] | None = None,
    publishers: Mapping[str, str] | None = None,
    selected: frozenset[str] = frozenset(),
    theme: str = style.LIGHT,
) -> go.Figure:
    """Events as markers on a date axis, one lane per domain (or per actor).

    Args:
        df: events (``events.csv`` frame, already filtered).
        lanes: ``"domain"`` or ``"actor"``.
        names, domain_labels, publishers: id → label lookups for lanes and hovers.
        selected: event ids to highlight.
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No events match these filters.", theme)
    names, domain_labels, publishers = names or {}, domain_labels or {}, publishers or {}
    rows = _lanes(df, lanes, names, domain_labels)
    order = rows.groupby("lane")["date_start"].min().sort_values(ascending=False).index.tolist()
    data = []
    for etype, group in rows.groupby("event_type", sort=True):
        milestone = etype in MILESTONE_TYPES
        summit = etype in SUMMIT_TYPES
        hover = [
            f"<b>{style.wrap(t, 50, 3)}</b><br>{d} · {style.EVENT_TYPE_LABELS.get(etype, etype)}"
            f"<br>Source: {style.wrap(publishers.get(s, s), 50, 2)}"
            for t, d, s in zip(group["title"], group["date"], group["source_id"])
        ]
        data.append(
            {
                "type": "scatter",
                "x": group["date_start"].dt.strftime("%Y-%m-%d").tolist(),
                "y": group["lane"].tolist(),
                "mode": "markers",
                "name": style.EVENT_TYPE_LABELS.get(etype, etype),
                "marker": {
                    "symbol": style.EVENT_SYMBOLS.get(etype, "circle"),
                    "size": 16 if milestone or summit else 10,
                    "color": style.FRAMEWORK_COLORS["ip4_itpp"]
                    if milestone
                    else style.HIGHLIGHT
                    if summit
                    else style.FRAMEWORK_COLORS["nato"],
                    "line": {
                        "width": [3 if e in selected else 1 for e in group["event_id"]],
                        "color": [
                            style.ink(theme) if e in selected else "rgba(255,255,255,0.8)"
                            for e in group["event_id"]
                        ],
                    },
                    "opacity": 0.9,
                },
                "customdata": [[e, "event"] for e in group["event_id"]],
                "hovertext": hover,
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    start = rows["date_start"].min() - pd.DateOffset(years=1)
    end = rows["date_start"].max() + pd.DateOffset(years=1)
    # lane names sit above their lane, inside the plot, so phones keep the full width for time
    lane_labels = [
        {
            "x": 0,
            "xref": "paper",
            "y": lane,
            "yref": "y",
            "yshift": 13,
            "text": style.wrap(lane, 80, 1),
            "showarrow": False,
            "xanchor": "left",
            "font": {"size": 11, "color": style.MUTED},
        }
        for lane in order
    ]
    layout = {
        "annotations": lane_labels,
        "height": max(280, 50 + 40 * len(order)),
        "legend": {"orientation": "h", "y": -0.12, "x": 0, "yanchor": "top", "title": {"text": ""}},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "hovermode": "closest",
        "clickmode": "event",
        "xaxis": {"type": "date", "range": [f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"], "showgrid": True},
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": order[::-1],
            "range": [-0.5, len(order) - 0.3],
            "showticklabels": False,
        },
    }
    return style.build_figure(data, layout, theme)
