"""Timeline: every event on a time axis, in lanes by domain or by actor."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components import style
from components.data import Filters, query

HEIGHT = 850  # px, the placeholder's height (the default view's figure)
MAX_MARKS = 600  # above this many (event, lane) marks, one mark per lane, year and type
BIN_IDS = 50  # event ids a binned mark carries for its click (the evidence table has all)
MILESTONE_TYPES = frozenset({"programme"})
SUMMIT_TYPES = frozenset({"summit"})


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


def records(ctx, f: Filters, options) -> pd.DataFrame:
    """The events a filter state keeps."""
    return query.events(ctx.ds, f)


def chart(ctx, df: pd.DataFrame, f: Filters, options, theme: str) -> go.Figure:
    """The figure of ``df`` with the dataset's lookups."""
    return figure(
        df,
        lanes=options["lanes"],
        names=ctx.names,
        domain_labels=ctx.domain_labels,
        publishers=ctx.publishers,
        grades=ctx.grades,
        type_labels=ctx.labels("events", "event_type"),
        theme=theme,
    )


def _marks(
    rows: pd.DataFrame, label: str, publishers: Mapping[str, str], grades: Mapping[str, str]
) -> pd.DataFrame:
    """One mark per event in ``rows`` (all of the type ``label`` names): x, lane, ids, count, grade, hover."""
    return pd.DataFrame(
        {
            "x": rows["date_start"].dt.strftime("%Y-%m-%d").tolist(),
            "lane": rows["lane"].tolist(),
            "ids": rows["event_id"].tolist(),
            "count": 1,
            "grade": rows["grade"].tolist(),
            "hover": [
                f"<b>{style.wrap(t, 50, 3)}</b><br>{display_date(d, p)} · {label}"
                f"<br>Source: {style.wrap(publishers.get(s, s), 50, 2)}"
                f"<br>Evidence: {grades.get(g, g)}"
                for t, d, p, s, g in zip(
                    rows["title"], rows["date"], rows["date_precision"], rows["source_id"], rows["grade"]
                )
            ],
        }
    )


def _binned(rows: pd.DataFrame, label: str) -> pd.DataFrame:
    """One mark per (lane, year) of ``rows``, at mid-year: the timeline at any data size
    draws at most lanes × years × event types marks. Hover names the first titles; the
    mark shows the best grade among its events."""
    marks = []
    for (lane, year), group in rows.groupby(["lane", rows["date_start"].dt.year], sort=True):
        titles = list(dict.fromkeys(group["title"]))
        listed = "<br>".join(f"· {style.wrap(t, 50, 1)}" for t in titles[:3])
        more = f"<br>… {len(titles) - 3} more titles" if len(titles) > 3 else ""
        marks.append(
            {
                "x": f"{year}-07-01",
                "lane": lane,
                "ids": ";".join(group["event_id"].iloc[:BIN_IDS]),
                "count": len(group),
                "grade": min(group["grade"]),
                "hover": f"<b>{len(group)} {label.lower()} event(s) in {year}</b>"
                f"<br>{style.wrap(lane, 50, 1)}<br>{listed}{more}",
            }
        )
    return pd.DataFrame(marks)


def display_date(value: str, precision: str) -> str:
    """A date as sourced: ``1990s`` for a decade, else the ISO value at its precision."""
    return f"{value}s" if precision == "decade" else value


def figure(
    df: pd.DataFrame,
    *,
    lanes: str = "domain",
    names: Mapping[str, str] | None = None,
    domain_labels: Mapping[str, str] | None = None,
    publishers: Mapping[str, str] | None = None,
    grades: Mapping[str, str] | None = None,
    type_labels: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
) -> go.Figure:
    """Events as markers on a date axis, one lane per domain (or per actor).

    Args:
        df: events (``events.csv`` frame, already filtered).
        lanes: ``"domain"`` or ``"actor"``.
        names, domain_labels, publishers: id → label lookups for lanes and hovers.
        grades: evidence grade code → label, for hovers.
        type_labels: event type → label, for the legend and hovers.
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No events match these filters.", theme)
    names, domain_labels, publishers, grades = (
        names or {},
        domain_labels or {},
        publishers or {},
        grades or {},
    )
    rows = _lanes(df, lanes, names, domain_labels)
    order = rows.groupby("lane")["date_start"].min().sort_values(ascending=False).index.tolist()
    binned = len(rows) > MAX_MARKS
    data, keys = [], []
    for etype, group in rows.groupby("event_type", sort=True):
        milestone = etype in MILESTONE_TYPES
        summit = etype in SUMMIT_TYPES
        size = 16 if milestone or summit else 10
        name = type_labels.get(etype, etype)
        marks = _binned(group, name) if binned else _marks(group, name, publishers, grades)
        symbol = style.EVENT_SYMBOLS.get(etype, "circle")
        color = (
            style.FRAMEWORK_COLORS["ip4_itpp"]
            if milestone
            else style.HIGHLIGHT
            if summit
            else style.FRAMEWORK_COLORS["nato"]
        )
        data.append(
            {
                "type": "scatter",
                "x": marks["x"].tolist(),
                "y": marks["lane"].tolist(),
                "mode": "markers",
                "name": name,
                "legendgroup": etype,
                "showlegend": False,  # the key below shows the type at full strength
                "marker": {
                    "symbol": [style.hollow(symbol, g) for g in marks["grade"]],
                    # a binned mark grows with its count (diameter ∝ count^¼), at most 1.6× (lanes
                    # are 40 px apart)
                    "size": [min(size * 1.6, size * c**0.25) for c in marks["count"]] if binned else size,
                    "color": color,
                    "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
                    "opacity": [0.9 * style.GRADE_OPACITY[style.band(g)] for g in marks["grade"]],
                },
                "customdata": [[i, "event"] for i in marks["ids"]],
                "hovertext": marks["hover"].tolist(),
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
        keys.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": name,
                "legendgroup": etype,
                "marker": {"symbol": symbol, "size": min(size, 12), "color": color},
            }
        )
    data += keys + style.grade_legend()
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
        "legend": style.foot_legend(
            # too many events for one mark each: say how they are grouped
            title={
                "text": f"{len(df):,} events, one mark per lane, year and type (larger: more events)"
                if binned
                else "",
                "side": "top",
            }
        ),
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
