"""Timeline: every event on a time axis, in lanes by domain or by actor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

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
    type_labels = type_labels or {}
    rows = tm.lanes(df, lanes, names or {}, domain_labels or {})
    if title != "title":
        rows = rows.assign(title=rows[title])
    order = rows.groupby("lane")["date_start"].min().sort_values(ascending=False).index.tolist()
    binned = len(rows) > MAX_MARKS
    if binned:
        marks = _binned_marks(rows, type_labels, tr)
    else:
        near = max(_span(rows) / NEAR, pd.Timedelta(days=1))
        marks = tm.marks(rows, type_labels, publishers or {}, grades or {}, attendance or {}, near, tr)
    data, keys = [], []
    # the most prominent types first: where two marks touch, plotly's hover picks the earlier trace
    kinds = sorted(marks.groupby(["etype", "status"]).groups, key=lambda k: (tm.priority(k[0]), k))
    for etype, status in kinds:
        look = _look(etype, status, type_labels, tr)
        group = marks[(marks["etype"] == etype) & (marks["status"] == status)]
        data.append(_mark_trace(group, f"{etype}:{status}", look, binned))
        keys.append(_key_trace(f"{etype}:{status}", look))
    data += keys + style.grade_legend(tr=tr)
    return style.build_figure(data, _layout(rows, order, binned, len(df), tr), theme)


class _Look(NamedTuple):
    """How one kind of mark (event type and attendance) is drawn, and its name in the key."""

    symbol: str
    name: str
    color: str
    size: int


def _axis(rows: pd.DataFrame) -> dict:
    """The date axis of ``rows``, padded a year each side."""
    return date_axis(rows["date_start"].min(), rows["date_start"].max(), pad_days=365)


def _span(rows: pd.DataFrame) -> pd.Timedelta:
    """The time the axis spans: marks closer than a fraction of it (``NEAR``) would overlap."""
    start, end = _axis(rows)["range"]
    return pd.Timestamp(end) - pd.Timestamp(start)


def _binned_marks(rows: pd.DataFrame, type_labels: Mapping[str, str], tr: Translator) -> pd.DataFrame:
    """One mark per lane, year and event type (``timeline_marks.binned`` for each type), for data
    too large to draw an event a mark."""
    return pd.concat(
        [
            tm.binned(group, type_labels.get(etype, etype), tr).assign(etype=etype, status="")
            for etype, group in rows.groupby("event_type", sort=True)
        ],
        ignore_index=True,
    )


def _look(etype: str, status: str, type_labels: Mapping[str, str], tr: Translator) -> _Look:
    """A kind's mark: summits and programme milestones large and in their own colours, the
    other types in NATO's; a summit in the lane of a partner whose leader stayed away
    (``status``) grey, in the symbol that says what happened."""
    milestone, summit = etype in tm.MILESTONE_TYPES, etype in tm.SUMMIT_TYPES
    if status:
        symbol, name = tm.ABSENCE_MARKS[status]
        return _Look(symbol, tr._(name), style.MUTED, 13)
    if milestone:
        color = style.FRAMEWORK_COLORS["ip4_itpp"]
    else:
        color = style.HIGHLIGHT if summit else style.FRAMEWORK_COLORS["nato"]
    symbol = style.EVENT_SYMBOLS.get(etype, "circle")
    return _Look(symbol, type_labels.get(etype, etype), color, 16 if milestone or summit else 10)


def _mark_trace(group: pd.DataFrame, legendgroup: str, look: _Look, binned: bool) -> dict:
    """The marks of one kind: hollow where the evidence is weak and fainter the weaker it is;
    each carries its hover and its events' ids for the evidence table."""
    size = look.size
    return {
        "type": "scatter",
        "x": group["x"].tolist(),
        "y": group["lane"].tolist(),
        "mode": "markers",
        "name": look.name,
        "legendgroup": legendgroup,
        "showlegend": False,  # the key below shows the type at full strength
        "marker": {
            "symbol": [style.hollow(look.symbol, g) for g in group["grade"]],
            # a binned mark grows with its count (diameter ∝ count^¼), at most 1.6× (lanes are 40 px apart)
            "size": [min(size * 1.6, size * c**0.25) for c in group["count"]] if binned else size,
            "color": look.color,
            "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
            "opacity": [0.9 * style.GRADE_OPACITY[style.band(g)] for g in group["grade"]],
        },
        "customdata": [[i, "event"] for i in group["ids"]],
        "hovertext": group["hover"].tolist(),
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def _key_trace(legendgroup: str, look: _Look) -> dict:
    """A kind's entry in the key: its mark solid, at full strength and at most 12 px."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "name": look.name,
        "legendgroup": legendgroup,
        "marker": {"symbol": look.symbol, "size": min(look.size, 12), "color": look.color},
    }


def _lane_labels(order: list[str]) -> list[dict]:
    """Lane names as annotations above their lane, inside the plot, so phones keep the full
    width for time (tick labels would take a column of it)."""
    return [
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


def _layout(rows: pd.DataFrame, order: list[str], binned: bool, count: int, tr: Translator) -> dict:
    """The layout: 40 px a lane, the lanes in ``order`` from the top, and the key at the foot,
    titled with how the marks are grouped when there are too many events for one mark each."""
    legend_title = (
        tr.n_(
            "{n:,} event, one mark per lane, year and type (larger: more events)",
            "{n:,} events, one mark per lane, year and type (larger: more events)",
            count,
        )
        if binned
        else ""
    )
    return {
        "annotations": _lane_labels(order),
        "height": max(280, 50 + 40 * len(order)),
        "legend": style.foot_legend(title={"text": legend_title, "side": "top"}),
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "hovermode": "closest",
        "clickmode": "event",
        "xaxis": {**_axis(rows), "showgrid": True},
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": order[::-1],
            "range": [-0.5, len(order) - 0.3],
            "showticklabels": False,
        },
    }


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
