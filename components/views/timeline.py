"""Timeline: every event on a time axis, in lanes by domain or by actor."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components import filters, style
from components.filters import Filters
from components.i18n import ENGLISH, N_, Translator
from components.views import base
from components.views import timeline_marks as tm
from components.views.axes import date_axis
from components.views.base import ZOOM_2D, Option, View, fixed, said

HEIGHT = 850  # px, the placeholder's height (the default view's figure)
MAX_MARKS = 600  # above this many (event, lane) marks, one mark per lane, year and type
NEAR = 100  # marks closer than 1/NEAR of the axis's span overlap (16 px at 1,200 px): one mark


def records(ctx, f: Filters, options) -> pd.DataFrame:
    """The events a filter state keeps."""
    return filters.rows(ctx.ds, "events", f)


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
        attendance=tm.attendance(ctx.ds["ip4"], ctx.tr),
        theme=theme,
        tr=ctx.tr,
    )


def figure(
    df: pd.DataFrame,
    *,
    lanes: str = "domain",
    names: Mapping[str, str] | None = None,
    domain_labels: Mapping[str, str] | None = None,
    publishers: Mapping[str, str] | None = None,
    grades: Mapping[str, str] | None = None,
    type_labels: Mapping[str, str] | None = None,
    attendance: Mapping[tuple[str, str], tuple[str, str]] | None = None,
    title: str = "title",
    theme: str = style.LIGHT,
    tr: Translator = ENGLISH,
) -> go.Figure:
    """Events as markers on a date axis, one lane per domain (or per actor).

    Args:
        df: events (``events.csv`` frame, already filtered).
        lanes: ``"domain"`` or ``"actor"``.
        names, domain_labels, publishers: id → label lookups for lanes and hovers.
        grades: evidence grade code → label, for hovers.
        type_labels: event type → label, for the legend and hovers.
        attendance: (summit event, partner) → (attendance, who went) (see ``timeline_marks.attendance``).
        title: the column of the events' titles in the reader's language (``title``, ``title_ja``).
        theme: colour mode.
        tr: the reader's language, for every other word.
    """
    if df.empty:
        return style.empty_figure(tr._("No events match these filters."), theme)
    names, domain_labels, publishers, grades = (
        names or {},
        domain_labels or {},
        publishers or {},
        grades or {},
    )
    type_labels, attendance = type_labels or {}, attendance or {}
    rows = tm.lanes(df, lanes, names, domain_labels)
    if title != "title":
        rows = rows.assign(title=rows[title])
    order = rows.groupby("lane")["date_start"].min().sort_values(ascending=False).index.tolist()
    binned = len(rows) > MAX_MARKS
    if binned:
        marks = pd.concat(
            [
                tm.binned(group, type_labels.get(etype, etype), tr).assign(etype=etype, status="")
                for etype, group in rows.groupby("event_type", sort=True)
            ],
            ignore_index=True,
        )
    else:
        axis = date_axis(rows["date_start"].min(), rows["date_start"].max(), pad_days=365)
        span = pd.Timestamp(axis["range"][1]) - pd.Timestamp(axis["range"][0])
        marks = tm.marks(
            rows, type_labels, publishers, grades, attendance, max(span / NEAR, pd.Timedelta(days=1)), tr
        )
    data, keys = [], []
    # the most prominent types first: where two marks touch, plotly's hover picks the earlier trace
    kinds = sorted(marks.groupby(["etype", "status"]).groups, key=lambda k: (tm.priority(k[0]), k))
    for etype, status in kinds:
        group = marks[(marks["etype"] == etype) & (marks["status"] == status)]
        milestone = etype in tm.MILESTONE_TYPES
        summit = etype in tm.SUMMIT_TYPES
        size = 16 if milestone or summit else 10
        if status:  # a summit in the lane of a partner whose leader stayed away
            symbol, name = tm.ABSENCE_MARKS[status]
            name = tr._(name)
            color, size = style.MUTED, 13
        else:
            symbol, name = style.EVENT_SYMBOLS.get(etype, "circle"), type_labels.get(etype, etype)
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
                "x": group["x"].tolist(),
                "y": group["lane"].tolist(),
                "mode": "markers",
                "name": name,
                "legendgroup": f"{etype}:{status}",
                "showlegend": False,  # the key below shows the type at full strength
                "marker": {
                    "symbol": [style.hollow(symbol, g) for g in group["grade"]],
                    # a binned mark grows with its count (diameter ∝ count^¼), at most 1.6× (lanes
                    # are 40 px apart)
                    "size": [min(size * 1.6, size * c**0.25) for c in group["count"]] if binned else size,
                    "color": color,
                    "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
                    "opacity": [0.9 * style.GRADE_OPACITY[style.band(g)] for g in group["grade"]],
                },
                "customdata": [[i, "event"] for i in group["ids"]],
                "hovertext": group["hover"].tolist(),
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
                "legendgroup": f"{etype}:{status}",
                "marker": {"symbol": symbol, "size": min(size, 12), "color": color},
            }
        )
    data += keys + style.grade_legend(tr=tr)
    # lane names sit above their lane, inside the plot, so phones keep the full width for time
    lane_labels = [
        {
            "x": 0,
            "xref": "paper",
            "y": lane,
            "yref": "y",
            "yshift": 16,  # clear of a 16 px star in the lane below the label
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
                "text": tr.n_(
                    "{n:,} event, one mark per lane, year and type (larger: more events)",
                    "{n:,} events, one mark per lane, year and type (larger: more events)",
                    len(df),
                )
                if binned
                else "",
                "side": "top",
            }
        ),
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "hovermode": "closest",
        "clickmode": "event",
        "xaxis": {
            **date_axis(rows["date_start"].min(), rows["date_start"].max(), pad_days=365),
            "showgrid": True,
        },
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": order[::-1],
            "range": [-0.5, len(order) - 0.3],
            "showticklabels": False,
        },
    }
    return style.build_figure(data, layout, theme)


def describe(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``13 events involving South Korea, 2006–2025; most in 2022 (4); 4 summits and 3 programme
    milestones.`` (the busiest year only when one year has more than one event)."""
    tr = base.translator(ctx)
    if df.empty:
        return tr._("No events{scope} in the years chosen.", scope=base.scope(ctx, f))
    years = df["year"].astype(int)
    per_year = years.value_counts().sort_index()
    busiest = per_year.idxmax()  # the earliest of the busiest years
    kinds = df["event_type"]
    summits, milestones = int((kinds == "summit").sum()), int((kinds == "programme").sum())
    marks = tr.join(
        [
            base.some(summits, tr._("no summits"), tr.n_("{n} summit", "{n} summits", summits)),
            base.some(
                milestones,
                tr._("no programme milestones"),
                tr.n_("{n} programme milestone", "{n} programme milestones", milestones),
            ),
        ]
    )
    events = tr.n_("{n} event", "{n} events", len(df))
    scope = base.scope(ctx, f)
    if len(per_year) == 1:
        return tr._(
            "{events}{scope}, all in {year}; {marks}.", events=events, scope=scope, year=busiest, marks=marks
        )
    most = (
        tr._("most in {year} ({count}); ", year=busiest, count=per_year[busiest])
        if per_year[busiest] > 1
        else ""
    )
    return tr._(
        "{events}{scope}, {first}–{last}; {most}{marks}.",
        events=events,
        scope=scope,
        first=years.min(),
        last=years.max(),
        most=most,
        marks=marks,
    )


def evidence_rows(df: pd.DataFrame, ctx) -> dict:
    return {
        "record_id": df["event_id"],
        "date": df["date"],
        "title": df["title"],
        "summary": df["summary"],
        "actors": [base.actors(c + o, ctx) for c, o in zip(df["countries"], df["organizations"])],
        "domains": base.domains(df["domains"], ctx),
    }


VIEW = View(
    order=0,
    name="timeline",
    short=N_("Timeline"),
    title=said(N_("Timeline of Japan–NATO and IP4–NATO relations")),
    reading=said(
        N_(
            "Each mark is a dated event from the sources; stars are summits, large squares the "
            "IPCP → ITPP programme milestones. Click a mark to read its evidence."
        )
    ),
    description=N_("Scatter timeline of events by year, one lane per domain or actor."),
    describe=describe,
    modebar=ZOOM_2D,
    height=HEIGHT,
    records=records,
    chart=chart,
    evidence="events",
    kind="event",
    kind_label=N_("Event"),
    rows=evidence_rows,
    counter=N_("events"),
    option=Option(
        "lanes",
        "radio",
        fixed(("domain", N_("Lanes by domain")), ("actor", N_("Lanes by country / organization"))),
        lambda ds: "domain",
    ),
    wide=True,
)
